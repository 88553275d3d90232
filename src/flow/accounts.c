/* The account record shared by the administration (users.c) and the login
 * (login.c): user names, loading a row, the actor it makes, and one change
 * with its event (accounts.h). */
#include "accounts.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "store/db_internal.h"
#include "events.h"
#include "base/sbuf.h"

void account_canon_name(const char *in, char out[64])
{
    size_t i = 0;
    for (; in && in[i] && i < 63; i++) out[i] = (char)tolower((unsigned char)in[i]);
    out[i] = '\0';
}

int account_name_valid(const char *s, int allow_upper)
{
    size_t n = strlen(s);
    if (n == 0 || n > USERNAME_MAX) return 0;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (!(islower(c) || isdigit(c) || strchr("._-", c) || (allow_upper && isupper(c))))
            return 0;
    }
    return 1;
}

#define UREC_SELECT "SELECT u.id, u.username, u.full_name, u.roles, u.scope_unit_id, s.path, " \
    "s.code, u.password_hash, u.must_change_pw, u.failed_logins, " \
    "coalesce(u.locked_until, ''), u.locked, coalesce(u.os_login, '') FROM users u JOIN units s ON s.id = u.scope_unit_id " \
    "WHERE u.deleted = 0 AND "

int account_load(st_db *db, const char *by_os, const char *key, urec *u, st_err *e)
{
    sqlite3_stmt *st;
    memset(u, 0, sizeof *u);
    int rc = db_stmt(db, by_os ? UREC_SELECT "u.os_login = ?1" : UREC_SELECT "u.username = ?1",
                        &st, e);
    if (rc) return rc;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        u->id = sqlite3_column_int64(st, 0);
        snprintf(u->username, sizeof u->username, "%s", db_col_text(st, 1));
        snprintf(u->full_name, sizeof u->full_name, "%s", db_col_text(st, 2));
        u->roles = (unsigned)sqlite3_column_int(st, 3) & ROLE_ALL;
        u->scope_unit = sqlite3_column_int64(st, 4);
        snprintf(u->scope_path, sizeof u->scope_path, "%s", db_col_text(st, 5));
        snprintf(u->scope_code, sizeof u->scope_code, "%s", db_col_text(st, 6));
        snprintf(u->hash, sizeof u->hash, "%s", db_col_text(st, 7));
        u->must_change = sqlite3_column_int(st, 8);
        u->failed = sqlite3_column_int(st, 9);
        snprintf(u->locked_until, sizeof u->locked_until, "%s", db_col_text(st, 10));
        u->locked = sqlite3_column_int(st, 11);
        snprintf(u->os_login, sizeof u->os_login, "%s", db_col_text(st, 12));
    } else if (step == SQLITE_DONE) {
        rc = by_os ? err_set(e, ST_ENOTFOUND, "Tài khoản hệ điều hành '%.40s' chưa được gán "
                             "cho người dùng nào", key)
                   : err_field(e, ST_ENOTFOUND, "username", "Không có người dùng '%.40s'", key);
    } else {
        rc = db_fail(db, e, "đọc người dùng");
    }
    db_release(db, st);
    return rc;
}

void account_actor(const urec *u, st_actor *a)
{
    memset(a, 0, sizeof *a);
    a->id = u->id;
    snprintf(a->username, sizeof a->username, "%s", u->username);
    snprintf(a->full_name, sizeof a->full_name, "%s", u->full_name);
    a->roles = u->roles;
    a->scope_unit = u->scope_unit;
    snprintf(a->scope_path, sizeof a->scope_path, "%s", u->scope_path);
    a->must_change_pw = u->must_change;
}

/* One account change and its event, in one transaction.  sql binds ?1 = id,
 * ?2 = now, then up to two texts. */
int account_write(st_db *db, const st_actor *who, const urec *u, const char *sql,
                  const char *t3, const char *t4, const char *action,
                  const char *comment, const char *json, st_err *e)
{
    if (!json) return err_set(e, ST_ENOMEM, "hết bộ nhớ");   /* account_json's NULL */
    char now[32];
    db_now(now);
    int rc = db_begin(db, e);
    if (rc) return rc;
    sqlite3_stmt *st;
    if (!(rc = db_prepare(db, sql, &st, e))) {
        sqlite3_bind_int64(st, 1, u->id);
        sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
        if (t3) sqlite3_bind_text(st, 3, t3, -1, SQLITE_STATIC);
        if (t4) sqlite3_bind_text(st, 4, t4, -1, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE) rc = db_fail(db, e, "ghi người dùng");
        sqlite3_finalize(st);
    }
    if (!rc) rc = event_write(db, who, 0, action, NULL, NULL, comment, NULL, NULL, json, NULL, e);
    if (!rc) return db_commit(db, e);
    db_rollback(db);
    return rc;
}

/* A JSON object of strings from NULL-terminated key, value pairs. */
char *account_json(const char *const *kv)
{
    sbuf b;
    sbuf_init(&b);
    for (int i = 0; kv[i]; i += 2) {
        sbuf_addf(&b, "%s\"%s\":", i ? "," : "{", kv[i]);
        sbuf_json_str(&b, kv[i + 1]);
    }
    sbuf_add(&b, "}");
    return sbuf_take(&b);
}

char *account_json_user(const char *username, const char *k2, const char *v2)
{
    return account_json((const char *const[]){"username", username, k2, v2, NULL});
}
