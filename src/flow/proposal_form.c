/* The proposal form: the values of a create or an edit, normalised and
 * resolved against the database (units, field, proposers, people met for the
 * first time), and the writes both share.  Used by proposal.c. */
#include "proposal_internal.h"

#include <stdlib.h>
#include <string.h>

#include "events.h"
#include "people.h"
#include "scope.h"
#include "base/sbuf.h"
#include "text/text.h"
#include "units.h"

void pform_free(pform *f)
{
    for (int i = 0; i < PROPOSAL_NF; i++) free(f->v[i]);
    free(f->lead_name);
    free(f->co_names);
    memset(f, 0, sizeof *f);
}

static int fail_f(st_err *e, int code, int i, const char *what, const char *value)
{
    const fielddef *fd = proposal_field(i);
    return err_field(e, code, fd->name, "%s (%s): %s \"%s\"", fd->label, fd->name, what, value);
}

/* Unknown names, then every given value through field_normalize; with
 * creating, required fields that are absent fail as empty ones do. */
int pform_normalize(pform *f, const st_kv *vals, int n, int creating, st_err *e)
{
    for (int k = 0; k < n; k++)
        if (!vals[k].name || proposal_field_index(vals[k].name) < 0)
            return err_set(e, ST_EINVAL, "trường không tồn tại: %.80s",
                           vals[k].name ? vals[k].name : "(trống)");
    for (int i = 0; i < PROPOSAL_NF; i++) {
        const fielddef *fd = proposal_field(i);
        const char *raw = kv_get(vals, n, fd->name);
        if (!raw && !(creating && (fd->flags & FF_REQUIRED))) continue;
        int rc = field_normalize(fd, raw ? raw : "", &f->v[i], e);
        if (rc) return rc;
    }
    return ST_OK;
}

int pform_step(st_db *db, sqlite3_stmt *st, const char *what, st_err *e)
{
    int rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : db_fail(db, e, what);
    db_release(db, st);
    return rc;
}

/* One text value by id ("" when none): a name, a unit code.  NULL only
 * when out of memory. */
char *pform_lookup(st_db *db, const char *sql, int64_t id)
{
    sqlite3_stmt *st;
    char *v = NULL;
    if (db_stmt(db, sql, &st, NULL) == ST_OK) {
        sqlite3_bind_int64(st, 1, id);
        if (sqlite3_step(st) == SQLITE_ROW) v = strdup(db_col_text(st, 0));
        db_release(db, st);
    }
    return v ? v : strdup("");
}

static int unit_lookup(st_db *db, int i, const char *code, int64_t *id, st_err *e)
{
    st_err tmp;
    err_clear(&tmp);
    if (unit_find(db, code, id, &tmp) == ST_OK) return ST_OK;
    if (tmp.code != ST_ENOTFOUND) { *e = tmp; return tmp.code; }
    return fail_f(e, ST_EINVAL, i, "không có đơn vị mã", code);
}

static int field_lookup(st_db *db, const char *v, int64_t *id, st_err *e)
{
    sqlite3_stmt *st;
    int rc = db_stmt(db, "SELECT id FROM fields WHERE deleted = 0 AND (code = ?1 OR name = ?1) "
                        "ORDER BY code = ?1 DESC LIMIT 1", &st, e);
    if (rc) return rc;
    sqlite3_bind_text(st, 1, v, -1, SQLITE_STATIC);
    int found = sqlite3_step(st) == SQLITE_ROW;
    if (found) *id = sqlite3_column_int64(st, 0);
    db_release(db, st);
    if (found) return ST_OK;
    sbuf codes;
    sbuf_init(&codes);
    if (db_stmt(db, "SELECT code FROM fields WHERE deleted = 0 ORDER BY id", &st, e) == ST_OK) {
        while (sqlite3_step(st) == SQLITE_ROW) {
            if (codes.len) sbuf_add(&codes, ", ");
            sbuf_add(&codes, db_col_text(st, 0));
        }
        db_release(db, st);
    }
    err_field(e, ST_EINVAL, "field", "%s (field): không có lĩnh vực \"%.80s\"; chọn một mã: %.300s",
              proposal_field(F_FIELD)->label, v, sbuf_str(&codes));
    sbuf_free(&codes);
    return ST_EINVAL;
}

/* A person met for the first time in a proposal.  person_add opens its own
 * transaction, so the same row and event are written here, inside ours. */
static int person_new(st_db *db, const st_actor *who, int i, const char *name,
                      const char *position, int64_t unit, int64_t *id, st_err *e)
{
    if (strlen(name) > 200) return fail_f(e, ST_EINVAL, i, "họ tên quá dài (tối đa 200 byte)", "");
    sqlite3_stmt *st;
    int rc = db_prepare(db, "INSERT INTO people(id, full_name, position, unit_id, created_at, "
                        "updated_at) VALUES(?1, ?2, ?3, ?4, ?5, ?5)", &st, e);
    if (rc) return rc;
    char now[32];
    db_now(now);
    *id = db_new_id(db, "people");
    sqlite3_bind_int64(st, 1, *id);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, position ? position : "", -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, unit);
    sqlite3_bind_text(st, 5, now, -1, SQLITE_STATIC);
    if ((rc = pform_step(db, st, "thêm người", e))) return rc;
    char *code = pform_lookup(db, SQL_UNIT_CODE, unit);
    sbuf js;
    sbuf_init(&js);
    sbuf_addf(&js, "{\"person_id\":%lld,\"full_name\":", (long long)*id);
    sbuf_json_str(&js, name);
    sbuf_add(&js, ",\"unit\":");
    sbuf_json_str(&js, code);
    sbuf_add(&js, "}");
    rc = js.oom || !code ? err_set(e, ST_ENOMEM, "hết bộ nhớ")
                         : event_write(db, who, 0, "person_add", NULL, NULL, name, NULL, NULL,
                                       sbuf_str(&js), NULL, e);
    sbuf_free(&js);
    free(code);
    return rc;
}

/* A person by id or exact name; an unknown name is added on the spot, in
 * the employing unit, since proposals often come from people not yet
 * entered.  Call inside the write transaction. */
static int person_resolve(st_db *db, const st_actor *who, int i, const char *key,
                          const char *position, int64_t unit, int64_t *id, st_err *e)
{
    st_err tmp;
    err_clear(&tmp);
    int rc = person_find(db, who, key, id, &tmp);
    if (rc == ST_OK) return ST_OK;
    const fielddef *fd = proposal_field(i);
    if (rc != ST_ENOTFOUND || strspn(key, "0123456789") == strlen(key))
        return err_field(e, rc == ST_ENOTFOUND ? ST_EINVAL : rc, fd->name, "%s (%s): %s",
                         fd->label, fd->name, tmp.msg);
    return person_new(db, who, i, key, position, unit, id, e);
}

/* Resolve the coauthors list "A; B; 12" into ids and canonical names. */
static int coauthors_resolve(st_db *db, const st_actor *who, pform *f, st_err *e)
{
    sbuf names;
    sbuf_init(&names);
    f->nco = 0;
    const char *p = f->v[F_COAUTHORS];
    int rc = ST_OK;
    while (p && *p && rc == ST_OK) {
        const char *semi = strchr(p, ';');
        size_t len = semi ? (size_t)(semi - p) : strlen(p);
        char *one = strndup(p, len);
        p = semi ? semi + 1 : NULL;
        if (!one) { rc = err_set(e, ST_ENOMEM, "hết bộ nhớ"); break; }
        text_trim(one);
        int64_t id = 0;
        if (*one && (rc = person_resolve(db, who, F_COAUTHORS, one, "", f->employing, &id, e)) == ST_OK) {
            int dup = id == f->lead_id;
            for (int k = 0; k < f->nco; k++) dup |= f->co[k] == id;
            if (!dup && f->nco == MAX_CO)
                rc = err_field(e, ST_EINVAL, "coauthors", "%s (coauthors): tối đa %d người",
                               proposal_field(F_COAUTHORS)->label, MAX_CO);
            else if (!dup) {
                f->co[f->nco++] = id;
                char *nm = pform_lookup(db, SQL_PERSON_NAME, id);
                if (!nm) rc = err_set(e, ST_ENOMEM, "hết bộ nhớ");
                if (names.len) sbuf_add(&names, "; ");
                sbuf_add(&names, nm);
                free(nm);
            }
        }
        free(one);
    }
    f->co_names = sbuf_take(&names);
    if (!f->co_names && !rc) rc = err_set(e, ST_ENOMEM, "hết bộ nhớ");
    return rc;
}

int pform_check_period(const char *from, const char *to, st_err *e)
{
    if (from && to && *from && *to && strcmp(to, from) < 0)
        return err_field(e, ST_EINVAL, "period_to", "%s (period_to): phải từ ngày %s trở đi",
                         proposal_field(F_PTO)->label, from);
    return ST_OK;
}

/* Given (non-empty) units, field and proposers: look them up.  Employing
 * must be in the actor's scope.  The competent unit is left to the caller. */
int pform_resolve(st_db *db, const st_actor *who, pform *f, st_err *e)
{
    int rc;
    const char *v;
    if ((v = f->v[F_EMPLOYING]) && *v) {
        if ((rc = unit_lookup(db, F_EMPLOYING, v, &f->employing, e))) return rc;
        if (!unit_in_scope(db, who, f->employing))
            return err_field(e, ST_EPERM, "employing_unit", "%s (employing_unit): đơn vị \"%s\" "
                             "nằm ngoài phạm vi của bạn", proposal_field(F_EMPLOYING)->label,
                             v);
    }
    if ((v = f->v[F_COMPETENT]) && *v && (rc = unit_lookup(db, F_COMPETENT, v, &f->competent, e)))
        return rc;
    if ((v = f->v[F_FIELD]) && *v && (rc = field_lookup(db, v, &f->field_id, e))) return rc;
    return ST_OK;
}

int pform_people(st_db *db, const st_actor *who, pform *f, const char *position, st_err *e)
{
    const char *v = f->v[F_LEAD];
    if (v && *v) {
        int rc;
        if ((rc = person_resolve(db, who, F_LEAD, v, position, f->employing, &f->lead_id, e)))
            return rc;
        f->lead_name = pform_lookup(db, SQL_PERSON_NAME, f->lead_id);
        if (!f->lead_name) return err_set(e, ST_ENOMEM, "hết bộ nhớ");
    }
    return f->v[F_COAUTHORS] ? coauthors_resolve(db, who, f, e) : ST_OK;
}

int64_t pform_competent(st_db *db, int64_t employing, int is_head)
{
    int64_t parent = is_head ? unit_parent(db, employing) : 0;
    return parent > 0 ? parent : employing;
}

/* The lead (ord 0, with the position given and the employing unit), then
 * the coauthors (with their own position and unit). */
int pform_write_proposers(st_db *db, int64_t pid, const pform *f, const char *lead_pos,
                          st_err *e)
{
    for (int k = f->lead_id > 0 ? -1 : 0; k < f->nco; k++) {
        sqlite3_stmt *st;
        int rc = db_stmt(db, "INSERT INTO proposers(id, proposal_id, person_id, is_lead, "
                            "position, unit_id, ord) SELECT ?1, ?2, id, ?3 < 0, "
                            "coalesce(?4, position), coalesce(?5, unit_id), ?3 + 1 "
                            "FROM people WHERE id = ?6", &st, e);
        if (rc) return rc;
        sqlite3_bind_int64(st, 1, db_new_id(db, "proposers"));
        sqlite3_bind_int64(st, 2, pid);
        sqlite3_bind_int(st, 3, k);
        if (k < 0) {
            sqlite3_bind_text(st, 4, lead_pos ? lead_pos : "", -1, SQLITE_STATIC);
            sqlite3_bind_int64(st, 5, f->employing);
        }
        sqlite3_bind_int64(st, 6, k < 0 ? f->lead_id : f->co[k]);
        if ((rc = pform_step(db, st, "ghi tác giả", e))) return rc;
    }
    return ST_OK;
}

/* Bind a normalised value of a plain column: money as an integer, an empty
 * date or choice as NULL (left empty stays empty: no kind assumed). */
void pform_bind(sqlite3_stmt *st, int pos, int i, const char *v)
{
    field_type t = proposal_field(i)->type;
    if (t == FT_MONEY)
        sqlite3_bind_int64(st, pos, *v ? strtoll(v, NULL, 10) : 0);
    else if ((t == FT_DATE || t == FT_ENUM) && !*v)
        sqlite3_bind_null(st, pos);
    else
        sqlite3_bind_text(st, pos, v, -1, SQLITE_TRANSIENT);
}
