/* The demo database: every state reached through the real workflow, the
 * side tables filled, a sound database, and the same demo for the same seed. */
#include "testdb.h"

#include <time.h>

#include "store/db_internal.h"
#include "demo/demo.h"
#include "flow/setup.h"
#include "flow/users.h"
#include "flow/workflow.h"

#define SEED 2022u

static tu_env first;   /* filled once by the group setup, seed SEED */

static long long q_int(st_db *db, const char *sql)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db_h(db), sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db_h(db)));
    long long v = -1;
    if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* Every row of a one-column query, joined by newlines (malloc'd). */
static char *q_text(st_db *db, const char *sql)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db_h(db), sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db_h(db)));
    size_t len = 0, cap = 1024;
    char *out = malloc(cap);
    assert_non_null(out);
    out[0] = '\0';
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *s = (const char *)sqlite3_column_text(st, 0);
        size_t n = strlen(s ? s : "");
        while (len + n + 2 > cap) {
            char *more = realloc(out, cap *= 2);
            assert_non_null(more);
            out = more;
        }
        memcpy(out + len, s ? s : "", n);
        len += n;
        out[len++] = '\n';
        out[len] = '\0';
    }
    sqlite3_finalize(st);
    return out;
}

static void open_and_fill(tu_env *t, unsigned seed)
{
    st_err e;
    err_clear(&e);
    tu_env_open(t);
    if (setup_init(t->db, NULL, "admin", "Quản trị hệ thống", "quantri-2026", &e) != ST_OK)
        fail_msg("setup_init: %s", e.msg);
    st_actor admin;
    if (user_actor(t->db, "admin", &admin, &e) != ST_OK) fail_msg("user_actor: %s", e.msg);
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    if (demo_fill(t->db, &admin, seed, "demo-2026", &e) != ST_OK) fail_msg("demo_fill: %s", e.msg);
    clock_gettime(CLOCK_MONOTONIC, &b);
    printf("# demo_fill (seed %u): %.2f s\n", seed,
           (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9);
}

static int group_setup(void **state)
{
    (void)state;
    setenv("SANGTAO_TODAY", "2026-11-28", 1);
    unsetenv("SANGTAO_NOW");
    open_and_fill(&first, SEED);
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    tu_env_close(&first);
    return 0;
}

static void every_state_reached(void **state)
{
    (void)state;
    st_db *db = first.db;
    for (int s = 0; s < S_COUNT; s++) {
        char sql[160];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM proposals WHERE state = '%s'",
                 wf_state_name(s));
        long long n = q_int(db, sql);
        printf("# %-22s %lld\n", wf_state_name(s), n);
        if (n < 1) fail_msg("no proposal in state %s", wf_state_name(s));
    }
    long long props = q_int(db, "SELECT count(*) FROM proposals");
    assert_in_range(props, 180, 220);
    assert_true(q_int(db, "SELECT count(*) FROM events") > props);
}

static void side_tables_filled(void **state)
{
    (void)state;
    st_db *db = first.db;
    static const char *const nonempty[] = {
        "SELECT count(*) FROM users WHERE username <> 'admin'",
        "SELECT count(*) FROM people",
        "SELECT count(*) FROM monitoring",
        "SELECT count(*) FROM evaluations",
        "SELECT count(*) FROM commendations",
        "SELECT count(*) FROM dissemination",
        "SELECT count(*) FROM proposal_versions",
        "SELECT count(*) FROM resources",
        "SELECT count(*) FROM result_reports",
        "SELECT count(*) FROM replications WHERE kind = 'decision'",
        "SELECT count(*) FROM replications WHERE kind = 'declined'",
        "SELECT count(*) FROM opinions WHERE party_committee = 1",
        "SELECT count(*) FROM votes WHERE passed = 0",
        "SELECT count(*) FROM decisions WHERE override = 1",
        "SELECT count(*) FROM decisions WHERE kind = 'pilot'",
        "SELECT count(*) FROM decisions WHERE kind = 'reject'",
        "SELECT count(*) FROM monitoring WHERE violation = 1",
        "SELECT count(*) FROM evaluations WHERE damage = 1",
        "SELECT count(DISTINCT unit_id) FROM dissemination WHERE 1 HAVING count(DISTINCT unit_id) > 10",
    };
    for (size_t i = 0; i < sizeof nonempty / sizeof nonempty[0]; i++)
        if (q_int(db, nonempty[i]) < 1) fail_msg("empty: %s", nonempty[i]);
    assert_int_equal(q_int(db, "SELECT count(DISTINCT outcome) FROM evaluations"), 3);
    assert_int_equal(q_int(db, "SELECT count(DISTINCT form) FROM commendations"), 5);
    assert_true(q_int(db, "SELECT count(DISTINCT protection_measure) FROM evaluations") >= 5);
    assert_true(q_int(db, "SELECT count(*) FROM monitoring GROUP BY proposal_id "
                          "ORDER BY count(*) DESC LIMIT 1") >= 3);
    assert_true(q_int(db, "SELECT count(DISTINCT employing_unit_id) FROM proposals") > 20);
    assert_true(q_int(db, "SELECT count(DISTINCT field_id) FROM proposals") >= 10);
    assert_true(q_int(db, "SELECT count(DISTINCT substr(code, 4, 4)) FROM proposals") == 3);
    /* the demo accounts open without a forced password change */
    assert_int_equal(q_int(db, "SELECT count(*) FROM users WHERE must_change_pw = 1 "
                               "AND username <> 'admin'"), 0);
}

static void dates_in_order(void **state)
{
    (void)state;
    st_db *db = first.db;
    /* received before vote before decision before report before evaluation */
    assert_int_equal(q_int(db, "SELECT count(*) FROM votes v JOIN proposals p ON p.id = "
                               "v.proposal_id WHERE v.vote_date < p.received_date"), 0);
    assert_int_equal(q_int(db, "SELECT count(*) FROM decisions d JOIN votes v ON v.proposal_id"
                               " = d.proposal_id AND v.stage = 'review' WHERE d.doc_date < "
                               "v.vote_date"), 0);
    assert_int_equal(q_int(db, "SELECT count(*) FROM result_reports r JOIN decisions d ON "
                               "d.proposal_id = r.proposal_id WHERE r.completion_date <= "
                               "d.doc_date OR r.report_date < r.completion_date"), 0);
    assert_int_equal(q_int(db, "SELECT count(*) FROM evaluations v JOIN result_reports r ON "
                               "r.proposal_id = v.proposal_id WHERE v.meeting_date < "
                               "r.report_date"), 0);
    assert_int_equal(q_int(db, "SELECT count(*) FROM proposals WHERE period_to < period_from"), 0);
    assert_int_equal(q_int(db, "SELECT count(*) FROM events WHERE proposal_id IS NOT NULL AND (at < '2024-01-01' OR "
                               "at > '2026-11-21')"), 0);
    /* the events of each proposal were written in date order */
    assert_int_equal(q_int(db, "SELECT count(*) FROM events a JOIN events b ON b.proposal_id ="
                               " a.proposal_id AND b.id > a.id WHERE b.at < a.at"), 0);
}

/* Decree 73 Art. 8(1), issue #13 items 3-5: every decision follows a vote of
 * the proposal's current revision (or overrides it in writing), and no tie
 * was left without the head's vote. */
static void decisions_follow_votes(void **state)
{
    (void)state;
    st_db *db = first.db;
    assert_int_equal(q_int(db, "SELECT count(*) FROM votes WHERE votes_for = votes_against "
                               "AND votes_for > 0 AND head_vote IS NULL"), 0);
    assert_int_equal(q_int(db, "SELECT count(*) FROM decisions d JOIN proposals p ON p.id = "
                               "d.proposal_id WHERE NOT EXISTS (SELECT 1 FROM votes v WHERE "
                               "v.proposal_id = p.id AND v.revision = p.revision)"), 0);
    assert_int_equal(q_int(db, "SELECT count(*) FROM decisions d WHERE d.override = 0 AND "
                               "(d.kind = 'reject') = (SELECT v.passed FROM votes v WHERE "
                               "v.proposal_id = d.proposal_id ORDER BY v.id DESC LIMIT 1)"), 0);
    assert_true(q_int(db, "SELECT count(*) FROM votes WHERE votes_for = votes_against "
                          "AND head_vote = 'for'") > 0);
}

static void database_sound(void **state)
{
    (void)state;
    st_db *db = first.db;
    char *ic = q_text(db, "PRAGMA integrity_check");
    assert_string_equal(ic, "ok\n");
    free(ic);
    char *fk = q_text(db, "PRAGMA foreign_key_check");
    assert_string_equal(fk, "");
    free(fk);
    assert_int_equal(q_int(db, "PRAGMA synchronous"), 2);   /* FULL again */
    assert_string_equal(getenv("SANGTAO_TODAY"), "2026-11-28");
    assert_null(getenv("SANGTAO_NOW"));
}

static void same_seed_same_demo(void **state)
{
    (void)state;
    tu_env second;
    open_and_fill(&second, SEED);
    const char *sql = "SELECT code || '|' || title || '|' || state FROM proposals ORDER BY code";
    char *a = q_text(first.db, sql), *b = q_text(second.db, sql);
    assert_true(strlen(a) > 1000);
    assert_string_equal(a, b);
    free(a);
    free(b);
    tu_env_close(&second);
}

static void demo_users_log_in(void **state)
{
    (void)state;
    st_db *db = first.db;
    char *names = q_text(db, "SELECT username FROM users WHERE username <> 'admin' "
                             "AND roles & 4 ORDER BY username LIMIT 1");
    names[strcspn(names, "\n")] = '\0';
    assert_true(*names);
    st_actor a;
    st_err e;
    err_clear(&e);
    if (user_login(db, names, "demo-2026", &a, &e) != ST_OK) fail_msg("%s: %s", names, e.msg);
    assert_false(a.must_change_pw);
    assert_true(a.roles & ROLE_HEAD);
    free(names);
}

/* A second fill on the same database stops at the first user, names the
 * step, and still puts the clock and synchronous back. */
static void refill_fails_cleanly(void **state)
{
    (void)state;
    st_db *db = first.db;
    st_err e;
    err_clear(&e);
    st_actor admin;
    assert_int_equal(user_actor(db, "admin", &admin, &e), ST_OK);
    long long before = q_int(db, "SELECT count(*) FROM events");
    assert_int_not_equal(demo_fill(db, &admin, SEED, "demo-2026", &e), ST_OK);
    assert_non_null(strstr(e.msg, "user_add"));
    assert_int_equal(q_int(db, "SELECT count(*) FROM events"), before);
    assert_int_equal(q_int(db, "PRAGMA synchronous"), 2);
    assert_string_equal(getenv("SANGTAO_TODAY"), "2026-11-28");
    assert_null(getenv("SANGTAO_NOW"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_state_reached),
        cmocka_unit_test(side_tables_filled),
        cmocka_unit_test(dates_in_order),
        cmocka_unit_test(decisions_follow_votes),
        cmocka_unit_test(database_sound),
        cmocka_unit_test(demo_users_log_in),
        cmocka_unit_test(same_seed_same_demo),
        cmocka_unit_test(refill_fails_cleanly),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
