-- sangtao schema, migration 11: who is who in the offline exchange, and its
-- log (issue 15).
-- All three tables are local to this database and never synchronised: they hold
-- this site's own secret key and the keys of its peers.
--
-- sync_self: one row, this database's place in the exchange.  A database
-- that never joined an exchange becomes the hub of a new deployment on first
-- use (src/sync/site.c); an office gets its row from its seed.
--   deployment  the id shared by the hub and all its offices
--   site_no     this site's number (site.number, the high bits of every id)
--   is_hub      1 at the province, 0 at an office
--   sign_pk, sign_sk  this site's Ed25519 key pair (32 and 64 bytes)
--   hub_pk      the hub's public key (at the hub: its own)
CREATE TABLE sync_self (
    id         INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    deployment TEXT NOT NULL,
    site_no    INTEGER NOT NULL,
    is_hub     INTEGER NOT NULL CHECK (is_hub IN (0, 1)),
    sign_pk    BLOB NOT NULL CHECK (length(sign_pk) = 32),
    sign_sk    BLOB NOT NULL CHECK (length(sign_sk) = 64),
    hub_pk     BLOB NOT NULL CHECK (length(hub_pk) = 32)
);

-- The peers: at the hub every office (`sangtao site add`), at an office one
-- row, the hub.  unit_id is the root of the office's unit subtree (at an
-- office, the hub's row has the root of the whole tree).
CREATE TABLE sync_sites (
    site_no    INTEGER PRIMARY KEY NOT NULL,
    code       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL DEFAULT '',
    unit_id    INTEGER NOT NULL REFERENCES units(id),
    sign_pk    BLOB NOT NULL CHECK (length(sign_pk) = 32),
    created_at TEXT NOT NULL
);

-- Every exchange this site made (export, import, refusal), for `sangtao sync
-- status` and the home screen: local, never synchronised.
CREATE TABLE sync_log (
    id        INTEGER PRIMARY KEY NOT NULL,
    at        TEXT NOT NULL,                -- UTC timestamp
    direction TEXT NOT NULL CHECK (direction IN ('export', 'import', 'refused')),
    site_no   INTEGER NOT NULL,             -- the peer (0: unknown, a refused file)
    file      TEXT NOT NULL DEFAULT '',
    bytes     INTEGER NOT NULL DEFAULT 0,
    applied   INTEGER NOT NULL DEFAULT 0,   -- import: changes applied, skipped, waiting
    skipped   INTEGER NOT NULL DEFAULT 0,
    waiting   INTEGER NOT NULL DEFAULT 0,
    conflicts INTEGER NOT NULL DEFAULT 0,
    note      TEXT NOT NULL DEFAULT ''      -- a refusal's reason
);
CREATE INDEX sync_log_site ON sync_log(site_no, direction, at);
