/* A demo-filled database for the tests of the screens' queries. */
#ifndef SANGTAO_DEMODB_H
#define SANGTAO_DEMODB_H

#include "testdb.h"

#include "store/db_internal.h"
#include "demo/demo.h"
#include "flow/setup.h"
#include "flow/users.h"

static inline void demodb_open(tu_env *t)
{
    st_err e;
    err_clear(&e);
    setenv("SANGTAO_TODAY", "2026-11-28", 1);
    unsetenv("SANGTAO_NOW");
    tu_env_open(t);
    if (setup_init(t->db, NULL, "admin", "Quản trị hệ thống", "quantri-2026", &e) != ST_OK)
        fail_msg("setup_init: %s", e.msg);
    st_actor admin;
    if (user_actor(t->db, "admin", &admin, &e) != ST_OK) fail_msg("user_actor: %s", e.msg);
    if (demo_fill(t->db, &admin, 2022u, "demo-2026", &e) != ST_OK) fail_msg("demo_fill: %s", e.msg);
}

static inline long long demodb_int(tu_env *t, const char *sql)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db_h(t->db), sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db_h(t->db)));
    long long v = -1;
    if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static inline st_actor demodb_actor(tu_env *t, const char *name)
{
    st_actor a;
    st_err e;
    err_clear(&e);
    if (user_actor(t->db, name, &a, &e) != ST_OK) fail_msg("user_actor %s: %s", name, e.msg);
    return a;
}

#endif
