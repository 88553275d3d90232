/* Proposals read into list rows: the sort orders and the reading loop that
 * proposal_list and home_queue_list share (proposal_rows.h). */
#include "proposal_rows.h"

#include <stdio.h>
#include <string.h>

#include "workflow_states.h"

int proposal_rows_order(const char *sort, int desc, char *buf, size_t n)
{
    static const struct { const char *name, *asc, *desc; } sorts[] = {
        {"code", "p.code", "p.code DESC"},
        /* title_key orders as COLLATE vi, through an index (006_speed.sql) */
        {"title", "p.title_key", "p.title_key DESC"},
        {"state", "p.state", "p.state DESC"},
        {"unit", "eu.code", "eu.code DESC"},
        {"updated", "p.updated_at", "p.updated_at DESC"},
        {"due", "p.due_date IS NULL, p.due_date", "p.due_date IS NULL, p.due_date DESC"},
    };
    for (size_t k = 0; sort && k < sizeof sorts / sizeof sorts[0]; k++)
        if (strcmp(sort, sorts[k].name) == 0) {
            snprintf(buf, n, "%s, p.id%s", desc ? sorts[k].desc : sorts[k].asc,
                     desc ? " DESC" : "");
            return 1;
        }
    return 0;
}

int proposal_rows_each(st_db *db, sqlite3_stmt *st, proposal_row_cb cb, void *ud, st_err *e)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int s = wf_state_parse(db_col_text(st, 3));
        proposal_row row = {
            .id = sqlite3_column_int64(st, 0), .code = db_col_text(st, 1),
            .title = db_col_text(st, 2), .state_name = db_col_text(st, 3),
            .state_label = s >= 0 ? wf_state_label(s) : db_col_text(st, 3),
            .unit_code = db_col_text(st, 4), .unit_name = db_col_text(st, 5),
            .field_name = db_col_text(st, 6), .lead_name = db_col_text(st, 7),
            .created_at = db_col_text(st, 8), .updated_at = db_col_text(st, 9),
            .due_date = db_col_text(st, 10), .version = sqlite3_column_int64(st, 11),
        };
        if (cb && cb(&row, ud)) { rc = SQLITE_DONE; break; }
    }
    return rc == SQLITE_DONE ? ST_OK : db_fail(db, e, "đọc danh sách đề xuất");
}
