/* Capture: every committed write transaction becomes one outbox entry, in
 * the same transaction, numbered without gaps, with its hash; a rolled
 * back one leaves nothing; migrations leave nothing; a database in no
 * exchange keeps no outbox.  Prints the cost of
 * capture per write (no timing assertion). */
#include "testdb.h"

#include <time.h>

#include "store/capture.h"
#include "store/db_internal.h"
#include "sync/sync.h"

static long qint(st_db *db, const char *q)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_h(db), q, -1, &st, NULL), SQLITE_OK);
    long v = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return v;
}

static void write_sql(st_db *db, const char *q)
{
    st_err e;
    err_clear(&e);
    assert_int_equal(db_begin(db, &e), ST_OK);
    assert_int_equal(sqlite3_exec(db_h(db), q, NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(db_commit(db, &e), ST_OK);
}

/* This database joins an exchange (as `site add` or a seed does): written
 * by another connection, as an administrator's command would be. */
static void join(const tu_env *t)
{
    sqlite3 *h;
    assert_int_equal(sqlite3_open(t->path, &h), SQLITE_OK);
    sqlite3_busy_timeout(h, 5000);
    assert_int_equal(sqlite3_exec(h, "INSERT INTO sync_self(id, deployment, site_no, is_hub, "
                                  "sign_pk, sign_sk, hub_pk) VALUES (1, 'P-000000000000', 1, 1, "
                                  "zeroblob(32), zeroblob(64), zeroblob(32))", NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(h);
}

/* A database in no exchange (a server on its own) keeps no outbox: it
 * would grow with every write for nobody.  Once it joins, the next write
 * of a connection opened before is captured. */
static void test_alone_captures_nothing(void **state)
{
    (void)state;
    tu_env t;
    tu_env_open(&t);
    write_sql(t.db, "INSERT INTO units(id, code, name, path, updated_at) VALUES "
                    "(1, 'P', 'Tỉnh ủy Bình Định', '/1/', '2026-03-02T00:00:00Z')");
    write_sql(t.db, "UPDATE units SET name = 'Tỉnh ủy' WHERE id = 1");
    assert_int_equal(qint(t.db, "SELECT count(*) FROM sync_outbox"), 0);
    /* what an earlier version captured for nobody: maintain drops it */
    assert_int_equal(sqlite3_exec(db_h(t.db), "INSERT INTO sync_outbox(seq, at, hash, changeset) "
                                  "VALUES (1, 'x', zeroblob(32), zeroblob(8))", NULL, NULL, NULL),
                     SQLITE_OK);
    st_err e;
    err_clear(&e);
    FILE *devnull = fopen("/dev/null", "w");
    assert_int_equal(db_maintain(t.db, devnull, &e), ST_OK);
    assert_int_equal(qint(t.db, "SELECT count(*) FROM sync_outbox"), 0);
    join(&t);
    write_sql(t.db, "UPDATE units SET short_name = 'TU' WHERE id = 1");
    assert_int_equal(qint(t.db, "SELECT count(*) FROM sync_outbox"), 1);
    /* in an exchange, maintain keeps it */
    assert_int_equal(db_maintain(t.db, devnull, &e), ST_OK);
    assert_int_equal(qint(t.db, "SELECT count(*) FROM sync_outbox"), 1);
    fclose(devnull);
    tu_env_close(&t);
}

static void test_each_commit_one_entry(void **state)
{
    (void)state;
    tu_env t;
    tu_env_open(&t);
    join(&t);
    /* the migrations ran with no session: nothing captured */
    assert_int_equal(qint(t.db, "SELECT count(*) FROM sync_outbox"), 0);
    write_sql(t.db, "INSERT INTO units(id, code, name, path, updated_at) VALUES "
                    "(1, 'P', 'Tỉnh ủy Bình Định', '/1/', '2026-03-02T00:00:00Z')");
    write_sql(t.db, "UPDATE units SET name = 'Tỉnh ủy' WHERE id = 1");
    /* a write to local tables only: no entry */
    write_sql(t.db, "INSERT INTO meta(key, value) VALUES ('x', 'y')");
    /* a rolled back write: no entry */
    st_err e;
    err_clear(&e);
    assert_int_equal(db_begin(t.db, &e), ST_OK);
    sqlite3_exec(db_h(t.db), "UPDATE units SET name = 'bỏ' WHERE id = 1", NULL, NULL, NULL);
    db_rollback(t.db);
    /* nested: one entry for the outer transaction */
    assert_int_equal(db_begin(t.db, &e), ST_OK);
    assert_int_equal(db_begin(t.db, &e), ST_OK);
    sqlite3_exec(db_h(t.db), "UPDATE units SET short_name = 'TU' WHERE id = 1", NULL, NULL, NULL);
    assert_int_equal(db_commit(t.db, &e), ST_OK);
    assert_int_equal(db_begin(t.db, &e), ST_OK);
    sqlite3_exec(db_h(t.db), "UPDATE units SET level = 'bỏ' WHERE id = 1", NULL, NULL, NULL);
    db_rollback(t.db);                   /* the inner savepoint only */
    assert_int_equal(db_commit(t.db, &e), ST_OK);
    assert_int_equal(qint(t.db, "SELECT count(*) FROM sync_outbox"), 3);
    assert_int_equal(qint(t.db, "SELECT max(seq) FROM sync_outbox"), 3);
    /* each hash is the changeset's */
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_h(t.db), "SELECT hash, changeset FROM sync_outbox",
                                        -1, &st, NULL), SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
        unsigned char h[CAPTURE_HASH];
        capture_hash(sqlite3_column_blob(st, 1), (size_t)sqlite3_column_bytes(st, 1), h);
        assert_int_equal(sqlite3_column_bytes(st, 0), CAPTURE_HASH);
        assert_memory_equal(h, sqlite3_column_blob(st, 0), CAPTURE_HASH);
    }
    sqlite3_finalize(st);
    /* the third entry holds the short name and not the rolled back level */
    assert_int_equal(sqlite3_prepare_v2(db_h(t.db), "SELECT changeset FROM sync_outbox WHERE "
                                        "seq = 3", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    sqlite3_changeset_iter *it;
    assert_int_equal(sqlite3changeset_start(&it, sqlite3_column_bytes(st, 0),
                                            (void *)sqlite3_column_blob(st, 0)), SQLITE_OK);
    int changes = 0;
    while (sqlite3changeset_next(it) == SQLITE_ROW) {
        sqlite3_value *lvl = NULL, *sn = NULL;
        sqlite3changeset_new(it, 4, &lvl);   /* units.level */
        sqlite3changeset_new(it, 3, &sn);    /* units.short_name */
        assert_null(lvl);
        assert_non_null(sn);
        assert_string_equal((const char *)sqlite3_value_text(sn), "TU");
        changes++;
    }
    sqlite3changeset_finalize(it);
    sqlite3_finalize(st);
    assert_int_equal(changes, 1);
    tu_env_close(&t);
}

/* Paused (an office applying the hub's payload): nothing captured. */
static void test_pause(void **state)
{
    (void)state;
    tu_env t;
    tu_env_open(&t);
    join(&t);
    db_capture_pause(t.db, 1);
    write_sql(t.db, "INSERT INTO fields(id, code, name) VALUES (99, 'moi', 'Lĩnh vực mới')");
    db_capture_pause(t.db, 0);
    assert_int_equal(qint(t.db, "SELECT count(*) FROM sync_outbox"), 0);
    write_sql(t.db, "UPDATE fields SET name = 'Lĩnh vực khác nữa' WHERE id = 99");
    assert_int_equal(qint(t.db, "SELECT count(*) FROM sync_outbox"), 1);
    tu_env_close(&t);
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);   /* CPU time: a busy machine does not blur it */
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* The cost of capture: the same small write with and without it. */
static void test_cost_printed(void **state)
{
    (void)state;
    tu_env t;
    tu_env_open(&t);
    sqlite3_exec(db_h(t.db), "PRAGMA synchronous=OFF", NULL, NULL, NULL);
    join(&t);
    write_sql(t.db, "INSERT INTO units(id, code, name, path, updated_at) VALUES "
                    "(1, 'P', 'Tỉnh ủy', '/1/', '2026-03-02T00:00:00Z')");
    enum { N = 2000 };
    double ms[2];
    for (int pass = 0; pass < 2; pass++) {
        db_capture_pause(t.db, pass == 0);
        double t0 = now_ms();
        for (int i = 0; i < N; i++) {
            char q[160];
            snprintf(q, sizeof q, "UPDATE units SET name = 'Tỉnh ủy %d', sort = %d WHERE id = 1",
                     i + pass * N, i);
            write_sql(t.db, q);
        }
        ms[pass] = now_ms() - t0;
    }
    db_capture_pause(t.db, 0);
    assert_int_equal(qint(t.db, "SELECT count(*) FROM sync_outbox"), N + 1);
    printf("capture cost: %d writes %.1f ms CPU without, %.1f ms with capture "
           "(%.1f µs per write more)\n", N, ms[0], ms[1], (ms[1] - ms[0]) * 1000.0 / N);
    tu_env_close(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alone_captures_nothing),
        cmocka_unit_test(test_each_commit_one_entry),
        cmocka_unit_test(test_pause),
        cmocka_unit_test(test_cost_printed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
