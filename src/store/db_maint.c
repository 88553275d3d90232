/* Upkeep and restore of the database file: db_maintain for the nightly
 * cron entry, db_check (sangtao check), db_backup for an online copy,
 * db_restore to put a backup back. */
#include "db_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/priv.h"

static int one_row(sqlite3 *h, const char *sql, char *buf, size_t n)
{
    sqlite3_stmt *st;
    buf[0] = '\0';
    if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK) return -1;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) snprintf(buf, n, "%s", (const char *)(sqlite3_column_text(st, 0) ? sqlite3_column_text(st, 0) : (const unsigned char *)""));
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
}

int db_maintain(st_db *db, FILE *out, st_err *e)
{
    sqlite3 *h = db_h(db);
    int log = -1, done = -1, bad = 0;
    /* TRUNCATE waits for readers (busy handler) and then empties the WAL. */
    int rc = sqlite3_wal_checkpoint_v2(h, "main", SQLITE_CHECKPOINT_TRUNCATE, &log, &done);
    if (rc == SQLITE_OK)
        fprintf(out, "wal_checkpoint: ok (%d trang đã ghi vào tệp chính)\n", done < 0 ? 0 : done);
    else if ((rc & 0xff) == SQLITE_BUSY)
        fprintf(out, "wal_checkpoint: chưa xong — có người đang đọc; sẽ làm lại lần sau (busy)\n");
    else
        return db_fail(db, e, "wal_checkpoint");
    sqlite3_stmt *st;
    if ((rc = db_prepare(db, "PRAGMA quick_check", &st, e))) return rc;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *t = db_col_text(st, 0);
        if (strcmp(t, "ok") == 0) continue;
        fprintf(out, "quick_check: %s\n", t);
        bad++;
    }
    sqlite3_finalize(st);
    fprintf(out, "quick_check: %s\n", bad ? "LỖI" : "ok");
    /* No planner statistics (data/006_speed.sql: the queries and indexes
     * are written for the planner without them).  PRAGMA optimize, which
     * this ran until 2026-12, left ANALYZE's figures behind, and with them
     * the home screen took 127 ms instead of 8, a district clerk's 124
     * instead of 3, a commune's list 29 instead of 1.3 (make bench, 100 000
     * proposals).  Dropping them changes the schema: every connection
     * plans afresh at its next statement. */
    char stat[8];
    if (one_row(h, "SELECT 1 FROM sqlite_schema WHERE name IN ('sqlite_stat1', 'sqlite_stat4')",
                stat, sizeof stat) == 0) {
        if (sqlite3_exec(h, "DROP TABLE IF EXISTS sqlite_stat1; DROP TABLE IF EXISTS sqlite_stat4",
                         NULL, NULL, NULL) != SQLITE_OK)
            return db_fail(db, e, "xóa thống kê ANALYZE");
        fprintf(out, "planner_stats: đã xóa thống kê ANALYZE (các truy vấn viết cho "
                "bộ lập kế hoạch không có thống kê)\n");
    }
    /* The search indexes gather a segment with nearly every write; merged
     * into one each night, a search reads each word's list once, not once
     * a segment (make bench, 100 000 proposals: 3 s to merge; a commune's
     * clerk typing "hanh chinh": 48 → 7 ms a key). */
    if (sqlite3_exec(h, "INSERT INTO proposal_fts(proposal_fts) VALUES('optimize'); "
                     "INSERT INTO proposal_marks(proposal_marks) VALUES('optimize')",
                     NULL, NULL, NULL) != SQLITE_OK)
        return db_fail(db, e, "gộp chỉ mục tìm kiếm");
    fprintf(out, "search_index: đã gộp (optimize)\n");
    /* A database in no exchange keeps no outbox (db.c, capture_open); what
     * an earlier version captured for nobody goes. */
    char buf[32];
    if (one_row(h, "SELECT count(*) FROM sync_outbox WHERE NOT EXISTS (SELECT 1 FROM sync_self)",
                buf, sizeof buf) == 0 && atol(buf) > 0) {
        if (sqlite3_exec(h, "DELETE FROM sync_outbox WHERE NOT EXISTS (SELECT 1 FROM sync_self)",
                         NULL, NULL, NULL) != SQLITE_OK)
            return db_fail(db, e, "dọn sync_outbox");
        fprintf(out, "sync_outbox: đã xóa %s thay đổi ghi lại cho trao đổi (cơ sở dữ liệu này "
                "không tham gia trao đổi nào)\n", buf);
    }
    if (bad)
        return err_set(e, ST_EDB, "quick_check phát hiện %d lỗi: hãy chạy \"sangtao check\" và "
                       "khôi phục từ bản sao lưu (sangtao restore)", bad);
    return ST_OK;
}

/* ---- check, backup ---------------------------------------------------------- */

static int check_rows(st_db *db, const char *sql, const char *label, FILE *out, int *bad)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db_h(db), sql, -1, &st, NULL) != SQLITE_OK) return -1;
    int n = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *txt = db_col_text(st, 0);
        if (strcmp(txt, "ok") == 0) continue;
        fprintf(out, "%s: %s\n", label, txt);
        n++;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return -1;
    fprintf(out, "%s: %s\n", label, n ? "LỖI" : "ok");
    *bad += n;
    return 0;
}

int db_check(st_db *db, FILE *out, st_err *e)
{
    int bad = 0;
    if (check_rows(db, "PRAGMA integrity_check", "integrity_check", out, &bad) < 0 ||
        check_rows(db, "SELECT \"table\" || ' rowid ' || rowid || ' -> ' || parent "
                   "FROM pragma_foreign_key_check", "foreign_key_check", out, &bad) < 0)
        return db_fail(db, e, "kiểm tra");
    int v = db_schema_version(db);
    fprintf(out, "schema_version: %d (chương trình: %d) %s\n", v, db_schema_latest(),
            v == db_schema_latest() ? "ok" : "LỖI");
    if (v != db_schema_latest()) bad++;
    if (bad) return err_set(e, ST_EDB, "kiểm tra phát hiện %d lỗi", bad);
    return ST_OK;
}

static int backup_to(st_db *db, const char *dest, st_err *e);

/* The copy is the user's file: made with the user's own group, not the
 * sangtao group the program may run with, and mode 0600. */
int db_backup(st_db *db, const char *dest, st_err *e)
{
    priv_user_begin();
    int rc = backup_to(db, dest, e);
    priv_user_end();
    return rc;
}

static int backup_to(st_db *db, const char *dest, st_err *e)
{
    /* Every row and every password hash is in the copy: only its maker
     * (the administrator, or root's nightly job) may read it. */
    int made = priv_create_file(dest, 0600, (gid_t)-1, e);
    if (made) return made;
    sqlite3 *to = NULL;
    if (sqlite3_open_v2(dest, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK) {
        err_set(e, ST_EIO, "%s: không tạo được tệp sao lưu (%s)", dest, sqlite3_errmsg(to));
        sqlite3_close(to);
        unlink(dest);
        return ST_EIO;
    }
    sqlite3_backup *b = sqlite3_backup_init(to, "main", db_h(db), "main");
    int rc = SQLITE_ERROR;
    if (b) {
        /* Copy in steps so writers are not blocked for the whole copy; a
         * write by another connection restarts the copy, keeping it
         * consistent. */
        do {
            rc = sqlite3_backup_step(b, 256);
            if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
        } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
        sqlite3_backup_finish(b);
    }
    if (rc != SQLITE_DONE) {
        err_set(e, ST_EIO, "%s: sao lưu thất bại (%s)", dest, sqlite3_errmsg(to));
        sqlite3_close(to);
        unlink(dest);
        return ST_EIO;
    }
    /* One self-contained file (no -wal/-shm beside it), to copy or restore. */
    sqlite3_exec(to, "PRAGMA journal_mode=WAL; PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
    sqlite3_close(to);
    return ST_OK;
}

/* ---- restore ----------------------------------------------------------------- */

/* Is src a sound sangtao database this program can open? */
static int restore_check_source(sqlite3 *s, const char *src, st_err *e)
{
    char buf[256];
    if (one_row(s, "PRAGMA application_id", buf, sizeof buf) != 0)
        return err_set(e, ST_EINVAL, "%s: không đọc được tệp — không phải cơ sở dữ liệu "
                       "SQLite hoặc tệp bị hỏng (%s)", src, sqlite3_errmsg(s));
    long app = strtol(buf, NULL, 10);
    one_row(s, "PRAGMA user_version", buf, sizeof buf);
    long v = strtol(buf, NULL, 10);
    if (app != DB_APP_ID || v < 1)
        return err_set(e, ST_EINVAL, "%s: không phải bản sao lưu cơ sở dữ liệu của sangtao "
                       "(not a sangtao database)", src);
    if (v > db_schema_latest())
        return err_set(e, ST_EINVAL, "%s: bản sao lưu ở phiên bản %ld, mới hơn chương trình "
                       "này (phiên bản %d); hãy cập nhật sangtao trước", src, v,
                       db_schema_latest());
    if (one_row(s, "PRAGMA integrity_check", buf, sizeof buf) != 0 || strcmp(buf, "ok") != 0)
        return err_set(e, ST_EINVAL, "%s: bản sao lưu bị hỏng (integrity_check: %.120s); "
                       "không khôi phục", src, buf[0] ? buf : sqlite3_errmsg(s));
    return ST_OK;
}

/* Copy the whole of from ("main") into to ("main") in one step. */
static int copy_db(sqlite3 *to, sqlite3 *from)
{
    sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
    if (!b) return sqlite3_errcode(to);
    int rc = sqlite3_backup_step(b, -1);
    sqlite3_backup_finish(b);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int aside_name(const char *path, char *aside, st_err *e)
{
    char ts[32];
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(ts, sizeof ts, "%Y%m%d-%H%M%S", &tm);
    snprintf(aside, 4200, "%s.before-restore-%s", path, ts);
    struct stat sb;
    if (stat(aside, &sb) == 0)
        return err_set(e, ST_EIO, "%s: đã có; hãy đợi một giây rồi chạy lại", aside);
    return ST_OK;
}

/* The current file is not a readable database (corrupt): copy the backup
 * into a new file beside it (the mode and group of the file it replaces,
 * so the other clerks keep their access), check it, and only then move the
 * damaged file and its WAL aside as they are and put the new one in place. */
static int restore_damaged(const char *path, const struct stat *orig, sqlite3 *s,
                           char *aside, st_err *e)
{
    char from[4300], to[4300], fresh[4300];
    int rc = aside_name(path, aside, e);
    if (rc) return rc;
    snprintf(fresh, sizeof fresh, "%s.restoring", path);
    rc = priv_create_file(fresh, orig->st_mode & 0777, orig->st_gid, e);
    if (rc) return rc;
    sqlite3 *t = NULL;
    rc = sqlite3_open_v2(fresh, &t, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
    if (rc == SQLITE_OK) rc = copy_db(t, s);
    char ok[256] = "";
    if (rc == SQLITE_OK && (one_row(t, "PRAGMA integrity_check", ok, sizeof ok) != 0 ||
                            strcmp(ok, "ok") != 0))
        rc = SQLITE_CORRUPT;
    if (rc != SQLITE_OK) {
        err_set(e, ST_EDB, "%s: khôi phục thất bại (%s); tệp hỏng vẫn ở chỗ cũ", path,
                t ? sqlite3_errmsg(t) : sqlite3_errstr(rc));
        sqlite3_close(t);
        unlink(fresh);
        return ST_EDB;
    }
    sqlite3_close(t);
    if (rename(path, aside) != 0) {
        err_set(e, ST_EIO, "%s: không đổi tên được thành %s (%s)", path, aside, strerror(errno));
        unlink(fresh);
        return ST_EIO;
    }
    snprintf(from, sizeof from, "%s-wal", path);
    snprintf(to, sizeof to, "%s-wal", aside);
    if (rename(from, to) != 0 && errno != ENOENT) { /* kept in place: harmless */ }
    snprintf(from, sizeof from, "%s-shm", path);
    unlink(from);
    if (rename(fresh, path) != 0)
        return err_set(e, ST_EIO, "%s: không đặt được bản khôi phục vào chỗ (%s); bản khôi "
                       "phục ở %s, tệp hỏng ở %s", path, strerror(errno), fresh, aside);
    return ST_OK;
}

static int restore_into(sqlite3 *t, sqlite3 *s, const char *path, const struct stat *orig,
                        const char *src, char *aside, st_err *e)
{
    char mode[32];
    /* Leaving WAL needs the only connection: a clerk still working (or a
     * cron job) makes this fail, and nothing has been touched yet. */
    sqlite3_busy_timeout(t, 0);
    int jm = one_row(t, "PRAGMA journal_mode=DELETE", mode, sizeof mode);
    int code = sqlite3_errcode(t) & 0xff;
    if (jm != 0 && code != SQLITE_BUSY && code != SQLITE_LOCKED)
        return -1;   /* not readable at all: the caller sets it aside whole */
    if (jm != 0 || strcmp(mode, "delete") != 0)
        return err_set(e, ST_EBUSY, "%s: đang có người khác mở cơ sở dữ liệu; hãy báo mọi "
                       "người thoát khỏi sangtao (và tạm dừng cron) rồi chạy lại lệnh khôi "
                       "phục. Chưa thay đổi gì (database in use)", path);
    /* Keep everyone else out until we are done. */
    if (sqlite3_exec(t, "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT",
                     NULL, NULL, NULL) != SQLITE_OK)
        return err_set(e, ST_EBUSY, "%s: không giữ được khóa ghi (%s); chưa thay đổi gì",
                       path, sqlite3_errmsg(t));
    int rc = aside_name(path, aside, e);
    if (rc) return rc;
    /* The copy set aside holds what the database holds: same mode, group. */
    rc = priv_create_file(aside, orig->st_mode & 0777, orig->st_gid, e);
    if (rc) return rc;
    sqlite3 *a = NULL;
    rc = sqlite3_open_v2(aside, &a, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
    if (rc == SQLITE_OK) rc = copy_db(a, t);
    if (rc != SQLITE_OK) {
        err_set(e, ST_EIO, "%s: không cất được bản hiện tại (%s); chưa thay đổi gì", aside,
                a ? sqlite3_errmsg(a) : "?");
        sqlite3_close(a);
        unlink(aside);
        return ST_EIO;
    }
    sqlite3_close(a);
    /* One transaction: the old content stays if the copy fails half way. */
    if ((rc = copy_db(t, s)) != SQLITE_OK)
        return err_set(e, ST_EDB, "%s: khôi phục từ %s thất bại (%s); cơ sở dữ liệu cũ vẫn "
                       "nguyên, bản sao ở %s", path, src, sqlite3_errstr(rc), aside);
    char ok[256];
    if (one_row(t, "PRAGMA integrity_check", ok, sizeof ok) != 0 || strcmp(ok, "ok") != 0)
        return err_set(e, ST_EDB, "%s: kiểm tra sau khi khôi phục thất bại (%.100s); bản cũ ở %s",
                       path, ok, aside);
    /* Exclusive mode keeps the (committed, so not hot) journal file: remove
     * it while we still hold the lock, then back to WAL and normal locking. */
    char jpath[4300];
    snprintf(jpath, sizeof jpath, "%s-journal", path);
    unlink(jpath);
    sqlite3_exec(t, "PRAGMA locking_mode=NORMAL", NULL, NULL, NULL);
    one_row(t, "PRAGMA journal_mode=WAL", mode, sizeof mode);
    return ST_OK;
}

int db_restore(const config *cfg, const char *src, char *aside, st_err *e)
{
    const char *path = config_str(cfg, "database.path");
    aside[0] = '\0';
    int rc = priv_check_db_path(path, e);
    if (rc) return rc;
    struct stat sb;
    if (stat(path, &sb) != 0)
        return err_set(e, ST_ENOTFOUND, "%s: không tìm thấy cơ sở dữ liệu (%s)", path,
                       strerror(errno));
    /* The backup is the user's file: read it with the user's own rights. */
    sqlite3 *s = NULL, *t = NULL;
    priv_user_begin();
    if (access(src, R_OK) != 0)
        rc = err_set(e, ST_EIO, "%s: không đọc được tệp (%s)", src, strerror(errno));
    else if (sqlite3_open_v2(src, &s, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        rc = err_set(e, ST_EINVAL, "%s: không mở được (%s)", src, s ? sqlite3_errmsg(s) : "?");
    else
        rc = restore_check_source(s, src, e);
    priv_user_end();
    if (!rc && sqlite3_open_v2(path, &t, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        rc = err_set(e, ST_EDB, "%s: không mở được (%s)", path, t ? sqlite3_errmsg(t) : "?");
    if (!rc) rc = restore_into(t, s, path, &sb, src, aside, e);
    sqlite3_close(t);   /* ends the exclusive lock; the next open goes back to WAL */
    if (rc == -1) rc = restore_damaged(path, &sb, s, aside, e);
    sqlite3_close(s);
    return rc;
}
