/* A report as CSV, JSON and XLSX.  The same tables as the document: numbers
 * stay numbers, dates stay ISO in CSV and JSON and become real dates in XLSX. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "base/csv.h"
#include "base/priv.h"
#include "report.h"
#include "base/sbuf.h"
#include "text/text.h"

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

/* ---- XLSX ------------------------------------------------------------------------------ */

typedef struct xfmt {
    lxw_format *title, *sub, *head, *text, *num, *date, *ttext, *tnum;
} xfmt;

static lxw_format *cell_format(lxw_workbook *wb, int bold, const char *numfmt)
{
    lxw_format *f = workbook_add_format(wb);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    if (bold) format_set_bold(f);
    if (numfmt) format_set_num_format(f, numfmt);
    else format_set_text_wrap(f);
    return f;
}

static void sheet_name(const report_table *t, char out[128])
{
    /* Excel forbids []:*?/\ and more than 31 characters (not bytes). */
    const char *src = t->sheet[0] ? t->sheet : t->key;
    size_t o = 0;
    int chars = 0;
    for (const char *p = src; *p && o < 120; p++) {
        unsigned char ch = (unsigned char)*p;
        if ((ch & 0xC0) != 0x80 && ++chars > 31) break;
        out[o++] = strchr("[]:*?/\\", *p) ? '-' : *p;
    }
    out[o] = '\0';
}

static void xlsx_table(lxw_workbook *wb, const xfmt *x, const report *r, const report_table *t,
                       int idx)
{
    char name[128], buf[600];
    sheet_name(t, name);
    lxw_worksheet *ws = workbook_add_worksheet(wb, name);
    if (!ws) {
        snprintf(name, sizeof name, "Bảng %d", idx + 1);
        ws = workbook_add_worksheet(wb, name);
        if (!ws) return;
    }
    snprintf(buf, sizeof buf, "%d. %s", idx + 1, t->title);
    worksheet_write_string(ws, 0, 0, buf, x->title);
    if (r->from[0])
        snprintf(buf, sizeof buf, "%s %s — %s", r->title, r->period_label, r->unit_name);
    else
        snprintf(buf, sizeof buf, "%s %s — %s", r->title, r->period_label, r->unit_name);
    worksheet_write_string(ws, 1, 0, buf, x->sub);
    int width[REPORT_MAXCOL];
    for (int c = 0; c < t->ncol; c++) {
        worksheet_write_string(ws, 3, (lxw_col_t)c, t->col[c].head, x->head);
        int w = text_width(t->col[c].head);
        width[c] = w > 14 ? 14 : w;
        if (t->col[c].type == RT_DATE && width[c] < 11) width[c] = 11;
    }
    for (int row = 0; row < t->nrows; row++) {
        int total = t->total_row && row == t->nrows - 1;
        lxw_row_t xr = (lxw_row_t)(4 + row);
        for (int c = 0; c < t->ncol; c++) {
            const char *s = report_cell(t, row, c);
            lxw_col_t xc = (lxw_col_t)c;
            int y, m, d;
            char *end;
            double v = strtod(s, &end);
            if (t->col[c].type == RT_INT && *s && !*end) {
                worksheet_write_number(ws, xr, xc, v, total ? x->tnum : x->num);
            } else if (t->col[c].type == RT_DATE && sscanf(s, "%4d-%2d-%2d", &y, &m, &d) == 3) {
                lxw_datetime dt = {y, m, d, 0, 0, 0};
                worksheet_write_datetime(ws, xr, xc, &dt, x->date);
            } else if (*s) {
                worksheet_write_string(ws, xr, xc, s, total ? x->ttext : x->text);
            } else {
                worksheet_write_blank(ws, xr, xc, total ? x->ttext : x->text);
            }
            int w = text_width(s);
            if (w > width[c]) width[c] = w;
        }
    }
    for (int c = 0; c < t->ncol; c++) {
        int w = width[c] + 2;
        if (w > 60) w = 60;
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL);
    }
    worksheet_set_row(ws, 3, LXW_DEF_ROW_HEIGHT * 2, NULL);
    worksheet_freeze_panes(ws, 4, 0);
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);   /* A4 */
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_repeat_rows(ws, 3, 3);
}

int report_write_xlsx(const report *r, const config *cfg, const char *path, st_err *e)
{
    /* The file is the user's: create it with their own group, not the
     * setgid group that guards the database. */
    priv_user_begin();
    lxw_workbook *wb = workbook_new(path);
    if (!wb) {
        priv_user_end();
        return err_set(e, ST_EIO, "%s: không tạo được tệp XLSX", path);
    }
    xfmt x;
    x.title = workbook_add_format(wb);
    format_set_bold(x.title);
    format_set_font_size(x.title, 13);
    x.sub = workbook_add_format(wb);
    format_set_italic(x.sub);
    x.head = workbook_add_format(wb);
    format_set_bold(x.head);
    format_set_border(x.head, LXW_BORDER_THIN);
    format_set_bg_color(x.head, 0xD9D9D9);
    format_set_text_wrap(x.head);
    format_set_align(x.head, LXW_ALIGN_CENTER);
    format_set_align(x.head, LXW_ALIGN_VERTICAL_CENTER);
    x.text = cell_format(wb, 0, NULL);
    x.num = cell_format(wb, 0, "#,##0");
    x.date = cell_format(wb, 0, "dd/mm/yyyy");
    x.ttext = cell_format(wb, 1, NULL);
    x.tnum = cell_format(wb, 1, "#,##0");
    lxw_doc_properties props;
    memset(&props, 0, sizeof props);
    char title[600];
    snprintf(title, sizeof title, "%s %s", r->title, r->subject);
    props.title = title;
    props.author = (char *)config_str(cfg, "org.name");
    props.company = (char *)config_str(cfg, "site.name");
    workbook_set_properties(wb, &props);
    for (int i = 0; i < r->ntables; i++) xlsx_table(wb, &x, r, r->t[i], i);
    lxw_error err = workbook_close(wb);
    priv_user_end();
    if (err != LXW_NO_ERROR)
        return err_set(e, ST_EIO, "%s: không ghi được tệp XLSX (%s)", path, lxw_strerror(err));
    return ST_OK;
}
