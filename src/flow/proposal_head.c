/* Looking a proposal up by code, with the scope check (proposal_head.h). */
#include "proposal_head.h"

#include <stdio.h>
#include <string.h>

#include "store/db_internal.h"
#include "scope.h"
#include "workflow_states.h"

int proposal_in_scope(st_db *db, const st_actor *who, int64_t employing, int64_t competent)
{
    return unit_in_scope(db, who, employing) || unit_in_scope(db, who, competent);
}

int proposal_get_head(st_db *db, const st_actor *who, const char *code,
                      proposal_head *out, st_err *e)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st;
    int rc = db_stmt(db, "SELECT id, code, state, version, employing_unit_id, competent_unit_id "
                        "FROM proposals WHERE code = ? AND deleted = 0", &st, e);
    if (rc) return rc;
    sqlite3_bind_text(st, 1, code ? code : "", -1, SQLITE_STATIC);
    int found = sqlite3_step(st) == SQLITE_ROW;
    if (found) {
        out->id = sqlite3_column_int64(st, 0);
        snprintf(out->code, sizeof out->code, "%s", db_col_text(st, 1));
        out->state = wf_state_parse(db_col_text(st, 2));
        out->version = sqlite3_column_int64(st, 3);
        out->employing_unit = sqlite3_column_int64(st, 4);
        out->competent_unit = sqlite3_column_int64(st, 5);
    }
    db_release(db, st);
    /* Outside the scope reads exactly like a missing code: no existence leak. */
    if (!found || !proposal_in_scope(db, who, out->employing_unit, out->competent_unit)) {
        memset(out, 0, sizeof *out);
        return err_set(e, ST_ENOTFOUND, "Không tìm thấy đề xuất %.40s", code ? code : "");
    }
    return ST_OK;
}
