/* No lost updates: the second save of a proposal sees the changed version,
 * writes nothing and returns both sides; picks and merges save; and the
 * busy wait calls its hook ("đang chờ…") instead of failing. */
#include "testdb.h"

#include <sys/wait.h>

#include "flow/conflict.h"
#include "store/db_internal.h"
#include "flow/proposal.h"
#include "flow/setup.h"
#include "flow/users.h"

#define PW "Matkhau#2026"
static tu_env T;
static st_actor clerk1, clerk2;
static char code[32];

static long long qint(const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_h(T.db), sql, -1, &st, NULL), SQLITE_OK);
    long long v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return v;
}

static const char *qtext(const char *sql)
{
    static char buf[512];
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_h(T.db), sql, -1, &st, NULL), SQLITE_OK);
    buf[0] = '\0';
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        snprintf(buf, sizeof buf, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return buf;
}

static int setup(void **state)
{
    (void)state;
    setenv("SANGTAO_TODAY", "2026-03-02", 1);
    tu_env_open(&T);
    st_err e;
    err_clear(&e);
    st_actor admin;
    if (setup_init(T.db, NULL, "admin", "Quản trị", PW, &e) ||
        user_actor(T.db, "admin", &admin, &e) ||
        user_add(T.db, &admin, "lan", "Nguyễn Thị Lan", ROLE_CLERK, "BD-QN", PW, &e) ||
        user_add(T.db, &admin, "hoa", "Trần Thị Hoa", ROLE_CLERK, "BD-QN", PW, &e) ||
        user_actor(T.db, "lan", &clerk1, &e) || user_actor(T.db, "hoa", &clerk2, &e))
        fail_msg("setup: %s", e.msg);
    st_kv kv[] = {{"title", "Số hóa hồ sơ"}, {"employing_unit", "BD-QN-VP"},
                  {"risks", "ít"}, {"period_from", "01/04/2026"}};
    if (proposal_create(T.db, &clerk1, kv, 4, code, &e)) fail_msg("create: %s", e.msg);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tu_env_close(&T);
    return 0;
}

static const pc_field *field(const proposal_conflict *c, const char *name)
{
    for (int i = 0; i < c->n; i++)
        if (strcmp(c->f[i].name, name) == 0) return &c->f[i];
    return NULL;
}

/* Different fields: the second save is refused and changes nothing; the
 * conflict shows both; saving it keeps both changes. */
static void t_second_save_sees_version(void **state)
{
    (void)state;
    st_err e;
    err_clear(&e);
    st_kv theirs = {"risks", "nhiều"}, mine = {"content", "Quét hồ sơ"}, base = {"content", ""};
    assert_int_equal(proposal_update(T.db, &clerk2, code, &theirs, 1, 1, &e), ST_OK);
    proposal_conflict *c = NULL;
    long long events = qint("SELECT count(*) FROM events");
    assert_int_equal(proposal_save(T.db, &clerk1, code, &mine, 1, &base, 1, 1, &c, &e), ST_ECONFLICT);
    assert_int_equal(qint("SELECT version FROM proposals"), 2);
    assert_string_equal(qtext("SELECT content FROM proposals"), "");
    assert_int_equal(qint("SELECT count(*) FROM events"), events);
    assert_non_null(c);
    assert_int_equal(c->mine_version, 1);
    assert_int_equal(c->their_version, 2);
    const pc_field *f = field(c, "content");
    assert_non_null(f);
    assert_int_equal(f->who, CF_MINE);
    assert_int_equal(f->pick, PICK_MINE);
    assert_string_equal(f->mine, "Quét hồ sơ");
    assert_string_equal(f->theirs, "");
    assert_int_equal(c->nboth, 0);
    assert_int_equal(proposal_conflict_save(T.db, &clerk1, c, &e), ST_OK);
    assert_string_equal(qtext("SELECT content FROM proposals"), "Quét hồ sơ");
    assert_string_equal(qtext("SELECT risks FROM proposals"), "nhiều");
    assert_int_equal(qint("SELECT version FROM proposals"), 3);
    proposal_conflict_free(&c);
    assert_null(c);
}

/* One field changed by both: the clerk keeps theirs, takes the other, or
 * merges by hand. */
static void t_same_field_choices(void **state)
{
    (void)state;
    st_err e;
    err_clear(&e);
    st_kv theirs = {"risks", "Mất dữ liệu"}, mine = {"risks", "Lộ dữ liệu"}, base = {"risks", "ít"};
    assert_int_equal(proposal_update(T.db, &clerk2, code, &theirs, 1, 1, &e), ST_OK);
    proposal_conflict *c = NULL;
    assert_int_equal(proposal_save(T.db, &clerk1, code, &mine, 1, &base, 1, 1, &c, &e), ST_ECONFLICT);
    const pc_field *f = field(c, "risks");
    assert_non_null(f);
    assert_int_equal(f->who, CF_BOTH);
    assert_int_equal(c->nboth, 1);
    assert_string_equal(f->base, "ít");
    assert_string_equal(f->mine, "Lộ dữ liệu");
    assert_string_equal(f->theirs, "Mất dữ liệu");
    /* Take the other's: nothing to write, version stays. */
    c->f[f - c->f].pick = PICK_THEIRS;
    assert_int_equal(proposal_conflict_save(T.db, &clerk1, c, &e), ST_OK);
    assert_int_equal(qint("SELECT version FROM proposals"), 2);
    /* Merge by hand. */
    c->f[f - c->f].pick = PICK_MERGED;
    c->f[f - c->f].merged = strdup("Mất và lộ dữ liệu");
    assert_string_equal(pc_field_result(&c->f[f - c->f]), "Mất và lộ dữ liệu");
    assert_int_equal(proposal_conflict_save(T.db, &clerk1, c, &e), ST_OK);
    assert_string_equal(qtext("SELECT risks FROM proposals"), "Mất và lộ dữ liệu");
    /* The audit names both steps. */
    assert_int_equal(qint("SELECT count(*) FROM events WHERE action = 'edit'"), 2);
    /* A third save in between: the stale conflict is refused again. */
    c->f[f - c->f].pick = PICK_MINE;
    assert_int_equal(proposal_conflict_save(T.db, &clerk1, c, &e), ST_ECONFLICT);
    assert_string_equal(qtext("SELECT risks FROM proposals"), "Mất và lộ dữ liệu");
    proposal_conflict_free(&c);
}

/* Values compare normalised; without a base every differing field of mine
 * counts as changed by both. */
static void t_diff_normalised_and_no_base(void **state)
{
    (void)state;
    st_err e;
    err_clear(&e);
    st_kv mine[] = {{"period_from", "2026-04-01"}, {"risks", "khác"}};
    proposal_conflict *c = NULL;
    assert_int_equal(proposal_diff(T.db, &clerk1, code, 1, mine, 2, NULL, 0, &c, &e), ST_OK);
    assert_int_equal(c->n, 1);
    assert_string_equal(c->f[0].name, "risks");
    assert_int_equal(c->f[0].who, CF_BOTH);
    assert_null(c->f[0].base);
    proposal_conflict_free(&c);
    st_kv bad = {"colour", "red"};
    assert_int_equal(proposal_diff(T.db, &clerk1, code, 1, &bad, 1, NULL, 0, &c, &e), ST_EINVAL);
    assert_null(c);
    /* Out of scope reads like a missing proposal. */
    st_actor other = clerk1;
    snprintf(other.scope_path, sizeof other.scope_path, "/999/");
    assert_int_equal(proposal_diff(T.db, &other, code, 1, mine, 2, NULL, 0, &c, &e), ST_ENOTFOUND);
}

static long hook_calls, hook_done, hook_max;
static int hook(void *ud, long waited)
{
    (void)ud;
    if (waited < 0) hook_done++;
    else { hook_calls++; if (waited > hook_max) hook_max = waited; }
    return 0;
}

/* The user gives up at the first wait (Esc on the screens). */
static int hook_cancel(void *ud, long waited)
{
    (void)ud;
    if (waited < 0) hook_done++;
    else hook_calls++;
    return waited >= 0;
}

/* Another process holds the write lock for a while: the save waits,
 * calling the hook, and then goes through. */
static void t_busy_wait_hook(void **state)
{
    (void)state;
    int ready[2];
    assert_int_equal(pipe(ready), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        sqlite3 *h;
        if (sqlite3_open(T.path, &h) != SQLITE_OK ||
            sqlite3_exec(h, "BEGIN IMMEDIATE; INSERT INTO meta VALUES('x', 'y')", NULL, NULL, NULL))
            _exit(1);
        if (write(ready[1], "r", 1) != 1) _exit(1);
        usleep(300000);
        sqlite3_exec(h, "COMMIT", NULL, NULL, NULL);
        sqlite3_close(h);
        _exit(0);
    }
    char c;
    assert_int_equal(read(ready[0], &c, 1), 1);
    hook_calls = hook_done = hook_max = 0;
    db_set_wait_hook(T.db, hook, NULL);
    long before = db_busy_retries(T.db);
    st_err e;
    err_clear(&e);
    st_kv kv = {"risks", "chờ"};
    assert_int_equal(proposal_update(T.db, &clerk1, code, &kv, 1, 0, &e), ST_OK);
    int status;
    waitpid(pid, &status, 0);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    assert_true(hook_calls > 0);
    assert_int_equal(hook_done, 1);
    assert_true(db_busy_retries(T.db) > before);
    assert_string_equal(qtext("SELECT risks FROM proposals"), "chờ");
    db_set_wait_hook(T.db, NULL, NULL);
    close(ready[0]);
    close(ready[1]);
}

/* A wait given up by the hook fails at once with ST_EBUSY, says nothing was
 * written, writes nothing; the next write after the writer is done goes. */
static void t_busy_wait_cancel(void **state)
{
    (void)state;
    int ready[2], go[2];
    assert_int_equal(pipe(ready), 0);
    assert_int_equal(pipe(go), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        sqlite3 *h;
        char c;
        if (sqlite3_open(T.path, &h) != SQLITE_OK ||
            sqlite3_exec(h, "BEGIN IMMEDIATE; INSERT INTO meta VALUES('x', 'y')", NULL, NULL, NULL))
            _exit(1);
        if (write(ready[1], "r", 1) != 1 || read(go[0], &c, 1) != 1) _exit(1);
        sqlite3_exec(h, "COMMIT", NULL, NULL, NULL);
        sqlite3_close(h);
        _exit(0);
    }
    char c;
    assert_int_equal(read(ready[0], &c, 1), 1);
    hook_calls = hook_done = 0;
    db_set_wait_hook(T.db, hook_cancel, NULL);
    st_err e;
    err_clear(&e);
    st_kv kv = {"risks", "bỏ chờ"};
    assert_int_equal(proposal_update(T.db, &clerk1, code, &kv, 1, 0, &e), ST_EBUSY);
    assert_non_null(strstr(e.msg, "thôi chờ"));
    assert_true(hook_calls >= 1);
    assert_int_equal(write(go[1], "g", 1), 1);
    int status;
    waitpid(pid, &status, 0);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    assert_string_not_equal(qtext("SELECT risks FROM proposals"), "bỏ chờ");
    db_set_wait_hook(T.db, hook, NULL);
    err_clear(&e);
    assert_int_equal(proposal_update(T.db, &clerk1, code, &kv, 1, 0, &e), ST_OK);
    db_set_wait_hook(T.db, NULL, NULL);
    close(ready[0]); close(ready[1]); close(go[0]); close(go[1]);
}

#define T_(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T_(t_second_save_sees_version),
        T_(t_same_field_choices),
        T_(t_diff_normalised_and_no_base),
        T_(t_busy_wait_hook),
        T_(t_busy_wait_cancel),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
