/* Reports as XLSX through libxlsxwriter, loaded when a workbook is first
 * written.  Linked in, the library brought libcrypto with it (for an MD5
 * it uses), and every session paid 1.7 MB of resident memory for a file
 * most never write: 200 sessions, 340 MB (make bench, load run).  The
 * library is opened by its soname from the system's directories (a setgid
 * program's loader ignores LD_LIBRARY_PATH), its functions checked against
 * the declarations of <xlsxwriter.h>. */
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "base/priv.h"
#include "report.h"
#include "text/text.h"

#define XLSX_FUNCS(F) \
    F(workbook_new) F(workbook_close) F(workbook_add_format) F(workbook_add_worksheet) \
    F(workbook_set_properties) F(format_set_bold) F(format_set_align) F(format_set_text_wrap) \
    F(format_set_border) F(format_set_num_format) F(format_set_italic) F(format_set_font_size) \
    F(format_set_bg_color) F(worksheet_write_string) F(worksheet_write_number) \
    F(worksheet_write_datetime) F(worksheet_write_blank) F(worksheet_set_row) \
    F(worksheet_set_paper) F(worksheet_set_landscape) F(worksheet_set_column) \
    F(worksheet_repeat_rows) F(worksheet_freeze_panes) F(worksheet_fit_to_pages) F(lxw_strerror)

static struct {
#define FIELD(n) __typeof__(n) *n;
    XLSX_FUNCS(FIELD)
#undef FIELD
} xl;

#define XLSX_SONAME "libxlsxwriter.so.4"

/* The library's functions, once a process; 0, or the error set. */
static int xlsx_load(st_err *e)
{
    static int loaded;
    if (loaded) return ST_OK;
    void *h = dlopen(XLSX_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!h)
        return err_set(e, ST_EIO, "Không mở được thư viện ghi XLSX (%s): hãy cài gói "
                       "libxlsxwriter4, hoặc xuất CSV", XLSX_SONAME);
#define LOOK(n) *(void **)&xl.n = dlsym(h, #n); \
    if (!xl.n) { dlclose(h); return err_set(e, ST_EIO, "Thư viện ghi XLSX thiếu hàm %s", #n); }
    XLSX_FUNCS(LOOK)
#undef LOOK
    loaded = 1;
    return ST_OK;
}

/* ---- XLSX ------------------------------------------------------------------------------ */

typedef struct xfmt {
    lxw_format *title, *sub, *head, *text, *num, *date, *ttext, *tnum;
} xfmt;

static lxw_format *cell_format(lxw_workbook *wb, int bold, const char *numfmt)
{
    lxw_format *f = xl.workbook_add_format(wb);
    xl.format_set_border(f, LXW_BORDER_THIN);
    xl.format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    if (bold) xl.format_set_bold(f);
    if (numfmt) xl.format_set_num_format(f, numfmt);
    else xl.format_set_text_wrap(f);
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
    lxw_worksheet *ws = xl.workbook_add_worksheet(wb, name);
    if (!ws) {
        snprintf(name, sizeof name, "Bảng %d", idx + 1);
        ws = xl.workbook_add_worksheet(wb, name);
        if (!ws) return;
    }
    snprintf(buf, sizeof buf, "%d. %s", idx + 1, t->title);
    xl.worksheet_write_string(ws, 0, 0, buf, x->title);
    if (r->from[0])
        snprintf(buf, sizeof buf, "%s %s — %s", r->title, r->period_label, r->unit_name);
    else
        snprintf(buf, sizeof buf, "%s %s — %s", r->title, r->period_label, r->unit_name);
    xl.worksheet_write_string(ws, 1, 0, buf, x->sub);
    int width[REPORT_MAXCOL];
    for (int c = 0; c < t->ncol; c++) {
        xl.worksheet_write_string(ws, 3, (lxw_col_t)c, t->col[c].head, x->head);
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
                xl.worksheet_write_number(ws, xr, xc, v, total ? x->tnum : x->num);
            } else if (t->col[c].type == RT_DATE && sscanf(s, "%4d-%2d-%2d", &y, &m, &d) == 3) {
                lxw_datetime dt = {y, m, d, 0, 0, 0};
                xl.worksheet_write_datetime(ws, xr, xc, &dt, x->date);
            } else if (*s) {
                xl.worksheet_write_string(ws, xr, xc, s, total ? x->ttext : x->text);
            } else {
                xl.worksheet_write_blank(ws, xr, xc, total ? x->ttext : x->text);
            }
            int w = text_width(s);
            if (w > width[c]) width[c] = w;
        }
    }
    for (int c = 0; c < t->ncol; c++) {
        int w = width[c] + 2;
        if (w > 60) w = 60;
        xl.worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL);
    }
    xl.worksheet_set_row(ws, 3, LXW_DEF_ROW_HEIGHT * 2, NULL);
    xl.worksheet_freeze_panes(ws, 4, 0);
    xl.worksheet_set_landscape(ws);
    xl.worksheet_set_paper(ws, 9);   /* A4 */
    xl.worksheet_fit_to_pages(ws, 1, 0);
    xl.worksheet_repeat_rows(ws, 3, 3);
}

int report_write_xlsx(const report *r, const config *cfg, const char *path, st_err *e)
{
    int rc = xlsx_load(e);
    if (rc) return rc;
    /* The file is the user's: create it with their own group, not the
     * setgid group that guards the database. */
    priv_user_begin();
    lxw_workbook *wb = xl.workbook_new(path);
    if (!wb) {
        priv_user_end();
        return err_set(e, ST_EIO, "%s: không tạo được tệp XLSX", path);
    }
    xfmt x;
    x.title = xl.workbook_add_format(wb);
    xl.format_set_bold(x.title);
    xl.format_set_font_size(x.title, 13);
    x.sub = xl.workbook_add_format(wb);
    xl.format_set_italic(x.sub);
    x.head = xl.workbook_add_format(wb);
    xl.format_set_bold(x.head);
    xl.format_set_border(x.head, LXW_BORDER_THIN);
    xl.format_set_bg_color(x.head, 0xD9D9D9);
    xl.format_set_text_wrap(x.head);
    xl.format_set_align(x.head, LXW_ALIGN_CENTER);
    xl.format_set_align(x.head, LXW_ALIGN_VERTICAL_CENTER);
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
    xl.workbook_set_properties(wb, &props);
    for (int i = 0; i < r->ntables; i++) xlsx_table(wb, &x, r, r->t[i], i);
    lxw_error err = xl.workbook_close(wb);
    priv_user_end();
    if (err != LXW_NO_ERROR)
        return err_set(e, ST_EIO, "%s: không ghi được tệp XLSX (%s)", path, xl.lxw_strerror(err));
    return ST_OK;
}
