/* The reports screen (see reports.h).  Everything it shows comes from
 * src/report.h: the report is computed once and drawn here line by line as
 * report_render lays it out, with charts in block characters where the
 * terminal has them and '#' on a vt100.  Monochrome: titles and headers in
 * bold, totals bold, notes underlined. */
#include "ui_curses.h"
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

/* The keys of this screen: what they do, for the key bar and the help. */
static const struct { const char *keys, *bar, *help; } keytab[] = {
    {"↑ ↓ PgUp PgDn Home End", NULL, "cuộn báo cáo (cũng: j k, Space b, g G)"},
    {"s  Ctrl-S", "s Lưu", "lưu báo cáo vào tệp: .txt (văn bản in), .csv, .xlsx, .json"},
    {"p", "p In", "in văn bản qua máy in report.printer"},
    {"c", "c Biểu đồ", "bật/tắt biểu đồ"},
    {"F1  ?", "F1 Trợ giúp", "trợ giúp này"},
    {"Esc  q  Ctrl-G", "Esc Quay lại", "quay lại"},
};
#define NKEYS (int)(sizeof keytab / sizeof keytab[0])

/* Set by the screens' SIGHUP/SIGTERM handler (ui/ui_main.c): every loop
 * here returns at once, and the program closes. */
extern volatile sig_atomic_t ui_stop;
#define KEY_STOPPED (-2)

/* get_wch that gives up when the program must stop (a signal, or the
 * terminal gone: many errors in a row) and then returns KEY_STOPPED. */
static int getkey(wint_t *ch)
{
    static int errs;
    for (;;) {
        if (ui_stop) return KEY_STOPPED;
        errno = 0;
        int r = get_wch(ch);
        if (ui_stop) return KEY_STOPPED;
        if (r != ERR) { errs = 0; return r; }
        if (errno != EINTR && ++errs > 50) { ui_stop = SIGHUP; return KEY_STOPPED; }
    }
}

/* ---- drawing ------------------------------------------------------------------ */

/* UTF-8 text, made safe, cut to the columns left on the line. */
static void put(int y, int x, const char *s, attr_t a)
{
    if (y < 0 || y >= LINES || x >= COLS) return;
    char *safe = text_sanitize(s, 0);
    if (!safe) return;
    size_t n = strlen(safe) + 1;
    wchar_t *w = malloc(n * sizeof *w);
    if (w && mbstowcs(w, safe, n) != (size_t)-1) {
        int room = COLS - x, used = 0, i = 0;
        while (w[i]) {
            int cw = wcwidth(w[i]);
            if (cw < 0) cw = 1;
            if (used + cw > room) break;
            used += cw;
            i++;
        }
        attron(a);
        mvaddnwstr(y, x, w, i);
        attroff(a);
    }
    free(w);
    free(safe);
}

static void bar_line(int y, const char *s)
{
    move(y, 0);
    attron(A_REVERSE);
    for (int i = 0; i < COLS; i++) addch(' ');
    attroff(A_REVERSE);
    put(y, 0, s, A_REVERSE);
}

static void keybar(int view)
{
    char buf[400] = "";
    for (int i = 0; i < NKEYS; i++) {
        if (!keytab[i].bar || (!view && i >= 1 && i <= 3)) continue;
        size_t l = strlen(buf);
        snprintf(buf + l, sizeof buf - l, " %s ", keytab[i].bar);
    }
    bar_line(LINES - 1, buf);
}

static int too_small(void)
{
    if (LINES >= 24 && COLS >= 80) return 0;
    erase();
    put(0, 0, "Cửa sổ quá nhỏ (cần 80×24).", A_BOLD);
    put(1, 0, "Hãy phóng to cửa sổ; Esc: quay lại.", A_NORMAL);
    refresh();
    return 1;
}

static void help(void)
{
    erase();
    bar_line(0, " Trợ giúp — Báo cáo");
    put(2, 2, "Báo cáo sơ kết, tổng kết theo kỳ và báo cáo việc quá hạn, trong phạm vi", 0);
    put(3, 2, "đơn vị của bạn. Văn bản in theo thể thức văn bản của Đảng (config.ini: org.*).", 0);
    for (int i = 0; i < NKEYS; i++) {
        put(5 + i, 2, keytab[i].keys, A_BOLD);
        put(5 + i, 26, keytab[i].help, 0);
    }
    put(6 + NKEYS, 2, "Trong mẫu chọn kỳ: ↑ ↓ chọn dòng, ← → đổi giá trị, gõ chữ để nhập,", 0);
    put(7 + NKEYS, 2, "Enter lập báo cáo.", 0);
    bar_line(LINES - 1, " Nhấn phím bất kỳ để quay lại");
    refresh();
    wint_t ch;
    int r;
    while ((r = getkey(&ch)) == KEY_CODE_YES && ch == KEY_RESIZE) {}
}

/* A line of text typed on the message line; Esc/Ctrl-G cancels.  buf holds
 * the initial value (UTF-8). */
static int prompt(const char *label, char *buf, size_t n)
{
    wchar_t w[512];
    size_t len = mbstowcs(w, buf, 511);
    if (len == (size_t)-1) len = 0;
    w[len] = 0;
    curs_set(1);
    for (;;) {
        move(LINES - 2, 0);
        clrtoeol();
        put(LINES - 2, 0, label, A_BOLD);
        int x = text_width(label) + 1, start = 0, room = COLS - x - 1;
        while ((int)len - start > room) start++;
        mvaddnwstr(LINES - 2, x, w + start, (int)len - start);
        refresh();
        wint_t ch;
        int r = getkey(&ch);
        if (r == KEY_STOPPED) { curs_set(0); return 0; }
        if (r == KEY_CODE_YES) {
            if (ch == KEY_BACKSPACE && len) w[--len] = 0;
            else if (ch == KEY_ENTER) break;
            continue;
        }
        if (ch == 27 || ch == 7) { curs_set(0); return 0; }
        if (ch == '\n' || ch == '\r') break;
        if ((ch == 127 || ch == 8) && len) { w[--len] = 0; continue; }
        if (ch == 21) { len = 0; w[0] = 0; continue; }   /* Ctrl-U */
        if (ch >= 32 && len < 510) { w[len++] = (wchar_t)ch; w[len] = 0; }
    }
    curs_set(0);
    if (wcstombs(buf, w, n) == (size_t)-1) buf[0] = 0;
    char *nfc = NULL;
    st_err e;
    if (text_nfc(buf, &nfc, &e) == ST_OK) {
        snprintf(buf, n, "%s", nfc);
        free(nfc);
    }
    text_trim(buf);
    return 1;
}

/* ---- computing ---------------------------------------------------------------- */

static void progress(void *ud, int done, int total, const char *what)
{
    (void)ud;
    char buf[200];
    snprintf(buf, sizeof buf, "Đang lập báo cáo [%d/%d] %s…", done < total ? done + 1 : total,
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
    if (!prompt("Lưu vào tệp (.txt .csv .xlsx .json):", path, sizeof path) || !path[0]) {
        snprintf(msg, mn, "Không lưu.");
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
    else snprintf(msg, mn, "Đã lưu %s", path);
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
    if (!prompt("In báo cáo? Enter: in, Esc: thôi", (char[2]){0}, 2)) return;
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
        if (!too_small()) {
            int rows = LINES - 3;
            if (top > l.n - rows) top = l.n - rows;
            if (top < 0) top = 0;
            erase();
            char head[400];
            snprintf(head, sizeof head, " Báo cáo │ %s │ %s", r->period_label, r->unit_name);
            bar_line(0, head);
            for (int i = 0; i < rows && top + i < l.n; i++)
                put(1 + i, 1, l.v[top + i].text, look(l.v[top + i].style));
            char pos[64];
            snprintf(pos, sizeof pos, "dòng %d–%d/%d", l.n ? top + 1 : 0,
                     top + rows < l.n ? top + rows : l.n, l.n);
            if (msg[0]) put(LINES - 2, 0, msg, A_BOLD);
            put(LINES - 2, COLS - text_width(pos) - 1, pos, A_NORMAL);
            keybar(1);
            refresh();
        }
        wint_t ch;
        int k = getkey(&ch);
        if (k == KEY_STOPPED) { report_lines_free(&l); return; }
        int page = LINES - 4 > 1 ? LINES - 4 : 1;
        msg[0] = 0;
        if (k == KEY_CODE_YES) {
            switch (ch) {
            case KEY_RESIZE: cols = 0; break;
            case KEY_UP: top--; break;
            case KEY_DOWN: top++; break;
            case KEY_PPAGE: top -= page; break;
            case KEY_NPAGE: top += page; break;
            case KEY_HOME: top = 0; break;
            case KEY_END: top = l.n; break;
            case KEY_F(1): help(); break;
            default: break;
            }
            continue;
        }
        switch (ch) {
        case 27: case 7: case 'q': case 'Q':
            report_lines_free(&l);
            return;
        case 'k': top--; break;
        case 'j': top++; break;
        case ' ': top += page; break;
        case 'b': top -= page; break;
        case 'g': top = 0; break;
        case 'G': top = l.n; break;
        case '?': help(); break;
        case 'c': charts = !charts; cols = 0; break;
        case 's': case 19: save(db, r, msg, sizeof msg); break;
        case 'p': print_doc(db, r, msg, sizeof msg); break;
        case 12: clearok(curscr, TRUE); break;
        default: break;
        }
    }
}

/* ---- choosing the period -------------------------------------------------------- */

enum { F_KIND, F_YEAR, F_NUMBER, F_FROM, F_TO, F_UNIT, F_COUNT };
static const char *const kinds[] = {"month", "quarter", "half", "year", NULL};
static const char *const kind_labels[] = {"Tháng", "Quý", "6 tháng", "Năm", "Từ ngày – đến ngày"};
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
        if (!too_small()) {
            erase();
            bar_line(0, " Báo cáo sơ kết, tổng kết theo kỳ");
            static const char *const labels[F_COUNT] = {"Kỳ báo cáo", "Năm", "Tháng/quý/nửa năm",
                                                        "Từ ngày", "Đến ngày",
                                                        "Đơn vị (mã; trống: phạm vi của bạn)"};
            for (int i = 0; i < F_COUNT; i++) {
                char v[160] = "";
                switch (i) {
                case F_KIND: snprintf(v, sizeof v, "◂ %s ▸", kind_labels[f.kind]); break;
                case F_YEAR: if (f.kind < 4) snprintf(v, sizeof v, "%d", f.year); break;
                case F_NUMBER: if (kind_max[f.kind]) snprintf(v, sizeof v, "%d", f.number); break;
                case F_FROM: if (f.kind == 4) snprintf(v, sizeof v, "%s", f.from); break;
                case F_TO: if (f.kind == 4) snprintf(v, sizeof v, "%s", f.to); break;
                default: snprintf(v, sizeof v, "%s", f.unit); break;
                }
                if (i == F_KIND && !unicode_ok()) snprintf(v, sizeof v, "< %s >", kind_labels[f.kind]);
                put(3 + 2 * i, 4, labels[i], i == cur ? A_BOLD : A_NORMAL);
                put(3 + 2 * i, 42, v[0] ? v : "—", i == cur ? A_REVERSE : A_UNDERLINE);
            }
            put(4 + 2 * F_COUNT, 4, "Enter: lập báo cáo   ↑↓: chọn dòng   ←→: đổi   Esc: quay lại", 0);
            if (msg[0]) put(LINES - 2, 0, msg, A_BOLD);
            keybar(0);
            refresh();
        }
        wint_t ch;
        int k = getkey(&ch);
        if (k == KEY_STOPPED) return;
        int step = 0;
        if (k == KEY_CODE_YES) {
            if (ch == KEY_UP) cur = (cur + F_COUNT - 1) % F_COUNT;
            else if (ch == KEY_DOWN) cur = (cur + 1) % F_COUNT;
            else if (ch == KEY_LEFT) step = -1;
            else if (ch == KEY_RIGHT) step = 1;
            else if (ch == KEY_F(1)) help();
            else if (ch == KEY_ENTER) ch = '\n', k = OK;
            else if (ch == KEY_BACKSPACE) ch = 127, k = OK;
            if (k == KEY_CODE_YES && !step) continue;
        }
        if (k == OK && (ch == 27 || ch == 7)) return;
        if (k == OK && (ch == '\n' || ch == '\r')) {
            msg[0] = 0;
            run_report(db, who, &f, 1, msg, sizeof msg);
            continue;
        }
        if (k == OK && ch == '?') { help(); continue; }
        if (k == OK && ch == '\t') { cur = (cur + 1) % F_COUNT; continue; }
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
        if (text && k == OK) {
            size_t len = strlen(text);
            if ((ch == 127 || ch == 8) && len) text[len - 1] = 0;
            else if (ch > 32 && ch < 127 && len + 1 < tn) {
                text[len] = (char)(cur == F_UNIT && ch >= 'a' && ch <= 'z' ? ch - 32 : ch);
                text[len + 1] = 0;
            }
        } else if (k == OK && (cur == F_YEAR || cur == F_NUMBER)) {
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
        "Báo cáo sơ kết, tổng kết theo kỳ (tháng, quý, 6 tháng, năm, tùy chọn)",
        "Báo cáo việc quá hạn (theo đơn vị, người phụ trách)",
    };
    int cur = 0;
    char msg[600] = "";
    curs_set(0);
    for (;;) {
        if (!too_small()) {
            erase();
            bar_line(0, " Báo cáo");
            for (int i = 0; i < 2; i++) {
                char line[300];
                snprintf(line, sizeof line, " %d. %s ", i + 1, items[i]);
                put(3 + 2 * i, 4, line, i == cur ? A_REVERSE : A_NORMAL);
            }
            put(8, 4, "Enter hoặc 1, 2: chọn.  Văn bản in theo thể thức của Đảng; xuất CSV, XLSX,", 0);
            put(9, 4, "JSON từ màn hình báo cáo (phím s).", 0);
            if (msg[0]) put(LINES - 2, 0, msg, A_BOLD);
            keybar(0);
            refresh();
        }
        wint_t ch;
        int k = getkey(&ch);
        if (k == KEY_STOPPED) return 0;
        int pick = -1;
        if (k == KEY_CODE_YES) {
            if (ch == KEY_UP || ch == KEY_DOWN) cur = !cur;
            else if (ch == KEY_ENTER) pick = cur;
            else if (ch == KEY_F(1)) help();
        } else if (ch == 27 || ch == 7 || ch == 'q' || ch == 'Q') {
            return 0;
        } else if (ch == '\n' || ch == '\r') {
            pick = cur;
        } else if (ch == '1' || ch == '2') {
            pick = (int)(ch - '1');
        } else if (ch == '?') {
            help();
        } else if (ch == 'j' || ch == 'k') {
            cur = !cur;
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
