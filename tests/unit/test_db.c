/* Opening, migrations, refusals, check and backup on real database files. */
#include "testdb.h"

#include <sys/stat.h>
#include <sys/wait.h>

#include "store/db_internal.h"

static void run_sql(const char *path, const char *sql)
{
    sqlite3 *h;
    assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
    assert_int_equal(db_register_text_sql(h), 0);   /* migrations call fold() */
    char *msg = NULL;
    if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK) fail_msg("%s: %s", sql, msg);
    sqlite3_close(h);
}

static void open_expect(tu_env *t, int mode, int code, const char *needle)
{
    st_err e;
    err_clear(&e);
    st_db *db = NULL;
    int rc = db_open(t->cfg, mode, &db, &e);
    if (rc != code) fail_msg("db_open: expected %d, got %d (%s)", code, rc, e.msg);
    if (needle && !strstr(e.msg, needle)) fail_msg("message '%s' lacks '%s'", e.msg, needle);
    db_close(&db);
}

static void test_fresh_schema(void **state)
{
    (void)state;
    tu_env t;
    tu_env_open(&t);
    assert_int_equal(db_schema_version(t.db), db_schema_latest());
    assert_true(db_schema_latest() >= 1);
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db_h(t.db), "PRAGMA journal_mode", -1, &st, NULL);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal(db_col_text(st, 0), "wal");
    sqlite3_finalize(st);
    sqlite3_prepare_v2(db_h(t.db), "PRAGMA foreign_keys", -1, &st, NULL);
    sqlite3_step(st);
    assert_int_equal(sqlite3_column_int(st, 0), 1);
    sqlite3_finalize(st);
    sqlite3_prepare_v2(db_h(t.db), "PRAGMA synchronous", -1, &st, NULL);
    sqlite3_step(st);
    assert_int_equal(sqlite3_column_int(st, 0), 2); /* FULL */
    sqlite3_finalize(st);
    /* No table cascades deletes (sync keeps both sides of a conflict). */
    sqlite3_prepare_v2(db_h(t.db), "SELECT count(*) FROM sqlite_schema s, "
                       "pragma_foreign_key_list(s.name) f WHERE s.type='table' AND "
                       "f.on_delete <> 'NO ACTION'", -1, &st, NULL);
    sqlite3_step(st);
    assert_int_equal(sqlite3_column_int(st, 0), 0);
    sqlite3_finalize(st);
    tu_env_close(&t);
}

/* Each earlier version upgrades to the latest: for version 0 that is an
 * empty file; for later ones, replay the migrations up to it by hand. */
static void test_migrate_from_each_version(void **state)
{
    (void)state;
    extern const char *const migrations_sql[];
    for (int v = 0; v < db_schema_latest(); v++) {
        tu_env t;
        tu_env_open(&t);
        db_close(&t.db);
        unlink(t.path);
        char wal[600];
        snprintf(wal, sizeof wal, "%s-wal", t.path);
        unlink(wal);
        for (int i = 0; i < v; i++) run_sql(t.path, migrations_sql[i]);
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA user_version=%d", v);
        run_sql(t.path, sql);
        if (v > 0) run_sql(t.path, "PRAGMA application_id=1398033991");
        st_err e;
        err_clear(&e);
        if (db_open(t.cfg, DB_OPEN_EXISTING, &t.db, &e) != ST_OK) fail_msg("v%d: %s", v, e.msg);
        assert_int_equal(db_schema_version(t.db), db_schema_latest());
        tu_env_close(&t);
    }
}

static const char *one_text(st_db *db, const char *sql, char *buf, size_t n)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db_h(db), sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db_h(db)));
    buf[0] = '\0';
    if (sqlite3_step(st) == SQLITE_ROW) snprintf(buf, n, "%s", db_col_text(st, 0));
    sqlite3_finalize(st);
    return buf;
}

/* Migration 13 rebuilds proposals (bottleneck_kind nullable, issue 12 item
 * 9): a database at schema 12 keeps every row, id and value, the children
 * that point at them, the search index and every index and trigger. */
static void test_migration13_keeps_proposals(void **state)
{
    (void)state;
    extern const char *const migrations_sql[];
    tu_env t;
    tu_env_open(&t);
    db_close(&t.db);
    unlink(t.path);
    char wal[600], buf[600];
    snprintf(wal, sizeof wal, "%s-wal", t.path);
    unlink(wal);
    for (int i = 0; i < 12; i++) run_sql(t.path, migrations_sql[i]);
    run_sql(t.path,
        "PRAGMA user_version=12; PRAGMA application_id=1398033991; PRAGMA foreign_keys=ON;"
        "INSERT INTO units(id, code, name, path, updated_at) VALUES (1, 'P', 'Tỉnh ủy', '/1/', 'x');"
        "INSERT INTO people(id, full_name, created_at, updated_at) VALUES (5, 'Lê Ngọc Phúc', 'x', 'x');"
        "INSERT INTO proposals(id, code, title, employing_unit_id, competent_unit_id, "
        " bottleneck_kind, bottleneck, funding_requested, created_at, updated_at, version) VALUES "
        " (7, 'TN-2025-0001', 'Số hóa hồ sơ', 1, 1, 'unsuitable', 'Giấy tờ', 1500, 'x', 'y', 3),"
        " (8, 'TN-2025-0002', 'Đề xuất cũ', 1, 1, 'other', '', 0, 'x', 'y', 1);"
        "INSERT INTO proposers(id, proposal_id, person_id, is_lead) VALUES (1, 7, 5, 1);"
        "INSERT INTO events(id, proposal_id, at, username, action) VALUES (101, 7, 'x', 'a', 'create');");
    st_err e;
    err_clear(&e);
    if (db_open(t.cfg, DB_OPEN_EXISTING, &t.db, &e) != ST_OK) fail_msg("%s", e.msg);
    assert_int_equal(db_schema_version(t.db), db_schema_latest());
    assert_string_equal(one_text(t.db, "SELECT group_concat(id || ':' || code || ':' || title || ':' "
                        "|| bottleneck_kind || ':' || funding_requested || ':' || version || ':' || "
                        "(title_key IS NOT NULL), ',') FROM (SELECT * FROM proposals ORDER BY id)",
                        buf, sizeof buf),
                        "7:TN-2025-0001:Số hóa hồ sơ:unsuitable:1500:3:1,"
                        "8:TN-2025-0002:Đề xuất cũ:other:0:1:1");
    /* the children still point at their proposal; foreign keys hold */
    assert_string_equal(one_text(t.db, "SELECT count(*) FROM pragma_foreign_key_check", buf,
                                 sizeof buf), "0");
    assert_string_equal(one_text(t.db, "SELECT p.code || ' ' || pe.full_name FROM proposers pr "
                                 "JOIN proposals p ON p.id = pr.proposal_id JOIN people pe ON "
                                 "pe.id = pr.person_id", buf, sizeof buf), "TN-2025-0001 Lê Ngọc Phúc");
    /* every index and trigger of proposals is there again, and the six of
     * the kept counts (migration 14, after the rebuild); migration 16 adds
     * two indexes by unit and due date and drops proposals_competent, 17
     * proposals_brief for the periodic review's lists and three indexes of a
     * state in the list's orders; 18 three triggers that keep the
     * month-end stocks' columns */
    assert_string_equal(one_text(t.db, "SELECT count(*) FROM sqlite_schema WHERE tbl_name = "
                                 "'proposals' AND type = 'trigger'", buf, sizeof buf), "17");
    assert_string_equal(one_text(t.db, "SELECT count(*) FROM sqlite_schema WHERE tbl_name = "
                                 "'proposals' AND type = 'index' AND sql IS NOT NULL", buf,
                                 sizeof buf), "17");
    assert_string_equal(one_text(t.db, "SELECT count(*) FROM sqlite_schema WHERE name = "
                                 "'proposals_old'", buf, sizeof buf), "0");
    /* the search index still finds the old rows, and follows new ones */
    assert_string_equal(one_text(t.db, "SELECT group_concat(rowid) FROM proposal_fts WHERE "
                                 "proposal_fts MATCH 'phuc'", buf, sizeof buf), "7");
    char *msg = NULL;
    if (sqlite3_exec(db_h(t.db), "INSERT INTO proposals(id, code, title, employing_unit_id, "
                     "competent_unit_id, created_at, updated_at) VALUES (9, 'TN-2025-0003', "
                     "'Họp không giấy', 1, 1, 'x', 'x')", NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s", msg);
    /* left empty stays empty, and the trigger keys the new title */
    assert_string_equal(one_text(t.db, "SELECT quote(bottleneck_kind) || ' ' || (title_key IS NOT "
                                 "NULL) FROM proposals WHERE id = 9", buf, sizeof buf), "NULL 1");
    assert_string_equal(one_text(t.db, "SELECT group_concat(rowid) FROM proposal_fts WHERE "
                                 "proposal_fts MATCH 'hop'", buf, sizeof buf), "9");
    assert_int_equal(sqlite3_exec(db_h(t.db), "UPDATE proposals SET bottleneck_kind = 'x' WHERE "
                                  "id = 9", NULL, NULL, NULL), SQLITE_CONSTRAINT_CHECK);
    tu_env_close(&t);
}

static void test_newer_refused(void **state)
{
    (void)state;
    tu_env t;
    tu_env_open(&t);
    db_close(&t.db);
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version=%d", db_schema_latest() + 1);
    run_sql(t.path, sql);
    open_expect(&t, DB_OPEN_EXISTING, ST_EDB, "mới hơn");
    tu_env_close(&t);
}

static void test_foreign_and_corrupt_refused(void **state)
{
    (void)state;
    tu_env t;
    tu_env_open(&t);
    db_close(&t.db);
    unlink(t.path);
    run_sql(t.path, "CREATE TABLE other(x)");
    open_expect(&t, DB_OPEN_EXISTING, ST_EDB, "không phải");
    unlink(t.path);
    FILE *f = fopen(t.path, "w");
    fputs("this is not a database at all, just some text that is long enough......", f);
    for (int i = 0; i < 200; i++) fputs("garbage garbage garbage garbage\n", f);
    fclose(f);
    open_expect(&t, DB_OPEN_EXISTING, ST_EDB, "hỏng");
    tu_env_close(&t);
}

static void test_missing_and_existing(void **state)
{
    (void)state;
    tu_env t;
    tu_env_open(&t);
    open_expect(&t, DB_OPEN_CREATE, ST_EINVAL, "đã tồn tại");
    db_close(&t.db);
    char other[600];
    snprintf(other, sizeof other, "%s/none.db", t.dir);
    st_err e;
    err_clear(&e);
    assert_int_equal(config_set(t.cfg, "database.path", other, &e), ST_OK);
    open_expect(&t, DB_OPEN_EXISTING, ST_ENOTFOUND, "sangtao init");
    struct stat sb;
    assert_int_not_equal(stat(other, &sb), 0); /* nothing created */
    tu_env_close(&t);
}

/* Opening a read-only file works for reading; writing says why it cannot.
 * As root (CI) the check runs in a child that drops to "nobody", since root
 * may write any file. */
static int readonly_probe(tu_env *t)
{
    st_err e;
    err_clear(&e);
    st_db *db = NULL;
    int rc = db_open(t->cfg, DB_OPEN_EXISTING, &db, &e);
    if (rc == ST_OK) rc = db_begin(db, &e);
    db_close(&db);
    if (rc != ST_EDB) return 11;
    return strstr(e.msg, "chỉ đọc") ? 0 : 12;
}

static void test_readonly_write_refused(void **state)
{
    (void)state;
    tu_env t;
    tu_env_open(&t);
    db_close(&t.db);
    char wal[600];
    snprintf(wal, sizeof wal, "%s-wal", t.path);
    assert_int_equal(access(wal, F_OK), -1); /* clean close: no WAL left */
    chmod(t.path, 0444);
    chmod(t.dir, 0755);
    int rc;
    if (geteuid() != 0) {
        rc = readonly_probe(&t);
    } else {
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            if (setgid(65534) != 0 || setuid(65534) != 0) _exit(20);
            _exit(readonly_probe(&t));
        }
        int status = 0;
        waitpid(pid, &status, 0);
        rc = WIFEXITED(status) ? WEXITSTATUS(status) : 30;
    }
    assert_int_equal(rc, 0);
    tu_env_close(&t);
}

static void test_check_and_backup(void **state)
{
    (void)state;
    tu_env t;
    tu_env_open(&t);
    st_err e;
    err_clear(&e);
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_int_equal(db_check(t.db, out, &e), ST_OK);
    fclose(out);
    assert_non_null(strstr(buf, "integrity_check: ok"));
    free(buf);
    char dest[600];
    snprintf(dest, sizeof dest, "%s/copy.db", t.dir);
    assert_int_equal(db_backup(t.db, dest, &e), ST_OK);
    assert_int_equal(db_backup(t.db, dest, &e), ST_EINVAL); /* never overwrite */
    config *c2 = NULL;
    st_db *copy = NULL;
    assert_int_equal(config_new(&c2, &e), ST_OK);
    assert_int_equal(config_set(c2, "database.path", dest, &e), ST_OK);
    assert_int_equal(db_open(c2, DB_OPEN_EXISTING, &copy, &e), ST_OK);
    assert_int_equal(db_schema_version(copy), db_schema_latest());
    db_close(&copy);
    config_free(&c2);
    tu_env_close(&t);
}

/* Keys are partitioned by site number. */
static void test_site_ids(void **state)
{
    (void)state;
    tu_env t;
    tu_env_open(&t);
    int64_t a = db_new_id(t.db, "units");
    assert_int_equal(a, ((int64_t)1 << 40) + 1);
    tu_env_close(&t);
}

/* data.holidays adds a site's own days to the calendar; a missing file is
 * an error, not a silent default. */
static void test_extra_holidays(void **state)
{
    (void)state;
    tu_env t;
    tu_env_open(&t);
    st_err e;
    err_clear(&e);
    st_day d;
    assert_int_equal(date_parse("2026-03-04", &d, &e), ST_OK);
    const calendar *cal = db_calendar(t.db, &e);
    assert_non_null(cal);
    assert_true(calendar_is_working_day(cal, d));
    char *csv = tu_write(t.dir, "extra.csv", "date,kind,name\n2026-03-04,holiday,Ngày riêng\n");
    assert_int_equal(config_set(t.cfg, "data.holidays", csv, &e), ST_OK);
    db_calendar_reset(t.db);
    cal = db_calendar(t.db, &e);
    assert_non_null(cal);
    assert_false(calendar_is_working_day(cal, d));
    unlink(csv);
    db_calendar_reset(t.db);
    assert_null(db_calendar(t.db, &e));
    assert_int_equal(e.code, ST_EIO);
    free(csv);
    tu_env_close(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fresh_schema),
        cmocka_unit_test(test_migrate_from_each_version),
        cmocka_unit_test(test_migration13_keeps_proposals),
        cmocka_unit_test(test_newer_refused),
        cmocka_unit_test(test_foreign_and_corrupt_refused),
        cmocka_unit_test(test_missing_and_existing),
        cmocka_unit_test(test_readonly_write_refused),
        cmocka_unit_test(test_check_and_backup),
        cmocka_unit_test(test_site_ids),
        cmocka_unit_test(test_extra_holidays),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
