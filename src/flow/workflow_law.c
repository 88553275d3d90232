/* The rules of Decree 73 that every action of the workflow obeys, checked by
 * the engine before the action's own rules: who may decide (Art. 7(3)-(4),
 * 8(1)), the dates of each step (between the previous step's and today),
 * and the notes a plan is submitted with when the decree may not cover it
 * (Art. 2, Art. 5).  Readings and how sure they are: ../shared/LAW.md and
 * docs/DESIGN-NOTES.md "Decree 73, rule by article". */
#include "workflow_internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "scope.h"
#include "units.h"

/* Conclusion 14-KL/TW of 22/9/2021: no step of the policy comes before it. */
#define LAW_FLOOR "2021-09-22"

void wf_note(wf_ctx *c, const char *fmt, ...)
{
    char buf[700];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    sbuf_addf(&c->notes, "%sLưu ý: %s", c->notes.len ? "\n" : "", buf);
}

static void vn_date(const char *iso, char out[11])
{
    st_day d;
    if (date_parse(iso, &d, NULL) == ST_OK) date_vn(d, out);
    else snprintf(out, 11, "%s", iso);
}

/* ---- Who decides (Art. 7(3)-(4), 8(1)) ---------------------------------- */

/* Is the acting user one of the proposal's proposers?  By the person the
 * account is linked to (users.person_id); an account with no link is taken
 * for the proposer whose full name it bears (the safe side: a refusal names
 * the rule, and linking the account settles a namesake). */
static int actor_is_proposer(wf_ctx *c)
{
    if (c->who->id <= 0) return 0;
    sqlite3_stmt *st;
    if (db_stmt(c->db, "SELECT 1 FROM proposers pr JOIN people pe ON pe.id = pr.person_id "
                   "JOIN users u ON u.id = ?2 WHERE pr.proposal_id = ?1 AND pr.deleted = 0 AND "
                   "(pr.person_id = u.person_id OR (u.person_id IS NULL AND "
                   "pe.full_name = u.full_name))", &st, c->e))
        return -1;
    sqlite3_bind_int64(st, 1, c->p.id);
    sqlite3_bind_int64(st, 2, c->who->id);
    int found = sqlite3_step(st) == SQLITE_ROW;
    db_release(c->db, st);
    return found;
}

static int check_decider(wf_ctx *c)
{
    if (!c->a->decides) return ST_OK;
    char unit[256];
    wf_query_text(c, "SELECT name FROM units WHERE id=?1", c->p.competent_unit, unit, sizeof unit);
    int self = actor_is_proposer(c);
    if (self < 0) return c->e->code ? c->e->code : ST_EDB;
    if (self)
        return err_set(c->e, ST_EPERM, "Điều 7, Điều 8 Nghị định 73: %s là người đề xuất %s, "
                       "không được tự '%s' (%s) đề xuất của mình; việc này do người đứng đầu "
                       "%s thực hiện", c->who->full_name, c->p.code, c->a->name, c->a->label,
                       unit);
    if (c->a->decides == 2 && !unit_in_scope(c->db, c->who, c->p.competent_unit))
        return err_set(c->e, ST_EPERM, "Điều 7 khoản 3, 4 Nghị định 73: đề xuất %s thuộc thẩm "
                       "quyền của %s; phạm vi của bạn không gồm đơn vị này nên không được '%s' "
                       "(%s)", c->p.code, unit, c->a->name, c->a->label);
    return ST_OK;
}

/* ---- The plan as submitted (Art. 2, 5, 7) -------------------------------- */

/* A leader's or manager's title (Art. 2: the decree is for them). */
static int leader_title(const char *pos)
{
    static const char *const words[] = {
        "rưởng", "iám đốc", "hủ tịch", "í thư", "Phó ", "phó ", "Chánh ", "chánh ",
        "hủ nhiệm", "hỉ huy", "ổng biên tập", "đứng đầu", "ãnh đạo", "ản lý",
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strstr(pos, words[i])) return 1;
    return 0;
}

/* The title of the head of a body (Art. 7(4): his plan goes a level up). */
static int head_title(const char *pos)
{
    static const char *const heads[] = {
        "Giám đốc", "Chủ tịch", "Bí thư", "Thủ trưởng", "Chánh Văn phòng", "Trưởng ban",
        "Chủ nhiệm", "Tổng biên tập", "Hiệu trưởng", "Viện trưởng", "Cục trưởng",
        "Chi cục trưởng", "Người đứng đầu",
    };
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
        if (strncmp(pos, heads[i], strlen(heads[i])) == 0) return 1;
    return 0;
}

static int check_plan(wf_ctx *c)
{
    char pos[256], lead[256], kind[32], from[16], to[16];
    wf_query_text(c, "SELECT pr.position FROM proposers pr WHERE pr.proposal_id=?1 AND "
                  "pr.is_lead=1 AND pr.deleted=0 ORDER BY pr.ord LIMIT 1", c->p.id, pos, sizeof pos);
    wf_query_text(c, "SELECT pe.full_name FROM proposers pr JOIN people pe ON pe.id=pr.person_id "
                  "WHERE pr.proposal_id=?1 AND pr.is_lead=1 AND pr.deleted=0 ORDER BY pr.ord "
                  "LIMIT 1", c->p.id, lead, sizeof lead);
    /* Art. 7(3)-(4): the employing agency, or the level above for its head */
    int64_t parent = unit_parent(c->db, c->p.employing_unit);
    if (c->p.competent_unit != c->p.employing_unit && c->p.competent_unit != parent)
        return err_field(c->e, ST_EINVAL, "competent_unit", "Điều 7 khoản 3, 4 Nghị định 73: cấp "
                         "có thẩm quyền (competent_unit) phải là đơn vị công tác của người đề xuất, "
                         "hoặc cấp trên trực tiếp khi người đề xuất là người đứng đầu "
                         "(proposer_is_head)");
    if (lead[0] && head_title(pos) && c->p.competent_unit == c->p.employing_unit && parent > 0)
        wf_note(c, "Điều 7 khoản 4 Nghị định 73: người đề xuất chính (%s, %s) có thể là người "
                "đứng đầu đơn vị; khi đó kế hoạch gửi cấp trên trực tiếp (proposer_is_head=có)",
                lead, pos);
    if (lead[0] && !leader_title(pos))
        wf_note(c, "Điều 2 Nghị định 73: người đề xuất chính (%s%s%s) không phải cán bộ lãnh "
                "đạo, quản lý; Nghị định 73 có thể không áp dụng (đề xuất vẫn được xem xét theo "
                "Kết luận 14-KL/TW)", lead, pos[0] ? ", " : "", pos);
    wf_query_text(c, "SELECT bottleneck_kind FROM proposals WHERE id=?1", c->p.id, kind, sizeof kind);
    if (strcmp(kind, "unsuitable") == 0)
        wf_note(c, "Điều 5 Nghị định 73: điểm nghẽn \"đã quy định nhưng không phù hợp thực tiễn\" "
                "có thể không thuộc phạm vi bảo vệ của Nghị định 73 (chỉ nêu vấn đề \"chưa được "
                "quy định\"); Kết luận 14-KL/TW vẫn khuyến khích");
    wf_query_text(c, "SELECT coalesce(period_from,'') FROM proposals WHERE id=?1", c->p.id,
                  from, sizeof from);
    wf_query_text(c, "SELECT coalesce(period_to,'') FROM proposals WHERE id=?1", c->p.id,
                  to, sizeof to);
    char vf[11] = "", vt[11] = "";
    vn_date(from, vf);
    vn_date(to, vt);
    if (from[0] && strcmp(from, LAW_FLOOR) < 0)
        return err_field(c->e, ST_EINVAL, "period_from", "Thời gian thực hiện từ ngày %s "
                         "(period_from) trước ngày ban hành Kết luận 14-KL/TW (22/09/2021)", vf);
    st_day a, b;
    if (from[0] && to[0] && date_parse(from, &a, NULL) == ST_OK &&
        date_parse(to, &b, NULL) == ST_OK && b - a > 3653)
        return err_field(c->e, ST_EINVAL, "period_to", "Thời gian thực hiện từ %s đến %s "
                         "(period_from, period_to) dài quá 10 năm", vf, vt);
    return ST_OK;
}

/* ---- Dates (each between the previous step's date and today) ------------ */

/* The actions that do not date the proposal's course: an interruption and
 * its end, and what follows the evaluation (dated from the evaluation). */
static const char *const undated[] = {
    "suspend", "resume", "close", "propose_replication", "replicate", "decline_replication",
};

/* The date of the last step that moved the proposal (its step-date field,
 * else its document's date, else the day it was recorded, never after
 * today); its action's label into label. */
static int previous_step(wf_ctx *c, const char *today, char out[11], const char **label)
{
    out[0] = '\0';
    *label = "";
    sbuf sql;
    sbuf_init(&sql);
    sbuf_add(&sql, "SELECT action, data, coalesce(doc_date,''), substr(at,1,10) FROM events "
             "WHERE proposal_id=?1 AND to_state IS NOT NULL AND action NOT IN (");
    for (size_t i = 0; i < sizeof undated / sizeof undated[0]; i++)
        sbuf_addf(&sql, "%s'%s'", i ? "," : "", undated[i]);
    sbuf_add(&sql, ") ORDER BY id DESC LIMIT 1");
    if (sql.oom) { sbuf_free(&sql); return err_set(c->e, ST_ENOMEM, "hết bộ nhớ"); }
    sqlite3_stmt *st;
    int rc = db_stmt(c->db, sbuf_str(&sql), &st, c->e);
    sbuf_free(&sql);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, c->p.id);
    if (sqlite3_step(st) == SQLITE_ROW) {
        const wf_action *a = wf_action_find(db_col_text(st, 0));
        char d[16] = "";
        if (a && a->step_date) {
            sqlite3_stmt *js;
            if (db_stmt(c->db, "SELECT coalesce(json_extract(?1, '$.' || ?2), '')", &js,
                           c->e) == ST_OK) {
                sqlite3_bind_text(js, 1, db_col_text(st, 1), -1, SQLITE_STATIC);
                sqlite3_bind_text(js, 2, a->step_date, -1, SQLITE_STATIC);
                if (sqlite3_step(js) == SQLITE_ROW) snprintf(d, sizeof d, "%s", db_col_text(js, 0));
                db_release(c->db, js);
            }
        }
        if (!d[0]) snprintf(d, sizeof d, "%s", db_col_text(st, 2));
        if (!d[0]) {
            snprintf(d, sizeof d, "%s", db_col_text(st, 3));
            if (strcmp(d, today) > 0) snprintf(d, sizeof d, "%s", today);
        }
        snprintf(out, 11, "%.10s", d);
        *label = a ? a->label : "";
    }
    db_release(c->db, st);
    return ST_OK;
}

static int check_dates(wf_ctx *c)
{
    char today[11], prev[11];
    st_day t = date_today();
    date_iso(t, today);
    const char *plabel;
    int rc = previous_step(c, today, prev, &plabel);
    if (rc) return rc;
    long tolerance = config_int(db_config(c->db), "workflow.backdate_days");
    const fielddef *oldest = NULL;
    long back = 0;
    for (int i = 0; i < c->a->nfields; i++) {
        const fielddef *f = &c->a->fields[i];
        const char *v = c->val[i];
        /* a planned date (the new end of a period) is not a step's date */
        if (f->type != FT_DATE || !v || !*v || strcmp(f->name, "period_to") == 0) continue;
        char vd[11], vt[11], vp[11];
        vn_date(v, vd);
        date_vn(t, vt);
        vn_date(prev, vp);
        if (strcmp(v, today) > 0)
            return err_field(c->e, ST_EINVAL, f->name, "%s (%s) %s sau ngày hôm nay %s",
                             f->label, f->name, vd, vt);
        if (strcmp(v, LAW_FLOOR) < 0)
            return err_field(c->e, ST_EINVAL, f->name, "%s (%s) %s trước ngày ban hành Kết luận "
                             "14-KL/TW (22/09/2021)", f->label, f->name, vd);
        /* the day a plan was received may come before it was entered */
        if (prev[0] && strcmp(f->name, "received_date") != 0 && strcmp(v, prev) < 0)
            return err_field(c->e, ST_EINVAL, f->name, "%s (%s) %s trước ngày của bước trước "
                             "(%s: %s)", f->label, f->name, vd, plabel, vp);
        st_day d;
        if (date_parse(v, &d, NULL) == ST_OK && t - d > tolerance && t - d > back) {
            back = t - d;
            oldest = f;
        }
    }
    if (oldest) {
        char vd[11];
        vn_date(wf_val(c, oldest->name), vd);
        wf_note(c, "%s (%s) %s được ghi lùi %ld ngày, quá %ld ngày (workflow.backdate_days): "
                "hãy đối chiếu với hồ sơ giấy", oldest->label, oldest->name, vd, back, tolerance);
    }
    return ST_OK;
}

int wf_law_pre(wf_ctx *c)
{
    int rc = check_decider(c);
    if (!rc && (strcmp(c->a->name, "submit") == 0 || strcmp(c->a->name, "resubmit") == 0))
        rc = check_plan(c);
    return rc;
}

int wf_law_check(wf_ctx *c)
{
    int rc = wf_law_pre(c);
    return rc ? rc : check_dates(c);
}
