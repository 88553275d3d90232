/* Form drafts (saved on SIGHUP, offered back at login) and the proposal's
 * values in form terms for the edit form. */
#include "testdb.h"

#include "store/db_internal.h"
#include "flow/drafts.h"
#include "flow/formvals.h"
#include "flow/proposal.h"
#include "flow/setup.h"
#include "flow/users.h"

static tu_env T;
static st_actor admin, clerk;

static int setup(void **state)
{
    (void)state;
    setenv("SANGTAO_TODAY", "2026-03-02", 1);
    st_err e;
    err_clear(&e);
    tu_env_open(&T);
    if (setup_init(T.db, NULL, "admin", "Quản trị", "quantri-2026", &e) != ST_OK) fail_msg("%s", e.msg);
    assert_int_equal(user_actor(T.db, "admin", &admin, &e), ST_OK);
    if (user_add(T.db, &admin, "lan", "Nguyễn Thị Lan", ROLE_CLERK, "BD-QN", "matkhau-123", &e) != ST_OK)
        fail_msg("%s", e.msg);
    assert_int_equal(user_actor(T.db, "lan", &clerk, &e), ST_OK);
    return 0;
}

static int teardown(void **state) { (void)state; tu_env_close(&T); return 0; }

static void test_draft_round_trip(void **state)
{
    (void)state;
    st_err e;
    err_clear(&e);
    draft *d = NULL;
    assert_int_equal(draft_latest(T.db, &clerk, &d, &e), ST_ENOTFOUND);
    st_kv v[] = {{"title", "Số hóa \"hồ sơ\"\nhai dòng"}, {"field", "hanh_chinh"}, {"note", ""}};
    assert_int_equal(draft_save(T.db, &clerk, "new", "Đề xuất mới", v, 3, &e), ST_OK);
    assert_int_equal(draft_latest(T.db, &clerk, &d, &e), ST_OK);
    assert_string_equal(d->context, "new");
    assert_string_equal(d->title, "Đề xuất mới");
    assert_int_equal(d->n, 3);
    assert_string_equal(kv_get(d->vals, d->n, "title"), "Số hóa \"hồ sơ\"\nhai dòng");
    assert_string_equal(kv_get(d->vals, d->n, "field"), "hanh_chinh");
    assert_string_equal(kv_get(d->vals, d->n, "note"), "");
    draft_free(&d);
    assert_null(d);
    /* Another user has none. */
    assert_int_equal(draft_latest(T.db, &admin, &d, &e), ST_ENOTFOUND);
}

static void test_draft_replaced_then_discarded(void **state)
{
    (void)state;
    st_err e;
    err_clear(&e);
    st_kv a[] = {{"reason", "lần một"}}, b[] = {{"reason", "lần hai"}};
    assert_int_equal(draft_save(T.db, &clerk, "act:BD-2026-0001:withdraw", "Rút", a, 1, &e), ST_OK);
    assert_int_equal(draft_save(T.db, &clerk, "act:BD-2026-0001:withdraw", "Rút", b, 1, &e), ST_OK);
    draft *d = NULL;
    assert_int_equal(draft_latest(T.db, &clerk, &d, &e), ST_OK);
    assert_string_equal(kv_get(d->vals, d->n, "reason"), "lần hai");
    draft_free(&d);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_h(T.db), "SELECT count(*) FROM drafts WHERE deleted = 0 "
                                        "AND context = 'act:BD-2026-0001:withdraw'", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 1);
    sqlite3_finalize(st);
    assert_int_equal(draft_discard(T.db, &clerk, "act:BD-2026-0001:withdraw", &e), ST_OK);
    assert_int_equal(draft_discard(T.db, &clerk, "new", &e), ST_OK);
    assert_int_equal(draft_latest(T.db, &clerk, &d, &e), ST_ENOTFOUND);
    /* With no draft kept, closing a form needs no write lock: another
     * writer holding it does not make the save's ^S wait a second time. */
    assert_int_equal(draft_save(T.db, &clerk, "act:BD-2026-0002:note", "Ghi chú", a, 1, &e), ST_OK);
    sqlite3 *other = NULL;
    assert_int_equal(sqlite3_open(T.path, &other), SQLITE_OK);
    assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
    long keep = db_set_busy_ms(T.db, 50);
    assert_int_equal(draft_discard(T.db, &clerk, "act:BD-2026-0003:note", &e), ST_OK);
    assert_int_equal(draft_discard(T.db, &clerk, "act:BD-2026-0002:note", &e), ST_EBUSY);
    assert_int_equal(sqlite3_exec(other, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(other);
    db_set_busy_ms(T.db, keep);
    err_clear(&e);
    assert_int_equal(draft_discard(T.db, &clerk, "act:BD-2026-0002:note", &e), ST_OK);
    assert_int_equal(draft_latest(T.db, &clerk, &d, &e), ST_ENOTFOUND);
    /* Nobody logged in: refused. */
    st_actor none;
    memset(&none, 0, sizeof none);
    assert_int_equal(draft_save(T.db, &none, "new", "", a, 1, &e), ST_EPERM);
}

static long long q_count(const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_h(T.db), sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long long n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* Discarded drafts go for good after data.draft_keep_days; a draft still
 * waiting to be offered back stays, however old. */
static void test_draft_purge(void **state)
{
    (void)state;
    st_err e;
    err_clear(&e);
    st_kv a[] = {{"title", "cũ"}};
    setenv("SANGTAO_NOW", "2026-01-01T08:00:00Z", 1);
    assert_int_equal(draft_save(T.db, &clerk, "old-discarded", "Cũ", a, 1, &e), ST_OK);
    assert_int_equal(draft_discard(T.db, &clerk, "old-discarded", &e), ST_OK);
    assert_int_equal(draft_save(T.db, &admin, "old-kept", "Cũ", a, 1, &e), ST_OK);
    setenv("SANGTAO_NOW", "2026-01-25T08:00:00Z", 1);
    assert_int_equal(draft_save(T.db, &clerk, "recent", "Mới", a, 1, &e), ST_OK);
    assert_int_equal(draft_discard(T.db, &clerk, "recent", &e), ST_OK);
    setenv("SANGTAO_NOW", "2026-02-10T08:00:00Z", 1);
    int n = -1;
    assert_int_equal(draft_purge(T.db, 30, &n, &e), ST_OK);
    unsetenv("SANGTAO_NOW");
    assert_int_equal(n, 1);
    assert_int_equal(q_count("SELECT count(*) FROM drafts WHERE context = 'old-discarded'"), 0);
    assert_int_equal(q_count("SELECT count(*) FROM drafts WHERE context = 'old-kept'"), 1);
    assert_int_equal(q_count("SELECT count(*) FROM drafts WHERE context = 'recent'"), 1);
}

static void test_form_values_of_a_proposal(void **state)
{
    (void)state;
    st_err e;
    err_clear(&e);
    char code[32];
    st_kv v[] = {
        {"title", "Một cửa điện tử"}, {"field", "hanh_chinh"}, {"employing_unit", "BD-QN"},
        {"lead", "Trần Thị Bình"}, {"lead_position", "Chuyên viên"}, {"coauthors", "Lê Văn C; Phạm Thị D"},
        {"period_from", "01/03/2026"}, {"funding_requested", "120.000.000"}, {"bottleneck_kind", "unsuitable"},
    };
    if (proposal_create(T.db, &clerk, v, 9, code, &e) != ST_OK) fail_msg("%s", e.msg);
    char *vals[64] = {0};
    int64_t version = 0;
    assert_int_equal(proposal_form_load(T.db, &clerk, code, vals, &version, &e), ST_OK);
    assert_int_equal(version, 1);
    for (int i = 0; i < proposal_nfields(); i++) {
        const char *n = proposal_field(i)->name, *want = kv_get(v, 9, n);
        if (strcmp(n, "period_from") == 0) want = "2026-03-01";
        else if (strcmp(n, "funding_requested") == 0) want = "120000000";
        else if (strcmp(n, "competent_unit") == 0) want = "BD-QN";
        else if (strcmp(n, "proposer_is_head") == 0) want = "0";
        else if (!want) want = "";
        assert_non_null(vals[i]);
        if (strcmp(vals[i], want) != 0) fail_msg("%s: '%s' != '%s'", n, vals[i], want);
    }
    proposal_form_free(vals);
    /* The form's values saved back unchanged change nothing. */
    char *again[64] = {0};
    assert_int_equal(proposal_form_load(T.db, &clerk, code, again, &version, &e), ST_OK);
    st_kv kv[64];
    for (int i = 0; i < proposal_nfields(); i++) { kv[i].name = proposal_field(i)->name; kv[i].value = again[i]; }
    assert_int_equal(proposal_update(T.db, &clerk, code, kv, proposal_nfields(), version, &e), ST_OK);
    int64_t v2 = 0;
    char *third[64] = {0};
    assert_int_equal(proposal_form_load(T.db, &clerk, code, third, &v2, &e), ST_OK);
    assert_int_equal(v2, version);
    proposal_form_free(again);
    proposal_form_free(third);
    /* Outside the scope: not found, like a missing code. */
    st_actor other = clerk;
    snprintf(other.scope_path, sizeof other.scope_path, "/999999/");
    char *none[64] = {0};
    assert_int_equal(proposal_form_load(T.db, &other, code, none, &version, &e), ST_ENOTFOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_draft_round_trip),
        cmocka_unit_test(test_draft_replaced_then_discarded),
        cmocka_unit_test(test_draft_purge),
        cmocka_unit_test(test_form_values_of_a_proposal),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
