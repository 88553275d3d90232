/* The report structure (tables of rows), periods, and the unit a report is
 * about.  The two reports are computed in report_periodic.c and
 * report_overdue.c; the renderings live in report_render.c, report_doc.c
 * and report_export.c. */
#include "report_internal.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "flow/scope.h"

/* ---- the structure ---------------------------------------------------------- */

report *report_new(const char *kind)
{
    report *r = calloc(1, sizeof *r);
    if (r) snprintf(r->kind, sizeof r->kind, "%s", kind);
    return r;
}

/* The cells' strings, copied one after another into chunks freed with the
 * report: a year's review holds 220 000 cells, and a malloc and a free
 * each were a tenth of its time. */
typedef struct report_chunk {
    struct report_chunk *next;
    size_t used, size;
    char data[];
} report_chunk;

#define CHUNK (64 * 1024)

static char *text_copy(report *r, const char *s)
{
    size_t n = strlen(s) + 1;
    report_chunk *c = r->text;
    if (!c || c->size - c->used < n) {
        size_t size = n > CHUNK ? n : CHUNK;
        report_chunk *nc = malloc(sizeof *nc + size);
        if (!nc) return NULL;
        nc->used = 0;
        nc->size = size;
        if (c && n > CHUNK) {   /* a long one alone, behind the chunk in use */
            nc->next = c->next;
            c->next = nc;
        } else {
            nc->next = c;
            r->text = nc;
        }
        c = nc;
    }
    char *p = c->data + c->used;
    memcpy(p, s, n);
    c->used += n;
    return p;
}

void report_free(report **rp)
{
    if (!rp || !*rp) return;
    report *r = *rp;
    for (int i = 0; i < r->ntables; i++) {
        report_table *t = r->t[i];
        free(t->cells);
        free(t);
    }
    while (r->text) {
        report_chunk *next = r->text->next;
        free(r->text);
        r->text = next;
    }
    free(r->t);
    free(r);
    *rp = NULL;
}

const report_table *report_find(const report *r, const char *key)
{
    for (int i = 0; r && key && i < r->ntables; i++)
        if (strcmp(r->t[i]->key, key) == 0) return r->t[i];
    return NULL;
}

const char *report_cell(const report_table *t, int row, int col)
{
    if (!t || row < 0 || row >= t->nrows || col < 0 || col >= t->ncol) return "";
    const char *s = t->cells[row * t->ncol + col];
    return s ? s : "";
}

int report_has_rows(const report_table *t)
{
    return t && t->nrows > (t->total_row ? 1 : 0);
}

report_table *rt_add(report *r, const char *key, const char *sheet, const char *title,
                     const char *cols)
{
    if (r->ntables == r->cap) {
        int cap = r->cap ? r->cap * 2 : 16;
        report_table **v = realloc(r->t, (size_t)cap * sizeof *v);
        if (!v) { r->oom = 1; return NULL; }
        r->t = v;
        r->cap = cap;
    }
    report_table *t = calloc(1, sizeof *t);
    if (!t) { r->oom = 1; return NULL; }
    snprintf(t->key, sizeof t->key, "%s", key);
    snprintf(t->sheet, sizeof t->sheet, "%s", sheet);
    snprintf(t->title, sizeof t->title, "%s", title);
    /* "key:Heading:t|…" */
    const char *p = cols;
    while (*p && t->ncol < REPORT_MAXCOL) {
        const char *c1 = strchr(p, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
        if (!c2) break;
        report_col *c = &t->col[t->ncol++];
        snprintf(c->key, sizeof c->key, "%.*s", (int)(c1 - p), p);
        snprintf(c->head, sizeof c->head, "%.*s", (int)(c2 - c1 - 1), c1 + 1);
        switch (c2[1]) {
        case 'i': c->type = RT_INT; break;
        case 'd': c->type = RT_DATE; break;
        case 'k': c->type = RT_TEXT; c->flags = RC_NOTEXT; break;
        default: c->type = RT_TEXT; break;
        }
        p = c2 + 2;
        if (*p == '+') { c->flags |= RC_JOIN; p++; }
        if (*p == '|') p++;
    }
    t->chart_label = -1;
    t->chart_value = -1;
    r->t[r->ntables++] = t;
    return t;
}

int rt_newrow(report *r, report_table *t)
{
    if (!t) return -1;
    if (t->nrows == t->cap) {
        int cap = t->cap ? t->cap * 2 : 16;
        char **v = realloc(t->cells, (size_t)cap * (size_t)t->ncol * sizeof *v);
        if (!v) { r->oom = 1; return -1; }
        t->cells = v;
        t->cap = cap;
    }
    for (int c = 0; c < t->ncol; c++) t->cells[t->nrows * t->ncol + c] = NULL;
    return t->nrows++;
}

void rt_set(report *r, report_table *t, int row, int col, const char *s)
{
    if (!t || row < 0 || row >= t->nrows || col < 0 || col >= t->ncol) return;
    char **cell = &t->cells[row * t->ncol + col];
    *cell = text_copy(r, s ? s : "");   /* a value set again leaves the old in its chunk */
    if (!*cell) r->oom = 1;
}

void rt_seti(report *r, report_table *t, int row, int col, long long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", v);
    rt_set(r, t, row, col, buf);
}

/* ---- periods -------------------------------------------------------------------- */

static st_day ymd(int y, int m, int d)
{
    char buf[16];
    st_day out = 0;
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    date_parse(buf, &out, NULL);
    return out;
}

/* Months [m1, m2] of year y (m2 may pass 12: next year). */
static void months(int y, int m1, int n, st_day *from, st_day *to)
{
    int y2 = y + (m1 - 1 + n) / 12, m2 = (m1 - 1 + n) % 12 + 1;
    *from = ymd(y + (m1 - 1) / 12, (m1 - 1) % 12 + 1, 1);
    *to = ymd(y2, m2, 1) - 1;
}

static const char *const roman[] = {"I", "II", "III", "IV"};

int report_period(const report_params *p, char from[11], char to[11], char pfrom[11],
                  char pto[11], char *label, size_t labeln, st_err *e)
{
    st_day f = 0, t = 0, pf = 0, pt = 0;
    if (p->period && *p->period) {
        int y = p->year, n = p->number, len = 0, first = 0;
        if (y < 1900 || y > 9999)
            return err_field(e, ST_EINVAL, "year", "Năm không hợp lệ: %d (cần 1900–9999)", y);
        if (strcmp(p->period, "month") == 0) {
            if (n < 1 || n > 12)
                return err_field(e, ST_EINVAL, "number", "Tháng phải từ 1 đến 12 (đang là %d)", n);
            len = 1, first = n;
            snprintf(label, labeln, "tháng %d năm %d", n, y);
        } else if (strcmp(p->period, "quarter") == 0) {
            if (n < 1 || n > 4)
                return err_field(e, ST_EINVAL, "number", "Quý phải từ 1 đến 4 (đang là %d)", n);
            len = 3, first = 3 * n - 2;
            snprintf(label, labeln, "quý %s năm %d", roman[n - 1], y);
        } else if (strcmp(p->period, "half") == 0) {
            if (n < 1 || n > 2)
                return err_field(e, ST_EINVAL, "number",
                                 "Nửa năm phải là 1 (6 tháng đầu) hoặc 2 (6 tháng cuối) "
                                 "(đang là %d)", n);
            len = 6, first = 6 * n - 5;
            snprintf(label, labeln, "6 tháng %s năm %d", n == 1 ? "đầu" : "cuối", y);
        } else if (strcmp(p->period, "year") == 0) {
            len = 12, first = 1;
            snprintf(label, labeln, "năm %d", y);
        } else {
            return err_field(e, ST_EINVAL, "period",
                             "Kỳ báo cáo phải là month, quarter, half hoặc year "
                             "(đang là \"%.20s\")", p->period);
        }
        months(y, first, len, &f, &t);
        /* The period before: the same kind, one step back. */
        int pm = first - len, py = y;
        while (pm < 1) { pm += 12; py--; }
        months(py, pm, len, &pf, &pt);
    } else {
        if (!p->from || !*p->from || !p->to || !*p->to)
            return err_field(e, ST_EINVAL, "from",
                             "Cần kỳ báo cáo: từ ngày và đến ngày, hoặc kỳ (tháng, quý, 6 tháng, năm) và năm");
        if (date_parse(p->from, &f, e) != ST_OK) return ST_EINVAL;
        if (date_parse(p->to, &t, e) != ST_OK) return ST_EINVAL;
        if (t < f)
            return err_field(e, ST_EINVAL, "to", "Ngày kết thúc kỳ báo cáo trước ngày bắt đầu");
        /* Same length, just before. */
        pt = f - 1;
        pf = pt - (t - f);
        char a[11], b[11];
        date_vn(f, a);
        date_vn(t, b);
        snprintf(label, labeln, "từ ngày %s đến ngày %s", a, b);
    }
    date_iso(f, from);
    date_iso(t, to);
    date_iso(pf, pfrom);
    date_iso(pt, pto);
    return ST_OK;
}

/* ---- shared helpers ---------------------------------------------------------------- */

int report_unit_resolve(st_db *db, const st_actor *who, const char *code,
                        report_unit *u, st_err *e)
{
    memset(u, 0, sizeof *u);
    sqlite3_stmt *st;
    int rc = db_prepare(db, code ? "SELECT id, path, code, name FROM units WHERE code = ?1 "
                                   "AND deleted = 0 AND substr(path, 1, length(?2)) = ?2"
                                 : "SELECT id, path, code, name FROM units WHERE id = ?3 "
                                   "AND deleted = 0 AND substr(path, 1, length(?2)) = ?2",
                        &st, e);
    if (rc) return rc;
    if (code) sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, scope_bind(who), -1, SQLITE_STATIC);
    if (!code) sqlite3_bind_int64(st, 3, who ? who->scope_unit : 0);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        u->id = sqlite3_column_int64(st, 0);
        snprintf(u->path, sizeof u->path, "%s", db_col_text(st, 1));
        snprintf(u->code, sizeof u->code, "%s", db_col_text(st, 2));
        snprintf(u->name, sizeof u->name, "%s", db_col_text(st, 3));
        rc = ST_OK;
    } else if (rc == SQLITE_DONE) {
        /* Outside the scope reads exactly like a unit that does not exist. */
        rc = err_field(e, ST_ENOTFOUND, "unit", "Không tìm thấy đơn vị %.60s",
                       code ? code : "trong phạm vi của bạn");
    } else {
        rc = db_fail(db, e, "tìm đơn vị");
    }
    sqlite3_finalize(st);
    return rc;
}

void report_utc_bound(const char *iso_day, char out[32])
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    int y = 1970, m = 1, d = 1;
    if (sscanf(iso_day, "%d-%d-%d", &y, &m, &d) != 3) { y = 1970; m = 1; d = 1; }
    tm.tm_year = y - 1900;
    tm.tm_mon = m - 1;
    tm.tm_mday = d;
    tm.tm_isdst = -1;
    time_t t = mktime(&tm);
    struct tm g;
    if (t == (time_t)-1 || !gmtime_r(&t, &g)) {
        snprintf(out, 32, "%.10sT00:00:00Z", iso_day);
        return;
    }
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &g);
}

int report_as_of(const char *given, char out[11], st_err *e)
{
    st_day d;
    if (given && *given) {
        if (date_parse(given, &d, e) != ST_OK) return ST_EINVAL;
    } else {
        d = date_today();
    }
    date_iso(d, out);
    return ST_OK;
}

void report_step(const report_params *p, int done, int total, const char *what)
{
    if (p && p->progress) p->progress(p->progress_ud, done, total, what);
}
