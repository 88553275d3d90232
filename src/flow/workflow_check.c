/* `sangtao check`, the law part: rows stored before a rule of Decree 73 was
 * enforced (or by an older version of the program) that break it.  They are
 * reported, never rejected or changed: the office corrects its records. */
#include "workflow_internal.h"

#include <string.h>

/* Each rule: what it rests on, and a query giving the code of each proposal
 * breaking it and one detail (dates already dd/mm/yyyy, or ""). */
typedef struct law_rule {
    const char *what;
    const char *sql;
} law_rule;

#define VN(x) "strftime('%d/%m/%Y', " x ")"
#define EV_DATE(f) "json_extract(ev.data, '$." f "')"

static const law_rule rules[] = {
    {"Điều 7 khoản 3, 4, Điều 8 khoản 1 Nghị định 73: người đề xuất tự quyết định đề xuất của "
     "mình",
     "SELECT DISTINCT p.code, ev.action || ' (' || ev.username || ')' FROM events ev "
     "JOIN proposals p ON p.id = ev.proposal_id JOIN users u ON u.id = ev.user_id "
     "JOIN proposers pr ON pr.proposal_id = p.id AND pr.deleted = 0 "
     "JOIN people pe ON pe.id = pr.person_id WHERE p.deleted = 0 AND ev.action IN ('accept', "
     "'return', 'vote', 'approve', 'reject', 'resume', 'terminate', 'adjust', 'evaluate', "
     "'propose_replication', 'close', 'suspend', 'replicate', 'decline_replication', "
     "'commend') AND (pr.person_id = u.person_id OR (u.person_id IS NULL AND "
     "pe.full_name = u.full_name))"},
    {"Điều 7 khoản 3, 4 Nghị định 73: cấp có thẩm quyền không phải đơn vị công tác hoặc cấp "
     "trên trực tiếp",
     "SELECT p.code, '' FROM proposals p JOIN units eu ON eu.id = p.employing_unit_id "
     "WHERE p.deleted = 0 AND p.state <> 'draft' AND p.competent_unit_id <> p.employing_unit_id "
     "AND p.competent_unit_id IS NOT coalesce(eu.parent_id, -1)"},
    {"Thời gian thực hiện không hợp lý (trước 22/09/2021, hoặc kết thúc trước khi bắt đầu)",
     "SELECT code, " VN("period_from") " || ' – ' || " VN("period_to") " FROM proposals "
     "WHERE deleted = 0 AND (period_from < '2021-09-22' OR period_to < period_from)"},
    {"Quyết định chấp thuận/không chấp thuận ký trước ngày nhận kế hoạch",
     "SELECT p.code, " VN("d.doc_date") " || ' < ' || " VN("p.received_date") " FROM decisions d "
     "JOIN proposals p ON p.id = d.proposal_id WHERE d.deleted = 0 AND p.deleted = 0 "
     "AND p.received_date IS NOT NULL AND d.doc_date < p.received_date"},
    {"Bắt đầu triển khai trước ngày quyết định chấp thuận",
     "SELECT p.code, " VN(EV_DATE("start_date")) " || ' < ' || " VN("d.doc_date") " FROM events ev "
     "JOIN proposals p ON p.id = ev.proposal_id JOIN decisions d ON d.proposal_id = p.id "
     "AND d.deleted = 0 AND d.kind <> 'reject' WHERE ev.action = 'start' AND p.deleted = 0 "
     "AND " EV_DATE("start_date") " < d.doc_date"},
    {"Ngày hoàn thành trước ngày bắt đầu triển khai",
     "SELECT p.code, " VN("r.completion_date") " || ' < ' || " VN(EV_DATE("start_date"))
     " FROM result_reports r JOIN proposals p ON p.id = r.proposal_id JOIN events ev ON "
     "ev.proposal_id = p.id AND ev.action = 'start' WHERE r.deleted = 0 AND p.deleted = 0 "
     "AND r.completion_date < " EV_DATE("start_date")},
    {"Đánh giá trước ngày báo cáo kết quả",
     "SELECT p.code, " VN("v.meeting_date") " || ' < ' || " VN("r.report_date") " FROM "
     "evaluations v JOIN proposals p ON p.id = v.proposal_id JOIN result_reports r ON "
     "r.proposal_id = p.id AND r.deleted = 0 WHERE v.deleted = 0 AND p.deleted = 0 "
     "AND v.meeting_date < r.report_date"},
    {"Ngày của quy trình sau ngày ghi (ghi trước ngày xảy ra)",
     "SELECT p.code, ev.action || ' ' || " VN("ev.doc_date") " FROM events ev JOIN proposals p "
     "ON p.id = ev.proposal_id WHERE p.deleted = 0 AND ev.doc_date IS NOT NULL AND "
     "ev.doc_date <> '' AND ev.doc_date > date(ev.at, '+1 day')"},
    {"Đánh giá không ghi biểu quyết của tập thể (thành viên dự họp, số phiếu)",
     "SELECT p.code, " VN("v.meeting_date") " FROM evaluations v JOIN proposals p ON "
     "p.id = v.proposal_id WHERE v.deleted = 0 AND p.deleted = 0 AND NOT EXISTS (SELECT 1 FROM "
     "votes x WHERE x.proposal_id = p.id AND x.stage = 'evaluation' AND x.deleted = 0)"},
};

int workflow_check_law(st_db *db, FILE *out, long *nbad, st_err *e)
{
    *nbad = 0;
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
        sqlite3_stmt *st;
        int rc = db_prepare(db, rules[i].sql, &st, e);
        if (rc) return rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            const char *detail = db_col_text(st, 1);
            fprintf(out, "law_rules: %s: %s%s%s\n", db_col_text(st, 0), rules[i].what,
                    *detail ? " — " : "", detail);
            ++*nbad;
        }
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE) return db_fail(db, e, "kiểm tra quy định");
    }
    if (!*nbad) fprintf(out, "law_rules: ok\n");
    else fprintf(out, "law_rules: %ld dòng lưu trước đây không theo quy định (chỉ báo, không "
                 "sửa)\n", *nbad);
    return ST_OK;
}
