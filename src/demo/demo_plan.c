/* Planning a demo proposal: who proposes it and to whom, its field and
 * funding, the steps that lead to the state it is to end in, and the days
 * of those steps (open cases near the demo's last day).  Nothing is written
 * here; demo_steps.c runs the plan. */
#include "demo_internal.h"

#include <string.h>

#include "flow/workflow.h"

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
        if (demo_starts(names[0], dw[DW_PARTY_ORGAN].s[k])) return field_index(demo_pick(r, DW_PARTY_FIELD));
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
        /* a rejection follows the collective's vote (Art. 8(1)); some meet the
         * same day as the last opinion */
        int later = chance(r, 70);
        add(p, A_VOTE, later ? range(r, 1, 3) : 0, 0);
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
    /* most results are told within the 3 working days, a few late, some
     * recent ones not yet (the overdue report has something to show) */
    if (!chance(r, 8)) add(p, A_NOTIFY, chance(r, 85) ? range(r, 0, 3) : range(r, 4, 8), 0);
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
    st_day day = demo_wd_add(d, d0, 0), approved = 0;
    p->pfrom = 0;
    for (int k = 0; k < p->ns; k++) {
        step *s = &p->s[k];
        if (k && s->act == A_REPORT) {
            p->done = demo_wd_add(d, day, s->gap);
            day = demo_wd_add(d, p->done, s->arg);
        } else if (k) {
            day = demo_wd_add(d, day, s->gap);
        }
        s->date = day;
        if (s->act == A_START) p->pfrom = day;
        if (s->act == A_APPROVE) approved = day;
    }
    if (!p->pfrom) p->pfrom = demo_wd_add(d, p->s[0].date, lead_in);
    if (p->pfrom <= approved) p->pfrom = demo_wd_add(d, approved, 5);
    p->pto = demo_wd_add(d, p->pfrom, p->span);
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

void demo_plan_proposal(demo *d, dprop *p, unsigned seed, int i, int target)
{
    rng *r = &p->r;
    rng_seed(r, (uint64_t)seed * 1000003u + (uint64_t)i + 1);
    p->target = target;
    p->lead = rnd(r, NPEOPLE);
    p->unit = d->punit[p->lead];
    p->is_head = d->phead[p->lead];
    p->deputy = demo_starts(d->ppos[p->lead], "Phó") && chance(r, 50);
    /* the head's own proposal goes to the unit above (DOMAIN.md "Proposal") */
    p->comp = p->is_head && d->u[p->unit].parent >= 0 ? d->u[p->unit].parent : p->unit;
    p->team = demo_team_of(d, p->unit);
    p->hteam = demo_team_of(d, p->comp);
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
