/* The demo database: users, people and ~200 proposals taken through the real
 * core (user_add, person_add, proposal_create, workflow_apply, …) so that
 * every state, table and rule is exercised with plausible Vietnamese data.
 * Each proposal's path and dates are planned first; then the steps of all
 * proposals run in date order with the engine's clock (SANGTAO_TODAY,
 * SANGTAO_NOW) set to the step's day, so that codes, deadlines and
 * timestamps read like real history.  Texts come from demo_words.c. */
#include "demo.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db_internal.h"
#include "demo_words.h"
#include "base/rng.h"
#include "flow/proposal.h"
#include "flow/setup.h"
#include "flow/units.h"
#include "flow/users.h"
#include "flow/workflow.h"

#define NPROPS 200
#define NPEOPLE 100
#define MAXTEAMS 8
#define MAXSTEPS 40
#define NTEXT 4000
/* The demo's history runs over these days, whatever the real date. */
#define FIRST_DAY "2024-01-15"
#define LAST_DAY "2026-11-20"

/* Who takes each step: the clerk of the employing unit's team, the head
 * (or reviewer) of the competent unit's team, the monitor (Ban Tổ chức) of
 * the team or of the province. */
enum { W_CLERK, W_HEAD, W_REVIEWER, W_MONITOR, W_PROVINCE_MONITOR };
enum { A_CREATE, A_NOTE, A_SUBMIT, A_RETURN, A_EDIT, A_RESUBMIT, A_WITHDRAW, A_ACCEPT,
       A_OPINION, A_PARTY, A_VOTE, A_APPROVE, A_REJECT, A_START, A_MONITOR, A_SUSPEND,
       A_RESUME, A_TERMINATE, A_REPORT, A_PARTY2, A_EVALUATE, A_PROPOSE, A_REPLICATE,
       A_DECLINE, A_CLOSE, A_COMMEND };
static const struct { const char *name; int who; const char *doc; } acts[] = {
    {"create", W_CLERK, NULL}, {"note", W_CLERK, NULL}, {"submit", W_CLERK, NULL},
    {"return", W_HEAD, "TB"}, {"edit", W_CLERK, NULL}, {"resubmit", W_CLERK, NULL},
    {"withdraw", W_CLERK, NULL}, {"accept", W_HEAD, NULL}, {"opinion", W_REVIEWER, NULL},
    {"opinion", W_HEAD, NULL}, {"vote", W_HEAD, NULL}, {"approve", W_HEAD, "QĐ"},
    {"reject", W_HEAD, "QĐ"}, {"start", W_CLERK, NULL}, {"monitor", W_MONITOR, NULL},
    {"suspend", W_HEAD, "QĐ"}, {"resume", W_HEAD, "QĐ"}, {"terminate", W_HEAD, "QĐ"},
    {"report", W_CLERK, NULL}, {"opinion", W_HEAD, NULL}, {"evaluate", W_HEAD, "KL"},
    {"propose_replication", W_HEAD, "TTr"}, {"replicate", W_PROVINCE_MONITOR, "TB"},
    {"decline_replication", W_PROVINCE_MONITOR, "TB"}, {"close", W_HEAD, NULL},
    {"commend", W_PROVINCE_MONITOR, "QĐ"}};

/* How many proposals end in each state (200 in all). */
static const struct { int state, n; } mix[] = {
    {S_DRAFT, 16}, {S_SUBMITTED, 14}, {S_IN_REVIEW, 16}, {S_RETURNED, 10},
    {S_APPROVED, 10}, {S_REJECTED, 14}, {S_IMPLEMENTING, 28}, {S_SUSPENDED, 6},
    {S_TERMINATED, 5}, {S_REPORTED, 12}, {S_EVALUATED, 16},
    {S_REPLICATION_PROPOSED, 10}, {S_REPLICATED, 12}, {S_CLOSED, 23}, {S_WITHDRAWN, 8}};

/* Evaluation profiles, one of each protection case of DOMAIN.md "Protect". */
typedef struct eprof {
    const char *outcome;
    int damage, policy, motive, good, noact, abuse;
} eprof;
static const eprof prof[] = {
    {"completed", 0, 1, 1, 1, 1, 0},     {"partial", 0, 1, 1, 1, 1, 0},
    {"partial", 1, 1, 1, 1, 1, 0},       {"not_completed", 1, 1, 1, 1, 1, 0},
    {"not_completed", 0, 0, 1, 1, 1, 0}, {"partial", 1, 0, 0, 0, 0, 1}};
static const char *const forms[] = {"praise", "certificate", "merit", "early_raise",
                                    "priority_appointment"};

static const char *pick(rng *r, int list) { return dw[list].s[rnd(r, dw[list].n)]; }

typedef struct dunit {
    char code[64], name[256];
    int depth, parent, top, size, team;
} dunit;

typedef struct team {
    int unit, super, has_monitor;   /* super: the unit's Ban Tổ chức, else itself */
    st_actor clerk, head, reviewer, monitor;
} team;

typedef struct step {
    int act, gap, arg;
    st_day date;
} step;

typedef struct dprop {
    int target, unit, comp, team, hteam, field, lead, co[2], nco, is_head, deputy;
    int pilot, vote, profile, span, variant;
    long long funding;
    st_day pfrom, pto, done;
    char code[32];
    rng r;
    step s[MAXSTEPS];
    int ns;
} dprop;

typedef struct demo {
    st_db *db;
    const st_actor *admin;
    const char *pw;
    st_err *e;
    rng r;
    dunit *u;
    int nu, root, legal;
    team t[MAXTEAMS];
    int nt;
    st_actor secretary;             /* records written opinions of other bodies */
    int64_t person[NPEOPLE];
    int punit[NPEOPLE], phead[NPEOPLE];
    char ppos[NPEOPLE][96], names[NPEOPLE + 64][64];
    int nnames;
    dprop *p;
    const calendar *cal;
    int docno, profile_ctr, form_ctr, minute;
    st_day clock_day, first, last;
} demo;

/* ---- helpers ------------------------------------------------------------ */

typedef struct kvb {
    st_kv kv[30];
    char *own[30];
    int n, oom;
} kvb;

static void put(kvb *b, const char *name, const char *value)
{
    char *s = b->n < 30 ? strdup(value ? value : "") : NULL;
    if (!s) { b->oom = 1; return; }
    b->own[b->n] = s;
    b->kv[b->n].name = name;
    b->kv[b->n++].value = s;
}

__attribute__((format(printf, 3, 4)))
static void putf(kvb *b, const char *name, const char *fmt, ...)
{
    char buf[NTEXT];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    put(b, name, buf);
}

static void putd(kvb *b, const char *name, st_day day, int vn)
{
    char buf[11];
    if (vn) date_vn(day, buf); else date_iso(day, buf);
    put(b, name, buf);
}

/* Name the proposal (or user, unit) and the action in the core's message. */
static int fail(demo *d, const char *what, const char *action)
{
    char msg[sizeof d->e->msg], field[sizeof d->e->field];
    snprintf(msg, sizeof msg, "%s", d->e->msg);
    snprintf(field, sizeof field, "%s", d->e->field);
    return err_field(d->e, d->e->code ? d->e->code : ST_EDB, field,
                     "Dữ liệu mẫu: %s, thao tác '%s': %s", what, action, msg);
}

/* The engine's clock: the day, and a time in office hours (UTC+7). */
static void set_clock(demo *d, st_day day)
{
    char iso[11], now[32];
    date_iso(day, iso);
    if (day != d->clock_day) d->minute = 60 + rnd(&d->r, 30);
    else if (d->minute < 590) d->minute += 1 + rnd(&d->r, 9);
    d->clock_day = day;
    snprintf(now, sizeof now, "%sT%02d:%02d:00Z", iso, d->minute / 60, d->minute % 60);
    setenv("SANGTAO_TODAY", iso, 1);
    setenv("SANGTAO_NOW", now, 1);
}

static st_day wd_add(const demo *d, st_day day, int n)
{
    if (!calendar_is_working_day(d->cal, day)) day = calendar_add_working_days(d->cal, day, 1);
    return calendar_add_working_days(d->cal, day, n < 0 ? 0 : n);
}

static int starts(const char *s, const char *prefix) { return strncmp(s, prefix, strlen(prefix)) == 0; }

/* A Vietnamese name (họ, tên đệm, tên), distinct from those already given. */
static void new_name(demo *d, char *out, size_t n)
{
    for (int tries = 0; tries < 50; tries++) {
        int female = chance(&d->r, 45), dup = 0;
        snprintf(out, n, "%s %s %s", pick(&d->r, DW_HO), pick(&d->r, female ? DW_DEM_NU : DW_DEM_NAM),
                 pick(&d->r, female ? DW_TEN_NU : DW_TEN_NAM));
        for (int i = 0; i < d->nnames && !dup; i++) dup = strcmp(d->names[i], out) == 0;
        if (!dup) break;
    }
    if (d->nnames < NPEOPLE + 64) snprintf(d->names[d->nnames++], 64, "%s", out);
}

/* "Huyện ủy An Lão" reads "huyện An Lão" in a title; -1: not a committee. */
static int committee(const char *name)
{
    for (int i = 0; i < dw_nplaces; i++)
        if (starts(name, dw_places[i].prefix)) return i;
    return -1;
}

static int team_of(const demo *d, int unit)
{
    int top = d->u[unit].top;
    return top >= 0 && d->u[top].team > 0 ? d->u[top].team : 0;
}

/* ---- units, users, people ----------------------------------------------- */

static int unit_cb(const unit_row *row, void *ud)
{
    demo *d = ud;
    dunit *nu = realloc(d->u, (size_t)(d->nu + 1) * sizeof *nu);
    if (!nu) return err_set(d->e, ST_ENOMEM, "hết bộ nhớ");
    d->u = nu;
    dunit *x = memset(&d->u[d->nu++], 0, sizeof *nu);
    snprintf(x->code, sizeof x->code, "%s", row->code);
    snprintf(x->name, sizeof x->name, "%s", row->name);
    x->depth = row->depth;
    x->parent = -1;
    for (int i = 0; i < d->nu - 1 && *row->parent_code; i++)
        if (strcmp(d->u[i].code, row->parent_code) == 0) x->parent = i;
    return 0;
}

static int load_units(demo *d)
{
    int rc = unit_list(d->db, d->admin, unit_cb, d, d->e);
    if (rc) return rc;
    d->root = d->legal = -1;
    for (int i = 0; i < d->nu; i++) {
        if (d->u[i].depth == 0 && d->root < 0) d->root = i;
        if (strstr(d->u[i].name, "Tư pháp") && d->legal < 0) d->legal = i;
        int top = i;
        while (d->u[top].depth > 1 && d->u[top].parent >= 0) top = d->u[top].parent;
        d->u[i].top = d->u[i].depth >= 1 ? top : -1;
        for (int a = i; a >= 0; a = d->u[a].parent) d->u[a].size++;
    }
    if (d->root < 0 || d->nu < 2)
        return err_set(d->e, ST_EINVAL, "Dữ liệu mẫu cần cây đơn vị (chưa nạp đơn vị?)");
    if (d->legal < 0) d->legal = d->root;
    return ST_OK;
}

static int mkuser(demo *d, int unit, const char *suffix, unsigned roles, st_actor *out)
{
    char uname[64], full[64];
    size_t k = 0;
    for (const char *c = d->u[unit].code; *c && k < 20; c++)
        uname[k++] = (char)(*c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' : *c);
    snprintf(uname + k, sizeof uname - k, ".%s", suffix);
    new_name(d, full, sizeof full);
    int rc = user_add(d->db, d->admin, uname, full, roles, d->u[unit].code, d->pw, d->e);
    if (rc) return fail(d, uname, "user_add");
    /* Demo accounts share the published demo password and open straight
     * into the screens; user_add always demands a change at first login and
     * no core call clears that for another user, hence this direct write. */
    sqlite3_stmt *st;
    if ((rc = db_prepare(d->db, "UPDATE users SET must_change_pw = 0 WHERE username = ?1", &st, d->e)))
        return rc;
    sqlite3_bind_text(st, 1, uname, -1, SQLITE_STATIC);
    rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : db_fail(d->db, d->e, "người dùng mẫu");
    sqlite3_finalize(st);
    if (!rc && out && (rc = user_actor(d->db, uname, out, d->e))) return fail(d, uname, "user_actor");
    return rc;
}

/* Teams: the province (root), then the depth-1 units with the largest
 * subtrees; each has a clerk, a head, a reviewer, and a monitor when it has
 * a Ban Tổ chức.  Proposals elsewhere are handled by the province team. */
static int make_users(demo *d)
{
    int cand[64], nc = 0, rc;
    for (int i = 0; i < d->nu && nc < 64; i++)
        if (d->u[i].depth == 1 && d->u[i].size > 1) cand[nc++] = i;
    for (int i = 1; i < nc; i++)     /* by size, largest first, else tree order */
        for (int j = i; j > 0 && d->u[cand[j]].size > d->u[cand[j - 1]].size; j--) {
            int t = cand[j]; cand[j] = cand[j - 1]; cand[j - 1] = t;
        }
    d->nt = 0;
    d->t[d->nt++].unit = d->root;
    for (int i = 0; i < nc && d->nt < MAXTEAMS; i++) {
        d->u[cand[i]].team = d->nt;
        d->t[d->nt++].unit = cand[i];
    }
    for (int k = 0; k < d->nt; k++) {
        team *t = &d->t[k];
        t->super = t->unit;
        for (int i = 0; i < d->nu; i++)
            if (d->u[i].parent == t->unit && starts(d->u[i].name, "Ban Tổ chức")) t->super = i;
        t->has_monitor = k == 0 || t->super != t->unit;
        if ((rc = mkuser(d, t->unit, "chuyenvien", ROLE_CLERK, &t->clerk)) ||
            (rc = mkuser(d, t->unit, "lanhdao", ROLE_HEAD, &t->head)) ||
            (rc = mkuser(d, t->unit, "thamdinh", ROLE_REVIEWER, &t->reviewer)) ||
            (t->has_monitor && (rc = mkuser(d, t->unit, "theodoi", ROLE_MONITOR, &t->monitor))) ||
            (k % 3 == 0 && (rc = mkuser(d, t->unit, "xem", ROLE_VIEWER, NULL))))
            return rc;
    }
    if ((rc = mkuser(d, d->root, "theodoi2", ROLE_MONITOR, NULL))) return rc;
    return mkuser(d, d->root, "thuky", ROLE_CLERK | ROLE_REVIEWER, &d->secretary);
}

static int make_people(demo *d)
{
    static const char *const net[] = {"90", "91", "93", "94", "97", "98", "86", "88"};
    for (int i = 0; i < NPEOPLE; i++) {
        int u = rnd(&d->r, d->nu), r = rnd(&d->r, 100);
        if (u == d->root) u = (u + 1) % d->nu;
        const dw_post *po = &dw_posts[dw_nposts - 1];
        for (int k = 0; k < dw_nposts - 1 && po == &dw_posts[dw_nposts - 1]; k++)
            if (starts(d->u[u].name, dw_posts[k].prefix)) po = &dw_posts[k];
        d->phead[i] = r < 8;
        snprintf(d->ppos[i], sizeof d->ppos[i], "%s",
                 r < 8 ? po->head : r < 25 ? po->deputy : pick(&d->r, DW_STAFF_POS));
        char name[64], phone[16];
        new_name(d, name, sizeof name);
        snprintf(phone, sizeof phone, "0%s%07d", net[rnd(&d->r, 8)], rnd(&d->r, 10000000));
        st_kv kv[] = {{"full_name", name}, {"position", d->ppos[i]}, {"unit", d->u[u].code},
                      {"phone", phone}};
        d->punit[i] = u;
        if (person_add(d->db, d->admin, kv, 4, &d->person[i], d->e)) return fail(d, name, "person_add");
    }
    return ST_OK;
}

/* ---- planning: each proposal's path, then its dates ---------------------- */

static void add(dprop *p, int act, int gap, int arg)
{
    if (p->ns < MAXSTEPS) p->s[p->ns++] = (step){act, gap, arg, 0};
}

static int field_index(const char *code)
{
    for (int f = 0; f < dw_nfields; f++)
        if (strcmp(dw_fields[f].code, code) == 0) return f;
    return 0;
}

/* Usually the field the unit's name suggests; Party bodies stay in theirs. */
static int pick_field(const demo *d, rng *r, int unit)
{
    const char *names[2] = {d->u[unit].name, d->u[unit].top >= 0 ? d->u[d->u[unit].top].name : ""};
    if (chance(r, 75))
        for (int n = 0; n < 2; n++)
            for (int k = 0; k < dw_naffinities; k++)
                if (strstr(names[n], dw_affinities[k].word)) return field_index(dw_affinities[k].field);
    for (int k = 0; k < dw[DW_PARTY_ORGAN].n; k++)
        if (starts(names[0], dw[DW_PARTY_ORGAN].s[k])) return field_index(pick(r, DW_PARTY_FIELD));
    return rnd(r, dw_nfields);
}

/* The steps that lead to the proposal's target state, each with its gap in
 * working days after the previous one. */
static void plan(demo *d, dprop *p)
{
    rng *r = &p->r;
    int T = p->target;
    p->span = range(r, 60, 240);
    add(p, A_CREATE, 0, 0);
    if (T == S_DRAFT) {
        if (chance(r, 30)) add(p, A_NOTE, range(r, 1, 8), 0);
        return;
    }
    if (T == S_WITHDRAWN) {
        int v = rnd(r, 3);
        if (v) add(p, A_SUBMIT, range(r, 2, 15), 0);
        if (v == 2) add(p, A_RETURN, range(r, 1, 5), 0);
        add(p, A_WITHDRAW, range(r, 3, 20), 0);
        return;
    }
    add(p, A_SUBMIT, range(r, 2, 20), 0);
    if (T != S_RETURNED && chance(r, T == S_SUBMITTED ? 45 : 18)) {  /* returned once */
        if (chance(r, 50)) add(p, A_ACCEPT, range(r, 1, 3), 0);
        add(p, A_RETURN, range(r, 1, 5), 0);
        add(p, A_EDIT, range(r, 3, 15), 0);
        add(p, A_RESUBMIT, range(r, 0, 2), 0);
    }
    if (T == S_SUBMITTED) return;
    if (T == S_RETURNED) {
        if (chance(r, 50)) add(p, A_ACCEPT, range(r, 1, 3), 0);
        add(p, A_RETURN, range(r, 1, 5), 0);
        return;
    }
    add(p, A_ACCEPT, range(r, 1, 3), 0);
    if (T == S_IN_REVIEW) {
        if (chance(r, 60)) add(p, A_OPINION, range(r, 1, 4), 0);
        return;
    }
    add(p, A_OPINION, range(r, 1, 3), 0);
    if (chance(r, 40)) add(p, A_OPINION, range(r, 0, 2), 1);
    if (T == S_REJECTED) {
        if (chance(r, 40)) add(p, A_PARTY, range(r, 1, 3), 0);
        if (chance(r, 70)) add(p, A_VOTE, range(r, 1, 3), 0);
        p->vote = 2;
        add(p, A_REJECT, range(r, 0, 2), 0);
        return;
    }
    /* 0: passes; 1: an exact half, the head's way; 2: not passed, the head
     * approves in writing and takes responsibility */
    p->vote = chance(r, 9) ? 2 : chance(r, 12) ? 1 : 0;
    add(p, A_PARTY, range(r, 1, 3), 0);
    add(p, A_VOTE, range(r, 0, 2), 0);
    add(p, A_APPROVE, range(r, 0, 2), 0);
    if (T == S_APPROVED) return;
    add(p, A_START, range(r, 5, 20), 0);
    int D = range(r, 60, 220), nm = range(r, 2, 4), per = D / (nm + 1), m = nm;
    p->span = D + range(r, -10, 10);
    if (T == S_IMPLEMENTING) m = range(r, 2, nm);
    if (T == S_SUSPENDED || T == S_TERMINATED) m = range(r, 1, nm);
    for (int k = 1; k <= m; k++) {   /* arg: progress %, or -1 for a violation */
        add(p, A_MONITOR, per + range(r, -3, 3), T == S_TERMINATED && k == m ? -1 : k * 100 / (nm + 1));
        if (T == S_IMPLEMENTING && k == 1 && m > 1 && chance(r, 25)) {
            add(p, A_SUSPEND, range(r, 1, 5), 0);
            add(p, A_RESUME, range(r, 10, 25), 0);
        }
    }
    if (T == S_IMPLEMENTING) return;
    if (T == S_SUSPENDED || (T == S_TERMINATED && chance(r, 50))) add(p, A_SUSPEND, range(r, 1, 6), 0);
    if (T == S_SUSPENDED && chance(r, 50)) add(p, A_MONITOR, range(r, 5, 15), m * 100 / (nm + 1));
    if (T == S_TERMINATED) add(p, A_TERMINATE, range(r, 2, 10), 0);
    if (T == S_SUSPENDED || T == S_TERMINATED) return;
    /* gap: to completion; arg: working days from completion to the report */
    add(p, A_REPORT, per, chance(r, 15) ? range(r, 6, 9) : range(r, 0, 5));
    if (T == S_REPORTED) return;
    int repl = T == S_REPLICATION_PROPOSED || T == S_REPLICATED;
    if (T == S_CLOSED) repl = (p->variant = rnd(r, 3)) > 0;
    p->profile = repl ? (chance(r, 80) ? 0 : 1) : d->profile_ctr++ % 6;
    add(p, A_PARTY2, range(r, 1, 3), 0);
    add(p, A_EVALUATE, range(r, 1, 5), 0);
    if (p->profile == 0 && chance(r, 60)) add(p, A_COMMEND, range(r, 5, 30), d->form_ctr++ % 5);
    if (T == S_EVALUATED) return;
    if (!repl) {
        add(p, A_CLOSE, range(r, 5, 30), 0);
        return;
    }
    add(p, A_PROPOSE, range(r, 10, 40), 0);
    if (T == S_REPLICATION_PROPOSED) return;
    if (p->variant == 1) {
        add(p, A_DECLINE, range(r, 15, 60), 0);
        return;
    }
    add(p, A_REPLICATE, range(r, 15, 60), 0);
    add(p, A_COMMEND, range(r, 5, 20), (d->form_ctr++ % 5) | (p->nco ? 16 : 0));
    if (T == S_CLOSED) add(p, A_CLOSE, range(r, 20, 60), 0);
}

/* Dates from a first day; the planned period starts with the real start,
 * or some weeks after the draft.  Returns the last step's day. */
static st_day schedule(const demo *d, dprop *p, st_day d0, int lead_in)
{
    st_day day = wd_add(d, d0, 0), approved = 0;
    p->pfrom = 0;
    for (int k = 0; k < p->ns; k++) {
        step *s = &p->s[k];
        if (k && s->act == A_REPORT) {
            p->done = wd_add(d, day, s->gap);
            day = wd_add(d, p->done, s->arg);
        } else if (k) {
            day = wd_add(d, day, s->gap);
        }
        s->date = day;
        if (s->act == A_START) p->pfrom = day;
        if (s->act == A_APPROVE) approved = day;
    }
    if (!p->pfrom) p->pfrom = wd_add(d, p->s[0].date, lead_in);
    if (p->pfrom <= approved) p->pfrom = wd_add(d, approved, 5);
    p->pto = wd_add(d, p->pfrom, p->span);
    return day;
}

/* Open cases end near the last day; finished ones anywhere they fit. */
static void place_dates(const demo *d, dprop *p)
{
    static const int recent[S_COUNT] = {
        [S_DRAFT] = 90, [S_SUBMITTED] = 20, [S_IN_REVIEW] = 12, [S_RETURNED] = 60,
        [S_APPROVED] = 30, [S_IMPLEMENTING] = 45, [S_SUSPENDED] = 45, [S_REPORTED] = 15,
        [S_EVALUATED] = 120, [S_REPLICATION_PROPOSED] = 90};
    int lead_in = range(&p->r, 25, 60);
    st_day span = schedule(d, p, d->first, lead_in) - d->first, want, lo = d->first + span;
    if (recent[p->target]) want = d->last - rnd(&p->r, recent[p->target] + 1);
    else want = lo >= d->last ? d->last : lo + rnd(&p->r, (int)(d->last - lo + 1));
    st_day d0 = want - span < d->first ? d->first : want - span;
    for (int i = 0;; i++) {
        st_day last = schedule(d, p, d0, lead_in);
        if (last <= d->last || d0 == d->first || i == 5) break;
        d0 = d0 - (last - d->last) < d->first ? d->first : d0 - (last - d->last);
    }
}

static void setup_prop(demo *d, dprop *p, unsigned seed, int i, int target)
{
    rng *r = &p->r;
    rng_seed(r, (uint64_t)seed * 1000003u + (uint64_t)i + 1);
    p->target = target;
    p->lead = rnd(r, NPEOPLE);
    p->unit = d->punit[p->lead];
    p->is_head = d->phead[p->lead];
    p->deputy = starts(d->ppos[p->lead], "Phó") && chance(r, 50);
    /* the head's own proposal goes to the unit above (DOMAIN.md "Proposal") */
    p->comp = p->is_head && d->u[p->unit].parent >= 0 ? d->u[p->unit].parent : p->unit;
    p->team = team_of(d, p->unit);
    p->hteam = team_of(d, p->comp);
    for (int want = rnd(r, 3), tries = 0; p->nco < want && tries < 40; tries++) {
        int c = rnd(r, NPEOPLE);
        if (c == p->lead || (p->nco && c == p->co[0]) ||
            (tries < 30 && d->u[d->punit[c]].top != d->u[p->unit].top))
            continue;
        p->co[p->nco++] = c;
    }
    p->field = pick_field(d, r, p->unit);
    p->pilot = chance(r, 60);
    p->funding = chance(r, 30) ? 0 : range(r, 2, 400) * 5000000LL;
    plan(d, p);
    place_dates(d, p);
}

/* ---- running the steps through the core ---------------------------------- */

/* The same-level Party body: the committee itself, its locality's ("Ban
 * Thường vụ Huyện ủy An Lão"), the Party group of a government body, or
 * the province's. */
static void party_body(const demo *d, const dprop *p, char *out, size_t n)
{
    int u = committee(d->u[p->comp].name) >= 0 ? p->comp : d->u[p->comp].top;
    if (u < 0 || (committee(d->u[u].name) < 0 && !starts(d->u[u].name, "Ủy ban nhân dân")))
        u = d->root;
    snprintf(out, n, "%s %s", committee(d->u[u].name) >= 0 ? "Ban Thường vụ" : "Ban cán sự đảng",
             d->u[u].name);
}

/* Two or three depth-1 units other than the proposal's own, as text. */
static void unit_names(const demo *d, dprop *p, char *out, size_t n)
{
    size_t len = 0;
    out[0] = '\0';
    for (int k = 0, want = range(&p->r, 2, 3), tries = 0; k < want && tries < 50 && len < n; tries++) {
        int u = rnd(&p->r, d->nu);
        if (d->u[u].depth != 1 || u == d->u[p->unit].top || strstr(out, d->u[u].name)) continue;
        len += (size_t)snprintf(out + len, n - len, "%s%s", k++ ? "; " : "", d->u[u].name);
    }
}

static void put_vote(kvb *b, dprop *p)
{
    rng *r = &p->r;
    int members = range(r, 5, 15), excl = p->deputy, voters = members - excl, vfor;
    if (p->vote == 1 && voters % 2) voters = --members - excl;
    if (p->vote == 0) vfor = range(r, voters / 2 + 1, voters);
    else if (p->vote == 1) vfor = voters / 2;
    else vfor = range(r, voters / 2 > 2 ? voters / 2 - 2 : 1, (voters - 1) / 2);
    int against = range(r, (voters - vfor) * 2 / 3, voters - vfor);
    putf(b, "members", "%d", members);
    putf(b, "votes_for", "%d", vfor);
    putf(b, "votes_against", "%d", against);
    putf(b, "abstain", "%d", range(r, 0, voters - vfor - against));
    put(b, "head_vote", "for");
    putf(b, "deputy_excluded", "%d", excl);
}

static void put_proposal(demo *d, dprop *p, kvb *b)
{
    rng *r = &p->r;
    const dw_field *f = &dw_fields[p->field];
    const char *name = d->u[p->unit].name, *tmpl = f->titles[rnd(r, 4)], *at = strstr(tmpl, "%s");
    char place[300], co[64] = "";
    int c = committee(name);
    snprintf(place, sizeof place, "%s%s", c >= 0 ? dw_places[c].head : "",
             name + (c >= 0 ? strlen(dw_places[c].prefix) : 0));
    putf(b, "title", "%.*s%s%s", (int)(at - tmpl), tmpl, place, at + 2);
    put(b, "field", f->code);
    put(b, "employing_unit", d->u[p->unit].code);
    put(b, "proposer_is_head", p->is_head ? "1" : "0");
    putf(b, "lead", "%lld", (long long)d->person[p->lead]);
    put(b, "lead_position", d->ppos[p->lead]);
    for (int i = 0; i < p->nco; i++)
        snprintf(co + strlen(co), sizeof co - strlen(co), "%s%lld", i ? "; " : "",
                 (long long)d->person[p->co[i]]);
    put(b, "coauthors", co);
    int kind = rnd(r, 20);
    put(b, "bottleneck", pick(r, kind < 9 ? DW_BN_NOTREG : DW_BN_UNSUIT));
    put(b, "bottleneck_kind", kind < 9 ? "not_regulated" : kind < 19 ? "unsuitable" : "other");
    putd(b, "period_from", p->pfrom, 1);
    putd(b, "period_to", p->pto, 0);
    putf(b, "funding_requested", "%lld", p->funding);
    if (p->target == S_DRAFT && chance(r, 30)) return;   /* a draft still being written */
    int n = dw[DW_CONTENT].n, c0 = rnd(r, n), c1, c2;
    do c1 = rnd(r, n); while (c1 == c0);
    do c2 = rnd(r, n); while (c2 == c0 || c2 == c1);
    putf(b, "content", "1. %s\n2. %s\n3. %s", dw[DW_CONTENT].s[c0], dw[DW_CONTENT].s[c1],
         dw[DW_CONTENT].s[c2]);
    put(b, "feasibility", pick(r, DW_FEASIBILITY));
    int plan22 = chance(r, 60);
    putf(b, "legal_basis", "%s; %s; %s%s%s", dw[DW_LAW].s[0], dw[DW_LAW].s[1], f->law,
         plan22 ? "; " : "", plan22 ? dw[DW_LAW].s[2] : "");
}

/* The fields of a step that are not a plain pick from a list. */
static void put_step(demo *d, dprop *p, const step *s, const st_actor **by, kvb *b)
{
    rng *r = &p->r;
    const team *ct = &d->t[p->team], *ht = &d->t[p->hteam], *mt = ct->has_monitor ? ct : &d->t[0];
    const eprof *pf = &prof[p->profile];
    const char *rec = p->target == S_REJECTED ? "reject" : p->pilot ? "pilot" : "implement";
    char text[NTEXT];
    switch (s->act) {
    case A_CREATE: put_proposal(d, p, b); break;
    case A_EDIT: putf(b, "risks", "%s\n%s", pick(r, DW_RISKS), pick(r, DW_EDIT)); break;
    case A_ACCEPT: putd(b, "received_date", s->date, 0); break;
    case A_OPINION:
        if (s->arg) {   /* a written opinion of the legal department, recorded */
            *by = &d->secretary;
            putf(b, "reviewer", "%s (văn bản góp ý)", d->u[d->legal].name);
        } else {
            putf(b, "reviewer", "%s – %s", ht->reviewer.full_name, d->u[ht->unit].name);
        }
        putd(b, "opinion_date", s->date, 1);
        put(b, "recommendation", *rec == 'r' && chance(r, 40) ? "other" : rec);
        put(b, "text", dw[DW_OPINION].s[*rec == 'r' ? dw[DW_OPINION].n - 1
                                        : rnd(r, dw[DW_OPINION].n - 1)]);
        put(b, "party_committee", "0");
        break;
    case A_PARTY:
    case A_PARTY2:
        party_body(d, p, text, sizeof text);
        put(b, "reviewer", text);
        putd(b, "opinion_date", s->date, 0);
        put(b, "recommendation", s->act == A_PARTY2 ? "other" : rec);
        put(b, "text", s->act == A_PARTY2 ? pick(r, DW_PARTY_EVAL) : *rec == 'r'
                       ? "Chưa thống nhất chủ trương; đề nghị không chấp thuận." : pick(r, DW_PARTY_OP));
        put(b, "party_committee", "có");
        break;
    case A_VOTE: putd(b, "vote_date", s->date, 0); put_vote(b, p); break;
    case A_APPROVE:
        put(b, "kind", rec);
        put(b, "signer", ht->head.full_name);
        if (p->funding)
            putf(b, "funding_granted", "%lld", p->funding / 100 * range(r, 50, 100) / 1000000 * 1000000);
        if (p->pilot) put(b, "pilot_scope", pick(r, DW_PILOT_SCOPE));
        put(b, "supervising_unit", d->u[ht->super].code);
        if (p->vote == 2) put(b, "override_reason", pick(r, DW_OVERRIDE));
        break;
    case A_REJECT: {
        static const char *const why[] = {"not_feasible", "impractical", "not_feasible,impractical",
                                          "outside_law", "self_serving", "other"};
        put(b, "reject_reasons", why[rnd(r, 6)]);
        put(b, "signer", ht->head.full_name);
        break;
    }
    case A_START: putd(b, "start_date", s->date, 0); break;
    case A_MONITOR: {
        static const char *const kinds[] = {"follow", "inspect", "supervise"};
        int kind = s->arg < 0 ? 1 : rnd(r, 3);
        if (!kind) *by = &ct->clerk;
        putd(b, "entry_date", s->date, 0);
        put(b, "kind", kinds[kind]);
        put(b, "by_whom", d->u[kind ? mt->super : p->unit].name);
        if (s->arg < 0) {
            put(b, "findings", "Kiểm tra đột xuất theo phản ánh của người dân.");
            put(b, "violation", "1");
            put(b, "violation_detail", pick(r, DW_VIOLATION));
            put(b, "corrective_action", pick(r, DW_CORRECTIVE));
            break;
        }
        putf(b, "progress", "%d", s->arg + 5 > 100 ? 100 : s->arg + rnd(r, 6));
        put(b, "findings", pick(r, DW_FINDING));
        put(b, "problems", pick(r, DW_PROBLEM));
        put(b, "support", pick(r, DW_SUPPORT));
        put(b, "adjustments", pick(r, DW_ADJUST));
        put(b, "violation", "0");
        break;
    }
    case A_SUSPEND: if (chance(r, 50)) *by = &mt->monitor; break;
    case A_REPORT:
        putd(b, "completion_date", p->done, 1);
        putd(b, "report_date", s->date, 0);
        put(b, "results", dw[DW_RESULTS].s[pf->outcome[0] == 'c' ? (chance(r, 50) ? 0 : 3)
                                           : pf->outcome[0] == 'p' ? 1 : 2]);
        break;
    case A_EVALUATE: {
        static const char *const consider[] = {"excluded", "exempted", "mitigated"};
        /* the user confirms a measure that fits the engine's suggestion */
        const char *sug = workflow_suggest_protection(pf->outcome, pf->damage, pf->policy,
                                                      pf->motive, pf->good, pf->noact, pf->abuse);
        putd(b, "meeting_date", s->date, 0);
        put(b, "outcome", pf->outcome);
        if (pf->damage) putf(b, "damage_estimate", "%lld", range(r, 5, 300) * 1000000LL);
        if (pf->outcome[0] != 'c' || chance(r, 30)) {
            put(b, "objective_causes", pick(r, DW_OBJ_CAUSE));
            put(b, "subjective_causes", pick(r, DW_SUBJ_CAUSE));
        }
        const char *flag[] = {"damage", "in_line_policy", "clean_motive", "common_good",
                              "no_prohibited_act", "abuse"};
        const int val[] = {pf->damage, pf->policy, pf->motive, pf->good, pf->noact, pf->abuse};
        for (int i = 0; i < 6; i++) put(b, flag[i], val[i] ? "1" : "0");
        put(b, "protection_measure", strcmp(sug, "consider_exclusion") == 0 ? consider[rnd(r, 3)]
                                     : strcmp(sug, "none") == 0 && chance(r, 50) ? "mitigated" : sug);
        break;
    }
    case A_PROPOSE:
    case A_REPLICATE:
        unit_names(d, p, text, sizeof text);
        put(b, s->act == A_PROPOSE ? "target_units" : "adopting_units", text);
        break;
    case A_COMMEND:
        putf(b, "person", "%lld", (long long)d->person[s->arg & 16 ? p->co[0] : p->lead]);
        put(b, "form", forms[s->arg & 15]);
        break;
    default: break;
    }
}

static int run_step(demo *d, dprop *p, int k)
{
    const step *s = &p->s[k];
    const team *ct = &d->t[p->team], *ht = &d->t[p->hteam], *mt = ct->has_monitor ? ct : &d->t[0];
    const st_actor *whom[] = {&ct->clerk, &ht->head, &ht->reviewer, &mt->monitor, &d->t[0].monitor};
    const st_actor *by = whom[acts[s->act].who];
    const char *name = acts[s->act].name;
    kvb b = {0};
    int rc;
    set_clock(d, s->date);
    if (acts[s->act].doc) {
        const char *uc = d->u[acts[s->act].who == W_PROVINCE_MONITOR ? d->root : p->comp].code;
        const char *tail = strrchr(uc, '-');
        putf(&b, "doc_no", "%d/%s-%s", 10 + d->docno++ % 890, acts[s->act].doc, tail ? tail + 1 : uc);
        putd(&b, "doc_date", s->date, 1);
    }
    for (int i = 0; i < dw_ntexts; i++)
        if (strcmp(dw_texts[i].action, name) == 0) put(&b, dw_texts[i].field, pick(&p->r, dw_texts[i].list));
    put_step(d, p, s, &by, &b);
    if (b.oom) rc = err_set(d->e, ST_ENOMEM, "hết bộ nhớ");
    else if (s->act == A_CREATE) rc = proposal_create(d->db, by, b.kv, b.n, p->code, d->e);
    else if (s->act == A_EDIT) rc = proposal_update(d->db, by, p->code, b.kv, b.n, 0, d->e);
    else rc = workflow_apply(d->db, by, p->code, name, b.kv, b.n, 0, d->e);
    if (rc) rc = fail(d, s->act == A_CREATE ? kv_get(b.kv, b.n, "title") : p->code, name);
    for (int i = 0; i < b.n; i++) free(b.own[i]);
    return rc;
}

/* Study sessions of the Conclusion in every depth-1 unit and some below. */
static int disseminate(demo *d)
{
    static const char *const form[] = {"conference", "cell_meeting", "propaganda"};
    for (int i = 0; i < d->nu; i++) {
        if (d->u[i].depth > 1 && !chance(&d->r, 35)) continue;
        for (int k = 0, n = range(&d->r, 1, 3); k < n; k++) {
            st_day day = wd_add(d, d->first + rnd(&d->r, (int)(d->last - d->first)), 0);
            char date[11], part[16];
            date_vn(day, date);
            snprintf(part, sizeof part, "%d", range(&d->r, 15, 250));
            set_clock(d, day);
            if (dissemination_add(d->db, &d->t[team_of(d, i)].clerk, d->u[i].code, date,
                                  form[rnd(&d->r, 3)], part, pick(&d->r, DW_DISSEM), d->e))
                return fail(d, d->u[i].code, "dissemination_add");
        }
    }
    return ST_OK;
}

typedef struct ev { st_day date; int p, k; } ev;

static int ev_cmp(const void *a, const void *b)
{
    const ev *x = a, *y = b;
    if (x->date != y->date) return x->date < y->date ? -1 : 1;
    return x->p != y->p ? x->p - y->p : x->k - y->k;
}

static int fill(demo *d, unsigned seed)
{
    int rc, targets[NPROPS], n = 0, nev = 0;
    if ((rc = date_parse(FIRST_DAY, &d->first, d->e)) || (rc = date_parse(LAST_DAY, &d->last, d->e)))
        return rc;
    if (!(d->cal = db_calendar(d->db, d->e))) return d->e->code ? d->e->code : ST_EDB;
    if ((rc = load_units(d))) return rc;
    set_clock(d, d->first - 10);
    if ((rc = make_users(d)) || (rc = make_people(d))) return rc;
    for (size_t i = 0; i < sizeof mix / sizeof mix[0]; i++)
        for (int k = 0; k < mix[i].n && n < NPROPS; k++) targets[n++] = mix[i].state;
    for (int i = n - 1; i > 0; i--) {
        int j = rnd(&d->r, i + 1), t = targets[i];
        targets[i] = targets[j];
        targets[j] = t;
    }
    for (int i = 0; i < n; i++) {
        setup_prop(d, &d->p[i], seed, i, targets[i]);
        nev += d->p[i].ns;
    }
    /* All steps of all proposals in date order: codes are numbered as the
     * drafts were made and every proposal's history reads forward. */
    ev *evs = malloc((size_t)nev * sizeof *evs);
    if (!evs) return err_set(d->e, ST_ENOMEM, "hết bộ nhớ");
    nev = 0;
    for (int i = 0; i < n; i++)
        for (int k = 0; k < d->p[i].ns; k++) evs[nev++] = (ev){d->p[i].s[k].date, i, k};
    qsort(evs, (size_t)nev, sizeof *evs, ev_cmp);
    for (int i = 0; i < nev && !rc; i++) rc = run_step(d, &d->p[evs[i].p], evs[i].k);
    free(evs);
    return rc ? rc : disseminate(d);
}

static void env_restore(const char *name, char *old)
{
    if (old) setenv(name, old, 1);
    else unsetenv(name);
    free(old);
}

int demo_fill(st_db *db, const st_actor *admin, unsigned seed, const char *demo_password,
              st_err *e)
{
    st_err local;
    if (!e) e = &local;
    err_clear(e);
    if (!db || !admin || !demo_password)
        return err_set(e, ST_EINVAL, "Dữ liệu mẫu: thiếu cơ sở dữ liệu, quản trị viên hoặc mật khẩu");
    const char *t = getenv("SANGTAO_TODAY"), *n = getenv("SANGTAO_NOW");
    char *old_today = t ? strdup(t) : NULL, *old_now = n ? strdup(n) : NULL;
    demo *d = calloc(1, sizeof *d);
    dprop *props = calloc(NPROPS, sizeof *props);
    int rc;
    if (!d || !props || (t && !old_today) || (n && !old_now)) {
        rc = err_set(e, ST_ENOMEM, "hết bộ nhớ");
    } else {
        *d = (demo){.db = db, .admin = admin, .pw = demo_password, .e = e, .p = props};
        rng_seed(&d->r, seed);
        /* Thousands of one-action transactions: with synchronous=FULL every
         * commit waits for the disk.  A demo database is simply made again
         * if the machine fails mid-way, so the fill skips the fsyncs; FULL
         * comes back before returning. */
        sqlite3_exec(db_h(db), "PRAGMA synchronous=OFF", NULL, NULL, NULL);
        rc = fill(d, seed);
        if (sqlite3_exec(db_h(db), "PRAGMA synchronous=FULL", NULL, NULL, NULL) != SQLITE_OK && !rc)
            rc = db_fail(db, e, "PRAGMA synchronous=FULL");
    }
    env_restore("SANGTAO_TODAY", old_today);
    env_restore("SANGTAO_NOW", old_now);
    if (d) free(d->u);
    free(d);
    free(props);
    return rc;
}
