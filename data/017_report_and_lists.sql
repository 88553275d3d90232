-- sangtao schema, migration 17: what the periodic review and the list read
-- (issue 14).  First, the proposals running or suspended at each month's
-- end, for the periodic review.
--
-- The review counts the proposals running and suspended at the end of its
-- period and of the one before, and lists the late ones.  The state at a
-- moment is the last state change before it, so every review read all the
-- state changes of the province (553 000 at 100 000 proposals: 110 ms of a
-- quarter's 217).  A period of months ends at a month's end; for each month
-- that has closed, `sangtao maintain` writes here the proposals in those two
-- states at its end (src/report/report_stock.c), and the review reads them.
--
-- bound: the instant the month ends, as the review computes it (the UTC
-- time of the next month's local midnight, report_utc_bound).  A month is
-- usable while its bound is in stock_done: a state change recorded before
-- the bound after the month was written (an office's older change applied
-- by the exchange, a correction) takes it out, and the review counts that
-- month from the events again until the next maintenance rewrites it.
-- Derived data, never sent (src/store/capture.c).
CREATE TABLE stock_at (
    bound       TEXT NOT NULL,
    proposal_id INTEGER NOT NULL,
    state       INTEGER NOT NULL,      -- 1 implementing, 2 suspended
    PRIMARY KEY (bound, proposal_id)
) WITHOUT ROWID;
CREATE TABLE stock_done (
    bound      TEXT PRIMARY KEY NOT NULL,
    written_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TRIGGER stock_events_ai AFTER INSERT ON events
    WHEN NEW.to_state IS NOT NULL AND NEW.proposal_id IS NOT NULL BEGIN
    DELETE FROM stock_done WHERE bound > NEW.at;
END;
-- Events are append-only; an office's seed cuts them with the triggers off
-- and empties both tables itself (src/sync/seed.c).
CREATE TRIGGER stock_events_ad AFTER DELETE ON events
    WHEN OLD.to_state IS NOT NULL AND OLD.proposal_id IS NOT NULL BEGIN
    DELETE FROM stock_done WHERE bound > OLD.at;
END;

-- The code and title of the review's listed proposals (the late ones, the
-- rejected and returned, replications, commendations: 31 000 rows in a
-- province's year) read from an index of 14 MB instead of from the table's
-- rows of 3.5 KB each with their long texts: the late pilots of a quarter
-- 48 → 31 ms, the year's lists 77 → 60 ms (make bench).  Named with
-- INDEXED BY in src/report/ (the planner takes the row id otherwise).
CREATE INDEX proposals_brief ON proposals(id, code, title);

-- The time an undated replication was recorded (the review counts it on
-- that day): 18 800 of them at 100 000 proposals, each read from the
-- events' rows with their JSON (45 ms of a quarter's review); from this
-- index, 4 ms.  The actions that record a replication (src/flow/workflow.c).
CREATE INDEX events_replication ON events(id, at)
    WHERE action IN ('propose_replication', 'replicate', 'decline_replication');

-- A state chosen in the list, sorted by code, title or deadline: the
-- state's rows in that order, each with its units for the scope's test, so
-- a page is a walk that stops (make bench, 100 000 proposals, the
-- 15 000 'implementing' sorted by code: 149 ms for the province's clerk, 36
-- for a district's, both now 3 ms; the load run's slowest Enter).  The
-- latest-first order has proposals_state already; a small scope finds its
-- rows through its units (src/flow/proposal_list.c).
CREATE INDEX proposals_state_code
    ON proposals(state, code, employing_unit_id, competent_unit_id, deleted);
CREATE INDEX proposals_state_title
    ON proposals(state, title_key, employing_unit_id, competent_unit_id, deleted);
CREATE INDEX proposals_state_due
    ON proposals(state, due_date IS NULL, due_date, employing_unit_id, competent_unit_id, deleted);

-- A proposal's events by time: the recent activity of a small scope's home
-- screen takes the latest of its proposals' events from the index alone,
-- then reads those eight rows (a commune's clerk: every one of its 4 000
-- events was read from the table to sort them, 3 of the 5 ms of a return
-- to the home screen).  It replaces events_proposal(proposal_id, id): a
-- proposal's events in id order are a sort of a few dozen.
CREATE INDEX events_proposal_at ON events(proposal_id, at, id);
DROP INDEX events_proposal;
