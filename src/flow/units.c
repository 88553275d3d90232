/* The unit tree, read: the units in scope as a tree, and lookups by code
 * and of a parent.  The import is in unit_import.c. */
#include "units.h"

#include "store/db_internal.h"

int unit_list(st_db *db, const st_actor *who, unit_row_cb cb, void *ud, st_err *e)
{
    /* The ORDER BY makes the recursion's queue a priority queue: deepest
     * first gives depth-first order, siblings by sort then name (in
     * Vietnamese order). */
    sqlite3_stmt *st;
    int rc = db_prepare(db,
        "WITH RECURSIVE tree(id, depth, sort, name, code, short_name, level, parent_code) AS ("
        " SELECT u.id, 0, u.sort, u.name, u.code, u.short_name, u.level,"
        "  coalesce((SELECT p.code FROM units p WHERE p.id = u.parent_id), '')"
        " FROM units u WHERE u.deleted = 0 AND"
        "  CASE WHEN ?1 IS NULL THEN u.parent_id IS NULL ELSE u.id = ?1 END"
        " UNION ALL"
        " SELECT u.id, t.depth + 1, u.sort, u.name, u.code, u.short_name, u.level, t.code"
        " FROM units u JOIN tree t ON u.parent_id = t.id WHERE u.deleted = 0"
        " ORDER BY 2 DESC, 3, name COLLATE vi)"
        " SELECT id, code, name, short_name, level, parent_code, depth FROM tree", &st, e);
    if (rc) return rc;
    if (who) {
        if (!who->scope_unit) { sqlite3_finalize(st); return ST_OK; }
        sqlite3_bind_int64(st, 1, who->scope_unit);
    }
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        unit_row r = {
            .id = sqlite3_column_int64(st, 0),
            .code = db_col_text(st, 1), .name = db_col_text(st, 2),
            .short_name = db_col_text(st, 3), .level = db_col_text(st, 4),
            .parent_code = db_col_text(st, 5), .depth = sqlite3_column_int(st, 6),
        };
        if ((rc = cb(&r, ud)) != 0) break;   /* the caller stopped the walk */
    }
    if (!rc && step != SQLITE_DONE) rc = db_fail(db, e, "đọc danh sách đơn vị");
    sqlite3_finalize(st);
    return rc;
}

int unit_find(st_db *db, const char *code, int64_t *id, st_err *e)
{
    sqlite3_stmt *st;
    int rc = db_stmt(db, "SELECT id FROM units WHERE code = ?1 AND deleted = 0", &st, e);
    if (rc) return rc;
    sqlite3_bind_text(st, 1, code ? code : "", -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW && id) *id = sqlite3_column_int64(st, 0);
    if (step == SQLITE_DONE)
        rc = err_field(e, ST_ENOTFOUND, "unit", "Không có đơn vị mã '%.40s'", code ? code : "");
    else if (step != SQLITE_ROW)
        rc = db_fail(db, e, "tìm đơn vị");
    db_release(db, st);
    return rc;
}

int64_t unit_parent(st_db *db, int64_t id)
{
    sqlite3_stmt *st;
    if (db_stmt(db, "SELECT parent_id FROM units WHERE id = ?1", &st, NULL)) return 0;
    sqlite3_bind_int64(st, 1, id);
    int64_t p = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    db_release(db, st);
    return p;
}
