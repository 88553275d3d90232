/* sangtao user …: add, list, lock, unlock, passwd, roles, os-login. */
#include "cli_internal.h"

#include <stdlib.h>
#include <string.h>

#include "flow/users.h"

static int us_add(cli_ctx *c, int argc, char **argv)
{
    const char *name = NULL, *roles = NULL, *scope = NULL, *os_login = NULL;
    const cli_optdef defs[] = {{"name", CLI_VALUE, &name}, {"roles", CLI_VALUE, &roles},
                               {"scope", CLI_VALUE, &scope}, {"os-login", CLI_VALUE, &os_login},
                               {NULL, 0, NULL}};
    cli_args a;
    int rc = cli_parse(c, argc, argv, defs,
        "Cách dùng: sangtao user add TÊN --name \"Họ tên\" --roles VAI_TRÒ,… --scope MÃ_ĐƠN_VỊ\n"
        "                           [--os-login TÊN_HỆ_THỐNG]\n"
        "Thêm tài khoản (quản trị viên).  Mật khẩu: $SANGTAO_NEW_PASSWORD, hoặc hỏi hai lần\n"
        "trên terminal, hoặc một dòng từ đầu vào chuẩn.  Người dùng phải đổi mật khẩu khi\n"
        "đăng nhập lần đầu.\n"
        "  --roles    clerk (chuyên viên), reviewer (thẩm định), head (lãnh đạo),\n"
        "             monitor (Ban Tổ chức), viewer (chỉ xem), admin (quản trị)\n"
        "  --scope    đơn vị mà người dùng được xem và làm việc (cả các đơn vị trực thuộc)\n"
        "  --os-login tài khoản hệ thống được dùng lệnh sangtao không cần --user\n", 1, 1, &a);
    if (rc != -1) return rc;
    if (!name || !roles || !scope) return cli_usage_error(c, "cần --name, --roles và --scope");
    st_err e;
    err_clear(&e);
    unsigned mask = 0;
    if (roles_parse(roles, &mask, &e) != ST_OK) return cli_fail(&e);
    if ((rc = cli_session(c))) return rc;
    /* The core decides; this only spares asking for a password in vain. */
    if ((rc = cli_need_admin(c, "thêm người dùng"))) return rc;
    char prompt[160];
    snprintf(prompt, sizeof prompt, "Mật khẩu cho %.100s: ", a.pos[0]);
    char *pw = cli_password(prompt, 1, "SANGTAO_NEW_PASSWORD", 1);
    if (!pw) return CLI_FAIL;
    rc = user_add(c->db, &c->me, a.pos[0], name, mask, scope, pw, &e);
    cli_password_free(&pw);
    if (rc != ST_OK) return cli_fail(&e);
    if (os_login && user_set_os_login(c->db, &c->me, a.pos[0], os_login, &e) != ST_OK)
        return cli_fail(&e);
    char buf[128];
    roles_format(mask, buf, sizeof buf);
    printf("Đã thêm tài khoản %s (%s; phạm vi %s)\n", a.pos[0], buf, scope);
    return CLI_OK;
}

static const cli_col user_cols[] = {
    {"username", "Tài khoản", 0, 0},
    {"full_name", "Họ tên", 30, 0},
    {"roles", "Vai trò", 0, 0},
    {"scope_code", "Phạm vi", 0, 0},
    {"scope_name", "Tên đơn vị", -1, 0},
    {"locked", "Khóa", 0, 1},
    {"locked_until", "Khóa đến", -1, 3},
};
#define NUSER (int)(sizeof user_cols / sizeof user_cols[0])

static int user_out(const user_row *r, void *ud)
{
    cli_out *o = ud;
    char roles[128];
    roles_format(r->roles, roles, sizeof roles);
    const char *locked = o->fmt == FMT_TABLE ? (r->locked ? "khóa" : "") : (r->locked ? "1" : "0");
    const char *v[NUSER] = {r->username, r->full_name, roles, r->scope_code, r->scope_name,
                            locked, r->locked_until ? r->locked_until : ""};
    out_row(o, v);
    return 0;
}

static int user_query(cli_ctx *c, const void *arg, cli_out *o, st_err *e)
{
    (void)arg;
    return user_list(c->db, &c->me, user_out, o, e);
}

static int us_list(cli_ctx *c, int argc, char **argv)
{
    static const cli_list l = {user_cols, NUSER, user_query, "tài khoản"};
    return cli_list_command(c, argc, argv,
                            "Cách dùng: sangtao user list [--format table|csv|json]\n"
                            "Tài khoản có phạm vi nằm trong phạm vi của bạn.\n", 0, &l);
}

static int lock_or_unlock(cli_ctx *c, int argc, char **argv, int lock)
{
    cli_args a;
    int rc = cli_parse(c, argc, argv, NULL,
                       lock ? "Cách dùng: sangtao user lock TÊN\nKhóa tài khoản (quản trị viên).\n"
                            : "Cách dùng: sangtao user unlock TÊN\n"
                              "Mở khóa tài khoản, kể cả khóa do nhập sai mật khẩu nhiều lần.\n",
                       1, 1, &a);
    if (rc != -1) return rc;
    if ((rc = cli_session(c))) return rc;
    st_err e;
    err_clear(&e);
    rc = lock ? user_lock(c->db, &c->me, a.pos[0], &e) : user_unlock(c->db, &c->me, a.pos[0], &e);
    if (rc != ST_OK) return cli_fail(&e);
    printf("Đã %s tài khoản %s\n", lock ? "khóa" : "mở khóa", a.pos[0]);
    return CLI_OK;
}

static int us_lock(cli_ctx *c, int argc, char **argv) { return lock_or_unlock(c, argc, argv, 1); }
static int us_unlock(cli_ctx *c, int argc, char **argv) { return lock_or_unlock(c, argc, argv, 0); }

static int us_passwd(cli_ctx *c, int argc, char **argv)
{
    cli_args a;
    int rc = cli_parse(c, argc, argv, NULL,
        "Cách dùng: sangtao user passwd [TÊN]\n"
        "Đổi mật khẩu của chính mình (mật khẩu cũ là mật khẩu đăng nhập), hoặc của người\n"
        "khác (quản trị viên; người đó phải đổi lại khi đăng nhập).  Mật khẩu mới:\n"
        "$SANGTAO_NEW_PASSWORD, hoặc hỏi hai lần trên terminal, hoặc một dòng từ đầu vào\n"
        "chuẩn.\n", 0, 1, &a);
    if (rc != -1) return rc;
    c->pw_change_ok = 1;   /* the one command allowed before a forced change */
    if ((rc = cli_session(c))) return rc;
    const char *target = a.npos ? a.pos[0] : c->me.username;
    int self = strcmp(target, c->me.username) == 0;
    char *old = NULL;
    if (self && c->login_password) {
        /* NULL here would mean "no old password": an admin's reset. */
        if (!(old = strdup(c->login_password))) return cli_error("hết bộ nhớ");
    } else if (self) {
        /* Logged in through the OS account: the old password is still asked. */
        old = cli_password("Mật khẩu hiện tại: ", 0, "SANGTAO_PASSWORD", 0);
        if (!old) return CLI_FAIL;
    } else if (c->me.must_change_pw) {
        return cli_error("tài khoản '%s' phải đổi mật khẩu của mình trước", c->me.username);
    } else if (!(c->me.roles & ROLE_ADMIN)) {
        /* Said before asking for a new password that could not be used. */
        return cli_error("Chỉ quản trị viên được đổi mật khẩu của người khác");
    }
    char prompt[160];
    snprintf(prompt, sizeof prompt, "Mật khẩu mới cho %.100s: ", target);
    char *pw = cli_password(prompt, 1, "SANGTAO_NEW_PASSWORD", 1);
    if (!pw) { cli_password_free(&old); return CLI_FAIL; }
    st_err e;
    err_clear(&e);
    rc = user_passwd(c->db, &c->me, target, old, pw, &e);
    cli_password_free(&pw);
    cli_password_free(&old);
    if (rc != ST_OK) return cli_fail(&e);
    printf("Đã đổi mật khẩu của %s\n", target);
    return CLI_OK;
}

typedef struct find_scope {
    const char *username;
    char code[64];
} find_scope;

static int scope_of(const user_row *r, void *ud)
{
    find_scope *f = ud;
    if (strcmp(r->username, f->username) != 0) return 0;
    snprintf(f->code, sizeof f->code, "%s", r->scope_code);
    return 1;
}

static int us_roles(cli_ctx *c, int argc, char **argv)
{
    const char *roles = NULL, *scope = NULL;
    const cli_optdef defs[] = {{"roles", CLI_VALUE, &roles}, {"scope", CLI_VALUE, &scope},
                               {NULL, 0, NULL}};
    cli_args a;
    int rc = cli_parse(c, argc, argv, defs,
        "Cách dùng: sangtao user roles TÊN --roles VAI_TRÒ,… [--scope MÃ_ĐƠN_VỊ]\n"
        "Đặt vai trò (và phạm vi) của tài khoản (quản trị viên).\n", 1, 1, &a);
    if (rc != -1) return rc;
    if (!roles) return cli_usage_error(c, "cần --roles");
    st_err e;
    err_clear(&e);
    unsigned mask = 0;
    if (roles_parse(roles, &mask, &e) != ST_OK) return cli_fail(&e);
    if ((rc = cli_session(c))) return rc;
    find_scope fs = {a.pos[0], ""};
    if (!scope) {
        /* Keep the scope the account has: read it through the same scoped list. */
        user_list(c->db, &c->me, scope_of, &fs, &e);
        if (!fs.code[0]) return cli_error("Không tìm thấy tài khoản %s", a.pos[0]);
        scope = fs.code;
    }
    if (user_set_roles(c->db, &c->me, a.pos[0], mask, scope, &e) != ST_OK) return cli_fail(&e);
    char buf[128];
    roles_format(mask, buf, sizeof buf);
    printf("Tài khoản %s: %s; phạm vi %s\n", a.pos[0], buf, scope);
    return CLI_OK;
}

static int us_os_login(cli_ctx *c, int argc, char **argv)
{
    cli_args a;
    int rc = cli_parse(c, argc, argv, NULL,
        "Cách dùng: sangtao user os-login TÊN TÊN_HỆ_THỐNG\n"
        "Gán tài khoản cho một người dùng hệ thống (quản trị viên): người đó chạy lệnh\n"
        "sangtao không cần --user và mật khẩu.\n", 2, 2, &a);
    if (rc != -1) return rc;
    if ((rc = cli_session(c))) return rc;
    st_err e;
    err_clear(&e);
    if (user_set_os_login(c->db, &c->me, a.pos[0], a.pos[1], &e) != ST_OK) return cli_fail(&e);
    printf("Tài khoản %s gán cho người dùng hệ thống %s\n", a.pos[0], a.pos[1]);
    return CLI_OK;
}

int cmd_user(cli_ctx *c, int argc, char **argv)
{
    static const cli_sub subs[] = {
        {"add", us_add, "thêm tài khoản"},
        {"list", us_list, "liệt kê tài khoản"},
        {"lock", us_lock, "khóa tài khoản"},
        {"unlock", us_unlock, "mở khóa tài khoản"},
        {"passwd", us_passwd, "đổi mật khẩu"},
        {"roles", us_roles, "đặt vai trò và phạm vi"},
        {"os-login", us_os_login, "gán tài khoản cho người dùng hệ thống"},
    };
    return cli_dispatch(c, "user", subs, (int)(sizeof subs / sizeof subs[0]), argc, argv);
}
