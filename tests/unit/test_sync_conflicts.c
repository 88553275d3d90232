/* Conflicts seen at both sites and resolved as an ordinary change; verify
 * names the tables an office holds differently from the hub; an office
 * restored from an old copy loses nothing it writes afterwards. */
#include "test_sync_fixture.h"

typedef struct seen {
    int n;
    int64_t id;
    char kept[64], lost[64], state[8], code[32];
} seen;

static int on_conflict(const sync_conflict *c, void *ud)
{
    seen *s = ud;
    s->n++;
    s->id = c->id;
    snprintf(s->kept, sizeof s->kept, "%s", c->kept_value);
    snprintf(s->lost, sizeof s->lost, "%s", c->lost_value);
    snprintf(s->state, sizeof s->state, "%s", c->open ? "open" : c->resolution);
    snprintf(s->code, sizeof s->code, "%s", c->code);
    return 0;
}

static void same_title_conflict(fx *f, char code[32])
{
    new_proposal(&f->hub, "Tiêu đề ban đầu", code);
    exchange(f, 1);
    char q[300];
    snprintf(q, sizeof q, "UPDATE proposals SET title = 'Tên của huyện', version = version + 1 "
             "WHERE code = '%s'", code);
    write_sql(f->off.db, q);
    snprintf(q, sizeof q, "UPDATE proposals SET title = 'Tên của tỉnh', version = version + 1 "
             "WHERE code = '%s'", code);
    write_sql(f->hub.db, q);
    exchange(f, 0);
    exchange(f, 1);
}

/* Listed at both sites; "take" at the office writes the lost value back,
 * and the resolution reaches the hub like any edit. */
static void test_resolve_take_travels(void **state)
{
    fx *f = *state;
    char code[32];
    same_title_conflict(f, code);
    st_err e;
    err_clear(&e);
    seen s;
    for (int i = 0; i < 2; i++) {
        memset(&s, 0, sizeof s);
        assert_int_equal(sync_conflicts_list(i ? f->off.db : f->hub.db, 1, on_conflict, &s, &e),
                         ST_OK);
        assert_int_equal(s.n, 1);
        assert_string_equal(s.kept, "Tên của huyện");
        assert_string_equal(s.lost, "Tên của tỉnh");
        assert_string_equal(s.code, code);
    }
    assert_int_equal(sync_conflict_resolve(f->off.db, &f->off.admin, s.id, 1, &e), ST_OK);
    /* a second resolution is refused */
    assert_int_equal(sync_conflict_resolve(f->off.db, &f->off.admin, s.id, 0, &e), ST_ESTATE);
    exchange(f, 0);
    exchange(f, 1);
    char q[200];
    snprintf(q, sizeof q, "SELECT title FROM proposals WHERE code = '%s'", code);
    for (int i = 0; i < 2; i++) {
        st_db *db = i ? f->off.db : f->hub.db;
        char *v = qstr(db, q);
        assert_string_equal(v, "Tên của tỉnh");
        free(v);
        memset(&s, 0, sizeof s);
        assert_int_equal(sync_conflicts_list(db, 0, on_conflict, &s, &e), ST_OK);
        assert_int_equal(s.n, 1);
        assert_string_equal(s.state, "took");
        memset(&s, 0, sizeof s);
        assert_int_equal(sync_conflicts_list(db, 1, on_conflict, &s, &e), ST_OK);
        assert_int_equal(s.n, 0);
    }
    assert_converged(f);
}

/* "keep" changes only the record. */
static void test_resolve_keep(void **state)
{
    fx *f = *state;
    char code[32];
    same_title_conflict(f, code);
    st_err e;
    err_clear(&e);
    seen s;
    memset(&s, 0, sizeof s);
    sync_conflicts_list(f->hub.db, 1, on_conflict, &s, &e);
    assert_int_equal(sync_conflict_resolve(f->hub.db, &f->hub.admin, s.id, 0, &e), ST_OK);
    exchange(f, 1);
    char q[200];
    snprintf(q, sizeof q, "SELECT title FROM proposals WHERE code = '%s'", code);
    char *v = qstr(f->off.db, q);
    assert_string_equal(v, "Tên của huyện");
    free(v);
    assert_int_equal(qint(f->off.db, "SELECT count(*) FROM sync_conflicts WHERE state = 'open'"), 0);
}

static int on_diff(const char *table, int64_t hub_rows, int64_t here_rows, void *ud)
{
    sbuf *b = ud;
    sbuf_addf(b, "%s:%lld/%lld;", table, (long long)hub_rows, (long long)here_rows);
    return 0;
}

/* verify: in line after an exchange; a row the office lost is named. */
static void test_verify(void **state)
{
    fx *f = *state;
    char code[32];
    new_proposal(&f->hub, "Đề xuất kiểm tra", code);
    exchange(f, 1);
    st_err e;
    err_clear(&e);
    int nd = -1;
    sbuf b;
    sbuf_init(&b);
    assert_int_equal(sync_verify(f->off.db, on_diff, &b, &nd, &e), ST_OK);
    assert_int_equal(nd, 0);
    /* a monitoring row vanishes at the office (a damaged copy) */
    sql(f->off.db, "DELETE FROM proposers");
    assert_int_equal(sync_verify(f->off.db, on_diff, &b, &nd, &e), ST_OK);
    assert_int_equal(nd, 1);
    assert_string_equal(sbuf_str(&b), "proposers:1/0;");
    sbuf_free(&b);
}

/* An office restored from an old copy: what it writes after the restore
 * reaches the hub, and it gets back what the hub had from it. */
static void test_restored_office(void **state)
{
    fx *f = *state;
    st_err e;
    err_clear(&e);
    char *old = malloc(strlen(f->dir) + 16);
    sprintf(old, "%s/old.db", f->dir);
    assert_int_equal(db_backup(f->off.db, old, &e), ST_OK);
    char c1[32], c2[32], c3[32];
    new_proposal(&f->off, "Trước khi hỏng máy", c1);
    new_proposal(&f->off, "Trước khi hỏng máy nữa", c2);
    exchange(f, 0);                        /* the hub has both */
    /* the office's disk dies: back to the old copy */
    db_close(&f->off.db);
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "cp '%s' '%s' && rm -f '%s-wal' '%s-shm'", old, f->off.path,
             f->off.path, f->off.path);
    assert_int_equal(system(cmd), 0);
    free(old);
    assert_int_equal(db_open(f->off.cfg, DB_OPEN_EXISTING, &f->off.db, &e), ST_OK);
    assert_int_equal(qint(f->off.db, "SELECT count(*) FROM proposals WHERE code LIKE 'HA-%'"), 0);
    /* first the hub's latest bundle (README: after a restore, import before
     * any work): the office gets back what it had sent */
    exchange(f, 1);
    assert_int_equal(qint(f->off.db, "SELECT count(*) FROM proposals WHERE title LIKE "
                                     "'Trước khi hỏng máy%'"), 2);
    new_proposal(&f->off, "Sau khi khôi phục", c3);
    assert_string_not_equal(c3, c1);
    assert_string_not_equal(c3, c2);
    exchange(f, 0);
    exchange(f, 1);
    assert_int_equal(qint(f->hub.db, "SELECT count(*) FROM proposals WHERE title = "
                                     "'Sau khi khôi phục'"), 1);
    assert_int_equal(qint(f->off.db, "SELECT count(*) FROM proposals WHERE title LIKE "
                                     "'Trước khi hỏng máy%'"), 2);
    assert_converged(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_resolve_take_travels, setup, teardown),
        cmocka_unit_test_setup_teardown(test_resolve_keep, setup, teardown),
        cmocka_unit_test_setup_teardown(test_verify, setup, teardown),
        cmocka_unit_test_setup_teardown(test_restored_office, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
