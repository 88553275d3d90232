-- sangtao schema, migration 14: counts kept with the data (issue 14).
--
-- The home screen counted its proposals by state on every return to it (a
-- scan of 100 000 index entries, 25-47 ms for a user scoped to a unit), and
-- the periodic review read every fact of its two periods from six tables and
-- looked each one's proposal up (665 ms for a year at 100 000 proposals).
-- The counts below are kept by triggers in the same transaction as each
-- write, also when the exchange applies an office's rows, so the screens
-- read small tables.  They are derived data, never sent (the local list of
-- src/store/capture.c); `sangtao check` compares them with a recount from
-- the rows and `sangtao check --reindex` rebuilds them (src/flow/counts.c).

-- Live proposals by employing unit, competent unit and state.
CREATE TABLE proposal_counts (
    employing_unit_id INTEGER NOT NULL,
    competent_unit_id INTEGER NOT NULL,
    state             TEXT NOT NULL,
    n                 INTEGER NOT NULL,
    PRIMARY KEY (employing_unit_id, competent_unit_id, state)
) WITHOUT ROWID;
-- A small scope reads its units' rows by either unit (src/flow/stats.c).
CREATE INDEX proposal_counts_competent ON proposal_counts(competent_unit_id);
INSERT INTO proposal_counts
    SELECT employing_unit_id, competent_unit_id, state, count(*) FROM proposals
    WHERE deleted = 0 GROUP BY 1, 2, 3;

CREATE TRIGGER proposal_counts_ai AFTER INSERT ON proposals WHEN NEW.deleted = 0 BEGIN
    INSERT INTO proposal_counts VALUES (NEW.employing_unit_id, NEW.competent_unit_id, NEW.state, 1)
        ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER proposal_counts_ad AFTER DELETE ON proposals WHEN OLD.deleted = 0 BEGIN
    UPDATE proposal_counts SET n = n - 1 WHERE employing_unit_id = OLD.employing_unit_id
        AND competent_unit_id = OLD.competent_unit_id AND state = OLD.state;
    DELETE FROM proposal_counts WHERE employing_unit_id = OLD.employing_unit_id
        AND competent_unit_id = OLD.competent_unit_id AND state = OLD.state AND n = 0;
END;
CREATE TRIGGER proposal_counts_au AFTER UPDATE OF state, deleted, employing_unit_id,
    competent_unit_id ON proposals
    WHEN OLD.state IS NOT NEW.state OR OLD.deleted IS NOT NEW.deleted
      OR OLD.employing_unit_id IS NOT NEW.employing_unit_id
      OR OLD.competent_unit_id IS NOT NEW.competent_unit_id BEGIN
    UPDATE proposal_counts SET n = n - 1 WHERE OLD.deleted = 0
        AND employing_unit_id = OLD.employing_unit_id
        AND competent_unit_id = OLD.competent_unit_id AND state = OLD.state;
    DELETE FROM proposal_counts WHERE employing_unit_id = OLD.employing_unit_id
        AND competent_unit_id = OLD.competent_unit_id AND state = OLD.state AND n = 0;
    INSERT INTO proposal_counts
        SELECT NEW.employing_unit_id, NEW.competent_unit_id, NEW.state, 1 WHERE NEW.deleted = 0
        ON CONFLICT DO UPDATE SET n = n + 1;
END;

-- The facts the periodic review counts (src/report/report_periodic.c), one
-- row per proposal and fact: its local date, where it comes from and what it
-- says.  The same rules as the review's own queries: events of five actions
-- by their local date, the rows not deleted, an undated replication on the
-- day it was recorded.  Local dates are the server's: every program on it
-- runs in the same time zone.
CREATE VIEW report_facts(proposal_id, day, source, what, damage, measure) AS
    SELECT proposal_id, date(at, 'localtime'), 'event', action, 0, '' FROM events
        WHERE action IN ('submit', 'return', 'start', 'suspend', 'terminate')
        AND proposal_id IS NOT NULL
    UNION ALL SELECT proposal_id, doc_date, 'decision', kind, 0, '' FROM decisions
        WHERE deleted = 0 AND doc_date IS NOT NULL
    UNION ALL SELECT proposal_id, report_date, 'report', 'report', 0, '' FROM result_reports
        WHERE deleted = 0 AND report_date IS NOT NULL
    UNION ALL SELECT proposal_id, meeting_date, 'evaluation', outcome, damage <> 0,
        protection_measure FROM evaluations WHERE deleted = 0 AND meeting_date IS NOT NULL
    UNION ALL SELECT r.proposal_id, coalesce(r.doc_date, (SELECT date(e.at, 'localtime')
        FROM events e WHERE e.id = r.event_id)), 'replication', r.kind, 0, '' FROM replications r
        WHERE r.deleted = 0 AND (r.doc_date IS NOT NULL OR r.event_id IS NOT NULL)
    UNION ALL SELECT proposal_id, doc_date, 'commendation', form, 0, '' FROM commendations
        WHERE deleted = 0 AND doc_date IS NOT NULL;

-- … counted by day and by what the review shows them under (units, field:
-- 0 when none is given).  A period is a range of days.
CREATE TABLE report_counts (
    day               TEXT NOT NULL,
    employing_unit_id INTEGER NOT NULL,
    competent_unit_id INTEGER NOT NULL,
    field_id          INTEGER NOT NULL,
    source            TEXT NOT NULL,
    what              TEXT NOT NULL,
    damage            INTEGER NOT NULL,
    measure           TEXT NOT NULL,
    n                 INTEGER NOT NULL,
    PRIMARY KEY (day, employing_unit_id, competent_unit_id, field_id, source, what, damage,
                 measure)
) WITHOUT ROWID;
INSERT INTO report_counts
    SELECT f.day, p.employing_unit_id, p.competent_unit_id, coalesce(p.field_id, 0), f.source,
        f.what, f.damage, f.measure, count(*)
    FROM report_facts f JOIN proposals p ON p.id = f.proposal_id
    WHERE p.deleted = 0 AND f.day IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;

-- A proposal's facts move when its units, field or deletion change (and
-- appear when the exchange applies a proposal after its rows).
CREATE TRIGGER report_counts_p_ai AFTER INSERT ON proposals WHEN NEW.deleted = 0 BEGIN
    INSERT INTO report_counts
        SELECT day, NEW.employing_unit_id, NEW.competent_unit_id, coalesce(NEW.field_id, 0),
            source, what, damage, measure, count(*) FROM report_facts
        WHERE proposal_id = NEW.id AND day IS NOT NULL GROUP BY 1, 5, 6, 7, 8
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER report_counts_p_au AFTER UPDATE OF employing_unit_id, competent_unit_id,
    field_id, deleted ON proposals
    WHEN OLD.employing_unit_id IS NOT NEW.employing_unit_id
      OR OLD.competent_unit_id IS NOT NEW.competent_unit_id
      OR OLD.field_id IS NOT NEW.field_id OR OLD.deleted IS NOT NEW.deleted BEGIN
    INSERT INTO report_counts
        SELECT day, OLD.employing_unit_id, OLD.competent_unit_id, coalesce(OLD.field_id, 0),
            source, what, damage, measure, -count(*) FROM report_facts
        WHERE proposal_id = OLD.id AND day IS NOT NULL AND OLD.deleted = 0
        GROUP BY 1, 5, 6, 7, 8
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO report_counts
        SELECT day, NEW.employing_unit_id, NEW.competent_unit_id, coalesce(NEW.field_id, 0),
            source, what, damage, measure, count(*) FROM report_facts
        WHERE proposal_id = NEW.id AND day IS NOT NULL AND NEW.deleted = 0
        GROUP BY 1, 5, 6, 7, 8
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
    DELETE FROM report_counts WHERE n = 0
        AND day IN (SELECT day FROM report_facts WHERE proposal_id = OLD.id);
END;
CREATE TRIGGER report_counts_p_ad AFTER DELETE ON proposals WHEN OLD.deleted = 0 BEGIN
    INSERT INTO report_counts
        SELECT day, OLD.employing_unit_id, OLD.competent_unit_id, coalesce(OLD.field_id, 0),
            source, what, damage, measure, -count(*) FROM report_facts
        WHERE proposal_id = OLD.id AND day IS NOT NULL GROUP BY 1, 5, 6, 7, 8
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
    DELETE FROM report_counts WHERE n = 0
        AND day IN (SELECT day FROM report_facts WHERE proposal_id = OLD.id);
END;

-- Each fact as its row is written: added, taken back, or both (an edit).  The
-- zero rows left go at once, so the table holds only what counts.
CREATE TRIGGER report_counts_decisions_ai AFTER INSERT ON decisions BEGIN
    INSERT INTO report_counts
        SELECT d, p.employing_unit_id, p.competent_unit_id, coalesce(p.field_id, 0),
            'decision', NEW.kind, 0, '', 1
        FROM (SELECT NEW.doc_date AS d) JOIN proposals p ON p.id = NEW.proposal_id
        WHERE p.deleted = 0 AND d IS NOT NULL AND NEW.deleted = 0 AND NEW.doc_date IS NOT NULL
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER report_counts_decisions_au AFTER UPDATE ON decisions BEGIN
    INSERT INTO report_counts
        SELECT d, p.employing_unit_id, p.competent_unit_id, coalesce(p.field_id, 0),
            'decision', OLD.kind, 0, '', -1
        FROM (SELECT OLD.doc_date AS d) JOIN proposals p ON p.id = OLD.proposal_id
        WHERE p.deleted = 0 AND d IS NOT NULL AND OLD.deleted = 0 AND OLD.doc_date IS NOT NULL
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO report_counts
        SELECT d, p.employing_unit_id, p.competent_unit_id, coalesce(p.field_id, 0),
            'decision', NEW.kind, 0, '', 1
        FROM (SELECT NEW.doc_date AS d) JOIN proposals p ON p.id = NEW.proposal_id
        WHERE p.deleted = 0 AND d IS NOT NULL AND NEW.deleted = 0 AND NEW.doc_date IS NOT NULL
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
    DELETE FROM report_counts WHERE n = 0 AND day = OLD.doc_date;
END;
CREATE TRIGGER report_counts_decisions_ad AFTER DELETE ON decisions BEGIN
    INSERT INTO report_counts
        SELECT d, p.employing_unit_id, p.competent_unit_id, coalesce(p.field_id, 0),
            'decision', OLD.kind, 0, '', -1
        FROM (SELECT OLD.doc_date AS d) JOIN proposals p ON p.id = OLD.proposal_id
        WHERE p.deleted = 0 AND d IS NOT NULL AND OLD.deleted = 0 AND OLD.doc_date IS NOT NULL
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
    DELETE FROM report_counts WHERE n = 0 AND day = OLD.doc_date;
END;
CREATE TRIGGER report_counts_result_reports_ai AFTER INSERT ON result_reports BEGIN
    INSERT INTO report_counts
        SELECT d, p.employing_unit_id, p.competent_unit_id, coalesce(p.field_id, 0),
            'report', 'report', 0, '', 1
        FROM (SELECT NEW.report_date AS d) JOIN proposals p ON p.id = NEW.proposal_id
        WHERE p.deleted = 0 AND d IS NOT NULL AND NEW.deleted = 0 AND NEW.report_date IS NOT NULL
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER report_counts_result_reports_au AFTER UPDATE ON result_reports BEGIN
    INSERT INTO report_counts
        SELECT d, p.employing_unit_id, p.competent_unit_id, coalesce(p.field_id, 0),
            'report', 'report', 0, '', -1
        FROM (SELECT OLD.report_date AS d) JOIN proposals p ON p.id = OLD.proposal_id
        WHERE p.deleted = 0 AND d IS NOT NULL AND OLD.deleted = 0 AND OLD.report_date IS NOT NULL
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO report_counts
        SELECT d, p.employing_unit_id, p.competent_unit_id, coalesce(p.field_id, 0),
            'report', 'report', 0, '', 1
        FROM (SELECT NEW.report_date AS d) JOIN proposals p ON p.id = NEW.proposal_id
        WHERE p.deleted = 0 AND d IS NOT NULL AND NEW.deleted = 0 AND NEW.report_date IS NOT NULL
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
    DELETE FROM report_counts WHERE n = 0 AND day = OLD.report_date;
END;
CREATE TRIGGER report_counts_result_reports_ad AFTER DELETE ON result_reports BEGIN
    INSERT INTO report_counts
        SELECT d, p.employing_unit_id, p.competent_unit_id, coalesce(p.field_id, 0),
            'report', 'report', 0, '', -1
        FROM (SELECT OLD.report_date AS d) JOIN proposals p ON p.id = OLD.proposal_id
        WHERE p.deleted = 0 AND d IS NOT NULL AND OLD.deleted = 0 AND OLD.report_date IS NOT NULL
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
    DELETE FROM report_counts WHERE n = 0 AND day = OLD.report_date;
END;
CREATE TRIGGER report_counts_evaluations_ai AFTER INSERT ON evaluations BEGIN
    INSERT INTO report_counts
        SELECT d, p.employing_unit_id, p.competent_unit_id, coalesce(p.field_id, 0),
            'evaluation', NEW.outcome, NEW.damage <> 0, NEW.protection_measure, 1
        FROM (SELECT NEW.meeting_date AS d) JOIN proposals p ON p.id = NEW.proposal_id
        WHERE p.deleted = 0 AND d IS NOT NULL AND NEW.deleted = 0 AND NEW.meeting_date IS NOT NULL
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER report_counts_evaluations_au AFTER UPDATE ON evaluations BEGIN
    INSERT INTO report_counts
        SELECT d, p.employing_unit_id, p.competent_unit_id, coalesce(p.field_id, 0),
            'evaluation', OLD.outcome, OLD.damage <> 0, OLD.protection_measure, -1
        FROM (SELECT OLD.meeting_date AS d) JOIN proposals p ON p.id = OLD.proposal_id
        WHERE p.deleted = 0 AND d IS NOT NULL AND OLD.deleted = 0 AND OLD.meeting_date IS NOT NULL
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO report_counts
        SELECT d, p.employing_unit_id, p.competent_unit_id, coalesce(p.field_id, 0),
            'evaluation', NEW.outcome, NEW.damage <> 0, NEW.protection_measure, 1
        FROM (SELECT NEW.meeting_date AS d) JOIN proposals p ON p.id = NEW.proposal_id
        WHERE p.deleted = 0 AND d IS NOT NULL AND NEW.deleted = 0 AND NEW.meeting_date IS NOT NULL
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
    DELETE FROM report_counts WHERE n = 0 AND day = OLD.meeting_date;
END;
CREATE TRIGGER report_counts_evaluations_ad AFTER DELETE ON evaluations BEGIN
    INSERT INTO report_counts
        SELECT d, p.employing_unit_id, p.competent_unit_id, coalesce(p.field_id, 0),
            'evaluation', OLD.outcome, OLD.damage <> 0, OLD.protection_measure, -1
        FROM (SELECT OLD.meeting_date AS d) JOIN proposals p ON p.id = OLD.proposal_id
        WHERE p.deleted = 0 AND d IS NOT NULL AND OLD.deleted = 0 AND OLD.meeting_date IS NOT NULL
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
    DELETE FROM report_counts WHERE n = 0 AND day = OLD.meeting_date;
END;
CREATE TRIGGER report_counts_replications_ai AFTER INSERT ON replications BEGIN
    INSERT INTO report_counts
        SELECT d, p.employing_unit_id, p.competent_unit_id, coalesce(p.field_id, 0),
            'replication', NEW.kind, 0, '', 1
        FROM (SELECT coalesce(NEW.doc_date, (SELECT date(e.at, 'localtime') FROM events e WHERE e.id = NEW.event_id)) AS d) JOIN proposals p ON p.id = NEW.proposal_id
        WHERE p.deleted = 0 AND d IS NOT NULL AND NEW.deleted = 0 AND (NEW.doc_date IS NOT NULL OR NEW.event_id IS NOT NULL)
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER report_counts_replications_au AFTER UPDATE ON replications BEGIN
    INSERT INTO report_counts
        SELECT d, p.employing_unit_id, p.competent_unit_id, coalesce(p.field_id, 0),
            'replication', OLD.kind, 0, '', -1
        FROM (SELECT coalesce(OLD.doc_date, (SELECT date(e.at, 'localtime') FROM events e WHERE e.id = OLD.event_id)) AS d) JOIN proposals p ON p.id = OLD.proposal_id
        WHERE p.deleted = 0 AND d IS NOT NULL AND OLD.deleted = 0 AND (OLD.doc_date IS NOT NULL OR OLD.event_id IS NOT NULL)
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO report_counts
        SELECT d, p.employing_unit_id, p.competent_unit_id, coalesce(p.field_id, 0),
            'replication', NEW.kind, 0, '', 1
        FROM (SELECT coalesce(NEW.doc_date, (SELECT date(e.at, 'localtime') FROM events e WHERE e.id = NEW.event_id)) AS d) JOIN proposals p ON p.id = NEW.proposal_id
        WHERE p.deleted = 0 AND d IS NOT NULL AND NEW.deleted = 0 AND (NEW.doc_date IS NOT NULL OR NEW.event_id IS NOT NULL)
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
    DELETE FROM report_counts WHERE n = 0 AND day = coalesce(OLD.doc_date, (SELECT date(e.at, 'localtime') FROM events e WHERE e.id = OLD.event_id));
END;
CREATE TRIGGER report_counts_replications_ad AFTER DELETE ON replications BEGIN
    INSERT INTO report_counts
        SELECT d, p.employing_unit_id, p.competent_unit_id, coalesce(p.field_id, 0),
            'replication', OLD.kind, 0, '', -1
        FROM (SELECT coalesce(OLD.doc_date, (SELECT date(e.at, 'localtime') FROM events e WHERE e.id = OLD.event_id)) AS d) JOIN proposals p ON p.id = OLD.proposal_id
        WHERE p.deleted = 0 AND d IS NOT NULL AND OLD.deleted = 0 AND (OLD.doc_date IS NOT NULL OR OLD.event_id IS NOT NULL)
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
    DELETE FROM report_counts WHERE n = 0 AND day = coalesce(OLD.doc_date, (SELECT date(e.at, 'localtime') FROM events e WHERE e.id = OLD.event_id));
END;
CREATE TRIGGER report_counts_commendations_ai AFTER INSERT ON commendations BEGIN
    INSERT INTO report_counts
        SELECT d, p.employing_unit_id, p.competent_unit_id, coalesce(p.field_id, 0),
            'commendation', NEW.form, 0, '', 1
        FROM (SELECT NEW.doc_date AS d) JOIN proposals p ON p.id = NEW.proposal_id
        WHERE p.deleted = 0 AND d IS NOT NULL AND NEW.deleted = 0 AND NEW.doc_date IS NOT NULL
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER report_counts_commendations_au AFTER UPDATE ON commendations BEGIN
    INSERT INTO report_counts
        SELECT d, p.employing_unit_id, p.competent_unit_id, coalesce(p.field_id, 0),
            'commendation', OLD.form, 0, '', -1
        FROM (SELECT OLD.doc_date AS d) JOIN proposals p ON p.id = OLD.proposal_id
        WHERE p.deleted = 0 AND d IS NOT NULL AND OLD.deleted = 0 AND OLD.doc_date IS NOT NULL
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO report_counts
        SELECT d, p.employing_unit_id, p.competent_unit_id, coalesce(p.field_id, 0),
            'commendation', NEW.form, 0, '', 1
        FROM (SELECT NEW.doc_date AS d) JOIN proposals p ON p.id = NEW.proposal_id
        WHERE p.deleted = 0 AND d IS NOT NULL AND NEW.deleted = 0 AND NEW.doc_date IS NOT NULL
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
    DELETE FROM report_counts WHERE n = 0 AND day = OLD.doc_date;
END;
CREATE TRIGGER report_counts_commendations_ad AFTER DELETE ON commendations BEGIN
    INSERT INTO report_counts
        SELECT d, p.employing_unit_id, p.competent_unit_id, coalesce(p.field_id, 0),
            'commendation', OLD.form, 0, '', -1
        FROM (SELECT OLD.doc_date AS d) JOIN proposals p ON p.id = OLD.proposal_id
        WHERE p.deleted = 0 AND d IS NOT NULL AND OLD.deleted = 0 AND OLD.doc_date IS NOT NULL
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
    DELETE FROM report_counts WHERE n = 0 AND day = OLD.doc_date;
END;
CREATE TRIGGER report_counts_events_ai AFTER INSERT ON events BEGIN
    INSERT INTO report_counts
        SELECT d, p.employing_unit_id, p.competent_unit_id, coalesce(p.field_id, 0),
            'event', NEW.action, 0, '', 1
        FROM (SELECT date(NEW.at, 'localtime') AS d) JOIN proposals p ON p.id = NEW.proposal_id
        WHERE p.deleted = 0 AND d IS NOT NULL AND NEW.action IN ('submit', 'return', 'start', 'suspend', 'terminate')
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER report_counts_events_ad AFTER DELETE ON events BEGIN
    INSERT INTO report_counts
        SELECT d, p.employing_unit_id, p.competent_unit_id, coalesce(p.field_id, 0),
            'event', OLD.action, 0, '', -1
        FROM (SELECT date(OLD.at, 'localtime') AS d) JOIN proposals p ON p.id = OLD.proposal_id
        WHERE p.deleted = 0 AND d IS NOT NULL AND OLD.action IN ('submit', 'return', 'start', 'suspend', 'terminate')
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
    DELETE FROM report_counts WHERE n = 0 AND day = date(OLD.at, 'localtime');
END;
