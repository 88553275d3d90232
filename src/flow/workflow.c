/* THE workflow table of DOMAIN.md: every action, the states it may be taken
 * from, where it leads, who may take it, the fields it records and the
 * working-day clock it starts.  Nothing else in the program re-encodes it. */
#include "workflow_internal.h"

#include <string.h>

#define B(s) (1u << (s))
#define ALL_STATES ((1u << S_COUNT) - 1)
#define F(n, l, t, fl) {n, l, t, fl, NULL, NULL, 0, 0}
#define FE(n, l, fl, ch, lab) {n, l, FT_ENUM, fl, ch, lab, 0, 0}
#define FI(n, l, fl, lo, hi) {n, l, FT_INT, fl, NULL, NULL, lo, hi}
#define REQ FF_REQUIRED
#define COMMENT F("comment", "Ghi chú", FT_LONGTEXT, FF_COMMENT | FF_NOCOL)
#define DOC_NO(fl) F("doc_no", "Số văn bản", FT_TEXT, fl)
#define DOC_DATE(fl) F("doc_date", "Ngày ký", FT_DATE, fl)
/* A decision's signature: an action with sign_form has its doc_no checked and
 * entered in the register of document numbers (docreg.c, via the engine). */
#define SIGN_FORM FE("sign_form", "Hình thức ký (trống: trực tiếp)", FF_NOCOL, \
    "direct|KT|TM|TL", "Ký trực tiếp|KT. (ký thay)|TM. (thay mặt)|TL. (thừa lệnh)")
#define SIGNER_NOCOL F("signer", "Người ký", FT_TEXT, FF_NOCOL)
#define N(a) (int)(sizeof a / sizeof a[0])

static const fielddef f_comment[] = { COMMENT };
static const fielddef f_reason[] = {
    F("reason", "Lý do", FT_LONGTEXT, REQ | FF_COMMENT | FF_NOCOL),
    DOC_NO(FF_NOCOL), DOC_DATE(FF_NOCOL),
};
static const fielddef f_resume[] = { COMMENT, DOC_NO(FF_NOCOL), DOC_DATE(FF_NOCOL) };
static const fielddef f_accept[] = {
    /* empty: the day it was submitted (Art. 8(1): the clock runs from receipt;
     * the action's help says so) */
    F("received_date", "Ngày nhận kế hoạch", FT_DATE, FF_NOCOL), COMMENT,
};
static const fielddef f_opinion[] = {
    F("reviewer", "Người/cơ quan cho ý kiến", FT_TEXT, REQ),
    F("opinion_date", "Ngày cho ý kiến", FT_DATE, FF_TODAY),
    FE("recommendation", "Kiến nghị", REQ, "implement|pilot|reject|return|other",
       "Cho thực hiện|Cho thí điểm|Không chấp thuận|Trả lại hoàn thiện|Khác"),
    F("text", "Nội dung ý kiến", FT_LONGTEXT, REQ),
    F("party_committee", "Ý kiến của cấp ủy cùng cấp", FT_BOOL, 0),
};
static const fielddef f_vote[] = {
    F("vote_date", "Ngày họp", FT_DATE, FF_TODAY),
    FI("members", "Số thành viên tập thể lãnh đạo", REQ, 1, 500),
    FI("votes_for", "Số phiếu tán thành", REQ, 0, 500),
    FI("votes_against", "Số phiếu không tán thành", REQ, 0, 500),
    FI("abstain", "Số không biểu quyết", 0, 0, 500),
    FE("head_vote", "Người đứng đầu (khi ngang phiếu)", 0, "for|against",
       "Tán thành|Không tán thành"),
    FI("deputy_excluded", "Số cấp phó là người đề xuất", 0, 0, 50),
    F("attendees", "Thành viên dự họp (họ tên)", FT_LONGTEXT, 0),
    COMMENT,
};
static const fielddef f_approve[] = {
    FE("kind", "Hình thức", REQ, "implement|pilot", "Cho thực hiện|Cho thí điểm"),
    DOC_NO(REQ), DOC_DATE(REQ),
    F("signer", "Người ký", FT_TEXT, REQ), SIGN_FORM,
    F("funding_granted", "Kinh phí bố trí (đồng)", FT_MONEY, FF_NOCOL),
    F("people_granted", "Nhân lực bố trí", FT_TEXT, FF_NOCOL),
    F("equipment_granted", "Trang thiết bị", FT_TEXT, FF_NOCOL),
    F("facilities_granted", "Cơ sở vật chất", FT_TEXT, FF_NOCOL),
    F("pilot_scope", "Phạm vi thí điểm", FT_LONGTEXT, 0),
    F("milestones", "Các mốc thời gian", FT_LONGTEXT, 0),
    F("supervising_unit", "Đơn vị theo dõi, giám sát", FT_UNIT, 0),
    F("override_reason", "Lý do quyết định khác biểu quyết", FT_LONGTEXT, 0),
    COMMENT,
};
static const fielddef f_reject[] = {
    {"reject_reasons", "Lý do không chấp thuận", FT_SET, REQ,
     "outside_law|not_feasible|impractical|self_serving|outside_org|other",
     "Ngoài khuôn khổ pháp luật|Không khả thi|Không thiết thực|Vụ lợi|"
     "Ngoài tổ chức|Khác", 0, 0},
    F("reject_detail", "Giải thích", FT_LONGTEXT, 0),
    DOC_NO(REQ), DOC_DATE(REQ),
    F("signer", "Người ký", FT_TEXT, REQ), SIGN_FORM,
    F("override_reason", "Lý do quyết định khác biểu quyết", FT_LONGTEXT, 0),
    COMMENT,
};
static const fielddef f_start[] = {
    F("start_date", "Ngày bắt đầu triển khai", FT_DATE, FF_TODAY | FF_NOCOL), COMMENT,
};
static const fielddef f_terminate[] = {
    F("violation", "Vi phạm phát hiện", FT_LONGTEXT, REQ | FF_NOCOL),
    F("referral", "Chuyển xử lý (cơ quan, hình thức)", FT_TEXT, REQ | FF_NOCOL),
    DOC_NO(REQ), DOC_DATE(REQ), COMMENT,
};
static const fielddef f_monitor[] = {
    F("entry_date", "Ngày", FT_DATE, FF_TODAY),
    FE("kind", "Hình thức", REQ, "follow|inspect|supervise", "Theo dõi|Kiểm tra|Giám sát"),
    F("by_whom", "Người/đơn vị thực hiện", FT_TEXT, REQ),
    FI("progress", "Tiến độ (%)", 0, 0, 100),
    F("findings", "Kết quả theo dõi", FT_LONGTEXT, 0),
    F("problems", "Khó khăn, vướng mắc", FT_LONGTEXT, 0),
    F("support", "Hỗ trợ, tháo gỡ", FT_LONGTEXT, 0),
    F("adjustments", "Điều chỉnh", FT_LONGTEXT, 0),
    F("violation", "Phát hiện vi phạm", FT_BOOL, 0),
    F("violation_detail", "Nội dung vi phạm", FT_LONGTEXT, 0),
    F("corrective_action", "Uốn nắn, chấn chỉnh", FT_LONGTEXT, 0),
};
/* The plan II.2(5): the competent level adjusts a pilot by decision. */
static const fielddef f_adjust[] = {
    DOC_NO(REQ), DOC_DATE(REQ),
    F("signer", "Người ký", FT_TEXT, REQ), SIGN_FORM,
    F("reason", "Lý do điều chỉnh", FT_LONGTEXT, REQ | FF_COMMENT),
    F("period_to", "Thực hiện đến ngày (mới)", FT_DATE, 0),
    F("scope_change", "Điều chỉnh phạm vi", FT_LONGTEXT, 0),
    F("resources_change", "Điều chỉnh nguồn lực", FT_LONGTEXT, 0),
};
/* The result notified to the cadre (evaluation clause: 03 working days). */
static const fielddef f_notify[] = {
    F("notify_date", "Ngày thông báo kết quả", FT_DATE, FF_TODAY),
    /* empty: the lead proposer (wf_hook_notify) */
    F("recipient", "Người nhận thông báo", FT_TEXT, 0),
    DOC_NO(0), DOC_DATE(0), COMMENT,
};
static const fielddef f_report[] = {
    F("completion_date", "Ngày hoàn thành", FT_DATE, REQ),
    F("report_date", "Ngày báo cáo", FT_DATE, FF_TODAY),
    F("results", "Kết quả so với mục tiêu", FT_LONGTEXT, REQ),
};
static const fielddef f_evaluate[] = {
    F("meeting_date", "Ngày họp đánh giá", FT_DATE, FF_TODAY),
    FE("outcome", "Kết quả", REQ, "completed|partial|not_completed",
       "Hoàn thành|Hoàn thành một phần|Không hoàn thành"),
    F("damage", "Có thiệt hại", FT_BOOL, 0),
    F("damage_estimate", "Ước tính thiệt hại (đồng)", FT_MONEY, 0),
    F("objective_causes", "Nguyên nhân khách quan", FT_LONGTEXT, 0),
    F("subjective_causes", "Nguyên nhân chủ quan", FT_LONGTEXT, 0),
    F("in_line_policy", "Đúng chủ trương", FT_BOOL, 0),
    F("clean_motive", "Động cơ trong sáng", FT_BOOL, 0),
    F("common_good", "Vì lợi ích chung", FT_BOOL, 0),
    F("no_prohibited_act", "Không có hành vi bị cấm", FT_BOOL, 0),
    F("abuse", "Vụ lợi, tham nhũng, tiêu cực", FT_BOOL, 0),
    FE("protection_measure", "Biện pháp bảo vệ (xác nhận)", REQ,
       "not_liable|excluded|exempted|mitigated|discipline|none",
       "Không bị xử lý trách nhiệm|Loại trừ trách nhiệm|Miễn trách nhiệm|"
       "Giảm nhẹ trách nhiệm|Xử lý kỷ luật|Không áp dụng"),
    DOC_NO(0), DOC_DATE(0), SIGNER_NOCOL, SIGN_FORM,
    /* the collective's vote on the evaluation, as for the review (votes,
     * stage 'evaluation'; written by wf_after_evaluate) */
    F("attendees", "Thành viên dự họp (họ tên)", FT_LONGTEXT, FF_NOCOL),
    FI("members", "Số thành viên tập thể lãnh đạo", REQ | FF_NOCOL, 1, 500),
    FI("votes_for", "Số phiếu tán thành kết quả", REQ | FF_NOCOL, 0, 500),
    FI("votes_against", "Số phiếu không tán thành", REQ | FF_NOCOL, 0, 500),
    FI("abstain", "Số không biểu quyết", FF_NOCOL, 0, 500),
    FE("head_vote", "Người đứng đầu (khi ngang phiếu)", FF_NOCOL, "for|against",
       "Tán thành|Không tán thành"),
    FI("deputy_excluded", "Số cấp phó là người đề xuất", FF_NOCOL, 0, 50),
    COMMENT,
};
static const fielddef f_propose_repl[] = {
    F("text", "Nội dung đề xuất Ban Thường vụ nhân rộng", FT_LONGTEXT, REQ),
    F("target_units", "Đơn vị dự kiến nhân rộng", FT_TEXT, REQ),
    DOC_NO(0), DOC_DATE(0),
};
static const fielddef f_replicate[] = {
    DOC_NO(REQ), DOC_DATE(REQ),
    F("adopting_units", "Đơn vị áp dụng", FT_TEXT, REQ),
    F("text", "Nội dung quyết định", FT_LONGTEXT, 0),
};
static const fielddef f_decline[] = {
    F("text", "Lý do không nhân rộng", FT_LONGTEXT, REQ | FF_COMMENT),
    DOC_NO(0), DOC_DATE(0),
};
static const fielddef f_commend[] = {
    F("person", "Người được khen (mã hoặc họ tên)", FT_PERSON, REQ | FF_NOCOL),
    FE("form", "Hình thức", REQ, "praise|certificate|merit|early_raise|rank_promotion|"
       "appointment|priority_appointment|emulation_title|other",
       "Biểu dương|Giấy khen|Bằng khen|Nâng lương trước hạn|Nâng ngạch|Bổ nhiệm|"
       "Ưu tiên bố trí, quy hoạch|Danh hiệu thi đua|Hình thức khác"),
    DOC_NO(REQ), DOC_DATE(REQ),
    /* Decree 73 Art. 10 (issue 13, item 8): who issued the reward */
    FE("issuer_level", "Cấp ban hành", 0, "unit|district|province|central",
       "Cơ quan, đơn vị|Cấp huyện|Cấp tỉnh|Trung ương"),
    F("issuing_unit", "Cơ quan ban hành (mã đơn vị)", FT_UNIT, FF_NOCOL),
    SIGNER_NOCOL, SIGN_FORM,
    F("note", "Ghi chú", FT_LONGTEXT, 0),
};
static const fielddef f_note[] = {
    F("text", "Nội dung ghi chú", FT_LONGTEXT, REQ | FF_COMMENT | FF_NOCOL),
};

#define C ROLE_CLERK
#define R ROLE_REVIEWER
#define H ROLE_HEAD
#define M ROLE_MONITOR
/* sd: the field that dates the step (NULL: the day it is taken); dec: 1 a
 * decision never taken by the proposer himself, 2 also only by the competent
 * level (its unit in the actor's scope) — Decree 73 Art. 7(3)-(4), 8(1). */
#define ACT(name, label, help, roles, from, to, dl, table, fields, hook, after, sd, dec, pre, chk) \
    {name, label, help, roles, from, to, dl, table, fields, N(fields), hook, after, 0, sd, dec, pre, chk}
#define IMPL (B(S_IMPLEMENTING) | B(S_SUSPENDED))
#define AFTER_EVAL (B(S_EVALUATED) | B(S_REPLICATION_PROPOSED) | B(S_REPLICATED) | B(S_CLOSED))

const wf_action wf_actions[] = {
    {"create", "Tạo đề xuất mới", "Lập dự thảo đề xuất (sangtao proposal new).",
     C, 0, S_DRAFT, DL_KEEP, NULL, NULL, 0, NULL, NULL, 1, NULL, 0, NULL, NULL},
    {"edit", "Sửa đề xuất", "Sửa nội dung khi còn dự thảo hoặc bị trả lại (proposal edit).",
     C, B(S_DRAFT) | B(S_RETURNED), S_NONE, DL_KEEP, NULL, NULL, 0, NULL, NULL, 1, NULL, 0, NULL, NULL},
    ACT("submit", "Gửi đề xuất", "Báo cáo người đứng đầu: gửi đề xuất; bắt đầu thời hạn xem xét.",
        C, B(S_DRAFT), S_SUBMITTED, DL_REVIEW, NULL, f_comment, wf_hook_submit, NULL, NULL, 0,
        wf_pre_submit, NULL),
    ACT("resubmit", "Gửi lại", "Gửi lại đề xuất đã hoàn thiện; bản trước được lưu lại.",
        C, B(S_RETURNED), S_SUBMITTED, DL_REVIEW, NULL, f_comment, wf_hook_resubmit, NULL, NULL, 0,
        wf_pre_submit, NULL),
    ACT("withdraw", "Rút đề xuất", "Người đề xuất rút đề xuất.",
        C, B(S_DRAFT) | B(S_SUBMITTED) | B(S_RETURNED), S_WITHDRAWN, DL_CLEAR, NULL,
        f_reason, NULL, NULL, "doc_date", 0,
        NULL, NULL),
    ACT("accept", "Tiếp nhận xem xét", "Tiếp nhận xem xét; thời hạn tính từ ngày nhận kế hoạch (để trống: ngày gửi).",
        H, B(S_SUBMITTED), S_IN_REVIEW, DL_REVIEW, NULL, f_accept, wf_hook_accept, NULL, "received_date", 2,
        NULL, NULL),
    ACT("return", "Trả lại để hoàn thiện", "Trả lại đề xuất, nêu rõ lý do.",
        H, B(S_SUBMITTED) | B(S_IN_REVIEW), S_RETURNED, DL_CLEAR, NULL, f_reason, NULL, NULL, "doc_date", 2,
        NULL, NULL),
    ACT("opinion", "Ghi ý kiến thẩm định", "Ý kiến thẩm định, hoặc ý kiến của cấp ủy cùng cấp.",
        R | H, B(S_IN_REVIEW) | B(S_REPORTED), S_NONE, DL_KEEP, "opinions", f_opinion, NULL, NULL, "opinion_date", 0,
        NULL, NULL),
    ACT("vote", "Ghi kết quả biểu quyết", "Kết quả biểu quyết của tập thể lãnh đạo (quá 50%).",
        H, B(S_IN_REVIEW), S_NONE, DL_KEEP, "votes", f_vote, NULL, NULL, "vote_date", 2,
        NULL, wf_check_vote),
    ACT("approve", "Chấp thuận", "Quyết định cho thực hiện hoặc thí điểm, bố trí nguồn lực.",
        H, B(S_IN_REVIEW), S_APPROVED, DL_CLEAR, "decisions", f_approve, wf_hook_approve,
        wf_after_approve, "doc_date", 2,
        wf_pre_approve, wf_check_approve),
    ACT("reject", "Không chấp thuận", "Quyết định không chấp thuận theo biểu quyết, nêu lý do.",
        H, B(S_IN_REVIEW), S_REJECTED, DL_CLEAR, "decisions", f_reject, wf_hook_reject, NULL, "doc_date", 2,
        wf_pre_reject, wf_check_reject),
    ACT("start", "Bắt đầu triển khai", "Bắt đầu thực hiện/thí điểm theo quyết định.",
        C, B(S_APPROVED), S_IMPLEMENTING, DL_REPORT, NULL, f_start, wf_hook_start, NULL, "start_date", 0,
        NULL, NULL),
    ACT("suspend", "Tạm dừng", "Tạm dừng thực hiện để điều chỉnh, khắc phục.",
        H | M, B(S_IMPLEMENTING), S_SUSPENDED, DL_KEEP, NULL, f_reason, NULL, NULL, "doc_date", 1,
        NULL, NULL),
    ACT("resume", "Tiếp tục", "Cho tiếp tục thực hiện sau khi tạm dừng.",
        H, B(S_SUSPENDED), S_IMPLEMENTING, DL_KEEP, NULL, f_resume, NULL, NULL, "doc_date", 2,
        NULL, NULL),
    ACT("terminate", "Đình chỉ", "Đình chỉ do vi phạm; chuyển xử lý kỷ luật.",
        H, B(S_IMPLEMENTING) | B(S_SUSPENDED), S_TERMINATED, DL_CLEAR, NULL, f_terminate,
        NULL, NULL, "doc_date", 2,
        NULL, NULL),
    ACT("monitor", "Ghi theo dõi, kiểm tra, giám sát", "Ghi một lần theo dõi/kiểm tra/giám sát.",
        C | H | M, IMPL, S_NONE, DL_KEEP, "monitoring", f_monitor,
        NULL, NULL, "entry_date", 0,
        NULL, NULL),
    ACT("adjust", "Điều chỉnh (quyết định)", "Cấp có thẩm quyền quyết định điều chỉnh thời gian, "
        "phạm vi, nguồn lực khi đang triển khai; hạn báo cáo tính lại.",
        H, IMPL, S_NONE, DL_KEEP, "adjustments", f_adjust, wf_hook_adjust, NULL,
        "doc_date", 2,
        NULL, NULL),
    ACT("report", "Báo cáo kết quả", "Báo cáo kết quả (hạn: ngày làm việc sau khi hoàn thành).",
        C, B(S_IMPLEMENTING), S_REPORTED, DL_EVALUATION, "result_reports", f_report,
        wf_hook_report, NULL, "report_date", 0,
        NULL, NULL),
    ACT("evaluate", "Đánh giá kết quả", "Tập thể đánh giá kết quả; xác nhận biện pháp bảo vệ.",
        H, B(S_REPORTED), S_EVALUATED, DL_NOTIFY, "evaluations", f_evaluate, NULL,
        wf_after_evaluate, "meeting_date", 2,
        wf_pre_evaluate, wf_check_evaluate),
    ACT("notify", "Thông báo kết quả", "Thông báo kết quả đánh giá cho cán bộ (hạn 03 ngày làm "
        "việc sau đánh giá).", C | H, AFTER_EVAL, S_NONE, DL_CLEAR, NULL, f_notify,
        wf_hook_notify, NULL, "notify_date", 0,
        NULL, NULL),
    ACT("propose_replication", "Đề xuất nhân rộng", "Đề xuất Ban Thường vụ nhân rộng mô hình.",
        H, B(S_EVALUATED), S_REPLICATION_PROPOSED, DL_KEEP, "replications", f_propose_repl,
        wf_hook_propose_replication, NULL, "doc_date", 2,
        wf_pre_propose_replication, NULL),
    ACT("replicate", "Quyết định nhân rộng", "Ghi quyết định nhân rộng và đơn vị áp dụng.",
        M, B(S_REPLICATION_PROPOSED), S_REPLICATED, DL_KEEP, "replications", f_replicate,
        wf_hook_replicate, NULL, "doc_date", 1,
        NULL, NULL),
    ACT("decline_replication", "Không nhân rộng", "Ban Thường vụ không nhân rộng; kết thúc.",
        M, B(S_REPLICATION_PROPOSED), S_CLOSED, DL_KEEP, "replications", f_decline,
        wf_hook_decline, NULL, "doc_date", 1,
        NULL, NULL),
    ACT("close", "Kết thúc", "Kết thúc hồ sơ đề xuất.",
        H, B(S_EVALUATED) | B(S_REPLICATED), S_CLOSED, DL_KEEP, NULL, f_comment, NULL, NULL, NULL, 2,
        NULL, NULL),
    ACT("commend", "Khen thưởng", "Biểu dương, khen thưởng, ưu tiên bố trí người có đề xuất.",
        M, AFTER_EVAL, S_NONE, DL_KEEP, "commendations", f_commend, NULL, NULL, "doc_date", 1,
        wf_pre_commend, wf_check_commend),
    ACT("note", "Ghi chú", "Ghi chú vào hồ sơ, không đổi trạng thái.",
        C | R | H | M, ALL_STATES, S_NONE, DL_KEEP, NULL, f_note, NULL, NULL, NULL, 0,
        NULL, NULL),
};
const int wf_nactions = N(wf_actions);

/* Fields required only when a condition holds; the forms mark them as soon
 * as it does, and the engine refuses without them. */
const wf_req_when wf_req_whens[] = {
    {"approve", "pilot_scope", "kind", "pilot"},
    {"monitor", "violation_detail", "violation", "1"},
    {"evaluate", "objective_causes", "outcome", "partial|not_completed"},
    {"evaluate", "subjective_causes", "outcome", "partial|not_completed"},
    {"vote", "head_vote", NULL, NULL},        /* a tie: the head's vote decides */
    {"evaluate", "head_vote", NULL, NULL},
};
const int wf_nreq_whens = N(wf_req_whens);

int wf_action_count(void) { return wf_nactions; }
const wf_action *wf_action_at(int i) { return i >= 0 && i < wf_nactions ? &wf_actions[i] : NULL; }
const char *wf_action_name(const wf_action *a) { return a->name; }
const char *wf_action_label(const wf_action *a) { return a->label; }
const char *wf_action_help(const wf_action *a) { return a->help; }
unsigned wf_action_roles(const wf_action *a) { return a->roles; }
int wf_action_to(const wf_action *a) { return a->to; }
int wf_action_nfields(const wf_action *a) { return a->nfields; }

const wf_action *wf_action_find(const char *name)
{
    for (int i = 0; name && i < wf_nactions; i++)
        if (strcmp(wf_actions[i].name, name) == 0) return &wf_actions[i];
    return NULL;
}

int wf_action_from(const wf_action *a, int state)
{
    return state >= 0 && state < S_COUNT && (a->from & B(state));
}

const fielddef *wf_action_field(const wf_action *a, int i)
{
    return i >= 0 && i < a->nfields ? &a->fields[i] : NULL;
}

int wf_action_allowed(const wf_action *a, unsigned roles, int state)
{
    if (!(roles & (a->roles | ROLE_ADMIN))) return 0;
    return a->to == S_DRAFT || wf_action_from(a, state);
}

const char *wf_field_hint(const char *name)
{
    static const char *const hints[][2] = {
        {"doc_no", "số/ký hiệu, ví dụ 12/QĐ-UBND, 05/2026/QĐ-UBND; văn bản của Đảng 124-QĐ/TU"},
        {"received_date", "trống: ngày gửi; thời hạn xem xét tính từ ngày nhận (Điều 8)"},
        {"sign_form", "KT. ký thay, TM. thay mặt, TL. thừa lệnh; trống: người đứng đầu ký"},
        {"head_vote", "chỉ khi số tán thành bằng số không tán thành (Điều 8 khoản 1)"},
        {"deputy_excluded", "không biểu quyết, không tính vào số được biểu quyết"},
        {"members", "gồm người đứng đầu và các cấp phó; thông qua khi trên 50% tán thành"},
        {"override_reason", "khi người đứng đầu quyết định khác kết quả biểu quyết"},
        {"issuing_unit", "trống: cấp có thẩm quyền"},
        {"issuer_level", "cấp của cơ quan ký quyết định khen thưởng"},
        {"recipient", "trống: tác giả chính của đề xuất"},
        {"period_to", "trống: giữ nguyên; hạn báo cáo tính lại theo ngày mới"},
    };
    for (size_t i = 0; name && i < sizeof hints / sizeof hints[0]; i++)
        if (strcmp(name, hints[i][0]) == 0) return hints[i][1];
    return NULL;
}

static void print_roles(unsigned roles, FILE *f)
{
    char buf[128];
    roles_format(roles, buf, sizeof buf);
    fprintf(f, "%s,admin", buf);
}

void workflow_print_action_help(const wf_action *a, FILE *f)
{
    fprintf(f, "%s — %s\n  %s\n  vai trò (roles): ", a->name, a->label, a->help);
    print_roles(a->roles, f);
    fprintf(f, "\n  từ trạng thái (from): ");
    int first = 1;
    for (int s = 0; s < S_COUNT; s++)
        if (a->from & B(s)) { fprintf(f, "%s%s", first ? "" : ", ", wf_state_name(s)); first = 0; }
    if (first) fprintf(f, "-");
    fprintf(f, "\n  sang (to): %s\n", a->to == S_NONE ? "(giữ nguyên)" : wf_state_name(a->to));
    for (int i = 0; i < a->nfields; i++) {
        const fielddef *fd = &a->fields[i];
        fprintf(f, "    %-20s %s%s%s", fd->name, fd->label,
                fd->flags & FF_REQUIRED ? " *" : "",
                fd->flags & FF_TODAY ? " (mặc định: hôm nay)" : "");
        if (fd->choices) fprintf(f, " [%s]", fd->choices);
        if (fd->type == FT_INT) fprintf(f, " [%ld..%ld]", fd->min, fd->max);
        const char *hint = wf_field_hint(fd->name);
        if (hint) fprintf(f, " — %s", hint);
        fprintf(f, "\n");
    }
}

void workflow_print_help(FILE *f)
{
    fprintf(f, "Trạng thái (states):\n");
    for (int s = 0; s < S_COUNT; s++)
        fprintf(f, "  %-22s %s\n", wf_state_name(s), wf_state_label(s));
    fprintf(f, "\nThao tác (actions; * = bắt buộc):\n");
    for (int i = 0; i < wf_nactions; i++) {
        workflow_print_action_help(&wf_actions[i], f);
    }
}
