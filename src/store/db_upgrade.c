/* sangtao migrate: the schema upgrade after a new package, done once by
 * the administrator (or the package's postinst) rather than by whichever
 * clerk opens the program first, with a checked copy taken before. */
#include "backup.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "db_internal.h"
#include "base/priv.h"

static int version_of(sqlite3 *h, long *v)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(h, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK) return -1;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *v = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : -1;
}

/* Leaving WAL needs the only connection: another process that has the file
 * open (a clerk's screen, a timer) makes it fail, and nothing is changed.
 * Then the exclusive lock keeps newcomers out while the copy is taken. */
static int alone(sqlite3 *h, const char *path, st_err *e)
{
    sqlite3_stmt *st;
    char mode[16] = "";
    sqlite3_busy_timeout(h, 0);
    if (sqlite3_prepare_v2(h, "PRAGMA journal_mode=DELETE", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        snprintf(mode, sizeof mode, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    if (strcmp(mode, "delete") != 0 ||
        sqlite3_exec(h, "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT",
                     NULL, NULL, NULL) != SQLITE_OK)
        return err_set(e, ST_EBUSY, "%s: đang có người mở cơ sở dữ liệu, chưa nâng cấp; khi "
                       "mọi người đã thoát khỏi sangtao, quản trị viên chạy: sangtao migrate "
                       "(database in use, nothing changed)", path);
    return ST_OK;
}

/* A checked copy of h into dir before the migrations. */
static int copy_before(sqlite3 *h, const char *dir, long from, char *copy, size_t n,
                       st_err *e)
{
    int rc = backup_dir_ready(dir, e);
    if (rc) return rc;
    char stamp[32];
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    snprintf(copy, n, "%s/sangtao-before-v%ld-to-v%d-%s.db", dir, from, db_schema_latest(),
             stamp);
    /* Two databases sharing the folder, migrated in the same second: the
     * next free name (the create below still refuses an existing file). */
    struct stat sb;
    for (int k = 2; k < 100 && lstat(copy, &sb) == 0; k++)
        snprintf(copy, n, "%s/sangtao-before-v%ld-to-v%d-%s-%d.db", dir, from,
                 db_schema_latest(), stamp, k);
    priv_user_begin();
    rc = priv_create_file(copy, 0600, (gid_t)-1, e);
    sqlite3 *to = NULL;
    if (!rc && sqlite3_open_v2(copy, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW,
                               NULL) != SQLITE_OK)
        rc = err_set(e, ST_EIO, "%s: không mở được (%s)", copy, to ? sqlite3_errmsg(to) : "?");
    if (!rc) {
        sqlite3_backup *b = sqlite3_backup_init(to, "main", h, "main");
        int s = b ? sqlite3_backup_step(b, -1) : SQLITE_ERROR;
        if (b) sqlite3_backup_finish(b);
        if (s != SQLITE_DONE)
            rc = err_set(e, ST_EIO, "%s: sao lưu trước khi nâng cấp thất bại (%s)", copy,
                         sqlite3_errmsg(to));
    }
    sqlite3_close(to);
    if (rc && to) unlink(copy);
    priv_user_end();
    if (rc) return rc;
    return backup_check_copy(copy, e);
}

int db_upgrade(const config *cfg, const char *backup_dir, int *from, int *to,
               char *copy, size_t ncopy, st_err *e)
{
    const char *path = config_str(cfg, "database.path");
    copy[0] = '\0';
    *from = *to = -1;
    int rc = priv_check_db_path(path, e);
    if (rc) return rc;
    struct stat sb;
    if (stat(path, &sb) != 0)
        return err_set(e, errno == ENOENT ? ST_ENOTFOUND : ST_EIO, "%s: không có cơ sở dữ "
                       "liệu (%s); chưa có gì để nâng cấp — tạo bằng: sangtao init", path,
                       strerror(errno));
    sqlite3 *h = NULL;
    long v = -1;
    if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK ||
        version_of(h, &v) != 0) {
        rc = err_set(e, ST_EDB, "%s: không đọc được cơ sở dữ liệu (%s)", path,
                     h ? sqlite3_errmsg(h) : "?");
        sqlite3_close(h);
        return rc;
    }
    *from = *to = (int)v;
    if (v >= db_schema_latest()) {
        sqlite3_close(h);
        /* db_open says it plainly when the file is newer than we are. */
        st_db *db = NULL;
        rc = db_open(cfg, DB_OPEN_EXISTING, &db, e);
        db_close(&db);
        return rc;
    }
    rc = alone(h, path, e);
    if (!rc) rc = copy_before(h, backup_dir, v, copy, ncopy, e);
    /* Back to normal locking and WAL, then the one transaction of db_open. */
    sqlite3_exec(h, "PRAGMA locking_mode=NORMAL; PRAGMA journal_mode=WAL", NULL, NULL, NULL);
    sqlite3_close(h);
    if (rc) return rc;
    st_db *db = NULL;
    rc = db_open(cfg, DB_OPEN_EXISTING, &db, e);
    if (!rc) *to = db_schema_version(db);
    db_close(&db);
    return rc;
}
