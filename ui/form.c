/* The form widget (form.h), and the draft it saves of itself when the
 * program must stop while it is open. */
#include "form.h"
#include "edit.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "text/text.h"
#include "base/workdays.h"
#include "flow/drafts.h"
#include "flow/password.h"
#include "flow/workflow.h"

#define MAXF 64

/* The label column (values start two columns after it). */
static int label_w(void) { return COLS >= 100 ? 40 : 34; }

/* The width of the value column, as draw() lays it out. */
static int value_width(void)
{
    return COLS - (label_w() + 2) - 1;
}

static int is_choice(const ffield *x) { return x->fd.type == FT_ENUM || x->fd.type == FT_BOOL; }
static int is_text(const ffield *x) { return !is_choice(x) && x->fd.type != FT_SET; }

void form_init(form *f, const char *title, const char *context)
{
    memset(f, 0, sizeof *f);
    form_names_reset();   /* units and fields may have changed since the last form */
    snprintf(f->title, sizeof f->title, "%s", title);
    snprintf(f->context, sizeof f->context, "%s", context ? context : "");
}

int form_required(const form *f, int i)
{
    if (f->required) return f->required(f, i, f->req_ud);
    return (f->f[i].fd.flags & FF_REQUIRED) != 0;
}

/* -1 when out of memory (the pieces so far are in out[0..*n)). */
static int split(const char *s, char **out, int max, int *n)
{
    *n = 0;
    while (s && *s && *n < max) {
        const char *bar = strchr(s, '|');
        size_t len = bar ? (size_t)(bar - s) : strlen(s);
        if (!(out[*n] = strndup(s, len))) return -1;
        (*n)++;
        s = bar ? bar + 1 : s + len;
    }
    return 0;
}

void form_add(form *f, const fielddef *fd)
{
    ffield *nf = realloc(f->f, (size_t)(f->n + 1) * sizeof *nf);
    if (!nf) return;
    f->f = nf;
    ffield *x = &f->f[f->n++];
    memset(x, 0, sizeof *x);
    x->fd = *fd;
    x->choice = -1;
    int oom = 0;
    if (fd->type == FT_BOOL) {
        x->chname[0] = strdup("1"); x->chlabel[0] = strdup("Có");
        x->chname[1] = strdup("0"); x->chlabel[1] = strdup("Không");
        x->nch = 2;
    } else if (fd->type == FT_ENUM || fd->type == FT_SET) {
        int nl = 0;
        oom = split(fd->choices, x->chname, 24, &x->nch) < 0;
        oom |= split(fd->choice_labels, x->chlabel, 24, &nl) < 0;
        for (int i = 0; i < nl; i++) {   /* shown in the screen language */
            const char *t = _(x->chlabel[i]);
            char *d = t != x->chlabel[i] ? strdup(t) : NULL;
            if (d) { free(x->chlabel[i]); x->chlabel[i] = d; }
        }
        for (int i = nl; i < x->nch; i++) x->chlabel[i] = strdup(x->chname[i]);
    }
    for (int i = 0; i < x->nch; i++) oom |= !x->chname[i] || !x->chlabel[i];
    if (oom) {   /* out of memory: no choices (fields keep their places), and the form says so */
        for (int i = 0; i < 24; i++) { free(x->chname[i]); free(x->chlabel[i]); }
        memset(x->chname, 0, sizeof x->chname);
        memset(x->chlabel, 0, sizeof x->chlabel);
        x->nch = 0;
        form_error(f, NULL, "hết bộ nhớ");
    }
    if (is_text(x)) {
        int pw = strncmp(fd->name, "password", 8) == 0;   /* as long as login and the CLI take */
        le_new(&x->le, fd->type == FT_LONGTEXT ? LE_MULTI : LE_SINGLE,
               fd->type == FT_LONGTEXT ? 0 : pw ? PW_MAX_BYTES : 1000);
        /* Words take the input method; codes, numbers and dates do not. */
        static const char *const codes[] = {"field", "email", "phone", "code", "username",
                                            "password", "password2", "path"};
        x->ime_ok = fd->type == FT_TEXT || fd->type == FT_LONGTEXT || fd->type == FT_PERSON;
        for (size_t k = 0; k < sizeof codes / sizeof codes[0]; k++)
            if (strcmp(fd->name, codes[k]) == 0) x->ime_ok = 0;
        ui_ime_apply(x->le, x->ime_ok);
        if (fd->flags & FF_TODAY) {
            char d[11];
            date_vn(date_today(), d);
            le_set_utf8(x->le, d);
        }
    }
}

void form_free(form *f)
{
    for (int i = 0; i < f->n; i++) {
        ffield *x = &f->f[i];
        le_free(&x->le);
        for (int k = 0; k < x->nch; k++) { free(x->chname[k]); free(x->chlabel[k]); }
        free(x->orig);
    }
    free(f->f);
    f->f = NULL;
    f->n = 0;
}

char *form_value(const form *f, int i)
{
    const ffield *x = &f->f[i];
    if (x->le) return le_get_utf8(x->le);   /* NULL only when out of memory */
    if (is_choice(x)) return strdup(x->choice >= 0 ? x->chname[x->choice] : "");
    char buf[1024] = "";
    for (int k = 0; k < x->nch; k++)
        if (x->set & (1u << k))
            snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", buf[0] ? "," : "", x->chname[k]);
    return strdup(buf);
}

void form_set(form *f, int i, const char *v)
{
    ffield *x = &f->f[i];
    if (!v) v = "";
    if (x->le) {
        /* Dates come back from the core as ISO; forms show dd/mm/yyyy. */
        st_day d;
        char vn[11];
        if (x->fd.type == FT_DATE && strlen(v) == 10 && v[4] == '-' &&
            date_parse(v, &d, NULL) == ST_OK) { date_vn(d, vn); v = vn; }
        le_set_utf8(x->le, v);
        return;
    }
    if (is_choice(x)) {
        x->choice = -1;
        char *norm = NULL;
        st_err e;
        if (x->fd.type == FT_BOOL && *v && field_normalize(&x->fd, v, &norm, &e) == ST_OK) v = norm;
        for (int k = 0; k < x->nch; k++) if (strcmp(x->chname[k], v) == 0) x->choice = k;
        free(norm);
        return;
    }
    x->set = 0;
    for (int k = 0; k < x->nch; k++) {
        size_t len = strlen(x->chname[k]);
        for (const char *p = v; (p = strstr(p, x->chname[k])); p += len)
            if ((p == v || p[-1] == ',') && (p[len] == ',' || !p[len])) x->set |= 1u << k;
    }
}

int form_find(const form *f, const char *name)
{
    for (int i = 0; name && i < f->n; i++) if (strcmp(f->f[i].fd.name, name) == 0) return i;
    return -1;
}

void form_error(form *f, const char *field, const char *msg)
{
    int i = form_find(f, field);
    if (i >= 0) {
        ui_readable(msg, f->f[i].err, sizeof f->f[i].err);
        f->cur = i;
    } else {
        ui_readable(msg, f->msg, sizeof f->msg);
        f->msg_err = 1;
    }
}

void form_clear_errors(form *f)
{
    for (int i = 0; i < f->n; i++) f->f[i].err[0] = '\0';
    f->msg[0] = '\0';
}

void form_mark_loaded(form *f)
{
    for (int i = 0; i < f->n; i++) {
        free(f->f[i].orig);
        f->f[i].orig = form_value(f, i);
        if (f->f[i].le) le_mark_clean(f->f[i].le);
    }
    f->dirty = 0;
}

int form_values(const form *f, st_kv *kv, char **store, int changed_only)
{
    int n = 0;
    for (int i = 0; i < f->n; i++) {
        char *v = form_value(f, i);
        if (!v) {   /* out of memory: no half set of values */
            while (n > 0) free(store[--n]);
            return -1;
        }
        int changed = !f->f[i].orig || strcmp(f->f[i].orig, v) != 0;
        if ((changed_only && !changed) || (!changed_only && !*v)) { free(v); continue; }
        store[n] = v;
        kv[n].name = f->f[i].fd.name;
        kv[n].value = v;
        n++;
    }
    return n;
}

/* ---- the draft ---------------------------------------------------------- */

/* The stop signal came with the form open: what was typed goes to a draft
 * (f->context says where it goes back), offered at the next login. */
static void draft_keep(const form *f)
{
    if (!f->dirty || !f->context[0] || !U.logged_in) return;
    st_kv kv[MAXF];
    char *store[MAXF];
    int n = form_values(f, kv, store, 0);
    if (n < 0) return;   /* out of memory: no draft */
    st_err e;
    err_clear(&e);
    int rc;
    /* The stop signal is set: retry a busy database without waiting on it. */
    for (int t = 0; t < 20; t++) {
        rc = draft_save(U.db, &U.who, f->context, f->title, kv, n, &e);
        if (rc != ST_EBUSY) break;
        napms(250);
    }
    for (int i = 0; i < n; i++) free(store[i]);
}

/* ---- layout and drawing ------------------------------------------------ */

/* A one-line field whose label does not fit its column: the label takes a
 * row of its own, the value the row under it. */
static int label_row(const ffield *x)
{
    return x->fd.type != FT_LONGTEXT && ui_width(_(x->fd.label)) > label_w() - 2;
}

/* A field's error, "! …" wrapped at the screen's width: at most three rows
 * (the last ends in "…" when more is left), so that it reads whole. */
#define ERR_ROWS 3
static void err_lines(const ffield *x, text_view *tv)
{
    char e[500];
    snprintf(e, sizeof e, "! %s", x->err);
    tv_add_wrapped(tv, e, COLS - 4);
}

static int err_rows(const ffield *x)
{
    if (!x->err[0]) return 0;
    text_view tv = {0};
    err_lines(x, &tv);
    int n = tv.n < 1 ? 1 : tv.n > ERR_ROWS ? ERR_ROWS : tv.n;
    tv_free(&tv);
    return n;
}

static int rows_of(const form *f, int i)
{
    return (f->f[i].fd.type == FT_LONGTEXT ? 3 : 1) + label_row(&f->f[i]) + err_rows(&f->f[i]);
}

static const char *type_hint(const ffield *x)
{
    const char *h = wf_field_hint(x->fd.name);
    if (h && x->fd.type == FT_UNIT) {   /* and how to pick one */
        static char both[300];
        snprintf(both, sizeof both, "%s; ^P chọn từ cây đơn vị", h);
        return both;
    }
    if (h) return h;
    if (strcmp(x->fd.name, "path") == 0) return "đường dẫn đầy đủ trên máy chủ";
    switch (x->fd.type) {
    case FT_DATE: return "ngày/tháng/năm, ví dụ 05/03/2026";
    case FT_INT: return "số nguyên";
    case FT_MONEY: return "số tiền (đồng), ví dụ 120.000.000";
    case FT_LONGTEXT: return "nhiều dòng: Enter xuống dòng, Tab sang trường sau";
    case FT_ENUM: case FT_BOOL: return "←→ đổi lựa chọn, Space hoặc ^P mở danh sách";
    case FT_SET: return "Space hoặc ^P: đánh dấu một hay nhiều mục";
    case FT_UNIT: return "mã đơn vị; ^P chọn từ cây đơn vị";
    case FT_PERSON: return "họ tên; ^P tìm trong danh sách người (hoặc gõ tên người mới)";
    default:
        if (strcmp(x->fd.name, "field") == 0) return "mã lĩnh vực; ^P chọn từ danh sách";
        if (strcmp(x->fd.name, "coauthors") == 0) return "họ tên, phân cách bằng ;  ^P thêm từ danh sách người";
        return "";
    }
}

static void draw(form *f)
{
    erase();
    ui_title(f->title);
    char note[700] = "";
    if (f->note) f->note(f, note, sizeof note);
    /* A note (the evaluation's suggested measure) wraps over two rows. */
    int nrows = 1;
    if (note[0]) {
        text_view nt = {0};
        tv_add_wrapped(&nt, note, COLS - 2);
        nrows = nt.n > 1 ? 2 : 1;
        for (int l = 0; l < nrows && l < nt.n; l++) {
            char line[800];
            snprintf(line, sizeof line, "%s%s", nt.lines[l], l == 1 && nt.n > 2 ? " …" : "");
            ui_put(1 + l, 1, COLS - 2, line, th(TH_OK), 0);
        }
        tv_free(&nt);
    } else if (f->limit[0])
        ui_put(1, 1, COLS - 2, f->limit, th(TH_OK), 0);
    else if (f->mark_submit)
        ui_put(1, 1, COLS - 2, _("Trường có * là bắt buộc khi lưu; có + thì cần điền trước khi Gửi đề xuất."),
               th(TH_DIM), 0);
    else ui_put(1, 1, COLS - 2, _("Trường có * là bắt buộc."), th(TH_DIM), 0);
    /* Labels get 32 columns at 80 (values 44); a text area's label wraps
     * over its three rows, so that every label reads whole. */
    int lw = label_w(), vx = lw + 2, vw = COLS - vx - 1;
    int y0 = 1 + nrows, h = LINES - 3 - nrows;
    int pos = 0, cpos = 0;
    for (int i = 0; i < f->n; i++) { if (i == f->cur) cpos = pos; pos += rows_of(f, i); }
    if (cpos < f->top) f->top = cpos;
    if (cpos + rows_of(f, f->cur) > f->top + h) f->top = cpos + rows_of(f, f->cur) - h;
    if (f->top > 0 && f->cur == 0) f->top = 0;
    int cy = -1, cx = 0;
    pos = 0;
    for (int i = 0; i < f->n; i++) {
        ffield *x = &f->f[i];
        int y = y0 + pos - f->top, r = rows_of(f, i);
        pos += r;
        if (y + r <= y0 || y >= y0 + h) continue;
        int foc = i == f->cur;
        int two = label_row(x), req = form_required(f, i);
        int fy = y + two, fh = x->fd.type == FT_LONGTEXT ? 3 : 1;
        if (two && y >= y0) {   /* the whole label on its own row */
            if (req) ui_put(y, 1, 1, "*", th(TH_REQ), 0);
            else if (f->mark_submit && wf_submit_needs(x->fd.name)) ui_put(y, 1, 1, "+", th(TH_REQ), 0);
            ui_put(y, 3, COLS - 4, _(x->fd.label), foc ? A_BOLD : th(TH_LABEL), 0);
        } else if (fy >= y0) {
            if (req) ui_put(fy, 1, 1, "*", th(TH_REQ), 0);
            else if (f->mark_submit && wf_submit_needs(x->fd.name)) ui_put(fy, 1, 1, "+", th(TH_REQ), 0);
            attr_t la = foc ? A_BOLD : th(TH_LABEL);
            if (x->fd.type == FT_LONGTEXT && ui_width(_(x->fd.label)) > lw - 2) {
                text_view lt = {0};
                tv_add_wrapped(&lt, _(x->fd.label), lw - 2);
                for (int r2 = 0; r2 < lt.n && r2 < 3 && fy + r2 < y0 + h; r2++) {
                    const char *l = lt.lines[r2];
                    while (*l == ' ') l++;
                    ui_put(fy + r2, 3, lw - 2, l, la, 0);
                }
                tv_free(&lt);
            } else {
                ui_put(fy, 3, lw - 2, _(x->fd.label), la, 0);
            }
        }
        attr_t a = th(foc ? TH_FOCUS : TH_FIELD);
        if (x->le && x->fd.type == FT_LONGTEXT) {
            /* Clip a text area that is partly scrolled out. */
            int top = fy < y0 ? y0 : fy, bottom = fy + fh > y0 + h ? y0 + h : fy + fh;
            if (bottom > top) {
                /* A text area not being edited shows its beginning. */
                if (!foc) x->vtop = 0;
                int vt = x->vtop + (top - fy), ay, ax;
                ui_draw_area(x->le, top, vx, vw, bottom - top, &vt, a, &ay, &ax);
                x->vtop = vt - (top - fy);
                if (foc) { cy = ay; cx = ax; }
            }
        } else if (fy >= y0 && fy < y0 + h) {
            if (x->le) {
                /* A unit's or field's code: its name beside it. */
                char *val = x->fd.type == FT_UNIT || strcmp(x->fd.name, "field") == 0 ?
                            le_get_utf8(x->le) : NULL;
                const char *nm = val ? form_code_name(x, val) : NULL;
                int ew = vw;
                if (nm) {
                    ew = ui_width(val) + 2;
                    if (ew < 12) ew = 12;
                    if (ew > vw - 12) ew = vw;
                }
                int c = ui_draw_line(x->le, fy, vx, ew, a, x->mask);
                if (nm && ew < vw) {
                    char shown[600];
                    snprintf(shown, sizeof shown, "— %s", nm);
                    ui_put(fy, vx + ew + 1, vw - ew - 1, shown, th(TH_DIM), 0);
                }
                free(val);
                if (foc) { cy = fy; cx = c; }
            } else {
                char buf[1200] = "";
                if (is_choice(x)) {
                    snprintf(buf, sizeof buf, "< %s >", x->choice >= 0 ? x->chlabel[x->choice] : _("(chưa chọn)"));
                } else {
                    for (int k = 0; k < x->nch; k++)
                        if (x->set & (1u << k))
                            snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s",
                                     buf[0] ? "; " : "", x->chlabel[k]);
                    if (!buf[0]) snprintf(buf, sizeof buf, "%s", _("(chưa chọn)"));
                }
                ui_put(fy, vx, vw, buf, a, 1);
                if (foc) { cy = fy; cx = vx; }
            }
        }
        if (x->err[0]) {
            text_view el = {0};
            err_lines(x, &el);
            int ne = err_rows(x);
            for (int l = 0; l < ne; l++) {
                int ey = y + r - ne + l;
                if (ey < y0 || ey >= y0 + h) continue;
                char line[600];
                snprintf(line, sizeof line, "%s%s", el.lines[l], l == ne - 1 && el.n > ne ? " …" : "");
                ui_put(ey, 3, COLS - 4, line, th(TH_ERR), 0);
            }
            tv_free(&el);
        }
    }
    if (f->msg[0]) ui_msg(f->msg, f->msg_err);
    else {
        const ffield *x = &f->f[f->cur];
        char m[700];
        const char *need = form_required(f, f->cur) ? _(" (bắt buộc)") :
                           f->mark_submit && wf_submit_needs(x->fd.name) ? _(" (cần trước khi gửi)") : "";
        snprintf(m, sizeof m, "%s%s%s%s", _(x->fd.label), need, *type_hint(x) ? " — " : "", type_hint(x));
        /* The label is on the screen already: when all does not fit, the hint wins. */
        if (ui_width(m) > COLS - 2 && *type_hint(x))
            snprintf(m, sizeof m, "%s%s%s", *need ? need + 1 : "", *need ? " — " : "", type_hint(x));
        move(LINES - 2, 0);
        clrtoeol();
        ui_put(LINES - 2, 1, COLS - 2, m, th(TH_DIM), 0);
    }
    keys_bar(SC_FORM);
    if (f->f[f->cur].le) ui_ime_badge(f->f[f->cur].ime_ok);
    if (cy >= 0) { curs_set(1); move(cy, cx); } else curs_set(0);
    refresh();
}

static void help(const form *f)
{
    size_t cap = 16384, len = 0;
    char *s = malloc(cap);
    if (!s) return;
    len += (size_t)snprintf(s, cap, "%s\n  Điền các trường rồi Lưu (F2 hoặc Ctrl-S). Trường có * là bắt buộc;\n"
                            "%s"
                            "  lỗi hiện ngay dưới trường.  Esc hoặc Ctrl-G: bỏ (sẽ hỏi nếu đã sửa).\n"
                            "  Mất kết nối khi đang nhập: biểu mẫu được lưu nháp, lần đăng nhập sau\n"
                            "  chương trình hỏi để mở lại.\n"
                            "  Bộ gõ có sẵn: ^T đổi tắt → Telex → VNI (dòng cuối cho biết đang dùng gì);\n"
                            "  Telex: aa â, aw ă, ee ê, oo ô, ow ơ, uw ư, dd đ; dấu s f r x j, z bỏ dấu.\n"
                            "\nCác trường\n", f->title,
                            f->mark_submit ? "  có + là cần điền trước khi Gửi đề xuất (lưu dự thảo thì chưa cần);\n" : "");
    for (int i = 0; i < f->n && len < cap - 600; i++) {
        const ffield *x = &f->f[i];
        len += (size_t)snprintf(s + len, cap - len, "  %s%s: %s\n", _(x->fd.label),
                                form_required(f, i) ? " *" :
                                f->mark_submit && wf_submit_needs(x->fd.name) ? " +" : "", type_hint(x));
        if (x->nch && x->fd.type != FT_BOOL) {
            len += (size_t)snprintf(s + len, cap - len, "      chọn:");
            for (int k = 0; k < x->nch && len < cap - 200; k++)
                len += (size_t)snprintf(s + len, cap - len, "%s %s", k ? ";" : "", x->chlabel[k]);
            len += (size_t)snprintf(s + len, cap - len, "\n");
        }
    }
    keys_help(SC_FORM, s, NULL);
    free(s);
}

/* ---- choosing -------------------------------------------------------- */

static void open_choice(form *f, ffield *x)
{
    if (is_choice(x)) {
        int c = pick_list(_(x->fd.label), (const char *const *)x->chlabel, x->nch, x->choice);
        if (c >= 0 && c != x->choice) { x->choice = c; f->dirty = 1; }
    } else if (x->fd.type == FT_SET) {
        unsigned b = x->set;
        if (pick_set(_(x->fd.label), (const char *const *)x->chlabel, x->nch, &b) && b != x->set) {
            x->set = b;
            f->dirty = 1;
        }
    } else if (strcmp(x->fd.name, "field") == 0) {
        char code[64];
        if (pick_field(code, sizeof code)) { le_set_utf8(x->le, code); f->dirty = 1; }
    } else if (strcmp(x->fd.name, "coauthors") == 0) {
        char buf[256] = "";
        if (pick_person(buf, sizeof buf)) {
            char *cur = le_get_utf8(x->le);
            size_t n = (cur ? strlen(cur) : 0) + strlen(buf) + 4;
            char *all = malloc(n);
            if (all && cur) {   /* cur NULL: out of memory; the list is not cut to one name */
                snprintf(all, n, "%s%s%s", *cur ? cur : "", *cur ? "; " : "", buf);
                le_set_utf8(x->le, all);
                f->dirty = 1;
            }
            free(all);
            free(cur);
        }
    } else if (x->fd.type == FT_UNIT || x->fd.type == FT_PERSON) {
        char buf[256] = "";
        char *cur = le_get_utf8(x->le);
        if (x->fd.type == FT_PERSON && cur) snprintf(buf, sizeof buf, "%s", cur);
        free(cur);
        if (x->fd.type == FT_UNIT ? pick_unit(buf, sizeof buf) : pick_person(buf, sizeof buf)) {
            le_set_utf8(x->le, buf);
            f->dirty = 1;
        }
    } else {
        snprintf(f->msg, sizeof f->msg, "Trường này không có danh sách để chọn; hãy gõ giá trị.");
        f->msg_err = 0;
    }
}

/* A letter typed on a choice: the next choice whose label starts with it. */
static void choice_letter(ffield *x, wint_t ch)
{
    char in[8] = "";
    wchar_t w[2] = {(wchar_t)ch, 0};
    if (wcstombs(in, w, sizeof in) == (size_t)-1) return;
    char *fin = text_fold(in);
    for (int step = 1; fin && *fin && step <= x->nch; step++) {
        int k = (x->choice + step + x->nch) % x->nch;
        char *fl = text_fold(x->chlabel[k]);
        int hit = fl && strncmp(fl, fin, strlen(fin)) == 0;
        free(fl);
        if (hit) { x->choice = k; break; }
    }
    free(fin);
}

int form_run(form *f, form_save_fn save, void *ud)
{
    if (f->n == 0) return 0;
    for (;;) {
        if (ui_stop) { draft_keep(f); return 0; }
        if (!ui_too_small()) draw(f);
        ui_key k;
        ui_getkey(SC_FORM, &k);
        ffield *x = &f->f[f->cur];
        if (k.act == K_STOP) { draft_keep(f); curs_set(0); return 0; }
        if (k.act != K_RESIZE && k.act != K_REDRAW) { f->msg[0] = '\0'; f->msg_err = 0; }
        switch (k.act) {
        case K_RESIZE: case K_REDRAW: break;
        case K_CANCEL:
            if (!f->dirty || ui_confirm("Bỏ các thay đổi chưa lưu?")) { curs_set(0); return 0; }
            break;
        case K_SAVE:
            form_clear_errors(f);
            if (save(f, ud)) { curs_set(0); return 1; }
            /* The cursor to the first field in error: what is typed next
             * goes where the first thing to fix is. */
            for (int i = f->n - 1; i >= 0; i--) if (f->f[i].err[0]) f->cur = i;
            if (!f->msg[0]) {
                int ne = 0;
                for (int i = 0; i < f->n; i++) ne += f->f[i].err[0] != 0;
                snprintf(f->msg, sizeof f->msg, "Chưa lưu: %d trường cần sửa (xem dòng ! dưới trường).", ne);
                f->msg_err = 1;
            }
            break;
        case K_HELP: help(f); break;
        case K_NEXT:
            if (x->le && x->fd.type == FT_LONGTEXT && k.ch != '\t') {
                if (le_op(x->le, LE_NEWLINE)) { f->dirty = 1; x->err[0] = '\0'; }
                break;
            }
            if (f->cur < f->n - 1) f->cur++;
            else { snprintf(f->msg, sizeof f->msg, "Đây là trường cuối; F2 hoặc Ctrl-S để lưu."); }
            break;
        case K_PREV: if (f->cur > 0) f->cur--; break;
        case K_UP:
            if (x->le && x->fd.type == FT_LONGTEXT && ui_area_vmove(x->le, value_width(), -1)) break;
            if (f->cur > 0) f->cur--;
            break;
        case K_DOWN:
            if (x->le && x->fd.type == FT_LONGTEXT && ui_area_vmove(x->le, value_width(), 1)) break;
            if (f->cur < f->n - 1) f->cur++;
            break;
        case K_PGUP: f->cur = f->cur > 5 ? f->cur - 5 : 0; break;
        case K_PGDN: f->cur = f->cur + 5 < f->n ? f->cur + 5 : f->n - 1; break;
        case K_PICK: open_choice(f, x); x->err[0] = '\0'; break;
        case K_IME:   /* for every field of every form from now on */
            ui_ime_cycle();
            for (int i = 0; i < f->n; i++) ui_ime_apply(f->f[i].le, f->f[i].ime_ok);
            snprintf(f->msg, sizeof f->msg, "Bộ gõ: %s%s", U.ime == LE_IME_TELEX ? "Telex" :
                     U.ime == LE_IME_VNI ? "VNI" : "tắt",
                     x->le && !x->ime_ok ? " (trường này nhận mã, số hoặc ngày nên không dùng bộ gõ)" : "");
            f->msg_err = 0;
            break;
        default:
            if (is_choice(x)) {
                int old = x->choice;
                if (k.act == K_LEFT) x->choice = x->choice <= 0 ? x->nch - 1 : x->choice - 1;
                else if (k.act == K_RIGHT && x->nch) x->choice = (x->choice + 1) % x->nch;
                else if (k.act == K_BKSP || k.act == K_DEL) x->choice = -1;
                else if (k.act == K_NONE && k.ch == ' ') open_choice(f, x);
                else if (k.act == K_NONE && !k.fn && k.ch > ' ') choice_letter(x, k.ch);
                if (x->choice != old) { f->dirty = 1; x->err[0] = '\0'; }
            } else if (x->fd.type == FT_SET) {
                if (k.act == K_NONE && k.ch == ' ') open_choice(f, x);
            } else if (x->le && ui_edit_key(x->le, &k)) {
                if (le_dirty(x->le)) { f->dirty = 1; x->err[0] = '\0'; }
            }
            break;
        }
    }
}
