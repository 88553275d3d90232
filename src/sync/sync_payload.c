/* The payload (opaque to the transport, see sync.h): what one site sends
 * another, cumulative, and applying it.  Wire form, integers little-endian:
 *   "STP1", u32 from, u32 to, u64 received (the receiver's outbox applied
 *   here up to), u64 count, then per entry u32 origin, u64 seq, 32-byte
 *   BLAKE2b hash, u64 length, the changeset; then u64 length and the
 *   digests (hub → office, sync_digest.c), possibly empty.
 * Rules: every entry of the sender's outbox after what the receiver has
 * acknowledged; at the hub, each entry filtered to the office's subtree
 * (kept even when empty, so an office's ledger has no gap); the hub's own
 * capture of what it applied from an office goes to every office it
 * concerns, the sender included (the echo is a no-op there, and keeps the
 * hub's order of arrival the one order everywhere). */
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

void sync_payload_free(sync_payload *p)
{
    free(p->entries);
    memset(p, 0, sizeof *p);
}

int sync_payload_parse(const unsigned char *p, size_t n, sync_payload *out, st_err *e)
{
    memset(out, 0, sizeof *out);
    const unsigned char *end = p + n;
    uint32_t from, to;
    uint64_t recv, count;
    if (n < 4 || memcmp(p, "STP1", 4) != 0) goto bad;
    p += 4;
    if (get_u32(&p, end, &from) || get_u32(&p, end, &to) || get_u64(&p, end, &recv) ||
        get_u64(&p, end, &count) || recv > INT64_MAX)
        goto bad;
    /* each entry takes at least 52 bytes: no allocation beyond the input */
    if (count > (uint64_t)(end - p) / 52) goto bad;
    out->from_site = (int)from;
    out->to_site = (int)to;
    out->received = (int64_t)recv;
    out->nentries = (size_t)count;
    out->entries = count ? calloc((size_t)count, sizeof *out->entries) : NULL;
    if (count && !out->entries) return err_set(e, ST_ENOMEM, "hết bộ nhớ");
    int64_t prev = 0;
    for (size_t i = 0; i < out->nentries; i++) {
        sync_entry *x = &out->entries[i];
        uint32_t origin;
        uint64_t seq, len;
        if (get_u32(&p, end, &origin) || get_u64(&p, end, &seq) || end - p < 32) goto bad;
        memcpy(x->hash, p, 32);
        p += 32;
        if (get_u64(&p, end, &len) || len > (uint64_t)(end - p) || seq == 0 ||
            seq > INT64_MAX || len > INT32_MAX || (int64_t)seq <= prev)
            goto bad;
        x->origin = (int)origin;
        x->seq = (int64_t)seq;
        prev = x->seq;
        x->cs = p;
        x->n = (size_t)len;
        p += len;
        unsigned char h[CAPTURE_HASH];
        capture_hash(x->cs, x->n, h);
        if (memcmp(h, x->hash, 32) != 0) goto bad;
    }
    uint64_t nd;
    if (get_u64(&p, end, &nd) || nd > (uint64_t)(end - p)) goto bad;
    out->digests = nd ? p : NULL;
    out->ndigests = (size_t)nd;
    p += nd;
    if (p < end) {   /* a full section (repair) */
        uint64_t nf;
        if (get_u64(&p, end, &nf) || nf != (uint64_t)(end - p) || nf == 0) goto bad;
        out->full = p;
        out->nfull = (size_t)nf;
    }
    return ST_OK;
bad:
    sync_payload_free(out);
    return err_set(e, ST_EINVAL, "nội dung thay đổi trong tệp bị hỏng (sai độ dài hoặc mã băm)");
}

static int peer_get(st_db *db, int site, int64_t *acked, int64_t *received, st_err *e)
{
    *acked = *received = 0;
    sqlite3_stmt *st;
    int rc = db_prepare(db, "SELECT acked, received FROM sync_peers WHERE site = ?1", &st, e);
    if (rc) return rc;
    sqlite3_bind_int(st, 1, site);
    if (sqlite3_step(st) == SQLITE_ROW) {
        *acked = sqlite3_column_int64(st, 0);
        *received = sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    return ST_OK;
}

static int build(st_db *db, int me, int is_hub, int to_site, int full, sbuf *b, st_err *e)
{
    int rc = ST_OK;
    char path[256] = "";
    if (is_hub) rc = sync_site_path(db, to_site, path, sizeof path, e);
    int64_t acked, received;
    if (!rc) rc = peer_get(db, to_site, &acked, &received, e);
    if (rc) return rc;
    sqlite3_stmt *st;
    if ((rc = db_prepare(db, "SELECT count(*) FROM sync_outbox WHERE seq > ?1", &st, e)))
        return rc;
    sqlite3_bind_int64(st, 1, acked);
    int64_t count = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    sbuf_addn(b, "STP1", 4);
    put_u32(b, (uint32_t)me);
    put_u32(b, (uint32_t)to_site);
    put_u64(b, (uint64_t)received);
    put_u64(b, (uint64_t)count);
    if ((rc = db_prepare(db, "SELECT seq, origin, changeset FROM sync_outbox WHERE seq > ?1 "
                         "ORDER BY seq", &st, e)))
        return rc;
    sqlite3_bind_int64(st, 1, acked);
    int64_t done = 0;
    while (!rc && done < count && sqlite3_step(st) == SQLITE_ROW) {
        const unsigned char *cs = sqlite3_column_blob(st, 2);
        size_t n = (size_t)sqlite3_column_bytes(st, 2);
        cs_writer w;
        cs_writer_init(&w);
        if (is_hub) {
            rc = sync_filter(db, path, cs, n, &w, e);
            cs = (const unsigned char *)w.b.s;
            n = w.b.len;
        }
        if (!rc) {
            unsigned char h[CAPTURE_HASH];
            capture_hash(cs, n, h);
            put_u32(b, (uint32_t)sqlite3_column_int(st, 1));
            put_u64(b, (uint64_t)sqlite3_column_int64(st, 0));
            sbuf_addn(b, (const char *)h, sizeof h);
            put_u64(b, n);
            if (n) sbuf_addn(b, (const char *)cs, n);
        }
        cs_writer_free(&w);
        done++;
    }
    sqlite3_finalize(st);
    if (!rc && done != count) rc = db_fail(db, e, "đọc hộp thư đi");
    sbuf d;
    sbuf_init(&d);
    if (!rc && is_hub) rc = sync_digest_build(db, path, &d, e);
    if (!rc) {
        put_u64(b, d.len);
        if (d.len) sbuf_addn(b, d.s, d.len);
    }
    sbuf_free(&d);
    if (!rc && is_hub && full) {
        sbuf f;
        sbuf_init(&f);
        rc = sync_full_build(db, path, &f, e);
        if (!rc) {
            put_u64(b, f.len);
            sbuf_addn(b, f.s, f.len);
        }
        sbuf_free(&f);
    }
    if (!rc && b->oom) rc = err_set(e, ST_ENOMEM, "hết bộ nhớ");
    return rc;
}

int sync_payload_build(st_db *db, int to_site, unsigned char **out, size_t *n, st_err *e)
{
    return sync_payload_build_full(db, to_site, 0, out, n, e);
}

int sync_payload_build_full(st_db *db, int to_site, int full, unsigned char **out, size_t *n,
                            st_err *e)
{
    *out = NULL;
    *n = 0;
    int me, is_hub;
    char dep[40];
    int rc = sync_self(db, &me, &is_hub, dep, e);   /* may write: before the snapshot */
    if (rc) return rc;
    sbuf b;
    sbuf_init(&b);
    /* One read snapshot: the outbox, the acks and the digests agree. */
    int own = sqlite3_get_autocommit(db_h(db));
    if (own && sqlite3_exec(db_h(db), "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        return db_fail(db, e, "đọc để xuất");
    if (full && !is_hub) rc = err_set(e, ST_EINVAL, "--full chỉ dùng ở máy chủ tỉnh");
    if (!rc) rc = build(db, me, is_hub, to_site, full, &b, e);
    if (own) sqlite3_exec(db_h(db), "COMMIT", NULL, NULL, NULL);
    if (rc) { sbuf_free(&b); return rc; }
    *n = b.len;
    *out = (unsigned char *)b.s;
    return ST_OK;
}
