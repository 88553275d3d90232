/* The engine: one call applies one action of the workflow table — role,
 * scope, state and field checks, the action's data, the state change and the
 * event, in one transaction or not at all. */
#include "workflow_internal.h"

#include <stdlib.h>
#include <string.h>

#include "docreg.h"
#include "events.h"
#include "people.h"
#include "units.h"

static void ctx_free(wf_ctx *c)
{
    for (int i = 0; i < WF_MAXF; i++) free(c->val[i]);
    for (int k = 0; k < c->nx; k++) free(c->xval[k]);
    sbuf_free(&c->notes);
}

static int unknown_field(const wf_action *a, const char *name, st_err *e)
{
    sbuf b;
    sbuf_init(&b);
    for (int i = 0; i < a->nfields; i++) sbuf_addf(&b, "%s%s", i ? ", " : "", a->fields[i].name);
    err_field(e, ST_EINVAL, name, "'%s' không có trường %s; các trường: %s", a->name, name,
              a->nfields ? sbuf_str(&b) : "(không có)");
    sbuf_free(&b);
    return ST_EINVAL;
}

/* Normalise every field into vals (malloc'd, "" when absent); returns the
 * number of errors written to errs. */
static int normalize_all(const wf_action *a, const st_kv *kv, int n, char **vals,
                         st_err *errs, int max)
{
    int nerr = 0;
    for (int k = 0; k < n; k++)
        if (wf_field_index(a, kv[k].name) < 0 && nerr < max)
            unknown_field(a, kv[k].name, &errs[nerr++]);
    for (int i = 0; i < a->nfields && i < WF_MAXF; i++) {
        const fielddef *f = &a->fields[i];
        const char *raw = kv_get(kv, n, f->name);
        st_err e;
        err_clear(&e);
        if (field_normalize(f, raw, &vals[i], &e) != ST_OK) {
            if (nerr < max) errs[nerr] = e;
            nerr++;
            continue;
        }
        if (!*vals[i] && (f->flags & FF_TODAY)) {
            char buf[11];
            date_iso(date_today(), buf);
            free(vals[i]);
            if (!(vals[i] = strdup(buf))) {
                if (nerr < max) err_set(&errs[nerr], ST_ENOMEM, "hết bộ nhớ");
                nerr++;
            }
        }
    }
    return nerr;
}

/* The conditional fields left empty, after the errors already in errs. */
static int missing_all(const wf_action *a, char **vals, unsigned need, st_err *errs, int nerr,
                       int max)
{
    st_err e;
    for (int i = 0; (i = wf_required_missing(a, vals, need, i, &e)) >= 0; i++) {
        int dup = 0;
        for (int k = 0; k < nerr && k < max; k++) dup |= strcmp(errs[k].field, e.field) == 0;
        if (dup) continue;
        if (nerr < max) errs[nerr] = e;
        nerr++;
    }
    return nerr;
}

int workflow_validate(const wf_action *a, const st_kv *vals, int n, st_err *errs, int max)
{
    char *v[WF_MAXF] = {0};
    int nerr = normalize_all(a, vals, n, v, errs, max);
    nerr = missing_all(a, v, 0, errs, nerr, max);
    for (int i = 0; i < WF_MAXF; i++) free(v[i]);
    return nerr;
}

static int resolve_refs(wf_ctx *c)
{
    for (int i = 0; i < c->a->nfields; i++) {
        const fielddef *f = &c->a->fields[i];
        if (!c->val[i] || !*c->val[i]) continue;
        int rc = ST_OK;
        if (f->type == FT_UNIT) rc = unit_find(c->db, c->val[i], &c->ref_id[i], c->e);
        else if (f->type == FT_PERSON) rc = person_find(c->db, c->who, c->val[i], &c->ref_id[i], c->e);
        if (rc) {
            char tmp[512];
            snprintf(tmp, sizeof tmp, "%s (%s): %s", f->label, f->name, c->e->msg);
            return err_field(c->e, rc == ST_ENOTFOUND ? ST_EINVAL : rc, f->name, "%s", tmp);
        }
    }
    return ST_OK;
}

static char *event_json(const wf_ctx *c)
{
    sbuf b;
    sbuf_init(&b);
    sbuf_add(&b, "{");
    int first = 1;
    for (int i = 0; i < c->a->nfields; i++) {
        if (!c->val[i] || !*c->val[i]) continue;
        sbuf_addf(&b, "%s\"%s\":", first ? "" : ",", c->a->fields[i].name);
        sbuf_json_str(&b, c->val[i]);
        first = 0;
    }
    for (int k = 0; k < c->nx; k++) {
        sbuf_addf(&b, "%s\"%s\":", first ? "" : ",", c->xname[k]);
        sbuf_json_str(&b, c->xval[k]);
        first = 0;
    }
    sbuf_add(&b, "}");
    return sbuf_take(&b);
}

static char *event_comment(const wf_ctx *c)
{
    sbuf b;
    sbuf_init(&b);
    for (int i = 0; i < c->a->nfields; i++)
        if ((c->a->fields[i].flags & FF_COMMENT) && c->val[i] && *c->val[i])
            sbuf_addf(&b, "%s%s", b.len ? "\n" : "", c->val[i]);
    /* the warnings it was taken with stay visible in the history */
    if (c->notes.len) sbuf_addf(&b, "%s%s", b.len ? "\n" : "", sbuf_str(&c->notes));
    if (c->notes.oom) b.oom = 1;
    return sbuf_take(&b);
}

static int write_event(wf_ctx *c)
{
    char *json = event_json(c), *comment = event_comment(c);
    int rc = !json || !comment ? err_set(c->e, ST_ENOMEM, "hết bộ nhớ")
             : event_write(c->db, c->who, c->p.id, c->a->name, wf_state_name(c->p.state),
                           c->a->to == S_NONE ? NULL : wf_state_name(c->a->to), comment,
                           wf_val(c, "doc_no"), wf_val(c, "doc_date"), json, &c->event_id, c->e);
    free(json);
    free(comment);
    return rc;
}

/* INSERT the action's row: its fields that are columns, plus the hook's
 * extra columns.  Column names come from the static table only. */
static int write_row(wf_ctx *c)
{
    const wf_action *a = c->a;
    sbuf cols, qs;
    sbuf_init(&cols);
    sbuf_init(&qs);
    sbuf_add(&cols, "id, proposal_id, event_id");
    sbuf_add(&qs, "?, ?, ?");
    for (int i = 0; i < a->nfields; i++) {
        const fielddef *f = &a->fields[i];
        if ((f->flags & FF_NOCOL) || !c->val[i] || !*c->val[i]) continue;
        sbuf_addf(&cols, ", %s%s", f->name, f->type == FT_UNIT ? "_id" : "");
        sbuf_add(&qs, ", ?");
    }
    for (int k = 0; k < c->nx; k++) {
        sbuf_addf(&cols, ", %s", c->xname[k]);
        sbuf_add(&qs, ", ?");
    }
    sbuf sql;
    sbuf_init(&sql);
    sbuf_addf(&sql, "INSERT INTO %s(%s) VALUES(%s)", a->table, sbuf_str(&cols), sbuf_str(&qs));
    sbuf_free(&cols);
    sbuf_free(&qs);
    sqlite3_stmt *st;
    int rc = db_stmt(c->db, sbuf_str(&sql), &st, c->e);
    sbuf_free(&sql);
    if (rc) return rc;
    c->row_id = db_new_id(c->db, a->table);
    int p = 1;
    sqlite3_bind_int64(st, p++, c->row_id);
    sqlite3_bind_int64(st, p++, c->p.id);
    sqlite3_bind_int64(st, p++, c->event_id);
    for (int i = 0; i < a->nfields; i++) {
        const fielddef *f = &a->fields[i];
        if ((f->flags & FF_NOCOL) || !c->val[i] || !*c->val[i]) continue;
        if (f->type == FT_UNIT) sqlite3_bind_int64(st, p++, c->ref_id[i]);
        else sqlite3_bind_text(st, p++, c->val[i], -1, SQLITE_STATIC);
    }
    for (int k = 0; k < c->nx; k++) sqlite3_bind_text(st, p++, c->xval[k], -1, SQLITE_STATIC);
    rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : db_fail(c->db, c->e, a->label);
    db_release(c->db, st);
    return rc;
}

static int move_state(wf_ctx *c)
{
    const wf_action *a = c->a;
    int to = a->to == S_NONE ? c->p.state : a->to;
    const char *kinds[] = {NULL, NULL, "review", "report", "evaluation", "notify"};
    const char *sql =
        a->deadline == DL_KEEP
            ? "UPDATE proposals SET state=?1, version=version+1, updated_at=?2 WHERE id=?3"
            : "UPDATE proposals SET state=?1, version=version+1, updated_at=?2, "
              "due_date=?4, due_kind=?5 WHERE id=?3";
    sqlite3_stmt *st;
    int rc = db_stmt(c->db, sql, &st, c->e);
    if (rc) return rc;
    char now[32];
    db_now(now);
    sqlite3_bind_text(st, 1, wf_state_name(to), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, c->p.id);
    if (a->deadline != DL_KEEP && a->deadline != DL_CLEAR && c->due[0]) {
        sqlite3_bind_text(st, 4, c->due, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, kinds[a->deadline], -1, SQLITE_STATIC);
    }
    rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : db_fail(c->db, c->e, "đổi trạng thái");
    db_release(c->db, st);
    return rc;
}

static int check_role(const wf_action *a, const st_actor *who, st_err *e)
{
    if (who->roles & (a->roles | ROLE_ADMIN)) return ST_OK;
    char have[128], need[128];
    roles_format(who->roles, have, sizeof have);
    roles_format(a->roles, need, sizeof need);
    return err_set(e, ST_EPERM, "Vai trò của bạn (%s) không được thực hiện '%s' (%s); "
                   "cần vai trò: %s", have, a->name, a->label, need);
}

static int check_state(const wf_action *a, int state, st_err *e)
{
    if (wf_action_from(a, state)) return ST_OK;
    sbuf b;
    sbuf_init(&b);
    for (int s = 0; s < S_COUNT; s++)
        if (a->from & (1u << s)) sbuf_addf(&b, "%s%s", b.len ? ", " : "", wf_state_name(s));
    err_set(e, ST_ESTATE, "Không thể '%s' khi đề xuất đang ở trạng thái '%s' (%s); "
            "chỉ được từ: %s", a->name, wf_state_name(state), wf_state_label(state),
            sbuf_str(&b));
    sbuf_free(&b);
    return ST_ESTATE;
}

/* A decision's number into the register (docreg.c): actions whose fields
 * carry sign_form, when a doc_no is given.  Refuses a repeated number. */
static int register_doc(wf_ctx *c)
{
    if (wf_field_index(c->a, "sign_form") < 0 || !*wf_val(c, "doc_no")) return ST_OK;
    int u = wf_field_index(c->a, "issuing_unit");
    docreg_entry d = {
        .proposal_id = c->p.id, .event_id = c->event_id, .action = c->a->name,
        .competent_unit = c->p.competent_unit, .issuing_unit = u >= 0 ? c->ref_id[u] : 0,
        .issuer_level = wf_val(c, "issuer_level"), .doc_no = wf_val(c, "doc_no"),
        .doc_date = wf_val(c, "doc_date"), .signer = wf_val(c, "signer"),
        .sign_form = wf_val(c, "sign_form"),
    };
    return docreg_add(c->db, &d, c->e);
}

static int apply_in_tx(wf_ctx *c, const char *code, int64_t expected_version)
{
    int rc = proposal_get_head(c->db, c->who, code, &c->p, c->e);
    if (rc) return rc;
    if (expected_version > 0 && c->p.version != expected_version)
        return err_set(c->e, ST_ECONFLICT, "Đề xuất %s đã được người khác thay đổi (phiên bản "
                       "%lld, bạn đang xem %lld); hãy tải lại", code,
                       (long long)c->p.version, (long long)expected_version);
    if ((rc = check_state(c->a, c->p.state, c->e)) || (rc = resolve_refs(c))) return rc;
    if ((rc = wf_law_check(c))) return rc;
    if (c->a->pre && (rc = c->a->pre(c))) return rc;
    if (wf_required_missing(c->a, c->val, c->need, 0, c->e) >= 0) return ST_EINVAL;
    if (c->a->check && (rc = c->a->check(c))) return rc;
    if (c->a->hook && (rc = c->a->hook(c))) return rc;
    if (c->oom) return err_set(c->e, ST_ENOMEM, "hết bộ nhớ");   /* a value the hook set */
    if ((rc = write_event(c))) return rc;
    if (c->a->table && (rc = write_row(c))) return rc;
    if ((rc = register_doc(c))) return rc;
    if (c->a->after && (rc = c->a->after(c))) return rc;
    return move_state(c);
}

static const wf_action *find_action(const char *action, st_err *e)
{
    const wf_action *a = wf_action_find(action);
    if (!a) {
        sbuf b;
        sbuf_init(&b);
        for (int i = 0; i < wf_nactions; i++)
            if (!wf_actions[i].via_proposal) sbuf_addf(&b, "%s%s", b.len ? ", " : "", wf_actions[i].name);
        err_set(e, ST_EINVAL, "Thao tác không tồn tại: %s; các thao tác: %s", action, sbuf_str(&b));
        sbuf_free(&b);
        return NULL;
    }
    if (a->via_proposal) {
        err_set(e, ST_EINVAL, "'%s' dùng lệnh: sangtao proposal %s", a->name,
                strcmp(a->name, "create") == 0 ? "new" : "edit");
        return NULL;
    }
    return a;
}

/* The context of an action on a proposal, up to its state: read only. */
static int ctx_open(wf_ctx *c, st_db *db, const st_actor *who, const char *code,
                    const char *action, st_err *e)
{
    memset(c, 0, sizeof *c);
    c->db = db;
    c->who = who;
    c->e = e;
    sbuf_init(&c->notes);
    if (!(c->a = find_action(action, e))) return e->code ? e->code : ST_EINVAL;
    int rc = check_role(c->a, who, e);
    if (!rc) rc = proposal_get_head(db, who, code, &c->p, e);
    return rc ? rc : check_state(c->a, c->p.state, e);
}

int workflow_pre(st_db *db, const st_actor *who, const char *code, const char *action,
                 wf_pre *out, st_err *e)
{
    wf_ctx c;
    int rc = ctx_open(&c, db, who, code, action, e);
    if (!rc) rc = wf_law_pre(&c);
    if (!rc && c.a->pre) rc = c.a->pre(&c);
    if (out) {
        out->need = c.need;
        snprintf(out->limit, sizeof out->limit, "%s", c.limit);
    }
    ctx_free(&c);
    return rc;
}

int workflow_check(st_db *db, const st_actor *who, const char *code, const char *action,
                   const st_kv *vals, int n, st_err *errs, int max)
{
    wf_ctx c;
    st_err e;
    err_clear(&e);
    int rc = ctx_open(&c, db, who, code, action, &e), nerr = 0;
    if (!rc) {
        nerr = normalize_all(c.a, vals, n, c.val, errs, max);
        if (!nerr) {
            if (!(rc = resolve_refs(&c)) && !(rc = wf_law_check(&c)) && c.a->pre)
                rc = c.a->pre(&c);
            if (!rc && !(nerr = missing_all(c.a, c.val, c.need, errs, 0, max)) && c.a->check)
                rc = c.a->check(&c);
        } else {
            nerr = missing_all(c.a, c.val, 0, errs, nerr, max);
        }
    }
    if (rc && !nerr) {
        if (max > 0) errs[0] = e;
        nerr = 1;
    }
    ctx_free(&c);
    return nerr;
}

/* The warnings into e->msg whole lines at a time: what does not fit is
 * named, never cut inside a word or a character. */
static void notes_to_msg(const char *notes, st_err *e)
{
    size_t cap = sizeof e->msg - 80, len = strlen(notes);
    if (len < sizeof e->msg) { snprintf(e->msg, sizeof e->msg, "%s", notes); return; }
    size_t keep = 0;
    int more = 0;
    for (const char *p = notes; *p;) {
        const char *nl = strchr(p, '\n');
        size_t end = nl ? (size_t)(nl - notes) : len;
        if (end <= cap) keep = end;
        else more++;
        p = nl ? nl + 1 : notes + len;
    }
    snprintf(e->msg, sizeof e->msg, "%.*s%sLưu ý: còn %d lưu ý nữa, xem lịch sử của đề xuất",
             (int)keep, notes, keep ? "\n" : "", more);
}

int workflow_apply(st_db *db, const st_actor *who, const char *code,
                   const char *action, const st_kv *vals, int n,
                   int64_t expected_version, st_err *e)
{
    return workflow_apply_noted(db, who, code, action, vals, n, expected_version, e, NULL);
}

int workflow_apply_noted(st_db *db, const st_actor *who, const char *code,
                         const char *action, const st_kv *vals, int n,
                         int64_t expected_version, st_err *e, char **notes)
{
    if (notes) *notes = NULL;
    const wf_action *a = find_action(action, e);
    if (!a) return e->code ? e->code : ST_EINVAL;
    int rc = check_role(a, who, e);
    if (rc) return rc;
    wf_ctx c;
    memset(&c, 0, sizeof c);
    c.db = db;
    c.who = who;
    c.a = a;
    c.e = e;
    sbuf_init(&c.notes);
    /* Say "not allowed in this state" before complaining about fields the
     * action could not take anyway; checked again inside the transaction. */
    proposal_head pre;
    if ((rc = proposal_get_head(db, who, code, &pre, e)) || (rc = check_state(a, pre.state, e)))
        return rc;
    st_err first;
    err_clear(&first);
    if (normalize_all(a, vals, n, c.val, &first, 1) > 0) {
        *e = first;
        ctx_free(&c);
        return first.code ? first.code : ST_EINVAL;
    }
    if ((rc = db_begin(db, e)) == ST_OK) {
        rc = apply_in_tx(&c, code, expected_version);
        if (rc == ST_OK) rc = db_commit(db, e);
        else db_rollback(db);
    }
    /* Done with warnings: ST_OK and the warnings in e->msg ("Lưu ý: …"). */
    if (rc == ST_OK && c.notes.len) {
        notes_to_msg(sbuf_str(&c.notes), e);
        if (notes) *notes = strdup(sbuf_str(&c.notes));   /* NULL: e->msg has them */
    }
    ctx_free(&c);
    return rc;
}
