/* Proposals: the field table, create, edit, lookup with the scope check, and
 * CSV import.  Reading (show, list, history) is in proposal_read.c. */
#include "proposal.h"

#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "store/db_internal.h"
#include "events.h"
#include "scope.h"
#include "base/sbuf.h"
#include "text/text.h"
#include "units.h"
#include "workflow.h"

/* One row per form field: its definition, its column in proposals (NULL
 * when it lives elsewhere) and an SQL expression giving its current value in
 * the form's own terms (unit codes, field code, names), over "proposals p". */
typedef struct pfield {
    fielddef f;
    const char *col;
    const char *expr;
} pfield;

#define PLAIN(n, l, t) {{n, l, t, 0, NULL, NULL, 0, 0}, n, "p." n}
#define LEAD_PR "FROM proposers pr WHERE pr.proposal_id = p.id AND pr.deleted = 0 AND pr.is_lead = 1 "

static const pfield pf[] = {
    {{"title", "Tên đề xuất", FT_TEXT, FF_REQUIRED, NULL, NULL, 0, 0}, "title", "p.title"},
    {{"field", "Lĩnh vực", FT_TEXT, 0, NULL, NULL, 0, 0}, NULL,
     "(SELECT code FROM fields WHERE id = p.field_id)"},
    {{"employing_unit", "Đơn vị công tác", FT_UNIT, FF_REQUIRED, NULL, NULL, 0, 0}, NULL,
     "(SELECT code FROM units WHERE id = p.employing_unit_id)"},
    {{"competent_unit", "Cấp có thẩm quyền", FT_UNIT, 0, NULL, NULL, 0, 0}, NULL,
     "(SELECT code FROM units WHERE id = p.competent_unit_id)"},
    {{"proposer_is_head", "Người đề xuất là người đứng đầu", FT_BOOL, 0, NULL, NULL, 0, 0}, NULL,
     "(SELECT CASE WHEN u.parent_id = p.competent_unit_id THEN '1' ELSE '0' END "
     "FROM units u WHERE u.id = p.employing_unit_id)"},
    {{"lead", "Tác giả chính", FT_PERSON, 0, NULL, NULL, 0, 0}, NULL,
     "(SELECT (SELECT full_name FROM people WHERE id = pr.person_id) " LEAD_PR
     "ORDER BY pr.ord LIMIT 1)"},
    {{"lead_position", "Chức vụ tác giả chính", FT_TEXT, 0, NULL, NULL, 0, 0}, NULL,
     "(SELECT pr.position " LEAD_PR "ORDER BY pr.ord LIMIT 1)"},
    {{"coauthors", "Đồng tác giả (phân cách bằng ;)", FT_TEXT, 0, NULL, NULL, 0, 0}, NULL,
     "(SELECT group_concat(n, '; ') FROM (SELECT pe.full_name AS n FROM proposers pr "
     "JOIN people pe ON pe.id = pr.person_id WHERE pr.proposal_id = p.id AND "
     "pr.deleted = 0 AND pr.is_lead = 0 ORDER BY pr.ord))"},
    PLAIN("bottleneck", "Điểm nghẽn, nút thắt cần tháo gỡ", FT_LONGTEXT),
    {{"bottleneck_kind", "Loại điểm nghẽn", FT_ENUM, 0, "not_regulated|unsuitable|other",
      "Chưa được quy định|Đã quy định nhưng không phù hợp thực tiễn|Khác", 0, 0},
     "bottleneck_kind", "p.bottleneck_kind"},
    PLAIN("necessity", "Sự cần thiết, mục đích, yêu cầu", FT_LONGTEXT),
    PLAIN("content", "Nội dung, nhiệm vụ, giải pháp", FT_LONGTEXT),
    PLAIN("scope_implementers", "Phạm vi, đối tượng thực hiện", FT_LONGTEXT),
    PLAIN("period_from", "Thời gian thực hiện từ ngày", FT_DATE),
    PLAIN("period_to", "Thời gian thực hiện đến ngày", FT_DATE),
    PLAIN("funding_requested", "Kinh phí đề nghị (đồng)", FT_MONEY),
    PLAIN("people_requested", "Nhân lực đề nghị", FT_LONGTEXT),
    PLAIN("equipment_requested", "Trang thiết bị, cơ sở vật chất đề nghị", FT_LONGTEXT),
    PLAIN("feasibility", "Tính khả thi", FT_LONGTEXT),
    PLAIN("scientific_basis", "Cơ sở khoa học", FT_LONGTEXT),
    PLAIN("practical_basis", "Cơ sở thực tiễn", FT_LONGTEXT),
    PLAIN("legal_basis", "Cơ sở pháp lý", FT_LONGTEXT),
    PLAIN("impact_positive", "Tác động tích cực", FT_LONGTEXT),
    PLAIN("impact_negative", "Tác động tiêu cực", FT_LONGTEXT),
    PLAIN("expected_effect", "Hiệu quả dự kiến", FT_LONGTEXT),
    PLAIN("risks", "Rủi ro và biện pháp phòng ngừa", FT_LONGTEXT),
};
#define NF ((int)(sizeof pf / sizeof pf[0]))
enum { F_TITLE, F_FIELD, F_EMPLOYING, F_COMPETENT, F_ISHEAD, F_LEAD, F_LEADPOS,
       F_COAUTHORS, F_BOTTLENECK, F_BKIND, F_NECESSITY, F_CONTENT, F_SCOPE,
       F_PFROM, F_PTO, F_FUNDING };
#define MAX_CO 50

int proposal_nfields(void) { return NF; }
const fielddef *proposal_field(int i) { return i >= 0 && i < NF ? &pf[i].f : NULL; }
const char *proposal_field_column(int i) { return i >= 0 && i < NF ? pf[i].col : NULL; }

static int field_index(const char *name)
{
    for (int i = 0; i < NF; i++)
        if (strcmp(pf[i].f.name, name) == 0) return i;
    return -1;
}

/* The form as given, normalised, then resolved against the database. */
typedef struct pform {
    char *v[NF];                 /* normalised values; NULL = not given */
    int64_t employing, competent, field_id, lead_id;
    int64_t co[MAX_CO];
    int nco;
    char *lead_name, *co_names;  /* resolved names, for the audit */
} pform;

static void pform_free(pform *f)
{
    for (int i = 0; i < NF; i++) free(f->v[i]);
    free(f->lead_name);
    free(f->co_names);
    memset(f, 0, sizeof *f);
}

static int fail_f(st_err *e, int code, int i, const char *what, const char *value)
{
    return err_field(e, code, pf[i].f.name, "%s (%s): %s \"%s\"", pf[i].f.label,
                     pf[i].f.name, what, value);
}

/* Unknown names, then every given value through field_normalize; with
 * creating, required fields that are absent fail as empty ones do. */
static int pform_normalize(pform *f, const st_kv *vals, int n, int creating, st_err *e)
{
    for (int k = 0; k < n; k++)
        if (!vals[k].name || field_index(vals[k].name) < 0)
            return err_set(e, ST_EINVAL, "trường không tồn tại: %.80s",
                           vals[k].name ? vals[k].name : "(trống)");
    for (int i = 0; i < NF; i++) {
        const char *raw = kv_get(vals, n, pf[i].f.name);
        if (!raw && !(creating && (pf[i].f.flags & FF_REQUIRED))) continue;
        int rc = field_normalize(&pf[i].f, raw ? raw : "", &f->v[i], e);
        if (rc) return rc;
    }
    return ST_OK;
}

static int exec_step(st_db *db, sqlite3_stmt *st, const char *what, st_err *e)
{
    int rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : db_fail(db, e, what);
    sqlite3_finalize(st);
    return rc;
}

/* One text value by id ("" when none): a name, a unit code. */
static char *lookup_str(st_db *db, const char *sql, int64_t id)
{
    sqlite3_stmt *st;
    char *v = NULL;
    if (sqlite3_prepare_v2(db_h(db), sql, -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, id);
        if (sqlite3_step(st) == SQLITE_ROW) v = strdup(db_col_text(st, 0));
        sqlite3_finalize(st);
    }
    return v ? v : strdup("");
}
#define SQL_UNIT_CODE "SELECT code FROM units WHERE id = ?"
#define SQL_PERSON_NAME "SELECT full_name FROM people WHERE id = ?"

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
    int rc = db_prepare(db, "SELECT id FROM fields WHERE deleted = 0 AND (code = ?1 OR name = ?1) "
                        "ORDER BY code = ?1 DESC LIMIT 1", &st, e);
    if (rc) return rc;
    sqlite3_bind_text(st, 1, v, -1, SQLITE_STATIC);
    int found = sqlite3_step(st) == SQLITE_ROW;
    if (found) *id = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (found) return ST_OK;
    sbuf codes;
    sbuf_init(&codes);
    if (db_prepare(db, "SELECT code FROM fields WHERE deleted = 0 ORDER BY id", &st, e) == ST_OK) {
        while (sqlite3_step(st) == SQLITE_ROW) {
            if (codes.len) sbuf_add(&codes, ", ");
            sbuf_add(&codes, db_col_text(st, 0));
        }
        sqlite3_finalize(st);
    }
    err_field(e, ST_EINVAL, "field", "%s (field): không có lĩnh vực \"%.80s\"; chọn một mã: %.300s",
              pf[F_FIELD].f.label, v, sbuf_str(&codes));
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
    if ((rc = exec_step(db, st, "thêm người", e))) return rc;
    char *code = lookup_str(db, SQL_UNIT_CODE, unit);
    sbuf js;
    sbuf_init(&js);
    sbuf_addf(&js, "{\"person_id\":%lld,\"full_name\":", (long long)*id);
    sbuf_json_str(&js, name);
    sbuf_add(&js, ",\"unit\":");
    sbuf_json_str(&js, code);
    sbuf_add(&js, "}");
    rc = js.oom ? err_set(e, ST_ENOMEM, "hết bộ nhớ")
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
    int rc = person_find(db, key, id, &tmp);
    if (rc == ST_OK) return ST_OK;
    if (rc != ST_ENOTFOUND || strspn(key, "0123456789") == strlen(key))
        return err_field(e, rc == ST_ENOTFOUND ? ST_EINVAL : rc, pf[i].f.name, "%s (%s): %s", pf[i].f.label, pf[i].f.name, tmp.msg);
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
                               pf[F_COAUTHORS].f.label, MAX_CO);
            else if (!dup) {
                f->co[f->nco++] = id;
                char *nm = lookup_str(db, SQL_PERSON_NAME, id);
                if (names.len) sbuf_add(&names, "; ");
                sbuf_add(&names, nm);
                free(nm);
            }
        }
        free(one);
    }
    f->co_names = sbuf_take(&names);
    return rc;
}

static int period_check(const char *from, const char *to, st_err *e)
{
    if (from && to && *from && *to && strcmp(to, from) < 0)
        return err_field(e, ST_EINVAL, "period_to", "%s (period_to): phải từ ngày %s trở đi",
                         pf[F_PTO].f.label, from);
    return ST_OK;
}

/* Given (non-empty) units, field and proposers: look them up.  Employing
 * must be in the actor's scope.  The competent unit is left to the caller. */
static int pform_resolve(st_db *db, const st_actor *who, pform *f, st_err *e)
{
    int rc;
    const char *v;
    if ((v = f->v[F_EMPLOYING]) && *v) {
        if ((rc = unit_lookup(db, F_EMPLOYING, v, &f->employing, e))) return rc;
        if (!unit_in_scope(db, who, f->employing))
            return err_field(e, ST_EPERM, "employing_unit", "%s (employing_unit): đơn vị \"%s\" "
                             "nằm ngoài phạm vi của bạn", pf[F_EMPLOYING].f.label, v);
    }
    if ((v = f->v[F_COMPETENT]) && *v && (rc = unit_lookup(db, F_COMPETENT, v, &f->competent, e)))
        return rc;
    if ((v = f->v[F_FIELD]) && *v && (rc = field_lookup(db, v, &f->field_id, e))) return rc;
    return ST_OK;
}

static int pform_people(st_db *db, const st_actor *who, pform *f, const char *position, st_err *e)
{
    const char *v = f->v[F_LEAD];
    if (v && *v) {
        int rc;
        if ((rc = person_resolve(db, who, F_LEAD, v, position, f->employing, &f->lead_id, e)))
            return rc;
        f->lead_name = lookup_str(db, SQL_PERSON_NAME, f->lead_id);
    }
    return f->v[F_COAUTHORS] ? coauthors_resolve(db, who, f, e) : ST_OK;
}

static int64_t competent_default(st_db *db, int64_t employing, int is_head)
{
    int64_t parent = is_head ? unit_parent(db, employing) : 0;
    return parent > 0 ? parent : employing;
}

/* The lead (ord 0, with the position given and the employing unit), then
 * the coauthors (with their own position and unit). */
static int proposers_write(st_db *db, int64_t pid, const pform *f, const char *lead_pos, st_err *e)
{
    for (int k = f->lead_id > 0 ? -1 : 0; k < f->nco; k++) {
        sqlite3_stmt *st;
        int rc = db_prepare(db, "INSERT INTO proposers(id, proposal_id, person_id, is_lead, "
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
        if ((rc = exec_step(db, st, "ghi tác giả", e))) return rc;
    }
    return ST_OK;
}

/* Bind a normalised value of a plain column: money as an integer, an empty
 * date as NULL. */
static void bind_value(sqlite3_stmt *st, int pos, int i, const char *v)
{
    if (pf[i].f.type == FT_MONEY)
        sqlite3_bind_int64(st, pos, *v ? strtoll(v, NULL, 10) : 0);
    else if (pf[i].f.type == FT_DATE && !*v)
        sqlite3_bind_null(st, pos);
    else if (pf[i].f.type == FT_ENUM && !*v)
        sqlite3_bind_text(st, pos, "other", -1, SQLITE_STATIC);
    else
        sqlite3_bind_text(st, pos, v, -1, SQLITE_TRANSIENT);
}

/* SITE-YYYY-NNNN: the next number of this site and year. */
static int next_code(st_db *db, char out[32], st_err *e)
{
    char today[11], prefix[24];
    date_iso(date_today(), today);
    snprintf(prefix, sizeof prefix, "%.8s-%.4s-", db_site_code(db), today);
    sqlite3_stmt *st;
    /* A range on the code's unique index (the digits sort below '~'): a
     * substr() test here read every proposal of the database on each create. */
    int rc = db_prepare(db, "SELECT max(CAST(substr(code, length(?1) + 1) AS INTEGER)) "
                        "FROM proposals WHERE code >= ?1 AND code < ?1 || '~'", &st, e);
    if (rc) return rc;
    sqlite3_bind_text(st, 1, prefix, -1, SQLITE_STATIC);
    long long next = 1;
    if (sqlite3_step(st) == SQLITE_ROW) next = sqlite3_column_int64(st, 0) + 1;
    sqlite3_finalize(st);
    snprintf(out, 32, "%.14s%04d", prefix, (int)next);
    return ST_OK;
}

static int may_edit(const st_actor *who, st_err *e)
{
    if (who && (who->roles & (ROLE_CLERK | ROLE_ADMIN))) return ST_OK;
    return err_set(e, ST_EPERM, "Chỉ chuyên viên hoặc quản trị viên được lập và sửa đề xuất");
}

/* Create inside an open write transaction (shared by create and import). */
static int create_in_tx(st_db *db, const st_actor *who, const st_kv *vals, int n,
                        char code_out[32], st_err *e)
{
    pform f;
    memset(&f, 0, sizeof f);
    sbuf sql, data;
    sbuf_init(&sql);
    sbuf_init(&data);
    sqlite3_stmt *st = NULL;
    int rc = pform_normalize(&f, vals, n, 1, e);
    if (!rc) rc = period_check(f.v[F_PFROM], f.v[F_PTO], e);
    if (!rc) rc = pform_resolve(db, who, &f, e);
    if (rc) goto out;
    if (!f.competent)
        f.competent = competent_default(db, f.employing, f.v[F_ISHEAD] && strcmp(f.v[F_ISHEAD], "1") == 0);
    if ((rc = pform_people(db, who, &f, f.v[F_LEADPOS], e))) goto out;
    if ((rc = next_code(db, code_out, e))) goto out;

    sbuf_add(&sql, "INSERT INTO proposals(id, code, field_id, employing_unit_id, competent_unit_id, "
             "state, created_by, created_at, updated_at");
    for (int i = 0; i < NF; i++)
        if (pf[i].col && f.v[i] && *f.v[i]) sbuf_addf(&sql, ", %s", pf[i].col);
    sbuf_add(&sql, ") VALUES(?,?,?,?,?,'draft',?,?,?");
    for (int i = 0; i < NF; i++)
        if (pf[i].col && f.v[i] && *f.v[i]) sbuf_add(&sql, ",?");
    sbuf_add(&sql, ")");
    if (sql.oom) { rc = err_set(e, ST_ENOMEM, "hết bộ nhớ"); goto out; }
    if ((rc = db_prepare(db, sbuf_str(&sql), &st, e))) goto out;
    char now[32];
    db_now(now);
    int64_t pid = db_new_id(db, "proposals");
    sqlite3_bind_int64(st, 1, pid);
    sqlite3_bind_text(st, 2, code_out, -1, SQLITE_TRANSIENT);
    if (f.field_id) sqlite3_bind_int64(st, 3, f.field_id);
    sqlite3_bind_int64(st, 4, f.employing);
    sqlite3_bind_int64(st, 5, f.competent);
    if (who->id > 0) sqlite3_bind_int64(st, 6, who->id);
    sqlite3_bind_text(st, 7, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 8, now, -1, SQLITE_TRANSIENT);
    int pos = 9;
    for (int i = 0; i < NF; i++)
        if (pf[i].col && f.v[i] && *f.v[i]) bind_value(st, pos++, i, f.v[i]);
    rc = exec_step(db, st, "ghi đề xuất", e);
    if (!rc) rc = proposers_write(db, pid, &f, f.v[F_LEADPOS], e);
    if (rc) goto out;

    sbuf_add(&data, "{");
    for (int i = 0; i < NF; i++) {
        if (!f.v[i]) continue;
        if (data.len > 1) sbuf_add(&data, ",");
        sbuf_json_str(&data, pf[i].f.name);
        sbuf_add(&data, ":");
        sbuf_json_str(&data, i == F_LEAD && f.lead_name ? f.lead_name :
                             i == F_COAUTHORS ? f.co_names : f.v[i]);
    }
    sbuf_add(&data, "}");
    if (data.oom) { rc = err_set(e, ST_ENOMEM, "hết bộ nhớ"); goto out; }
    rc = event_write(db, who, pid, "create", NULL, "draft", "", "", NULL, sbuf_str(&data), NULL, e);
out:
    sbuf_free(&sql);
    sbuf_free(&data);
    pform_free(&f);
    return rc;
}

int proposal_create(st_db *db, const st_actor *who, const st_kv *vals, int n,
                    char code_out[32], st_err *e)
{
    code_out[0] = '\0';
    int rc = may_edit(who, e);
    if (rc || (rc = db_begin(db, e))) return rc;
    rc = create_in_tx(db, who, vals, n, code_out, e);
    if (!rc) rc = db_commit(db, e);
    else db_rollback(db);
    if (rc) code_out[0] = '\0';
    return rc;
}

/* The current values in the form's terms, and the proposers' ids. */
static int load_current(st_db *db, int64_t pid, pform *cur, st_err *e)
{
    sbuf sql;
    sbuf_init(&sql);
    sbuf_add(&sql, "SELECT p.employing_unit_id, p.competent_unit_id, p.field_id");
    for (int i = 0; i < NF; i++) sbuf_addf(&sql, ", %s", pf[i].expr);
    sbuf_add(&sql, " FROM proposals p WHERE p.id = ?");
    sqlite3_stmt *st = NULL;
    int rc = sql.oom ? err_set(e, ST_ENOMEM, "hết bộ nhớ") : db_prepare(db, sbuf_str(&sql), &st, e);
    sbuf_free(&sql);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, pid);
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        return db_fail(db, e, "đọc đề xuất");
    }
    cur->employing = sqlite3_column_int64(st, 0);
    cur->competent = sqlite3_column_int64(st, 1);
    cur->field_id = sqlite3_column_int64(st, 2);
    for (int i = 0; i < NF && !rc; i++)
        if (!(cur->v[i] = strdup(db_col_text(st, 3 + i)))) rc = err_set(e, ST_ENOMEM, "hết bộ nhớ");
    sqlite3_finalize(st);
    if (rc || (rc = db_prepare(db, "SELECT person_id, is_lead FROM proposers WHERE proposal_id = ? "
                               "AND deleted = 0 ORDER BY is_lead DESC, ord", &st, e)))
        return rc;
    sqlite3_bind_int64(st, 1, pid);
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (sqlite3_column_int(st, 1) && !cur->lead_id) cur->lead_id = sqlite3_column_int64(st, 0);
        else if (!sqlite3_column_int(st, 1) && cur->nco < MAX_CO)
            cur->co[cur->nco++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    return ST_OK;
}

int proposal_read_values(st_db *db, const st_actor *who, const char *code,
                         char **vals, int64_t *version, st_err *e)
{
    proposal_head h;
    pform cur;
    memset(&cur, 0, sizeof cur);
    /* One read transaction: the values and the version of one snapshot. */
    int own = sqlite3_get_autocommit(db_h(db)) &&
              sqlite3_exec(db_h(db), "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
    int rc = proposal_get_head(db, who, code, &h, e);
    if (!rc) rc = load_current(db, h.id, &cur, e);
    if (own) sqlite3_exec(db_h(db), "COMMIT", NULL, NULL, NULL);
    for (int i = 0; i < NF; i++) {
        vals[i] = rc ? NULL : cur.v[i];
        cur.v[i] = NULL;
    }
    if (!rc && version) *version = h.version;
    pform_free(&cur);
    return rc;
}

/* Empty values in the terms the database stores them. */
static const char *canon(int i, const char *v)
{
    if (*v) return v;
    switch (pf[i].f.type) {
    case FT_MONEY: case FT_BOOL: return "0";
    case FT_ENUM: return "other";
    default: return v;
    }
}

/* Fill what the edit leaves alone from the current values, recompute the
 * competent unit when its inputs change, and resolve the proposers. */
static int update_resolve(st_db *db, const st_actor *who, pform *nw, const pform *cur, st_err *e)
{
    int rc = pform_resolve(db, who, nw, e);
    if (rc) return rc;
    if (!nw->v[F_EMPLOYING]) nw->employing = cur->employing;
    if (!nw->v[F_FIELD]) nw->field_id = cur->field_id;
    if (!nw->v[F_COMPETENT] || !*nw->v[F_COMPETENT]) {
        /* Not given: it follows the employing unit and whether the lead heads it. */
        const char *head = nw->v[F_ISHEAD] ? nw->v[F_ISHEAD] : cur->v[F_ISHEAD];
        nw->competent = nw->v[F_COMPETENT] || nw->v[F_EMPLOYING] || nw->v[F_ISHEAD]
            ? competent_default(db, nw->employing, strcmp(canon(F_ISHEAD, head), "1") == 0)
            : cur->competent;
    }
    if ((rc = period_check(nw->v[F_PFROM] ? nw->v[F_PFROM] : cur->v[F_PFROM],
                           nw->v[F_PTO] ? nw->v[F_PTO] : cur->v[F_PTO], e)) ||
        (rc = pform_people(db, who, nw, nw->v[F_LEADPOS] ? nw->v[F_LEADPOS] : cur->v[F_LEADPOS], e)))
        return rc;
    if (!nw->v[F_LEAD]) nw->lead_id = cur->lead_id;
    if (!nw->v[F_COAUTHORS]) {
        nw->nco = cur->nco;
        memcpy(nw->co, cur->co, sizeof cur->co);
    }
    return ST_OK;
}

/* The changed fields, as {"changes":[{"field","from","to"}…]} for the
 * audit; returns how many. */
static int update_diff(st_db *db, const pform *nw, const pform *cur, int changed[NF], sbuf *js)
{
    const char *to[NF];
    for (int i = 0; i < NF; i++) to[i] = nw->v[i];
    if (to[F_LEAD]) to[F_LEAD] = nw->lead_name ? nw->lead_name : "";
    if (to[F_COAUTHORS]) to[F_COAUTHORS] = nw->co_names;
    char *ccode = nw->competent != cur->competent ? lookup_str(db, SQL_UNIT_CODE, nw->competent) : NULL;
    to[F_COMPETENT] = ccode;
    int n = 0;
    sbuf_add(js, "{\"changes\":[");
    for (int i = 0; i < NF; i++) {
        if (!to[i] || strcmp(canon(i, to[i]), canon(i, cur->v[i])) == 0) continue;
        changed[i] = 1;
        sbuf_add(js, n++ ? ",{\"field\":" : "{\"field\":");
        sbuf_json_str(js, pf[i].f.name);
        sbuf_add(js, ",\"from\":");
        sbuf_json_str(js, cur->v[i]);
        sbuf_add(js, ",\"to\":");
        sbuf_json_str(js, to[i]);
        sbuf_add(js, "}");
    }
    sbuf_add(js, "]}");
    free(ccode);
    return n;
}

static int update_write(st_db *db, const proposal_head *h, const pform *nw, const pform *cur,
                        const int changed[NF], st_err *e)
{
    sbuf sql;
    sbuf_init(&sql);
    sbuf_add(&sql, "UPDATE proposals SET version = version + 1, updated_at = ?, field_id = ?, "
             "employing_unit_id = ?, competent_unit_id = ?");
    for (int i = 0; i < NF; i++)
        if (changed[i] && pf[i].col) sbuf_addf(&sql, ", %s = ?", pf[i].col);
    sbuf_add(&sql, " WHERE id = ? AND version = ?");
    sqlite3_stmt *st = NULL;
    int rc = sql.oom ? err_set(e, ST_ENOMEM, "hết bộ nhớ") : db_prepare(db, sbuf_str(&sql), &st, e);
    sbuf_free(&sql);
    if (rc) return rc;
    char now[32];
    db_now(now);
    sqlite3_bind_text(st, 1, now, -1, SQLITE_TRANSIENT);
    if (nw->field_id) sqlite3_bind_int64(st, 2, nw->field_id);
    sqlite3_bind_int64(st, 3, nw->employing);
    sqlite3_bind_int64(st, 4, nw->competent);
    int pos = 5;
    for (int i = 0; i < NF; i++)
        if (changed[i] && pf[i].col) bind_value(st, pos++, i, nw->v[i]);
    sqlite3_bind_int64(st, pos++, h->id);
    sqlite3_bind_int64(st, pos, h->version);
    if ((rc = exec_step(db, st, "sửa đề xuất", e))) return rc;
    if (sqlite3_changes(db_h(db)) != 1)
        return err_set(e, ST_ECONFLICT, "Đề xuất đã được người khác sửa; hãy xem bản mới nhất");
    if (!changed[F_LEAD] && !changed[F_LEADPOS] && !changed[F_COAUTHORS]) return ST_OK;
    /* Proposers are replaced as a whole; the old rows stay, soft-deleted. */
    if ((rc = db_prepare(db, "UPDATE proposers SET deleted = 1 WHERE proposal_id = ? "
                         "AND deleted = 0", &st, e)))
        return rc;
    sqlite3_bind_int64(st, 1, h->id);
    if ((rc = exec_step(db, st, "sửa tác giả", e))) return rc;
    return proposers_write(db, h->id, nw, nw->v[F_LEADPOS] ? nw->v[F_LEADPOS] : cur->v[F_LEADPOS], e);
}

static int update_in_tx(st_db *db, const st_actor *who, const char *code, pform *nw,
                        int64_t expected_version, st_err *e)
{
    proposal_head h;
    int rc = proposal_get_head(db, who, code, &h, e);
    if (rc) return rc;
    if (h.state != S_DRAFT && h.state != S_RETURNED)
        return err_set(e, ST_ESTATE, "Chỉ sửa được đề xuất ở trạng thái \"%s\" hoặc \"%s\"; "
                       "%s đang ở trạng thái \"%s\"", wf_state_label(S_DRAFT),
                       wf_state_label(S_RETURNED), h.code, wf_state_label(h.state));
    if (expected_version > 0 && expected_version != h.version)
        return err_set(e, ST_ECONFLICT, "Đề xuất đã được người khác sửa (phiên bản %lld); "
                       "hãy xem bản mới nhất rồi sửa lại (bạn đang sửa phiên bản %lld)",
                       (long long)h.version, (long long)expected_version);
    pform cur;
    memset(&cur, 0, sizeof cur);
    sbuf js;
    sbuf_init(&js);
    int changed[NF] = {0};
    if (!(rc = load_current(db, h.id, &cur, e)) && !(rc = update_resolve(db, who, nw, &cur, e)) &&
        update_diff(db, nw, &cur, changed, &js) > 0) {   /* nothing changed: nothing to write */
        if (js.oom) rc = err_set(e, ST_ENOMEM, "hết bộ nhớ");
        if (!rc) rc = update_write(db, &h, nw, &cur, changed, e);
        if (!rc) rc = event_write(db, who, h.id, "edit", wf_state_name(h.state),
                                  wf_state_name(h.state), "", "", NULL, sbuf_str(&js), NULL, e);
    }
    sbuf_free(&js);
    pform_free(&cur);
    return rc;
}

int proposal_update(st_db *db, const st_actor *who, const char *code,
                    const st_kv *vals, int n, int64_t expected_version, st_err *e)
{
    pform nw;
    memset(&nw, 0, sizeof nw);
    int rc = may_edit(who, e);
    if (!rc) rc = pform_normalize(&nw, vals, n, 0, e);
    if (!rc && !(rc = db_begin(db, e))) {
        rc = update_in_tx(db, who, code, &nw, expected_version, e);
        if (!rc) rc = db_commit(db, e);
        else db_rollback(db);
    }
    pform_free(&nw);
    return rc;
}

/* Prefix e's message with "FILE:LINE: ". */
static int at_line(st_err *e, const char *name, long line)
{
    char msg[sizeof e->msg];
    snprintf(msg, sizeof msg, "%s", e->msg);
    snprintf(e->msg, sizeof e->msg, "%.100s:%ld: %.380s", name, line, msg);
    return e->code;
}

int proposal_import_csv(st_db *db, const st_actor *who, FILE *f,
                        const char *name, int *count, st_err *e)
{
    *count = 0;
    const char *fname = name && *name ? name : "CSV";
    int rc = may_edit(who, e);
    if (rc) return rc;
    csv_reader *r = NULL;
    if (csv_open(f, &r) != ST_OK) return err_set(e, ST_ENOMEM, "hết bộ nhớ");
    csv_set_name(r, fname);
    char **cells;
    int nc, ncols = 0, got;
    char **head = NULL;
    st_kv *kv = NULL;
    got = csv_next(r, &cells, &nc, e);
    if (got <= 0) {
        rc = got < 0 ? e->code : err_set(e, ST_EINVAL, "%s: tệp trống, thiếu dòng tiêu đề", fname);
        goto done;
    }
    ncols = nc;
    head = calloc((size_t)nc, sizeof *head);
    kv = calloc((size_t)nc, sizeof *kv);
    if (!head || !kv) { rc = err_set(e, ST_ENOMEM, "hết bộ nhớ"); goto done; }
    for (int i = 0; i < nc; i++) {
        if (!(head[i] = strdup(cells[i]))) { rc = err_set(e, ST_ENOMEM, "hết bộ nhớ"); goto done; }
        text_trim(head[i]);
        if (!text_utf8_valid(head[i], strlen(head[i]), NULL))
            rc = err_set(e, ST_EINVAL, "%s:%ld: cột %d: tên cột không phải UTF-8 hợp lệ",
                         fname, csv_line(r), i + 1);
        else if (field_index(head[i]) < 0)
            rc = err_set(e, ST_EINVAL, "%s:%ld: trường không tồn tại: %.80s", fname, csv_line(r), head[i]);
        for (int k = 0; k < i && !rc; k++)
            if (strcmp(head[k], head[i]) == 0)
                rc = err_set(e, ST_EINVAL, "%s:%ld: cột %s lặp lại", fname, csv_line(r), head[i]);
        if (rc) goto done;
    }
    if ((rc = db_begin(db, e))) goto done;
    while ((got = csv_next(r, &cells, &nc, e)) > 0) {
        if (nc != ncols) {
            rc = err_set(e, ST_EINVAL, "%s:%ld: có %d cột, dòng tiêu đề có %d", fname,
                         csv_line(r), nc, ncols);
            break;
        }
        for (int i = 0; i < nc; i++) kv[i] = (st_kv){head[i], cells[i]};
        char code[32];
        if ((rc = create_in_tx(db, who, kv, nc, code, e))) { at_line(e, fname, csv_line(r)); break; }
        ++*count;
    }
    if (got < 0) rc = e->code ? e->code : ST_EINVAL;
    if (!rc) rc = db_commit(db, e);
    else db_rollback(db);
    if (rc) *count = 0;
done:
    if (head) for (int i = 0; i < ncols; i++) free(head[i]);
    free(head);
    free(kv);
    csv_close(&r);
    return rc;
}
