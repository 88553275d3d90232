/* Applying a payload (sync.h): in one transaction, the sender's
 * acknowledgement, then each entry in sequence order through the ledger:
 * an entry already in it is skipped (replay, older payload), the next one
 * is applied, one after a gap waits in sync_waiting until the missing part
 * comes.  A kill during the apply rolls the whole payload back: importing
 * it again is a clean run.  At an office nothing applied from the hub is
 * captured (it came from the hub); at the hub it is, as one outbox entry
 * marked with its origin, which forwards it to the other offices. */
#include "sync_internal.h"

#include <string.h>

#include "store/capture.h"

static int ledger_add(st_db *db, int site, const sync_entry *x, st_err *e)
{
    char now[32];
    db_now(now);
    sqlite3_stmt *st;
    int rc = db_prepare(db, "INSERT INTO sync_ledger(site, seq, hash, applied_at) "
                        "VALUES (?1, ?2, ?3, ?4)", &st, e);
    if (rc) return rc;
    sqlite3_bind_int(st, 1, site);
    sqlite3_bind_int64(st, 2, x->seq);
    sqlite3_bind_blob(st, 3, x->hash, 32, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
    rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : db_fail(db, e, "ghi sổ đã nhận");
    sqlite3_finalize(st);
    return rc;
}

typedef struct rx {
    st_db *db;
    int is_hub, me, from;
    int64_t received;
    sync_pending *pend;
    sync_result *r;
} rx;

static int apply_one(rx *x, const sync_entry *en, st_err *e)
{
    int rc = sync_apply_changeset(x->db, x->is_hub, x->me, x->from, en->seq, en->cs, en->n,
                                  x->pend, &x->r->conflicts, e);
    if (!rc) rc = ledger_add(x->db, x->from, en, e);
    if (!rc) {
        x->received = en->seq;
        x->r->changes_applied++;
    }
    return rc;
}

/* Entries that waited for this one. */
static int drain_waiting(rx *x, st_err *e)
{
    for (;;) {
        sqlite3_stmt *st;
        int rc = db_prepare(x->db, "SELECT seq, origin, hash, changeset FROM sync_waiting "
                            "WHERE site = ?1 AND seq = ?2", &st, e);
        if (rc) return rc;
        sqlite3_bind_int(st, 1, x->from);
        sqlite3_bind_int64(st, 2, x->received + 1);
        if (sqlite3_step(st) != SQLITE_ROW) { sqlite3_finalize(st); break; }
        sync_entry en;
        memset(&en, 0, sizeof en);
        en.seq = sqlite3_column_int64(st, 0);
        en.origin = sqlite3_column_int(st, 1);
        if (sqlite3_column_bytes(st, 2) == 32) memcpy(en.hash, sqlite3_column_blob(st, 2), 32);
        en.cs = sqlite3_column_blob(st, 3);
        en.n = (size_t)sqlite3_column_bytes(st, 3);
        rc = apply_one(x, &en, e);
        sqlite3_finalize(st);
        if (rc) return rc;
    }
    sqlite3_stmt *st;
    int rc = db_prepare(x->db, "DELETE FROM sync_waiting WHERE site = ?1 AND seq <= ?2", &st, e);
    if (rc) return rc;
    sqlite3_bind_int(st, 1, x->from);
    sqlite3_bind_int64(st, 2, x->received);
    rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : db_fail(x->db, e, "dọn hàng chờ");
    sqlite3_finalize(st);
    return rc;
}

static int wait_entry(rx *x, const sync_entry *en, st_err *e)
{
    sqlite3_stmt *st;
    int rc = db_prepare(x->db, "INSERT OR IGNORE INTO sync_waiting(site, seq, origin, hash, "
                        "changeset) VALUES (?1, ?2, ?3, ?4, ?5)", &st, e);
    if (rc) return rc;
    sqlite3_bind_int(st, 1, x->from);
    sqlite3_bind_int64(st, 2, en->seq);
    sqlite3_bind_int(st, 3, en->origin);
    sqlite3_bind_blob(st, 4, en->hash, 32, SQLITE_STATIC);
    sqlite3_bind_blob(st, 5, en->n ? (const void *)en->cs : "", (int)en->n, SQLITE_STATIC);
    rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : db_fail(x->db, e, "cất thay đổi chờ");
    sqlite3_finalize(st);
    return rc;
}

static int peer_update(rx *x, const sync_payload *p, int64_t *acked, st_err *e)
{
    char now[32];
    db_now(now);
    sqlite3_stmt *st;
    /* The peer's acknowledgement as it says it, even lower than before: a
     * peer restored from a backup then gets again what it lost. */
    int rc = db_prepare(x->db,
        "INSERT INTO sync_peers(site, acked, received, last_in) "
        "VALUES (?1, ?2, 0, ?3) ON CONFLICT(site) DO UPDATE SET acked = excluded.acked, "
        "last_in = excluded.last_in", &st, e);
    if (rc) return rc;
    sqlite3_bind_int(st, 1, x->from);
    sqlite3_bind_int64(st, 2, p->received);
    sqlite3_bind_text(st, 3, now, -1, SQLITE_STATIC);
    rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : db_fail(x->db, e, "ghi trạng thái trao đổi");
    sqlite3_finalize(st);
    *acked = p->received;
    if (rc) return rc;
    if ((rc = db_prepare(x->db, "SELECT received FROM sync_peers WHERE site = ?1", &st, e)))
        return rc;
    sqlite3_bind_int(st, 1, x->from);
    x->received = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return ST_OK;
}

/* An office restored from an old copy: the hub has applied more of its
 * outbox (p->received) than the copy holds, and the entries written since
 * the restore reuse numbers the hub has already seen.  They are moved past
 * what the hub has, so that they travel (entries the hub had already
 * applied, moved too, apply again as no-ops). */
static int renumber_if_restored(rx *x, const sync_payload *p, st_err *e)
{
    sqlite3_stmt *st;
    int rc = db_prepare(x->db, "SELECT coalesce(max(seq), 0), coalesce((SELECT acked FROM "
                        "sync_peers WHERE site = ?1), 0) FROM sync_outbox", &st, e);
    if (rc) return rc;
    sqlite3_bind_int(st, 1, x->from);
    int64_t max = 0, acked = 0;
    if (sqlite3_step(st) == SQLITE_ROW) {
        max = sqlite3_column_int64(st, 0);
        acked = sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    if (p->received <= max) return ST_OK;
    char q[200];
    long long d = (long long)(p->received - acked);
    snprintf(q, sizeof q, "UPDATE sync_outbox SET seq = -(seq + %lld) WHERE seq > %lld; "
             "UPDATE sync_outbox SET seq = -seq WHERE seq < 0", d, (long long)acked);
    if (sqlite3_exec(db_h(x->db), q, NULL, NULL, NULL) != SQLITE_OK)
        return db_fail(x->db, e, "đánh số lại hộp thư đi sau khi khôi phục");
    /* the numbers below stay taken: the next capture follows the hub's count */
    unsigned char h[CAPTURE_HASH];
    capture_hash("", 0, h);
    if ((rc = db_prepare(x->db, "INSERT OR IGNORE INTO sync_outbox(seq, origin, at, hash, "
                         "changeset) VALUES (?1, 0, '', ?2, zeroblob(0))", &st, e)))
        return rc;
    sqlite3_bind_int64(st, 1, p->received);
    sqlite3_bind_blob(st, 2, h, CAPTURE_HASH, SQLITE_STATIC);
    rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : db_fail(x->db, e, "đánh số lại hộp thư đi");
    sqlite3_finalize(st);
    return rc;
}

/* The hub's digests, kept for `sync verify` when they describe the state
 * now applied here (not an older payload's), behind the position of this
 * office's outbox the hub had then (u64, little-endian). */
static int keep_digests(rx *x, const sync_payload *p, st_err *e)
{
    if (!p->ndigests) return ST_OK;
    if (p->nentries && p->entries[p->nentries - 1].seq != x->received) return ST_OK;
    sbuf b;
    sbuf_init(&b);
    for (int i = 0; i < 8; i++) {
        char c = (char)((uint64_t)p->received >> (8 * i));
        sbuf_addn(&b, &c, 1);
    }
    sbuf_addn(&b, (const char *)p->digests, p->ndigests);
    if (b.oom) { sbuf_free(&b); return err_set(e, ST_ENOMEM, "hết bộ nhớ"); }
    sqlite3_stmt *st;
    int rc = db_prepare(x->db, "UPDATE sync_peers SET digests = ?2 WHERE site = ?1", &st, e);
    if (!rc) {
        sqlite3_bind_int(st, 1, x->from);
        sqlite3_bind_blob(st, 2, b.s, (int)b.len, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : db_fail(x->db, e, "ghi dấu kiểm");
        sqlite3_finalize(st);
    }
    sbuf_free(&b);
    return rc;
}

static int receive(rx *x, const sync_payload *p, st_err *e)
{
    int64_t acked;
    int rc = x->is_hub ? ST_OK : renumber_if_restored(x, p, e);
    if (!rc) rc = peer_update(x, p, &acked, e);
    if (!rc && !x->is_hub) rc = sync_pending_load(x->db, acked, &x->pend, e);
    if (!rc) rc = drain_waiting(x, e);
    for (size_t i = 0; !rc && i < p->nentries; i++) {
        const sync_entry *en = &p->entries[i];
        if (en->seq <= x->received) { x->r->changes_skipped++; continue; }
        if (en->seq > x->received + 1) { rc = wait_entry(x, en, e); continue; }
        rc = apply_one(x, en, e);
        if (!rc) rc = drain_waiting(x, e);
    }
    sqlite3_stmt *st;
    if (!rc && !(rc = db_prepare(x->db, "UPDATE sync_peers SET received = ?2 WHERE site = ?1",
                                 &st, e))) {
        sqlite3_bind_int(st, 1, x->from);
        sqlite3_bind_int64(st, 2, x->received);
        rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : db_fail(x->db, e, "ghi trạng thái");
        sqlite3_finalize(st);
    }
    if (!rc && !(rc = db_prepare(x->db, "SELECT count(*) FROM sync_waiting WHERE site = ?1",
                                 &st, e))) {
        sqlite3_bind_int(st, 1, x->from);
        x->r->changes_waiting = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
        sqlite3_finalize(st);
    }
    if (!rc) rc = keep_digests(x, p, e);
    if (!rc && !x->is_hub && p->nfull)
        rc = sync_full_apply(x->db, p->full, p->nfull, x->received, x->pend, x->r, e);
    if (!rc && x->is_hub) db_capture_origin(x->db, x->from, x->received);
    return rc;
}

int sync_payload_apply(st_db *db, int from_site, const unsigned char *p, size_t n,
                       sync_result *r, st_err *e)
{
    memset(r, 0, sizeof *r);
    sync_payload pl;
    int rc = sync_payload_parse(p, n, &pl, e);
    if (rc) return rc;
    rx x;
    memset(&x, 0, sizeof x);
    x.db = db;
    x.from = from_site;
    x.r = r;
    char dep[40];
    rc = sync_self(db, &x.me, &x.is_hub, dep, e);
    if (!rc && (pl.from_site != from_site || pl.to_site != x.me))
        rc = err_set(e, ST_EINVAL, "nội dung tệp không khớp người gửi/người nhận (từ %d cho %d)",
                     pl.from_site, pl.to_site);
    if (rc) { sync_payload_free(&pl); return rc; }
    /* The sender's rows may point at rows that come later in the payload
     * or that this site does not hold (an account's person outside the
     * subtree): references are not enforced while applying. */
    sqlite3_exec(db_h(db), "PRAGMA foreign_keys=OFF", NULL, NULL, NULL);
    if (!x.is_hub) db_capture_pause(db, 1);
    rc = db_begin(db, e);
    if (!rc) {
        rc = receive(&x, &pl, e);
        if (rc) db_rollback(db);
        else rc = db_commit(db, e);
    }
    db_capture_pause(db, 0);
    sqlite3_exec(db_h(db), "PRAGMA foreign_keys=ON", NULL, NULL, NULL);
    sync_pending_free(&x.pend);
    sync_payload_free(&pl);
    if (rc) memset(r, 0, sizeof *r);
    return rc;
}
