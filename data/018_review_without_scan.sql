-- sangtao schema, migration 18: the periodic review without reading every
-- proposal of the province nor every undated replication (issue 14).

-- The day each replication counts on in the review: its document's date, or
-- the local day it was recorded when it has none (its event's time).  The
-- review listed the period's replications by looking up the event of each
-- of the 18 800 undated ones at 100 000 proposals (18 ms of a quarter's
-- review); from here it reads the period's days only.  Kept by the triggers
-- below from the replications' rows, as report_counts is (014_counts.sql);
-- `sangtao counts check` compares it with its recount and `counts rebuild`
-- writes it again (src/flow/counts.c).  Derived data, never sent
-- (src/store/capture.c).
CREATE TABLE replication_days (
    id          INTEGER PRIMARY KEY NOT NULL,   -- replications.id
    day         TEXT NOT NULL,
    proposal_id INTEGER NOT NULL
);
CREATE INDEX replication_days_day ON replication_days(day, id, proposal_id);
INSERT INTO replication_days(id, day, proposal_id)
    SELECT id, d, proposal_id FROM (SELECT r.id, r.proposal_id, coalesce(r.doc_date,
        (SELECT date(e.at, 'localtime') FROM events e WHERE e.id = r.event_id)) AS d
        FROM replications r WHERE r.deleted = 0) WHERE d IS NOT NULL;
CREATE TRIGGER replication_days_ai AFTER INSERT ON replications WHEN NEW.deleted = 0 BEGIN
    INSERT OR REPLACE INTO replication_days(id, day, proposal_id)
        SELECT NEW.id, d, NEW.proposal_id FROM (SELECT coalesce(NEW.doc_date,
            (SELECT date(e.at, 'localtime') FROM events e WHERE e.id = NEW.event_id)) AS d)
        WHERE d IS NOT NULL;
END;
CREATE TRIGGER replication_days_au AFTER UPDATE ON replications BEGIN
    DELETE FROM replication_days WHERE id = OLD.id;
    INSERT OR REPLACE INTO replication_days(id, day, proposal_id)
        SELECT NEW.id, d, NEW.proposal_id FROM (SELECT coalesce(NEW.doc_date,
            (SELECT date(e.at, 'localtime') FROM events e WHERE e.id = NEW.event_id)) AS d)
        WHERE d IS NOT NULL AND NEW.deleted = 0;
END;
CREATE TRIGGER replication_days_ad AFTER DELETE ON replications BEGIN
    DELETE FROM replication_days WHERE id = OLD.id;
END;
DROP INDEX events_replication;

-- The month-end stocks (017_report_and_lists.sql) carry what the review
-- needs of each proposal in them: its units (the group it is shown under),
-- its planned end and decision (the late pilots), and whether it counts
-- (live: not deleted, and started as its state is now).  The review then
-- reads the stocks of its two months (30 000 rows at 100 000 proposals)
-- instead of the 100 000 proposals (30 ms of every review).  Written by the
-- maintenance (src/report/report_stock.c) and kept equal to the proposals
-- by the triggers below; an older state change still takes its months out.
DELETE FROM stock_at;
DELETE FROM stock_done;
ALTER TABLE stock_at ADD COLUMN employing_unit_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stock_at ADD COLUMN competent_unit_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stock_at ADD COLUMN period_to TEXT;
ALTER TABLE stock_at ADD COLUMN pilot INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stock_at ADD COLUMN live INTEGER NOT NULL DEFAULT 0;
CREATE INDEX stock_at_proposal ON stock_at(proposal_id);
-- live: the same states as the review's is_started (src/report/report_stock.c).
-- A state change rewrites the rows only when it starts or un-starts the
-- proposal (never in the workflow, whose states go forward): each row of a
-- proposal sits on another month's page.
CREATE TRIGGER stock_proposals_au AFTER UPDATE OF employing_unit_id, competent_unit_id,
    period_to, decision_kind, state, deleted ON proposals
    WHEN NEW.employing_unit_id IS NOT OLD.employing_unit_id
      OR NEW.competent_unit_id IS NOT OLD.competent_unit_id
      OR NEW.period_to IS NOT OLD.period_to OR NEW.decision_kind IS NOT OLD.decision_kind
      OR NEW.deleted IS NOT OLD.deleted
      OR (NEW.state IN ('implementing', 'suspended', 'terminated', 'reported', 'evaluated',
          'replication_proposed', 'replicated', 'closed')) IS NOT
         (OLD.state IN ('implementing', 'suspended', 'terminated', 'reported', 'evaluated',
          'replication_proposed', 'replicated', 'closed')) BEGIN
    UPDATE stock_at SET employing_unit_id = NEW.employing_unit_id,
        competent_unit_id = NEW.competent_unit_id, period_to = NEW.period_to,
        pilot = coalesce(NEW.decision_kind = 'pilot', 0),
        live = NEW.deleted = 0 AND NEW.state IN ('implementing', 'suspended', 'terminated',
            'reported', 'evaluated', 'replication_proposed', 'replicated', 'closed')
        WHERE proposal_id = NEW.id;
END;
CREATE TRIGGER stock_proposals_ad AFTER DELETE ON proposals BEGIN
    DELETE FROM stock_at WHERE proposal_id = OLD.id;
END;
-- A proposal applied after its own state changes (the exchange): the
-- months after its first one are counted from the events until rewritten.
CREATE TRIGGER stock_proposals_ai AFTER INSERT ON proposals BEGIN
    DELETE FROM stock_done WHERE bound > (SELECT min(at) FROM events
        WHERE proposal_id = NEW.id AND to_state IS NOT NULL);
END;

-- The listed proposals' units and deletion beside their code and title: the
-- lists of the review find the unit each is shown under without the
-- proposals read in full.
DROP INDEX proposals_brief;
CREATE INDEX proposals_brief
    ON proposals(id, code, title, employing_unit_id, competent_unit_id, deleted);

-- The review of a whole province (its unit a root) over whole months reads
-- the facts by month and by the units its groups are (the root's children):
-- report_counts' rows by day and unit pair summed (165 000 rows for a year
-- and the one before at 100 000 proposals, 64 000 here).  Kept from
-- report_counts by the triggers below; a unit moved (its path changed)
-- takes the whole table out (report_months_done emptied) until `sangtao
-- maintain` or `counts rebuild` writes it again, and the review reads the
-- days meanwhile.  Rows whose n comes back to 0 stay (the review adds 0).
CREATE VIEW unit_tops(id, root_id, top_id) AS
    SELECT id, CAST(substr(path, 2, instr(substr(path, 2), '/') - 1) AS INTEGER),
        CAST(CASE WHEN instr(substr(path, 2 + instr(substr(path, 2), '/')), '/') = 0
             THEN substr(path, 2, instr(substr(path, 2), '/') - 1)
             ELSE substr(substr(path, 2 + instr(substr(path, 2), '/')), 1,
                         instr(substr(path, 2 + instr(substr(path, 2), '/')), '/') - 1) END
             AS INTEGER)
    FROM units;
CREATE TABLE report_months (
    month          TEXT NOT NULL,           -- YYYY-MM of report_counts.day
    employing_root INTEGER NOT NULL,
    employing_top  INTEGER NOT NULL,        -- the root's child on the unit's path (or the root)
    competent_root INTEGER NOT NULL,
    competent_top  INTEGER NOT NULL,
    field_id       INTEGER NOT NULL,
    source         TEXT NOT NULL,
    what           TEXT NOT NULL,
    damage         INTEGER NOT NULL,
    measure        TEXT NOT NULL,
    n              INTEGER NOT NULL,
    PRIMARY KEY (month, employing_root, employing_top, competent_root, competent_top, field_id,
                 source, what, damage, measure)
) WITHOUT ROWID;
CREATE TABLE report_months_done (one INTEGER PRIMARY KEY CHECK (one = 1));
CREATE TRIGGER report_months_ai AFTER INSERT ON report_counts BEGIN
    INSERT INTO report_months
        SELECT substr(NEW.day, 1, 7), e.root_id, e.top_id, k.root_id, k.top_id, NEW.field_id,
            NEW.source, NEW.what, NEW.damage, NEW.measure, NEW.n
        FROM unit_tops e, unit_tops k
        WHERE e.id = NEW.employing_unit_id AND k.id = NEW.competent_unit_id
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER report_months_au AFTER UPDATE ON report_counts BEGIN
    INSERT INTO report_months
        SELECT substr(OLD.day, 1, 7), e.root_id, e.top_id, k.root_id, k.top_id, OLD.field_id,
            OLD.source, OLD.what, OLD.damage, OLD.measure, -OLD.n
        FROM unit_tops e, unit_tops k
        WHERE e.id = OLD.employing_unit_id AND k.id = OLD.competent_unit_id
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO report_months
        SELECT substr(NEW.day, 1, 7), e.root_id, e.top_id, k.root_id, k.top_id, NEW.field_id,
            NEW.source, NEW.what, NEW.damage, NEW.measure, NEW.n
        FROM unit_tops e, unit_tops k
        WHERE e.id = NEW.employing_unit_id AND k.id = NEW.competent_unit_id
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER report_months_ad AFTER DELETE ON report_counts BEGIN
    INSERT INTO report_months
        SELECT substr(OLD.day, 1, 7), e.root_id, e.top_id, k.root_id, k.top_id, OLD.field_id,
            OLD.source, OLD.what, OLD.damage, OLD.measure, -OLD.n
        FROM unit_tops e, unit_tops k
        WHERE e.id = OLD.employing_unit_id AND k.id = OLD.competent_unit_id
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER report_months_units_au AFTER UPDATE OF path ON units
    WHEN NEW.path IS NOT OLD.path BEGIN
    DELETE FROM report_months_done;
END;
INSERT INTO report_months
    SELECT substr(c.day, 1, 7), e.root_id, e.top_id, k.root_id, k.top_id, c.field_id, c.source,
        c.what, c.damage, c.measure, sum(c.n)
    FROM report_counts c JOIN unit_tops e ON e.id = c.employing_unit_id
        JOIN unit_tops k ON k.id = c.competent_unit_id
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;
INSERT INTO report_months_done(one) VALUES (1);
