/* The session of one command: the settings (with --db), the database, and
 * the login -- by --user and a password, or by the operating system's
 * account mapped with "user os-login". */
#include "cli_internal.h"

#include <pwd.h>
#include <unistd.h>

#include "base/priv.h"
#include "flow/users.h"

int cli_config(cli_ctx *c)
{
    st_err e;
    err_clear(&e);
    if (c->cfg) return CLI_OK;
    if (config_load(c->g.config_path, &c->cfg, &e) != ST_OK) return cli_fail(&e);
    if (c->g.db_path && priv_refuse_override("--db", &e) != ST_OK) return cli_fail(&e);
    if (c->g.db_path && config_set(c->cfg, "database.path", c->g.db_path, &e) != ST_OK)
        return cli_fail(&e);
    return CLI_OK;
}

static int cli_login(cli_ctx *c)
{
    st_err e;
    err_clear(&e);
    if (c->g.user) {
        char prompt[160];
        snprintf(prompt, sizeof prompt, "Mật khẩu của %.100s: ", c->g.user);
        c->login_password = cli_password(prompt, 0, "SANGTAO_PASSWORD", 0);
        if (!c->login_password) return CLI_FAIL;
        if (user_login(c->db, c->g.user, c->login_password, &c->me, &e) != ST_OK)
            return cli_fail(&e);
        if (c->me.must_change_pw && !c->pw_change_ok)
            return cli_error("tài khoản '%s' phải đổi mật khẩu trước khi dùng: "
                             "sangtao --user %s user passwd %s", c->me.username,
                             c->me.username, c->me.username);
    } else {
        /* The OS already authenticated this login: no password asked. */
        struct passwd *pw = getpwuid(getuid());
        char who[64];
        if (pw) snprintf(who, sizeof who, "%s", pw->pw_name);
        else snprintf(who, sizeof who, "uid %lu", (unsigned long)getuid());
        int rc = pw ? user_by_os_login(c->db, pw->pw_name, &c->me, &e) : ST_ENOTFOUND;
        if (rc == ST_ENOTFOUND)
            return cli_error("chưa đăng nhập: dùng --user TÊN (hoặc $SANGTAO_USER), hoặc nhờ "
                             "quản trị viên gán tài khoản cho người dùng hệ thống '%s' "
                             "(sangtao user os-login)", who);
        if (rc != ST_OK) return cli_fail(&e);
        /* A new or reset account changes its password first, however it
         * logged in. */
        if (c->me.must_change_pw && !c->pw_change_ok)
            return cli_error("tài khoản '%s' phải đổi mật khẩu trước khi dùng: "
                             "sangtao user passwd", c->me.username);
    }
    c->logged_in = 1;
    return CLI_OK;
}

int cli_session(cli_ctx *c)
{
    st_err e;
    err_clear(&e);
    int rc = cli_config(c);
    if (rc) return rc;
    if (db_open(c->cfg, DB_OPEN_EXISTING, &c->db, &e) != ST_OK) return cli_fail(&e);
    return cli_login(c);
}

int cli_need_admin(const cli_ctx *c, const char *what)
{
    if (c->me.roles & ROLE_ADMIN) return CLI_OK;
    return cli_error("Chỉ quản trị viên được %s", what);
}
