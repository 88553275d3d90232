/* Units: CSV import of the tree, paths, scope listing; people. */
#include "testdb.h"

#include "store/db_internal.h"
#include "flow/people.h"
#include "flow/units.h"

static const char DEMO[] = "data/units_demo.csv";

static int setup(void **state)
{
    tu_env *t = calloc(1, sizeof *t);
    tu_env_open(t);
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

/* One integer from SQL with an optional text parameter. */
static long long q_int(st_db *db, const char *sql, const char *arg)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_h(db), sql, -1, &st, NULL), SQLITE_OK);
    if (arg) sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
    long long v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return v;
}

static void q_text(st_db *db, const char *sql, const char *arg, char *buf, size_t n)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_h(db), sql, -1, &st, NULL), SQLITE_OK);
    if (arg) sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
    buf[0] = '\0';
    if (sqlite3_step(st) == SQLITE_ROW)
        snprintf(buf, n, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
}

static int import_demo(tu_env *t)
{
    FILE *f = fopen(DEMO, "r");
    assert_non_null(f);
    st_err e;
    err_clear(&e);
    int count = 0;
    int rc = unit_import_csv(t->db, NULL, f, "units_demo.csv", &count, &e);
    fclose(f);
    if (rc != ST_OK) fail_msg("import: %s", e.msg);
    return count;
}

/* Rows and codes of the demo file, in file order. */
static int demo_codes(char codes[][40], int max)
{
    FILE *f = fopen(DEMO, "r");
    assert_non_null(f);
    char line[512];
    int n = -1;   /* the header */
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '\n' || line[0] == '\r') continue;
        if (n >= 0 && n < max) {
            size_t k = strcspn(line, ",");
            snprintf(codes[n], 40, "%.*s", (int)k, line);
        }
        n++;
    }
    fclose(f);
    return n;
}

static void actor_for(tu_env *t, const char *code, unsigned roles, st_actor *a)
{
    memset(a, 0, sizeof *a);
    snprintf(a->username, sizeof a->username, "test");
    a->roles = roles;
    st_err e;
    assert_int_equal(unit_find(t->db, code, &a->scope_unit, &e), ST_OK);
    q_text(t->db, "SELECT path FROM units WHERE code = ?1", code, a->scope_path,
           sizeof a->scope_path);
}

static void test_import_demo(void **state)
{
    tu_env *t = *state;
    char codes[200][40];
    int expect = demo_codes(codes, 200);
    assert_in_range(expect, 80, 120);
    assert_int_equal(import_demo(t), expect);
    assert_int_equal(q_int(t->db, "SELECT count(*) FROM units", NULL), expect);
    assert_int_equal(q_int(t->db, "SELECT count(*) FROM units WHERE parent_id IS NULL", NULL), 1);
    /* Every path is the parent's path plus the unit's own id. */
    assert_int_equal(q_int(t->db, "SELECT count(*) FROM units u LEFT JOIN units p "
                           "ON p.id = u.parent_id WHERE u.path != coalesce(p.path, '/') "
                           "|| u.id || '/'", NULL), 0);
    int64_t bd, qn, ub, pnv;
    st_err e;
    assert_int_equal(unit_find(t->db, "BD", &bd, &e), ST_OK);
    assert_int_equal(unit_find(t->db, "BD-QN", &qn, &e), ST_OK);
    assert_int_equal(unit_find(t->db, "BD-QN-UB", &ub, &e), ST_OK);
    assert_int_equal(unit_find(t->db, "BD-QN-UB-PNV", &pnv, &e), ST_OK);
    char want[256], got[256];
    snprintf(want, sizeof want, "/%lld/%lld/%lld/%lld/", (long long)bd, (long long)qn,
             (long long)ub, (long long)pnv);
    q_text(t->db, "SELECT path FROM units WHERE code = ?1", "BD-QN-UB-PNV", got, sizeof got);
    assert_string_equal(got, want);
    assert_int_equal(unit_parent(t->db, pnv), ub);
    assert_int_equal(unit_parent(t->db, bd), 0);
    assert_int_equal(unit_find(t->db, "NO-SUCH", &bd, &e), ST_ENOTFOUND);
    /* Localities, departments and boards as the plan lists them. */
    assert_int_equal(q_int(t->db, "SELECT count(*) FROM units u JOIN units p ON p.id = "
                           "u.parent_id WHERE p.code = 'BD' AND u.level = 'huyen'", NULL), 11);
    assert_int_equal(q_int(t->db, "SELECT count(*) FROM units WHERE level = 'so'", NULL), 12);
    assert_int_equal(q_int(t->db, "SELECT count(*) FROM units WHERE level = 'ban'", NULL), 6);
    /* One event with the count. */
    assert_int_equal(q_int(t->db, "SELECT count(*) FROM events WHERE action = 'unit_import'",
                           NULL), 1);
    assert_int_equal(q_int(t->db, "SELECT json_extract(data, '$.count') FROM events "
                           "WHERE action = 'unit_import'", NULL), expect);
    /* Importing the same file again changes nothing but adds its event. */
    assert_int_equal(import_demo(t), expect);
    assert_int_equal(q_int(t->db, "SELECT count(*) FROM units", NULL), expect);
    assert_int_equal(q_int(t->db, "SELECT max(version) FROM units", NULL), 1);
}

typedef struct walk {
    int n;
    char codes[200][40];
    int depth[200];
    char parent[200][40];
} walk;

static int collect(const unit_row *r, void *ud)
{
    walk *w = ud;
    if (w->n < 200) {
        snprintf(w->codes[w->n], 40, "%s", r->code);
        snprintf(w->parent[w->n], 40, "%s", r->parent_code);
        w->depth[w->n] = r->depth;
    }
    w->n++;
    return 0;
}

static void test_tree_order(void **state)
{
    tu_env *t = *state;
    int n = import_demo(t);
    char codes[200][40];
    demo_codes(codes, 200);
    walk *w = calloc(1, sizeof *w);
    st_err e;
    assert_int_equal(unit_list(t->db, NULL, collect, w, &e), ST_OK);
    assert_int_equal(w->n, n);
    /* The demo file is written depth-first, and sort keeps the file order. */
    for (int i = 0; i < n; i++) assert_string_equal(w->codes[i], codes[i]);
    assert_int_equal(w->depth[0], 0);
    assert_string_equal(w->parent[0], "");
    for (int i = 1; i < n; i++) {
        int p = i - 1;
        while (p > 0 && strcmp(w->codes[p], w->parent[i]) != 0) p--;
        assert_string_equal(w->codes[p], w->parent[i]);   /* parent listed before */
        assert_int_equal(w->depth[i], w->depth[p] + 1);
    }
    free(w);
}

static void test_sibling_order(void **state)
{
    tu_env *t = *state;
    st_err e;
    int n;
    assert_int_equal(unit_import_text(t->db, NULL, "code,name,parent_code,level\n"
                                      "R,Gốc,,tinh\nR-B,Bê,R,ban\nR-A,A,R,ban\n"
                                      "R-B-1,Con,R-B,phong\n", "a.csv", &n, &e), ST_OK);
    /* A later file numbers its rows from 1 again: R-C ties with R-B (sort 2)
     * and comes first by name. */
    assert_int_equal(unit_import_text(t->db, NULL, "code,name,parent_code,level\n"
                                      "R-D,Dê,R,ban\nR-C,An,R,ban\n", "b.csv", &n, &e), ST_OK);
    walk *w = calloc(1, sizeof *w);
    assert_int_equal(unit_list(t->db, NULL, collect, w, &e), ST_OK);
    assert_int_equal(w->n, 6);
    const char *want[] = {"R", "R-D", "R-C", "R-B", "R-B-1", "R-A"};
    for (int i = 0; i < 6; i++) assert_string_equal(w->codes[i], want[i]);
    free(w);
}

static void expect_fail(tu_env *t, const char *csv, const char *want)
{
    st_err e;
    err_clear(&e);
    int n = -1;
    assert_int_equal(unit_import_text(t->db, NULL, csv, "bad.csv", &n, &e), ST_EINVAL);
    if (!strstr(e.msg, want)) fail_msg("message '%s' lacks '%s'", e.msg, want);
    assert_int_equal(n, 0);
    assert_int_equal(q_int(t->db, "SELECT count(*) FROM units", NULL), 0);
    assert_int_equal(q_int(t->db, "SELECT count(*) FROM events", NULL), 0);
}

static void test_bad_rows(void **state)
{
    tu_env *t = *state;
    expect_fail(t, "code,name,parent_code,level\nA,Một,,tinh\nB,Hai,X,ban\nC,Ba,A,ban\n",
                "bad.csv:3:");
    expect_fail(t, "code,name,parent_code,level\nA,Một,,tinh\nB,Hai,X,ban\n", "'X'");
    expect_fail(t, "code,name,parent_code,level\nA,Một,,tinh\nB,Hai,A,ban\nA,Ba,,tinh\n",
                "bad.csv:4:");
    expect_fail(t, "code,name,parent_code,level\nA,Một,B,tinh\nB,Hai,A,ban\n", "vòng lặp");
    expect_fail(t, "code,name,parent_code,level\nA,Một,A,tinh\n", "vòng lặp");
    expect_fail(t, "code,name,parent_code,level\nA,,,tinh\n", "bad.csv:2:");
    expect_fail(t, "code,name,parent_code,level\n,Một,,tinh\n", "bad.csv:2:");
    expect_fail(t, "code,name,parent_code,level\nA B,Một,,tinh\n", "bad.csv:2:");
    expect_fail(t, "code,name,level\nA,Một,tinh\n", "parent_code");
    expect_fail(t, "code,name,parent_code,level\nA,Một,,tinh,thừa\n", "bad.csv:2:");
    expect_fail(t, "code,name,parent_code,level\n", "không có đơn vị");
    expect_fail(t, "code,name,parent_code,level\nA,\"Một\n", "bad.csv:2:");
}

static void test_nfc(void **state)
{
    tu_env *t = *state;
    st_err e;
    int n;
    /* "Sở Nội vụ" typed with combining marks (NFD). */
    const char *csv = "code,name,parent_code,level,short_name\n"
                      "N,So\xcc\x9b\xcc\x89 No\xcc\x82\xcc\xA3i vu\xcc\xA3,,so,  Sở NV \n";
    assert_int_equal(unit_import_text(t->db, NULL, csv, "nfd.csv", &n, &e), ST_OK);
    assert_int_equal(n, 1);
    assert_int_equal(q_int(t->db, "SELECT count(*) FROM units WHERE name = ?1",
                           "Sở Nội vụ"), 1);
    assert_int_equal(q_int(t->db, "SELECT count(*) FROM units WHERE short_name = ?1",
                           "Sở NV"), 1);
}

static void test_reparent(void **state)
{
    tu_env *t = *state;
    import_demo(t);
    st_err e;
    int n;
    /* Move the city's People's Committee straight under the province. */
    assert_int_equal(unit_import_text(t->db, NULL, "code,name,parent_code,level\n"
                                      "BD-QN-UB,Ủy ban nhân dân thành phố Quy Nhơn,BD,huyen\n",
                                      "move.csv", &n, &e), ST_OK);
    int64_t bd, ub, pnv;
    unit_find(t->db, "BD", &bd, &e);
    unit_find(t->db, "BD-QN-UB", &ub, &e);
    unit_find(t->db, "BD-QN-UB-PNV", &pnv, &e);
    assert_int_equal(unit_parent(t->db, ub), bd);
    char want[256], got[256];
    snprintf(want, sizeof want, "/%lld/%lld/%lld/", (long long)bd, (long long)ub,
             (long long)pnv);
    q_text(t->db, "SELECT path FROM units WHERE code = ?1", "BD-QN-UB-PNV", got, sizeof got);
    assert_string_equal(got, want);
    assert_int_equal(q_int(t->db, "SELECT count(*) FROM units u LEFT JOIN units p "
                           "ON p.id = u.parent_id WHERE u.path != coalesce(p.path, '/') "
                           "|| u.id || '/'", NULL), 0);
    /* Moving the city under its own office would be a cycle. */
    assert_int_equal(unit_import_text(t->db, NULL, "code,name,parent_code,level\n"
                                      "BD-QN,Thành ủy Quy Nhơn,BD-QN-VP,huyen\n",
                                      "cycle.csv", &n, &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "cycle.csv:2:"));
}

static void test_scope_list(void **state)
{
    tu_env *t = *state;
    import_demo(t);
    st_actor a;
    actor_for(t, "BD-QN", ROLE_CLERK, &a);
    walk *w = calloc(1, sizeof *w);
    st_err e;
    assert_int_equal(unit_list(t->db, &a, collect, w, &e), ST_OK);
    assert_int_equal(w->n, (int)q_int(t->db, "SELECT count(*) FROM units WHERE code = 'BD-QN' "
                                      "OR code LIKE 'BD-QN-%'", NULL));
    assert_int_equal(w->n, 12);
    assert_string_equal(w->codes[0], "BD-QN");
    assert_int_equal(w->depth[0], 0);
    for (int i = 0; i < w->n; i++) assert_int_equal(strncmp(w->codes[i], "BD-QN", 5), 0);
    free(w);
}

static void test_import_perm(void **state)
{
    tu_env *t = *state;
    import_demo(t);
    st_actor clerk, qadmin;
    st_err e;
    int n;
    actor_for(t, "BD", ROLE_CLERK | ROLE_HEAD, &clerk);
    actor_for(t, "BD-QN", ROLE_ADMIN, &qadmin);
    const char *csv = "code,name,parent_code,level\nBD-X,Ban mới,BD,ban\n";
    assert_int_equal(unit_import_text(t->db, &clerk, csv, "x.csv", &n, &e), ST_EPERM);
    assert_int_equal(unit_import_text(t->db, &qadmin, csv, "x.csv", &n, &e), ST_EPERM);
    assert_int_equal(unit_import_text(t->db, &qadmin, "code,name,parent_code,level\n"
                                      "BD-QN,Thành ủy Quy Nhơn mới,,huyen\n", "x.csv", &n, &e),
                     ST_EPERM);
    assert_int_equal(unit_import_text(t->db, &qadmin, "code,name,parent_code,level\n"
                                      "BD-QN-X,Phường mới,BD-QN,xa\n", "x.csv", &n, &e), ST_OK);
    assert_int_equal(q_int(t->db, "SELECT count(*) FROM units WHERE code = 'BD-X'", NULL), 0);
}

static void test_people(void **state)
{
    tu_env *t = *state;
    import_demo(t);
    st_actor clerk, viewer;
    st_err e;
    actor_for(t, "BD-QN", ROLE_CLERK, &clerk);
    actor_for(t, "BD-QN", ROLE_VIEWER, &viewer);
    st_kv p1[] = {{"full_name", "  Nguyễn Văn An "}, {"position", "Chuyên viên"},
                  {"unit", "BD-QN-VP"}, {"email", "an@quynhon.gov.vn"}};
    int64_t id1 = 0, id2 = 0, id3 = 0, found = 0;
    assert_int_equal(person_add(t->db, &clerk, p1, 4, &id1, &e), ST_OK);
    assert_true(id1 > 0);
    assert_int_equal(q_int(t->db, "SELECT count(*) FROM events WHERE action = 'person_add'",
                           NULL), 1);
    /* Outside the clerk's scope, a viewer, a missing unit, a bad field. */
    st_kv p2[] = {{"full_name", "Trần Thị Bình"}, {"unit", "BD-VP"}};
    assert_int_equal(person_add(t->db, &clerk, p2, 2, &id2, &e), ST_EPERM);
    p2[1].value = "BD-QN-TP";
    assert_int_equal(person_add(t->db, &viewer, p2, 2, &id2, &e), ST_EPERM);
    assert_int_equal(person_add(t->db, &clerk, p2, 1, &id2, &e), ST_EINVAL);
    st_kv bad[] = {{"full_name", "X"}, {"unit", "BD-QN"}, {"salary", "1"}};
    assert_int_equal(person_add(t->db, &clerk, bad, 3, &id2, &e), ST_EINVAL);
    assert_string_equal(e.field, "salary");
    st_kv noname[] = {{"full_name", "  "}, {"unit", "BD-QN"}};
    assert_int_equal(person_add(t->db, &clerk, noname, 2, &id2, &e), ST_EINVAL);
    assert_int_equal(person_add(t->db, &clerk, p2, 2, &id2, &e), ST_OK);
    /* Find by name (NFD input too) and by id. */
    assert_int_equal(person_find(t->db, &clerk, "Nguyễn Văn An", &found, &e), ST_OK);
    assert_int_equal(found, id1);
    assert_int_equal(person_find(t->db, &clerk, "Tra\xcc\x82\xcc\x80n Thi\xcc\xa3 Bi\xcc\x80nh",
                                 &found, &e), ST_OK);
    assert_int_equal(found, id2);
    char idtxt[32];
    snprintf(idtxt, sizeof idtxt, "%lld", (long long)id2);
    found = 0;
    assert_int_equal(person_find(t->db, &clerk, idtxt, &found, &e), ST_OK);
    assert_int_equal(found, id2);
    assert_int_equal(person_find(t->db, &clerk, "999999", &found, &e), ST_ENOTFOUND);
    assert_int_equal(person_find(t->db, &clerk, "Lê Văn Không", &found, &e), ST_ENOTFOUND);
    /* Two people with one name: ask for the id, and list them. */
    st_kv p3[] = {{"full_name", "Nguyễn Văn An"}, {"unit", "BD-QN-TP"}};
    assert_int_equal(person_add(t->db, &clerk, p3, 2, &id3, &e), ST_OK);
    assert_int_equal(person_find(t->db, &clerk, "Nguyễn Văn An", &found, &e), ST_EINVAL);
    snprintf(idtxt, sizeof idtxt, "%lld", (long long)id3);
    assert_non_null(strstr(e.msg, idtxt));
    assert_non_null(strstr(e.msg, "mã số"));
    /* Someone of another district is neither found nor listed by name: the
     * answer reads as for nobody at all.  (By id, as a coauthor may be.) */
    st_actor padmin;
    actor_for(t, "BD", ROLE_ADMIN, &padmin);
    int64_t far = 0;
    st_kv p5[] = {{"full_name", "Nguyễn Văn An"}, {"unit", "BD-AN"}};
    assert_int_equal(person_add(t->db, &padmin, p5, 2, &far, &e), ST_OK);
    st_kv p6[] = {{"full_name", "Đặng Thị Xa"}, {"unit", "BD-AN"}};
    int64_t far2 = 0;
    assert_int_equal(person_add(t->db, &padmin, p6, 2, &far2, &e), ST_OK);
    assert_int_equal(person_find(t->db, &clerk, "Đặng Thị Xa", &found, &e), ST_ENOTFOUND);
    assert_int_equal(person_find(t->db, &clerk, "Nguyễn Văn An", &found, &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "Có 2 người"));
    snprintf(idtxt, sizeof idtxt, "%lld", (long long)far);
    assert_null(strstr(e.msg, idtxt));
    assert_null(strstr(e.msg, "BD-AN"));
    assert_int_equal(person_find(t->db, &padmin, "Đặng Thị Xa", &found, &e), ST_OK);
    /* The system (init) may add a person without a unit. */
    st_kv p4[] = {{"full_name", "Hệ thống"}};
    assert_int_equal(person_add(t->db, NULL, p4, 1, &id3, &e), ST_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_import_demo, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tree_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sibling_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nfc, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reparent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scope_list, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_perm, setup, teardown),
        cmocka_unit_test_setup_teardown(test_people, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
