/* What report_periodic.c, report_periodic_scope.c and
 * report_periodic_tables.c all use: the codes of outcomes, protection
 * measures and commendation forms, and running SQL with the report's error
 * message.  Kept here, below the three, so that they call it and never each
 * other back. */
#include "report_periodic.h"

const char *const rp_outcomes[3] = {"completed", "partial", "not_completed"};
const char *const rp_measures[NMEASURE] = {"not_liable", "excluded", "consider_exclusion",
                                           "exempted", "mitigated", "discipline", "none"};
const char *const rp_forms[NFORM] = {"praise", "certificate", "merit", "early_raise",
                                     "priority_appointment"};

int rp_exec(pctx *c, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db_h(c->db), sql, NULL, NULL, &msg) != SQLITE_OK) {
        int rc = err_set(c->e, ST_EDB, "Lập báo cáo: %s", msg ? msg : "lỗi cơ sở dữ liệu");
        sqlite3_free(msg);
        return rc;
    }
    return ST_OK;
}

int rp_step_fail(pctx *c, sqlite3_stmt *st, int rc, const char *what)
{
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? ST_OK : db_fail(c->db, c->e, what);
}
