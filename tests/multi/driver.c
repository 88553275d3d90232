/* Test driver linked with libcore, for the tests that need many real
 * processes, SIGKILL, or a setgid copy (tests/multi/run.sh):
 *
 *   driver setup DB NPROP          a database with NPROP proposals to fight over
 *   driver stress DB NPROC OPS     NPROC processes × OPS random edits and
 *                                  workflow actions, then the checks and figures
 *   driver writer DB               commit proposals forever, printing each code
 *                                  once committed (to be killed with SIGKILL)
 *   driver verify-acks DB FILE     every code in FILE is in the database
 *   driver hold DB SECONDS         hold the write lock
 *   driver diskfull DB             a write past PRAGMA max_page_count
 *   driver sgid DIR CONFIG DEST    (run setgid) open the database through
 *                                  CONFIG, write, and back up to DEST
 *
 * Exit status 0 when every check passed. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "store/config.h"
#include "flow/conflict.h"
#include "store/db.h"
#include "store/db_internal.h"
#include "base/priv.h"
#include "flow/proposal.h"
#include "flow/setup.h"
#include "flow/users.h"
#include "flow/workflow.h"

#define PW "Matkhau#2026"
#define MAXP 64

static const char *const edit_fields[] = {"risks", "expected_effect", "scope_implementers",
                                          "practical_basis", "impact_positive"};
#define NEF (int)(sizeof edit_fields / sizeof edit_fields[0])

static void die(const char *what, const st_err *e)
{
    fprintf(stderr, "driver: %s: %s\n", what, e ? e->msg : strerror(errno));
    exit(1);
}

static void open_db(const char *path, int mode, config **cfg, st_db **db)
{
    st_err e;
    err_clear(&e);
    if (config_new(cfg, &e) || config_set(*cfg, "database.path", path, &e) ||
        db_open(*cfg, mode, db, &e))
        die("open", &e);
}

static void actor(st_db *db, const char *name, st_actor *a)
{
    st_err e;
    err_clear(&e);
    if (user_actor(db, name, a, &e)) die(name, &e);
}

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

/* ---- setup ------------------------------------------------------------------ */

static int new_proposal(st_db *db, const st_actor *clerk, int i, char code[32], st_err *e)
{
    char title[64];
    snprintf(title, sizeof title, "Đề xuất thử tải số %d", i);
    st_kv kv[] = {{"title", title}, {"field", "hanh_chinh"}, {"employing_unit", "BD-QN-VP"},
                  {"lead", "Nguyễn Văn Thử"}, {"bottleneck", "Hồ sơ giấy"},
                  {"necessity", "Cần nhanh hơn"}, {"content", "Số hóa"},
                  {"feasibility", "Khả thi"}, {"legal_basis", "Nghị định 73/2023/NĐ-CP"},
                  /* Art. 7(2): the period and the resources, needed to submit. */
                  {"period_from", "2026-04-01"}, {"period_to", "2026-12-31"},
                  {"funding_requested", "50000000"}};
    return proposal_create(db, clerk, kv, (int)(sizeof kv / sizeof kv[0]), code, e);
}

static int cmd_setup(const char *path, int n)
{
    config *cfg;
    st_db *db;
    st_err e;
    err_clear(&e);
    open_db(path, DB_OPEN_CREATE, &cfg, &db);
    st_actor admin, clerk;
    if (setup_init(db, NULL, "admin", "Quản trị", PW, &e) || user_actor(db, "admin", &admin, &e) ||
        user_add(db, &admin, "clerk", "Chuyên viên Thử", ROLE_CLERK, "BD-QN", PW, &e) ||
        user_add(db, &admin, "head", "Lãnh đạo Thử", ROLE_HEAD, "BD-QN", PW, &e))
        die("setup", &e);
    /* The accounts are the test's own: no first-login change to go through. */
    sqlite3_exec(db_h(db), "UPDATE users SET must_change_pw = 0", NULL, NULL, NULL);
    actor(db, "clerk", &clerk);
    for (int i = 0; i < n; i++) {
        char code[32];
        if (new_proposal(db, &clerk, i, code, &e)) die("create", &e);
    }
    db_close(&db);
    config_free(&cfg);
    return 0;
}

/* ---- stress ------------------------------------------------------------------ */

typedef struct stats {
    long ops, acks, conflicts, resolved, busy_retries, unhandled_busy, refused, errors;
} stats;

/* One edit as a clerk would make it: read the form, think, save with the
 * version read; on a conflict take the other side's other fields and keep
 * ours (what the screens offer), until it goes through. */
static int do_edit(st_db *db, const st_actor *clerk, const char *code, int id, int k,
                   FILE *log, stats *s, double *lat)
{
    char *vals[64] = {0};
    int64_t version = 0;
    st_err e;
    err_clear(&e);
    if (proposal_read_values(db, clerk, code, vals, &version, &e)) { s->errors++; return -1; }
    int f = rand() % NEF, fi = 0;
    while (strcmp(proposal_field(fi)->name, edit_fields[f]) != 0) fi++;
    char mine[64];
    snprintf(mine, sizeof mine, "p%d-op%d", id, k);
    st_kv m = {edit_fields[f], mine}, base = {edit_fields[f], vals[fi]};
    usleep((useconds_t)(rand() % 3000));   /* the clerk types */
    proposal_conflict *c = NULL;
    double t0 = now_us();
    int rc = proposal_save(db, clerk, code, &m, 1, &base, 1, version, &c, &e);
    for (int tries = 0; rc == ST_ECONFLICT && c && tries < 20; tries++) {
        s->conflicts++;
        /* Both sides are there: ours for this field, theirs for the rest. */
        proposal_conflict *again = NULL;
        rc = proposal_conflict_save(db, clerk, c, &e);
        if (rc == ST_ECONFLICT)
            proposal_diff(db, clerk, code, c->their_version, &m, 1, &base, 1, &again, &e);
        else if (rc == ST_OK)
            s->resolved++;
        proposal_conflict_free(&c);
        c = again;
    }
    *lat = now_us() - t0;
    proposal_conflict_free(&c);
    for (int i = 0; i < 64; i++) free(vals[i]);
    if (rc == ST_OK) {
        fprintf(log, "E %s %s %s\n", code, edit_fields[f], mine);
        return 0;
    }
    if (rc == ST_ESTATE) { s->refused++; return 1; }
    if (rc == ST_EBUSY) s->unhandled_busy++;
    else if (rc != ST_ECONFLICT) { s->errors++; fprintf(stderr, "edit: %s\n", e.msg); }
    return -1;
}

static int do_action(st_db *db, const st_actor *clerk, const st_actor *head, const char *code,
                     int id, int k, FILE *log, stats *s, double *lat)
{
    proposal_head h;
    st_err e;
    err_clear(&e);
    if (proposal_get_head(db, clerk, code, &h, &e)) { s->errors++; return -1; }
    char text[64];
    snprintf(text, sizeof text, "p%d-op%d", id, k);
    const char *act = "note";
    const st_actor *who = rand() % 2 ? clerk : head;
    st_kv kv[1] = {{"text", text}};
    if (rand() % 3) {   /* a state change fitting the state */
        if (h.state == S_DRAFT) { act = "submit"; who = clerk; kv[0] = (st_kv){"comment", text}; }
        else if (h.state == S_SUBMITTED) { act = "return"; who = head; kv[0] = (st_kv){"reason", text}; }
        else if (h.state == S_RETURNED) { act = "resubmit"; who = clerk; kv[0] = (st_kv){"comment", text}; }
    }
    usleep((useconds_t)(rand() % 2000));
    double t0 = now_us();
    int rc = workflow_apply(db, who, code, act, kv, 1, h.version, &e);
    *lat = now_us() - t0;
    if (rc == ST_OK) { fprintf(log, "W %s %s %s\n", code, act, text); return 0; }
    if (rc == ST_ECONFLICT) { s->conflicts++; return 1; }   /* shown: re-read and decide again */
    if (rc == ST_ESTATE) { s->refused++; return 1; }
    if (rc == ST_EBUSY) s->unhandled_busy++;
    else { s->errors++; fprintf(stderr, "%s: %s\n", act, e.msg); }
    return -1;
}

static void child(const char *path, int id, int ops, int nprop, const char *logpath)
{
    srand((unsigned)(id * 7919 + 17));
    config *cfg;
    st_db *db;
    open_db(path, DB_OPEN_EXISTING, &cfg, &db);
    st_actor clerk, head;
    actor(db, "clerk", &clerk);
    actor(db, "head", &head);
    FILE *log = fopen(logpath, "w");
    if (!log) die(logpath, NULL);
    stats s = {0};
    for (int k = 0; k < ops; k++) {
        char code[32];
        /* Overlap on purpose: a few proposals get most of the traffic. */
        int p = rand() % 4 ? rand() % (nprop < 4 ? nprop : 4) : rand() % nprop;
        snprintf(code, sizeof code, "BD-%s-%04d", "2026", p + 1);
        double lat = 0;
        int r = rand() % 100 < 60 ? do_edit(db, &clerk, code, id, k, log, &s, &lat)
                                  : do_action(db, &clerk, &head, code, id, k, log, &s, &lat);
        s.ops++;
        if (r == 0) { s.acks++; fprintf(log, "L %.0f\n", lat); }
        fflush(log);
    }
    s.busy_retries = db_busy_retries(db);
    fprintf(log, "S %ld %ld %ld %ld %ld %ld %ld %ld\n", s.ops, s.acks, s.conflicts, s.resolved,
            s.busy_retries, s.unhandled_busy, s.refused, s.errors);
    fclose(log);
    db_close(&db);
    config_free(&cfg);
    exit(0);
}

static int dcmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* After the run: every acknowledged change is in the events, each
 * proposal's version counts every acknowledged write, each field holds the
 * last value written to it, and the file is sound. */
static int verify(const char *path, int nproc, int ops, const char *dir, int nprop)
{
    config *cfg;
    st_db *db;
    open_db(path, DB_OPEN_EXISTING, &cfg, &db);
    sqlite3 *h = db_h(db);
    stats t = {0};
    long acks_per[MAXP] = {0}, lost = 0, nlat = 0, cap = 0;
    double *lat = NULL;
    sqlite3_stmt *ev, *last;
    sqlite3_prepare_v2(h, "SELECT count(*) FROM events e JOIN proposals p ON p.id = e.proposal_id "
                       "WHERE p.code = ?1 AND ((e.action = 'edit' AND EXISTS (SELECT 1 FROM "
                       "json_each(e.data, '$.changes') c WHERE json_extract(c.value, '$.field') = ?2 "
                       "AND json_extract(c.value, '$.to') = ?3)) OR (e.action = ?2 AND "
                       /* the rules' warnings follow the comment (workflow_law.c) */
                       "(e.comment = ?3 OR substr(e.comment, 1, length(?3) + 1) = ?3 || char(10))))", -1, &ev, NULL);
    for (int i = 0; i < nproc; i++) {
        char lp[600], line[256], a[64], b[64], c[64];
        snprintf(lp, sizeof lp, "%s/log.%d", dir, i);
        FILE *f = fopen(lp, "r");
        if (!f) die(lp, NULL);
        while (fgets(line, sizeof line, f)) {
            stats s;
            double l;
            if (line[0] == 'S' && sscanf(line + 2, "%ld %ld %ld %ld %ld %ld %ld %ld", &s.ops, &s.acks,
                                         &s.conflicts, &s.resolved, &s.busy_retries,
                                         &s.unhandled_busy, &s.refused, &s.errors) == 8) {
                t.ops += s.ops; t.acks += s.acks; t.conflicts += s.conflicts;
                t.resolved += s.resolved; t.busy_retries += s.busy_retries;
                t.unhandled_busy += s.unhandled_busy; t.refused += s.refused; t.errors += s.errors;
            } else if (line[0] == 'L' && sscanf(line + 2, "%lf", &l) == 1) {
                if (nlat == cap) { cap = cap ? cap * 2 : 1024; lat = realloc(lat, (size_t)cap * sizeof *lat); }
                lat[nlat++] = l;
            } else if ((line[0] == 'E' || line[0] == 'W') && sscanf(line + 2, "%63s %63s %63s", a, b, c) == 3) {
                int p = atoi(strrchr(a, '-') + 1) - 1;
                if (p >= 0 && p < MAXP) acks_per[p]++;
                sqlite3_reset(ev);
                sqlite3_bind_text(ev, 1, a, -1, SQLITE_TRANSIENT);
                sqlite3_bind_text(ev, 2, b, -1, SQLITE_TRANSIENT);
                sqlite3_bind_text(ev, 3, c, -1, SQLITE_TRANSIENT);
                if (sqlite3_step(ev) != SQLITE_ROW || sqlite3_column_int(ev, 0) != 1) {
                    lost++;
                    fprintf(stderr, "lost: %s", line);
                }
            }
        }
        fclose(f);
    }
    sqlite3_finalize(ev);
    /* Versions: 1 at creation, +1 per acknowledged write. */
    long badver = 0, badval = 0;
    for (int p = 0; p < nprop && p < MAXP; p++) {
        char code[32];
        snprintf(code, sizeof code, "BD-2026-%04d", p + 1);
        sqlite3_stmt *v;
        sqlite3_prepare_v2(h, "SELECT version FROM proposals WHERE code = ?", -1, &v, NULL);
        sqlite3_bind_text(v, 1, code, -1, SQLITE_STATIC);
        long ver = sqlite3_step(v) == SQLITE_ROW ? (long)sqlite3_column_int64(v, 0) : -1;
        sqlite3_finalize(v);
        if (ver != 1 + acks_per[p]) {
            badver++;
            fprintf(stderr, "%s: version %ld, expected %ld\n", code, ver, 1 + acks_per[p]);
        }
        /* The value each field holds is the last one written to it. */
        for (int f = 0; f < NEF; f++) {
            char sql[512];
            snprintf(sql, sizeof sql, "SELECT coalesce((SELECT json_extract(c.value, '$.to') "
                     "FROM events e, json_each(e.data, '$.changes') c WHERE e.proposal_id = p.id "
                     "AND e.action = 'edit' AND json_extract(c.value, '$.field') = '%s' "
                     "ORDER BY e.id DESC LIMIT 1), '') = p.%s FROM proposals p WHERE p.code = ?",
                     edit_fields[f], edit_fields[f]);
            sqlite3_prepare_v2(h, sql, -1, &last, NULL);
            sqlite3_bind_text(last, 1, code, -1, SQLITE_STATIC);
            if (sqlite3_step(last) != SQLITE_ROW || sqlite3_column_int(last, 0) != 1) {
                badval++;
                fprintf(stderr, "%s.%s: not the last value written\n", code, edit_fields[f]);
            }
            sqlite3_finalize(last);
        }
    }
    st_err e;
    err_clear(&e);
    FILE *devnull = fopen("/dev/null", "w");
    int integ = db_check(db, devnull, &e);
    fclose(devnull);
    qsort(lat, (size_t)nlat, sizeof *lat, dcmp);
    double p50 = nlat ? lat[nlat / 2] / 1000 : 0, p99 = nlat ? lat[(nlat * 99) / 100] / 1000 : 0;
    printf("# measured: stress: %d processes, %ld operations, %ld acknowledged, %ld conflicts shown "
           "(%ld resolved by merging), %ld refused by state, %ld busy retries, %ld unhandled busy, "
           "%ld other errors\n", nproc, t.ops, t.acks, t.conflicts, t.resolved, t.refused,
           t.busy_retries, t.unhandled_busy, t.errors);
    printf("# measured: save latency: p50 %.1f ms, p99 %.1f ms (measured, not asserted)\n", p50, p99);
    printf("# measured: lost: %ld acknowledged changes missing, %ld versions off, %ld fields not at "
           "their last write; integrity_check %s\n", lost, badver, badval, integ ? "FAILED" : "ok");
    free(lat);
    db_close(&db);
    config_free(&cfg);
    int ok = lost == 0 && badver == 0 && badval == 0 && integ == ST_OK &&
             t.unhandled_busy == 0 && t.errors == 0 && t.ops == (long)nproc * ops;
    printf("%s 1 - stress: no update lost, no unhandled busy error, integrity_check ok\n",
           ok ? "ok" : "not ok");
    return ok ? 0 : 1;
}

static int cmd_stress(const char *path, int nproc, int ops)
{
    char dir[] = "/tmp/sangtao-stress-XXXXXX";
    if (!mkdtemp(dir)) die("mkdtemp", NULL);
    int nprop = 8;
    st_db *db;
    config *cfg;
    open_db(path, DB_OPEN_EXISTING, &cfg, &db);
    db_close(&db);
    config_free(&cfg);
    for (int i = 0; i < nproc; i++) {
        pid_t pid = fork();
        if (pid < 0) die("fork", NULL);
        if (pid == 0) {
            char lp[600];
            snprintf(lp, sizeof lp, "%s/log.%d", dir, i);
            child(path, i, ops, nprop, lp);
        }
    }
    int bad = 0, st;
    while (wait(&st) > 0)
        if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) bad++;
    if (bad) fprintf(stderr, "driver: %d processes failed\n", bad);
    int rc = verify(path, nproc, ops, dir, nprop) || bad;
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) { /* best effort */ }
    return rc;
}

/* ---- faults ------------------------------------------------------------------- */

/* Commit proposals and edits forever; a line per commit, written only after
 * the commit returned.  Killed from outside. */
static _Noreturn void cmd_writer(const char *path)
{
    config *cfg;
    st_db *db;
    open_db(path, DB_OPEN_EXISTING, &cfg, &db);
    st_actor clerk;
    actor(db, "clerk", &clerk);
    srand((unsigned)getpid());
    for (int i = 0;; i++) {
        st_err e;
        err_clear(&e);
        char code[32];
        char line[64];
        if (new_proposal(db, &clerk, i, code, &e) != ST_OK) die("writer", &e);
        /* One write() per line: a kill never leaves half an acknowledgement. */
        int len = snprintf(line, sizeof line, "%s\n", code);
        if (write(1, line, (size_t)len) != len) exit(1);
        st_kv kv = {"risks", code};
        if (proposal_update(db, &clerk, code, &kv, 1, 0, &e) != ST_OK) die("writer edit", &e);
        len = snprintf(line, sizeof line, "E %s\n", code);
        if (write(1, line, (size_t)len) != len) exit(1);
    }
}

static int cmd_verify_acks(const char *path, const char *acks)
{
    config *cfg;
    st_db *db;
    open_db(path, DB_OPEN_EXISTING, &cfg, &db);
    FILE *f = fopen(acks, "r");
    if (!f) die(acks, NULL);
    char line[128];
    long n = 0, missing = 0;
    sqlite3_stmt *st, *ed;
    sqlite3_prepare_v2(db_h(db), "SELECT 1 FROM proposals WHERE code = ?", -1, &st, NULL);
    sqlite3_prepare_v2(db_h(db), "SELECT 1 FROM proposals WHERE code = ?1 AND risks = ?1", -1, &ed, NULL);
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        int edit = line[0] == 'E';
        sqlite3_stmt *q = edit ? ed : st;
        sqlite3_reset(q);
        sqlite3_bind_text(q, 1, edit ? line + 2 : line, -1, SQLITE_TRANSIENT);
        n++;
        if (sqlite3_step(q) != SQLITE_ROW) { missing++; fprintf(stderr, "missing: %s\n", line); }
    }
    fclose(f);
    sqlite3_finalize(st);
    sqlite3_finalize(ed);
    sqlite3_stmt *c;
    sqlite3_prepare_v2(db_h(db), "SELECT count(*) FROM proposals", -1, &c, NULL);
    long rows = sqlite3_step(c) == SQLITE_ROW ? (long)sqlite3_column_int64(c, 0) : -1;
    sqlite3_finalize(c);
    st_err e;
    err_clear(&e);
    FILE *devnull = fopen("/dev/null", "w");
    int integ = db_check(db, devnull, &e);
    fclose(devnull);
    printf("# measured: faults: %ld acknowledged commits, %ld missing; %ld proposal rows; integrity_check %s\n",
           n, missing, rows, integ ? "FAILED" : "ok");
    db_close(&db);
    config_free(&cfg);
    return missing || integ ? 1 : 0;
}

/* A full disk, simulated with max_page_count: the write fails with the
 * disk-full message and what was saved stays. */
static int cmd_diskfull(const char *path)
{
    config *cfg;
    st_db *db;
    open_db(path, DB_OPEN_EXISTING, &cfg, &db);
    st_actor clerk;
    actor(db, "clerk", &clerk);
    sqlite3 *h = db_h(db);
    sqlite3_stmt *c;
    sqlite3_prepare_v2(h, "SELECT count(*) FROM proposals", -1, &c, NULL);
    sqlite3_step(c);
    long before = (long)sqlite3_column_int64(c, 0);
    sqlite3_reset(c);
    sqlite3_exec(h, "PRAGMA max_page_count = 1", NULL, NULL, NULL);  /* = what it has now */
    static char big[200000];
    memset(big, 'a', sizeof big - 1);
    st_kv kv[] = {{"title", "Đề xuất quá lớn"}, {"employing_unit", "BD-QN-VP"}, {"content", big}};
    st_err e;
    err_clear(&e);
    char code[32];
    int rc = proposal_create(db, &clerk, kv, 3, code, &e);
    printf("%d %s\n", rc, e.msg);
    sqlite3_step(c);
    long after = (long)sqlite3_column_int64(c, 0);
    sqlite3_finalize(c);
    err_clear(&e);
    FILE *devnull = fopen("/dev/null", "w");
    int integ = db_check(db, devnull, &e);
    fclose(devnull);
    printf("proposals before %ld, after %ld; integrity_check %s\n", before, after, integ ? "LỖI" : "ok");
    db_close(&db);
    config_free(&cfg);
    return rc == ST_EDB && before == after && !integ ? 0 : 1;
}

/* LeakSanitizer cannot trace a setgid (non-dumpable) process; under make
 * asan it asks this at exit. */
static int in_sgid;
int __lsan_is_turned_off(void);
int __lsan_is_turned_off(void) { return in_sgid; }

/* Run setgid: the database in DIR through CONFIG, a write, and a backup
 * that must belong to the user's own group. */
static int cmd_sgid(const char *dir, const char *cfgpath, const char *dest)
{
    in_sgid = 1;
    priv_set_dbdir_for_tests(dir);
    config *cfg;
    st_db *db;
    st_err e;
    err_clear(&e);
    if (!priv_elevated()) { printf("not elevated\n"); return 1; }
    if (config_load_file(cfgpath, &cfg, &e) || db_open(cfg, DB_OPEN_EXISTING, &db, &e)) die("open", &e);
    st_actor clerk, admin;
    actor(db, "clerk", &clerk);
    actor(db, "admin", &admin);
    char code[32];
    if (new_proposal(db, &clerk, 99, code, &e)) die("create", &e);
    if (db_backup(db, dest, &e)) die("backup", &e);
    struct stat sb;
    if (stat(dest, &sb) != 0) die(dest, NULL);
    printf("backup group %s, mode %o\n", sb.st_gid == getgid() ? "user" : "sangtao",
           (unsigned)(sb.st_mode & 0777));
    /* A file the user names is opened with the user's rights: the
     * database itself (group only) is out of reach that way. */
    const char *dbp = config_str(cfg, "database.path");
    FILE *mine = priv_fopen_user(dbp, "r"), *group = fopen(dbp, "r");
    printf("user-named file: %s; with the group: %s\n", mine ? "opened" : "refused",
           group ? "opened" : "refused");
    if (mine) fclose(mine);
    if (group) fclose(group);
    db_close(&db);
    config_free(&cfg);
    return 0;
}

/* Hold the write lock for a while, as a stuck writer would. */
static int cmd_hold(const char *path, int seconds)
{
    sqlite3 *h;
    if (sqlite3_open(path, &h) != SQLITE_OK ||
        sqlite3_exec(h, "BEGIN IMMEDIATE; INSERT INTO meta VALUES('hold', '1')", NULL, NULL, NULL) != SQLITE_OK)
        die("hold", NULL);
    printf("holding\n");
    fflush(stdout);
    sleep((unsigned)seconds);
    sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(h);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 4 && strcmp(argv[1], "hold") == 0) return cmd_hold(argv[2], atoi(argv[3]));
    if (argc >= 4 && strcmp(argv[1], "setup") == 0) return cmd_setup(argv[2], atoi(argv[3]));
    if (argc >= 5 && strcmp(argv[1], "stress") == 0)
        return cmd_stress(argv[2], atoi(argv[3]), atoi(argv[4]));
    if (argc >= 3 && strcmp(argv[1], "writer") == 0) cmd_writer(argv[2]);
    if (argc >= 4 && strcmp(argv[1], "verify-acks") == 0) return cmd_verify_acks(argv[2], argv[3]);
    if (argc >= 3 && strcmp(argv[1], "diskfull") == 0) return cmd_diskfull(argv[2]);
    if (argc >= 5 && strcmp(argv[1], "sgid") == 0) return cmd_sgid(argv[2], argv[3], argv[4]);
    fprintf(stderr, "usage: driver setup|stress|writer|verify-acks|diskfull|sgid …\n");
    return 2;
}
