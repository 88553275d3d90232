/* The repair path of `sync verify`: a full section in a payload from the
 * hub (`sync export --to CODE --full`) with every row the office should
 * hold, taken in the same read snapshot as the entries and the digests.
 * At the office, after the entries, each row is made the hub's: inserted
 * when missing, its differing columns updated, and a row of the office's
 * subtree the hub does not hold deleted, except what this office changed
 * and the hub has not yet received (pending: it is on its way).  A row
 * the schema forbids changing (events are append-only) is counted, not
 * forced.  Applied only when the office has applied the hub's outbox
 * exactly up to the snapshot: an older full section never undoes newer
 * changes.
 * Form, integers little-endian: u64 the hub's last outbox seq, u32 table
 * count, per table its name (NUL ended), u32 column count, u64 row count,
 * then per row per column a type byte and the value (i64, f64 as its
 * bits, or u32 length and bytes; nothing for NULL). */
#include "sync_internal.h"

#include <stdlib.h>
#include <string.h>

#include "store/capture.h"

static void put_u32(sbuf *b, uint32_t v)
{
    unsigned char x[4];
    for (int i = 0; i < 4; i++) x[i] = (unsigned char)(v >> (8 * i));
    sbuf_addn(b, (const char *)x, 4);
}

static void put_u64(sbuf *b, uint64_t v)
{
    unsigned char x[8];
    for (int i = 0; i < 8; i++) x[i] = (unsigned char)(v >> (8 * i));
    sbuf_addn(b, (const char *)x, 8);
}

static int get_u32(const unsigned char **p, const unsigned char *end, uint32_t *v)
{
    if (end - *p < 4) return -1;
    *v = 0;
    for (int i = 0; i < 4; i++) *v |= (uint32_t)(*p)[i] << (8 * i);
    *p += 4;
    return 0;
}

static int get_u64(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
    if (end - *p < 8) return -1;
    *v = 0;
    for (int i = 0; i < 8; i++) *v |= (uint64_t)(*p)[i] << (8 * i);
    *p += 8;
    return 0;
}

static int table_rows(st_db *db, const char *t, const char *path, sbuf *b, st_err *e)
{
    sync_cols k;
    int rc = sync_cols_get(db, t, &k, e);
    if (rc) return rc;
    sbuf q;
    sbuf_init(&q);
    sbuf_addf(&q, "SELECT * FROM \"%s\" WHERE ", t);
    sync_digest_where(t, sync_col_index(&k, "proposal_id") >= 0, &q);
    sbuf_add(&q, " ORDER BY 1");
    sqlite3_stmt *st;
    rc = db_prepare(db, sbuf_str(&q), &st, e);
    sbuf_free(&q);
    if (rc) return rc;
    if (sqlite3_bind_parameter_count(st) > 0) sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
    sbuf rows;
    sbuf_init(&rows);
    uint64_t n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        n++;
        for (int i = 0; i < k.n; i++) {
            unsigned char ty = (unsigned char)sqlite3_column_type(st, i);
            sbuf_addn(&rows, (const char *)&ty, 1);
            if (ty == SQLITE_INTEGER) {
                put_u64(&rows, (uint64_t)sqlite3_column_int64(st, i));
            } else if (ty == SQLITE_FLOAT) {
                double d = sqlite3_column_double(st, i);
                uint64_t u;
                memcpy(&u, &d, 8);
                put_u64(&rows, u);
            } else if (ty != SQLITE_NULL) {
                const void *v = ty == SQLITE_BLOB ? sqlite3_column_blob(st, i)
                                                  : (const void *)sqlite3_column_text(st, i);
                uint32_t len = (uint32_t)sqlite3_column_bytes(st, i);
                put_u32(&rows, len);
                if (len) sbuf_addn(&rows, v, len);
            }
        }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) { sbuf_free(&rows); return db_fail(db, e, "đọc để gửi đầy đủ"); }
    sbuf_addn(b, t, strlen(t) + 1);
    put_u32(b, (uint32_t)k.n);
    put_u64(b, n);
    sbuf_addn(b, rows.s ? rows.s : "", rows.len);
    int oom = rows.oom;
    sbuf_free(&rows);
    return oom ? err_set(e, ST_ENOMEM, "hết bộ nhớ") : ST_OK;
}

int sync_full_build(st_db *db, const char *path, sbuf *b, st_err *e)
{
    sqlite3_stmt *st;
    int rc = db_prepare(db, "SELECT coalesce(max(seq), 0) FROM sync_outbox", &st, e);
    if (rc) return rc;
    int64_t upto = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    int n;
    const char *const *t = capture_synced_tables(&n);
    put_u64(b, (uint64_t)upto);
    put_u32(b, (uint32_t)strlen(path));
    sbuf_addn(b, path, strlen(path));
    put_u32(b, (uint32_t)n);
    for (int i = 0; i < n && !rc; i++) rc = table_rows(db, t[i], path, b, e);
    if (!rc && b->oom) rc = err_set(e, ST_ENOMEM, "hết bộ nhớ");
    return rc;
}

/* ---- office side ------------------------------------------------------------ */

typedef struct fval {
    int type;
    int64_t i;
    double d;
    const unsigned char *p;
    uint32_t n;
} fval;

static int get_val(const unsigned char **p, const unsigned char *end, fval *v)
{
    if (end - *p < 1) return -1;
    memset(v, 0, sizeof *v);
    v->type = *(*p)++;
    uint64_t u;
    switch (v->type) {
    case SQLITE_NULL: return 0;
    case SQLITE_INTEGER:
        if (get_u64(p, end, &u)) return -1;
        v->i = (int64_t)u;
        return 0;
    case SQLITE_FLOAT:
        if (get_u64(p, end, &u)) return -1;
        memcpy(&v->d, &u, 8);
        return 0;
    case SQLITE_TEXT:
    case SQLITE_BLOB:
        if (get_u32(p, end, &v->n) || (size_t)(end - *p) < v->n) return -1;
        v->p = *p;
        *p += v->n;
        return 0;
    default: return -1;
    }
}

static void bind_val(sqlite3_stmt *st, int i, const fval *v)
{
    switch (v->type) {
    case SQLITE_INTEGER: sqlite3_bind_int64(st, i, v->i); break;
    case SQLITE_FLOAT: sqlite3_bind_double(st, i, v->d); break;
    case SQLITE_TEXT: sqlite3_bind_text(st, i, (const char *)v->p, (int)v->n, SQLITE_STATIC); break;
    case SQLITE_BLOB: sqlite3_bind_blob(st, i, v->n ? (const void *)v->p : "", (int)v->n,
                                        SQLITE_STATIC); break;
    default: sqlite3_bind_null(st, i);
    }
}

static int val_eq(sqlite3_stmt *st, int i, const fval *v)
{
    int t = sqlite3_column_type(st, i);
    if (t != v->type) return 0;
    switch (t) {
    case SQLITE_NULL: return 1;
    case SQLITE_INTEGER: return sqlite3_column_int64(st, i) == v->i;
    case SQLITE_FLOAT: return sqlite3_column_double(st, i) == v->d;
    default: {
        const void *p = t == SQLITE_BLOB ? sqlite3_column_blob(st, i)
                                         : (const void *)sqlite3_column_text(st, i);
        return (uint32_t)sqlite3_column_bytes(st, i) == v->n &&
               (v->n == 0 || memcmp(p, v->p, v->n) == 0);
    }
    }
}

typedef struct fx {
    st_db *db;
    const sync_pending *pend;
    sync_result *r;
    const char *path;
} fx;

/* A row's key as text (the pending list's form): malloc'd. */
static char *key_text(const fval *v)
{
    char buf[32];
    if (v->type == SQLITE_INTEGER) {
        snprintf(buf, sizeof buf, "%lld", (long long)v->i);
        return strdup(buf);
    }
    char *s = malloc((size_t)v->n + 1);
    if (s) {
        if (v->n) memcpy(s, v->p, v->n);
        s[v->n] = '\0';
    }
    return s;
}

static void note_row(fx *x, const char *t, const char *key, const char *what)
{
    if (x->r->repaired < SYNC_REPAIR_NAMES)
        snprintf(x->r->repaired_rows[x->r->repaired], sizeof x->r->repaired_rows[0],
                 "%s %s: %s", t, key, what);
    x->r->repaired++;
}

static int pending_row(const fx *x, const char *t, const char *key, const sync_cols *k)
{
    for (int i = 1; i < k->n; i++)
        if (sync_pending_has_key(x->pend, t, key, k->name[i])) return 1;
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* One row of the hub: insert, or update its differing columns. */
static int fix_row(fx *x, const sync_cols *k, const fval *v, const char *id, st_err *e)
{
    const char *t = k->table;
    char q[256];
    snprintf(q, sizeof q, "SELECT * FROM \"%s\" WHERE \"%s\" = ?1", t, k->name[0]);
    sqlite3_stmt *st;
    int rc = db_prepare(x->db, q, &st, e);
    if (rc) return rc;
    bind_val(st, 1, &v[0]);
    sbuf u;
    sbuf_init(&u);
    int nc = 0, found = 0;
    if (sqlite3_step(st) == SQLITE_ROW) {
        found = 1;
        for (int i = 1; i < k->n; i++) {
            if (sync_col_derived(t, k->name[i]) || val_eq(st, i, &v[i])) continue;
            if (sync_pending_has_key(x->pend, t, id, k->name[i])) continue;
            sbuf_addf(&u, "%s\"%s\" = ?%d", nc ? ", " : "", k->name[i], i + 1);
            nc++;
        }
    }
    sqlite3_finalize(st);
    if (found && !nc) { sbuf_free(&u); return ST_OK; }
    sbuf s;
    sbuf_init(&s);
    if (found) {
        sbuf_addf(&s, "UPDATE \"%s\" SET %s WHERE \"%s\" = ?1", t, sbuf_str(&u), k->name[0]);
    } else {
        sbuf_addf(&s, "INSERT INTO \"%s\"(", t);
        int first = 1;
        for (int i = 0; i < k->n; i++)
            if (!sync_col_derived(t, k->name[i])) {
                sbuf_addf(&s, "%s\"%s\"", first ? "" : ", ", k->name[i]);
                first = 0;
            }
        sbuf_add(&s, ") VALUES (");
        first = 1;
        for (int i = 0; i < k->n; i++)
            if (!sync_col_derived(t, k->name[i])) {
                sbuf_addf(&s, "%s?%d", first ? "" : ", ", i + 1);
                first = 0;
            }
        sbuf_add(&s, ")");
    }
    sbuf_free(&u);
    rc = db_prepare(x->db, sbuf_str(&s), &st, e);
    sbuf_free(&s);
    if (rc) return rc;
    for (int i = 0; i < k->n; i++) bind_val(st, i + 1, &v[i]);
    int ok = sqlite3_step(st) == SQLITE_DONE;
    sqlite3_finalize(st);
    if (ok) note_row(x, t, id, found ? "sửa" : "thêm");
    else x->r->unrepaired++;   /* refused by the schema (append-only events) */
    return ST_OK;
}

/* Rows of the office's subtree the hub does not hold. */
static int drop_extra(fx *x, const sync_cols *k, char **ids, size_t nids, st_err *e)
{
    const char *t = k->table;
    if (nids > 1) qsort(ids, nids, sizeof *ids, cmp_str);
    sbuf q;
    sbuf_init(&q);
    sbuf_addf(&q, "SELECT \"%s\" FROM \"%s\" WHERE ", k->name[0], t);
    sync_digest_where(t, sync_col_index(k, "proposal_id") >= 0, &q);
    sqlite3_stmt *st;
    int rc = db_prepare(x->db, sbuf_str(&q), &st, e);
    sbuf_free(&q);
    if (rc) return rc;
    if (sqlite3_bind_parameter_count(st) > 0) sqlite3_bind_text(st, 1, x->path, -1, SQLITE_STATIC);
    char **extra = NULL;
    int *isint = NULL;
    size_t n = 0, cap = 0;
    while (!rc && sqlite3_step(st) == SQLITE_ROW) {
        const char *id = db_col_text(st, 0);
        if ((nids && bsearch(&id, ids, nids, sizeof *ids, cmp_str)) || pending_row(x, t, id, k)) continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 16;
            char **ne = realloc(extra, cap * sizeof *ne);
            if (ne) extra = ne;
            int *ni = realloc(isint, cap * sizeof *ni);
            if (ni) isint = ni;
            if (!ne || !ni) { rc = err_set(e, ST_ENOMEM, "hết bộ nhớ"); break; }
        }
        isint[n] = sqlite3_column_type(st, 0) == SQLITE_INTEGER;
        if (!(extra[n++] = strdup(id))) rc = err_set(e, ST_ENOMEM, "hết bộ nhớ");
    }
    sqlite3_finalize(st);
    char d[200];
    snprintf(d, sizeof d, "DELETE FROM \"%s\" WHERE \"%s\" = ?1", t, k->name[0]);
    for (size_t i = 0; !rc && i < n; i++) {
        if ((rc = db_prepare(x->db, d, &st, e))) break;
        if (isint[i]) sqlite3_bind_int64(st, 1, strtoll(extra[i], NULL, 10));
        else sqlite3_bind_text(st, 1, extra[i], -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_DONE) note_row(x, t, extra[i], "xóa");
        else x->r->unrepaired++;
        sqlite3_finalize(st);
    }
    for (size_t i = 0; i < n; i++) free(extra[i]);
    free(extra);
    free(isint);
    return rc;
}

int sync_full_apply(st_db *db, const unsigned char *p, size_t n, int64_t received,
                    const sync_pending *pend, sync_result *r, st_err *e)
{
    const unsigned char *end = p + n;
    uint64_t upto;
    uint32_t ntab;
    uint32_t plen;
    char path[256];
    if (get_u64(&p, end, &upto) || get_u32(&p, end, &plen) || plen >= sizeof path ||
        (size_t)(end - p) < plen)
        goto bad;
    memcpy(path, p, plen);
    path[plen] = '\0';
    p += plen;
    if (get_u32(&p, end, &ntab)) goto bad;
    if ((int64_t)upto != received) {
        r->full_skipped = 1;   /* older (or ahead of a gap): never undo newer changes */
        return ST_OK;
    }
    fx x = {db, pend, r, path};
    int rc = ST_OK;
    for (uint32_t ti = 0; !rc && ti < ntab; ti++) {
        const unsigned char *z = memchr(p, 0, (size_t)(end - p));
        if (!z) goto bad;
        const char *t = (const char *)p;
        p = z + 1;
        uint32_t ncol;
        uint64_t nrows;
        if (get_u32(&p, end, &ncol) || get_u64(&p, end, &nrows) || ncol == 0 || ncol > 64 ||
            nrows > (uint64_t)(end - p))
            goto bad;
        sync_cols k;
        if (sync_table_synced(t) != 1) goto bad;
        if ((rc = sync_cols_get(db, t, &k, e))) return rc;
        if ((uint32_t)k.n != ncol) goto bad;
        char **ids = nrows ? calloc((size_t)nrows, sizeof *ids) : NULL;
        if (nrows && !ids) return err_set(e, ST_ENOMEM, "hết bộ nhớ");
        fval v[64];
        int broken = 0;
        uint64_t ri;
        for (ri = 0; !rc && ri < nrows; ri++) {
            for (uint32_t c = 0; c < ncol && !broken; c++) broken = get_val(&p, end, &v[c]) != 0;
            if (broken) break;
            if (!(ids[ri] = key_text(&v[0]))) { rc = err_set(e, ST_ENOMEM, "hết bộ nhớ"); break; }
            rc = fix_row(&x, &k, v, ids[ri], e);
        }
        if (!rc && !broken) rc = drop_extra(&x, &k, ids, (size_t)ri, e);
        for (uint64_t i = 0; i < nrows; i++) free(ids[i]);
        free(ids);
        if (broken) goto bad;
    }
    if (!rc && p != end) goto bad;
    r->full_applied = !rc;
    return rc;
bad:
    return err_set(e, ST_EINVAL, "phần gửi đầy đủ trong tệp bị hỏng");
}
