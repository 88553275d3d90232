/* tests/bench/corebench: time the core calls the screens make, on a copy
 * of the province database, and the floor that the sqlite3 shell sets for
 * the same work in plain SQL.
 *
 *   corebench DB [RUNS]
 *
 * One line per measure, tab-separated:
 *   NAME  MEDIAN_US  TARGET_US|-  FLOOR_US|-  NOTE
 * Every number is measured here and now: RUNS (≥ 5) timed runs after one
 * untimed warm-up, median reported.  The floor runs the statement K times in
 * one `sqlite3` process and subtracts the time of the same process doing
 * nothing, so the shell's start is not counted. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "store/config.h"
#include "store/db.h"
#include "store/db_internal.h"
#include "flow/home.h"
#include "flow/proposal.h"
#include "report/report.h"
#include "flow/stats.h"
#include "flow/users.h"
#include "flow/workflow.h"

#define PAGE 20          /* rows of the list on a 24-line terminal */
#define MAXRUNS 50

static const char *dbpath;
static int runs = 7;

static long long now_us(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

static int cmp_ll(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return x < y ? -1 : x > y;
}

static long long median(long long *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_ll);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* ---- the floor: the sqlite3 shell -------------------------------------- */

static long long shell_once(const char *script)
{
    char path[] = "/tmp/sangtao-bench-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return -1;
    FILE *f = fdopen(fd, "w");
    fputs(script, f);
    fclose(f);
    long long t0 = now_us();
    pid_t pid = fork();
    if (pid == 0) {
        if (!freopen(path, "r", stdin) || !freopen("/dev/null", "w", stdout)) _exit(127);
        execlp("sqlite3", "sqlite3", "-batch", dbpath, (char *)NULL);
        _exit(127);
    }
    int st = 0;
    waitpid(pid, &st, 0);
    long long dt = now_us() - t0;
    unlink(path);
    return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? dt : -1;
}

/* Median over runs of (K statements − no statement) / K, in µs. */
static long long floor_us(const char *sql, int k)
{
    long long v[MAXRUNS];
    size_t cap = strlen(sql) * (size_t)k + 256;
    char *script = malloc(cap), *empty = "PRAGMA busy_timeout=5000;\n";
    if (!script) return -1;
    strcpy(script, empty);
    for (int i = 0; i < k; i++) { strcat(script, sql); strcat(script, "\n"); }
    shell_once(script);                       /* warm the page cache */
    int n = 0;
    for (int r = 0; r < runs; r++) {
        long long with = shell_once(script), without = shell_once(empty);
        if (with < 0 || without < 0) { free(script); return -1; }
        v[n++] = (with - without) / k > 0 ? (with - without) / k : 1;
    }
    free(script);
    return median(v, n);
}

/* ---- the core ------------------------------------------------------------ */

static st_db *db;
static st_actor who;
static st_err err;

typedef int (*bench_fn)(void *ud);

static long long time_core(bench_fn fn, void *ud)
{
    long long v[MAXRUNS];
    if (fn(ud)) return -1;                  /* warm-up, and the error check */
    for (int r = 0; r < runs; r++) {
        long long t0 = now_us();
        if (fn(ud)) return -1;
        v[r] = now_us() - t0;
    }
    return median(v, runs);
}

static void row(const char *name, long long us, long long target, long long floor, const char *note)
{
    if (us < 0) printf("%s\t-\t%lld\t-\tlỗi: %s\n", name, target, err.msg);
    else if (floor > 0) printf("%s\t%lld\t%lld\t%lld\t%s\n", name, us, target, floor, note);
    else printf("%s\t%lld\t%lld\t-\t%s\n", name, us, target, note);
    fflush(stdout);
}

static int count_rows;
static int on_row(const proposal_row *r, void *ud) { (void)r; (void)ud; count_rows++; return 0; }
static int on_any(const void *r, void *ud) { (void)r; (void)ud; return 0; }

static int do_list(void *ud)
{
    count_rows = 0;
    return proposal_list(db, &who, (const proposal_filter *)ud, on_row, NULL, &err);
}

static int do_home(void *ud)
{
    (void)ud;
    long counts[S_COUNT];
    int total = 0;
    return stats_by_state(db, &who, counts, &err) ||
           home_overdue(db, &who, 8, (home_overdue_cb)on_any, NULL, &total, &err) ||
           home_recent(db, &who, 8, (home_event_cb)on_any, NULL, &err);
}

static int do_detail(void *ud)
{
    FILE *f = fopen("/dev/null", "w");
    int rc = proposal_show_text(db, &who, (const char *)ud, f, &err);
    fclose(f);
    return rc;
}

static int do_note(void *ud)
{
    st_kv kv[] = {{"text", "Ghi chú kiểm tra hiệu năng: đã trao đổi với đơn vị."}};
    return workflow_apply(db, &who, (const char *)ud, "note", kv, 1, 0, &err);
}

static int do_report(void *ud)
{
    report_params p = {0};
    p.period = "year";
    p.year = *(int *)ud;
    report *r = NULL;
    int rc = report_periodic(db, &who, &p, &r, &err);
    report_free(&r);
    return rc;
}

static int do_report_quarter(void *ud)
{
    report_params p = {0};
    p.period = "quarter";
    p.year = *(int *)ud;
    p.number = 4;
    report *r = NULL;
    int rc = report_periodic(db, &who, &p, &r, &err);
    report_free(&r);
    return rc;
}

static int do_login(void *ud)
{
    st_actor a;
    return user_login(db, (const char *)ud, "bench-password-1", &a, &err);
}

static int text1(const char *sql, char *out, size_t n)
{
    sqlite3_stmt *st;
    out[0] = 0;
    if (sqlite3_prepare_v2(db_h(db), sql, -1, &st, NULL) != SQLITE_OK) return -1;
    if (sqlite3_step(st) == SQLITE_ROW) snprintf(out, n, "%s", db_col_text(st, 0));
    sqlite3_finalize(st);
    return out[0] ? 0 : -1;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "Cách dùng: corebench TỆP.db [SỐ_LẦN]\n");
        return 2;
    }
    dbpath = argv[1];
    if (argc > 2) runs = atoi(argv[2]);
    if (runs < 5) runs = 5;
    if (runs > MAXRUNS) runs = MAXRUNS;
    config *cfg = NULL;
    err_clear(&err);
    if (config_new(&cfg, &err) || config_set(cfg, "database.path", dbpath, &err) ||
        config_set(cfg, "site.code", "QA", &err) || db_open(cfg, DB_OPEN_EXISTING, &db, &err)) {
        fprintf(stderr, "corebench: %s\n", err.msg);
        return 1;
    }
    /* The province clerk sees every proposal: the heaviest lists. */
    const char *user = "qa.cv";
    if (user_actor(db, user, &who, &err)) { fprintf(stderr, "corebench: %s\n", err.msg); return 1; }
    setenv("SANGTAO_TODAY", "2026-04-01", 1);

    row("core: đăng nhập (yescrypt)", time_core(do_login, (void *)user), -1, -1,
        "một phần của 'mở đến màn hình đầu'");
    row("core: màn hình chính (đếm, quá hạn, gần đây)", time_core(do_home, NULL), 50000,
        floor_us("SELECT state, count(*) FROM proposals WHERE deleted = 0 GROUP BY state;", 10), "");

    proposal_filter f = {.limit = PAGE + 1};
    const char *list_sql = "SELECT p.id, p.code, p.title, p.state, p.updated_at FROM proposals p "
                           "WHERE p.deleted = 0 ORDER BY p.updated_at DESC, p.id DESC LIMIT 21;";
    row("core: mở danh sách đề xuất (trang 1)", time_core(do_list, &f), 10000, floor_us(list_sql, 10), "");
    f.offset = PAGE;
    row("core: trang sau", time_core(do_list, &f), 10000,
        floor_us("SELECT p.id, p.code, p.title, p.state, p.updated_at FROM proposals p "
                 "WHERE p.deleted = 0 ORDER BY p.updated_at DESC, p.id DESC LIMIT 21 OFFSET 20;", 10), "");
    f.offset = 1000;
    row("core: trang 51 (offset 1000)", time_core(do_list, &f), 10000,
        floor_us("SELECT p.id, p.code, p.title, p.state, p.updated_at FROM proposals p "
                 "WHERE p.deleted = 0 ORDER BY p.updated_at DESC, p.id DESC LIMIT 21 OFFSET 1000;", 10), "");
    f.offset = 0;
    f.sort = "title";
    row("core: đổi sắp xếp (theo tên)", time_core(do_list, &f), 10000,
        floor_us("SELECT id, code, title FROM proposals WHERE deleted = 0 ORDER BY title LIMIT 21;", 10),
        "sàn: thứ tự byte, không phải tiếng Việt");
    f.sort = "due";
    row("core: đổi sắp xếp (theo hạn)", time_core(do_list, &f), 10000,
        floor_us("SELECT id, code, title FROM proposals WHERE deleted = 0 "
                 "ORDER BY due_date IS NULL, due_date LIMIT 21;", 10), "");
    f.sort = NULL;
    f.state = "implementing";
    row("core: lọc theo trạng thái", time_core(do_list, &f), 10000,
        floor_us("SELECT id, code, title FROM proposals WHERE deleted = 0 AND state = 'implementing' "
                 "ORDER BY updated_at DESC LIMIT 21;", 10), "");
    f.state = NULL;
    f.unit = "QA-H03";
    row("core: lọc theo đơn vị (một huyện)", time_core(do_list, &f), 10000, -1, "");
    f.unit = NULL;
    f.search = "so hoa h";
    row("core: gõ một chữ vào ô tìm ('so hoa h')", time_core(do_list, &f), 10000,
        floor_us("SELECT id, code, title FROM proposals WHERE title LIKE '%số hóa h%' "
                 "ORDER BY updated_at DESC LIMIT 21;", 5), "sàn: LIKE có dấu, không gộp dấu");
    f.search = "quan ly dat dai";
    row("core: tìm không dấu ('quan ly dat dai')", time_core(do_list, &f), 10000,
        floor_us("SELECT id, code, title FROM proposals WHERE title LIKE '%đất đai%' "
                 "ORDER BY updated_at DESC LIMIT 21;", 5), "sàn: LIKE có dấu, không gộp dấu");
    /* Common words: most proposals match ("chuyển đổi số" is in 81 % of
     * them), and a syllable that many names and titles share. */
    f.search = "chuyen doi so";
    row("core: tìm từ phổ biến ('chuyen doi so')", time_core(do_list, &f), 20000,
        floor_us("SELECT id, code, title FROM proposals WHERE title LIKE '%chuyển đổi số%' "
                 "ORDER BY updated_at DESC LIMIT 21;", 5), "sàn: LIKE có dấu, không gộp dấu");
    f.search = "dang";
    row("core: tìm một âm tiết ('dang')", time_core(do_list, &f), 20000,
        floor_us("SELECT id, code, title FROM proposals WHERE title LIKE '%đang%' "
                 "ORDER BY updated_at DESC LIMIT 21;", 5), "sàn: LIKE có dấu, không gộp dấu");
    /* Typed with marks: the very marks first (a proposer Đặng before "đang", "đảng"). */
    f.search = "Đặng";
    row("core: tìm có dấu ('Đặng')", time_core(do_list, &f), 20000,
        floor_us("SELECT id, code, title FROM proposals WHERE title LIKE '%Đặng%' "
                 "ORDER BY updated_at DESC LIMIT 21;", 5), "sàn: LIKE trên tên, không xếp hạng");
    f.search = "quan ly dat dai";
    f.sort = "title";
    row("core: tìm và sắp xếp theo tên ('quan ly dat dai')", time_core(do_list, &f), 20000, -1, "");
    f.sort = NULL;
    f.search = NULL;
    f.sort = "unit";
    row("core: đổi sắp xếp (theo đơn vị)", time_core(do_list, &f), 10000, -1, "");
    f.sort = "state";
    row("core: đổi sắp xếp (theo trạng thái)", time_core(do_list, &f), 10000, -1, "");
    f.sort = NULL;

    /* A district clerk and a commune clerk: small scopes in a big file. */
    st_actor province = who;
    if (user_actor(db, "qa.h03.cv", &who, &err) == ST_OK)
        row("core: mở danh sách (chuyên viên huyện)", time_core(do_list, &f), 10000, -1, "");
    if (user_actor(db, "qa.h03.x05.cv", &who, &err) == ST_OK)
        row("core: mở danh sách (chuyên viên xã)", time_core(do_list, &f), 10000, -1, "");
    /* Going back home, for users of a unit: the counts kept by triggers
     * (014_counts.sql), a commune's lists from its own proposals. */
    if (user_actor(db, "qa.h03.cv", &who, &err) == ST_OK)
        row("core: màn hình chính (chuyên viên huyện)", time_core(do_home, NULL), 10000, -1,
            "mục tiêu: như một phím");
    if (user_actor(db, "qa.h03.x05.cv", &who, &err) == ST_OK)
        row("core: màn hình chính (chuyên viên xã)", time_core(do_home, NULL), 10000, -1,
            "mục tiêu: như một phím");
    who = province;

    char code[64], sql[512];
    if (text1("SELECT p.code FROM proposals p WHERE p.id = (SELECT proposal_id FROM events "
              "WHERE proposal_id IS NOT NULL GROUP BY proposal_id HAVING count(*) >= 50 "
              "ORDER BY count(*) LIMIT 1)", code, sizeof code) == 0) {
        snprintf(sql, sizeof sql, "SELECT * FROM proposals WHERE code = '%s'; SELECT * FROM events "
                 "WHERE proposal_id = (SELECT id FROM proposals WHERE code = '%s') ORDER BY at, id;",
                 code, code);
        char note[96];
        snprintf(note, sizeof note, "%s", code);
        row("core: mở chi tiết (≥ 50 sự kiện)", time_core(do_detail, code), 10000, floor_us(sql, 10), note);
    } else {
        row("core: mở chi tiết (≥ 50 sự kiện)", -1, 10000, -1, "không có đề xuất ≥ 50 sự kiện");
    }
    if (text1("SELECT code FROM proposals WHERE state = 'implementing' ORDER BY id LIMIT 1",
              code, sizeof code) == 0) {
        snprintf(sql, sizeof sql, "BEGIN IMMEDIATE; INSERT INTO events(id, proposal_id, at, "
                 "username, action, comment) SELECT max(id) + 1, (SELECT id FROM proposals WHERE "
                 "code = '%s'), '2026-04-01T08:00:00Z', 'qa.cv', 'note', 'x' FROM events; UPDATE "
                 "proposals SET version = version + 1 WHERE code = '%s'; COMMIT;", code, code);
        row("core: lưu một thao tác (ghi chú, synchronous=FULL)", time_core(do_note, code), 10000,
            floor_us(sql, 5), "mục tiêu: như một phím (10 ms)");
    }
    int year = 2025;
    row("core: báo cáo định kỳ quý IV/2025", time_core(do_report_quarter, &year), 30000, -1,
        "");
    row("core: báo cáo định kỳ cả năm 2025", time_core(do_report, &year), 100000,
        floor_us("SELECT count(*), sum(action = 'approve'), sum(action = 'evaluate') FROM events "
                 "WHERE at >= '2025-01-01' AND at < '2026-01-01';", 3),
        "sàn: một lần quét sự kiện của năm");
    db_close(&db);
    config_free(&cfg);
    return 0;
}
