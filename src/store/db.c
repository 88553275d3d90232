/* Opening the database, migrations, transactions, checks and backups. */
#include "db_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/priv.h"
#include "base/sbuf.h"
#include "text/text.h"
#include "capture.h"
#include "stmt_cache.h"

/* Generated from data/NNN_*.sql by tools/embed.sh. */
extern const int migrations_count;
extern const char *const migrations_sql[];
extern const char *const migrations_name[];

#define APP_ID DB_APP_ID /* "STNG": refuse SQLite files of other programs */

struct st_db {
    sqlite3 *h;
    const config *cfg;
    int64_t site_number;
    long busy_ms;
    int cancelled;            /* the wait hook gave up the current wait */
    calendar *cal;
    char path[4096];
    db_wait_hook wait_hook;   /* "đang chờ…" on the screens; see db.h */
    void *wait_ud;
    long busy_retries;        /* waits for another writer, for the stress test */
    long wait_start;
    int waiting;
    int depth;                /* open db_begin levels; above 1 they are savepoints */
    sqlite3_session *sess;    /* capture of the open transaction (capture.c) */
    int capture_ready;        /* sync_outbox exists (after migration 012) */
    sqlite3_stmt *in_exchange; /* SELECT 1 FROM sync_self: capture only then */
    int capture_paused;       /* db_capture_pause: an office applying the hub */
    int cap_origin;           /* db_capture_origin, for the open transaction */
    long long cap_origin_seq;
    stmt_cache *stmts;        /* db_stmt: statements kept prepared */
    int index_held;           /* db_index_hold: index_held() in the triggers */
};

sqlite3 *db_h(st_db *db) { return db->h; }
const config *db_config(const st_db *db) { return db->cfg; }
const char *db_site_code(const st_db *db) { return config_str(db->cfg, "site.code"); }
int db_schema_latest(void) { return migrations_count; }

const char *db_col_text(sqlite3_stmt *st, int col)
{
    const unsigned char *s = sqlite3_column_text(st, col);
    return s ? (const char *)s : "";
}

int db_fail(st_db *db, st_err *e, const char *what)
{
    int rc = db && db->h ? sqlite3_extended_errcode(db->h) : SQLITE_ERROR;
    const char *m = db && db->h ? sqlite3_errmsg(db->h) : "";
    if (db && db->cancelled && (rc & 0xff) == SQLITE_BUSY)
        return err_set(e, ST_EBUSY, "%s: đã thôi chờ — người khác đang ghi vào cơ sở dữ liệu; "
                       "chưa ghi gì, hãy thử lại sau", what);
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return err_set(e, ST_EBUSY, "%s: cơ sở dữ liệu đang bận (người khác đang ghi), "
                       "hãy thử lại (database busy)", what);
    case SQLITE_FULL:
        return err_set(e, ST_EDB, "%s: ổ đĩa đã đầy, dữ liệu chưa được lưu; dữ liệu cũ "
                       "vẫn nguyên vẹn (disk full)", what);
    case SQLITE_READONLY:
        return err_set(e, ST_EDB, "%s: cơ sở dữ liệu chỉ đọc — kiểm tra quyền ghi tệp "
                       "và thư mục (read-only)", what);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return err_set(e, ST_EDB, "%s: tệp cơ sở dữ liệu bị hỏng hoặc không phải của "
                       "sangtao; hãy khôi phục từ bản sao lưu (corrupt)", what);
    case SQLITE_CANTOPEN:
        return err_set(e, ST_EDB, "%s: không mở được tệp cơ sở dữ liệu (%s)", what, m);
    case SQLITE_IOERR:
        return err_set(e, ST_EDB, "%s: lỗi đọc/ghi đĩa (%s)", what, m);
    case SQLITE_CONSTRAINT:
        return err_set(e, ST_EINVAL, "%s: dữ liệu vi phạm ràng buộc (%s)", what, m);
    default:
        return err_set(e, ST_EDB, "%s: lỗi cơ sở dữ liệu (%s)", what, m);
    }
}

int db_prepare(st_db *db, const char *sql, sqlite3_stmt **st, st_err *e)
{
    if (sqlite3_prepare_v2(db->h, sql, -1, st, NULL) != SQLITE_OK) {
        *st = NULL;
        return db_fail(db, e, "chuẩn bị truy vấn");
    }
    return ST_OK;
}

int db_stmt(st_db *db, const char *sql, sqlite3_stmt **st, st_err *e)
{
    if (stmt_cache_get(&db->stmts, db->h, sql, st) != SQLITE_OK) {
        *st = NULL;
        return db_fail(db, e, "chuẩn bị truy vấn");
    }
    return ST_OK;
}

void db_release(st_db *db, sqlite3_stmt *st) { stmt_cache_put(db->stmts, st); }

void db_index_hold(st_db *db, int on) { db->index_held = on; }

void db_now(char buf[32])
{
    const char *fake = clock_fixed_now(); /* tests and the demo: a fixed clock */
    if (fake && strlen(fake) == 20) { memcpy(buf, fake, 21); return; }
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int exec_int(st_db *db, const char *sql, long *out)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK) return -1;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *out = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : -1;
}

int db_schema_version(st_db *db)
{
    long v = -1;
    exec_int(db, "PRAGMA user_version", &v);
    return (int)v;
}

void db_set_wait_hook(st_db *db, db_wait_hook fn, void *ud)
{
    db->wait_hook = fn;
    db->wait_ud = ud;
}

long db_busy_retries(const st_db *db) { return db->busy_retries; }

long db_set_busy_ms(st_db *db, long ms)
{
    long old = db->busy_ms;
    db->busy_ms = ms;
    return old;
}

void db_set_relaxed(st_db *db, int relaxed)
{
    sqlite3_exec(db->h, relaxed ? "PRAGMA synchronous=NORMAL" : "PRAGMA synchronous=FULL", NULL,
                 NULL, NULL);
}

/* The hook's answer: non-zero when the user gave up the wait. */
static int wait_tick(st_db *db, long waited)
{
    db->waiting = 1;
    if (db->wait_hook && db->wait_hook(db->wait_ud, waited)) db->cancelled = 1;
    return db->cancelled;
}

static long mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* SQLite's busy handler: wait with a short back-off up to busy_timeout,
 * telling the hook how long we have waited so a screen can say so. */
static int busy_wait(void *ud, int count)
{
    st_db *db = ud;
    if (count == 0) { db->wait_start = mono_ms(); db->cancelled = 0; }
    long waited = mono_ms() - db->wait_start;
    if (waited >= db->busy_ms || db->cancelled) return 0;
    db->busy_retries++;
    if (wait_tick(db, waited)) return 0;
    usleep((useconds_t)(count < 10 ? 1000 * (count + 1) : 10000));
    return 1;
}

/* The wait is over: let the hook clear its "đang chờ…". */
static void wait_done(st_db *db)
{
    if (!db->waiting) return;
    db->waiting = 0;
    if (db->wait_hook) (void)db->wait_hook(db->wait_ud, -1);
}

/* Every write transaction is captured for the exchange (capture.h), except
 * migrations (ALTER TABLE fails with a session open) and an office applying
 * what the hub sent (db_capture_pause). */
static int capture_open(st_db *db, st_err *e)
{
    db->cap_origin = 0;
    db->cap_origin_seq = 0;
    if (!db->capture_ready || db->capture_paused) return ST_OK;
    /* Only a database in an exchange (a hub once it has a site, an office)
     * keeps an outbox: a server on its own would grow it with every write
     * for nobody.  Asked in each write transaction, under its lock, so a
     * site added while sessions are open is seen by their next write. */
    if (!db->in_exchange &&
        sqlite3_prepare_v3(db->h, "SELECT 1 FROM sync_self", -1, SQLITE_PREPARE_PERSISTENT,
                           &db->in_exchange, NULL) != SQLITE_OK) {
        int code = db_fail(db, e, "bắt đầu ghi");
        sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
        db->depth = 0;
        return code;
    }
    int member = sqlite3_step(db->in_exchange) == SQLITE_ROW;
    sqlite3_reset(db->in_exchange);
    if (!member) return ST_OK;
    int rc = capture_start(db->h, &db->sess);
    if (rc == SQLITE_OK) return ST_OK;
    sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
    db->depth = 0;
    return err_set(e, ST_EDB, "bắt đầu ghi: không mở được phiên ghi nhận thay đổi (%s)",
                   sqlite3_errstr(rc));
}

void db_capture_pause(st_db *db, int paused) { db->capture_paused = paused; }

void db_capture_origin(st_db *db, int origin, long long seq)
{
    db->cap_origin = origin;
    db->cap_origin_seq = seq;
}

void db_capture_enable(st_db *db, int on)
{
    if (db->sess) sqlite3session_enable(db->sess, on);
}

/* Retry BEGIN IMMEDIATE: busy_timeout covers it, but a deadlock-free retry
 * loop also catches SQLITE_BUSY returned at once (e.g. WAL recovery). */
int db_begin(st_db *db, st_err *e)
{
    if (sqlite3_db_readonly(db->h, "main") == 1)
        return err_set(e, ST_EDB, "cơ sở dữ liệu chỉ đọc — không thể ghi; kiểm tra quyền "
                       "ghi tệp %s và thư mục chứa nó (read-only)", db->path);
    /* Inside an outer transaction (bulk.c: thousands of core calls in one
     * commit) each call's own transaction becomes a savepoint, so that its
     * rollback still undoes exactly its own writes. */
    if (db->depth > 0 && sqlite3_get_autocommit(db->h)) db->depth = 0;  /* rolled back under us */
    if (db->depth > 0) {
        if (sqlite3_exec(db->h, "SAVEPOINT st_nested", NULL, NULL, NULL) != SQLITE_OK)
            return db_fail(db, e, "bắt đầu ghi");
        db->depth++;
        return ST_OK;
    }
    /* The busy handler waits inside each attempt; the whole wait, however
     * many attempts, stays within busy_timeout. */
    long start = mono_ms(), waited = 0;
    db->cancelled = 0;
    for (;;) {
        int rc = sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL);
        if (rc == SQLITE_OK) {
            db->depth = 1;
            wait_done(db);
            return capture_open(db, e);
        }
        waited = mono_ms() - start;
        if ((rc & 0xff) != SQLITE_BUSY || waited >= db->busy_ms || db->cancelled ||
            (db->busy_retries++, wait_tick(db, waited))) {
            rc = db->cancelled ? err_set(e, ST_EBUSY, "Đã thôi chờ: người khác đang ghi vào cơ "
                                         "sở dữ liệu; chưa ghi gì, hãy lưu lại sau")
                               : db_fail(db, e, "bắt đầu ghi");
            db->cancelled = 0;
            wait_done(db);
            return rc;
        }
        usleep(20000);
    }
}

int db_commit(st_db *db, st_err *e)
{
    if (db->depth > 1) {
        if (sqlite3_exec(db->h, "RELEASE st_nested", NULL, NULL, NULL) != SQLITE_OK) {
            int code = db_fail(db, e, "lưu");
            db_rollback(db);
            return code;
        }
        db->depth--;
        return ST_OK;
    }
    char at[32] = "";
    if (db->sess) db_now(at);
    int crc = capture_finish(db->h, &db->sess, db->cap_origin, db->cap_origin_seq, at, e);
    if (crc) {
        db_rollback(db);
        return crc;
    }
    long start = mono_ms();
    for (;;) {
        int rc = sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
        if (rc == SQLITE_OK) { db->depth = 0; wait_done(db); return ST_OK; }
        if ((rc & 0xff) != SQLITE_BUSY || mono_ms() - start >= db->busy_ms) {
            int code = db_fail(db, e, "lưu");
            db_rollback(db);
            wait_done(db);
            return code;
        }
        db->busy_retries++;
        usleep(20000);
    }
}

void db_rollback(st_db *db)
{
    if (db->depth > 1) {
        sqlite3_exec(db->h, "ROLLBACK TO st_nested; RELEASE st_nested", NULL, NULL, NULL);
        db->depth--;
        return;
    }
    db->depth = 0;
    capture_discard(&db->sess);
    if (!sqlite3_get_autocommit(db->h))
        sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
}

void db_site_ids(const st_db *db, int64_t *lo, int64_t *hi)
{
    *lo = db->site_number << 40;
    *hi = (db->site_number + 1) << 40;
}

int64_t db_new_id(st_db *db, const char *table)
{
    int64_t lo = db->site_number << 40, hi = (db->site_number + 1) << 40;
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT max(id) FROM %s WHERE id >= ?1 AND id < ?2", table);
    sqlite3_stmt *st;
    int64_t id = lo + 1;
    if (stmt_cache_get(&db->stmts, db->h, sql, &st) != SQLITE_OK) return -1;
    sqlite3_bind_int64(st, 1, lo);
    sqlite3_bind_int64(st, 2, hi);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        id = sqlite3_column_int64(st, 0) + 1;
    stmt_cache_put(db->stmts, st);
    return id;
}

static int db_pragmas(st_db *db, st_err *e)
{
    char sql[128];
    if (sqlite3_exec(db->h, "PRAGMA foreign_keys=ON", NULL, NULL, NULL) != SQLITE_OK)
        return db_fail(db, e, "mở cơ sở dữ liệu");
    /* WAL: many readers and one writer; a read-only file keeps its mode. */
    if (sqlite3_db_readonly(db->h, "main") != 1 &&
        sqlite3_exec(db->h, "PRAGMA journal_mode=WAL", NULL, NULL, NULL) != SQLITE_OK)
        return db_fail(db, e, "mở cơ sở dữ liệu");
    snprintf(sql, sizeof sql, "PRAGMA synchronous=FULL");
    if (sqlite3_exec(db->h, sql, NULL, NULL, NULL) != SQLITE_OK)
        return db_fail(db, e, "mở cơ sở dữ liệu");
    return ST_OK;
}

/* Apply every migration after the current user_version in one transaction. */
static int db_migrate(st_db *db, int current, st_err *e)
{
    if (current >= migrations_count) return ST_OK;
    int rc = db_begin(db, e);
    if (rc) return rc;
    for (int i = current; i < migrations_count; i++) {
        char *msg = NULL;
        if (sqlite3_exec(db->h, migrations_sql[i], NULL, NULL, &msg) != SQLITE_OK) {
            err_set(e, ST_EDB, "nâng cấp cơ sở dữ liệu (%s) thất bại: %s",
                    migrations_name[i], msg ? msg : "?");
            sqlite3_free(msg);
            db_rollback(db);
            return ST_EDB;
        }
    }
    char sql[96];
    snprintf(sql, sizeof sql, "PRAGMA user_version=%d; PRAGMA application_id=%d",
             migrations_count, APP_ID);
    if (sqlite3_exec(db->h, sql, NULL, NULL, NULL) != SQLITE_OK) {
        rc = db_fail(db, e, "ghi phiên bản cơ sở dữ liệu");
        db_rollback(db);
        return rc;
    }
    return db_commit(db, e);
}

/* Refuse files that are not ours or are newer than this binary. */
static int db_identify(st_db *db, int *version, st_err *e)
{
    long v = 0, app = 0, ntables = 0;
    if (exec_int(db, "PRAGMA user_version", &v) < 0 ||
        exec_int(db, "PRAGMA application_id", &app) < 0 ||
        exec_int(db, "SELECT count(*) FROM sqlite_schema", &ntables) < 0)
        return db_fail(db, e, db->path);
    if (v > migrations_count)
        return err_set(e, ST_EDB, "%s: cơ sở dữ liệu ở phiên bản %ld, mới hơn chương trình "
                       "này (phiên bản %d). Hãy cập nhật sangtao (database newer than "
                       "program)", db->path, v, migrations_count);
    if ((v > 0 && app != APP_ID) || (v == 0 && ntables > 0))
        return err_set(e, ST_EDB, "%s: không phải cơ sở dữ liệu của sangtao "
                       "(not a sangtao database)", db->path);
    *version = (int)v;
    return ST_OK;
}

/* The user's name, for a message about what this user may not reach. */
static const char *user_name(char *buf, size_t n)
{
    struct passwd *pw = getpwuid(getuid());
    if (pw && pw->pw_name) snprintf(buf, n, "%s", pw->pw_name);
    else snprintf(buf, n, "uid %u", (unsigned)getuid());
    return buf;
}

/* A database this user cannot reach is not a missing one (issue 12, item
 * 20): name the folder the user may not enter, or the file the user may
 * not read, and never advise init, which would make a second, empty
 * database.  0 when neither is the case. */
static int unreachable(const char *path, st_err *e)
{
    char who[64], dir[4096];
    struct stat sb;
    if (stat(path, &sb) == 0) {
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd >= 0) { close(fd); return 0; }
        if (errno != EACCES && errno != EPERM) return 0;
        return err_set(e, ST_EPERM, "%s: tệp cơ sở dữ liệu có đó, nhưng người dùng %s không được "
                       "đọc (quyền %04o). Cơ sở dữ liệu vẫn còn nguyên: hãy báo quản trị viên cho "
                       "người dùng này quyền (nhóm của tệp), đừng tạo cơ sở dữ liệu mới", path,
                       user_name(who, sizeof who), (unsigned)(sb.st_mode & 07777));
    }
    if (errno != EACCES) return 0;
    /* The deepest folder that can be looked at is the one not entered. */
    snprintf(dir, sizeof dir, "%s", path);
    char *slash;
    while ((slash = strrchr(dir, '/')) != NULL) {
        *slash = '\0';
        const char *d = dir[0] ? dir : "/";
        if (stat(d, &sb) == 0) {
            return err_set(e, ST_EPERM, "%s: người dùng %s không được vào thư mục này (quyền "
                           "%04o), nên không mở được %s. Cơ sở dữ liệu có thể vẫn còn nguyên: "
                           "hãy báo quản trị viên kiểm tra quyền, đừng tạo cơ sở dữ liệu mới",
                           d, user_name(who, sizeof who), (unsigned)(sb.st_mode & 07777), path);
        }
        if (!dir[0]) break;
    }
    return 0;   /* the message below says it without a folder's name */
}

int db_open(const config *cfg, int mode, st_db **out, st_err *e)
{
    *out = NULL;
    const char *path = config_str(cfg, "database.path");
    if (!path || !*path) return err_set(e, ST_EINVAL, "database.path: chưa đặt đường dẫn");
    int rc = priv_check_db_path(path, e);
    if (rc) return rc;
    struct stat sb;
    if (mode == DB_OPEN_EXISTING && (rc = unreachable(path, e))) return rc;
    if (mode == DB_OPEN_EXISTING && stat(path, &sb) != 0) {
        /* Only a file that truly is not there may be made with init: advice
         * to init a database this user merely cannot reach would lead an
         * administrator to a second, empty one. */
        if (errno == ENOENT)
            return err_set(e, ST_ENOTFOUND, "%s: không có tệp cơ sở dữ liệu này. Nếu chưa tạo, "
                           "hãy tạo bằng lệnh: sangtao init", path);
        if (errno == EACCES)
            return err_set(e, ST_EPERM, "%s: người dùng này không được vào thư mục chứa cơ sở "
                           "dữ liệu (không có quyền). Cơ sở dữ liệu có thể vẫn còn nguyên: hãy "
                           "báo quản trị viên kiểm tra quyền, đừng tạo cơ sở dữ liệu mới", path);
        return err_set(e, ST_EIO, "%s: không truy cập được tệp cơ sở dữ liệu (đường dẫn sai "
                       "hoặc hệ thống tệp lỗi, mã %d); đừng tạo cơ sở dữ liệu mới trước khi "
                       "kiểm tra", path, errno);
    }
    if (mode == DB_OPEN_CREATE && stat(path, &sb) == 0)
        return err_set(e, ST_EINVAL, "%s: tệp đã tồn tại; không ghi đè (file exists)", path);
    st_db *db = calloc(1, sizeof *db);
    if (!db) return err_set(e, ST_ENOMEM, "hết bộ nhớ");
    db->cfg = cfg;
    db->site_number = config_int(cfg, "site.number");
    db->busy_ms = config_int(cfg, "database.busy_timeout_ms");
    text_set_tone_style(strcmp(config_str(cfg, "text.tone_style"), "new") == 0);
    snprintf(db->path, sizeof db->path, "%s", path);
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
    if (mode == DB_OPEN_CREATE) flags |= SQLITE_OPEN_CREATE;
    if (sqlite3_open_v2(path, &db->h, flags, NULL) != SQLITE_OK) {
        rc = db_fail(db, e, path);
        db_close(&db);
        return rc;
    }
    /* fold() and the Vietnamese collations, before migrations and triggers use them. */
    if (db_register_text_sql(db->h) != 0 || db_register_index_held(db->h, &db->index_held) != 0) {
        rc = db_fail(db, e, "đăng ký hàm văn bản");
        db_close(&db);
        return rc;
    }
    /* Wait, don't fail, when another process is busy with the file even
     * while we only read its header (someone closing or checkpointing). */
    sqlite3_extended_result_codes(db->h, 1);
    sqlite3_busy_handler(db->h, busy_wait, db);
    int version = 0;
    if ((rc = db_identify(db, &version, e)) || (rc = db_pragmas(db, e)) ||
        (rc = db_migrate(db, version, e))) {
        /* A WAL database cannot even be read without write access to the
         * file and its folder (the -shm index): say so plainly. */
        if (rc == ST_EDB && access(path, W_OK) != 0)
            err_set(e, ST_EDB, "%s: cơ sở dữ liệu chỉ đọc — người dùng này không có quyền "
                    "ghi tệp hoặc thư mục chứa nó; hãy kiểm tra quyền (read-only)", path);
        db_close(&db);
        return rc;
    }
    long has_outbox = 0;
    exec_int(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'sync_outbox'", &has_outbox);
    db->capture_ready = has_outbox > 0;
    *out = db;
    return ST_OK;
}

void db_close(st_db **pdb)
{
    if (!pdb || !*pdb) return;
    st_db *db = *pdb;
    calendar_free(&db->cal);
    capture_discard(&db->sess);
    sqlite3_finalize(db->in_exchange);
    stmt_cache_free(&db->stmts);
    if (db->h) sqlite3_close_v2(db->h);
    free(db);
    *pdb = NULL;
}

const calendar *db_calendar(st_db *db, st_err *e)
{
    if (db->cal) return db->cal;
    calendar *c = NULL;
    if (calendar_new(&c) != ST_OK) { err_set(e, ST_ENOMEM, "hết bộ nhớ"); return NULL; }
    sqlite3_stmt *st;
    if (db_prepare(db, "SELECT day, kind FROM holidays", &st, e)) {
        calendar_free(&c);
        return NULL;
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
        st_day d;
        if (date_parse(db_col_text(st, 0), &d, NULL) == ST_OK)
            calendar_add(c, d, strcmp(db_col_text(st, 1), "workday") == 0 ? 'W' : 'H');
    }
    sqlite3_finalize(st);
    /* data.holidays: a site's own extra days, on top of the table. */
    const char *extra = config_str(db->cfg, "data.holidays");
    if (extra && *extra) {
        FILE *f = fopen(extra, "r");
        if (!f) {
            err_set(e, ST_EIO, "data.holidays: không mở được %s (%s)", extra, strerror(errno));
            calendar_free(&c);
            return NULL;
        }
        int rc = calendar_load_csv(c, f, extra, e);
        fclose(f);
        if (rc) { calendar_free(&c); return NULL; }
    }
    db->cal = c;
    return c;
}

void db_calendar_reset(st_db *db)
{
    calendar_free(&db->cal);
}
