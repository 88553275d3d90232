/* People: adding a person (in a unit of the actor's scope) and finding one
 * by id or exact name (people.h). */
#include "people.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "store/db_internal.h"
#include "events.h"
#include "scope.h"
#include "fielddef.h"
#include "base/sbuf.h"
#include "text/text.h"
#include "units.h"
#include "text/search_text.h"

/* The same field rules as the proposal forms (NFC, trimmed, one line). */
static const fielddef person_fields[] = {
    {"full_name", "Họ và tên", FT_TEXT, FF_REQUIRED, NULL, NULL, 0, 0},
    {"position", "Chức vụ", FT_TEXT, 0, NULL, NULL, 0, 0},
    {"unit", "Đơn vị", FT_UNIT, 0, NULL, NULL, 0, 0},
    {"phone", "Điện thoại", FT_TEXT, 0, NULL, NULL, 0, 0},
    {"email", "Thư điện tử", FT_TEXT, 0, NULL, NULL, 0, 0},
    {"note", "Ghi chú", FT_LONGTEXT, 0, NULL, NULL, 0, 0},
};
enum { PF_NAME, PF_POSITION, PF_UNIT, PF_PHONE, PF_EMAIL, PF_NOTE, PF_N };

static int person_values(const st_kv *vals, int n, char *v[PF_N], st_err *e)
{
    for (int i = 0; i < n; i++) {
        const char *nm = vals[i].name ? vals[i].name : "";
        int k = 0;
        while (k < PF_N && strcmp(nm, person_fields[k].name)) k++;
        if (k == PF_N)
            return err_field(e, ST_EINVAL, nm, "Trường '%.40s' không có; các trường: full_name, "
                             "position, unit, phone, email, note", nm);
    }
    st_err fe;
    err_clear(&fe);
    for (int k = 0; k < PF_N; k++)
        if (field_normalize(&person_fields[k], kv_get(vals, n, person_fields[k].name), &v[k],
                            &fe) != ST_OK) {
            if (e) *e = fe;
            return fe.code;
        }
    if (*v[PF_EMAIL] && (!strchr(v[PF_EMAIL], '@') || strchr(v[PF_EMAIL], ' ')))
        return err_field(e, ST_EINVAL, "email", "Thư điện tử '%.60s' không hợp lệ", v[PF_EMAIL]);
    return ST_OK;
}

static int person_insert(st_db *db, const st_actor *who, char *v[PF_N], int64_t unit_id,
                         int64_t *out, st_err *e)
{
    sqlite3_stmt *st;
    int rc = db_prepare(db, "INSERT INTO people(id, full_name, position, unit_id, phone, email, "
                        "note, created_at, updated_at) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?8)", &st, e);
    if (rc) return rc;
    char now[32];
    db_now(now);
    int64_t id = db_new_id(db, "people");
    sqlite3_bind_int64(st, 1, id);
    for (int k = 0; k < PF_N; k++)   /* parameter k + 2 is field k */
        if (k != PF_UNIT) sqlite3_bind_text(st, k + 2, v[k], -1, SQLITE_STATIC);
    if (unit_id) sqlite3_bind_int64(st, PF_UNIT + 2, unit_id);
    sqlite3_bind_text(st, 8, now, -1, SQLITE_STATIC);
    rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : db_fail(db, e, "thêm người");
    sqlite3_finalize(st);
    if (rc) return rc;
    sbuf js;
    sbuf_init(&js);
    sbuf_addf(&js, "{\"person_id\":%lld,\"full_name\":", (long long)id);
    sbuf_json_str(&js, v[PF_NAME]);
    sbuf_add(&js, ",\"unit\":");
    sbuf_json_str(&js, v[PF_UNIT]);
    sbuf_add(&js, "}");
    rc = js.oom ? err_set(e, ST_ENOMEM, "hết bộ nhớ")
                : event_write(db, who, 0, "person_add", NULL, NULL, v[PF_NAME], NULL, NULL,
                              sbuf_str(&js), NULL, e);
    sbuf_free(&js);
    if (!rc) *out = id;
    return rc;
}

int person_add(st_db *db, const st_actor *who, const st_kv *vals, int n,
               int64_t *id, st_err *e)
{
    if (who && !(who->roles & (ROLE_ADMIN | ROLE_CLERK)))
        return err_set(e, ST_EPERM, "Chỉ quản trị viên hoặc chuyên viên được thêm người");
    char *v[PF_N] = {0};
    int64_t unit_id = 0, new_id = 0;
    int rc = person_values(vals, n, v, e);
    if (!rc && who && !*v[PF_UNIT])   /* only the system adds people outside any unit */
        rc = err_field(e, ST_EINVAL, "unit", "Thiếu đơn vị công tác (unit)");
    if (!rc && *v[PF_UNIT]) rc = unit_find(db, v[PF_UNIT], &unit_id, e);
    if (!rc && who && !unit_in_scope(db, who, unit_id))
        rc = err_field(e, ST_EPERM, "unit", "Đơn vị '%s' nằm ngoài phạm vi của bạn", v[PF_UNIT]);
    if (!rc && !(rc = db_begin(db, e))) {
        rc = person_insert(db, who, v, unit_id, &new_id, e);
        if (!rc) rc = db_commit(db, e); else db_rollback(db);
    }
    for (int k = 0; k < PF_N; k++) free(v[k]);
    if (!rc && id) *id = new_id;
    return rc;
}

/* By name, people outside the actor's scope are neither found nor listed
 * among namesakes: the answer tells nothing of other units (a name typed
 * for someone of another unit adds a new person in the proposal's unit).
 * By id, anyone: a coauthor may work elsewhere, and an id is only known to
 * who was shown it.  People without a unit (the system's) are everyone's.
 * ?3: the scope path, NULL for the system itself. */
#define PERSON_IN_SCOPE "AND (?3 IS NULL OR u.id IS NULL OR substr(u.path, 1, length(?3)) = ?3)"

/* A name typed without marks ("Le Ngoc Phuc") is someone already entered
 * with them, far more often than a new person: list those in scope whose
 * name folds the same, "Lê Ngọc Phúc (mã 12, SO-NV)", so that the clerk
 * picks her (she keeps her own unit) instead of adding a twin in the
 * employing unit.  Returns how many, at most 5. */
static int similar_names(st_db *db, const st_actor *who, const char *key, sbuf *out)
{
    if (search_has_marks(key)) return 0;
    sqlite3_stmt *st;
    st_err tmp;
    err_clear(&tmp);
    if (db_prepare(db, "SELECT p.id, p.full_name, coalesce(u.code, '') FROM people p LEFT JOIN "
                   "units u ON u.id = p.unit_id WHERE p.deleted = 0 AND fold(p.full_name) = "
                   "fold(?1) " PERSON_IN_SCOPE " ORDER BY p.id LIMIT 5",
                   &st, &tmp)) return 0;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    if (who) sqlite3_bind_text(st, 3, scope_bind(who), -1, SQLITE_STATIC);
    int n = 0;
    while (sqlite3_step(st) == SQLITE_ROW)
        sbuf_addf(out, "%s%s (mã %lld, %s)", n++ ? "; " : "", db_col_text(st, 1),
                  (long long)sqlite3_column_int64(st, 0), db_col_text(st, 2));
    sqlite3_finalize(st);
    return n;
}

int person_find(st_db *db, const st_actor *who, const char *id_or_name, int64_t *id, st_err *e)
{
    char *key = NULL;
    int rc = text_nfc(id_or_name ? id_or_name : "", &key, e);
    if (rc) return rc;
    text_trim(key);
    int by_id = *key != '\0';
    for (const char *p = key; *p; p++) by_id &= isdigit((unsigned char)*p) != 0;
    sqlite3_stmt *st = NULL;
    if (!*key)
        rc = err_field(e, ST_EINVAL, "person", "Thiếu tên hoặc mã số người");
    else
        /* Two statements, not one CASE: a CASE in WHERE hides p.id from the
         * planner, and every lookup by id read the whole people table. */
        rc = db_stmt(db, by_id ? "SELECT p.id, coalesce(u.code, '') FROM people p LEFT JOIN "
                        "units u ON u.id = p.unit_id WHERE p.deleted = 0 AND p.id = "
                        "CAST(?1 AS INTEGER) AND ?2 AND (?3 IS NULL OR 1) ORDER BY p.id LIMIT 11"
                        : "SELECT p.id, coalesce(u.code, '') FROM people p LEFT JOIN units u "
                        "ON u.id = p.unit_id WHERE p.deleted = 0 AND p.full_name = ?1 "
                        "AND NOT ?2 " PERSON_IN_SCOPE " ORDER BY p.id LIMIT 11", &st, e);
    sbuf alts;
    sbuf_init(&alts);
    if (!rc) {
        int n = 0;
        int64_t found = 0;
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 2, by_id);
        if (who) sqlite3_bind_text(st, 3, scope_bind(who), -1, SQLITE_STATIC);
        while (sqlite3_step(st) == SQLITE_ROW) {
            if (n++ == 0) found = sqlite3_column_int64(st, 0);
            if (n <= 10) sbuf_addf(&alts, "%s%lld (%s)", n > 1 ? ", " : "",
                      (long long)sqlite3_column_int64(st, 0), db_col_text(st, 1));
        }
        if (n == 0 && !by_id && similar_names(db, who, key, &alts) > 0)
            rc = err_field(e, ST_EINVAL, "person", "Không có người tên '%.100s'; có phải: %s? "
                           "Hãy ghi đúng họ tên có dấu, hoặc mã số (id)", key, sbuf_str(&alts));
        else if (n == 0)
            rc = err_field(e, ST_ENOTFOUND, "person", by_id ? "Không có người mã số %.30s"
                           : "Không có người tên '%.100s'", key);
        else if (n > 1)   /* the id tells them apart; show where each works */
            rc = err_field(e, ST_EINVAL, "person", "Có %s%d người tên '%.100s'; hãy ghi mã số "
                           "(id) thay cho tên: %s", n > 10 ? "hơn " : "", n > 10 ? 10 : n, key,
                           sbuf_str(&alts));
        else if (id)
            *id = found;
    }
    db_release(db, st);
    sbuf_free(&alts);
    free(key);
    return rc;
}
