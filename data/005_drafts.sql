-- Recoverable form drafts: a form that was open when the connection
-- dropped (SIGHUP) or the program was stopped (SIGTERM) is kept here, one
-- per user and form, and offered back at the next login.  Local to this
-- site (never synchronised): a draft is not a record of anything yet.
CREATE TABLE drafts (
    id        INTEGER PRIMARY KEY NOT NULL,
    user_id   INTEGER NOT NULL REFERENCES users(id),
    context   TEXT NOT NULL,            -- new | edit:CODE | act:CODE:ACTION
    title     TEXT NOT NULL DEFAULT '', -- the form's title, to show when offering it
    data      TEXT NOT NULL,            -- JSON object: field name -> value
    saved_at  TEXT NOT NULL,
    deleted   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX drafts_user ON drafts(user_id, deleted, saved_at);
