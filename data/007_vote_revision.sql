-- A vote belongs to the revision it was taken on (Decree 73 Art. 8(1); issue
-- #13 items 3 and 5), and the head's vote at a tie is never assumed.
--
-- votes.head_vote was NOT NULL DEFAULT 'for': a vote recorded without the
-- head's opinion silently counted as "for".  It becomes nullable (empty stays
-- empty); rows already stored keep the value they have.  votes.revision is the
-- proposal's revision when the vote was taken: 1 plus the resubmissions of the
-- proposal before the vote's event (resubmit is the only step that bumps
-- proposals.revision), so a vote of an earlier round is never taken for the
-- current one.  SQLite cannot change a column's constraint in place: the table
-- is rebuilt with the same ids, and its index recreated.
CREATE TABLE votes_new (
    id              INTEGER PRIMARY KEY NOT NULL,
    proposal_id     INTEGER NOT NULL REFERENCES proposals(id),
    event_id        INTEGER NOT NULL REFERENCES events(id),
    vote_date       TEXT NOT NULL,
    members         INTEGER NOT NULL,
    votes_for       INTEGER NOT NULL,
    votes_against   INTEGER NOT NULL,
    abstain         INTEGER NOT NULL,
    head_vote       TEXT CHECK (head_vote IN ('for','against')),
    deputy_excluded INTEGER NOT NULL DEFAULT 0,
    passed          INTEGER NOT NULL,
    revision        INTEGER NOT NULL DEFAULT 1,
    deleted         INTEGER NOT NULL DEFAULT 0
);
INSERT INTO votes_new(id, proposal_id, event_id, vote_date, members, votes_for,
                      votes_against, abstain, head_vote, deputy_excluded, passed,
                      revision, deleted)
SELECT v.id, v.proposal_id, v.event_id, v.vote_date, v.members, v.votes_for,
       v.votes_against, v.abstain, v.head_vote, v.deputy_excluded, v.passed,
       1 + (SELECT count(*) FROM events e WHERE e.proposal_id = v.proposal_id
            AND e.action = 'resubmit' AND e.id < v.event_id),
       v.deleted
FROM votes v;
DROP TABLE votes;
ALTER TABLE votes_new RENAME TO votes;
CREATE INDEX votes_proposal ON votes(proposal_id, revision);
