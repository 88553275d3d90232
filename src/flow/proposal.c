/* Proposals: create, edit and CSV import, on the form of proposal_form.c
 * and the field table of proposal_fields.c.  Reading (show, history) is in
 * proposal_read.c, the list in proposal_list.c. */
#include "proposal_internal.h"

#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "events.h"
#include "search.h"
#include "base/sbuf.h"
#include "text/text.h"
#include "workflow_states.h"

/* The number in the first row of sql (?1 the prefix, ?2 and ?3 this site's
 * ids, where used): an integer column as it is, a code's digits after
 * prefix; -1 for no row or another prefix, -2 on error. */
static long long code_number(st_db *db, const char *sql, const char *prefix, int64_t lo,
                             int64_t hi, st_err *e)
{
    sqlite3_stmt *st;
    if (db_stmt(db, sql, &st, e)) return -2;
    sqlite3_bind_text(st, 1, prefix, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, lo);
    sqlite3_bind_int64(st, 3, hi);
    long long n = -1;
    if (sqlite3_step(st) == SQLITE_ROW) {
        const char *c = db_col_text(st, 0);
        size_t k = strlen(prefix);
        if (sqlite3_column_type(st, 0) == SQLITE_INTEGER) n = sqlite3_column_int64(st, 0);
        else if (!strncmp(c, prefix, k) && c[k] && strspn(c + k, "0123456789") == strlen(c + k))
            n = strtoll(c + k, NULL, 10);
    }
    db_release(db, st);
    return n;
}

/* SITE-YYYY-NNNN: the next number of this site and year.  The numbers are
 * not in the code index's order past 9999 (…-9999 sorts after …-10000), so
 * the largest is read from the codes themselves; to keep that off every
 * create (it read all of a year's codes: a quarter of the bench's generator
 * at 30 000 proposals), the number of this site's latest proposal is tried
 * first, then the numbers after it while taken (another session's, an
 * imported code).  A new year, or a latest proposal with another prefix,
 * reads the range as before. */
static int next_code(st_db *db, char out[32], st_err *e)
{
    char today[11], prefix[24];
    date_iso(date_today(), today);
    snprintf(prefix, sizeof prefix, "%.8s-%.4s-", db_site_code(db), today);
    int64_t lo, hi;
    db_site_ids(db, &lo, &hi);
    long long n = code_number(db, "SELECT code FROM proposals WHERE id >= ?2 AND id < ?3 "
                              "ORDER BY id DESC LIMIT 1", prefix, lo, hi, e);
    if (n == -2) return e->code;
    if (n < 0) {
        /* A range on the code's unique index (the digits sort below '~'). */
        n = code_number(db, "SELECT coalesce(max(CAST(substr(code, length(?1) + 1) AS INTEGER)), 0) "
                        "FROM proposals WHERE code >= ?1 AND code < ?1 || '~'",
                        prefix, 0, 0, e);
        if (n == -2) return e->code;
        if (n < 0) n = 0;
    }
    for (;;) {
        snprintf(out, 32, "%.14s%04lld", prefix, n + 1);
        sqlite3_stmt *st;
        int rc = db_stmt(db, "SELECT 1 FROM proposals WHERE code = ?1", &st, e);
        if (rc) return rc;
        sqlite3_bind_text(st, 1, out, -1, SQLITE_STATIC);
        int taken = sqlite3_step(st) == SQLITE_ROW;
        db_release(db, st);
        if (!taken) return ST_OK;
        n++;
    }
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
    if (!rc) rc = pform_check_period(f.v[F_PFROM], f.v[F_PTO], e);
    if (!rc) rc = pform_resolve(db, who, &f, e);
    if (rc) goto out;
    if (!f.competent)
        f.competent = pform_competent(db, f.employing,
                                      f.v[F_ISHEAD] && strcmp(f.v[F_ISHEAD], "1") == 0);
    if ((rc = pform_people(db, who, &f, f.v[F_LEADPOS], e))) goto out;
    if ((rc = next_code(db, code_out, e))) goto out;

    sbuf_add(&sql, "INSERT INTO proposals(id, code, field_id, employing_unit_id, competent_unit_id, "
             "state, created_by, created_at, updated_at");
    for (int i = 0; i < PROPOSAL_NF; i++)
        if (proposal_field_column(i) && f.v[i] && *f.v[i])
            sbuf_addf(&sql, ", %s", proposal_field_column(i));
    sbuf_add(&sql, ") VALUES(?,?,?,?,?,'draft',?,?,?");
    for (int i = 0; i < PROPOSAL_NF; i++)
        if (proposal_field_column(i) && f.v[i] && *f.v[i]) sbuf_add(&sql, ",?");
    sbuf_add(&sql, ")");
    if (sql.oom) { rc = err_set(e, ST_ENOMEM, "hết bộ nhớ"); goto out; }
    /* The search indexes once, at the end, not once per proposer (015). */
    db_index_hold(db, 1);
    if ((rc = db_stmt(db, sbuf_str(&sql), &st, e))) goto out;
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
    for (int i = 0; i < PROPOSAL_NF; i++)
        if (proposal_field_column(i) && f.v[i] && *f.v[i]) pform_bind(st, pos++, i, f.v[i]);
    rc = pform_step(db, st, "ghi đề xuất", e);
    if (!rc) rc = pform_write_proposers(db, pid, &f, f.v[F_LEADPOS], e);
    db_index_hold(db, 0);
    if (!rc) rc = search_index_one(db, pid, e);
    if (rc) goto out;

    sbuf_add(&data, "{");
    for (int i = 0; i < PROPOSAL_NF; i++) {
        if (!f.v[i]) continue;
        if (data.len > 1) sbuf_add(&data, ",");
        sbuf_json_str(&data, proposal_field(i)->name);
        sbuf_add(&data, ":");
        sbuf_json_str(&data, i == F_LEAD && f.lead_name ? f.lead_name :
                             i == F_COAUTHORS ? f.co_names : f.v[i]);
    }
    sbuf_add(&data, "}");
    if (data.oom) { rc = err_set(e, ST_ENOMEM, "hết bộ nhớ"); goto out; }
    rc = event_write(db, who, pid, "create", NULL, "draft", "", "", NULL, sbuf_str(&data), NULL, e);
out:
    db_index_hold(db, 0);
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
    for (int i = 0; i < PROPOSAL_NF; i++) sbuf_addf(&sql, ", %s", proposal_field_expr(i));
    sbuf_add(&sql, " FROM proposals p WHERE p.id = ?");
    sqlite3_stmt *st = NULL;
    int rc = sql.oom ? err_set(e, ST_ENOMEM, "hết bộ nhớ") : db_stmt(db, sbuf_str(&sql), &st, e);
    sbuf_free(&sql);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, pid);
    if (sqlite3_step(st) != SQLITE_ROW) {
        db_release(db, st);
        return db_fail(db, e, "đọc đề xuất");
    }
    cur->employing = sqlite3_column_int64(st, 0);
    cur->competent = sqlite3_column_int64(st, 1);
    cur->field_id = sqlite3_column_int64(st, 2);
    for (int i = 0; i < PROPOSAL_NF && !rc; i++)
        if (!(cur->v[i] = strdup(db_col_text(st, 3 + i)))) rc = err_set(e, ST_ENOMEM, "hết bộ nhớ");
    db_release(db, st);
    if (rc || (rc = db_stmt(db, "SELECT person_id, is_lead FROM proposers WHERE proposal_id = ? "
                               "AND deleted = 0 ORDER BY is_lead DESC, ord", &st, e)))
        return rc;
    sqlite3_bind_int64(st, 1, pid);
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (sqlite3_column_int(st, 1) && !cur->lead_id) cur->lead_id = sqlite3_column_int64(st, 0);
        else if (!sqlite3_column_int(st, 1) && cur->nco < MAX_CO)
            cur->co[cur->nco++] = sqlite3_column_int64(st, 0);
    }
    db_release(db, st);
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
    for (int i = 0; i < PROPOSAL_NF; i++) {
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
    switch (proposal_field(i)->type) {
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
            ? pform_competent(db, nw->employing, strcmp(canon(F_ISHEAD, head), "1") == 0)
            : cur->competent;
    }
    if ((rc = pform_check_period(nw->v[F_PFROM] ? nw->v[F_PFROM] : cur->v[F_PFROM],
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
static int update_diff(st_db *db, const pform *nw, const pform *cur, int changed[PROPOSAL_NF],
                       sbuf *js)
{
    const char *to[PROPOSAL_NF];
    for (int i = 0; i < PROPOSAL_NF; i++) to[i] = nw->v[i];
    if (to[F_LEAD]) to[F_LEAD] = nw->lead_name ? nw->lead_name : "";
    if (to[F_COAUTHORS]) to[F_COAUTHORS] = nw->co_names;
    char *ccode = nw->competent != cur->competent
                  ? pform_lookup(db, SQL_UNIT_CODE, nw->competent) : NULL;
    to[F_COMPETENT] = ccode;
    if (nw->competent != cur->competent && !ccode) js->oom = 1;   /* the caller: out of memory */
    int n = 0;
    sbuf_add(js, "{\"changes\":[");
    for (int i = 0; i < PROPOSAL_NF; i++) {
        if (!to[i] || strcmp(canon(i, to[i]), canon(i, cur->v[i])) == 0) continue;
        changed[i] = 1;
        sbuf_add(js, n++ ? ",{\"field\":" : "{\"field\":");
        sbuf_json_str(js, proposal_field(i)->name);
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
                        const int changed[PROPOSAL_NF], st_err *e)
{
    sbuf sql;
    sbuf_init(&sql);
    sbuf_add(&sql, "UPDATE proposals SET version = version + 1, updated_at = ?, field_id = ?, "
             "employing_unit_id = ?, competent_unit_id = ?");
    for (int i = 0; i < PROPOSAL_NF; i++)
        if (changed[i] && proposal_field_column(i))
            sbuf_addf(&sql, ", %s = ?", proposal_field_column(i));
    sbuf_add(&sql, " WHERE id = ? AND version = ?");
    sqlite3_stmt *st = NULL;
    int rc = sql.oom ? err_set(e, ST_ENOMEM, "hết bộ nhớ") : db_stmt(db, sbuf_str(&sql), &st, e);
    sbuf_free(&sql);
    if (rc) return rc;
    char now[32];
    db_now(now);
    sqlite3_bind_text(st, 1, now, -1, SQLITE_TRANSIENT);
    if (nw->field_id) sqlite3_bind_int64(st, 2, nw->field_id);
    sqlite3_bind_int64(st, 3, nw->employing);
    sqlite3_bind_int64(st, 4, nw->competent);
    int pos = 5;
    for (int i = 0; i < PROPOSAL_NF; i++)
        if (changed[i] && proposal_field_column(i)) pform_bind(st, pos++, i, nw->v[i]);
    sqlite3_bind_int64(st, pos++, h->id);
    sqlite3_bind_int64(st, pos, h->version);
    if ((rc = pform_step(db, st, "sửa đề xuất", e))) return rc;
    if (sqlite3_changes(db_h(db)) != 1)
        return err_set(e, ST_ECONFLICT, "Đề xuất đã được người khác sửa; hãy xem bản mới nhất");
    if (!changed[F_LEAD] && !changed[F_LEADPOS] && !changed[F_COAUTHORS]) return ST_OK;
    /* Proposers are replaced as a whole; the old rows stay, soft-deleted.
     * The search indexes follow once, at the end (migration 015). */
    if ((rc = db_stmt(db, "UPDATE proposers SET deleted = 1 WHERE proposal_id = ? "
                         "AND deleted = 0", &st, e)))
        return rc;
    db_index_hold(db, 1);
    sqlite3_bind_int64(st, 1, h->id);
    rc = pform_step(db, st, "sửa tác giả", e);
    if (!rc) rc = pform_write_proposers(db, h->id, nw,
                                        nw->v[F_LEADPOS] ? nw->v[F_LEADPOS] : cur->v[F_LEADPOS], e);
    db_index_hold(db, 0);
    return rc ? rc : search_index_one(db, h->id, e);
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
    int changed[PROPOSAL_NF] = {0};
    if (!(rc = load_current(db, h.id, &cur, e)) && !(rc = update_resolve(db, who, nw, &cur, e)) &&
        (update_diff(db, nw, &cur, changed, &js) > 0 || js.oom)) {   /* nothing changed: nothing to write */
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

/* The whole input in memory, up to PROPOSAL_IMPORT_MAX bytes, before any
 * transaction: a pipe that never ends (or a slow disk) must not hold the
 * write lock that every other clerk's save and login waits for. */
static int read_all(FILE *f, const char *fname, char **out, size_t *len, st_err *e)
{
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    if (!buf) return err_set(e, ST_ENOMEM, "hết bộ nhớ");
    for (;;) {
        if (n == cap) {
            char *nb = cap < PROPOSAL_IMPORT_MAX ? realloc(buf, cap * 2) : NULL;
            if (!nb) {
                free(buf);
                if (cap >= PROPOSAL_IMPORT_MAX)
                    return err_set(e, ST_EINVAL, "%s: tệp quá lớn (tối đa %d MB); hãy chia "
                                   "thành nhiều tệp", fname, PROPOSAL_IMPORT_MAX >> 20);
                return err_set(e, ST_ENOMEM, "hết bộ nhớ");
            }
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) break;
    }
    if (ferror(f)) {
        free(buf);
        return err_set(e, ST_EIO, "%s: không đọc được tệp", fname);
    }
    *out = buf;
    *len = n;
    return ST_OK;
}

/* One row of cells, kept until the transaction. */
typedef struct { char **cell; int n; long line; } import_row;

static void rows_free(import_row *rows, int nrows)
{
    for (int i = 0; i < nrows; i++) {
        for (int k = 0; k < rows[i].n; k++) free(rows[i].cell[k]);
        free(rows[i].cell);
    }
    free(rows);
}

/* Files from Vietnamese offices that are not UTF-8 are nearly always in
 * the old Windows code page (CP1258) or TCVN3: say how to convert. */
#define NOT_UTF8_HINT "Có lẽ tệp lưu theo bảng mã cũ (Windows-1258/CP1258, TCVN3): " \
    "hãy mở tệp bằng Excel hoặc LibreOffice và lưu lại dạng \"CSV UTF-8\""

/* A column is named by the field's name (title) or, as a clerk's
 * spreadsheet has it, by its label with or without marks ("Tên đề xuất",
 * "ten de xuat").  *name becomes the field's name; an unknown column is
 * refused with the list of names that work. */
static int header_name(char **name, st_err *e)
{
    if (proposal_field_index(*name) >= 0) return ST_OK;
    char *want = text_fold(*name);
    if (!want) return err_set(e, ST_ENOMEM, "hết bộ nhớ");
    int found = -1;
    for (int i = 0; i < proposal_nfields() && found < 0; i++) {
        char *label = text_fold(proposal_field(i)->label);
        if (label && *want && strcmp(label, want) == 0) found = i;
        free(label);
    }
    free(want);
    if (found >= 0) {
        char *nm = strdup(proposal_field(found)->name);
        if (!nm) return err_set(e, ST_ENOMEM, "hết bộ nhớ");
        free(*name);
        *name = nm;
        return ST_OK;
    }
    /* A shortened label ("đơn vị") names its candidates. */
    sbuf names;
    sbuf_init(&names);
    char *part = text_fold(*name);
    int n = 0;
    for (int i = 0; part && *part && i < proposal_nfields() && n < 4; i++) {
        char *label = text_fold(proposal_field(i)->label);
        if (label && strstr(label, part))
            sbuf_addf(&names, "%s%s (%s)", n++ ? ", " : "", proposal_field(i)->name,
                      proposal_field(i)->label);
        free(label);
    }
    free(part);
    err_set(e, ST_EINVAL, "không có cột \"%.80s\"%s%s. Tên cột là tên trường hoặc nhãn tiếng "
            "Việt của nó; danh sách: sangtao proposal new --help", *name,
            n ? "; có phải: " : "", sbuf_str(&names));
    sbuf_free(&names);
    return ST_EINVAL;
}

/* Header and rows, all checked for shape, before BEGIN. */
static int import_parse(csv_reader *r, const char *fname, char ***phead, int *pncols,
                        import_row **prows, int *pnrows, st_err *e)
{
    char **cells;
    int nc, got, rc = ST_OK;
    got = csv_next(r, &cells, &nc, e);
    if (got <= 0) return got < 0 ? e->code : err_set(e, ST_EINVAL, "%s: tệp trống, thiếu dòng tiêu đề", fname);
    char **head = calloc((size_t)nc, sizeof *head);
    if (!head) return err_set(e, ST_ENOMEM, "hết bộ nhớ");
    *phead = head;
    *pncols = nc;
    for (int i = 0; i < nc; i++) {
        if (!(head[i] = strdup(cells[i]))) return err_set(e, ST_ENOMEM, "hết bộ nhớ");
        text_trim(head[i]);
        if (!text_utf8_valid(head[i], strlen(head[i]), NULL))
            rc = err_set(e, ST_EINVAL, "%s:%ld: cột %d: tên cột không phải UTF-8 hợp lệ. "
                         NOT_UTF8_HINT, fname, csv_line(r), i + 1);
        else if ((rc = header_name(&head[i], e)))
            at_line(e, fname, csv_line(r));
        for (int k = 0; k < i && !rc; k++)
            if (strcmp(head[k], head[i]) == 0)
                rc = err_set(e, ST_EINVAL, "%s:%ld: cột %s lặp lại", fname, csv_line(r), head[i]);
        if (rc) return rc;
    }
    int ncols = nc, cap = 0;
    while ((got = csv_next(r, &cells, &nc, e)) > 0) {
        if (nc != ncols)
            return err_set(e, ST_EINVAL, "%s:%ld: có %d cột, dòng tiêu đề có %d", fname,
                           csv_line(r), nc, ncols);
        if (*pnrows == cap) {
            cap = cap ? cap * 2 : 64;
            import_row *nr = realloc(*prows, (size_t)cap * sizeof *nr);
            if (!nr) return err_set(e, ST_ENOMEM, "hết bộ nhớ");
            *prows = nr;
        }
        import_row *row = &(*prows)[*pnrows];
        *row = (import_row){calloc((size_t)nc, sizeof(char *)), 0, csv_line(r)};
        if (!row->cell) return err_set(e, ST_ENOMEM, "hết bộ nhớ");
        ++*pnrows;
        for (; row->n < nc; row->n++) {
            if (!text_utf8_valid(cells[row->n], strlen(cells[row->n]), NULL))
                return err_set(e, ST_EINVAL, "%s:%ld: cột %s: không phải UTF-8 hợp lệ. "
                               NOT_UTF8_HINT, fname, csv_line(r), head[row->n]);
            if (!(row->cell[row->n] = strdup(cells[row->n]))) return err_set(e, ST_ENOMEM, "hết bộ nhớ");
        }
    }
    return got < 0 ? (e->code ? e->code : ST_EINVAL) : ST_OK;
}

int proposal_import_csv(st_db *db, const st_actor *who, FILE *f,
                        const char *name, int *count, st_err *e)
{
    *count = 0;
    const char *fname = name && *name ? name : "CSV";
    int rc = may_edit(who, e);
    if (rc) return rc;
    char *data = NULL;
    size_t len = 0;
    if ((rc = read_all(f, fname, &data, &len, e))) return rc;
    FILE *mem = len ? fmemopen(data, len, "r") : NULL;
    csv_reader *r = NULL;
    char **head = NULL;
    int ncols = 0, nrows = 0;
    import_row *rows = NULL;
    st_kv *kv = NULL;
    if (!len) rc = err_set(e, ST_EINVAL, "%s: tệp trống, thiếu dòng tiêu đề", fname);
    else if (!mem || csv_open(mem, &r) != ST_OK) rc = err_set(e, ST_ENOMEM, "hết bộ nhớ");
    else {
        csv_set_name(r, fname);
        rc = import_parse(r, fname, &head, &ncols, &rows, &nrows, e);
    }
    if (!rc && !(kv = calloc((size_t)ncols, sizeof *kv))) rc = err_set(e, ST_ENOMEM, "hết bộ nhớ");
    if (!rc && !(rc = db_begin(db, e))) {
        for (int i = 0; i < nrows && !rc; i++) {
            for (int k = 0; k < ncols; k++) kv[k] = (st_kv){head[k], rows[i].cell[k]};
            char code[32];
            if ((rc = create_in_tx(db, who, kv, ncols, code, e))) at_line(e, fname, rows[i].line);
            else ++*count;
        }
        if (!rc) rc = db_commit(db, e);
        else db_rollback(db);
    }
    if (rc) *count = 0;
    if (head) for (int i = 0; i < ncols; i++) free(head[i]);
    free(head);
    free(kv);
    rows_free(rows, nrows);
    csv_close(&r);
    if (mem) fclose(mem);
    free(data);
    return rc;
}

