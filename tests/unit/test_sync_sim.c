/* The randomized simulation: a hub and five offices (one unit subtree
 * each), random operations at random sites (new proposals, edits of the
 * same and of different fields, workflow steps), payloads lost, duplicated
 * and delivered late, one office restored from a copy taken half way;
 * then every site exchanges until nothing moves and
 * each office's digests must equal the hub's for its subtree.  The seed is
 * fixed (same run every time); the figures are printed. */
#include "test_sync_fixture.h"
#include "flow/counts.h"

enum { OFFICES = 5, OPS = 2000 };

typedef struct late {
    unsigned char *p;
    size_t n;
    int to, from;      /* site index: 0 hub, 1..OFFICES */
} late;

static unsigned rnd_state = 12345;
static unsigned rnd(unsigned n)
{
    rnd_state = rnd_state * 1103515245u + 12345u;
    return (rnd_state >> 8) % n;
}

static void sim_open(const char *dir, site *s, int no, int mode)
{
    st_err e;
    err_clear(&e);
    char name[32], num[8], code[8];
    snprintf(name, sizeof name, "s%d.db", no);
    snprintf(num, sizeof num, "%d", no);
    snprintf(code, sizeof code, no == 1 ? "BD" : "O%d", no);
    s->path = malloc(strlen(dir) + 32);
    sprintf(s->path, "%s/%s", dir, name);
    assert_int_equal(config_new(&s->cfg, &e), ST_OK);
    config_set(s->cfg, "database.path", s->path, &e);
    config_set(s->cfg, "site.number", num, &e);
    config_set(s->cfg, "site.code", code, &e);
    if (db_open(s->cfg, mode, &s->db, &e) != ST_OK) fail_msg("open: %s", e.msg);
    sqlite3_exec(db_h(s->db), "PRAGMA synchronous=OFF", NULL, NULL, NULL);
}

static int site_no(int i) { return i + 1; }    /* index 0 is the hub, site 1 */

static void test_simulation(void **state)
{
    (void)state;
    setenv("SANGTAO_TODAY", "2026-03-02", 1);
    char *dir = tu_tmpdir();
    site s[OFFICES + 1];
    memset(s, 0, sizeof s);
    sim_open(dir, &s[0], 1, DB_OPEN_CREATE);
    st_err e;
    err_clear(&e);
    sbuf csv;
    sbuf_init(&csv);
    sbuf_add(&csv, "code,name,parent_code,level\nP,Tỉnh ủy,,tinh\n");
    for (int i = 1; i <= OFFICES; i++) sbuf_addf(&csv, "U%d,Huyện ủy số %d,P,huyen\n", i, i);
    int n = 0;
    if (unit_import_text(s[0].db, NULL, sbuf_str(&csv), "u.csv", &n, &e)) fail_msg("%s", e.msg);
    sbuf_free(&csv);
    unsigned mask;
    roles_parse("admin", &mask, &e);
    assert_int_equal(user_add(s[0].db, NULL, "admin", "Quản trị", mask, "P", "matkhau-123", &e), 0);
    int me, hub;
    char dep[40];
    assert_int_equal(sync_self(s[0].db, &me, &hub, dep, &e), ST_OK);
    for (int i = 1; i <= OFFICES; i++) {
        char q[300];
        snprintf(q, sizeof q, "INSERT INTO sync_sites(site_no, code, name, unit_id, sign_pk, "
                 "created_at) SELECT %d, 'O%d', 'VP', id, randomblob(32), '2026-03-02T00:00:00Z' "
                 "FROM units WHERE code = 'U%d'", site_no(i), site_no(i), i);
        sql(s[0].db, q);
    }
    assert_int_equal(user_actor(s[0].db, "admin", &s[0].admin, &e), ST_OK);
    for (int i = 1; i <= OFFICES; i++) {
        char path[600];
        snprintf(path, sizeof path, "%s/s%d.db", dir, site_no(i));
        assert_int_equal(db_backup(s[0].db, path, &e), ST_OK);
        sim_open(dir, &s[i], site_no(i), DB_OPEN_EXISTING);
        char q[300];
        snprintf(q, sizeof q, "UPDATE sync_self SET site_no = %d, is_hub = 0; DELETE FROM "
                 "sync_sites; INSERT INTO sync_sites(site_no, code, name, unit_id, sign_pk, "
                 "created_at) SELECT 1, 'BD', 'Tỉnh', id, randomblob(32), "
                 "'2026-03-02T00:00:00Z' FROM units WHERE code = 'P'", site_no(i));
        sql(s[i].db, q);
        int64_t seq;
        assert_int_equal(sync_seed_mark(s[0].db, site_no(i), &seq, &e), ST_OK);
        assert_int_equal(sync_seed_start(s[i].db, 1, seq, &e), ST_OK);
        assert_int_equal(user_actor(s[i].db, "admin", &s[i].admin, &e), ST_OK);
    }
    late pile[64];
    int npile = 0;
    long lost = 0, dup = 0, delayed = 0, exchanges = 0, applied = 0, creates = 0, edits = 0,
         moves = 0, refused = 0;
    static const char *const fieldsets[] = {"title", "content", "necessity", "feasibility"};
    char oldcopy[600];
    snprintf(oldcopy, sizeof oldcopy, "%s/old3.db", dir);
    for (int op = 0; op < OPS; op++) {
        if (op == OPS / 2) assert_int_equal(db_backup(s[3].db, oldcopy, &e), ST_OK);
        int i = (int)rnd(OFFICES + 1);
        site *x = &s[i];
        unsigned kind = rnd(10);
        if (kind < 3) {                        /* a new proposal in a random unit */
            int u = i ? i : 1 + (int)rnd(OFFICES);
            char unit[8], title[64], code[32], lead[48];
            snprintf(unit, sizeof unit, "U%d", u);
            snprintf(lead, sizeof lead, "Nguyễn Văn An %d", op);
            snprintf(title, sizeof title, "Đề xuất số %d của đơn vị %d", op, u);
            st_kv kv[] = {
                {"title", title}, {"field", "hanh_chinh"}, {"employing_unit", unit},
                {"lead", lead}, {"lead_position", "Chuyên viên"},
                {"bottleneck", "Chậm"}, {"bottleneck_kind", "unsuitable"},
                {"necessity", "Cần"}, {"content", "Làm"}, {"feasibility", "Được"},
                {"legal_basis", "NĐ 73"}, {"period_from", "01/04/2026"},
                {"period_to", "30/09/2026"}, {"funding_requested", "1.000.000"},
            };
            if (proposal_create(x->db, &x->admin, kv, 14, code, &e)) fail_msg("%s", e.msg);
            creates++;
        } else if (kind < 7) {                 /* edit a field of a random proposal */
            char q[400];
            snprintf(q, sizeof q, "UPDATE proposals SET %s = 'Sửa lần %d ở trạm %d', "
                     "version = version + 1 WHERE id = (SELECT id FROM proposals ORDER BY "
                     "id LIMIT 1 OFFSET %u)", fieldsets[rnd(4)], op, i,
                     rnd((unsigned)qint(x->db, "SELECT count(*) + 1 FROM proposals")));
            write_sql(x->db, q);
            edits++;
        } else if (kind < 8) {                 /* a workflow step, where it is allowed */
            static const char *const acts[] = {"submit", "accept", "withdraw", "return"};
            const char *a = acts[rnd(4)];
            char q[200];
            snprintf(q, sizeof q, "SELECT code FROM proposals ORDER BY id LIMIT 1 OFFSET %u",
                     rnd((unsigned)qint(x->db, "SELECT count(*) + 1 FROM proposals")));
            char *code = qstr(x->db, q);
            st_kv why[] = {{"reason", "Lý do ngẫu nhiên"}};
            err_clear(&e);
            if (strcmp(code, "(none)") != 0 &&
                workflow_apply(x->db, &x->admin, code, a, why,
                               strcmp(a, "withdraw") == 0 || strcmp(a, "return") == 0, 0, &e)
                    == ST_OK)
                moves++;
            free(code);
        } else {                               /* an exchange, maybe lost or late */
            int o = 1 + (int)rnd(OFFICES);
            int from = rnd(2) ? 0 : o, to = from ? 0 : o;
            unsigned char *p;
            size_t pn;
            payload(&s[from], site_no(to), &p, &pn);
            exchanges++;
            unsigned fate = rnd(10);
            if (fate == 0) { lost++; free(p); continue; }
            if (fate == 1 && npile < 64) {
                pile[npile++] = (late){p, pn, to, from};
                delayed++;
                continue;
            }
            sync_result r = apply(&s[to], site_no(from), p, pn);
            applied += r.changes_applied;
            refused += r.conflicts;
            if (fate == 2) { apply(&s[to], site_no(from), p, pn); dup++; }
            free(p);
            if (npile && rnd(3) == 0) {        /* an old payload turns up */
                late *l = &pile[--npile];
                apply(&s[l->to], site_no(l->from), l->p, l->n);
                free(l->p);
            }
        }
    }
    /* office 3 is restored from the copy taken half way, and imports the
     * hub's bundle first (README) */
    db_close(&s[3].db);
    char cmd[1400];
    snprintf(cmd, sizeof cmd, "cp '%s' '%s' && rm -f '%s-wal' '%s-shm'", oldcopy, s[3].path,
             s[3].path, s[3].path);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(db_open(s[3].cfg, DB_OPEN_EXISTING, &s[3].db, &e), ST_OK);
    long before = qint(s[3].db, "SELECT count(*) FROM proposals");
    {
        unsigned char *p;
        size_t pn;
        payload(&s[0], site_no(3), &p, &pn);
        apply(&s[3], 1, p, pn);
        free(p);
    }
    /* the late payloads arrive after all (those to office 3 are older than
     * its copy, or newer: the ledger sorts them out) */
    while (npile) {
        late *l = &pile[--npile];
        apply(&s[l->to], site_no(l->from), l->p, l->n);
        free(l->p);
    }
    for (int round = 0; round < 4; round++)
        for (int i = 1; i <= OFFICES; i++) {
            unsigned char *p;
            size_t pn;
            payload(&s[i], 1, &p, &pn);
            apply(&s[0], site_no(i), p, pn);
            free(p);
            payload(&s[0], site_no(i), &p, &pn);
            apply(&s[i], 1, p, pn);
            free(p);
        }
    int equal = 0;
    for (int i = 1; i <= OFFICES; i++) {
        char path[256];
        assert_int_equal(sync_site_path(s[0].db, site_no(i), path, sizeof path, &e), ST_OK);
        sbuf a, b;
        sbuf_init(&a);
        sbuf_init(&b);
        assert_int_equal(sync_digest_build(s[0].db, path, &a, &e), ST_OK);
        assert_int_equal(sync_digest_build(s[i].db, path, &b, &e), ST_OK);
        int nd = -1;
        assert_int_equal(sync_verify(s[i].db, NULL, NULL, &nd, &e), ST_OK);
        if (a.len == b.len && memcmp(a.s, b.s, a.len) == 0 && nd == 0) equal++;
        else print_error("office %d differs from the hub (%d tables)\n", site_no(i), nd);
        sbuf_free(&a);
        sbuf_free(&b);
    }
    long conflicts = qint(s[0].db, "SELECT count(*) FROM sync_conflicts");
    printf("restored office: %ld proposals in the old copy, %ld after catching up\n", before,
           qint(s[3].db, "SELECT count(*) FROM proposals"));
    printf("simulation: hub + %d offices, %d operations (%ld new proposals, %ld edits, %ld "
           "workflow steps), %ld exchanges (%ld lost, %ld duplicated, %ld late), %ld entries "
           "applied, %ld conflicts recorded, %d of %d offices equal to the hub\n",
           OFFICES, OPS, creates, edits, moves, exchanges, lost, dup, delayed, applied,
           conflicts, equal, OFFICES);
    (void)refused;
    assert_int_equal(equal, OFFICES);
    /* The counts kept by triggers (014_counts.sql) as the rows were applied:
     * right at every site, the offices' seeds and restored copy included. */
    for (int i = 0; i <= OFFICES; i++) {
        long wrong = -1;
        assert_int_equal(counts_check(s[i].db, &wrong, &e), ST_OK);
        if (wrong) fail_msg("site %d: %ld rows of the kept counts differ", site_no(i), wrong);
    }
    for (int i = 0; i <= OFFICES; i++) close_site(&s[i]);
    tu_rmdir(&dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_simulation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
