/* Applying one captured transaction from another site (sync.h), column by
 * column, in the caller's transaction.  For each changed column of a row:
 * our value equal to the sender's old one → take the new one; equal to the
 * new one → nothing to do; else both sites changed it:
 *  - at the hub, the last change to arrive wins (the hub's order of
 *    arrival is the one order every site then follows), and the value it
 *    replaces is kept in a conflict record (sync_conflicts); version is
 *    bumped past both, updated_at takes the later;
 *  - at an office, the hub's value wins unless this office's own change of
 *    that column has not yet been acknowledged (pending): it is on its way
 *    and the hub will decide.
 * A proposal's state is checked at the hub: the office's move (its event's
 * action) must be allowed by the workflow table from the hub's current
 * state; otherwise the row's change is not applied, a workflow conflict is
 * recorded, and a correction (the office's values → the hub's) is captured
 * so that the office comes back to the hub's row.  Events are append-only:
 * an event already here is never touched. */
#include "sync_internal.h"

#include <stdlib.h>
#include <string.h>

#include "flow/workflow.h"

struct sync_pending {
    char **keys;
    size_t n, cap;
};

typedef struct ev_move {
    int64_t proposal_id;
    char action[32];
    char to_state[32];
} ev_move;

typedef struct ctx {
    st_db *db;
    int is_hub, my_site, from_site;
    int64_t seq;
    const sync_pending *pend;
    int *conflicts;
    sync_cols *cols;        /* cache, one per table met */
    int ncols;
    ev_move *moves;         /* the events this changeset inserts (hub) */
    int nmoves;
} ctx;

/* ---- pending (office) ---------------------------------------------------- */

static char *pend_key(const char *t, sqlite3_value *pk, const char *col)
{
    const unsigned char *k = pk ? sqlite3_value_text(pk) : NULL;
    size_t n = strlen(t) + strlen(col) + (k ? strlen((const char *)k) : 0) + 3;
    char *s = malloc(n);
    if (s) snprintf(s, n, "%s\x1f%s\x1f%s", t, k ? (const char *)k : "", col);
    return s;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int pending_has(const sync_pending *p, const char *t, sqlite3_value *pk, const char *col)
{
    if (!p || !p->n) return 0;
    char *k = pend_key(t, pk, col);
    if (!k) return 0;
    int found = p->n && bsearch(&k, p->keys, p->n, sizeof *p->keys, cmp_str) != NULL;
    free(k);
    return found;
}

int sync_pending_has_key(const sync_pending *p, const char *table, const char *key,
                         const char *col)
{
    if (!p || !p->n) return 0;
    char k[400];
    snprintf(k, sizeof k, "%s\x1f%s\x1f%s", table, key, col);
    const char *kp = k;
    return p->n && bsearch(&kp, p->keys, p->n, sizeof *p->keys, cmp_str) != NULL;
}

static int pend_add(sync_pending *p, char *k)
{
    if (!k) return -1;
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 64;
        char **nk = realloc(p->keys, cap * sizeof *nk);
        if (!nk) { free(k); return -1; }
        p->keys = nk;
        p->cap = cap;
    }
    p->keys[p->n++] = k;
    return 0;
}

void sync_pending_free(sync_pending **pp)
{
    if (!pp || !*pp) return;
    for (size_t i = 0; i < (*pp)->n; i++) free((*pp)->keys[i]);
    free((*pp)->keys);
    free(*pp);
    *pp = NULL;
}

static int pend_changeset(st_db *db, sync_pending *p, const void *cs, int n)
{
    sqlite3_changeset_iter *it;
    if (sqlite3changeset_start(&it, n, (void *)cs) != SQLITE_OK) return -1;
    int bad = 0;
    sync_cols c;
    c.table[0] = '\0';
    while (!bad && sqlite3changeset_next(it) == SQLITE_ROW) {
        const char *t;
        int ncol, op, ind;
        unsigned char *pk;
        sqlite3changeset_op(it, &t, &ncol, &op, &ind);
        sqlite3changeset_pk(it, &pk, &ncol);
        if (strcmp(c.table, t) != 0 && sync_cols_get(db, t, &c, NULL) != ST_OK) continue;
        sqlite3_value *pkv = NULL;
        for (int i = 0; i < ncol && !pkv; i++)
            if (pk[i]) {
                if (op == SQLITE_INSERT) sqlite3changeset_new(it, i, &pkv);
                else sqlite3changeset_old(it, i, &pkv);
            }
        for (int i = 0; i < ncol && i < c.n && op != SQLITE_DELETE; i++) {
            sqlite3_value *v = NULL;
            if (pk[i] || sqlite3changeset_new(it, i, &v) != SQLITE_OK || !v) continue;
            if (pend_add(p, pend_key(t, pkv, c.name[i])) < 0) bad = 1;
        }
    }
    sqlite3changeset_finalize(it);
    return bad ? -1 : 0;
}

int sync_pending_load(st_db *db, int64_t acked, sync_pending **out, st_err *e)
{
    *out = NULL;
    sync_pending *p = calloc(1, sizeof *p);
    if (!p) return err_set(e, ST_ENOMEM, "hết bộ nhớ");
    sqlite3_stmt *st;
    int rc = db_prepare(db, "SELECT changeset FROM sync_outbox WHERE seq > ?1 AND origin = 0 "
                        "ORDER BY seq", &st, e);
    if (rc) { free(p); return rc; }
    sqlite3_bind_int64(st, 1, acked);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (pend_changeset(db, p, sqlite3_column_blob(st, 0), sqlite3_column_bytes(st, 0)) < 0) {
            sqlite3_finalize(st);
            sync_pending_free(&p);
            return err_set(e, ST_ENOMEM, "đọc các thay đổi chưa gửi thất bại");
        }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) { sync_pending_free(&p); return db_fail(db, e, "đọc hộp thư đi"); }
    if (p->n) qsort(p->keys, p->n, sizeof *p->keys, cmp_str);
    *out = p;
    return ST_OK;
}

/* ---- helpers ------------------------------------------------------------- */

static const sync_cols *cols_for(ctx *c, const char *t, int ncol, st_err *e)
{
    for (int i = 0; i < c->ncols; i++)
        if (strcmp(c->cols[i].table, t) == 0) return &c->cols[i];
    sync_cols *nc = realloc(c->cols, (size_t)(c->ncols + 1) * sizeof *nc);
    if (!nc) { err_set(e, ST_ENOMEM, "hết bộ nhớ"); return NULL; }
    c->cols = nc;
    if (sync_table_synced(t) != 1) {
        err_set(e, ST_EINVAL, "thay đổi cho bảng %s không được đồng bộ: không nhận", t);
        return NULL;
    }
    if (sync_cols_get(c->db, t, &c->cols[c->ncols], e)) return NULL;
    /* Fewer columns: written by an older version (or captured before this
     * site's migration); a migration only appends columns to a synced
     * table (docs/DESIGN-NOTES.md), so they are the first ones. More: the
     * sender is newer, which the bundle's schema version refuses first. */
    if (c->cols[c->ncols].n < ncol) {
        err_set(e, ST_EINVAL, "bảng %s có %d cột ở đây nhưng %d cột ở nơi gửi: nơi gửi dùng "
                "bản sangtao mới hơn, hãy nâng cấp chương trình ở đây", t,
                c->cols[c->ncols].n, ncol);
        return NULL;
    }
    return &c->cols[c->ncols++];
}

static void free_vals(sqlite3_value **v, int n)
{
    for (int i = 0; i < n; i++) sqlite3_value_free(v[i]);
    free(v);
}

/* The current row (values duplicated), or *row = NULL when absent. */
static int load_row(ctx *c, const sync_cols *k, const unsigned char *pk, sqlite3_value **pkv,
                    sqlite3_value ***row, st_err *e)
{
    *row = NULL;
    sbuf q;
    sbuf_init(&q);
    sbuf_addf(&q, "SELECT * FROM \"%s\" WHERE ", k->table);
    int nb = 0;
    for (int i = 0; i < k->n; i++)
        if (pk[i]) {
            sbuf_addf(&q, "%s\"%s\" = ?%d", nb ? " AND " : "", k->name[i], nb + 1);
            nb++;
        }
    sqlite3_stmt *st;
    int rc = db_prepare(c->db, sbuf_str(&q), &st, e);
    sbuf_free(&q);
    if (rc) return rc;
    nb = 0;
    for (int i = 0; i < k->n; i++)
        if (pk[i]) sqlite3_bind_value(st, ++nb, pkv[i]);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        sqlite3_value **v = calloc((size_t)k->n, sizeof *v);
        for (int i = 0; v && i < k->n; i++) v[i] = sqlite3_value_dup(sqlite3_column_value(st, i));
        *row = v;
        rc = v ? SQLITE_DONE : SQLITE_NOMEM;
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_NOMEM) return err_set(e, ST_ENOMEM, "hết bộ nhớ");
    if (rc != SQLITE_DONE) return db_fail(c->db, e, "đọc dòng để áp dụng thay đổi");
    return ST_OK;
}

/* UPDATE table SET the columns with set[i] != NULL WHERE primary key. */
static int write_update(ctx *c, const sync_cols *k, const unsigned char *pk,
                        sqlite3_value **pkv, sqlite3_value **set, st_err *e)
{
    sbuf q;
    sbuf_init(&q);
    sbuf_addf(&q, "UPDATE \"%s\" SET ", k->table);
    int nb = 0;
    for (int i = 0; i < k->n; i++)
        if (set[i]) {
            sbuf_addf(&q, "%s\"%s\" = ?%d", nb ? ", " : "", k->name[i], nb + 1);
            nb++;
        }
    if (nb == 0) { sbuf_free(&q); return ST_OK; }
    sbuf_add(&q, " WHERE ");
    int first = 1;
    for (int i = 0; i < k->n; i++)
        if (pk[i]) {
            sbuf_addf(&q, "%s\"%s\" = ?%d", first ? "" : " AND ", k->name[i], nb + 1);
            nb++;
            first = 0;
        }
    sqlite3_stmt *st;
    int rc = db_prepare(c->db, sbuf_str(&q), &st, e);
    sbuf_free(&q);
    if (rc) return rc;
    nb = 0;
    for (int i = 0; i < k->n; i++)
        if (set[i]) sqlite3_bind_value(st, ++nb, set[i]);
    for (int i = 0; i < k->n; i++)
        if (pk[i]) sqlite3_bind_value(st, ++nb, pkv[i]);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? ST_OK : db_fail(c->db, e, "áp dụng thay đổi");
}

static int write_insert(ctx *c, const sync_cols *k, sqlite3_value **nv, st_err *e)
{
    sbuf q;
    sbuf_init(&q);
    sbuf_addf(&q, "INSERT INTO \"%s\" (", k->table);
    for (int i = 0; i < k->n; i++) sbuf_addf(&q, "%s\"%s\"", i ? ", " : "", k->name[i]);
    sbuf_add(&q, ") VALUES (");
    for (int i = 0; i < k->n; i++) sbuf_addf(&q, "%s?%d", i ? ", " : "", i + 1);
    sbuf_add(&q, ")");
    sqlite3_stmt *st;
    int rc = db_prepare(c->db, sbuf_str(&q), &st, e);
    sbuf_free(&q);
    if (rc) return rc;
    for (int i = 0; i < k->n; i++) sqlite3_bind_value(st, i + 1, nv[i]);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? ST_OK : db_fail(c->db, e, "thêm dòng từ nơi khác");
}

static int write_delete(ctx *c, const sync_cols *k, const unsigned char *pk,
                        sqlite3_value **pkv, st_err *e)
{
    sbuf q;
    sbuf_init(&q);
    sbuf_addf(&q, "DELETE FROM \"%s\" WHERE ", k->table);
    int nb = 0;
    for (int i = 0; i < k->n; i++)
        if (pk[i]) {
            sbuf_addf(&q, "%s\"%s\" = ?%d", nb ? " AND " : "", k->name[i], nb + 1);
            nb++;
        }
    sqlite3_stmt *st;
    int rc = db_prepare(c->db, sbuf_str(&q), &st, e);
    sbuf_free(&q);
    if (rc) return rc;
    nb = 0;
    for (int i = 0; i < k->n; i++)
        if (pk[i]) sqlite3_bind_value(st, ++nb, pkv[i]);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? ST_OK : db_fail(c->db, e, "xóa dòng theo nơi khác");
}

static int record_conflict(ctx *c, const char *kind, const sync_cols *k, sqlite3_value **cur,
                           sqlite3_value *pkv, int col, sqlite3_value *kept, int kept_site,
                           sqlite3_value *lost, int lost_site, const char *detail, st_err *e)
{
    int pcol = sync_col_index(k, "proposal_id");
    int64_t pid = strcmp(k->table, "proposals") == 0 ? sqlite3_value_int64(pkv)
                : pcol >= 0 && cur && sqlite3_value_type(cur[pcol]) != SQLITE_NULL
                ? sqlite3_value_int64(cur[pcol]) : 0;
    char *kv = cs_value_text(kept), *lv = cs_value_text(lost);
    char now[32];
    db_now(now);
    sqlite3_stmt *st;
    int rc = db_prepare(c->db,
        "INSERT INTO sync_conflicts(id, kind, tbl, row_id, col, proposal_id, kept_value, "
        "kept_site, lost_value, lost_site, lost_seq, detail, created_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)", &st, e);
    if (!rc) {
        sqlite3_bind_int64(st, 1, db_new_id(c->db, "sync_conflicts"));
        sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, k->table, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, sqlite3_value_int64(pkv));
        sqlite3_bind_text(st, 5, k->name[col], -1, SQLITE_STATIC);
        if (pid) sqlite3_bind_int64(st, 6, pid);
        if (kv) sqlite3_bind_text(st, 7, kv, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 8, kept_site);
        if (lv) sqlite3_bind_text(st, 9, lv, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 10, lost_site);
        sqlite3_bind_int64(st, 11, c->seq);
        sqlite3_bind_text(st, 12, detail, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 13, now, -1, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : db_fail(c->db, e, "ghi xung đột");
        sqlite3_finalize(st);
    }
    free(kv);
    free(lv);
    if (!rc) (*c->conflicts)++;
    return rc;
}

/* ---- the workflow check (hub) --------------------------------------------- */

static int collect_moves(ctx *c, const unsigned char *cs, size_t n, st_err *e)
{
    sqlite3_changeset_iter *it;
    if (sqlite3changeset_start(&it, (int)n, (void *)cs) != SQLITE_OK)
        return err_set(e, ST_EINVAL, "thay đổi nhận được bị hỏng");
    sync_cols k;
    int have = 0, rc = ST_OK;
    while (!rc && sqlite3changeset_next(it) == SQLITE_ROW) {
        const char *t;
        int ncol, op, ind;
        sqlite3changeset_op(it, &t, &ncol, &op, &ind);
        if (op != SQLITE_INSERT || strcmp(t, "events") != 0) continue;
        if (!have && (rc = sync_cols_get(c->db, "events", &k, e))) break;
        have = 1;
        int ip = sync_col_index(&k, "proposal_id"), ia = sync_col_index(&k, "action"),
            it2 = sync_col_index(&k, "to_state");
        sqlite3_value *p = NULL, *a = NULL, *s = NULL;
        if (ip < 0 || ia < 0 || it2 < 0 || ip >= ncol || ia >= ncol || it2 >= ncol) continue;
        sqlite3changeset_new(it, ip, &p);
        sqlite3changeset_new(it, ia, &a);
        sqlite3changeset_new(it, it2, &s);
        if (!p || !a || !s || sqlite3_value_type(s) == SQLITE_NULL) continue;
        ev_move *nm = realloc(c->moves, (size_t)(c->nmoves + 1) * sizeof *nm);
        if (!nm) { rc = err_set(e, ST_ENOMEM, "hết bộ nhớ"); break; }
        c->moves = nm;
        ev_move *m = &c->moves[c->nmoves++];
        m->proposal_id = sqlite3_value_int64(p);
        snprintf(m->action, sizeof m->action, "%s", (const char *)sqlite3_value_text(a));
        snprintf(m->to_state, sizeof m->to_state, "%s", (const char *)sqlite3_value_text(s));
    }
    sqlite3changeset_finalize(it);
    return rc;
}

/* May the office's move of proposal id to state `to` be made from the
 * hub's state `cur`?  The action is the one of the event recorded with it. */
static int move_allowed(const ctx *c, int64_t id, const char *cur, const char *to,
                        const char **action)
{
    *action = "";
    for (int i = 0; i < c->nmoves; i++) {
        const ev_move *m = &c->moves[i];
        if (m->proposal_id != id || strcmp(m->to_state, to) != 0) continue;
        *action = m->action;
        const wf_action *a = wf_action_find(m->action);
        int from = wf_state_parse(cur);
        if (a && from >= 0 && wf_action_from(a, from) && wf_action_to(a) == wf_state_parse(to))
            return 1;
    }
    return 0;
}

/* ---- one change ------------------------------------------------------------ */

static sqlite3_value *int_value(ctx *c, int64_t v)
{
    sqlite3_stmt *st;
    sqlite3_value *out = NULL;
    if (sqlite3_prepare_v2(db_h(c->db), "SELECT ?1", -1, &st, NULL) != SQLITE_OK) return NULL;
    sqlite3_bind_int64(st, 1, v);
    if (sqlite3_step(st) == SQLITE_ROW) out = sqlite3_value_dup(sqlite3_column_value(st, 0));
    sqlite3_finalize(st);
    return out;
}

/* The office's move is refused: the row stays as the hub has it, and the
 * office, which holds its own values, is brought back by a correction:
 * written uncaptured to the office's values, then captured back to ours. */
static int refuse_move(ctx *c, const sync_cols *k, const unsigned char *pk, sqlite3_value **pkv,
                       int pk0, sqlite3_value **cur, sqlite3_value **newv, int scol,
                       const char *action, st_err *e)
{
    char detail[160];
    snprintf(detail, sizeof detail, "%s: không áp dụng được từ trạng thái ở tỉnh",
             *action ? action : "?");
    int rc = record_conflict(c, "workflow", k, cur, pkv[pk0], scol, cur[scol],
                             c->my_site, newv[scol], c->from_site, detail, e);
    if (rc) return rc;
    sqlite3_value **theirs = calloc((size_t)k->n, sizeof *theirs);
    sqlite3_value **ours = calloc((size_t)k->n, sizeof *ours);
    if (!theirs || !ours) { free(theirs); free(ours); return err_set(e, ST_ENOMEM, "hết bộ nhớ"); }
    for (int i = 0; i < k->n; i++)
        if (!pk[i] && newv[i] && !sync_col_derived(k->table, k->name[i]) &&
            !cs_value_eq(newv[i], cur[i])) {
            theirs[i] = newv[i];
            ours[i] = cur[i];
        }
    db_capture_enable(c->db, 0);
    rc = write_update(c, k, pk, pkv, theirs, e);
    db_capture_enable(c->db, 1);
    if (!rc) rc = write_update(c, k, pk, pkv, ours, e);
    free(theirs);
    free(ours);
    return rc;
}

static int apply_change(ctx *c, sqlite3_changeset_iter *it, st_err *e)
{
    const char *t;
    int ncol, op, ind;
    unsigned char *pk;
    sqlite3changeset_op(it, &t, &ncol, &op, &ind);
    sqlite3changeset_pk(it, &pk, &ncol);
    const sync_cols *k = cols_for(c, t, ncol, e);
    if (!k) return e->code ? e->code : ST_EINVAL;
    /* A change of an older version: its columns only; those added since
     * keep their value (their default on an insert). */
    sync_cols *older = NULL;
    if (ncol < k->n) {
        if (!(older = malloc(sizeof *older))) return err_set(e, ST_ENOMEM, "hết bộ nhớ");
        *older = *k;
        older->n = ncol;
        k = older;
    }
    sqlite3_value **oldv = calloc((size_t)ncol, sizeof *oldv);
    sqlite3_value **newv = calloc((size_t)ncol, sizeof *newv);
    sqlite3_value **pkv = calloc((size_t)ncol, sizeof *pkv);
    sqlite3_value **set = calloc((size_t)ncol, sizeof *set);
    sqlite3_value **made = calloc((size_t)ncol, sizeof *made);   /* values we own */
    sqlite3_value **cur = NULL;
    int rc = ST_OK;
    if (!oldv || !newv || !pkv || !set || !made) { rc = err_set(e, ST_ENOMEM, "hết bộ nhớ"); goto out; }
    for (int i = 0; i < ncol; i++) {
        if (op != SQLITE_INSERT) sqlite3changeset_old(it, i, &oldv[i]);
        if (op != SQLITE_DELETE) sqlite3changeset_new(it, i, &newv[i]);
        if (pk[i]) pkv[i] = op == SQLITE_INSERT ? newv[i] : oldv[i];
    }
    if ((rc = load_row(c, k, pk, pkv, &cur, e))) goto out;
    int events = strcmp(t, "events") == 0;
    if (op == SQLITE_DELETE) {
        if (cur && !events) rc = write_delete(c, k, pk, pkv, e);
        goto out;
    }
    if (!cur) {
        /* An update of a row this site does not hold (outside its subtree
         * when sent, or gone): nothing to apply; verify names it. */
        if (op == SQLITE_INSERT) rc = write_insert(c, k, newv, e);
        goto out;
    }
    if (events) goto out;    /* append-only: the union is kept, never rewritten */
    int pk0 = 0;
    while (pk0 < ncol && !pk[pk0]) pk0++;
    /* The state is not merged like a field: the workflow check below. */
    int scol = strcmp(t, "proposals") == 0 ? sync_col_index(k, "state") : -1;
    for (int i = 0; i < ncol; i++) {
        if (pk[i] || !newv[i] || sync_col_derived(t, k->name[i])) continue;
        if (cs_value_eq(cur[i], newv[i])) continue;
        if (op == SQLITE_UPDATE && cs_value_eq(cur[i], oldv[i])) { set[i] = newv[i]; continue; }
        /* Both sites changed this column (or an insert met a row here). */
        if (!c->is_hub) {
            if (!pending_has(c->pend, t, pkv[pk0], k->name[i])) set[i] = newv[i];
            continue;
        }
        if (strcmp(k->name[i], "version") == 0) {
            int64_t a = sqlite3_value_int64(cur[i]), b = sqlite3_value_int64(newv[i]);
            set[i] = made[i] = int_value(c, (a > b ? a : b) + 1);
            if (!set[i]) { rc = err_set(e, ST_ENOMEM, "hết bộ nhớ"); goto out; }
        } else if (strcmp(k->name[i], "updated_at") == 0) {
            const char *a = (const char *)sqlite3_value_text(cur[i]);
            const char *b = (const char *)sqlite3_value_text(newv[i]);
            if (!a || (b && strcmp(b, a) > 0)) set[i] = newv[i];
        } else {
            set[i] = newv[i];
            if (op == SQLITE_UPDATE && i != scol &&
                (rc = record_conflict(c, "field", k, cur, pkv[pk0], i, newv[i], c->from_site,
                                      cur[i], c->my_site, "", e))) goto out;
        }
    }
    if (c->is_hub && scol >= 0 && set[scol] && op == SQLITE_UPDATE &&
        !cs_value_eq(cur[scol], oldv[scol])) {
        const char *action;
        if (!move_allowed(c, sqlite3_value_int64(pkv[pk0]),
                          (const char *)sqlite3_value_text(cur[scol]),
                          (const char *)sqlite3_value_text(newv[scol]), &action)) {
            rc = refuse_move(c, k, pk, pkv, pk0, cur, newv, scol, action, e);
            goto out;
        }
    }
    rc = write_update(c, k, pk, pkv, set, e);
out:
    if (cur) free_vals(cur, ncol);
    if (made) for (int i = 0; i < ncol; i++) sqlite3_value_free(made[i]);
    free(made);
    free(set);
    free(pkv);
    free(newv);
    free(oldv);
    free(older);
    return rc;
}

int sync_apply_changeset(st_db *db, int is_hub, int my_site, int from_site, int64_t seq,
                         const unsigned char *cs, size_t n, const sync_pending *pending,
                         int *conflicts, st_err *e)
{
    if (n == 0) return ST_OK;
    ctx c;
    memset(&c, 0, sizeof c);
    c.db = db;
    c.is_hub = is_hub;
    c.my_site = my_site;
    c.from_site = from_site;
    c.seq = seq;
    c.pend = pending;
    c.conflicts = conflicts;
    int rc = is_hub ? collect_moves(&c, cs, n, e) : ST_OK;
    sqlite3_changeset_iter *it = NULL;
    if (!rc && sqlite3changeset_start(&it, (int)n, (void *)cs) != SQLITE_OK)
        rc = err_set(e, ST_EINVAL, "thay đổi nhận được bị hỏng");
    int step = SQLITE_DONE;
    while (!rc && (step = sqlite3changeset_next(it)) == SQLITE_ROW)
        rc = apply_change(&c, it, e);
    if (!rc && step != SQLITE_DONE)
        rc = err_set(e, ST_EINVAL, "thay đổi nhận được bị hỏng (%s)", sqlite3_errstr(step));
    if (it) sqlite3changeset_finalize(it);
    free(c.cols);
    free(c.moves);
    return rc;
}
