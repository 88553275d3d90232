/* The simpler screens: monitoring log, commendations, dissemination
 * sessions (with a form to record one), people, units as a tree, users
 * (administrators) and the settings in force.  Each is a list of lines;
 * Enter on a line that concerns a proposal opens it. */
#include "form.h"
#include "i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lists.h"
#include "setup.h"
#include "units.h"
#include "users.h"

extern char ui_flash[400];

typedef struct vlist {
    text_view tv;          /* the lines */
    char (*code)[32];      /* the proposal of each line, "" none */
    int ncode, capcode;
    char err[600];
} vlist;

static void vl_add(vlist *v, const char *code, const char *line)
{
    if (v->ncode == v->capcode) {
        int cap = v->capcode ? v->capcode * 2 : 64;
        char (*c)[32] = realloc(v->code, (size_t)cap * sizeof *c);
        if (!c) return;
        v->code = c;
        v->capcode = cap;
    }
    snprintf(v->code[v->ncode++], 32, "%s", code ? code : "");
    tv_add(&v->tv, line);
}

static void vl_free(vlist *v)
{
    tv_free(&v->tv);
    free(v->code);
    memset(v, 0, sizeof *v);
}

typedef void (*vl_load_fn)(vlist *v);

/* A line of columns: pairs (text, width) ending with NULL; width 0 = as is. */
static void row(char *line, size_t n, ...)
{
    va_list ap;
    va_start(ap, n);
    line[0] = '\0';
    for (const char *s; (s = va_arg(ap, const char *));) {
        int w = va_arg(ap, int);
        ui_padcat(line, n, s, w);
        ui_padcat(line, n, " ", 0);
    }
    va_end(ap);
}

/* Runs a list screen; add_fn (may be NULL) records a new entry (n). */
static void view_run(const char *title, const char *head, const char *help, vl_load_fn load,
                     int (*add_fn)(void))
{
    vlist v;
    memset(&v, 0, sizeof v);
    load(&v);
    int sel = 0, top = 0;
    for (;;) {
        if (ui_stop) break;
        int rows = LINES - 4;
        if (!ui_too_small()) {
            erase();
            ui_title(_(title));
            ui_put(1, 1, COLS - 2, head, th(TH_HEAD), 1);
            if (sel >= v.tv.n) sel = v.tv.n ? v.tv.n - 1 : 0;
            if (sel < top) top = sel;
            if (sel >= top + rows) top = sel - rows + 1;
            for (int r = 0; r < rows && top + r < v.tv.n; r++)
                ui_put(2 + r, 1, COLS - 2, v.tv.lines[top + r], top + r == sel ? th(TH_SEL) : A_NORMAL, 1);
            if (!v.tv.n) ui_put(3, 2, COLS - 4, "(chưa có gì)", A_NORMAL, 0);
            if (v.err[0]) ui_msg(v.err, 1);
            else if (ui_flash[0]) { ui_msg(ui_flash, 0); ui_flash[0] = '\0'; }
            else {
                char m[200];
                snprintf(m, sizeof m, "%d dòng%s", v.tv.n, add_fn ? " · n: thêm mới" : "");
                ui_msg(m, 0);
            }
            keys_bar(SC_VIEW);
            refresh();
        }
        ui_key k;
        ui_getkey(SC_VIEW, &k);
        if (k.act == K_STOP || k.act == K_QUIT || k.act == K_CANCEL) break;
        switch (k.act) {
        case K_UP: if (sel > 0) sel--; break;
        case K_DOWN: if (sel < v.tv.n - 1) sel++; break;
        case K_PGUP: sel = sel > rows ? sel - rows : 0; break;
        case K_PGDN: sel = sel + rows < v.tv.n ? sel + rows : (v.tv.n ? v.tv.n - 1 : 0); break;
        case K_FIRST: sel = 0; break;
        case K_LAST: sel = v.tv.n ? v.tv.n - 1 : 0; break;
        case K_OPEN:
            if (sel < v.ncode && v.code[sel][0]) screen_detail(v.code[sel]);
            break;
        case K_REFRESH: vl_free(&v); load(&v); break;
        case K_HELP: keys_help(SC_VIEW, help, add_fn ? "Thêm mới\n  n: ghi một mục mới." : NULL); break;
        default:
            if (add_fn && k.act == K_NONE && k.ch == 'n' && add_fn()) { vl_free(&v); load(&v); }
            break;
        }
    }
    vl_free(&v);
}

static void fail(vlist *v, int rc, const st_err *e)
{
    if (rc) snprintf(v->err, sizeof v->err, "%s", e->msg);
}

#define PAGE 500   /* the newest entries; older ones through the CLI reports */

/* ---- monitoring ------------------------------------------------------------- */

static int on_mon(const list_row *r, void *ud)
{
    char line[900], d[11];
    row(line, sizeof line, ui_date(r->col[0], d), 10, r->code, 13, r->col[1], 10, r->col[3], 5,
        r->col[4], 3, r->col[2], 0, "—", 0, r->col[5], 0, (const char *)NULL);
    vl_add(ud, r->code, line);
    return 0;
}

static void load_mon(vlist *v)
{
    st_err e;
    err_clear(&e);
    int rc;
    UI_DB(rc, monitoring_log(U.db, &U.who, PAGE, 0, on_mon, v, &e));
    fail(v, rc, &e);
}

void screen_monitoring(void)
{
    view_run("Sổ theo dõi, kiểm tra, giám sát",
             "Ngày       Đề xuất       Hình thức  Tiến  VP  Người thực hiện — Tên đề xuất",
             "Sổ theo dõi, kiểm tra, giám sát\n  Các lần theo dõi của mọi đề xuất trong phạm vi, "
             "mới nhất trước.\n  VP: có phát hiện vi phạm.  Enter mở đề xuất; ghi lần mới bằng "
             "Thao tác → Ghi theo dõi trong đề xuất.", load_mon, NULL);
}

/* ---- commendations ------------------------------------------------------------ */

static int on_comm(const list_row *r, void *ud)
{
    char line[900], d[11];
    row(line, sizeof line, ui_date(r->col[0], d), 10, r->col[2], 24, r->col[1], 22, r->col[3], 12,
        r->code, 0, (const char *)NULL);
    vl_add(ud, r->code, line);
    return 0;
}

static void load_comm(vlist *v)
{
    st_err e;
    err_clear(&e);
    int rc;
    UI_DB(rc, commendation_list(U.db, &U.who, PAGE, 0, on_comm, v, &e));
    fail(v, rc, &e);
}

void screen_commendations(void)
{
    view_run("Khen thưởng", "Ngày       Người được khen          Hình thức              Số QĐ        Đề xuất",
             "Khen thưởng\n  Biểu dương, khen thưởng, ưu tiên bố trí người có đề xuất hiệu quả.\n"
             "  Ghi khen thưởng: mở đề xuất đã đánh giá, Thao tác → Khen thưởng.", load_comm, NULL);
}

/* ---- dissemination ---------------------------------------------------------------- */

static int on_diss(const list_row *r, void *ud)
{
    char line[900], d[11];
    char np[32];
    snprintf(np, sizeof np, "%5s người", r->col[3]);
    row(line, sizeof line, ui_date(r->col[0], d), 10, r->col[1], 18, np, 12, r->col[2], 0,
        r->col[4], 0, (const char *)NULL);
    vl_add(ud, "", line);
    return 0;
}

static void load_diss(vlist *v)
{
    st_err e;
    err_clear(&e);
    int rc;
    UI_DB(rc, dissemination_list(U.db, &U.who, PAGE, 0, on_diss, v, &e));
    fail(v, rc, &e);
}

static const fielddef diss_form[] = {
    {"unit", "Đơn vị", FT_UNIT, FF_REQUIRED, NULL, NULL, 0, 0},
    {"date", "Ngày", FT_DATE, FF_TODAY, NULL, NULL, 0, 0},
    {"form", "Hình thức", FT_ENUM, FF_REQUIRED, "conference|cell_meeting|propaganda",
     "Hội nghị|Sinh hoạt chi bộ|Tuyên truyền", 0, 0},
    {"participants", "Số người tham dự", FT_INT, 0, NULL, NULL, 0, 1000000},
    {"note", "Ghi chú", FT_LONGTEXT, 0, NULL, NULL, 0, 0},
};

static int save_diss(form *f, void *ud)
{
    (void)ud;
    char *v[5];
    for (int i = 0; i < 5; i++) v[i] = form_value(f, i);
    st_err e;
    err_clear(&e);
    int rc;
    UI_DB(rc, dissemination_add(U.db, &U.who, v[0], v[1], v[2], v[3], v[4], &e));
    for (int i = 0; i < 5; i++) free(v[i]);
    if (rc) { form_error(f, e.field[0] ? e.field : NULL, e.msg); return 0; }
    snprintf(ui_flash, sizeof ui_flash, "Đã ghi buổi học tập, quán triệt.");
    return 1;
}

static int add_diss(void)
{
    form f;
    form_init(&f, "Ghi buổi học tập, quán triệt", "");
    for (int i = 0; i < 5; i++) form_add(&f, &diss_form[i]);
    form_mark_loaded(&f);
    int ok = form_run(&f, save_diss, NULL);
    form_free(&f);
    return ok;
}

void screen_dissemination(void)
{
    view_run("Học tập, quán triệt", "Ngày       Hình thức          Tham dự      Đơn vị  Ghi chú",
             "Học tập, quán triệt, tuyên truyền Kết luận 14-KL/TW\n  Các buổi của đơn vị trong phạm vi, "
             "mới nhất trước.", load_diss, (U.who.roles & (ROLE_CLERK | ROLE_ADMIN)) ? add_diss : NULL);
}

/* ---- people ------------------------------------------------------------------------ */

static int on_person(const person_row *r, void *ud)
{
    char line[900];
    row(line, sizeof line, r->full_name, 28, r->position, 26, r->unit_name, 0, (const char *)NULL);
    vl_add(ud, "", line);
    return 0;
}

static void load_people(vlist *v)
{
    st_err e;
    err_clear(&e);
    int rc;
    UI_DB(rc, people_search(U.db, &U.who, NULL, PAGE, 0, on_person, v, &e));
    fail(v, rc, &e);
}

void screen_people(void)
{
    view_run("Người", "Họ và tên                    Chức vụ                    Đơn vị",
             "Người\n  Cán bộ có đề xuất và người được khen trong phạm vi của bạn.\n"
             "  Người mới được thêm ngay trong biểu mẫu đề xuất (trường Tác giả chính, ^P).",
             load_people, NULL);
}

/* ---- units --------------------------------------------------------------------------- */

static int on_unit(const unit_row *r, void *ud)
{
    char line[900];
    snprintf(line, sizeof line, "%*s%s%s (%s)%s%s", 2 * r->depth, "", r->depth ? "└ " : "", r->name,
             r->code, *r->level ? " — " : "", r->level);
    vl_add(ud, "", line);
    return 0;
}

static void load_units(vlist *v)
{
    st_err e;
    err_clear(&e);
    int rc;
    UI_DB(rc, unit_list(U.db, &U.who, on_unit, v, &e));
    fail(v, rc, &e);
}

void screen_units(void)
{
    view_run("Đơn vị", "Cây đơn vị trong phạm vi của bạn",
             "Đơn vị\n  Cây đơn vị lấy từ tệp CSV của quản trị viên (sangtao unit import).",
             load_units, NULL);
}

/* ---- users ------------------------------------------------------------------------------ */

static int on_user(const user_row *r, void *ud)
{
    char line[900], roles[256] = "";
    for (unsigned bit = 1; bit <= ROLE_ADMIN; bit <<= 1)
        if (r->roles & bit)
            snprintf(roles + strlen(roles), sizeof roles - strlen(roles), "%s%s", roles[0] ? ", " : "",
                     role_label(bit));
    row(line, sizeof line, r->username, 18, r->full_name, 22, r->scope_code, 10, roles, 0,
        r->locked ? " [đang khóa]" : "", 0, (const char *)NULL);
    vl_add(ud, "", line);
    return 0;
}

static void load_users(vlist *v)
{
    st_err e;
    err_clear(&e);
    int rc;
    UI_DB(rc, user_list(U.db, &U.who, on_user, v, &e));
    fail(v, rc, &e);
}

void screen_users(void)
{
    view_run("Tài khoản", "Tài khoản          Họ tên                 Phạm vi    Vai trò",
             "Tài khoản (quản trị viên)\n  Thêm, khóa, mở khóa, đặt lại mật khẩu bằng lệnh "
             "sangtao user … (xem man sangtao).", load_users, NULL);
}

/* ---- settings -------------------------------------------------------------------------------- */

static void load_settings(vlist *v)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) return;
    config_print_values(U.cfg, f);
    fclose(f);
    const char *path = config_path(U.cfg);
    char line[1200];
    snprintf(line, sizeof line, "Tệp cài đặt: %s", *path ? path : "(không có; dùng mặc định)");
    vl_add(v, "", line);
    for (char *p = buf, *nl; p && *p; p = nl) {
        if ((nl = strchr(p, '\n'))) *nl++ = '\0';
        if (*p == '#' || !*p) continue;
        vl_add(v, "", p);
    }
    free(buf);
}

void screen_settings(void)
{
    view_run("Cài đặt", "Các cài đặt đang dùng (config.ini; sangtao --help-config giải thích từng mục)",
             "Cài đặt\n  Chỉ xem.  Sửa tệp config.ini rồi khởi động lại chương trình.", load_settings, NULL);
}
