/* The reports screen (see reports.h).  Everything it shows comes from
 * src/report.h: the report is computed once and drawn here line by line as
 * report_render lays it out, with charts in block characters where the
 * terminal has them and '#' on a vt100.  Monochrome: titles and headers in
 * bold, totals bold, notes underlined.  Title line, key bar, help and keys
 * are those of every screen (term.c, keys.c: SC_RMENU, SC_PERIOD,
 * SC_REPORT). */
#include "edit.h"
#include "i18n.h"
#include "reports.h"
#include "base/priv.h"

#include <errno.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "store/config.h"
#include "report/report.h"
#include "text/text.h"
#include "base/workdays.h"

/* ---- drawing ------------------------------------------------------------------ */

static void put(int y, int x, const char *s, attr_t a) { ui_put(y, x, COLS - x, s, a, 0); }

static void help(unsigned sc)
{
    keys_help(sc, _("Báo cáo\n"
                    "  Báo cáo sơ kết, tổng kết theo kỳ và báo cáo việc quá hạn, trong phạm vi\n"
                    "  đơn vị của bạn. Văn bản in theo thể thức văn bản của Đảng (config.ini: org.*).\n"
                    "  Trong mẫu chọn kỳ: ↑ ↓ chọn dòng, ← → đổi giá trị, gõ chữ để nhập,\n"
                    "  Enter lập báo cáo."), NULL);
}

/* A line of text typed on the message line (a file name: no input
 * method); Esc cancels.  buf holds the initial value (UTF-8). */
static int prompt(const char *label, char *buf, size_t n)
{
    lineedit *le = NULL;
    if (le_new(&le, LE_SINGLE, 500)) return 0;
    le_set_utf8(le, buf);
    ui_ime_apply(le, 0);
    int ok = 0;
    curs_set(1);
    for (;;) {
        move(LINES - 2, 0);
        clrtoeol();
        int x = 1 + ui_put(LINES - 2, 1, COLS - 2, _(label), A_BOLD, 0) + 1;
        int cx = ui_draw_line(le, LINES - 2, x, COLS - x - 1, th(TH_FOCUS), 0);
        move(LINES - 2, cx);
        refresh();
        ui_key k;
        ui_getkey(SC_FORM, &k);
        if (k.act == K_STOP || k.act == K_CANCEL) break;
        if (k.act == K_NEXT || k.act == K_SAVE) { ok = 1; break; }
        ui_edit_key(le, &k);
    }
    curs_set(0);
    if (ok) {
        char *v = le_get_utf8(le);
        snprintf(buf, n, "%s", v ? v : "");
        free(v);
        text_trim(buf);
    }
    le_free(&le);
    return ok;
}

/* ---- computing ---------------------------------------------------------------- */

static void progress(void *ud, int done, int total, const char *what)
{
    (void)ud;
    char buf[200];
    snprintf(buf, sizeof buf, _("Đang lập báo cáo [%d/%d] %s…"), done < total ? done + 1 : total,
             total, what);
    move(LINES - 2, 0);
    clrtoeol();
    put(LINES - 2, 0, buf, A_BOLD);
    refresh();
}

static int unicode_ok(void)
{
    const char *cs = nl_langinfo(CODESET);
    int utf8 = cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
    return report_chart_unicode(utf8, getenv("TERM"));
}

/* ---- the report view ---------------------------------------------------------- */

static void layout(const report *r, int charts, report_lines *l)
{
    report_lines_free(l);
    char head[600];
    snprintf(head, sizeof head, "%s: %s", r->title, r->subject);
    report_lines_para(l, head, COLS - 2, RL_TITLE);
    report_render(r, COLS - 2, (charts ? RR_CHARTS : 0) | (unicode_ok() ? RR_UNICODE : 0), l);
}

static attr_t look(int style)
{
    switch (style) {
    case RL_TITLE: case RL_HEAD: case RL_TOTAL: return A_BOLD;
    case RL_NOTE: return A_UNDERLINE;
    default: return A_NORMAL;
    }
}

static void save(st_db *db, const report *r, char *msg, size_t mn)
{
    const config *cfg = db_config(db);
    char path[600];
    snprintf(path, sizeof path, "baocao-%s-%s.txt", r->kind, r->from[0] ? r->from : r->as_of);
    if (!prompt(N_("Lưu vào tệp (.txt .csv .xlsx .json):"), path, sizeof path) || !path[0]) {
        snprintf(msg, mn, "%s", _("Không lưu."));
        return;
    }
    const char *dot = strrchr(path, '.');
    st_err e;
    err_clear(&e);
    int rc;
    if (dot && strcmp(dot, ".xlsx") == 0) {
        rc = report_write_xlsx(r, cfg, path, &e);
    } else {
        FILE *f = priv_fopen_user(path, "w");   /* the user's own group */
        if (!f) {
            snprintf(msg, mn, "%s: không ghi được tệp (%s)", path, strerror(errno));
            return;
        }
        if (dot && strcmp(dot, ".csv") == 0) rc = report_write_csv(r, NULL, 1, f, &e);
        else if (dot && strcmp(dot, ".json") == 0) rc = report_write_json(r, f, &e);
        else {
            report_doc_opts o = {atoi(config_str(cfg, "report.width")), NULL};
            rc = report_write_text(r, cfg, &o, f, &e);
        }
        if (fclose(f) != 0 && !rc) rc = err_set(&e, ST_EIO, "%s: lỗi ghi tệp", path);
    }
    if (rc) snprintf(msg, mn, "%s", e.msg);
    else snprintf(msg, mn, _("Đã lưu %s"), path);
}

/* Remove the temporary file with the user's rights, as it was made: the
 * name is in a folder of the user's choosing ($TMPDIR), so the group's
 * rights must never be what removes it. */
static void drop_temp(const char *path)
{
    priv_user_begin();
    unlink(path);
    priv_user_end();
}

static void print_doc(st_db *db, const report *r, char *msg, size_t mn)
{
    const config *cfg = db_config(db);
    if (!*config_str(cfg, "report.printer")) {
        snprintf(msg, mn, "Chưa cấu hình máy in (report.printer trong config.ini); "
                 "hãy lưu tệp .txt để in.");
        return;
    }
    if (!ui_confirm(_("In báo cáo?"))) return;
    /* The text for lp is the user's file (owner and group the user's, mode
     * 0600): never one made with the program's group, which a user could
     * then keep, or find in a $TMPDIR that only the group may write. */
    char tmp[600];
    st_err e;
    err_clear(&e);
    int fd = priv_tempfile(tmp, sizeof tmp, "sangtao-report", &e);
    if (fd < 0) {
        snprintf(msg, mn, "%s", e.msg);
        return;
    }
    FILE *f = fdopen(fd, "w");
    if (!f) {
        snprintf(msg, mn, "Không tạo được tệp tạm (%s)", strerror(errno));
        close(fd);
        drop_temp(tmp);
        return;
    }
    int width = atoi(config_str(cfg, "report.width"));
    report_doc_opts o = {width, NULL};
    int rc = report_write_text(r, cfg, &o, f, &e);
    fclose(f);
    if (!rc) rc = report_print(cfg, tmp, width, &e);
    drop_temp(tmp);
    if (rc) snprintf(msg, mn, "%s", e.msg);
    else snprintf(msg, mn, "Đã gửi báo cáo tới máy in %s", config_str(cfg, "report.printer"));
}

static void view(st_db *db, report *r)
{
    report_lines l = {0};
    int top = 0, charts = 1, cols = 0;
    char msg[700] = "";
    for (;;) {
        if (cols != COLS) { layout(r, charts, &l); cols = COLS; }
        if (!ui_too_small()) {
            int rows = LINES - 3;
            if (top > l.n - rows) top = l.n - rows;
            if (top < 0) top = 0;
            erase();
            ui_title(_("Báo cáo"));
            for (int i = 0; i < rows && top + i < l.n; i++)
                put(1 + i, 1, l.v[top + i].text, look(l.v[top + i].style));
            char pos[300];
            snprintf(pos, sizeof pos, _("%s · %s · dòng %d–%d/%d"), r->period_label, r->unit_name,
                     l.n ? top + 1 : 0, top + rows < l.n ? top + rows : l.n, l.n);
            ui_msg(msg[0] ? msg : pos, 0);
            keys_bar(SC_REPORT);
            refresh();
        }
        ui_key k;
        ui_getkey(SC_REPORT, &k);
        int page = LINES - 4 > 1 ? LINES - 4 : 1;
        /* what was just done ("Đã gửi báo cáo…") stays until a key of the user */
        if (k.act != K_RESIZE && k.act != K_REDRAW && k.act != K_REFRESH && (k.act || k.ch || k.fn)) msg[0] = 0;
        switch (k.act) {
        case K_STOP: case K_CANCEL: case K_QUIT: report_lines_free(&l); return;
        case K_RESIZE: cols = 0; break;
        case K_UP: top--; break;
        case K_DOWN: top++; break;
        case K_PGUP: top -= page; break;
        case K_PGDN: top += page; break;
        case K_FIRST: top = 0; break;
        case K_LAST: top = l.n; break;
        case K_HELP: help(SC_REPORT); break;
        case K_CHARTS: charts = !charts; cols = 0; break;
        case K_SAVE: save(db, r, msg, sizeof msg); break;
        case K_PRINT: print_doc(db, r, msg, sizeof msg); break;
        default: break;
        }
    }
}

/* ---- choosing the period -------------------------------------------------------- */

enum { F_KIND, F_YEAR, F_NUMBER, F_FROM, F_TO, F_UNIT, F_COUNT };
static const char *const kinds[] = {"month", "quarter", "half", "year", NULL};
static const char *const kind_labels[] = {N_("Tháng"), N_("Quý"), N_("6 tháng"), N_("Năm"), N_("Từ ngày – đến ngày")};
static const int kind_max[] = {12, 4, 2, 0, 0};

typedef struct pform {
    int kind, year, number;
    char from[16], to[16], unit[64];
} pform;

static int run_report(st_db *db, const st_actor *who, const pform *f, int periodic, char *msg,
                      size_t mn)
{
    report_params p;
    memset(&p, 0, sizeof p);
    if (periodic) {
        p.period = kinds[f->kind];
        p.year = f->year;
        p.number = f->number;
        if (f->kind == 4) { p.from = f->from; p.to = f->to; }
    }
    p.unit = f->unit[0] ? f->unit : NULL;
    p.progress = progress;
    report *r = NULL;
    st_err e;
    err_clear(&e);
    int rc = periodic ? report_periodic(db, who, &p, &r, &e) : report_overdue(db, who, &p, &r, &e);
    if (rc) {
        snprintf(msg, mn, "%s", e.msg);
        return rc;
    }
    view(db, r);
    report_free(&r);
    return ST_OK;
}

static void period_form(st_db *db, const st_actor *who)
{
    pform f;
    memset(&f, 0, sizeof f);
    char iso[11];
    date_iso(date_today(), iso);
    int month = 1;
    sscanf(iso, "%d-%d", &f.year, &month);
    f.kind = 1;
    f.number = (month - 1) / 3 + 1;
    int cur = F_KIND;
    char msg[600] = "";
    for (;;) {
        if (!ui_too_small()) {
            erase();
            ui_title(_("Báo cáo sơ kết, tổng kết theo kỳ"));
            static const char *const labels[F_COUNT] = {N_("Kỳ báo cáo"), N_("Năm"), N_("Tháng/quý/nửa năm"),
                                                        N_("Từ ngày"), N_("Đến ngày"),
                                                        N_("Đơn vị (mã; trống: phạm vi của bạn)")};
            for (int i = 0; i < F_COUNT; i++) {
                char v[160] = "";
                switch (i) {
                case F_KIND: snprintf(v, sizeof v, "◂ %s ▸", _(kind_labels[f.kind])); break;
                case F_YEAR: if (f.kind < 4) snprintf(v, sizeof v, "%d", f.year); break;
                case F_NUMBER: if (kind_max[f.kind]) snprintf(v, sizeof v, "%d", f.number); break;
                case F_FROM: if (f.kind == 4) snprintf(v, sizeof v, "%s", f.from); break;
                case F_TO: if (f.kind == 4) snprintf(v, sizeof v, "%s", f.to); break;
                default: snprintf(v, sizeof v, "%s", f.unit); break;
                }
                if (i == F_KIND && !unicode_ok()) snprintf(v, sizeof v, "< %s >", _(kind_labels[f.kind]));
                put(3 + 2 * i, 4, _(labels[i]), i == cur ? th(TH_LABEL) | A_BOLD : th(TH_LABEL));
                put(3 + 2 * i, 42, v[0] ? v : "—", i == cur ? th(TH_FOCUS) : th(TH_FIELD));
            }
            put(4 + 2 * F_COUNT, 4, _("Enter: lập báo cáo   ↑↓: chọn dòng   ←→: đổi   Esc: quay lại"), 0);
            if (msg[0]) ui_msg(msg, 1);
            keys_bar(SC_PERIOD);
            refresh();
        }
        ui_key k;
        ui_getkey(SC_PERIOD, &k);
        int step = 0;
        switch (k.act) {
        case K_STOP: case K_CANCEL: return;
        case K_UP: cur = (cur + F_COUNT - 1) % F_COUNT; continue;
        case K_DOWN: case K_NEXT: cur = (cur + 1) % F_COUNT; continue;
        case K_LEFT: step = -1; break;
        case K_RIGHT: step = 1; break;
        case K_HELP: help(SC_PERIOD); continue;
        case K_RUN:
            msg[0] = 0;
            run_report(db, who, &f, 1, msg, sizeof msg);
            if (ui_goto) return;   /* a screen chosen in the main menu */
            continue;
        case K_BKSP: k.ch = 127; break;
        case K_NONE: if (k.fn) continue; break;
        default: continue;
        }
        wint_t ch = k.ch;
        if (step) {
            if (cur == F_KIND) f.kind = (f.kind + 5 + step) % 5;
            else if (cur == F_YEAR) f.year += step;
            else if (cur == F_NUMBER && kind_max[f.kind])
                f.number = (f.number - 1 + step + kind_max[f.kind]) % kind_max[f.kind] + 1;
            if (kind_max[f.kind] && f.number > kind_max[f.kind]) f.number = kind_max[f.kind];
            if (f.number < 1) f.number = 1;
            continue;
        }
        /* Typing edits the text fields; digits the numbers. */
        char *text = cur == F_FROM ? f.from : cur == F_TO ? f.to : cur == F_UNIT ? f.unit : NULL;
        size_t tn = cur == F_UNIT ? sizeof f.unit : sizeof f.from;
        if (text) {
            size_t len = strlen(text);
            if ((ch == 127 || ch == 8) && len) text[len - 1] = 0;
            else if (ch > 32 && ch < 127 && len + 1 < tn) {
                text[len] = (char)(cur == F_UNIT && ch >= 'a' && ch <= 'z' ? ch - 32 : ch);
                text[len + 1] = 0;
            }
        } else if (cur == F_YEAR || cur == F_NUMBER) {
            int *v = cur == F_YEAR ? &f.year : &f.number;
            if (ch >= '0' && ch <= '9') *v = (*v * 10 + (int)(ch - '0')) % 10000;
            else if (ch == 127 || ch == 8) *v /= 10;
        }
    }
}

/* ---- the menu -------------------------------------------------------------------- */

int reports_screen(st_db *db, const st_actor *who)
{
    static const char *const items[] = {
        N_("Báo cáo sơ kết, tổng kết theo kỳ (tháng, quý, 6 tháng, năm, tùy chọn)"),
        N_("Báo cáo việc quá hạn (theo đơn vị, người phụ trách)"),
    };
    int cur = 0;
    char msg[600] = "";
    curs_set(0);
    for (;;) {
        if (ui_stop || ui_goto) return 0;
        if (!ui_too_small()) {
            erase();
            ui_title(_("Báo cáo"));
            for (int i = 0; i < 2; i++) {
                char line[300];
                snprintf(line, sizeof line, " %d. %s ", i + 1, _(items[i]));
                put(3 + 2 * i, 4, line, i == cur ? th(TH_SEL) : A_NORMAL);
            }
            put(8, 4, _("Enter hoặc 1, 2: chọn.  Văn bản in theo thể thức của Đảng; xuất CSV, XLSX,"), 0);
            put(9, 4, _("JSON từ màn hình báo cáo (phím s)."), 0);
            if (msg[0]) ui_msg(msg, 1);
            keys_bar(SC_RMENU);
            refresh();
        }
        ui_key k;
        ui_getkey(SC_RMENU, &k);
        int pick = -1;
        switch (k.act) {
        case K_STOP: case K_CANCEL: case K_QUIT: return 0;
        case K_UP: case K_DOWN: case K_FIRST: case K_LAST: cur = !cur; break;
        case K_OPEN: pick = cur; break;
        case K_HELP: help(SC_RMENU); break;
        case K_NONE: if (!k.fn && (k.ch == '1' || k.ch == '2')) pick = (int)(k.ch - '1'); break;
        default: break;
        }
        msg[0] = 0;
        if (pick == 0) period_form(db, who);
        else if (pick == 1) {
            pform f;
            memset(&f, 0, sizeof f);
            run_report(db, who, &f, 0, msg, sizeof msg);
        }
    }
}
