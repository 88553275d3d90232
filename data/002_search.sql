-- sangtao schema, migration 2: search.
-- proposal_fts indexes each live proposal's code, title, proposers' names,
-- units (code, name, short name of the employing and competent units) and
-- content fields, all folded by fold() (case, tone and vowel marks, đ → d;
-- registered in C on every connection, see src/db_text.c).  Triggers keep it
-- in step with every write; `sangtao check --reindex` rebuilds it.  The
-- rowid is the proposal's id.

CREATE VIRTUAL TABLE proposal_fts USING fts5(
    code, title, people, units, body,
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '1 2 3'
);

-- What the index holds for each live proposal.
CREATE VIEW proposal_fts_src AS
SELECT p.id AS id,
       fold(p.code) AS code,
       fold(p.title) AS title,
       fold(coalesce((SELECT group_concat(pe.full_name, ' ') FROM proposers pr
                      JOIN people pe ON pe.id = pr.person_id
                      WHERE pr.proposal_id = p.id AND pr.deleted = 0), '')) AS people,
       fold(eu.code || ' ' || eu.name || ' ' || eu.short_name || ' ' ||
            cu.code || ' ' || cu.name || ' ' || cu.short_name) AS units,
       fold(p.bottleneck || ' ' || p.necessity || ' ' || p.content || ' ' ||
            p.scope_implementers || ' ' || p.people_requested || ' ' ||
            p.equipment_requested || ' ' || p.feasibility || ' ' ||
            p.scientific_basis || ' ' || p.practical_basis || ' ' ||
            p.legal_basis || ' ' || p.impact_positive || ' ' ||
            p.impact_negative || ' ' || p.expected_effect || ' ' || p.risks) AS body
FROM proposals p
JOIN units eu ON eu.id = p.employing_unit_id
JOIN units cu ON cu.id = p.competent_unit_id
WHERE p.deleted = 0;

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

CREATE TRIGGER proposers_fts_ai AFTER INSERT ON proposers BEGIN
    DELETE FROM proposal_fts WHERE rowid = NEW.proposal_id;
    INSERT INTO proposal_fts(rowid, code, title, people, units, body)
        SELECT id, code, title, people, units, body FROM proposal_fts_src
        WHERE id = NEW.proposal_id;
END;

CREATE TRIGGER proposers_fts_au AFTER UPDATE ON proposers BEGIN
    DELETE FROM proposal_fts WHERE rowid IN (OLD.proposal_id, NEW.proposal_id);
    INSERT INTO proposal_fts(rowid, code, title, people, units, body)
        SELECT id, code, title, people, units, body FROM proposal_fts_src
        WHERE id IN (OLD.proposal_id, NEW.proposal_id);
END;

CREATE TRIGGER proposers_fts_ad AFTER DELETE ON proposers BEGIN
    DELETE FROM proposal_fts WHERE rowid = OLD.proposal_id;
    INSERT INTO proposal_fts(rowid, code, title, people, units, body)
        SELECT id, code, title, people, units, body FROM proposal_fts_src
        WHERE id = OLD.proposal_id;
END;

CREATE TRIGGER people_fts_au AFTER UPDATE OF full_name ON people BEGIN
    DELETE FROM proposal_fts WHERE rowid IN
        (SELECT proposal_id FROM proposers WHERE person_id = NEW.id);
    INSERT INTO proposal_fts(rowid, code, title, people, units, body)
        SELECT id, code, title, people, units, body FROM proposal_fts_src
        WHERE id IN (SELECT proposal_id FROM proposers WHERE person_id = NEW.id);
END;

CREATE TRIGGER units_fts_au AFTER UPDATE OF code, name, short_name ON units BEGIN
    DELETE FROM proposal_fts WHERE rowid IN
        (SELECT id FROM proposals WHERE employing_unit_id = NEW.id
         UNION SELECT id FROM proposals WHERE competent_unit_id = NEW.id);
    INSERT INTO proposal_fts(rowid, code, title, people, units, body)
        SELECT id, code, title, people, units, body FROM proposal_fts_src
        WHERE id IN (SELECT id FROM proposals WHERE employing_unit_id = NEW.id
                     UNION SELECT id FROM proposals WHERE competent_unit_id = NEW.id);
END;

INSERT INTO proposal_fts(rowid, code, title, people, units, body)
    SELECT id, code, title, people, units, body FROM proposal_fts_src;
