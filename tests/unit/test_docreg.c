/* The register of document numbers (issue 13, "Documents offices file with
 * every step"; item 8 for rewards): the official shape of a number (Decree
 * 30/2020 for State bodies, the Party's own form), one number per issuing
 * unit and year, the signer and form of signature of each decision, the
 * reward forms and issuing level of Decree 73 Art. 10, and migration 10
 * keeping the numbers already stored. */
#include "testdb.h"

#include <sys/stat.h>

#include "store/db_internal.h"
#include "flow/docreg.h"
#include "flow/proposal.h"
#include "flow/units.h"
#include "flow/users.h"
#include "flow/workflow.h"

static const char units_csv[] =
    "code,name,parent_code,level\n"
    "P,Tỉnh ủy,,tinh\n"
    "P-A,Huyện ủy A,P,huyen\n"
    "P-B,Huyện ủy B,P,huyen\n";

typedef struct fixture {
    tu_env env;
    st_actor admin;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    setenv("SANGTAO_TODAY", "2026-03-02", 1);
    tu_env_open(&f->env);
    sqlite3_exec(db_h(f->env.db), "PRAGMA synchronous=OFF", NULL, NULL, NULL);
    st_err e;
    int n = 0;
    err_clear(&e);
    if (unit_import_text(f->env.db, NULL, units_csv, "units.csv", &n, &e) != ST_OK)
        fail_msg("units: %s", e.msg);
    unsigned mask;
    assert_int_equal(roles_parse("admin", &mask, &e), ST_OK);
    if (user_add(f->env.db, NULL, "admin", "Quản trị", mask, "P", "matkhau-123", &e) != ST_OK)
        fail_msg("user_add: %s", e.msg);
    assert_int_equal(user_actor(f->env.db, "admin", &f->admin, &e), ST_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    tu_env_close(&f->env);
    free(f);
    return 0;
}

#define NKV(a) (int)(sizeof a / sizeof a[0])

/* A complete plan of unit (P-A or P-B), lead lead, taken to in_review with a
 * vote that passed. */
static void to_review(fixture *f, const char *unit, const char *lead, char code[32])
{
    const st_kv kv[] = {
        {"title", "Một cửa liên thông số tại huyện"}, {"field", "hanh_chinh"},
        {"employing_unit", unit}, {"lead", lead}, {"lead_position", "Chuyên viên"},
        {"coauthors", "Lê Thị Cúc"},
        {"bottleneck", "Hồ sơ giấy chậm"}, {"bottleneck_kind", "not_regulated"},
        {"necessity", "Rút ngắn thời gian"}, {"content", "Số hóa hồ sơ"},
        {"feasibility", "Có sẵn hạ tầng"}, {"legal_basis", "Nghị định 73/2023/NĐ-CP"},
        {"period_from", "01/04/2026"}, {"period_to", "30/09/2026"},
        {"funding_requested", "150.000.000"},
    };
    static const st_kv opinion[] = {{"reviewer", "Ban Thường vụ Huyện ủy"},
                                    {"recommendation", "implement"}, {"text", "Đồng ý"},
                                    {"party_committee", "có"}};
    static const st_kv vote[] = {{"members", "7"}, {"votes_for", "6"}, {"votes_against", "1"}};
    st_err e;
    err_clear(&e);
    if (proposal_create(f->env.db, &f->admin, kv, NKV(kv), code, &e)) fail_msg("create: %s", e.msg);
    const struct { const char *a; const st_kv *kv; int n; } steps[] = {
        {"submit", NULL, 0}, {"accept", NULL, 0}, {"opinion", opinion, NKV(opinion)},
        {"vote", vote, NKV(vote)},
    };
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
        if (workflow_apply(f->env.db, &f->admin, code, steps[i].a, steps[i].kv, steps[i].n, 0, &e))
            fail_msg("%s %s: %s", code, steps[i].a, e.msg);
}

static int approve(fixture *f, const char *code, const char *doc_no, const char *date,
                   const char *sign_form, st_err *e)
{
    st_kv kv[] = {{"kind", "implement"}, {"doc_no", doc_no}, {"doc_date", date},
                  {"signer", "Phạm Văn Hùng"}, {"sign_form", sign_form}};
    err_clear(e);
    return workflow_apply(f->env.db, &f->admin, code, "approve", kv, NKV(kv), 0, e);
}

static void must(fixture *f, const char *code, const char *action, const st_kv *kv, int n)
{
    st_err e;
    err_clear(&e);
    if (workflow_apply(f->env.db, &f->admin, code, action, kv, n, 0, &e) != ST_OK)
        fail_msg("%s %s: %s", code, action, e.msg);
}

static long long q(fixture *f, const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_h(f->env.db), sql, -1, &st, NULL), SQLITE_OK);
    long long v = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL
                  ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return v;
}

static void qtext(fixture *f, const char *sql, char *buf, size_t n)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_h(f->env.db), sql, -1, &st, NULL), SQLITE_OK);
    snprintf(buf, n, "%s", sqlite3_step(st) == SQLITE_ROW ? db_col_text(st, 0) : "(none)");
    sqlite3_finalize(st);
}

/* The official shapes: State (Decree 30/2020: số/ký hiệu, with the year for
 * normative documents) and Party (số-ký hiệu/cơ quan); anything else is
 * refused with the expected form in the message. */
static void test_docno_shapes(void **state)
{
    (void)state;
    static const struct { const char *s; long n; int year; const char *sym; } good[] = {
        {"12/QĐ-UBND", 12, 0, "QĐ-UBND"}, {"01/QĐ-TTg", 1, 0, "QĐ-TTg"},
        {"05/2024/QĐ-UBND", 5, 2024, "QĐ-UBND"}, {"15/UBND-VP", 15, 0, "UBND-VP"},
        {"124-QĐ/TU", 124, 0, "QĐ/TU"}, {"30-BC/HU", 30, 0, "BC/HU"},
        {"7/NQ-HĐND", 7, 0, "NQ-HĐND"},
    };
    static const char *const bad[] = {
        "", "12", "QĐ-UBND", "12/", "12/QĐ", "0/QĐ-UBND", "12 /QĐ-UBND", "12/QĐ--UBND",
        "12/QĐ-UBND/VP", "abc/QĐ-UBND", "12/2024/", "124-QĐ", "12/QĐ-UBND ", "12/3QĐ-UBND",
        "1234567/QĐ-UBND", "Số 12/QĐ-UBND",
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        docno d;
        st_err e;
        err_clear(&e);
        if (docreg_parse(good[i].s, &d, &e) != ST_OK) fail_msg("%s: %s", good[i].s, e.msg);
        assert_int_equal(d.number, good[i].n);
        assert_int_equal(d.year, good[i].year);
        assert_string_equal(d.symbol, good[i].sym);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        docno d;
        st_err e;
        err_clear(&e);
        if (docreg_parse(bad[i], &d, &e) != ST_EINVAL) fail_msg("accepted: \"%s\"", bad[i]);
        assert_string_equal(e.field, "doc_no");
        assert_non_null(strstr(e.msg, "12/QĐ-UBND"));
    }
    assert_string_equal(docreg_sign_prefix("KT"), "KT.");
    assert_string_equal(docreg_sign_prefix("TM"), "TM.");
    assert_string_equal(docreg_sign_prefix("TL"), "TL.");
    assert_string_equal(docreg_sign_prefix("direct"), "");
}

/* A decision with a malformed number is refused before anything is
 * written; the proposal stays where it was. */
static void test_decision_number_shape_refused(void **state)
{
    fixture *f = *state;
    char code[32];
    to_review(f, "P-A", "Trần Thị Bình", code);
    st_err e;
    assert_int_equal(approve(f, code, "QĐ 12", "02/03/2026", "", &e), ST_EINVAL);
    assert_string_equal(e.field, "doc_no");
    assert_non_null(strstr(e.msg, "không đúng thể thức"));
    assert_int_equal(q(f, "SELECT count(*) FROM decisions"), 0);
    assert_int_equal(q(f, "SELECT count(*) FROM doc_register"), 0);
    assert_int_equal(q(f, "SELECT count(*) FROM proposals WHERE state = 'in_review'"), 1);
    /* the year written in the number must be the year it was signed */
    assert_int_equal(approve(f, code, "12/2025/QĐ-UBND", "02/03/2026", "", &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "02/03/2026"));
}

/* One number per issuing unit and year: a repeat is refused naming the
 * proposal that has it; the same number of another year, or of another
 * issuing unit, is another document. */
static void test_number_unique_per_issuer_and_year(void **state)
{
    fixture *f = *state;
    char a1[32], a2[32], b1[32];
    to_review(f, "P-A", "Trần Thị Bình", a1);
    to_review(f, "P-A", "Ngô Văn Dũng", a2);
    to_review(f, "P-B", "Đặng Văn Phúc", b1);
    st_err e;
    assert_int_equal(approve(f, a1, "12/QĐ-UBND", "02/03/2026", "", &e), ST_OK);
    assert_int_equal(approve(f, a2, "12/QĐ-UBND", "02/03/2026", "", &e), ST_EINVAL);
    assert_string_equal(e.field, "doc_no");
    assert_non_null(strstr(e.msg, a1));
    assert_non_null(strstr(e.msg, "Huyện ủy A"));
    assert_non_null(strstr(e.msg, "2026"));
    /* written with a leading zero it is still number 12 */
    assert_int_equal(approve(f, a2, "012/QĐ-UBND", "02/03/2026", "", &e), ST_EINVAL);
    /* another year: another number */
    setenv("SANGTAO_TODAY", "2027-01-05", 1);
    assert_int_equal(approve(f, a2, "12/QĐ-UBND", "05/01/2027", "", &e), ST_OK);
    setenv("SANGTAO_TODAY", "2026-03-02", 1);
    /* another issuing unit (the competent unit of b1 is Huyện ủy B) */
    assert_int_equal(approve(f, b1, "12/QĐ-UBND", "02/03/2026", "", &e), ST_OK);
    assert_int_equal(q(f, "SELECT count(*) FROM doc_register WHERE number = 12"), 3);
    FILE *out = tmpfile();
    assert_non_null(out);
    assert_int_equal(docreg_check(f->env.db, out, &e), 0);
    /* a repeat arriving from elsewhere (another site) is reported by check */
    assert_int_equal(sqlite3_exec(db_h(f->env.db), "INSERT INTO doc_register(id, proposal_id, "
                     "action, issuer_unit_id, year, number, symbol, doc_no, doc_date) SELECT "
                     "id + 1000, proposal_id, 'reject', issuer_unit_id, year, number, symbol, "
                     "doc_no, doc_date FROM doc_register WHERE year = 2027", NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(docreg_check(f->env.db, out, &e), 1);
    /* a decision stored before the register with a number out of shape
     * (migration 10 left it out): reported too, with its proposal */
    assert_int_equal(sqlite3_exec(db_h(f->env.db), "INSERT INTO events(id, proposal_id, at, "
                     "user_id, username, action, from_state, to_state, comment, doc_no, "
                     "doc_date, data) SELECT id + 5000, proposal_id, at, user_id, username, "
                     "action, from_state, to_state, comment, 'QĐ số 12', doc_date, data "
                     "FROM events WHERE id = (SELECT event_id FROM doc_register WHERE year = "
                     "2026 AND issuer_unit_id = (SELECT id FROM units WHERE code = 'P-A'))",
                     NULL, NULL, NULL), SQLITE_OK);
    rewind(out);
    assert_int_equal(docreg_check(f->env.db, out, &e), 2);
    char buf[2000] = "";
    rewind(out);
    size_t got = fread(buf, 1, sizeof buf - 1, out);
    buf[got] = '\0';
    assert_non_null(strstr(buf, "dùng nhiều lần"));
    char want[200];
    snprintf(want, sizeof want, "doc_register: %s: số văn bản \"QĐ số 12\" (Chấp thuận, "
             "02/03/2026) không đúng thể thức", a1);
    assert_non_null(strstr(buf, want));
    fclose(out);
}

/* The signer and the form of signature (KT., TM., TL., or the head
 * himself) are kept with the decision's number. */
static void test_signer_and_form_recorded(void **state)
{
    fixture *f = *state;
    char a1[32], a2[32];
    to_review(f, "P-A", "Trần Thị Bình", a1);
    to_review(f, "P-A", "Ngô Văn Dũng", a2);
    st_err e;
    assert_int_equal(approve(f, a1, "20/QĐ-UBND", "02/03/2026", "KT", &e), ST_OK);
    assert_int_equal(approve(f, a2, "21/QĐ-UBND", "02/03/2026", "", &e), ST_OK);
    char buf[200];
    qtext(f, "SELECT signer || '|' || sign_form || '|' || action FROM doc_register "
          "WHERE number = 20", buf, sizeof buf);
    assert_string_equal(buf, "Phạm Văn Hùng|KT|approve");
    qtext(f, "SELECT sign_form FROM doc_register WHERE number = 21", buf, sizeof buf);
    assert_string_equal(buf, "direct");
    /* an unknown form is refused by the field's choices */
    char a3[32];
    to_review(f, "P-A", "Lê Văn Tám", a3);
    assert_int_equal(approve(f, a3, "22/QĐ-UBND", "02/03/2026", "Q.", &e), ST_EINVAL);
    assert_string_equal(e.field, "sign_form");
    /* the JSON of proposal show lists the register */
    char *json = NULL;
    assert_int_equal(proposal_show_json(f->env.db, &f->admin, a1, &json, &e), ST_OK);
    assert_non_null(strstr(json, "\"documents\":[{"));
    assert_non_null(strstr(json, "\"sign_form\":\"KT\""));
    free(json);
}

/* Decree 73 Art. 10 and item 8: the reward's form (nâng ngạch, bổ nhiệm…),
 * its issuing level and decision are recorded; one reward decision may name
 * several proposers, but its number is no other decision's. */
static void test_art10_reward_form_level_and_number(void **state)
{
    fixture *f = *state;
    char code[32];
    to_review(f, "P-A", "Trần Thị Bình", code);
    st_err e;
    assert_int_equal(approve(f, code, "30/QĐ-UBND", "02/03/2026", "", &e), ST_OK);
    must(f, code, "start", NULL, 0);
    static const st_kv report[] = {{"completion_date", "02/03/2026"}, {"results", "Đạt"}};
    must(f, code, "report", report, NKV(report));
    static const st_kv party[] = {{"reviewer", "Ban Thường vụ Huyện ủy"},
                                  {"recommendation", "other"}, {"text", "Kết quả tốt"},
                                  {"party_committee", "có"}};
    must(f, code, "opinion", party, NKV(party));
    static const st_kv eval[] = {{"outcome", "completed"}, {"protection_measure", "not_liable"},
                                 {"members", "7"}, {"votes_for", "6"}, {"votes_against", "1"},
                                 {"doc_no", "31/BC-UBND"}, {"doc_date", "02/03/2026"},
                                 {"signer", "Phạm Văn Hùng"}, {"sign_form", "TM"}};
    must(f, code, "evaluate", eval, NKV(eval));
    static const st_kv c1[] = {{"person", "Trần Thị Bình"}, {"form", "rank_promotion"},
                               {"doc_no", "40/QĐ-UBND"}, {"doc_date", "02/03/2026"},
                               {"issuer_level", "province"}, {"issuing_unit", "P"},
                               {"signer", "Nguyễn Văn Tỉnh"}, {"sign_form", "KT"}};
    must(f, code, "commend", c1, NKV(c1));
    /* the same decision rewards the co-author too */
    static const st_kv c2[] = {{"person", "Lê Thị Cúc"}, {"form", "appointment"},
                               {"doc_no", "40/QĐ-UBND"}, {"doc_date", "02/03/2026"},
                               {"issuer_level", "province"}, {"issuing_unit", "P"}};
    must(f, code, "commend", c2, NKV(c2));
    char buf[200];
    qtext(f, "SELECT group_concat(form || ':' || issuer_level, ',') FROM (SELECT form, "
          "issuer_level FROM commendations ORDER BY form)", buf, sizeof buf);
    assert_string_equal(buf, "appointment:province,rank_promotion:province");
    assert_int_equal(q(f, "SELECT count(*) FROM doc_register r JOIN units u ON u.id = "
                          "r.issuer_unit_id WHERE u.code = 'P' AND r.number = 40"), 2);
    qtext(f, "SELECT sign_form FROM doc_register WHERE action = 'evaluate'", buf, sizeof buf);
    assert_string_equal(buf, "TM");
    /* another decision of the province may not take number 40 again */
    static const st_kv c3[] = {{"person", "Lê Thị Cúc"}, {"form", "merit"},
                               {"doc_no", "40/QĐ-UBND"}, {"doc_date", "03/03/2026"},
                               {"issuer_level", "province"}, {"issuing_unit", "P"}};
    err_clear(&e);
    setenv("SANGTAO_TODAY", "2026-03-03", 1);
    assert_int_equal(workflow_apply(f->env.db, &f->admin, code, "commend", c3, NKV(c3), 0, &e),
                     ST_EINVAL);
    setenv("SANGTAO_TODAY", "2026-03-02", 1);
    if (!strstr(e.msg, code) || !strstr(e.msg, "Tỉnh ủy")) fail_msg("%s", e.msg);
    /* an unknown level is refused */
    static const st_kv c4[] = {{"person", "Lê Thị Cúc"}, {"form", "merit"},
                               {"doc_no", "41/QĐ-UBND"}, {"doc_date", "02/03/2026"},
                               {"issuer_level", "commune"}};
    err_clear(&e);
    assert_int_equal(workflow_apply(f->env.db, &f->admin, code, "commend", c4, NKV(c4), 0, &e),
                     ST_EINVAL);
    assert_string_equal(e.field, "issuer_level");
}

static void run_sql(const char *path, const char *sql)
{
    sqlite3 *h;
    assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
    assert_int_equal(db_register_text_sql(h), 0);
    char *msg = NULL;
    if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK) fail_msg("%s", msg);
    sqlite3_close(h);
}

/* Migration 10 keeps every stored row valid: commendations keep their form
 * and id, and the numbers already stored in the official shape enter the
 * register (with their proposal), the others stay unregistered. */
static void test_migration10_keeps_data(void **state)
{
    (void)state;
    extern const char *const migrations_sql[];
    tu_env t;
    tu_env_open(&t);
    db_close(&t.db);
    unlink(t.path);
    char wal[600];
    snprintf(wal, sizeof wal, "%s-wal", t.path);
    unlink(wal);
    for (int i = 0; i < 9; i++) run_sql(t.path, migrations_sql[i]);
    run_sql(t.path,
        "PRAGMA user_version=9; PRAGMA application_id=1398033991;"
        "INSERT INTO units(id, code, name, path, updated_at) VALUES (1, 'P', 'Tỉnh ủy', '/1/', 'x');"
        "INSERT INTO proposals(id, code, title, employing_unit_id, competent_unit_id, created_at, "
        " updated_at) VALUES (7, 'TN-2025-0001', 'Đề xuất cũ', 1, 1, 'x', 'x');"
        "INSERT INTO events(id, proposal_id, at, username, action) VALUES "
        " (101, 7, 'x', 'a', 'approve'), (102, 7, 'x', 'a', 'commend'), (103, 7, 'x', 'a', 'commend');"
        "INSERT INTO decisions(id, proposal_id, event_id, kind, doc_no, doc_date, signer) VALUES "
        " (1, 7, 101, 'implement', '12/QĐ-UBND', '2025-05-06', 'Phạm Văn Hùng');"
        "INSERT INTO commendations(id, proposal_id, event_id, person_name, form, doc_no, doc_date) "
        " VALUES (1, 7, 102, 'Trần Thị Bình', 'early_raise', '50-QĐ/TU', '2025-09-01'),"
        " (2, 7, 103, 'Lê Thị Cúc', 'certificate', '05/2025/QĐ-UBND', '2025-09-01');");
    st_err e;
    err_clear(&e);
    if (db_open(t.cfg, DB_OPEN_EXISTING, &t.db, &e) != ST_OK) fail_msg("%s", e.msg);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_h(t.db), "SELECT group_concat(id || ':' || form, ',') "
                     "FROM (SELECT id, form FROM commendations ORDER BY id)", -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal(db_col_text(st, 0), "1:early_raise,2:certificate");
    sqlite3_finalize(st);
    assert_int_equal(sqlite3_prepare_v2(db_h(t.db), "SELECT group_concat(id || ':' || action || "
                     "':' || year || ':' || number || ':' || symbol || ':' || signer, ',') FROM "
                     "(SELECT * FROM doc_register ORDER BY id)", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    /* the Party form 50-QĐ/TU stays out (not the number/symbol shape) */
    assert_string_equal(db_col_text(st, 0), "101:approve:2025:12:QĐ-UBND:Phạm Văn Hùng,"
                                            "103:commend:2025:5:QĐ-UBND:");
    sqlite3_finalize(st);
    tu_env_close(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_docno_shapes),
        cmocka_unit_test_setup_teardown(test_decision_number_shape_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_number_unique_per_issuer_and_year, setup, teardown),
        cmocka_unit_test_setup_teardown(test_signer_and_form_recorded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_art10_reward_form_level_and_number, setup, teardown),
        cmocka_unit_test(test_migration10_keeps_data),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
