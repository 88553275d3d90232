-- Speed at province scale (issue #3, make bench; tests/bench/README.md).  Each
-- index below was chosen with EXPLAIN QUERY PLAN on the generated province
-- (100 000 proposals, 1 000 000 events); the database has no statistics
-- (no ANALYZE), so every index must be one the planner cannot misuse.
--
-- proposals_report (004) began with `deleted`: the planner took it for every
-- list ("deleted = 0" is an equality) and sorted the whole table instead of
-- walking the index of the ORDER BY; the first page of the list went from
-- 0.1 ms to 240 ms.  Its columns live on in proposals_narrow, led by the id:
-- the periodic report reads its proposals in id order from it, and a search
-- reads the few columns it filters and ranks on without the long texts.
DROP INDEX proposals_report;
CREATE INDEX proposals_narrow ON proposals(id, deleted, updated_at, employing_unit_id,
    competent_unit_id, state, field_id, period_to, decision_kind);

-- Sort by title: an ORDER BY over COLLATE vi sorts every row (250 ms).  The
-- column holds vn_sortkey(title), bytes that order exactly as COLLATE vi
-- does (src/vnsort.c), kept by triggers and indexed, so the list walks the
-- index and stops after a page.  A plain column and index, not an index on an
-- expression or a collation, so that a program without sangtao's functions
-- (the sqlite3 shell, a backup check) can still read and check the file.
ALTER TABLE proposals ADD COLUMN title_key BLOB;
UPDATE proposals SET title_key = vn_sortkey(title);
CREATE INDEX proposals_title ON proposals(title_key);
CREATE TRIGGER proposals_title_key_ai AFTER INSERT ON proposals BEGIN
    UPDATE proposals SET title_key = vn_sortkey(NEW.title) WHERE id = NEW.id;
END;
CREATE TRIGGER proposals_title_key_au AFTER UPDATE OF title ON proposals BEGIN
    UPDATE proposals SET title_key = vn_sortkey(NEW.title) WHERE id = NEW.id;
END;

-- Sort by due date (undated last, each way) and by state, through an index.
CREATE INDEX proposals_due_asc ON proposals(due_date IS NULL, due_date);
CREATE INDEX proposals_due_desc ON proposals(due_date IS NULL, due_date DESC, id DESC);
CREATE INDEX proposals_state_sort ON proposals(state);

-- Overdue clocks (home screen, deadline report): counted from the index
-- alone, with the scope's units; only the rows shown read the table.
DROP INDEX proposals_due;
CREATE INDEX proposals_overdue ON proposals(due_date, employing_unit_id, competent_unit_id,
    deleted) WHERE due_date IS NOT NULL;

-- The periodic report's facts by date, each index covering its count.
DROP INDEX decisions_date;
CREATE INDEX decisions_date ON decisions(doc_date, kind, proposal_id, deleted);
DROP INDEX result_reports_date;
CREATE INDEX result_reports_date ON result_reports(report_date, proposal_id, deleted);
DROP INDEX evaluations_date;
CREATE INDEX evaluations_date ON evaluations(meeting_date, proposal_id, deleted, outcome,
    damage, protection_measure);
DROP INDEX commendations_date;
CREATE INDEX commendations_date ON commendations(doc_date, proposal_id, deleted, form);
CREATE INDEX replications_date ON replications(doc_date, proposal_id, deleted, kind, event_id);
