/* Choosing: a list of labels (one, or several with Space), people searched
 * as you type (or a new name added on the spot), units as a tree filtered
 * as you type, and fields.  One loop (pick_loop) serves them all, moving
 * and drawing with the selection of listview.h. */
#include "edit.h"
#include "i18n.h"
#include "listview.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flow/lists.h"
#include "text/text.h"
#include "flow/units.h"

/* The labels of a pick list, marked "[x]" where several may be chosen. */
typedef struct pick_lines {
    const char *const *labels;
    const unsigned *bits;     /* NULL: one is chosen */
    const char *dim;          /* NULL, or 1 for each line shown greyed */
} pick_lines;

static const char *pick_line(void *ud, int i, char *buf, size_t n)
{
    const pick_lines *p = ud;
    if (p->bits) snprintf(buf, n, "[%c] %s", (*p->bits >> i) & 1 ? 'x' : ' ', p->labels[i]);
    else snprintf(buf, n, "%s", p->labels[i]);
    return buf;
}

/* The common loop: labels (n), optional search box; returns index or -1.
 * bits non-NULL: several may be marked with Space; Enter accepts. */
static int pick_loop(const char *title, const char *const *labels, int n, int cur,
                     unsigned *bits, lineedit *search, const char *hint, const char *dim)
{
    listsel s = {cur < 0 || cur >= n ? 0 : cur, 0};
    pick_lines pl = {labels, bits, dim};
    for (;;) {
        int rows = LINES - 4 - (search ? 1 : 0);
        if (!ui_too_small()) {
            erase();
            ui_title(title);
            int y0 = 1, cy = -1, cx = 0;
            if (search) {
                ui_put(1, 1, 6, _("Tìm:"), A_BOLD, 0);
                cx = ui_draw_line(search, 1, 7, COLS - 9, th(TH_FOCUS), 0);
                cy = 1;
                y0 = 2;
            }
            listsel_fit(&s, n, rows);
            listsel_draw(&s, y0, rows, n, pick_line, &pl);
            for (int r = 0; dim && r < rows && s.top + r < n; r++)   /* greyed: not now */
                if (dim[s.top + r] && s.top + r != s.sel)
                    ui_put(y0 + r, 1, COLS - 2, labels[s.top + r], th(TH_DIM), 1);
            if (!n) ui_put(y0, 2, COLS - 4, _("(không có)"), A_NORMAL, 0);
            ui_msg(_(hint ? hint : bits ? "Space: đánh dấu/bỏ; Enter: xong; Esc: hủy"
                                        : "↑↓ chọn, Enter: chọn; Esc: hủy"), 0);
            keys_bar(SC_PICK);
            if (search) ui_ime_badge(1);
            if (cy >= 0) { curs_set(1); move(cy, cx); } else curs_set(0);
            refresh();
        }
        ui_key k;
        ui_getkey(SC_PICK, &k);
        if (listsel_move(&s, k.act, n, rows)) continue;
        switch (k.act) {
        case K_STOP: case K_CANCEL: curs_set(0); return -1;
        case K_OPEN: curs_set(0); return n ? s.sel : (search ? -2 : -1);
        case K_IME:
            if (search) { ui_ime_cycle(); ui_ime_apply(search, 1); }
            break;
        case K_TOGGLE:
            if (bits && n) { *bits ^= 1u << s.sel; break; }
            if (!search) { curs_set(0); return n ? s.sel : -1; }
            le_type(search, L' ');   /* a space typed in the search box */
            curs_set(0);
            return -3;
        default:
            if (k.act == K_HELP) {
                keys_help(SC_PICK, "Chọn từ danh sách\n  ↑↓ để chọn, Enter để nhận, Esc để hủy.\n"
                          "  Ở danh sách có ô Tìm: gõ để lọc ngay.", NULL);
                break;
            }
            if (search && ui_edit_key(search, &k)) { curs_set(0); return -3; }   /* refilter */
            break;
        }
    }
}

/* Typing filters the list (case and tone marks ignored); labels that
 * start with what was typed come first. */
int pick_list(const char *title, const char *const *labels, int n, int current)
{
    return pick_list_dim(title, labels, n, current, NULL);
}

int pick_list_dim(const char *title, const char *const *labels, int n, int current,
                  const char *dim)
{
    lineedit *q = NULL;
    le_new(&q, LE_SINGLE, 100);
    ui_ime_apply(q, 1);
    char **fold = calloc((size_t)n + 1, sizeof *fold);
    char *sdim = calloc((size_t)n + 1, 1);
    const char **shown = calloc((size_t)n + 1, sizeof *shown);
    int *idx = calloc((size_t)n + 1, sizeof *idx), result = -1;
    for (int i = 0; fold && i < n; i++) fold[i] = text_fold(labels[i]);
    while (q && fold && shown && idx) {
        char *s = le_get_utf8(q), *fs = text_fold(s ? s : "");
        int m = 0, cur = 0;
        for (int pass = 0; pass < 2; pass++)
            for (int i = 0; i < n; i++) {
                const char *hit = !fs || !*fs ? fold[i] : fold[i] ? strstr(fold[i], fs) : NULL;
                if (!hit || (pass == 0) != (hit == fold[i])) continue;
                if (i == current && (!fs || !*fs)) cur = m;
                shown[m] = labels[i];
                if (sdim) sdim[m] = dim ? dim[i] : 0;
                idx[m++] = i;
            }
        free(s);
        free(fs);
        int c = pick_loop(title, shown, m, cur, NULL, q, "Gõ để lọc; ↑↓ chọn, Enter: chọn; Esc: hủy", sdim);
        if (c == -3) continue;
        result = c >= 0 ? idx[c] : -1;
        break;
    }
    for (int i = 0; fold && i < n; i++) free(fold[i]);
    free(fold);
    free(shown);
    free(sdim);
    free(idx);
    le_free(&q);
    return result;
}

int pick_set(const char *title, const char *const *labels, int n, unsigned *bits)
{
    unsigned b = *bits;
    if (pick_loop(title, labels, n, 0, &b, NULL, NULL, NULL) < 0) return 0;
    *bits = b;
    return 1;
}

/* ---- people ---------------------------------------------------------------- */

typedef struct plist { char **lab; char **name; int n, cap; } plist;

static int on_person(const person_row *r, void *ud)
{
    plist *p = ud;
    if (p->n >= p->cap) return 1;
    char line[600];
    snprintf(line, sizeof line, "%s%s%s — %s", r->full_name, *r->position ? ", " : "", r->position,
             *r->unit_name ? r->unit_name : "(chưa có đơn vị)");
    char *lab = strdup(line), *name = strdup(r->full_name);
    if (!lab || !name) { free(lab); free(name); return 1; }   /* out of memory: the list so far */
    p->lab[p->n] = lab;
    p->name[p->n++] = name;
    return 0;
}

static void plist_free(plist *p)
{
    for (int i = 0; i < p->n; i++) { free(p->lab[i]); free(p->name[i]); }
    p->n = 0;
}

int pick_person(char *out, int n)
{
    lineedit *q = NULL;
    le_new(&q, LE_SINGLE, 100);
    ui_ime_apply(q, 1);   /* the line doubles as a new person's name */
    le_set_utf8(q, out);
    plist p = {0};
    p.cap = 200;
    p.lab = calloc((size_t)p.cap + 1, sizeof *p.lab);
    p.name = calloc((size_t)p.cap + 1, sizeof *p.name);
    if (!p.lab || !p.name) p.cap = 0;   /* out of memory: an empty list */
    int chosen = 0;
    for (;;) {
        plist_free(&p);
        char *s = le_get_utf8(q);
        st_err e;
        err_clear(&e);
        int rc;
        if (s && *s && p.cap) {   /* first line: the typed name as a new person */
            char line[400];
            snprintf(line, sizeof line, "+ Người mới: %s", s);
            p.lab[0] = strdup(line);
            p.name[0] = strdup(s);
            p.n = 1;
            if (!p.lab[0] || !p.name[0]) plist_free(&p);
        }
        UI_DB(rc, people_search(U.db, &U.who, s, p.cap - 1, 0, on_person, &p, &e));
        int c = pick_loop("Chọn người (gõ để tìm, không cần dấu)", (const char *const *)p.lab,
                          p.n, p.n > 1 ? 1 : 0, NULL, q, rc ? e.msg :
                          "Gõ tên để tìm; Enter chọn; dòng + thêm người mới ngay", NULL);
        free(s);
        if (c == -3) continue;
        if (c >= 0) { snprintf(out, (size_t)n, "%s", p.name[c]); chosen = 1; }
        break;
    }
    plist_free(&p);
    free(p.lab);
    free(p.name);
    le_free(&q);
    return chosen;
}

/* ---- units ------------------------------------------------------------------- */

typedef struct ulist { char **lab, **code, **fold; int n, cap; } ulist;

static int on_unit(const unit_row *r, void *ud)
{
    ulist *u = ud;
    if (u->n == u->cap) {
        int cap = u->cap ? u->cap * 2 : 128;
        char **a = realloc(u->lab, (size_t)cap * sizeof *a);
        if (a) u->lab = a;
        char **b = realloc(u->code, (size_t)cap * sizeof *b);
        if (b) u->code = b;
        char **c = realloc(u->fold, (size_t)cap * sizeof *c);
        if (c) u->fold = c;
        if (!a || !b || !c) return 1;
        u->cap = cap;
    }
    char line[600];
    snprintf(line, sizeof line, "%*s%s  (%s)", 2 * r->depth, "", r->name, r->code);
    char *lab = strdup(line), *code = strdup(r->code);
    if (!lab || !code) { free(lab); free(code); return 1; }   /* out of memory: the list so far */
    u->lab[u->n] = lab;
    u->code[u->n] = code;
    u->fold[u->n] = text_fold(line);
    u->n++;
    return 0;
}

static int unit_tree_load(char ***lab, char ***code, char ***fold, int *n, char *err, int errn)
{
    ulist u = {0};
    st_err e;
    err_clear(&e);
    int rc;
    UI_DB(rc, unit_list(U.db, &U.who, on_unit, &u, &e));
    if (rc) snprintf(err, (size_t)errn, "%s", e.msg);
    *lab = u.lab;
    *code = u.code;
    *fold = u.fold;
    *n = u.n;
    return rc;
}

int pick_unit(char *out, int n)
{
    char **lab, **code, **fold, err[600] = "";
    int nu;
    unit_tree_load(&lab, &code, &fold, &nu, err, sizeof err);
    lineedit *q = NULL;
    le_new(&q, LE_SINGLE, 100);
    ui_ime_apply(q, 1);
    const char **shown = calloc((size_t)nu + 1, sizeof *shown);
    int *idx = calloc((size_t)nu + 1, sizeof *idx);
    int chosen = 0;
    while (shown && idx) {
        char *s = le_get_utf8(q), *fs = text_fold(s ? s : "");
        int m = 0;
        for (int i = 0; i < nu; i++)
            if (!fs || !*fs || (fold[i] && strstr(fold[i], fs))) { shown[m] = lab[i]; idx[m++] = i; }
        free(s);
        free(fs);
        int c = pick_loop("Chọn đơn vị (gõ để lọc)", shown, m, 0, NULL, q, err[0] ? err : NULL, NULL);
        if (c == -3) continue;
        if (c >= 0) { snprintf(out, (size_t)n, "%s", code[idx[c]]); chosen = 1; }
        break;
    }
    for (int i = 0; i < nu; i++) { free(lab[i]); free(code[i]); free(fold[i]); }
    free(lab); free(code); free(fold); free(shown); free(idx);
    le_free(&q);
    return chosen;
}

/* ---- fields (lĩnh vực) --------------------------------------------------------- */

typedef struct flist { char *lab[64], *code[64]; int n; } flist;

static int on_field(const list_row *r, void *ud)
{
    flist *f = ud;
    if (f->n >= 64) return 1;
    char line[300];
    snprintf(line, sizeof line, "%s  (%s)", r->col[0], r->code);
    char *lab = strdup(line), *code = strdup(r->code);
    if (!lab || !code) { free(lab); free(code); return 1; }   /* out of memory: the list so far */
    f->lab[f->n] = lab;
    f->code[f->n++] = code;
    return 0;
}

int pick_field(char *out, int n)
{
    flist f = {0};
    st_err e;
    err_clear(&e);
    int rc, chosen = 0;
    UI_DB(rc, field_list(U.db, on_field, &f, &e));
    if (rc) ui_alert(e.msg);
    int c = rc ? -1 : pick_list("Lĩnh vực", (const char *const *)f.lab, f.n, 0);
    if (c >= 0) { snprintf(out, (size_t)n, "%s", f.code[c]); chosen = 1; }
    for (int i = 0; i < f.n; i++) { free(f.lab[i]); free(f.code[i]); }
    return chosen;
}
