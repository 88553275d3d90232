/* Users: passwords, lockout, roles, scope, OS logins; role names. */
#include "testdb.h"

#include "store/datafiles.h"
#include "store/db_internal.h"
#include "flow/units.h"
#include "flow/users.h"

static const char ADMIN_PW[] = "Qu@n-tri-2022";
static const char CLERK_PW[] = "mật-khẩu-An-1";

static int setup(void **state)
{
    tu_env *t = calloc(1, sizeof *t);
    tu_env_open(t);
    setenv("SANGTAO_NOW", "2026-03-02T01:00:00Z", 1);
    st_err e;
    err_clear(&e);
    int n;
    if (unit_import_text(t->db, NULL, data_units_demo_csv, "units_demo.csv", &n, &e))
        fail_msg("units: %s", e.msg);
    if (user_add(t->db, NULL, "admin", "Quản trị hệ thống", ROLE_ADMIN, "BD", ADMIN_PW, &e) ||
        user_add(t->db, NULL, "an", "Nguyễn Văn An", ROLE_CLERK, "BD-QN", CLERK_PW, &e))
        fail_msg("users: %s", e.msg);
    *state = t;
    return 0;
}

static int teardown(void **state)
{
    tu_env *t = *state;
    unsetenv("SANGTAO_NOW");
    tu_env_close(t);
    free(t);
    return 0;
}

static long long q_int(st_db *db, const char *sql, const char *arg)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_h(db), sql, -1, &st, NULL), SQLITE_OK);
    if (arg) sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
    long long v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return v;
}

static long long events(tu_env *t, const char *action)
{
    return q_int(t->db, "SELECT count(*) FROM events WHERE action = ?1", action);
}

static st_actor as_admin(tu_env *t)
{
    st_actor a;
    st_err e;
    assert_int_equal(user_actor(t->db, "admin", &a, &e), ST_OK);
    return a;
}

static void test_add_login(void **state)
{
    tu_env *t = *state;
    st_actor a;
    st_err e;
    assert_int_equal(user_login(t->db, "an", CLERK_PW, &a, &e), ST_OK);
    assert_string_equal(a.username, "an");
    assert_string_equal(a.full_name, "Nguyễn Văn An");
    assert_int_equal(a.roles, ROLE_CLERK);
    assert_int_equal(a.must_change_pw, 1);
    int64_t qn;
    assert_int_equal(unit_find(t->db, "BD-QN", &qn, &e), ST_OK);
    assert_int_equal(a.scope_unit, qn);
    char want[64];
    snprintf(want, sizeof want, "/%lld/%lld/", (long long)unit_parent(t->db, qn), (long long)qn);
    assert_string_equal(a.scope_path, want);
    assert_true(a.id > 0);
    assert_int_equal(events(t, "login"), 1);
    assert_int_equal(events(t, "user_add"), 2);
    /* The login's record committed without waiting for the disk; every
     * write after it waits again (synchronous=FULL: 2). */
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_h(t->db), "PRAGMA synchronous", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 2);
    sqlite3_finalize(st);
    /* Upper case in the name is folded; the hash is yescrypt; the password
     * itself is nowhere in the database. */
    assert_int_equal(user_login(t->db, "AN", CLERK_PW, &a, &e), ST_OK);
    assert_int_equal(q_int(t->db, "SELECT count(*) FROM users WHERE password_hash LIKE '$y$%'",
                           NULL), 2);
    const char *pws[] = {ADMIN_PW, CLERK_PW};
    for (int i = 0; i < 2; i++) {
        assert_int_equal(q_int(t->db, "SELECT count(*) FROM users WHERE instr(username || "
                               "full_name || password_hash || coalesce(os_login, ''), ?1)",
                               pws[i]), 0);
        assert_int_equal(q_int(t->db, "SELECT count(*) FROM events WHERE instr(username || "
                               "comment || doc_no || data, ?1)", pws[i]), 0);
    }
}

static void test_wrong_password(void **state)
{
    tu_env *t = *state;
    st_actor a;
    st_err e;
    assert_int_equal(user_login(t->db, "an", "sai-mat-khau", &a, &e), ST_EPERM);
    assert_string_equal(e.msg, "Sai tên đăng nhập hoặc mật khẩu");
    char msg_wrong[512];
    snprintf(msg_wrong, sizeof msg_wrong, "%s", e.msg);
    assert_int_equal(user_login(t->db, "khong-co", CLERK_PW, &a, &e), ST_EPERM);
    assert_string_equal(e.msg, msg_wrong);       /* the same for an unknown name */
    assert_int_equal(user_login(t->db, "an", "", &a, &e), ST_EPERM);
    assert_int_equal(user_login(t->db, "an", NULL, &a, &e), ST_EPERM);
    assert_int_equal(user_login(t->db, "x y\x01", "p", &a, &e), ST_EPERM);
    /* The failure count is kept although the login failed. */
    assert_int_equal(q_int(t->db, "SELECT failed_logins FROM users WHERE username = ?1", "an"), 3);
    assert_int_equal(events(t, "login_failed"), 5);
    assert_int_equal(q_int(t->db, "SELECT count(*) FROM events WHERE action = 'login_failed' "
                           "AND user_id IS NOT NULL", NULL), 3);
    /* A good login clears the count. */
    assert_int_equal(user_login(t->db, "an", CLERK_PW, &a, &e), ST_OK);
    assert_int_equal(q_int(t->db, "SELECT failed_logins FROM users WHERE username = ?1", "an"), 0);
}

static void lock_out(tu_env *t, st_err *e)
{
    st_actor a;
    for (int i = 1; i < 3; i++) {
        assert_int_equal(user_login(t->db, "an", "sai", &a, e), ST_EPERM);
        assert_string_equal(e->msg, "Sai tên đăng nhập hoặc mật khẩu");
    }
    /* The failure that locks answers as any other: an unknown name never
     * locks, so a different answer would tell which names exist. */
    assert_int_equal(user_login(t->db, "an", "sai", &a, e), ST_EPERM);
    assert_string_equal(e->msg, "Sai tên đăng nhập hoặc mật khẩu");
}

static void test_lockout(void **state)
{
    tu_env *t = *state;
    st_err e;
    st_actor a;
    assert_int_equal(config_set(t->cfg, "security.lockout_threshold", "3", &e), ST_OK);
    assert_int_equal(config_set(t->cfg, "security.lockout_minutes", "15", &e), ST_OK);
    lock_out(t, &e);
    assert_int_equal(events(t, "lockout"), 1);
    assert_int_equal(q_int(t->db, "SELECT count(*) FROM users WHERE username = 'an' AND "
                           "locked_until = '2026-03-02T01:15:00Z'", NULL), 1);
    /* Refused even with the right password while locked, with the time. */
    assert_int_equal(user_login(t->db, "an", CLERK_PW, &a, &e), ST_EPERM);
    assert_non_null(strstr(e.msg, "Tài khoản bị khóa đến "));
    assert_non_null(strstr(e.msg, "/03/2026"));
    setenv("SANGTAO_NOW", "2026-03-02T01:14:59Z", 1);
    assert_int_equal(user_login(t->db, "an", CLERK_PW, &a, &e), ST_EPERM);
    /* After lockout_minutes it opens again. */
    setenv("SANGTAO_NOW", "2026-03-02T01:16:00Z", 1);
    assert_int_equal(user_login(t->db, "an", CLERK_PW, &a, &e), ST_OK);
    assert_int_equal(q_int(t->db, "SELECT count(*) FROM users WHERE username = 'an' AND "
                           "locked_until IS NULL AND failed_logins = 0", NULL), 1);
}

static void test_admin_unlock(void **state)
{
    tu_env *t = *state;
    st_err e;
    st_actor a, admin = as_admin(t), clerk;
    assert_int_equal(config_set(t->cfg, "security.lockout_threshold", "3", &e), ST_OK);
    lock_out(t, &e);
    assert_int_equal(user_actor(t->db, "an", &clerk, &e), ST_OK);
    assert_int_equal(user_unlock(t->db, &clerk, "an", &e), ST_EPERM);
    assert_int_equal(user_unlock(t->db, &admin, "an", &e), ST_OK);
    assert_int_equal(events(t, "user_unlock"), 1);
    assert_int_equal(user_login(t->db, "an", CLERK_PW, &a, &e), ST_OK);
    /* An administrator's lock holds until unlocked, whatever the clock. */
    assert_int_equal(user_lock(t->db, &admin, "an", &e), ST_OK);
    assert_int_equal(events(t, "user_lock"), 1);
    assert_int_equal(user_login(t->db, "an", CLERK_PW, &a, &e), ST_EPERM);
    setenv("SANGTAO_NOW", "2027-01-01T00:00:00Z", 1);
    assert_int_equal(user_login(t->db, "an", CLERK_PW, &a, &e), ST_EPERM);
    assert_int_equal(user_lock(t->db, &admin, "admin", &e), ST_EINVAL);  /* not oneself */
    assert_int_equal(user_unlock(t->db, &admin, "an", &e), ST_OK);
    assert_int_equal(user_login(t->db, "an", CLERK_PW, &a, &e), ST_OK);
}

/* Account enumeration: a locked account (by the lockout or by an
 * administrator) and an unknown name answer a wrong password alike; only
 * the right password learns of the lock. */
static void test_locked_like_unknown(void **state)
{
    tu_env *t = *state;
    st_err e, u;
    st_actor a, admin = as_admin(t);
    assert_int_equal(config_set(t->cfg, "security.lockout_threshold", "3", &e), ST_OK);
    assert_int_equal(user_login(t->db, "khong-co-ai", "sai", &a, &u), ST_EPERM);
    lock_out(t, &e);
    assert_int_equal(user_login(t->db, "an", "sai-nua", &a, &e), ST_EPERM);
    assert_string_equal(e.msg, u.msg);
    assert_int_equal(user_login(t->db, "an", CLERK_PW, &a, &e), ST_EPERM);
    assert_non_null(strstr(e.msg, "Tài khoản bị khóa đến "));
    assert_int_equal(user_unlock(t->db, &admin, "an", &e), ST_OK);
    assert_int_equal(user_lock(t->db, &admin, "an", &e), ST_OK);
    assert_int_equal(user_login(t->db, "an", "sai", &a, &e), ST_EPERM);
    assert_string_equal(e.msg, u.msg);
    assert_int_equal(user_login(t->db, "an", CLERK_PW, &a, &e), ST_EPERM);
    assert_non_null(strstr(e.msg, "đã bị khóa"));
}

static void test_passwd(void **state)
{
    tu_env *t = *state;
    st_err e;
    st_actor a, admin = as_admin(t), clerk;
    const char *np = "Mật-khẩu-mới-9";
    assert_int_equal(user_actor(t->db, "an", &clerk, &e), ST_OK);
    assert_int_equal(user_passwd(t->db, &clerk, "an", "sai", np, &e), ST_EINVAL);
    assert_string_equal(e.field, "old_password");
    assert_int_equal(user_passwd(t->db, &clerk, "an", CLERK_PW, CLERK_PW, &e), ST_EINVAL);
    assert_int_equal(user_passwd(t->db, &clerk, "an", CLERK_PW, "ngan", &e), ST_EINVAL);
    assert_int_equal(user_passwd(t->db, &clerk, "an", CLERK_PW, np, &e), ST_OK);
    assert_int_equal(q_int(t->db, "SELECT must_change_pw FROM users WHERE username = ?1", "an"), 0);
    assert_int_equal(user_login(t->db, "an", CLERK_PW, &a, &e), ST_EPERM);
    assert_int_equal(user_login(t->db, "an", np, &a, &e), ST_OK);
    assert_int_equal(a.must_change_pw, 0);
    /* Only an administrator resets another's password; it must then be changed. */
    assert_int_equal(user_passwd(t->db, &clerk, "admin", NULL, "khong-duoc-1", &e), ST_EPERM);
    assert_int_equal(user_passwd(t->db, &clerk, "admin", ADMIN_PW, "khong-duoc-1", &e), ST_EPERM);
    assert_int_equal(user_passwd(t->db, &admin, "an", NULL, "dat-lai-2026", &e), ST_OK);
    assert_int_equal(q_int(t->db, "SELECT must_change_pw FROM users WHERE username = ?1", "an"), 1);
    assert_int_equal(user_login(t->db, "an", "dat-lai-2026", &a, &e), ST_OK);
    assert_int_equal(a.must_change_pw, 1);
    assert_int_equal(events(t, "user_passwd"), 2);
    assert_int_equal(q_int(t->db, "SELECT count(*) FROM events WHERE instr(comment || data, ?1)",
                           "dat-lai-2026"), 0);
    assert_int_equal(q_int(t->db, "SELECT count(*) FROM events WHERE instr(comment || data, ?1)",
                           np), 0);
}

static void test_roles(void **state)
{
    tu_env *t = *state;
    st_err e;
    st_actor a, admin = as_admin(t);
    assert_int_equal(user_set_roles(t->db, &admin, "an", ROLE_CLERK | ROLE_HEAD, "BD-QN-UB", &e),
                     ST_OK);
    assert_int_equal(events(t, "role_change"), 1);
    assert_int_equal(q_int(t->db, "SELECT count(*) FROM events WHERE action = 'role_change' "
                           "AND json_extract(data, '$.old_roles') = 'clerk' AND "
                           "json_extract(data, '$.new_roles') = 'clerk,head' AND "
                           "json_extract(data, '$.new_scope') = 'BD-QN-UB'", NULL), 1);
    assert_int_equal(user_actor(t->db, "an", &a, &e), ST_OK);
    assert_int_equal(a.roles, ROLE_CLERK | ROLE_HEAD);
    int64_t ub;
    assert_int_equal(unit_find(t->db, "BD-QN-UB", &ub, &e), ST_OK);
    assert_int_equal(a.scope_unit, ub);
    assert_non_null(strstr(a.scope_path, "/"));
    assert_int_equal(user_set_roles(t->db, &admin, "an", 0, "BD", &e), ST_EINVAL);
    assert_int_equal(user_set_roles(t->db, &admin, "an", ROLE_CLERK, "NO-SUCH", &e),
                     ST_ENOTFOUND);
    assert_int_equal(user_set_roles(t->db, &a, "an", ROLE_ALL, "BD", &e), ST_EPERM);
    /* The last administrator keeps the role. */
    assert_int_equal(user_set_roles(t->db, &admin, "admin", ROLE_VIEWER, "BD", &e), ST_EINVAL);
    /* Role names and labels. */
    unsigned m = 0;
    char buf[96];
    assert_int_equal(roles_parse("clerk, Head", &m, &e), ST_OK);
    assert_int_equal(m, ROLE_CLERK | ROLE_HEAD);
    roles_format(m, buf, sizeof buf);
    assert_string_equal(buf, "clerk,head");
    assert_int_equal(roles_parse("clerk,boss", &m, &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "boss"));
    assert_non_null(strstr(e.msg, "reviewer"));
    assert_int_equal(roles_parse("", &m, &e), ST_EINVAL);
    roles_format(ROLE_ALL, buf, sizeof buf);
    assert_string_equal(buf, "clerk,reviewer,head,monitor,viewer,admin");
    assert_string_equal(role_name(ROLE_MONITOR), "monitor");
    assert_string_equal(role_label(ROLE_HEAD), "lãnh đạo");
    assert_string_equal(role_label(ROLE_CLERK), "chuyên viên");
}

static void test_add_rules(void **state)
{
    tu_env *t = *state;
    st_err e;
    st_actor clerk, admin = as_admin(t), qadmin, a;
    assert_int_equal(user_actor(t->db, "an", &clerk, &e), ST_OK);
    assert_int_equal(user_add(t->db, &clerk, "binh", "Trần Bình", ROLE_CLERK, "BD-QN",
                              "mat-khau-dai", &e), ST_EPERM);
    assert_int_equal(user_add(t->db, &admin, "binh", "Trần Bình", ROLE_CLERK, "BD-QN",
                              "ngan", &e), ST_EINVAL);
    assert_string_equal(e.field, "password");
    assert_int_equal(user_add(t->db, &admin, "binh tran", "Trần Bình", ROLE_CLERK, "BD-QN",
                              "mat-khau-dai", &e), ST_EINVAL);
    assert_string_equal(e.field, "username");
    assert_int_equal(user_add(t->db, &admin, "an", "Khác", ROLE_CLERK, "BD-QN",
                              "mat-khau-dai", &e), ST_EINVAL);
    assert_int_equal(user_add(t->db, &admin, "binh", "", ROLE_CLERK, "BD-QN",
                              "mat-khau-dai", &e), ST_EINVAL);
    assert_int_equal(user_add(t->db, &admin, "binh", "Trần Bình", 0, "BD-QN",
                              "mat-khau-dai", &e), ST_EINVAL);
    /* A district administrator adds users only inside the district. */
    assert_int_equal(user_add(t->db, &admin, "qadmin", "Quản trị Quy Nhơn", ROLE_ADMIN, "BD-QN",
                              "mat-khau-dai", &e), ST_OK);
    assert_int_equal(user_actor(t->db, "qadmin", &qadmin, &e), ST_OK);
    assert_int_equal(user_add(t->db, &qadmin, "binh", "Trần Bình", ROLE_CLERK, "BD-SNV",
                              "mat-khau-dai", &e), ST_EPERM);
    /* NFD full name is stored NFC. */
    assert_int_equal(user_add(t->db, &qadmin, "binh", "Tra\xcc\x82\xcc\x80n Bi\xcc\x80nh",
                              ROLE_CLERK, "BD-QN-VP", "mat-khau-dai", &e), ST_OK);
    assert_int_equal(user_login(t->db, "binh", "mat-khau-dai", &a, &e), ST_OK);
    assert_string_equal(a.full_name, "Trần Bình");
    /* Accounts outside the district do not exist for its administrator. */
    assert_int_equal(user_lock(t->db, &qadmin, "admin", &e), ST_ENOTFOUND);
    assert_int_equal(user_passwd(t->db, &qadmin, "admin", NULL, "mat-khau-dai", &e),
                     ST_ENOTFOUND);
}

typedef struct names { int n; char s[10][40]; } names;
static int collect(const user_row *r, void *ud)
{
    names *w = ud;
    if (w->n < 10) snprintf(w->s[w->n], 40, "%s", r->username);
    w->n++;
    return 0;
}

static void test_list_scope(void **state)
{
    tu_env *t = *state;
    st_err e;
    st_actor admin = as_admin(t), qadmin, clerk;
    assert_int_equal(user_add(t->db, &admin, "qadmin", "Quản trị Quy Nhơn", ROLE_ADMIN, "BD-QN",
                              "mat-khau-dai", &e), ST_OK);
    assert_int_equal(user_add(t->db, &admin, "snv", "Sở Nội vụ", ROLE_CLERK, "BD-SNV",
                              "mat-khau-dai", &e), ST_OK);
    assert_int_equal(user_actor(t->db, "qadmin", &qadmin, &e), ST_OK);
    assert_int_equal(user_actor(t->db, "an", &clerk, &e), ST_OK);
    names w = {0};
    assert_int_equal(user_list(t->db, &admin, collect, &w, &e), ST_OK);
    assert_int_equal(w.n, 4);
    memset(&w, 0, sizeof w);
    assert_int_equal(user_list(t->db, &qadmin, collect, &w, &e), ST_OK);
    assert_int_equal(w.n, 2);
    assert_string_equal(w.s[0], "an");
    assert_string_equal(w.s[1], "qadmin");
    memset(&w, 0, sizeof w);
    assert_int_equal(user_list(t->db, &clerk, collect, &w, &e), ST_OK);
    assert_int_equal(w.n, 1);
    assert_string_equal(w.s[0], "an");
}

static void test_os_login(void **state)
{
    tu_env *t = *state;
    st_err e;
    st_actor a, admin = as_admin(t), clerk;
    assert_int_equal(user_actor(t->db, "an", &clerk, &e), ST_OK);
    assert_int_equal(user_by_os_login(t->db, "nvan", &a, &e), ST_ENOTFOUND);
    assert_int_equal(user_set_os_login(t->db, &clerk, "an", "nvan", &e), ST_EPERM);
    assert_int_equal(user_set_os_login(t->db, &admin, "an", "n van", &e), ST_EINVAL);
    assert_int_equal(user_set_os_login(t->db, &admin, "an", "nvan", &e), ST_OK);
    assert_int_equal(user_by_os_login(t->db, "nvan", &a, &e), ST_OK);
    assert_string_equal(a.username, "an");
    assert_int_equal(a.roles, ROLE_CLERK);
    assert_string_equal(a.scope_path, clerk.scope_path);
    assert_int_equal(user_set_os_login(t->db, &admin, "admin", "nvan", &e), ST_EINVAL);
    assert_int_equal(events(t, "user_os_login"), 1);
    /* A locked account is refused here too. */
    assert_int_equal(user_lock(t->db, &admin, "an", &e), ST_OK);
    assert_int_equal(user_by_os_login(t->db, "nvan", &a, &e), ST_EPERM);
    assert_int_equal(user_unlock(t->db, &admin, "an", &e), ST_OK);
    assert_int_equal(user_set_os_login(t->db, &admin, "an", NULL, &e), ST_OK);
    assert_int_equal(user_by_os_login(t->db, "nvan", &a, &e), ST_ENOTFOUND);
    assert_int_equal(user_set_os_login(t->db, &admin, "admin", "nvan", &e), ST_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_add_login, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wrong_password, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lockout, setup, teardown),
        cmocka_unit_test_setup_teardown(test_admin_unlock, setup, teardown),
        cmocka_unit_test_setup_teardown(test_locked_like_unknown, setup, teardown),
        cmocka_unit_test_setup_teardown(test_passwd, setup, teardown),
        cmocka_unit_test_setup_teardown(test_roles, setup, teardown),
        cmocka_unit_test_setup_teardown(test_add_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_scope, setup, teardown),
        cmocka_unit_test_setup_teardown(test_os_login, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
