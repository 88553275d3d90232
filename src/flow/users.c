/* Account administration: adding users, the list, lock and unlock, new
 * passwords, roles and scope, OS logins — each by an administrator inside
 * their scope, each an event.  Logging in is in login.c. */
#include "users.h"

#include <stdlib.h>
#include <string.h>

#include "accounts.h"
#include "store/db_internal.h"
#include "events.h"
#include "scope.h"
#include "base/sbuf.h"
#include "text/text.h"
#include "units.h"

#define FULLNAME_MAX 127    /* bytes: st_actor.full_name */

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
    account_canon_name(username, name);
    memset(u, 0, sizeof *u);
    if (who && !(who->roles & ROLE_ADMIN))
        return err_set(e, ST_EPERM, "Chỉ quản trị viên được quản lý người dùng");
    int rc = account_load(db, NULL, name, u, e);
    if (rc) return rc;
    if (who && !unit_in_scope(db, who, u->scope_unit))
        return err_field(e, ST_ENOTFOUND, "username", "Không có người dùng '%.40s'", name);
    return may_admin(db, who, u->scope_unit, e);
}

int user_add(st_db *db, const st_actor *who, const char *username,
             const char *full_name, unsigned roles, const char *scope_unit_code,
             const char *password, st_err *e)
{
    char name[64], hash[CRYPT_OUTPUT_SIZE];
    account_canon_name(username, name);
    if (who && !(who->roles & ROLE_ADMIN))
        return err_set(e, ST_EPERM, "Chỉ quản trị viên được thêm người dùng");
    if (!username || strlen(username) > USERNAME_MAX || !account_name_valid(name, 0))
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
    if (!rc) rc = password_prepare(db, password, "password", &pw, e);
    if (!rc) rc = password_hash(db, pw, hash, e);   /* slow: before the write lock */
    password_wipe(pw);
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
        char *js = account_json((const char *const[]){"username", name, "roles", rl, "scope",
                                                   scope_unit_code, "full_name", fn, NULL});
        if (!rc && !js) rc = err_set(e, ST_ENOMEM, "hết bộ nhớ");
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
    char *js = account_json_user(u.username, NULL, NULL);
    rc = account_write(db, who, &u, "UPDATE users SET locked = 1, updated_at = ?2, "
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
    char *js = account_json_user(u.username, NULL, NULL);
    rc = account_write(db, who, &u, "UPDATE users SET locked = 0, failed_logins = 0, "
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
    account_canon_name(username, name);
    int rc, self = old_password != NULL;
    if (self) {
        if (!who || strcmp(who->username, name) != 0)
            return err_set(e, ST_EPERM, "Chỉ chính người dùng mới đổi được mật khẩu bằng "
                           "mật khẩu cũ; quản trị viên hãy đặt lại mật khẩu");
        if ((rc = account_load(db, NULL, name, &u, e))) return rc;
    } else if ((rc = target_user(db, who, name, &u, e))) {
        return rc;
    }
    char *oldp = NULL, *newp = NULL;
    if (self) {
        /* NFC the old one too: it was hashed in NFC. */
        if (text_nfc(old_password, &oldp, NULL) != ST_OK || !password_verify(db, oldp, u.hash))
            rc = err_field(e, ST_EINVAL, "old_password", "Mật khẩu cũ không đúng");
    }
    if (!rc) rc = password_prepare(db, new_password, "new_password", &newp, e);
    if (!rc && self && oldp && newp && strcmp(oldp, newp) == 0)
        rc = err_field(e, ST_EINVAL, "new_password", "Mật khẩu mới phải khác mật khẩu cũ");
    if (!rc) rc = password_hash(db, newp, hash, e);
    password_wipe(oldp);
    password_wipe(newp);
    if (rc) return rc;
    char *js = account_json_user(u.username, "by", self ? "self" : "admin");
    rc = account_write(db, who, &u, self
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
    char *flat = account_json((const char *const[]){"username", u.username, "old_roles", oldr,
        "new_roles", newr, "old_scope", u.scope_code, "new_scope", scope_unit_code, NULL});
    if (!flat) return err_set(e, ST_ENOMEM, "hết bộ nhớ");
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
    rc = account_write(db, who, &u, "UPDATE users SET roles = CAST(?3 AS INTEGER), "
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
    if (!clear && !account_name_valid(os_login, 1))
        return err_field(e, ST_EINVAL, "os_login", "Tên tài khoản hệ điều hành không hợp lệ "
                         "(1–%d ký tự a-z, A-Z, 0-9, '.', '_', '-')", USERNAME_MAX);
    if (!clear) {
        urec other;
        if (account_load(db, "os", os_login, &other, NULL) == ST_OK && other.id != u.id)
            return err_field(e, ST_EINVAL, "os_login", "Tài khoản hệ điều hành '%s' đã gán "
                             "cho người dùng '%s'", os_login, other.username);
    }
    char *js = account_json((const char *const[]){"username", u.username, "old_os_login",
                                               u.os_login, "os_login", clear ? "" : os_login, NULL});
    rc = account_write(db, who, &u, "UPDATE users SET os_login = ?3, updated_at = ?2, "
                    "version = version + 1 WHERE id = ?1", clear ? NULL : os_login, NULL,
                    "user_os_login", u.username, js, e);
    free(js);
    return rc;
}
