/* Output of the command line: tables fitted by display width (Vietnamese
 * letters with marks are one column, wide characters two), CSV through
 * csv.c, and JSON with sbuf's escaping. */
#include "cli_internal.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/csv.h"
#include "base/sbuf.h"
#include "text/text.h"

int cli_format(cli_ctx *c, const char *name, unsigned allowed, int *fmt)
{
    static const struct { const char *name; int fmt; } fmts[] = {
        {"table", FMT_TABLE}, {"csv", FMT_CSV}, {"json", FMT_JSON}, {"text", FMT_TEXT},
    };
    if (!name) return CLI_OK;
    for (size_t i = 0; i < sizeof fmts / sizeof fmts[0]; i++)
        if (strcmp(name, fmts[i].name) == 0 && (allowed & (unsigned)fmts[i].fmt)) {
            *fmt = fmts[i].fmt;
            return CLI_OK;
        }
    char list[64] = "";
    for (size_t i = 0; i < sizeof fmts / sizeof fmts[0]; i++)
        if (allowed & (unsigned)fmts[i].fmt) {
            if (*list) strcat(list, "|");
            strcat(list, fmts[i].name);
        }
    return cli_usage_error(c, "--format phải là %s, không phải \"%.40s\"", list, name);
}

/* Bytes of the UTF-8 sequence starting at s (1 for a stray byte). */
static size_t seq_len(const char *s)
{
    size_t n = 1;
    while (s[n] && ((unsigned char)s[n] & 0xC0) == 0x80) n++;
    return n;
}

char *cli_cell(const char *s, int maxw)
{
    char *one = strdup(s ? s : "");
    if (!one) return NULL;
    for (char *p = one; *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t') *p = ' ';
    char *clean = text_sanitize(one, 0);
    free(one);
    if (!clean || maxw <= 0 || text_width(clean) <= maxw) return clean;
    /* Keep whole characters while they fit in maxw-1 columns, then "…".
     * A combining mark adds no width, so it stays with its letter. */
    size_t keep = 0;
    for (size_t i = 0; clean[i];) {
        size_t j = i + seq_len(clean + i);
        char save = clean[j];
        clean[j] = '\0';
        int w = text_width(clean);
        clean[j] = save;
        if (w > maxw - 1) break;
        keep = i = j;
    }
    char *cut = realloc(clean, keep + sizeof "…");
    if (!cut) { free(clean); return NULL; }
    memcpy(cut + keep, "…", sizeof "…");
    return cut;
}

void out_begin(cli_out *o, int fmt, const cli_col *cols, int ncol)
{
    memset(o, 0, sizeof *o);
    o->fmt = fmt;
    o->cols = cols;
    o->ncol = ncol < 32 ? ncol : 32;
}

/* The CSV header or the JSON "[" goes out with the first row (or at the
 * end), so that a query that fails prints nothing on stdout. */
static void out_start(cli_out *o)
{
    if (o->started) return;
    o->started = 1;
    if (o->fmt == FMT_CSV) {
        const char *keys[32];
        for (int i = 0; i < o->ncol; i++) keys[i] = o->cols[i].key;
        csv_write_row(stdout, keys, o->ncol);
    } else if (o->fmt == FMT_JSON) {
        fputs("[", stdout);
    }
}

static int all_digits(const char *s)
{
    if (*s == '-') s++;
    if (!*s) return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9') return 0;
    return 1;
}

static void json_row(const cli_out *o, const char *const *vals)
{
    sbuf b;
    sbuf_init(&b);
    sbuf_add(&b, o->nrows ? ",\n  {" : "\n  {");
    for (int i = 0; i < o->ncol; i++) {
        const char *v = vals[i] ? vals[i] : "";
        if (i) sbuf_add(&b, ", ");
        sbuf_json_str(&b, o->cols[i].key);
        sbuf_add(&b, ": ");
        if ((o->cols[i].jtype == 1 || o->cols[i].jtype == 3) && !*v)
            sbuf_add(&b, "null");
        else if (o->cols[i].jtype == 1 && all_digits(v))
            sbuf_add(&b, v);
        else if (o->cols[i].jtype == 2 && (*v == '{' || *v == '['))
            sbuf_add(&b, v);   /* stored by the core as JSON */
        else
            sbuf_json_str(&b, v);
    }
    sbuf_add(&b, "}");
    fputs(sbuf_str(&b), stdout);
    sbuf_free(&b);
}

/* Tables are read by people: dates as dd/mm/yyyy, timestamps (stored in
 * UTC) as local dd/mm/yyyy HH:MM.  CSV and JSON keep the ISO forms. */
static const char *human_time(const char *v, char *buf, size_t n)
{
    if (!v) return v;
    size_t len = strlen(v);
    int y, m, d, hh, mm, ss;
    char z;
    if (len == 10 && sscanf(v, "%4d-%2d-%2d", &y, &m, &d) == 3 && v[4] == '-') {
        snprintf(buf, n, "%02d/%02d/%04d", d, m, y);
        return buf;
    }
    if (len == 20 && sscanf(v, "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &m, &d, &hh, &mm, &ss, &z) == 7
        && z == 'Z') {
        struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d,
                        .tm_hour = hh, .tm_min = mm, .tm_sec = ss};
        time_t t = timegm(&tm);
        struct tm lt;
        if (localtime_r(&t, &lt) && strftime(buf, n, "%d/%m/%Y %H:%M", &lt)) return buf;
    }
    return v;
}

void out_row(cli_out *o, const char *const *vals)
{
    out_start(o);
    if (o->fmt == FMT_CSV) {
        csv_write_row(stdout, vals, o->ncol);
    } else if (o->fmt == FMT_JSON) {
        json_row(o, vals);
    } else {
        if ((o->nrows + 1) * o->ncol > o->cap) {
            int cap = o->cap ? o->cap * 2 : 64 * o->ncol;
            char **cells = realloc(o->cells, (size_t)cap * sizeof *cells);
            if (!cells) { o->oom = 1; return; }
            o->cells = cells;
            o->cap = cap;
        }
        for (int i = 0; i < o->ncol; i++) {
            char **cell = &o->cells[o->nrows * o->ncol + i];
            char when[32];
            *cell = o->cols[i].maxw < 0 ? NULL
                    : cli_cell(human_time(vals[i], when, sizeof when), o->cols[i].maxw);
            if (o->cols[i].maxw >= 0 && !*cell) o->oom = 1;
        }
    }
    o->nrows++;
}

static void pad(sbuf *b, int n)
{
    for (; n > 0; n--) sbuf_addn(b, " ", 1);
}

/* One line, without the spaces that padding leaves after empty cells. */
static void put_line(sbuf *b)
{
    while (b->len && b->s[b->len - 1] == ' ') b->s[--b->len] = '\0';
    fputs(sbuf_str(b), stdout);
    fputc('\n', stdout);
    b->len = 0;
    if (b->s) b->s[0] = '\0';
}

static void table_print(cli_out *o)
{
    int w[32] = {0}, last = -1;
    for (int i = 0; i < o->ncol && i < 32; i++) {
        if (o->cols[i].maxw < 0) continue;
        w[i] = text_width(o->cols[i].head);
        for (int r = 0; r < o->nrows; r++) {
            const char *cell = o->cells[r * o->ncol + i];
            int cw = cell ? text_width(cell) : 0;
            if (cw > w[i]) w[i] = cw;
        }
        last = i;
    }
    sbuf b;
    sbuf_init(&b);
    /* r = -2: the headings, -1: the rule under them, then the rows. */
    for (int r = -2; r < o->nrows; r++) {
        for (int i = 0; i < o->ncol && i < 32; i++) {
            if (o->cols[i].maxw < 0) continue;
            if (r == -1) {
                for (int k = 0; k < w[i]; k++) sbuf_addn(&b, "-", 1);
                if (i != last) sbuf_add(&b, "  ");
                continue;
            }
            const char *cell = r == -2 ? o->cols[i].head : o->cells[r * o->ncol + i];
            sbuf_add(&b, cell ? cell : "");
            if (i != last) pad(&b, w[i] - (cell ? text_width(cell) : 0) + 2);
        }
        put_line(&b);
    }
    sbuf_free(&b);
}

static void free_cells(cli_out *o)
{
    if (o->cells)
        for (int k = 0; k < o->nrows * o->ncol; k++) free(o->cells[k]);
    free(o->cells);
    o->cells = NULL;
}

int out_end(cli_out *o)
{
    out_start(o);
    if (o->fmt == FMT_JSON) {
        fputs(o->nrows ? "\n]\n" : "]\n", stdout);
    } else if (o->fmt == FMT_TABLE) {
        if (o->oom) fputs("(hết bộ nhớ: bảng không đầy đủ)\n", stderr);
        table_print(o);
        free_cells(o);
    }
    return o->nrows;
}

void out_abort(cli_out *o)
{
    free_cells(o);
}
