/* The month-end stocks of the periodic review (data/017_report_and_lists.sql): for
 * each month that has closed, the proposals running or suspended at its
 * end, each with what the review reads of it (018_review_without_scan.sql),
 * written by the nightly maintenance and read by report_periodic_scope.c in
 * place of every state change and every proposal of the province.
 * The state at a bound is what the review's own pass finds: the last state
 * change before it, by time then id. */
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"
#include "flow/counts.h"
#include "store/db_internal.h"

/* The local start of month m (1-12, any year overflow) of year y. */
static void month_start(int y, int m, char out[11])
{
    while (m > 12) { m -= 12; y++; }
    snprintf(out, 11, "%04d-%02d-01", y, m);
}

typedef struct bnd { char at[32]; } bnd;

/* The bounds of the closed months from the first state change's month to
 * the last month before today's, not written yet (or taken out since). */
static int missing_bounds(st_db *db, bnd **out, int *n, st_err *e)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st;
    int rc = db_prepare(db, "SELECT min(at) FROM events WHERE to_state IS NOT NULL "
                        "AND proposal_id IS NOT NULL", &st, e);
    if (rc) return rc;
    char first[11] = "";
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        snprintf(first, sizeof first, "%.10s", db_col_text(st, 0));
    sqlite3_finalize(st);
    int y = 0, m = 0;
    if (!*first || sscanf(first, "%d-%d", &y, &m) != 2) return ST_OK;
    char today[11];
    date_iso(date_today(), today);
    /* One month early: an event's UTC date may fall in the month before its
     * local one. */
    if (--m < 1) { m = 12; y--; }
    if ((rc = db_prepare(db, "SELECT 1 FROM stock_done WHERE bound = ?1", &st, e))) return rc;
    int cap = 0;
    for (int k = 1;; k++) {
        char start[11];
        month_start(y, m + k, start);
        if (strcmp(start, today) > 0) break;
        bnd b;
        report_utc_bound(start, b.at);
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, b.at, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW) continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            bnd *v = realloc(*out, (size_t)cap * sizeof *v);
            if (!v) { sqlite3_finalize(st); return err_set(e, ST_ENOMEM, "hết bộ nhớ"); }
            *out = v;
        }
        (*out)[(*n)++] = b;
    }
    sqlite3_finalize(st);
    return ST_OK;
}

const char report_state_changes_sql[] =
    "SELECT proposal_id, at, to_state FROM events WHERE to_state IS NOT NULL "
    "AND proposal_id IS NOT NULL ORDER BY proposal_id, at, id";

int report_stock_state(const char *s)
{
    return strcmp(s, "implementing") == 0 ? 1 : strcmp(s, "suspended") == 0 ? 2 : 0;
}

/* One proposal's rows: its changes (sorted by time, then id, as read) are
 * walked once beside the bounds. */
typedef struct chg { char at[32]; int state; } chg;

static int write_one(sqlite3_stmt *ins, int64_t id, const chg *c, int nc, const bnd *b, int nb,
                     long *rows)
{
    int k = 0, state = 0;
    for (int i = 0; i < nb; i++) {
        while (k < nc && strcmp(c[k].at, b[i].at) < 0) state = c[k++].state;
        if (!state) continue;
        sqlite3_reset(ins);
        sqlite3_bind_text(ins, 1, b[i].at, -1, SQLITE_STATIC);
        sqlite3_bind_int64(ins, 2, id);
        sqlite3_bind_int(ins, 3, state);
        if (sqlite3_step(ins) != SQLITE_DONE) return -1;
        *rows += sqlite3_changes(sqlite3_db_handle(ins));
    }
    return 0;
}

static int cmp_bnd(const void *a, const void *b)
{
    return strcmp(((const bnd *)a)->at, ((const bnd *)b)->at);
}

static int write_months(st_db *db, const bnd *b, int nb, long *rows, st_err *e)
{
    sqlite3_stmt *del, *ins, *done, *ev;
    int rc = db_prepare(db, "DELETE FROM stock_at WHERE bound = ?1", &del, e);
    if (rc) return rc;
    for (int i = 0; i < nb && !rc; i++) {
        sqlite3_reset(del);
        sqlite3_bind_text(del, 1, b[i].at, -1, SQLITE_STATIC);
        if (sqlite3_step(del) != SQLITE_DONE) rc = db_fail(db, e, "ghi số đang triển khai cuối tháng");
    }
    sqlite3_finalize(del);
    if (rc) return rc;
    /* With what the review needs of the proposal, as the triggers of
     * 018_review_without_scan.sql keep it (none when it is not there yet:
     * its insertion takes the months out). */
    if ((rc = db_prepare(db, "INSERT INTO stock_at(bound, proposal_id, state, employing_unit_id, "
                         "competent_unit_id, period_to, pilot, live) SELECT ?1, id, ?3, "
                         "employing_unit_id, competent_unit_id, period_to, "
                         "coalesce(decision_kind = 'pilot', 0), deleted = 0 AND state IN "
                         REPORT_STARTED_SQL " FROM proposals WHERE id = ?2", &ins, e)))
        return rc;
    /* The review's own pass. */
    if ((rc = db_prepare(db, report_state_changes_sql, &ev, e))) {
        sqlite3_finalize(ins);
        return rc;
    }
    chg *c = NULL;
    int nc = 0, cap = 0, step;
    int64_t cur = 0;
    while (!rc && (step = sqlite3_step(ev)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(ev, 0);
        if (id != cur && nc) {
            if (write_one(ins, cur, c, nc, b, nb, rows)) rc = db_fail(db, e, "ghi số đang triển khai cuối tháng");
            nc = 0;
        }
        cur = id;
        if (nc == cap) {
            cap = cap ? cap * 2 : 16;
            chg *v = realloc(c, (size_t)cap * sizeof *v);
            if (!v) { rc = err_set(e, ST_ENOMEM, "hết bộ nhớ"); break; }
            c = v;
        }
        snprintf(c[nc].at, sizeof c[nc].at, "%s", db_col_text(ev, 1));
        c[nc++].state = report_stock_state(db_col_text(ev, 2));
    }
    if (!rc && step != SQLITE_DONE) rc = db_fail(db, e, "đọc thay đổi trạng thái");
    if (!rc && nc && write_one(ins, cur, c, nc, b, nb, rows))
        rc = db_fail(db, e, "ghi số đang triển khai cuối tháng");
    free(c);
    sqlite3_finalize(ev);
    sqlite3_finalize(ins);
    if (rc || (rc = db_prepare(db, "INSERT OR REPLACE INTO stock_done(bound, written_at) "
                               "VALUES (?1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))", &done, e)))
        return rc;
    for (int i = 0; i < nb && !rc; i++) {
        sqlite3_reset(done);
        sqlite3_bind_text(done, 1, b[i].at, -1, SQLITE_STATIC);
        if (sqlite3_step(done) != SQLITE_DONE) rc = db_fail(db, e, "ghi số đang triển khai cuối tháng");
    }
    sqlite3_finalize(done);
    return rc;
}

int report_stock_refresh(st_db *db, int *months, long *rows, st_err *e)
{
    *months = 0;
    *rows = 0;
    /* One write transaction: no state change can slip in between the
     * reading and the writing (the trigger would take the month out). */
    int rc = db_begin(db, e);
    if (rc) return rc;
    bnd *b = NULL;
    int nb = 0;
    rc = missing_bounds(db, &b, &nb, e);
    if (!rc && nb) {
        qsort(b, (size_t)nb, sizeof *b, cmp_bnd);
        rc = write_months(db, b, nb, rows, e);
    }
    free(b);
    /* The facts by month, when a unit moved since (018_review_without_scan.sql). */
    sqlite3_stmt *st;
    if (!rc && !(rc = db_prepare(db, "SELECT count(*) FROM report_months_done", &st, e))) {
        int done = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) > 0;
        sqlite3_finalize(st);
        if (!done && sqlite3_exec(db_h(db), counts_months_sql, NULL, NULL, NULL) != SQLITE_OK)
            rc = db_fail(db, e, "ghi số liệu báo cáo theo tháng");
    }
    if (rc) {
        db_rollback(db);
        return rc;
    }
    *months = nb;
    return db_commit(db, e);
}
