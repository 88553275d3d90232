/* Form drafts (drafts.h). */
#include "drafts.h"

#include <stdlib.h>
#include <string.h>

#include "store/db_internal.h"
#include "base/sbuf.h"

/* sql on the user's live drafts of context (?1 the user, ?2 the context);
 * *row: whether it gave a row. */
static int on_drafts(st_db *db, const char *sql, const st_actor *who, const char *context,
                     const char *what, int *row, st_err *e)
{
    sqlite3_stmt *st;
    int rc = db_stmt(db, sql, &st, e);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, who->id);
    sqlite3_bind_text(st, 2, context, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    db_release(db, st);
    if (row) *row = step == SQLITE_ROW;
    return step == SQLITE_ROW || step == SQLITE_DONE ? ST_OK : db_fail(db, e, what);
}

/* Mark the user's drafts of context discarded; inside a write transaction. */
static int discard_in_tx(st_db *db, const st_actor *who, const char *context,
                         const char *what, st_err *e)
{
    return on_drafts(db, "UPDATE drafts SET deleted = 1 WHERE user_id = ?1 AND context = ?2 "
                     "AND deleted = 0", who, context, what, NULL, e);
}

int draft_save(st_db *db, const st_actor *who, const char *context, const char *title,
               const st_kv *vals, int n, st_err *e)
{
    if (!who || who->id <= 0) return err_set(e, ST_EPERM, "chưa đăng nhập");
    sbuf js;
    sbuf_init(&js);
    sbuf_add(&js, "{");
    for (int i = 0; i < n; i++) {
        if (i) sbuf_add(&js, ",");
        sbuf_json_str(&js, vals[i].name);
        sbuf_add(&js, ":");
        sbuf_json_str(&js, vals[i].value ? vals[i].value : "");
    }
    sbuf_add(&js, "}");
    if (js.oom) { sbuf_free(&js); return err_set(e, ST_ENOMEM, "hết bộ nhớ"); }
    int rc = db_begin(db, e);
    if (rc) { sbuf_free(&js); return rc; }
    sqlite3_stmt *st;
    rc = discard_in_tx(db, who, context, "lưu bản nháp", e);
    if (!rc && !(rc = db_prepare(db, "INSERT INTO drafts(id, user_id, context, title, data, "
                                 "saved_at) VALUES(?1,?2,?3,?4,?5,?6)", &st, e))) {
        char now[32];
        db_now(now);
        sqlite3_bind_int64(st, 1, db_new_id(db, "drafts"));
        sqlite3_bind_int64(st, 2, who->id);
        sqlite3_bind_text(st, 3, context, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, title ? title : "", -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, sbuf_str(&js), -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 6, now, -1, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : db_fail(db, e, "lưu bản nháp");
        sqlite3_finalize(st);
    }
    sbuf_free(&js);
    if (rc) { db_rollback(db); return rc; }
    return db_commit(db, e);
}

void draft_free(draft **d)
{
    if (!d || !*d) return;
    for (int i = 0; i < (*d)->n; i++) free((*d)->store[2 * i]), free((*d)->store[2 * i + 1]);
    free((*d)->store);
    free((*d)->vals);
    free(*d);
    *d = NULL;
}

int draft_latest(st_db *db, const st_actor *who, draft **out, st_err *e)
{
    *out = NULL;
    if (!who || who->id <= 0) return err_set(e, ST_EPERM, "chưa đăng nhập");
    sqlite3_stmt *st;
    int rc = db_prepare(db, "SELECT id, context, title, saved_at FROM drafts WHERE user_id = ?1 "
                        "AND deleted = 0 ORDER BY saved_at DESC, id DESC LIMIT 1", &st, e);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, who->id);
    draft *d = NULL;
    if (sqlite3_step(st) == SQLITE_ROW && (d = calloc(1, sizeof *d))) {
        d->id = sqlite3_column_int64(st, 0);
        snprintf(d->context, sizeof d->context, "%s", db_col_text(st, 1));
        snprintf(d->title, sizeof d->title, "%s", db_col_text(st, 2));
        snprintf(d->saved_at, sizeof d->saved_at, "%s", db_col_text(st, 3));
    }
    sqlite3_finalize(st);
    if (!d) return err_set(e, ST_ENOTFOUND, "không có bản nháp");
    rc = db_prepare(db, "SELECT j.key, j.value FROM drafts, json_each(drafts.data) j "
                    "WHERE drafts.id = ?1", &st, e);
    if (!rc) {
        sqlite3_bind_int64(st, 1, d->id);
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            st_kv *kv = realloc(d->vals, (size_t)(d->n + 1) * sizeof *kv);
            char **s = realloc(d->store, (size_t)(d->n + 1) * 2 * sizeof *s);
            if (kv) d->vals = kv;
            if (s) d->store = s;
            if (!kv || !s) { rc = SQLITE_NOMEM; break; }
            s[2 * d->n] = strdup(db_col_text(st, 0));
            s[2 * d->n + 1] = strdup(db_col_text(st, 1));
            if (!s[2 * d->n] || !s[2 * d->n + 1]) {
                free(s[2 * d->n]);
                free(s[2 * d->n + 1]);
                rc = SQLITE_NOMEM;
                break;
            }
            kv[d->n].name = s[2 * d->n];
            kv[d->n].value = s[2 * d->n + 1];
            d->n++;
        }
        rc = rc == SQLITE_DONE ? ST_OK : rc == SQLITE_NOMEM ? err_set(e, ST_ENOMEM, "hết bộ nhớ")
                                                            : db_fail(db, e, "đọc bản nháp");
        sqlite3_finalize(st);
    }
    if (rc) { draft_free(&d); return rc; }
    *out = d;
    return ST_OK;
}

int draft_discard(st_db *db, const st_actor *who, const char *context, st_err *e)
{
    if (!who || who->id <= 0) return err_set(e, ST_EPERM, "chưa đăng nhập");
    /* Most forms close with no draft kept: a read finds none, and the save
     * just made does not queue again for the write lock (make bench, load
     * run: ^S took it twice). */
    int kept = 0;
    int rc = on_drafts(db, "SELECT 1 FROM drafts WHERE user_id = ?1 AND context = ?2 "
                       "AND deleted = 0", who, context, "đọc bản nháp", &kept, e);
    if (rc || !kept) return rc;
    rc = db_begin(db, e);
    if (rc) return rc;
    rc = discard_in_tx(db, who, context, "xóa bản nháp", e);
    if (rc) { db_rollback(db); return rc; }
    return db_commit(db, e);
}

int draft_purge(st_db *db, long keep_days, int *removed, st_err *e)
{
    *removed = 0;
    char now[32];
    db_now(now);
    int rc = db_begin(db, e);
    if (rc) return rc;
    sqlite3_stmt *st;
    /* Only drafts already discarded: one still waiting is someone's work. */
    rc = db_prepare(db, "DELETE FROM drafts WHERE deleted = 1 AND saved_at < "
                    "strftime('%Y-%m-%dT%H:%M:%SZ', ?1, '-' || ?2 || ' days')", &st, e);
    if (!rc) {
        sqlite3_bind_text(st, 1, now, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, keep_days);
        rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : db_fail(db, e, "xóa bản nháp cũ");
        if (!rc) *removed = sqlite3_changes(db_h(db));
        sqlite3_finalize(st);
    }
    if (rc) { db_rollback(db); return rc; }
    return db_commit(db, e);
}
