-- sangtao schema, migration 15: a new proposal indexed once (issue 14).
--
-- The search indexes (proposal_fts, 002/008, and proposal_marks, 008) are
-- kept by triggers on proposals and on proposers.  Creating a proposal with
-- its lead and two co-authors ran them seven times: once for the row, then a
-- delete and a fresh insert of the whole text for each proposer — most of
-- the cost of a create (the bench's generator spent a quarter of its time
-- there).  While the core writes a proposal and its proposers in one go
-- (create, edit: src/flow/proposal.c) it holds these triggers back with
-- index_held(), a function of its own connection (src/store/db.c), and
-- indexes the proposal once at the end.  Every other writer — the exchange
-- applying an office's rows, a person renamed, a soft delete — finds
-- index_held() false and keeps the indexes as before.

DROP TRIGGER proposals_fts_ai;
CREATE TRIGGER proposals_fts_ai AFTER INSERT ON proposals WHEN NOT index_held() BEGIN
    INSERT INTO proposal_fts(rowid, code, title, people, units, body)
        SELECT id, code, title, people, units, body FROM proposal_fts_src WHERE id = NEW.id;
END;

DROP TRIGGER proposals_marks_ai;
CREATE TRIGGER proposals_marks_ai AFTER INSERT ON proposals WHEN NOT index_held() BEGIN
    INSERT INTO proposal_marks(rowid, title, people)
        SELECT id, title, people FROM proposal_marks_src WHERE id = NEW.id;
END;

DROP TRIGGER proposers_fts_ai;
CREATE TRIGGER proposers_fts_ai AFTER INSERT ON proposers WHEN NOT index_held() BEGIN
    DELETE FROM proposal_fts WHERE rowid = NEW.proposal_id;
    INSERT INTO proposal_fts(rowid, code, title, people, units, body)
        SELECT id, code, title, people, units, body FROM proposal_fts_src
        WHERE id = NEW.proposal_id;
END;

DROP TRIGGER proposers_marks_ai;
CREATE TRIGGER proposers_marks_ai AFTER INSERT ON proposers WHEN NOT index_held() BEGIN
    DELETE FROM proposal_marks WHERE rowid = NEW.proposal_id;
    INSERT INTO proposal_marks(rowid, title, people)
        SELECT id, title, people FROM proposal_marks_src WHERE id = NEW.proposal_id;
END;

DROP TRIGGER proposers_fts_au;
CREATE TRIGGER proposers_fts_au AFTER UPDATE ON proposers WHEN NOT index_held() BEGIN
    DELETE FROM proposal_fts WHERE rowid IN (OLD.proposal_id, NEW.proposal_id);
    INSERT INTO proposal_fts(rowid, code, title, people, units, body)
        SELECT id, code, title, people, units, body FROM proposal_fts_src
        WHERE id IN (OLD.proposal_id, NEW.proposal_id);
END;

DROP TRIGGER proposers_marks_au;
CREATE TRIGGER proposers_marks_au AFTER UPDATE ON proposers WHEN NOT index_held() BEGIN
    DELETE FROM proposal_marks WHERE rowid IN (OLD.proposal_id, NEW.proposal_id);
    INSERT INTO proposal_marks(rowid, title, people)
        SELECT id, title, people FROM proposal_marks_src
        WHERE id IN (OLD.proposal_id, NEW.proposal_id);
END;
