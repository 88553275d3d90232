/* Proposals: create, edit (version and audit), scope, list, search, show,
 * history and CSV import, on a real migrated database. */
#include "testdb.h"

#include "store/db_internal.h"
#include "flow/proposal.h"
#include "flow/workflow.h"

static tu_env T;
static st_actor clerk_qn, clerk_an, admin, viewer_qn;

static void exec(const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db_h(T.db), sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s: %s", sql, msg);
}

static long long qint(const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_h(T.db), sql, -1, &st, NULL), SQLITE_OK);
    long long v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return v;
}

/* First column of the first row, copied into a static buffer. */
static const char *qtext(const char *sql)
{
    static char buf[4096];
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_h(T.db), sql, -1, &st, NULL), SQLITE_OK);
    buf[0] = '\0';
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        snprintf(buf, sizeof buf, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return buf;
}

static st_actor actor(const char *name, unsigned roles, int64_t unit, const char *path)
{
    st_actor a;
    memset(&a, 0, sizeof a);
    snprintf(a.username, sizeof a.username, "%s", name);
    snprintf(a.full_name, sizeof a.full_name, "%s", name);
    a.roles = roles;
    a.scope_unit = unit;
    snprintf(a.scope_path, sizeof a.scope_path, "%s", path);
    return a;
}

static int setup(void **state)
{
    (void)state;
    setenv("SANGTAO_TODAY", "2026-03-01", 1);
    tu_env_open(&T);
    exec("INSERT INTO units(id, code, name, parent_id, path, updated_at) VALUES "
         "(1, 'BD', 'Tỉnh Bình Định', NULL, '/1/', 'x'),"
         "(2, 'QN', 'Thành phố Quy Nhơn', 1, '/1/2/', 'x'),"
         "(3, 'AN', 'Thị xã An Nhơn', 1, '/1/3/', 'x'),"
         "(4, 'QN_VP', 'Văn phòng UBND thành phố Quy Nhơn', 2, '/1/2/4/', 'x'),"
         "(5, 'QN_TNMT', 'Phòng Tài nguyên và Môi trường Quy Nhơn', 2, '/1/2/5/', 'x')");
    clerk_qn = actor("cv_qn", ROLE_CLERK, 2, "/1/2/");
    clerk_an = actor("cv_an", ROLE_CLERK, 3, "/1/3/");
    admin = actor("admin", ROLE_ADMIN, 1, "/1/");
    viewer_qn = actor("xem_qn", ROLE_VIEWER, 2, "/1/2/");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tu_env_close(&T);
    return 0;
}

static int create(const st_actor *who, const char *title, const char *unit, char code[32])
{
    st_err e;
    err_clear(&e);
    st_kv kv[] = {{"title", title}, {"employing_unit", unit}};
    return proposal_create(T.db, who, kv, 2, code, &e);
}

static void test_create_nfc(void **state)
{
    (void)state;
    st_err e;
    err_clear(&e);
    char code[32];
    /* "Quản lý" typed with combining marks (NFD) */
    st_kv kv[] = {{"title", "Qua\xcc\x89n ly\xcc\x81 \xc4\x91\xe1\xba\xa5t \xc4\x91""ai"},
                  {"employing_unit", "QN_VP"}, {"field", "dat_dai"},
                  {"funding_requested", "150.000.000"}, {"period_from", "01/04/2026"},
                  {"period_to", "2026-12-31"}, {"bottleneck_kind", "unsuitable"},
                  {"lead", "Nguyễn Văn An"}, {"lead_position", "Chánh Văn phòng"},
                  {"coauthors", "Trần Thị Bình; Lê Văn Cường"}};
    assert_int_equal(proposal_create(T.db, &clerk_qn, kv, 10, code, &e), ST_OK);
    assert_string_equal(code, "BD-2026-0001");
    assert_string_equal(qtext("SELECT title FROM proposals"), "Quản lý đất đai");
    assert_string_equal(qtext("SELECT state FROM proposals"), "draft");
    assert_int_equal(qint("SELECT funding_requested FROM proposals"), 150000000);
    assert_string_equal(qtext("SELECT period_from FROM proposals"), "2026-04-01");
    assert_int_equal(qint("SELECT competent_unit_id FROM proposals"), 4);
    assert_int_equal(qint("SELECT field_id FROM proposals"), 4);
    assert_int_equal(qint("SELECT count(*) FROM proposers WHERE is_lead = 1 AND "
                          "position = 'Chánh Văn phòng' AND unit_id = 4"), 1);
    assert_int_equal(qint("SELECT count(*) FROM proposers WHERE is_lead = 0"), 2);
    assert_int_equal(qint("SELECT count(*) FROM people WHERE full_name = 'Nguyễn Văn An' "
                          "AND position = 'Chánh Văn phòng' AND unit_id = 4"), 1);
    assert_int_equal(qint("SELECT count(*) FROM events WHERE action = 'create' AND "
                          "to_state = 'draft' AND username = 'cv_qn' AND "
                          "json_extract(data, '$.title') = 'Quản lý đất đai'"), 1);
    /* Keys are partitioned by site. */
    assert_true(qint("SELECT id FROM proposals") > (1LL << 40));
    /* The same lead again is found, not added twice. */
    st_kv kv2[] = {{"title", "B"}, {"employing_unit", "QN_VP"}, {"lead", "Nguyễn Văn An"}};
    assert_int_equal(proposal_create(T.db, &clerk_qn, kv2, 3, code, &e), ST_OK);
    assert_int_equal(qint("SELECT count(*) FROM people WHERE full_name = 'Nguyễn Văn An'"), 1);
}

static void test_create_errors(void **state)
{
    (void)state;
    st_err e;
    char code[32];
    st_kv none[] = {{"employing_unit", "QN"}};
    err_clear(&e);
    assert_int_equal(proposal_create(T.db, &clerk_qn, none, 1, code, &e), ST_EINVAL);
    assert_string_equal(e.field, "title");
    assert_string_equal(code, "");
    st_kv date[] = {{"title", "A"}, {"employing_unit", "QN"}, {"period_from", "31/02/2026"}};
    assert_int_equal(proposal_create(T.db, &clerk_qn, date, 3, code, &e), ST_EINVAL);
    assert_string_equal(e.field, "period_from");
    st_kv order[] = {{"title", "A"}, {"employing_unit", "QN"}, {"period_from", "2026-05-01"},
                     {"period_to", "2026-04-30"}};
    assert_int_equal(proposal_create(T.db, &clerk_qn, order, 4, code, &e), ST_EINVAL);
    assert_string_equal(e.field, "period_to");
    st_kv money[] = {{"title", "A"}, {"employing_unit", "QN"}, {"funding_requested", "nhiều"}};
    assert_int_equal(proposal_create(T.db, &clerk_qn, money, 3, code, &e), ST_EINVAL);
    assert_string_equal(e.field, "funding_requested");
    st_kv unknown[] = {{"title", "A"}, {"employing_unit", "QN"}, {"colour", "đỏ"}};
    assert_int_equal(proposal_create(T.db, &clerk_qn, unknown, 3, code, &e), ST_EINVAL);
    assert_string_equal(e.msg, "trường không tồn tại: colour");
    st_kv kind[] = {{"title", "A"}, {"employing_unit", "QN"}, {"bottleneck_kind", "xyz"}};
    assert_int_equal(proposal_create(T.db, &clerk_qn, kind, 3, code, &e), ST_EINVAL);
    assert_string_equal(e.field, "bottleneck_kind");
    st_kv field[] = {{"title", "A"}, {"employing_unit", "QN"}, {"field", "thiên văn"}};
    assert_int_equal(proposal_create(T.db, &clerk_qn, field, 3, code, &e), ST_EINVAL);
    assert_string_equal(e.field, "field");
    assert_non_null(strstr(e.msg, "hanh_chinh"));
    st_kv unit[] = {{"title", "A"}, {"employing_unit", "NOPE"}};
    assert_int_equal(proposal_create(T.db, &clerk_qn, unit, 2, code, &e), ST_EINVAL);
    assert_string_equal(e.field, "employing_unit");
    /* Outside the clerk's scope, and roles. */
    assert_int_equal(create(&clerk_an, "A", "QN", code), ST_EPERM);
    assert_int_equal(create(&viewer_qn, "A", "QN", code), ST_EPERM);
    /* A person id that does not exist is not added as a person named "999". */
    st_kv lead[] = {{"title", "A"}, {"employing_unit", "QN"}, {"lead", "999"}};
    assert_int_equal(proposal_create(T.db, &clerk_qn, lead, 3, code, &e), ST_EINVAL);
    assert_string_equal(e.field, "lead");
    assert_int_equal(qint("SELECT count(*) FROM proposals"), 0);
    assert_int_equal(qint("SELECT count(*) FROM events"), 0);
    assert_int_equal(qint("SELECT count(*) FROM people"), 0);
}

static void test_code_numbering(void **state)
{
    (void)state;
    char code[32];
    assert_int_equal(create(&clerk_qn, "Một", "QN", code), ST_OK);
    assert_string_equal(code, "BD-2026-0001");
    assert_int_equal(create(&clerk_qn, "Hai", "QN", code), ST_OK);
    assert_string_equal(code, "BD-2026-0002");
    setenv("SANGTAO_TODAY", "2027-01-04", 1);
    assert_int_equal(create(&admin, "Ba", "AN", code), ST_OK);
    assert_string_equal(code, "BD-2027-0001");
    setenv("SANGTAO_TODAY", "2026-03-01", 1);
    /* Back in 2026: this site's latest proposal has another year's prefix,
     * so the year's codes are read. */
    assert_int_equal(create(&clerk_qn, "Bốn", "QN", code), ST_OK);
    assert_string_equal(code, "BD-2026-0003");
    /* Past 9999 the codes' order is not the numbers' (…-9999 sorts after
     * …-10000): the next is still the largest number plus one. */
    exec("INSERT INTO proposals(id, code, title, employing_unit_id, competent_unit_id, created_at, "
         "updated_at) SELECT max(id) + 1, 'BD-2026-9999', 'x', 2, 2, 'x', 'x' FROM proposals");
    exec("INSERT INTO proposals(id, code, title, employing_unit_id, competent_unit_id, created_at, "
         "updated_at) SELECT max(id) + 1, 'BD-2026-10000', 'x', 2, 2, 'x', 'x' FROM proposals");
    assert_int_equal(create(&clerk_qn, "Năm", "QN", code), ST_OK);
    assert_string_equal(code, "BD-2026-10001");
    /* A number taken otherwise (an older id: a code imported or from a
     * restored copy) is passed over, not reused. */
    exec("INSERT INTO proposals(id, code, title, employing_unit_id, competent_unit_id, created_at, "
         "updated_at) SELECT min(id) - 1, 'BD-2026-10002', 'x', 2, 2, 'x', 'x' FROM proposals "
         "WHERE id > 1000000");
    assert_int_equal(create(&clerk_qn, "Sáu", "QN", code), ST_OK);
    assert_string_equal(code, "BD-2026-10003");
    assert_int_equal(create(&clerk_qn, "Bảy", "QN", code), ST_OK);
    assert_string_equal(code, "BD-2026-10004");
    exec("DELETE FROM proposals WHERE title = 'x'");
}

static void test_proposer_is_head(void **state)
{
    (void)state;
    st_err e;
    err_clear(&e);
    char code[32];
    st_kv kv[] = {{"title", "A"}, {"employing_unit", "QN_VP"}, {"proposer_is_head", "có"}};
    assert_int_equal(proposal_create(T.db, &clerk_qn, kv, 3, code, &e), ST_OK);
    assert_int_equal(qint("SELECT competent_unit_id FROM proposals"), 2);
    /* Editing it back moves the competent unit back, and says so. */
    st_kv up[] = {{"proposer_is_head", "không"}};
    assert_int_equal(proposal_update(T.db, &clerk_qn, code, up, 1, 0, &e), ST_OK);
    assert_int_equal(qint("SELECT competent_unit_id FROM proposals"), 4);
    assert_int_equal(qint("SELECT count(*) FROM events, json_each(events.data, '$.changes') c "
                          "WHERE json_extract(c.value, '$.field') = 'competent_unit' AND "
                          "json_extract(c.value, '$.from') = 'QN' AND "
                          "json_extract(c.value, '$.to') = 'QN_VP'"), 1);
}

static void test_update_conflict(void **state)
{
    (void)state;
    st_err e;
    err_clear(&e);
    char code[32];
    assert_int_equal(create(&clerk_qn, "Cũ", "QN", code), ST_OK);
    st_kv kv[] = {{"title", "Mới"}};
    assert_int_equal(proposal_update(T.db, &clerk_qn, code, kv, 1, 1, &e), ST_OK);
    assert_int_equal(qint("SELECT version FROM proposals"), 2);
    st_kv kv2[] = {{"title", "Của người khác"}};
    assert_int_equal(proposal_update(T.db, &clerk_qn, code, kv2, 1, 1, &e), ST_ECONFLICT);
    assert_non_null(strstr(e.msg, "Đề xuất đã được người khác sửa (phiên bản 2)"));
    assert_string_equal(qtext("SELECT title FROM proposals"), "Mới");
    assert_int_equal(qint("SELECT version FROM proposals"), 2);
    assert_int_equal(qint("SELECT count(*) FROM events WHERE action = 'edit'"), 1);
    /* Saving the same values changes nothing and writes no event. */
    assert_int_equal(proposal_update(T.db, &clerk_qn, code, kv, 1, 2, &e), ST_OK);
    assert_int_equal(qint("SELECT version FROM proposals"), 2);
    assert_int_equal(qint("SELECT count(*) FROM events WHERE action = 'edit'"), 1);
    /* A bad value in an edit changes nothing either. */
    st_kv bad[] = {{"title", "X"}, {"period_from", "hôm qua"}};
    assert_int_equal(proposal_update(T.db, &clerk_qn, code, bad, 2, 0, &e), ST_EINVAL);
    assert_string_equal(qtext("SELECT title FROM proposals"), "Mới");
    /* Only drafts and returned proposals are edited here. */
    exec("UPDATE proposals SET state = 'submitted'");
    assert_int_equal(proposal_update(T.db, &clerk_qn, code, kv2, 1, 0, &e), ST_ESTATE);
    exec("UPDATE proposals SET state = 'returned'");
    assert_int_equal(proposal_update(T.db, &clerk_qn, code, kv2, 1, 0, &e), ST_OK);
    assert_int_equal(proposal_update(T.db, &viewer_qn, code, kv, 1, 0, &e), ST_EPERM);
}

static void test_update_audit(void **state)
{
    (void)state;
    st_err e;
    err_clear(&e);
    char code[32];
    st_kv kv[] = {{"title", "Trước"}, {"employing_unit", "QN"}, {"funding_requested", "1000"},
                  {"lead", "Phạm Thị Dung"}, {"content", "dòng 1"}};
    assert_int_equal(proposal_create(T.db, &clerk_qn, kv, 5, code, &e), ST_OK);
    st_kv up[] = {{"title", "Sau"}, {"funding_requested", "2.000"}, {"content", "dòng 1"},
                  {"lead", "Hoàng Văn Em"}, {"period_to", "30/06/2026"}};
    assert_int_equal(proposal_update(T.db, &clerk_qn, code, up, 5, 0, &e), ST_OK);
    assert_string_equal(qtext("SELECT title FROM proposals"), "Sau");
    assert_int_equal(qint("SELECT funding_requested FROM proposals"), 2000);
    const char *ev = "SELECT count(*) FROM events e, json_each(e.data, '$.changes') c "
                     "WHERE e.action = 'edit' AND e.username = 'cv_qn' AND e.from_state = "
                     "'draft' AND e.to_state = 'draft' AND ";
    char sql[512];
    snprintf(sql, sizeof sql, "%s json_extract(c.value, '$.field') = 'title' AND "
             "json_extract(c.value, '$.from') = 'Trước' AND json_extract(c.value, '$.to') = 'Sau'", ev);
    assert_int_equal(qint(sql), 1);
    snprintf(sql, sizeof sql, "%s json_extract(c.value, '$.field') = 'funding_requested' AND "
             "json_extract(c.value, '$.from') = '1000' AND json_extract(c.value, '$.to') = '2000'", ev);
    assert_int_equal(qint(sql), 1);
    snprintf(sql, sizeof sql, "%s json_extract(c.value, '$.field') = 'lead' AND "
             "json_extract(c.value, '$.from') = 'Phạm Thị Dung' AND "
             "json_extract(c.value, '$.to') = 'Hoàng Văn Em'", ev);
    assert_int_equal(qint(sql), 1);
    snprintf(sql, sizeof sql, "%s json_extract(c.value, '$.field') = 'period_to' AND "
             "json_extract(c.value, '$.from') = '' AND json_extract(c.value, '$.to') = '2026-06-30'", ev);
    assert_int_equal(qint(sql), 1);
    /* Unchanged content is not reported. */
    snprintf(sql, sizeof sql, "%s 1", ev);
    assert_int_equal(qint(sql), 4);
    /* The old proposer row stays, soft-deleted. */
    assert_int_equal(qint("SELECT count(*) FROM proposers WHERE deleted = 1"), 1);
    assert_int_equal(qint("SELECT count(*) FROM proposers pr JOIN people p ON p.id = pr.person_id "
                          "WHERE pr.deleted = 0 AND pr.is_lead = 1 AND p.full_name = 'Hoàng Văn Em'"), 1);
    /* The end date cannot fall before a start date given later. */
    st_kv from[] = {{"period_from", "01/07/2026"}};
    assert_int_equal(proposal_update(T.db, &clerk_qn, code, from, 1, 0, &e), ST_EINVAL);
    assert_string_equal(e.field, "period_to");
}

static int count_rows(const proposal_row *r, void *ud)
{
    (void)r;
    ++*(int *)ud;
    return 0;
}

static int count_events(const event_row *r, void *ud)
{
    (void)r;
    ++*(int *)ud;
    return 0;
}

static void test_scope(void **state)
{
    (void)state;
    st_err e, e2;
    err_clear(&e);
    err_clear(&e2);
    char code[32];
    assert_int_equal(create(&clerk_qn, "Của Quy Nhơn", "QN_VP", code), ST_OK);
    proposal_head h;
    assert_int_equal(proposal_get_head(T.db, &clerk_qn, code, &h, &e), ST_OK);
    assert_int_equal(h.state, 0);
    assert_int_equal(h.version, 1);
    assert_int_equal(proposal_get_head(T.db, &admin, code, &h, &e), ST_OK);

    assert_int_equal(proposal_get_head(T.db, &clerk_an, code, &h, &e), ST_ENOTFOUND);
    assert_int_equal(proposal_get_head(T.db, &clerk_an, "BD-2026-9999", &h, &e2), ST_ENOTFOUND);
    /* Same words for "not yours" and "not there", code aside. */
    assert_string_equal(e.msg, "Không tìm thấy đề xuất BD-2026-0001");
    assert_string_equal(e2.msg, "Không tìm thấy đề xuất BD-2026-9999");
    char *json = NULL;
    assert_int_equal(proposal_show_json(T.db, &clerk_an, code, &json, &e), ST_ENOTFOUND);
    assert_null(json);
    FILE *out = tmpfile();
    assert_int_equal(proposal_show_text(T.db, &clerk_an, code, out, &e), ST_ENOTFOUND);
    assert_int_equal(ftell(out), 0);
    fclose(out);
    int n = 0;
    assert_int_equal(proposal_history(T.db, &clerk_an, code, count_events, &n, &e), ST_ENOTFOUND);
    assert_int_equal(n, 0);
    st_kv kv[] = {{"title", "Chiếm"}};
    assert_int_equal(proposal_update(T.db, &clerk_an, code, kv, 1, 0, &e), ST_ENOTFOUND);
    assert_int_equal(proposal_list(T.db, &clerk_an, NULL, count_rows, &n, &e), ST_OK);
    assert_int_equal(n, 0);
    assert_int_equal(proposal_list(T.db, &clerk_qn, NULL, count_rows, &n, &e), ST_OK);
    assert_int_equal(n, 1);
    /* Moving it to An Nhơn is refused: the clerk cannot reach that unit. */
    st_kv move[] = {{"employing_unit", "AN"}};
    assert_int_equal(proposal_update(T.db, &clerk_qn, code, move, 1, 0, &e), ST_EPERM);
    /* The competent unit alone also makes it visible. */
    exec("UPDATE proposals SET competent_unit_id = 3");
    n = 0;
    assert_int_equal(proposal_list(T.db, &clerk_an, NULL, count_rows, &n, &e), ST_OK);
    assert_int_equal(n, 1);
}

typedef struct collect {
    int n;
    char codes[16][32];
    char lead[64];
} collect;

static int collect_row(const proposal_row *r, void *ud)
{
    collect *c = ud;
    if (c->n < 16) snprintf(c->codes[c->n], 32, "%s", r->code);
    if (c->n == 0) snprintf(c->lead, sizeof c->lead, "%s", r->lead_name);
    c->n++;
    return 0;
}

static void test_list(void **state)
{
    (void)state;
    st_err e;
    err_clear(&e);
    char code[32];
    const char *units[] = {"QN", "QN_VP", "QN_TNMT", "QN_VP", "AN"};
    for (int i = 0; i < 5; i++) {
        char title[16];
        snprintf(title, sizeof title, "Đề xuất %c", 'E' - i);
        assert_int_equal(create(&admin, title, units[i], code), ST_OK);
    }
    st_kv kv[] = {{"field", "y_te"}, {"lead", "Võ Thị Giang"}};
    assert_int_equal(proposal_update(T.db, &admin, "BD-2026-0003", kv, 2, 0, &e), ST_OK);
    exec("UPDATE proposals SET state = 'submitted' WHERE code = 'BD-2026-0002'");

    collect c = {0};
    proposal_filter f = {.sort = "code", .limit = 2};
    assert_int_equal(proposal_list(T.db, &admin, &f, collect_row, &c, &e), ST_OK);
    assert_int_equal(c.n, 2);
    assert_string_equal(c.codes[0], "BD-2026-0001");
    assert_string_equal(c.codes[1], "BD-2026-0002");
    memset(&c, 0, sizeof c);
    f.offset = 4;
    assert_int_equal(proposal_list(T.db, &admin, &f, collect_row, &c, &e), ST_OK);
    assert_int_equal(c.n, 1);
    assert_string_equal(c.codes[0], "BD-2026-0005");
    memset(&c, 0, sizeof c);
    proposal_filter byt = {.sort = "title", .desc = 1};
    assert_int_equal(proposal_list(T.db, &admin, &byt, collect_row, &c, &e), ST_OK);
    assert_int_equal(c.n, 5);
    assert_string_equal(c.codes[0], "BD-2026-0001");   /* "Đề xuất E" */
    assert_string_equal(c.codes[4], "BD-2026-0005");   /* "Đề xuất A" */
    /* Clerk of Quy Nhơn: four of five, by the default order (latest edit first). */
    memset(&c, 0, sizeof c);
    assert_int_equal(proposal_list(T.db, &clerk_qn, NULL, collect_row, &c, &e), ST_OK);
    assert_int_equal(c.n, 4);
    memset(&c, 0, sizeof c);
    proposal_filter st = {.state = "submitted"};
    assert_int_equal(proposal_list(T.db, &admin, &st, collect_row, &c, &e), ST_OK);
    assert_int_equal(c.n, 1);
    assert_string_equal(c.codes[0], "BD-2026-0002");
    memset(&c, 0, sizeof c);
    proposal_filter un = {.unit = "QN_VP", .sort = "code"};
    assert_int_equal(proposal_list(T.db, &admin, &un, collect_row, &c, &e), ST_OK);
    assert_int_equal(c.n, 2);
    assert_string_equal(c.codes[1], "BD-2026-0004");
    /* A unit filter never widens the scope. */
    memset(&c, 0, sizeof c);
    proposal_filter an = {.unit = "AN"};
    assert_int_equal(proposal_list(T.db, &clerk_qn, &an, collect_row, &c, &e), ST_OK);
    assert_int_equal(c.n, 0);
    memset(&c, 0, sizeof c);
    proposal_filter fl = {.field = "y_te"};
    assert_int_equal(proposal_list(T.db, &admin, &fl, collect_row, &c, &e), ST_OK);
    assert_int_equal(c.n, 1);
    assert_string_equal(c.codes[0], "BD-2026-0003");
    assert_string_equal(c.lead, "Võ Thị Giang");

    proposal_filter bad = {.state = "flying"};
    assert_int_equal(proposal_list(T.db, &admin, &bad, collect_row, &c, &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "in_review"));
    proposal_filter bads = {.sort = "id; DROP TABLE proposals"};
    assert_int_equal(proposal_list(T.db, &admin, &bads, collect_row, &c, &e), ST_EINVAL);
    proposal_filter badu = {.unit = "NOPE"};
    assert_int_equal(proposal_list(T.db, &admin, &badu, collect_row, &c, &e), ST_EINVAL);
}

static void test_search(void **state)
{
    (void)state;
    st_err e;
    err_clear(&e);
    char code[32];
    assert_int_equal(create(&clerk_qn, "Số hóa hồ sơ Quản lý đất đai", "QN", code), ST_OK);
    assert_int_equal(create(&clerk_qn, "Mô hình của ông Đặng Văn Hải", "QN", code), ST_OK);
    assert_int_equal(create(&clerk_qn, "Cải cách thủ tục", "QN", code), ST_OK);
    collect c = {0};
    proposal_filter f = {.search = "quan ly dat dai"};
    assert_int_equal(proposal_list(T.db, &clerk_qn, &f, collect_row, &c, &e), ST_OK);
    assert_int_equal(c.n, 1);
    assert_string_equal(c.codes[0], "BD-2026-0001");
    memset(&c, 0, sizeof c);
    f.search = "dang";
    assert_int_equal(proposal_list(T.db, &clerk_qn, &f, collect_row, &c, &e), ST_OK);
    assert_int_equal(c.n, 1);
    assert_string_equal(c.codes[0], "BD-2026-0002");
    memset(&c, 0, sizeof c);
    f.search = "ĐẤT ĐAI";
    assert_int_equal(proposal_list(T.db, &clerk_qn, &f, collect_row, &c, &e), ST_OK);
    assert_int_equal(c.n, 1);
    memset(&c, 0, sizeof c);
    f.search = "bd-2026-0003";
    assert_int_equal(proposal_list(T.db, &clerk_qn, &f, collect_row, &c, &e), ST_OK);
    assert_int_equal(c.n, 1);
    assert_string_equal(c.codes[0], "BD-2026-0003");
    memset(&c, 0, sizeof c);
    f.search = "không có";
    assert_int_equal(proposal_list(T.db, &clerk_qn, &f, collect_row, &c, &e), ST_OK);
    assert_int_equal(c.n, 0);
    /* Other districts see nothing, even when the words match. */
    f.search = "dat dai";
    assert_int_equal(proposal_list(T.db, &clerk_an, &f, collect_row, &c, &e), ST_OK);
    assert_int_equal(c.n, 0);
}

static void test_show(void **state)
{
    (void)state;
    st_err e;
    err_clear(&e);
    char code[32];
    st_kv kv[] = {{"title", "Một cửa \x1b[31mđỏ"}, {"employing_unit", "QN"}, {"field", "hanh_chinh"},
                  {"funding_requested", "150000000"}, {"period_from", "2026-04-01"},
                  {"bottleneck_kind", "not_regulated"}, {"content", "Dòng một\nDòng hai"},
                  {"lead", "Ngô Văn Hùng"}, {"lead_position", "Phó Chủ tịch"}};
    /* An escape sequence is refused at entry (one-line and multi-line
     * fields alike), with the field and the byte. */
    assert_int_equal(proposal_create(T.db, &clerk_qn, kv, 9, code, &e), ST_EINVAL);
    assert_string_equal(e.field, "title");
    assert_non_null(strstr(e.msg, "ký tự điều khiển (mã 0x1B, ở byte 12)"));
    kv[0].value = "Một cửa đỏ";
    kv[6].value = "Dòng một\x1b]0;tên\x07\nDòng hai";
    assert_int_equal(proposal_create(T.db, &clerk_qn, kv, 9, code, &e), ST_EINVAL);
    assert_string_equal(e.field, "content");
    kv[6].value = "Dòng một\nDòng hai";
    assert_int_equal(proposal_create(T.db, &clerk_qn, kv, 9, code, &e), ST_OK);
    /* Text stored before that rule (or by another program) may still hold
     * one: it must never reach the terminal as it is. */
    assert_int_equal(sqlite3_exec(db_h(T.db), "UPDATE proposals SET title = 'Một cửa ' || "
                                  "char(27) || '[31mđỏ'", NULL, NULL, NULL), SQLITE_OK);
    char *json = NULL;
    assert_int_equal(proposal_show_json(T.db, &clerk_qn, code, &json, &e), ST_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_h(T.db), "SELECT json_valid(?1), "
                     "json_extract(?1, '$.state_label'), json_extract(?1, '$.employing_unit.name'), "
                     "json_extract(?1, '$.field.code'), json_extract(?1, '$.proposers[0].full_name'), "
                     "json_extract(?1, '$.events[0].data.title'), json_array_length(?1, '$.decisions')",
                     -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 1);
    assert_string_equal((const char *)sqlite3_column_text(st, 1), "Dự thảo");
    assert_string_equal((const char *)sqlite3_column_text(st, 2), "Thành phố Quy Nhơn");
    assert_string_equal((const char *)sqlite3_column_text(st, 3), "hanh_chinh");
    assert_string_equal((const char *)sqlite3_column_text(st, 4), "Ngô Văn Hùng");
    assert_string_equal((const char *)sqlite3_column_text(st, 5), "Một cửa đỏ");
    assert_int_equal(sqlite3_column_int(st, 6), 0);
    sqlite3_finalize(st);
    free(json);

    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_int_equal(proposal_show_text(T.db, &clerk_qn, code, out, &e), ST_OK);
    fclose(out);
    assert_non_null(strstr(buf, "BD-2026-0001 — Một cửa ^[[31mđỏ"));
    assert_null(strchr(buf, 0x1b));   /* no escape reaches the terminal */
    assert_non_null(strstr(buf, "Dự thảo"));
    assert_non_null(strstr(buf, "\nNội dung\n"));
    assert_non_null(strstr(buf, "01/04/2026"));
    assert_non_null(strstr(buf, "150.000.000 đ"));
    assert_non_null(strstr(buf, "Chưa được quy định"));
    assert_non_null(strstr(buf, "        Dòng hai\n"));
    assert_non_null(strstr(buf, "Ngô Văn Hùng, Phó Chủ tịch"));
    assert_non_null(strstr(buf, "\nLịch sử\n"));
    assert_null(strstr(buf, "Quyết định"));
    assert_null(strstr(buf, "Khen thưởng"));
    free(buf);

    int n = 0;
    st_kv up[] = {{"title", "Một cửa"}};
    assert_int_equal(proposal_update(T.db, &clerk_qn, code, up, 1, 0, &e), ST_OK);
    assert_int_equal(proposal_history(T.db, &clerk_qn, code, count_events, &n, &e), ST_OK);
    assert_int_equal(n, 2);
}

static const char *first_action;
static int first_event(const event_row *r, void *ud)
{
    (void)ud;
    if (!first_action) first_action = strdup(r->action);
    return 1;   /* stop after one */
}

static void test_history_order(void **state)
{
    (void)state;
    st_err e;
    err_clear(&e);
    char code[32];
    setenv("SANGTAO_NOW", "2026-03-01T08:00:00Z", 1);
    assert_int_equal(create(&clerk_qn, "A", "QN", code), ST_OK);
    setenv("SANGTAO_NOW", "2026-03-02T08:00:00Z", 1);
    st_kv up[] = {{"title", "B"}};
    assert_int_equal(proposal_update(T.db, &clerk_qn, code, up, 1, 0, &e), ST_OK);
    unsetenv("SANGTAO_NOW");
    first_action = NULL;
    assert_int_equal(proposal_history(T.db, &clerk_qn, code, first_event, NULL, &e), ST_OK);
    assert_string_equal(first_action, "create");
    free((void *)first_action);
}

static int import_text(const char *name, const char *text, int *count, st_err *e)
{
    char *path = tu_write(T.dir, name, text);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    int rc = proposal_import_csv(T.db, &clerk_qn, f, name, count, e);
    fclose(f);
    free(path);
    return rc;
}

static void test_import(void **state)
{
    (void)state;
    st_err e;
    err_clear(&e);
    int n = -1;
    assert_int_equal(import_text("ok.csv", "\xef\xbb\xbftitle,employing_unit,funding_requested,period_from,lead,content\n"
                                 "Một,QN,\"1.000.000\",01/05/2026,Lý Văn Một,\n"
                                 "\"Hai, có dấu phẩy\",QN_VP,,,,\n"
                                 "Ba,QN_TNMT,5,2026-06-01,Lý Văn Một,\"dòng 1\r\ndòng 2\"\n", &n, &e), ST_OK);
    assert_int_equal(n, 3);
    assert_int_equal(qint("SELECT count(*) FROM proposals"), 3);
    assert_string_equal(qtext("SELECT title FROM proposals WHERE code = 'BD-2026-0002'"), "Hai, có dấu phẩy");
    assert_int_equal(qint("SELECT count(*) FROM people"), 1);
    assert_int_equal(qint("SELECT count(*) FROM events WHERE action = 'create'"), 3);
    assert_int_equal(qint("SELECT instr(content, 'dòng 2') > 0 FROM proposals WHERE code = 'BD-2026-0003'"), 1);
    /* A title may not span lines. */
    assert_int_equal(import_text("nl.csv", "title,employing_unit\n\"A\nB\",QN\n", &n, &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "nl.csv:2: "));
    assert_non_null(strstr(e.msg, "title"));

    /* A bad date on line 3: nothing from the file is kept. */
    n = -1;
    assert_int_equal(import_text("bad.csv", "title,employing_unit,period_from\n"
                                 "Bốn,QN,01/05/2026\n"
                                 "Năm,QN,32/13/2026\n"
                                 "Sáu,QN,\n", &n, &e), ST_EINVAL);
    assert_int_equal(n, 0);
    assert_non_null(strstr(e.msg, "bad.csv:3: "));
    assert_non_null(strstr(e.msg, "period_from"));
    assert_int_equal(qint("SELECT count(*) FROM proposals"), 3);
    assert_int_equal(qint("SELECT count(*) FROM events"), 4);   /* 3 creates, 1 person_add */

    /* Invalid UTF-8 names its line; so do unknown columns and scope. */
    assert_int_equal(import_text("utf.csv", "title,employing_unit\nBảy,QN\nT\xe1\xba,QN\n", &n, &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "utf.csv:3: "));
    assert_non_null(strstr(e.msg, "UTF-8"));
    assert_int_equal(import_text("col.csv", "title,colour\nA,B\n", &n, &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "col.csv:1: không có cột \"colour\"."));
    assert_non_null(strstr(e.msg, "sangtao proposal new --help"));
    /* A label, with or without marks, names its field; a part of one is
     * offered; a ';' file (Excel in Vietnamese) reads as well. */
    assert_int_equal(import_text("part.csv", "title,đơn vị\nA,QN\n", &n, &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "có phải: employing_unit (Đơn vị công tác)"));
    assert_int_equal(import_text("scope.csv", "title,employing_unit\nA,QN\nB,AN\n", &n, &e), ST_EPERM);
    assert_non_null(strstr(e.msg, "scope.csv:3: "));
    assert_int_equal(import_text("cols.csv", "title,employing_unit\nA,QN,extra\n", &n, &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "cols.csv:2: "));
    assert_int_equal(import_text("empty.csv", "", &n, &e), ST_EINVAL);
    assert_int_equal(qint("SELECT count(*) FROM proposals"), 3);
    /* Numbering continues after a rolled-back import. */
    char code[32];
    assert_int_equal(create(&clerk_qn, "Tám", "QN", code), ST_OK);
    assert_string_equal(code, "BD-2026-0004");
    assert_int_equal(import_text("lbl.csv", "TEN DE XUAT;Đơn vị công tác\nChín;QN\n", &n, &e), ST_OK);
    assert_int_equal(n, 1);
    assert_int_equal(qint("SELECT count(*) FROM proposals WHERE title = 'Chín'"), 1);
}

static void test_longtext_limit(void **state)
{
    (void)state;
    st_err e;
    err_clear(&e);
    char code[32];
    size_t big = 1000000;
    char *s = malloc(big + 2);
    assert_non_null(s);
    memset(s, 'a', big + 1);
    s[big] = '\0';
    st_kv kv[] = {{"title", "Dài"}, {"employing_unit", "QN"}, {"content", s}};
    assert_int_equal(proposal_create(T.db, &clerk_qn, kv, 3, code, &e), ST_OK);
    assert_int_equal(qint("SELECT length(content) FROM proposals"), 1000000);
    s[big] = 'a';
    s[big + 1] = '\0';
    assert_int_equal(proposal_create(T.db, &clerk_qn, kv, 3, code, &e), ST_EINVAL);
    assert_string_equal(e.field, "content");
    assert_int_equal(proposal_update(T.db, &clerk_qn, "BD-2026-0001", kv + 2, 1, 0, &e), ST_EINVAL);
    assert_int_equal(qint("SELECT count(*) FROM proposals"), 1);
    free(s);
}

static void apply(const st_actor *who, const char *code, const char *action,
                  const st_kv *kv, int n)
{
    st_err e;
    err_clear(&e);
    if (workflow_apply(T.db, who, code, action, kv, n, 0, &e) != ST_OK)
        fail_msg("%s: %s", action, e.msg);
}

/* The whole read side after real workflow steps: every section appears. */
static void test_show_after_workflow(void **state)
{
    (void)state;
    st_err e;
    err_clear(&e);
    char code[32];
    st_actor head = actor("ld_qn", ROLE_HEAD, 2, "/1/2/");
    st_kv kv[] = {{"title", "Một cửa liên thông"}, {"employing_unit", "QN_VP"},
                  {"field", "hanh_chinh"}, {"lead", "Đặng Thị Hoa"}, {"bottleneck", "Chậm"},
                  {"necessity", "Cần"}, {"content", "Làm"}, {"feasibility", "Được"},
                  {"legal_basis", "Nghị định 73/2023/NĐ-CP"}, {"period_from", "01/04/2026"},
                  {"period_to", "30/09/2026"}, {"funding_requested", "50.000.000"}};
    assert_int_equal(proposal_create(T.db, &clerk_qn, kv, 12, code, &e), ST_OK);
    apply(&clerk_qn, code, "submit", NULL, 0);
    /* Each step is dated between the one before and today (Art. 8). */
    setenv("SANGTAO_TODAY", "2026-03-06", 1);
    st_kv acc[] = {{"received_date", "02/03/2026"}};
    apply(&head, code, "accept", acc, 1);
    st_kv op[] = {{"reviewer", "Phòng Tư pháp"}, {"opinion_date", "03/03/2026"},
                  {"recommendation", "pilot"}, {"text", "Đồng ý thí điểm"},
                  {"party_committee", "có"}};
    apply(&head, code, "opinion", op, 5);
    st_kv vo[] = {{"vote_date", "04/03/2026"}, {"members", "5"}, {"votes_for", "4"},
                  {"votes_against", "1"}};
    apply(&head, code, "vote", vo, 4);
    st_kv ap[] = {{"kind", "pilot"}, {"doc_no", "12/QĐ-UBND"}, {"doc_date", "05/03/2026"},
                  {"signer", "Chủ tịch"}, {"funding_granted", "50.000.000"},
                  {"pilot_scope", "Phường Ghềnh Ráng"}};
    apply(&head, code, "approve", ap, 6);
    apply(&clerk_qn, code, "start", NULL, 0);
    setenv("SANGTAO_TODAY", "2026-04-15", 1);
    st_kv mo[] = {{"entry_date", "10/04/2026"}, {"kind", "inspect"}, {"by_whom", "Ban Tổ chức"},
                  {"progress", "40"}};
    apply(&clerk_qn, code, "monitor", mo, 4);

    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_int_equal(proposal_show_text(T.db, &clerk_qn, code, out, &e), ST_OK);
    fclose(out);
    const char *want[] = {"\nXem xét\n", "Ngày tiếp nhận: 02/03/2026", "Ý kiến 1:",
                          "Đề nghị: Cho thí điểm", "Biểu quyết 1:", "Thông qua: Có", "\nQuyết định\n", "Loại: Cho thí điểm",
                          "Số văn bản: 12/QĐ-UBND", "Ngày ký: 05/03/2026",
                          "Nguồn lực được cấp 1:", "Số tiền: 50.000.000 đ", "\nTheo dõi\n",
                          "Hình thức: Kiểm tra", "Tiến độ: 40%", "\nLịch sử\n", "Chấp thuận",
                          "Đang triển khai", "Đặng Thị Hoa"};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (!strstr(buf, want[i])) fail_msg("missing \"%s\" in:\n%s", want[i], buf);
    assert_null(strstr(buf, "Kết quả\n"));
    assert_null(strstr(buf, "Đánh giá\n"));
    free(buf);

    char *json = NULL;
    assert_int_equal(proposal_show_json(T.db, &clerk_qn, code, &json, &e), ST_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_h(T.db), "SELECT json_extract(?1, '$.state'), "
                     "json_extract(?1, '$.decisions[0].resources[0].amount'), "
                     "json_array_length(?1, '$.opinions'), json_array_length(?1, '$.monitoring'), "
                     "json_array_length(?1, '$.events')", -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "implementing");
    assert_int_equal(sqlite3_column_int64(st, 1), 50000000);
    assert_int_equal(sqlite3_column_int(st, 2), 1);
    assert_int_equal(sqlite3_column_int(st, 3), 1);
    assert_int_equal(sqlite3_column_int(st, 4), 8);
    sqlite3_finalize(st);
    free(json);
    /* Past the draft, editing is the workflow's business. */
    st_kv up[] = {{"title", "Khác"}};
    assert_int_equal(proposal_update(T.db, &clerk_qn, code, up, 1, 0, &e), ST_ESTATE);
    setenv("SANGTAO_TODAY", "2026-03-01", 1);
}

static void test_field_table(void **state)
{
    (void)state;
    assert_true(proposal_nfields() >= 26);
    assert_string_equal(proposal_field(0)->name, "title");
    assert_true(proposal_field(0)->flags & FF_REQUIRED);
    assert_null(proposal_field(proposal_nfields()));
    /* Every column named in the table exists in proposals. */
    for (int i = 0; i < proposal_nfields(); i++) {
        const char *c = proposal_field_column(i);
        if (!c) continue;
        char sql[128];
        snprintf(sql, sizeof sql, "SELECT count(%s) FROM proposals", c);
        assert_int_equal(qint(sql), 0);
    }
}

#define T_(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T_(test_field_table), T_(test_create_nfc), T_(test_create_errors),
        T_(test_code_numbering), T_(test_proposer_is_head), T_(test_update_conflict),
        T_(test_update_audit), T_(test_scope), T_(test_list), T_(test_search),
        T_(test_show), T_(test_show_after_workflow), T_(test_history_order), T_(test_import), T_(test_longtext_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
