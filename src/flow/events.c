/* The events table: see events.h. */
#include "events.h"

#include "store/db_internal.h"

int event_write(st_db *db, const st_actor *who, int64_t proposal_id,
                const char *action, const char *from_state,
                const char *to_state, const char *comment,
                const char *doc_no, const char *doc_date,
                const char *data_json, int64_t *event_id, st_err *e)
{
    sqlite3_stmt *st;
    int rc = db_stmt(db,
        "INSERT INTO events(id, proposal_id, at, user_id, username, action, from_state, "
        "to_state, comment, doc_no, doc_date, data) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)", &st, e);
    if (rc) return rc;
    char now[32];
    db_now(now);
    int64_t id = db_new_id(db, "events");
    sqlite3_bind_int64(st, 1, id);
    if (proposal_id > 0) sqlite3_bind_int64(st, 2, proposal_id);
    sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
    if (who && who->id > 0) sqlite3_bind_int64(st, 4, who->id);
    sqlite3_bind_text(st, 5, who ? who->username : "system", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 6, action, -1, SQLITE_STATIC);
    if (from_state) sqlite3_bind_text(st, 7, from_state, -1, SQLITE_STATIC);
    if (to_state) sqlite3_bind_text(st, 8, to_state, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 9, comment ? comment : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 10, doc_no ? doc_no : "", -1, SQLITE_STATIC);
    if (doc_date && *doc_date) sqlite3_bind_text(st, 11, doc_date, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 12, data_json ? data_json : "{}", -1, SQLITE_STATIC);
    rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : db_fail(db, e, "ghi sự kiện");
    db_release(db, st);
    if (rc == ST_OK && event_id) *event_id = id;
    return rc;
}
