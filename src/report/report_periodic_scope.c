/* The periodic review's scope: its groups, fields, units and proposals, and
 * the state each started proposal was in at the end of each period.
 *
 * The proposals of a whole province are 100 000 rows: copied into a
 * temporary table they cost 230 ms, and the state at each period's end read
 * with two index seeks each another 240 ms (make bench).  When both periods
 * end at a written month, the array is made of the month-end stocks' rows
 * (report_stock.c, with each proposal's units and planned end: 36 000 rows
 * at 100 000 proposals) and the proposals are not read.  Else it holds
 * every proposal in scope, in id order, read from the proposals_narrow
 * index without the long texts (30 ms); the states come from one pass over
 * the state changes in proposal order, and the recount's facts find their
 * proposal in it by binary search.  The lists find a proposal's unit from
 * its two units (the SQL function rp_unit()). */
#include <stdlib.h>
#include <string.h>

#include "report_periodic.h"
#include "flow/workflow.h"

/* ---- groups, fields ----------------------------------------------------------- */

static int load_groups(pctx *c)
{
    sqlite3_stmt *st;
    int rc = rp_exec(c, "DROP TABLE IF EXISTS temp.rg;"
                     "CREATE TEMP TABLE rg(id INTEGER PRIMARY KEY, idx INTEGER NOT NULL)");
    if (rc) return rc;
    /* Groups: the unit itself, then its children. */
    rc = db_prepare(c->db, "SELECT id, code, name FROM units WHERE id = ?1 UNION ALL "
                    "SELECT id, code, name FROM (SELECT id, code, name FROM units WHERE parent_id = ?1 "
                    "AND deleted = 0 ORDER BY sort, name, code)", &st, c->e);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, c->u.id);
    int cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (c->ng == cap) {
            cap = cap ? cap * 2 : 32;
            grp *v = realloc(c->g, (size_t)cap * sizeof *v);
            if (!v) { sqlite3_finalize(st); return err_set(c->e, ST_ENOMEM, "hết bộ nhớ"); }
            c->g = v;
        }
        grp *g = &c->g[c->ng++];
        memset(g, 0, sizeof *g);
        g->id = sqlite3_column_int64(st, 0);
        snprintf(g->code, sizeof g->code, "%s", db_col_text(st, 1));
        snprintf(g->name, sizeof g->name, c->ng == 1 ? "%s (trực tiếp)" : "%s",
                 db_col_text(st, 2));
    }
    if ((rc = rp_step_fail(c, st, rc, "đọc đơn vị"))) return rc;
    /* For the dissemination table (report_periodic_tables.c). */
    rc = db_prepare(c->db, "INSERT INTO rg(id, idx) VALUES (?1, ?2)", &st, c->e);
    if (rc) return rc;
    for (int i = 0; i < c->ng; i++) {
        sqlite3_bind_int64(st, 1, c->g[i].id);
        sqlite3_bind_int(st, 2, i);
        if (sqlite3_step(st) != SQLITE_DONE) return rp_step_fail(c, st, SQLITE_ERROR, "lập báo cáo");
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return ST_OK;
}

static int load_fields(pctx *c)
{
    sqlite3_stmt *st;
    /* Fields, and a last row for proposals without one. */
    int rc = db_prepare(c->db, "SELECT id, name FROM fields WHERE deleted = 0 ORDER BY id", &st, c->e);
    if (rc) return rc;
    int cap = 0;
    for (;;) {
        rc = sqlite3_step(st);
        int last = rc != SQLITE_ROW;
        if (last && rc != SQLITE_DONE) break;
        if (c->nf == cap) {
            cap = cap ? cap * 2 : 16;
            fld *v = realloc(c->f, (size_t)cap * sizeof *v);
            if (!v) { sqlite3_finalize(st); return err_set(c->e, ST_ENOMEM, "hết bộ nhớ"); }
            c->f = v;
        }
        fld *f = &c->f[c->nf++];
        memset(f, 0, sizeof *f);
        f->id = last ? -1 : sqlite3_column_int64(st, 0);
        snprintf(f->name, sizeof f->name, "%s", last ? "Chưa xác định lĩnh vực" :
                 db_col_text(st, 1));
        if (last) break;
    }
    return rp_step_fail(c, st, rc, "đọc lĩnh vực");
}

/* ---- units, proposals ------------------------------------------------------------ */

static unsigned unit_hash(int64_t id, unsigned mask)
{
    return (unsigned)(((uint64_t)id * 0x9E3779B97F4A7C15ull) >> 40) & mask;
}

/* A unit by id: 165 000 facts of a province's year and its 100 000
 * proposals each look up two (a binary search was 6 % of the review). */
static const runit *unit_find(const pctx *c, int64_t id)
{
    for (unsigned h = unit_hash(id, c->umask);; h = (h + 1) & c->umask) {
        int k = c->uslot[h];
        if (!k) return NULL;
        if (c->units[k - 1].id == id) return &c->units[k - 1];
    }
}

/* Every unit: in the subtree?  Its group is the next id on its path after
 * the report unit's (the unit itself and unknown ids: group 0). */
static int load_units(pctx *c)
{
    sqlite3_stmt *st;
    int rc = db_prepare(c->db, "SELECT id, path FROM units", &st, c->e);
    if (rc) return rc;
    size_t plen = strlen(c->u.path);
    int cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (c->nunits == cap) {
            cap = cap ? cap * 2 : 512;
            runit *v = realloc(c->units, (size_t)cap * sizeof *v);
            if (!v) { sqlite3_finalize(st); return err_set(c->e, ST_ENOMEM, "hết bộ nhớ"); }
            c->units = v;
        }
        runit *u = &c->units[c->nunits++];
        const char *path = db_col_text(st, 1);
        u->id = sqlite3_column_int64(st, 0);
        u->in = strncmp(path, c->u.path, plen) == 0;
        u->g = 0;
        const char *x = path + (u->in ? plen : strlen(path));
        if (u->in && strchr(x, '/')) {
            int64_t child = strtoll(x, NULL, 10);
            for (int i = 0; i < c->ng; i++)
                if (c->g[i].id == child) { u->g = i; break; }
        }
    }
    if ((rc = rp_step_fail(c, st, rc, "đọc đơn vị"))) return rc;
    /* Open addressing, at most a quarter full: a free slot ends each search. */
    size_t size = 64;
    while (size < (size_t)c->nunits * 4) size *= 2;
    if (!(c->uslot = calloc(size, sizeof *c->uslot))) return err_set(c->e, ST_ENOMEM, "hết bộ nhớ");
    c->umask = (unsigned)(size - 1);
    for (int i = 0; i < c->nunits; i++) {
        unsigned h = unit_hash(c->units[i].id, c->umask);
        while (c->uslot[h]) h = (h + 1) & c->umask;
        c->uslot[h] = i + 1;
    }
    return ST_OK;
}

/* The states of REPORT_STARTED_SQL (report_internal.h). */
static int is_started(const char *state)
{
    /* The states before a start, told by their first letters (100 000
     * proposals a review); the others against the list. */
    switch (*state) {
    case 'd': case 'a': case 'w': return 0;                    /* draft, approved, withdrawn */
    case 'i': return strcmp(state, "implementing") == 0;       /* not in_review */
    case 's': if (state[1] == 'u' && state[2] == 'b') return 0; break;   /* submitted */
    case 'r': if (state[2] == 't' || state[2] == 'j') return 0; break;   /* returned, rejected */
    default: break;
    }
    static const char *const started[] = {"implementing", "suspended", "terminated", "reported",
        "evaluated", "replication_proposed", "replicated", "closed"};
    for (size_t i = 0; i < sizeof started / sizeof started[0]; i++)
        if (strcmp(state, started[i]) == 0) return 1;
    return 0;
}

const runit *rp_unit_of(const pctx *c, int64_t eu, int64_t cu)
{
    const runit *e = unit_find(c, eu), *k = unit_find(c, cu);
    if (!e || !k || !(e->in || k->in)) return NULL;
    return e->in ? e : k;
}

/* Each live proposal under its unit inside the subtree (employing first). */
static int load_proposals(pctx *c)
{
    sqlite3_stmt *st;
    int rc = db_prepare(c->db, "SELECT id, employing_unit_id, competent_unit_id, field_id, state, "
                        "period_to, decision_kind FROM proposals WHERE deleted = 0 ORDER BY id",
                        &st, c->e);
    if (rc) return rc;
    int cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const runit *u = rp_unit_of(c, sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2));
        if (!u) continue;
        if (c->nrp == cap) {
            cap = cap ? cap * 2 : 4096;
            rprop *v = realloc(c->rp, (size_t)cap * sizeof *v);
            if (!v) { sqlite3_finalize(st); return err_set(c->e, ST_ENOMEM, "hết bộ nhớ"); }
            c->rp = v;
        }
        rprop *p = &c->rp[c->nrp++];
        memset(p, 0, sizeof *p);
        p->id = sqlite3_column_int64(st, 0);
        p->unit = (int)(u - c->units);
        p->g = u->g;
        p->field = c->nf - 1;
        if (sqlite3_column_type(st, 3) != SQLITE_NULL) {
            int64_t fid = sqlite3_column_int64(st, 3);
            for (int i = 0; i < c->nf - 1; i++)
                if (c->f[i].id == fid) { p->field = i; break; }
        }
        p->started = (unsigned char)is_started(db_col_text(st, 4));
        /* The planned end matters for started proposals only (overdue). */
        const char *pto = db_col_text(st, 5);
        p->has_pto = p->started && strlen(pto) < sizeof p->pto_s &&
                     date_parse(pto, &p->pto, NULL) == ST_OK;
        if (p->has_pto) memcpy(p->pto_s, pto, strlen(pto) + 1);
        p->pilot = strcmp(db_col_text(st, 6), "pilot") == 0;
    }
    return rp_step_fail(c, st, rc, "chọn đề xuất trong phạm vi");
}

const rprop *rp_find(const pctx *c, int64_t id)
{
    int lo = 0, hi = c->nrp - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        if (c->rp[mid].id == id) return &c->rp[mid];
        if (c->rp[mid].id < id) lo = mid + 1;
        else hi = mid - 1;
    }
    return NULL;
}

/* rp_unit(employing_unit_id, competent_unit_id): for the lists' SQL, the
 * unit a proposal of these units is shown under, or NULL. */
static void sql_rp_unit(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const pctx *c = sqlite3_user_data(ctx);
    const runit *u = sqlite3_value_type(argv[0]) == SQLITE_NULL ||
                     sqlite3_value_type(argv[1]) == SQLITE_NULL ? NULL :
                     rp_unit_of(c, sqlite3_value_int64(argv[0]), sqlite3_value_int64(argv[1]));
    if (u) sqlite3_result_int64(ctx, u->id);
    else sqlite3_result_null(ctx);
}

/* Both periods end at a closed month's end kept in stock_at
 * (data/017_report_and_lists.sql, written by report_stock.c, its columns
 * by 018_review_without_scan.sql): then the review reads the stocks and
 * not the proposals. */
static int stocks_written(pctx *c)
{
    c->stocked = 0;
    if (c->p->recount) return ST_OK;
    sqlite3_stmt *st;
    int rc = db_prepare(c->db, "SELECT count(*) FROM stock_done WHERE bound IN (?1, ?2)", &st,
                        c->e);
    if (rc) return rc;
    sqlite3_bind_text(st, 1, c->hi, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, c->hi_prev, -1, SQLITE_STATIC);
    if ((rc = sqlite3_step(st)) == SQLITE_ROW) c->stocked = sqlite3_column_int(st, 0) == 2;
    return rp_step_fail(c, st, rc == SQLITE_ROW ? SQLITE_DONE : rc, "đọc số đang triển khai cuối tháng");
}

int rp_load_scope(pctx *c)
{
    int rc = load_groups(c);
    if (!rc) rc = load_units(c);
    if (!rc) rc = load_fields(c);
    if (!rc) rc = stocks_written(c);
    if (!rc && !c->stocked) rc = load_proposals(c);
    if (!rc && sqlite3_create_function(db_h(c->db), "rp_unit", 2, SQLITE_UTF8, c, sql_rp_unit,
                                       NULL, NULL) != SQLITE_OK)
        rc = db_fail(c->db, c->e, "lập báo cáo");
    return rc;
}

void rp_unload(pctx *c)
{
    sqlite3_create_function(db_h(c->db), "rp_unit", 2, SQLITE_UTF8, NULL, NULL, NULL, NULL);
    sqlite3_exec(db_h(c->db), "DROP TABLE IF EXISTS temp.rg", NULL, NULL, NULL);
    free(c->units);
    free(c->uslot);
    free(c->rp);
    c->units = NULL;
    c->uslot = NULL;
    c->rp = NULL;
    c->nunits = c->nrp = 0;
}

/* ---- stocks: the state of started proposals at the end of each period ---------- */

/* The proposals running or suspended at the end of each period, from the
 * stocks (stocks_written): c->rp made of their rows (each bound's in id
 * order, merged), with what load_proposals would have read. */
static int stock_read(pctx *c)
{
    sqlite3_stmt *st;
    int rc = db_prepare(c->db, "SELECT proposal_id, state, employing_unit_id, competent_unit_id, "
                        "period_to, pilot FROM stock_at WHERE bound = ?1 AND live ORDER BY proposal_id",
                        &st, c->e);
    if (rc) return rc;
    rprop *v = NULL;     /* the second bound's rows not in the first's */
    int nv = 0, capv = 0, cap = 0;
    for (int w = 0; w < 2 && !rc; w++) {
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, w ? c->hi_prev : c->hi, -1, SQLITE_STATIC);
        int k = 0;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            int64_t id = sqlite3_column_int64(st, 0);
            const runit *u = rp_unit_of(c, sqlite3_column_int64(st, 2),
                                        sqlite3_column_int64(st, 3));
            if (!u) continue;
            unsigned char state = (unsigned char)sqlite3_column_int(st, 1);
            if (w == 1) {
                while (k < c->nrp && c->rp[k].id < id) k++;
                if (k < c->nrp && c->rp[k].id == id) { c->rp[k].end[1] = state; continue; }
            }
            rprop **arr = w ? &v : &c->rp;
            int *n = w ? &nv : &c->nrp, *cp = w ? &capv : &cap;
            if (*n == *cp) {
                *cp = *cp ? *cp * 2 : 4096;
                rprop *x = realloc(*arr, (size_t)*cp * sizeof *x);
                if (!x) { rc = err_set(c->e, ST_ENOMEM, "hết bộ nhớ"); break; }
                *arr = x;
            }
            rprop *p = &(*arr)[(*n)++];
            memset(p, 0, sizeof *p);
            p->id = id;
            p->unit = (int)(u - c->units);
            p->g = u->g;
            p->field = c->nf - 1;
            p->started = 1;
            p->pilot = sqlite3_column_int(st, 5) != 0;
            p->end[w] = state;
            const char *pto = db_col_text(st, 4);
            p->has_pto = strlen(pto) < sizeof p->pto_s && date_parse(pto, &p->pto, NULL) == ST_OK;
            if (p->has_pto) memcpy(p->pto_s, pto, strlen(pto) + 1);
        }
        if (rc == SQLITE_DONE) rc = ST_OK;
        else if (rc != ST_ENOMEM) rc = db_fail(c->db, c->e, "đọc số đang triển khai cuối tháng");
    }
    sqlite3_finalize(st);
    if (!rc && nv) {
        rprop *all = realloc(c->rp, (size_t)(c->nrp + nv) * sizeof *all);
        if (!all) rc = err_set(c->e, ST_ENOMEM, "hết bộ nhớ");
        else {
            /* Merge from the end: both in id order. */
            int i = c->nrp - 1, j = nv - 1;
            c->rp = all;
            for (int o = c->nrp + nv - 1; o >= 0; o--)
                all[o] = j < 0 || (i >= 0 && all[i].id > v[j].id) ? all[i--] : v[j--];
            c->nrp += nv;
        }
    }
    free(v);
    return rc;
}

/* The state at a moment is the last change before it (by time, then id):
 * one pass over events_state_at, in proposal order, as the array is. */
static int load_end_states(pctx *c)
{
    if (c->stocked) return stock_read(c);
    sqlite3_stmt *st;
    int rc;
    if ((rc = db_prepare(c->db, report_state_changes_sql, &st, c->e)))
        return rc;
    int k = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && k < c->nrp) {
        int64_t id = sqlite3_column_int64(st, 0);
        while (k < c->nrp && c->rp[k].id < id) k++;
        if (k == c->nrp || c->rp[k].id != id || !c->rp[k].started) continue;
        const char *at = db_col_text(st, 1), *s = db_col_text(st, 2);
        unsigned char v = (unsigned char)report_stock_state(s);
        if (strcmp(at, c->hi) < 0) c->rp[k].end[0] = v;
        if (strcmp(at, c->hi_prev) < 0) c->rp[k].end[1] = v;
    }
    if (rc == SQLITE_ROW) rc = SQLITE_DONE;   /* past the last proposal of the report */
    return rp_step_fail(c, st, rc, "đếm đề xuất đang triển khai");
}

/* The late pilots' rows: made in id order with what the array knows, then
 * their code and title read in one statement over the list of their ids
 * (14 000 at the end of 2025 on the bench's file: one statement run a row
 * cost 2 µs each), their unit's name once a unit. */
typedef struct late { int i; st_day due; int days; } late;

static int late_rows(pctx *c, const late *v, int n)
{
    report_table *t = c->tb[T_OVERDUE];
    int base = t->nrows;
    sbuf ids;
    sbuf_init(&ids);
    sbuf_add(&ids, "[");
    for (int k = 0; k < n; k++) {
        const rprop *p = &c->rp[v[k].i];
        char iso[11];
        date_iso(v[k].due, iso);
        int row = rt_newrow(c->r, t);
        rt_set(c->r, t, row, 3, p->pilot ? "Thí điểm" : "Thực hiện");
        rt_set(c->r, t, row, 4, p->pto_s);
        rt_set(c->r, t, row, 5, iso);
        rt_seti(c->r, t, row, 6, v[k].days);
        sbuf_addf(&ids, "%s%lld", k ? "," : "", (long long)p->id);
    }
    sbuf_add(&ids, "]");
    char **uname = calloc((size_t)c->nunits + 1, sizeof *uname);
    sqlite3_stmt *st = NULL, *un = NULL;
    int rc = ST_OK;
    if (ids.oom || !uname) rc = err_set(c->e, ST_ENOMEM, "hết bộ nhớ");
    if (!rc) rc = db_prepare(c->db, "SELECT j.key, p.code, p.title FROM json_each(?1) j JOIN "
                             "proposals p INDEXED BY proposals_brief ON p.id = j.value", &st, c->e);
    if (!rc) rc = db_prepare(c->db, "SELECT name FROM units WHERE id = ?1", &un, c->e);
    if (!rc) {
        sqlite3_bind_text(st, 1, sbuf_str(&ids), -1, SQLITE_STATIC);
        int step;
        while ((step = sqlite3_step(st)) == SQLITE_ROW) {
            int k = sqlite3_column_int(st, 0);
            if (k < 0 || k >= n) continue;
            int u = c->rp[v[k].i].unit;
            if (!uname[u]) {
                sqlite3_reset(un);
                sqlite3_bind_int64(un, 1, c->units[u].id);
                uname[u] = strdup(sqlite3_step(un) == SQLITE_ROW ? db_col_text(un, 0) : "");
            }
            rt_set(c->r, t, base + k, 0, db_col_text(st, 1));
            rt_set(c->r, t, base + k, 1, db_col_text(st, 2));
            rt_set(c->r, t, base + k, 2, uname[u] ? uname[u] : "");
        }
        if (step != SQLITE_DONE) rc = db_fail(c->db, c->e, "liệt kê đề xuất chậm báo cáo");
    }
    sqlite3_finalize(st);
    sqlite3_finalize(un);
    for (int u = 0; uname && u < c->nunits; u++) free(uname[u]);
    free(uname);
    sbuf_free(&ids);
    return rc;
}

int rp_load_stocks(pctx *c)
{
    const calendar *cal = db_calendar(c->db, c->e);
    if (!cal) return c->e->code ? c->e->code : ST_EDB;
    int days = (int)config_int(db_config(c->db), "workflow.report_days");
    st_day end[2];
    date_parse(c->end, &end[0], NULL);
    date_parse(c->pend, &end[1], NULL);
    int rc = load_end_states(c);
    if (rc) return rc;
    late *v = NULL;
    int n = 0, cap = 0;
    for (int i = 0; i < c->nrp && !rc; i++) {
        const rprop *p = &c->rp[i];
        int g = p->g;
        st_day due = 0;
        int due_known = 0;
        for (int w = 0; w < 2 && p->started && !rc; w++) {
            int running = p->end[w] == 1, susp = p->end[w] == 2;
            if (!running && !susp) continue;
            c->tot[w][running ? M_RUNNING : M_SUSPENDED]++;
            if (w == 0 && g >= 0 && g < c->ng) c->g[g].m[running ? M_RUNNING : M_SUSPENDED]++;
            if (!p->has_pto) continue;
            if (!due_known) due = calendar_add_working_days(cal, p->pto, days), due_known = 1;
            if (due >= end[w]) continue;
            c->tot[w][M_OVERDUE]++;
            if (w == 1) continue;
            if (g >= 0 && g < c->ng) c->g[g].m[M_OVERDUE]++;
            if (n == cap) {
                cap = cap ? cap * 2 : 1024;
                late *nv = realloc(v, (size_t)cap * sizeof *nv);
                if (!nv) { rc = err_set(c->e, ST_ENOMEM, "hết bộ nhớ"); break; }
                v = nv;
            }
            v[n++] = (late){i, due, calendar_working_days_between(cal, due, end[0])};
        }
    }
    if (!rc && n) rc = late_rows(c, v, n);
    free(v);
    return rc;
}
