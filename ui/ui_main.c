/* The screens, first cut: login and a home screen with the counts by state
 * for the user's scope.  The full set of screens comes with the screens
 * issue; this keeps `make run` useful meanwhile. */
#define _XOPEN_SOURCE 700
#define _XOPEN_SOURCE_EXTENDED 1
#include "ui.h"

#include <curses.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "config.h"
#include "db.h"
#include "stats.h"
#include "text.h"
#include "users.h"
#include "workflow.h"

static volatile sig_atomic_t ui_stop;

static void on_term(int sig)
{
    (void)sig;
    ui_stop = 1;
}

/* Draw UTF-8 text made safe (no control characters reach the terminal),
 * cut to the columns left on the line. */
static void put_text(int y, int x, const char *s)
{
    char *safe = text_sanitize(s, 0);
    if (!safe) return;
    size_t n = strlen(safe) + 1;
    wchar_t *w = malloc(n * sizeof *w);
    if (w && mbstowcs(w, safe, n) != (size_t)-1) {
        int room = COLS - x, used = 0, i = 0;
        while (w[i]) {
            int cw = wcwidth(w[i]);
            if (cw < 0) cw = 1;
            if (used + cw > room) break;
            used += cw;
            i++;
        }
        mvaddnwstr(y, x, w, i);
    }
    free(w);
    free(safe);
}

static void keybar(const char *text)
{
    move(LINES - 1, 0);
    clrtoeol();
    attron(A_REVERSE);
    put_text(LINES - 1, 0, text);
    attroff(A_REVERSE);
}

static int too_small(void)
{
    if (LINES >= 24 && COLS >= 80) return 0;
    erase();
    put_text(0, 0, "Cửa sổ quá nhỏ (cần 80×24).");
    put_text(1, 0, "Terminal too small. q: thoát");
    refresh();
    return 1;
}

/* Read one line into buf (UTF-8) with echo or masked; Esc/Ctrl-G cancels.
 * Returns 1 on Enter, 0 on cancel. */
static int read_line(int y, int x, char *buf, size_t n, int masked)
{
    wchar_t w[128];
    size_t len = mbstowcs(w, buf, 127);
    if (len == (size_t)-1) len = 0;
    w[len] = 0;
    for (;;) {
        move(y, x);
        clrtoeol();
        for (size_t i = 0; i < len; i++) {
            wchar_t c = masked ? L'*' : w[i];
            addnwstr(&c, 1);
        }
        refresh();
        wint_t ch;
        int r = get_wch(&ch);
        if (ui_stop) return 0;
        if (r == KEY_CODE_YES) {
            if (ch == KEY_BACKSPACE && len) w[--len] = 0;
            else if (ch == KEY_ENTER) break;
            continue;
        }
        if (r == ERR) continue;
        if (ch == 27 || ch == 7) return 0;
        if (ch == '\n' || ch == '\r') break;
        if ((ch == 127 || ch == 8) && len) { w[--len] = 0; continue; }
        if (ch >= 32 && len < 126) { w[len++] = (wchar_t)ch; w[len] = 0; }
    }
    if (wcstombs(buf, w, n) == (size_t)-1) buf[0] = 0;
    return 1;
}

static int login(st_db *db, const char *user, st_actor *who)
{
    char name[128] = "", pass[128] = "", msg[600] = "";
    if (user) snprintf(name, sizeof name, "%s", user);
    for (int tries = 0; tries < 5 && !ui_stop; tries++) {
        erase();
        attron(A_BOLD);
        put_text(1, 2, "SANGTAO — Đề xuất đổi mới, sáng tạo của cán bộ");
        attroff(A_BOLD);
        put_text(3, 2, "Đăng nhập");
        put_text(5, 2, "Tên đăng nhập:");
        put_text(6, 2, "Mật khẩu     :");
        if (msg[0]) put_text(8, 2, msg);
        keybar(" Enter Tiếp  Esc Thoát");
        if (!read_line(5, 17, name, sizeof name, 0)) return 0;
        pass[0] = 0;
        if (!read_line(6, 17, pass, sizeof pass, 1)) return 0;
        st_err e;
        err_clear(&e);
        int rc = user_login(db, name, pass, who, &e);
        memset(pass, 0, sizeof pass);
        if (rc == ST_OK) return 1;
        snprintf(msg, sizeof msg, "%s", e.msg);
    }
    return 0;
}

static void home(st_db *db, const st_actor *who)
{
    for (;;) {
        if (ui_stop) return;
        if (!too_small()) {
            long counts[S_COUNT];
            char scope[256] = "", roles[128], line[512];
            st_err e;
            err_clear(&e);
            stats_by_state(db, who, counts, &e);
            stats_scope_name(db, who, scope, sizeof scope, &e);
            roles_format(who->roles, roles, sizeof roles);
            erase();
            snprintf(line, sizeof line, " sangtao │ %s (%s) │ %s", who->full_name, roles, scope);
            attron(A_REVERSE);
            mvhline(0, 0, ' ', COLS);
            put_text(0, 0, line);
            attroff(A_REVERSE);
            attron(A_BOLD);
            put_text(2, 2, "Số đề xuất theo trạng thái (trong phạm vi của bạn)");
            attroff(A_BOLD);
            for (int s = 0; s < S_COUNT; s++) {
                snprintf(line, sizeof line, "%-28s %6ld", wf_state_label(s), counts[s]);
                put_text(4 + s % 15, 4, line);
            }
            put_text(LINES - 3, 2, "Các màn hình đầy đủ đang được xây dựng; hãy dùng lệnh "
                     "`sangtao proposal …`.");
            if (e.code) put_text(LINES - 2, 2, e.msg);
            keybar(" q Thoát  Ctrl-L Vẽ lại");
            refresh();
        }
        wint_t ch;
        int r = get_wch(&ch);
        if (r == ERR) continue;
        if (r == KEY_CODE_YES && ch == KEY_RESIZE) continue;
        if (r == OK && (ch == 'q' || ch == 'Q' || ch == 27 || ch == 7)) return;
        if (r == OK && ch == 12) clearok(curscr, TRUE);
    }
}

int ui_run(const char *config_path, const char *db_path, const char *user)
{
    config *cfg = NULL;
    st_db *db = NULL;
    st_err e;
    err_clear(&e);
    if (config_load(config_path, &cfg, &e) != ST_OK ||
        (db_path && config_set(cfg, "database.path", db_path, &e) != ST_OK) ||
        db_open(cfg, DB_OPEN_EXISTING, &db, &e) != ST_OK) {
        fprintf(stderr, "sangtao: %s\n", e.msg);
        config_free(&cfg);
        return 1;
    }
    if (!getenv("ESCDELAY")) set_escdelay((int)config_int(cfg, "ui.esc_delay_ms"));
    signal(SIGTERM, on_term);
    signal(SIGHUP, on_term);
    initscr();
    cbreak();
    noecho();
    keypad(stdscr, TRUE);
    st_actor who;
    memset(&who, 0, sizeof who);
    if (login(db, user, &who)) home(db, &who);
    endwin();
    db_close(&db);
    config_free(&cfg);
    return 0;
}
