/* The deadline report: every proposal whose running working-day clock
 * (proposals.due_date, due_kind: review, report, evaluation, notify) has passed, by
 * unit and by owner, with the working days late.  The owner is who must act:
 * the heads of the competent unit for a review, an evaluation or the notice
 * of its result to the cadre (Decree 73 Art. 8), the lead proposer for a
 * result report. */
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"

#define NK 4   /* the kinds of deadline */

typedef struct ogrp {
    int64_t id;
    char code[64], name[256];
    long n[NK], max;
} ogrp;

typedef struct owner {
    char *name;
    long n, max;
} owner;

static const char *const kinds[NK] = {"review", "report", "evaluation", "notify"};
static const char *const kind_labels[NK] = {"Xem xét đề xuất", "Báo cáo kết quả",
                                            "Đánh giá kết quả", "Thông báo kết quả"};

static int load_groups(st_db *db, const report_unit *u, ogrp **out, int *n, st_err *e)
{
    sqlite3_stmt *st;
    int rc = db_prepare(db, "SELECT id, code, name FROM units WHERE id = ?1 UNION ALL "
                        "SELECT id, code, name FROM (SELECT id, code, name FROM units "
                        "WHERE parent_id = ?1 AND deleted = 0 ORDER BY sort, name, code)", &st, e);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, u->id);
    int cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 32;
            ogrp *v = realloc(*out, (size_t)cap * sizeof *v);
            if (!v) { sqlite3_finalize(st); return err_set(e, ST_ENOMEM, "hết bộ nhớ"); }
            *out = v;
        }
        ogrp *g = &(*out)[(*n)++];
        memset(g, 0, sizeof *g);
        g->id = sqlite3_column_int64(st, 0);
        snprintf(g->code, sizeof g->code, "%s", db_col_text(st, 1));
        snprintf(g->name, sizeof g->name, *n == 1 ? "%s (trực tiếp)" : "%s", db_col_text(st, 2));
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? ST_OK : db_fail(db, e, "đọc đơn vị");
}

/* The group of a unit path below the report unit's path. */
static int group_of(const ogrp *g, int ng, const char *upath, size_t plen)
{
    if (strlen(upath) <= plen) return 0;
    long long id = strtoll(upath + plen, NULL, 10);
    for (int i = 1; i < ng; i++)
        if (g[i].id == id) return i;
    return 0;
}

static owner *owner_find(owner **v, int *n, int *cap, const char *name)
{
    for (int i = 0; i < *n; i++)
        if (strcmp((*v)[i].name, name) == 0) return &(*v)[i];
    if (*n == *cap) {
        int c = *cap ? *cap * 2 : 32;
        owner *nv = realloc(*v, (size_t)c * sizeof *nv);
        if (!nv) return NULL;
        *v = nv;
        *cap = c;
    }
    owner *o = &(*v)[*n];
    o->name = strdup(name);
    if (!o->name) return NULL;
    o->n = o->max = 0;
    (*n)++;
    return o;
}

static int by_count(const void *a, const void *b)
{
    const owner *x = a, *y = b;
    if (x->n != y->n) return x->n < y->n ? 1 : -1;
    if (x->max != y->max) return x->max < y->max ? 1 : -1;
    return strcmp(x->name, y->name);
}

static int fill(st_db *db, const report_unit *u, const char *asof, report *r,
                ogrp *g, int ng, owner **ow, int *nown, st_err *e)
{
    const calendar *cal = db_calendar(db, e);
    if (!cal) return e->code ? e->code : ST_EDB;
    st_day today;
    date_parse(asof, &today, NULL);
    report_table *t = rt_add(r, "overdue", "Quá hạn", "Danh sách việc quá hạn",
        "code:Mã:t|title:Tên đề xuất:t+|unit:Đơn vị:t|task:Việc phải làm:t|"
        "owner:Người, đơn vị phụ trách:t|due:Hạn:d|days_late:Số ngày làm việc chậm:i");
    if (!t) return err_set(e, ST_ENOMEM, "hết bộ nhớ");
    sqlite3_stmt *st;
    int rc = db_prepare(db,
        "SELECT p.code, p.title, p.due_kind, p.due_date, ru.name, ru.path, "
        " CASE WHEN p.due_kind = 'report' THEN (SELECT group_concat(pe.full_name, ', ') "
        "   FROM proposers pr JOIN people pe ON pe.id = pr.person_id "
        "   WHERE pr.proposal_id = p.id AND pr.is_lead = 1 AND pr.deleted = 0) "
        " ELSE (SELECT group_concat(us.full_name, ', ') FROM users us "
        "   WHERE us.scope_unit_id = p.competent_unit_id AND (us.roles & 4) != 0 "
        "   AND (us.roles & 32) = 0 AND us.deleted = 0 AND us.locked = 0) END, "
        " CASE WHEN p.due_kind = 'report' THEN eu.name ELSE cu.name END "
        "FROM (SELECT p.*, CASE WHEN substr(eu.path, 1, length(?1)) = ?1 THEN eu.id "
        "      ELSE cu.id END AS uid FROM proposals p "
        "      JOIN units eu ON eu.id = p.employing_unit_id "
        "      JOIN units cu ON cu.id = p.competent_unit_id "
        "      WHERE p.deleted = 0 AND p.due_date IS NOT NULL AND p.due_date < ?2 "
        "      AND (substr(eu.path, 1, length(?1)) = ?1 OR substr(cu.path, 1, length(?1)) = ?1)) p "
        "JOIN units ru ON ru.id = p.uid JOIN units eu ON eu.id = p.employing_unit_id "
        "JOIN units cu ON cu.id = p.competent_unit_id ORDER BY p.due_date, p.code", &st, e);
    if (rc) return rc;
    sqlite3_bind_text(st, 1, u->path, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, asof, -1, SQLITE_STATIC);
    int cap = 0;
    size_t plen = strlen(u->path);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *kind = db_col_text(st, 2);
        int k = 0;
        while (k < NK && strcmp(kind, kinds[k]) != 0) k++;
        st_day due;
        if (date_parse(db_col_text(st, 3), &due, NULL) != ST_OK) continue;
        int late = calendar_working_days_between(cal, due, today);
        char who[1200];
        const char *names = db_col_text(st, 6), *resp = db_col_text(st, 7);
        if (*names) snprintf(who, sizeof who, "%s (%s)", names, resp);
        else snprintf(who, sizeof who, "%s %s", k == 1 ? "Người đề xuất," : "Lãnh đạo", resp);
        int row = rt_newrow(r, t);
        rt_set(r, t, row, 0, db_col_text(st, 0));
        rt_set(r, t, row, 1, db_col_text(st, 1));
        rt_set(r, t, row, 2, db_col_text(st, 4));
        rt_set(r, t, row, 3, k < NK ? kind_labels[k] : kind);
        rt_set(r, t, row, 4, who);
        rt_set(r, t, row, 5, db_col_text(st, 3));
        rt_seti(r, t, row, 6, late);
        ogrp *gr = &g[group_of(g, ng, db_col_text(st, 5), plen)];
        if (k < NK) gr->n[k]++;
        if (late > gr->max) gr->max = late;
        owner *o = owner_find(ow, nown, &cap, who);
        if (!o) { sqlite3_finalize(st); return err_set(e, ST_ENOMEM, "hết bộ nhớ"); }
        o->n++;
        if (late > o->max) o->max = late;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? ST_OK : db_fail(db, e, "liệt kê việc quá hạn");
}

static int summarise(report *r, const ogrp *g, int ng, owner *ow, int nown)
{
    report_table *t = rt_add(r, "overdue_by_unit", "Theo đơn vị", "Việc quá hạn theo đơn vị",
        "code:Mã đơn vị:k|unit:Đơn vị:t|review:Xem xét:i|report:Báo cáo kết quả:i|"
        "evaluation:Đánh giá:i|notify:Thông báo kết quả:i|total:Cộng:i|"
        "max_late:Chậm nhiều nhất (ngày):i");
    if (!t) return ST_ENOMEM;
    t->chart = RCH_BARS, t->chart_label = 1, t->chart_value = 2 + NK;
    long s[NK + 1] = {0}, mx = 0;
    for (int i = 0; i < ng; i++) {
        long tot = 0;
        for (int k = 0; k < NK; k++) tot += g[i].n[k];
        if (i == 0 && !tot && ng > 1) continue;
        int row = rt_newrow(r, t);
        rt_set(r, t, row, 0, g[i].code);
        rt_set(r, t, row, 1, g[i].name);
        for (int k = 0; k < NK; k++) {
            rt_seti(r, t, row, 2 + k, g[i].n[k]);
            s[k] += g[i].n[k];
        }
        rt_seti(r, t, row, 2 + NK, tot);
        rt_seti(r, t, row, 3 + NK, g[i].max);
        s[NK] += tot;
        if (g[i].max > mx) mx = g[i].max;
    }
    int row = rt_newrow(r, t);
    rt_set(r, t, row, 1, "Cộng");
    for (int k = 0; k <= NK; k++) rt_seti(r, t, row, 2 + k, s[k]);
    rt_seti(r, t, row, 3 + NK, mx);
    t->total_row = 1;

    t = rt_add(r, "overdue_by_owner", "Theo người phụ trách", "Việc quá hạn theo người phụ trách",
               "owner:Người, đơn vị phụ trách:t|count:Số việc:i|max_late:Chậm nhiều nhất (ngày):i");
    if (!t) return ST_ENOMEM;
    t->chart = RCH_BARS, t->chart_label = 0, t->chart_value = 1;
    if (nown > 1) qsort(ow, (size_t)nown, sizeof *ow, by_count);
    for (int i = 0; i < nown; i++) {
        row = rt_newrow(r, t);
        rt_set(r, t, row, 0, ow[i].name);
        rt_seti(r, t, row, 1, ow[i].n);
        rt_seti(r, t, row, 2, ow[i].max);
    }
    return ST_OK;
}

int report_overdue(st_db *db, const st_actor *who, const report_params *p, report **out,
                   st_err *e)
{
    *out = NULL;
    report_unit u;
    char asof[11];
    int rc = report_as_of(p->as_of, asof, e);
    if (!rc) rc = report_unit_resolve(db, who, p->unit, &u, e);
    if (rc) return rc;
    report_step(p, 0, 2, "Tìm việc quá hạn");
    report *r = report_new("overdue");
    if (!r) return err_set(e, ST_ENOMEM, "hết bộ nhớ");
    char d[11];
    st_day day;
    date_parse(asof, &day, NULL);
    date_vn(day, d);
    snprintf(r->title, sizeof r->title, "BÁO CÁO");
    snprintf(r->period_label, sizeof r->period_label, "tính đến ngày %s", d);
    snprintf(r->subject, sizeof r->subject,
             "Tình hình thực hiện thời hạn xem xét, báo cáo và đánh giá kết quả đề xuất "
             "đổi mới, sáng tạo (%s)", r->period_label);
    memcpy(r->as_of, asof, 11);
    snprintf(r->unit_code, sizeof r->unit_code, "%s", u.code);
    snprintf(r->unit_name, sizeof r->unit_name, "%s", u.name);
    ogrp *g = NULL;
    owner *ow = NULL;
    int ng = 0, nown = 0;
    rc = sqlite3_exec(db_h(db), "BEGIN", NULL, NULL, NULL) == SQLITE_OK ? ST_OK
         : db_fail(db, e, "lập báo cáo");
    if (!rc) {
        rc = load_groups(db, &u, &g, &ng, e);
        if (!rc) rc = fill(db, &u, asof, r, g, ng, &ow, &nown, e);
        sqlite3_exec(db_h(db), "COMMIT", NULL, NULL, NULL);
    }
    report_step(p, 1, 2, "Tổng hợp");
    if (!rc && summarise(r, g, ng, ow, nown) != ST_OK) rc = err_set(e, ST_ENOMEM, "hết bộ nhớ");
    if (!rc && r->oom) rc = err_set(e, ST_ENOMEM, "hết bộ nhớ");
    if (!rc && r->ntables == 3) {
        /* The summaries first, the full list last. */
        report_table *list = r->t[0];
        memmove(r->t, r->t + 1, 2 * sizeof *r->t);
        r->t[2] = list;
    }
    r->empty = !rc && !report_has_rows(report_find(r, "overdue"));
    for (int i = 0; i < nown; i++) free(ow[i].name);
    free(ow);
    free(g);
    report_step(p, 2, 2, "Xong");
    if (rc) {
        report_free(&r);
        return rc;
    }
    *out = r;
    return ST_OK;
}
