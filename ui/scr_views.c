/* The simpler screens: monitoring log, commendations, dissemination
 * sessions (with a form to record one), people, units as a tree, users
 * (administrators) and the settings in force.  Each is a list screen of
 * listview.c: here only what its lines say and what Enter and "new" do;
 * Enter on a line that concerns a proposal opens it. */
#include "form.h"
#include "i18n.h"
#include "listview.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flow/lists.h"
#include "flow/setup.h"
#include "flow/units.h"
#include "flow/users.h"

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

/* Enter on a line of a proposal: its detail (nothing to read again). */
static int open_proposal(const char *code)
{
    screen_detail(code);
    return 0;
}

#define PAGE 500   /* the newest entries; older ones through the CLI reports */

/* ---- monitoring ------------------------------------------------------------- */

static int on_mon(const list_row *r, void *ud)
{
    char line[900], d[11];
    row(line, sizeof line, ui_date(r->col[0], d), 10, r->code, 13, r->col[1], 10, r->col[3], 5,
        r->col[4], 3, r->col[2], 0, "—", 0, r->col[5], 0, (const char *)NULL);
    listview_add(ud, r->code, line);
    return 0;
}

static int load_mon(listview *v, st_err *e)
{
    int rc;
    UI_DB(rc, monitoring_log(U.db, &U.who, PAGE, 0, on_mon, v, e));
    return rc;
}

void screen_monitoring(void)
{
    static const listview_def d = {
        "Sổ theo dõi, kiểm tra, giám sát",
        "Ngày       Đề xuất       Hình thức  Tiến  VP  Người thực hiện — Tên đề xuất",
        "Sổ theo dõi, kiểm tra, giám sát\n  Các lần theo dõi của mọi đề xuất trong phạm vi, "
        "mới nhất trước.\n  VP: có phát hiện vi phạm.  Enter mở đề xuất; ghi lần mới bằng "
        "Thao tác → Ghi theo dõi trong đề xuất.", load_mon, open_proposal, NULL};
    listview_run(&d);
}

/* ---- commendations ------------------------------------------------------------ */

/* Columns fitted to the width: at 80 the proposal's code stays whole
 * (Enter opens it), the decision number takes what is left. */
static void comm_row(char *line, size_t n, const char *date, const char *code, const char *who,
                     const char *kind, const char *doc)
{
    int wide = COLS >= 100;
    row(line, n, date, 10, code, wide ? 14 : 12, who, wide ? 24 : 17, kind, wide ? 26 : 25,
        doc, 0, (const char *)NULL);
}

static int on_comm(const list_row *r, void *ud)
{
    char line[900], d[11];
    comm_row(line, sizeof line, ui_date(r->col[0], d), r->code, r->col[2], r->col[1], r->col[3]);
    listview_add(ud, r->code, line);
    return 0;
}

static int load_comm(listview *v, st_err *e)
{
    int rc;
    UI_DB(rc, commendation_list(U.db, &U.who, PAGE, 0, on_comm, v, e));
    return rc;
}

void screen_commendations(void)
{
    char head[300];
    comm_row(head, sizeof head, _("Ngày"), _("Đề xuất"), _("Người được khen"), _("Hình thức"), _("Số quyết định"));
    listview_def d = {"Khen thưởng", head,
                      "Khen thưởng\n  Biểu dương, khen thưởng, ưu tiên bố trí người có đề xuất hiệu quả.\n"
                      "  Ghi khen thưởng: mở đề xuất đã đánh giá, Thao tác → Khen thưởng.",
                      load_comm, open_proposal, NULL};
    listview_run(&d);
}

/* ---- dissemination ---------------------------------------------------------------- */

static int on_diss(const list_row *r, void *ud)
{
    char line[900], d[11];
    char np[32];
    snprintf(np, sizeof np, "%5s người", r->col[3]);
    row(line, sizeof line, ui_date(r->col[0], d), 10, r->col[1], 16, np, 11, r->col[2],
        COLS >= 100 ? 40 : 26, r->col[4], 0, (const char *)NULL);
    listview_add(ud, "", line);
    return 0;
}

static int load_diss(listview *v, st_err *e)
{
    int rc;
    UI_DB(rc, dissemination_list(U.db, &U.who, PAGE, 0, on_diss, v, e));
    return rc;
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
    if (!v[0] || !v[1] || !v[2] || !v[3] || !v[4]) {
        for (int i = 0; i < 5; i++) free(v[i]);
        form_error(f, NULL, "hết bộ nhớ");
        return 0;
    }
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
    char head[300];
    row(head, sizeof head, _("Ngày"), 10, _("Hình thức"), 16, _("Tham dự"), 11, _("Đơn vị"), COLS >= 100 ? 40 : 26,
        _("Ghi chú"), 0, (const char *)NULL);
    listview_def d = {"Học tập, quán triệt", head,
                      "Học tập, quán triệt, tuyên truyền Kết luận 14-KL/TW\n  Các buổi của đơn vị trong "
                      "phạm vi, mới nhất trước.", load_diss, NULL,
                      (U.who.roles & (ROLE_CLERK | ROLE_ADMIN)) ? add_diss : NULL};
    listview_run(&d);
}

/* ---- people ------------------------------------------------------------------------ */

static int on_person(const person_row *r, void *ud)
{
    char line[900];
    row(line, sizeof line, r->full_name, 28, r->position, 26, r->unit_name, 0, (const char *)NULL);
    listview_add(ud, "", line);
    return 0;
}

static int load_people(listview *v, st_err *e)
{
    int rc;
    UI_DB(rc, people_search(U.db, &U.who, NULL, PAGE, 0, on_person, v, e));
    return rc;
}

void screen_people(void)
{
    static const listview_def d = {
        "Người", "Họ và tên                    Chức vụ                    Đơn vị",
        "Người\n  Cán bộ có đề xuất và người được khen trong phạm vi của bạn.\n"
        "  Người mới được thêm ngay trong biểu mẫu đề xuất (trường Tác giả chính, ^P).",
        load_people, NULL, NULL};
    listview_run(&d);
}

/* ---- units --------------------------------------------------------------------------- */

static int on_unit(const unit_row *r, void *ud)
{
    char line[900];
    snprintf(line, sizeof line, "%*s%s%s (%s)%s%s", 2 * r->depth, "", r->depth ? "└ " : "", r->name,
             r->code, *r->level ? " — " : "", r->level);
    listview_add(ud, "", line);
    return 0;
}

static int load_units(listview *v, st_err *e)
{
    int rc;
    UI_DB(rc, unit_list(U.db, &U.who, on_unit, v, e));
    return rc;
}

void screen_units(void)
{
    static const listview_def d = {
        "Đơn vị", "Cây đơn vị trong phạm vi của bạn",
        "Đơn vị\n  Cây đơn vị lấy từ tệp CSV của quản trị viên (sangtao unit import).",
        load_units, NULL, NULL};
    listview_run(&d);
}

/* ---- users ------------------------------------------------------------------------------ */

/* Which listed accounts are locked (user_menu offers lock or unlock). */
static struct { char name[64]; int locked; } *ulocks;
static int nulocks, capulocks;

static void users_locked_note(const char *name, int locked)
{
    if (!name) { free(ulocks); ulocks = NULL; nulocks = capulocks = 0; return; }
    for (int i = 0; i < nulocks; i++)
        if (strcmp(ulocks[i].name, name) == 0) { ulocks[i].locked = locked; return; }
    if (nulocks == capulocks) {
        int cap = capulocks ? capulocks * 2 : 64;
        void *n = realloc(ulocks, (size_t)cap * sizeof *ulocks);
        if (!n) return;
        ulocks = n;
        capulocks = cap;
    }
    snprintf(ulocks[nulocks].name, sizeof ulocks[nulocks].name, "%s", name);
    ulocks[nulocks++].locked = locked;
}

static int user_is_locked(const char *name)
{
    for (int i = 0; i < nulocks; i++) if (strcmp(ulocks[i].name, name) == 0) return ulocks[i].locked;
    return 0;
}

/* A new password typed twice, masked. */
static const fielddef pw_fields[] = {
    {"password", "Mật khẩu mới", FT_TEXT, FF_REQUIRED, NULL, NULL, 0, 0},
    {"password2", "Nhập lại mật khẩu", FT_TEXT, FF_REQUIRED, NULL, NULL, 0, 0},
};

/* Both password fields agree; the value into *out (malloc'd) or an error. */
static int pw_pair(form *f, int i, char **out)
{
    char *a = form_value(f, i), *b = form_value(f, i + 1);
    if (!a || !b) {
        if (a) { memset(a, 0, strlen(a)); free(a); }
        if (b) { memset(b, 0, strlen(b)); free(b); }
        form_error(f, NULL, "hết bộ nhớ");
        *out = NULL;
        return 0;
    }
    int ok = *a && strcmp(a, b) == 0;
    if (!*a) form_error(f, f->f[i].fd.name, "Chưa nhập mật khẩu");
    else if (!ok) form_error(f, f->f[i + 1].fd.name, "Hai lần nhập không giống nhau");
    memset(b, 0, strlen(b));
    free(b);
    if (!ok) { memset(a, 0, strlen(a)); free(a); a = NULL; }
    *out = a;
    return ok;
}

static void pw_wipe(char *s)
{
    if (s) { memset(s, 0, strlen(s)); free(s); }
}

static int save_reset(form *f, void *ud)
{
    const char *name = ud;
    char *pw;
    if (!pw_pair(f, 0, &pw)) return 0;
    char q[300];
    snprintf(q, sizeof q, "Đặt lại mật khẩu của %s? Người đó phải đổi mật khẩu ở lần đăng nhập sau.", name);
    if (!ui_confirm(q)) { pw_wipe(pw); snprintf(f->msg, sizeof f->msg, "Chưa đặt lại."); return 0; }
    st_err e;
    err_clear(&e);
    int rc;
    UI_DB(rc, user_passwd(U.db, &U.who, name, NULL, pw, &e));
    pw_wipe(pw);
    if (rc) { form_error(f, e.field[0] ? "password" : NULL, e.msg); return 0; }
    snprintf(ui_flash, sizeof ui_flash, "Đã đặt lại mật khẩu của %s; lần đăng nhập sau phải đổi.", name);
    return 1;
}

static void form_wipe(form *f)
{
    for (int i = 0; i < f->n; i++) if (f->f[i].mask && f->f[i].le) le_set_utf8(f->f[i].le, "");
    form_free(f);
}

static int user_reset(const char *name)
{
    form f;
    char title[200];
    snprintf(title, sizeof title, "Đặt lại mật khẩu: %s", name);
    form_init(&f, title, "");   /* never saved as a draft */
    for (int i = 0; i < 2; i++) { form_add(&f, &pw_fields[i]); f.f[i].mask = 1; }
    form_mark_loaded(&f);
    int ok = form_run(&f, save_reset, (void *)name);
    form_wipe(&f);
    return ok;
}

static int user_add_form(void);

/* Enter on an account: lock or unlock, reset the password, add one. */
static int user_menu(const char *name)
{
    int locked = user_is_locked(name);
    const char *m[] = {locked ? "Mở khóa tài khoản" : "Khóa tài khoản (không đăng nhập được)",
                       "Đặt lại mật khẩu (phải đổi ở lần đăng nhập sau)", "Thêm tài khoản mới"};
    char title[200];
    snprintf(title, sizeof title, "Tài khoản %s", name);
    int c = pick_list(title, m, 3, 0);
    st_err e;
    err_clear(&e);
    int rc = ST_OK;
    if (c == 0 && !locked) {
        char q[300];
        snprintf(q, sizeof q, "Khóa tài khoản %s? Người đó sẽ không đăng nhập được cho đến khi mở khóa.", name);
        if (!ui_confirm(q)) return 0;
        UI_DB(rc, user_lock(U.db, &U.who, name, &e));
        if (!rc) snprintf(ui_flash, sizeof ui_flash, "Đã khóa tài khoản %s.", name);
    } else if (c == 0) {
        UI_DB(rc, user_unlock(U.db, &U.who, name, &e));
        if (!rc) snprintf(ui_flash, sizeof ui_flash, "Đã mở khóa tài khoản %s.", name);
    } else if (c == 1) {
        return user_reset(name);
    } else if (c == 2) {
        return user_add_form();
    } else {
        return 0;
    }
    if (rc) ui_alert(e.msg);
    return rc == ST_OK;
}

static const fielddef user_fields[] = {
    {"username", "Tên đăng nhập (a-z, 0-9, . _ -)", FT_TEXT, FF_REQUIRED, NULL, NULL, 0, 0},
    {"full_name", "Họ và tên", FT_TEXT, FF_REQUIRED, NULL, NULL, 0, 0},
    {"roles", "Vai trò", FT_SET, FF_REQUIRED, "clerk|reviewer|head|monitor|viewer|admin",
     "Chuyên viên|Thẩm định|Lãnh đạo có thẩm quyền|Ban Tổ chức (theo dõi)|Chỉ xem|Quản trị", 0, 0},
    {"scope", "Phạm vi (đơn vị)", FT_UNIT, FF_REQUIRED, NULL, NULL, 0, 0},
    {"password", "Mật khẩu ban đầu", FT_TEXT, FF_REQUIRED, NULL, NULL, 0, 0},
    {"password2", "Nhập lại mật khẩu", FT_TEXT, FF_REQUIRED, NULL, NULL, 0, 0},
};
#define NUF (int)(sizeof user_fields / sizeof user_fields[0])

static int save_user(form *f, void *ud)
{
    (void)ud;
    char *v[4];
    for (int i = 0; i < 4; i++) v[i] = form_value(f, i);
    if (!v[0] || !v[1] || !v[2] || !v[3]) {
        for (int i = 0; i < 4; i++) free(v[i]);
        form_error(f, NULL, "hết bộ nhớ");
        return 0;
    }
    unsigned roles = 0;
    st_err e;
    err_clear(&e);
    int rc = ST_OK, ok = 0;
    char *pw = NULL;
    if (!*v[2]) form_error(f, "roles", "Chọn ít nhất một vai trò (Space hoặc ^P)");
    else if (roles_parse(v[2], &roles, &e)) form_error(f, "roles", e.msg);
    if (!*v[3]) form_error(f, "scope", "Chọn đơn vị (^P)");
    if (pw_pair(f, 4, &pw) && roles && *v[3]) {
        UI_DB(rc, user_add(U.db, &U.who, v[0], v[1], roles, v[3], pw, &e));
        if (rc) form_error(f, e.field[0] ? e.field : NULL, e.msg);
        else {
            ok = 1;
            snprintf(ui_flash, sizeof ui_flash, "Đã thêm tài khoản %s; lần đăng nhập đầu phải đổi mật khẩu.",
                     v[0]);
        }
    }
    pw_wipe(pw);
    for (int i = 0; i < 4; i++) free(v[i]);
    return ok;
}

static int user_add_form(void)
{
    form f;
    form_init(&f, "Thêm tài khoản", "");
    for (int i = 0; i < NUF; i++) form_add(&f, &user_fields[i]);
    f.f[4].mask = f.f[5].mask = 1;
    form_mark_loaded(&f);
    int ok = form_run(&f, save_user, NULL);
    form_wipe(&f);
    return ok;
}

static int on_user(const user_row *r, void *ud)
{
    char line[900], roles[256] = "";
    for (unsigned bit = 1; bit <= ROLE_ADMIN; bit <<= 1)
        if (r->roles & bit)
            snprintf(roles + strlen(roles), sizeof roles - strlen(roles), "%s%s", roles[0] ? ", " : "",
                     _(role_label(bit)));
    row(line, sizeof line, r->username, 18, r->full_name, 22, r->scope_code, 10, roles, 0,
        r->locked ? " [đang khóa]" : "", 0, (const char *)NULL);
    listview_add(ud, r->username, line);
    /* Locked or not, for the menu: a second list, by the same index. */
    users_locked_note(r->username, r->locked);
    return 0;
}

static int load_users(listview *v, st_err *e)
{
    int rc;
    UI_DB(rc, user_list(U.db, &U.who, on_user, v, e));
    return rc;
}

void screen_users(void)
{
    static const listview_def d = {
        "Tài khoản", "Tài khoản          Họ tên                 Phạm vi    Vai trò",
        "Tài khoản (quản trị viên)\n  Enter trên một tài khoản: khóa, mở khóa, đặt lại mật khẩu.\n"
        "  n: thêm tài khoản.  Đổi vai trò, phạm vi: sangtao user roles (man sangtao).",
        load_users, user_menu, user_add_form};
    listview_run(&d);
    users_locked_note(NULL, 0);
}

/* ---- settings -------------------------------------------------------------------------------- */

static int load_settings(listview *v, st_err *e)
{
    (void)e;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) return 0;
    config_print_values(U.cfg, f);
    fclose(f);
    const char *path = config_path(U.cfg);
    char line[1200];
    snprintf(line, sizeof line, _("Tệp cài đặt: %s"), *path ? path : _("(không có; dùng mặc định)"));
    listview_add(v, "", line);
    for (char *p = buf, *nl; p && *p; p = nl) {
        if ((nl = strchr(p, '\n'))) *nl++ = '\0';
        if (*p == '#' || !*p) continue;
        listview_add(v, "", p);
    }
    free(buf);
    return 0;
}

void screen_settings(void)
{
    static const listview_def d = {
        "Cài đặt", "Các cài đặt đang dùng (config.ini; sangtao --help-config giải thích từng mục)",
        "Cài đặt\n  Chỉ xem.  Sửa tệp config.ini rồi khởi động lại chương trình.",
        load_settings, NULL, NULL};
    listview_run(&d);
}
