/* The workflow engine: every action from every state, every role, scope,
 * atomicity, the vote rule, deadlines and the suggested protection measure.
 * The expectations below are written out from DOMAIN.md on purpose, not read
 * from the engine's table, so that a wrong table fails these tests. */
#include "testdb.h"

#include "store/db_internal.h"
#include "flow/home.h"
#include "flow/proposal.h"
#include "flow/units.h"
#include "flow/users.h"
#include "flow/workflow.h"
#include "text/text.h"

static const char units_csv[] =
    "code,name,parent_code,level\n"
    "P,Tỉnh ủy,,tinh\n"
    "P-A,Huyện ủy A,P,huyen\n"
    "P-B,Huyện ủy B,P,huyen\n";

typedef struct fixture {
    tu_env env;
    st_actor admin, clerk_a, clerk_b, reviewer, head, monitor, viewer;
    int seq;
} fixture;

static void add_user(fixture *f, const char *name, const char *roles, const char *scope,
                     st_actor *out)
{
    st_err e;
    unsigned mask;
    err_clear(&e);
    assert_int_equal(roles_parse(roles, &mask, &e), ST_OK);
    if (user_add(f->env.db, NULL, name, name, mask, scope, "matkhau-123", &e) != ST_OK)
        fail_msg("user_add %s: %s", name, e.msg);
    assert_int_equal(user_actor(f->env.db, name, out, &e), ST_OK);
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    setenv("SANGTAO_TODAY", "2026-03-02", 1);
    tu_env_open(&f->env);
    /* Speed only: these tests do thousands of commits in a temp folder. */
    sqlite3_exec(db_h(f->env.db), "PRAGMA synchronous=OFF", NULL, NULL, NULL);
    st_err e;
    int n = 0;
    err_clear(&e);
    if (unit_import_text(f->env.db, NULL, units_csv, "units.csv", &n, &e) != ST_OK)
        fail_msg("units: %s", e.msg);
    add_user(f, "admin", "admin", "P", &f->admin);
    add_user(f, "clerka", "clerk", "P-A", &f->clerk_a);
    add_user(f, "clerkb", "clerk", "P-B", &f->clerk_b);
    add_user(f, "reviewer", "reviewer", "P", &f->reviewer);
    add_user(f, "head", "head", "P", &f->head);
    add_user(f, "monitor", "monitor", "P", &f->monitor);
    add_user(f, "viewer", "viewer", "P", &f->viewer);
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

/* A complete draft in district A. */
static void new_proposal(fixture *f, char code[32])
{
    st_kv kv[] = {
        {"title", "Thí điểm một cửa số tại xã"}, {"field", "hanh_chinh"},
        {"employing_unit", "P-A"}, {"lead", "Nguyễn Văn An"}, {"lead_position", "Chuyên viên"},
        {"bottleneck", "Hồ sơ giấy chậm"}, {"bottleneck_kind", "unsuitable"},
        {"necessity", "Rút ngắn thời gian"}, {"content", "Số hóa hồ sơ"},
        {"feasibility", "Có sẵn hạ tầng"}, {"legal_basis", "Nghị định 73/2023/NĐ-CP"},
        {"period_from", "01/04/2026"}, {"period_to", "30/09/2026"},
        {"funding_requested", "150.000.000"},
    };
    st_err e;
    err_clear(&e);
    if (proposal_create(f->env.db, &f->clerk_a, kv, (int)(sizeof kv / sizeof kv[0]), code, &e))
        fail_msg("create: %s", e.msg);
}

/* Good values for each action (enough for its rules to pass). */
static int good_values(const char *action, st_kv *kv)
{
    static const struct { const char *action; st_kv kv[8]; } tbl[] = {
        {"withdraw", {{"reason", "Không còn phù hợp"}}},
        {"return", {{"reason", "Bổ sung cơ sở pháp lý"}}},
        {"opinion", {{"reviewer", "Ban Thường vụ Huyện ủy"}, {"recommendation", "pilot"},
                     {"text", "Đồng ý thí điểm"}, {"party_committee", "có"}}},
        {"vote", {{"members", "9"}, {"votes_for", "7"}, {"votes_against", "1"},
                  {"abstain", "1"}}},
        {"approve", {{"kind", "pilot"}, {"doc_no", "12/QĐ-UBND"}, {"doc_date", "02/03/2026"},
                     {"signer", "Chủ tịch"}, {"pilot_scope", "Xã A"},
                     {"funding_granted", "100.000.000"}}},
        {"reject", {{"reject_reasons", "not_feasible"}, {"doc_no", "13/QĐ"},
                    {"doc_date", "02/03/2026"}, {"signer", "Chủ tịch"}}},
        {"suspend", {{"reason", "Tạm dừng để điều chỉnh"}}},
        {"terminate", {{"violation", "Sử dụng sai kinh phí"}, {"referral", "UBKT"},
                       {"doc_no", "14/QĐ"}, {"doc_date", "02/03/2026"}}},
        {"monitor", {{"kind", "inspect"}, {"by_whom", "Ban Tổ chức"}, {"progress", "40"}}},
        {"report", {{"completion_date", "02/03/2026"}, {"report_date", "02/03/2026"},
                    {"results", "Đạt mục tiêu"}}},
        {"evaluate", {{"meeting_date", "02/03/2026"}, {"outcome", "completed"},
                      {"protection_measure", "not_liable"}, {"members", "7"},
                      {"votes_for", "6"}, {"votes_against", "1"}}},
        {"adjust", {{"doc_no", "15/QĐ-UBND"}, {"doc_date", "02/03/2026"}, {"signer", "Chủ tịch"},
                    {"reason", "Kéo dài thí điểm"}, {"period_to", "31/12/2026"}}},
        {"propose_replication", {{"text", "Nhân rộng toàn tỉnh"}, {"target_units", "P-B"}}},
        {"replicate", {{"doc_no", "20-QĐ/TU"}, {"doc_date", "02/03/2026"},
                       {"adopting_units", "P-B"}}},
        {"decline_replication", {{"text", "Chưa đủ điều kiện"}}},
        {"commend", {{"person", "Nguyễn Văn An"}, {"form", "merit"}, {"doc_no", "5/QĐ-KT"},
                     {"doc_date", "02/03/2026"}}},
        {"note", {{"text", "Ghi chú"}}},
    };
    for (size_t i = 0; i < sizeof tbl / sizeof tbl[0]; i++) {
        if (strcmp(tbl[i].action, action) != 0) continue;
        int n = 0;
        while (n < 8 && tbl[i].kv[n].name) { kv[n] = tbl[i].kv[n]; n++; }
        return n;
    }
    return 0;
}

static int act(fixture *f, const st_actor *who, const char *code, const char *action, st_err *e)
{
    st_kv kv[8];
    int n = good_values(action, kv);
    if (strcmp(action, "vote_fail") == 0) {   /* a vote that does not pass: 3 of 9 for */
        static const st_kv fail_kv[] = {{"members", "9"}, {"votes_for", "3"},
                                        {"votes_against", "5"}, {"abstain", "1"}};
        for (n = 0; n < 4; n++) kv[n] = fail_kv[n];
        action = "vote";
    }
    /* each decision its own number: the register refuses a number twice */
    char no[32];
    for (int i = 0; i < n; i++)
        if (strcmp(kv[i].name, "doc_no") == 0) {
            snprintf(no, sizeof no, "%d/QĐ-UBND", 100 + ++f->seq);
            kv[i].value = no;
        }
    err_clear(e);
    return workflow_apply(f->env.db, who, code, action, kv, n, 0, e);
}

static void must(fixture *f, const char *code, const char *action)
{
    st_err e;
    if (act(f, &f->admin, code, action, &e) != ST_OK)
        fail_msg("%s %s: %s", code, action, e.msg);
}

/* The path to each state, as DOMAIN.md describes it. */
static void drive_to(fixture *f, int target, char code[32])
{
    new_proposal(f, code);
    static const char *const paths[S_COUNT][12] = {
        [S_DRAFT] = {NULL},
        [S_SUBMITTED] = {"submit"},
        [S_IN_REVIEW] = {"submit", "accept"},
        [S_RETURNED] = {"submit", "accept", "return"},
        [S_APPROVED] = {"submit", "accept", "opinion", "vote", "approve"},
        [S_REJECTED] = {"submit", "accept", "vote_fail", "reject"},
        [S_IMPLEMENTING] = {"submit", "accept", "opinion", "vote", "approve", "start"},
        [S_SUSPENDED] = {"submit", "accept", "opinion", "vote", "approve", "start", "suspend"},
        [S_TERMINATED] = {"submit", "accept", "opinion", "vote", "approve", "start", "terminate"},
        [S_REPORTED] = {"submit", "accept", "opinion", "vote", "approve", "start", "report"},
        [S_EVALUATED] = {"submit", "accept", "opinion", "vote", "approve", "start", "report",
                         "opinion", "evaluate"},
        [S_REPLICATION_PROPOSED] = {"submit", "accept", "opinion", "vote", "approve", "start",
                                    "report", "opinion", "evaluate", "propose_replication"},
        [S_REPLICATED] = {"submit", "accept", "opinion", "vote", "approve", "start", "report",
                          "opinion", "evaluate", "propose_replication", "replicate"},
        [S_CLOSED] = {"submit", "accept", "opinion", "vote", "approve", "start", "report",
                      "opinion", "evaluate", "close"},
        [S_WITHDRAWN] = {"withdraw"},
    };
    for (int i = 0; i < 12 && paths[target][i]; i++) must(f, code, paths[target][i]);
}

static void head_of(fixture *f, const char *code, proposal_head *h)
{
    st_err e;
    err_clear(&e);
    assert_int_equal(proposal_get_head(f->env.db, &f->admin, code, h, &e), ST_OK);
}

static long long count_events(fixture *f, int64_t pid)
{
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db_h(f->env.db), "SELECT count(*) FROM events WHERE proposal_id=?1",
                       -1, &st, NULL);
    sqlite3_bind_int64(st, 1, pid);
    sqlite3_step(st);
    long long n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* DOMAIN.md: from-states and to-state of every action (S_NONE: records). */
static const struct { const char *action; const char *from; int to; } expect_tr[] = {
    {"submit", "draft", S_SUBMITTED},
    {"resubmit", "returned", S_SUBMITTED},
    {"withdraw", "draft submitted returned", S_WITHDRAWN},
    {"accept", "submitted", S_IN_REVIEW},
    {"return", "submitted in_review", S_RETURNED},
    {"opinion", "in_review reported", S_NONE},
    {"vote", "in_review", S_NONE},
    {"approve", "in_review", S_APPROVED},
    {"reject", "in_review", S_REJECTED},
    {"start", "approved", S_IMPLEMENTING},
    {"suspend", "implementing", S_SUSPENDED},
    {"resume", "suspended", S_IMPLEMENTING},
    {"terminate", "implementing suspended", S_TERMINATED},
    {"monitor", "implementing suspended", S_NONE},
    {"adjust", "implementing suspended", S_NONE},
    {"notify", "evaluated replication_proposed replicated closed", S_NONE},
    {"report", "implementing", S_REPORTED},
    {"evaluate", "reported", S_EVALUATED},
    {"propose_replication", "evaluated", S_REPLICATION_PROPOSED},
    {"replicate", "replication_proposed", S_REPLICATED},
    {"decline_replication", "replication_proposed", S_CLOSED},
    {"close", "evaluated replicated", S_CLOSED},
    {"commend", "evaluated replication_proposed replicated closed", S_NONE},
    {"note", "*", S_NONE},
};

static int listed(const char *list, const char *word)
{
    if (strcmp(list, "*") == 0) return 1;
    size_t n = strlen(word);
    for (const char *p = list; (p = strstr(p, word)); p += n)
        if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0')) return 1;
    return 0;
}

/* What the action needs recorded first (same state) to pass its rules. */
static void prepare(fixture *f, const char *code, const char *action)
{
    if (strcmp(action, "approve") == 0) { must(f, code, "opinion"); must(f, code, "vote"); }
    if (strcmp(action, "evaluate") == 0) must(f, code, "opinion");
    if (strcmp(action, "reject") == 0) must(f, code, "vote_fail");
}

static void test_every_action_from_every_state(void **state)
{
    fixture *f = *state;
    assert_int_equal(wf_action_count() - 2, (int)(sizeof expect_tr / sizeof expect_tr[0]));
    for (int s = 0; s < S_COUNT; s++) {
        for (size_t i = 0; i < sizeof expect_tr / sizeof expect_tr[0]; i++) {
            char code[32];
            drive_to(f, s, code);
            proposal_head before, after;
            head_of(f, code, &before);
            assert_int_equal(before.state, s);
            int allowed = listed(expect_tr[i].from, wf_state_name(s));
            if (allowed) prepare(f, code, expect_tr[i].action);
            head_of(f, code, &before);
            long long ev = count_events(f, before.id);
            st_err e;
            int rc = act(f, &f->admin, code, expect_tr[i].action, &e);
            head_of(f, code, &after);
            if (allowed) {
                if (rc != ST_OK) fail_msg("%s from %s: %s", expect_tr[i].action,
                                          wf_state_name(s), e.msg);
                int to = expect_tr[i].to == S_NONE ? s : expect_tr[i].to;
                assert_int_equal(after.state, to);
                assert_int_equal(after.version, before.version + 1);
                assert_int_equal(count_events(f, before.id), ev + 1);
            } else {
                if (rc != ST_ESTATE) fail_msg("%s from %s: expected refusal, got %d %s",
                                              expect_tr[i].action, wf_state_name(s), rc, e.msg);
                assert_int_equal(after.state, s);
                assert_int_equal(after.version, before.version);
                assert_int_equal(count_events(f, before.id), ev);
            }
        }
    }
}

/* DOMAIN.md "Roles and scope". */
static void test_every_role_every_action(void **state)
{
    fixture *f = *state;
    static const struct { const char *action; int from; const char *roles; } rr[] = {
        {"submit", S_DRAFT, "clerk"}, {"resubmit", S_RETURNED, "clerk"},
        {"withdraw", S_DRAFT, "clerk"}, {"start", S_APPROVED, "clerk"},
        {"report", S_IMPLEMENTING, "clerk"}, {"monitor", S_IMPLEMENTING, "clerk head monitor"},
        {"adjust", S_IMPLEMENTING, "head"}, {"notify", S_EVALUATED, "clerk head"},
        {"opinion", S_IN_REVIEW, "reviewer head"}, {"accept", S_SUBMITTED, "head"},
        {"return", S_SUBMITTED, "head"}, {"vote", S_IN_REVIEW, "head"},
        {"approve", S_IN_REVIEW, "head"}, {"reject", S_IN_REVIEW, "head"},
        {"suspend", S_IMPLEMENTING, "head monitor"}, {"resume", S_SUSPENDED, "head"},
        {"terminate", S_IMPLEMENTING, "head"}, {"evaluate", S_REPORTED, "head"},
        {"propose_replication", S_EVALUATED, "head"}, {"close", S_EVALUATED, "head"},
        {"replicate", S_REPLICATION_PROPOSED, "monitor"},
        {"decline_replication", S_REPLICATION_PROPOSED, "monitor"},
        {"commend", S_EVALUATED, "monitor"}, {"note", S_DRAFT, "clerk reviewer head monitor"},
    };
    struct { const char *name; const st_actor *who; } roles[] = {
        {"clerk", &f->clerk_a}, {"reviewer", &f->reviewer}, {"head", &f->head},
        {"monitor", &f->monitor}, {"viewer", &f->viewer},
    };
    for (size_t i = 0; i < sizeof rr / sizeof rr[0]; i++) {
        for (size_t r = 0; r < sizeof roles / sizeof roles[0]; r++) {
            char code[32];
            drive_to(f, rr[i].from, code);
            prepare(f, code, rr[i].action);
            proposal_head before, after;
            head_of(f, code, &before);
            st_err e;
            int rc = act(f, roles[r].who, code, rr[i].action, &e);
            head_of(f, code, &after);
            if (listed(rr[i].roles, roles[r].name)) {
                if (rc != ST_OK) fail_msg("%s by %s: %s", rr[i].action, roles[r].name, e.msg);
            } else {
                if (rc != ST_EPERM) fail_msg("%s by %s: expected ST_EPERM, got %d %s",
                                             rr[i].action, roles[r].name, rc, e.msg);
                assert_int_equal(after.version, before.version);
            }
        }
    }
}

static void test_scope(void **state)
{
    fixture *f = *state;
    char code[32];
    drive_to(f, S_DRAFT, code);
    st_err e;
    proposal_head h;
    err_clear(&e);
    assert_int_equal(proposal_get_head(f->env.db, &f->clerk_b, code, &h, &e), ST_ENOTFOUND);
    assert_int_equal(act(f, &f->clerk_b, code, "submit", &e), ST_ENOTFOUND);
    head_of(f, code, &h);
    assert_int_equal(h.state, S_DRAFT);
    assert_int_equal(act(f, &f->clerk_a, code, "submit", &e), ST_OK);
}

static void test_submit_needs_content(void **state)
{
    fixture *f = *state;
    st_kv kv[] = {{"title", "Chỉ có tên"}, {"employing_unit", "P-A"}};
    char code[32];
    st_err e;
    err_clear(&e);
    assert_int_equal(proposal_create(f->env.db, &f->clerk_a, kv, 2, code, &e), ST_OK);
    assert_int_equal(act(f, &f->clerk_a, code, "submit", &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "legal_basis"));
    assert_non_null(strstr(e.msg, "lead"));
}

static void test_fields_validated(void **state)
{
    fixture *f = *state;
    char code[32];
    drive_to(f, S_SUBMITTED, code);
    st_err e;
    st_kv bad_date[] = {{"received_date", "31/02/2026"}};
    err_clear(&e);
    assert_int_equal(workflow_apply(f->env.db, &f->head, code, "accept", bad_date, 1, 0, &e),
                     ST_EINVAL);
    assert_string_equal(e.field, "received_date");
    st_kv unknown[] = {{"colour", "red"}};
    assert_int_equal(workflow_apply(f->env.db, &f->head, code, "accept", unknown, 1, 0, &e),
                     ST_EINVAL);
    assert_string_equal(e.field, "colour");
    assert_int_equal(workflow_apply(f->env.db, &f->head, code, "return", NULL, 0, 0, &e),
                     ST_EINVAL);
    assert_string_equal(e.field, "reason");
    assert_int_equal(workflow_apply(f->env.db, &f->head, code, "fly", NULL, 0, 0, &e),
                     ST_EINVAL);
    proposal_head h;
    head_of(f, code, &h);
    assert_int_equal(h.state, S_SUBMITTED);
}

static void test_version_conflict(void **state)
{
    fixture *f = *state;
    char code[32];
    drive_to(f, S_SUBMITTED, code);
    proposal_head h;
    head_of(f, code, &h);
    st_err e;
    err_clear(&e);
    assert_int_equal(workflow_apply(f->env.db, &f->head, code, "accept", NULL, 0, h.version - 1,
                                    &e), ST_ECONFLICT);
    assert_int_equal(workflow_apply(f->env.db, &f->head, code, "accept", NULL, 0, h.version, &e),
                     ST_OK);
}

/* Review deadline: 7 working days from acceptance, skipping Tết 2026
 * (14–22/02) and weekends: accepted Fri 13/02/2026 → due Tue 03/03/2026. */
static void test_review_deadline_skips_tet(void **state)
{
    fixture *f = *state;
    st_err e;
    int n;
    err_clear(&e);
    static const char tet[] = "date,kind,name\n2026-02-14,holiday,Tết\n2026-02-15,holiday,Tết\n"
        "2026-02-16,holiday,Tết\n2026-02-17,holiday,Tết\n2026-02-18,holiday,Tết\n"
        "2026-02-19,holiday,Tết\n2026-02-20,holiday,Tết\n2026-02-21,holiday,Tết\n"
        "2026-02-22,holiday,Tết\n";
    sqlite3_exec(db_h(f->env.db), "DELETE FROM holidays", NULL, NULL, NULL);
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db_h(f->env.db), "INSERT INTO holidays(day, kind) VALUES(?1,'holiday')",
                       -1, &st, NULL);
    for (const char *p = strchr(tet, '\n') + 1; *p; p = strchr(p, '\n') + 1) {
        sqlite3_bind_text(st, 1, p, 10, SQLITE_TRANSIENT);
        sqlite3_step(st);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    db_calendar_reset(f->env.db);
    char code[32];
    drive_to(f, S_SUBMITTED, code);
    st_kv kv[] = {{"received_date", "13/02/2026"}};
    assert_int_equal(workflow_apply(f->env.db, &f->head, code, "accept", kv, 1, 0, &e), ST_OK);
    sqlite3_prepare_v2(db_h(f->env.db), "SELECT due_date, due_kind FROM proposals WHERE code=?1",
                       -1, &st, NULL);
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal(db_col_text(st, 0), "2026-03-03");
    assert_string_equal(db_col_text(st, 1), "review");
    sqlite3_finalize(st);
    (void)n;
}

static void vote(fixture *f, const char *code, const char *members, const char *vfor,
                 const char *against, const char *head_vote, int expect_rc)
{
    st_kv kv[] = {{"members", members}, {"votes_for", vfor}, {"votes_against", against},
                  {"head_vote", head_vote}};
    st_err e;
    err_clear(&e);
    int rc = workflow_apply(f->env.db, &f->head, code, "vote", kv, 4, 0, &e);
    if (rc != expect_rc) fail_msg("vote %s/%s: %d %s", vfor, members, rc, e.msg);
}

static long long last_passed(fixture *f, const char *code)
{
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db_h(f->env.db), "SELECT v.passed FROM votes v JOIN proposals p ON "
                       "p.id=v.proposal_id WHERE p.code=?1 ORDER BY v.id DESC LIMIT 1",
                       -1, &st, NULL);
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    sqlite3_step(st);
    long long v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* Decree 73: more than 50 % passes; an exact half goes the head's way; the
 * head may still approve in writing, with a justification. */
static void test_vote_rule_and_override(void **state)
{
    fixture *f = *state;
    char code[32];
    drive_to(f, S_IN_REVIEW, code);
    vote(f, code, "9", "5", "4", "for", ST_OK);
    assert_int_equal(last_passed(f, code), 1);
    vote(f, code, "8", "4", "4", "for", ST_OK);
    assert_int_equal(last_passed(f, code), 1);
    vote(f, code, "8", "4", "4", "against", ST_OK);
    assert_int_equal(last_passed(f, code), 0);
    vote(f, code, "9", "4", "3", "for", ST_OK);
    assert_int_equal(last_passed(f, code), 0);
    vote(f, code, "5", "4", "3", "for", ST_EINVAL);   /* more votes than members */
    must(f, code, "opinion");
    st_err e;
    st_kv kv[] = {{"kind", "implement"}, {"doc_no", "1/QĐ-UBND"}, {"doc_date", "02/03/2026"},
                  {"signer", "Bí thư"}, {"override_reason", ""}};
    err_clear(&e);
    assert_int_equal(workflow_apply(f->env.db, &f->head, code, "approve", kv, 4, 0, &e),
                     ST_EINVAL);
    assert_string_equal(e.field, "override_reason");
    kv[4].value = "Người đứng đầu chịu trách nhiệm vì lợi ích chung";
    assert_int_equal(workflow_apply(f->env.db, &f->head, code, "approve", kv, 5, 0, &e), ST_OK);
}

static long long q_code(fixture *f, const char *sql, const char *code)
{
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db_h(f->env.db), sql, -1, &st, NULL);
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    long long v = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL
                  ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return v;
}

#define LAST_VOTE(col) "SELECT v." col " FROM votes v JOIN proposals p ON p.id=v.proposal_id " \
    "WHERE p.code=?1 ORDER BY v.id DESC LIMIT 1"

/* Decree 73 Art. 8(1): a tie is votes for = votes against (abstentions do not
 * make one) and the head's vote decides it; the head's vote is never assumed,
 * so a tie without it is refused; otherwise more than 50 % of the members
 * entitled to vote (members minus a deputy who is the proposer) must be for. */
static void test_art8_1_vote_tie_needs_head_vote(void **state)
{
    fixture *f = *state;
    char code[32];
    drive_to(f, S_IN_REVIEW, code);
    st_err e;
    st_kv tie[] = {{"members", "8"}, {"votes_for", "4"}, {"votes_against", "4"}};
    err_clear(&e);
    assert_int_equal(workflow_apply(f->env.db, &f->head, code, "vote", tie, 3, 0, &e), ST_EINVAL);
    assert_string_equal(e.field, "head_vote");
    assert_non_null(strstr(e.msg, "head_vote"));
    vote(f, code, "8", "4", "4", "for", ST_OK);
    assert_int_equal(last_passed(f, code), 1);
    vote(f, code, "8", "4", "4", "against", ST_OK);
    assert_int_equal(last_passed(f, code), 0);
    /* 3 for, 3 against, 3 abstaining: still a tie, the head's vote decides */
    vote(f, code, "9", "3", "3", "for", ST_OK);
    assert_int_equal(last_passed(f, code), 1);
    /* 4 for, 2 against, 2 abstaining of 8: no tie, and 4 is not more than half */
    vote(f, code, "8", "4", "2", "", ST_OK);
    assert_int_equal(last_passed(f, code), 0);
    assert_int_equal(q_code(f, LAST_VOTE("head_vote IS NULL"), code), 1);  /* empty stays empty */
    vote(f, code, "9", "5", "1", "", ST_OK);
    assert_int_equal(last_passed(f, code), 1);
    assert_int_equal(q_code(f, LAST_VOTE("head_vote IS NULL"), code), 1);
    /* nobody for or against: no tie, not passed */
    vote(f, code, "5", "0", "0", "", ST_OK);
    assert_int_equal(last_passed(f, code), 0);
    /* a deputy who is the proposer does not vote: 9 members, 8 voters, 5 for passes,
     * 4 for and 4 against is a tie */
    st_kv dep[] = {{"members", "9"}, {"votes_for", "5"}, {"votes_against", "3"},
                   {"deputy_excluded", "1"}};
    assert_int_equal(workflow_apply(f->env.db, &f->head, code, "vote", dep, 4, 0, &e), ST_OK);
    assert_int_equal(last_passed(f, code), 1);
    dep[1].value = "4";
    dep[2].value = "4";
    assert_int_equal(workflow_apply(f->env.db, &f->head, code, "vote", dep, 4, 0, &e), ST_EINVAL);
    assert_string_equal(e.field, "head_vote");
}

/* Decree 73 Art. 8(1): a rejection follows the collective — a vote that did
 * not pass — or the head's written decision against it (override_reason with
 * the decision's number, date and signer), as for approval. */
static void test_art8_1_reject_follows_collective(void **state)
{
    fixture *f = *state;
    char code[32];
    drive_to(f, S_IN_REVIEW, code);
    st_err e;
    assert_int_equal(act(f, &f->head, code, "reject", &e), ST_EINVAL);   /* no vote */
    assert_non_null(strstr(e.msg, "vote"));
    must(f, code, "vote");                                                /* passed */
    assert_int_equal(act(f, &f->head, code, "reject", &e), ST_EINVAL);
    assert_string_equal(e.field, "override_reason");
    st_kv kv[] = {{"reject_reasons", "not_feasible"}, {"doc_no", "13/QĐ-UBND"},
                  {"doc_date", "02/03/2026"}, {"signer", "Chủ tịch"},
                  {"override_reason", "Người đứng đầu chịu trách nhiệm: chưa bố trí được kinh phí"}};
    err_clear(&e);
    assert_int_equal(workflow_apply(f->env.db, &f->head, code, "reject", kv, 5, 0, &e), ST_OK);
    assert_int_equal(q_code(f, "SELECT d.override FROM decisions d JOIN proposals p ON "
                               "p.id=d.proposal_id WHERE p.code=?1", code), 1);
    /* a vote that did not pass: the rejection follows it, no override */
    char code2[32];
    drive_to(f, S_IN_REVIEW, code2);
    must(f, code2, "vote_fail");
    assert_int_equal(act(f, &f->head, code2, "reject", &e), ST_OK);
    assert_int_equal(q_code(f, "SELECT d.override FROM decisions d JOIN proposals p ON "
                               "p.id=d.proposal_id WHERE p.code=?1", code2), 0);
}

/* Decree 73 Art. 8(1): the vote is on the plan as submitted; after a return
 * and a resubmission the new revision needs its own vote. */
static void test_art8_1_vote_belongs_to_revision(void **state)
{
    fixture *f = *state;
    char code[32];
    drive_to(f, S_IN_REVIEW, code);
    must(f, code, "opinion");
    must(f, code, "vote");
    assert_int_equal(q_code(f, LAST_VOTE("revision"), code), 1);
    must(f, code, "return");
    must(f, code, "resubmit");
    must(f, code, "accept");
    must(f, code, "opinion");
    st_err e;
    assert_int_equal(act(f, &f->head, code, "approve", &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "lần gửi 1"));
    assert_int_equal(act(f, &f->head, code, "reject", &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "lần gửi 1"));
    must(f, code, "vote");
    assert_int_equal(q_code(f, LAST_VOTE("revision"), code), 2);
    assert_int_equal(act(f, &f->head, code, "approve", &e), ST_OK);
}

/* Decree 73 Art. 8(1): the review runs "07 ngày làm việc, kể từ ngày nhận
 * được kế hoạch đề xuất": the clock starts at submission (Mon 02/03/2026 →
 * Wed 11/03/2026), accept keeps it, a plan nobody accepts becomes overdue,
 * return stops it and resubmission starts it again. */
static int count_row(const home_overdue_row *r, void *ud)
{
    (void)r;
    ++*(int *)ud;
    return 0;
}

static void test_art8_1_review_clock_from_receipt(void **state)
{
    fixture *f = *state;
    char waiting[32], accepted[32];
    drive_to(f, S_SUBMITTED, waiting);
    drive_to(f, S_SUBMITTED, accepted);
#define DUE_IS(d) "SELECT due_date='" d "' AND due_kind='review' FROM proposals WHERE code=?1"
    assert_int_equal(q_code(f, DUE_IS("2026-03-11"), waiting), 1);
    assert_int_equal(q_code(f, "SELECT received_date='2026-03-02' FROM proposals WHERE code=?1",
                            waiting), 1);
    must(f, accepted, "accept");                      /* accepted on 02/03: same clock */
    assert_int_equal(q_code(f, DUE_IS("2026-03-11"), accepted), 1);
    int shown = 0, total = 0;
    st_err e;
    err_clear(&e);
    setenv("SANGTAO_TODAY", "2026-03-12", 1);         /* the day after the due day */
    assert_int_equal(home_overdue(f->env.db, &f->head, 0, count_row, &shown, &total, &e), ST_OK);
    assert_int_equal(total, 2);                       /* the unaccepted plan too */
    assert_int_equal(shown, 2);
    must(f, waiting, "return");
    assert_int_equal(q_code(f, "SELECT due_date IS NULL FROM proposals WHERE code=?1", waiting), 1);
    setenv("SANGTAO_TODAY", "2026-03-16", 1);         /* resubmitted Mon 16/03 → Wed 25/03 */
    must(f, waiting, "resubmit");
    assert_int_equal(q_code(f, DUE_IS("2026-03-25"), waiting), 1);
    setenv("SANGTAO_TODAY", "2026-03-02", 1);
#undef DUE_IS
}

/* Decree 73 Art. 7(2): the plan states "thời gian thực hiện và nguồn lực bảo
 * đảm": the period and the resources asked are needed before submission,
 * and the period must not end before it starts. */
static void test_art7_2_submit_needs_period_and_resources(void **state)
{
    fixture *f = *state;
    st_kv kv[] = {
        {"title", "Không ghi thời gian"}, {"field", "hanh_chinh"}, {"employing_unit", "P-A"},
        {"lead", "Nguyễn Văn An"}, {"bottleneck", "Chậm"}, {"necessity", "Cần"},
        {"content", "Làm"}, {"feasibility", "Được"}, {"legal_basis", "Nghị định 73"},
    };
    char code[32];
    st_err e;
    err_clear(&e);
    assert_int_equal(proposal_create(f->env.db, &f->clerk_a, kv, 9, code, &e), ST_OK);
    assert_int_equal(act(f, &f->clerk_a, code, "submit", &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "period_from"));
    assert_non_null(strstr(e.msg, "period_to"));
    assert_non_null(strstr(e.msg, "funding_requested"));
    assert_true(wf_submit_needs("period_from") && wf_submit_needs("period_to"));
    st_kv half[] = {{"period_from", "01/04/2026"}, {"period_to", "30/09/2026"},
                    {"funding_requested", "0"}};                  /* 0 đồng: nothing asked */
    assert_int_equal(proposal_update(f->env.db, &f->clerk_a, code, half, 3, 0, &e), ST_OK);
    assert_int_equal(act(f, &f->clerk_a, code, "submit", &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "people_requested"));
    assert_null(strstr(e.msg, "period_from"));
    st_kv people[] = {{"people_requested", "2 chuyên viên"}};
    assert_int_equal(proposal_update(f->env.db, &f->clerk_a, code, people, 1, 0, &e), ST_OK);
    /* a period ending before it starts (the edit refuses it; older rows may have it) */
    assert_int_equal(q_code(f, "UPDATE proposals SET period_from='2026-10-01' WHERE code=?1 "
                            "RETURNING 1", code), 1);
    assert_int_equal(act(f, &f->clerk_a, code, "submit", &e), ST_EINVAL);
    assert_string_equal(e.field, "period_to");
    assert_non_null(strstr(e.msg, "30/09/2026"));
    assert_non_null(strstr(e.msg, "01/10/2026"));
    assert_int_equal(q_code(f, "UPDATE proposals SET period_from='2026-04-01' WHERE code=?1 "
                            "RETURNING 1", code), 1);
    assert_int_equal(act(f, &f->clerk_a, code, "submit", &e), ST_OK);   /* people alone */
}

/* Decree 73 Art. 10: rewards for results (giấy khen, bằng khen, a salary
 * step 12 months early, priority in appointment) only for a proposal
 * evaluated as completed, and only for its proposers; plain commendation
 * (biểu dương) stays open. */
static void commend(fixture *f, const char *code, const char *person, const char *form,
                    int expect_rc, const char *field)
{
    char no[32];
    snprintf(no, sizeof no, "%d/QĐ-KT", 500 + ++f->seq);
    st_kv kv[] = {{"person", person}, {"form", form}, {"doc_no", no},
                  {"doc_date", "02/03/2026"}};
    st_err e;
    err_clear(&e);
    int rc = workflow_apply(f->env.db, &f->monitor, code, "commend", kv, 4, 0, &e);
    if (rc != expect_rc) fail_msg("commend %s %s: %d %s", person, form, rc, e.msg);
    if (field) assert_string_equal(e.field, field);
}

static void test_art10_rewards_completed_proposers_only(void **state)
{
    fixture *f = *state;
    char done[32], other[32], failed[32];
    drive_to(f, S_EVALUATED, done);                   /* completed, lead Nguyễn Văn An */
    st_kv kv[] = {{"title", "Đề xuất khác"}, {"employing_unit", "P-A"}, {"lead", "Lê Thị Cúc"}};
    st_err e;
    err_clear(&e);
    assert_int_equal(proposal_create(f->env.db, &f->clerk_a, kv, 3, other, &e), ST_OK);
    commend(f, done, "Nguyễn Văn An", "early_raise", ST_OK, NULL);
    commend(f, done, "Lê Thị Cúc", "early_raise", ST_EINVAL, "person");
    commend(f, done, "Lê Thị Cúc", "merit", ST_EINVAL, "person");
    commend(f, done, "Lê Thị Cúc", "praise", ST_OK, NULL);
    drive_to(f, S_REPORTED, failed);
    must(f, failed, "opinion");
    st_kv ev[] = {{"outcome", "not_completed"}, {"objective_causes", "Thiếu kinh phí"},
                  {"subjective_causes", "Chuẩn bị chưa kỹ"}, {"protection_measure", "none"},
                  {"members", "5"}, {"votes_for", "5"}, {"votes_against", "0"}};
    assert_int_equal(workflow_apply(f->env.db, &f->head, failed, "evaluate", ev, 7, 0, &e), ST_OK);
    commend(f, failed, "Nguyễn Văn An", "early_raise", ST_EINVAL, "form");
    commend(f, failed, "Nguyễn Văn An", "priority_appointment", ST_EINVAL, "form");
    commend(f, failed, "Nguyễn Văn An", "praise", ST_OK, NULL);
}

/* workflow.party_opinion_required: the Party committee's opinion before
 * approval and evaluation comes from the provincial plan and the project's
 * domain, not from the quoted Decree 73 Art. 8(1): a setting, on by default. */
static void test_party_opinion_setting_not_art8_1(void **state)
{
    fixture *f = *state;
    char code[32];
    st_err e;
    assert_int_equal(config_bool(f->env.cfg, "workflow.party_opinion_required"), 1);
    drive_to(f, S_IN_REVIEW, code);
    must(f, code, "vote");
    assert_int_equal(act(f, &f->head, code, "approve", &e), ST_EINVAL);   /* on by default */
    assert_non_null(strstr(e.msg, "cấp ủy"));
    err_clear(&e);
    assert_int_equal(config_set(f->env.cfg, "workflow.party_opinion_required", "false", &e),
                     ST_OK);
    assert_int_equal(act(f, &f->head, code, "approve", &e), ST_OK);
    must(f, code, "start");
    must(f, code, "report");
    assert_int_equal(act(f, &f->head, code, "evaluate", &e), ST_OK);
}

static void test_protection_suggestion(void **state)
{
    (void)state;
    assert_string_equal(workflow_suggest_protection("completed", 0, 0, 0, 0, 0, 0), "not_liable");
    assert_string_equal(workflow_suggest_protection("partial", 0, 1, 1, 1, 1, 0), "excluded");
    assert_string_equal(workflow_suggest_protection("not_completed", 1, 1, 1, 1, 1, 0),
                        "consider_exclusion");
    assert_string_equal(workflow_suggest_protection("not_completed", 0, 1, 0, 1, 1, 0), "none");
    assert_string_equal(workflow_suggest_protection("completed", 0, 1, 1, 1, 1, 1), "discipline");
}

static void test_evaluate_confirms_measure(void **state)
{
    fixture *f = *state;
    char code[32];
    drive_to(f, S_REPORTED, code);
    must(f, code, "opinion");
    st_err e;
    st_kv kv[] = {{"outcome", "not_completed"}, {"damage", "có"},
                  {"objective_causes", "Thiên tai"}, {"subjective_causes", "Chuẩn bị chưa kỹ"},
                  {"in_line_policy", "có"}, {"clean_motive", "có"}, {"common_good", "có"},
                  {"no_prohibited_act", "có"}, {"protection_measure", "not_liable"},
                  {"members", "5"}, {"votes_for", "4"}, {"votes_against", "1"}};
    err_clear(&e);
    assert_int_equal(workflow_apply(f->env.db, &f->head, code, "evaluate", kv, 12, 0, &e),
                     ST_EINVAL);
    assert_string_equal(e.field, "protection_measure");
    assert_non_null(strstr(e.msg, "consider_exclusion"));
    kv[8].value = "mitigated";
    assert_int_equal(workflow_apply(f->env.db, &f->head, code, "evaluate", kv, 12, 0, &e), ST_OK);
}

static void test_resubmit_keeps_version(void **state)
{
    fixture *f = *state;
    char code[32];
    drive_to(f, S_RETURNED, code);
    st_kv kv[] = {{"title", "Tên mới sau khi hoàn thiện"}};
    st_err e;
    err_clear(&e);
    assert_int_equal(proposal_update(f->env.db, &f->clerk_a, code, kv, 1, 0, &e), ST_OK);
    must(f, code, "resubmit");
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db_h(f->env.db), "SELECT v.revision, json_extract(v.snapshot,'$.title'), "
                       "p.revision FROM proposal_versions v JOIN proposals p ON p.id = "
                       "v.proposal_id WHERE p.code=?1", -1, &st, NULL);
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 1);
    assert_string_equal(db_col_text(st, 1), "Tên mới sau khi hoàn thiện");
    assert_int_equal(sqlite3_column_int(st, 2), 2);
    sqlite3_finalize(st);
}

static void test_events_append_only(void **state)
{
    fixture *f = *state;
    char code[32];
    drive_to(f, S_SUBMITTED, code);
    sqlite3 *h = db_h(f->env.db);
    assert_int_not_equal(sqlite3_exec(h, "UPDATE events SET comment='x'", NULL, NULL, NULL),
                         SQLITE_OK);
    assert_int_not_equal(sqlite3_exec(h, "DELETE FROM events", NULL, NULL, NULL), SQLITE_OK);
}

/* A failure in the middle writes nothing: the approve with a pilot but no
 * scope fails after the decision kind would have been set. */
static void test_atomic(void **state)
{
    fixture *f = *state;
    char code[32];
    drive_to(f, S_IN_REVIEW, code);
    must(f, code, "opinion");
    must(f, code, "vote");
    proposal_head before, after;
    head_of(f, code, &before);
    long long ev = count_events(f, before.id);
    st_kv kv[] = {{"kind", "pilot"}, {"doc_no", "1/QĐ-UBND"}, {"doc_date", "02/03/2026"},
                  {"signer", "Bí thư"}, {"supervising_unit", "NO-SUCH-UNIT"}};
    st_err e;
    err_clear(&e);
    assert_int_equal(workflow_apply(f->env.db, &f->head, code, "approve", kv, 5, 0, &e),
                     ST_EINVAL);
    head_of(f, code, &after);
    assert_int_equal(after.version, before.version);
    assert_int_equal(count_events(f, before.id), ev);
}

/* Labels in the one tone style (old: hòa, thủy; issue 12 item 16). */
static void test_labels_old_tone_style(void **state)
{
    (void)state;
    for (int a = 0; a < wf_action_count(); a++) {
        const wf_action *w = wf_action_at(a);
        const char *texts[2] = {wf_action_label(w), wf_action_help(w)};
        for (int i = -2; i < wf_action_nfields(w); i++) {
            const char *l = i < 0 ? texts[i + 2] : wf_action_field(w, i)->label;
            const char *c = i < 0 ? NULL : wf_action_field(w, i)->choice_labels;
            for (int k = 0; k < 2; k++) {
                const char *x = k ? c : l;
                if (!x) continue;
                char *o = text_tone_style(x, 0);
                if (!o || strcmp(o, x) != 0) fail_msg("new tone style in a label: %s", x);
                free(o);
            }
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_every_action_from_every_state, setup, teardown),
        cmocka_unit_test_setup_teardown(test_every_role_every_action, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scope, setup, teardown),
        cmocka_unit_test_setup_teardown(test_submit_needs_content, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fields_validated, setup, teardown),
        cmocka_unit_test_setup_teardown(test_version_conflict, setup, teardown),
        cmocka_unit_test_setup_teardown(test_review_deadline_skips_tet, setup, teardown),
        cmocka_unit_test_setup_teardown(test_vote_rule_and_override, setup, teardown),
        cmocka_unit_test_setup_teardown(test_art8_1_vote_tie_needs_head_vote, setup, teardown),
        cmocka_unit_test_setup_teardown(test_art8_1_reject_follows_collective, setup, teardown),
        cmocka_unit_test_setup_teardown(test_art8_1_vote_belongs_to_revision, setup, teardown),
        cmocka_unit_test_setup_teardown(test_party_opinion_setting_not_art8_1, setup, teardown),
        cmocka_unit_test_setup_teardown(test_art8_1_review_clock_from_receipt, setup, teardown),
        cmocka_unit_test_setup_teardown(test_art7_2_submit_needs_period_and_resources, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_art10_rewards_completed_proposers_only, setup,
                                        teardown),
        cmocka_unit_test(test_protection_suggestion),
        cmocka_unit_test_setup_teardown(test_evaluate_confirms_measure, setup, teardown),
        cmocka_unit_test_setup_teardown(test_resubmit_keeps_version, setup, teardown),
        cmocka_unit_test_setup_teardown(test_events_append_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_atomic, setup, teardown),
        cmocka_unit_test(test_labels_old_tone_style),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
