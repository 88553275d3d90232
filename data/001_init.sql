-- sangtao schema, migration 1.
-- Every replicated table has a NOT NULL integer primary key that is unique
-- across sites: site.number in the high bits (see db_new_id), rows are
-- soft-deleted (deleted = 1), every editable row carries a version, and no
-- foreign key cascades.  Dates are 'YYYY-MM-DD', timestamps UTC
-- 'YYYY-MM-DDTHH:MM:SSZ'.  States and actions are the words of DOMAIN.md.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE units (
    id         INTEGER PRIMARY KEY NOT NULL,
    code       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    short_name TEXT NOT NULL DEFAULT '',
    level      TEXT NOT NULL DEFAULT '',
    parent_id  INTEGER REFERENCES units(id),
    path       TEXT NOT NULL,            -- '/1/5/23/': ids from the root, for subtree tests
    sort       INTEGER NOT NULL DEFAULT 0,
    version    INTEGER NOT NULL DEFAULT 1,
    deleted    INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
);
CREATE INDEX units_parent ON units(parent_id);
CREATE INDEX units_path ON units(path);

CREATE TABLE fields (
    id      INTEGER PRIMARY KEY NOT NULL,
    code    TEXT NOT NULL UNIQUE,
    name    TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);
INSERT INTO fields(id, code, name) VALUES
 (1,  'hanh_chinh',  'Cải cách hành chính'),
 (2,  'to_chuc',     'Tổ chức, cán bộ'),
 (3,  'kinh_te',     'Kinh tế, đầu tư'),
 (4,  'dat_dai',     'Đất đai, tài nguyên, môi trường'),
 (5,  'nong_nghiep', 'Nông nghiệp, nông thôn'),
 (6,  'xa_hoi',      'Văn hóa, xã hội'),
 (7,  'giao_duc',    'Giáo dục, đào tạo'),
 (8,  'y_te',        'Y tế'),
 (9,  'chuyen_doi_so','Chuyển đổi số, khoa học công nghệ'),
 (10, 'xay_dung_dang','Xây dựng Đảng'),
 (11, 'quoc_phong',  'Quốc phòng, an ninh'),
 (12, 'khac',        'Lĩnh vực khác');

CREATE TABLE people (
    id         INTEGER PRIMARY KEY NOT NULL,
    full_name  TEXT NOT NULL,
    position   TEXT NOT NULL DEFAULT '',
    unit_id    INTEGER REFERENCES units(id),
    phone      TEXT NOT NULL DEFAULT '',
    email      TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT '',
    version    INTEGER NOT NULL DEFAULT 1,
    deleted    INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX people_unit ON people(unit_id);

-- roles: bit mask, clerk 1, reviewer 2, head 4, monitor 8, viewer 16, admin 32
CREATE TABLE users (
    id             INTEGER PRIMARY KEY NOT NULL,
    username       TEXT NOT NULL UNIQUE,
    full_name      TEXT NOT NULL,
    person_id      INTEGER REFERENCES people(id),
    roles          INTEGER NOT NULL,
    scope_unit_id  INTEGER NOT NULL REFERENCES units(id),
    password_hash  TEXT NOT NULL,
    os_login       TEXT,                 -- the OS account mapped to this user, for the CLI
    must_change_pw INTEGER NOT NULL DEFAULT 1,
    failed_logins  INTEGER NOT NULL DEFAULT 0,
    locked_until   TEXT,                 -- UTC timestamp; NULL when not locked
    locked         INTEGER NOT NULL DEFAULT 0,  -- locked by an administrator
    version        INTEGER NOT NULL DEFAULT 1,
    deleted        INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE UNIQUE INDEX users_os_login ON users(os_login) WHERE os_login IS NOT NULL;

CREATE TABLE proposals (
    id                  INTEGER PRIMARY KEY NOT NULL,
    code                TEXT NOT NULL UNIQUE,     -- per site: BD-2026-0042
    title               TEXT NOT NULL,
    field_id            INTEGER REFERENCES fields(id),
    employing_unit_id   INTEGER NOT NULL REFERENCES units(id),
    competent_unit_id   INTEGER NOT NULL REFERENCES units(id),
    state               TEXT NOT NULL DEFAULT 'draft',
    bottleneck          TEXT NOT NULL DEFAULT '',
    bottleneck_kind     TEXT NOT NULL DEFAULT 'other'
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
    deleted             INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX proposals_state ON proposals(state, updated_at);
CREATE INDEX proposals_employing ON proposals(employing_unit_id);
CREATE INDEX proposals_competent ON proposals(competent_unit_id);
CREATE INDEX proposals_field ON proposals(field_id);
CREATE INDEX proposals_due ON proposals(due_date) WHERE due_date IS NOT NULL;

-- The text of a proposal as it stood before each resubmission.
CREATE TABLE proposal_versions (
    id          INTEGER PRIMARY KEY NOT NULL,
    proposal_id INTEGER NOT NULL REFERENCES proposals(id),
    revision    INTEGER NOT NULL,
    snapshot    TEXT NOT NULL,           -- JSON of every content field
    created_by  INTEGER REFERENCES users(id),
    created_at  TEXT NOT NULL,
    UNIQUE (proposal_id, revision)
);

CREATE TABLE proposers (
    id          INTEGER PRIMARY KEY NOT NULL,
    proposal_id INTEGER NOT NULL REFERENCES proposals(id),
    person_id   INTEGER NOT NULL REFERENCES people(id),
    is_lead     INTEGER NOT NULL DEFAULT 0,
    position    TEXT NOT NULL DEFAULT '',   -- as at the time of the proposal
    unit_id     INTEGER REFERENCES units(id),
    ord         INTEGER NOT NULL DEFAULT 0,
    deleted     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX proposers_proposal ON proposers(proposal_id);
CREATE INDEX proposers_person ON proposers(person_id);

-- Every action writes exactly one event in the same transaction as its data.
CREATE TABLE events (
    id          INTEGER PRIMARY KEY NOT NULL,
    proposal_id INTEGER REFERENCES proposals(id),  -- NULL for events on users, units…
    at          TEXT NOT NULL,
    user_id     INTEGER REFERENCES users(id),
    username    TEXT NOT NULL,
    action      TEXT NOT NULL,
    from_state  TEXT,
    to_state    TEXT,
    comment     TEXT NOT NULL DEFAULT '',
    doc_no      TEXT NOT NULL DEFAULT '',
    doc_date    TEXT,
    data        TEXT NOT NULL DEFAULT '{}'    -- JSON: the fields of the action
);
CREATE INDEX events_proposal ON events(proposal_id, id);
CREATE INDEX events_user ON events(user_id, id);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

CREATE TABLE opinions (
    id              INTEGER PRIMARY KEY NOT NULL,
    proposal_id     INTEGER NOT NULL REFERENCES proposals(id),
    event_id        INTEGER NOT NULL REFERENCES events(id),
    reviewer        TEXT NOT NULL,
    opinion_date    TEXT NOT NULL,
    recommendation  TEXT NOT NULL CHECK (recommendation IN
                    ('implement','pilot','reject','return','other')),
    text            TEXT NOT NULL,
    party_committee INTEGER NOT NULL DEFAULT 0,
    deleted         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX opinions_proposal ON opinions(proposal_id);

CREATE TABLE votes (
    id              INTEGER PRIMARY KEY NOT NULL,
    proposal_id     INTEGER NOT NULL REFERENCES proposals(id),
    event_id        INTEGER NOT NULL REFERENCES events(id),
    vote_date       TEXT NOT NULL,
    members         INTEGER NOT NULL,
    votes_for       INTEGER NOT NULL,
    votes_against   INTEGER NOT NULL,
    abstain         INTEGER NOT NULL,
    head_vote       TEXT NOT NULL DEFAULT 'for' CHECK (head_vote IN ('for','against')),
    deputy_excluded INTEGER NOT NULL DEFAULT 0,
    passed          INTEGER NOT NULL,
    deleted         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX votes_proposal ON votes(proposal_id);

CREATE TABLE decisions (
    id                 INTEGER PRIMARY KEY NOT NULL,
    proposal_id        INTEGER NOT NULL REFERENCES proposals(id),
    event_id           INTEGER NOT NULL REFERENCES events(id),
    kind               TEXT NOT NULL CHECK (kind IN ('implement','pilot','reject')),
    doc_no             TEXT NOT NULL,
    doc_date           TEXT NOT NULL,
    signer             TEXT NOT NULL,
    pilot_scope        TEXT NOT NULL DEFAULT '',
    milestones         TEXT NOT NULL DEFAULT '',
    supervising_unit_id INTEGER REFERENCES units(id),
    reject_reasons     TEXT NOT NULL DEFAULT '',  -- comma list of reason codes
    reject_detail      TEXT NOT NULL DEFAULT '',
    override           INTEGER NOT NULL DEFAULT 0, -- head approved what the vote did not pass
    override_reason    TEXT NOT NULL DEFAULT '',
    deleted            INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX decisions_proposal ON decisions(proposal_id);

-- Resources granted by a decision.
CREATE TABLE resources (
    id          INTEGER PRIMARY KEY NOT NULL,
    proposal_id INTEGER NOT NULL REFERENCES proposals(id),
    decision_id INTEGER NOT NULL REFERENCES decisions(id),
    kind        TEXT NOT NULL CHECK (kind IN ('funding','people','equipment','facilities')),
    amount      INTEGER NOT NULL DEFAULT 0,   -- VND for funding
    description TEXT NOT NULL DEFAULT '',
    deleted     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX resources_proposal ON resources(proposal_id);

CREATE TABLE monitoring (
    id                INTEGER PRIMARY KEY NOT NULL,
    proposal_id       INTEGER NOT NULL REFERENCES proposals(id),
    event_id          INTEGER NOT NULL REFERENCES events(id),
    entry_date        TEXT NOT NULL,
    kind              TEXT NOT NULL CHECK (kind IN ('follow','inspect','supervise')),
    by_whom           TEXT NOT NULL,
    progress          INTEGER CHECK (progress BETWEEN 0 AND 100),
    findings          TEXT NOT NULL DEFAULT '',
    problems          TEXT NOT NULL DEFAULT '',
    support           TEXT NOT NULL DEFAULT '',
    adjustments       TEXT NOT NULL DEFAULT '',
    violation         INTEGER NOT NULL DEFAULT 0,
    violation_detail  TEXT NOT NULL DEFAULT '',
    corrective_action TEXT NOT NULL DEFAULT '',
    version           INTEGER NOT NULL DEFAULT 1,
    deleted           INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX monitoring_proposal ON monitoring(proposal_id, entry_date);

CREATE TABLE result_reports (
    id              INTEGER PRIMARY KEY NOT NULL,
    proposal_id     INTEGER NOT NULL REFERENCES proposals(id),
    event_id        INTEGER NOT NULL REFERENCES events(id),
    completion_date TEXT NOT NULL,
    report_date     TEXT NOT NULL,
    due_date        TEXT NOT NULL,       -- completion + report_days working days
    results         TEXT NOT NULL,
    deleted         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX result_reports_proposal ON result_reports(proposal_id);

CREATE TABLE evaluations (
    id                 INTEGER PRIMARY KEY NOT NULL,
    proposal_id        INTEGER NOT NULL REFERENCES proposals(id),
    event_id           INTEGER NOT NULL REFERENCES events(id),
    meeting_date       TEXT NOT NULL,
    due_date           TEXT NOT NULL,    -- report + evaluation_days working days
    outcome            TEXT NOT NULL CHECK (outcome IN ('completed','partial','not_completed')),
    damage             INTEGER NOT NULL DEFAULT 0,
    damage_estimate    INTEGER NOT NULL DEFAULT 0,
    objective_causes   TEXT NOT NULL DEFAULT '',
    subjective_causes  TEXT NOT NULL DEFAULT '',
    in_line_policy     INTEGER NOT NULL DEFAULT 0,
    clean_motive       INTEGER NOT NULL DEFAULT 0,
    common_good        INTEGER NOT NULL DEFAULT 0,
    no_prohibited_act  INTEGER NOT NULL DEFAULT 0,
    abuse              INTEGER NOT NULL DEFAULT 0,  -- abuse for profit, corruption, negative conduct
    suggested_measure  TEXT NOT NULL,
    protection_measure TEXT NOT NULL CHECK (protection_measure IN
                       ('not_liable','excluded','consider_exclusion','exempted','mitigated','discipline','none')),
    doc_no             TEXT NOT NULL DEFAULT '',
    doc_date           TEXT,
    deleted            INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX evaluations_proposal ON evaluations(proposal_id);

CREATE TABLE replications (
    id             INTEGER PRIMARY KEY NOT NULL,
    proposal_id    INTEGER NOT NULL REFERENCES proposals(id),
    event_id       INTEGER NOT NULL REFERENCES events(id),
    kind           TEXT NOT NULL CHECK (kind IN ('proposal','decision','declined')),
    text           TEXT NOT NULL DEFAULT '',
    target_units   TEXT NOT NULL DEFAULT '',
    adopting_units TEXT NOT NULL DEFAULT '',
    doc_no         TEXT NOT NULL DEFAULT '',
    doc_date       TEXT,
    deleted        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX replications_proposal ON replications(proposal_id);

CREATE TABLE commendations (
    id          INTEGER PRIMARY KEY NOT NULL,
    proposal_id INTEGER REFERENCES proposals(id),
    event_id    INTEGER REFERENCES events(id),
    person_id   INTEGER REFERENCES people(id),
    person_name TEXT NOT NULL,
    form        TEXT NOT NULL CHECK (form IN
                ('praise','certificate','merit','early_raise','priority_appointment')),
    doc_no      TEXT NOT NULL,
    doc_date    TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    version     INTEGER NOT NULL DEFAULT 1,
    deleted     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX commendations_proposal ON commendations(proposal_id);
CREATE INDEX commendations_person ON commendations(person_id);

CREATE TABLE dissemination (
    id           INTEGER PRIMARY KEY NOT NULL,
    unit_id      INTEGER NOT NULL REFERENCES units(id),
    session_date TEXT NOT NULL,
    form         TEXT NOT NULL CHECK (form IN ('conference','cell_meeting','propaganda')),
    participants INTEGER NOT NULL DEFAULT 0 CHECK (participants >= 0),
    note         TEXT NOT NULL DEFAULT '',
    created_by   INTEGER REFERENCES users(id),
    created_at   TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    deleted      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX dissemination_unit ON dissemination(unit_id, session_date);

-- Public holidays ('holiday') and make-up working days ('workday').
CREATE TABLE holidays (
    day  TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('holiday','workday')),
    name TEXT NOT NULL DEFAULT ''
);
