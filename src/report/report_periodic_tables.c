/* The periodic review's tables: created in document order, then filled
 * from the counts report_periodic.c gathered; and dissemination coverage. */
#include <stdlib.h>
#include <string.h>

#include "report_periodic.h"
#include "flow/workflow.h"

static const struct { const char *key, *label; } mdef[M_COUNT] = {
    {"received", "Đề xuất tiếp nhận (gửi lần đầu)"},
    {"implement", "Quyết định cho thực hiện"},
    {"pilot", "Quyết định cho thí điểm"},
    {"rejected", "Không chấp thuận"},
    {"returned", "Trả lại để hoàn thiện"},
    {"started", "Bắt đầu triển khai"},
    {"suspend", "Lượt tạm dừng"},
    {"terminated", "Đình chỉ do vi phạm"},
    {"reported", "Đã báo cáo kết quả"},
    {"evaluated", "Đã đánh giá kết quả"},
    {"completed", "- Hoàn thành"},
    {"partial", "- Hoàn thành một phần"},
    {"not_completed", "- Không hoàn thành"},
    {"damage", "- Có thiệt hại"},
    {"replication_proposed", "Đề xuất nhân rộng"},
    {"replicated", "Quyết định nhân rộng"},
    {"replication_declined", "Không nhân rộng"},
    {"commendations", "Lượt khen thưởng, biểu dương"},
    {"running", "Đang triển khai (cuối kỳ)"},
    {"suspended", "Đang tạm dừng (cuối kỳ)"},
    {"overdue", "Chậm báo cáo kết quả (cuối kỳ)"},
    {"sessions", "Buổi học tập, quán triệt, tuyên truyền"},
    {"participants", "Lượt người tham dự"},
    {"units_held", "Đơn vị đã tổ chức học tập, quán triệt"},
};
/* The order of the summary table. */
static const int summary_order[] = {
    M_RECEIVED, M_IMPLEMENT, M_PILOT, M_REJECT, M_RETURN, M_START, M_RUNNING, M_SUSPENDED,
    M_SUSPEND, M_TERMINATE, M_OVERDUE, M_REPORT, M_EVAL, M_COMPLETED, M_PARTIAL, M_NOTCOMPL,
    M_DAMAGE, M_REPL_PROP, M_REPL_DEC, M_REPL_DECL, M_COMMEND, M_SESSIONS, M_PARTICIPANTS,
    M_UNITS_HELD};
#define NSUMMARY (int)(sizeof summary_order / sizeof summary_order[0])

/* The choices of an action's field, for their labels. */
static const fielddef *choice_field(const char *action, const char *field)
{
    const wf_action *a = wf_action_find(action);
    for (int i = 0; a && i < wf_action_nfields(a); i++)
        if (strcmp(wf_action_field(a, i)->name, field) == 0) return wf_action_field(a, i);
    return NULL;
}

static const char *choice_label(const char *action, const char *field, const char *v,
                                char *buf, int n)
{
    const fielddef *f = choice_field(action, field);
    return f ? field_choice_label(f, v, buf, n) : v;
}

int report_periodic_tables(pctx *c)
{
    report *r = c->r;
    char t[200];
    c->tb[T_SUMMARY] = rt_add(r, "summary", "Tổng hợp", "Các chỉ tiêu chính",
        "stt:TT:t|key:Mã chỉ tiêu:k|label:Chỉ tiêu:t|current:Kỳ này:i|previous:Kỳ trước:i|"
        "change:Tăng, giảm:i");
    c->tb[T_BY_UNIT] = rt_add(r, "by_unit", "Theo đơn vị", "Đề xuất theo đơn vị",
        "code:Mã đơn vị:k|unit:Đơn vị:t|received:Tiếp nhận:i|implement:Cho thực hiện:i|"
        "pilot:Cho thí điểm:i|rejected:Không chấp thuận:i|returned:Trả lại:i|"
        "running:Đang triển khai:i|overdue:Chậm báo cáo:i|evaluated:Đã đánh giá:i");
    c->tb[T_BY_FIELD] = rt_add(r, "by_field", "Theo lĩnh vực", "Đề xuất theo lĩnh vực",
        "field:Lĩnh vực:t|received:Tiếp nhận:i|previous:Tiếp nhận kỳ trước:i|"
        "approved:Được chấp thuận:i|rejected:Không chấp thuận:i|evaluated:Đã đánh giá:i");
    c->tb[T_BY_MONTH] = rt_add(r, "by_month", "Theo tháng", "Diễn biến theo tháng",
        "month:Tháng:t|key:Tháng (ISO):k|received:Tiếp nhận:i|decisions:Quyết định:i|"
        "evaluated:Đánh giá kết quả:i");
    c->tb[T_REASONS] = rt_add(r, "reject_reasons", "Lý do không chấp thuận",
        "Lý do không chấp thuận", "reason:Lý do:t|key:Mã lý do:k|count:Số quyết định:i");
    c->tb[T_DECISIONS] = rt_add(r, "decisions", "Không chấp thuận, trả lại",
        "Đề xuất không chấp thuận, trả lại và lý do",
        "code:Mã:t|title:Tên đề xuất:t+|unit:Đơn vị:t|decision:Quyết định:t|"
        "doc_no:Số văn bản:t+|date:Ngày:d+|reason:Lý do:t");
    char d[11];
    st_day day;
    date_parse(c->end, &day, NULL);
    date_vn(day, d);
    snprintf(t, sizeof t, "Đề xuất chậm báo cáo kết quả (tính đến ngày %s)", d);
    c->tb[T_OVERDUE] = rt_add(r, "overdue_pilots", "Chậm báo cáo", t,
        "code:Mã:t|title:Tên đề xuất:t+|unit:Đơn vị:t|kind:Hình thức:t|"
        "planned_end:Kết thúc dự kiến:d|report_due:Hạn báo cáo:d|"
        "days_late:Số ngày làm việc chậm:i");
    c->tb[T_RESULTS] = rt_add(r, "results", "Kết quả", "Kết quả thực hiện (đánh giá trong kỳ)",
        "outcome:Kết quả:t|key:Mã:k|total:Số đề xuất:i|no_damage:Không thiệt hại:i|"
        "damage:Có thiệt hại:i");
    c->tb[T_PROTECTION] = rt_add(r, "protection", "Bảo vệ cán bộ",
        "Bảo vệ cán bộ: biện pháp đã xác nhận khi đánh giá",
        "measure:Biện pháp:t|key:Mã:k|current:Kỳ này:i|previous:Kỳ trước:i");
    c->tb[T_REPLICATION] = rt_add(r, "replication", "Nhân rộng",
        "Đề xuất và quyết định nhân rộng",
        "code:Mã:t|title:Tên đề xuất:t+|kind:Nội dung:t|units:Đơn vị dự kiến, áp dụng:t|"
        "doc_no:Số văn bản:t|date:Ngày:d+");
    c->tb[T_COMMEND] = rt_add(r, "commendations", "Khen thưởng",
        "Biểu dương, khen thưởng theo hình thức",
        "form:Hình thức:t|key:Mã:k|current:Kỳ này:i|previous:Kỳ trước:i");
    c->tb[T_COMMEND_LIST] = rt_add(r, "commendation_list", "Danh sách khen thưởng",
        "Danh sách cán bộ được biểu dương, khen thưởng",
        "person:Họ và tên:t|form:Hình thức:t|code:Đề xuất:t|doc_no:Số quyết định:t|date:Ngày:d+");
    c->tb[T_DISSEM] = rt_add(r, "dissemination", "Học tập quán triệt",
        "Học tập, quán triệt, tuyên truyền Kết luận 14-KL/TW",
        "code:Mã đơn vị:k|unit:Đơn vị:t|units:Số đơn vị:i|held:Đã tổ chức:i|"
        "not_held:Chưa tổ chức:i|sessions:Số buổi:i|participants:Lượt người tham dự:i");
    c->tb[T_DISSEM_MISSING] = rt_add(r, "dissemination_missing", "Chưa quán triệt",
        "Đơn vị chưa tổ chức học tập, quán triệt trong kỳ",
        "code:Mã đơn vị:t|unit:Đơn vị:t|group:Thuộc:t");
    for (int i = 0; i < T_COUNT; i++)
        if (!c->tb[i]) return err_set(c->e, ST_ENOMEM, "hết bộ nhớ");
    report_table *x = c->tb[T_BY_UNIT];
    x->chart = RCH_BARS, x->chart_label = 1, x->chart_value = 2;
    x = c->tb[T_BY_FIELD];
    x->chart = RCH_BARS, x->chart_label = 0, x->chart_value = 1;
    x = c->tb[T_BY_MONTH];
    x->chart = RCH_COLUMNS, x->chart_label = 0, x->chart_value = 2;
    x = c->tb[T_DISSEM];
    x->chart = RCH_BARS, x->chart_label = 1, x->chart_value = 6;
    return ST_OK;
}

/* Units of the subtree with their sessions in the period and the one before. */
int report_periodic_dissemination(pctx *c)
{
    sqlite3_stmt *st;
    int rc = db_prepare(c->db,
        "SELECT u.id, u.code, u.name, coalesce((SELECT idx FROM rg WHERE rg.id = "
        " CAST(substr(u.x, 1, instr(u.x, '/') - 1) AS INTEGER)), 0),"
        " (SELECT count(*) FROM dissemination d WHERE d.unit_id = u.id AND d.deleted = 0"
        "  AND d.session_date BETWEEN ?2 AND ?3),"
        " (SELECT coalesce(sum(participants), 0) FROM dissemination d WHERE d.unit_id = u.id"
        "  AND d.deleted = 0 AND d.session_date BETWEEN ?2 AND ?3),"
        " (SELECT count(*) FROM dissemination d WHERE d.unit_id = u.id AND d.deleted = 0"
        "  AND d.session_date BETWEEN ?4 AND ?5),"
        " (SELECT coalesce(sum(participants), 0) FROM dissemination d WHERE d.unit_id = u.id"
        "  AND d.deleted = 0 AND d.session_date BETWEEN ?4 AND ?5) "
        "FROM (SELECT id, code, name, substr(path, length(?1) + 1) AS x FROM units "
        "      WHERE deleted = 0 AND substr(path, 1, length(?1)) = ?1) u ORDER BY u.code",
        &st, c->e);
    if (rc) return rc;
    sqlite3_bind_text(st, 1, c->u.path, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, c->from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, c->to, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, c->pfrom, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, c->pto, -1, SQLITE_STATIC);
    report_table *miss = c->tb[T_DISSEM_MISSING];
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int g = sqlite3_column_int(st, 3);
        long n = sqlite3_column_int(st, 4), people = (long)sqlite3_column_int64(st, 5);
        long pn = sqlite3_column_int(st, 6), ppeople = (long)sqlite3_column_int64(st, 7);
        if (g < 0 || g >= c->ng) g = 0;
        grp *gr = &c->g[g];
        gr->units++;
        gr->m[M_SESSIONS] += n;
        gr->m[M_PARTICIPANTS] += people;
        c->tot[0][M_SESSIONS] += n;
        c->tot[0][M_PARTICIPANTS] += people;
        c->tot[1][M_SESSIONS] += pn;
        c->tot[1][M_PARTICIPANTS] += ppeople;
        if (pn) c->tot[1][M_UNITS_HELD]++;
        if (n) {
            gr->m[M_UNITS_HELD]++;
            c->tot[0][M_UNITS_HELD]++;
            continue;
        }
        int row = rt_newrow(c->r, miss);
        rt_set(c->r, miss, row, 0, db_col_text(st, 1));
        rt_set(c->r, miss, row, 1, db_col_text(st, 2));
        rt_set(c->r, miss, row, 2, g ? gr->name : c->u.name);
    }
    return rp_step_fail(c, st, rc, "đếm học tập, quán triệt");
}

static void fill_summary(pctx *c)
{
    report *r = c->r;
    report_table *t = c->tb[T_SUMMARY];
    int n = 0;
    for (int i = 0; i < NSUMMARY; i++) {
        int m = summary_order[i], row = rt_newrow(r, t);
        char stt[8] = "";
        if (mdef[m].label[0] != '-') snprintf(stt, sizeof stt, "%d", ++n);
        rt_set(r, t, row, 0, stt);
        rt_set(r, t, row, 1, mdef[m].key);
        rt_set(r, t, row, 2, mdef[m].label);
        rt_seti(r, t, row, 3, c->tot[0][m]);
        rt_seti(r, t, row, 4, c->tot[1][m]);
        rt_seti(r, t, row, 5, c->tot[0][m] - c->tot[1][m]);
    }
}

static void fill_units(pctx *c)
{
    static const int cols[] = {M_RECEIVED, M_IMPLEMENT, M_PILOT, M_REJECT, M_RETURN,
                               M_RUNNING, M_OVERDUE, M_EVAL};
    report *r = c->r;
    report_table *t = c->tb[T_BY_UNIT];
    long sum[8] = {0};
    for (int g = 0; g < c->ng; g++) {
        long any = 0;
        for (int k = 0; k < 8; k++) any += c->g[g].m[cols[k]];
        if (g == 0 && !any && c->ng > 1) continue;   /* nothing filed at the unit itself */
        int row = rt_newrow(r, t);
        rt_set(r, t, row, 0, c->g[g].code);
        rt_set(r, t, row, 1, c->g[g].name);
        for (int k = 0; k < 8; k++) {
            rt_seti(r, t, row, 2 + k, c->g[g].m[cols[k]]);
            sum[k] += c->g[g].m[cols[k]];
        }
    }
    int row = rt_newrow(r, t);
    rt_set(r, t, row, 1, "Cộng");
    for (int k = 0; k < 8; k++) rt_seti(r, t, row, 2 + k, sum[k]);
    t->total_row = 1;

    /* Dissemination by the same groups. */
    t = c->tb[T_DISSEM];
    long s[5] = {0};
    for (int g = 0; g < c->ng; g++) {
        grp *gr = &c->g[g];
        long v[5] = {gr->units, gr->m[M_UNITS_HELD], gr->units - gr->m[M_UNITS_HELD],
                     gr->m[M_SESSIONS], gr->m[M_PARTICIPANTS]};
        row = rt_newrow(r, t);
        rt_set(r, t, row, 0, gr->code);
        rt_set(r, t, row, 1, gr->name);
        for (int k = 0; k < 5; k++) {
            rt_seti(r, t, row, 2 + k, v[k]);
            s[k] += v[k];
        }
    }
    row = rt_newrow(r, t);
    rt_set(r, t, row, 1, "Cộng");
    for (int k = 0; k < 5; k++) rt_seti(r, t, row, 2 + k, s[k]);
    t->total_row = 1;
}

static void fill_fields_months(pctx *c)
{
    report *r = c->r;
    report_table *t = c->tb[T_BY_FIELD];
    long sum[5] = {0};
    for (int i = 0; i < c->nf; i++) {
        fld *f = &c->f[i];
        long v[5] = {f->cur[M_RECEIVED], f->prev_received, f->cur[M_IMPLEMENT] + f->cur[M_PILOT],
                     f->cur[M_REJECT], f->cur[M_EVAL]};
        if (f->id < 0 && !(v[0] || v[1] || v[2] || v[3] || v[4])) continue;
        int row = rt_newrow(r, t);
        rt_set(r, t, row, 0, f->name);
        for (int k = 0; k < 5; k++) {
            rt_seti(r, t, row, 1 + k, v[k]);
            sum[k] += v[k];
        }
    }
    int row = rt_newrow(r, t);
    rt_set(r, t, row, 0, "Cộng");
    for (int k = 0; k < 5; k++) rt_seti(r, t, row, 1 + k, sum[k]);
    t->total_row = 1;

    t = c->tb[T_BY_MONTH];
    for (int i = 0; i < c->nmonth; i++) {
        int y = c->y0 + (c->m0 - 1 + i) / 12, m = (c->m0 - 1 + i) % 12 + 1;
        char lab[16], key[16];
        snprintf(lab, sizeof lab, "%02d/%04d", m, y);
        snprintf(key, sizeof key, "%04d-%02d", y, m);
        row = rt_newrow(r, t);
        rt_set(r, t, row, 0, lab);
        rt_set(r, t, row, 1, key);
        for (int k = 0; k < 3; k++) rt_seti(r, t, row, 2 + k, c->month[i * 3 + k]);
    }
}

static void fill_results(pctx *c)
{
    report *r = c->r;
    char lab[160];
    report_table *t = c->tb[T_REASONS];
    const fielddef *f = choice_field("reject", "reject_reasons");
    const char *ch = f && f->choices ? f->choices : "";
    for (int i = 0; *ch && i < 16; i++) {
        size_t len = strcspn(ch, "|");
        char code[64];
        snprintf(code, sizeof code, "%.*s", (int)len, ch);
        int row = rt_newrow(r, t);
        rt_set(r, t, row, 0, choice_label("reject", "reject_reasons", code, lab, sizeof lab));
        rt_set(r, t, row, 1, code);
        rt_seti(r, t, row, 2, c->reasons[i]);
        ch += len + (ch[len] == '|');
    }

    t = c->tb[T_RESULTS];
    long s[3] = {0};
    for (int i = 0; i < 3; i++) {
        int row = rt_newrow(r, t);
        rt_set(r, t, row, 0, choice_label("evaluate", "outcome", rp_outcomes[i], lab, sizeof lab));
        rt_set(r, t, row, 1, rp_outcomes[i]);
        long v[3] = {c->res[i][0] + c->res[i][1], c->res[i][0], c->res[i][1]};
        for (int k = 0; k < 3; k++) {
            rt_seti(r, t, row, 2 + k, v[k]);
            s[k] += v[k];
        }
    }
    int row = rt_newrow(r, t);
    rt_set(r, t, row, 0, "Cộng");
    for (int k = 0; k < 3; k++) rt_seti(r, t, row, 2 + k, s[k]);
    t->total_row = 1;

    t = c->tb[T_PROTECTION];
    for (int i = 0; i < NMEASURE; i++) {
        row = rt_newrow(r, t);
        rt_set(r, t, row, 0, wf_measure_label(rp_measures[i]));
        rt_set(r, t, row, 1, rp_measures[i]);
        rt_seti(r, t, row, 2, c->prot[0][i]);
        rt_seti(r, t, row, 3, c->prot[1][i]);
    }

    t = c->tb[T_COMMEND];
    long cs[2] = {0};
    for (int i = 0; i < NFORM; i++) {
        row = rt_newrow(r, t);
        rt_set(r, t, row, 0, choice_label("commend", "form", rp_forms[i], lab, sizeof lab));
        rt_set(r, t, row, 1, rp_forms[i]);
        rt_seti(r, t, row, 2, c->forms[0][i]);
        rt_seti(r, t, row, 3, c->forms[1][i]);
        cs[0] += c->forms[0][i];
        cs[1] += c->forms[1][i];
    }
    row = rt_newrow(r, t);
    rt_set(r, t, row, 0, "Cộng");
    rt_seti(r, t, row, 2, cs[0]);
    rt_seti(r, t, row, 3, cs[1]);
    t->total_row = 1;
}

int report_periodic_fill(pctx *c)
{
    fill_summary(c);
    fill_units(c);
    fill_fields_months(c);
    fill_results(c);
    long any = 0;
    for (int m = 0; m < M_COUNT; m++) any += c->tot[0][m];
    c->r->empty = any == 0;
    char a[11], b[11];
    st_day d;
    date_parse(c->pfrom, &d, NULL);
    date_vn(d, a);
    date_parse(c->pto, &d, NULL);
    date_vn(d, b);
    snprintf(c->tb[T_SUMMARY]->note, sizeof c->tb[T_SUMMARY]->note,
             "Kỳ trước: từ ngày %s đến ngày %s.", a, b);
    return c->r->oom ? err_set(c->e, ST_ENOMEM, "hết bộ nhớ") : ST_OK;
}
