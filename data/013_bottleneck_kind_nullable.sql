-- Leave empty what the user left empty (issue 12, item 9): a proposal whose
-- bottleneck kind nobody chose was stored as 'other' (NOT NULL DEFAULT
-- 'other').  The column becomes nullable, without a default; rows already
-- stored keep the value they have (an 'other' of the past cannot be told
-- from a chosen one).
--
-- SQLite cannot change a column's constraint in place: the table is rebuilt
-- with the same ids and rows (the 12-step procedure of the SQLite manual),
-- then every index and trigger it had (001, 002 search, 003, 006 speed, 008
-- marks) is created again.  No RENAME: the views proposal_fts_src and
-- proposal_marks_src and the trigger units_fts_au name "proposals", and a
-- rename checks them while that name is missing.  Dropping the parent of
-- every proposal_id deletes its rows as far as foreign keys can see, so the
-- checks wait for the commit (defer_foreign_keys), by which time the same
-- ids are back.  Triggers are created after the copy: the search index
-- (proposal_fts, proposal_marks, keyed by the same ids) is left as it is,
-- and title_key is copied.
PRAGMA defer_foreign_keys = ON;
CREATE TABLE proposals_old AS SELECT * FROM proposals;
DROP TABLE proposals;
CREATE TABLE proposals (
    id                  INTEGER PRIMARY KEY NOT NULL,
    code                TEXT NOT NULL UNIQUE,     -- per site: BD-2026-0042
    title               TEXT NOT NULL,
    field_id            INTEGER REFERENCES fields(id),
    employing_unit_id   INTEGER NOT NULL REFERENCES units(id),
    competent_unit_id   INTEGER NOT NULL REFERENCES units(id),
    state               TEXT NOT NULL DEFAULT 'draft',
    bottleneck          TEXT NOT NULL DEFAULT '',
    bottleneck_kind     TEXT      -- NULL: not given
                        CHECK (bottleneck_kind IN ('not_regulated','unsuitable','other')),
    necessity           TEXT NOT NULL DEFAULT '',  -- necessity, purpose, requirements
    content             TEXT NOT NULL DEFAULT '',  -- content, tasks, solutions
    scope_implementers  TEXT NOT NULL DEFAULT '',
    period_from         TEXT,
    period_to           TEXT,
    funding_requested   INTEGER NOT NULL DEFAULT 0 CHECK (funding_requested >= 0), -- VND
    people_requested    TEXT NOT NULL DEFAULT '',
    equipment_requested TEXT NOT NULL DEFAULT '',
    feasibility         TEXT NOT NULL DEFAULT '',
    scientific_basis    TEXT NOT NULL DEFAULT '',
    practical_basis     TEXT NOT NULL DEFAULT '',
    legal_basis         TEXT NOT NULL DEFAULT '',
    impact_positive     TEXT NOT NULL DEFAULT '',
    impact_negative     TEXT NOT NULL DEFAULT '',
    expected_effect     TEXT NOT NULL DEFAULT '',
    risks               TEXT NOT NULL DEFAULT '',  -- risks and mitigation
    decision_kind       TEXT CHECK (decision_kind IN ('implement','pilot')),
    received_date       TEXT,
    due_date            TEXT,            -- the running working-day deadline, if any
    due_kind            TEXT,            -- review | report | evaluation
    revision            INTEGER NOT NULL DEFAULT 1,  -- bumped by each resubmission
    created_by          INTEGER REFERENCES users(id),
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    version             INTEGER NOT NULL DEFAULT 1,
    deleted             INTEGER NOT NULL DEFAULT 0,
    title_key           BLOB      -- vn_sortkey(title), migration 006
);
INSERT INTO proposals(id, code, title, field_id, employing_unit_id, competent_unit_id, state, bottleneck, bottleneck_kind, necessity, content, scope_implementers, period_from, period_to, funding_requested, people_requested, equipment_requested, feasibility, scientific_basis, practical_basis, legal_basis, impact_positive, impact_negative, expected_effect, risks, decision_kind, received_date, due_date, due_kind, revision, created_by, created_at, updated_at, version, deleted, title_key)
SELECT id, code, title, field_id, employing_unit_id, competent_unit_id, state, bottleneck, bottleneck_kind, necessity, content, scope_implementers, period_from, period_to, funding_requested, people_requested, equipment_requested, feasibility, scientific_basis, practical_basis, legal_basis, impact_positive, impact_negative, expected_effect, risks, decision_kind, received_date, due_date, due_kind, revision, created_by, created_at, updated_at, version, deleted, title_key
FROM proposals_old ORDER BY id;
DROP TABLE proposals_old;
CREATE INDEX proposals_state ON proposals(state, updated_at);
CREATE INDEX proposals_employing ON proposals(employing_unit_id);
CREATE INDEX proposals_competent ON proposals(competent_unit_id);
CREATE INDEX proposals_field ON proposals(field_id);
CREATE TRIGGER proposals_fts_ai AFTER INSERT ON proposals BEGIN
    INSERT INTO proposal_fts(rowid, code, title, people, units, body)
        SELECT id, code, title, people, units, body FROM proposal_fts_src WHERE id = NEW.id;
END;
CREATE TRIGGER proposals_fts_au AFTER UPDATE OF
    code, title, employing_unit_id, competent_unit_id, deleted, bottleneck,
    necessity, content, scope_implementers, people_requested,
    equipment_requested, feasibility, scientific_basis, practical_basis,
    legal_basis, impact_positive, impact_negative, expected_effect, risks
ON proposals BEGIN
    DELETE FROM proposal_fts WHERE rowid = OLD.id;
    INSERT INTO proposal_fts(rowid, code, title, people, units, body)
        SELECT id, code, title, people, units, body FROM proposal_fts_src WHERE id = NEW.id;
END;
CREATE TRIGGER proposals_fts_ad AFTER DELETE ON proposals BEGIN
    DELETE FROM proposal_fts WHERE rowid = OLD.id;
END;
CREATE INDEX proposals_updated ON proposals(updated_at, id);
CREATE INDEX proposals_counts ON proposals(state, employing_unit_id, competent_unit_id, deleted);
CREATE INDEX proposals_narrow ON proposals(id, deleted, updated_at, employing_unit_id,
    competent_unit_id, state, field_id, period_to, decision_kind);
CREATE INDEX proposals_title ON proposals(title_key);
CREATE TRIGGER proposals_title_key_ai AFTER INSERT ON proposals BEGIN
    UPDATE proposals SET title_key = vn_sortkey(NEW.title) WHERE id = NEW.id;
END;
CREATE TRIGGER proposals_title_key_au AFTER UPDATE OF title ON proposals BEGIN
    UPDATE proposals SET title_key = vn_sortkey(NEW.title) WHERE id = NEW.id;
END;
CREATE INDEX proposals_due_asc ON proposals(due_date IS NULL, due_date);
CREATE INDEX proposals_due_desc ON proposals(due_date IS NULL, due_date DESC, id DESC);
CREATE INDEX proposals_state_sort ON proposals(state);
CREATE INDEX proposals_overdue ON proposals(due_date, employing_unit_id, competent_unit_id,
    deleted) WHERE due_date IS NOT NULL;
CREATE TRIGGER proposals_marks_ai AFTER INSERT ON proposals BEGIN
    INSERT INTO proposal_marks(rowid, title, people)
        SELECT id, title, people FROM proposal_marks_src WHERE id = NEW.id;
END;
CREATE TRIGGER proposals_marks_au AFTER UPDATE OF title, deleted ON proposals BEGIN
    DELETE FROM proposal_marks WHERE rowid = OLD.id;
    INSERT INTO proposal_marks(rowid, title, people)
        SELECT id, title, people FROM proposal_marks_src WHERE id = NEW.id;
END;
CREATE TRIGGER proposals_marks_ad AFTER DELETE ON proposals BEGIN
    DELETE FROM proposal_marks WHERE rowid = OLD.id;
END;
