/* The audit trail (who changed which field from what to what; per
 * proposal, per user, per period; who may read it) and the scope matrix of
 * the core: every entry point, called by users of another district, gets
 * nothing and changes nothing. */
#include "testdb.h"

#include "flow/audit.h"
#include "flow/conflict.h"
#include "store/db_internal.h"
#include "flow/proposal.h"
#include "flow/setup.h"
#include "flow/people.h"
#include "flow/units.h"
#include "flow/users.h"
#include "flow/workflow.h"

#define PW "Matkhau#2026"
static tu_env T;
static st_actor admin, clerk, head, other[6];   /* other: Hoài Nhơn, every role */
static char code[32];
static const unsigned other_roles[6] = {ROLE_CLERK, ROLE_REVIEWER, ROLE_HEAD, ROLE_MONITOR,
                                        ROLE_VIEWER, ROLE_ADMIN};

static long long qint(const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_h(T.db), sql, -1, &st, NULL), SQLITE_OK);
    long long v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return v;
}

static int setup(void **state)
{
    (void)state;
    setenv("SANGTAO_TODAY", "2026-03-02", 1);
    tu_env_open(&T);
    st_err e;
    err_clear(&e);
    if (setup_init(T.db, NULL, "admin", "Quản trị", PW, &e) || user_actor(T.db, "admin", &admin, &e) ||
        user_add(T.db, &admin, "lan", "Nguyễn Thị Lan", ROLE_CLERK, "BD-QN", PW, &e) ||
        user_add(T.db, &admin, "hung", "Trần Văn Hùng", ROLE_HEAD, "BD-QN", PW, &e) ||
        user_actor(T.db, "lan", &clerk, &e) || user_actor(T.db, "hung", &head, &e))
        fail_msg("setup: %s", e.msg);
    for (int i = 0; i < 6; i++) {
        char name[16];
        snprintf(name, sizeof name, "hn%d", i);
        if (user_add(T.db, &admin, name, "Người Hoài Nhơn", other_roles[i], "BD-HN", PW, &e) ||
            user_actor(T.db, name, &other[i], &e))
            fail_msg("setup: %s", e.msg);
    }
    st_kv kv[] = {{"title", "Số hóa hồ sơ một cửa"}, {"employing_unit", "BD-QN-VP"},
                  {"risks", "ít"}, {"field", "hanh_chinh"}, {"lead", "Nguyễn Văn An"},
                  {"bottleneck", "x"}, {"necessity", "x"}, {"content", "x"},
                  {"feasibility", "x"}, {"legal_basis", "x"}};
    if (proposal_create(T.db, &clerk, kv, 10, code, &e)) fail_msg("create: %s", e.msg);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tu_env_close(&T);
    return 0;
}

typedef struct seen {
    int rows;
    int edit_risks;      /* the risks change, from "ít" to "nhiều" */
    int role_change;
    int unit_rename;
    int mentions_code;
} seen;

static int collect(const audit_row *r, void *ud)
{
    seen *s = ud;
    s->rows++;
    if (strcmp(r->action, "edit") == 0 && strcmp(r->field, "risks") == 0 &&
        strcmp(r->from_value, "ít") == 0 && strcmp(r->to_value, "nhiều") == 0 &&
        strcmp(r->record, code) == 0 && strcmp(r->username, "lan") == 0)
        s->edit_risks++;
    if (strcmp(r->action, "role_change") == 0 && strcmp(r->field, "roles") == 0 &&
        strcmp(r->from_value, "head") == 0 && strcmp(r->to_value, "reviewer,head") == 0)
        s->role_change++;
    if (strcmp(r->action, "unit_import") == 0 && strcmp(r->record, "BD-QN-VP") == 0 &&
        strcmp(r->field, "name") == 0 && strcmp(r->to_value, "Văn phòng mới") == 0)
        s->unit_rename++;
    if (strstr(r->proposal, code) || strstr(r->record, code) || strstr(r->data, "Số hóa"))
        s->mentions_code++;
    return 0;
}

static void t_trail(void **state)
{
    (void)state;
    st_err e;
    err_clear(&e);
    st_kv kv = {"risks", "nhiều"};
    assert_int_equal(proposal_update(T.db, &clerk, code, &kv, 1, 0, &e), ST_OK);
    assert_int_equal(user_set_roles(T.db, &admin, "hung", ROLE_HEAD | ROLE_REVIEWER, "BD-QN", &e), ST_OK);
    assert_int_equal(unit_import_text(T.db, &admin, "code,name,parent_code,level\n"
                                      "BD-QN-VP,Văn phòng mới,BD-QN,phong\n", "u.csv", NULL, &e), ST_OK);
    seen s = {0};
    audit_filter f = {.proposal = code};
    assert_int_equal(audit_list(T.db, &clerk, &f, collect, &s, &e), ST_OK);
    assert_int_equal(s.edit_risks, 1);
    assert_int_equal(s.rows, 2);   /* create, the one change */
    memset(&s, 0, sizeof s);
    f = (audit_filter){.user = "hung"};
    assert_int_equal(audit_list(T.db, &admin, &f, collect, &s, &e), ST_OK);
    assert_int_equal(s.role_change, 1);
    memset(&s, 0, sizeof s);
    f = (audit_filter){0};
    assert_int_equal(audit_list(T.db, &admin, &f, collect, &s, &e), ST_OK);
    assert_int_equal(s.unit_rename, 1);
    assert_int_equal(s.edit_risks, 1);
    /* Periods: local dates, both ends included. */
    memset(&s, 0, sizeof s);
    f = (audit_filter){.from = "01/01/2020", .to = "31/12/2020"};
    assert_int_equal(audit_list(T.db, &admin, &f, collect, &s, &e), ST_OK);
    assert_int_equal(s.rows, 0);
    f = (audit_filter){.from = "31/02/2026"};
    assert_int_equal(audit_list(T.db, &admin, &f, collect, &s, &e), ST_EINVAL);
    /* A limit. */
    memset(&s, 0, sizeof s);
    f = (audit_filter){.limit = 3};
    assert_int_equal(audit_list(T.db, &admin, &f, collect, &s, &e), ST_OK);
    assert_int_equal(s.rows, 3);
}

static void t_who_may_read(void **state)
{
    (void)state;
    st_err e;
    err_clear(&e);
    seen s = {0};
    audit_filter f = {0};
    assert_int_equal(audit_list(T.db, &clerk, &f, collect, &s, &e), ST_EPERM);
    f.user = "hung";
    assert_int_equal(audit_list(T.db, &clerk, &f, collect, &s, &e), ST_EPERM);
    /* An account that does not exist answers the same to a non-administrator:
     * the answer must not tell which names exist. */
    char known[sizeof e.msg];
    snprintf(known, sizeof known, "%s", e.msg);
    f.user = "khongco";
    assert_int_equal(audit_list(T.db, &clerk, &f, collect, &s, &e), ST_EPERM);
    assert_string_equal(e.msg, known);
    f.user = "lan";
    assert_int_equal(audit_list(T.db, &clerk, &f, collect, &s, &e), ST_OK);
    assert_true(s.rows > 0);
    f.user = "khongco";
    assert_int_equal(audit_list(T.db, &admin, &f, collect, &s, &e), ST_ENOTFOUND);
    assert_int_equal(audit_list(T.db, NULL, &f, collect, &s, &e), ST_EPERM);
}

static int count_p(const proposal_row *r, void *ud)
{
    (void)r;
    ++*(int *)ud;
    return 0;
}

static int count_u(const user_row *r, void *ud)
{
    (void)r;
    ++*(int *)ud;
    return 0;
}

/* Every core entry point, by each role of another district. */
static void t_scope_matrix(void **state)
{
    (void)state;
    st_err e;
    long long before = qint("SELECT sum(version) + count(*) FROM proposals") * 1000003 +
                       qint("SELECT count(*) FROM people") * 1009 +
                       qint("SELECT sum(version) FROM users") * 31 + qint("SELECT sum(version) FROM units");
    for (int i = 0; i < 6; i++) {
        const st_actor *o = &other[i];
        err_clear(&e);
        proposal_head h;
        assert_int_equal(proposal_get_head(T.db, o, code, &h, &e), ST_ENOTFOUND);
        char *json = NULL;
        assert_int_equal(proposal_show_json(T.db, o, code, &json, &e), ST_ENOTFOUND);
        assert_null(json);
        FILE *devnull = fopen("/dev/null", "w");
        assert_int_equal(proposal_show_text(T.db, o, code, devnull, &e), ST_ENOTFOUND);
        fclose(devnull);
        char *vals[64] = {0};
        assert_int_equal(proposal_read_values(T.db, o, code, vals, NULL, &e), ST_ENOTFOUND);
        assert_null(vals[0]);
        proposal_filter pf = {0};
        int rows = 0;
        seen s = {0};
        assert_int_equal(proposal_list(T.db, o, &pf, count_p, &rows, &e), ST_OK);
        assert_int_equal(rows, 0);
        pf.unit = "BD-QN";
        pf.search = "so hoa";
        assert_int_equal(proposal_list(T.db, o, &pf, count_p, &rows, &e), ST_OK);
        assert_int_equal(rows, 0);
        assert_int_equal(proposal_history(T.db, o, code, NULL, NULL, &e), ST_ENOTFOUND);
        st_kv kv = {"title", "Sửa trộm"};
        int rc = proposal_update(T.db, o, code, &kv, 1, 0, &e);
        assert_true(rc == ST_ENOTFOUND || rc == ST_EPERM);
        proposal_conflict *c = NULL;
        rc = proposal_save(T.db, o, code, &kv, 1, NULL, 0, 1, &c, &e);
        assert_true(rc == ST_ENOTFOUND || rc == ST_EPERM);
        assert_null(c);
        assert_int_equal(proposal_diff(T.db, o, code, 1, &kv, 1, NULL, 0, &c, &e), ST_ENOTFOUND);
        for (int k = 0; k < wf_action_count(); k++) {
            const char *an = wf_action_name(wf_action_at(k));
            st_kv t = {"text", "x"};
            rc = workflow_apply(T.db, o, code, an, &t, strcmp(an, "note") == 0, 0, &e);
            if (rc != ST_ENOTFOUND && rc != ST_EPERM && rc != ST_EINVAL)
                fail_msg("%s by role %u: %d %s", an, other_roles[i], rc, e.msg);
        }
        audit_filter af = {.proposal = code};
        assert_int_equal(audit_list(T.db, o, &af, collect, &s, &e), ST_ENOTFOUND);
        af = (audit_filter){.user = "lan"};
        rc = audit_list(T.db, o, &af, collect, &s, &e);
        assert_true(rc == ST_ENOTFOUND || rc == ST_EPERM);
        if (o->roles & ROLE_ADMIN) {
            memset(&s, 0, sizeof s);
            af = (audit_filter){0};
            assert_int_equal(audit_list(T.db, o, &af, collect, &s, &e), ST_OK);
            assert_int_equal(s.mentions_code, 0);
            assert_true(s.rows > 0);   /* their own district's events */
        }
        st_kv person[] = {{"full_name", "Người lạ"}, {"unit", "BD-QN-VP"}};
        int64_t pid = 0;
        rc = person_add(T.db, o, person, 2, &pid, &e);
        assert_true(rc == ST_EPERM || rc == ST_ENOTFOUND || rc == ST_EINVAL);
        rc = dissemination_add(T.db, o, "BD-QN-VP", NULL, "conference", "3", "", &e);
        assert_true(rc == ST_EPERM || rc == ST_ENOTFOUND || rc == ST_EINVAL);
        rc = user_lock(T.db, o, "lan", &e);
        assert_true(rc == ST_EPERM || rc == ST_ENOTFOUND);
        rc = user_unlock(T.db, o, "lan", &e);
        assert_true(rc == ST_EPERM || rc == ST_ENOTFOUND);
        rc = user_passwd(T.db, o, "lan", NULL, "Moi#123456", &e);
        assert_true(rc == ST_EPERM || rc == ST_ENOTFOUND);
        rc = user_set_roles(T.db, o, "lan", ROLE_VIEWER, "BD-HN", &e);
        assert_true(rc == ST_EPERM || rc == ST_ENOTFOUND);
        rc = user_set_os_login(T.db, o, "lan", "ai_do", &e);
        assert_true(rc == ST_EPERM || rc == ST_ENOTFOUND);
        rc = unit_import_text(T.db, o, "code,name,parent_code,level\nBD-QN-VP,Đổi,BD-QN,phong\n",
                              "u.csv", NULL, &e);
        assert_true(rc == ST_EPERM);
        rows = 0;
        assert_int_equal(user_list(T.db, o, count_u, &rows, &e), ST_OK);
        assert_true(rows <= 6);   /* Hoài Nhơn's accounts at most */
    }
    long long after = qint("SELECT sum(version) + count(*) FROM proposals") * 1000003 +
                      qint("SELECT count(*) FROM people") * 1009 +
                      qint("SELECT sum(version) FROM users") * 31 + qint("SELECT sum(version) FROM units");
    assert_true(before == after);
}

#define T_(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T_(t_trail),
        T_(t_who_may_read),
        T_(t_scope_matrix),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
