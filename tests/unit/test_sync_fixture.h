/* The fixture of the exchange's engine tests (test_sync_*.c): a hub
 * (site 1, code BD) and an office (site 2, code HA, subtree P-A) made from
 * a copy of the hub as a seed does, payloads passed directly. */
#ifndef TEST_SYNC_FIXTURE_H
#define TEST_SYNC_FIXTURE_H

#include "testdb.h"

#include <signal.h>
#include <sys/wait.h>

#include "base/sbuf.h"
#include "flow/proposal.h"
#include "flow/units.h"
#include "flow/users.h"
#include "flow/workflow.h"
#include "store/db_internal.h"
#include "sync/sync.h"
#include "sync/sync_internal.h"

static const char units_csv[] =
    "code,name,parent_code,level\n"
    "P,Tỉnh ủy,,tinh\n"
    "P-A,Huyện ủy A,P,huyen\n"
    "P-B,Huyện ủy B,P,huyen\n";

typedef struct site {
    char *path;
    config *cfg;
    st_db *db;
    st_actor admin, clerk;
} site;

typedef struct fx {
    char *dir;
    site hub, off;
} fx;

static inline void sql(st_db *db, const char *q)
{
    char *msg = NULL;
    if (sqlite3_exec(db_h(db), q, NULL, NULL, &msg) != SQLITE_OK) fail_msg("%s: %s", q, msg);
}

/* A write through db_begin/db_commit: captured like any edit. */
static inline void write_sql(st_db *db, const char *q)
{
    st_err e;
    err_clear(&e);
    assert_int_equal(db_begin(db, &e), ST_OK);
    sql(db, q);
    if (db_commit(db, &e) != ST_OK) fail_msg("commit: %s", e.msg);
}

static inline const void *find_bytes(const void *hay, size_t n, const void *needle, size_t k)
{
    const unsigned char *h = hay;
    for (size_t i = 0; k <= n && i + k <= n; i++)
        if (memcmp(h + i, needle, k) == 0) return h + i;
    return NULL;
}

static inline char *qstr(st_db *db, const char *q)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db_h(db), q, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", q, sqlite3_errmsg(db_h(db)));
    char *out = strdup(sqlite3_step(st) == SQLITE_ROW ? db_col_text(st, 0) : "(none)");
    sqlite3_finalize(st);
    return out;
}

static inline long qint(st_db *db, const char *q)
{
    char *s = qstr(db, q);
    long v = atol(s);
    free(s);
    return v;
}

static inline void open_site(fx *f, site *s, const char *name, const char *no, const char *code,
                      int mode)
{
    st_err e;
    err_clear(&e);
    s->path = malloc(strlen(f->dir) + 32);
    sprintf(s->path, "%s/%s", f->dir, name);
    assert_int_equal(config_new(&s->cfg, &e), ST_OK);
    assert_int_equal(config_set(s->cfg, "database.path", s->path, &e), ST_OK);
    assert_int_equal(config_set(s->cfg, "site.number", no, &e), ST_OK);
    assert_int_equal(config_set(s->cfg, "site.code", code, &e), ST_OK);
    if (db_open(s->cfg, mode, &s->db, &e) != ST_OK) fail_msg("db_open: %s", e.msg);
    sqlite3_exec(db_h(s->db), "PRAGMA synchronous=OFF", NULL, NULL, NULL);
}

static inline void actors(site *s)
{
    st_err e;
    err_clear(&e);
    assert_int_equal(user_actor(s->db, "admin", &s->admin, &e), ST_OK);
    assert_int_equal(user_actor(s->db, "clerka", &s->clerk, &e), ST_OK);
}

static inline int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    setenv("SANGTAO_TODAY", "2026-03-02", 1);
    f->dir = tu_tmpdir();
    open_site(f, &f->hub, "hub.db", "1", "BD", DB_OPEN_CREATE);
    st_err e;
    err_clear(&e);
    int n = 0;
    if (unit_import_text(f->hub.db, NULL, units_csv, "units.csv", &n, &e))
        fail_msg("units: %s", e.msg);
    unsigned mask;
    roles_parse("admin", &mask, &e);
    assert_int_equal(user_add(f->hub.db, NULL, "admin", "Quản trị", mask, "P", "matkhau-123", &e),
                     ST_OK);
    roles_parse("clerk", &mask, &e);
    assert_int_equal(user_add(f->hub.db, NULL, "clerka", "Văn thư A", mask, "P-A", "matkhau-123",
                              &e), ST_OK);
    int me, hub;
    char dep[40];
    if (sync_self(f->hub.db, &me, &hub, dep, &e)) fail_msg("sync_self: %s", e.msg);
    assert_int_equal(me, 1);
    assert_int_equal(hub, 1);
    sql(f->hub.db, "INSERT INTO sync_sites(site_no, code, name, unit_id, sign_pk, created_at) "
                   "SELECT 2, 'HA', 'Văn phòng A', id, randomblob(32), '2026-03-02T00:00:00Z' "
                   "FROM units WHERE code = 'P-A'");
    actors(&f->hub);
    /* The seed: a copy of the hub, made an office. */
    char *opath = malloc(strlen(f->dir) + 16);
    sprintf(opath, "%s/office.db", f->dir);
    if (db_backup(f->hub.db, opath, &e)) fail_msg("backup: %s", e.msg);
    free(opath);
    open_site(f, &f->off, "office.db", "2", "HA", DB_OPEN_EXISTING);
    sql(f->off.db, "UPDATE sync_self SET site_no = 2, is_hub = 0; DELETE FROM sync_sites; "
                   "INSERT INTO sync_sites(site_no, code, name, unit_id, sign_pk, created_at) "
                   "SELECT 1, 'BD', 'Tỉnh', id, randomblob(32), '2026-03-02T00:00:00Z' "
                   "FROM units WHERE code = 'P'");
    int64_t seq;
    assert_int_equal(sync_seed_mark(f->hub.db, 2, &seq, &e), ST_OK);
    assert_int_equal(sync_seed_start(f->off.db, 1, seq, &e), ST_OK);
    actors(&f->off);
    *state = f;
    return 0;
}

static inline void close_site(site *s)
{
    db_close(&s->db);
    config_free(&s->cfg);
    free(s->path);
}

static inline int teardown(void **state)
{
    fx *f = *state;
    close_site(&f->hub);
    close_site(&f->off);
    tu_rmdir(&f->dir);
    free(f);
    return 0;
}

/* The payload from one site to the other (site numbers 1 hub, 2 office). */
static inline void payload(site *from, int to_no, unsigned char **p, size_t *n)
{
    st_err e;
    err_clear(&e);
    if (sync_payload_build(from->db, to_no, p, n, &e)) fail_msg("build: %s", e.msg);
}

static inline sync_result apply(site *to, int from_no, const unsigned char *p, size_t n)
{
    st_err e;
    err_clear(&e);
    sync_result r;
    if (sync_payload_apply(to->db, from_no, p, n, &r, &e)) fail_msg("apply: %s", e.msg);
    return r;
}

static inline sync_result exchange(fx *f, int from_hub)
{
    site *from = from_hub ? &f->hub : &f->off, *to = from_hub ? &f->off : &f->hub;
    unsigned char *p;
    size_t n;
    payload(from, from_hub ? 2 : 1, &p, &n);
    sync_result r = apply(to, from_hub ? 1 : 2, p, n);
    free(p);
    return r;
}

/* A complete draft of district A, created at site s; its code in code. */
static inline void new_proposal(site *s, const char *title, char code[32])
{
    st_kv kv[] = {
        {"title", title}, {"field", "hanh_chinh"},
        {"employing_unit", "P-A"}, {"lead", "Nguyễn Văn An"}, {"lead_position", "Chuyên viên"},
        {"bottleneck", "Hồ sơ giấy chậm"}, {"bottleneck_kind", "unsuitable"},
        {"necessity", "Rút ngắn thời gian"}, {"content", "Số hóa hồ sơ"},
        {"feasibility", "Có sẵn hạ tầng"}, {"legal_basis", "Nghị định 73/2023/NĐ-CP"},
        {"period_from", "01/04/2026"}, {"period_to", "30/09/2026"},
        {"funding_requested", "150.000.000"},
    };
    st_err e;
    err_clear(&e);
    if (proposal_create(s->db, &s->clerk, kv, (int)(sizeof kv / sizeof kv[0]), code, &e))
        fail_msg("create: %s", e.msg);
}

static inline void act(site *s, const st_actor *who, const char *code, const char *action,
                const st_kv *kv, int n)
{
    st_err e;
    err_clear(&e);
    if (workflow_apply(s->db, who, code, action, kv, n, 0, &e))
        fail_msg("%s: %s", action, e.msg);
}

/* Both sites hold the same rows of the office's subtree. */
static inline void assert_converged(fx *f)
{
    st_err e;
    err_clear(&e);
    char path[256];
    assert_int_equal(sync_site_path(f->hub.db, 2, path, sizeof path, &e), ST_OK);
    sbuf a, b;
    sbuf_init(&a);
    sbuf_init(&b);
    assert_int_equal(sync_digest_build(f->hub.db, path, &a, &e), ST_OK);
    assert_int_equal(sync_digest_build(f->off.db, path, &b, &e), ST_OK);
    assert_int_equal(a.len, b.len);
    if (memcmp(a.s, b.s, a.len) != 0) fail_msg("digests differ between hub and office");
    sbuf_free(&a);
    sbuf_free(&b);
}

#endif
