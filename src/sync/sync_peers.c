/* Where each peer stands (sync_peers): the starting point of a seeded
 * office, and the counts `sync status` shows. */
#include "sync_internal.h"

static int exec_bind(st_db *db, const char *sql, int a, int64_t b, st_err *e)
{
    sqlite3_stmt *st;
    int rc = db_prepare(db, sql, &st, e);
    if (rc) return rc;
    if (sqlite3_bind_parameter_count(st) >= 1) sqlite3_bind_int(st, 1, a);
    if (sqlite3_bind_parameter_count(st) >= 2) sqlite3_bind_int64(st, 2, b);
    rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : db_fail(db, e, "ghi trạng thái trao đổi");
    sqlite3_finalize(st);
    return rc;
}

int sync_seed_mark(st_db *db, int office, int64_t *seq, st_err *e)
{
    int rc = db_begin(db, e);
    if (rc) return rc;
    sqlite3_stmt *st;
    if ((rc = db_prepare(db, "SELECT coalesce(max(seq), 0) FROM sync_outbox", &st, e))) {
        db_rollback(db);
        return rc;
    }
    *seq = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    rc = exec_bind(db, "INSERT INTO sync_peers(site, acked, received) VALUES (?1, ?2, 0) "
                   "ON CONFLICT(site) DO UPDATE SET acked = excluded.acked, received = 0",
                   office, *seq, e);
    if (rc) { db_rollback(db); return rc; }
    return db_commit(db, e);
}

int sync_seed_start(st_db *db, int hub, int64_t seq, st_err *e)
{
    int rc = db_begin(db, e);
    if (rc) return rc;
    if ((rc = exec_bind(db, "DELETE FROM sync_outbox", 0, 0, e)) ||
        (rc = exec_bind(db, "DELETE FROM sync_ledger", 0, 0, e)) ||
        (rc = exec_bind(db, "DELETE FROM sync_waiting", 0, 0, e)) ||
        (rc = exec_bind(db, "DELETE FROM sync_peers", 0, 0, e)) ||
        (rc = exec_bind(db, "INSERT INTO sync_peers(site, acked, received) VALUES (?1, 0, ?2)",
                        hub, seq, e))) {
        db_rollback(db);
        return rc;
    }
    return db_commit(db, e);
}

int sync_counts(st_db *db, int peer, int64_t *unacked, int64_t *waiting, int64_t *open_conflicts,
                st_err *e)
{
    sqlite3_stmt *st;
    int rc = db_prepare(db,
        "SELECT (SELECT count(*) FROM sync_outbox WHERE seq > "
        "          coalesce((SELECT acked FROM sync_peers WHERE site = ?1), 0)), "
        "       (SELECT count(*) FROM sync_waiting WHERE site = ?1), "
        "       (SELECT count(*) FROM sync_conflicts WHERE state = 'open')", &st, e);
    if (rc) return rc;
    sqlite3_bind_int(st, 1, peer);
    if (sqlite3_step(st) == SQLITE_ROW) {
        if (unacked) *unacked = sqlite3_column_int64(st, 0);
        if (waiting) *waiting = sqlite3_column_int64(st, 1);
        if (open_conflicts) *open_conflicts = sqlite3_column_int64(st, 2);
    } else rc = db_fail(db, e, "đọc trạng thái trao đổi");
    sqlite3_finalize(st);
    return rc;
}
