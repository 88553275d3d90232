/* Accounts: yescrypt passwords, lockout, roles and scope.  A password is
 * never stored, logged or put in a message; only its hash is kept. */
#include "users.h"

#include <crypt.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/db_internal.h"
#include "events.h"
#include "scope.h"
#include "base/sbuf.h"
#include "text/text.h"
#include "units.h"

#define USERNAME_MAX 32
#define PW_MAX_BYTES 1024   /* hashing is slow on purpose; bound the input */
#define FULLNAME_MAX 127    /* bytes: st_actor.full_name */

static const char MSG_BAD_LOGIN[] = "Sai tên đăng nhập hoặc mật khẩu";

/* ---- passwords --------------------------------------------------------- */

static void wipe_free(char *s)
{
    if (!s) return;
    explicit_bzero(s, strlen(s));
    free(s);
}

/* Hash pw with setting (a fresh salt, or a stored hash to verify). */
static int pw_crypt(const char *pw, const char *setting, char out[CRYPT_OUTPUT_SIZE])
{
    struct crypt_data *cd = calloc(1, sizeof *cd);  /* ~32 KiB: not on the stack */
    if (!cd) return ST_ENOMEM;
    const char *h = crypt_r(pw, setting, cd);
    int ok = h && h[0] != '*' && strlen(h) < CRYPT_OUTPUT_SIZE;
    if (ok) memcpy(out, h, strlen(h) + 1);
    explicit_bzero(cd, sizeof *cd);
    free(cd);
    return ok ? ST_OK : ST_EINVAL;
}

/* yescrypt cost 2 needs about 2 MiB per hash; the default (5) needs 16 MiB
 * and cost 3 needs 4 MiB, which on top of the ~7 MB that the shared
 * libraries and screens already hold took a session past DESIGN.md's 10 MB
 * at the moment of login (make bench: 11.2 MB).  The lockout already limits
 * guessing on line.  A stored hash keeps its own cost: this applies to
 * passwords set from now on. */
#define PW_COST 2

static int pw_hash(const char *pw, char out[CRYPT_OUTPUT_SIZE], st_err *e)
{
    const char *salt = crypt_gensalt("$y$", PW_COST, NULL, 0);
    if (!salt || pw_crypt(pw, salt, out) != ST_OK)
        return err_set(e, ST_EIO, "Không tạo được mã băm mật khẩu (libxcrypt)");
    return ST_OK;
}

/* Compare without an early exit, so the time does not tell how much matched. */
static int ct_equal(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), n = la < lb ? la : lb;
    unsigned char d = la != lb;
    for (size_t i = 0; i < n; i++) d |= (unsigned char)(a[i] ^ b[i]);
    return d == 0;
}

/* Unknown users are checked against a throw-away salt so that the answer
 * takes as long as for a real account. */
static int pw_verify(const char *pw, const char *stored)
{
    static char dummy[CRYPT_GENSALT_OUTPUT_SIZE];
    if (!stored || !*stored) {
        if (!dummy[0]) {
            const char *s = crypt_gensalt("$y$", PW_COST, NULL, 0);
            if (s) snprintf(dummy, sizeof dummy, "%s", s);
        }
        stored = dummy;
    }
    char out[CRYPT_OUTPUT_SIZE];
    int ok = pw_crypt(pw ? pw : "", stored, out) == ST_OK && ct_equal(out, stored) &&
             stored != dummy;
    explicit_bzero(out, sizeof out);
    return ok;
}

/* NFC (so every keyboard types the same password) and length rules. */
static int pw_prepare(st_db *db, const char *pw, const char *field, char **out, st_err *e)
{
    *out = NULL;
    if (!pw || strlen(pw) > PW_MAX_BYTES)
        return err_field(e, ST_EINVAL, field, "Mật khẩu quá dài (tối đa %d byte)", PW_MAX_BYTES);
    st_err te;
    err_clear(&te);
    if (text_nfc(pw, out, &te) != ST_OK)
        return err_field(e, te.code, field, "Mật khẩu không phải văn bản UTF-8 hợp lệ");
    long min = config_int(db_config(db), "security.min_password_length"), chars = 0;
    for (const char *p = *out; *p; p++)
        if (((unsigned char)*p & 0xC0) != 0x80) chars++;
    if (chars < min) {
        wipe_free(*out);
        *out = NULL;
        return err_field(e, ST_EINVAL, field, "Mật khẩu phải có ít nhất %ld ký tự", min);
    }
    return ST_OK;
}

/* ---- names, times ------------------------------------------------------- */

static void canon_username(const char *in, char out[64])
{
    size_t i = 0;
    for (; in && in[i] && i < 63; i++) out[i] = (char)tolower((unsigned char)in[i]);
    out[i] = '\0';
}

static int login_name_valid(const char *s, int allow_upper)
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

/* ---- loading accounts ---------------------------------------------------- */

typedef struct urec {
    int64_t id, scope_unit;
    char username[64], full_name[128], scope_path[256], scope_code[64];
    char hash[CRYPT_OUTPUT_SIZE], locked_until[32], os_login[64];
    unsigned roles;
    int must_change, failed, locked;
} urec;

#define UREC_SELECT "SELECT u.id, u.username, u.full_name, u.roles, u.scope_unit_id, s.path, " \
    "s.code, u.password_hash, u.must_change_pw, u.failed_logins, " \
    "coalesce(u.locked_until, ''), u.locked, coalesce(u.os_login, '') FROM users u JOIN units s ON s.id = u.scope_unit_id " \
    "WHERE u.deleted = 0 AND "

static int urec_load(st_db *db, const char *by_os, const char *key, urec *u, st_err *e)
{
    sqlite3_stmt *st;
    memset(u, 0, sizeof *u);
    int rc = db_prepare(db, by_os ? UREC_SELECT "u.os_login = ?1" : UREC_SELECT "u.username = ?1",
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
    sqlite3_finalize(st);
    return rc;
}

static void actor_fill(const urec *u, st_actor *a)
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

/* Admin role over unit (NULL who is the system during init). */
static int may_admin(st_db *db, const st_actor *who, int64_t unit, st_err *e)
{
    if (!who) return ST_OK;
    if (!(who->roles & ROLE_ADMIN))
        return err_set(e, ST_EPERM, "Chỉ quản trị viên được quản lý người dùng");
    if (!unit_in_scope(db, who, unit))
        return err_set(e, ST_EPERM, "Đơn vị nằm ngoài phạm vi quản lý của bạn");
    return ST_OK;
}

/* The account an admin acts on; outside the admin's scope it does not exist. */
static int target_user(st_db *db, const st_actor *who, const char *username, urec *u, st_err *e)
{
    char name[64];
    canon_username(username, name);
    memset(u, 0, sizeof *u);
    if (who && !(who->roles & ROLE_ADMIN))
        return err_set(e, ST_EPERM, "Chỉ quản trị viên được quản lý người dùng");
    int rc = urec_load(db, NULL, name, u, e);
    if (rc) return rc;
    if (who && !unit_in_scope(db, who, u->scope_unit))
        return err_field(e, ST_ENOTFOUND, "username", "Không có người dùng '%.40s'", name);
    return may_admin(db, who, u->scope_unit, e);
}

/* One account change and its event, in one transaction.  sql binds ?1 = id,
 * ?2 = now, then up to two texts. */
static int user_write(st_db *db, const st_actor *who, const urec *u, const char *sql,
                      const char *t3, const char *t4, const char *action,
                      const char *comment, const char *json, st_err *e)
{
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
static char *json_obj(const char *const *kv)
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

static char *json_user(const char *username, const char *k2, const char *v2)
{
    return json_obj((const char *const[]){"username", username, k2, v2, NULL});
}

/* ---- administration ------------------------------------------------------ */

int user_add(st_db *db, const st_actor *who, const char *username,
             const char *full_name, unsigned roles, const char *scope_unit_code,
             const char *password, st_err *e)
{
    char name[64], hash[CRYPT_OUTPUT_SIZE];
    canon_username(username, name);
    if (who && !(who->roles & ROLE_ADMIN))
        return err_set(e, ST_EPERM, "Chỉ quản trị viên được thêm người dùng");
    if (!username || strlen(username) > USERNAME_MAX || !login_name_valid(name, 0))
        return err_field(e, ST_EINVAL, "username", "Tên đăng nhập phải có 1–%d ký tự, chỉ gồm "
                         "a-z, 0-9, '.', '_', '-'", USERNAME_MAX);
    if (!roles || (roles & ~ROLE_ALL))
        return err_field(e, ST_EINVAL, "roles", "Người dùng phải có ít nhất một vai trò hợp lệ");
    char *fn = NULL;
    int64_t unit = 0;
    int rc = text_nfc(full_name ? full_name : "", &fn, e);
    if (!rc && !*text_trim(fn)) rc = err_field(e, ST_EINVAL, "full_name", "Thiếu họ và tên");
    if (!rc && strlen(fn) > FULLNAME_MAX)
        rc = err_field(e, ST_EINVAL, "full_name", "Họ và tên quá dài");
    if (!rc) rc = unit_find(db, scope_unit_code, &unit, e);
    if (!rc) rc = may_admin(db, who, unit, e);
    char *pw = NULL;
    if (!rc) rc = pw_prepare(db, password, "password", &pw, e);
    if (!rc) rc = pw_hash(pw, hash, e);   /* slow: before the write lock */
    wipe_free(pw);
    if (!rc && !(rc = db_begin(db, e))) {
        sqlite3_stmt *st;
        char now[32];
        db_now(now);
        if (!(rc = db_prepare(db, "INSERT INTO users(id, username, full_name, roles, "
                              "scope_unit_id, password_hash, must_change_pw, created_at, "
                              "updated_at) SELECT ?1,?2,?3,?4,?5,?6,1,?7,?7 WHERE NOT EXISTS "
                              "(SELECT 1 FROM users WHERE username = ?2)", &st, e))) {
            sqlite3_bind_int64(st, 1, db_new_id(db, "users"));
            sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 3, fn, -1, SQLITE_STATIC);
            sqlite3_bind_int(st, 4, (int)roles);
            sqlite3_bind_int64(st, 5, unit);
            sqlite3_bind_text(st, 6, hash, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 7, now, -1, SQLITE_STATIC);
            if (sqlite3_step(st) != SQLITE_DONE) rc = db_fail(db, e, "thêm người dùng");
            else if (sqlite3_changes(db_h(db)) == 0)
                rc = err_field(e, ST_EINVAL, "username", "Tên đăng nhập '%s' đã có", name);
            sqlite3_finalize(st);
        }
        char rl[96];
        roles_format(roles, rl, sizeof rl);
        char *js = json_obj((const char *const[]){"username", name, "roles", rl, "scope",
                                                   scope_unit_code, "full_name", fn, NULL});
        if (!rc) rc = event_write(db, who, 0, "user_add", NULL, NULL, fn, NULL, NULL, js, NULL, e);
        free(js);
        if (!rc) rc = db_commit(db, e); else db_rollback(db);
    }
    explicit_bzero(hash, sizeof hash);
    free(fn);
    return rc;
}

int user_list(st_db *db, const st_actor *who, user_row_cb cb, void *ud, st_err *e)
{
    sqlite3_stmt *st;
    int rc = db_prepare(db, "SELECT u.id, u.username, u.full_name, s.code, s.name, u.roles, "
                        "u.locked OR coalesce(u.locked_until > ?3, 0), coalesce(u.locked_until, '') "
                        "FROM users u JOIN units s ON s.id = u.scope_unit_id WHERE u.deleted = 0 "
                        "AND (?1 IS NULL OR substr(s.path, 1, length(?1)) = ?1) "
                        "AND (?2 IS NULL OR u.id = ?2) ORDER BY u.username", &st, e);
    if (rc) return rc;
    char now[32];
    db_now(now);
    if (who) {
        /* An empty scope path would match every unit: bind something that matches none. */
        sqlite3_bind_text(st, 1, who->scope_path[0] ? who->scope_path : "-", -1, SQLITE_STATIC);
        if (!(who->roles & ROLE_ADMIN)) sqlite3_bind_int64(st, 2, who->id);  /* only themself */
    }
    sqlite3_bind_text(st, 3, now, -1, SQLITE_STATIC);
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        user_row r = {
            .id = sqlite3_column_int64(st, 0), .username = db_col_text(st, 1),
            .full_name = db_col_text(st, 2), .scope_code = db_col_text(st, 3),
            .scope_name = db_col_text(st, 4), .roles = (unsigned)sqlite3_column_int(st, 5),
            .locked = sqlite3_column_int(st, 6), .locked_until = db_col_text(st, 7),
        };
        if ((rc = cb(&r, ud)) != 0) break;
    }
    if (!rc && step != SQLITE_DONE) rc = db_fail(db, e, "đọc danh sách người dùng");
    sqlite3_finalize(st);
    return rc;
}

int user_lock(st_db *db, const st_actor *who, const char *username, st_err *e)
{
    urec u;
    int rc = target_user(db, who, username, &u, e);
    if (rc) return rc;
    if (who && who->id == u.id)
        return err_set(e, ST_EINVAL, "Không thể tự khóa tài khoản của mình");
    char *js = json_user(u.username, NULL, NULL);
    rc = user_write(db, who, &u, "UPDATE users SET locked = 1, updated_at = ?2, "
                    "version = version + 1 WHERE id = ?1", NULL, NULL, "user_lock",
                    u.username, js, e);
    free(js);
    return rc;
}

int user_unlock(st_db *db, const st_actor *who, const char *username, st_err *e)
{
    urec u;
    int rc = target_user(db, who, username, &u, e);
    if (rc) return rc;
    char *js = json_user(u.username, NULL, NULL);
    rc = user_write(db, who, &u, "UPDATE users SET locked = 0, failed_logins = 0, "
                    "locked_until = NULL, updated_at = ?2, version = version + 1 WHERE id = ?1",
                    NULL, NULL, "user_unlock", u.username, js, e);
    free(js);
    return rc;
}

int user_passwd(st_db *db, const st_actor *who, const char *username,
                const char *old_password, const char *new_password, st_err *e)
{
    urec u;
    char name[64], hash[CRYPT_OUTPUT_SIZE];
    canon_username(username, name);
    int rc, self = old_password != NULL;
    if (self) {
        if (!who || strcmp(who->username, name) != 0)
            return err_set(e, ST_EPERM, "Chỉ chính người dùng mới đổi được mật khẩu bằng "
                           "mật khẩu cũ; quản trị viên hãy đặt lại mật khẩu");
        if ((rc = urec_load(db, NULL, name, &u, e))) return rc;
    } else if ((rc = target_user(db, who, name, &u, e))) {
        return rc;
    }
    char *oldp = NULL, *newp = NULL;
    if (self) {
        /* NFC the old one too: it was hashed in NFC. */
        if (text_nfc(old_password, &oldp, NULL) != ST_OK || !pw_verify(oldp, u.hash))
            rc = err_field(e, ST_EINVAL, "old_password", "Mật khẩu cũ không đúng");
    }
    if (!rc) rc = pw_prepare(db, new_password, "new_password", &newp, e);
    if (!rc && self && oldp && newp && strcmp(oldp, newp) == 0)
        rc = err_field(e, ST_EINVAL, "new_password", "Mật khẩu mới phải khác mật khẩu cũ");
    if (!rc) rc = pw_hash(newp, hash, e);
    wipe_free(oldp);
    wipe_free(newp);
    if (rc) return rc;
    char *js = json_user(u.username, "by", self ? "self" : "admin");
    rc = user_write(db, who, &u, self
                    ? "UPDATE users SET password_hash = ?3, must_change_pw = 0, updated_at = ?2, "
                      "version = version + 1 WHERE id = ?1"
                    : "UPDATE users SET password_hash = ?3, must_change_pw = 1, updated_at = ?2, "
                      "version = version + 1 WHERE id = ?1",
                    hash, NULL, "user_passwd",
                    self ? "Người dùng tự đổi mật khẩu" : "Quản trị viên đặt lại mật khẩu", js, e);
    free(js);
    explicit_bzero(hash, sizeof hash);
    return rc;
}

/* Would this leave no usable administrator? */
static int last_admin(st_db *db, int64_t except)
{
    sqlite3_stmt *st;
    if (db_prepare(db, "SELECT count(*) FROM users WHERE deleted = 0 AND locked = 0 "
                   "AND (roles & 32) != 0 AND id != ?1", &st, NULL))
        return 0;
    sqlite3_bind_int64(st, 1, except);
    int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 1;
    sqlite3_finalize(st);
    return n == 0;
}

int user_set_roles(st_db *db, const st_actor *who, const char *username,
                   unsigned roles, const char *scope_unit_code, st_err *e)
{
    urec u;
    int64_t unit = 0;
    int rc = target_user(db, who, username, &u, e);
    if (rc) return rc;
    if (!roles || (roles & ~ROLE_ALL))
        return err_field(e, ST_EINVAL, "roles", "Người dùng phải có ít nhất một vai trò hợp lệ");
    if ((rc = unit_find(db, scope_unit_code, &unit, e)) || (rc = may_admin(db, who, unit, e)))
        return rc;
    if ((u.roles & ROLE_ADMIN) && !(roles & ROLE_ADMIN) && last_admin(db, u.id))
        return err_field(e, ST_EINVAL, "roles", "Không thể bỏ quyền quản trị của quản trị "
                         "viên cuối cùng");
    char oldr[96], newr[96], unit_id[24], role_num[16];
    snprintf(role_num, sizeof role_num, "%u", roles);
    roles_format(u.roles, oldr, sizeof oldr);
    roles_format(roles, newr, sizeof newr);
    snprintf(unit_id, sizeof unit_id, "%lld", (long long)unit);
    char *flat = json_obj((const char *const[]){"username", u.username, "old_roles", oldr,
        "new_roles", newr, "old_scope", u.scope_code, "new_scope", scope_unit_code, NULL});
    /* The audit's field-by-field view: {"changes":[{field, from, to}]}. */
    sbuf b;
    sbuf_init(&b);
    sbuf_addn(&b, flat, strlen(flat) - 1);
    sbuf_add(&b, ",\"changes\":[");
    int nch = 0;
    if (strcmp(oldr, newr) != 0) {
        sbuf_add(&b, "{\"field\":\"roles\",\"from\":");
        sbuf_json_str(&b, oldr);
        sbuf_add(&b, ",\"to\":");
        sbuf_json_str(&b, newr);
        sbuf_add(&b, "}");
        nch++;
    }
    if (strcmp(u.scope_code, scope_unit_code) != 0) {
        sbuf_add(&b, nch ? ",{\"field\":\"scope\",\"from\":" : "{\"field\":\"scope\",\"from\":");
        sbuf_json_str(&b, u.scope_code);
        sbuf_add(&b, ",\"to\":");
        sbuf_json_str(&b, scope_unit_code);
        sbuf_add(&b, "}");
    }
    sbuf_add(&b, "]}");
    free(flat);
    char *js = sbuf_take(&b);
    char cm[400];
    snprintf(cm, sizeof cm, "%s: vai trò %s → %s; phạm vi %s → %s", u.username, oldr, newr,
             u.scope_code, scope_unit_code);
    rc = user_write(db, who, &u, "UPDATE users SET roles = CAST(?3 AS INTEGER), "
                    "scope_unit_id = CAST(?4 AS INTEGER), updated_at = ?2, "
                    "version = version + 1 WHERE id = ?1", role_num, unit_id,
                    "role_change", cm, js, e);
    free(js);
    return rc;
}

int user_set_os_login(st_db *db, const st_actor *who, const char *username,
                      const char *os_login, st_err *e)
{
    urec u;
    int rc = target_user(db, who, username, &u, e);
    if (rc) return rc;
    int clear = !os_login || !*os_login;
    if (!clear && !login_name_valid(os_login, 1))
        return err_field(e, ST_EINVAL, "os_login", "Tên tài khoản hệ điều hành không hợp lệ "
                         "(1–%d ký tự a-z, A-Z, 0-9, '.', '_', '-')", USERNAME_MAX);
    if (!clear) {
        urec other;
        if (urec_load(db, "os", os_login, &other, NULL) == ST_OK && other.id != u.id)
            return err_field(e, ST_EINVAL, "os_login", "Tài khoản hệ điều hành '%s' đã gán "
                             "cho người dùng '%s'", os_login, other.username);
    }
    char *js = json_obj((const char *const[]){"username", u.username, "old_os_login",
                                               u.os_login, "os_login", clear ? "" : os_login, NULL});
    rc = user_write(db, who, &u, "UPDATE users SET os_login = ?3, updated_at = ?2, "
                    "version = version + 1 WHERE id = ?1", clear ? NULL : os_login, NULL,
                    "user_os_login", u.username, js, e);
    free(js);
    return rc;
}

/* ---- logging in ------------------------------------------------------------ */

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
        char *lj = json_user(as->username, "until", until);
        rc = event_write(db, as, 0, "lockout", NULL, NULL, until, NULL, NULL, lj, NULL, &we);
        free(lj);
    }
    /* The login is refused whether or not the record could be written. */
    if (!rc) db_commit(db, &we); else db_rollback(db);
    if (until[0]) {
        lock_message(e, until);
        return ST_EPERM;
    }
    return err_set(e, ST_EPERM, "%s", MSG_BAD_LOGIN);
}

int user_login(st_db *db, const char *username, const char *password,
               st_actor *out, st_err *e)
{
    char name[64], now[32];
    urec u;
    canon_username(username, name);
    db_now(now);
    int known = username && strlen(username) <= USERNAME_MAX && login_name_valid(name, 0) &&
                urec_load(db, NULL, name, &u, NULL) == ST_OK;
    /* Events name the account tried, never what was typed as a password
     * (people type passwords into the name field). */
    st_actor as;
    memset(&as, 0, sizeof as);
    if (known) actor_fill(&u, &as);
    else snprintf(as.username, sizeof as.username, "%s",
                  login_name_valid(name, 0) ? name : "(không hợp lệ)");
    if (known && u.locked) {
        login_failed(db, &u, &as, "Tài khoản bị quản trị viên khóa", now, e);
        return err_set(e, ST_EPERM, "Tài khoản đã bị khóa; hãy liên hệ quản trị viên");
    }
    if (known && u.locked_until[0] && strcmp(now, u.locked_until) < 0) {
        login_failed(db, &u, &as, "Tài khoản đang bị khóa tạm thời", now, e);
        lock_message(e, u.locked_until);
        return ST_EPERM;
    }
    char *pw = NULL;
    int ok = password && strlen(password) <= PW_MAX_BYTES &&
             text_nfc(password, &pw, NULL) == ST_OK;
    ok = pw_verify(ok ? pw : "", known ? u.hash : NULL) && ok && known;
    wipe_free(pw);
    if (!ok) return login_failed(db, known ? &u : NULL, &as, NULL, now, e);
    char *js = json_user(u.username, NULL, NULL);
    int rc = user_write(db, &as, &u, "UPDATE users SET failed_logins = 0, locked_until = NULL "
                        "WHERE id = ?1", NULL, NULL, "login", u.username, js, e);
    free(js);
    if (!rc && out) *out = as;
    return rc;
}

int user_by_os_login(st_db *db, const char *os_login, st_actor *out, st_err *e)
{
    urec u;
    if (!os_login || !login_name_valid(os_login, 1))
        return err_set(e, ST_ENOTFOUND, "Tài khoản hệ điều hành không hợp lệ");
    int rc = urec_load(db, "os", os_login, &u, e);
    if (rc) return rc;
    if (u.locked) return err_set(e, ST_EPERM, "Tài khoản đã bị khóa; hãy liên hệ quản trị viên");
    actor_fill(&u, out);
    return ST_OK;
}

int user_actor(st_db *db, const char *username, st_actor *out, st_err *e)
{
    urec u;
    char name[64];
    canon_username(username, name);
    int rc = urec_load(db, NULL, name, &u, e);
    if (!rc) actor_fill(&u, out);
    return rc;
}
