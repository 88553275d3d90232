#include "stats.h"

#include <stdio.h>
#include <string.h>

#include "db_internal.h"

int stats_by_state(st_db *db, const st_actor *who, long counts[S_COUNT], st_err *e)
{
    memset(counts, 0, sizeof(long) * S_COUNT);
    sqlite3_stmt *st;
    /* Visible when the employing or competent unit lies in the scope subtree. */
    int rc = db_prepare(db,
        "SELECT p.state, count(*) FROM proposals p WHERE p.deleted = 0 AND EXISTS "
        "(SELECT 1 FROM units u WHERE u.id IN (p.employing_unit_id, p.competent_unit_id) "
        "AND substr(u.path, 1, length(?1)) = ?1) GROUP BY p.state", &st, e);
    if (rc) return rc;
    sqlite3_bind_text(st, 1, scope_bind(who), -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int s = wf_state_parse(db_col_text(st, 0));
        if (s >= 0) counts[s] = (long)sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? ST_OK : db_fail(db, e, "đếm đề xuất");
}

int stats_scope_name(st_db *db, const st_actor *who, char *buf, int n, st_err *e)
{
    sqlite3_stmt *st;
    buf[0] = '\0';
    int rc = db_prepare(db, "SELECT name FROM units WHERE id = ?1", &st, e);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, who->scope_unit);
    if (sqlite3_step(st) == SQLITE_ROW) snprintf(buf, (size_t)n, "%s", db_col_text(st, 0));
    sqlite3_finalize(st);
    return ST_OK;
}
