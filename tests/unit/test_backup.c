/* The daily care of src/store: rotated backups (names, the keep policy, real
 * files in a real folder), the check of each copy, the record `check` shows,
 * and the schema upgrade of `sangtao migrate` on a database made with the
 * first migrations only. */
#include "testdb.h"

#include <sqlite3.h>
#include <sys/stat.h>
#include <time.h>

#include "base/clock.h"
#include "store/backup.h"
#include "store/db_internal.h"

extern const int migrations_count;
extern const char *const migrations_sql[];

static void test_names(void **state)
{
    (void)state;
    struct tm tm;
    assert_int_equal(backup_name_time("sangtao-2026-12-04-0130.db", &tm), 1);
    assert_int_equal(tm.tm_year, 126);
    assert_int_equal(tm.tm_mon, 11);
    assert_int_equal(tm.tm_mday, 4);
    assert_int_equal(tm.tm_hour, 1);
    assert_int_equal(tm.tm_min, 30);
    assert_int_equal(tm.tm_wday, 5);   /* a Friday */
    assert_int_equal(backup_name_time("sangtao-2026-12-04-013059.db", &tm), 1);
    assert_int_equal(tm.tm_sec, 59);
    const char *bad[] = {
        "sangtao-2026-02-30-0130.db",   /* no such day */
        "sangtao-2026-13-01-0130.db", "sangtao-2026-12-04-2460.db",
        "sangtao-2026-12-04-0130.db-wal", "sangtao-2026-12-04.db",
        "sangtao-before-v7-to-v12-20261204-013000.db", "khac-2026-12-04-0130.db",
        "sangtao-2026-12-04-01300.db", "sangtao-2026-1a-04-0130.db", "",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (backup_name_time(bad[i], &tm)) fail_msg("accepted: %s", bad[i]);
}

/* One backup a day at 01:30 from first to last (inclusive), as names. */
static int daily_names(const char *first, const char *last, char names[][40], int max)
{
    struct tm t;
    memset(&t, 0, sizeof t);
    sscanf(first, "%4d-%2d-%2d", &t.tm_year, &t.tm_mon, &t.tm_mday);
    t.tm_year -= 1900;
    t.tm_mon -= 1;
    t.tm_hour = 12;
    time_t day = timegm(&t);
    int n = 0;
    for (;; day += 86400) {
        struct tm d;
        gmtime_r(&day, &d);
        char ymd[16];
        strftime(ymd, sizeof ymd, "%Y-%m-%d", &d);
        assert_true(n < max);
        snprintf(names[n++], 40, "sangtao-%s-0130.db", ymd);
        if (strcmp(ymd, last) == 0) break;
    }
    return n;
}

static void test_plan_a_year_and_more(void **state)
{
    (void)state;
    static char names[500][40];
    const char *ptrs[500];
    int keep[500];
    int n = daily_names("2025-11-01", "2026-12-04", names, 500);
    for (int i = 0; i < n; i++) ptrs[i] = names[i];
    backup_keep k = {7, 4, 12};
    backup_plan(ptrs, n, &k, keep);
    /* 7 days (28/11–04/12/2026, a Friday), the Sundays ending the two
     * weeks before those, and the last day of the 10 months before. */
    const char *want[] = {
        "2026-12-04", "2026-12-03", "2026-12-02", "2026-12-01", "2026-11-30", "2026-11-29",
        "2026-11-28", "2026-11-22", "2026-11-15", "2026-10-31", "2026-09-30", "2026-08-31",
        "2026-07-31", "2026-06-30", "2026-05-31", "2026-04-30", "2026-03-31", "2026-02-28",
        "2026-01-31",
    };
    int kept = 0;
    for (int i = 0; i < n; i++) {
        int wanted = 0;
        for (size_t w = 0; w < sizeof want / sizeof want[0]; w++)
            if (strncmp(names[i] + 8, want[w], 10) == 0) wanted = 1;
        if (keep[i] != wanted) fail_msg("%s: keep=%d, expected %d", names[i], keep[i], wanted);
        kept += keep[i];
    }
    assert_int_equal(kept, (int)(sizeof want / sizeof want[0]));
    /* Order does not matter: the same plan for the names reversed. */
    const char *rev[500];
    int keep2[500];
    for (int i = 0; i < n; i++) rev[i] = ptrs[n - 1 - i];
    backup_plan(rev, n, &k, keep2);
    for (int i = 0; i < n; i++) assert_int_equal(keep2[i], keep[n - 1 - i]);
}

static void test_plan_two_a_day_and_strangers(void **state)
{
    (void)state;
    const char *names[] = {
        "sangtao-2026-12-04-0130.db", "sangtao-2026-12-04-093015.db",
        "sangtao-2026-12-03-0130.db", "ghi-chu.txt", "sangtao-before-v7-to-v12-x.db",
    };
    int keep[5];
    backup_keep k = {1, 0, 0};
    backup_plan(names, 5, &k, keep);
    assert_int_equal(keep[0], 0);   /* the earlier one of the same day */
    assert_int_equal(keep[1], 1);   /* the newest */
    assert_int_equal(keep[2], 0);
    assert_int_equal(keep[3], 1);   /* not a rotated backup: never removed */
    assert_int_equal(keep[4], 1);
}

static int count_rotated(const char *dir)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "ls '%s' | grep -c '^sangtao-2[0-9-]*\\.db$'", dir);
    FILE *p = popen(cmd, "r");
    int n = -1;
    assert_non_null(p);
    if (fscanf(p, "%d", &n) != 1) n = -1;
    pclose(p);
    return n;
}

static void test_rotate_real_files(void **state)
{
    (void)state;
    tu_env t;
    tu_env_open(&t);
    char dir[600];
    snprintf(dir, sizeof dir, "%s/sao-lưu", t.dir);
    backup_keep k = {3, 2, 0};
    backup_result r;
    st_err e;
    char now[32], when[32], last[4200];
    err_clear(&e);
    assert_int_equal(backup_last(t.db, when, last, sizeof last, &e), ST_ENOTFOUND);
    /* 20 days in a row at 18:30 UTC: 01:30 the next day in Vietnam, and
     * the names follow the local time. */
    setenv("TZ", "ICT-7", 1);
    tzset();
    for (int d = 1; d <= 20; d++) {
        snprintf(now, sizeof now, "2026-03-%02dT18:30:00Z", d);
        clock_fix(NULL, now);
        FILE *out = fopen("/dev/null", "w");
        err_clear(&e);
        if (backup_rotate(t.db, dir, &k, &r, out, &e) != ST_OK) fail_msg("day %d: %s", d, e.msg);
        fclose(out);
        struct stat sb;
        assert_int_equal(stat(r.path, &sb), 0);
        assert_int_equal(sb.st_mode & 0777, 0600);
    }
    struct stat sd;
    assert_int_equal(stat(dir, &sd), 0);
    assert_int_equal(sd.st_mode & 0777, 0700);
    /* 3 days (19–21/03, local) + the newest of 2 weeks: 21/03 is a
     * Saturday, its week 16–22/03 is kept by the days, and 09–15/03 by its
     * Sunday, 15/03. */
    assert_non_null(strstr(r.path, "/sao-lưu/sangtao-2026-03-21-0130.db"));
    assert_int_equal(count_rotated(dir), 4);
    assert_int_equal(r.kept, 4);
    assert_int_equal(backup_last(t.db, when, last, sizeof last, &e), ST_OK);
    assert_string_equal(when, "2026-03-20T18:30:00Z");
    assert_string_equal(last, r.path);
    /* A second run in the same minute: a new name, nothing overwritten. */
    char first[4200];
    snprintf(first, sizeof first, "%s", r.path);
    assert_int_equal(backup_rotate(t.db, dir, &k, &r, stderr, &e), ST_OK);
    assert_string_not_equal(first, r.path);
    clock_fix(NULL, NULL);
    unsetenv("TZ");
    tzset();
    tu_env_close(&t);
}

static void test_rotate_refuses_open_folder(void **state)
{
    (void)state;
    tu_env t;
    tu_env_open(&t);
    char dir[600], link[600];
    snprintf(dir, sizeof dir, "%s/mo", t.dir);
    assert_int_equal(mkdir(dir, 0700), 0);
    assert_int_equal(chmod(dir, 0755), 0);
    backup_keep k = {7, 4, 12};
    backup_result r;
    st_err e;
    err_clear(&e);
    assert_int_equal(backup_rotate(t.db, dir, &k, &r, stderr, &e), ST_EPERM);
    assert_non_null(strstr(e.msg, "chmod 0700"));
    assert_int_equal(count_rotated(dir), 0);
    /* Nor through a symbolic link to a folder. */
    assert_int_equal(chmod(dir, 0700), 0);
    snprintf(link, sizeof link, "%s/lien-ket", t.dir);
    assert_int_equal(symlink(dir, link), 0);
    err_clear(&e);
    assert_int_equal(backup_rotate(t.db, link, &k, &r, stderr, &e), ST_EINVAL);
    assert_int_equal(count_rotated(dir), 0);
    tu_env_close(&t);
}

static void test_check_copy(void **state)
{
    (void)state;
    tu_env t;
    tu_env_open(&t);
    char good[600], bad[600];
    st_err e;
    err_clear(&e);
    snprintf(good, sizeof good, "%s/tot.db", t.dir);
    assert_int_equal(db_backup(t.db, good, &e), ST_OK);
    assert_int_equal(backup_check_copy(good, &e), ST_OK);
    /* A damaged copy: its pages overwritten after the header. */
    snprintf(bad, sizeof bad, "%s/hong.db", t.dir);
    assert_int_equal(db_backup(t.db, bad, &e), ST_OK);
    FILE *f = fopen(bad, "r+b");
    assert_non_null(f);
    fseek(f, 4096, SEEK_SET);
    for (int i = 0; i < 8192; i++) fputc(0x5a, f);
    fclose(f);
    err_clear(&e);
    assert_int_equal(backup_check_copy(bad, &e), ST_EDB);
    assert_non_null(strstr(e.msg, "đã xóa bản hỏng"));
    assert_int_equal(access(bad, F_OK), -1);   /* removed */
    tu_env_close(&t);
}

/* A database as an older program left it: the first `old` migrations. */
static void make_old(const char *path, int old)
{
    sqlite3 *h = NULL;
    assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
    assert_int_equal(db_register_text_sql(h), 0);   /* fold() and the collations */
    for (int i = 0; i < old; i++) {
        char *msg = NULL;
        if (sqlite3_exec(h, migrations_sql[i], NULL, NULL, &msg) != SQLITE_OK)
            fail_msg("migration %d: %s", i + 1, msg);
    }
    char sql[120];
    snprintf(sql, sizeof sql, "PRAGMA user_version=%d; PRAGMA application_id=%d; "
             "PRAGMA journal_mode=WAL", old, DB_APP_ID);
    assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, "INSERT INTO meta(key, value) VALUES ('ghi-chú', 'Bình Định')",
                                  NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(h);
}

static void test_upgrade(void **state)
{
    (void)state;
    assert_true(migrations_count >= 2);
    char *dir = tu_tmpdir();
    char path[600], bdir[600], copy[4300];
    snprintf(path, sizeof path, "%s/cu.db", dir);
    snprintf(bdir, sizeof bdir, "%s/bk", dir);
    int old = migrations_count - 1;
    make_old(path, old);
    config *cfg = NULL;
    st_err e;
    err_clear(&e);
    assert_int_equal(config_new(&cfg, &e), ST_OK);
    assert_int_equal(config_set(cfg, "database.path", path, &e), ST_OK);
    int from, to;
    /* Someone has it open: refused, nothing changed, no copy taken. */
    sqlite3 *other = NULL;
    assert_int_equal(sqlite3_open(path, &other), SQLITE_OK);
    assert_int_equal(sqlite3_exec(other, "SELECT count(*) FROM meta", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(db_upgrade(cfg, bdir, &from, &to, copy, sizeof copy, &e), ST_EBUSY);
    assert_non_null(strstr(e.msg, "sangtao migrate"));
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(other, "PRAGMA user_version", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), old);
    sqlite3_finalize(st);
    sqlite3_close(other);
    /* Alone: a checked copy of the old version, then the migrations. */
    err_clear(&e);
    if (db_upgrade(cfg, bdir, &from, &to, copy, sizeof copy, &e) != ST_OK) fail_msg("%s", e.msg);
    assert_int_equal(from, old);
    assert_int_equal(to, migrations_count);
    struct stat sb;
    assert_int_equal(stat(copy, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    assert_int_equal(backup_check_copy(copy, &e), ST_OK);
    sqlite3 *c = NULL;
    assert_int_equal(sqlite3_open(copy, &c), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(c, "SELECT (SELECT user_version FROM pragma_user_version),"
                                        " (SELECT value FROM meta WHERE key = 'ghi-chú')",
                                        -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), old);
    assert_string_equal((const char *)sqlite3_column_text(st, 1), "Bình Định");
    sqlite3_finalize(st);
    sqlite3_close(c);
    /* Again: nothing to do, no second copy. */
    assert_int_equal(db_upgrade(cfg, bdir, &from, &to, copy, sizeof copy, &e), ST_OK);
    assert_int_equal(from, migrations_count);
    assert_int_equal(to, migrations_count);
    assert_string_equal(copy, "");
    config_free(&cfg);
    tu_rmdir(&dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_plan_a_year_and_more),
        cmocka_unit_test(test_plan_two_a_day_and_strangers),
        cmocka_unit_test(test_rotate_real_files),
        cmocka_unit_test(test_rotate_refuses_open_folder),
        cmocka_unit_test(test_check_copy),
        cmocka_unit_test(test_upgrade),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
