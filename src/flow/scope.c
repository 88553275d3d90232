/* The unit-scope test of a list query: see scope.h. */
#include "scope.h"

#include <stdio.h>

#include "store/db_internal.h"

/* Below one unit in SMALL_DIV of all, the subtree is small. */
#define SMALL_DIV 16

int scope_size(st_db *db, const char *path)
{
    sqlite3_stmt *st;
    int size = SCOPE_LARGE;
    /* Paths hold digits and '/', all below '~': [path, path || '~') is
     * exactly the subtree, and a range on the units_path index. */
    if (db_stmt(db, "SELECT (SELECT count(*) FROM units WHERE path >= ?1 "
                "AND path < ?1 || '~'), (SELECT count(*) FROM units)", &st, NULL) != ST_OK)
        return size;
    sqlite3_bind_text(st, 1, path ? path : "", -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) {
        sqlite3_int64 in = sqlite3_column_int64(st, 0), all = sqlite3_column_int64(st, 1);
        if (in * SMALL_DIV < all) size = SCOPE_SMALL;
        else if (in == all) size = SCOPE_ALL;
    }
    db_release(db, st);
    return size;
}

const char *scope_sql(st_db *db, const char *path, int param, char *buf, size_t n)
{
    switch (scope_size(db, path)) {
    case SCOPE_ALL:
        /* Every unit is in the subtree, so every proposal is in scope (its
         * units exist: foreign keys); the test would only cost time. */
        snprintf(buf, n, "(?%d IS NOT NULL)", param);
        break;
    case SCOPE_SMALL:
        snprintf(buf, n, "(p.employing_unit_id IN (SELECT id FROM units WHERE path >= ?%d AND "
                 "path < ?%d || '~') OR p.competent_unit_id IN (SELECT id FROM units WHERE "
                 "path >= ?%d AND path < ?%d || '~'))", param, param, param, param);
        break;
    default:
        snprintf(buf, n, "(substr(eu.path, 1, length(?%d)) = ?%d OR substr(cu.path, 1, "
                 "length(?%d)) = ?%d)", param, param, param, param);
    }
    return buf;
}

int unit_in_scope(st_db *db, const st_actor *who, int64_t unit_id)
{
    if (!who) return 0;
    sqlite3_stmt *st;
    if (db_stmt(db, "SELECT 1 FROM units WHERE id = ?1 AND "
                "substr(path, 1, length(?2)) = ?2", &st, NULL) != ST_OK)
        return 0;
    sqlite3_bind_int64(st, 1, unit_id);
    sqlite3_bind_text(st, 2, scope_bind(who), -1, SQLITE_STATIC);
    int in = sqlite3_step(st) == SQLITE_ROW;
    db_release(db, st);
    return in;
}
