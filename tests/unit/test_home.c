/* The home screen's queries: the queue derived from the workflow table,
 * the queue list paged in SQL, overdue items in working days, recent
 * activity — all inside the user's scope. */
#include "demodb.h"

#include "flow/home.h"
#include "flow/scope.h"
#include "text/text.h"
#include "base/workdays.h"
#include "flow/workflow.h"

static tu_env T;

static int setup(void **state) { (void)state; demodb_open(&T); return 0; }
static int teardown(void **state) { (void)state; tu_env_close(&T); return 0; }

static void test_queue_states_follow_the_workflow(void **state)
{
    (void)state;
    unsigned clerk = home_queue_states(ROLE_CLERK);
    assert_true(clerk & (1u << S_DRAFT));          /* submit */
    assert_true(clerk & (1u << S_APPROVED));       /* start */
    assert_true(clerk & (1u << S_IMPLEMENTING));   /* monitor, report */
    assert_false(clerk & (1u << S_IN_REVIEW));     /* only note there */
    unsigned head = home_queue_states(ROLE_HEAD);
    assert_true(head & (1u << S_SUBMITTED));
    assert_true(head & (1u << S_IN_REVIEW));
    assert_true(head & (1u << S_REPORTED));
    assert_false(head & (1u << S_DRAFT));
    assert_int_equal(home_queue_states(ROLE_VIEWER), 0);
    /* Every state with an action an admin may take. */
    unsigned all = home_queue_states(ROLE_ADMIN);
    assert_true(all & (1u << S_CLOSED));           /* commend */
    assert_false(all & (1u << S_WITHDRAWN));
    char buf[300];
    home_queue_actions(ROLE_HEAD, S_IN_REVIEW, buf, sizeof buf);
    assert_non_null(strstr(buf, "Chấp thuận"));
    assert_non_null(strstr(buf, "Ghi kết quả biểu quyết"));
    assert_null(strstr(buf, "Ghi chú"));
    home_queue_actions(ROLE_REVIEWER, S_IN_REVIEW, buf, sizeof buf);
    assert_string_equal(buf, "Ghi ý kiến thẩm định");
}

typedef struct seen { int n; char last[32]; int states_ok; unsigned mask; } seen;

static int on_row(const proposal_row *r, void *ud)
{
    seen *s = ud;
    s->n++;
    int st = wf_state_parse(r->state_name);
    if (st < 0 || !(s->mask & (1u << st))) s->states_ok = 0;
    snprintf(s->last, sizeof s->last, "%s", r->code);
    return 0;
}

static void test_queue_list_pages_in_scope(void **state)
{
    (void)state;
    st_actor head = demodb_actor(&T, "bd-qn.lanhdao");
    unsigned mask = home_queue_states(head.roles);
    st_err e;
    err_clear(&e);
    seen all = {0, "", 1, mask};
    assert_int_equal(home_queue_list(T.db, &head, mask, NULL, "code", 0, 0, 0, on_row, &all, &e), ST_OK);
    assert_true(all.states_ok);
    /* The same count straight from the tables, scope by the unit paths. */
    char sql[1200] = "SELECT count(*) FROM proposals p JOIN units eu ON eu.id = p.employing_unit_id "
        "JOIN units cu ON cu.id = p.competent_unit_id JOIN units s ON s.code = 'BD-QN' "
        "WHERE p.deleted = 0 AND (substr(eu.path,1,length(s.path)) = s.path OR "
        "substr(cu.path,1,length(s.path)) = s.path) AND p.state IN ('-'";
    for (int st = 0; st < S_COUNT; st++)
        if (mask & (1u << st))
            snprintf(sql + strlen(sql), sizeof sql - strlen(sql), ",'%s'", wf_state_name(st));
    strcat(sql, ")");
    assert_int_equal(all.n, demodb_int(&T, sql));
    assert_true(all.n > 3);
    /* Pages: limit and offset in SQL; the second page starts after the first. */
    seen p1 = {0, "", 1, mask}, p2 = {0, "", 1, mask};
    assert_int_equal(home_queue_list(T.db, &head, mask, NULL, "code", 0, 2, 0, on_row, &p1, &e), ST_OK);
    assert_int_equal(home_queue_list(T.db, &head, mask, NULL, "code", 0, 2, 2, on_row, &p2, &e), ST_OK);
    assert_int_equal(p1.n, 2);
    assert_int_equal(p2.n, 2);
    assert_true(strcmp(p1.last, p2.last) < 0);
    /* A viewer waits for nothing. */
    st_actor viewer = demodb_actor(&T, "bd-an.xem");
    seen none = {0, "", 1, 0};
    assert_int_equal(home_queue_list(T.db, &viewer, home_queue_states(viewer.roles), NULL, NULL, 0,
                                     10, 0, on_row, &none, &e), ST_OK);
    assert_int_equal(none.n, 0);
}

/* The recent activity as "at code action" lines, newest first. */
typedef struct lines { int n; char v[8][120]; } lines;

static int on_line(const home_event_row *r, void *ud)
{
    lines *l = ud;
    if (l->n < 8) snprintf(l->v[l->n++], sizeof l->v[0], "%s %s %s", r->at, r->code, r->action);
    return 0;
}

/* The queue and the recent activity in every unit's scope, small ones
 * included (scope.h: a scope under a sixteenth of the units finds its rows
 * through their units' indexes): the same rows as the plain test of the
 * unit paths, a page of them in the default order the same as the first
 * rows of them all. */
static void test_queue_every_scope_size(void **state)
{
    (void)state;
    st_actor who = demodb_actor(&T, "bd-qn.lanhdao");
    unsigned mask = home_queue_states(who.roles);
    /* Make some scopes small: more units elsewhere (the demo's smallest
     * district holds 6 of 91). */
    for (int i = 0; i < 60; i++) {
        char sql[300];
        snprintf(sql, sizeof sql, "INSERT INTO units(code, name, parent_id, path, updated_at) "
                 "VALUES ('X-%d', 'Đơn vị thêm %d', NULL, '/x%d/', 'x')", i, i, i);
        assert_int_equal(sqlite3_exec(db_h(T.db), sql, NULL, NULL, NULL), SQLITE_OK);
    }
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_h(T.db), "SELECT path FROM units WHERE path NOT LIKE "
                                        "'/x%' ORDER BY id", -1, &st, NULL), SQLITE_OK);
    int small = 0, units = 0, recent = 0;
    st_err e;
    err_clear(&e);
    while (sqlite3_step(st) == SQLITE_ROW) {
        snprintf(who.scope_path, sizeof who.scope_path, "%s", (const char *)sqlite3_column_text(st, 0));
        small += scope_size(T.db, who.scope_path) == SCOPE_SMALL;
        units++;
        seen all = {0, "", 1, mask}, page = {0, "", 1, mask};
        assert_int_equal(home_queue_list(T.db, &who, mask, NULL, NULL, 0, 0, 0, on_row, &all, &e),
                         ST_OK);
        assert_int_equal(home_queue_list(T.db, &who, mask, NULL, NULL, 0, 3, 0, on_row, &page, &e),
                         ST_OK);
        assert_true(all.states_ok);
        assert_int_equal(page.n, all.n < 3 ? all.n : 3);
        char sql[1400];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM proposals p JOIN units eu ON eu.id = "
                 "p.employing_unit_id JOIN units cu ON cu.id = p.competent_unit_id "
                 "WHERE p.deleted = 0 AND (substr(eu.path,1,length('%s')) = '%s' OR "
                 "substr(cu.path,1,length('%s')) = '%s') AND p.state IN ('-'", who.scope_path,
                 who.scope_path, who.scope_path, who.scope_path);
        for (int k = 0; k < S_COUNT; k++)
            if (mask & (1u << k))
                snprintf(sql + strlen(sql), sizeof sql - strlen(sql), ",'%s'", wf_state_name(k));
        strcat(sql, ")");
        if (all.n != demodb_int(&T, sql))
            fail_msg("scope %s: %d in the queue, %lld counted", who.scope_path, all.n,
                     demodb_int(&T, sql));
        /* The recent activity: the scope's latest events, as a plain query
         * by the unit paths finds them (a small scope's own form: 017). */
        lines got = {0};
        assert_int_equal(home_recent(T.db, &who, 8, on_line, &got, &e), ST_OK);
        sqlite3_stmt *q;
        assert_int_equal(sqlite3_prepare_v2(db_h(T.db), "SELECT ev.at || ' ' || p.code || ' ' || "
            "ev.action FROM events ev JOIN proposals p ON p.id = ev.proposal_id JOIN units eu ON "
            "eu.id = p.employing_unit_id JOIN units cu ON cu.id = p.competent_unit_id WHERE "
            "p.deleted = 0 AND (substr(eu.path, 1, length(?1)) = ?1 OR substr(cu.path, 1, "
            "length(?1)) = ?1) ORDER BY ev.at DESC, ev.id DESC LIMIT 8", -1, &q, NULL), SQLITE_OK);
        sqlite3_bind_text(q, 1, who.scope_path, -1, SQLITE_STATIC);
        int k = 0;
        while (sqlite3_step(q) == SQLITE_ROW) {
            if (k >= got.n || strcmp(got.v[k], (const char *)sqlite3_column_text(q, 0)) != 0)
                fail_msg("scope %s: recent %d is '%s', want '%s'", who.scope_path, k,
                         k < got.n ? got.v[k] : "-", (const char *)sqlite3_column_text(q, 0));
            k++;
        }
        sqlite3_finalize(q);
        assert_int_equal(k, got.n);
        recent += got.n > 0;
    }
    sqlite3_finalize(st);
    assert_true(units > 50);
    assert_true(small > 10);
    assert_true(recent > 20);
    assert_int_equal(sqlite3_exec(db_h(T.db), "DELETE FROM units WHERE path LIKE '/x%'", NULL,
                                  NULL, NULL), SQLITE_OK);
}

static void test_queue_search_folds(void **state)
{
    (void)state;
    st_actor admin = demodb_actor(&T, "admin");
    st_err e;
    err_clear(&e);
    /* Independent count: fold every draft title here (codes hold neither word). */
    long long want = 0;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_h(T.db), "SELECT title FROM proposals WHERE deleted = 0 "
                                        "AND state = 'draft'", -1, &st, NULL), SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
        char *f = text_fold((const char *)sqlite3_column_text(st, 0));
        want += f && strstr(f, "so") && strstr(f, "hoa");   /* every word, anywhere */
        free(f);
    }
    sqlite3_finalize(st);
    assert_true(want > 0);
    seen s = {0, "", 1, 1u << S_DRAFT};
    assert_int_equal(home_queue_list(T.db, &admin, 1u << S_DRAFT, "SO HOA", NULL, 0, 0, 0, on_row, &s,
                                     &e), ST_OK);
    assert_int_equal(s.n, want);
}

typedef struct od { int n, bad; st_day today; const calendar *cal; char prev[11]; } od;

static int on_overdue(const home_overdue_row *r, void *ud)
{
    od *o = ud;
    st_day due;
    o->n++;
    if (date_parse(r->due_date, &due, NULL) != ST_OK || due >= o->today) o->bad++;
    int late = calendar_working_days_between(o->cal, due, o->today);
    if (r->days_late != (late < 1 ? 1 : late)) o->bad++;
    if (strcmp(o->prev, r->due_date) > 0) o->bad++;   /* the most late first */
    snprintf(o->prev, sizeof o->prev, "%s", r->due_date);
    return 0;
}

static void test_overdue_in_working_days(void **state)
{
    (void)state;
    st_actor admin = demodb_actor(&T, "admin");
    st_err e;
    err_clear(&e);
    od o = {0, 0, date_today(), db_calendar(T.db, &e), ""};
    assert_non_null(o.cal);
    int total = -1;
    assert_int_equal(home_overdue(T.db, &admin, 0, on_overdue, &o, &total, &e), ST_OK);
    assert_int_equal(o.bad, 0);
    assert_int_equal(total, o.n);
    assert_int_equal(total, demodb_int(&T, "SELECT count(*) FROM proposals WHERE deleted = 0 "
                                       "AND due_date IS NOT NULL AND due_date < '2026-11-28'"));
    assert_true(total > 0);
    od lim = {0, 0, date_today(), o.cal, ""};
    int t2 = -1;
    assert_int_equal(home_overdue(T.db, &admin, 3, on_overdue, &lim, &t2, &e), ST_OK);
    assert_int_equal(lim.n, total < 3 ? total : 3);
    assert_int_equal(t2, total);
}

static int on_event(const home_event_row *r, void *ud)
{
    int *n = ud;
    (*n)++;
    assert_true(r->code[0] && r->action[0] && r->at[0]);
    return 0;
}

static void test_recent_in_scope(void **state)
{
    (void)state;
    st_actor admin = demodb_actor(&T, "admin"), clerk = demodb_actor(&T, "bd-qn.chuyenvien");
    st_err e;
    err_clear(&e);
    int n = 0;
    assert_int_equal(home_recent(T.db, &admin, 8, on_event, &n, &e), ST_OK);
    assert_int_equal(n, 8);
    st_actor nobody = clerk;
    snprintf(nobody.scope_path, sizeof nobody.scope_path, "/999999/");
    n = 0;
    assert_int_equal(home_recent(T.db, &nobody, 8, on_event, &n, &e), ST_OK);
    assert_int_equal(n, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_queue_states_follow_the_workflow),
        cmocka_unit_test(test_queue_list_pages_in_scope),
        cmocka_unit_test(test_queue_every_scope_size),
        cmocka_unit_test(test_queue_search_folds),
        cmocka_unit_test(test_overdue_in_working_days),
        cmocka_unit_test(test_recent_in_scope),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
