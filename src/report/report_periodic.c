/* The periodic review (sơ kết, tổng kết) for a period and a unit subtree.
 *
 * What is counted, and by which date (DOMAIN.md's steps):
 *   received            the first submission (event "submit"), local date
 *   implement/pilot/reject   decisions, by the date the decision was signed
 *   returned, started, suspended, terminated   their events
 *   reported            result reports, by report date
 *   evaluated, outcomes, damage, protection    evaluations, by meeting date
 *   replication         proposals/decisions/declined, by document date (else
 *                       the day it was recorded)
 *   commendations       by decision date
 *   running/suspended/overdue at the end of the period: the state each
 *                       started proposal was in then, from its events; a
 *                       pilot is overdue when its result report was due
 *                       (planned end + workflow.report_days working days)
 *                       before that day (or before today, if earlier)
 *   dissemination       sessions by date, in every unit of the subtree
 * The same figures for the period before are given for comparison.  A
 * proposal belongs to the report when its employing or competent unit is in
 * the subtree, and is shown under that unit (the employing one first). */
#include <stdlib.h>
#include <string.h>

#include "report_periodic.h"
#include "flow/workflow.h"

/* 0 current period, 1 the period before, -1 neither. */
static int which(const pctx *c, const char *d)
{
    if (strcmp(d, c->from) >= 0 && strcmp(d, c->to) <= 0) return 0;
    if (strcmp(d, c->pfrom) >= 0 && strcmp(d, c->pto) <= 0) return 1;
    return -1;
}

/* The month's index from "YYYY-MM…", or -1 outside the period: called
 * for every fact, so without sscanf. */
static int month_of(const pctx *c, const char *d)
{
    int y = 0, m = 0, i;
    for (i = 0; i < 4 && d[i] >= '0' && d[i] <= '9'; i++) y = y * 10 + (d[i] - '0');
    if (i != 4 || d[4] != '-' || d[5] < '0' || d[5] > '9' || d[6] < '0' || d[6] > '9')
        return -1;
    m = (d[5] - '0') * 10 + (d[6] - '0');
    i = (y * 12 + m) - (c->y0 * 12 + c->m0);
    return i >= 0 && i < c->nmonth ? i : -1;
}

/* Count n facts of measure m in period w (which) and month mi (month_of)
 * for group g, field fi (c->f). */
static void tally(pctx *c, int m, int w, int mi, int g, int fi, long n)
{
    if (w < 0) return;
    c->tot[w][m] += n;
    fld *f = &c->f[fi];
    if (w == 1) {
        if (m == M_RECEIVED) f->prev_received += n;
        return;
    }
    if (g >= 0 && g < c->ng) c->g[g].m[m] += n;
    f->cur[m] += n;
    if (mi >= 0) {
        if (m == M_RECEIVED) c->month[mi * 3] += n;
        if (m == M_IMPLEMENT || m == M_PILOT || m == M_REJECT) c->month[mi * 3 + 1] += n;
        if (m == M_EVAL) c->month[mi * 3 + 2] += n;
    }
}

/* ---- flows: what happened in the two periods --------------------------------- */

static int measure_of_action(const char *a)
{
    if (strcmp(a, "submit") == 0) return M_RECEIVED;
    if (strcmp(a, "return") == 0) return M_RETURN;
    if (strcmp(a, "start") == 0) return M_START;
    if (strcmp(a, "suspend") == 0) return M_SUSPEND;
    if (strcmp(a, "terminate") == 0) return M_TERMINATE;
    return -1;
}

/* n facts of one kind (the order of load_flows' queries: 0 events, 1
 * decisions, 2 result reports, 3 evaluations, 4 replications, 5
 * commendations) in period w and month mi, of a proposal shown under group
 * g, field fi. */
static void fact_in(pctx *c, int kind, const char *what, int w, int mi, int g, int fi, int dmg,
                    const char *pm, long n)
{
    if (w < 0) return;
    switch (kind) {
    case 0: tally(c, measure_of_action(what) < 0 ? M_RECEIVED : measure_of_action(what),
                  w, mi, g, fi, n); break;
    case 1:
        tally(c, strcmp(what, "implement") == 0 ? M_IMPLEMENT :
                 strcmp(what, "pilot") == 0 ? M_PILOT : M_REJECT, w, mi, g, fi, n);
        break;
    case 2: tally(c, M_REPORT, w, mi, g, fi, n); break;
    case 3:
        tally(c, M_EVAL, w, mi, g, fi, n);
        for (int i = 0; i < 3; i++)
            if (strcmp(what, rp_outcomes[i]) == 0) {
                tally(c, M_COMPLETED + i, w, mi, g, fi, n);
                if (w == 0) c->res[i][dmg ? 1 : 0] += n;
            }
        if (dmg) tally(c, M_DAMAGE, w, mi, g, fi, n);
        for (int i = 0; i < NMEASURE; i++)
            if (strcmp(pm, rp_measures[i]) == 0) c->prot[w][i] += n;
        break;
    case 4:
        tally(c, strcmp(what, "proposal") == 0 ? M_REPL_PROP :
                 strcmp(what, "decision") == 0 ? M_REPL_DEC : M_REPL_DECL, w, mi, g, fi, n);
        break;
    default:
        tally(c, M_COMMEND, w, mi, g, fi, n);
        for (int i = 0; i < NFORM; i++)
            if (strcmp(what, rp_forms[i]) == 0) c->forms[w][i] += n;
        break;
    }
}

/* … dated d. */
static void fact(pctx *c, int kind, const char *what, const char *d, int g, int fi, int dmg,
                 const char *pm, long n)
{
    fact_in(c, kind, what, which(c, d), month_of(c, d), g, fi, dmg, pm, n);
}

/* A replication of the period, for the list (load_lists). */
static void repl_listed(pctx *c, int64_t id, const char *d)
{
    if (which(c, d) != 0) return;
    sbuf_addf(&c->repl, "%s[%lld,", c->repl.len > 1 ? "," : "", (long long)id);
    sbuf_json_str(&c->repl, d);
    sbuf_add(&c->repl, "]");
}

static int run_facts(pctx *c, const char *sql, int kind)
{
    sqlite3_stmt *st;
    int rc = db_prepare(c->db, sql, &st, c->e);
    if (rc) return rc;
    sqlite3_bind_text(st, 1, c->pfrom, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, c->to, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, c->lo, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, c->hi, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        /* Only the report's proposals; each under its group and field. */
        const rprop *p = rp_find(c, sqlite3_column_int64(st, 2));
        if (!p) continue;
        const char *d = db_col_text(st, 1);
        fact(c, kind, db_col_text(st, 0), d, p->g, p->field,
             kind == 3 ? sqlite3_column_int(st, 3) : 0, kind == 3 ? db_col_text(st, 4) : "", 1);
        if (kind == 4) repl_listed(c, sqlite3_column_int64(st, 3), d);
    }
    return rp_step_fail(c, st, rc, "đếm số liệu báo cáo");
}

static int recount_flows(pctx *c)
{
    /* Each read from an index that covers it (004, 006_speed.sql). */
    static const char *const q[] = {
        "SELECT e.action, date(e.at, 'localtime'), e.proposal_id FROM events e "
        "WHERE e.action IN ('submit','return','start','suspend','terminate') "
        "AND e.at >= ?3 AND e.at < ?4",
        "SELECT d.kind, d.doc_date, d.proposal_id FROM decisions d "
        "WHERE d.deleted = 0 AND d.doc_date BETWEEN ?1 AND ?2",
        "SELECT 'report', r.report_date, r.proposal_id FROM result_reports r "
        "WHERE r.deleted = 0 AND r.report_date BETWEEN ?1 AND ?2",
        "SELECT v.outcome, v.meeting_date, v.proposal_id, v.damage, v.protection_measure "
        "FROM evaluations v WHERE v.deleted = 0 AND v.meeting_date BETWEEN ?1 AND ?2",
        /* Undated replications count on the day they were recorded. */
        "SELECT r.kind, r.doc_date, r.proposal_id, r.id FROM replications r "
        "WHERE r.deleted = 0 AND r.doc_date BETWEEN ?1 AND ?2 UNION ALL "
        "SELECT * FROM (SELECT r.kind, date(e.at, 'localtime') AS d, r.proposal_id, r.id "
        "FROM replications r JOIN events e ON e.id = r.event_id "
        "WHERE r.deleted = 0 AND r.doc_date IS NULL) WHERE d BETWEEN ?1 AND ?2",
        "SELECT c.form, c.doc_date, c.proposal_id FROM commendations c "
        "WHERE c.deleted = 0 AND c.doc_date BETWEEN ?1 AND ?2",
    };
    for (int i = 0; i < 6; i++) {
        int rc = run_facts(c, q[i], i);
        if (rc) return rc;
    }
    return ST_OK;
}

static int find_field(const pctx *c, int64_t id)
{
    for (int i = 0; i < c->nf - 1; i++)
        if (c->f[i].id == id) return i;
    return c->nf - 1;
}

/* The review of a root unit (a whole province) whose periods are whole
 * months reads report_months (018_review_without_scan.sql) when written. */
static int by_months(pctx *c, int *yes)
{
    *yes = 0;
    int slashes = 0;
    for (const char *s = c->u.path; *s; s++) slashes += *s == '/';
    if (c->p->recount || slashes != 2 || strcmp(c->from + 8, "01") != 0 ||
        strcmp(c->pfrom + 8, "01") != 0)
        return ST_OK;
    const char *ends[2] = {c->to, c->pto};
    for (int i = 0; i < 2; i++) {
        st_day d;
        char next[11];
        if (date_parse(ends[i], &d, NULL) != ST_OK) return ST_OK;
        date_iso(d + 1, next);
        if (strcmp(next + 8, "01") != 0) return ST_OK;
    }
    sqlite3_stmt *st;
    int rc = db_prepare(c->db, "SELECT count(*) FROM report_months_done", &st, c->e);
    if (rc) return rc;
    if ((rc = sqlite3_step(st)) == SQLITE_ROW) *yes = sqlite3_column_int(st, 0) > 0;
    return rp_step_fail(c, st, rc == SQLITE_ROW ? SQLITE_DONE : rc, "đếm số liệu báo cáo");
}

/* The group of the report's root shown as unit id: its index in c->g (0,
 * the root itself, when it is not one of them). */
static int group_of(const pctx *c, int64_t id)
{
    for (int i = 1; i < c->ng; i++)
        if (c->g[i].id == id) return i;
    return 0;
}

/* The facts of both periods from report_counts (014_counts.sql): a row per
 * day, unit pair, field and kind of fact, kept with the data; the unit pair
 * gives the group as load_proposals does, without the proposals.  Or, for a
 * root over whole months, from report_months: a row per month, pair of the
 * units the root's groups are, field and kind. */
static int count_flows(pctx *c)
{
    static const char *const sources[] = {"event", "decision", "report", "evaluation",
                                          "replication", "commendation"};
    int months = 0;
    int rc = by_months(c, &months);
    if (rc) return rc;
    /* The same columns: the period, two units (or roots and groups), the
     * field, the kind of fact, its count. */
    sqlite3_stmt *st;
    rc = db_prepare(c->db, months ?
                    "SELECT month, employing_root, employing_top, competent_root, competent_top, "
                    "field_id, source, what, damage, measure, n FROM report_months "
                    "WHERE month BETWEEN ?1 AND ?2" :
                    "SELECT day, employing_unit_id, competent_unit_id, 0, 0, field_id, "
                    "source, what, damage, measure, n FROM report_counts "
                    "WHERE day BETWEEN ?1 AND ?2", &st, c->e);
    if (rc) return rc;
    sqlite3_bind_text(st, 1, c->pfrom, months ? 7 : -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, c->to, months ? 7 : -1, SQLITE_STATIC);
    /* 165 000 rows for a province's year by day (64 000 by month): what the
     * row before decided is kept (the rows come by period, then units, then
     * field). */
    int64_t fid = -2, k1 = -1, k2 = -1, k3 = -1, k4 = -1;
    int fi = c->nf - 1, w = -1, mi = -1, g = -1;
    char day[16] = "";
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *d = db_col_text(st, 0);
        if (strncmp(d, day, months ? 7 : sizeof day) != 0) {
            snprintf(day, sizeof day, months ? "%.7s-01" : "%s", d);
            w = which(c, day);
            mi = month_of(c, day);
        }
        if (w < 0) continue;
        if (sqlite3_column_int64(st, 1) != k1 || sqlite3_column_int64(st, 2) != k2 ||
            sqlite3_column_int64(st, 3) != k3 || sqlite3_column_int64(st, 4) != k4) {
            k1 = sqlite3_column_int64(st, 1);
            k2 = sqlite3_column_int64(st, 2);
            k3 = sqlite3_column_int64(st, 3);
            k4 = sqlite3_column_int64(st, 4);
            if (months) g = k1 == c->u.id ? group_of(c, k2) : k3 == c->u.id ? group_of(c, k4) : -1;
            else {
                const runit *u = rp_unit_of(c, k1, k2);
                g = u ? u->g : -1;
            }
        }
        if (g < 0) continue;
        if (sqlite3_column_int64(st, 5) != fid) {
            fid = sqlite3_column_int64(st, 5);
            fi = find_field(c, fid);
        }
        const char *src = db_col_text(st, 6);
        int kind = 0;
        while (kind < 5 && strcmp(src, sources[kind]) != 0) kind++;
        fact_in(c, kind, db_col_text(st, 7), w, mi, g, fi, sqlite3_column_int(st, 8),
                db_col_text(st, 9), (long)sqlite3_column_int64(st, 10));
    }
    if ((rc = rp_step_fail(c, st, rc, "đếm số liệu báo cáo"))) return rc;
    /* The period's replications, for their list: their days kept in
     * replication_days (018_review_without_scan.sql; an undated one's event
     * was looked up for each of the 18 800 undated at 100 000 proposals: 18
     * ms of a quarter's review), their proposals' units beside. */
    rc = db_prepare(c->db, "SELECT r.id, r.day, p.employing_unit_id, p.competent_unit_id "
                    "FROM replication_days r INDEXED BY replication_days_day JOIN proposals p "
                    "INDEXED BY proposals_brief ON p.id = r.proposal_id "
                    "WHERE r.day BETWEEN ?1 AND ?2 AND p.deleted = 0", &st, c->e);
    if (rc) return rc;
    sqlite3_bind_text(st, 1, c->from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, c->to, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (rp_unit_of(c, sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3)))
            repl_listed(c, sqlite3_column_int64(st, 0), db_col_text(st, 1));
    return rp_step_fail(c, st, rc, "liệt kê nhân rộng");
}

static int load_flows(pctx *c)
{
    sbuf_add(&c->repl, "[");
    return c->p->recount ? recount_flows(c) : count_flows(c);
}

/* ---- lists: rejections and returns with reasons, replication, commendations ---- */

static void reasons_text(pctx *c, const char *codes, const char *detail, char *out, size_t n)
{
    const wf_action *a = wf_action_find("reject");
    const fielddef *fd = NULL;
    for (int i = 0; a && i < wf_action_nfields(a); i++)
        if (strcmp(wf_action_field(a, i)->name, "reject_reasons") == 0) fd = wf_action_field(a, i);
    size_t o = 0;
    out[0] = '\0';
    const char *p = codes;
    while (*p) {
        size_t len = strcspn(p, ",");
        char code[64], lab[160];
        snprintf(code, sizeof code, "%.*s", (int)len, p);
        /* Count each reason (the choices' order) for the reasons table. */
        const char *ch = fd && fd->choices ? fd->choices : "";
        for (int i = 0; *ch && i < 16; i++) {
            size_t cl = strcspn(ch, "|");
            if (cl == strlen(code) && strncmp(ch, code, cl) == 0) c->reasons[i]++;
            ch += cl + (ch[cl] == '|');
        }
        const char *l = fd ? field_choice_label(fd, code, lab, sizeof lab) : code;
        int w = snprintf(out + o, n - o, "%s%s", o ? "; " : "", l);
        if (w < 0 || (size_t)w >= n - o) break;
        o += (size_t)w;
        p += len + (p[len] == ',');
    }
    if (detail && *detail && o < n) snprintf(out + o, n - o, "%s%s", o ? ". " : "", detail);
}

static int load_lists(pctx *c)
{
    sqlite3_stmt *st;
    int rc = db_prepare(c->db,
        "SELECT * FROM (SELECT p.code, p.title, u.name, 'reject' AS k, d.doc_no, d.doc_date AS d,"
        " d.reject_reasons, d.reject_detail FROM decisions d"
        " JOIN proposals p INDEXED BY proposals_brief ON p.id = d.proposal_id"
        " JOIN units u ON u.id = rp_unit(p.employing_unit_id, p.competent_unit_id)"
        " WHERE p.deleted = 0 AND d.deleted = 0 AND d.kind = 'reject' AND d.doc_date BETWEEN ?1 AND ?2"
        " UNION ALL SELECT p.code, p.title, u.name, 'return', e.doc_no, date(e.at, 'localtime'),"
        " '', e.comment FROM events e"
        " JOIN proposals p INDEXED BY proposals_brief ON p.id = e.proposal_id"
        " JOIN units u ON u.id = rp_unit(p.employing_unit_id, p.competent_unit_id)"
        " WHERE p.deleted = 0 AND e.action = 'return' AND e.at >= ?3 AND e.at < ?4) ORDER BY d, code", &st, c->e);
    if (rc) return rc;
    sqlite3_bind_text(st, 1, c->from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, c->to, -1, SQLITE_STATIC);
    char lo[32];
    report_utc_bound(c->from, lo);
    sqlite3_bind_text(st, 3, lo, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, c->hi, -1, SQLITE_STATIC);
    report_table *t = c->tb[T_DECISIONS];
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        char why[2000];
        int row = rt_newrow(c->r, t);
        int rej = strcmp(db_col_text(st, 3), "reject") == 0;
        rt_set(c->r, t, row, 0, db_col_text(st, 0));
        rt_set(c->r, t, row, 1, db_col_text(st, 1));
        rt_set(c->r, t, row, 2, db_col_text(st, 2));
        rt_set(c->r, t, row, 3, rej ? "Không chấp thuận" : "Trả lại");
        rt_set(c->r, t, row, 4, db_col_text(st, 4));
        rt_set(c->r, t, row, 5, db_col_text(st, 5));
        if (rej) reasons_text(c, db_col_text(st, 6), db_col_text(st, 7), why, sizeof why);
        else snprintf(why, sizeof why, "%s", db_col_text(st, 7));
        rt_set(c->r, t, row, 6, why);
    }
    if ((rc = rp_step_fail(c, st, rc, "liệt kê quyết định"))) return rc;

    rc = db_prepare(c->db,
        /* The rows load_flows found in the period, with their dates. */
        "SELECT p.code, p.title, x.kind, CASE x.kind WHEN 'proposal' THEN "
        "x.target_units WHEN 'decision' THEN x.adopting_units ELSE x.text END, x.doc_no, y.d "
        "FROM (SELECT json_extract(value, '$[0]') AS id, json_extract(value, '$[1]') AS d "
        "      FROM json_each(?1)) y "
        "JOIN replications x ON x.id = y.id JOIN proposals p INDEXED BY proposals_brief ON p.id = x.proposal_id "
        "ORDER BY y.d, p.code", &st, c->e);
    if (rc) return rc;
    sbuf_add(&c->repl, "]");
    if (c->repl.oom) {
        sqlite3_finalize(st);
        return err_set(c->e, ST_ENOMEM, "hết bộ nhớ");
    }
    sqlite3_bind_text(st, 1, sbuf_str(&c->repl), -1, SQLITE_STATIC);
    t = c->tb[T_REPLICATION];
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *k = db_col_text(st, 2);
        int row = rt_newrow(c->r, t);
        rt_set(c->r, t, row, 0, db_col_text(st, 0));
        rt_set(c->r, t, row, 1, db_col_text(st, 1));
        rt_set(c->r, t, row, 2, strcmp(k, "proposal") == 0 ? "Đề xuất nhân rộng" :
                                strcmp(k, "decision") == 0 ? "Quyết định nhân rộng" :
                                "Không nhân rộng");
        rt_set(c->r, t, row, 3, db_col_text(st, 3));
        rt_set(c->r, t, row, 4, db_col_text(st, 4));
        rt_set(c->r, t, row, 5, db_col_text(st, 5));
    }
    if ((rc = rp_step_fail(c, st, rc, "liệt kê nhân rộng"))) return rc;

    rc = db_prepare(c->db,
        "SELECT c.person_name, c.form, p.code, c.doc_no, c.doc_date FROM commendations c "
        "JOIN proposals p INDEXED BY proposals_brief ON p.id = c.proposal_id WHERE p.deleted = 0 "
        "AND rp_unit(p.employing_unit_id, p.competent_unit_id) IS NOT NULL "
        "AND c.deleted = 0 AND c.doc_date BETWEEN ?1 AND ?2 ORDER BY c.doc_date, p.code, "
        "c.person_name", &st, c->e);
    if (rc) return rc;
    sqlite3_bind_text(st, 1, c->from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, c->to, -1, SQLITE_STATIC);
    const wf_action *ca = wf_action_find("commend");
    const fielddef *ff = NULL;
    for (int i = 0; ca && i < wf_action_nfields(ca); i++)
        if (strcmp(wf_action_field(ca, i)->name, "form") == 0) ff = wf_action_field(ca, i);
    t = c->tb[T_COMMEND_LIST];
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        char lab[160];
        int row = rt_newrow(c->r, t);
        rt_set(c->r, t, row, 0, db_col_text(st, 0));
        rt_set(c->r, t, row, 1, ff ? field_choice_label(ff, db_col_text(st, 1), lab, sizeof lab)
                                   : db_col_text(st, 1));
        rt_set(c->r, t, row, 2, db_col_text(st, 2));
        rt_set(c->r, t, row, 3, db_col_text(st, 3));
        rt_set(c->r, t, row, 4, db_col_text(st, 4));
    }
    return rp_step_fail(c, st, rc, "liệt kê khen thưởng");
}

int report_periodic(st_db *db, const st_actor *who, const report_params *p, report **out,
                    st_err *e)
{
    *out = NULL;
    pctx c;
    memset(&c, 0, sizeof c);
    c.db = db;
    c.who = who;
    c.p = p;
    c.e = e;
    sbuf_init(&c.repl);
    char label[96], asof[11];
    int rc = report_period(p, c.from, c.to, c.pfrom, c.pto, label, sizeof label, e);
    if (!rc) rc = report_as_of(p->as_of, asof, e);
    if (rc) return rc;
    report_step(p, 0, 6, "Xác định phạm vi");
    if ((rc = report_unit_resolve(db, who, p->unit, &c.u, e))) return rc;
    /* Lateness is counted up to the end of each period, or today if earlier. */
    snprintf(c.end, sizeof c.end, "%s", strcmp(asof, c.to) < 0 ? asof : c.to);
    snprintf(c.pend, sizeof c.pend, "%s", strcmp(asof, c.pto) < 0 ? asof : c.pto);
    st_day d;
    date_parse(c.to, &d, NULL);
    char next[11];
    date_iso(d + 1, next);
    report_utc_bound(c.pfrom, c.lo);
    report_utc_bound(next, c.hi);
    date_parse(c.pto, &d, NULL);
    date_iso(d + 1, next);
    report_utc_bound(next, c.hi_prev);
    sscanf(c.from, "%d-%d", &c.y0, &c.m0);
    int y1 = c.y0, m1 = c.m0;
    sscanf(c.to, "%d-%d", &y1, &m1);
    c.nmonth = (y1 * 12 + m1) - (c.y0 * 12 + c.m0) + 1;
    c.month = calloc((size_t)c.nmonth * 3, sizeof *c.month);
    c.r = report_new("periodic");
    if (!c.month || !c.r) {
        free(c.month);
        report_free(&c.r);
        return err_set(e, ST_ENOMEM, "hết bộ nhớ");
    }
    report *r = c.r;
    snprintf(r->title, sizeof r->title, "BÁO CÁO");
    int whole_year = p->period && (strcmp(p->period, "year") == 0);
    snprintf(r->subject, sizeof r->subject,
             /* the Conclusion's official name (../shared/LAW.md) */
             "%s kết %s thực hiện Kết luận số 14-KL/TW ngày 22/9/2021 của Bộ Chính trị "
             "về chủ trương khuyến khích và bảo vệ cán bộ năng động, sáng tạo vì lợi ích "
             "chung", whole_year ? "Tổng" : "Sơ", label);
    snprintf(r->period_label, sizeof r->period_label, "%s", label);
    memcpy(r->from, c.from, 11);
    memcpy(r->to, c.to, 11);
    memcpy(r->prev_from, c.pfrom, 11);
    memcpy(r->prev_to, c.pto, 11);
    memcpy(r->as_of, c.end, 11);
    snprintf(r->unit_code, sizeof r->unit_code, "%s", c.u.code);
    snprintf(r->unit_name, sizeof r->unit_name, "%s", c.u.name);

    /* One read transaction: every figure from the same snapshot. */
    rc = rp_exec(&c, "BEGIN");
    if (!rc) {
        rc = rp_load_scope(&c);
        if (!rc) { report_step(p, 1, 6, "Tiếp nhận, quyết định, kết quả"); rc = load_flows(&c); }
        if (!rc) rc = report_periodic_tables(&c);   /* creates the list tables */
        if (!rc) { report_step(p, 2, 6, "Đang triển khai, quá hạn"); rc = rp_load_stocks(&c); }
        if (!rc) { report_step(p, 3, 6, "Danh sách quyết định, nhân rộng, khen thưởng");
                   rc = load_lists(&c); }
        if (!rc) { report_step(p, 4, 6, "Học tập, quán triệt"); rc = report_periodic_dissemination(&c); }
        if (!rc) { report_step(p, 5, 6, "Tổng hợp"); rc = report_periodic_fill(&c); }
        rp_unload(&c);
        sqlite3_exec(db_h(db), rc ? "ROLLBACK" : "COMMIT", NULL, NULL, NULL);
    }
    if (!rc && r->oom) rc = err_set(e, ST_ENOMEM, "hết bộ nhớ");
    report_step(p, 6, 6, "Xong");
    free(c.month);
    free(c.g);
    free(c.f);
    sbuf_free(&c.repl);
    if (rc) {
        report_free(&c.r);
        return rc;
    }
    *out = c.r;
    return ST_OK;
}
