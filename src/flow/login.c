/* Logging in: the password check, the count of failures and the lockout,
 * every attempt an event; and the actor of an OS login (users.h). */
#include "users.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "accounts.h"
#include "store/db_internal.h"
#include "events.h"
#include "base/sbuf.h"
#include "text/text.h"

static const char MSG_BAD_LOGIN[] = "Sai tên đăng nhập hoặc mật khẩu";

static time_t iso_parse(const char *s)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
               &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
        return 0;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return timegm(&tm);
}

/* How long a login waits to record itself while another process writes. */
#define LOGIN_WRITE_WAIT_MS 200

static void iso_format(time_t t, char buf[32])
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Local time for people: the server's TZ (Asia/Ho_Chi_Minh in an office). */
static void lock_message(st_err *e, const char *until_iso)
{
    time_t t = iso_parse(until_iso);
    struct tm tm;
    char buf[32];
    localtime_r(&t, &tm);
    strftime(buf, sizeof buf, "%H:%M %d/%m/%Y", &tm);
    err_set(e, ST_EPERM, "Tài khoản bị khóa đến %s", buf);
}

/* A failed attempt: count it, lock after the threshold, and keep the count
 * even though the login fails. */
static int login_failed(st_db *db, const urec *u, const st_actor *as, const char *why,
                        const char *now, st_err *e)
{
    const config *cfg = db_config(db);
    long threshold = config_int(cfg, "security.lockout_threshold");
    char until[32] = "";
    int failed = 0;
    st_err we;
    err_clear(&we);
    if (db_begin(db, &we) != ST_OK) return err_set(e, ST_EPERM, "%s", MSG_BAD_LOGIN);
    sqlite3_stmt *st;
    int rc = ST_OK;
    if (u && why == NULL && !(rc = db_prepare(db, "UPDATE users SET failed_logins = "
                                              "failed_logins + 1 WHERE id = ?1 "
                                              "RETURNING failed_logins", &st, &we))) {
        sqlite3_bind_int64(st, 1, u->id);
        if (sqlite3_step(st) == SQLITE_ROW) failed = sqlite3_column_int(st, 0);
        else rc = ST_EDB;
        sqlite3_finalize(st);
        if (!rc && failed >= threshold) {
            iso_format(iso_parse(now) + 60 * config_int(cfg, "security.lockout_minutes"), until);
            /* Start counting afresh when the lockout ends. */
            if (!(rc = db_prepare(db, "UPDATE users SET failed_logins = 0, locked_until = ?2 "
                                  "WHERE id = ?1", &st, &we))) {
                sqlite3_bind_int64(st, 1, u->id);
                sqlite3_bind_text(st, 2, until, -1, SQLITE_STATIC);
                if (sqlite3_step(st) != SQLITE_DONE) rc = ST_EDB;
                sqlite3_finalize(st);
            }
        }
    }
    sbuf js;
    sbuf_init(&js);
    sbuf_add(&js, "{\"username\":");
    sbuf_json_str(&js, as->username);
    sbuf_addf(&js, ",\"failed\":%d}", failed);
    if (!rc) rc = event_write(db, as, 0, "login_failed", NULL, NULL,
                              why ? why : "Sai mật khẩu hoặc tên đăng nhập", NULL, NULL,
                              sbuf_str(&js), NULL, &we);
    sbuf_free(&js);
    if (!rc && until[0]) {
        char *lj = account_json_user(as->username, "until", until);
        rc = !lj ? err_set(&we, ST_ENOMEM, "hết bộ nhớ")
                 : event_write(db, as, 0, "lockout", NULL, NULL, until, NULL, NULL, lj, NULL, &we);
        free(lj);
    }
    /* The login is refused whether or not the record could be written. */
    if (!rc) db_commit(db, &we); else db_rollback(db);
    /* The failure that locks the account answers as any other: an unknown
     * name never locks, so saying so would tell which names exist. */
    return err_set(e, ST_EPERM, "%s", MSG_BAD_LOGIN);
}

int user_login(st_db *db, const char *username, const char *password,
               st_actor *out, st_err *e)
{
    char name[64], now[32];
    urec u;
    account_canon_name(username, name);
    db_now(now);
    int known = username && strlen(username) <= USERNAME_MAX && account_name_valid(name, 0) &&
                account_load(db, NULL, name, &u, NULL) == ST_OK;
    /* Events name the account tried, never what was typed as a password
     * (people type passwords into the name field). */
    st_actor as;
    memset(&as, 0, sizeof as);
    if (known) account_actor(&u, &as);
    else snprintf(as.username, sizeof as.username, "%s",
                  account_name_valid(name, 0) ? name : "(không hợp lệ)");
    /* One hash whatever the account (unknown ones against a throw-away
     * salt), before anything else is decided: the time and the answer do not
     * tell whether an account exists or is locked. */
    char *pw = NULL;
    int ok = password && strlen(password) <= PW_MAX_BYTES &&
             text_nfc(password, &pw, NULL) == ST_OK;
    ok = password_verify(db, ok ? pw : "", known ? u.hash : NULL) && ok && known;
    password_wipe(pw);
    int held = known && u.locked;
    int timed = known && !held && u.locked_until[0] && strcmp(now, u.locked_until) < 0;
    if (held || timed) {
        login_failed(db, &u, &as, held ? "Tài khoản bị quản trị viên khóa"
                                       : "Tài khoản đang bị khóa tạm thời", now, e);
        /* Only the one who knows the password learns that it is locked. */
        if (!ok) return err_set(e, ST_EPERM, "%s", MSG_BAD_LOGIN);
        if (held) return err_set(e, ST_EPERM, "Tài khoản đã bị khóa; hãy liên hệ quản trị viên");
        lock_message(e, u.locked_until);
        return ST_EPERM;
    }
    if (!ok) return login_failed(db, known ? &u : NULL, &as, NULL, now, e);
    /* The login's record (its event, the failed count set back to 0) is
     * best-effort: it waits briefly for another writer, then the login goes
     * on without it — a reader never needs the write lock to log in.  Its
     * commit does not wait for the disk either: 200 clerks logging in at
     * once held the lock for each one's sync, and the others' logins waited
     * out their 200 ms (make bench, load run: the slowest keys). */
    char *js = account_json_user(u.username, NULL, NULL);
    long keep = db_set_busy_ms(db, LOGIN_WRITE_WAIT_MS);
    if (keep < LOGIN_WRITE_WAIT_MS) db_set_busy_ms(db, keep);
    db_set_relaxed(db, 1);
    int rc = account_write(db, &as, &u, "UPDATE users SET failed_logins = 0, locked_until = NULL "
                        "WHERE id = ?1", NULL, NULL, "login", u.username, js, e);
    db_set_relaxed(db, 0);
    db_set_busy_ms(db, keep);
    free(js);
    if (rc == ST_EBUSY) { rc = ST_OK; err_clear(e); }
    if (!rc && out) *out = as;
    return rc;
}

int user_by_os_login(st_db *db, const char *os_login, st_actor *out, st_err *e)
{
    urec u;
    if (!os_login || !account_name_valid(os_login, 1))
        return err_set(e, ST_ENOTFOUND, "Tài khoản hệ điều hành không hợp lệ");
    int rc = account_load(db, "os", os_login, &u, e);
    if (rc) return rc;
    if (u.locked) return err_set(e, ST_EPERM, "Tài khoản đã bị khóa; hãy liên hệ quản trị viên");
    account_actor(&u, out);
    return ST_OK;
}

int user_actor(st_db *db, const char *username, st_actor *out, st_err *e)
{
    urec u;
    char name[64];
    account_canon_name(username, name);
    int rc = account_load(db, NULL, name, &u, e);
    if (!rc) account_actor(&u, out);
    return rc;
}
