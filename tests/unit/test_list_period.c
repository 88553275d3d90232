/* The proposal list's period filter (proposal_filter.from/to): proposals
 * created on or after `from` and on or before `to`, local dates, alone and
 * with search, state, sort and paging, on a real migrated database. */
#include "testdb.h"

#include <time.h>

#include "store/db_internal.h"
#include "flow/proposal.h"

static tu_env T;
static st_actor admin, clerk_an;

static void exec(const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db_h(T.db), sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s: %s", sql, msg);
}

static st_actor actor(const char *name, unsigned roles, int64_t unit, const char *path)
{
    st_actor a;
    memset(&a, 0, sizeof a);
    snprintf(a.username, sizeof a.username, "%s", name);
    snprintf(a.full_name, sizeof a.full_name, "%s", name);
    a.roles = roles;
    a.scope_unit = unit;
    snprintf(a.scope_path, sizeof a.scope_path, "%s", path);
    return a;
}

/* One proposal created at a fixed moment (UTC). */
static void create_at(const char *now, const char *title, const char *unit)
{
    st_err e;
    err_clear(&e);
    char code[32];
    setenv("SANGTAO_NOW", now, 1);
    st_kv kv[] = {{"title", title}, {"employing_unit", unit}};
    if (proposal_create(T.db, &admin, kv, 2, code, &e) != ST_OK) fail_msg("%s", e.msg);
}

static int setup(void **state)
{
    (void)state;
    setenv("SANGTAO_TODAY", "2026-06-01", 1);
    setenv("TZ", "UTC0", 1);
    tzset();
    tu_env_open(&T);
    exec("INSERT INTO units(id, code, name, parent_id, path, updated_at) VALUES "
         "(1, 'BD', 'Tỉnh Bình Định', NULL, '/1/', 'x'),"
         "(2, 'QN', 'Thành phố Quy Nhơn', 1, '/1/2/', 'x'),"
         "(3, 'AN', 'Thị xã An Nhơn', 1, '/1/3/', 'x')");
    admin = actor("admin", ROLE_ADMIN, 1, "/1/");
    clerk_an = actor("cv_an", ROLE_CLERK, 3, "/1/3/");
    create_at("2026-01-10T02:00:00Z", "Quản lý đất đai tháng một", "QN");        /* 0001 */
    create_at("2026-03-31T20:00:00Z", "Quản lý đất đai cuối quý", "QN");         /* 0002 */
    create_at("2026-04-01T01:00:00Z", "Số hóa hồ sơ đầu quý hai", "AN");         /* 0003 */
    create_at("2026-04-15T09:30:00Z", "Quản lý đất đai giữa tháng tư", "AN");    /* 0004 */
    create_at("2026-06-30T23:59:59Z", "Chợ đêm cuối tháng sáu", "QN");           /* 0005 */
    unsetenv("SANGTAO_NOW");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tu_env_close(&T);
    unsetenv("TZ");
    tzset();
    return 0;
}

typedef struct collect {
    int n;
    char codes[8][32];
} collect;

static int collect_row(const proposal_row *r, void *ud)
{
    collect *c = ud;
    if (c->n < 8) snprintf(c->codes[c->n], 32, "%s", r->code);
    c->n++;
    return 0;
}

/* The codes listed (sorted by code), joined by spaces: "0001 0003". */
static const char *list(const st_actor *who, proposal_filter f)
{
    static char buf[256];
    collect c = {0};
    st_err e;
    err_clear(&e);
    if (!f.sort) f.sort = "code";
    if (proposal_list(T.db, who, &f, collect_row, &c, &e) != ST_OK) fail_msg("%s", e.msg);
    buf[0] = '\0';
    for (int i = 0; i < c.n && i < 8; i++)
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", i ? " " : "", c.codes[i] + 8);
    return buf;
}

static void test_period_bounds(void **state)
{
    (void)state;
    /* Both ends count whole days: the first and the last day are inside. */
    assert_string_equal(list(&admin, (proposal_filter){.from = "2026-01-10", .to = "2026-03-31"}),
                        "0001 0002");
    assert_string_equal(list(&admin, (proposal_filter){.from = "2026-04-01", .to = "2026-06-30"}),
                        "0003 0004 0005");
    /* Open at one end. */
    assert_string_equal(list(&admin, (proposal_filter){.from = "2026-04-02"}), "0004 0005");
    assert_string_equal(list(&admin, (proposal_filter){.to = "2026-01-09"}), "");
    assert_string_equal(list(&admin, (proposal_filter){.to = "2026-01-10"}), "0001");
    /* Empty strings are no filter. */
    assert_string_equal(list(&admin, (proposal_filter){.from = "", .to = ""}),
                        "0001 0002 0003 0004 0005");
    /* A period the wrong way round finds nothing (and is not an error). */
    assert_string_equal(list(&admin, (proposal_filter){.from = "2026-05-01", .to = "2026-04-01"}), "");
}

static void test_period_local_dates(void **state)
{
    (void)state;
    /* In Vietnam (UTC+7) 2026-03-31T20:00Z is already 1 April, and
     * 2026-06-30T23:59:59Z is 1 July. */
    setenv("TZ", "ICT-7", 1);
    tzset();
    assert_string_equal(list(&admin, (proposal_filter){.from = "2026-04-01", .to = "2026-04-30"}),
                        "0002 0003 0004");
    assert_string_equal(list(&admin, (proposal_filter){.from = "2026-01-01", .to = "2026-03-31"}),
                        "0001");
    assert_string_equal(list(&admin, (proposal_filter){.from = "2026-07-01", .to = "2026-07-01"}),
                        "0005");
    setenv("TZ", "UTC0", 1);
    tzset();
}

static void test_period_with_other_filters(void **state)
{
    (void)state;
    /* With search (the ranked path of proposal_list) and with a state. */
    assert_string_equal(list(&admin, (proposal_filter){.search = "quan ly dat dai",
                                                       .from = "2026-03-01", .to = "2026-04-30"}),
                        "0002 0004");
    exec("UPDATE proposals SET state = 'submitted' WHERE code = 'BD-2026-0004'");
    assert_string_equal(list(&admin, (proposal_filter){.state = "submitted", .from = "2026-04-01"}),
                        "0004");
    exec("UPDATE proposals SET state = 'draft' WHERE code = 'BD-2026-0004'");
    /* Never beyond the scope. */
    assert_string_equal(list(&clerk_an, (proposal_filter){.from = "2026-01-01", .to = "2026-12-31"}),
                        "0003 0004");
    /* Paging over the filtered rows. */
    assert_string_equal(list(&admin, (proposal_filter){.from = "2026-03-01", .limit = 2, .offset = 1}),
                        "0003 0004");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_period_bounds),
        cmocka_unit_test(test_period_local_dates),
        cmocka_unit_test(test_period_with_other_filters),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
