/* The unit-scope test of a list query: see scope.h. */
#include "scope.h"

#include <stdio.h>

#include "db_internal.h"

/* Below one unit in SMALL_DIV of all, the subtree is small. */
#define SMALL_DIV 16

static int scope_small(st_db *db, const char *path)
{
    sqlite3_stmt *st;
    int small = 0;
    /* Paths hold digits and '/', all below '~': [path, path || '~') is
     * exactly the subtree, and a range on the units_path index. */
    if (sqlite3_prepare_v2(db_h(db), "SELECT (SELECT count(*) FROM units WHERE path >= ?1 "
                           "AND path < ?1 || '~'), (SELECT count(*) FROM units)", -1, &st,
                           NULL) != SQLITE_OK)
        return 0;
    sqlite3_bind_text(st, 1, path ? path : "", -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW)
        small = sqlite3_column_int64(st, 0) * SMALL_DIV < sqlite3_column_int64(st, 1);
    sqlite3_finalize(st);
    return small;
}

const char *scope_sql(st_db *db, const char *path, int param, char *buf, size_t n)
{
    if (scope_small(db, path))
        snprintf(buf, n, "(p.employing_unit_id IN (SELECT id FROM units WHERE path >= ?%d AND "
                 "path < ?%d || '~') OR p.competent_unit_id IN (SELECT id FROM units WHERE "
                 "path >= ?%d AND path < ?%d || '~'))", param, param, param, param);
    else
        snprintf(buf, n, "(substr(eu.path, 1, length(?%d)) = ?%d OR substr(cu.path, 1, "
                 "length(?%d)) = ?%d)", param, param, param, param);
    return buf;
}
