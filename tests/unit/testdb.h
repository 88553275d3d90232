/* Test helpers that need the core: a fresh database in a temp folder. */
#ifndef SANGTAO_TESTDB_H
#define SANGTAO_TESTDB_H

#include "testutil.h"
#include "store/config.h"
#include "store/db.h"
#include "base/err.h"

typedef struct tu_env {
    char *dir;
    char *path;
    config *cfg;
    st_db *db;
} tu_env;

/* Create dir, config with database.path in it, and a new migrated db. */
static inline void tu_env_open(tu_env *t)
{
    st_err e;
    err_clear(&e);
    t->dir = tu_tmpdir();
    t->path = malloc(strlen(t->dir) + 16);
    assert_non_null(t->path);
    sprintf(t->path, "%s/test.db", t->dir);
    assert_int_equal(config_new(&t->cfg, &e), ST_OK);
    assert_int_equal(config_set(t->cfg, "database.path", t->path, &e), ST_OK);
    if (db_open(t->cfg, DB_OPEN_CREATE, &t->db, &e) != ST_OK)
        fail_msg("db_open: %s", e.msg);
}

static inline void tu_env_close(tu_env *t)
{
    db_close(&t->db);
    config_free(&t->cfg);
    free(t->path);
    t->path = NULL;
    tu_rmdir(&t->dir);
}

#endif
