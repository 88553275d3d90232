/* A report as CSV and JSON (XLSX: report_xlsx.c).  The same tables as the
 * document: numbers stay numbers, dates stay ISO. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "report.h"
#include "base/sbuf.h"

/* ---- CSV ------------------------------------------------------------------------------- */

static void csv_table(const report_table *t, FILE *f)
{
    const char *v[REPORT_MAXCOL];
    for (int c = 0; c < t->ncol; c++) v[c] = t->col[c].head;
    csv_write_row(f, v, t->ncol);
    for (int r = 0; r < t->nrows; r++) {
        for (int c = 0; c < t->ncol; c++) v[c] = report_cell(t, r, c);
        csv_write_row(f, v, t->ncol);
    }
}

int report_write_csv(const report *r, const char *table_key, int bom, FILE *f, st_err *e)
{
    if (bom) fputs("\xEF\xBB\xBF", f);
    if (table_key) {
        const report_table *t = report_find(r, table_key);
        if (!t) {
            sbuf keys;
            sbuf_init(&keys);
            for (int i = 0; i < r->ntables; i++)
                sbuf_addf(&keys, "%s%s", i ? ", " : "", r->t[i]->key);
            int rc = err_field(e, ST_EINVAL, "table", "Không có bảng \"%.40s\" (các bảng: %s)",
                               table_key, sbuf_str(&keys));
            sbuf_free(&keys);
            return rc;
        }
        csv_table(t, f);
    } else {
        for (int i = 0; i < r->ntables; i++) {
            char title[260];
            snprintf(title, sizeof title, "%d. %s", i + 1, r->t[i]->title);
            const char *v[1] = {title};
            if (i) fputc('\n', f);
            csv_write_row(f, v, 1);
            csv_table(r->t[i], f);
        }
    }
    if (fflush(f) != 0 || ferror(f))
        return err_set(e, ST_EIO, "Không ghi được CSV: %s", strerror(errno));
    return ST_OK;
}

/* ---- JSON ------------------------------------------------------------------------------ */

static void json_value(sbuf *b, const report_col *c, const char *s)
{
    if (c->type == RT_INT) {
        char *end;
        strtoll(s, &end, 10);
        if (*s && !*end) sbuf_add(b, s);
        else sbuf_add(b, "null");
    } else if (c->type == RT_DATE && !*s) {
        sbuf_add(b, "null");
    } else {
        sbuf_json_str(b, s);
    }
}

static void json_row(sbuf *b, const report_table *t, int r)
{
    sbuf_add(b, "{");
    for (int c = 0; c < t->ncol; c++) {
        sbuf_addf(b, "%s\"%s\":", c ? "," : "", t->col[c].key);
        json_value(b, &t->col[c], report_cell(t, r, c));
    }
    sbuf_add(b, "}");
}

int report_write_json(const report *r, FILE *f, st_err *e)
{
    static const char *const types[] = {"text", "integer", "date"};
    sbuf b;
    sbuf_init(&b);
    sbuf_add(&b, "{\"report\":");
    sbuf_json_str(&b, r->kind);
    sbuf_add(&b, ",\"title\":");
    sbuf_json_str(&b, r->title);
    sbuf_add(&b, ",\"subject\":");
    sbuf_json_str(&b, r->subject);
    sbuf_add(&b, ",\"period\":");
    sbuf_json_str(&b, r->period_label);
    sbuf_add(&b, ",\"from\":");
    sbuf_json_str(&b, r->from[0] ? r->from : NULL);
    sbuf_add(&b, ",\"to\":");
    sbuf_json_str(&b, r->to[0] ? r->to : NULL);
    if (r->prev_from[0]) {
        sbuf_add(&b, ",\"previous\":{\"from\":");
        sbuf_json_str(&b, r->prev_from);
        sbuf_add(&b, ",\"to\":");
        sbuf_json_str(&b, r->prev_to);
        sbuf_add(&b, "}");
    }
    sbuf_add(&b, ",\"as_of\":");
    sbuf_json_str(&b, r->as_of);
    sbuf_add(&b, ",\"unit\":{\"code\":");
    sbuf_json_str(&b, r->unit_code);
    sbuf_add(&b, ",\"name\":");
    sbuf_json_str(&b, r->unit_name);
    sbuf_addf(&b, "},\"empty\":%s,\"tables\":[", r->empty ? "true" : "false");
    for (int i = 0; i < r->ntables; i++) {
        const report_table *t = r->t[i];
        sbuf_addf(&b, "%s\n{\"key\":", i ? "," : "");
        sbuf_json_str(&b, t->key);
        sbuf_add(&b, ",\"title\":");
        sbuf_json_str(&b, t->title);
        if (t->note[0]) {
            sbuf_add(&b, ",\"note\":");
            sbuf_json_str(&b, t->note);
        }
        sbuf_add(&b, ",\"columns\":[");
        for (int c = 0; c < t->ncol; c++) {
            sbuf_addf(&b, "%s{\"key\":\"%s\",\"heading\":", c ? "," : "", t->col[c].key);
            sbuf_json_str(&b, t->col[c].head);
            sbuf_addf(&b, ",\"type\":\"%s\"}", types[t->col[c].type]);
        }
        sbuf_add(&b, "],\"rows\":[");
        int n = t->nrows - (t->total_row ? 1 : 0);
        for (int row = 0; row < n; row++) {
            sbuf_add(&b, row ? ",\n" : "\n");
            json_row(&b, t, row);
        }
        sbuf_add(&b, "]");
        if (t->total_row && t->nrows) {
            sbuf_add(&b, ",\"total\":");
            json_row(&b, t, t->nrows - 1);
        }
        sbuf_add(&b, "}");
    }
    sbuf_add(&b, "]}\n");
    if (b.oom) {
        sbuf_free(&b);
        return err_set(e, ST_ENOMEM, "hết bộ nhớ");
    }
    fputs(sbuf_str(&b), f);
    sbuf_free(&b);
    if (fflush(f) != 0 || ferror(f))
        return err_set(e, ST_EIO, "Không ghi được JSON: %s", strerror(errno));
    return ST_OK;
}
