-- sangtao schema, migration 10: the documents offices file with every step
-- (issue 13): attachments, the register of document numbers, and the reward
-- forms and issuing level of Decree 73 Art. 10 (issue 13, item 8).
-- attachments and doc_register are replicated between sites like decisions.

-- The signed plan, minutes, ballots, the Party committee's written opinion,
-- decisions, result reports, evaluation minutes: the file itself (a few MB;
-- size limit attachments.max_mb), its type found from its content, and its
-- SHA-256 (hex) so that a copy can be checked against the record.
CREATE TABLE attachments (
    id          INTEGER PRIMARY KEY NOT NULL,
    proposal_id INTEGER NOT NULL REFERENCES proposals(id),
    event_id    INTEGER NOT NULL REFERENCES events(id),
    kind        TEXT NOT NULL CHECK (kind IN ('plan','minutes','ballots','party_opinion',
                'decision','result_report','evaluation_minutes','other')),
    title       TEXT NOT NULL DEFAULT '',
    filename    TEXT NOT NULL,           -- the file's own name, without its folder
    mime        TEXT NOT NULL,
    size        INTEGER NOT NULL CHECK (size > 0),
    sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
    content     BLOB NOT NULL CHECK (length(content) = size),
    created_by  INTEGER REFERENCES users(id),
    created_at  TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX attachments_proposal ON attachments(proposal_id, id);

-- Every document number the workflow's decisions carry (approve, reject,
-- adjust, evaluate, commend): number/[year/]symbol as in 12/QĐ-UBND, unique
-- per issuing unit and year (the program refuses a repeat and names the
-- proposal that has it; `check` reports repeats that came from elsewhere).
-- issuer_unit_id: the competent unit, or the unit named as issuer of a
-- reward; NULL for an issuer outside the unit tree (central level).
-- sign_form: direct (the head himself), KT. (ký thay), TM. (thay mặt),
-- TL. (thừa lệnh); NULL on the rows copied from before this migration.
CREATE TABLE doc_register (
    id             INTEGER PRIMARY KEY NOT NULL,
    proposal_id    INTEGER REFERENCES proposals(id),
    event_id       INTEGER REFERENCES events(id),
    action         TEXT NOT NULL,
    issuer_unit_id INTEGER REFERENCES units(id),
    issuer_level   TEXT NOT NULL DEFAULT '',
    year           INTEGER NOT NULL,
    number         INTEGER NOT NULL CHECK (number > 0),
    symbol         TEXT NOT NULL,
    doc_no         TEXT NOT NULL,
    doc_date       TEXT NOT NULL,
    signer         TEXT NOT NULL DEFAULT '',
    sign_form      TEXT CHECK (sign_form IN ('direct','KT','TM','TL')),
    deleted        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX doc_register_key ON doc_register(issuer_unit_id, year, number, symbol);
CREATE INDEX doc_register_proposal ON doc_register(proposal_id);

-- Item 8: more reward forms (nâng ngạch, bổ nhiệm, danh hiệu thi đua,
-- other) and the level that issued the reward.  SQLite cannot change a
-- CHECK in place: the table is rebuilt with the same ids; every stored row
-- keeps its form (the old forms are all still allowed) and an empty level.
CREATE TABLE commendations_new (
    id           INTEGER PRIMARY KEY NOT NULL,
    proposal_id  INTEGER REFERENCES proposals(id),
    event_id     INTEGER REFERENCES events(id),
    person_id    INTEGER REFERENCES people(id),
    person_name  TEXT NOT NULL,
    form         TEXT NOT NULL CHECK (form IN
                 ('praise','certificate','merit','early_raise','rank_promotion',
                  'appointment','priority_appointment','emulation_title','other')),
    doc_no       TEXT NOT NULL,
    doc_date     TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    version      INTEGER NOT NULL DEFAULT 1,
    deleted      INTEGER NOT NULL DEFAULT 0,
    issuer_level TEXT NOT NULL DEFAULT ''
                 CHECK (issuer_level IN ('','unit','district','province','central'))
);
INSERT INTO commendations_new(id, proposal_id, event_id, person_id, person_name, form,
                              doc_no, doc_date, note, version, deleted)
SELECT id, proposal_id, event_id, person_id, person_name, form, doc_no, doc_date, note,
       version, deleted FROM commendations;
DROP TABLE commendations;
ALTER TABLE commendations_new RENAME TO commendations;
CREATE INDEX commendations_proposal ON commendations(proposal_id);
CREATE INDEX commendations_person ON commendations(person_id);
CREATE INDEX commendations_date ON commendations(doc_date, proposal_id, deleted, form);

-- The numbers already stored enter the register, so that a new decision is
-- checked against them too.  Only those in the official shape (a number, a
-- slash, a symbol): others stay where they are, unregistered.  A row takes
-- its event's id, unique across tables and sites (one register row per event).
INSERT INTO doc_register(id, proposal_id, event_id, action, issuer_unit_id, year, number,
                         symbol, doc_no, doc_date, signer)
SELECT x.event_id, x.proposal_id, x.event_id, x.action, p.competent_unit_id,
       CAST(substr(x.doc_date, 1, 4) AS INTEGER),
       CAST(substr(x.doc_no, 1, instr(x.doc_no, '/') - 1) AS INTEGER),
       CASE WHEN substr(x.doc_no, instr(x.doc_no, '/') + 1) GLOB '[0-9][0-9][0-9][0-9]/*'
            THEN substr(x.doc_no, instr(x.doc_no, '/') + 6)
            ELSE substr(x.doc_no, instr(x.doc_no, '/') + 1) END,
       x.doc_no, x.doc_date, x.signer
FROM (SELECT id, proposal_id, event_id,
             CASE kind WHEN 'reject' THEN 'reject' ELSE 'approve' END AS action,
             doc_no, doc_date, signer, deleted FROM decisions
      UNION ALL
      SELECT id, proposal_id, event_id, 'adjust', doc_no, doc_date, signer, deleted
      FROM adjustments
      UNION ALL
      SELECT id, proposal_id, event_id, 'evaluate', doc_no, doc_date, '', deleted
      FROM evaluations WHERE doc_date IS NOT NULL
      UNION ALL
      SELECT id, proposal_id, event_id, 'commend', doc_no, doc_date, '', deleted
      FROM commendations WHERE proposal_id IS NOT NULL) x
JOIN proposals p ON p.id = x.proposal_id
WHERE x.deleted = 0 AND x.event_id IS NOT NULL AND x.doc_no GLOB '[0-9]*/?*' AND x.doc_no NOT GLOB '*[ ,;]*'
  AND substr(x.doc_no, 1, instr(x.doc_no, '/') - 1) NOT GLOB '*[^0-9]*'
  AND CAST(substr(x.doc_no, 1, instr(x.doc_no, '/') - 1) AS INTEGER) > 0
  AND length(x.doc_date) = 10;
