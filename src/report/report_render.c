/* A report's body as lines of text: per table a title, a grid whose text
 * cells wrap at word boundaries (numbers right-aligned, dates dd/mm/yyyy),
 * a note, and on screen a chart — horizontal bars per unit or field, a
 * month-by-month column chart — in block characters or plain '#'.  Widths
 * are display columns (utf8proc), so Vietnamese text lines up.  The screen
 * and the printable document both draw these lines. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "report.h"
#include "base/sbuf.h"
#include "text/text.h"
#include "base/workdays.h"

#define MAXWRAP 4096

static void para(report_lines *out, const char *text, int width, int style, int glue);

/* ---- lines ------------------------------------------------------------------------ */

void report_lines_add(report_lines *l, const char *text, int style, int glue)
{
    if (l->oom) return;
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 128;
        report_line *v = realloc(l->v, (size_t)cap * sizeof *v);
        if (!v) { l->oom = 1; return; }
        l->v = v;
        l->cap = cap;
    }
    char *t = strdup(text);
    if (!t) { l->oom = 1; return; }
    report_line *ln = &l->v[l->n++];
    ln->text = t;
    ln->style = style;
    ln->glue = glue;
    ln->head = -1;
    ln->nhead = 0;
}

void report_lines_free(report_lines *l)
{
    for (int i = 0; i < l->n; i++) free(l->v[i].text);
    free(l->v);
    memset(l, 0, sizeof *l);
}

int report_chart_unicode(int utf8, const char *term)
{
    if (!utf8) return 0;
    if (!term || !*term) return 1;
    /* vt100-family terminals and the Linux console font lack the eighths. */
    if (strncmp(term, "vt", 2) == 0 || strncmp(term, "linux", 5) == 0 ||
        strcmp(term, "dumb") == 0)
        return 0;
    return 1;
}

/* ---- widths and wrapping ---------------------------------------------------------- */

/* Bytes and display width of the character at s. */
static size_t char_at(const char *s, int *w)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp);
    if (n <= 0) { *w = 1; return 1; }
    *w = utf8proc_charwidth(cp);
    if (*w < 0) *w = 1;
    return (size_t)n;
}

typedef struct wlines { char **v; int n, cap, oom; } wlines;

static void push(wlines *l, sbuf *line)
{
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 4;
        char **v = realloc(l->v, (size_t)cap * sizeof *v);
        if (!v) { sbuf_free(line); l->oom = 1; return; }
        l->v = v;
        l->cap = cap;
    }
    char *s = sbuf_take(line);
    if (s) l->v[l->n++] = s;
    else l->oom = 1;
}

/* Wrap s into lines of at most w columns: at spaces, and inside a word that
 * is longer than a line; '\n' breaks.  Returns the count (lines malloc'd;
 * at least one, maybe empty — or fewer, with rl->oom set, out of memory). */
static int wrap(const char *src, int w, char ***out, report_lines *rl)
{
    char *s = text_sanitize(src ? src : "", 1);
    wlines l = {NULL, 0, 0, !s};
    sbuf line;
    sbuf_init(&line);
    if (w < 1) w = 1;
    int lw = 0;
    const char *p = s ? s : "";
    while (*p && l.n < MAXWRAP) {
        if (*p == '\n') { push(&l, &line); lw = 0; p++; continue; }
        if (*p == ' ' || *p == '\t' || *p == '\r') { p++; continue; }
        const char *q = p;
        int ww = 0;
        while (*q && *q != ' ' && *q != '\t' && *q != '\n' && *q != '\r') {
            int cw;
            q += char_at(q, &cw);
            ww += cw;
        }
        if (lw > 0 && lw + 1 + ww > w) { push(&l, &line); lw = 0; }
        if (lw > 0) { sbuf_add(&line, " "); lw++; }
        while (p < q) {
            int cw;
            size_t n = char_at(p, &cw);
            if (lw > 0 && lw + cw > w) { push(&l, &line); lw = 0; }
            sbuf_addn(&line, p, n);
            lw += cw;
            p += n;
        }
    }
    if (lw > 0 || l.n == 0) push(&l, &line);
    sbuf_free(&line);
    free(s);
    if (l.oom) rl->oom = 1;   /* lines lost: the report says out of memory */
    *out = l.v;
    return l.n;
}

static void free_lines(char **v, int n)
{
    for (int i = 0; i < n; i++) free(v[i]);
    free(v);
}

/* Append s padded to w columns (align: 0 left, 1 right, 2 centre). */
static void pad(sbuf *b, const char *s, int w, int align)
{
    int sw = text_width(s), gap = w > sw ? w - sw : 0;
    int left = align == 1 ? gap : align == 2 ? gap / 2 : 0;
    for (int i = 0; i < left; i++) sbuf_add(b, " ");
    sbuf_add(b, s);
    for (int i = left; i < gap; i++) sbuf_add(b, " ");
}

void report_lines_para(report_lines *out, const char *text, int width, int style)
{
    para(out, text, width, style, 0);
}

/* Wrapped paragraph: the lines after the first glued to it. */
static void para(report_lines *out, const char *text, int width, int style, int glue)
{
    char **v;
    int n = wrap(text, width, &v, out);
    for (int i = 0; i < n; i++) report_lines_add(out, v[i], style, i ? 1 : glue);
    free_lines(v, n);
}

/* ---- tables ------------------------------------------------------------------------- */

static const char *shown(const report_table *t, int row, int col, char buf[11])
{
    const char *s = report_cell(t, row, col);
    if (t->col[col].type == RT_DATE && *s) {
        st_day d;
        if (date_parse(s, &d, NULL) == ST_OK) {
            date_vn(d, buf);
            return buf;
        }
    }
    return s;
}

/* Widths of the longest word and of the longest line of s. */
static void measure(const char *s, int *word, int *line)
{
    int cw = 0, lw = 0;
    *word = *line = 0;
    while (s && *s) {
        int w;
        if (*s == '\n') { cw = lw = 0; s++; continue; }
        if (*s == ' ') { cw = 0; lw++; s++; }
        else {
            s += char_at(s, &w);
            cw += w;
            lw += w;
        }
        if (cw > *word) *word = cw;
        if (lw > *line) *line = lw;
    }
}

static void rule(const int *w, int nv, sbuf *b)
{
    sbuf_add(b, "+");
    for (int i = 0; i < nv; i++) {
        for (int k = 0; k < w[i] + 2; k++) sbuf_add(b, "-");
        sbuf_add(b, "+");
    }
}

/* One row of cells (each wrapped to its column) as one or more lines. */
static void grid_row(report_lines *out, const char *const *cells, const int *w, const int *right,
                     int nv, int style, int glue, int head, int nhead)
{
    char **wr[REPORT_MAXCOL];
    int nw[REPORT_MAXCOL], h = 1;
    for (int i = 0; i < nv; i++) {
        nw[i] = wrap(cells[i], w[i], &wr[i], out);
        if (nw[i] > h) h = nw[i];
    }
    for (int k = 0; k < h; k++) {
        sbuf b;
        sbuf_init(&b);
        sbuf_add(&b, "|");
        for (int i = 0; i < nv; i++) {
            sbuf_add(&b, " ");
            pad(&b, k < nw[i] ? wr[i][k] : "", w[i], style == RL_HEAD ? 2 : right[i]);
            sbuf_add(&b, " |");
        }
        report_lines_add(out, sbuf_str(&b), style, k ? 1 : glue);
        if (out->n && !out->oom) {
            out->v[out->n - 1].head = head;
            out->v[out->n - 1].nhead = nhead;
        }
        sbuf_free(&b);
    }
    for (int i = 0; i < nv; i++) free_lines(wr[i], nw[i]);
}

/* The text of display column i of a row: its columns (the first and those
 * joined to it), one per line.  Returns a malloc'd string (NULL, with
 * out->oom set, when out of memory). */
static char *display_cell(const report_table *t, int row, const int *first, const int *last,
                          int i, report_lines *out)
{
    sbuf b;
    sbuf_init(&b);
    for (int c = first[i]; c <= last[i]; c++) {
        if (t->col[c].flags & RC_NOTEXT) continue;
        char buf[11];
        const char *s = row < 0 ? t->col[c].head : shown(t, row, c, buf);
        if (!*s) continue;
        if (b.len) sbuf_add(&b, "\n");
        sbuf_add(&b, s);
    }
    char *s = sbuf_take(&b);
    if (!s) out->oom = 1;
    return s;
}

static void render_table(const report_table *t, int width, report_lines *out)
{
    /* Display columns: a visible column and the RC_JOIN columns after it. */
    int first[REPORT_MAXCOL], last[REPORT_MAXCOL], nv = 0;
    int w[REPORT_MAXCOL], right[REPORT_MAXCOL], hw[REPORT_MAXCOL], minw[REPORT_MAXCOL];
    for (int c = 0; c < t->ncol; c++) {
        if (t->col[c].flags & RC_NOTEXT) continue;
        if ((t->col[c].flags & RC_JOIN) && nv > 0) { last[nv - 1] = c; continue; }
        first[nv] = last[nv] = c;
        right[nv] = t->col[c].type == RT_INT;
        nv++;
    }
    for (int i = 0; i < nv; i++) {
        int nat = 0, word = 0, hword, wd, ln;
        for (int r = 0; r < t->nrows; r++) {
            char *s = display_cell(t, r, first, last, i, out);
            measure(s, &wd, &ln);
            free(s);
            if (ln > nat) nat = ln;
            if (wd > word) word = wd;
        }
        char *h = display_cell(t, -1, first, last, i, out);
        measure(h, &hword, &hw[i]);
        free(h);
        w[i] = nat > hword ? nat : hword;
        if (w[i] < 1) w[i] = 1;
        /* Codes, dates and numbers keep their width while long text wraps. */
        minw[i] = word < 14 ? word : 14;
        if (minw[i] < hword) minw[i] = hword;
        if (minw[i] > w[i]) minw[i] = w[i];
    }
    int room = width - 1 - 3 * nv, total = 0;
    for (int i = 0; i < nv; i++) total += w[i];
    /* Too wide: narrow the widest column that may wrap, a step at a time;
     * then, if still too wide, any column. */
    for (int phase = 0; phase < 2 && total > room; phase++)
        while (total > room) {
            int best = -1;
            for (int i = 0; i < nv; i++)
                if (w[i] > (phase ? 3 : minw[i]) && (best < 0 || w[i] > w[best])) best = i;
            if (best < 0) break;
            w[best]--;
            total--;
        }
    /* Room left: headings on one line where they fit. */
    for (int i = 0; i < nv && total < room; i++)
        if (hw[i] > w[i] && total + hw[i] - w[i] <= room) {
            total += hw[i] - w[i];
            w[i] = hw[i];
        }
    int start = out->n;
    sbuf b;
    sbuf_init(&b);
    rule(w, nv, &b);
    report_lines_add(out, sbuf_str(&b), RL_RULE, 1);
    char *cells[REPORT_MAXCOL];
    for (int i = 0; i < nv; i++) cells[i] = display_cell(t, -1, first, last, i, out);
    grid_row(out, (const char *const *)cells, w, right, nv, RL_HEAD, 1, -1, 0);
    for (int i = 0; i < nv; i++) free(cells[i]);
    report_lines_add(out, sbuf_str(&b), RL_RULE, 1);
    int nhead = out->n - start;
    for (int r = 0; r < t->nrows; r++) {
        int total_row = t->total_row && r == t->nrows - 1;
        if (total_row) {
            report_lines_add(out, sbuf_str(&b), RL_RULE, 1);
            if (!out->oom) {
                out->v[out->n - 1].head = start;
                out->v[out->n - 1].nhead = nhead;
            }
        }
        for (int i = 0; i < nv; i++) cells[i] = display_cell(t, r, first, last, i, out);
        grid_row(out, (const char *const *)cells, w, right, nv,
                 total_row ? RL_TOTAL : RL_BODY, r == 0 || total_row, start, nhead);
        for (int i = 0; i < nv; i++) free(cells[i]);
    }
    report_lines_add(out, sbuf_str(&b), RL_RULE, 1);
    sbuf_free(&b);
}

/* ---- charts ------------------------------------------------------------------------ */

static const char *const hbar[8] = {"▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"};
static const char *const vbar[8] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};

static long value_of(const report_table *t, int r)
{
    return atol(report_cell(t, r, t->chart_value));
}

/* Cut s to w columns (with "…" when cut) and pad it. */
static void fit(sbuf *b, const char *s, int w)
{
    if (text_width(s) <= w) { pad(b, s, w, 0); return; }
    int used = 0;
    while (*s) {
        int cw;
        size_t n = char_at(s, &cw);
        if (used + cw > w - 1) break;
        sbuf_addn(b, s, n);
        used += cw;
        s += n;
    }
    sbuf_add(b, "…");
    for (used++; used < w; used++) sbuf_add(b, " ");
}

static void chart_bars(const report_table *t, int width, int uni, report_lines *out)
{
    int n = t->nrows - (t->total_row ? 1 : 0), lw = 0, vw = 1;
    long max = 0;
    for (int r = 0; r < n; r++) {
        int cw = text_width(report_cell(t, r, t->chart_label));
        if (cw > lw) lw = cw;
        if (value_of(t, r) > max) max = value_of(t, r);
    }
    char num[32];
    vw = snprintf(num, sizeof num, "%ld", max);
    if (lw > width / 3) lw = width / 3;
    int bw = width - lw - vw - 3;
    if (bw < 4 || n == 0 || max == 0) return;
    for (int r = 0; r < n; r++) {
        long v = value_of(t, r);
        long e8 = max ? (v * bw * 8 + max / 2) / max : 0;
        if (v > 0 && e8 == 0) e8 = 1;
        sbuf b;
        sbuf_init(&b);
        fit(&b, report_cell(t, r, t->chart_label), lw);
        sbuf_add(&b, uni ? " │" : " |");
        int used = 0;
        if (uni) {
            for (; e8 >= 8; e8 -= 8, used++) sbuf_add(&b, hbar[7]);
            if (e8 > 0) { sbuf_add(&b, hbar[e8 - 1]); used++; }
        } else {
            long cells = (e8 + 4) / 8;
            if (v > 0 && cells == 0) cells = 1;
            for (; used < cells; used++) sbuf_add(&b, "#");
        }
        for (; used < bw; used++) sbuf_add(&b, " ");
        snprintf(num, sizeof num, " %*ld", vw, v);
        sbuf_add(&b, num);
        report_lines_add(out, sbuf_str(&b), RL_CHART, 1);
        sbuf_free(&b);
    }
}

static void chart_columns(const report_table *t, int width, int uni, report_lines *out)
{
    enum { H = 8 };
    int n = t->nrows - (t->total_row ? 1 : 0);
    long max = 0;
    for (int r = 0; r < n; r++)
        if (value_of(t, r) > max) max = value_of(t, r);
    char num[32];
    int aw = snprintf(num, sizeof num, "%ld", max) + 1;
    int room = width - aw - 1;
    if (n == 0 || room < 4 || max == 0) return;
    int cw = room / n;
    if (cw > 5) cw = 5;
    if (cw < 1) { cw = 1; n = room; }
    for (int lev = H - 1; lev >= 0; lev--) {
        sbuf b;
        sbuf_init(&b);
        if (lev == H - 1) snprintf(num, sizeof num, "%*ld", aw - 1, max);
        else if (lev == 0) snprintf(num, sizeof num, "%*d", aw - 1, 0);
        else snprintf(num, sizeof num, "%*s", aw - 1, "");
        sbuf_add(&b, num);
        sbuf_add(&b, uni ? "┤" : "|");
        for (int r = 0; r < n; r++) {
            long v = value_of(t, r), h8 = max ? (v * H * 8 + max / 2) / max : 0;
            if (v > 0 && h8 == 0) h8 = 1;
            const char *g = " ";
            if (uni) {
                if (h8 >= (lev + 1) * 8) g = vbar[7];
                else if (h8 > lev * 8) g = vbar[h8 - lev * 8 - 1];
            } else if (h8 >= lev * 8 + 4 || (lev == 0 && h8 > 0)) {
                g = "#";
            }
            for (int k = 0; k < cw - (cw > 1); k++) sbuf_add(&b, g);
            if (cw > 1) sbuf_add(&b, " ");
        }
        report_lines_add(out, sbuf_str(&b), RL_CHART, 1);
        sbuf_free(&b);
    }
    /* Axis labels: the month number under each column, then the values. */
    for (int pass = 0; pass < 2 && cw >= 3; pass++) {
        sbuf b;
        sbuf_init(&b);
        for (int k = 0; k < aw; k++) sbuf_add(&b, " ");
        for (int r = 0; r < n; r++) {
            char lab[32];
            if (pass == 0) snprintf(lab, sizeof lab, "%.2s", report_cell(t, r, t->chart_label));
            else snprintf(lab, sizeof lab, "%ld", value_of(t, r));
            if ((int)strlen(lab) > cw - 1) lab[0] = '\0';
            pad(&b, lab, cw - 1, 2);
            sbuf_add(&b, " ");
        }
        report_lines_add(out, sbuf_str(&b), RL_CHART, 1);
        sbuf_free(&b);
    }
}

/* ---- the body ------------------------------------------------------------------------- */

static void vn(const char *iso, char out[11])
{
    st_day d;
    if (date_parse(iso, &d, NULL) == ST_OK) date_vn(d, out);
    else snprintf(out, 11, "%s", iso);
}

int report_render(const report *r, int width, unsigned flags, report_lines *out)
{
    char a[11], b[11], buf[1024];
    if (width < 40) width = 40;
    if (r->from[0]) {
        vn(r->from, a);
        vn(r->to, b);
        snprintf(buf, sizeof buf, "Kỳ báo cáo: %s (từ ngày %s đến ngày %s).", r->period_label, a, b);
        if (strncmp(r->period_label, "từ ngày", 7) == 0)
            snprintf(buf, sizeof buf, "Kỳ báo cáo: từ ngày %s đến ngày %s.", a, b);
        para(out, buf, width, RL_TEXT, 0);
    }
    vn(r->as_of, a);
    snprintf(buf, sizeof buf, "Phạm vi: %s và các đơn vị trực thuộc. Số liệu tính đến ngày %s.",
             r->unit_name, a);
    para(out, buf, width, RL_TEXT, 0);
    if (r->empty)
        para(out, r->from[0] ? "Trong kỳ báo cáo không có số liệu." : "Không có việc quá hạn.",
             width, RL_NOTE, 0);
    for (int i = 0; i < r->ntables; i++) {
        const report_table *t = r->t[i];
        report_lines_add(out, "", RL_TEXT, 0);
        snprintf(buf, sizeof buf, "%d. %s", i + 1, t->title);
        para(out, buf, width, RL_TITLE, 0);
        if (t->nrows == 0) {
            report_lines_add(out, "Không có số liệu.", RL_NOTE, 1);
            continue;
        }
        render_table(t, width, out);
        if (t->note[0]) para(out, t->note, width, RL_NOTE, 1);
        if ((flags & RR_CHARTS) && t->chart != RCH_NONE && report_has_rows(t)) {
            report_lines_add(out, "", RL_CHART, 1);
            snprintf(buf, sizeof buf, "Biểu đồ: %s", t->col[t->chart_value].head);
            report_lines_add(out, buf, RL_CHART, 1);
            if (t->chart == RCH_BARS) chart_bars(t, width, flags & RR_UNICODE, out);
            else chart_columns(t, width, flags & RR_UNICODE, out);
        }
    }
    return out->oom ? ST_ENOMEM : ST_OK;
}
