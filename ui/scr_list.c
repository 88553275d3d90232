/* The proposal list: one page at a time from SQL (never the whole table),
 * columns fitted to the width (the title gets what is left: at least ~36
 * columns at 80, the unit column from 100), sort by any column, filters
 * (state, unit, field, creation period, the user's own queue) and a quick
 * search box that filters as you type and marks what matched. */
#include "form.h"
#include "edit.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flow/home.h"
#include "flow/lists.h"
#include "flow/proposal.h"
#include "flow/stats.h"
#include "base/workdays.h"
#include "flow/workflow.h"

typedef struct prow {
    char code[32], state[64], unit[64], due[11], title[512], lead[128], updated[20];
} prow;

typedef struct plist {
    int state;                 /* -1 all */
    int queue;
    char unit[64], unit_label[256], field[64], field_label[256];
    char from[11], to[11];     /* creation period, ISO; "" open */
    lineedit *search;
    int searching;
    int sort, desc;            /* index into cols */
    int offset, sel;           /* first row of the page, selected row in it */
    prow *rows;
    int nrows, more, cap;
    char msg[600];
    int msg_err;
} plist;

static const struct { const char *sort, *head; } cols[] = {
    {"code", "Mã"}, {"state", "Trạng thái"}, {"unit", "Đơn vị"}, {"due", "Hạn"},
    {"title", "Tên đề xuất"}, {"updated", "Cập nhật"},
};
#define NCOLS 6

static int page_rows(void) { return LINES - 5; }

static int on_row(const proposal_row *r, void *ud)
{
    plist *p = ud;
    if (p->nrows >= p->cap) { p->more = 1; return 1; }
    prow *x = &p->rows[p->nrows++];
    snprintf(x->code, sizeof x->code, "%s", r->code);
    int s = wf_state_parse(r->state_name);
    snprintf(x->state, sizeof x->state, "%s", s >= 0 ? _(wf_state_short(s)) : r->state_name);
    snprintf(x->unit, sizeof x->unit, "%s", r->unit_code);
    ui_date(r->due_date, x->due);
    snprintf(x->title, sizeof x->title, "%s", r->title);
    snprintf(x->lead, sizeof x->lead, "%s", r->lead_name);
    char t[32];
    snprintf(x->updated, sizeof x->updated, "%.10s", ui_time(r->updated_at, t, sizeof t));
    return 0;
}

static void fetch(plist *p)
{
    int rows = page_rows();
    if (rows < 1) rows = 1;
    free(p->rows);
    p->cap = rows;
    p->rows = calloc((size_t)rows, sizeof *p->rows);
    p->nrows = p->more = 0;
    if (!p->rows) return;
    char *q = le_get_utf8(p->search);
    st_err e;
    err_clear(&e);
    int rc;
    if (p->queue) {
        UI_DB(rc, home_queue_list(U.db, &U.who, home_queue_states(U.who.roles), q,
                                  cols[p->sort].sort, p->desc, rows + 1, p->offset, on_row, p, &e));
    } else {
        proposal_filter f = {
            .state = p->state >= 0 ? wf_state_name(p->state) : NULL,
            .unit = p->unit[0] ? p->unit : NULL, .field = p->field[0] ? p->field : NULL,
            .search = q && *q ? q : NULL, .sort = cols[p->sort].sort, .desc = p->desc,
            .from = p->from, .to = p->to,
            .limit = rows + 1, .offset = p->offset,
        };
        UI_DB(rc, proposal_list(U.db, &U.who, &f, on_row, p, &e));
    }
    free(q);
    if (rc) { snprintf(p->msg, sizeof p->msg, "%s", e.msg); p->msg_err = 1; }
    if (p->sel >= p->nrows) p->sel = p->nrows ? p->nrows - 1 : 0;
}

static void describe(const plist *p, char *buf, int n)
{
    int len = snprintf(buf, (size_t)n, "%s", p->queue ? _("Việc chờ tôi") :
                       p->state >= 0 ? _(wf_state_label(p->state)) : _("Tất cả trạng thái"));
    if (!p->queue && p->unit[0]) len += snprintf(buf + len, (size_t)(n - len), " · %s", p->unit_label);
    if (!p->queue && p->field[0]) len += snprintf(buf + len, (size_t)(n - len), " · %s", p->field_label);
    if (!p->queue && (p->from[0] || p->to[0])) {
        char a[11] = "…", b[11] = "…";
        if (p->from[0]) ui_date(p->from, a);
        if (p->to[0]) ui_date(p->to, b);
        len += snprintf(buf + len, (size_t)(n - len), " · %s %s–%s", _("tạo"), a, b);
    }
    snprintf(buf + len, (size_t)(n - len), _(" · %s %s · dòng %d–%d%s"), _(cols[p->sort].head),
             p->desc ? "↓" : "↑", p->nrows ? p->offset + 1 : 0, p->offset + p->nrows,
             p->more ? "…" : "");
}

/* Column widths for this terminal: the code as wide as the page's codes,
 * states by their short labels, the unit from 100 columns (narrower, it
 * is in the detail), the last change from 120; the title takes the rest. */
static void widths(const plist *p, int w[NCOLS])
{
    w[0] = 12;
    for (int r = 0; r < p->nrows; r++) {
        int cw = ui_width(p->rows[r].code);
        if (cw > w[0] && cw <= 24) w[0] = cw;
    }
    w[1] = 17; w[3] = 10;
    w[2] = COLS >= 100 ? 12 : 0;
    w[5] = COLS >= 120 ? 10 : 0;
    int used = 1;
    for (int c = 0; c < NCOLS; c++) if (c != 4 && w[c]) used += w[c] + 1;
    w[4] = COLS - used - 1;
}

static void draw(plist *p)
{
    erase();
    ui_title(_("Danh sách đề xuất"));
    char line[800];
    describe(p, line, sizeof line);
    ui_put(1, 1, COLS - 2, line, A_BOLD, 0);
    int w[NCOLS], order[NCOLS] = {0, 1, 2, 3, 5, 4};
    widths(p, w);
    char *typed = le_get_utf8(p->search);   /* what matched is marked */
    attr_t hl = A_BOLD | A_UNDERLINE;
    int x = 1;
    for (int k = 0; k < NCOLS; k++) {
        int c = order[k];
        if (!w[c]) continue;
        snprintf(line, sizeof line, "%s%s", _(cols[c].head), c == p->sort ? (p->desc ? " ↓" : " ↑") : "");
        ui_put(2, x, w[c], line, th(TH_HEAD), 1);
        x += w[c] + 1;
    }
    for (int r = 0; r < p->nrows; r++) {
        const prow *row = &p->rows[r];
        attr_t a = r == p->sel ? th(TH_SEL) : A_NORMAL;
        const char *v[NCOLS] = {row->code, row->state, row->unit, row->due, row->title, row->updated};
        move(3 + r, 0);
        if (r == p->sel) { attrset(a); hline(' ', COLS); attrset(A_NORMAL); }
        x = 1;
        for (int k = 0; k < NCOLS; k++) {
            int c = order[k];
            if (!w[c]) continue;
            if (c == 0 || c == 4) ui_put_marked(3 + r, x, w[c], v[c], a, hl, typed);
            else ui_put(3 + r, x, w[c], v[c], a, 1);
            x += w[c] + 1;
        }
    }
    free(typed);
    if (!p->nrows) ui_put(4, 2, COLS - 4, _("Không có đề xuất nào khớp."), A_NORMAL, 0);
    int cy = -1, cx = 0;
    size_t slen;
    le_text(p->search, &slen);
    /* A message (an error, or what was just saved) wins over the search
     * line until the next key; typing in the box shows the box. */
    if (!p->searching && (p->msg[0] || ui_flash[0])) {
        if (!p->msg[0]) { ui_flash_show(); ui_flash_clear(); }
        else ui_msg(p->msg, p->msg_err);
    } else if (p->searching || slen) {
        move(LINES - 2, 0);
        clrtoeol();
        ui_put(LINES - 2, 1, 6, _("Tìm:"), A_BOLD, 0);
        cx = ui_draw_line(p->search, LINES - 2, 7, COLS - 9, th(p->searching ? TH_FOCUS : TH_FIELD), 0);
        cy = LINES - 2;
    }
    if (p->searching) {   /* letters are typed now: the bar says how to finish */
        move(LINES - 1, 0);
        attrset(th(TH_BAR));
        hline(' ', COLS);
        attrset(A_NORMAL);
        ui_put(LINES - 1, 1, COLS / 2, _("Enter: xong · Esc: xóa · ↓: về danh sách"), th(TH_BAR), 0);
        ui_ime_badge(1);
    } else {
        keys_bar(SC_LIST);
    }
    if (p->searching) { curs_set(1); move(cy, cx); } else curs_set(0);
    refresh();
}

static int on_field(const list_row *r, void *ud)
{
    text_view *tv = ud;
    char line[400];
    snprintf(line, sizeof line, "%s\t%s", r->code, r->col[0]);
    tv_add(tv, line);
    return 0;
}

/* The creation period: two dates, either may stay empty. */
static const fielddef period_fields[] = {
    {"from", "Tạo từ ngày", FT_DATE, 0, NULL, NULL, 0, 0},
    {"to", "Đến ngày (tính cả ngày này)", FT_DATE, 0, NULL, NULL, 0, 0},
};

static int save_period(form *f, void *ud)
{
    plist *p = ud;
    char iso[2][11] = {"", ""};
    int bad = 0;
    for (int i = 0; i < 2; i++) {
        char *v = form_value(f, i);
        if (!v) { form_error(f, NULL, "hết bộ nhớ"); return 0; }
        st_day d;
        st_err e;
        err_clear(&e);
        if (*v && date_parse(v, &d, &e) != ST_OK) { form_error(f, period_fields[i].name, e.msg); bad = 1; }
        else if (*v) date_iso(d, iso[i]);
        free(v);
    }
    if (!bad && iso[0][0] && iso[1][0] && strcmp(iso[0], iso[1]) > 0) {
        form_error(f, "to", _("Đến ngày phải bằng hoặc sau Từ ngày"));
        bad = 1;
    }
    if (bad) return 0;
    snprintf(p->from, sizeof p->from, "%s", iso[0]);
    snprintf(p->to, sizeof p->to, "%s", iso[1]);
    return 1;
}

static void period_filter(plist *p)
{
    form f;
    form_init(&f, _("Lọc theo thời gian tạo đề xuất"), "");
    for (int i = 0; i < 2; i++) form_add(&f, &period_fields[i]);
    form_set(&f, 0, p->from);
    form_set(&f, 1, p->to);
    form_mark_loaded(&f);
    snprintf(f.msg, sizeof f.msg, "%s", _("Gõ ngày dạng dd/mm/yyyy; để trống một đầu nếu không giới hạn; "
                                          "F2 hoặc ^S: lọc."));
    if (form_run(&f, save_period, p)) p->queue = 0;
    form_free(&f);
}

static void filter_menu(plist *p)
{
    static const char *const m[] = {"Theo trạng thái", "Theo đơn vị", "Theo lĩnh vực",
                                    "Theo thời gian tạo (từ ngày – đến ngày)",
                                    "Chỉ việc chờ tôi xử lý", "Bỏ mọi bộ lọc"};
    const char *mt[6];
    for (int i = 0; i < 6; i++) mt[i] = _(m[i]);
    int c = pick_list(_("Lọc danh sách"), mt, 6, 0);
    if (c == 0) {
        const char *labels[S_COUNT + 1];
        labels[0] = _("Tất cả trạng thái");
        for (int s = 0; s < S_COUNT; s++) labels[s + 1] = _(wf_state_label(s));
        int s = pick_list(_("Trạng thái"), labels, S_COUNT + 1, p->state + 1);
        if (s >= 0) { p->state = s - 1; p->queue = 0; }
    } else if (c == 1) {
        char code[64];
        if (pick_unit(code, sizeof code)) {
            snprintf(p->unit, sizeof p->unit, "%s", code);
            snprintf(p->unit_label, sizeof p->unit_label, "%s", code);
            p->queue = 0;
        }
    } else if (c == 2) {
        text_view tv = {0};
        st_err e;
        err_clear(&e);
        int rc;
        UI_DB(rc, field_list(U.db, on_field, &tv, &e));
        const char **labels = calloc((size_t)tv.n + 1, sizeof *labels);
        if (labels && !rc) {
            labels[0] = _("Tất cả lĩnh vực");
            for (int i = 0; i < tv.n; i++) labels[i + 1] = strchr(tv.lines[i], '\t') + 1;
            int s = pick_list(_("Lĩnh vực"), labels, tv.n + 1, 0);
            if (s == 0) p->field[0] = '\0';
            if (s > 0) {
                snprintf(p->field, sizeof p->field, "%.*s",
                         (int)(strchr(tv.lines[s - 1], '\t') - tv.lines[s - 1]), tv.lines[s - 1]);
                snprintf(p->field_label, sizeof p->field_label, "%s", labels[s]);
                p->queue = 0;
            }
        }
        free(labels);
        tv_free(&tv);
    } else if (c == 3) {
        period_filter(p);
    } else if (c == 4) {
        p->queue = 1;
    } else if (c == 5) {
        p->state = -1;
        p->queue = 0;
        p->unit[0] = p->field[0] = p->from[0] = p->to[0] = '\0';
        le_set_utf8(p->search, "");
    }
    p->offset = p->sel = 0;
}

void screen_list(int state, int queue, const char *search)
{
    plist p;
    memset(&p, 0, sizeof p);
    p.state = state >= 0 ? state : -1;
    p.queue = queue;
    if (state == -2) { p.sort = 3; p.desc = 0; }   /* overdue first */
    else { p.sort = 5; p.desc = 1; }
    le_new(&p.search, LE_SINGLE, 200);
    ui_ime_apply(p.search, 1);
    if (search) le_set_utf8(p.search, search);
    fetch(&p);
    int lines = LINES;
    for (;;) {
        if (ui_stop) break;
        if (LINES != lines) { lines = LINES; fetch(&p); }
        if (!ui_too_small()) draw(&p);
        ui_key k;
        ui_getkey(p.searching ? SC_FORM : SC_LIST, &k);
        if (k.act == K_STOP) break;
        p.msg[0] = '\0';
        if (p.searching) {
            if (k.act == K_NEXT || k.act == K_SAVE) { p.searching = 0; continue; }
            if (k.act == K_IME) { ui_ime_cycle(); ui_ime_apply(p.search, 1); continue; }
            if (k.act == K_HELP) goto help;
            if (k.act == K_RESIZE || k.act == K_REDRAW) continue;
            if (k.act == K_CANCEL) { le_set_utf8(p.search, ""); p.searching = 0; }
            else if (k.act == K_DOWN) p.searching = 0;
            else if (!ui_edit_key(p.search, &k)) continue;
            p.offset = p.sel = 0;
            fetch(&p);
            continue;
        }
        int rows = page_rows();
        switch (k.act) {
        case K_QUIT: case K_CANCEL: goto out;
        case K_UP:
            if (p.sel > 0) p.sel--;
            else if (p.offset > 0) { p.offset--; fetch(&p); }
            break;
        case K_DOWN:
            if (p.sel < p.nrows - 1) p.sel++;
            else if (p.more) { p.offset++; fetch(&p); p.sel = p.nrows - 1; }
            break;
        case K_PGDN:
            if (p.more) { p.offset += rows; fetch(&p); }
            else p.sel = p.nrows ? p.nrows - 1 : 0;
            break;
        case K_PGUP:
            if (p.offset) { p.offset = p.offset > rows ? p.offset - rows : 0; fetch(&p); }
            else p.sel = 0;
            break;
        case K_FIRST: p.offset = p.sel = 0; fetch(&p); break;
        case K_LAST:
            while (p.more && !ui_stop) { p.offset += rows; fetch(&p); }
            p.sel = p.nrows ? p.nrows - 1 : 0;
            break;
        case K_SORT: p.sort = (p.sort + 1) % NCOLS; p.desc = p.sort == 5; p.offset = p.sel = 0; fetch(&p); break;
        case K_REVERSE: p.desc = !p.desc; p.offset = p.sel = 0; fetch(&p); break;
        case K_QUEUE: p.queue = !p.queue; p.offset = p.sel = 0; fetch(&p); break;
        case K_SEARCH: p.searching = 1; break;
        case K_FILTER: filter_menu(&p); fetch(&p); break;
        case K_REFRESH: fetch(&p); break;
        case K_OPEN: if (p.nrows) { screen_detail(p.rows[p.sel].code); fetch(&p); } break;
        case K_ACTIONS: if (p.nrows) { actions_menu(p.rows[p.sel].code); fetch(&p); } break;
        case K_NEW: if (screen_new_proposal(NULL, 0)) { p.offset = p.sel = 0; } fetch(&p); break;
        case K_HELP:
        help:
            keys_help(SC_LIST, "Danh sách đề xuất\n"
                      "  Mỗi trang đọc từ cơ sở dữ liệu; ↑↓ PgUp PgDn để đi qua các trang.\n"
                      "  Tìm (/): gõ vài chữ của mã hoặc tên, không cần dấu; danh sách lọc ngay;\n"
                      "  trong ô Tìm, ^T đổi bộ gõ (tắt, Telex, VNI), Enter xong, Esc xóa.\n"
                      "  Lọc (f): theo trạng thái, đơn vị, lĩnh vực, thời gian tạo, hoặc việc chờ tôi (w).\n"
                      "  Chữ khớp với ô Tìm được tô đậm, gạch dưới trong mã và tên.\n"
                      "  Cột đơn vị hiện khi màn hình rộng từ 100 cột; Enter mở đề xuất để xem đủ.\n"
                      "  Sắp xếp (s): lần lượt theo từng cột; r đảo chiều.\n"
                      "  Enter mở đề xuất; a mở các thao tác quy trình.", NULL);
            break;
        default: break;
        }
    }
out:
    curs_set(0);
    le_free(&p.search);
    free(p.rows);
}
