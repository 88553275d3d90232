/* Digests of what an office should hold (hub side, filtered to its
 * subtree exactly as sync_filter.c does) and of what it holds (office
 * side, the same queries), compared by `sync verify`.  Form: u32 length and
 * the subtree path, u32 table count, then per table its name (NUL ended),
 * u64 row count and a 32-byte BLAKE2b of every row, in key order, column
 * by column (type and bytes). */
#include "sync_internal.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "store/capture.h"

static const char *const everywhere[] = {"units", "fields", "holidays", "people", "accounts"};

/* The WHERE clause choosing an office's rows of table t (?1 = path). */
void sync_digest_where(const char *t, int has_pid, sbuf *q)
{
    static const char prop[] =
        "SELECT p.id FROM proposals p JOIN units e ON e.id = p.employing_unit_id "
        "JOIN units c ON c.id = p.competent_unit_id WHERE substr(e.path, 1, length(?1)) = ?1 "
        "OR substr(c.path, 1, length(?1)) = ?1";
    for (size_t i = 0; i < sizeof everywhere / sizeof everywhere[0]; i++)
        if (strcmp(t, everywhere[i]) == 0) { sbuf_add(q, "1"); return; }
    if (strcmp(t, "proposals") == 0) sbuf_addf(q, "id IN (%s)", prop);
    else if (strcmp(t, "dissemination") == 0)
        sbuf_add(q, "unit_id IN (SELECT id FROM units WHERE substr(path, 1, length(?1)) = ?1)");
    else if (has_pid) sbuf_addf(q, "(proposal_id IS NULL OR proposal_id IN (%s))", prop);
    else sbuf_add(q, "1");
}

static void put32(sbuf *b, uint32_t v)
{
    unsigned char x[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 24)};
    sbuf_addn(b, (const char *)x, 4);
}

/* Rows left out of this office's side of the comparison: inserted here
 * and not yet received by the hub when it made the digests. */
typedef struct skip_set {
    char (*key)[80];     /* "table\x1fkey as text", sorted before use */
    size_t n, cap;
    int oom;
} skip_set;

static void skip_add(skip_set *k, const char *t, const char *id)
{
    if (k->n == k->cap) {
        size_t cap = k->cap ? 2 * k->cap : 64;
        char (*nk)[80] = realloc(k->key, cap * sizeof *nk);
        if (!nk) { k->oom = 1; return; }
        k->key = nk;
        k->cap = cap;
    }
    snprintf(k->key[k->n++], sizeof k->key[0], "%s\x1f%s", t, id);
}

static int cmp_key(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

static void skip_sort(skip_set *k)
{
    if (k->n > 1) qsort(k->key, k->n, sizeof k->key[0], cmp_key);
}

static int skip_has(const skip_set *k, const char *t, const char *id)
{
    char x[80];
    snprintf(x, sizeof x, "%s\x1f%s", t, id);
    return k->n && bsearch(x, k->key, k->n, sizeof k->key[0], cmp_key) != NULL;
}

static int table_digest_skip(st_db *db, const char *t, const char *path, int64_t *rows,
                             unsigned char out[32], const skip_set *skip, st_err *e);

static int table_digest(st_db *db, const char *t, const char *path, int64_t *rows,
                        unsigned char out[32], st_err *e)
{
    return table_digest_skip(db, t, path, rows, out, NULL, e);
}

static int table_digest_skip(st_db *db, const char *t, const char *path, int64_t *rows,
                             unsigned char out[32], const skip_set *skip, st_err *e)
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
    crypto_generichash_state h;
    crypto_generichash_init(&h, NULL, 0, 32);
    *rows = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (skip && skip->n && skip_has(skip, t, db_col_text(st, 0))) continue;
        (*rows)++;
        for (int i = 0; i < k.n; i++) {
            if (sync_col_derived(t, k.name[i])) continue;
            unsigned char ty = (unsigned char)sqlite3_column_type(st, i);
            const void *p = ty == SQLITE_BLOB ? sqlite3_column_blob(st, i)
                                              : (const void *)sqlite3_column_text(st, i);
            uint32_t n = (uint32_t)sqlite3_column_bytes(st, i);
            crypto_generichash_update(&h, &ty, 1);
            crypto_generichash_update(&h, (const unsigned char *)&n, 4);
            if (p && n) crypto_generichash_update(&h, p, n);
        }
    }
    sqlite3_finalize(st);
    crypto_generichash_final(&h, out, 32);
    return rc == SQLITE_DONE ? ST_OK : db_fail(db, e, "tính dấu kiểm");
}

int sync_digest_build(st_db *db, const char *path, sbuf *b, st_err *e)
{
    int n;
    const char *const *t = capture_synced_tables(&n);
    put32(b, (uint32_t)strlen(path));
    sbuf_addn(b, path, strlen(path));
    put32(b, (uint32_t)n);
    for (int i = 0; i < n; i++) {
        int64_t rows;
        unsigned char h[32];
        int rc = table_digest(db, t[i], path, &rows, h, e);
        if (rc) return rc;
        sbuf_addn(b, t[i], strlen(t[i]) + 1);
        for (int j = 0; j < 8; j++) {
            unsigned char c = (unsigned char)((uint64_t)rows >> (8 * j));
            sbuf_addn(b, (const char *)&c, 1);
        }
        sbuf_addn(b, (const char *)h, 32);
    }
    return b->oom ? err_set(e, ST_ENOMEM, "hết bộ nhớ") : ST_OK;
}

static int undo_conflict(void *ud, int kind, sqlite3_changeset_iter *it)
{
    (void)ud;
    (void)it;
    return kind == SQLITE_CHANGESET_DATA || kind == SQLITE_CHANGESET_CONFLICT
               ? SQLITE_CHANGESET_REPLACE : SQLITE_CHANGESET_OMIT;
}

/* One captured transaction of this office: its inserts into the skip set
 * (a row the hub does not hold yet; events cannot be deleted anyway), its
 * updates and deletes undone. */
static int undo_one(st_db *db, const unsigned char *cs, int n, skip_set *skip, st_err *e)
{
    sqlite3_changeset_iter *it;
    if (sqlite3changeset_start(&it, n, (void *)cs) != SQLITE_OK)
        return err_set(e, ST_EDB, "hộp thư đi hỏng: không đọc được một thay đổi");
    cs_writer w;
    cs_writer_init(&w);
    while (sqlite3changeset_next(it) == SQLITE_ROW) {
        const char *t;
        int ncol, op, ind;
        sqlite3changeset_op(it, &t, &ncol, &op, &ind);
        if (op == SQLITE_INSERT) {
            sqlite3_value *v = NULL;
            if (sqlite3changeset_new(it, 0, &v) == SQLITE_OK && v)
                skip_add(skip, t, (const char *)sqlite3_value_text(v));
        } else {
            cs_copy_change(&w, it);
        }
    }
    int rc = sqlite3changeset_finalize(it) == SQLITE_OK ? ST_OK
             : err_set(e, ST_EDB, "hộp thư đi hỏng");
    int ni = 0;
    void *inv = NULL;
    if (!rc && w.b.len &&
        (sqlite3changeset_invert((int)w.b.len, w.b.s, &ni, &inv) != SQLITE_OK ||
         sqlite3changeset_apply(db_h(db), ni, inv, NULL, undo_conflict, NULL) != SQLITE_OK))
        rc = err_set(e, ST_EDB, "không tạm bỏ được thay đổi chưa gửi để so (%s)",
                     sqlite3_errmsg(db_h(db)));
    sqlite3_free(inv);
    if (!rc && (skip->oom || w.b.oom)) rc = err_set(e, ST_ENOMEM, "hết bộ nhớ");
    cs_writer_free(&w);
    return rc;
}

/* Inside the caller's transaction: set aside this office's changes the hub
 * had not received when it made the digests (the outbox after acked,
 * newest first), so that the comparison is with the hub's state as it was
 * then, not disturbed by work done here since (a login is a change). */
static int undo_unsent(st_db *db, int64_t acked, skip_set *skip, st_err *e)
{
    sqlite3_stmt *st;
    int rc = db_prepare(db, "SELECT changeset FROM sync_outbox WHERE seq > ?1 AND origin = 0 "
                        "ORDER BY seq DESC", &st, e);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, acked);
    while (!rc && sqlite3_step(st) == SQLITE_ROW) {
        int n = sqlite3_column_bytes(st, 0);
        if (n > 0) rc = undo_one(db, sqlite3_column_blob(st, 0), n, skip, e);
    }
    sqlite3_finalize(st);
    return rc;
}

static int verify_tables(st_db *db, const unsigned char *d, size_t n, const skip_set *skip,
                         sync_verify_cb cb, void *ud, int *ndiff, st_err *e);

int sync_verify(st_db *db, sync_verify_cb cb, void *ud, int *ndiff, st_err *e)
{
    *ndiff = 0;
    int hub;
    int rc = sync_hub_no(db, &hub, e);
    if (rc) return rc;
    sqlite3_stmt *st;
    if ((rc = db_prepare(db, "SELECT digests FROM sync_peers WHERE site = ?1", &st, e)))
        return rc;
    sqlite3_bind_int(st, 1, hub);
    unsigned char *d = NULL;
    size_t n = 0;
    int64_t acked = 0;   /* this office's outbox the hub had applied then */
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_bytes(st, 0) > 8) {
        const unsigned char *b = sqlite3_column_blob(st, 0);
        n = (size_t)sqlite3_column_bytes(st, 0) - 8;
        for (int i = 0; i < 8; i++) acked |= (int64_t)((uint64_t)b[i] << (8 * i));
        d = malloc(n);
        if (d) memcpy(d, b + 8, n);
    }
    sqlite3_finalize(st);
    if (!d)
        return err_set(e, ST_ENOTFOUND, "chưa nhận tệp nào từ máy chủ tỉnh có dấu kiểm: hãy "
                       "nhập một tệp mới nhất rồi kiểm tra lại");
    /* Undone in a transaction that is always rolled back: nothing captured,
     * nothing kept. */
    sqlite3_exec(db_h(db), "PRAGMA foreign_keys=OFF", NULL, NULL, NULL);
    db_capture_pause(db, 1);
    skip_set skip;
    memset(&skip, 0, sizeof skip);
    rc = db_begin(db, e);
    if (!rc) {
        rc = undo_unsent(db, acked, &skip, e);
        skip_sort(&skip);
        if (!rc) rc = verify_tables(db, d, n, &skip, cb, ud, ndiff, e);
        db_rollback(db);
    }
    free(skip.key);
    db_capture_pause(db, 0);
    sqlite3_exec(db_h(db), "PRAGMA foreign_keys=ON", NULL, NULL, NULL);
    free(d);
    return rc;
}

static int verify_tables(st_db *db, const unsigned char *d, size_t n, const skip_set *skip,
                         sync_verify_cb cb, void *ud, int *ndiff, st_err *e)
{
    int rc;
    const unsigned char *p = d, *end = d + n;
    char path[256] = "";
    uint32_t len = 0, count = 0;
    rc = ST_OK;
    if (end - p < 4) goto bad;
    memcpy(&len, p, 4);   /* little-endian hosts only, as the payload's writer */
    p += 4;
    if (len >= sizeof path || (size_t)(end - p) < len + 4) goto bad;
    memcpy(path, p, len);
    path[len] = '\0';
    p += len;
    memcpy(&count, p, 4);
    p += 4;
    for (uint32_t i = 0; !rc && i < count; i++) {
        const unsigned char *z = memchr(p, 0, (size_t)(end - p));
        if (!z || end - z < 41) goto bad;
        const char *t = (const char *)p;
        uint64_t hub_rows = 0;
        for (int j = 0; j < 8; j++) hub_rows |= (uint64_t)z[1 + j] << (8 * j);
        const unsigned char *hub_hash = z + 9;
        p = z + 41;
        int64_t rows = 0;
        unsigned char h[32];
        memset(h, 0, sizeof h);
        if (sync_table_synced(t) == 1 && 
            (rc = table_digest_skip(db, t, path, &rows, h, skip, e)))
            break;
        if ((uint64_t)rows != hub_rows || memcmp(h, hub_hash, 32) != 0) {
            (*ndiff)++;
            if (cb) rc = cb(t, (int64_t)hub_rows, rows, ud);
        }
    }
    return rc;
bad:
    return err_set(e, ST_EDB, "dấu kiểm nhận từ máy chủ tỉnh bị hỏng");
}
