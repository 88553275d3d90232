/* Lists for the simpler screens: people searched as you type (folding
 * case, tone marks and đ), the monitoring log, commendations,
 * dissemination sessions and the fields — in scope, paged in SQL. */
#include "demodb.h"

#include "flow/lists.h"
#include "text/text.h"
#include "flow/people.h"
#include "flow/units.h"

static tu_env T;

static int setup(void **state) { (void)state; demodb_open(&T); return 0; }
static int teardown(void **state) { (void)state; tu_env_close(&T); return 0; }

typedef struct cnt { int n; char first[128]; } cnt;

static int on_person(const person_row *r, void *ud)
{
    cnt *c = ud;
    if (!c->n++) snprintf(c->first, sizeof c->first, "%s", r->full_name);
    return 0;
}

static void test_people_search_folds(void **state)
{
    (void)state;
    st_actor admin = demodb_actor(&T, "admin");
    st_err e;
    err_clear(&e);
    int64_t id;
    st_kv v[] = {{"full_name", "Đặng Thị Ánh Tuyết"}, {"unit", "BD-QN-VP"}};
    assert_int_equal(person_add(T.db, &admin, v, 2, &id, &e), ST_OK);
    cnt c = {0, ""};
    assert_int_equal(people_search(T.db, &admin, "dang anh tuyet", 0, 0, on_person, &c, &e), ST_OK);
    assert_int_equal(c.n, 1);
    assert_string_equal(c.first, "Đặng Thị Ánh Tuyết");
    cnt all = {0, ""};
    assert_int_equal(people_search(T.db, &admin, NULL, 0, 0, on_person, &all, &e), ST_OK);
    assert_int_equal(all.n, demodb_int(&T, "SELECT count(*) FROM people WHERE deleted = 0"));
    cnt page = {0, ""};
    assert_int_equal(people_search(T.db, &admin, NULL, 5, 2, on_person, &page, &e), ST_OK);
    assert_int_equal(page.n, 5);
    /* Out of scope: a clerk of An Nhơn does not find a person of Quy Nhơn. */
    st_actor clerk_an = demodb_actor(&T, "bd-an.chuyenvien");
    cnt none = {0, ""};
    assert_int_equal(people_search(T.db, &clerk_an, "anh tuyet", 0, 0, on_person, &none, &e), ST_OK);
    assert_int_equal(none.n, 0);
}

static int on_row(const list_row *r, void *ud)
{
    cnt *c = ud;
    if (!c->n++) snprintf(c->first, sizeof c->first, "%s", r->col[1]);
    return 0;
}

static void test_side_lists_count_in_scope(void **state)
{
    (void)state;
    st_actor admin = demodb_actor(&T, "admin");
    st_err e;
    err_clear(&e);
    cnt m = {0, ""}, c = {0, ""}, d = {0, ""}, f = {0, ""};
    assert_int_equal(monitoring_log(T.db, &admin, 0, 0, on_row, &m, &e), ST_OK);
    assert_int_equal(m.n, demodb_int(&T, "SELECT count(*) FROM monitoring WHERE deleted = 0"));
    assert_true(m.n > 0);
    /* Kinds read in words from the workflow table. */
    assert_true(strcmp(m.first, "Theo dõi") == 0 || strcmp(m.first, "Kiểm tra") == 0 ||
                strcmp(m.first, "Giám sát") == 0);
    assert_int_equal(commendation_list(T.db, &admin, 0, 0, on_row, &c, &e), ST_OK);
    assert_int_equal(c.n, demodb_int(&T, "SELECT count(*) FROM commendations WHERE deleted = 0"));
    assert_int_equal(dissemination_list(T.db, &admin, 0, 0, on_row, &d, &e), ST_OK);
    assert_int_equal(d.n, demodb_int(&T, "SELECT count(*) FROM dissemination WHERE deleted = 0"));
    assert_int_equal(field_list(T.db, on_row, &f, &e), ST_OK);
    assert_int_equal(f.n, 12);
    cnt pg = {0, ""};
    assert_int_equal(monitoring_log(T.db, &admin, 3, 1, on_row, &pg, &e), ST_OK);
    assert_int_equal(pg.n, 3);
    /* A district's clerk sees only the district's entries. */
    st_actor clerk = demodb_actor(&T, "bd-qn.chuyenvien");
    cnt mq = {0, ""};
    assert_int_equal(monitoring_log(T.db, &clerk, 0, 0, on_row, &mq, &e), ST_OK);
    assert_true(mq.n < m.n);
    assert_int_equal(mq.n, demodb_int(&T, "SELECT count(*) FROM monitoring m JOIN proposals p ON "
                                      "p.id = m.proposal_id JOIN units eu ON eu.id = p.employing_unit_id "
                                      "JOIN units cu ON cu.id = p.competent_unit_id JOIN units s ON "
                                      "s.code = 'BD-QN' WHERE m.deleted = 0 AND (substr(eu.path,1,"
                                      "length(s.path)) = s.path OR substr(cu.path,1,length(s.path)) = s.path)"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_people_search_folds),
        cmocka_unit_test(test_side_lists_count_in_scope),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
