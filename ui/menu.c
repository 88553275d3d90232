/* The main menu (issue 12, item 18): F9 or m on every screen where
 * nothing is typed lists every screen this user's roles may use, with its
 * direct key; the screens home lists under "Màn hình khác" come from the
 * same table.  Chosen on home, a screen opens at once; chosen elsewhere,
 * it is set in ui_goto: the screens in between leave as with Esc
 * (ui_getkey) and home opens it, so Esc from it always leads home.
 * Here too: the keys of what the roles cannot do leave the key bars
 * (menu_roles_apply).  Above every screen it opens. */
#include "ui_int.h"
#include "i18n.h"
#include "listview.h"
#include "reports.h"

#include <stdio.h>
#include <string.h>

#include "flow/workflow.h"

enum {
    M_HOME = 1, M_QUEUE, M_LIST, M_NEW, M_REPORTS, M_MONITOR, M_COMMEND, M_DISSEM,
    M_PEOPLE, M_UNITS, M_USERS, M_SETTINGS, M_DRAFTS,
    M_SYNC,   /* the offline exchange's screen (scr_sync.c): a database in an exchange */
};
static int sync_member;   /* set by home, which reads the exchange's state */

/* Every screen: its label (a msgid), the key that opens it from home
 * (K_NONE: none), the roles that may use it (0: every role), and whether
 * home lists it among the other screens. */
static const struct {
    int id;
    const char *label;
    int act;
    unsigned roles;
    int on_home;
} screens[] = {
    {M_QUEUE, N_("Việc chờ tôi xử lý"), K_NONE, 0, 0},
    {M_LIST, N_("Danh sách đề xuất"), K_LIST, 0, 1},
    {M_NEW, N_("Tạo đề xuất mới"), K_NEW, ROLE_CLERK, 0},
    {M_REPORTS, N_("Báo cáo sơ kết, tổng kết và việc quá hạn (biểu đồ, in, xuất tệp)"), K_REPORTS, 0, 1},
    {M_MONITOR, N_("Sổ theo dõi, kiểm tra, giám sát"), K_NONE, 0, 1},
    {M_COMMEND, N_("Khen thưởng"), K_NONE, 0, 1},
    {M_DISSEM, N_("Học tập, quán triệt"), K_NONE, 0, 1},
    {M_PEOPLE, N_("Người (cán bộ đề xuất, người được khen)"), K_NONE, 0, 1},
    {M_UNITS, N_("Đơn vị"), K_NONE, 0, 1},
    {M_USERS, N_("Tài khoản (quản trị)"), K_NONE, ROLE_ADMIN, 1},
    {M_SETTINGS, N_("Cài đặt"), K_NONE, 0, 1},
    {M_SYNC, N_("Trao đổi ngoại tuyến (tệp, xung đột)"), K_NONE, 0, 1},
    {M_DRAFTS, N_("Bản nháp chưa lưu"), K_NONE, 0, 0},
    {M_HOME, N_("Trang chính"), K_NONE, 0, 0},   /* last: the numbers stay those of home */
};
#define NSCREENS (int)(sizeof screens / sizeof screens[0])

/* The roles of a screen: a workflow action's where the table says. */
static int may(int i)
{
    unsigned roles = screens[i].roles;
    if (screens[i].id == M_SYNC && !sync_member) return 0;
    if (screens[i].id == M_NEW) {
        const wf_action *a = wf_action_find("create");
        roles = a ? wf_action_roles(a) : 0;
        return (roles & U.who.roles) != 0;
    }
    return !roles || (roles & U.who.roles);
}

void menu_open(int id)
{
    switch (id) {
    case M_QUEUE: screen_list(-1, 1, NULL); break;
    case M_LIST: screen_list(-1, 0, NULL); break;
    case M_NEW: screen_new_proposal(NULL, 0); break;
    case M_REPORTS: reports_screen(U.db, &U.who); break;
    case M_MONITOR: screen_monitoring(); break;
    case M_COMMEND: screen_commendations(); break;
    case M_DISSEM: screen_dissemination(); break;
    case M_PEOPLE: screen_people(); break;
    case M_UNITS: screen_units(); break;
    case M_USERS: if (U.who.roles & ROLE_ADMIN) screen_users(); break;
    case M_SETTINGS: screen_settings(); break;
    case M_SYNC: screen_sync(); break;
    case M_DRAFTS:
        if (!drafts_offer()) snprintf(ui_flash, sizeof ui_flash, "%s", _("Không có bản nháp nào chưa lưu."));
        break;
    default: break;
    }
}

void menu_sync_member(int member) { sync_member = member; }
int menu_sync_screen(void) { return M_SYNC; }

int menu_goto_pending(void)
{
    int id = ui_goto;
    if (!id) return 0;
    ui_goto = 0;
    if (id != M_HOME) menu_open(id);
    return 1;
}

int menu_screen_count(void)
{
    int n = 0;
    for (int i = 0; i < NSCREENS; i++) n += screens[i].on_home && may(i);
    return n;
}

int menu_screen_at(int k, const char **label)
{
    for (int i = 0; i < NSCREENS; i++)
        if (screens[i].on_home && may(i) && k-- == 0) {
            *label = screens[i].label;
            return screens[i].id;
        }
    *label = "";
    return 0;
}

static void menu_run(unsigned sc);

void menu_roles_apply(void)
{
    ui_menu_hook = menu_run;
    const wf_action *cr = wf_action_find("create"), *ed = wf_action_find("edit");
    keys_deny(K_NEW, SC_HOME | SC_LIST | SC_MENU,
              cr && !(wf_action_roles(cr) & U.who.roles)
                  ? N_("Vai trò của bạn không tạo đề xuất (việc của chuyên viên).") : NULL);
    keys_deny(K_EDIT, SC_DETAIL,
              ed && !(wf_action_roles(ed) & U.who.roles)
                  ? N_("Vai trò của bạn không sửa nội dung đề xuất (việc của chuyên viên).") : NULL);
    unsigned any = 0;   /* the roles of every step after create and edit */
    for (int i = 0; i < wf_action_count(); i++) {
        const wf_action *a = wf_action_at(i);
        if (a != cr && a != ed) any |= wf_action_roles(a);
    }
    keys_deny(K_ACTIONS, SC_DETAIL | SC_LIST,
              !(any & U.who.roles) ? N_("Vai trò của bạn chỉ xem, không có thao tác quy trình.") : NULL);
}

/* ---- the menu ------------------------------------------------------------ */

typedef struct menu_lines {
    int idx[NSCREENS];
    int n;
    unsigned sc;   /* the screen it was opened from */
} menu_lines;

static const char *menu_line(void *ud, int i, char *buf, size_t n)
{
    const menu_lines *m = ud;
    char kn[16] = "", num[8] = "";
    int s = m->idx[i];
    if (screens[s].act) keys_name_for(SC_HOME, screens[s].act, kn, sizeof kn);
    if (i < 9) snprintf(num, sizeof num, "%d", i + 1);
    buf[0] = '\0';
    ui_padcat(buf, n, " ", 0);
    ui_padcat(buf, n, num, 3);
    ui_padcat(buf, n, kn, 7);
    ui_padcat(buf, n, _(screens[s].label), 0);   /* cut with "…" by listsel_draw */
    return buf;
}

/* The index in screens[] of the entry chosen, or -1 (closed). */
static int menu_choose(menu_lines *m)
{
    listsel s = {0, 0};
    for (;;) {
        if (ui_stop) return -1;
        int rows = LINES - 5;
        if (!ui_too_small()) {
            erase();
            ui_title(_("Trình đơn chính"));
            char head[200] = "    ";
            ui_padcat(head, sizeof head, _("Phím"), 7);
            ui_padcat(head, sizeof head, _("Màn hình"), 0);
            ui_put(1, 1, COLS - 2, head, th(TH_HEAD), 1);
            listsel_fit(&s, m->n, rows);
            listsel_draw(&s, 2, rows, m->n, menu_line, m);
            ui_msg(_("↑↓ chọn, Enter hoặc số: mở · Phím: mở thẳng từ trang chính · Esc: quay lại"), 0);
            keys_bar(SC_MENU);
            refresh();
        }
        ui_key k;
        ui_getkey(SC_MENU, &k);
        if (listsel_move(&s, k.act, m->n, rows)) continue;
        switch (k.act) {
        case K_STOP: case K_CANCEL: case K_QUIT: case K_MENU: return -1;
        case K_OPEN: return m->n ? m->idx[s.sel] : -1;
        case K_HELP:
            keys_help(SC_MENU, "Trình đơn chính\n"
                      "  Mọi màn hình vai trò của bạn được dùng.  Chọn bằng ↑↓ rồi Enter, hoặc gõ số\n"
                      "  đứng trước.  Cột bên phải là phím mở thẳng màn hình đó từ trang chính.\n"
                      "  Trình đơn mở bằng F9 (hoặc m) ở mọi màn hình không có ô gõ chữ; Esc từ màn\n"
                      "  hình đã chọn đưa về trang chính.", NULL);
            break;
        case K_NONE:
            if (!k.fn && k.ch >= '1' && k.ch <= '9' && (int)(k.ch - '1') < m->n) return m->idx[k.ch - '1'];
            break;
        default:   /* a screen's own key (list, reports, new) */
            for (int i = 0; i < m->n; i++)
                if (screens[m->idx[i]].act == k.act) return m->idx[i];
            break;
        }
    }
}

static void menu_run(unsigned sc)
{
    menu_lines m;
    memset(&m, 0, sizeof m);
    m.sc = sc;
    for (int i = 0; i < NSCREENS; i++) {
        if (!may(i) || (sc == SC_HOME && screens[i].id == M_HOME)) continue;
        m.idx[m.n++] = i;
    }
    int c = menu_choose(&m);
    if (c < 0 || ui_stop) return;
    if (sc == SC_HOME) menu_open(screens[c].id);
    else ui_goto = screens[c].id;
}
