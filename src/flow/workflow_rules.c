/* The actions' own rules from DOMAIN.md and Decree 73: what must be true
 * before an action is taken, and the values it computes (vote result,
 * deadlines in working days, the suggested protection measure). */
#include "workflow_internal.h"

#include <stdlib.h>
#include <string.h>

/* One integer from a query with one int64 parameter; -1 when no row. */
long long wf_query_int(wf_ctx *c, const char *sql, int64_t arg)
{
    sqlite3_stmt *st;
    long long v = -1;
    if (db_stmt(c->db, sql, &st, c->e)) return -1;
    sqlite3_bind_int64(st, 1, arg);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        v = sqlite3_column_int64(st, 0);
    db_release(c->db, st);
    return v;
}

/* A text from a query with one int64 parameter, into buf ("" when none). */
void wf_query_text(wf_ctx *c, const char *sql, int64_t arg, char *buf, size_t n)
{
    sqlite3_stmt *st;
    buf[0] = '\0';
    if (db_stmt(c->db, sql, &st, c->e)) return;
    sqlite3_bind_int64(st, 1, arg);
    if (sqlite3_step(st) == SQLITE_ROW) snprintf(buf, n, "%s", db_col_text(st, 0));
    db_release(c->db, st);
}

static int exec_id(wf_ctx *c, const char *sql, int64_t id)
{
    sqlite3_stmt *st;
    int rc = db_prepare(c->db, sql, &st, c->e);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, id);
    rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : db_fail(c->db, c->e, c->a->label);
    sqlite3_finalize(st);
    return rc;
}

int wf_due_after(wf_ctx *c, const char *iso_date, const char *cfg_key, char out[11])
{
    const calendar *cal = db_calendar(c->db, c->e);
    if (!cal) return c->e->code ? c->e->code : ST_EDB;
    st_day d;
    if (date_parse(iso_date, &d, c->e)) return ST_EINVAL;
    int n = (int)config_int(db_config(c->db), cfg_key);
    date_iso(calendar_add_working_days(cal, d, n), out);
    return ST_OK;
}

/* "Must rest on scientific and practical grounds, stay inside the legal
 * framework, be feasible": the content a proposal needs before it goes to
 * the head (and, checked apart below, a lead proposer and a field). */
static const char *const need[][2] = {
    {"title", "Tên đề xuất"}, {"bottleneck", "Điểm nghẽn"},
    {"necessity", "Sự cần thiết, mục đích"}, {"content", "Nội dung, giải pháp"},
    {"feasibility", "Tính khả thi"}, {"legal_basis", "Cơ sở pháp lý"},
    /* Decree 73 Art. 7(2): "thời gian thực hiện và nguồn lực bảo đảm" */
    {"period_from", "Thời gian thực hiện từ ngày"}, {"period_to", "Thời gian thực hiện đến ngày"},
};

/* Art. 7(2), the resources: at least one asked — funding above 0 đồng (the
 * column defaults to 0, so 0 says nothing), people, or equipment. */
static const char *const need_resources[] = {
    "nullif(funding_requested, 0)", "people_requested", "equipment_requested",
};

int wf_submit_needs(const char *field)
{
    for (size_t i = 0; field && i < sizeof need / sizeof need[0]; i++)
        if (strcmp(field, need[i][0]) == 0) return 1;
    return field && (strcmp(field, "lead") == 0 || strcmp(field, "field") == 0);
}

/* Art. 7(2): the resources asked, and a period that ends after it starts. */
static void check_period_resources(wf_ctx *c, sbuf *miss)
{
    int any = 0;
    for (size_t i = 0; i < sizeof need_resources / sizeof need_resources[0]; i++) {
        char sql[128], buf[8];
        snprintf(sql, sizeof sql, "SELECT substr(%s,1,1) FROM proposals WHERE id=?1",
                 need_resources[i]);
        wf_query_text(c, sql, c->p.id, buf, sizeof buf);
        if (buf[0]) any = 1;
    }
    if (!any)
        sbuf_addf(miss, "%sNguồn lực đề nghị (funding_requested, people_requested hoặc "
                  "equipment_requested)", miss->len ? ", " : "");
}

static int check_complete(wf_ctx *c)
{
    sbuf miss;
    sbuf_init(&miss);
    for (size_t i = 0; i < sizeof need / sizeof need[0]; i++) {
        char sql[128], buf[8];
        snprintf(sql, sizeof sql, "SELECT substr(%s,1,1) FROM proposals WHERE id=?1", need[i][0]);
        wf_query_text(c, sql, c->p.id, buf, sizeof buf);
        if (!buf[0]) sbuf_addf(&miss, "%s%s (%s)", miss.len ? ", " : "", need[i][1], need[i][0]);
    }
    if (wf_query_int(c, "SELECT count(*) FROM proposers WHERE proposal_id=?1 AND is_lead=1 "
                  "AND deleted=0", c->p.id) < 1)
        sbuf_addf(&miss, "%sNgười đề xuất chính (lead)", miss.len ? ", " : "");
    if (wf_query_int(c, "SELECT field_id FROM proposals WHERE id=?1", c->p.id) < 0)
        sbuf_addf(&miss, "%sLĩnh vực (field)", miss.len ? ", " : "");
    check_period_resources(c, &miss);
    int rc = ST_OK;
    if (miss.len)
        rc = err_set(c->e, ST_EINVAL, "Chưa thể gửi đề xuất %s: còn thiếu %s", c->p.code,
                     sbuf_str(&miss));
    sbuf_free(&miss);
    if (rc) return rc;
    char from[16], to[16];
    wf_query_text(c, "SELECT period_from FROM proposals WHERE id=?1", c->p.id, from, sizeof from);
    wf_query_text(c, "SELECT period_to FROM proposals WHERE id=?1", c->p.id, to, sizeof to);
    if (strcmp(to, from) < 0) {
        st_day a, b;
        char vf[11] = "", vt[11] = "";
        if (date_parse(from, &a, NULL) == ST_OK) date_vn(a, vf);
        if (date_parse(to, &b, NULL) == ST_OK) date_vn(b, vt);
        return err_field(c->e, ST_EINVAL, "period_to", "Chưa thể gửi đề xuất %s: thời gian "
                         "thực hiện đến ngày %s trước ngày bắt đầu %s (period_to, period_from)",
                         c->p.code, vt, vf);
    }
    return ST_OK;
}

static int set_received(wf_ctx *c, const char *rd)
{
    sqlite3_stmt *st;
    int rc = db_stmt(c->db, "UPDATE proposals SET received_date=?1 WHERE id=?2", &st, c->e);
    if (rc) return rc;
    sqlite3_bind_text(st, 1, rd, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, c->p.id);
    rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : db_fail(c->db, c->e, "tiếp nhận");
    db_release(c->db, st);
    return rc;
}

/* Decree 73 Art. 8(1): the head puts the plan to the collective within "07
 * ngày làm việc, kể từ ngày nhận được kế hoạch đề xuất".  The plan reaches
 * the head when it is submitted (or resubmitted, revised): the review clock
 * starts then, runs through in_review, and stops at approve, reject or
 * return. */
static int start_review_clock(wf_ctx *c)
{
    char today[11];
    date_iso(date_today(), today);
    int rc = wf_due_after(c, today, "workflow.review_days", c->due);
    return rc ? rc : set_received(c, today);
}

int wf_pre_submit(wf_ctx *c)
{
    return check_complete(c);
}

int wf_hook_submit(wf_ctx *c)
{
    return start_review_clock(c);
}

int wf_hook_resubmit(wf_ctx *c)
{
    int rc = start_review_clock(c);
    if (rc) return rc;
    /* Keep the text as it stood when it was returned. */
    sqlite3_stmt *st;
    rc = db_stmt(c->db,
        "INSERT INTO proposal_versions(id, proposal_id, revision, snapshot, created_by, created_at) "
        "SELECT ?1, id, revision, json_object('title', title, 'field_id', field_id, "
        "'employing_unit_id', employing_unit_id, 'competent_unit_id', competent_unit_id, "
        "'bottleneck', bottleneck, 'bottleneck_kind', bottleneck_kind, 'necessity', necessity, "
        "'content', content, 'scope_implementers', scope_implementers, 'period_from', "
        "period_from, 'period_to', period_to, 'funding_requested', funding_requested, "
        "'people_requested', people_requested, 'equipment_requested', equipment_requested, "
        "'feasibility', feasibility, 'scientific_basis', scientific_basis, 'practical_basis', "
        "practical_basis, 'legal_basis', legal_basis, 'impact_positive', impact_positive, "
        "'impact_negative', impact_negative, 'expected_effect', expected_effect, 'risks', risks), "
        "?2, ?3 FROM proposals WHERE id=?4", &st, c->e);
    if (rc) return rc;
    char now[32];
    db_now(now);
    sqlite3_bind_int64(st, 1, db_new_id(c->db, "proposal_versions"));
    if (c->who->id > 0) sqlite3_bind_int64(st, 2, c->who->id);
    sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 4, c->p.id);
    rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : db_fail(c->db, c->e, "lưu bản trước");
    db_release(c->db, st);
    if (rc) return rc;
    return exec_id(c, "UPDATE proposals SET revision=revision+1 WHERE id=?1", c->p.id);
}

/* Accept keeps the review clock of the receipt (Art. 8(1)); a received_date
 * given here corrects the day the plan was received (a paper plan entered
 * late), and the clock is counted again from it. */
int wf_hook_accept(wf_ctx *c)
{
    char rd[16];
    snprintf(rd, sizeof rd, "%s", wf_val(c, "received_date"));
    if (!rd[0])
        wf_query_text(c, "SELECT coalesce(received_date,'') FROM proposals WHERE id=?1", c->p.id,
                   rd, sizeof rd);
    if (!rd[0]) date_iso(date_today(), rd);   /* submitted before the clock started there */
    wf_set(c, "received_date", rd);           /* the event says which day counts */
    int rc = wf_due_after(c, rd, "workflow.review_days", c->due);
    return rc ? rc : set_received(c, rd);
}

/* Decree 73 Art. 8(1): "trên 50% ý kiến biểu quyết tán thành"; the head and
 * the deputies vote "trừ cấp phó là cán bộ có đề xuất"; "biểu quyết ngang
 * nhau thì thực hiện theo ý kiến mà người đứng đầu biểu quyết".  The reading
 * (docs/DESIGN-NOTES.md "The vote"): the voters are the members minus a
 * deputy who is the proposer; it passes when the votes for are more than
 * half of those voters (not of the votes cast); a tie is votes for equal to
 * votes against (abstentions and absences do not make one) and then the
 * head's own vote decides.  The head's vote is never assumed: a tie without
 * it is refused.  The vote belongs to the proposal's current revision. */
int wf_vote_tally(wf_ctx *c, int *passed)
{
    if (!*wf_val(c, "abstain")) wf_set(c, "abstain", "0");
    if (!*wf_val(c, "deputy_excluded")) wf_set(c, "deputy_excluded", "0");
    long members = atol(wf_val(c, "members")), excl = atol(wf_val(c, "deputy_excluded"));
    long vfor = atol(wf_val(c, "votes_for")), against = atol(wf_val(c, "votes_against"));
    long abstain = atol(wf_val(c, "abstain"));
    long voters = members - excl;
    if (voters < 1)
        return err_field(c->e, ST_EINVAL, "deputy_excluded", "Số thành viên được biểu quyết "
                         "phải ít nhất là 1 (members %ld − deputy_excluded %ld)", members, excl);
    if (vfor + against + abstain > voters)
        return err_field(c->e, ST_EINVAL, "votes_for", "Tổng số phiếu (%ld) vượt quá số thành "
                         "viên được biểu quyết (%ld)", vfor + against + abstain, voters);
    /* a tie without the head's vote: refused before (wf_req_whens) */
    const char *head = wf_val(c, "head_vote");
    int tie = vfor == against && vfor > 0;
    *passed = tie ? strcmp(head, "for") == 0 : 2 * vfor > voters;
    return ST_OK;
}

int wf_check_vote(wf_ctx *c)
{
    int passed, rc = wf_vote_tally(c, &passed);
    if (rc) return rc;
    wf_extra(c, "passed", passed ? "1" : "0");
    char rev[24];
    snprintf(rev, sizeof rev, "%lld",
             wf_query_int(c, "SELECT revision FROM proposals WHERE id=?1", c->p.id));
    wf_extra(c, "revision", rev);
    return ST_OK;
}

/* The collective's vote on the current revision (Art. 8(1); a vote of an
 * earlier round, before a return and resubmission, does not count). */
static int current_vote(wf_ctx *c, const char *verb, long long *passed)
{
    long long rev = wf_query_int(c, "SELECT revision FROM proposals WHERE id=?1", c->p.id);
    sqlite3_stmt *st;
    int rc = db_stmt(c->db, "SELECT passed FROM votes WHERE proposal_id=?1 AND revision=?2 "
                        "AND stage='review' AND deleted=0 ORDER BY id DESC LIMIT 1", &st, c->e);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, c->p.id);
    sqlite3_bind_int64(st, 2, rev);
    *passed = -1;
    if (sqlite3_step(st) == SQLITE_ROW) *passed = sqlite3_column_int64(st, 0);
    db_release(c->db, st);
    if (*passed >= 0) return ST_OK;
    long long old = wf_query_int(c, "SELECT max(revision) FROM votes WHERE proposal_id=?1 AND "
                              "stage='review' AND deleted=0", c->p.id);
    if (old > 0)
        return err_set(c->e, ST_EINVAL, "Kết quả biểu quyết đã ghi thuộc lần gửi %lld; đề xuất "
                       "đã gửi lại (lần %lld): hãy ghi 'vote' của lần này trước khi %s",
                       old, rev, verb);
    return err_set(c->e, ST_EINVAL, "Chưa có kết quả biểu quyết của tập thể lãnh đạo: "
                   "hãy ghi 'vote' trước khi %s", verb);
}

/* Art. 8(1): the decision follows the collective's vote, or the head
 * decides against it in writing (the decision's number, date and signer,
 * which approve and reject both require, and a reason), taking
 * responsibility: stored as override = 1. */
static int follow_collective(wf_ctx *c, long long passed, int approving)
{
    if ((passed != 0) == approving) return ST_OK;
    if (!*wf_val(c, "override_reason"))
        return err_field(c->e, ST_EINVAL, "override_reason", approving
                         ? "Tập thể lãnh đạo không thông qua: người đứng đầu chỉ được chấp thuận "
                           "bằng văn bản, nêu lý do và chịu trách nhiệm (override_reason)"
                         : "Tập thể lãnh đạo đã thông qua: người đứng đầu chỉ được không chấp "
                           "thuận bằng văn bản, nêu lý do và chịu trách nhiệm (override_reason)");
    wf_extra(c, "override", "1");
    return ST_OK;
}

/* The Party committee's opinion before approval and evaluation: from the
 * project's domain and the provincial plan, not from the quoted Art. 8(1);
 * workflow.party_opinion_required, on by default (the strict reading). */
static int party_opinion_required(wf_ctx *c)
{
    return config_bool(db_config(c->db), "workflow.party_opinion_required");
}

static int party_opinion_since(wf_ctx *c, const char *state)
{
    sqlite3_stmt *st;
    if (db_stmt(c->db, "SELECT 1 FROM opinions o JOIN events ev ON ev.id = o.event_id "
                   "WHERE o.proposal_id=?1 AND o.party_committee=1 AND o.deleted=0 "
                   "AND ev.from_state=?2 AND ev.id > coalesce((SELECT max(id) FROM events "
                   "WHERE proposal_id=?1 AND to_state=?2 AND from_state<>?2), 0)", &st, c->e))
        return 0;
    sqlite3_bind_int64(st, 1, c->p.id);
    sqlite3_bind_text(st, 2, state, -1, SQLITE_STATIC);
    int found = sqlite3_step(st) == SQLITE_ROW;
    db_release(c->db, st);
    return found;
}

/* A decision against the collective's vote needs the head's reason: the
 * form marks override_reason required from the start. */
static void need_override(wf_ctx *c, long long passed, int approving)
{
    int i = wf_field_index(c->a, "override_reason");
    if (i >= 0 && (passed != 0) != approving) c->need |= 1u << i;
}

int wf_pre_approve(wf_ctx *c)
{
    long long passed;
    int rc = current_vote(c, "chấp thuận", &passed);
    if (rc) return rc;
    if (party_opinion_required(c) && !party_opinion_since(c, "in_review"))
        return err_set(c->e, ST_EINVAL, "Chưa có ý kiến của cấp ủy cùng cấp: hãy ghi "
                       "'opinion' với party_committee=có trước khi chấp thuận");
    need_override(c, passed, 1);
    return ST_OK;
}

int wf_check_approve(wf_ctx *c)
{
    long long passed;
    int rc = current_vote(c, "chấp thuận", &passed);
    return rc ? rc : follow_collective(c, passed, 1);
}

int wf_hook_approve(wf_ctx *c)
{
    sqlite3_stmt *st;
    int rc = db_stmt(c->db, "UPDATE proposals SET decision_kind=?1 WHERE id=?2", &st, c->e);
    if (rc) return rc;
    sqlite3_bind_text(st, 1, wf_val(c, "kind"), -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, c->p.id);
    rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : db_fail(c->db, c->e, "chấp thuận");
    db_release(c->db, st);
    return rc;
}

int wf_after_approve(wf_ctx *c)
{
    static const char *const res[][2] = {
        {"funding_granted", "funding"}, {"people_granted", "people"},
        {"equipment_granted", "equipment"}, {"facilities_granted", "facilities"},
    };
    for (size_t i = 0; i < sizeof res / sizeof res[0]; i++) {
        const char *v = wf_val(c, res[i][0]);
        if (!*v) continue;
        sqlite3_stmt *st;
        int rc = db_stmt(c->db, "INSERT INTO resources(id, proposal_id, decision_id, kind, "
                            "amount, description) VALUES(?1,?2,?3,?4,?5,?6)", &st, c->e);
        if (rc) return rc;
        int money = strcmp(res[i][1], "funding") == 0;
        sqlite3_bind_int64(st, 1, db_new_id(c->db, "resources"));
        sqlite3_bind_int64(st, 2, c->p.id);
        sqlite3_bind_int64(st, 3, c->row_id);
        sqlite3_bind_text(st, 4, res[i][1], -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 5, money ? atoll(v) : 0);
        sqlite3_bind_text(st, 6, money ? "" : v, -1, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : db_fail(c->db, c->e, "ghi nguồn lực");
        db_release(c->db, st);
        if (rc) return rc;
    }
    return ST_OK;
}

/* A rejection, too, follows the collective's vote on this revision, or the
 * head's written decision against it (Art. 8(1)). */
int wf_pre_reject(wf_ctx *c)
{
    long long passed;
    int rc = current_vote(c, "không chấp thuận", &passed);
    if (!rc) need_override(c, passed, 0);
    return rc;
}

int wf_check_reject(wf_ctx *c)
{
    long long passed;
    int rc = current_vote(c, "không chấp thuận", &passed);
    return rc ? rc : follow_collective(c, passed, 0);
}

int wf_hook_reject(wf_ctx *c)
{
    wf_extra(c, "kind", "reject");
    return ST_OK;
}

/* The report is due report_days after the planned end of the period. */
int wf_hook_start(wf_ctx *c)
{
    char end[16];
    wf_query_text(c, "SELECT coalesce(period_to,'') FROM proposals WHERE id=?1", c->p.id, end, sizeof end);
    if (end[0]) return wf_due_after(c, end, "workflow.report_days", c->due);
    return ST_OK;
}

int wf_hook_report(wf_ctx *c)
{
    const char *done = wf_val(c, "completion_date"), *rep = wf_val(c, "report_date");
    if (strcmp(rep, done) < 0)
        return err_field(c->e, ST_EINVAL, "report_date", "Ngày báo cáo (report_date) không "
                         "được trước ngày hoàn thành (completion_date)");
    char due[11];
    int rc = wf_due_after(c, done, "workflow.report_days", due);
    if (rc) return rc;
    wf_extra(c, "due_date", due);
    return wf_due_after(c, rep, "workflow.evaluation_days", c->due);
}

/* Measures the user may confirm for each suggestion. */
static int measure_fits(const char *suggested, const char *chosen)
{
    static const char *const ok[][4] = {
        {"not_liable", "not_liable", NULL, NULL},
        {"excluded", "excluded", NULL, NULL},
        {"consider_exclusion", "excluded", "exempted", "mitigated"},
        {"discipline", "discipline", NULL, NULL},
        {"none", "none", "mitigated", "discipline"},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        if (strcmp(ok[i][0], suggested) != 0) continue;
        for (int k = 1; k < 4 && ok[i][k]; k++)
            if (strcmp(ok[i][k], chosen) == 0) return 1;
    }
    return 0;
}

/* The Party committee's opinion on the result, and the result report. */
int wf_pre_evaluate(wf_ctx *c)
{
    if (party_opinion_required(c) && !party_opinion_since(c, "reported"))
        return err_set(c->e, ST_EINVAL, "Chưa có ý kiến của cấp ủy cùng cấp về kết quả: hãy "
                       "ghi 'opinion' với party_committee=có trước khi đánh giá");
    if (wf_query_int(c, "SELECT count(*) FROM result_reports WHERE proposal_id=?1 AND "
                     "deleted=0", c->p.id) < 1)
        return err_set(c->e, ST_EINVAL, "Chưa có báo cáo kết quả để đánh giá");
    return ST_OK;
}

int wf_check_evaluate(wf_ctx *c)
{
    /* The collective evaluates (evaluation clause of Decree 73): its vote is
     * read as the review vote's (Art. 8(1)) and must pass. */
    int passed, rc = wf_vote_tally(c, &passed);
    if (rc) return rc;
    if (!passed)
        return err_field(c->e, ST_EINVAL, "votes_for", "Tập thể lãnh đạo không thông qua kết quả "
                         "đánh giá (%s/%s phiếu tán thành): chưa ghi được đánh giá",
                         wf_val(c, "votes_for"), wf_val(c, "members"));
    const char *outcome = wf_val(c, "outcome");
#define YES(k) (strcmp(wf_val(c, k), "1") == 0)
    const char *sug = workflow_suggest_protection(outcome, YES("damage"), YES("in_line_policy"),
                                                  YES("clean_motive"), YES("common_good"),
                                                  YES("no_prohibited_act"), YES("abuse"));
#undef YES
    const char *chosen = wf_val(c, "protection_measure");
    if (!measure_fits(sug, chosen))
        return err_field(c->e, ST_EINVAL, "protection_measure", "Biện pháp '%s' không phù hợp "
                         "với kết quả đánh giá; theo quy định đề xuất: %s (%s)", chosen,
                         wf_measure_label(sug), sug);
    wf_extra(c, "suggested_measure", sug);
    char rep[16], due[11];
    wf_query_text(c, "SELECT report_date FROM result_reports WHERE proposal_id=?1 AND deleted=0 "
               "ORDER BY id DESC LIMIT 1", c->p.id, rep, sizeof rep);
    if (!rep[0]) return err_set(c->e, ST_EINVAL, "Chưa có báo cáo kết quả để đánh giá");
    if ((rc = wf_due_after(c, rep, "workflow.evaluation_days", due))) return rc;
    wf_extra(c, "due_date", due);
    /* then the result is notified to the cadre within workflow.notify_days */
    return wf_due_after(c, wf_val(c, "meeting_date"), "workflow.notify_days", c->due);
}

int wf_pre_propose_replication(wf_ctx *c)
{
    char outcome[32];
    wf_query_text(c, "SELECT outcome FROM evaluations WHERE proposal_id=?1 AND deleted=0 "
               "ORDER BY id DESC LIMIT 1", c->p.id, outcome, sizeof outcome);
    if (strcmp(outcome, "completed") != 0 && strcmp(outcome, "partial") != 0)
        return err_set(c->e, ST_EINVAL, "Chỉ đề xuất nhân rộng mô hình được đánh giá hoàn thành "
                       "hoặc hoàn thành một phần (kết quả: %s)", outcome[0] ? outcome : "chưa có");
    return ST_OK;
}

int wf_hook_propose_replication(wf_ctx *c)
{
    wf_extra(c, "kind", "proposal");
    return ST_OK;
}

int wf_hook_replicate(wf_ctx *c)
{
    wf_extra(c, "kind", "decision");
    return ST_OK;
}

int wf_hook_decline(wf_ctx *c)
{
    wf_extra(c, "kind", "declined");
    return ST_OK;
}

/* Decree 73 Art. 10: the rewards for results — giấy khen, bằng khen, a salary
 * step 12 months early ("nâng bậc lương trước thời hạn 12 tháng"), priority
 * in appointment — go to proposals "được đánh giá là hoàn thành", and to
 * their proposers (lead or co-authors).  Plain commendation (biểu dương)
 * stays open to anyone, at any outcome, as before. */
static const char *outcome_label(const char *outcome)
{
    return strcmp(outcome, "partial") == 0 ? "hoàn thành một phần"
           : strcmp(outcome, "not_completed") == 0 ? "không hoàn thành" : "chưa có";
}

/* Not a refusal: praise stays open; the form says what it is limited to. */
int wf_pre_commend(wf_ctx *c)
{
    char outcome[32];
    wf_query_text(c, "SELECT outcome FROM evaluations WHERE proposal_id=?1 AND deleted=0 "
               "ORDER BY id DESC LIMIT 1", c->p.id, outcome, sizeof outcome);
    if (strcmp(outcome, "completed") != 0)
        snprintf(c->limit, sizeof c->limit, "Chỉ được biểu dương: kết quả đánh giá %s "
                 "(Điều 10 Nghị định 73: khen thưởng khác chỉ khi hoàn thành)",
                 outcome_label(outcome));
    return ST_OK;
}

int wf_check_commend(wf_ctx *c)
{
    int i;
    for (i = 0; i < c->a->nfields; i++)
        if (strcmp(c->a->fields[i].name, "person") == 0) break;
    char name[256], id[32];
    wf_query_text(c, "SELECT full_name FROM people WHERE id=?1", c->ref_id[i], name, sizeof name);
    if (strcmp(wf_val(c, "form"), "praise") != 0) {
        char outcome[32];
        wf_query_text(c, "SELECT outcome FROM evaluations WHERE proposal_id=?1 AND deleted=0 "
                   "ORDER BY id DESC LIMIT 1", c->p.id, outcome, sizeof outcome);
        if (strcmp(outcome, "completed") != 0)
            return err_field(c->e, ST_EINVAL, "form", "Điều 10 Nghị định 73: khen thưởng, nâng "
                             "lương trước hạn, ưu tiên bố trí chỉ dành cho đề xuất được đánh giá "
                             "hoàn thành (kết quả đánh giá: %s); chỉ được biểu dương (praise)",
                             outcome_label(outcome));
        sqlite3_stmt *st;
        int rc = db_prepare(c->db, "SELECT 1 FROM proposers WHERE proposal_id=?1 AND "
                            "person_id=?2 AND deleted=0", &st, c->e);
        if (rc) return rc;
        sqlite3_bind_int64(st, 1, c->p.id);
        sqlite3_bind_int64(st, 2, c->ref_id[i]);
        int found = sqlite3_step(st) == SQLITE_ROW;
        sqlite3_finalize(st);
        if (!found)
            return err_field(c->e, ST_EINVAL, "person", "Điều 10 Nghị định 73: %s không phải "
                             "tác giả của đề xuất %s; khen thưởng, nâng lương trước hạn, ưu tiên "
                             "bố trí chỉ dành cho người có đề xuất", name, c->p.code);
    }
    snprintf(id, sizeof id, "%lld", (long long)c->ref_id[i]);
    wf_extra(c, "person_id", id);
    wf_extra(c, "person_name", name);
    return ST_OK;
}
