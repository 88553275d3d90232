-- sangtao schema, migration 12: the offline exchange's engine (issue 15).
-- Every committed write transaction records its changeset (SQLite's session
-- extension, tables of the synced list in src/store/capture.c) into
-- sync_outbox in the same transaction.  Local tables (never sent): the
-- outbox, the ledger, the waiting room and the peers' acknowledgements.
-- Synced: sync_conflicts (both sites see a conflict and its resolution) and
-- accounts (the users' rows without anything secret or local).

-- This site's captured transactions, numbered without gaps.  At the hub an
-- entry may be the capture of a payload applied from an office (origin,
-- origin_seq): it is forwarded to the other offices it concerns.
CREATE TABLE sync_outbox (
    seq        INTEGER PRIMARY KEY NOT NULL,
    origin     INTEGER NOT NULL DEFAULT 0,   -- 0: written here; else the site applied
    origin_seq INTEGER,
    at         TEXT NOT NULL,
    hash       BLOB NOT NULL,                -- BLAKE2b-256 of changeset
    changeset  BLOB NOT NULL
);

-- What this site has applied from each peer: replays and older payloads are
-- recognised here and change nothing.
CREATE TABLE sync_ledger (
    site       INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    hash       BLOB NOT NULL,
    applied_at TEXT NOT NULL,
    PRIMARY KEY (site, seq)
) WITHOUT ROWID;

-- Entries received after a gap: kept until the missing part comes.
CREATE TABLE sync_waiting (
    site       INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    origin     INTEGER NOT NULL DEFAULT 0,
    hash       BLOB NOT NULL,
    changeset  BLOB NOT NULL,
    PRIMARY KEY (site, seq)
) WITHOUT ROWID;

-- Per peer: how far it has acknowledged this site's outbox, how far this
-- site has applied the peer's, when the last payloads went and came, and at
-- an office the digests of the hub's last payload (sync verify).
CREATE TABLE sync_peers (
    site      INTEGER PRIMARY KEY NOT NULL,
    acked     INTEGER NOT NULL DEFAULT 0,
    received  INTEGER NOT NULL DEFAULT 0,
    last_out  TEXT,
    last_in   TEXT,
    digests   BLOB
);

-- Conflicts decided at the hub: the value kept and the value lost, who
-- wrote each, open until a person resolves it (the resolution is an
-- ordinary, captured change).  kind: field (the same field at two sites) or
-- workflow (a state move the hub's state no longer allows).
CREATE TABLE sync_conflicts (
    id          INTEGER PRIMARY KEY NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('field','workflow')),
    tbl         TEXT NOT NULL,
    row_id      INTEGER NOT NULL,
    col         TEXT NOT NULL,
    proposal_id INTEGER REFERENCES proposals(id),
    kept_value  TEXT,
    kept_site   INTEGER NOT NULL,
    lost_value  TEXT,
    lost_site   INTEGER NOT NULL,
    lost_seq    INTEGER NOT NULL,
    detail      TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    state       TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open','resolved')),
    resolution  TEXT NOT NULL DEFAULT '',     -- kept | took | mixed
    resolved_by TEXT NOT NULL DEFAULT '',
    resolved_at TEXT,
    version     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX sync_conflicts_open ON sync_conflicts(state, id);
CREATE INDEX sync_conflicts_proposal ON sync_conflicts(proposal_id);

-- users keeps password hashes, lockout and login state, and the OS login
-- mapped on this machine: it stays local.  accounts is its synced face,
-- kept in step both ways by the triggers below; an account arriving from
-- another site gets no password ('!' never verifies) and must be given one
-- by an administrator here (user passwd), then changed at first login.
CREATE TABLE accounts (
    id            INTEGER PRIMARY KEY NOT NULL,
    username      TEXT NOT NULL,
    full_name     TEXT NOT NULL,
    person_id     INTEGER,
    roles         INTEGER NOT NULL,
    scope_unit_id INTEGER NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    deleted       INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
INSERT INTO accounts(id, username, full_name, person_id, roles, scope_unit_id, version,
                     deleted, created_at, updated_at)
    SELECT id, username, full_name, person_id, roles, scope_unit_id, version, deleted,
           created_at, updated_at FROM users;

CREATE TRIGGER users_accounts_ai AFTER INSERT ON users BEGIN
    INSERT INTO accounts(id, username, full_name, person_id, roles, scope_unit_id,
                         version, deleted, created_at, updated_at)
        SELECT NEW.id, NEW.username, NEW.full_name, NEW.person_id, NEW.roles,
               NEW.scope_unit_id, NEW.version, NEW.deleted, NEW.created_at, NEW.updated_at
        WHERE NOT EXISTS (SELECT 1 FROM accounts WHERE id = NEW.id);
END;
CREATE TRIGGER users_accounts_au AFTER UPDATE ON users BEGIN
    UPDATE accounts SET username = NEW.username, full_name = NEW.full_name,
           person_id = NEW.person_id, roles = NEW.roles, scope_unit_id = NEW.scope_unit_id,
           version = NEW.version, deleted = NEW.deleted, updated_at = NEW.updated_at
    WHERE id = NEW.id AND (username IS NOT NEW.username OR full_name IS NOT NEW.full_name
           OR person_id IS NOT NEW.person_id OR roles IS NOT NEW.roles
           OR scope_unit_id IS NOT NEW.scope_unit_id OR version IS NOT NEW.version
           OR deleted IS NOT NEW.deleted OR updated_at IS NOT NEW.updated_at);
END;
CREATE TRIGGER accounts_users_ai AFTER INSERT ON accounts BEGIN
    INSERT INTO users(id, username, full_name, person_id, roles, scope_unit_id,
                      password_hash, must_change_pw, version, deleted, created_at, updated_at)
        SELECT NEW.id, NEW.username, NEW.full_name, NEW.person_id, NEW.roles,
               NEW.scope_unit_id, '!', 1, NEW.version, NEW.deleted, NEW.created_at,
               NEW.updated_at
        WHERE NOT EXISTS (SELECT 1 FROM users WHERE id = NEW.id);
END;
CREATE TRIGGER accounts_users_au AFTER UPDATE ON accounts BEGIN
    UPDATE users SET username = NEW.username, full_name = NEW.full_name,
           person_id = NEW.person_id, roles = NEW.roles, scope_unit_id = NEW.scope_unit_id,
           version = NEW.version, deleted = NEW.deleted, updated_at = NEW.updated_at
    WHERE id = NEW.id AND (username IS NOT NEW.username OR full_name IS NOT NEW.full_name
           OR person_id IS NOT NEW.person_id OR roles IS NOT NEW.roles
           OR scope_unit_id IS NOT NEW.scope_unit_id OR version IS NOT NEW.version
           OR deleted IS NOT NEW.deleted OR updated_at IS NOT NEW.updated_at);
END;
