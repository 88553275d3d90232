/* sangtao backup --rotate: a checked backup a day in a private folder,
 * the older ones thinned to the newest of each of the last days, weeks and
 * months (backup.keep_daily, keep_weekly, keep_monthly), and the record of
 * the last one that `sangtao check` shows. */
#include "backup.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db_internal.h"
#include "base/priv.h"

void backup_keep_from_config(const config *cfg, backup_keep *k)
{
    k->daily = (int)config_int(cfg, "backup.keep_daily");
    k->weekly = (int)config_int(cfg, "backup.keep_weekly");
    k->monthly = (int)config_int(cfg, "backup.keep_monthly");
}

/* ---- names and the policy --------------------------------------------------- */

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return 0;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 1;
}

int backup_name_time(const char *name, struct tm *tm)
{
    /* sangtao-YYYY-MM-DD-HHMM.db or sangtao-YYYY-MM-DD-HHMMSS.db */
    static const char pre[] = "sangtao-";
    size_t len = strlen(name), p = sizeof pre - 1;
    if (strncmp(name, pre, p) != 0 || (len != p + 18 && len != p + 20)) return 0;
    const char *s = name + p;
    int y, mo, d, h, mi, sec = 0;
    if (!digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &mo) || s[7] != '-' ||
        !digits(s + 8, 2, &d) || s[10] != '-' || !digits(s + 11, 2, &h) ||
        !digits(s + 13, 2, &mi))
        return 0;
    const char *end = s + 15;
    if (len == p + 20) {
        if (!digits(end, 2, &sec)) return 0;
        end += 2;
    }
    if (strcmp(end, ".db") != 0) return 0;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return 0;
    memset(tm, 0, sizeof *tm);
    tm->tm_year = y - 1900;
    tm->tm_mon = mo - 1;
    tm->tm_mday = d;
    tm->tm_hour = h;
    tm->tm_min = mi;
    tm->tm_sec = sec;
    /* Weekday and day of year, for the ISO week: the date alone, in UTC. */
    struct tm day = *tm;
    day.tm_hour = 12;
    day.tm_min = day.tm_sec = 0;
    time_t t = timegm(&day);
    struct tm back;
    gmtime_r(&t, &back);
    if (back.tm_mday != d) return 0;   /* 31/02 and the like */
    tm->tm_wday = back.tm_wday;
    tm->tm_yday = back.tm_yday;
    return 1;
}

typedef struct {
    int idx;
    long long when;          /* YYYYMMDDHHMMSS */
    long day, week, month;   /* the buckets */
} entry;

static int newest_first(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    if (x->when != y->when) return x->when > y->when ? -1 : 1;
    return x->idx - y->idx;
}

/* Keep the newest entry of each of the first `limit` distinct buckets. */
static void keep_buckets(const entry *v, int n, int limit, int which, int *keep)
{
    long last = -1;
    int taken = 0;
    for (int i = 0; i < n && taken < limit; i++) {
        long b = which == 0 ? v[i].day : which == 1 ? v[i].week : v[i].month;
        if (b == last) continue;
        last = b;   /* newest first: a bucket's entries are consecutive */
        keep[v[i].idx] = 1;
        taken++;
    }
}

void backup_plan(const char *const *names, int n, const backup_keep *k, int *keep)
{
    entry *v = calloc((size_t)(n > 0 ? n : 1), sizeof *v);
    int m = 0;
    for (int i = 0; i < n; i++) {
        struct tm tm;
        keep[i] = 1;
        if (!v || !backup_name_time(names[i], &tm)) continue;
        keep[i] = 0;
        char wk[16];
        strftime(wk, sizeof wk, "%G%V", &tm);
        v[m].idx = i;
        v[m].when = (((((tm.tm_year + 1900LL) * 100 + tm.tm_mon + 1) * 100 + tm.tm_mday) * 100 +
                      tm.tm_hour) * 100 + tm.tm_min) * 100 + tm.tm_sec;
        v[m].day = (long)(v[m].when / 1000000);
        v[m].week = strtol(wk, NULL, 10);
        v[m].month = (long)(v[m].when / 100000000);
        m++;
    }
    if (!v) return;   /* out of memory: keep everything */
    qsort(v, (size_t)m, sizeof *v, newest_first);
    keep_buckets(v, m, k->daily, 0, keep);
    keep_buckets(v, m, k->weekly, 1, keep);
    keep_buckets(v, m, k->monthly, 2, keep);
    if (m > 0) keep[v[0].idx] = 1;   /* the newest, whatever the settings */
    free(v);
}

/* ---- the folder and the copy ------------------------------------------------- */

int backup_dir_ready(const char *dir, st_err *e)
{
    struct stat sb;
    int rc = ST_OK;
    priv_user_begin();
    if (lstat(dir, &sb) != 0 && errno == ENOENT && mkdir(dir, 0700) != 0 && errno != EEXIST)
        rc = err_set(e, ST_EIO, "%s: không tạo được thư mục sao lưu (%s)", dir, strerror(errno));
    else if (lstat(dir, &sb) != 0)
        rc = err_set(e, ST_EIO, "%s: không vào được thư mục sao lưu (%s)", dir, strerror(errno));
    else if (S_ISLNK(sb.st_mode) || !S_ISDIR(sb.st_mode))
        rc = err_set(e, ST_EINVAL, "%s: không phải thư mục (hoặc là liên kết tượng trưng); "
                     "bản sao lưu chỉ ghi vào một thư mục thật", dir);
    else if (sb.st_mode & 077)
        rc = err_set(e, ST_EPERM, "%s: thư mục sao lưu để người khác đọc được (quyền %04o); "
                     "bản sao lưu chứa mọi dữ liệu và mật khẩu đã băm: hãy chạy "
                     "chmod 0700 %s", dir, (unsigned)(sb.st_mode & 07777), dir);
    priv_user_end();
    return rc;
}

int backup_check_copy(const char *path, st_err *e)
{
    sqlite3 *h = NULL;
    sqlite3_stmt *st = NULL;
    char why[300] = "";
    priv_user_begin();
    if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK)
        snprintf(why, sizeof why, "không mở lại được (%s)", h ? sqlite3_errmsg(h) : "?");
    else if (db_register_text_sql(h) != 0)   /* the indexes' collations and fold() */
        snprintf(why, sizeof why, "không đăng ký được hàm văn bản");
    else if (sqlite3_prepare_v2(h, "SELECT (SELECT application_id FROM pragma_application_id), "
                                "(SELECT group_concat(integrity_check, '; ') "
                                "FROM pragma_integrity_check)", -1, &st, NULL) != SQLITE_OK ||
             sqlite3_step(st) != SQLITE_ROW)
        snprintf(why, sizeof why, "không đọc lại được (%s)", sqlite3_errmsg(h));
    else if (sqlite3_column_int(st, 0) != DB_APP_ID)
        snprintf(why, sizeof why, "không phải cơ sở dữ liệu sangtao");
    else if (strcmp(db_col_text(st, 1), "ok") != 0)
        snprintf(why, sizeof why, "integrity_check: %.200s", db_col_text(st, 1));
    sqlite3_finalize(st);
    sqlite3_close(h);
    if (why[0]) unlink(path);
    priv_user_end();
    if (why[0])
        return err_set(e, ST_EDB, "%s: bản sao lưu vừa ghi bị lỗi khi kiểm tra lại — %s; đã "
                       "xóa bản hỏng, các bản cũ giữ nguyên", path, why);
    return ST_OK;
}

/* The local time of the program's clock (a fixed one in tests). */
static void local_now(struct tm *tm)
{
    char now[32];
    db_now(now);
    struct tm u;
    memset(&u, 0, sizeof u);
    time_t t = time(NULL);
    if (sscanf(now, "%4d-%2d-%2dT%2d:%2d:%2d", &u.tm_year, &u.tm_mon, &u.tm_mday, &u.tm_hour,
               &u.tm_min, &u.tm_sec) == 6) {
        u.tm_year -= 1900;
        u.tm_mon -= 1;
        t = timegm(&u);
    }
    localtime_r(&t, tm);
}

static int record_last(st_db *db, const char *path, st_err *e)
{
    char now[32];
    db_now(now);
    sqlite3_stmt *st;
    int rc = db_begin(db, e);
    if (rc) return rc;
    if ((rc = db_prepare(db, "INSERT OR REPLACE INTO meta(key, value) VALUES "
                         "('backup.last_at', ?1), ('backup.last_path', ?2)", &st, e))) {
        db_rollback(db);
        return rc;
    }
    sqlite3_bind_text(st, 1, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, path, -1, SQLITE_TRANSIENT);
    int s = sqlite3_step(st);
    sqlite3_finalize(st);
    if (s != SQLITE_DONE) {
        rc = db_fail(db, e, "ghi lần sao lưu cuối");
        db_rollback(db);
        return rc;
    }
    return db_commit(db, e);
}

/* Remove the rotated backups the policy does not keep. */
static int rotate(const char *dir, const char *fresh, const backup_keep *k, backup_result *r,
                  FILE *out, st_err *e)
{
    DIR *d = opendir(dir);
    if (!d) return err_set(e, ST_EIO, "%s: không đọc được thư mục (%s)", dir, strerror(errno));
    char **names = NULL;
    int n = 0, cap = 0, rc = ST_OK;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        struct tm tm;
        if (!backup_name_time(de->d_name, &tm)) continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **nn = realloc(names, (size_t)cap * sizeof *nn);
            if (!nn) { rc = err_set(e, ST_ENOMEM, "hết bộ nhớ"); break; }
            names = nn;
        }
        if (!(names[n] = strdup(de->d_name))) { rc = err_set(e, ST_ENOMEM, "hết bộ nhớ"); break; }
        n++;
    }
    closedir(d);
    int *keep = rc ? NULL : calloc((size_t)(n > 0 ? n : 1), sizeof *keep);
    if (!rc && !keep) rc = err_set(e, ST_ENOMEM, "hết bộ nhớ");
    if (!rc) backup_plan((const char *const *)names, n, k, keep);
    for (int i = 0; !rc && i < n; i++) {
        char p[4200];
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        struct stat sb;
        if (keep[i] || strcmp(p, fresh) == 0 || lstat(p, &sb) != 0 || !S_ISREG(sb.st_mode)) {
            r->kept++;
            continue;
        }
        if (unlink(p) != 0) {
            rc = err_set(e, ST_EIO, "%s: không xóa được bản sao lưu cũ (%s)", p, strerror(errno));
            break;
        }
        fprintf(out, "đã xóa bản cũ: %s\n", p);
        r->removed++;
    }
    for (int i = 0; i < n; i++) free(names[i]);
    free(names);
    free(keep);
    return rc;
}

int backup_rotate(st_db *db, const char *dir, const backup_keep *k, backup_result *r,
                  FILE *out, st_err *e)
{
    memset(r, 0, sizeof *r);
    int rc = backup_dir_ready(dir, e);
    if (rc) return rc;
    struct tm tm;
    local_now(&tm);
    char stamp[32];
    size_t dl = strlen(dir);
    while (dl > 1 && dir[dl - 1] == '/') dl--;
    strftime(stamp, sizeof stamp, "%Y-%m-%d-%H%M", &tm);
    snprintf(r->path, sizeof r->path, "%.*s/sangtao-%s.db", (int)dl, dir, stamp);
    struct stat sb;
    if (lstat(r->path, &sb) == 0) {   /* a second run in the same minute */
        strftime(stamp, sizeof stamp, "%Y-%m-%d-%H%M%S", &tm);
        snprintf(r->path, sizeof r->path, "%.*s/sangtao-%s.db", (int)dl, dir, stamp);
    }
    if ((rc = db_backup(db, r->path, e)) || (rc = backup_check_copy(r->path, e))) return rc;
    char clean[4200];
    snprintf(clean, sizeof clean, "%.*s", (int)dl, dir);
    priv_user_begin();
    rc = rotate(clean, r->path, k, r, out, e);
    priv_user_end();
    if (rc) return rc;
    return record_last(db, r->path, e);
}

int backup_last(st_db *db, char when[32], char *path, size_t n, st_err *e)
{
    sqlite3_stmt *st;
    when[0] = '\0';
    path[0] = '\0';
    int rc = db_prepare(db, "SELECT key, value FROM meta WHERE key IN "
                        "('backup.last_at', 'backup.last_path')", &st, e);
    if (rc) return rc;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (strcmp(db_col_text(st, 0), "backup.last_at") == 0)
            snprintf(when, 32, "%s", db_col_text(st, 1));
        else
            snprintf(path, n, "%s", db_col_text(st, 1));
    }
    sqlite3_finalize(st);
    return when[0] ? ST_OK : ST_ENOTFOUND;
}
