-- Decree 73 rules of issue #13 (items 9 and 10): the collective's vote on the
-- evaluation, who sat, and the adjustment decisions of a pilot.
--
-- votes.stage: 'review' (Art. 8(1), the vote on the plan; every row stored so
-- far) or 'evaluation' (the collective evaluating the result, recorded by
-- `evaluate`).  votes.attendees: who sat (names, free text); '' for the rows
-- stored so far, which said only how many members there were.  Both columns
-- have defaults that keep every existing row valid.
ALTER TABLE votes ADD COLUMN stage TEXT NOT NULL DEFAULT 'review'
    CHECK (stage IN ('review', 'evaluation'));
ALTER TABLE votes ADD COLUMN attendees TEXT NOT NULL DEFAULT '';

-- The plan II.2(5): the competent level may adjust a pilot by decision —
-- extend its period, change its scope or its resources.  One row per
-- decision (`adjust`); period_to_old keeps the end it replaced, so the report
-- deadline it moved can be traced.  Replicated between sites like decisions.
CREATE TABLE adjustments (
    id               INTEGER PRIMARY KEY NOT NULL,
    proposal_id      INTEGER NOT NULL REFERENCES proposals(id),
    event_id         INTEGER NOT NULL REFERENCES events(id),
    doc_no           TEXT NOT NULL,
    doc_date         TEXT NOT NULL,
    signer           TEXT NOT NULL,
    reason           TEXT NOT NULL,
    period_to_old    TEXT,
    period_to        TEXT,
    scope_change     TEXT NOT NULL DEFAULT '',
    resources_change TEXT NOT NULL DEFAULT '',
    deleted          INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX adjustments_proposal ON adjustments(proposal_id);
