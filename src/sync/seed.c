/* Seeding an office: the cut-down copy of the hub's database (see seed.h),
 * and the keys file of `site rekey`. */
#include "seed.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "store/db_internal.h"
#include "base/priv.h"
#include "base/sbuf.h"
#include "flow/counts.h"
#include "flow/users.h"
#include "exchange.h"
#include "site.h"

#ifndef SANGTAO_VERSION
#define SANGTAO_VERSION "dev"
#endif

/* ---- the cut-down copy -------------------------------------------------------- */

static int xexec(sqlite3 *h, const char *sql, st_err *e)
{
    char *msg = NULL;
    if (sqlite3_exec(h, sql, NULL, NULL, &msg) == SQLITE_OK) return ST_OK;
    int rc = err_set(e, ST_EDB, "Tạo tệp khởi tạo: %s (%.200s)", msg ? msg : "lỗi SQLite", sql);
    sqlite3_free(msg);
    return rc;
}

static int table_exists(sqlite3 *h, const char *name)
{
    sqlite3_stmt *st;
    int yes = 0;
    if (sqlite3_prepare_v2(h, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1",
                           -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
        yes = sqlite3_step(st) == SQLITE_ROW;
        sqlite3_finalize(st);
    }
    return yes;
}

/* The ordinary tables of the copy, one string each ("a\0b\0\0"), without
 * SQLite's own and the search index's shadow tables. */
static int table_names(sqlite3 *h, sbuf *out, st_err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(h, "SELECT name FROM sqlite_schema t WHERE type = 'table' "
                           "AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' "
                           "AND NOT EXISTS (SELECT 1 FROM sqlite_schema v WHERE "
                           " v.sql LIKE 'CREATE VIRTUAL%' AND t.name LIKE v.name || '\\_%' "
                           " ESCAPE '\\') ORDER BY name", -1, &st, NULL) != SQLITE_OK)
        return err_set(e, ST_EDB, "Tạo tệp khởi tạo: %s", sqlite3_errmsg(h));
    while (sqlite3_step(st) == SQLITE_ROW) {
        sbuf_add(out, (const char *)sqlite3_column_text(st, 0));
        sbuf_addn(out, "", 1);
    }
    sqlite3_finalize(st);
    sbuf_addn(out, "", 1);
    return out->oom ? err_set(e, ST_ENOMEM, "hết bộ nhớ") : ST_OK;
}

static int has_column(sqlite3 *h, const char *table, const char *col)
{
    sqlite3_stmt *st;
    int yes = 0;
    if (sqlite3_prepare_v2(h, "SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2", -1, &st,
                           NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, col, -1, SQLITE_STATIC);
        yes = sqlite3_step(st) == SQLITE_ROW;
        sqlite3_finalize(st);
    }
    return yes;
}

static int exec_bound(sqlite3 *h, const char *sql, const char *path, st_err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
        return err_set(e, ST_EDB, "Tạo tệp khởi tạo: %s", sqlite3_errmsg(h));
    sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK
           : err_set(e, ST_EDB, "Tạo tệp khởi tạo: %s", sqlite3_errmsg(h));
    sqlite3_finalize(st);
    return rc;
}

/* Proposals of the subtree and their rows; every person and account (the
 * directory; accounts outside the subtree locked); no secret and no local
 * row. */
static int cut_rows(sqlite3 *h, const sync_site *s, st_err *e)
{
    sbuf names;
    sbuf_init(&names);
    int rc = table_names(h, &names, e);
    if (!rc) rc = xexec(h,
        "CREATE TEMP TABLE ku(id INTEGER PRIMARY KEY); CREATE TEMP TABLE kp(id INTEGER PRIMARY KEY);", e);
    if (!rc) rc = exec_bound(h, "INSERT INTO ku SELECT id FROM units "
                             "WHERE substr(path, 1, length(?1)) = ?1", s->unit_path, e);
    if (!rc) rc = xexec(h, "INSERT INTO kp SELECT id FROM proposals WHERE employing_unit_id IN ku "
                        "OR competent_unit_id IN ku", e);
    /* Every row of a proposal outside, in every table that names one. */
    for (const char *t = sbuf_str(&names); *t && !rc; t += strlen(t) + 1) {
        if (strcmp(t, "proposals") == 0 || !has_column(h, t, "proposal_id")) continue;
        char *sql = sqlite3_mprintf("DELETE FROM \"%w\" WHERE proposal_id IS NOT NULL AND "
                                    "proposal_id NOT IN kp", t);
        rc = sql ? xexec(h, sql, e) : err_set(e, ST_ENOMEM, "hết bộ nhớ");
        sqlite3_free(sql);
    }
    if (!rc) rc = xexec(h, "DELETE FROM proposals WHERE id NOT IN kp;"
                        "DELETE FROM dissemination WHERE unit_id NOT IN ku;", e);
    /* Local tables: nothing of them leaves the hub (users is local but its
     * rows are the accounts: cut below; the two sync tables are rewritten). */
    for (const char *t = sbuf_str(&names); *t && !rc; t += strlen(t) + 1) {
        if (!strcmp(t, "users") || !strcmp(t, "meta") || !strcmp(t, "sync_self") ||
            !strcmp(t, "sync_sites") || !strcmp(t, "sync_outbox"))
            continue;
        if (sync_table_synced(t) != 0 && strcmp(t, "sync_log") != 0) continue;
        char *sql = sqlite3_mprintf("DELETE FROM \"%w\"", t);
        rc = sql ? xexec(h, sql, e) : err_set(e, ST_ENOMEM, "hết bộ nhớ");
        sqlite3_free(sql);
    }
    /* Every account (the directory, as people: a change to any account
     * reaches every office, and the hub's digests count them all), those
     * outside the subtree locked; no password hash, no login state. */
    if (!rc) rc = xexec(h,
        "UPDATE users SET password_hash = '!', must_change_pw = 1, failed_logins = 0, "
        " locked_until = NULL, os_login = NULL, "
        " locked = CASE WHEN scope_unit_id IN ku THEN locked ELSE 1 END;", e);
    /* People are the directory: every change to one goes to every office
     * (sync_filter.c), and the hub's digests count them all; so the seed
     * carries them all, or `sync verify` would find a fresh office out of
     * line. */
    sbuf_free(&names);
    return rc;
}

/* The office's own row and the hub as its one peer; what the office has
 * from the hub: every entry of the hub's outbox so far. */
static int office_rows(sqlite3 *h, const sync_me *me, const sync_site *s,
                       const unsigned char *pk, const unsigned char *sk, const char *hub_code,
                       const char *hub_name, st_err *e)
{
    int engine = table_exists(h, "sync_outbox") && table_exists(h, "sync_ledger") &&
                 table_exists(h, "sync_peers");
    int rc = engine ? xexec(h, "CREATE TEMP TABLE hubseq AS SELECT seq, hash FROM sync_outbox;"
                               "DELETE FROM sync_outbox;", e) : ST_OK;
    if (!rc) rc = xexec(h, "DELETE FROM sync_self; DELETE FROM sync_sites;", e);
    char now[32];
    db_now(now);
    sqlite3_stmt *st;
    if (!rc && sqlite3_prepare_v2(h,
            "INSERT INTO sync_self(id, deployment, site_no, is_hub, sign_pk, sign_sk, hub_pk) "
            "VALUES(1, ?1, ?2, 0, ?3, ?4, ?5)", -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, me->deployment, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 2, s->site_no);
        sqlite3_bind_blob(st, 3, pk, SYNC_PK, SQLITE_STATIC);
        sqlite3_bind_blob(st, 4, sk, SYNC_SK, SQLITE_STATIC);
        sqlite3_bind_blob(st, 5, me->pk, SYNC_PK, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = err_set(e, ST_EDB, "Tạo tệp khởi tạo: %s", sqlite3_errmsg(h));
        sqlite3_finalize(st);
    } else if (!rc) rc = err_set(e, ST_EDB, "Tạo tệp khởi tạo: %s", sqlite3_errmsg(h));
    /* At an office the hub's row names the office's own subtree. */
    if (!rc && sqlite3_prepare_v2(h,
            "INSERT INTO sync_sites(site_no, code, name, unit_id, sign_pk, created_at) "
            "VALUES(?1, ?2, ?3, ?4, ?5, ?6)", -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_int(st, 1, me->site_no);
        sqlite3_bind_text(st, 2, hub_code, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, hub_name, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, s->unit_id);
        sqlite3_bind_blob(st, 5, me->pk, SYNC_PK, SQLITE_STATIC);
        sqlite3_bind_text(st, 6, now, -1, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = err_set(e, ST_EDB, "Tạo tệp khởi tạo: %s", sqlite3_errmsg(h));
        sqlite3_finalize(st);
    } else if (!rc) rc = err_set(e, ST_EDB, "Tạo tệp khởi tạo: %s", sqlite3_errmsg(h));
    if (!rc && engine) {
        char *sql = sqlite3_mprintf(
            "INSERT INTO sync_ledger(site, seq, hash, applied_at) SELECT %d, seq, hash, '%q' "
            "FROM hubseq; INSERT INTO sync_peers(site, received) "
            "SELECT %d, coalesce(max(seq), 0) FROM hubseq; DROP TABLE hubseq;",
            me->site_no, now, me->site_no);
        rc = sql ? xexec(h, sql, e) : err_set(e, ST_ENOMEM, "hết bộ nhớ");
        sqlite3_free(sql);
    }
    return rc;
}

/* The events' append-only triggers are lifted for the cut, then put back. */
static int cut_copy(sqlite3 *h, const sync_me *me, const sync_site *s, const unsigned char *pk,
                    const unsigned char *sk, const char *hub_code, const char *hub_name,
                    seed_stats *out, long *hub_seq, st_err *e)
{
    sbuf trig;
    sbuf_init(&trig);
    int rc = xexec(h, "PRAGMA foreign_keys = OFF; BEGIN IMMEDIATE;", e);
    sqlite3_stmt *st;
    if (!rc && sqlite3_prepare_v2(h, "SELECT sql FROM sqlite_schema WHERE type = 'trigger' "
                                  "AND tbl_name = 'events' AND sql LIKE '%RAISE%'",
                                  -1, &st, NULL) == SQLITE_OK) {
        while (sqlite3_step(st) == SQLITE_ROW)
            sbuf_addf(&trig, "%s;\n", (const char *)sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
    }
    if (!rc) rc = xexec(h, "DROP TRIGGER IF EXISTS events_no_update;"
                        "DROP TRIGGER IF EXISTS events_no_delete;", e);
    *hub_seq = 0;
    if (!rc && table_exists(h, "sync_outbox") &&
        sqlite3_prepare_v2(h, "SELECT coalesce(max(seq), 0) FROM sync_outbox", -1, &st,
                           NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW) *hub_seq = (long)sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    if (!rc) rc = cut_rows(h, s, e);
    if (!rc) rc = office_rows(h, me, s, pk, sk, hub_code, hub_name, e);
    if (!rc && trig.oom) rc = err_set(e, ST_ENOMEM, "hết bộ nhớ");
    if (!rc) rc = xexec(h, sbuf_str(&trig), e);
    /* The search index from what is left (nothing of the rest stays in it). */
    if (!rc) rc = xexec(h, "DELETE FROM proposal_fts; INSERT INTO proposal_fts(rowid, code, "
                        "title, people, units, body) SELECT id, code, title, people, units, body "
                        "FROM proposal_fts_src; INSERT INTO proposal_fts(proposal_fts) "
                        "VALUES('optimize');", e);
    /* The kept counts too (the triggers were off for the events). */
    if (!rc && table_exists(h, "report_counts")) rc = xexec(h, counts_rebuild_sql, e);
    /* The month-end stocks of the whole province: the office's maintenance
     * writes its own (017_report_and_lists.sql). */
    if (!rc && table_exists(h, "stock_done"))
        rc = xexec(h, "DELETE FROM stock_done; DELETE FROM stock_at;", e);
    if (!rc) rc = xexec(h, "COMMIT", e);
    else sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
    sbuf_free(&trig);
    if (!rc) rc = xexec(h, "VACUUM", e);
    if (!rc && sqlite3_prepare_v2(h, "SELECT (SELECT count(*) FROM units WHERE deleted = 0), "
                                  "(SELECT count(*) FROM proposals WHERE deleted = 0), "
                                  "(SELECT count(*) FROM people WHERE deleted = 0), "
                                  "(SELECT count(*) FROM users WHERE deleted = 0)",
                                  -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW) {
            out->units = (long)sqlite3_column_int64(st, 0);
            out->proposals = (long)sqlite3_column_int64(st, 1);
            out->people = (long)sqlite3_column_int64(st, 2);
            out->accounts = (long)sqlite3_column_int64(st, 3);
        }
        sqlite3_finalize(st);
    }
    return rc;
}

static int slurp(const char *path, unsigned char **buf, size_t *n, st_err *e)
{
    *buf = NULL;
    *n = 0;
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    struct stat sb;
    if (fd < 0 || fstat(fd, &sb) != 0) {
        if (fd >= 0) close(fd);
        return err_set(e, ST_EIO, "%s: không đọc được (%s)", path, strerror(errno));
    }
    *buf = malloc((size_t)sb.st_size + 1);
    size_t off = 0;
    int rc = *buf ? ST_OK : err_set(e, ST_ENOMEM, "hết bộ nhớ");
    while (!rc && off < (size_t)sb.st_size) {
        ssize_t r = read(fd, *buf + off, (size_t)sb.st_size - off);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) rc = err_set(e, ST_EIO, "%s: lỗi đọc", path);
        else off += (size_t)r;
    }
    close(fd);
    if (rc) { free(*buf); *buf = NULL; }
    else *n = off;
    return rc;
}

/* The hub forgets nothing it sent before the seed: the office has it. */
static void hub_mark_acked(st_db *db, int site_no, long hub_seq)
{
    st_err e;
    err_clear(&e);
    sqlite3_stmt *st;
    if (db_begin(db, &e)) return;
    if (db_prepare(db, "INSERT INTO sync_peers(site, acked) VALUES(?1, ?2) "
                   "ON CONFLICT(site) DO UPDATE SET acked = max(acked, excluded.acked)",
                   &st, &e)) {
        db_rollback(db);
        return;
    }
    sqlite3_bind_int(st, 1, site_no);
    sqlite3_bind_int64(st, 2, hub_seq);
    int ok = sqlite3_step(st) == SQLITE_DONE;
    sqlite3_finalize(st);
    if (ok) db_commit(db, &e);
    else db_rollback(db);
}

int seed_make(st_db *db, const st_actor *who, const char *site_code, const char *path,
              seed_stats *out, st_err *e)
{
    memset(out, 0, sizeof *out);
    sync_me me;
    sync_site s;
    memset(&s, 0, sizeof s);
    int rc = site_me(db, &me, e);
    if (!rc && (!who || !(who->roles & ROLE_ADMIN)))
        rc = err_set(e, ST_EPERM, "Chỉ quản trị viên được tạo tệp khởi tạo văn phòng");
    if (!rc && !me.is_hub)
        rc = err_set(e, ST_EPERM, "Chỉ máy chủ tỉnh mới tạo được tệp khởi tạo văn phòng");
    if (!rc) rc = site_get(db, site_code, &s, e);
    char fp[65];
    if (!rc) rc = sync_schema_fp(db, fp, e);
    unsigned char pk[SYNC_PK], sk[SYNC_SK];
    if (!rc) rc = site_rekey(db, who, s.site_no, pk, sk, e);
    if (rc) { sodium_memzero(me.sk, sizeof me.sk); return rc; }
    char tmp[4200];
    int fd = priv_tempfile(tmp, sizeof tmp, "sangtao-seed", e);
    if (fd < 0) rc = e->code;
    else { close(fd); unlink(tmp); rc = db_backup(db, tmp, e); }
    long hub_seq = 0;
    if (!rc) {
        sqlite3 *h = NULL;
        priv_user_begin();
        if (sqlite3_open_v2(tmp, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK
            || db_register_text_sql(h) != 0)
            rc = err_set(e, ST_EIO, "%s: %s", tmp, h ? sqlite3_errmsg(h) : "không mở được");
        else
            rc = cut_copy(h, &me, &s, pk, sk, db_site_code(db),
                          config_str(db_config(db), "site.name"), out, &hub_seq, e);
        sqlite3_close(h);
        priv_user_end();
    }
    unsigned char *img = NULL;
    size_t n = 0;
    if (!rc) rc = slurp(tmp, &img, &n, e);
    unlink(tmp);
    if (!rc) {
        bundle_hdr hd;
        memset(&hd, 0, sizeof hd);
        hd.kind = BUNDLE_SEED;
        memcpy(hd.deployment, me.deployment, sizeof hd.deployment);
        hd.from_site = me.site_no;
        hd.to_site = s.site_no;
        hd.schema_version = db_schema_version(db);
        memcpy(hd.schema_fp, fp, sizeof fp);
        char now[32];
        db_now(now);
        snprintf(hd.created, sizeof hd.created, "%s", now);
        bundle_new_code(out->code);
        rc = bundle_write_coded(path, &hd, out->code, me.sk, img, n, e);
    }
    if (img) { sodium_memzero(img, n); free(img); }
    sodium_memzero(sk, sizeof sk);
    sodium_memzero(me.sk, sizeof me.sk);
    if (rc) return rc;
    hub_mark_acked(db, s.site_no, hub_seq);
    out->site_no = s.site_no;
    snprintf(out->office_code, sizeof out->office_code, "%s", s.code);
    return ST_OK;
}

/* ---- at the office ------------------------------------------------------------ */

int seed_install(const config *cfg, const char *seed_path, const char *code, int *site_no,
                 st_err *e)
{
    bundle_expect x;
    memset(&x, 0, sizeof x);
    x.to_site = -1;
    x.schema_latest = db_schema_latest();
    x.version = SANGTAO_VERSION;
    x.max_bytes = (uint64_t)config_int(cfg, "sync.max_bundle_mb") << 20;
    x.code = code;
    bundle_hdr h;
    unsigned char *img = NULL;
    size_t n = 0;
    int rc = bundle_read(seed_path, BUNDLE_SEED, &x, &h, &img, &n, e);
    if (rc) return rc;
    *site_no = h.to_site;
    if (config_int(cfg, "site.number") != h.to_site)
        rc = err_set(e, ST_EINVAL, "Tệp khởi tạo dành cho trạm số %d: đặt site.number = %d "
                     "trong config.ini (đang là %ld) rồi chạy lại", h.to_site, h.to_site,
                     config_int(cfg, "site.number"));
    else if (n < 100 || memcmp(img, "SQLite format 3", 16) != 0)
        rc = err_set(e, ST_EINVAL, "%s: tệp khởi tạo không chứa cơ sở dữ liệu", seed_path);
    const char *path = config_str(cfg, "database.path");
    if (!rc) rc = priv_create_file(path, 0660, (gid_t)-1, e);
    if (!rc) {
        int fd = open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
        size_t off = 0;
        if (fd < 0) rc = err_set(e, ST_EIO, "%s: %s", path, strerror(errno));
        while (!rc && off < n) {
            ssize_t w = write(fd, img + off, n - off);
            if (w < 0 && errno == EINTR) continue;
            if (w <= 0) rc = err_set(e, ST_EIO, "%s: lỗi ghi (%s)", path, strerror(errno));
            else off += (size_t)w;
        }
        if (fd >= 0 && ((fsync(fd) != 0 || close(fd) != 0) && !rc))
            rc = err_set(e, ST_EIO, "%s: lỗi ghi (%s)", path, strerror(errno));
        if (rc) unlink(path);
    }
    sodium_memzero(img, n);
    free(img);
    return rc;
}

int seed_first_admin(st_db *db, const char *username, const char *full_name,
                     const char *password, st_err *e)
{
    sync_me me;
    int rc = site_me(db, &me, e);
    sodium_memzero(me.sk, sizeof me.sk);
    if (rc) return rc;
    if (me.is_hub) return err_set(e, ST_EINVAL, "Cơ sở dữ liệu này không phải của văn phòng");
    sqlite3_stmt *st;
    char unit[64] = "";
    if ((rc = db_prepare(db, "SELECT u.code FROM sync_sites s JOIN units u ON u.id = s.unit_id "
                         "ORDER BY s.site_no LIMIT 1", &st, e)))
        return rc;
    if (sqlite3_step(st) == SQLITE_ROW) snprintf(unit, sizeof unit, "%s", db_col_text(st, 0));
    sqlite3_finalize(st);
    if (!unit[0]) return err_set(e, ST_EINVAL, "Tệp khởi tạo thiếu đơn vị của văn phòng");
    err_clear(e);
    if ((rc = user_add(db, NULL, username, full_name, ROLE_ALL, unit, password, e))) return rc;
    if ((rc = db_begin(db, e))) return rc;
    if ((rc = db_prepare(db, "UPDATE users SET must_change_pw = 0 WHERE username = ?1", &st, e))) {
        db_rollback(db);
        return rc;
    }
    sqlite3_bind_text(st, 1, username, -1, SQLITE_STATIC);
    rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : db_fail(db, e, "tạo quản trị viên");
    sqlite3_finalize(st);
    if (!rc) rc = db_commit(db, e);
    else db_rollback(db);
    return rc;
}

/* ---- keys after a rekey --------------------------------------------------------- */

int seed_write_keys(st_db *db, int site_no, const unsigned char pk[SYNC_PK],
                    const unsigned char sk[SYNC_SK], const char *path,
                    char code[BUNDLE_CODE_LEN + 1], st_err *e)
{
    sync_me me;
    int rc = site_me(db, &me, e);
    bundle_hdr h;
    memset(&h, 0, sizeof h);
    if (!rc) rc = sync_schema_fp(db, h.schema_fp, e);
    if (!rc) {
        unsigned char keys[SYNC_PK + SYNC_SK];
        memcpy(keys, pk, SYNC_PK);
        memcpy(keys + SYNC_PK, sk, SYNC_SK);
        h.kind = BUNDLE_KEYS;
        memcpy(h.deployment, me.deployment, sizeof h.deployment);
        h.from_site = me.site_no;
        h.to_site = site_no;
        h.schema_version = db_schema_version(db);
        char now[32];
        db_now(now);
        snprintf(h.created, sizeof h.created, "%s", now);
        bundle_new_code(code);
        rc = bundle_write_coded(path, &h, code, me.sk, keys, sizeof keys, e);
        sodium_memzero(keys, sizeof keys);
    }
    sodium_memzero(me.sk, sizeof me.sk);
    return rc;
}

int seed_import_keys(st_db *db, const char *path, const char *code, st_err *e)
{
    sync_me me;
    int rc = site_me(db, &me, e);
    sodium_memzero(me.sk, sizeof me.sk);
    if (rc) return rc;
    bundle_expect x;
    memset(&x, 0, sizeof x);
    x.deployment = me.deployment;
    x.to_site = me.site_no;
    x.schema_latest = db_schema_latest();
    x.version = SANGTAO_VERSION;
    x.max_bytes = sync_max_bytes(db);
    x.peer_pk = site_peer_pk;
    x.ud = db;
    x.code = code;
    bundle_hdr h;
    unsigned char *p = NULL;
    size_t n = 0;
    if ((rc = bundle_read(path, BUNDLE_KEYS, &x, &h, &p, &n, e))) return rc;
    if (n != SYNC_PK + SYNC_SK) rc = err_set(e, ST_EINVAL, "%s: tệp khóa hỏng", path);
    else rc = site_set_own_keys(db, p, p + SYNC_PK, e);
    sodium_memzero(p, n);
    free(p);
    return rc;
}
