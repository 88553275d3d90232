/* The later steps of a pilot: the competent level's adjustment decision
 * (the plan II.2(5)), the collective's vote on the evaluation, and the
 * notice of the result to the cadre (Decree 73, evaluation clause). */
#include "workflow_internal.h"

#include <stdlib.h>
#include <string.h>

static int exec_text_id(wf_ctx *c, const char *sql, const char *text, int64_t id)
{
    sqlite3_stmt *st;
    int rc = db_prepare(c->db, sql, &st, c->e);
    if (rc) return rc;
    sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, id);
    rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : db_fail(c->db, c->e, c->a->label);
    sqlite3_finalize(st);
    return rc;
}

/* The plan II.2(5): "điều chỉnh, có quyết định" — the competent level changes
 * the period, the scope or the resources of a pilot under way.  A new end
 * of the period moves the report deadline when that clock is running. */
int wf_hook_adjust(wf_ctx *c)
{
    const char *to = wf_val(c, "period_to");
    if (!*to && !*wf_val(c, "scope_change") && !*wf_val(c, "resources_change"))
        return err_field(c->e, ST_EINVAL, "period_to", "Quyết định điều chỉnh phải nêu ít nhất "
                         "một nội dung: thời gian (period_to), phạm vi (scope_change) hoặc nguồn "
                         "lực (resources_change)");
    char from[16], old[16], kind[16];
    wf_query_text(c, "SELECT coalesce(period_from,'') FROM proposals WHERE id=?1", c->p.id,
                  from, sizeof from);
    wf_query_text(c, "SELECT coalesce(period_to,'') FROM proposals WHERE id=?1", c->p.id,
                  old, sizeof old);
    if (old[0]) wf_extra(c, "period_to_old", old);
    if (!*to) return ST_OK;
    if (from[0] && strcmp(to, from) < 0) {
        st_day a, b;
        char vf[11] = "", vt[11] = "";
        if (date_parse(from, &a, NULL) == ST_OK) date_vn(a, vf);
        if (date_parse(to, &b, NULL) == ST_OK) date_vn(b, vt);
        return err_field(c->e, ST_EINVAL, "period_to", "Thời gian thực hiện đến ngày %s "
                         "(period_to) trước ngày bắt đầu %s (period_from)", vt, vf);
    }
    int rc = exec_text_id(c, "UPDATE proposals SET period_to=?1 WHERE id=?2", to, c->p.id);
    if (rc) return rc;
    wf_query_text(c, "SELECT coalesce(due_kind,'') FROM proposals WHERE id=?1", c->p.id,
                  kind, sizeof kind);
    if (strcmp(kind, "report") != 0) return ST_OK;
    char due[11];
    if ((rc = wf_due_after(c, to, "workflow.report_days", due))) return rc;
    return exec_text_id(c, "UPDATE proposals SET due_date=?1 WHERE id=?2", due, c->p.id);
}

/* The collective's vote on the evaluation, beside the review's (votes,
 * stage 'evaluation'): who sat and how they voted. */
int wf_after_evaluate(wf_ctx *c)
{
    sqlite3_stmt *st;
    int rc = db_stmt(c->db, "INSERT INTO votes(id, proposal_id, event_id, vote_date, members, "
                        "votes_for, votes_against, abstain, head_vote, deputy_excluded, passed, "
                        "revision, stage, attendees) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
                        "nullif(?9, ''), ?10, 1, revision, 'evaluation', ?11 FROM proposals "
                        "WHERE id = ?2", &st, c->e);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, db_new_id(c->db, "votes"));
    sqlite3_bind_int64(st, 2, c->p.id);
    sqlite3_bind_int64(st, 3, c->event_id);
    sqlite3_bind_text(st, 4, wf_val(c, "meeting_date"), -1, SQLITE_STATIC);
    static const char *const num[] = {"members", "votes_for", "votes_against", "abstain"};
    for (int i = 0; i < 4; i++) sqlite3_bind_int64(st, 5 + i, atoll(wf_val(c, num[i])));
    sqlite3_bind_text(st, 9, wf_val(c, "head_vote"), -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 10, atoll(wf_val(c, "deputy_excluded")));
    sqlite3_bind_text(st, 11, wf_val(c, "attendees"), -1, SQLITE_STATIC);
    rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : db_fail(c->db, c->e, "ghi biểu quyết đánh giá");
    db_release(c->db, st);
    return rc;
}

/* The result is notified once per evaluation; it stops the clock that
 * evaluate started (workflow.notify_days). */
int wf_hook_notify(wf_ctx *c)
{
    char when[16];
    wf_query_text(c, "SELECT coalesce(json_extract(data, '$.notify_date'), '') FROM events "
                  "WHERE proposal_id=?1 AND action='notify' AND id > (SELECT coalesce(max(id), 0) "
                  "FROM events WHERE proposal_id=?1 AND action='evaluate') ORDER BY id DESC "
                  "LIMIT 1", c->p.id, when, sizeof when);
    if (when[0]) {
        st_day d;
        char vn[11] = "";
        if (date_parse(when, &d, NULL) == ST_OK) date_vn(d, vn);
        return err_set(c->e, ST_EINVAL, "Kết quả đánh giá của %s đã được thông báo ngày %s",
                       c->p.code, vn);
    }
    /* no recipient named: the cadre whose proposal it is, its lead */
    if (!*wf_val(c, "recipient")) {
        char lead[256];
        wf_query_text(c, "SELECT pe.full_name FROM proposers pr JOIN people pe ON pe.id = "
                      "pr.person_id WHERE pr.proposal_id=?1 AND pr.is_lead=1 AND pr.deleted=0 "
                      "ORDER BY pr.ord LIMIT 1", c->p.id, lead, sizeof lead);
        if (lead[0]) wf_set(c, "recipient", lead);
    }
    return ST_OK;
}
