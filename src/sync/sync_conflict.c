/* The conflicts the hub recorded (sync_conflicts, synced: both sites see
 * them): listing and resolving.  A resolution is an ordinary captured
 * write: it travels like any edit.  keep: the value in place stays; take:
 * the lost value is written back (a field only: a refused state move is
 * redone through the workflow, never forced). */
#include "sync_internal.h"

#include <stdlib.h>
#include <string.h>

static void copy_col(sqlite3_stmt *st, int i, char *dst, size_t cap)
{
    snprintf(dst, cap, "%s", db_col_text(st, i));
}

int sync_conflicts_list(st_db *db, int open_only, sync_conflict_cb cb, void *ud, st_err *e)
{
    sqlite3_stmt *st;
    int rc = db_prepare(db,
        "SELECT c.id, c.kind, c.tbl, c.row_id, c.col, coalesce(p.code, ''), "
        "       coalesce(c.kept_value, ''), c.kept_site, coalesce(c.lost_value, ''), c.lost_site, "
        "       c.detail, c.created_at, c.state, c.resolution, c.resolved_by, "
        "       coalesce(c.resolved_at, ''), coalesce(p.title, '') "
        "FROM sync_conflicts c LEFT JOIN proposals p ON p.id = c.proposal_id "
        "WHERE ?1 = 0 OR c.state = 'open' ORDER BY c.id", &st, e);
    if (rc) return rc;
    sqlite3_bind_int(st, 1, open_only);
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        sync_conflict c;
        memset(&c, 0, sizeof c);
        c.id = sqlite3_column_int64(st, 0);
        copy_col(st, 1, c.kind, sizeof c.kind);
        copy_col(st, 2, c.table, sizeof c.table);
        c.row_id = sqlite3_column_int64(st, 3);
        copy_col(st, 4, c.column, sizeof c.column);
        copy_col(st, 5, c.code, sizeof c.code);
        c.kept_value = db_col_text(st, 6);
        c.kept_site = sqlite3_column_int(st, 7);
        c.lost_value = db_col_text(st, 8);
        c.lost_site = sqlite3_column_int(st, 9);
        copy_col(st, 10, c.detail, sizeof c.detail);
        copy_col(st, 11, c.created_at, sizeof c.created_at);
        c.open = strcmp(db_col_text(st, 12), "open") == 0;
        copy_col(st, 13, c.resolution, sizeof c.resolution);
        copy_col(st, 14, c.resolved_by, sizeof c.resolved_by);
        copy_col(st, 15, c.resolved_at, sizeof c.resolved_at);
        copy_col(st, 16, c.title, sizeof c.title);
        if (cb && (rc = cb(&c, ud))) break;
    }
    sqlite3_finalize(st);
    if (!rc && step != SQLITE_DONE) rc = db_fail(db, e, "đọc xung đột");
    return rc;
}

static int resolve(st_db *db, const st_actor *who, int64_t id, int take, st_err *e)
{
    sqlite3_stmt *st;
    int rc = db_prepare(db, "SELECT kind, tbl, row_id, col, lost_value, state FROM sync_conflicts "
                        "WHERE id = ?1", &st, e);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        return err_set(e, ST_ENOTFOUND, "không có xung đột số %lld", (long long)id);
    }
    char kind[16], tbl[64], col[64];
    copy_col(st, 0, kind, sizeof kind);
    copy_col(st, 1, tbl, sizeof tbl);
    int64_t row = sqlite3_column_int64(st, 2);
    copy_col(st, 3, col, sizeof col);
    int lost_null = sqlite3_column_type(st, 4) == SQLITE_NULL;
    char *lost = lost_null ? NULL : strdup(db_col_text(st, 4));
    int open = strcmp(db_col_text(st, 5), "open") == 0;
    sqlite3_finalize(st);
    if (!open) rc = err_set(e, ST_ESTATE, "xung đột số %lld đã được giải quyết", (long long)id);
    else if (take && strcmp(kind, "workflow") == 0)
        rc = err_set(e, ST_ESTATE, "không thể lấy trạng thái đã bị từ chối: hãy thực hiện lại "
                     "thao tác theo quy trình từ trạng thái hiện tại");
    else if (take && (sync_table_synced(tbl) != 1 || !lost))
        rc = err_set(e, ST_EINVAL, "xung đột số %lld không có giá trị để lấy lại", (long long)id);
    char now[32];
    db_now(now);
    if (!rc && take) {
        sync_cols k;
        if (!(rc = sync_cols_get(db, tbl, &k, e)) && sync_col_index(&k, col) < 0)
            rc = err_set(e, ST_EINVAL, "bảng %s không có cột %s", tbl, col);
        char q[400];
        int hasv = sync_col_index(&k, "version") >= 0, hasu = sync_col_index(&k, "updated_at") >= 0;
        snprintf(q, sizeof q, "UPDATE \"%s\" SET \"%s\" = ?1%s%s WHERE id = ?2", tbl, col,
                 hasv ? ", version = version + 1" : "", hasu ? ", updated_at = ?3" : "");
        if (!rc && !(rc = db_prepare(db, q, &st, e))) {
            sqlite3_bind_text(st, 1, lost, -1, SQLITE_STATIC);
            sqlite3_bind_int64(st, 2, row);
            if (hasu) sqlite3_bind_text(st, 3, now, -1, SQLITE_STATIC);
            rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : db_fail(db, e, "ghi giá trị đã chọn");
            sqlite3_finalize(st);
        }
    }
    if (!rc && !(rc = db_prepare(db, "UPDATE sync_conflicts SET state = 'resolved', "
                                 "resolution = ?2, resolved_by = ?3, resolved_at = ?4, "
                                 "version = version + 1 WHERE id = ?1", &st, e))) {
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_text(st, 2, take ? "took" : "kept", -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, who->username, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : db_fail(db, e, "ghi xung đột");
        sqlite3_finalize(st);
    }
    free(lost);
    return rc;
}

int sync_conflict_resolve(st_db *db, const st_actor *who, int64_t id, int take, st_err *e)
{
    if (!who || !(who->roles & (ROLE_ADMIN | ROLE_HEAD | ROLE_CLERK)))
        return err_set(e, ST_EPERM, "chỉ quản trị, lãnh đạo hoặc chuyên viên được giải quyết "
                       "xung đột");
    int rc = db_begin(db, e);
    if (rc) return rc;
    rc = resolve(db, who, id, take, e);
    if (rc) { db_rollback(db); return rc; }
    return db_commit(db, e);
}
