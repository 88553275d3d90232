/* Every table of the schema, after all migrations, is either synced or
 * local (store/capture.c): a table added by a later migration and put in
 * neither list fails here.  And what must never travel is local. */
#include "testdb.h"

#include "store/db_internal.h"
#include "sync/sync.h"

static void test_every_table_listed(void **state)
{
    (void)state;
    tu_env t;
    tu_env_open(&t);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_h(t.db), "SELECT name FROM sqlite_schema WHERE "
                                        "type = 'table' ORDER BY name", -1, &st, NULL),
                     SQLITE_OK);
    int n = 0, missing = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *name = db_col_text(st, 0);
        n++;
        if (sync_table_synced(name) < 0) {
            print_error("table %s is in neither list (src/store/capture.c)\n", name);
            missing++;
        }
    }
    sqlite3_finalize(st);
    assert_true(n > 20);
    assert_int_equal(missing, 0);
    tu_env_close(&t);
}

static void test_secrets_are_local(void **state)
{
    (void)state;
    const char *local[] = {"users", "drafts", "meta", "proposal_fts", "proposal_fts_data",
                           "proposal_fts_idx", "sync_outbox", "sync_ledger", "sync_peers",
                           "sync_self", "sync_sites", "sync_waiting", "sqlite_sequence"};
    for (size_t i = 0; i < sizeof local / sizeof local[0]; i++)
        assert_int_equal(sync_table_synced(local[i]), 0);
    const char *synced[] = {"proposals", "events", "accounts", "units", "people",
                            "sync_conflicts", "commendations"};
    for (size_t i = 0; i < sizeof synced / sizeof synced[0]; i++)
        assert_int_equal(sync_table_synced(synced[i]), 1);
    assert_int_equal(sync_table_synced("no_such_table"), -1);
}

/* accounts, the synced face of users, has no column that must stay local. */
static void test_accounts_hold_no_secret(void **state)
{
    (void)state;
    tu_env t;
    tu_env_open(&t);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_h(t.db), "SELECT name FROM pragma_table_info"
                                        "('accounts')", -1, &st, NULL), SQLITE_OK);
    int n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *c = db_col_text(st, 0);
        n++;
        assert_true(strcmp(c, "password_hash") && strcmp(c, "failed_logins") &&
                    strcmp(c, "locked_until") && strcmp(c, "must_change_pw") &&
                    strcmp(c, "os_login") && strcmp(c, "locked"));
    }
    sqlite3_finalize(st);
    assert_true(n >= 8);
    tu_env_close(&t);
}

/* Two sites on the same binary agree on the fingerprint. */
static void test_schema_fingerprint(void **state)
{
    (void)state;
    tu_env a, b;
    tu_env_open(&a);
    tu_env_open(&b);
    char fa[65], fb[65];
    st_err e;
    err_clear(&e);
    assert_int_equal(sync_schema_fp(a.db, fa, &e), ST_OK);
    assert_int_equal(sync_schema_fp(b.db, fb, &e), ST_OK);
    assert_int_equal(strlen(fa), 64);
    assert_string_equal(fa, fb);
    /* a column more in a synced table changes it */
    sqlite3_exec(db_h(b.db), "ALTER TABLE monitoring ADD COLUMN extra TEXT", NULL, NULL, NULL);
    assert_int_equal(sync_schema_fp(b.db, fb, &e), ST_OK);
    assert_string_not_equal(fa, fb);
    tu_env_close(&a);
    tu_env_close(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_table_listed),
        cmocka_unit_test(test_secrets_are_local),
        cmocka_unit_test(test_accounts_hold_no_secret),
        cmocka_unit_test(test_schema_fingerprint),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
