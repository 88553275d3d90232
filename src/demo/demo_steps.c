/* Running a demo proposal's planned steps through the real core
 * (proposal_create, proposal_update, workflow_apply) with the fields each
 * step needs, as the user whose step it is; and the study sessions of the
 * Conclusion (dissemination_add). */
#include "demo_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db_internal.h"
#include "flow/proposal.h"
#include "flow/setup.h"
#include "flow/workflow.h"

/* Who takes each step: the clerk of the employing unit's team, the head
 * (or reviewer) of the competent unit's team, the monitor (Ban Tổ chức) of
 * the team or of the province. */
enum { W_CLERK, W_HEAD, W_REVIEWER, W_MONITOR, W_PROVINCE_MONITOR };
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
    {"commend", W_PROVINCE_MONITOR, "QĐ"}, {"notify", W_HEAD, "TB"}};

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

/* The same-level Party body: the committee itself, its locality's ("Ban
 * Thường vụ Huyện ủy An Lão"), the Party group of a government body, or
 * the province's. */
static void party_body(const demo *d, const dprop *p, char *out, size_t n)
{
    int u = demo_committee(d->u[p->comp].name) >= 0 ? p->comp : d->u[p->comp].top;
    if (u < 0 || (demo_committee(d->u[u].name) < 0 && !demo_starts(d->u[u].name, "Ủy ban nhân dân")))
        u = d->root;
    snprintf(out, n, "%s %s", demo_committee(d->u[u].name) >= 0 ? "Ban Thường vụ" : "Ban cán sự đảng",
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
    /* Art. 8(1): a tie is for = against, and the head's recorded vote decides;
     * a vote that did not pass is never a tie left without the head's vote */
    if (p->vote == 1) against = vfor;
    else if (against == vfor) against++;
    kvb_putf(b, "members", "%d", members);
    kvb_putf(b, "votes_for", "%d", vfor);
    kvb_putf(b, "votes_against", "%d", against);
    kvb_putf(b, "abstain", "%d", range(r, 0, voters - vfor - against));
    if (p->vote == 1) kvb_put(b, "head_vote", "for");
    kvb_putf(b, "deputy_excluded", "%d", excl);
}

static void put_proposal(demo *d, dprop *p, kvb *b)
{
    rng *r = &p->r;
    const dw_field *f = &dw_fields[p->field];
    const char *name = d->u[p->unit].name, *tmpl = f->titles[rnd(r, 4)], *at = strstr(tmpl, "%s");
    char place[300], co[64] = "";
    int c = demo_committee(name);
    snprintf(place, sizeof place, "%s%s", c >= 0 ? dw_places[c].head : "",
             name + (c >= 0 ? strlen(dw_places[c].prefix) : 0));
    kvb_putf(b, "title", "%.*s%s%s", (int)(at - tmpl), tmpl, place, at + 2);
    kvb_put(b, "field", f->code);
    kvb_put(b, "employing_unit", d->u[p->unit].code);
    kvb_put(b, "proposer_is_head", p->is_head ? "1" : "0");
    kvb_putf(b, "lead", "%lld", (long long)d->person[p->lead]);
    kvb_put(b, "lead_position", d->ppos[p->lead]);
    for (int i = 0; i < p->nco; i++)
        snprintf(co + strlen(co), sizeof co - strlen(co), "%s%lld", i ? "; " : "",
                 (long long)d->person[p->co[i]]);
    kvb_put(b, "coauthors", co);
    int kind = rnd(r, 20);
    kvb_put(b, "bottleneck", demo_pick(r, kind < 9 ? DW_BN_NOTREG : DW_BN_UNSUIT));
    kvb_put(b, "bottleneck_kind", kind < 9 ? "not_regulated" : kind < 19 ? "unsuitable" : "other");
    kvb_putd(b, "period_from", p->pfrom, 1);
    kvb_putd(b, "period_to", p->pto, 0);
    kvb_putf(b, "funding_requested", "%lld", p->funding);
    /* Decree 73 Art. 7(2): a plan without funding states the people it uses */
    if (!p->funding) kvb_put(b, "people_requested", "Cán bộ, công chức hiện có của đơn vị");
    if (p->target == S_DRAFT && chance(r, 30)) return;   /* a draft still being written */
    int n = dw[DW_CONTENT].n, c0 = rnd(r, n), c1, c2;
    do c1 = rnd(r, n); while (c1 == c0);
    do c2 = rnd(r, n); while (c2 == c0 || c2 == c1);
    kvb_putf(b, "content", "1. %s\n2. %s\n3. %s", dw[DW_CONTENT].s[c0], dw[DW_CONTENT].s[c1],
         dw[DW_CONTENT].s[c2]);
    kvb_put(b, "feasibility", demo_pick(r, DW_FEASIBILITY));
    int plan22 = chance(r, 60);
    kvb_putf(b, "legal_basis", "%s; %s; %s%s%s", dw[DW_LAW].s[0], dw[DW_LAW].s[1], f->law,
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
    case A_EDIT: kvb_putf(b, "risks", "%s\n%s", demo_pick(r, DW_RISKS), demo_pick(r, DW_EDIT)); break;
    /* A_ACCEPT: no received_date; the plan was received when it was
     * submitted (Decree 73 Art. 8(1)), and the review clock runs from then */
    case A_OPINION:
        if (s->arg) {   /* a written opinion of the legal department, recorded */
            *by = &d->secretary;
            kvb_putf(b, "reviewer", "%s (văn bản góp ý)", d->u[d->legal].name);
        } else {
            kvb_putf(b, "reviewer", "%s – %s", ht->reviewer.full_name, d->u[ht->unit].name);
        }
        kvb_putd(b, "opinion_date", s->date, 1);
        kvb_put(b, "recommendation", *rec == 'r' && chance(r, 40) ? "other" : rec);
        kvb_put(b, "text", dw[DW_OPINION].s[*rec == 'r' ? dw[DW_OPINION].n - 1
                                        : rnd(r, dw[DW_OPINION].n - 1)]);
        kvb_put(b, "party_committee", "0");
        break;
    case A_PARTY:
    case A_PARTY2:
        party_body(d, p, text, sizeof text);
        kvb_put(b, "reviewer", text);
        kvb_putd(b, "opinion_date", s->date, 0);
        kvb_put(b, "recommendation", s->act == A_PARTY2 ? "other" : rec);
        kvb_put(b, "text", s->act == A_PARTY2 ? demo_pick(r, DW_PARTY_EVAL) : *rec == 'r'
                       ? "Chưa thống nhất chủ trương; đề nghị không chấp thuận." : demo_pick(r, DW_PARTY_OP));
        kvb_put(b, "party_committee", "có");
        break;
    case A_VOTE: kvb_putd(b, "vote_date", s->date, 0); put_vote(b, p); break;
    case A_APPROVE:
        kvb_put(b, "kind", rec);
        kvb_put(b, "signer", ht->head.full_name);
        if (p->funding)
            kvb_putf(b, "funding_granted", "%lld", p->funding / 100 * range(r, 50, 100) / 1000000 * 1000000);
        if (p->pilot) kvb_put(b, "pilot_scope", demo_pick(r, DW_PILOT_SCOPE));
        kvb_put(b, "supervising_unit", d->u[ht->super].code);
        if (p->vote == 2) kvb_put(b, "override_reason", demo_pick(r, DW_OVERRIDE));
        break;
    case A_REJECT: {
        static const char *const why[] = {"not_feasible", "impractical", "not_feasible,impractical",
                                          "outside_law", "self_serving", "other"};
        kvb_put(b, "reject_reasons", why[rnd(r, 6)]);
        kvb_put(b, "signer", ht->head.full_name);
        break;
    }
    case A_START: kvb_putd(b, "start_date", s->date, 0); break;
    case A_MONITOR: {
        static const char *const kinds[] = {"follow", "inspect", "supervise"};
        int kind = s->arg < 0 ? 1 : rnd(r, 3);
        if (!kind) *by = &ct->clerk;
        kvb_putd(b, "entry_date", s->date, 0);
        kvb_put(b, "kind", kinds[kind]);
        kvb_put(b, "by_whom", d->u[kind ? mt->super : p->unit].name);
        if (s->arg < 0) {
            kvb_put(b, "findings", "Kiểm tra đột xuất theo phản ánh của người dân.");
            kvb_put(b, "violation", "1");
            kvb_put(b, "violation_detail", demo_pick(r, DW_VIOLATION));
            kvb_put(b, "corrective_action", demo_pick(r, DW_CORRECTIVE));
            break;
        }
        kvb_putf(b, "progress", "%d", s->arg + 5 > 100 ? 100 : s->arg + rnd(r, 6));
        kvb_put(b, "findings", demo_pick(r, DW_FINDING));
        kvb_put(b, "problems", demo_pick(r, DW_PROBLEM));
        kvb_put(b, "support", demo_pick(r, DW_SUPPORT));
        kvb_put(b, "adjustments", demo_pick(r, DW_ADJUST));
        kvb_put(b, "violation", "0");
        break;
    }
    case A_SUSPEND: if (chance(r, 50)) *by = &mt->monitor; break;
    case A_REPORT:
        kvb_putd(b, "completion_date", p->done, 1);
        kvb_putd(b, "report_date", s->date, 0);
        kvb_put(b, "results", dw[DW_RESULTS].s[pf->outcome[0] == 'c' ? (chance(r, 50) ? 0 : 3)
                                           : pf->outcome[0] == 'p' ? 1 : 2]);
        break;
    case A_EVALUATE: {
        static const char *const consider[] = {"excluded", "exempted", "mitigated"};
        /* the user confirms a measure that fits the engine's suggestion */
        const char *sug = workflow_suggest_protection(pf->outcome, pf->damage, pf->policy,
                                                      pf->motive, pf->good, pf->noact, pf->abuse);
        kvb_putd(b, "meeting_date", s->date, 0);
        kvb_put(b, "outcome", pf->outcome);
        if (pf->damage) kvb_putf(b, "damage_estimate", "%lld", range(r, 5, 300) * 1000000LL);
        if (pf->outcome[0] != 'c' || chance(r, 30)) {
            kvb_put(b, "objective_causes", demo_pick(r, DW_OBJ_CAUSE));
            kvb_put(b, "subjective_causes", demo_pick(r, DW_SUBJ_CAUSE));
        }
        const char *flag[] = {"damage", "in_line_policy", "clean_motive", "common_good",
                              "no_prohibited_act", "abuse"};
        const int val[] = {pf->damage, pf->policy, pf->motive, pf->good, pf->noact, pf->abuse};
        for (int i = 0; i < 6; i++) kvb_put(b, flag[i], val[i] ? "1" : "0");
        kvb_put(b, "protection_measure", strcmp(sug, "consider_exclusion") == 0 ? consider[rnd(r, 3)]
                                     : strcmp(sug, "none") == 0 && chance(r, 50) ? "mitigated" : sug);
        /* the collective evaluates (Decree 73): who sat and how they voted */
        {
            int members = range(r, 5, 15), vfor = range(r, members / 2 + 1, members);
            kvb_putf(b, "members", "%d", members);
            kvb_putf(b, "votes_for", "%d", vfor);
            kvb_putf(b, "votes_against", "%d", range(r, 0, members - vfor));
            kvb_putf(b, "attendees", "%s; %s", ht->head.full_name, ht->reviewer.full_name);
        }
        break;
    }
    case A_NOTIFY:   /* the result told to the cadre (workflow.notify_days) */
        kvb_putd(b, "notify_date", s->date, 0);
        break;
    case A_PROPOSE:
    case A_REPLICATE:
        unit_names(d, p, text, sizeof text);
        kvb_put(b, s->act == A_PROPOSE ? "target_units" : "adopting_units", text);
        break;
    case A_COMMEND:
        kvb_putf(b, "person", "%lld", (long long)d->person[s->arg & 16 ? p->co[0] : p->lead]);
        /* Decree 73 Art. 10: rewards for results only when evaluated completed */
        kvb_put(b, "form", pf->outcome[0] == 'c' ? forms[s->arg & 15] : "praise");
        break;
    default: break;
    }
}

int demo_run_step(demo *d, dprop *p, int k)
{
    const step *s = &p->s[k];
    const team *ct = &d->t[p->team], *ht = &d->t[p->hteam], *mt = ct->has_monitor ? ct : &d->t[0];
    const st_actor *whom[] = {&ct->clerk, &ht->head, &ht->reviewer, &mt->monitor, &d->t[0].monitor};
    const st_actor *by = whom[acts[s->act].who];
    const char *name = acts[s->act].name;
    kvb b = {0};
    int rc;
    demo_set_clock(d, s->date);
    if (acts[s->act].doc) {
        const char *uc = d->u[acts[s->act].who == W_PROVINCE_MONITOR ? d->root : p->comp].code;
        const char *tail = strrchr(uc, '-');
        kvb_putf(&b, "doc_no", "%d/%s-%s", 10 + d->docno++ % 890, acts[s->act].doc, tail ? tail + 1 : uc);
        kvb_putd(&b, "doc_date", s->date, 1);
    }
    for (int i = 0; i < dw_ntexts; i++)
        if (strcmp(dw_texts[i].action, name) == 0) kvb_put(&b, dw_texts[i].field, demo_pick(&p->r, dw_texts[i].list));
    put_step(d, p, s, &by, &b);
    if (b.oom) rc = err_set(d->e, ST_ENOMEM, "hết bộ nhớ");
    else if (s->act == A_CREATE) rc = proposal_create(d->db, by, b.kv, b.n, p->code, d->e);
    else if (s->act == A_EDIT) rc = proposal_update(d->db, by, p->code, b.kv, b.n, 0, d->e);
    else rc = workflow_apply(d->db, by, p->code, name, b.kv, b.n, 0, d->e);
    if (rc) rc = demo_fail(d, s->act == A_CREATE ? kv_get(b.kv, b.n, "title") : p->code, name);
    for (int i = 0; i < b.n; i++) free(b.own[i]);
    return rc;
}

/* Study sessions of the Conclusion in every depth-1 unit and some below. */
int demo_disseminate(demo *d)
{
    static const char *const form[] = {"conference", "cell_meeting", "propaganda"};
    for (int i = 0; i < d->nu; i++) {
        if (d->u[i].depth > 1 && !chance(&d->r, 35)) continue;
        for (int k = 0, n = range(&d->r, 1, 3); k < n; k++) {
            st_day day = demo_wd_add(d, d->first + rnd(&d->r, (int)(d->last - d->first)), 0);
            char date[11], part[16];
            date_vn(day, date);
            snprintf(part, sizeof part, "%d", range(&d->r, 15, 250));
            demo_set_clock(d, day);
            if (dissemination_add(d->db, &d->t[demo_team_of(d, i)].clerk, d->u[i].code, date,
                                  form[rnd(&d->r, 3)], part, demo_pick(&d->r, DW_DISSEM), d->e))
                return demo_fail(d, d->u[i].code, "dissemination_add");
        }
    }
    return ST_OK;
}
