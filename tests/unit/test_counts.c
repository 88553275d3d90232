/* The counts kept by triggers (data/014_counts.sql) against a recount, on
 * random data: the demo's workflow for a seed (proposals, actions across
 * units and dates), then random writes to every table the counts read
 * (states, units, fields, dates, kinds, deletions soft and hard, new
 * events), as the program or the exchange would make them.  After each
 * round: `check`'s comparison finds nothing, the home screen's counts equal
 * a count of the proposals for users of several scopes, and every table of
 * the periodic review from the kept counts equals the one counted from the
 * rows, for years, quarters, months and odd periods, for several units;
 * and the month-end stocks the maintenance writes (017_report_and_lists.sql) give
 * the same review as the state changes they stand for, are taken out by an
 * older change, are read, and follow the proposals' units, planned end,
 * decision, deletion and state (018_review_without_scan.sql).
 * SANGTAO_TEST_SEED picks the seed (printed on a failure). */
#include "testdb.h"

#include <time.h>

#include "base/rng.h"
#include "demo/demo.h"
#include "flow/counts.h"
#include "flow/home.h"
#include "flow/scope.h"
#include "flow/setup.h"
#include "flow/stats.h"
#include "flow/users.h"
#include "report/report.h"
#include "store/db_internal.h"

static tu_env env;
static st_actor admin;
static unsigned seed;
static rng R;

static void exec(const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db_h(env.db), sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("seed %u: %s: %s", seed, sql, msg ? msg : "?");
}

static long long q_int(const char *sql)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db_h(env.db), sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db_h(env.db)));
    long long v = -1;
    if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* A random row id of a table (0 when empty). */
static long long any_id(const char *table)
{
    char sql[200];
    long long n = 0;
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    n = q_int(sql);
    if (n <= 0) return 0;
    snprintf(sql, sizeof sql, "SELECT id FROM %s ORDER BY id LIMIT 1 OFFSET %d", table,
             rnd(&R, (int)n));
    return q_int(sql);
}

static void random_day(char out[11])
{
    snprintf(out, 11, "%04d-%02d-%02d", range(&R, 2021, 2026), range(&R, 1, 12), range(&R, 1, 28));
}

/* One random write through SQL, as an action, an edit or the exchange makes. */
static void mutate(void)
{
    static const char *const states[] = {"draft", "submitted", "in_review", "returned",
        "approved", "implementing", "suspended", "terminated", "reported", "evaluated",
        "closed", "rejected", "withdrawn"};
    static const char *const acts[] = {"submit", "return", "start", "suspend", "terminate",
                                       "note", "accept"};
    static const char *const outcomes[] = {"completed", "partial", "not_completed"};
    static const char *const measures[] = {"not_liable", "excluded", "consider_exclusion",
                                           "exempted", "mitigated", "discipline", "none"};
    static const char *const forms[] = {"praise", "certificate", "merit", "early_raise",
                                        "priority_appointment"};
    static const char *const repl[] = {"proposal", "decision", "declined"};
    char sql[600], day[11];
    long long p = any_id("proposals");
    random_day(day);
    switch (rnd(&R, 18)) {
    case 0:
        snprintf(sql, sizeof sql, "UPDATE proposals SET state = '%s' WHERE id = %lld",
                 states[rnd(&R, 13)], p);
        break;
    case 1:
        snprintf(sql, sizeof sql, "UPDATE proposals SET employing_unit_id = %lld WHERE id = %lld",
                 any_id("units"), p);
        break;
    case 2:
        snprintf(sql, sizeof sql, "UPDATE proposals SET competent_unit_id = %lld, field_id = %s "
                 "WHERE id = %lld", any_id("units"), chance(&R, 20) ? "NULL" :
                 (const char *[]){"1", "4", "9", "12"}[rnd(&R, 4)], p);
        break;
    case 3:
        snprintf(sql, sizeof sql, "UPDATE proposals SET deleted = 1 - deleted WHERE id = %lld", p);
        break;
    case 4:
        /* Half of them change the state: the month-end stocks after it go
         * (017_report_and_lists.sql). */
        snprintf(sql, sizeof sql, "INSERT INTO events(id, proposal_id, at, username, action, "
                 "to_state) VALUES ((SELECT max(id) + 1 FROM events), %lld, '%sT%02d:%02d:00Z', "
                 "'x', '%s', %s)", p, day, range(&R, 0, 23), range(&R, 0, 59), acts[rnd(&R, 7)],
                 chance(&R, 50) ? "NULL" : (const char *[]){"'implementing'", "'suspended'",
                 "'reported'", "'closed'"}[rnd(&R, 4)]);
        break;
    case 5:
        snprintf(sql, sizeof sql, "UPDATE decisions SET doc_date = '%s', kind = '%s' WHERE id = %lld",
                 day, (const char *[]){"implement", "pilot", "reject"}[rnd(&R, 3)],
                 any_id("decisions"));
        break;
    case 6:
        snprintf(sql, sizeof sql, "UPDATE decisions SET deleted = 1 - deleted WHERE id = %lld",
                 any_id("decisions"));
        break;
    case 7:
        snprintf(sql, sizeof sql, "UPDATE evaluations SET outcome = '%s', damage = %d, "
                 "protection_measure = '%s', meeting_date = '%s' WHERE id = %lld",
                 outcomes[rnd(&R, 3)], chance(&R, 30), measures[rnd(&R, 7)], day,
                 any_id("evaluations"));
        break;
    case 8:
        snprintf(sql, sizeof sql, "UPDATE evaluations SET deleted = 1 - deleted WHERE id = %lld",
                 any_id("evaluations"));
        break;
    case 9:
        snprintf(sql, sizeof sql, "UPDATE result_reports SET report_date = '%s', deleted = %d "
                 "WHERE id = %lld", day, chance(&R, 20), any_id("result_reports"));
        break;
    case 10:
        if (chance(&R, 20))
            /* Recorded with an event of another action: its day is that
             * event's still (replication_days, 018_review_without_scan.sql). */
            snprintf(sql, sizeof sql, "UPDATE replications SET doc_date = NULL, event_id = "
                     "(SELECT min(e.id) FROM events e WHERE e.proposal_id = "
                     "replications.proposal_id) WHERE id = %lld", any_id("replications"));
        else if (chance(&R, 50))
            snprintf(sql, sizeof sql, "UPDATE replications SET doc_date = NULL, kind = '%s' "
                     "WHERE id = %lld", repl[rnd(&R, 3)], any_id("replications"));
        else
            snprintf(sql, sizeof sql, "UPDATE replications SET doc_date = '%s', deleted = %d "
                     "WHERE id = %lld", day, chance(&R, 20), any_id("replications"));
        break;
    case 11:
        snprintf(sql, sizeof sql, "UPDATE commendations SET form = '%s', doc_date = '%s', "
                 "deleted = %d WHERE id = %lld", forms[rnd(&R, 5)], day, chance(&R, 20),
                 any_id("commendations"));
        break;
    case 12:
        snprintf(sql, sizeof sql, "DELETE FROM commendations WHERE id = %lld",
                 any_id("commendations"));
        break;
    case 13:
        /* A copy of a proposal under a new id, as the exchange applies one. */
        snprintf(sql, sizeof sql, "INSERT INTO proposals(id, code, title, field_id, "
                 "employing_unit_id, competent_unit_id, state, created_at, updated_at, deleted) "
                 "SELECT (SELECT max(id) + 1 FROM proposals), 'T-' || (SELECT max(id) + 1 FROM "
                 "proposals), title, field_id, employing_unit_id, competent_unit_id, state, "
                 "created_at, updated_at, %d FROM proposals WHERE id = %lld", chance(&R, 20), p);
        break;
    case 14: {
        /* A proposal and every row of it gone, as an office's seed cuts it. */
        static const char *const children[] = {"opinions", "votes", "decisions", "resources",
            "monitoring", "result_reports", "evaluations", "replications", "commendations",
            "adjustments", "attachments", "doc_register", "proposers", "proposal_versions",
            "sync_conflicts", "events"};
        exec("PRAGMA defer_foreign_keys = ON; DROP TRIGGER IF EXISTS events_no_delete");
        for (size_t i = 0; i < sizeof children / sizeof children[0]; i++) {
            snprintf(sql, sizeof sql, "DELETE FROM %s WHERE proposal_id = %lld", children[i], p);
            exec(sql);
        }
        snprintf(sql, sizeof sql, "DELETE FROM proposals WHERE id = %lld", p);
        exec(sql);
        exec("CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN "
             "SELECT RAISE(ABORT, 'events are append-only'); END");
        return;
    }
    case 15:
        /* A pilot's end moved or its decision changed: what the month-end
         * stocks carry of it follows (018_review_without_scan.sql). */
        snprintf(sql, sizeof sql, "UPDATE proposals SET period_to = %s, decision_kind = '%s' "
                 "WHERE id = (SELECT proposal_id FROM stock_at ORDER BY proposal_id LIMIT 1 "
                 "OFFSET %d)", chance(&R, 10) ? "NULL" : "'2025-03-10'",
                 chance(&R, 50) ? "pilot" : "implement", rnd(&R, 50));
        if (chance(&R, 50)) snprintf(sql, sizeof sql, "UPDATE proposals SET period_to = '%s' "
                                     "WHERE id = %lld", day, p);
        break;
    case 16:
        /* A unit with no units under it moved under another (an
         * administrative merger): the facts by month are taken out until
         * written again (018_review_without_scan.sql). */
        snprintf(sql, sizeof sql, "UPDATE units SET parent_id = t.id, path = t.path || units.id "
                 "|| '/' FROM (SELECT id, path FROM units WHERE parent_id IS NOT NULL "
                 "ORDER BY id LIMIT 1 OFFSET %d) t WHERE units.id = (SELECT u.id FROM units u "
                 "WHERE NOT EXISTS (SELECT 1 FROM units c WHERE c.parent_id = u.id) "
                 "AND u.parent_id IS NOT NULL ORDER BY u.id LIMIT 1 OFFSET %d) AND t.id <> units.id",
                 rnd(&R, 6), rnd(&R, 20));
        break;
    default:
        snprintf(sql, sizeof sql, "UPDATE proposals SET state = 'implementing', field_id = %d "
                 "WHERE id = %lld", range(&R, 1, 12), p);
        break;
    }
    exec(sql);
}

/* ---- the comparisons ---------------------------------------------------------- */

static void counts_agree(void)
{
    st_err e;
    err_clear(&e);
    long wrong = -1;
    if (counts_check(env.db, &wrong, &e) != ST_OK) fail_msg("counts_check: %s", e.msg);
    if (wrong) fail_msg("seed %u: %ld rows of the kept counts differ from a recount", seed, wrong);
}

static void home_agrees(const char *user)
{
    st_actor who;
    st_err e;
    err_clear(&e);
    if (user_actor(env.db, user, &who, &e) != ST_OK) fail_msg("user_actor %s: %s", user, e.msg);
    long counts[S_COUNT];
    if (stats_by_state(env.db, &who, counts, &e) != ST_OK) fail_msg("stats: %s", e.msg);
    for (int s = 0; s < S_COUNT; s++) {
        sqlite3_stmt *st;
        assert_int_equal(sqlite3_prepare_v2(db_h(env.db),
            "SELECT count(*) FROM proposals p JOIN units eu ON eu.id = p.employing_unit_id "
            "JOIN units cu ON cu.id = p.competent_unit_id WHERE p.deleted = 0 AND p.state = ?2 "
            "AND (substr(eu.path, 1, length(?1)) = ?1 OR substr(cu.path, 1, length(?1)) = ?1)",
            -1, &st, NULL), SQLITE_OK);
        sqlite3_bind_text(st, 1, scope_bind(&who), -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, wf_state_name(s), -1, SQLITE_STATIC);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        long want = (long)sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        if (counts[s] != want)
            fail_msg("seed %u: %s, %s: home %ld, recount %ld", seed, user, wf_state_name(s),
                     counts[s], want);
    }
    /* The overdue count, through the scope's units (016_home_by_unit.sql). */
    int total = -1;
    if (home_overdue(env.db, &who, 1, NULL, NULL, &total, &e) != ST_OK)
        fail_msg("home_overdue: %s", e.msg);
    char today[11];
    date_iso(date_today(), today);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_h(env.db),
        "SELECT count(*) FROM proposals p JOIN units eu ON eu.id = p.employing_unit_id "
        "JOIN units cu ON cu.id = p.competent_unit_id WHERE p.deleted = 0 AND p.due_date < ?2 "
        "AND (substr(eu.path, 1, length(?1)) = ?1 OR substr(cu.path, 1, length(?1)) = ?1)",
        -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_text(st, 1, scope_bind(&who), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, today, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int want = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (total != want)
        fail_msg("seed %u: %s: overdue on the home screen %d, recount %d", seed, user, total, want);
}

static report *periodic(const char *period, int year, int number, const char *from,
                        const char *to, const char *unit, int recount)
{
    report_params p;
    memset(&p, 0, sizeof p);
    p.period = period;
    p.year = year;
    p.number = number;
    p.from = from;
    p.to = to;
    p.unit = unit;
    p.recount = recount;
    st_err e;
    err_clear(&e);
    report *r = NULL;
    if (report_periodic(env.db, &admin, &p, &r, &e) != ST_OK) fail_msg("report: %s", e.msg);
    return r;
}

static void report_agrees(const char *period, int year, int number, const char *from,
                          const char *to, const char *unit)
{
    report *a = periodic(period, year, number, from, to, unit, 0);
    report *b = periodic(period, year, number, from, to, unit, 1);
    const char *what = period ? period : from;
    assert_int_equal(a->ntables, b->ntables);
    assert_int_equal(a->empty, b->empty);
    for (int t = 0; t < a->ntables; t++) {
        const report_table *x = a->t[t], *y = b->t[t];
        assert_string_equal(x->key, y->key);
        if (x->nrows != y->nrows || x->ncol != y->ncol)
            fail_msg("seed %u: %s %d %s, table %s: %d×%d rows from the counts, %d×%d recounted",
                     seed, what, year, unit ? unit : "", x->key, x->nrows, x->ncol, y->nrows,
                     y->ncol);
        for (int i = 0; i < x->nrows * x->ncol; i++) {
            const char *cx = report_cell(x, i / x->ncol, i % x->ncol);
            const char *cy = report_cell(y, i / x->ncol, i % x->ncol);
            if (strcmp(cx, cy) != 0)
                fail_msg("seed %u: %s %d/%d %s, table %s row %d column %s: '%s' from the "
                         "counts, '%s' recounted", seed, what, number, year, unit ? unit : "",
                         x->key, i / x->ncol, x->col[i % x->ncol].key, cx, cy);
        }
    }
    report_free(&a);
    report_free(&b);
}

/* A district and a commune of the demo tree, read from the units. */
static void some_units(char district[64], char commune[64])
{
    sqlite3_stmt *st;
    district[0] = commune[0] = '\0';
    assert_int_equal(sqlite3_prepare_v2(db_h(env.db),
        "SELECT u.code, (SELECT c.code FROM units c WHERE c.parent_id = u.id ORDER BY c.id "
        "LIMIT 1) FROM units u WHERE u.parent_id = (SELECT id FROM units WHERE parent_id IS NULL) "
        "AND EXISTS (SELECT 1 FROM units c WHERE c.parent_id = u.id) ORDER BY u.id LIMIT 1",
        -1, &st, NULL), SQLITE_OK);
    if (sqlite3_step(st) == SQLITE_ROW) {
        snprintf(district, 64, "%s", (const char *)sqlite3_column_text(st, 0));
        snprintf(commune, 64, "%s", (const char *)sqlite3_column_text(st, 1));
    }
    sqlite3_finalize(st);
}

static void everything_agrees(void)
{
    counts_agree();
    /* Users of every scope the demo has: the province, a unit, a commune. */
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_h(env.db), "SELECT username FROM users "
                                        "WHERE deleted = 0 ORDER BY id LIMIT 12", -1, &st, NULL),
                     SQLITE_OK);
    char users[12][64];
    int nu = 0;
    while (sqlite3_step(st) == SQLITE_ROW && nu < 12)
        snprintf(users[nu++], 64, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    for (int i = 0; i < nu; i++) home_agrees(users[i]);
    char district[64], commune[64];
    some_units(district, commune);
    const char *units[] = {NULL, district[0] ? district : NULL, commune[0] ? commune : NULL};
    for (int u = 0; u < 3; u++) {
        for (int y = 2022; y <= 2026; y++) report_agrees("year", y, 0, NULL, NULL, units[u]);
        for (int q = 1; q <= 4; q++) report_agrees("quarter", 2025, q, NULL, NULL, units[u]);
        report_agrees("month", 2024, range(&R, 1, 12), NULL, NULL, units[u]);
        report_agrees("half", 2023, range(&R, 1, 2), NULL, NULL, units[u]);
        char from[11], to[11];
        random_day(from);
        snprintf(to, sizeof to, "%.4s-12-31", from);
        report_agrees(NULL, 0, 0, from, to, units[u]);
    }
}

/* ---- the month-end stocks (017_report_and_lists.sql) ---------------------------------------- */

/* The maintenance writes every closed month not written (the demo's data
 * span years); a second run finds nothing to write. */
static void stocks_written(void)
{
    st_err e;
    err_clear(&e);
    int months = 0;
    long rows = 0;
    if (report_stock_refresh(env.db, &months, &rows, &e) != ST_OK) fail_msg("stocks: %s", e.msg);
    assert_true(q_int("SELECT count(*) FROM stock_done") >= 24);
    assert_int_equal(q_int("SELECT count(*) FROM stock_at WHERE bound NOT IN "
                           "(SELECT bound FROM stock_done)"), 0);
    if (report_stock_refresh(env.db, &months, &rows, &e) != ST_OK) fail_msg("stocks: %s", e.msg);
    assert_int_equal(months, 0);
    assert_int_equal(rows, 0);
}

static long summary_value(const report *r, const char *key)
{
    const report_table *t = report_find(r, "summary");
    for (int i = 0; t && i < t->nrows; i++)
        if (strcmp(report_cell(t, i, 1), key) == 0) return atol(report_cell(t, i, 3));
    fail_msg("summary: no %s", key);
    return -1;
}

/* The review reads them: a month made wrong on purpose shows in the year
 * that ends with it, and not in the recount; mended by writing it again. */
static void stocks_are_read(void)
{
    char bound[32] = "";
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_h(env.db), "SELECT bound FROM stock_done "
                                        "WHERE bound LIKE '2025-12-31T%'", -1, &st, NULL),
                     SQLITE_OK);
    if (sqlite3_step(st) == SQLITE_ROW)
        snprintf(bound, sizeof bound, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    if (!*bound) fail_msg("seed %u: the end of 2025 was not written", seed);
    char sql[200];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM stock_at WHERE bound = '%s'", bound);
    assert_true(q_int(sql) > 0);
    report *a = periodic("year", 2025, 0, NULL, NULL, NULL, 0);
    long running = summary_value(a, "running"), suspended = summary_value(a, "suspended");
    report_free(&a);
    snprintf(sql, sizeof sql, "UPDATE stock_at SET state = 3 - state WHERE bound = '%s'", bound);
    exec(sql);
    a = periodic("year", 2025, 0, NULL, NULL, NULL, 0);
    report *b = periodic("year", 2025, 0, NULL, NULL, NULL, 1);
    assert_int_equal(summary_value(b, "running"), running);
    assert_int_equal(summary_value(b, "suspended"), suspended);
    if (summary_value(a, "running") == running && summary_value(a, "suspended") == suspended)
        fail_msg("seed %u: the stocks of %s were not read", seed, bound);
    report_free(&a);
    report_free(&b);
    snprintf(sql, sizeof sql, "DELETE FROM stock_done WHERE bound = '%s'", bound);
    exec(sql);
    stocks_written();
    report_agrees("year", 2025, 0, NULL, NULL, NULL);
}

/* What the stocks carry of a proposal follows it (018_review_without_scan.sql):
 * for proposals running at the end of 2025, each change of what the review
 * reads of them (planned end, decision, units, deletion, a state before the
 * start) gives the same review from the stocks as from the events, the
 * months still written. */
static void stocks_follow_proposals(void)
{
    stocks_written();
    long months = q_int("SELECT count(*) FROM stock_done");
    static const char *const changes[] = {
        "period_to = '2025-01-15', decision_kind = 'pilot'",
        "period_to = '2026-06-30'",
        "period_to = NULL",
        "decision_kind = 'implement'",
        "employing_unit_id = (SELECT max(id) FROM units)",
        "competent_unit_id = (SELECT min(id) FROM units), "
            "employing_unit_id = (SELECT min(id) FROM units)",
        "deleted = 1",
        "state = 'approved'",
    };
    for (size_t i = 0; i < sizeof changes / sizeof changes[0]; i++) {
        char sql[600];
        snprintf(sql, sizeof sql, "UPDATE proposals SET %s WHERE id IN (SELECT proposal_id FROM "
                 "stock_at WHERE bound LIKE '2025-12-31T%%' AND live ORDER BY proposal_id "
                 "LIMIT 3 OFFSET %d)", changes[i], (int)i * 3);
        exec(sql);
        if (sqlite3_changes(db_h(env.db)) == 0) continue;
        assert_int_equal(q_int("SELECT count(*) FROM stock_done"), months);
        report_agrees("year", 2025, 0, NULL, NULL, NULL);
        report_agrees("quarter", 2025, 4, NULL, NULL, NULL);
    }
}

/* A state change recorded before a written month's end (an office's, applied
 * by the exchange) takes that month and every later one out; not the ones
 * before. */
static void stocks_taken_out(void)
{
    stocks_written();
    long before = q_int("SELECT count(*) FROM stock_done WHERE bound <= '2024-05-10T03:00:00Z'");
    assert_true(before > 0);
    exec("INSERT INTO events(id, proposal_id, at, username, action, to_state) VALUES "
         "((SELECT max(id) + 1 FROM events), (SELECT min(id) FROM proposals), "
         "'2024-05-10T03:00:00Z', 'x', 'suspend', 'suspended')");
    assert_int_equal(q_int("SELECT count(*) FROM stock_done WHERE bound > '2024-05-10T03:00:00Z'"),
                     0);
    assert_int_equal(q_int("SELECT count(*) FROM stock_done"), before);
    /* A change that is not one of state takes nothing out. */
    exec("INSERT INTO events(id, proposal_id, at, username, action) VALUES "
         "((SELECT max(id) + 1 FROM events), (SELECT min(id) FROM proposals), "
         "'2022-01-10T03:00:00Z', 'x', 'note')");
    assert_int_equal(q_int("SELECT count(*) FROM stock_done"), before);
    everything_agrees();
    stocks_written();
    everything_agrees();
}

/* ---- the test ------------------------------------------------------------------ */

static void random_data(void **state)
{
    (void)state;
    const char *s = getenv("SANGTAO_TEST_SEED");
    seed = s && *s ? (unsigned)strtoul(s, NULL, 10) : (unsigned)time(NULL);
    rng_seed(&R, seed);
    print_message("seed %u\n", seed);
    setenv("SANGTAO_TODAY", "2026-11-28", 1);
    unsetenv("SANGTAO_NOW");
    setenv("TZ", "ICT-7", 1);
    tzset();
    st_err e;
    err_clear(&e);
    tu_env_open(&env);
    if (setup_init(env.db, NULL, "admin", "Quản trị hệ thống", "quantri-2026", &e) != ST_OK)
        fail_msg("setup_init: %s", e.msg);
    if (user_actor(env.db, "admin", &admin, &e) != ST_OK) fail_msg("user_actor: %s", e.msg);
    /* The workflow itself, through the core, for this seed. */
    if (demo_fill(env.db, &admin, seed, "demo-2026", &e) != ST_OK)
        fail_msg("seed %u: demo: %s", seed, e.msg);
    assert_true(q_int("SELECT count(*) FROM report_counts") > 0);
    /* The reports of the demo's data from the events, then from the
     * month-end stocks the maintenance writes. */
    everything_agrees();
    stocks_written();
    everything_agrees();
    stocks_are_read();
    stocks_follow_proposals();
    for (int round = 0; round < 3; round++) {
        exec("BEGIN");
        for (int i = 0; i < 80; i++) mutate();
        exec("COMMIT");
        /* Months taken out by older state changes: counted from the events
         * until the next maintenance; then written again. */
        everything_agrees();
        if (round == 1) {
            stocks_written();
            everything_agrees();
        }
    }
    stocks_taken_out();
    /* A rebuild gives the same tables. */
    exec("CREATE TEMP TABLE kept AS SELECT * FROM report_counts");
    long rows = 0;
    if (counts_rebuild(env.db, &rows, &e) != ST_OK) fail_msg("rebuild: %s", e.msg);
    assert_true(rows > 0);
    assert_int_equal(q_int("SELECT count(*) FROM (SELECT * FROM kept EXCEPT "
                           "SELECT * FROM report_counts)"), 0);
    /* A wrong row is found, and the rebuild mends it. */
    exec("UPDATE proposal_counts SET n = n + 1 WHERE (employing_unit_id, competent_unit_id, "
         "state) = (SELECT employing_unit_id, competent_unit_id, state FROM proposal_counts "
         "LIMIT 1)");
    long wrong = 0;
    assert_int_equal(counts_check(env.db, &wrong, &e), ST_OK);
    assert_true(wrong > 0);
    assert_int_equal(counts_rebuild(env.db, &rows, &e), ST_OK);
    counts_agree();
    tu_env_close(&env);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(random_data),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
