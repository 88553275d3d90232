/* The home screen's queries: the user's queue derived from the workflow
 * table, overdue clocks in working days, and recent activity. */
#include "home.h"

#include <stdlib.h>
#include <string.h>

#include "store/db_internal.h"
#include "base/sbuf.h"
#include "proposal_rows.h"
#include "scope.h"
#include "stats.h"
#include "text/search_text.h"
#include "text/text.h"
#include "base/workdays.h"
#include "workflow.h"

/* Actions that do not make a proposal "wait" for anyone.  notify is
 * allowed in every state after the evaluation but owed once: its deadline
 * (due_kind 'notify') shows among the clocks, not the whole state. */
static int queue_action(const wf_action *a)
{
    const char *n = wf_action_name(a);
    return strcmp(n, "note") && strcmp(n, "edit") && strcmp(n, "create") && strcmp(n, "notify");
}

unsigned home_queue_states(unsigned roles)
{
    unsigned mask = 0;
    for (int i = 0; i < wf_action_count(); i++) {
        const wf_action *a = wf_action_at(i);
        if (!queue_action(a)) continue;
        for (int s = 0; s < S_COUNT; s++)
            if (wf_action_allowed(a, roles, s)) mask |= 1u << s;
    }
    return mask;
}

void home_queue_actions(unsigned roles, int state, char *buf, int n)
{
    int len = 0;
    buf[0] = '\0';
    for (int i = 0; i < wf_action_count() && len < n; i++) {
        const wf_action *a = wf_action_at(i);
        if (!queue_action(a) || !wf_action_allowed(a, roles, state)) continue;
        len += snprintf(buf + len, (size_t)(n - len), "%s%s", len ? ", " : "", wf_action_label(a));
    }
}

static void sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const unsigned char *s = sqlite3_value_text(argv[0]);
    if (!s) { sqlite3_result_null(ctx); return; }
    char *f = text_fold((const char *)s);
    if (f) sqlite3_result_text(ctx, f, -1, free);
    else sqlite3_result_text(ctx, (const char *)s, -1, SQLITE_TRANSIENT);
}

/* fold() as proposal_list registers it, when it is not there yet. */
static int need_fold(st_db *db, st_err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db_h(db), "SELECT fold('')", -1, &st, NULL) == SQLITE_OK) {
        sqlite3_finalize(st);
        return ST_OK;
    }
    if (sqlite3_create_function(db_h(db), "fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                NULL, sql_fold, NULL, NULL) != SQLITE_OK)
        return db_fail(db, e, "đăng ký hàm tìm kiếm");
    return ST_OK;
}

#define SCOPE_SQL "(substr(eu.path, 1, length(?1)) = ?1 OR substr(cu.path, 1, length(?1)) = ?1)"

/* A scope of few proposals (a commune, an office): its lists start from its
 * proposals rather than walking every event or deadline of the province to
 * find its few (callgrind, 5 000 proposals, a commune's user: the recent
 * events 41 M instructions a call).  With more than this many, the walk
 * finds a screenful soon. */
#define FEW_PROPOSALS 500

static int few_proposals(st_db *db, const st_actor *who)
{
    if (scope_size(db, scope_bind(who)) != SCOPE_SMALL) return 0;
    long counts[S_COUNT], n = 0;
    st_err e;
    err_clear(&e);
    if (stats_by_state(db, who, counts, &e) != ST_OK) return 0;
    for (int s = 0; s < S_COUNT; s++) n += counts[s];
    return n <= FEW_PROPOSALS;
}

#define FEW_SQL "(p.employing_unit_id IN (SELECT id FROM units WHERE path >= ?1 AND " \
    "path < ?1 || '~') OR p.competent_unit_id IN (SELECT id FROM units WHERE path >= ?1 " \
    "AND path < ?1 || '~'))"


int home_queue_list(st_db *db, const st_actor *who, unsigned state_mask,
                    const char *search, const char *sort, int desc, int limit,
                    int offset, proposal_row_cb cb, void *ud, st_err *e)
{
    if (!who) return err_set(e, ST_EPERM, "chưa đăng nhập");
    /* Sorted by unit: the units in code order, each one's proposals in id
     * order, so a page needs no sort of them all (as proposal_list). */
    int by_unit = sort && strcmp(sort, "unit") == 0 &&
                  scope_size(db, scope_bind(who)) != SCOPE_SMALL;   /* as proposal_list */
    char order[128] = "p.updated_at DESC, p.id DESC";   /* an unknown sort keeps it */
    proposal_rows_order(sort, desc, order, sizeof order);
    int rc = need_fold(db, e);
    if (rc) return rc;
    search_words sw = {0};
    if (search && *search && search_words_split(&sw, search) != 0)
        return err_set(e, ST_EINVAL, "từ khóa tìm kiếm: UTF-8 không hợp lệ");
    int nw = sw.n;
    char *const *words = sw.word;
    sbuf sql;
    sbuf_init(&sql);
    sbuf_add(&sql, PROPOSAL_ROWS_SELECT);
    sbuf_add(&sql, by_unit ? "units eu CROSS JOIN proposals p ON eu.id = p.employing_unit_id "
                           : "proposals p JOIN units eu ON eu.id = p.employing_unit_id ");
    /* The scope's test written for its size (scope.h): a commune's clerk
     * finds its few rows through its units' indexes, not by walking the
     * province's latest-first order until a page of them turns up (make
     * bench: 40 → 2 ms the Enter on "Chờ tôi xử lý", and the q back to it
     * from a proposal, in the load run's slowest keys). */
    char scope[400];
    sbuf_add(&sql, "JOIN units cu ON cu.id = p.competent_unit_id "
             "LEFT JOIN fields f ON f.id = p.field_id WHERE p.deleted = 0 AND ");
    sbuf_add(&sql, scope_sql(db, scope_bind(who), 1, scope, sizeof scope));
    /* +p.state: not the state index (every row of those states, then a
     * sort) but the ORDER BY's index, stopping after a page (make bench:
     * 100 ms → 1 ms) */
    sbuf_add(&sql, " AND +p.state IN ('-'");
    for (int s = 0; s < S_COUNT; s++)
        if (state_mask & (1u << s)) sbuf_addf(&sql, ",'%s'", wf_state_name(s));
    sbuf_add(&sql, ")");
    for (int k = 0; k < nw; k++)
        sbuf_addf(&sql, " AND (instr(fold(p.title), ?%d) > 0 OR instr(fold(p.code), ?%d) > 0)",
                  10 + k, 10 + k);
    sbuf_addf(&sql, " ORDER BY %s LIMIT ?2 OFFSET ?3", order);
    sqlite3_stmt *st = NULL;
    rc = sql.oom ? err_set(e, ST_ENOMEM, "hết bộ nhớ") : db_prepare(db, sbuf_str(&sql), &st, e);
    sbuf_free(&sql);
    if (!rc) {
        sqlite3_bind_text(st, 1, scope_bind(who), -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 2, limit > 0 ? limit : -1);
        sqlite3_bind_int(st, 3, offset > 0 ? offset : 0);
        for (int k = 0; k < nw; k++)
            sqlite3_bind_text(st, 10 + k, words[k], -1, SQLITE_STATIC);
        rc = proposal_rows_each(db, st, cb, ud, e);
        sqlite3_finalize(st);
    }
    search_words_free(&sw);
    return rc;
}

/* How many proposals in scope are overdue.  The whole province: one range
 * of proposals_overdue (27 000 overdue, 2 ms).  A subtree: its units, each
 * one's overdue proposals as a range of proposals_unit_due, then those of
 * its competent units employed outside it (016_home_by_unit.sql): 3 ms for
 * a district, where grouping every overdue proposal of the province by its
 * pair of units and testing the pairs took 27 ms (make bench). */
static int overdue_count(st_db *db, const st_actor *who, const char *today, int *total,
                         st_err *e)
{
    sqlite3_stmt *st;
    int all = scope_size(db, scope_bind(who)) == SCOPE_ALL;
    int rc = db_stmt(db, all ?
        "SELECT count(*) FROM proposals WHERE due_date IS NOT NULL AND due_date < ?2 "
        "AND deleted = 0 AND ?1 IS NOT NULL" :
        "SELECT (SELECT count(*) FROM units u JOIN proposals p ON p.employing_unit_id = u.id "
        "WHERE u.path >= ?1 AND u.path < ?1 || '~' AND p.deleted = 0 AND p.due_date < ?2) + "
        "(SELECT count(*) FROM units u JOIN proposals p ON p.competent_unit_id = u.id "
        "JOIN units eu ON eu.id = p.employing_unit_id WHERE u.path >= ?1 AND u.path < ?1 || '~' "
        "AND p.deleted = 0 AND p.due_date < ?2 AND NOT (eu.path >= ?1 AND eu.path < ?1 || '~'))",
        &st, e);
    if (rc) return rc;
    sqlite3_bind_text(st, 1, scope_bind(who), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, today, -1, SQLITE_STATIC);
    if ((rc = sqlite3_step(st)) == SQLITE_ROW) *total = sqlite3_column_int(st, 0);
    rc = rc == SQLITE_ROW ? ST_OK : db_fail(db, e, "đếm đề xuất quá hạn");
    db_release(db, st);
    return rc;
}

int home_overdue(st_db *db, const st_actor *who, int limit, home_overdue_cb cb,
                 void *ud, int *total, st_err *e)
{
    if (total) *total = 0;
    const calendar *cal = db_calendar(db, e);
    if (!cal) return e && e->code ? e->code : ST_EDB;
    st_day today = date_today();
    char iso[11];
    date_iso(today, iso);
    int rc = total ? overdue_count(db, who, iso, total, e) : ST_OK;
    sqlite3_stmt *st;
    /* Only the rows shown: the most late first, walking proposals_overdue. */
    if (rc || (rc = db_prepare(db, few_proposals(db, who) ?
                               "SELECT p.code, p.title, p.state, p.due_date, "
                               "coalesce(p.due_kind,'') FROM proposals p WHERE p.deleted = 0 AND "
                               FEW_SQL " AND +p.due_date < ?2 ORDER BY p.due_date, p.code "
                               "LIMIT ?3" :
                               "SELECT p.code, p.title, p.state, p.due_date, "
                               "coalesce(p.due_kind,'') FROM proposals p "
                               "JOIN units eu ON eu.id = p.employing_unit_id "
                               "JOIN units cu ON cu.id = p.competent_unit_id WHERE p.deleted = 0 AND "
                               SCOPE_SQL " AND p.due_date IS NOT NULL AND p.due_date < ?2 "
                               "ORDER BY p.due_date, p.code LIMIT ?3", &st, e)))
        return rc;
    sqlite3_bind_text(st, 1, scope_bind(who), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, iso, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, limit > 0 ? limit : -1);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        st_day due;
        const char *dd = db_col_text(st, 3);
        if (date_parse(dd, &due, NULL) != ST_OK) continue;
        int s = wf_state_parse(db_col_text(st, 2));
        home_overdue_row r = {
            .code = db_col_text(st, 0), .title = db_col_text(st, 1),
            .state_label = s >= 0 ? wf_state_label(s) : db_col_text(st, 2),
            .due_date = dd, .due_kind = db_col_text(st, 4),
            .days_late = calendar_working_days_between(cal, due, today),
        };
        if (r.days_late < 1) r.days_late = 1;   /* due on a day off, today a working day */
        if (cb && cb(&r, ud)) { rc = SQLITE_DONE; break; }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? ST_OK : db_fail(db, e, "đọc đề xuất quá hạn");
}

int home_recent(st_db *db, const st_actor *who, int limit, home_event_cb cb,
                void *ud, st_err *e)
{
    sqlite3_stmt *st;
    /* A small scope: the latest of its proposals' events found in
     * events_proposal_at alone, then only those rows read (017). */
    int rc = db_prepare(db, few_proposals(db, who) ?
                        "SELECT ev.at, q.code, q.title, ev.username, ev.action, "
                        "coalesce(ev.to_state,'') FROM (SELECT e.id AS eid FROM proposals p "
                        "CROSS JOIN events e INDEXED BY events_proposal_at ON e.proposal_id = p.id "
                        "WHERE p.deleted = 0 AND " FEW_SQL " ORDER BY e.at DESC, e.id DESC "
                        "LIMIT ?2) top CROSS JOIN events ev ON ev.id = top.eid "
                        "JOIN proposals q ON q.id = ev.proposal_id ORDER BY ev.at DESC, ev.id DESC" :
                        "SELECT ev.at, q.code, q.title, ev.username, ev.action, "
                        /* CROSS JOIN keeps events first: walk events_at from the
                         * newest and stop at the limit (make bench: 600 ms → 3 ms),
                         * each event's proposal tested from proposals_narrow, not
                         * its row; the rows of the eight read after (a district's
                         * clerk: 6 → 3 ms a return to the home screen) */
                        "coalesce(ev.to_state,'') FROM (SELECT e.id AS eid FROM events e "
                        "INDEXED BY events_at CROSS JOIN proposals p INDEXED BY proposals_narrow "
                        "ON p.id = e.proposal_id JOIN units eu ON eu.id = p.employing_unit_id "
                        "JOIN units cu ON cu.id = p.competent_unit_id WHERE p.deleted = 0 AND "
                        SCOPE_SQL " ORDER BY e.at DESC, e.id DESC LIMIT ?2) top "
                        "CROSS JOIN events ev ON ev.id = top.eid JOIN proposals q ON "
                        "q.id = ev.proposal_id ORDER BY ev.at DESC, ev.id DESC", &st, e);
    if (rc) return rc;
    sqlite3_bind_text(st, 1, scope_bind(who), -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, limit > 0 ? limit : 10);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        home_event_row r = {
            .at = db_col_text(st, 0), .code = db_col_text(st, 1), .title = db_col_text(st, 2),
            .username = db_col_text(st, 3), .action = db_col_text(st, 4),
            .to_state = db_col_text(st, 5),
        };
        if (cb && cb(&r, ud)) { rc = SQLITE_DONE; break; }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? ST_OK : db_fail(db, e, "đọc hoạt động gần đây");
}
