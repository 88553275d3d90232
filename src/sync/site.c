/* Sites and keys (see site.h): sync_self and sync_sites, both local. */
#include "site.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "store/db_internal.h"
#include "flow/units.h"

/* ---- this site ---------------------------------------------------------------- */

static int blob_copy(sqlite3_stmt *st, int col, unsigned char *out, int n)
{
    if (sqlite3_column_bytes(st, col) != n) return -1;
    memcpy(out, sqlite3_column_blob(st, col), (size_t)n);
    return 0;
}

/* 1 when read, 0 when there is no row yet, or an error. */
static int me_read(st_db *db, sync_me *me, st_err *e)
{
    sqlite3_stmt *st;
    int rc = db_prepare(db, "SELECT deployment, site_no, is_hub, sign_pk, sign_sk, hub_pk "
                        "FROM sync_self WHERE id = 1", &st, e);
    if (rc) return -rc;
    int got = sqlite3_step(st);
    if (got == SQLITE_ROW) {
        snprintf(me->deployment, sizeof me->deployment, "%s", db_col_text(st, 0));
        me->site_no = sqlite3_column_int(st, 1);
        me->is_hub = sqlite3_column_int(st, 2);
        if (blob_copy(st, 3, me->pk, SYNC_PK) || blob_copy(st, 4, me->sk, SYNC_SK) ||
            blob_copy(st, 5, me->hub_pk, SYNC_PK))
            rc = -err_set(e, ST_EDB, "Bảng sync_self hỏng (độ dài khóa)");
        else rc = 1;
    } else if (got == SQLITE_DONE) {
        rc = 0;
    } else {
        rc = -db_fail(db, e, "đọc sync_self");
    }
    sqlite3_finalize(st);
    return rc;
}

/* The hub of a new deployment: the site code and 12 random hex digits. */
static int me_create(st_db *db, st_err *e)
{
    if (sodium_init() < 0) return err_set(e, ST_EIO, "Không khởi tạo được libsodium");
    unsigned char pk[SYNC_PK], sk[SYNC_SK], rnd[6];
    crypto_sign_keypair(pk, sk);
    randombytes_buf(rnd, sizeof rnd);
    char dep[40];
    int k = snprintf(dep, sizeof dep, "%s-", db_site_code(db));
    for (size_t i = 0; i < sizeof rnd && k + 2 < (int)sizeof dep; i++)
        k += snprintf(dep + k, sizeof dep - (size_t)k, "%02x", rnd[i]);
    int rc = db_begin(db, e);
    if (rc) return rc;
    sqlite3_stmt *st;
    if ((rc = db_prepare(db, "INSERT OR IGNORE INTO sync_self(id, deployment, site_no, is_hub, "
                         "sign_pk, sign_sk, hub_pk) VALUES(1, ?1, ?2, 1, ?3, ?4, ?3)", &st, e))) {
        db_rollback(db);
        return rc;
    }
    sqlite3_bind_text(st, 1, dep, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, config_int(db_config(db), "site.number"));
    sqlite3_bind_blob(st, 3, pk, SYNC_PK, SQLITE_STATIC);
    sqlite3_bind_blob(st, 4, sk, SYNC_SK, SQLITE_STATIC);
    rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : db_fail(db, e, "tạo khóa của trạm");
    sqlite3_finalize(st);
    sodium_memzero(sk, sizeof sk);
    if (!rc) rc = db_commit(db, e);
    else db_rollback(db);
    return rc;
}

int site_me(st_db *db, sync_me *me, st_err *e)
{
    memset(me, 0, sizeof *me);
    int got = me_read(db, me, e);
    if (got == 0) {
        int rc = me_create(db, e);
        if (rc) return rc;
        got = me_read(db, me, e);
    }
    if (got < 0) return -got;
    if (got == 0) return err_set(e, ST_EDB, "Không tạo được sync_self");
    int cfg_no = config_int(db_config(db), "site.number");
    if (cfg_no != me->site_no)
        return err_set(e, ST_EINVAL, "site.number trong config.ini là %d nhưng cơ sở dữ liệu "
                       "này là trạm số %d: sửa site.number = %d (mỗi trạm một số, không đổi)",
                       cfg_no, me->site_no, me->site_no);
    return ST_OK;
}

int sync_self(st_db *db, int *site_no, int *is_hub, char deployment[40], st_err *e)
{
    sync_me me;
    int rc = site_me(db, &me, e);
    if (!rc) {
        if (site_no) *site_no = me.site_no;
        if (is_hub) *is_hub = me.is_hub;
        if (deployment) memcpy(deployment, me.deployment, sizeof me.deployment);
    }
    sodium_memzero(me.sk, sizeof me.sk);
    return rc;
}

int site_set_own_keys(st_db *db, const unsigned char pk[SYNC_PK],
                      const unsigned char sk[SYNC_SK], st_err *e)
{
    int rc = db_begin(db, e);
    if (rc) return rc;
    sqlite3_stmt *st;
    if ((rc = db_prepare(db, "UPDATE sync_self SET sign_pk = ?1, sign_sk = ?2 WHERE id = 1",
                         &st, e))) {
        db_rollback(db);
        return rc;
    }
    sqlite3_bind_blob(st, 1, pk, SYNC_PK, SQLITE_STATIC);
    sqlite3_bind_blob(st, 2, sk, SYNC_SK, SQLITE_STATIC);
    rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : db_fail(db, e, "ghi khóa mới");
    if (!rc && sqlite3_changes(db_h(db)) != 1)
        rc = err_set(e, ST_EINVAL, "Cơ sở dữ liệu này chưa tham gia trao đổi (sync_self trống)");
    sqlite3_finalize(st);
    if (!rc) rc = db_commit(db, e);
    else db_rollback(db);
    return rc;
}

/* ---- peers -------------------------------------------------------------------- */

#define SITE_COLS "s.site_no, s.code, s.name, s.unit_id, coalesce(u.code, ''), " \
    "coalesce(u.path, ''), s.sign_pk, s.created_at FROM sync_sites s " \
    "LEFT JOIN units u ON u.id = s.unit_id "

static int site_row(sqlite3_stmt *st, sync_site *s)
{
    memset(s, 0, sizeof *s);
    s->site_no = sqlite3_column_int(st, 0);
    snprintf(s->code, sizeof s->code, "%s", db_col_text(st, 1));
    snprintf(s->name, sizeof s->name, "%s", db_col_text(st, 2));
    s->unit_id = sqlite3_column_int64(st, 3);
    snprintf(s->unit_code, sizeof s->unit_code, "%s", db_col_text(st, 4));
    snprintf(s->unit_path, sizeof s->unit_path, "%s", db_col_text(st, 5));
    snprintf(s->created_at, sizeof s->created_at, "%s", db_col_text(st, 7));
    return blob_copy(st, 6, s->pk, SYNC_PK);
}

static int site_one(st_db *db, const char *sql, const char *code, int no, sync_site *out,
                    const char *what, st_err *e)
{
    sqlite3_stmt *st;
    int rc = db_prepare(db, sql, &st, e);
    if (rc) return rc;
    if (code) sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    else sqlite3_bind_int(st, 1, no);
    int got = sqlite3_step(st);
    if (got == SQLITE_ROW)
        rc = site_row(st, out) ? err_set(e, ST_EDB, "Bảng sync_sites hỏng (độ dài khóa)") : ST_OK;
    else if (got == SQLITE_DONE)
        rc = err_set(e, ST_ENOTFOUND, "Không có trạm %s (xem: sangtao site list)", what);
    else
        rc = db_fail(db, e, "đọc sync_sites");
    sqlite3_finalize(st);
    return rc;
}

int site_get_no(st_db *db, int site_no, sync_site *out, st_err *e)
{
    char what[32];
    snprintf(what, sizeof what, "số %d", site_no);
    return site_one(db, "SELECT " SITE_COLS "WHERE s.site_no = ?1", NULL, site_no, out, what, e);
}

int site_get(st_db *db, const char *code_or_no, sync_site *out, st_err *e)
{
    const char *p = code_or_no;
    while (*p >= '0' && *p <= '9') p++;
    if (*code_or_no && !*p && p - code_or_no < 7) return site_get_no(db, atoi(code_or_no), out, e);
    char what[64];
    snprintf(what, sizeof what, "\"%.40s\"", code_or_no);
    return site_one(db, "SELECT " SITE_COLS "WHERE s.code = ?1", code_or_no, 0, out, what, e);
}

int site_list(st_db *db, site_cb cb, void *ud, st_err *e)
{
    sqlite3_stmt *st;
    int rc = db_prepare(db, "SELECT " SITE_COLS "ORDER BY s.site_no", &st, e);
    if (rc) return rc;
    int got;
    while ((got = sqlite3_step(st)) == SQLITE_ROW) {
        sync_site s;
        if (site_row(st, &s)) { rc = err_set(e, ST_EDB, "Bảng sync_sites hỏng"); break; }
        if (cb(&s, ud)) break;
    }
    if (!rc && got != SQLITE_ROW && got != SQLITE_DONE) rc = db_fail(db, e, "đọc sync_sites");
    sqlite3_finalize(st);
    return rc;
}

int site_peer_pk(void *ud, int site_no, unsigned char pk[SYNC_PK], st_err *e)
{
    sync_site s;
    int rc = site_get_no(ud, site_no, &s, e);
    if (!rc) memcpy(pk, s.pk, SYNC_PK);
    return rc;
}

/* ---- at the hub --------------------------------------------------------------- */

static int need_hub_admin(st_db *db, const st_actor *who, const char *what, sync_me *me,
                          st_err *e)
{
    if (!who || !(who->roles & ROLE_ADMIN))
        return err_set(e, ST_EPERM, "Chỉ quản trị viên được %s", what);
    int rc = site_me(db, me, e);
    sodium_memzero(me->sk, sizeof me->sk);
    if (rc) return rc;
    if (!me->is_hub)
        return err_set(e, ST_EPERM, "Chỉ ở máy chủ tỉnh (trạm trung tâm) mới %s; đây là "
                       "văn phòng trạm số %d", what, me->site_no);
    return ST_OK;
}

static int code_ok(const char *code)
{
    size_t n = strlen(code);
    if (n < 1 || n > 8) return 0;
    for (const char *p = code; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))) return 0;
    return 1;
}

int site_add(st_db *db, const st_actor *who, const char *code, const char *unit_code,
             const char *name, int *site_no, st_err *e)
{
    sync_me me;
    int rc = need_hub_admin(db, who, "thêm văn phòng", &me, e);
    if (rc) return rc;
    if (!code_ok(code))
        return err_field(e, ST_EINVAL, "code", "Mã văn phòng \"%.40s\" phải gồm 1 đến 8 chữ cái "
                         "in hoa hoặc chữ số ASCII", code);
    if (strcmp(code, db_site_code(db)) == 0)
        return err_field(e, ST_EINVAL, "code", "Mã %s là mã của chính máy chủ tỉnh", code);
    int64_t unit_id;
    if ((rc = unit_find(db, unit_code, &unit_id, e))) return rc;
    if (sodium_init() < 0) return err_set(e, ST_EIO, "Không khởi tạo được libsodium");
    unsigned char pk[SYNC_PK], sk[SYNC_SK];
    crypto_sign_keypair(pk, sk);
    sodium_memzero(sk, sizeof sk);   /* made anew by `site seed` */
    char now[32];
    db_now(now);
    if ((rc = db_begin(db, e))) return rc;
    sqlite3_stmt *st;
    /* The next number after every site known here, the hub's own included. */
    rc = db_prepare(db, "INSERT INTO sync_sites(site_no, code, name, unit_id, sign_pk, created_at) "
                    "SELECT max(coalesce((SELECT max(site_no) FROM sync_sites), 0), ?6) + 1, "
                    "?1, CASE WHEN ?2 = '' THEN (SELECT name FROM units WHERE id = ?3) "
                    "ELSE ?2 END, ?3, ?4, ?5 "
                    "WHERE NOT EXISTS (SELECT 1 FROM sync_sites WHERE code = ?1) "
                    "RETURNING site_no", &st, e);
    if (rc) { db_rollback(db); return rc; }
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, name ? name : "", -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, unit_id);
    sqlite3_bind_blob(st, 4, pk, SYNC_PK, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, now, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 6, me.site_no);
    int got = sqlite3_step(st);
    if (got == SQLITE_ROW) *site_no = sqlite3_column_int(st, 0);
    else if (got == SQLITE_DONE) rc = err_field(e, ST_EINVAL, "code", "Đã có văn phòng mã %s", code);
    else rc = db_fail(db, e, "thêm văn phòng");
    sqlite3_finalize(st);
    if (!rc && *site_no > 65535)
        rc = err_set(e, ST_EINVAL, "Hết số hiệu trạm (tối đa 65535)");
    if (!rc) rc = db_commit(db, e);
    else db_rollback(db);
    return rc;
}

int site_rekey(st_db *db, const st_actor *who, int site_no, unsigned char pk[SYNC_PK],
               unsigned char sk[SYNC_SK], st_err *e)
{
    sync_me me;
    int rc = need_hub_admin(db, who, "đổi khóa văn phòng", &me, e);
    if (rc) return rc;
    if (sodium_init() < 0) return err_set(e, ST_EIO, "Không khởi tạo được libsodium");
    crypto_sign_keypair(pk, sk);
    if ((rc = db_begin(db, e))) return rc;
    sqlite3_stmt *st;
    if ((rc = db_prepare(db, "UPDATE sync_sites SET sign_pk = ?1 WHERE site_no = ?2", &st, e))) {
        db_rollback(db);
        return rc;
    }
    sqlite3_bind_blob(st, 1, pk, SYNC_PK, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, site_no);
    rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : db_fail(db, e, "đổi khóa văn phòng");
    if (!rc && sqlite3_changes(db_h(db)) != 1)
        rc = err_set(e, ST_ENOTFOUND, "Không có trạm số %d", site_no);
    sqlite3_finalize(st);
    if (!rc) rc = db_commit(db, e);
    else db_rollback(db);
    if (rc) sodium_memzero(sk, SYNC_SK);
    return rc;
}
