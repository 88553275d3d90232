/* Bulk mode (src/bulk.c) with nested transactions (db_begin inside an outer
 * one becomes a savepoint), and the trace writer (src/trace.c). */
#include "testdb.h"

#include "store/bulk.h"
#include "store/db_internal.h"
#include "base/trace.h"

static long count_meta(st_db *db)
{
    sqlite3_stmt *st;
    long n = -1;
    assert_int_equal(sqlite3_prepare_v2(db_h(db), "SELECT count(*) FROM meta WHERE key LIKE 'b%'",
                                        -1, &st, NULL), SQLITE_OK);
    if (sqlite3_step(st) == SQLITE_ROW) n = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

static void put(st_db *db, const char *key)
{
    char sql[128];
    snprintf(sql, sizeof sql, "INSERT INTO meta(key, value) VALUES('%s', 'x')", key);
    assert_int_equal(sqlite3_exec(db_h(db), sql, NULL, NULL, NULL), SQLITE_OK);
}

/* An inner call that fails undoes only its own writes; the others stay. */
static void test_nested_rollback_keeps_the_rest(void **state)
{
    (void)state;
    tu_env t = {0};
    tu_env_open(&t);
    st_err e;
    err_clear(&e);
    assert_int_equal(bulk_begin(t.db, 100, &e), ST_OK);
    assert_int_equal(db_begin(t.db, &e), ST_OK);
    put(t.db, "b1");
    assert_int_equal(db_commit(t.db, &e), ST_OK);
    assert_int_equal(db_begin(t.db, &e), ST_OK);
    put(t.db, "b2");
    db_rollback(t.db);
    assert_int_equal(db_begin(t.db, &e), ST_OK);
    put(t.db, "b3");
    assert_int_equal(db_commit(t.db, &e), ST_OK);
    assert_int_equal(sqlite3_get_autocommit(db_h(t.db)), 0);   /* still in the bulk */
    assert_int_equal(bulk_end(t.db, &e), ST_OK);
    assert_int_equal(sqlite3_get_autocommit(db_h(t.db)), 1);
    assert_int_equal(count_meta(t.db), 2);
    /* After the bulk, transactions are plain again. */
    assert_int_equal(db_begin(t.db, &e), ST_OK);
    put(t.db, "b4");
    db_rollback(t.db);
    assert_int_equal(count_meta(t.db), 2);
    tu_env_close(&t);
}

/* bulk_step commits every batch; bulk_abort drops only the open batch. */
static void test_batches_commit(void **state)
{
    (void)state;
    tu_env t = {0};
    tu_env_open(&t);
    st_err e;
    err_clear(&e);
    assert_int_equal(bulk_begin(t.db, 2, &e), ST_OK);
    put(t.db, "b1");
    assert_int_equal(bulk_step(t.db, &e), ST_OK);
    put(t.db, "b2");
    assert_int_equal(bulk_step(t.db, &e), ST_OK);   /* second step: committed */
    put(t.db, "b3");
    bulk_abort(t.db);
    assert_int_equal(sqlite3_get_autocommit(db_h(t.db)), 1);
    assert_int_equal(count_meta(t.db), 2);
    tu_env_close(&t);
}

/* SANGTAO_TRACE: a start line, then one line per call, one word each. */
static void test_trace_lines(void **state)
{
    (void)state;
    char *dir = tu_tmpdir(), path[512], line[256];
    snprintf(path, sizeof path, "%s/trace", dir);
    setenv("SANGTAO_TRACE", path, 1);
    trace_init();
    assert_true(trace_enabled());
    long long t0 = trace_now();
    assert_true(t0 > 0);
    trace_key(0, 'a', t0);
    trace_key(1, 0402, t0);
    trace_paint("danh sách", t0);
    trace_cli("proposal", t0);
    trace_wait("busy", t0);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    const char *kinds[] = {"start", "key", "key", "paint", "cli", "wait"};
    const char *whats[] = {NULL, "U+0061", "KEY_0402", "danh_sách", "proposal", "busy"};
    for (int i = 0; i < 6; i++) {
        assert_non_null(fgets(line, sizeof line, f));
        long long T = -1, us = -1;
        char kind[16], what[128];
        assert_int_equal(sscanf(line, "%lld %15s %127s %lld", &T, kind, what, &us), 4);
        assert_string_equal(kind, kinds[i]);
        if (whats[i]) assert_string_equal(what, whats[i]);
        else assert_non_null(strstr(what, "realtime_us="));
        assert_true(T >= 0 && us >= 0);
    }
    assert_null(fgets(line, sizeof line, f));
    fclose(f);
    unsetenv("SANGTAO_TRACE");
    tu_rmdir(&dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nested_rollback_keeps_the_rest),
        cmocka_unit_test(test_batches_commit),
        cmocka_unit_test(test_trace_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
