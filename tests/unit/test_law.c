/* Decree 73/2023/NĐ-CP as the workflow enforces it (issue #13): who decides
 * (Art. 7(3)-(4), 8(1)), the dates of each step, the adjustment of a pilot
 * (plan II.2(5)), the collective's evaluation vote and the notice of its
 * result (evaluation clause), the scope notes (Art. 2, 5), the holidays of
 * 2024, and `check` reporting old rows.  Each test names its article. */
#include "testdb.h"

#include "store/db_internal.h"
#include "store/datafiles.h"
#include "base/workdays.h"
#include "flow/home.h"
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
    st_actor admin, clerk, head, head_a, binh;
} fixture;

static void add_user(fixture *f, const char *name, const char *full, const char *roles,
                     const char *scope, st_actor *out)
{
    st_err e;
    unsigned mask;
    err_clear(&e);
    assert_int_equal(roles_parse(roles, &mask, &e), ST_OK);
    if (user_add(f->env.db, NULL, name, full, mask, scope, "matkhau-123", &e) != ST_OK)
        fail_msg("user_add %s: %s", name, e.msg);
    assert_int_equal(user_actor(f->env.db, name, out, &e), ST_OK);
}

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
    add_user(f, "admin", "Quản trị", "admin", "P", &f->admin);
    add_user(f, "clerk", "Đỗ Văn Chung", "clerk", "P-A", &f->clerk);
    add_user(f, "head", "Phạm Văn Hùng", "head", "P", &f->head);
    add_user(f, "heada", "Võ Thị Hoa", "head", "P-A", &f->head_a);
    /* a head of the province who is also the lead proposer of the plans */
    add_user(f, "binh", "Trần Thị Bình", "head", "P", &f->binh);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    tu_env_close(&f->env);
    free(f);
    setenv("SANGTAO_TODAY", "2026-03-02", 1);
    return 0;
}

/* A complete plan in district A; extra values replace the defaults. */
static void new_plan(fixture *f, const st_kv *extra, int nextra, char code[32])
{
    st_kv kv[24] = {
        {"title", "Một cửa liên thông số tại huyện"}, {"field", "hanh_chinh"},
        {"employing_unit", "P-A"}, {"lead", "Trần Thị Bình"},
        {"lead_position", "Phó Trưởng ban Tổ chức"},
        {"bottleneck", "Hồ sơ giấy chậm"}, {"bottleneck_kind", "not_regulated"},
        {"necessity", "Rút ngắn thời gian"}, {"content", "Số hóa hồ sơ"},
        {"feasibility", "Có sẵn hạ tầng"}, {"legal_basis", "Nghị định 73/2023/NĐ-CP"},
        {"period_from", "01/04/2026"}, {"period_to", "30/09/2026"},
        {"funding_requested", "150.000.000"},
    };
    int n = 14;
    for (int i = 0; i < nextra; i++) {
        int k = 0;
        while (k < n && strcmp(kv[k].name, extra[i].name) != 0) k++;
        kv[k] = extra[i];
        if (k == n) n++;
    }
    st_err e;
    err_clear(&e);
    if (proposal_create(f->env.db, &f->clerk, kv, n, code, &e)) fail_msg("create: %s", e.msg);
}

static int apply(fixture *f, const st_actor *who, const char *code, const char *action,
                 const st_kv *kv, int n, st_err *e)
{
    err_clear(e);
    return workflow_apply(f->env.db, who, code, action, kv, n, 0, e);
}

#define NKV(a) (int)(sizeof a / sizeof a[0])
static const st_kv OPINION[] = {{"reviewer", "Ban Thường vụ Huyện ủy"},
                                {"recommendation", "pilot"}, {"text", "Đồng ý"},
                                {"party_committee", "có"}};
static const st_kv VOTE[] = {{"members", "7"}, {"votes_for", "6"}, {"votes_against", "1"}};
static const st_kv APPROVE[] = {{"kind", "pilot"}, {"doc_no", "12/QĐ-UBND"},
                                {"signer", "Phạm Văn Hùng"}, {"pilot_scope", "Xã A"},
                                {"doc_date", "02/03/2026"}};
static const st_kv REPORT[] = {{"completion_date", "02/03/2026"}, {"results", "Đạt"}};
static const st_kv EVALUATE[] = {{"outcome", "completed"}, {"protection_measure", "not_liable"},
                                 {"members", "7"}, {"votes_for", "5"}, {"votes_against", "1"},
                                 {"attendees", "Phạm Văn Hùng; Võ Thị Hoa; Lê Văn Tám"}};

static void must(fixture *f, const char *code, const char *action, const st_kv *kv, int n)
{
    st_err e;
    if (apply(f, &f->admin, code, action, kv, n, &e) != ST_OK)
        fail_msg("%s %s: %s", code, action, e.msg);
}

static void to_review(fixture *f, char code[32])
{
    must(f, code, "submit", NULL, 0);
    must(f, code, "accept", NULL, 0);
    must(f, code, "opinion", OPINION, NKV(OPINION));
    must(f, code, "vote", VOTE, NKV(VOTE));
}

static void to_implementing(fixture *f, char code[32])
{
    to_review(f, code);
    must(f, code, "approve", APPROVE, NKV(APPROVE));
    must(f, code, "start", NULL, 0);
}

static long long q(fixture *f, const char *sql, const char *code)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_h(f->env.db), sql, -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    long long v = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL
                  ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return v;
}

/* Art. 7(3)-(4), 8(1): the proposer never decides his own plan — neither
 * accept, vote, approve nor evaluate — and a head's own plan goes to the
 * level above, whose head alone decides it. */
static void test_art7_3_4_art8_1_proposer_never_decides(void **state)
{
    fixture *f = *state;
    char code[32];
    new_plan(f, NULL, 0, code);
    st_err e;
    assert_int_equal(apply(f, &f->clerk, code, "submit", NULL, 0, &e), ST_OK);
    assert_int_equal(apply(f, &f->binh, code, "accept", NULL, 0, &e), ST_EPERM);
    assert_non_null(strstr(e.msg, "Trần Thị Bình là người đề xuất"));
    assert_non_null(strstr(e.msg, "Điều 7"));
    assert_int_equal(apply(f, &f->head, code, "accept", NULL, 0, &e), ST_OK);
    assert_int_equal(apply(f, &f->binh, code, "vote", VOTE, NKV(VOTE), &e), ST_EPERM);
    must(f, code, "opinion", OPINION, NKV(OPINION));
    must(f, code, "vote", VOTE, NKV(VOTE));
    assert_int_equal(apply(f, &f->binh, code, "approve", APPROVE, NKV(APPROVE), &e), ST_EPERM);
    /* a head's own plan: competent unit P, above his district; the
     * district's head may not decide it */
    char own[32];
    static const st_kv head_plan[] = {{"lead", "Lê Văn Cường"},
                                      {"lead_position", "Bí thư Huyện ủy"},
                                      {"proposer_is_head", "có"}};
    new_plan(f, head_plan, NKV(head_plan), own);
    assert_int_equal(apply(f, &f->clerk, own, "submit", NULL, 0, &e), ST_OK);
    assert_int_equal(apply(f, &f->head_a, own, "accept", NULL, 0, &e), ST_EPERM);
    assert_non_null(strstr(e.msg, "thuộc thẩm quyền của Tỉnh ủy"));
    assert_int_equal(apply(f, &f->head, own, "accept", NULL, 0, &e), ST_OK);
    /* the same account linked to another person decides again */
    assert_int_equal(sqlite3_exec(db_h(f->env.db), "UPDATE users SET person_id = (SELECT id "
                                  "FROM people WHERE full_name = 'Lê Văn Cường') WHERE "
                                  "username = 'binh'", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(apply(f, &f->binh, code, "approve", APPROVE, NKV(APPROVE), &e), ST_OK);
}

/* Art. 7(3)-(4): the competent unit is the employing unit, or the level
 * above for its head; any other is refused at submission, and a lead with a
 * head's title whose plan stays in his unit is noted. */
static void test_art7_4_competent_unit_follows_lead(void **state)
{
    fixture *f = *state;
    char elsewhere[32], head_title[32];
    static const st_kv other[] = {{"competent_unit", "P-B"}};
    new_plan(f, other, NKV(other), elsewhere);
    st_err e;
    assert_int_equal(apply(f, &f->clerk, elsewhere, "submit", NULL, 0, &e), ST_EINVAL);
    assert_string_equal(e.field, "competent_unit");
    static const st_kv director[] = {{"lead", "Ngô Văn Dũng"},
                                     {"lead_position", "Giám đốc Trung tâm"}};
    new_plan(f, director, NKV(director), head_title);
    assert_int_equal(apply(f, &f->clerk, head_title, "submit", NULL, 0, &e), ST_OK);
    assert_non_null(strstr(e.msg, "Điều 7 khoản 4"));
}

/* Issue #13 item 6: every workflow date lies between the previous step's
 * date and today; both dates named in dd/mm/yyyy; no date before
 * Conclusion 14; a period from 1900 refused; completion not before start;
 * a record entered late is accepted with a warning kept in its event. */
static void test_dates_between_previous_step_and_today(void **state)
{
    fixture *f = *state;
    char code[32];
    new_plan(f, NULL, 0, code);
    setenv("SANGTAO_TODAY", "2026-03-10", 1);
    to_review(f, code);
    st_err e;
    st_kv kv[NKV(APPROVE)];
    memcpy(kv, APPROVE, sizeof kv);
    kv[4].value = "10/03/2030";
    assert_int_equal(apply(f, &f->head, code, "approve", kv, NKV(kv), &e), ST_EINVAL);
    assert_string_equal(e.field, "doc_date");
    assert_non_null(strstr(e.msg, "10/03/2030"));
    assert_non_null(strstr(e.msg, "10/03/2026"));
    kv[4].value = "05/03/2026";   /* before the plan was received (10/03) */
    assert_int_equal(apply(f, &f->head, code, "approve", kv, NKV(kv), &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "05/03/2026"));
    assert_non_null(strstr(e.msg, "Tiếp nhận xem xét: 10/03/2026"));
    kv[4].value = "01/01/2020";
    assert_int_equal(apply(f, &f->head, code, "approve", kv, NKV(kv), &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "22/09/2021"));
    kv[4].value = "10/03/2026";
    assert_int_equal(apply(f, &f->head, code, "approve", kv, NKV(kv), &e), ST_OK);
    static const st_kv early_start[] = {{"start_date", "09/03/2026"}};
    assert_int_equal(apply(f, &f->clerk, code, "start", early_start, 1, &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "Chấp thuận: 10/03/2026"));
    setenv("SANGTAO_TODAY", "2026-05-20", 1);
    static const st_kv start[] = {{"start_date", "11/03/2026"}};
    assert_int_equal(apply(f, &f->clerk, code, "start", start, 1, &e), ST_OK);
    assert_non_null(strstr(e.msg, "Lưu ý"));            /* 70 days back: a paper record */
    assert_non_null(strstr(e.msg, "workflow.backdate_days"));
    assert_int_equal(q(f, "SELECT count(*) FROM events ev JOIN proposals p ON p.id = "
                       "ev.proposal_id WHERE p.code = ?1 AND ev.action = 'start' AND "
                       "ev.comment LIKE '%Lưu ý%'", code), 1);
    static const st_kv done_early[] = {{"completion_date", "10/03/2026"}, {"results", "Đạt"}};
    assert_int_equal(apply(f, &f->clerk, code, "report", done_early, 2, &e), ST_EINVAL);
    assert_string_equal(e.field, "completion_date");
    /* a period from 1900 */
    char old[32];
    static const st_kv y1900[] = {{"period_from", "01/01/1900"}};
    new_plan(f, y1900, 1, old);
    assert_int_equal(apply(f, &f->clerk, old, "submit", NULL, 0, &e), ST_EINVAL);
    assert_string_equal(e.field, "period_from");
    assert_non_null(strstr(e.msg, "01/01/1900"));
}

/* The plan II.2(5): the head records monitoring; the competent level
 * adjusts a pilot by decision, which moves the report deadline. */
static void test_plan_II2_5_monitoring_and_adjustment(void **state)
{
    fixture *f = *state;
    char code[32];
    new_plan(f, NULL, 0, code);
    to_implementing(f, code);
    st_err e;
    static const st_kv mon[] = {{"kind", "supervise"}, {"by_whom", "Thường trực Tỉnh ủy"}};
    assert_int_equal(apply(f, &f->head, code, "monitor", mon, 2, &e), ST_OK);
    long long before = q(f, "SELECT julianday(due_date) FROM proposals WHERE code=?1", code);
    static const st_kv nothing[] = {{"doc_no", "15/QĐ-UBND"}, {"doc_date", "02/03/2026"},
                                    {"signer", "Phạm Văn Hùng"}, {"reason", "Điều chỉnh"}};
    assert_int_equal(apply(f, &f->head, code, "adjust", nothing, 4, &e), ST_EINVAL);
    st_kv adj[5];
    memcpy(adj, nothing, sizeof nothing);
    adj[4] = (st_kv){"period_to", "31/12/2026"};
    assert_int_equal(apply(f, &f->clerk, code, "adjust", adj, 5, &e), ST_EPERM);
    assert_int_equal(apply(f, &f->head, code, "adjust", adj, 5, &e), ST_OK);
    assert_int_equal(q(f, "SELECT period_to = '2026-12-31' AND due_kind = 'report' FROM "
                       "proposals WHERE code=?1", code), 1);
    assert_true(q(f, "SELECT julianday(due_date) FROM proposals WHERE code=?1", code) > before);
    assert_int_equal(q(f, "SELECT count(*) FROM adjustments a JOIN proposals p ON p.id = "
                       "a.proposal_id WHERE p.code=?1 AND a.period_to_old = '2026-09-30' AND "
                       "a.period_to = '2026-12-31'", code), 1);
    static const st_kv backwards[] = {{"doc_no", "16/QĐ-UBND"}, {"doc_date", "02/03/2026"},
                                      {"signer", "Phạm Văn Hùng"}, {"reason", "Rút ngắn"},
                                      {"period_to", "01/03/2026"}};
    assert_int_equal(apply(f, &f->head, code, "adjust", backwards, 5, &e), ST_EINVAL);
    assert_string_equal(e.field, "period_to");
    assert_non_null(strstr(e.msg, "01/03/2026"));
    assert_non_null(strstr(e.msg, "01/04/2026"));
}

/* The evaluation clause: the collective evaluates within 07 working days
 * (proposer-deputy excluded): who sat and how they voted are recorded as
 * for the review vote (Art. 8(1)'s reading), and it must pass. */
static void test_eval_clause_collective_vote_recorded(void **state)
{
    fixture *f = *state;
    char code[32];
    new_plan(f, NULL, 0, code);
    to_implementing(f, code);
    must(f, code, "report", REPORT, NKV(REPORT));
    must(f, code, "opinion", OPINION, NKV(OPINION));
    st_err e;
    st_kv kv[NKV(EVALUATE) + 1];
    memcpy(kv, EVALUATE, sizeof EVALUATE);
    kv[3].value = "2";   /* 2 for, 1 against of 7: not more than half */
    assert_int_equal(apply(f, &f->head, code, "evaluate", kv, NKV(EVALUATE), &e), ST_EINVAL);
    assert_string_equal(e.field, "votes_for");
    kv[4].value = "2";   /* a tie without the head's vote */
    assert_int_equal(apply(f, &f->head, code, "evaluate", kv, NKV(EVALUATE), &e), ST_EINVAL);
    assert_string_equal(e.field, "head_vote");
    kv[NKV(EVALUATE)] = (st_kv){"head_vote", "for"};
    assert_int_equal(apply(f, &f->head, code, "evaluate", kv, NKV(kv), &e), ST_OK);
    assert_int_equal(q(f, "SELECT count(*) FROM votes v JOIN proposals p ON p.id = "
                       "v.proposal_id WHERE p.code=?1 AND v.stage='evaluation' AND v.passed=1 "
                       "AND v.head_vote='for' AND v.attendees LIKE '%Võ Thị Hoa%'", code), 1);
    assert_int_equal(q(f, "SELECT count(*) FROM votes v JOIN proposals p ON p.id = "
                       "v.proposal_id WHERE p.code=?1 AND v.stage='review'", code), 1);
}

static int count_row(const home_overdue_row *r, void *ud)
{
    if (strcmp(r->due_kind, "notify") == 0) ++*(int *)ud;
    return 0;
}

/* The evaluation clause: "trong thời hạn 03 ngày làm việc" the result is
 * notified to the cadre: a clock from the evaluation (Mon 02/03/2026 → Thu
 * 05/03/2026), overdue on the home screen, stopped by `notify`, once. */
static void test_eval_clause_notify_within_3_working_days(void **state)
{
    fixture *f = *state;
    char code[32];
    new_plan(f, NULL, 0, code);
    to_implementing(f, code);
    must(f, code, "report", REPORT, NKV(REPORT));
    must(f, code, "opinion", OPINION, NKV(OPINION));
    must(f, code, "evaluate", EVALUATE, NKV(EVALUATE));
    assert_int_equal(q(f, "SELECT due_date = '2026-03-05' AND due_kind = 'notify' FROM "
                       "proposals WHERE code=?1", code), 1);
    setenv("SANGTAO_TODAY", "2026-03-06", 1);
    int shown = 0, total = 0;
    st_err e;
    err_clear(&e);
    assert_int_equal(home_overdue(f->env.db, &f->head, 0, count_row, &shown, &total, &e), ST_OK);
    assert_int_equal(shown, 1);
    static const st_kv note[] = {{"recipient", "Trần Thị Bình"}};
    /* no recipient named: the lead proposer, the cadre the result is for */
    assert_int_equal(apply(f, &f->clerk, code, "notify", NULL, 0, &e), ST_OK);
    assert_int_equal(q(f, "SELECT count(*) FROM events ev JOIN proposals p ON p.id = "
                       "ev.proposal_id WHERE p.code=?1 AND ev.action='notify' AND "
                       "json_extract(ev.data, '$.recipient') = 'Trần Thị Bình'", code), 1);
    assert_int_equal(q(f, "SELECT due_date IS NULL FROM proposals WHERE code=?1", code), 1);
    assert_int_equal(apply(f, &f->clerk, code, "notify", note, 1, &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "06/03/2026"));
}

/* Art. 2 and Art. 5(1)(a): a lead who is not a leader or manager, and a
 * bottleneck "regulated but unsuitable", are accepted with a visible note. */
static void test_art2_art5_scope_notes(void **state)
{
    fixture *f = *state;
    char code[32], clean[32];
    static const st_kv staff[] = {{"lead", "Hồ Thị Én"}, {"lead_position", "Chuyên viên"},
                                  {"bottleneck_kind", "unsuitable"}};
    new_plan(f, staff, NKV(staff), code);
    st_err e;
    assert_int_equal(apply(f, &f->clerk, code, "submit", NULL, 0, &e), ST_OK);
    assert_non_null(strstr(e.msg, "Điều 2 Nghị định 73"));
    /* the second whole, or named (test_art2_art5_notes_whole) */
    assert_true(strstr(e.msg, "Điều 5 Nghị định 73") || strstr(e.msg, "còn 1 lưu ý nữa"));
    assert_int_equal(q(f, "SELECT count(*) FROM events ev JOIN proposals p ON p.id = "
                       "ev.proposal_id WHERE p.code=?1 AND ev.action='submit' AND ev.comment "
                       "LIKE '%Điều 2%' AND ev.comment LIKE '%Điều 5%'", code), 1);
    new_plan(f, NULL, 0, clean);
    assert_int_equal(apply(f, &f->clerk, clean, "submit", NULL, 0, &e), ST_OK);
    assert_string_equal(e.msg, "");
}

/* Art. 2 and Art. 5(1)(a): warnings longer than an error message reach the
 * caller whole (workflow_apply_noted: the CLI's "cảnh báo" lines, the
 * screens' notice), and e->msg keeps whole lines only, naming the rest. */
static void test_art2_art5_notes_whole(void **state)
{
    fixture *f = *state;
    char code[32];
    static const st_kv staff[] = {
        {"lead", "Hồ Thị Én"},
        {"lead_position", "Chuyên viên phụ trách công tác tổng hợp, theo dõi thi đua, khen "
                          "thưởng và cải cách hành chính của Văn phòng Huyện ủy"},
        {"bottleneck_kind", "unsuitable"}};
    new_plan(f, staff, NKV(staff), code);
    st_err e;
    char *notes = NULL;
    err_clear(&e);
    assert_int_equal(workflow_apply_noted(f->env.db, &f->clerk, code, "submit", NULL, 0, 0, &e,
                                          &notes), ST_OK);
    assert_non_null(notes);
    assert_true(strlen(notes) >= sizeof e.msg);
    assert_non_null(strstr(notes, "Điều 2 Nghị định 73"));
    assert_non_null(strstr(notes, "Điều 5 Nghị định 73"));
    assert_non_null(strstr(notes, "cải cách hành chính của Văn phòng Huyện ủy"));
    /* e->msg: the first note whole, then how many more */
    assert_non_null(strstr(e.msg, "Điều 2 Nghị định 73"));
    assert_null(strstr(e.msg, "Điều 5 Nghị định 73"));
    assert_non_null(strstr(e.msg, "còn 1 lưu ý nữa"));
    free(notes);
    /* no warnings: NULL and an empty message */
    char clean[32];
    new_plan(f, NULL, 0, clean);
    err_clear(&e);
    assert_int_equal(workflow_apply_noted(f->env.db, &f->clerk, clean, "submit", NULL, 0, 0, &e,
                                          &notes), ST_OK);
    assert_null(notes);
    assert_string_equal(e.msg, "");
}

/* Issue #13 item 14: 2024 from Thông báo 5015/TB-LĐTBXH (Tết 08–14/02) and
 * Văn bản 2450/VPCP-KGVX (29/4 swapped for Saturday 04/5). */
static void test_holidays_2024(void **state)
{
    (void)state;
    calendar *cal = NULL;
    st_err e;
    err_clear(&e);
    assert_int_equal(calendar_new(&cal), ST_OK);
    FILE *in = fmemopen((void *)data_holidays_csv, strlen(data_holidays_csv), "r");
    assert_non_null(in);
    assert_int_equal(calendar_load_csv(cal, in, "holidays.csv", &e), ST_OK);
    fclose(in);
    st_day d;
    static const char *const off[] = {"2024-01-01", "2024-02-08", "2024-02-14", "2024-04-18",
                                      "2024-04-29", "2024-04-30", "2024-05-01", "2024-09-02",
                                      "2024-09-03"};
    for (size_t i = 0; i < sizeof off / sizeof off[0]; i++) {
        assert_int_equal(date_parse(off[i], &d, NULL), ST_OK);
        if (calendar_is_working_day(cal, d)) fail_msg("%s is a working day", off[i]);
    }
    assert_int_equal(date_parse("2024-05-04", &d, NULL), ST_OK);   /* make-up Saturday */
    assert_true(calendar_is_working_day(cal, d));
    assert_int_equal(date_parse("2024-02-07", &d, NULL), ST_OK);
    char out[11];
    date_iso(calendar_add_working_days(cal, d, 1), out);
    assert_string_equal(out, "2024-02-15");
    calendar_free(&cal);
}

/* `sangtao check`: rows stored before the rules are reported, not changed. */
static void test_check_reports_old_rows(void **state)
{
    fixture *f = *state;
    char code[32];
    new_plan(f, NULL, 0, code);
    to_implementing(f, code);
    long nbad = -1;
    st_err e;
    err_clear(&e);
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    assert_int_equal(workflow_check_law(f->env.db, out, &nbad, &e), ST_OK);
    fclose(out);
    assert_int_equal(nbad, 0);
    assert_string_equal(text, "law_rules: ok\n");
    free(text);
    /* as an older version let them be written */
    assert_int_equal(sqlite3_exec(db_h(f->env.db),
        "UPDATE proposals SET period_from = '1900-01-01';"
        "INSERT INTO events(id, proposal_id, at, user_id, username, action, from_state, "
        "to_state) SELECT 9999, p.id, '2026-03-02T08:00:00Z', u.id, u.username, 'accept', "
        "'submitted', 'in_review' FROM proposals p, users u WHERE u.username = 'binh'",
        NULL, NULL, NULL), SQLITE_OK);
    out = open_memstream(&text, &len);
    assert_int_equal(workflow_check_law(f->env.db, out, &nbad, &e), ST_OK);
    fclose(out);
    assert_int_equal(nbad, 2);
    assert_non_null(strstr(text, code));
    assert_non_null(strstr(text, "Điều 7 khoản 3, 4, Điều 8 khoản 1"));
    assert_non_null(strstr(text, "01/01/1900"));
    assert_int_equal(q(f, "SELECT count(*) FROM proposals WHERE period_from = '1900-01-01'",
                       code), 1);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_art7_3_4_art8_1_proposer_never_decides, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_art7_4_competent_unit_follows_lead, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dates_between_previous_step_and_today, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_plan_II2_5_monitoring_and_adjustment, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_eval_clause_collective_vote_recorded, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_eval_clause_notify_within_3_working_days, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_art2_art5_scope_notes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_art2_art5_notes_whole, setup, teardown),
        cmocka_unit_test(test_holidays_2024),
        cmocka_unit_test_setup_teardown(test_check_reports_old_rows, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
