/* Export and import of bundle files, and their log (see exchange.h). */
#include "exchange.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <sodium.h>

#include "store/db_internal.h"
#include "bundle.h"
#include "site.h"

#ifndef SANGTAO_VERSION
#define SANGTAO_VERSION "dev"
#endif

uint64_t sync_max_bytes(st_db *db)
{
    return (uint64_t)config_int(db_config(db), "sync.max_bundle_mb") << 20;
}

static void log_write(st_db *db, const char *dir, int site_no, const char *file, uint64_t bytes,
                      const sync_result *r, const char *note)
{
    st_err e;
    err_clear(&e);
    if (db_begin(db, &e)) return;
    sqlite3_stmt *st;
    if (db_prepare(db, "INSERT INTO sync_log(at, direction, site_no, file, bytes, applied, "
                   "skipped, waiting, conflicts, note) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)",
                   &st, &e)) {
        db_rollback(db);
        return;
    }
    char now[32];
    db_now(now);
    sqlite3_bind_text(st, 1, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, dir, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, site_no);
    sqlite3_bind_text(st, 4, file, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)bytes);
    if (r) {
        sqlite3_bind_int(st, 6, r->changes_applied);
        sqlite3_bind_int(st, 7, r->changes_skipped);
        sqlite3_bind_int(st, 8, r->changes_waiting);
        sqlite3_bind_int(st, 9, r->conflicts);
    } else {
        for (int i = 6; i <= 9; i++) sqlite3_bind_int(st, i, 0);
    }
    sqlite3_bind_text(st, 10, note ? note : "", -1, SQLITE_STATIC);
    int ok = sqlite3_step(st) == SQLITE_DONE;
    sqlite3_finalize(st);
    if (ok) db_commit(db, &e);
    else db_rollback(db);
}

/* The peer a bundle goes to: at the hub, the office to_site; at an office,
 * the hub (its one row of sync_sites). */
static int peer_for(st_db *db, const sync_me *me, int to_site, sync_site *peer, st_err *e)
{
    if (me->is_hub) {
        if (to_site <= 0)
            return err_set(e, ST_EINVAL, "Ở máy chủ tỉnh cần chọn văn phòng nhận (--to MÃ)");
        return site_get_no(db, to_site, peer, e);
    }
    if (to_site > 0) {
        int rc = site_get_no(db, to_site, peer, e);
        if (rc) return rc;
    } else {
        sqlite3_stmt *st;
        int rc = db_prepare(db, "SELECT site_no FROM sync_sites ORDER BY site_no LIMIT 1", &st, e);
        if (rc) return rc;
        int no = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
        sqlite3_finalize(st);
        if (!no) return err_set(e, ST_ENOTFOUND, "Văn phòng này chưa biết máy chủ tỉnh (sync_sites trống)");
        if ((rc = site_get_no(db, no, peer, e))) return rc;
    }
    if (sodium_memcmp(peer->pk, me->hub_pk, SYNC_PK) != 0)
        return err_set(e, ST_EPERM, "Văn phòng chỉ trao đổi với máy chủ tỉnh");
    return ST_OK;
}

int sync_export(st_db *db, int to_site, const char *path, uint64_t *bytes, st_err *e)
{
    return sync_export_full(db, to_site, 0, path, bytes, e);
}

int sync_export_full(st_db *db, int to_site, int full, const char *path, uint64_t *bytes,
                     st_err *e)
{
    sync_me me;
    int rc = site_me(db, &me, e);
    sync_site peer;
    memset(&peer, 0, sizeof peer);
    if (!rc) rc = peer_for(db, &me, to_site, &peer, e);
    bundle_hdr h;
    memset(&h, 0, sizeof h);
    if (!rc) rc = sync_schema_fp(db, h.schema_fp, e);
    unsigned char *p = NULL;
    size_t n = 0;
    if (!rc) rc = sync_payload_build_full(db, peer.site_no, full, &p, &n, e);
    if (!rc) {
        h.kind = BUNDLE_DATA;
        memcpy(h.deployment, me.deployment, sizeof h.deployment);
        h.from_site = me.site_no;
        h.to_site = peer.site_no;
        h.schema_version = db_schema_version(db);
        char now[32];
        db_now(now);
        snprintf(h.created, sizeof h.created, "%s", now);
        rc = bundle_write(path, &h, me.sk, peer.pk, p, n, e);
    }
    sodium_memzero(me.sk, sizeof me.sk);
    free(p);
    if (rc) return rc;
    struct stat sb;
    uint64_t size = stat(path, &sb) == 0 ? (uint64_t)sb.st_size : 0;
    if (bytes) *bytes = size;
    log_write(db, "export", peer.site_no, path, size, NULL, full ? "full" : NULL);
    return ST_OK;
}

int sync_import(st_db *db, const char *path, int *from_site, sync_result *r, st_err *e)
{
    memset(r, 0, sizeof *r);
    *from_site = 0;
    sync_me me;
    int rc = site_me(db, &me, e);
    if (rc) return rc;
    bundle_expect x;
    memset(&x, 0, sizeof x);
    x.deployment = me.deployment;
    x.to_site = me.site_no;
    x.schema_latest = db_schema_latest();
    x.version = SANGTAO_VERSION;
    x.max_bytes = sync_max_bytes(db);
    x.my_sk = me.sk;
    x.peer_pk = site_peer_pk;
    x.ud = db;
    bundle_hdr h;
    unsigned char *p = NULL;
    size_t n = 0;
    rc = bundle_read(path, BUNDLE_DATA, &x, &h, &p, &n, e);
    sodium_memzero(me.sk, sizeof me.sk);
    if (!rc && h.schema_version == db_schema_version(db)) {
        char fp[65];
        if (!(rc = sync_schema_fp(db, fp, e)) && strcmp(fp, h.schema_fp) != 0)
            rc = err_set(e, ST_EINVAL, "%s: Không nhận tệp: cùng phiên bản cấu trúc dữ liệu %d "
                         "nhưng các bảng trao đổi khác nhau (dấu vân tay %.12s…, ở đây %.12s…): "
                         "hai bên phải cùng một bản sangtao", path, h.schema_version,
                         h.schema_fp, fp);
    }
    if (rc) {
        free(p);
        if (rc == ST_EINVAL) log_write(db, "refused", 0, path, 0, NULL, e->msg);
        return rc;
    }
    *from_site = h.from_site;
    rc = sync_payload_apply(db, h.from_site, p, n, r, e);
    free(p);
    if (!rc) {
        struct stat sb;
        log_write(db, "import", h.from_site, path,
                  stat(path, &sb) == 0 ? (uint64_t)sb.st_size : 0, r, NULL);
    }
    return rc;
}

/* ---- status ------------------------------------------------------------------- */

int sync_status_peers(st_db *db, sync_status_cb cb, void *ud, st_err *e)
{
    sqlite3_stmt *st;
    int rc = db_prepare(db,
        "SELECT s.site_no, s.code, s.name, "
        " coalesce((SELECT max(at) FROM sync_log WHERE site_no = s.site_no "
        "           AND direction = 'export'), ''), "
        " coalesce((SELECT max(at) FROM sync_log WHERE site_no = s.site_no "
        "           AND direction = 'import'), ''), "
        " (SELECT applied FROM sync_log WHERE site_no = s.site_no AND direction = 'import' "
        "  ORDER BY id DESC LIMIT 1), "
        " (SELECT conflicts FROM sync_log WHERE site_no = s.site_no AND direction = 'import' "
        "  ORDER BY id DESC LIMIT 1) "
        "FROM sync_sites s ORDER BY s.site_no", &st, e);
    if (rc) return rc;
    int got;
    while ((got = sqlite3_step(st)) == SQLITE_ROW) {
        sync_peer_status s;
        memset(&s, 0, sizeof s);
        s.site_no = sqlite3_column_int(st, 0);
        snprintf(s.code, sizeof s.code, "%s", db_col_text(st, 1));
        snprintf(s.name, sizeof s.name, "%s", db_col_text(st, 2));
        snprintf(s.last_export, sizeof s.last_export, "%s", db_col_text(st, 3));
        snprintf(s.last_import, sizeof s.last_import, "%s", db_col_text(st, 4));
        s.last_applied = sqlite3_column_int(st, 5);
        s.last_conflicts = sqlite3_column_int(st, 6);
        if (cb(&s, ud)) break;
    }
    if (got != SQLITE_ROW && got != SQLITE_DONE) rc = db_fail(db, e, "đọc sync_log");
    sqlite3_finalize(st);
    return rc;
}

static int summary_peer(const sync_peer_status *p, void *ud)
{
    sync_summary *s = ud;
    s->npeers++;
    if (strcmp(p->last_import, s->last_in) > 0) snprintf(s->last_in, sizeof s->last_in, "%s", p->last_import);
    if (strcmp(p->last_export, s->last_out) > 0) snprintf(s->last_out, sizeof s->last_out, "%s", p->last_export);
    return 0;
}

typedef struct peer_list {
    int no[64];
    int n;
} peer_list;

static int peer_no(const sync_peer_status *p, void *ud)
{
    peer_list *l = ud;
    if (l->n < 64) l->no[l->n++] = p->site_no;
    return 0;
}

int sync_summary_get(st_db *db, sync_summary *s, st_err *e)
{
    memset(s, 0, sizeof *s);
    s->days_in = -1;
    int rc = sync_status_peers(db, summary_peer, s, e);
    if (rc || !s->npeers) return rc;
    s->member = 1;
    sync_me me;
    if ((rc = site_me(db, &me, e))) return rc;
    sodium_memzero(me.sk, sizeof me.sk);
    s->is_hub = me.is_hub;
    s->site_no = me.site_no;
    peer_list l;
    l.n = 0;
    if ((rc = sync_status_peers(db, peer_no, &l, e))) return rc;
    for (int i = 0; i < l.n; i++) {
        int64_t un = 0, w = 0;
        if ((rc = sync_counts(db, l.no[i], &un, &w, &s->conflicts, e))) return rc;
        if (un > s->waiting) s->waiting = un;
        s->gaps += w;
    }
    return sync_days_since_import(db, &s->days_in, e);
}

int sync_days_since_import(st_db *db, int *days, st_err *e)
{
    *days = -1;
    sqlite3_stmt *st;
    char now[32];
    db_now(now);
    int rc = db_prepare(db, "SELECT CAST(julianday(?1) - julianday(max(at)) AS INTEGER) "
                        "FROM sync_log WHERE direction = 'import'", &st, e);
    if (rc) return rc;
    sqlite3_bind_text(st, 1, now, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        *days = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return ST_OK;
}
