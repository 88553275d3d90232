/* Lists of lines with one line selected (listview.h): the selection and
 * scrolling shared by the pick lists and the list screens, and the simple
 * list screen itself (listview_run), driven by a small table of callbacks
 * (load the lines, open a line, add an entry).  Keys, key bar and help
 * come from the key table (SC_VIEW); it calls nothing above keys.c,
 * term.c and dialog.c: what a line opens is the caller's callback. */
#include "listview.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the selection ----------------------------------------------------- */

void listsel_fit(listsel *s, int n, int rows)
{
    if (s->sel >= n) s->sel = n ? n - 1 : 0;
    if (s->sel < s->top) s->top = s->sel;
    if (s->sel >= s->top + rows) s->top = s->sel - rows + 1;
}

int listsel_move(listsel *s, int act, int n, int rows)
{
    switch (act) {
    case K_UP: if (s->sel > 0) s->sel--; break;
    case K_DOWN: if (s->sel < n - 1) s->sel++; break;
    case K_PGUP: s->sel = s->sel > rows ? s->sel - rows : 0; break;
    case K_PGDN: s->sel = s->sel + rows < n ? s->sel + rows : (n ? n - 1 : 0); break;
    case K_FIRST: s->sel = 0; break;
    case K_LAST: s->sel = n ? n - 1 : 0; break;
    default: return 0;
    }
    return 1;
}

void listsel_draw(const listsel *s, int y0, int rows, int n, listsel_line_fn line, void *ud)
{
    for (int r = 0; r < rows && s->top + r < n; r++) {
        int i = s->top + r;
        char buf[700];
        ui_put(y0 + r, 1, COLS - 2, line(ud, i, buf, sizeof buf), i == s->sel ? th(TH_SEL) : A_NORMAL, 1);
    }
}

/* ---- the lines of a list screen ------------------------------------------- */

struct listview {
    text_view tv;          /* the lines */
    char (*key)[64];       /* what Enter on each line opens, "" nothing */
    int nkey, capkey;
    char err[600];         /* why the lines could not be read */
};

void listview_add(listview *v, const char *key, const char *line)
{
    if (v->nkey == v->capkey) {
        int cap = v->capkey ? v->capkey * 2 : 64;
        char (*k)[64] = realloc(v->key, (size_t)cap * sizeof *k);
        if (!k) return;
        v->key = k;
        v->capkey = cap;
    }
    snprintf(v->key[v->nkey++], sizeof v->key[0], "%s", key ? key : "");
    tv_add(&v->tv, line);
}

static void lv_free(listview *v)
{
    tv_free(&v->tv);
    free(v->key);
    memset(v, 0, sizeof *v);
}

/* (Re)read the lines: what was there goes, an error shows instead. */
static void lv_load(listview *v, const listview_def *d)
{
    lv_free(v);
    st_err e;
    err_clear(&e);
    if (d->load(v, &e)) snprintf(v->err, sizeof v->err, "%s", e.msg);
}

static const char *lv_line(void *ud, int i, char *buf, size_t n)
{
    (void)buf;
    (void)n;
    const listview *v = ud;
    return v->tv.lines[i];
}

/* ---- the screen ------------------------------------------------------------ */

static void lv_draw(listview *v, listsel *s, const listview_def *d, int rows)
{
    erase();
    ui_title(_(d->title));
    ui_put(1, 1, COLS - 2, _(d->head), th(TH_HEAD), 1);
    listsel_fit(s, v->tv.n, rows);
    listsel_draw(s, 2, rows, v->tv.n, lv_line, v);
    if (!v->tv.n) ui_put(3, 2, COLS - 4, _("(chưa có gì)"), A_NORMAL, 0);
    if (v->err[0]) ui_msg(v->err, 1);
    else if (ui_flash[0]) { ui_flash_show(); ui_flash_clear(); }
    else {
        char m[200], kn[16] = "";
        if (d->add) keys_name_for(SC_VIEW, K_NEW, kn, sizeof kn);
        if (d->add) snprintf(m, sizeof m, _("%d dòng · %s: thêm mới"), v->tv.n, kn);
        else snprintf(m, sizeof m, _("%d dòng"), v->tv.n);
        ui_msg(m, 0);
    }
    keys_bar(SC_VIEW);
    refresh();
}

/* Enter: what the line names (1: the data changed), else a line too long
 * for the screen shown whole. */
static int lv_open(const listview *v, const listsel *s, const listview_def *d)
{
    int i = s->sel;
    if (d->open && i < v->nkey && v->key[i][0]) return d->open(v->key[i]);
    if (i < v->tv.n && ui_width(v->tv.lines[i]) > COLS - 2) ui_alert(v->tv.lines[i]);   /* wrapped */
    return 0;
}

void listview_run(const listview_def *d)
{
    listview v;
    memset(&v, 0, sizeof v);
    lv_load(&v, d);
    listsel s = {0, 0};
    for (;;) {
        if (ui_stop) break;
        int rows = LINES - 4;
        if (!ui_too_small()) lv_draw(&v, &s, d, rows);
        ui_key k;
        ui_getkey(SC_VIEW, &k);
        if (k.act == K_STOP || k.act == K_QUIT || k.act == K_CANCEL) break;
        if (listsel_move(&s, k.act, v.tv.n, rows)) continue;
        switch (k.act) {
        case K_OPEN: if (lv_open(&v, &s, d)) lv_load(&v, d); break;
        case K_REFRESH: lv_load(&v, d); break;
        case K_NEW:
            if (!d->add) snprintf(ui_flash, sizeof ui_flash, "%s",
                                  _("Ở đây bạn không thêm mục mới (danh sách chỉ để xem với vai trò của bạn)."));
            else if (d->add()) lv_load(&v, d);
            break;
        case K_HELP: {
            char extra[200], kn[16];
            snprintf(extra, sizeof extra, "Thêm mới\n  %s: ghi một mục mới.",
                     keys_name_for(SC_VIEW, K_NEW, kn, sizeof kn));
            keys_help(SC_VIEW, _(d->help), d->add ? extra : NULL);
            break;
        }
        default: break;
        }
    }
    lv_free(&v);
}
