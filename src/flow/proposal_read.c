/* Proposals, reading one: show (JSON and text) and history.  Every entry
 * point checks the actor's scope first.  The list is in proposal_list.c. */
#include "proposal.h"

#include <stdlib.h>
#include <string.h>

#include "store/db_internal.h"
#include "base/sbuf.h"
#include "text/text.h"
#include "base/workdays.h"
#include "workflow.h"
#include "attach.h"

/* ---- JSON ------------------------------------------------------------ */

/* One row as a JSON object, columns by name; raw names a column that holds
 * JSON already.  Leaves the object open so callers can add members. */
static void json_row_open(sbuf *b, sqlite3_stmt *st, int ncols, const char *raw)
{
    sbuf_add(b, "{");
    for (int i = 0, n = 0; i < ncols; i++) {
        const char *name = sqlite3_column_name(st, i);
        if (strcmp(name, "title_key") == 0) continue;   /* an index's key, not data */
        if (n++) sbuf_add(b, ",");
        sbuf_json_str(b, name);
        sbuf_add(b, ":");
        switch (sqlite3_column_type(st, i)) {
        case SQLITE_NULL: sbuf_add(b, "null"); break;
        case SQLITE_INTEGER: sbuf_addf(b, "%lld", (long long)sqlite3_column_int64(st, i)); break;
        case SQLITE_FLOAT: sbuf_addf(b, "%.17g", sqlite3_column_double(st, i)); break;
        default:
            if (raw && strcmp(name, raw) == 0) sbuf_add(b, db_col_text(st, i));
            else sbuf_json_str(b, db_col_text(st, i));
        }
    }
}

/* ,"key":[rows of sql with ?1 = id] */
static int json_list(st_db *db, sbuf *b, const char *key, const char *sql, int64_t id,
                     const char *raw, st_err *e)
{
    sqlite3_stmt *st;
    int rc = db_prepare(db, sql, &st, e);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, id);
    sbuf_add(b, ",");
    sbuf_json_str(b, key);
    sbuf_add(b, ":[");
    int n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n++) sbuf_add(b, ",");
        json_row_open(b, st, sqlite3_column_count(st), raw);
        if (strcmp(key, "decisions") == 0)
            json_list(db, b, "resources", "SELECT id, kind, amount, description FROM resources "
                      "WHERE decision_id = ?1 AND deleted = 0 ORDER BY id",
                      sqlite3_column_int64(st, 0), NULL, e);
        sbuf_add(b, "}");
    }
    sbuf_add(b, "]");
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? ST_OK : db_fail(db, e, "đọc đề xuất");
}

#define SQL_PROPOSERS \
    "SELECT pr.id, pr.person_id, pe.full_name, pr.is_lead, pr.position, u.code AS unit_code, " \
    "u.name AS unit_name FROM proposers pr JOIN people pe ON pe.id = pr.person_id " \
    "LEFT JOIN units u ON u.id = pr.unit_id WHERE pr.proposal_id = ?1 AND pr.deleted = 0 " \
    "ORDER BY pr.is_lead DESC, pr.ord"
#define SQL_OPINIONS \
    "SELECT id, opinion_date, reviewer, recommendation, party_committee, text, event_id " \
    "FROM opinions WHERE proposal_id = ?1 AND deleted = 0 ORDER BY opinion_date, id"
/* votes.stage: the review of the plan (Art. 8(1)) or the evaluation of
 * its result; the text shows each under its own heading. */
#define SQL_VOTES_SEL \
    "SELECT id, vote_date, members, votes_for, votes_against, abstain, head_vote, " \
    "deputy_excluded, passed, event_id, stage FROM votes WHERE proposal_id = ?1 AND deleted = 0 "
#define SQL_VOTES SQL_VOTES_SEL "ORDER BY vote_date, id"
#define SQL_VOTES_REVIEW SQL_VOTES_SEL "AND stage = 'review' ORDER BY vote_date, id"
#define SQL_VOTES_EVAL SQL_VOTES_SEL "AND stage = 'evaluation' ORDER BY vote_date, id"
#define SQL_DECISIONS \
    "SELECT d.id, d.kind, d.doc_no, d.doc_date, d.signer, d.pilot_scope, d.milestones, " \
    "su.code AS supervising_unit_code, su.name AS supervising_unit_name, d.reject_reasons, " \
    "d.reject_detail, d.override, d.override_reason, d.event_id FROM decisions d " \
    "LEFT JOIN units su ON su.id = d.supervising_unit_id " \
    "WHERE d.proposal_id = ?1 AND d.deleted = 0 ORDER BY d.doc_date, d.id"
#define SQL_RESOURCES \
    "SELECT r.kind, r.amount, r.description, d.doc_no FROM resources r " \
    "JOIN decisions d ON d.id = r.decision_id WHERE r.proposal_id = ?1 AND r.deleted = 0 " \
    "ORDER BY d.doc_date, r.id"
#define SQL_ADJUST \
    "SELECT id, doc_no, doc_date, signer, reason, period_to_old, period_to, scope_change, " \
    "resources_change FROM adjustments WHERE proposal_id = ?1 AND deleted = 0 " \
    "ORDER BY doc_date, id"
#define SQL_MONITORING \
    "SELECT id, entry_date, kind, by_whom, progress, findings, problems, support, " \
    "adjustments, violation, violation_detail, corrective_action, event_id FROM monitoring " \
    "WHERE proposal_id = ?1 AND deleted = 0 ORDER BY entry_date, id"
#define SQL_RESULTS \
    "SELECT id, completion_date, report_date, due_date, results, event_id FROM result_reports " \
    "WHERE proposal_id = ?1 AND deleted = 0 ORDER BY report_date, id"
#define SQL_EVALUATIONS \
    "SELECT id, meeting_date, due_date, outcome, damage, damage_estimate, objective_causes, " \
    "subjective_causes, in_line_policy, clean_motive, common_good, no_prohibited_act, abuse, " \
    "suggested_measure, protection_measure, doc_no, doc_date, event_id FROM evaluations " \
    "WHERE proposal_id = ?1 AND deleted = 0 ORDER BY meeting_date, id"
#define SQL_REPLICATIONS \
    "SELECT id, kind, doc_no, doc_date, text, target_units, adopting_units, event_id " \
    "FROM replications WHERE proposal_id = ?1 AND deleted = 0 ORDER BY doc_date, id"
#define SQL_COMMENDATIONS \
    "SELECT id, person_id, person_name, form, doc_no, doc_date, issuer_level, note, event_id " \
    "FROM commendations WHERE proposal_id = ?1 AND deleted = 0 ORDER BY doc_date, id"
/* The register of document numbers (docreg.c) and the files filed with the
 * proposal (attach.c; the content itself is exported by attachment get). */
#define SQL_DOCREG \
    "SELECT r.id, r.doc_no, r.doc_date, r.action, r.signer, r.sign_form, " \
    "coalesce(u.name, '') AS issuer, r.issuer_level, r.event_id FROM doc_register r " \
    "LEFT JOIN units u ON u.id = r.issuer_unit_id WHERE r.proposal_id = ?1 AND r.deleted = 0 " \
    "ORDER BY r.doc_date, r.id"
#define SQL_ATTACH \
    "SELECT id, kind, title, filename, mime, size, sha256, created_at, event_id " \
    "FROM attachments WHERE proposal_id = ?1 AND deleted = 0 ORDER BY created_at, id"
#define SQL_VERSIONS \
    "SELECT revision, created_at FROM proposal_versions WHERE proposal_id = ?1 ORDER BY revision"
/* Events by time: ids are partitioned by site, so they do not order. */
#define SQL_EVENTS \
    "SELECT id, at, username, action, from_state, to_state, comment, doc_no, doc_date, " \
    "CASE WHEN json_valid(data) THEN data ELSE json_quote(data) END AS data " \
    "FROM events WHERE proposal_id = ?1 ORDER BY at, id"

int proposal_show_json(st_db *db, const st_actor *who, const char *code,
                       char **json, st_err *e)
{
    *json = NULL;
    proposal_head h;
    int rc = proposal_get_head(db, who, code, &h, e);
    if (rc) return rc;
    sqlite3_stmt *st;
    if ((rc = db_prepare(db, "SELECT p.*, eu.code, eu.name, cu.code, cu.name, f.code, f.name "
                         "FROM proposals p JOIN units eu ON eu.id = p.employing_unit_id "
                         "JOIN units cu ON cu.id = p.competent_unit_id "
                         "LEFT JOIN fields f ON f.id = p.field_id WHERE p.id = ?", &st, e)))
        return rc;
    sqlite3_bind_int64(st, 1, h.id);
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        return db_fail(db, e, "đọc đề xuất");
    }
    sbuf b;
    sbuf_init(&b);
    int n = sqlite3_column_count(st) - 6;
    json_row_open(&b, st, n, NULL);
    sbuf_add(&b, ",\"state_label\":");
    sbuf_json_str(&b, wf_state_label(h.state));
    static const char *const keys[] = {"employing_unit", "competent_unit", "field"};
    for (int k = 0; k < 3; k++) {
        sbuf_addf(&b, ",\"%s\":", keys[k]);
        if (sqlite3_column_type(st, n + 2 * k) == SQLITE_NULL) { sbuf_add(&b, "null"); continue; }
        sbuf_add(&b, "{\"code\":");
        sbuf_json_str(&b, db_col_text(st, n + 2 * k));
        sbuf_add(&b, ",\"name\":");
        sbuf_json_str(&b, db_col_text(st, n + 2 * k + 1));
        sbuf_add(&b, "}");
    }
    sqlite3_finalize(st);
    static const struct { const char *key, *sql, *raw; } lists[] = {
        {"proposers", SQL_PROPOSERS, NULL}, {"opinions", SQL_OPINIONS, NULL},
        {"votes", SQL_VOTES, NULL}, {"decisions", SQL_DECISIONS, NULL},
        {"monitoring", SQL_MONITORING, NULL}, {"result_reports", SQL_RESULTS, NULL},
        {"evaluations", SQL_EVALUATIONS, NULL}, {"replications", SQL_REPLICATIONS, NULL},
        {"commendations", SQL_COMMENDATIONS, NULL}, {"documents", SQL_DOCREG, NULL},
        {"attachments", SQL_ATTACH, NULL}, {"versions", SQL_VERSIONS, NULL},
        {"events", SQL_EVENTS, "data"},
    };
    for (size_t k = 0; k < sizeof lists / sizeof lists[0] && !rc; k++)
        rc = json_list(db, &b, lists[k].key, lists[k].sql, h.id, lists[k].raw, e);
    sbuf_add(&b, "}");
    if (!rc && b.oom) rc = err_set(e, ST_ENOMEM, "hết bộ nhớ");
    if (rc) { sbuf_free(&b); return rc; }
    *json = sbuf_take(&b);
    return ST_OK;
}

/* ---- text ------------------------------------------------------------ */

/* The label of a choice value, from the workflow's field tables (a field of
 * the same name first) so that no label is written twice. */
static const char *choice_label(const char *col, const char *v, char *buf, int n)
{
    for (int pass = 0; pass < 2; pass++)
        for (int a = 0; a < wf_action_count(); a++) {
            const wf_action *act = wf_action_at(a);
            for (int i = 0; i < wf_action_nfields(act); i++) {
                const fielddef *fd = wf_action_field(act, i);
                if (!fd->choices || (pass == 0 && strcmp(fd->name, col) != 0)) continue;
                const char *l = field_choice_label(fd, v, buf, n);
                if (l != v) return l;
            }
        }
    /* Values that only the schema knows (no action field offers them). */
    static const char *const extra[][2] = {
        {"funding", "Kinh phí"}, {"people", "Nhân lực"}, {"equipment", "Trang thiết bị"},
        {"facilities", "Cơ sở vật chất"}, {"proposal", "Đề xuất nhân rộng"},
        {"decision", "Quyết định nhân rộng"}, {"declined", "Không nhân rộng"},
    };
    for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
        if (strcmp(v, extra[i][0]) == 0) return extra[i][1];
    return v;
}

static const char *event_state(const char *name)
{
    int s = wf_state_parse(name);
    return s >= 0 ? wf_state_label(s) : name;
}

/* How one column prints: 't' text, 'l' long text, 'd' date, 'm' money,
 * 'b' yes/no, 'B' yes or nothing, 'c' choice, 's' set of choices, 'M'
 * protection measure, 'i' integer, 'I' integer unless 0, 'p' percent,
 * 'a' workflow action, '-' hidden. */
typedef struct colfmt { const char *label; char kind; } colfmt;

static void put_value(FILE *out, const char *label, char kind, const char *col, const char *v)
{
    char buf[160], dbuf[11];
    st_day d;
    if (!*v || kind == '-' || ((kind == 'B' || kind == 'I') && strcmp(v, "0") == 0)) return;
    if (kind == 'B') kind = 'b';
    if (kind == 'm') {
        money_format(strtoll(v, NULL, 10), buf, sizeof buf);
        v = buf;
    } else if (kind == 'b') {
        v = strcmp(v, "0") ? "Có" : "Không";
    } else if (kind == 'd' && date_parse(v, &d, NULL) == ST_OK) {
        date_vn(d, dbuf);
        v = dbuf;
    } else if (kind == 'c') {
        v = choice_label(col, v, buf, sizeof buf);
    } else if (kind == 'M') {
        v = wf_measure_label(v);
    } else if (kind == 'a') {
        const wf_action *act = wf_action_find(v);
        if (act) v = wf_action_label(act);
    } else if (kind == 'p') {
        snprintf(buf, sizeof buf, "%s%%", v);
        v = buf;
    }
    if (kind == 's') {
        fprintf(out, "    %s: ", label);
        for (const char *p = v; *p;) {
            const char *c = strchr(p, ',');
            char one[64];
            snprintf(one, sizeof one, "%.*s", (int)(c ? c - p : (long)strlen(p)), p);
            fprintf(out, "%s%s", p == v ? "" : "; ", choice_label(col, one, buf, sizeof buf));
            p = c ? c + 1 : p + strlen(p);
        }
        fputc('\n', out);
        return;
    }
    /* Stored text is untrusted: no escape sequences reach the terminal. */
    char *safe = text_sanitize(v, kind == 'l');
    if (kind == 'l' && strchr(safe, '\n')) {
        fprintf(out, "    %s:\n", label);
        for (char *line = safe, *nl; line; line = nl) {
            if ((nl = strchr(line, '\n'))) *nl++ = '\0';
            fprintf(out, "        %s\n", line);
        }
    } else {
        fprintf(out, "    %s: %s\n", label, safe ? safe : "");
    }
    free(safe);
}

/* Print every row of a query under its heading (printed once, on the
 * first row of any sub-list).  Returns the ST_ code. */
static int text_list(st_db *db, FILE *out, const char *heading, int *heading_done,
                     const char *sub, const char *sql, int64_t id, const colfmt *cols, st_err *e)
{
    sqlite3_stmt *st;
    int rc = db_prepare(db, sql, &st, e);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, id);
    int n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (!*heading_done) { fprintf(out, "\n%s\n", heading); *heading_done = 1; }
        fprintf(out, "  %s %d:\n", sub, ++n);
        for (int i = 0; cols[i].label; i++)
            put_value(out, cols[i].label, cols[i].kind, sqlite3_column_name(st, i),
                      db_col_text(st, i));
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? ST_OK : db_fail(db, e, "đọc đề xuất");
}

static const colfmt C_OPINION[] = {{"-", '-'}, {"Ngày", 'd'}, {"Người cho ý kiến", 't'},
    {"Đề nghị", 'c'}, {"Ý kiến cấp ủy cùng cấp", 'b'}, {"Nội dung", 'l'}, {NULL, 0}};
static const colfmt C_VOTE[] = {{"-", '-'}, {"Ngày", 'd'}, {"Số thành viên", 'i'},
    {"Tán thành", 'i'}, {"Không tán thành", 'i'}, {"Không biểu quyết", 'i'},
    {"Phiếu người đứng đầu", 'c'}, {"Cấp phó là người đề xuất (không biểu quyết)", 'I'},
    {"Thông qua", 'b'}, {NULL, 0}};
static const colfmt C_DECISION[] = {{"-", '-'}, {"Loại", 'c'}, {"Số văn bản", 't'},
    {"Ngày ký", 'd'}, {"Người ký", 't'}, {"Phạm vi thí điểm", 'l'}, {"Mốc thực hiện", 'l'},
    {"-", '-'}, {"Đơn vị giám sát", 't'}, {"Lý do không chấp thuận", 's'}, {"Chi tiết", 'l'},
    {"Người đứng đầu quyết định khác kết quả biểu quyết", 'B'}, {"Lý do", 'l'}, {NULL, 0}};
static const colfmt C_RESOURCE[] = {{"Loại", 'c'}, {"Số tiền", 'm'}, {"Mô tả", 'l'},
    {"Theo văn bản", 't'}, {NULL, 0}};
static const colfmt C_MONITOR[] = {{"-", '-'}, {"Ngày", 'd'}, {"Hình thức", 'c'},
    {"Người thực hiện", 't'}, {"Tiến độ", 'p'}, {"Kết quả theo dõi", 'l'},
    {"Khó khăn, vướng mắc", 'l'}, {"Hỗ trợ, tháo gỡ", 'l'}, {"Điều chỉnh", 'l'},
    {"Phát hiện vi phạm", 'b'}, {"Nội dung vi phạm", 'l'}, {"Biện pháp chấn chỉnh", 'l'},
    {NULL, 0}};
static const colfmt C_ADJUST[] = {{"-", '-'}, {"Số quyết định", 't'}, {"Ngày ký", 'd'},
    {"Người ký", 't'}, {"Lý do", 'l'}, {"Thực hiện đến ngày (cũ)", 'd'},
    {"Thực hiện đến ngày (mới)", 'd'}, {"Điều chỉnh phạm vi", 'l'},
    {"Điều chỉnh nguồn lực", 'l'}, {NULL, 0}};
static const colfmt C_RESULT[] = {{"-", '-'}, {"Ngày hoàn thành", 'd'},
    {"Ngày báo cáo", 'd'}, {"Hạn báo cáo", 'd'}, {"Kết quả so với mục tiêu", 'l'}, {NULL, 0}};
static const colfmt C_EVAL[] = {{"-", '-'}, {"Ngày họp", 'd'}, {"Hạn đánh giá", 'd'},
    {"Kết quả", 'c'}, {"Có thiệt hại", 'b'}, {"Ước tính thiệt hại", 'm'},
    {"Nguyên nhân khách quan", 'l'}, {"Nguyên nhân chủ quan", 'l'},
    {"Đúng chủ trương", 'b'}, {"Động cơ trong sáng", 'b'}, {"Vì lợi ích chung", 'b'},
    {"Không có hành vi bị cấm", 'b'}, {"Lợi dụng, vụ lợi, tham nhũng, tiêu cực", 'b'},
    {"Biện pháp gợi ý", 'M'}, {"Biện pháp bảo vệ", 'M'}, {"Số văn bản", 't'},
    {"Ngày văn bản", 'd'}, {NULL, 0}};
static const colfmt C_REPL[] = {{"-", '-'}, {"Loại", 'c'}, {"Số văn bản", 't'},
    {"Ngày", 'd'}, {"Nội dung", 'l'}, {"Đơn vị đề xuất nhân rộng", 'l'},
    {"Đơn vị áp dụng", 'l'}, {NULL, 0}};
static const colfmt C_COMMEND[] = {{"-", '-'}, {"-", '-'}, {"Người được khen", 't'},
    {"Hình thức", 'c'}, {"Số quyết định", 't'}, {"Ngày", 'd'}, {"Cấp ban hành", 'c'},
    {"Ghi chú", 'l'}, {NULL, 0}};
static const colfmt C_DOCREG[] = {{"-", '-'}, {"Số văn bản", 't'}, {"Ngày ký", 'd'},
    {"Thao tác", 'a'}, {"Người ký", 't'}, {"Hình thức ký", 'c'}, {"Cơ quan ban hành", 't'},
    {"Cấp ban hành", 'c'}, {NULL, 0}};

/* The files filed with the proposal, three lines each: kind and title;
 * file, type, size, when, and the number `attachment get` takes; the
 * SHA-256 kept. */
static int text_attachments(st_db *db, FILE *out, int64_t id, st_err *e)
{
    sqlite3_stmt *st;
    int rc = db_prepare(db, "SELECT id, kind, title, filename, mime, size, "
                        "strftime('%d/%m/%Y %H:%M', created_at, 'localtime'), sha256 "
                        "FROM attachments WHERE proposal_id = ?1 AND deleted = 0 "
                        "ORDER BY created_at, id", &st, e);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, id);
    int n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (!n++) fprintf(out, "\nTài liệu đính kèm\n");
        char kbuf[160], size[32];
        const char *kind = field_choice_label(attach_kind_field(), db_col_text(st, 1), kbuf,
                                              sizeof kbuf);
        char *title = text_sanitize(db_col_text(st, 2), 0), *file = text_sanitize(db_col_text(st, 3), 0);
        attach_size_text(sqlite3_column_int64(st, 5), size);
        fprintf(out, "  Tệp %d: %s%s%s\n", n, kind, title && *title ? " — " : "",
                title ? title : "");
        fprintf(out, "    %s · %s · %s · %s · số %lld\n", file ? file : "",
                attach_type_name(db_col_text(st, 4)), size, db_col_text(st, 6),
                (long long)sqlite3_column_int64(st, 0));
        fprintf(out, "    SHA-256: %s\n", db_col_text(st, 7));
        free(title);
        free(file);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? ST_OK : db_fail(db, e, "đọc tệp đính kèm");
}

static void print_head(FILE *out, sqlite3_stmt *st, const proposal_head *h)
{
    char *title = text_sanitize(db_col_text(st, 0), 0);
    fprintf(out, "%s — %s\n", h->code, title ? title : "");
    free(title);
    fprintf(out, "    Trạng thái: %s\n", wf_state_label(h->state));
    put_value(out, "Lĩnh vực", 't', "", db_col_text(st, 1));
    for (int k = 0; k < 2; k++) {
        char *u = text_sanitize(db_col_text(st, 2 + 2 * k), 0);
        fprintf(out, "    %s: %s (%s)\n", k ? "Cấp có thẩm quyền" : "Đơn vị công tác",
                u ? u : "", db_col_text(st, 3 + 2 * k));
        free(u);
    }
    fprintf(out, "    Phiên bản: %lld; lần gửi: %s; lập: %s; sửa: %s\n", (long long)h->version,
            db_col_text(st, 6), db_col_text(st, 7), db_col_text(st, 8));
}

int proposal_show_text(st_db *db, const st_actor *who, const char *code,
                       FILE *out, st_err *e)
{
    proposal_head h;
    int rc = proposal_get_head(db, who, code, &h, e);
    if (rc) return rc;
    /* The head, then every content column of the form table. */
    sbuf sql;
    sbuf_init(&sql);
    sbuf_add(&sql, "SELECT p.title, f.name, eu.name, eu.code, cu.name, cu.code, p.revision, "
             "strftime('%d/%m/%Y %H:%M', p.created_at, 'localtime'), "
             "strftime('%d/%m/%Y %H:%M', p.updated_at, 'localtime'), p.received_date, "
             "p.due_date, p.due_kind");
    for (int i = 0; i < proposal_nfields(); i++)
        if (proposal_field_column(i) && strcmp(proposal_field_column(i), "title"))
            sbuf_addf(&sql, ", p.%s", proposal_field_column(i));
    sbuf_add(&sql, " FROM proposals p JOIN units eu ON eu.id = p.employing_unit_id "
             "JOIN units cu ON cu.id = p.competent_unit_id "
             "LEFT JOIN fields f ON f.id = p.field_id WHERE p.id = ?");
    sqlite3_stmt *st = NULL;
    rc = sql.oom ? err_set(e, ST_ENOMEM, "hết bộ nhớ") : db_prepare(db, sbuf_str(&sql), &st, e);
    sbuf_free(&sql);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, h.id);
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        return db_fail(db, e, "đọc đề xuất");
    }
    print_head(out, st, &h);

    sqlite3_stmt *pr;
    if ((rc = db_prepare(db, SQL_PROPOSERS, &pr, e))) { sqlite3_finalize(st); return rc; }
    sqlite3_bind_int64(pr, 1, h.id);
    while (sqlite3_step(pr) == SQLITE_ROW) {
        char *nm = text_sanitize(db_col_text(pr, 2), 0), *pos = text_sanitize(db_col_text(pr, 4), 0),
             *un = text_sanitize(db_col_text(pr, 6), 0);
        fprintf(out, "    %s: %s%s%s%s%s\n", sqlite3_column_int(pr, 3) ? "Tác giả chính" : "Đồng tác giả",
                nm ? nm : "", pos && *pos ? ", " : "", pos ? pos : "", un && *un ? ", " : "", un ? un : "");
        free(nm); free(pos); free(un);
    }
    sqlite3_finalize(pr);

    int done = 0, col = 12;
    for (int i = 0; i < proposal_nfields(); i++) {
        const fielddef *fd = proposal_field(i);
        const char *c = proposal_field_column(i);
        if (!c || strcmp(c, "title") == 0) continue;
        const char *v = db_col_text(st, col++);
        if (!*v || (fd->type == FT_MONEY && strcmp(v, "0") == 0)) continue;
        if (!done) { fprintf(out, "\nNội dung\n"); done = 1; }
        char kind = fd->type == FT_DATE ? 'd' : fd->type == FT_MONEY ? 'm' :
                    fd->type == FT_LONGTEXT ? 'l' : 't';
        if (fd->type == FT_ENUM) {
            char buf[160];
            put_value(out, fd->label, 't', c, field_choice_label(fd, v, buf, sizeof buf));
        } else {
            put_value(out, fd->label, kind, c, v);
        }
    }

    done = 0;
    /* The running clock is named for what it waits for: after start it is
     * the report's deadline, not the review's. */
    const char *due = db_col_text(st, 10), *due_kind = db_col_text(st, 11);
    int review_clock = strcmp(due_kind, "review") == 0;
    if (*due && !review_clock) {
        fprintf(out, "\nThời hạn\n");
        put_value(out, strcmp(due_kind, "report") == 0 ? "Hạn báo cáo kết quả"
                       : strcmp(due_kind, "evaluation") == 0 ? "Hạn đánh giá" : "Hạn xử lý",
                  'd', "", due);
    }
    if (*db_col_text(st, 9) || (*due && review_clock)) {
        fprintf(out, "\nXem xét\n");
        done = 1;
        put_value(out, "Ngày tiếp nhận", 'd', "", db_col_text(st, 9));
        if (review_clock) put_value(out, "Hạn xem xét", 'd', "", due);
    }
    sqlite3_finalize(st);
    static const struct { const char *heading, *sub, *sql; const colfmt *cols; } sec[] = {
        {"Xem xét", "Ý kiến", SQL_OPINIONS, C_OPINION},
        {"Xem xét", "Biểu quyết", SQL_VOTES_REVIEW, C_VOTE},
        {"Quyết định", "Quyết định", SQL_DECISIONS, C_DECISION},
        {"Quyết định", "Nguồn lực được cấp", SQL_RESOURCES, C_RESOURCE},
        {"Theo dõi", "Lần", SQL_MONITORING, C_MONITOR},
        {"Theo dõi", "Quyết định điều chỉnh", SQL_ADJUST, C_ADJUST},
        {"Kết quả", "Báo cáo", SQL_RESULTS, C_RESULT},
        {"Đánh giá", "Lần", SQL_EVALUATIONS, C_EVAL},
        {"Đánh giá", "Biểu quyết", SQL_VOTES_EVAL, C_VOTE},
        {"Nhân rộng", "Mục", SQL_REPLICATIONS, C_REPL},
        {"Khen thưởng", "Mục", SQL_COMMENDATIONS, C_COMMEND},
        {"Sổ văn bản", "Văn bản", SQL_DOCREG, C_DOCREG},
    };
    for (size_t k = 0; k < sizeof sec / sizeof sec[0] && !rc; k++) {
        if (k && strcmp(sec[k].heading, sec[k - 1].heading)) done = 0;
        rc = text_list(db, out, sec[k].heading, &done, sec[k].sub, sec[k].sql, h.id, sec[k].cols, e);
    }
    if (!rc) rc = text_attachments(db, out, h.id, e);
    if (rc || (rc = db_prepare(db, "SELECT strftime('%d/%m/%Y %H:%M', at, 'localtime'), username, "
                               "action, from_state, to_state, comment, doc_no, "
                               "CASE WHEN action = 'edit' AND json_valid(data) THEN (SELECT "
                               "group_concat(json_extract(value, '$.field'), ', ') FROM "
                               "json_each(data, '$.changes')) END FROM events "
                               "WHERE proposal_id = ? ORDER BY at, id", &st, e)))
        return rc;
    sqlite3_bind_int64(st, 1, h.id);
    done = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (!done++) fprintf(out, "\nLịch sử\n");
        const wf_action *a = wf_action_find(db_col_text(st, 2));
        const char *from = db_col_text(st, 3), *to = db_col_text(st, 4);
        char *who_s = text_sanitize(db_col_text(st, 1), 0), *cmt = text_sanitize(db_col_text(st, 5), 0),
             *doc = text_sanitize(db_col_text(st, 6), 0), *chg = text_sanitize(db_col_text(st, 7), 0);
        fprintf(out, "  %s  %s  %s", db_col_text(st, 0), who_s ? who_s : "",
                a ? wf_action_label(a) : strcmp(db_col_text(st, 2), "attach") == 0
                    ? "Đính kèm tài liệu" : db_col_text(st, 2));
        if (*to && strcmp(from, to)) fprintf(out, " (%s%s%s)", *from ? event_state(from) : "",
                                             *from ? " → " : "→ ", event_state(to));
        if (chg && *chg) fprintf(out, " [%s]", chg);
        if (doc && *doc) fprintf(out, " — văn bản %s", doc);
        if (cmt && *cmt) fprintf(out, ": %s", cmt);
        fputc('\n', out);
        free(who_s); free(cmt); free(doc); free(chg);
    }
    sqlite3_finalize(st);
    if ((rc = db_prepare(db, SQL_VERSIONS, &st, e))) return rc;
    sqlite3_bind_int64(st, 1, h.id);
    while (sqlite3_step(st) == SQLITE_ROW)
        fprintf(out, "  Bản lưu lần gửi %d: %s\n", sqlite3_column_int(st, 0), db_col_text(st, 1));
    sqlite3_finalize(st);
    return ferror(out) ? err_set(e, ST_EIO, "không ghi được kết quả") : ST_OK;
}

/* ---- history --------------------------------------------------------- */

int proposal_history(st_db *db, const st_actor *who, const char *code,
                     event_row_cb cb, void *ud, st_err *e)
{
    proposal_head h;
    int rc = proposal_get_head(db, who, code, &h, e);
    sqlite3_stmt *st;
    if (rc || (rc = db_prepare(db, "SELECT id, at, username, action, from_state, to_state, "
                               "comment, doc_no, doc_date, data FROM events "
                               "WHERE proposal_id = ? ORDER BY at, id", &st, e)))
        return rc;
    sqlite3_bind_int64(st, 1, h.id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        event_row r = {
            .id = sqlite3_column_int64(st, 0), .at = db_col_text(st, 1),
            .username = db_col_text(st, 2), .action = db_col_text(st, 3),
            .from_state = db_col_text(st, 4), .to_state = db_col_text(st, 5),
            .comment = db_col_text(st, 6), .doc_no = db_col_text(st, 7),
            .doc_date = db_col_text(st, 8), .data = db_col_text(st, 9),
        };
        if (cb && cb(&r, ud)) { rc = SQLITE_DONE; break; }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? ST_OK : db_fail(db, e, "đọc lịch sử");
}
