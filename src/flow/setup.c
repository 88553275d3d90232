/* Creating a database (holidays, units, the first administrator), the
 * holiday calendar the administrator maintains, and dissemination sessions. */
#include "setup.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/csv.h"
#include "store/datafiles.h"
#include "store/db_internal.h"
#include "events.h"
#include "scope.h"
#include "fielddef.h"
#include "base/priv.h"
#include "base/sbuf.h"
#include "text/text.h"
#include "units.h"
#include "users.h"
#include "base/workdays.h"

#define HOLIDAY_ROWS_MAX 10000   /* decades of holidays; more is a wrong file */
#define HOLIDAY_NAME_MAX 200     /* bytes */

/* ---- holidays ---------------------------------------------------------------- */

typedef struct hrow {
    char day[11];
    const char *kind;   /* "holiday" | "workday" */
    char *name;
} hrow;

typedef struct hfile {
    hrow *rows;
    int n, cap;
} hfile;

static void hfile_free(hfile *h)
{
    for (int i = 0; i < h->n; i++) free(h->rows[i].name);
    free(h->rows);
    memset(h, 0, sizeof *h);
}

__attribute__((format(printf, 4, 5)))
static int at_line(st_err *e, const char *file, long line, const char *fmt, ...)
{
    char what[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (file) return err_set(e, ST_EINVAL, "%s:%ld: %s", file, line, what);
    return err_set(e, ST_EINVAL, "dòng %ld: %s", line, what);
}

/* Check one data row and append it to h. */
static int holiday_row(hfile *h, char **f, int nf, const char *file, long line, st_err *e)
{
    if (nf < 2 || nf > 3)
        return at_line(e, file, line, "cần 3 cột date,kind,name (có %d cột)", nf);
    st_err te;
    err_clear(&te);
    st_day d;
    if (date_parse(text_trim(f[0]), &d, &te) != ST_OK)
        return at_line(e, file, line, "%s", te.msg);
    const char *k = text_trim(f[1]);
    const char *kind = strcasecmp(k, "holiday") == 0 ? "holiday"
                     : strcasecmp(k, "workday") == 0 ? "workday" : NULL;
    if (!kind)
        return at_line(e, file, line, "loại ngày \"%.40s\" không hợp lệ (holiday hoặc workday)",
                       text_utf8_valid(k, strlen(k), NULL) ? k : "?");
    char iso[11];
    date_iso(d, iso);
    /* A make-up working day on a weekday would change nothing: a typo. */
    if (kind[0] == 'w' && date_weekday(d) < 5)
        return at_line(e, file, line, "ngày làm bù %s không phải thứ Bảy hay Chủ nhật", iso);
    char *name = NULL;
    if (text_nfc(nf > 2 ? f[2] : "", &name, &te) != ST_OK)
        return te.code == ST_ENOMEM ? err_set(e, ST_ENOMEM, "hết bộ nhớ")
                                    : at_line(e, file, line, "%s", te.msg);
    text_trim(name);
    for (const char *p = name; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f) {
            free(name);
            return at_line(e, file, line, "tên ngày nghỉ chứa ký tự điều khiển");
        }
    if (strlen(name) > HOLIDAY_NAME_MAX) {
        free(name);
        return at_line(e, file, line, "tên ngày nghỉ quá dài (tối đa %d byte)", HOLIDAY_NAME_MAX);
    }
    for (int i = 0; i < h->n; i++)
        if (strcmp(h->rows[i].day, iso) == 0 && strcmp(h->rows[i].kind, kind) != 0) {
            free(name);
            return at_line(e, file, line, "ngày %s vừa là ngày nghỉ vừa là ngày làm bù", iso);
        }
    if (h->n >= HOLIDAY_ROWS_MAX) {
        free(name);
        return at_line(e, file, line, "quá %d dòng", HOLIDAY_ROWS_MAX);
    }
    if (h->n == h->cap) {
        int cap = h->cap ? h->cap * 2 : 64;
        hrow *rows = realloc(h->rows, (size_t)cap * sizeof *rows);
        if (!rows) { free(name); return err_set(e, ST_ENOMEM, "hết bộ nhớ"); }
        h->rows = rows;
        h->cap = cap;
    }
    hrow *r = &h->rows[h->n++];
    memcpy(r->day, iso, sizeof r->day);
    r->kind = kind;
    r->name = name;
    return ST_OK;
}

/* The whole file into h, or an error naming its line. */
static int holiday_read(FILE *f, const char *file, hfile *h, st_err *e)
{
    csv_reader *r = NULL;
    if (csv_open(f, &r) != ST_OK) return err_set(e, ST_ENOMEM, "hết bộ nhớ");
    if (file) csv_set_name(r, file);
    char **fields;
    int nf, got, seen = 0, rc = ST_OK;
    while ((got = csv_next(r, &fields, &nf, e)) == 1) {
        if (nf >= 1 && text_trim(fields[0])[0] == '#') continue;   /* a comment */
        if (seen++ == 0 && strcasecmp(fields[0], "date") == 0) continue;   /* the header */
        if ((rc = holiday_row(h, fields, nf, file, csv_line(r), e))) break;
    }
    if (got < 0) rc = e && e->code ? e->code : ST_EINVAL;
    csv_close(&r);
    if (!rc && h->n == 0)
        rc = err_set(e, ST_EINVAL, "%s: không có dòng dữ liệu nào (date,kind,name)",
                     file ? file : "CSV");
    return rc;
}

static int holiday_store(st_db *db, const st_actor *who, const hfile *h, const char *file,
                         st_err *e)
{
    sqlite3_stmt *st;
    int rc = db_begin(db, e);
    if (rc) return rc;
    if ((rc = db_prepare(db, "INSERT OR REPLACE INTO holidays(day, kind, name) VALUES(?1,?2,?3)",
                         &st, e))) {
        db_rollback(db);
        return rc;
    }
    for (int i = 0; i < h->n && !rc; i++) {
        sqlite3_bind_text(st, 1, h->rows[i].day, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, h->rows[i].kind, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, h->rows[i].name, -1, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE) rc = db_fail(db, e, "ghi ngày nghỉ");
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    if (!rc) {
        sbuf js;
        sbuf_init(&js);
        sbuf_add(&js, "{\"file\":");
        sbuf_json_str(&js, file ? file : "");
        sbuf_addf(&js, ",\"count\":%d,\"first\":\"%s\",\"last\":\"%s\"}", h->n,
                  h->rows[0].day, h->rows[h->n - 1].day);
        char comment[64];
        snprintf(comment, sizeof comment, "%d ngày", h->n);
        rc = js.oom ? err_set(e, ST_ENOMEM, "hết bộ nhớ")
                    : event_write(db, who, 0, "holiday_import", NULL, NULL, comment, NULL, NULL,
                                  sbuf_str(&js), NULL, e);
        sbuf_free(&js);
    }
    if (!rc) rc = db_commit(db, e);
    else db_rollback(db);
    db_calendar_reset(db);
    return rc;
}

int holiday_import_csv(st_db *db, const st_actor *who, FILE *f, const char *name,
                       int *count, st_err *e)
{
    if (count) *count = 0;
    if (who && !(who->roles & ROLE_ADMIN))
        return err_set(e, ST_EPERM, "Chỉ quản trị viên được nhập ngày nghỉ");
    if (!f) return err_set(e, ST_EINVAL, "thiếu tệp CSV");
    const char *file = name && *name ? name : NULL;
    hfile h;
    memset(&h, 0, sizeof h);
    int rc = holiday_read(f, file, &h, e);
    if (!rc) rc = holiday_store(db, who, &h, file, e);
    if (!rc && count) *count = h.n;
    hfile_free(&h);
    return rc;
}

int holiday_import_text(st_db *db, const st_actor *who, const char *text,
                        const char *name, int *count, st_err *e)
{
    if (count) *count = 0;
    size_t len = text ? strlen(text) : 0;
    if (len == 0) return err_set(e, ST_EINVAL, "%s: tệp rỗng", name ? name : "CSV");
    FILE *f = fmemopen((void *)text, len, "r");
    if (!f) return err_set(e, ST_ENOMEM, "hết bộ nhớ");
    int rc = holiday_import_csv(db, who, f, name, count, e);
    fclose(f);
    return rc;
}

/* ---- the first database ------------------------------------------------------- */

static int root_unit(st_db *db, char code[64], st_err *e)
{
    sqlite3_stmt *st;
    int rc = db_prepare(db, "SELECT code FROM units WHERE parent_id IS NULL AND deleted = 0 "
                        "ORDER BY code", &st, e);
    if (rc) return rc;
    int n = 0;
    sbuf all;
    sbuf_init(&all);
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (n++ == 0) snprintf(code, 64, "%s", db_col_text(st, 0));
        if (n <= 5) sbuf_addf(&all, "%s%s", n > 1 ? ", " : "", db_col_text(st, 0));
    }
    sqlite3_finalize(st);
    if (n == 0) rc = err_set(e, ST_EINVAL, "danh sách đơn vị trống: cần một đơn vị gốc");
    else if (n > 1)
        rc = err_set(e, ST_EINVAL, "danh sách đơn vị có %d đơn vị gốc (%s%s); cần đúng một "
                     "đơn vị không có cấp trên", n, sbuf_str(&all), n > 5 ? ", …" : "");
    sbuf_free(&all);
    return rc;
}

int setup_init(st_db *db, const char *units_csv_path, const char *admin_user,
               const char *admin_name, const char *admin_password, st_err *e)
{
    int n = 0, rc = holiday_import_text(db, NULL, data_holidays_csv, "holidays.csv", &n, e);
    if (rc) return rc;
    if (units_csv_path) {
        FILE *f = priv_fopen_user(units_csv_path, "r");
        if (!f) return err_set(e, ST_EIO, "%s: không mở được tệp (%s)", units_csv_path,
                               strerror(errno));
        rc = unit_import_csv(db, NULL, f, units_csv_path, &n, e);
        fclose(f);
    } else {
        rc = unit_import_text(db, NULL, data_units_demo_csv, "units_demo.csv", &n, e);
    }
    if (rc) return rc;
    char root[64];
    if ((rc = root_unit(db, root, e))) return rc;
    rc = user_add(db, NULL, admin_user, admin_name, ROLE_ALL, root, admin_password, e);
    if (rc) return rc;
    /* user_add makes every new account change its password at first login,
     * because an administrator chose it.  The first administrator chose
     * their own password just now (typed twice), so that rule has no
     * purpose here and would only lock them out of the command line. */
    if ((rc = db_begin(db, e))) return rc;
    sqlite3_stmt *st;
    if ((rc = db_prepare(db, "UPDATE users SET must_change_pw = 0 WHERE username = ?1", &st, e))) {
        db_rollback(db);
        return rc;
    }
    sqlite3_bind_text(st, 1, admin_user, -1, SQLITE_STATIC);
    rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : db_fail(db, e, "tạo quản trị viên");
    sqlite3_finalize(st);
    if (!rc) rc = db_commit(db, e);
    else db_rollback(db);
    return rc;
}

/* ---- dissemination ------------------------------------------------------------ */

enum { D_UNIT, D_DATE, D_FORM, D_PARTICIPANTS, D_NOTE, D_N };
static const fielddef diss_fields[D_N] = {
    {"unit", "Đơn vị", FT_UNIT, FF_REQUIRED, NULL, NULL, 0, 0},
    {"date", "Ngày", FT_DATE, FF_TODAY, NULL, NULL, 0, 0},
    {"form", "Hình thức", FT_ENUM, FF_REQUIRED, "conference|cell_meeting|propaganda",
     "Hội nghị|Sinh hoạt chi bộ|Tuyên truyền", 0, 0},
    {"participants", "Số người tham dự", FT_INT, FF_REQUIRED, NULL, NULL, 0, 1000000},
    {"note", "Ghi chú", FT_LONGTEXT, 0, NULL, NULL, 0, 0},
};

static int diss_insert(st_db *db, const st_actor *who, int64_t unit_id, char *v[D_N],
                       st_err *e)
{
    sqlite3_stmt *st;
    int rc = db_prepare(db, "INSERT INTO dissemination(id, unit_id, session_date, form, "
                        "participants, note, created_by, created_at) "
                        "VALUES(?1,?2,?3,?4,?5,?6,?7,?8)", &st, e);
    if (rc) return rc;
    char now[32];
    db_now(now);
    int64_t id = db_new_id(db, "dissemination");
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, unit_id);
    sqlite3_bind_text(st, 3, v[D_DATE], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, v[D_FORM], -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, strtoll(v[D_PARTICIPANTS], NULL, 10));
    sqlite3_bind_text(st, 6, v[D_NOTE], -1, SQLITE_STATIC);
    if (who && who->id > 0) sqlite3_bind_int64(st, 7, who->id);
    sqlite3_bind_text(st, 8, now, -1, SQLITE_STATIC);
    rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : db_fail(db, e, "ghi buổi học tập, quán triệt");
    sqlite3_finalize(st);
    if (rc) return rc;
    sbuf js;
    sbuf_init(&js);
    sbuf_addf(&js, "{\"dissemination_id\":%lld,\"unit\":", (long long)id);
    sbuf_json_str(&js, v[D_UNIT]);
    sbuf_add(&js, ",\"date\":");
    sbuf_json_str(&js, v[D_DATE]);
    sbuf_add(&js, ",\"form\":");
    sbuf_json_str(&js, v[D_FORM]);
    sbuf_addf(&js, ",\"participants\":%s}", v[D_PARTICIPANTS]);
    rc = js.oom ? err_set(e, ST_ENOMEM, "hết bộ nhớ")
                : event_write(db, who, 0, "dissemination", NULL, NULL, v[D_NOTE], NULL,
                              v[D_DATE], sbuf_str(&js), NULL, e);
    sbuf_free(&js);
    return rc;
}

int dissemination_add(st_db *db, const st_actor *who, const char *unit_code,
                      const char *date, const char *form, const char *participants,
                      const char *note, st_err *e)
{
    if (!who || !(who->roles & (ROLE_CLERK | ROLE_ADMIN)))
        return err_set(e, ST_EPERM, "Chỉ chuyên viên hoặc quản trị viên được ghi buổi học tập, "
                       "quán triệt");
    const char *raw[D_N] = {unit_code, date, form, participants, note};
    char *v[D_N] = {0};
    int64_t unit_id = 0;
    int rc = ST_OK;
    for (int i = 0; i < D_N && !rc; i++)
        rc = field_normalize(&diss_fields[i], raw[i] ? raw[i] : "", &v[i], e);
    if (!rc && !*v[D_DATE]) {
        char today[11];
        date_iso(date_today(), today);
        free(v[D_DATE]);
        v[D_DATE] = strdup(today);
        if (!v[D_DATE]) rc = err_set(e, ST_ENOMEM, "hết bộ nhớ");
    }
    if (!rc) {
        st_err te;
        err_clear(&te);
        rc = unit_find(db, v[D_UNIT], &unit_id, &te);
        if (rc == ST_ENOTFOUND)
            rc = err_field(e, ST_EINVAL, "unit", "Đơn vị (unit): không có đơn vị mã \"%.40s\"",
                           v[D_UNIT]);
        else if (rc && e)
            *e = te;
    }
    if (!rc && !unit_in_scope(db, who, unit_id))
        rc = err_field(e, ST_EPERM, "unit", "Đơn vị \"%.40s\" nằm ngoài phạm vi của bạn",
                       v[D_UNIT]);
    if (!rc && !(rc = db_begin(db, e))) {
        rc = diss_insert(db, who, unit_id, v, e);
        if (!rc) rc = db_commit(db, e);
        else db_rollback(db);
    }
    for (int i = 0; i < D_N; i++) free(v[i]);
    return rc;
}
