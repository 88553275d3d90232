/* Login: user name and masked password; the core's message (wrong
 * password, locked until …) is shown as it is.  A new account sets its
 * own password before going on.  Logged in, U holds the user, its roles
 * and scope for the title line. */
#include "edit.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flow/password.h"
#include "flow/stats.h"
#include "flow/users.h"

/* Logged in as U.who: the title line's scope and roles. */
static void login_set_actor(void)
{
    st_err e;
    err_clear(&e);
    U.logged_in = 1;
    stats_scope_name(U.db, &U.who, U.scope_name, sizeof U.scope_name, &e);
    U.roles_label[0] = '\0';
    for (unsigned bit = 1; bit <= ROLE_ADMIN; bit <<= 1) {
        if (!(U.who.roles & bit)) continue;
        size_t len = strlen(U.roles_label);
        snprintf(U.roles_label + len, sizeof U.roles_label - len, "%s%s", len ? ", " : "",
                 _(role_label(bit)));
    }
}

/* A small form of n single-line fields; returns 1 on Enter in the last
 * field, 0 on cancel.  Labels drawn at (y0 + 2i, x). */
static int ask_fields(const char *screen, const char *heading, const char *const *labels,
                      lineedit **le, const int *mask, int n, int *cur, const char *err)
{
    for (;;) {
        if (!ui_too_small()) {
            erase();
            ui_title(screen);
            int y0 = 4, x = 6;
            ui_put(2, x, COLS - 2 * x, config_str(U.cfg, "site.name"), th(TH_HEAD), 0);
            ui_put(y0, x, COLS - 2 * x, _(heading), A_BOLD, 0);
            int cy = 0, cx = 0;
            for (int i = 0; i < n; i++) {
                ui_put(y0 + 2 + 2 * i, x, 20, _(labels[i]), th(TH_LABEL), 0);
                int c = ui_draw_line(le[i], y0 + 2 + 2 * i, x + 21, 30,
                                     th(i == *cur ? TH_FOCUS : TH_FIELD), mask[i]);
                if (i == *cur) { cy = y0 + 2 + 2 * i; cx = c; }
            }
            if (err && *err) ui_msg(err, 1);
            keys_bar(SC_LOGIN);
            move(cy, cx);
            curs_set(1);
            refresh();
        }
        ui_key k;
        ui_getkey(SC_LOGIN, &k);
        switch (k.act) {
        case K_STOP: case K_CANCEL: return 0;
        case K_HELP:
            keys_help(SC_LOGIN, "Đăng nhập\n  Gõ tên đăng nhập và mật khẩu do quản trị viên cấp.\n"
                      "  Đăng nhập sai nhiều lần liên tiếp thì tài khoản bị khóa một thời gian.",
                      NULL);
            break;
        case K_NEXT:
            if (*cur == n - 1) return 1;
            (*cur)++;
            break;
        case K_DOWN: if (*cur < n - 1) (*cur)++; break;
        case K_PREV: case K_UP: if (*cur > 0) (*cur)--; break;
        default:
            if (ui_edit_key(le[*cur], &k)) err = NULL;
        }
    }
}

static int change_password(const char *old)
{
    static const char *const labels[] = {"Mật khẩu mới:", "Nhập lại:"};
    static const int mask[] = {1, 1};
    lineedit *le[2] = {NULL, NULL};
    /* As long as the core and the CLI take (PW_MAX_BYTES). */
    le_new(&le[0], LE_SINGLE, PW_MAX_BYTES);
    le_new(&le[1], LE_SINGLE, PW_MAX_BYTES);
    int cur = 0, ok = 0;
    char err[600] = "";
    while (!ok && ask_fields("Đổi mật khẩu", "Tài khoản mới: hãy đặt mật khẩu của riêng bạn",
                             labels, le, mask, 2, &cur, err)) {
        char *a = le_get_utf8(le[0]), *b = le_get_utf8(le[1]);
        st_err e;
        err_clear(&e);
        if (!a || !b || strcmp(a, b) != 0) {
            snprintf(err, sizeof err, "Hai lần nhập không giống nhau");
        } else {
            int rc;
            UI_DB(rc, user_passwd(U.db, &U.who, U.who.username, old, a, &e));
            if (rc == ST_OK) ok = 1;
            else snprintf(err, sizeof err, "%s", e.msg);
        }
        if (a) memset(a, 0, strlen(a));
        free(a);
        free(b);
        le_set_utf8(le[0], "");
        le_set_utf8(le[1], "");
        cur = 0;
    }
    le_free(&le[0]);
    le_free(&le[1]);
    return ok;
}

int screen_login(const char *user)
{
    static const char *const labels[] = {"Tên đăng nhập:", "Mật khẩu:"};
    static const int mask[] = {0, 1};
    lineedit *le[2] = {NULL, NULL};
    le_new(&le[0], LE_SINGLE, 63);
    le_new(&le[1], LE_SINGLE, PW_MAX_BYTES);
    int cur = 0, ok = 0;
    if (user && *user) { le_set_utf8(le[0], user); cur = 1; }
    char err[600] = "";
    while (!ok && ask_fields("Đăng nhập", "Đăng nhập", labels, le, mask, 2, &cur, err)) {
        char *name = le_get_utf8(le[0]), *pass = le_get_utf8(le[1]);
        st_err e;
        err_clear(&e);
        int rc;
        ui_msg("Đang kiểm tra…", 0);
        refresh();
        UI_DB(rc, user_login(U.db, name ? name : "", pass ? pass : "", &U.who, &e));
        if (rc == ST_OK) {
            login_set_actor();
            ok = !U.who.must_change_pw || change_password(pass);
        } else {
            snprintf(err, sizeof err, "%s", e.msg);
            cur = *err && name && *name ? 1 : 0;
        }
        if (pass) memset(pass, 0, strlen(pass));
        free(name);
        free(pass);
        le_set_utf8(le[1], "");
        if (!ok && U.logged_in) { U.logged_in = 0; break; }
    }
    le_free(&le[0]);
    le_free(&le[1]);
    curs_set(0);
    return ok;
}
