/* What is synced (the list lives in store/capture.c, beside the capture
 * that uses it), the synced tables' schema fingerprint, and the column
 * and site look-ups the engine needs. */
#include "sync_internal.h"

#include <sodium.h>
#include <string.h>

#include "store/capture.h"

int sync_table_synced(const char *table)
{
    return capture_table_synced(table);
}

int sync_cols_get(st_db *db, const char *table, sync_cols *c, st_err *e)
{
    memset(c, 0, sizeof *c);
    snprintf(c->table, sizeof c->table, "%s", table);
    sqlite3_stmt *st;
    int rc = db_prepare(db, "SELECT name FROM pragma_table_info(?1) ORDER BY cid", &st, e);
    if (rc) return rc;
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (c->n >= (int)(sizeof c->name / sizeof c->name[0])) {
            sqlite3_finalize(st);
            return err_set(e, ST_EDB, "bảng %s có quá nhiều cột để đồng bộ", table);
        }
        snprintf(c->name[c->n++], sizeof c->name[0], "%s", db_col_text(st, 0));
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return db_fail(db, e, "đọc cấu trúc bảng");
    if (c->n == 0) return err_set(e, ST_EDB, "không có bảng %s ở đây", table);
    return ST_OK;
}

int sync_col_index(const sync_cols *c, const char *name)
{
    for (int i = 0; i < c->n; i++)
        if (strcmp(c->name[i], name) == 0) return i;
    return -1;
}

int sync_col_derived(const char *table, const char *col)
{
    return strcmp(table, "proposals") == 0 && strcmp(col, "title_key") == 0;
}

int sync_schema_fp(st_db *db, char fp[65], st_err *e)
{
    int n;
    const char *const *t = capture_synced_tables(&n);
    crypto_generichash_state h;
    crypto_generichash_init(&h, NULL, 0, 32);
    sqlite3_stmt *st;
    int rc = db_prepare(db, "SELECT name, type, \"notnull\", pk FROM pragma_table_info(?1) "
                        "ORDER BY cid", &st, e);
    if (rc) return rc;
    for (int i = 0; i < n; i++) {
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, t[i], -1, SQLITE_STATIC);
        crypto_generichash_update(&h, (const unsigned char *)t[i], strlen(t[i]) + 1);
        while (sqlite3_step(st) == SQLITE_ROW) {
            char col[200];
            int len = snprintf(col, sizeof col, "%s|%s|%d|%d;", db_col_text(st, 0),
                               db_col_text(st, 1), sqlite3_column_int(st, 2),
                               sqlite3_column_int(st, 3));
            crypto_generichash_update(&h, (const unsigned char *)col,
                                      (unsigned long long)(len < (int)sizeof col ? len
                                                           : (int)sizeof col - 1));
        }
    }
    sqlite3_finalize(st);
    unsigned char out[32];
    crypto_generichash_final(&h, out, sizeof out);
    sodium_bin2hex(fp, 65, out, sizeof out);
    return ST_OK;
}

int sync_site_path(st_db *db, int site_no, char *path, size_t cap, st_err *e)
{
    sqlite3_stmt *st;
    int rc = db_prepare(db, "SELECT u.path FROM sync_sites s JOIN units u ON u.id = s.unit_id "
                        "WHERE s.site_no = ?1", &st, e);
    if (rc) return rc;
    sqlite3_bind_int(st, 1, site_no);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) snprintf(path, cap, "%s", db_col_text(st, 0));
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return err_set(e, ST_ENOTFOUND, "không có văn phòng số %d (sangtao site list)", site_no);
    return ST_OK;
}

int sync_hub_no(st_db *db, int *hub, st_err *e)
{
    sqlite3_stmt *st;
    int rc = db_prepare(db, "SELECT site_no FROM sync_sites ORDER BY site_no LIMIT 1", &st, e);
    if (rc) return rc;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *hub = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return err_set(e, ST_ENOTFOUND, "văn phòng này chưa biết máy chủ tỉnh (chưa khởi tạo "
                       "bằng sangtao init --seed)");
    return ST_OK;
}
