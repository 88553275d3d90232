-- sangtao schema, migration 8: search at province scale (issue 14).
--
-- The index proposal_fts (002) again, smaller and with longer prefixes.  A
-- search is an AND of word prefixes, one column filter at most (the title):
-- it never asks where in a column a word stands, so the index keeps the
-- columns each word is in (detail = column) and not its positions: half the
-- size, and each word's list reads in a third of the time.  Every typed word
-- is a prefix, and a word of 4 to 6 letters ("quan", "chuyen") merged the
-- lists of every word it begins (make bench: 'quan ly dat dai' 41 ms); their
-- prefix lists are now kept too.  The rows are copied from the old index,
-- already folded; the triggers of 002 keep the new one, which has its name.
CREATE VIRTUAL TABLE proposal_fts_v8 USING fts5(
    code, title, people, units, body,
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '1 2 3 4 5 6',
    detail = column
);
INSERT INTO proposal_fts_v8(rowid, code, title, people, units, body)
    SELECT rowid, code, title, people, units, body FROM proposal_fts;
DROP TABLE proposal_fts;
-- The triggers name proposal_fts: the legacy rename leaves them as written.
PRAGMA legacy_alter_table = ON;
ALTER TABLE proposal_fts_v8 RENAME TO proposal_fts;
PRAGMA legacy_alter_table = OFF;

-- The title and proposers' names as written, marks and all (case aside: the
-- tokenizer folds it), for a query typed with marks: "Đặng" ranks first the
-- proposals whose title or proposer has a word "Đặng", then those with a word
-- beginning with it, before the others that match without marks ("đang",
-- "đảng").  search_exact() scored each match by reading its text (0.5 s for
-- 34 000 matches); this index gives the same score from two lookups a word.
CREATE VIEW proposal_marks_src AS
SELECT p.id AS id, p.title AS title,
       coalesce((SELECT group_concat(pe.full_name, ' ') FROM proposers pr
                 JOIN people pe ON pe.id = pr.person_id
                 WHERE pr.proposal_id = p.id AND pr.deleted = 0), '') AS people
FROM proposals p
WHERE p.deleted = 0;

CREATE VIRTUAL TABLE proposal_marks USING fts5(
    title, people,
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '1 2 3 4',
    detail = none
);

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

CREATE TRIGGER proposers_marks_ai AFTER INSERT ON proposers BEGIN
    DELETE FROM proposal_marks WHERE rowid = NEW.proposal_id;
    INSERT INTO proposal_marks(rowid, title, people)
        SELECT id, title, people FROM proposal_marks_src WHERE id = NEW.proposal_id;
END;

CREATE TRIGGER proposers_marks_au AFTER UPDATE ON proposers BEGIN
    DELETE FROM proposal_marks WHERE rowid IN (OLD.proposal_id, NEW.proposal_id);
    INSERT INTO proposal_marks(rowid, title, people)
        SELECT id, title, people FROM proposal_marks_src
        WHERE id IN (OLD.proposal_id, NEW.proposal_id);
END;

CREATE TRIGGER proposers_marks_ad AFTER DELETE ON proposers BEGIN
    DELETE FROM proposal_marks WHERE rowid = OLD.proposal_id;
    INSERT INTO proposal_marks(rowid, title, people)
        SELECT id, title, people FROM proposal_marks_src WHERE id = OLD.proposal_id;
END;

CREATE TRIGGER people_marks_au AFTER UPDATE OF full_name ON people BEGIN
    DELETE FROM proposal_marks WHERE rowid IN
        (SELECT proposal_id FROM proposers WHERE person_id = NEW.id);
    INSERT INTO proposal_marks(rowid, title, people)
        SELECT id, title, people FROM proposal_marks_src
        WHERE id IN (SELECT proposal_id FROM proposers WHERE person_id = NEW.id);
END;

INSERT INTO proposal_marks(rowid, title, people)
    SELECT id, title, people FROM proposal_marks_src;
