/* Sites, keys, seeding an office and the exchange by file (src/sync/site.c,
 * seed.c, exchange.c) on real database files: a demo hub and an office made
 * from its seed. */
#include "testdb.h"

#include "store/db_internal.h"
#include "flow/setup.h"
#include "flow/users.h"

#include <sys/stat.h>
#include <sodium.h>

#include "sync/exchange.h"
#include "sync/seed.h"
#include "sync/site.h"

static long long q(st_db *db, const char *sql)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db_h(db), sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db_h(db)));
    long long v = -1;
    if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static void qtext(st_db *db, const char *sql, char *out, size_t n)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db_h(db), sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db_h(db)));
    out[0] = '\0';
    if (sqlite3_step(st) == SQLITE_ROW) snprintf(out, n, "%s", db_col_text(st, 0));
    sqlite3_finalize(st);
}

/* A hub: the demo unit tree, its administrator, and four proposals, two of
 * them concerning Quy Nhơn's subtree (BD-QN): one employed there, one only
 * competent there; two elsewhere, with people, accounts and a draft. */
static const char HUB_ROWS[] =
    "INSERT INTO people(id, full_name, position, unit_id, created_at, updated_at) VALUES "
    " (101, 'Nguyễn Văn An', 'Chuyên viên', (SELECT id FROM units WHERE code = 'BD-QN-UB'), "
    "  '2026-03-01T08:00:00Z', '2026-03-01T08:00:00Z'),"
    " (102, 'Trần Thị Bích Ngọc', 'Phó phòng', (SELECT id FROM units WHERE code = 'BD-AN-NH'), "
    "  '2026-03-01T08:00:00Z', '2026-03-01T08:00:00Z');"
    "INSERT INTO users(id, username, full_name, person_id, roles, scope_unit_id, password_hash, "
    " os_login, must_change_pw, failed_logins, created_at, updated_at) VALUES "
    " (111, 'an.qn', 'Nguyễn Văn An', 101, 1, (SELECT id FROM units WHERE code = 'BD-QN-UB'), "
    "  '$y$j9T$secret-qn', 'anqn', 0, 2, '2026-03-01T08:00:00Z', '2026-03-01T08:00:00Z'),"
    " (112, 'ngoc.an', 'Trần Thị Bích Ngọc', 102, 1, (SELECT id FROM units WHERE code = 'BD-AN'), "
    "  '$y$j9T$secret-an', 'ngoc', 0, 0, '2026-03-01T08:00:00Z', '2026-03-01T08:00:00Z');"
    "INSERT INTO proposals(id, code, title, field_id, employing_unit_id, competent_unit_id, state, "
    " content, created_by, created_at, updated_at) VALUES "
    " (201, 'BD-2026-0001', 'Số hóa hồ sơ một cửa ở phường Quang Trung', 9, "
    "  (SELECT id FROM units WHERE code = 'BD-QN-UB'), (SELECT id FROM units WHERE code = 'BD-QN'), "
    "  'submitted', 'Quét và ký số hồ sơ', 111, '2026-03-01T08:00:00Z', '2026-03-01T08:00:00Z'),"
    " (202, 'BD-2026-0002', 'Tuyến xe buýt điện Quy Nhơn – An Nhơn', 3, "
    "  (SELECT id FROM units WHERE code = 'BD-AN-UB'), (SELECT id FROM units WHERE code = 'BD-QN'), "
    "  'submitted', 'Thí điểm hai tuyến', 112, '2026-03-01T08:00:00Z', '2026-03-01T08:00:00Z'),"
    " (203, 'BD-2026-0003', 'Kho lúa giống xã Nhơn Hậu', 5, "
    "  (SELECT id FROM units WHERE code = 'BD-AN-NH'), (SELECT id FROM units WHERE code = 'BD-AN'), "
    "  'submitted', 'Bí mật: giá thầu kho lúa', 112, '2026-03-01T08:00:00Z', '2026-03-01T08:00:00Z'),"
    " (204, 'BD-2026-0004', 'Một cửa liên thông ở Sở Nội vụ', 1, "
    "  (SELECT id FROM units WHERE code = 'BD-SNV'), (SELECT id FROM units WHERE code = 'BD-UB'), "
    "  'submitted', '', NULL, '2026-03-01T08:00:00Z', '2026-03-01T08:00:00Z');"
    "INSERT INTO proposers(id, proposal_id, person_id, is_lead) VALUES "
    " (401, 201, 101, 1), (402, 202, 102, 1), (403, 203, 102, 1);"
    "INSERT INTO events(id, proposal_id, at, user_id, username, action, to_state, comment) VALUES "
    " (301, 201, '2026-03-01T08:00:00Z', 111, 'an.qn', 'submit', 'submitted', ''),"
    " (302, 202, '2026-03-01T08:00:00Z', 112, 'ngoc.an', 'submit', 'submitted', ''),"
    " (303, 203, '2026-03-01T08:00:00Z', 112, 'ngoc.an', 'submit', 'submitted', 'giá thầu'),"
    " (304, 204, '2026-03-01T08:00:00Z', NULL, 'admin', 'submit', 'submitted', '');"
    "INSERT INTO opinions(id, proposal_id, event_id, reviewer, opinion_date, recommendation, text) "
    " VALUES (501, 203, 303, 'Lê Văn Cường', '2026-03-01', 'pilot', 'Nên thí điểm');"
    "INSERT INTO drafts(id, user_id, context, data, saved_at) VALUES "
    " (601, 111, 'new', '{}', '2026-03-01T08:00:00Z');";

static st_actor actor(tu_env *t, const char *name)
{
    st_actor a;
    st_err e;
    err_clear(&e);
    if (user_actor(t->db, name, &a, &e) != ST_OK) fail_msg("user_actor %s: %s", name, e.msg);
    return a;
}

static int setup(void **state)
{
    tu_env *t = calloc(1, sizeof *t);
    setenv("SANGTAO_TODAY", "2026-03-02", 1);
    unsetenv("SANGTAO_NOW");
    tu_env_open(t);
    st_err e;
    err_clear(&e);
    if (setup_init(t->db, NULL, "admin", "Quản trị hệ thống", "quantri-2026", &e) != ST_OK)
        fail_msg("setup_init: %s", e.msg);
    char *msg = NULL;
    if (sqlite3_exec(db_h(t->db), HUB_ROWS, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("hub rows: %s", msg);
    *state = t;
    return 0;
}

static int teardown(void **state)
{
    tu_env *t = *state;
    tu_env_close(t);
    free(t);
    return 0;
}

static void test_self_on_first_use(void **state)
{
    tu_env *t = *state;
    st_err e;
    err_clear(&e);
    sync_me me, again;
    assert_int_equal(site_me(t->db, &me, &e), ST_OK);
    assert_int_equal(me.is_hub, 1);
    assert_int_equal(me.site_no, 1);
    assert_int_equal(strncmp(me.deployment, "BD-", 3), 0);
    assert_int_equal(strlen(me.deployment), 15);
    assert_memory_equal(me.pk, me.hub_pk, SYNC_PK);
    assert_int_equal(site_me(t->db, &again, &e), ST_OK);
    assert_string_equal(again.deployment, me.deployment);
    assert_memory_equal(again.sk, me.sk, SYNC_SK);
    int no = 0, hub = 0;
    char dep[40];
    assert_int_equal(sync_self(t->db, &no, &hub, dep, &e), ST_OK);
    assert_int_equal(no, 1);
    assert_int_equal(hub, 1);
    assert_string_equal(dep, me.deployment);
    /* The key pair belongs together. */
    unsigned char pk[SYNC_PK];
    crypto_sign_ed25519_sk_to_pk(pk, me.sk);
    assert_memory_equal(pk, me.pk, SYNC_PK);
    /* A site number changed in the settings would give colliding ids. */
    assert_int_equal(config_set(t->cfg, "site.number", "5", &e), ST_OK);
    assert_int_equal(site_me(t->db, &me, &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "site.number = 1"));
}

static void test_add_list_rekey(void **state)
{
    tu_env *t = *state;
    st_err e;
    err_clear(&e);
    st_actor admin = actor(t, "admin");
    int no = 0;
    assert_int_equal(site_add(t->db, &admin, "QN", "BD-QN", NULL, &no, &e), ST_OK);
    assert_int_equal(no, 2);
    assert_int_equal(site_add(t->db, &admin, "AN", "BD-AN", "Văn phòng Huyện ủy An Nhơn", &no, &e),
                     ST_OK);
    assert_int_equal(no, 3);
    assert_int_equal(site_add(t->db, &admin, "QN", "BD-AN", NULL, &no, &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "Đã có văn phòng mã QN"));
    assert_int_equal(site_add(t->db, &admin, "qn2", "BD-QN", NULL, &no, &e), ST_EINVAL);
    assert_int_equal(site_add(t->db, &admin, "BD", "BD-QN", NULL, &no, &e), ST_EINVAL);
    assert_int_equal(site_add(t->db, &admin, "XX", "KHONG_CO", NULL, &no, &e), ST_ENOTFOUND);
    /* Not an administrator. */
    st_actor clerk = actor(t, "an.qn");
    assert_int_equal(site_add(t->db, &clerk, "TS", "BD-QN", NULL, &no, &e), ST_EPERM);
    sync_site s;
    assert_int_equal(site_get(t->db, "AN", &s, &e), ST_OK);
    assert_int_equal(s.site_no, 3);
    assert_string_equal(s.name, "Văn phòng Huyện ủy An Nhơn");
    assert_string_equal(s.unit_code, "BD-AN");
    assert_int_equal(site_get(t->db, "2", &s, &e), ST_OK);
    assert_string_equal(s.code, "QN");
    assert_true(strlen(s.name) > 0);   /* the unit's name */
    assert_int_equal(site_get(t->db, "HN", &s, &e), ST_ENOTFOUND);
    assert_int_equal(q(t->db, "SELECT count(*) FROM sync_sites"), 2);
    unsigned char old[SYNC_PK], pk[SYNC_PK], sk[SYNC_SK];
    assert_int_equal(site_get(t->db, "QN", &s, &e), ST_OK);
    memcpy(old, s.pk, SYNC_PK);
    assert_int_equal(site_rekey(t->db, &clerk, 2, pk, sk, &e), ST_EPERM);
    assert_int_equal(site_rekey(t->db, &admin, 2, pk, sk, &e), ST_OK);
    assert_int_equal(site_get(t->db, "QN", &s, &e), ST_OK);
    assert_memory_equal(s.pk, pk, SYNC_PK);
    assert_memory_not_equal(s.pk, old, SYNC_PK);
    assert_int_equal(site_rekey(t->db, &admin, 44, pk, sk, &e), ST_ENOTFOUND);
}

/* An office made from the hub's seed: its config and database. */
typedef struct office {
    char dir[600], path[700], seed[700];
    config *cfg;
    st_db *db;
} office;

static void office_config(office *o, const char *number, const char *code)
{
    st_err e;
    err_clear(&e);
    char *d = tu_tmpdir();
    snprintf(o->dir, sizeof o->dir, "%s", d);
    free(d);
    snprintf(o->path, sizeof o->path, "%s/office.db", o->dir);
    snprintf(o->seed, sizeof o->seed, "%s/QN.seed", o->dir);
    assert_int_equal(config_new(&o->cfg, &e), ST_OK);
    assert_int_equal(config_set(o->cfg, "database.path", o->path, &e), ST_OK);
    assert_int_equal(config_set(o->cfg, "site.number", number, &e), ST_OK);
    assert_int_equal(config_set(o->cfg, "site.code", code, &e), ST_OK);
}

static void office_close(office *o)
{
    db_close(&o->db);
    config_free(&o->cfg);
    char *d = strdup(o->dir);
    tu_rmdir(&d);
}

/* The hub's office QN (site 2) seeded into o; returns the one-time code. */
static void seed_office(tu_env *t, office *o, seed_stats *s)
{
    st_err e;
    err_clear(&e);
    st_actor admin = actor(t, "admin");
    int no;
    if (site_add(t->db, &admin, "QN", "BD-QN", NULL, &no, &e)) fail_msg("site_add: %s", e.msg);
    office_config(o, "2", "QN");
    if (seed_make(t->db, &admin, "QN", o->seed, s, &e)) fail_msg("seed_make: %s", e.msg);
    struct stat sb;
    assert_int_equal(stat(o->seed, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
}

static void test_seed(void **state)
{
    tu_env *t = *state;
    st_err e;
    err_clear(&e);
    office o;
    seed_stats s;
    seed_office(t, &o, &s);
    /* What the office must get: proposals employing or competent in QN's subtree. */
    long long want = q(t->db, "SELECT count(*) FROM proposals p WHERE EXISTS (SELECT 1 FROM "
                       "units u, units r WHERE r.code = 'BD-QN' AND substr(u.path, 1, length(r.path)) "
                       "= r.path AND u.id IN (p.employing_unit_id, p.competent_unit_id)) "
                       "AND p.deleted = 0");
    long long all = q(t->db, "SELECT count(*) FROM proposals WHERE deleted = 0");
    assert_int_equal(want, 2);
    assert_int_equal(all, 4);
    assert_int_equal(s.proposals, want);
    assert_int_equal(s.site_no, 2);
    /* Wrong code, wrong site number: refused, no database left. */
    char bad[BUNDLE_CODE_LEN + 1];
    do bundle_new_code(bad); while (strcmp(bad, s.code) == 0);
    int no = 0;
    assert_int_equal(seed_install(o.cfg, o.seed, bad, &no, &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "sai mã dùng một lần"));
    assert_int_equal(access(o.path, F_OK), -1);
    assert_int_equal(config_set(o.cfg, "site.number", "7", &e), ST_OK);
    assert_int_equal(seed_install(o.cfg, o.seed, s.code, &no, &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "site.number = 2"));
    assert_int_equal(access(o.path, F_OK), -1);
    assert_int_equal(config_set(o.cfg, "site.number", "2", &e), ST_OK);
    if (seed_install(o.cfg, o.seed, s.code, &no, &e)) fail_msg("seed_install: %s", e.msg);
    assert_int_equal(no, 2);
    if (db_open(o.cfg, DB_OPEN_EXISTING, &o.db, &e)) fail_msg("db_open: %s", e.msg);
    st_db *d = o.db;
    assert_int_equal(q(d, "SELECT count(*) FROM proposals WHERE deleted = 0"), want);
    /* Nothing outside the subtree, in any table that names a proposal. */
    assert_int_equal(q(d, "SELECT count(*) FROM proposals p WHERE NOT EXISTS (SELECT 1 FROM "
                       "units u, units r WHERE r.code = 'BD-QN' AND substr(u.path, 1, length(r.path)) "
                       "= r.path AND u.id IN (p.employing_unit_id, p.competent_unit_id))"), 0);
    assert_int_equal(q(d, "SELECT count(*) FROM events WHERE proposal_id IS NOT NULL AND "
                       "proposal_id NOT IN (SELECT id FROM proposals)"), 0);
    assert_int_equal(q(d, "SELECT count(*) FROM opinions WHERE proposal_id NOT IN "
                       "(SELECT id FROM proposals)"), 0);
    assert_int_equal(q(d, "SELECT count(*) FROM proposals WHERE id IN (203, 204)"), 0);
    assert_int_equal(q(d, "SELECT count(*) FROM opinions"), 0);
    assert_int_equal(q(d, "SELECT count(*) FROM events WHERE proposal_id IN (201, 202)"), 2);
    assert_int_equal(q(d, "SELECT count(*) FROM proposers"), 2);
    /* The events stay append-only at the office. */
    assert_int_not_equal(sqlite3_exec(db_h(d), "DELETE FROM events", NULL, NULL, NULL), SQLITE_OK);
    /* Nothing of the proposals cut out survives anywhere in the file. */
    FILE *f = fopen(o.path, "rb");
    assert_non_null(f);
    static char img[4 << 20];
    size_t n = fread(img, 1, sizeof img, f);
    fclose(f);
    const char *secrets[] = {"giá thầu", "Kho lúa giống", "Một cửa liên thông", "$y$j9T$secret"};
    for (size_t k = 0; k < sizeof secrets / sizeof secrets[0]; k++)
        for (size_t i = 0; i + strlen(secrets[k]) <= n; i++)
            if (memcmp(img + i, secrets[k], strlen(secrets[k])) == 0)
                fail_msg("\"%s\" found in the office database", secrets[k]);
    /* The search index holds the office's proposals and nothing else. */
    assert_int_equal(q(d, "SELECT count(*) FROM proposal_fts"), q(d, "SELECT count(*) FROM proposals"));
    /* Reference data whole. */
    assert_int_equal(q(d, "SELECT count(*) FROM units"), q(t->db, "SELECT count(*) FROM units"));
    assert_int_equal(q(d, "SELECT count(*) FROM holidays"), q(t->db, "SELECT count(*) FROM holidays"));
    /* No password, lockout or login state travelled; no draft, no log. */
    assert_int_equal(q(d, "SELECT count(*) FROM users WHERE password_hash <> '!' OR "
                       "os_login IS NOT NULL OR failed_logins <> 0 OR must_change_pw = 0"), 0);
    assert_true(q(d, "SELECT count(*) FROM users") > 0);
    assert_int_equal(q(d, "SELECT count(*) FROM drafts"), 0);
    assert_int_equal(q(d, "SELECT count(*) FROM sync_log"), 0);
    assert_int_equal(q(d, "SELECT locked FROM users WHERE id = 111"), 0);
    assert_int_equal(q(d, "SELECT locked FROM users WHERE id = 112"), 1);
    /* Accounts of other units that a kept row names are there, locked. */
    assert_int_equal(q(d, "SELECT count(*) FROM users s WHERE locked = 0 AND NOT EXISTS (SELECT 1 "
                       "FROM units u, units r WHERE r.code = 'BD-QN' AND u.id = s.scope_unit_id AND "
                       "substr(u.path, 1, length(r.path)) = r.path)"), 0);
    /* The office's place: its own keys, the hub's public key. */
    sync_me me, hub;
    assert_int_equal(site_me(d, &me, &e), ST_OK);
    assert_int_equal(site_me(t->db, &hub, &e), ST_OK);
    assert_int_equal(me.is_hub, 0);
    assert_int_equal(me.site_no, 2);
    assert_string_equal(me.deployment, hub.deployment);
    assert_memory_equal(me.hub_pk, hub.pk, SYNC_PK);
    sync_site qn;
    assert_int_equal(site_get(t->db, "QN", &qn, &e), ST_OK);
    assert_memory_equal(me.pk, qn.pk, SYNC_PK);
    assert_int_equal(q(d, "SELECT count(*) FROM sync_sites"), 1);
    char code[16];
    qtext(d, "SELECT code FROM sync_sites", code, sizeof code);
    assert_string_equal(code, "BD");
    /* The first administrator, over the office's subtree. */
    assert_int_equal(seed_first_admin(d, "qtqn", "Quản trị Quy Nhơn", "matkhau-QN-2026", &e), ST_OK);
    st_actor a;
    assert_int_equal(user_actor(d, "qtqn", &a, &e), ST_OK);
    assert_int_equal(a.scope_unit, qn.unit_id);
    assert_int_equal(a.must_change_pw, 0);
    assert_int_equal(seed_first_admin(d, "qtqn", "Lần nữa", "matkhau-QN-2026", &e), ST_EINVAL);
    office_close(&o);
}

static void test_keys_after_rekey(void **state)
{
    tu_env *t = *state;
    st_err e;
    err_clear(&e);
    office o;
    seed_stats s;
    seed_office(t, &o, &s);
    int no;
    assert_int_equal(seed_install(o.cfg, o.seed, s.code, &no, &e), ST_OK);
    assert_int_equal(db_open(o.cfg, DB_OPEN_EXISTING, &o.db, &e), ST_OK);
    st_actor admin = actor(t, "admin");
    unsigned char pk[SYNC_PK], sk[SYNC_SK];
    assert_int_equal(site_rekey(t->db, &admin, 2, pk, sk, &e), ST_OK);
    char path[800], code[BUNDLE_CODE_LEN + 1];
    snprintf(path, sizeof path, "%s/QN.keys", o.dir);
    assert_int_equal(seed_write_keys(t->db, 2, pk, sk, path, code, &e), ST_OK);
    char bad[BUNDLE_CODE_LEN + 1];
    do bundle_new_code(bad); while (strcmp(bad, code) == 0);
    assert_int_equal(seed_import_keys(o.db, path, bad, &e), ST_EINVAL);
    if (seed_import_keys(o.db, path, code, &e)) fail_msg("keys: %s", e.msg);
    sync_me me;
    assert_int_equal(site_me(o.db, &me, &e), ST_OK);
    assert_memory_equal(me.pk, pk, SYNC_PK);
    assert_memory_equal(me.sk, sk, SYNC_SK);
    office_close(&o);
}

/* Hub → office → hub by file, and the refusals of a real import. */
static void test_exchange(void **state)
{
    tu_env *t = *state;
    st_err e;
    err_clear(&e);
    office o;
    seed_stats s;
    seed_office(t, &o, &s);
    int no;
    assert_int_equal(seed_install(o.cfg, o.seed, s.code, &no, &e), ST_OK);
    assert_int_equal(db_open(o.cfg, DB_OPEN_EXISTING, &o.db, &e), ST_OK);
    char b1[800], b2[800];
    snprintf(b1, sizeof b1, "%s/hub-to-qn.sangtao", o.dir);
    snprintf(b2, sizeof b2, "%s/qn-to-hub.sangtao", o.dir);
    uint64_t bytes = 0;
    if (sync_export(t->db, 2, b1, &bytes, &e)) fail_msg("export: %s", e.msg);
    assert_true(bytes > BUNDLE_HDR);
    int from = 0;
    sync_result r;
    if (sync_import(o.db, b1, &from, &r, &e)) fail_msg("import: %s", e.msg);
    assert_int_equal(from, 1);
    /* The office's bundle for the hub (at an office: to the hub, 0). */
    if (sync_export(o.db, 0, b2, NULL, &e)) fail_msg("office export: %s", e.msg);
    if (sync_import(t->db, b2, &from, &r, &e)) fail_msg("hub import: %s", e.msg);
    assert_int_equal(from, 2);
    /* The hub cannot read its own bundle for the office: not addressed to it. */
    long long ledger = q(t->db, "SELECT count(*) FROM sync_log WHERE direction = 'refused'");
    assert_int_equal(sync_import(t->db, b1, &from, &r, &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "không phải trạm này"));
    assert_int_equal(q(t->db, "SELECT count(*) FROM sync_log WHERE direction = 'refused'"),
                     ledger + 1);
    /* A flipped byte: refused, nothing changes at the office. */
    FILE *f = fopen(b1, "r+b");
    assert_non_null(f);
    fseek(f, BUNDLE_HDR + 3, SEEK_SET);
    int ch = fgetc(f);
    fseek(f, BUNDLE_HDR + 3, SEEK_SET);
    fputc(ch ^ 0x20, f);
    fclose(f);
    long long props = q(o.db, "SELECT count(*) FROM proposals");
    assert_int_equal(sync_import(o.db, b1, &from, &r, &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "hỏng"));
    assert_int_equal(q(o.db, "SELECT count(*) FROM proposals"), props);
    /* An office exports only to the hub. */
    assert_int_equal(sync_export(o.db, 3, b2, NULL, &e), ST_ENOTFOUND);
    /* The log feeds sync status. */
    assert_int_equal(q(t->db, "SELECT count(*) FROM sync_log WHERE direction = 'import' "
                       "AND site_no = 2"), 1);
    assert_int_equal(q(o.db, "SELECT count(*) FROM sync_log WHERE direction = 'export' "
                       "AND site_no = 1"), 1);
    office_close(&o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_self_on_first_use, setup, teardown),
        cmocka_unit_test_setup_teardown(test_add_list_rekey, setup, teardown),
        cmocka_unit_test_setup_teardown(test_seed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_keys_after_rekey, setup, teardown),
        cmocka_unit_test_setup_teardown(test_exchange, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
