/* Reports: every figure of the periodic review against an independent SQL
 * count on the demo database (a fixed seed), the unit scope, an empty
 * period, the deadline report, periods, and the renderings (text layout,
 * charts, CSV, JSON, XLSX unpacked with unzip). */
#include "testdb.h"

#include <time.h>

#include "store/db_internal.h"
#include "demo/demo.h"
#include "report/report.h"
#include "flow/setup.h"
#include "text/text.h"
#include "flow/users.h"
#include "base/workdays.h"

static tu_env env;
static st_actor admin;

static long long q_int(const char *sql, const char *a, const char *b)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db_h(env.db), sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db_h(env.db)));
    if (a) sqlite3_bind_text(st, 1, a, -1, SQLITE_TRANSIENT);
    if (b) sqlite3_bind_text(st, 2, b, -1, SQLITE_TRANSIENT);
    long long v = -1;
    if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static int group_setup(void **state)
{
    (void)state;
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
    if (demo_fill(env.db, &admin, 2022u, "demo-2026", &e) != ST_OK) fail_msg("demo: %s", e.msg);
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    tu_env_close(&env);
    return 0;
}

static report *periodic(const st_actor *who, const char *period, int year, int number,
                        const char *from, const char *to, const char *unit)
{
    report_params p;
    memset(&p, 0, sizeof p);
    p.period = period;
    p.year = year;
    p.number = number;
    p.from = from;
    p.to = to;
    p.unit = unit;
    st_err e;
    err_clear(&e);
    report *r = NULL;
    if (report_periodic(env.db, who, &p, &r, &e) != ST_OK) fail_msg("report: %s", e.msg);
    return r;
}

static long cell_int(const report_table *t, int row, const char *col)
{
    for (int c = 0; c < t->ncol; c++)
        if (strcmp(t->col[c].key, col) == 0) return atol(report_cell(t, row, c));
    fail_msg("no column %s in %s", col, t->key);
    return -1;
}

static const char *cell(const report_table *t, int row, const char *col)
{
    for (int c = 0; c < t->ncol; c++)
        if (strcmp(t->col[c].key, col) == 0) return report_cell(t, row, c);
    fail_msg("no column %s in %s", col, t->key);
    return "";
}

static int row_of(const report_table *t, const char *col, const char *value)
{
    for (int r = 0; r < t->nrows; r++)
        if (strcmp(cell(t, r, col), value) == 0) return r;
    fail_msg("no row %s=%s in %s", col, value, t->key);
    return -1;
}

/* ---- the independent counts: written from the schema, not from the report --- */

/* State of every proposal at the end of day d, from its events. */
static long long state_at(const char *state, const char *d)
{
    char sql[600];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM proposals p WHERE p.deleted = 0 AND "
             "(SELECT to_state FROM events WHERE proposal_id = p.id AND to_state IS NOT NULL "
             " AND date(at, 'localtime') <= ?1 ORDER BY at DESC, id DESC LIMIT 1) = '%s'", state);
    return q_int(sql, d, NULL);
}

/* Pilots running or suspended at the end of day d whose report was due
 * before min(d, today). */
static long long overdue_at(const char *d)
{
    const calendar *cal = db_calendar(env.db, NULL);
    assert_non_null(cal);
    st_day end, today = date_today();
    date_parse(d, &end, NULL);
    if (today < end) end = today;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_h(env.db),
        "SELECT p.period_to FROM proposals p WHERE p.deleted = 0 AND p.period_to IS NOT NULL "
        "AND (SELECT to_state FROM events WHERE proposal_id = p.id AND to_state IS NOT NULL "
        " AND date(at, 'localtime') <= ?1 ORDER BY at DESC, id DESC LIMIT 1) "
        " IN ('implementing', 'suspended')", -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_text(st, 1, d, -1, SQLITE_TRANSIENT);
    long long n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        st_day pto;
        date_parse((const char *)sqlite3_column_text(st, 0), &pto, NULL);
        if (calendar_add_working_days(cal, pto, 5) < end) n++;
    }
    sqlite3_finalize(st);
    return n;
}

static long long expected(const char *key, const char *from, const char *to)
{
    static const struct { const char *key, *sql; } q[] = {
        {"received", "SELECT count(*) FROM events WHERE action = 'submit' "
                     "AND date(at, 'localtime') BETWEEN ?1 AND ?2"},
        {"implement", "SELECT count(*) FROM decisions WHERE kind = 'implement' AND deleted = 0 "
                      "AND doc_date BETWEEN ?1 AND ?2"},
        {"pilot", "SELECT count(*) FROM decisions WHERE kind = 'pilot' AND deleted = 0 "
                  "AND doc_date BETWEEN ?1 AND ?2"},
        {"rejected", "SELECT count(*) FROM decisions WHERE kind = 'reject' AND deleted = 0 "
                     "AND doc_date BETWEEN ?1 AND ?2"},
        {"returned", "SELECT count(*) FROM events WHERE action = 'return' "
                     "AND date(at, 'localtime') BETWEEN ?1 AND ?2"},
        {"started", "SELECT count(*) FROM events WHERE action = 'start' "
                    "AND date(at, 'localtime') BETWEEN ?1 AND ?2"},
        {"suspend", "SELECT count(*) FROM events WHERE action = 'suspend' "
                    "AND date(at, 'localtime') BETWEEN ?1 AND ?2"},
        {"terminated", "SELECT count(*) FROM events WHERE action = 'terminate' "
                       "AND date(at, 'localtime') BETWEEN ?1 AND ?2"},
        {"reported", "SELECT count(*) FROM result_reports WHERE report_date BETWEEN ?1 AND ?2"},
        {"evaluated", "SELECT count(*) FROM evaluations WHERE meeting_date BETWEEN ?1 AND ?2"},
        {"completed", "SELECT count(*) FROM evaluations WHERE outcome = 'completed' "
                      "AND meeting_date BETWEEN ?1 AND ?2"},
        {"partial", "SELECT count(*) FROM evaluations WHERE outcome = 'partial' "
                    "AND meeting_date BETWEEN ?1 AND ?2"},
        {"not_completed", "SELECT count(*) FROM evaluations WHERE outcome = 'not_completed' "
                          "AND meeting_date BETWEEN ?1 AND ?2"},
        {"damage", "SELECT count(*) FROM evaluations WHERE damage = 1 "
                   "AND meeting_date BETWEEN ?1 AND ?2"},
        {"replication_proposed", "SELECT count(*) FROM replications r JOIN events e ON "
         "e.id = r.event_id WHERE r.kind = 'proposal' AND "
         "ifnull(r.doc_date, date(e.at, 'localtime')) BETWEEN ?1 AND ?2"},
        {"replicated", "SELECT count(*) FROM replications r JOIN events e ON "
         "e.id = r.event_id WHERE r.kind = 'decision' AND "
         "ifnull(r.doc_date, date(e.at, 'localtime')) BETWEEN ?1 AND ?2"},
        {"replication_declined", "SELECT count(*) FROM replications r JOIN events e ON "
         "e.id = r.event_id WHERE r.kind = 'declined' AND "
         "ifnull(r.doc_date, date(e.at, 'localtime')) BETWEEN ?1 AND ?2"},
        {"commendations", "SELECT count(*) FROM commendations WHERE doc_date BETWEEN ?1 AND ?2"},
        {"sessions", "SELECT count(*) FROM dissemination WHERE session_date BETWEEN ?1 AND ?2"},
        {"participants", "SELECT total(participants) FROM dissemination "
                         "WHERE session_date BETWEEN ?1 AND ?2"},
        {"units_held", "SELECT count(DISTINCT unit_id) FROM dissemination "
                       "WHERE session_date BETWEEN ?1 AND ?2"},
    };
    if (strcmp(key, "running") == 0) return state_at("implementing", to);
    if (strcmp(key, "suspended") == 0) return state_at("suspended", to);
    if (strcmp(key, "overdue") == 0) return overdue_at(to);
    for (size_t i = 0; i < sizeof q / sizeof q[0]; i++)
        if (strcmp(q[i].key, key) == 0) return q_int(q[i].sql, from, to);
    fail_msg("no expected count for %s", key);
    return -1;
}

/* ---- tests -------------------------------------------------------------------- */

static void every_summary_figure(void **state)
{
    (void)state;
    /* A year, a quarter, a half-year and a month, each with its period before. */
    static const struct { const char *period; int year, number; } cases[] = {
        {"year", 2025, 0}, {"quarter", 2026, 1}, {"half", 2025, 2}, {"month", 2025, 6}};
    long nonzero = 0;
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        report *r = periodic(&admin, cases[k].period, cases[k].year, cases[k].number, NULL, NULL,
                             NULL);
        const report_table *t = report_find(r, "summary");
        assert_non_null(t);
        assert_int_equal(t->nrows, 24);
        for (int row = 0; row < t->nrows; row++) {
            const char *key = cell(t, row, "key");
            long long cur = expected(key, r->from, r->to), prev = expected(key, r->prev_from,
                                                                           r->prev_to);
            if (cell_int(t, row, "current") != cur || cell_int(t, row, "previous") != prev)
                fail_msg("%s %d: %s: report %ld/%ld, SQL %lld/%lld", cases[k].period,
                         cases[k].number, key, cell_int(t, row, "current"),
                         cell_int(t, row, "previous"), cur, prev);
            assert_int_equal(cell_int(t, row, "change"), cur - prev);
            nonzero += cur != 0;
        }
        report_free(&r);
    }
    assert_true(nonzero > 40);   /* the demo really exercises the figures */
}

static void tables_by_field_unit_month(void **state)
{
    (void)state;
    report *r = periodic(&admin, "year", 2025, 0, NULL, NULL, NULL);
    const char *F = r->from, *T = r->to;
    /* By field: received now and before, approved, rejected. */
    const report_table *t = report_find(r, "by_field");
    for (int row = 0; row < t->nrows - 1; row++) {
        const char *name = cell(t, row, "field");
        char sql[700];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM events e JOIN proposals p ON "
                 "p.id = e.proposal_id JOIN fields f ON f.id = p.field_id WHERE e.action = "
                 "'submit' AND f.name = '%s' AND date(e.at, 'localtime') BETWEEN ?1 AND ?2", name);
        assert_int_equal(cell_int(t, row, "received"), q_int(sql, F, T));
        assert_int_equal(cell_int(t, row, "previous"), q_int(sql, r->prev_from, r->prev_to));
        snprintf(sql, sizeof sql, "SELECT count(*) FROM decisions d JOIN proposals p ON "
                 "p.id = d.proposal_id JOIN fields f ON f.id = p.field_id WHERE d.kind IN "
                 "('implement','pilot') AND f.name = '%s' AND d.doc_date BETWEEN ?1 AND ?2", name);
        assert_int_equal(cell_int(t, row, "approved"), q_int(sql, F, T));
    }
    assert_int_equal(cell_int(t, t->nrows - 1, "received"), expected("received", F, T));

    /* By unit: every child of the province with its subtree. */
    t = report_find(r, "by_unit");
    long sum = 0;
    for (int row = 0; row < t->nrows - 1; row++) {
        const char *code = cell(t, row, "code");
        long long n = q_int("SELECT count(*) FROM events e JOIN proposals p ON p.id = e.proposal_id "
                            "JOIN units u ON u.id = p.employing_unit_id, units g ON g.code = ?2 "
                            "WHERE e.action = 'submit' AND date(e.at, 'localtime') BETWEEN "
                            "'2025-01-01' AND '2025-12-31' AND substr(u.path, 1, length(g.path)) "
                            "= g.path AND (g.parent_id IS NOT NULL OR u.id = g.id)",
                            NULL, code);
        assert_int_equal(cell_int(t, row, "received"), n);
        sum += n;
    }
    assert_int_equal(sum, expected("received", F, T));
    assert_true(t->nrows > 10);

    /* By month. */
    t = report_find(r, "by_month");
    assert_int_equal(t->nrows, 12);
    for (int row = 0; row < 12; row++) {
        char m[8];
        snprintf(m, sizeof m, "%s", cell(t, row, "key"));
        assert_int_equal(cell_int(t, row, "received"),
                         q_int("SELECT count(*) FROM events WHERE action = 'submit' AND "
                               "strftime('%Y-%m', at, 'localtime') = ?1", m, NULL));
        assert_int_equal(cell_int(t, row, "evaluated"),
                         q_int("SELECT count(*) FROM evaluations WHERE substr(meeting_date, 1, 7) "
                               "= ?1", m, NULL));
    }

    /* Results by outcome and damage, protection measures, commendation forms,
     * rejection reasons. */
    t = report_find(r, "results");
    for (int row = 0; row < 3; row++) {
        const char *o = cell(t, row, "key");
        char sql[300];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM evaluations WHERE outcome = '%s' AND "
                 "damage = 1 AND meeting_date BETWEEN ?1 AND ?2", o);
        assert_int_equal(cell_int(t, row, "damage"), q_int(sql, F, T));
        snprintf(sql, sizeof sql, "SELECT count(*) FROM evaluations WHERE outcome = '%s' AND "
                 "damage = 0 AND meeting_date BETWEEN ?1 AND ?2", o);
        assert_int_equal(cell_int(t, row, "no_damage"), q_int(sql, F, T));
    }
    t = report_find(r, "protection");
    long prot = 0;
    for (int row = 0; row < t->nrows; row++) {
        char sql[300];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM evaluations WHERE protection_measure = "
                 "'%s' AND meeting_date BETWEEN ?1 AND ?2", cell(t, row, "key"));
        assert_int_equal(cell_int(t, row, "current"), q_int(sql, F, T));
        assert_int_equal(cell_int(t, row, "previous"), q_int(sql, r->prev_from, r->prev_to));
        prot += cell_int(t, row, "current");
    }
    assert_true(prot > 0);
    t = report_find(r, "commendations");
    for (int row = 0; row < t->nrows - 1; row++) {
        char sql[300];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM commendations WHERE form = '%s' AND "
                 "doc_date BETWEEN ?1 AND ?2", cell(t, row, "key"));
        assert_int_equal(cell_int(t, row, "current"), q_int(sql, F, T));
    }
    assert_int_equal(report_find(r, "commendation_list")->nrows, expected("commendations", F, T));
    t = report_find(r, "reject_reasons");
    for (int row = 0; row < t->nrows; row++) {
        char sql[300];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM decisions WHERE kind = 'reject' AND "
                 "instr(',' || reject_reasons || ',', ',%s,') > 0 AND doc_date BETWEEN ?1 AND ?2",
                 cell(t, row, "key"));
        assert_int_equal(cell_int(t, row, "count"), q_int(sql, F, T));
    }
    assert_int_equal(report_find(r, "decisions")->nrows,
                     expected("rejected", F, T) + expected("returned", F, T));
    t = report_find(r, "replication");
    assert_int_equal(t->nrows, expected("replication_proposed", F, T) +
                     expected("replicated", F, T) + expected("replication_declined", F, T));
    assert_int_equal(report_find(r, "overdue_pilots")->nrows, expected("overdue", F, T));

    /* Dissemination: every unit counted once; the missing list is the rest. */
    t = report_find(r, "dissemination");
    long long units = q_int("SELECT count(*) FROM units WHERE deleted = 0", NULL, NULL);
    assert_int_equal(cell_int(t, t->nrows - 1, "units"), units);
    assert_int_equal(cell_int(t, t->nrows - 1, "held"), expected("units_held", F, T));
    assert_int_equal(cell_int(t, t->nrows - 1, "participants"), expected("participants", F, T));
    assert_int_equal(report_find(r, "dissemination_missing")->nrows,
                     units - expected("units_held", F, T));
    report_free(&r);
}

/* A district's report: its own figures, and nothing from outside it. */
static void unit_scope(void **state)
{
    (void)state;
    st_actor qn;
    st_err e;
    err_clear(&e);
    assert_int_equal(user_actor(env.db, "bd-qn.lanhdao", &qn, &e), ST_OK);
    report *r = periodic(&qn, "year", 2025, 0, NULL, NULL, NULL);
    assert_string_equal(r->unit_code, "BD-QN");
    static const char inside[] =
        "SELECT count(*) FROM proposals p JOIN units eu ON eu.id = p.employing_unit_id "
        "JOIN units cu ON cu.id = p.competent_unit_id, units s ON s.code = 'BD-QN' "
        "WHERE p.code = ?1 AND (substr(eu.path, 1, length(s.path)) = s.path "
        "OR substr(cu.path, 1, length(s.path)) = s.path)";
    static const char unit_inside[] =
        "SELECT count(*) FROM units u, units s ON s.code = 'BD-QN' "
        "WHERE (u.name = ?1 OR u.code = ?1) AND substr(u.path, 1, length(s.path)) = s.path";
    const char *lists[] = {"decisions", "overdue_pilots", "replication"};
    int seen = 0;
    for (int i = 0; i < 3; i++) {
        const report_table *t = report_find(r, lists[i]);
        for (int row = 0; row < t->nrows; row++, seen++)
            if (q_int(inside, cell(t, row, "code"), NULL) != 1)
                fail_msg("%s: %s is outside BD-QN", lists[i], cell(t, row, "code"));
    }
    const report_table *t = report_find(r, "commendation_list");
    for (int row = 0; row < t->nrows; row++, seen++)
        assert_int_equal(q_int(inside, cell(t, row, "code"), NULL), 1);
    assert_true(seen > 0);
    const char *units[][2] = {{"by_unit", "code"}, {"dissemination", "code"},
                              {"dissemination_missing", "code"}};
    for (int i = 0; i < 3; i++) {
        t = report_find(r, units[i][0]);
        for (int row = 0; row < t->nrows - (t->total_row ? 1 : 0); row++)
            if (q_int(unit_inside, cell(t, row, units[i][1]), NULL) < 1)
                fail_msg("%s: unit %s is outside BD-QN", units[i][0], cell(t, row, units[i][1]));
    }
    /* The received count is the district's own. */
    const report_table *s = report_find(r, "summary");
    assert_int_equal(cell_int(s, row_of(s, "key", "received"), "current"),
                     q_int("SELECT count(*) FROM events e JOIN proposals p ON p.id = e.proposal_id "
                           "JOIN units eu ON eu.id = p.employing_unit_id JOIN units cu ON "
                           "cu.id = p.competent_unit_id, units s ON s.code = 'BD-QN' WHERE "
                           "e.action = 'submit' AND date(e.at, 'localtime') BETWEEN ?1 AND ?2 "
                           "AND (substr(eu.path, 1, length(s.path)) = s.path OR "
                           "substr(cu.path, 1, length(s.path)) = s.path)", r->from, r->to));
    report_free(&r);

    /* Outside one's scope reads like a unit that does not exist. */
    report_params p;
    memset(&p, 0, sizeof p);
    p.period = "year";
    p.year = 2025;
    p.unit = "BD-AN";
    assert_int_equal(report_periodic(env.db, &qn, &p, &r, &e), ST_ENOTFOUND);
    assert_null(r);
    assert_non_null(strstr(e.msg, "Không tìm thấy đơn vị"));
    assert_int_equal(report_overdue(env.db, &qn, &p, &r, &e), ST_ENOTFOUND);
    /* The admin may ask for any unit. */
    r = periodic(&admin, "year", 2025, 0, NULL, NULL, "BD-QN");
    assert_string_equal(r->unit_name, "Thành ủy Quy Nhơn");
    report_free(&r);
}

static void empty_period(void **state)
{
    (void)state;
    report *r = periodic(&admin, NULL, 0, 0, "01/01/2020", "31/03/2020", NULL);
    assert_true(r->empty);
    const report_table *t = report_find(r, "summary");
    for (int row = 0; row < t->nrows; row++) assert_int_equal(cell_int(t, row, "current"), 0);
    assert_int_equal(report_find(r, "decisions")->nrows, 0);
    report_lines l = {0};
    assert_int_equal(report_render(r, 80, RR_CHARTS | RR_UNICODE, &l), ST_OK);
    int found = 0, nodata = 0;
    for (int i = 0; i < l.n; i++) {
        found += strstr(l.v[i].text, "không có số liệu") != NULL;
        nodata += strcmp(l.v[i].text, "Không có số liệu.") == 0;
    }
    assert_int_equal(found, 1);
    assert_true(nodata >= 4);
    report_lines_free(&l);
    assert_string_equal(r->prev_from, "2019-10-02");   /* 91 days before */
    assert_string_equal(r->prev_to, "2019-12-31");
    report_free(&r);
}

static void periods(void **state)
{
    (void)state;
    static const struct { const char *p; int y, n; const char *f, *t, *pf, *pt, *label; } c[] = {
        {"month", 2026, 1, "2026-01-01", "2026-01-31", "2025-12-01", "2025-12-31",
         "tháng 1 năm 2026"},
        {"month", 2024, 3, "2024-03-01", "2024-03-31", "2024-02-01", "2024-02-29",
         "tháng 3 năm 2024"},
        {"quarter", 2026, 1, "2026-01-01", "2026-03-31", "2025-10-01", "2025-12-31",
         "quý I năm 2026"},
        {"quarter", 2026, 4, "2026-10-01", "2026-12-31", "2026-07-01", "2026-09-30",
         "quý IV năm 2026"},
        {"half", 2026, 1, "2026-01-01", "2026-06-30", "2025-07-01", "2025-12-31",
         "6 tháng đầu năm 2026"},
        {"year", 2025, 0, "2025-01-01", "2025-12-31", "2024-01-01", "2024-12-31", "năm 2025"},
    };
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        report_params p;
        memset(&p, 0, sizeof p);
        p.period = c[i].p;
        p.year = c[i].y;
        p.number = c[i].n;
        char f[11], t[11], pf[11], pt[11], label[96];
        st_err e;
        assert_int_equal(report_period(&p, f, t, pf, pt, label, sizeof label, &e), ST_OK);
        assert_string_equal(f, c[i].f);
        assert_string_equal(t, c[i].t);
        assert_string_equal(pf, c[i].pf);
        assert_string_equal(pt, c[i].pt);
        assert_string_equal(label, c[i].label);
    }
    report_params p;
    memset(&p, 0, sizeof p);
    char f[11], t[11], pf[11], pt[11], label[96];
    st_err e;
    p.period = "quarter", p.year = 2026, p.number = 5;
    assert_int_equal(report_period(&p, f, t, pf, pt, label, sizeof label, &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "Quý phải từ 1 đến 4"));
    p.period = "week";
    assert_int_equal(report_period(&p, f, t, pf, pt, label, sizeof label, &e), ST_EINVAL);
    memset(&p, 0, sizeof p);
    p.from = "31/03/2026", p.to = "01/01/2026";
    assert_int_equal(report_period(&p, f, t, pf, pt, label, sizeof label, &e), ST_EINVAL);
    p.from = "30/02/2026";
    assert_int_equal(report_period(&p, f, t, pf, pt, label, sizeof label, &e), ST_EINVAL);
}

static void overdue_report(void **state)
{
    (void)state;
    report_params p;
    memset(&p, 0, sizeof p);
    p.as_of = "2026-11-28";
    report *r = NULL;
    st_err e;
    err_clear(&e);
    assert_int_equal(report_overdue(env.db, &admin, &p, &r, &e), ST_OK);
    const report_table *t = report_find(r, "overdue");
    assert_int_equal(t->nrows, q_int("SELECT count(*) FROM proposals WHERE deleted = 0 AND "
                                     "due_date < ?1", "2026-11-28", NULL));
    assert_true(t->nrows > 0);
    const calendar *cal = db_calendar(env.db, &e);
    st_day today;
    date_parse("2026-11-28", &today, NULL);
    long prev = 1 << 30;
    for (int row = 0; row < t->nrows; row++) {
        st_day due;
        char sql_due[11];
        assert_int_equal(date_parse(cell(t, row, "due"), &due, NULL), ST_OK);
        date_iso(due, sql_due);
        assert_int_equal(q_int("SELECT count(*) FROM proposals WHERE code = ?1 AND due_date = ?2",
                               cell(t, row, "code"), sql_due), 1);
        long late = cell_int(t, row, "days_late");
        assert_int_equal(late, calendar_working_days_between(cal, due, today));
        assert_true(late <= prev);   /* most late first */
        prev = late;
    }
    const report_table *u = report_find(r, "overdue_by_unit");
    assert_int_equal(cell_int(u, u->nrows - 1, "total"), t->nrows);
    const report_table *o = report_find(r, "overdue_by_owner");
    long sum = 0;
    for (int row = 0; row < o->nrows; row++) sum += cell_int(o, row, "count");
    assert_int_equal(sum, t->nrows);
    assert_false(r->empty);
    report_free(&r);
    /* Long ago nothing was late. */
    p.as_of = "2023-01-01";
    assert_int_equal(report_overdue(env.db, &admin, &p, &r, &e), ST_OK);
    assert_true(r->empty);
    assert_int_equal(report_find(r, "overdue")->nrows, 0);
    report_free(&r);
}

/* Every line fits the width; pages hold at most the page's lines. */
static void text_layout(void **state)
{
    (void)state;
    config *cfg = NULL;
    st_err e;
    assert_int_equal(config_new(&cfg, &e), ST_OK);
    report *r = periodic(&admin, "year", 2025, 0, NULL, NULL, NULL);
    for (int w = 80; w <= 132; w += 52) {
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);
        report_doc_opts o = {w, "12"};
        assert_int_equal(report_write_text(r, cfg, &o, f, &e), ST_OK);
        fclose(f);
        int lines = 0, pages = 1, maxw = 0;
        for (char *p = buf, *nl; *p; p = nl + 1) {
            nl = strchr(p, '\n');
            if (!nl) break;
            *nl = '\0';
            if (*p == '\f') { pages++; lines = 0; p++; }
            lines++;
            if (text_width(p) > maxw) maxw = text_width(p);
            if (lines > report_page_lines(w)) fail_msg("page %d too long at width %d", pages, w);
        }
        assert_true(maxw <= w);
        assert_true(pages > 2);
        free(buf);
    }
    /* The header and the signature come from the settings. */
    assert_int_equal(config_set(cfg, "org.name", "ĐẢNG BỘ TỈNH THỬ NGHIỆM", &e), ST_OK);
    assert_int_equal(config_set(cfg, "org.signer_name", "Nguyễn Văn Ký", &e), ST_OK);
    assert_int_equal(config_set(cfg, "org.recipients", "Ban Thường vụ|Lưu VT", &e), ST_OK);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    report_doc_opts o = {80, "7"};
    assert_int_equal(report_write_text(r, cfg, &o, f, &e), ST_OK);
    fclose(f);
    assert_non_null(strstr(buf, "ĐẢNG BỘ TỈNH THỬ NGHIỆM"));
    assert_non_null(strstr(buf, "ĐẢNG CỘNG SẢN VIỆT NAM"));
    assert_non_null(strstr(buf, "Số 7-BC/TU"));
    assert_non_null(strstr(buf, "Bình Định, ngày 28 tháng 11 năm 2026"));
    assert_non_null(strstr(buf, "Tổng kết năm 2025"));
    assert_non_null(strstr(buf, "- Ban Thường vụ,"));
    assert_non_null(strstr(buf, "- Lưu VT."));
    assert_non_null(strstr(buf, "T/M BAN THƯỜNG VỤ"));
    assert_non_null(strstr(buf, "Nguyễn Văn Ký"));
    free(buf);
    report_free(&r);
    config_free(&cfg);
}

static void charts(void **state)
{
    (void)state;
    assert_false(report_chart_unicode(1, "vt100"));
    assert_false(report_chart_unicode(1, "linux"));
    assert_false(report_chart_unicode(0, "xterm-256color"));
    assert_true(report_chart_unicode(1, "xterm-256color"));
    assert_true(report_chart_unicode(1, "screen"));
    report *r = periodic(&admin, "year", 2025, 0, NULL, NULL, NULL);
    for (int uni = 0; uni < 2; uni++) {
        report_lines l = {0};
        assert_int_equal(report_render(r, 80, RR_CHARTS | (uni ? RR_UNICODE : 0), &l), ST_OK);
        int bars = 0, full = 0;
        for (int i = 0; i < l.n; i++) {
            if (l.v[i].style != RL_CHART) continue;
            bars++;
            assert_true(text_width(l.v[i].text) <= 80);
            if (uni) {
                full += strstr(l.v[i].text, "█") != NULL;
            } else {
                full += strchr(l.v[i].text, '#') != NULL;
                /* No block or box characters on a vt100. */
                static const char *const glyph[] = {"█", "▏", "▌", "▁", "▄", "│", "┤"};
                for (size_t g = 0; g < sizeof glyph / sizeof glyph[0]; g++)
                    assert_null(strstr(l.v[i].text, glyph[g]));
            }
        }
        assert_true(bars > 20);
        assert_true(full > 10);
        report_lines_free(&l);
    }
    report_free(&r);
}

static char *run_capture(const char *cmd)
{
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t cap = 1 << 20, len = 0;
    char *buf = malloc(cap);
    assert_non_null(buf);
    size_t n;
    while ((n = fread(buf + len, 1, cap - len - 1, p)) > 0) {
        len += n;
        if (len + 1 >= cap) {
            buf = realloc(buf, cap *= 2);
            assert_non_null(buf);
        }
    }
    buf[len] = '\0';
    pclose(p);
    return buf;
}

/* The value in cell ref ("D5") of a sheet's XML: <c r="D5" …><v>…</v>. */
static long xml_cell(const char *xml, const char *ref, int *is_string)
{
    char pat[32];
    snprintf(pat, sizeof pat, "<c r=\"%s\"", ref);
    const char *c = strstr(xml, pat);
    if (!c) fail_msg("no cell %s", ref);
    const char *end = strchr(c, '>');
    char tag[128];
    snprintf(tag, sizeof tag, "%.*s", end ? (int)(end - c) : 0, c);
    *is_string = strstr(tag, "t=\"s\"") != NULL;
    const char *v = strstr(c, "<v>");
    assert_non_null(v);
    return atol(v + 3);
}

static void exports(void **state)
{
    (void)state;
    config *cfg = NULL;
    st_err e;
    assert_int_equal(config_new(&cfg, &e), ST_OK);
    report *r = periodic(&admin, "year", 2025, 0, NULL, NULL, NULL);
    char path[600], cmd[800];
    snprintf(path, sizeof path, "%s/r.xlsx", env.dir);
    assert_int_equal(report_write_xlsx(r, cfg, path, &e), ST_OK);
    /* One sheet per table, with its name. */
    snprintf(cmd, sizeof cmd, "unzip -p '%s' xl/workbook.xml", path);
    char *wb = run_capture(cmd);
    assert_non_null(strstr(wb, "<sheet name=\"Tổng hợp\""));
    assert_non_null(strstr(wb, "<sheet name=\"Chưa quán triệt\""));
    int sheets = 0;
    for (const char *p = wb; (p = strstr(p, "<sheet ")); p++) sheets++;
    assert_int_equal(sheets, r->ntables);
    assert_true(text_utf8_valid(wb, strlen(wb), NULL));
    assert_non_null(strstr(wb, "<sheet name=\"Không chấp thuận, trả lại\""));
    free(wb);
    /* Sheet 1: the summary; figures are numbers in D (current), E (previous). */
    snprintf(cmd, sizeof cmd, "unzip -p '%s' xl/worksheets/sheet1.xml", path);
    char *xml = run_capture(cmd);
    int is_s;
    const report_table *t = report_find(r, "summary");
    for (int row = 0; row < t->nrows; row++) {
        char ref[8];
        snprintf(ref, sizeof ref, "D%d", 5 + row);
        long v = xml_cell(xml, ref, &is_s);
        assert_false(is_s);
        assert_int_equal(v, expected(cell(t, row, "key"), r->from, r->to));
        snprintf(ref, sizeof ref, "E%d", 5 + row);
        assert_int_equal(xml_cell(xml, ref, &is_s), expected(cell(t, row, "key"), r->prev_from,
                                                             r->prev_to));
        snprintf(ref, sizeof ref, "C%d", 5 + row);
        xml_cell(xml, ref, &is_s);
        assert_true(is_s);       /* labels are strings */
    }
    assert_non_null(strstr(xml, "state=\"frozen\""));   /* header stays in view */
    assert_non_null(strstr(xml, "<col "));               /* column widths */
    free(xml);
    /* Dates are dates: the decisions sheet's date column is numeric with a
     * dd/mm/yyyy style; headers are bold. */
    snprintf(cmd, sizeof cmd, "unzip -p '%s' xl/worksheets/sheet6.xml", path);
    xml = run_capture(cmd);
    t = report_find(r, "decisions");
    assert_true(t->nrows > 0);
    long serial = xml_cell(xml, "F5", &is_s);
    assert_false(is_s);
    st_day d;
    date_parse(cell(t, 0, "date"), &d, NULL);
    assert_int_equal(serial, d + 25569);   /* Excel's day count from 1899-12-30 */
    free(xml);
    snprintf(cmd, sizeof cmd, "unzip -p '%s' xl/styles.xml", path);
    xml = run_capture(cmd);
    assert_non_null(strstr(xml, "formatCode=\"dd/mm/yyyy\""));
    assert_non_null(strstr(xml, "<b/>"));
    free(xml);
    snprintf(cmd, sizeof cmd, "unzip -p '%s' xl/sharedStrings.xml", path);
    xml = run_capture(cmd);
    assert_non_null(strstr(xml, "Đề xuất tiếp nhận (gửi lần đầu)"));
    free(xml);

    /* CSV with a BOM; one table; JSON with numbers as numbers. */
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_int_equal(report_write_csv(r, "summary", 1, f, &e), ST_OK);
    fclose(f);
    assert_memory_equal(buf, "\xEF\xBB\xBFTT,Mã chỉ tiêu,Chỉ tiêu,", 29);
    assert_non_null(strstr(buf, "\n1,received,Đề xuất tiếp nhận (gửi lần đầu),"));
    free(buf);
    f = open_memstream(&buf, &len);
    assert_int_equal(report_write_csv(r, "nothing", 0, f, &e), ST_EINVAL);
    fclose(f);
    free(buf);
    f = open_memstream(&buf, &len);
    assert_int_equal(report_write_json(r, f, &e), ST_OK);
    fclose(f);
    char want[200];
    snprintf(want, sizeof want, "{\"stt\":\"1\",\"key\":\"received\",\"label\":\"Đề xuất tiếp "
             "nhận (gửi lần đầu)\",\"current\":%lld,", expected("received", r->from, r->to));
    assert_non_null(strstr(buf, want));
    assert_non_null(strstr(buf, "\"previous\":{\"from\":\"2024-01-01\",\"to\":\"2024-12-31\"}"));
    free(buf);
    report_free(&r);
    config_free(&cfg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_summary_figure),
        cmocka_unit_test(tables_by_field_unit_month),
        cmocka_unit_test(unit_scope),
        cmocka_unit_test(empty_period),
        cmocka_unit_test(periods),
        cmocka_unit_test(overdue_report),
        cmocka_unit_test(text_layout),
        cmocka_unit_test(charts),
        cmocka_unit_test(exports),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
