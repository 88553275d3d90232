/* The exchange with the province (or, at the hub, with the offices): where
 * it stands (last exchange each way, changes waiting, conflicts open),
 * export a bundle to a path, import one, check this office against the
 * hub, and the conflicts the hub recorded, each shown side by side and
 * resolved by a key.  A list screen of listview.c; the core is
 * sync/exchange.h and sync/sync.h. */
#include "form.h"
#include "listview.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sync/exchange.h"
#include "sync/site.h"
#include "sync/sync.h"

/* ---- the lines ------------------------------------------------------------------- */

static int me_site;   /* this site's number, read with the lines */

static void since(const char *ts, char *buf, int n)
{
    char t[32];
    if (!ts[0]) { snprintf(buf, (size_t)n, "chưa có"); return; }
    snprintf(buf, (size_t)n, "%s", ui_time(ts, t, sizeof t));
}

static int on_conflict(const sync_conflict *c, void *ud)
{
    char key[64], line[700], left[60], right[60];
    snprintf(key, sizeof key, "c:%lld", (long long)c->id);
    left[0] = right[0] = '\0';
    ui_padcat(left, sizeof left, c->kept_value[0] ? c->kept_value : "(trống)", 18);
    ui_padcat(right, sizeof right, c->lost_value[0] ? c->lost_value : "(trống)", 18);
    snprintf(line, sizeof line, "  %-13s %-10s %s (trạm %d) ↔ %s (trạm %d)%s", c->code,
             strcmp(c->kind, "workflow") == 0 ? "quy trình" : c->column, left, c->kept_site,
             right, c->lost_site, c->open ? "" : "  [đã giải quyết]");
    listview_add(ud, key, line);
    return 0;
}

static int load(listview *v, st_err *e)
{
    sync_summary s;
    int rc;
    UI_DB(rc, sync_summary_get(U.db, &s, e));
    if (rc) return rc;
    me_site = s.site_no;
    char line[400], a[40], b[40];
    if (!s.member) {
        listview_add(v, NULL, "Cơ sở dữ liệu này chưa tham gia trao đổi ngoại tuyến.");
        listview_add(v, NULL, "Ở máy chủ tỉnh: sangtao site add MÃ --unit ĐƠN_VỊ, rồi site seed "
                              "(xem README, \"Văn phòng không có mạng\").");
        return ST_OK;
    }
    snprintf(line, sizeof line, "Trạm này: số %d, %s", s.site_no,
             s.is_hub ? "máy chủ tỉnh" : "văn phòng");
    listview_add(v, NULL, line);
    since(s.last_in, a, sizeof a);
    since(s.last_out, b, sizeof b);
    if (s.days_in >= 0)
        snprintf(line, sizeof line, "Nhận lần cuối: %s (%d ngày trước) · Gửi lần cuối: %s", a,
                 s.days_in, b);
    else
        snprintf(line, sizeof line, "Nhận lần cuối: %s · Gửi lần cuối: %s", a, b);
    listview_add(v, NULL, line);
    snprintf(line, sizeof line, "Thay đổi chờ gửi: %lld · Chờ phần còn thiếu: %lld · "
             "Xung đột chưa giải quyết: %lld", (long long)s.waiting, (long long)s.gaps,
             (long long)s.conflicts);
    listview_add(v, NULL, line);
    listview_add(v, NULL, "");
    listview_add(v, "export", "  » Xuất tệp trao đổi (USB, thư điện tử)…");
    listview_add(v, "import", "  » Nhận tệp trao đổi…");
    if (!s.is_hub) listview_add(v, "verify", "  » Kiểm tra dữ liệu khớp với máy chủ tỉnh");
    listview_add(v, NULL, "");
    listview_add(v, NULL, "Xung đột (giá trị hiện có ↔ giá trị bị thay)");
    UI_DB(rc, sync_conflicts_list(U.db, 0, on_conflict, v, e));
    return rc;
}

/* ---- export, import, verify -------------------------------------------------------- */

static const fielddef export_fields[] = {
    {"path", "Ghi vào tệp", FT_TEXT, FF_REQUIRED, NULL, NULL, 0, 0},
    {"to", "Gửi cho văn phòng (mã, ở máy chủ tỉnh)", FT_TEXT, 0, NULL, NULL, 0, 0},
};

static int need_admin(void)
{
    if (U.who.roles & ROLE_ADMIN) return 1;
    ui_alert("Chỉ quản trị viên được xuất hoặc nhận tệp trao đổi.");
    return 0;
}

static int save_export(form *f, void *ud)
{
    const sync_summary *s = ud;
    char *path = form_value(f, 0), *to = s->is_hub ? form_value(f, 1) : NULL;
    st_err e;
    err_clear(&e);
    int rc = ST_OK, no = 0;
    if (!path || (s->is_hub && !to)) rc = err_set(&e, ST_ENOMEM, "hết bộ nhớ");
    if (!rc && s->is_hub) {
        sync_site site;
        if (!to[0]) rc = err_set(&e, ST_EINVAL, "Ở máy chủ tỉnh cần mã văn phòng nhận");
        else if (!(rc = site_get(U.db, to, &site, &e))) no = site.site_no;
        if (rc) { form_error(f, "to", e.msg); free(path); free(to); return 0; }
    }
    uint64_t bytes = 0;
    if (!rc) UI_DB(rc, sync_export(U.db, no, path, &bytes, &e));
    if (rc) form_error(f, "path", e.msg);
    else snprintf(ui_flash, sizeof ui_flash, "Đã ghi %s: %llu byte.", path,
                  (unsigned long long)bytes);
    free(path);
    free(to);
    return rc == ST_OK;
}

static int do_export(void)
{
    if (!need_admin()) return 0;
    sync_summary s;
    st_err e;
    err_clear(&e);
    int rc;
    UI_DB(rc, sync_summary_get(U.db, &s, &e));
    if (rc) { ui_alert(e.msg); return 0; }
    form f;
    form_init(&f, "Xuất tệp trao đổi", "");
    form_add(&f, &export_fields[0]);
    if (s.is_hub) form_add(&f, &export_fields[1]);
    form_mark_loaded(&f);
    int ok = form_run(&f, save_export, &s);
    form_free(&f);
    return ok;
}

static const fielddef import_fields[] = {
    {"path", "Tệp nhận được", FT_TEXT, FF_REQUIRED, NULL, NULL, 0, 0},
};

static int save_import(form *f, void *ud)
{
    (void)ud;
    char *path = form_value(f, 0);
    if (!path) { form_error(f, NULL, "hết bộ nhớ"); return 0; }
    st_err e;
    err_clear(&e);
    int rc, from = 0;
    sync_result r;
    UI_DB(rc, sync_import(U.db, path, &from, &r, &e));
    if (rc) form_error(f, "path", e.msg);
    else
        snprintf(ui_flash, sizeof ui_flash, "Đã nhận %s từ trạm số %d: %d thay đổi mới, %d đã "
                 "có, %d chờ phần còn thiếu, %d xung đột%s.", path, from, r.changes_applied,
                 r.changes_skipped, r.changes_waiting, r.conflicts,
                 r.full_applied ? ", đã sửa theo máy chủ tỉnh" : "");
    free(path);
    return rc == ST_OK;
}

static int do_import(void)
{
    if (!need_admin()) return 0;
    form f;
    form_init(&f, "Nhận tệp trao đổi", "");
    form_add(&f, &import_fields[0]);
    form_mark_loaded(&f);
    int ok = form_run(&f, save_import, NULL);
    form_free(&f);
    return ok;
}

static int on_diff(const char *table, int64_t hub_rows, int64_t here_rows, void *ud)
{
    char *msg = ud;
    size_t n = strlen(msg);
    snprintf(msg + n, 600 - n, " %s (tỉnh %lld, ở đây %lld);", table, (long long)hub_rows,
             (long long)here_rows);
    return 0;
}

static void do_verify(void)
{
    char msg[600] = "Khác với máy chủ tỉnh:";
    st_err e;
    err_clear(&e);
    int rc, ndiff = 0;
    UI_DB(rc, sync_verify(U.db, on_diff, msg, &ndiff, &e));
    if (rc) ui_alert(e.msg);
    else if (!ndiff) ui_alert("Dữ liệu văn phòng khớp với máy chủ tỉnh.");
    else {
        size_t n = strlen(msg);
        snprintf(msg + n, sizeof msg - n, " nhờ tỉnh xuất tệp đầy đủ (sync export --full).");
        ui_alert(msg);
    }
}

/* ---- one conflict, side by side ----------------------------------------------------- */

typedef struct one {
    int64_t id;
    int found;
    sync_conflict c;
    char *kept, *lost;
} one;

static int find_one(const sync_conflict *c, void *ud)
{
    one *o = ud;
    if (c->id != o->id || o->found) return 0;
    o->found = 1;
    o->c = *c;
    o->kept = strdup(c->kept_value);
    o->lost = strdup(c->lost_value);
    o->c.kept_value = o->c.lost_value = NULL;
    return 0;
}

static void column(int x, int w, const char *head, const char *value)
{
    ui_put(4, x, w, head, th(TH_HEAD), 1);
    text_view tv = {0};
    tv_add_wrapped(&tv, value && value[0] ? value : "(trống)", w);
    for (int i = 0; i < tv.n && 5 + i < LINES - 3; i++) ui_put(5 + i, x, w, tv.lines[i], A_NORMAL, 1);
    tv_free(&tv);
}

static void draw_one(const one *o, int left_kept)
{
    erase();
    ui_title("Xung đột");
    char line[600], hl[120], hr[120];
    snprintf(line, sizeof line, "%s — %s · %s.%s", o->c.code, o->c.title, o->c.table, o->c.column);
    ui_put(1, 1, COLS - 2, line, A_BOLD, 0);
    if (o->c.detail[0]) ui_put(2, 1, COLS - 2, o->c.detail, th(TH_DIM), 0);
    int w = (COLS - 3) / 2;
    int ls = left_kept ? o->c.kept_site : o->c.lost_site, rs = left_kept ? o->c.lost_site : o->c.kept_site;
    snprintf(hl, sizeof hl, "%s, trạm %d%s", left_kept ? "Hiện có" : "Bị thay", ls,
             ls == me_site ? " (trạm này)" : "");
    snprintf(hr, sizeof hr, "%s, trạm %d%s", left_kept ? "Bị thay" : "Hiện có", rs,
             rs == me_site ? " (trạm này)" : "");
    column(1, w, hl, left_kept ? o->kept : o->lost);
    column(2 + w, w, hr, left_kept ? o->lost : o->kept);
    char k1[16], k2[16], k3[16];
    if (o->c.open)
        snprintf(line, sizeof line, "%s: lấy giá trị bên trái · %s: lấy giá trị bên phải · %s: để sau",
                 keys_name_for(SC_CONFLICT, K_MINE, k1, sizeof k1),
                 keys_name_for(SC_CONFLICT, K_THEIRS, k2, sizeof k2),
                 keys_name_for(SC_CONFLICT, K_CANCEL, k3, sizeof k3));
    else
        snprintf(line, sizeof line, "Đã giải quyết (%s) bởi %s.  %s: quay lại",
                 strcmp(o->c.resolution, "took") == 0 ? "lấy giá trị bị thay" : "giữ giá trị hiện có",
                 o->c.resolved_by, keys_name_for(SC_CONFLICT, K_CANCEL, k3, sizeof k3));
    ui_msg(line, 0);
    refresh();
}

static int open_conflict(int64_t id)
{
    one o;
    memset(&o, 0, sizeof o);
    o.id = id;
    st_err e;
    err_clear(&e);
    int rc;
    UI_DB(rc, sync_conflicts_list(U.db, 0, find_one, &o, &e));
    if (rc || !o.found) { ui_alert(rc ? e.msg : "Không còn xung đột này."); return 1; }
    /* the value written here on the left ("mine"), else the one kept */
    int left_kept = o.c.lost_site != me_site || o.c.kept_site == me_site;
    int changed = 0;
    for (;;) {
        if (ui_too_small()) { ui_key k; ui_getkey(SC_CONFLICT, &k); if (k.act == K_STOP) break; continue; }
        draw_one(&o, left_kept);
        ui_key k;
        ui_getkey(SC_CONFLICT, &k);
        if (k.act == K_STOP || k.act == K_CANCEL) break;
        if (!o.c.open || (k.act != K_MINE && k.act != K_THEIRS)) continue;
        int left = k.act == K_MINE;
        int take_lost = left ? !left_kept : left_kept;
        UI_DB(rc, sync_conflict_resolve(U.db, &U.who, id, take_lost, &e));
        if (rc) { ui_alert(e.msg); continue; }
        snprintf(ui_flash, sizeof ui_flash, "Đã giải quyết xung đột: %s.  Bên kia nhận ở lần "
                 "trao đổi sau.", take_lost ? "lấy giá trị bị thay" : "giữ giá trị hiện có");
        changed = 1;
        break;
    }
    free(o.kept);
    free(o.lost);
    return changed;
}

static int open_line(const char *key)
{
    if (strcmp(key, "export") == 0) return do_export();
    if (strcmp(key, "import") == 0) return do_import();
    if (strcmp(key, "verify") == 0) { do_verify(); return 0; }
    if (strncmp(key, "c:", 2) == 0) return open_conflict(strtoll(key + 2, NULL, 10));
    return 0;
}

void screen_sync(void)
{
    static const listview_def d = {
        "Trao đổi ngoại tuyến",
        "",
        "Trao đổi ngoại tuyến\n  Tình trạng trao đổi với bên kia (máy chủ tỉnh hoặc các văn "
        "phòng): lần nhận, lần gửi cuối, thay đổi chờ gửi, xung đột.\n  Enter trên \"Xuất tệp\" "
        "ghi tệp trao đổi vào đường dẫn bạn gõ (ổ USB); trên \"Nhận tệp\" nhận tệp của bên kia; "
        "trên \"Kiểm tra\" so dữ liệu văn phòng với dấu kiểm của tỉnh.\n  Enter trên một xung "
        "đột: hai giá trị cạnh nhau, chọn giá trị giữ lại.  Việc giải quyết đi theo lần trao "
        "đổi sau.", load, open_line, NULL};
    listview_run(&d);
}
