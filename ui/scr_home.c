/* Home: what waits for this user (from the workflow table), overdue
 * clocks in working days, counts by state, recent activity and the other
 * screens.  Enter on a line opens that list or proposal. */
#include "ui_int.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flow/home.h"
#include "reports.h"
#include "flow/stats.h"
#include "flow/workflow.h"
#include "sync/exchange.h"

enum { IT_HEAD, IT_TEXT, IT_STATE, IT_QUEUE, IT_ALL, IT_CODE, IT_SCREEN };

typedef struct item {
    int kind, arg;
    char code[32];
    char *text;
} item;

typedef struct home {
    item *it;
    int n, cap, sel, top;
    char err[600];
} home;

static void add(home *h, int kind, int arg, const char *code, const char *text)
{
    if (h->n == h->cap) {
        int cap = h->cap ? h->cap * 2 : 64;
        item *it = realloc(h->it, (size_t)cap * sizeof *it);
        if (!it) return;
        h->it = it;
        h->cap = cap;
    }
    item *x = &h->it[h->n++];
    x->kind = kind;
    x->arg = arg;
    snprintf(x->code, sizeof x->code, "%s", code ? code : "");
    x->text = strdup(text ? text : "");
}

static void items_clear(home *h)
{
    for (int i = 0; i < h->n; i++) free(h->it[i].text);
    h->n = 0;
}

static int on_overdue(const home_overdue_row *r, void *ud)
{
    char line[600], d[11];
    snprintf(line, sizeof line, _("  %-13s trễ %2d ngày làm việc (hạn %s)  %s"), r->code, r->days_late,
             ui_date(r->due_date, d), r->title);
    add(ud, IT_CODE, 0, r->code, line);
    return 0;
}

static int on_event(const home_event_row *r, void *ud)
{
    char line[700], t[32];
    const wf_action *a = wf_action_find(r->action);
    snprintf(line, sizeof line, "  %s  %-13s %s: %s", ui_time(r->at, t, sizeof t), r->code,
             r->username, a ? i18n_action(wf_action_label(a)) : r->action);
    add(ud, IT_CODE, 0, r->code, line);
    return 0;
}

/* home_queue_actions' list ("A, B, C", workflow labels in table order)
 * in the screen language: walked label by label, since a label may hold
 * a comma itself. */
static void actions_shown(const char *acts, char *out, size_t n)
{
    const char *p = acts;
    out[0] = '\0';
    for (int i = 0; i < wf_action_count() && *p; i++) {
        const char *l = wf_action_label(wf_action_at(i));
        size_t len = strlen(l);
        if (strncmp(p, l, len) != 0 || (p[len] && strncmp(p + len, ", ", 2) != 0)) continue;
        snprintf(out + strlen(out), n - strlen(out), "%s%s", out[0] ? ", " : "", i18n_action(l));
        p += len;
        if (*p) p += 2;
    }
    if (*p) snprintf(out, n, "%s", acts);   /* not as expected: the core's words */
}

/* The width of the state column: the longest label in the screen
 * language, so that none is cut (at most 30 columns at 80). */
static int state_width(void)
{
    int w = 20;
    for (int s = 0; s < S_COUNT; s++) {
        int sw = ui_width(_(wf_state_label(s)));
        if (sw > w) w = sw;
    }
    return w > 30 ? 30 : w;
}

static void load(home *h)
{
    items_clear(h);
    h->err[0] = '\0';
    st_err e;
    err_clear(&e);
    long counts[S_COUNT];
    int rc;
    UI_DB(rc, stats_by_state(U.db, &U.who, counts, &e));
    if (rc) { snprintf(h->err, sizeof h->err, "%s", e.msg); memset(counts, 0, sizeof counts); }
    char line[700], acts[400];

    /* Only on a database that takes part in an exchange. */
    sync_summary sync;
    UI_DB(rc, sync_summary_get(U.db, &sync, &e));
    if (rc) sync.member = 0;
    menu_sync_member(sync.member);
    if (sync.member) {
        char ago[64];
        int warn = config_int(U.cfg, "sync.warn_days");
        if (sync.days_in < 0) snprintf(ago, sizeof ago, "chưa nhận tệp nào");
        else if (sync.days_in == 0) snprintf(ago, sizeof ago, "nhận lần cuối hôm nay");
        else snprintf(ago, sizeof ago, "nhận lần cuối %d ngày trước", sync.days_in);
        snprintf(line, sizeof line, "%sTrao đổi %s: %s; %lld thay đổi chờ gửi%s",
                 sync.days_in >= warn ? "Cảnh báo: " : "",
                 sync.is_hub ? "với văn phòng" : "với tỉnh", ago, (long long)sync.waiting,
                 sync.conflicts ? "" : ".");
        if (sync.conflicts)
            snprintf(line + strlen(line), sizeof line - strlen(line), "; %lld xung đột.",
                     (long long)sync.conflicts);
        if (sync.days_in >= warn)
            snprintf(line + strlen(line), sizeof line - strlen(line),
                     " Hãy trao đổi (quá %d ngày).", warn);
        add(h, IT_SCREEN, menu_sync_screen(), NULL, line);
    }

    unsigned q = home_queue_states(U.who.roles);
    long waiting = 0;
    for (int s = 0; s < S_COUNT; s++) if (q & (1u << s)) waiting += counts[s];
    snprintf(line, sizeof line, _("Chờ tôi xử lý (%ld)"), waiting);
    add(h, IT_HEAD, 0, NULL, line);
    if (waiting) {   /* else the heading's own text would be repeated */
        snprintf(line, sizeof line, "  %s", _("Tất cả việc đang chờ tôi"));
        add(h, IT_QUEUE, 0, NULL, line);
    }
    for (int s = 0; s < S_COUNT; s++) {
        if (!(q & (1u << s)) || !counts[s]) continue;
        home_queue_actions(U.who.roles, s, acts, sizeof acts);
        char num[32], shown[600];
        actions_shown(acts, shown, sizeof shown);
        snprintf(line, sizeof line, "  ");
        ui_padcat(line, sizeof line, _(wf_state_label(s)), state_width() + 2);
        snprintf(num, sizeof num, " %5ld  → ", counts[s]);
        ui_padcat(line, sizeof line, num, 0);
        ui_padcat(line, sizeof line, shown, 0);
        add(h, IT_STATE, s, NULL, line);
    }
    if (!waiting) { snprintf(line, sizeof line, "  %s", _("Không có việc nào đang chờ.")); add(h, IT_TEXT, 0, NULL, line); }

    int total = 0;
    size_t mark = (size_t)h->n;
    add(h, IT_HEAD, 0, NULL, _("Quá hạn"));
    UI_DB(rc, home_overdue(U.db, &U.who, 8, on_overdue, h, &total, &e));
    if (rc && !h->err[0]) snprintf(h->err, sizeof h->err, "%s", e.msg);
    free(h->it[mark].text);
    snprintf(line, sizeof line, _("Quá hạn (%d; tính theo ngày làm việc)"), total);
    h->it[mark].text = strdup(line);
    if (total > 8) { snprintf(line, sizeof line, "  %s", _("… xem tất cả, sắp theo hạn")); add(h, IT_ALL, 1, NULL, line); }
    if (!total) { snprintf(line, sizeof line, "  %s", _("Không có đề xuất nào quá hạn.")); add(h, IT_TEXT, 0, NULL, line); }

    long all = 0;
    for (int s = 0; s < S_COUNT; s++) all += counts[s];
    add(h, IT_HEAD, 0, NULL, _("Số đề xuất theo trạng thái (trong phạm vi của bạn)"));
    snprintf(line, sizeof line, "  ");
    ui_padcat(line, sizeof line, _("Tất cả"), state_width() + 8);
    snprintf(line + strlen(line), sizeof line - strlen(line), " %6ld", all);
    add(h, IT_ALL, 0, NULL, line);
    for (int s = 0; s < S_COUNT; s++) {
        snprintf(line, sizeof line, "  ");
        ui_padcat(line, sizeof line, _(wf_state_label(s)), state_width() + 8);
        snprintf(line + strlen(line), sizeof line - strlen(line), " %6ld", counts[s]);
        add(h, IT_STATE, s, NULL, line);
    }

    add(h, IT_HEAD, 0, NULL, _("Hoạt động gần đây"));
    UI_DB(rc, home_recent(U.db, &U.who, 8, on_event, h, &e));
    if (rc && !h->err[0]) snprintf(h->err, sizeof h->err, "%s", e.msg);

    add(h, IT_HEAD, 0, NULL, _("Màn hình khác"));
    for (int i = 0; i < menu_screen_count(); i++) {   /* the main menu's table */
        const char *label;
        int id = menu_screen_at(i, &label);
        snprintf(line, sizeof line, "  %s", _(label));
        add(h, IT_SCREEN, id, NULL, line);
    }
    if (h->sel >= h->n || h->it[h->sel].kind == IT_HEAD || h->it[h->sel].kind == IT_TEXT) {
        h->sel = 0;
        while (h->sel < h->n - 1 && (h->it[h->sel].kind == IT_HEAD || h->it[h->sel].kind == IT_TEXT))
            h->sel++;
    }
}

static void draw(home *h)
{
    erase();
    ui_title(_("Trang chính"));
    int rows = LINES - 3;
    if (h->sel < h->top) h->top = h->sel;
    if (h->sel >= h->top + rows) h->top = h->sel - rows + 1;
    /* Keep the heading of the first visible section in view when possible. */
    if (h->top > 0 && h->it[h->top - 1].kind == IT_HEAD && h->sel - h->top + 1 < rows) h->top--;
    for (int r = 0; r < rows && h->top + r < h->n; r++) {
        const item *x = &h->it[h->top + r];
        attr_t a = x->kind == IT_HEAD ? th(TH_HEAD) : h->top + r == h->sel ? th(TH_SEL) : A_NORMAL;
        ui_put(1 + r, 1, COLS - 2, x->text, a, x->kind != IT_HEAD);
    }
    if (!h->err[0] && ui_flash[0]) { ui_flash_show(); ui_flash_clear(); }
    else if (h->err[0]) ui_msg(h->err, 1);
    else {   /* where to start, for someone new */
        char hint[300], k1[16], k2[16], k3[16];
        keys_name_for(SC_HOME, K_NEW, k1, sizeof k1);
        keys_name_for(SC_HOME, K_MENU, k3, sizeof k3);
        keys_name_for(SC_HOME, K_HELP, k2, sizeof k2);
        if (k1[0])
            snprintf(hint, sizeof hint, _("↑↓ Enter mở · %s tạo đề xuất mới · %s trình đơn · %s trợ giúp"),
                     k1, k3, k2);
        else snprintf(hint, sizeof hint, _("↑↓ chọn dòng, Enter mở · %s trình đơn · %s trợ giúp"), k3, k2);
        ui_put(LINES - 2, 1, COLS - 2, hint, th(TH_DIM), 0);
    }
    keys_bar(SC_HOME);
    refresh();
}

static void move_sel(home *h, int dir, int steps)
{
    int s = h->sel;
    while (steps-- > 0) {
        int t = s + dir;
        while (t >= 0 && t < h->n && (h->it[t].kind == IT_HEAD || h->it[t].kind == IT_TEXT)) t += dir;
        if (t < 0 || t >= h->n) break;
        s = t;
    }
    h->sel = s;
}

static void open_item(home *h)
{
    const item *x = &h->it[h->sel];
    switch (x->kind) {
    case IT_STATE: screen_list(x->arg, 0, NULL); break;
    case IT_QUEUE: screen_list(-1, 1, NULL); break;
    case IT_ALL: screen_list(x->arg ? -2 : -1, 0, NULL); break;
    case IT_CODE: screen_detail(x->code); break;
    case IT_SCREEN: menu_open(x->arg); break;
    default: break;
    }
}

static char *workflow_text(void);

void screen_home(void)
{
    home h;
    memset(&h, 0, sizeof h);
    menu_roles_apply();
    load(&h);
    for (;;) {
        if (ui_stop) break;
        if (menu_goto_pending()) { load(&h); continue; }   /* chosen in the menu elsewhere */
        if (!ui_too_small()) draw(&h);
        ui_key k;
        ui_getkey(SC_HOME, &k);
        if (k.act == K_STOP) break;
        if (k.act == K_QUIT || k.act == K_CANCEL) {
            if (ui_confirm(_("Thoát chương trình?"))) break;
            continue;
        }
        switch (k.act) {
        case K_UP: move_sel(&h, -1, 1); break;
        case K_DOWN: move_sel(&h, 1, 1); break;
        case K_PGUP: move_sel(&h, -1, LINES - 4); break;
        case K_PGDN: move_sel(&h, 1, LINES - 4); break;
        case K_FIRST: h.sel = 0; move_sel(&h, 1, 0); h.top = 0; break;
        case K_LAST: move_sel(&h, 1, h.n); break;
        case K_OPEN: open_item(&h); load(&h); break;
        case K_NEW: screen_new_proposal(NULL, 0); load(&h); break;
        case K_LIST: screen_list(-1, 0, NULL); load(&h); break;
        case K_REPORTS: reports_screen(U.db, &U.who); load(&h); break;
        case K_REFRESH: load(&h); break;
        case K_HELP: {
            char *wf = workflow_text();
            keys_help(SC_HOME, N_("Trang chính\n"
                      "  Chờ tôi xử lý: các đề xuất ở trạng thái mà vai trò của bạn có thao tác.\n"
                      "  Quá hạn: hạn xem xét, báo cáo, đánh giá đã qua (ngày làm việc).\n"
                      "  Chọn một dòng bằng ↑↓ rồi Enter để mở danh sách hoặc đề xuất.\n"
                      "  Báo cáo (b): báo cáo sơ kết, tổng kết theo quý, năm… có biểu đồ.\n"
                      "  Trình đơn chính (F9 hoặc m, ở mọi màn hình không có ô gõ chữ): mọi màn hình\n"
                      "  bạn được dùng — sổ theo dõi, khen thưởng, người, đơn vị… — với phím tắt.\n"
                      "  Đi một đề xuất từ dự thảo đến nhân rộng: Tạo mới (n), điền, Lưu (^S);\n"
                      "  mở đề xuất, Thao tác (a) và chọn bước tiếp theo."), wf);
            free(wf);
            break;
        }
        default: break;
        }
    }
    items_clear(&h);
    free(h.it);
}

/* The workflow table as help text: every step, who takes it, from where. */
static char *workflow_text(void)
{
    size_t cap = 16384, len = 0;
    char *s = malloc(cap);
    if (!s) return NULL;
    len += (size_t)snprintf(s + len, cap - len, "Quy trình (bước — vai trò — từ trạng thái)\n");
    for (int i = 0; i < wf_action_count() && len < cap - 400; i++) {
        const wf_action *a = wf_action_at(i);
        char roles[128] = "";
        for (unsigned bit = 1; bit <= ROLE_MONITOR; bit <<= 1)
            if (wf_action_roles(a) & bit)
                snprintf(roles + strlen(roles), sizeof roles - strlen(roles), "%s%s",
                         roles[0] ? ", " : "", _(role_label(bit)));
        len += (size_t)snprintf(s + len, cap - len, "  %s — %s\n      %s", i18n_action(wf_action_label(a)),
                                roles, _(wf_action_help(a)));
        int first = 1;
        for (int st = 0; st < S_COUNT && len < cap - 200; st++)
            if (wf_action_from(a, st)) {
                len += (size_t)snprintf(s + len, cap - len, "%s%s", first ? " Từ: " : ", ",
                                        _(wf_state_label(st)));
                first = 0;
            }
        if (wf_action_to(a) != S_NONE && len < cap - 100)
            len += (size_t)snprintf(s + len, cap - len, " → %s", _(wf_state_label(wf_action_to(a))));
        len += (size_t)snprintf(s + len, cap - len, "\n");
    }
    return s;
}
