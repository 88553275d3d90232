/* For the demo folder's .c files only: the demo's state while it fills a
 * database, shared by demo.c (the order of the fill), demo_people.c (units,
 * accounts, people), demo_plan.c (each proposal's path and dates),
 * demo_steps.c (the steps run through the core) and demo_util.c (what all
 * of them use). */
#ifndef SANGTAO_DEMO_INTERNAL_H
#define SANGTAO_DEMO_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "demo.h"
#include "demo_words.h"
#include "base/kv.h"
#include "base/rng.h"
#include "base/workdays.h"

#define NPEOPLE 100
#define MAXTEAMS 8
#define MAXSTEPS 40
#define NTEXT 4000

/* The steps a proposal can take (demo_steps.c's acts[] names each). */
enum { A_CREATE, A_NOTE, A_SUBMIT, A_RETURN, A_EDIT, A_RESUBMIT, A_WITHDRAW, A_ACCEPT,
       A_OPINION, A_PARTY, A_VOTE, A_APPROVE, A_REJECT, A_START, A_MONITOR, A_SUSPEND,
       A_RESUME, A_TERMINATE, A_REPORT, A_PARTY2, A_EVALUATE, A_PROPOSE, A_REPLICATE,
       A_DECLINE, A_CLOSE, A_COMMEND, A_NOTIFY };

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

/* ---- demo_util.c -------------------------------------------------------- */

/* The fields of one core call, each value owned (freed by the caller). */
typedef struct kvb {
    st_kv kv[30];
    char *own[30];
    int n, oom;
} kvb;
void kvb_put(kvb *b, const char *name, const char *value);
__attribute__((format(printf, 3, 4)))
void kvb_putf(kvb *b, const char *name, const char *fmt, ...);
/* The day as dd/mm/yyyy when vn, else ISO. */
void kvb_putd(kvb *b, const char *name, st_day day, int vn);

/* An entry of a word list (demo_words.h's DW_). */
const char *demo_pick(rng *r, int list);
/* Name the proposal (or user, unit) and the action in the core's message. */
int demo_fail(demo *d, const char *what, const char *action);
/* The engine's clock: the day, and a time in office hours (UTC+7). */
void demo_set_clock(demo *d, st_day day);
/* n working days after day (itself moved to a working day first). */
st_day demo_wd_add(const demo *d, st_day day, int n);
int demo_starts(const char *s, const char *prefix);
/* A Vietnamese name (họ, tên đệm, tên), distinct from those already given. */
void demo_new_name(demo *d, char *out, size_t n);
/* "Huyện ủy An Lão" reads "huyện An Lão" in a title: the index in
 * dw_places; -1: not a committee. */
int demo_committee(const char *name);
/* The team that handles a unit's proposals (0: the province's). */
int demo_team_of(const demo *d, int unit);

/* ---- demo_people.c: the unit tree, the accounts, the people ------------- */

int demo_load_units(demo *d);
int demo_make_users(demo *d);
int demo_make_people(demo *d);

/* ---- demo_plan.c: the i-th proposal's path to target, then its dates ---- */

void demo_plan_proposal(demo *d, dprop *p, unsigned seed, int i, int target);

/* ---- demo_steps.c: running the steps through the core ------------------- */

/* Step k of p, on its day, as the user whose step it is. */
int demo_run_step(demo *d, dprop *p, int k);
/* Study sessions of the Conclusion in every depth-1 unit and some below. */
int demo_disseminate(demo *d);

#endif
