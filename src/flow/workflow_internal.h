/* Shared by the pieces of the workflow, each calling only those below it:
 * workflow_ctx.c (an action's values while it is applied) <
 * workflow_rules.c (the actions' own rules, the hooks) < workflow_pilot.c
 * (the hooks of a pilot's later steps) and workflow_law.c (the rules every
 * action obeys) < workflow.c (the table, which names the hooks) <
 * workflow_apply.c (the engine).  workflow_check.c reads stored rows. */
#ifndef SANGTAO_WORKFLOW_INTERNAL_H
#define SANGTAO_WORKFLOW_INTERNAL_H

#include "store/db_internal.h"
#include "proposal_head.h"
#include "base/sbuf.h"
#include "workflow.h"

/* Which working-day clock an action starts (proposals.due_date/due_kind). */
typedef enum {
    DL_KEEP,        /* leave the running clock alone (record-only actions) */
    DL_CLEAR,       /* the step that the clock was waiting for is done */
    DL_REVIEW,      /* submit, resubmit, accept: review within workflow.review_days of receipt */
    DL_REPORT,      /* start: report within workflow.report_days of the period end */
    DL_EVALUATION,  /* report: evaluate within workflow.evaluation_days */
    DL_NOTIFY       /* evaluate: notify the cadre within workflow.notify_days */
} wf_deadline;

#define WF_MAXF 24
#define WF_MAXX 8

typedef struct wf_ctx wf_ctx;
typedef int (*wf_hook)(wf_ctx *c);

struct wf_action {
    const char *name;
    const char *label;      /* Vietnamese, for menus */
    const char *help;       /* one sentence for help screens and --help */
    unsigned roles;         /* who may take it (admin always may) */
    unsigned from;          /* bit mask of states it may be taken from */
    int to;                 /* new state, or S_NONE */
    wf_deadline deadline;
    const char *table;      /* where its data goes, or NULL: event only */
    const fielddef *fields;
    int nfields;
    wf_hook hook;           /* the action's own rules, run before writing */
    wf_hook after;          /* extra rows once the action's row exists */
    int via_proposal;       /* create/edit: done by proposal_create/update */
    const char *step_date;  /* the field dating the step, or NULL: the day it is taken */
    int decides;            /* a decision on the plan: never by its own proposer
                             * (Decree 73 Art. 7(3)-(4), 8(1)) */
    wf_hook pre;            /* what the stored record must hold before the
                             * action's form is even opened (workflow_pre) */
    wf_hook check;          /* rules on the values that only read (run before
                             * any confirmation, and again in the transaction) */
};

/* A field required only when a condition holds (one row per field, in
 * workflow.c): value of field `when` is one of `values` ("a|b"), or, when
 * when is NULL, votes_for equals votes_against above 0 (a tie). */
typedef struct wf_req_when {
    const char *action, *field, *when, *values;
} wf_req_when;

struct wf_ctx {
    st_db *db;
    const st_actor *who;
    const wf_action *a;
    proposal_head p;
    char *val[WF_MAXF];     /* normalised values, "" when not given */
    int64_t ref_id[WF_MAXF];/* resolved unit/person ids */
    const char *xname[WF_MAXX]; /* extra columns set by the hook */
    char *xval[WF_MAXX];
    int nx;
    int oom;                /* wf_set or wf_extra ran out of memory */
    int64_t event_id, row_id;
    char due[11];           /* the clock this action starts, if any */
    sbuf notes;             /* warnings the action is taken with (workflow_law.c) */
    unsigned need;          /* fields (bit = index) the stored record makes required */
    char limit[300];        /* pre: what the action is limited to now, or "" */
    st_err *e;
};

/* ---- workflow_ctx.c ---- */
/* Index of the action's field name, or -1. */
int wf_field_index(const wf_action *a, const char *name);
/* Value of the action's field name in the context ("" if absent). */
const char *wf_val(const wf_ctx *c, const char *name);
/* Replace a field's value (e.g. a default); out of memory sets c->oom. */
void wf_set(wf_ctx *c, const char *name, const char *value);
/* Add an extra column for the action's table; out of memory sets c->oom. */
void wf_extra(wf_ctx *c, const char *column, const char *value);

/* ---- workflow.c ---- */
extern const wf_action wf_actions[];
extern const int wf_nactions;
extern const wf_req_when wf_req_whens[];
extern const int wf_nreq_whens;

/* ---- workflow_pre.c ---- */
/* The first field (index, from on) required by the conditions on these
 * values (and need) that is empty, or -1; its error into e. */
int wf_required_missing(const wf_action *a, char *const *val, unsigned need, int from,
                        st_err *e);

/* ---- workflow_rules.c: the actions' own rules ---- */
int wf_pre_submit(wf_ctx *c);          /* the content Art. 7(2) asks for */
int wf_pre_approve(wf_ctx *c);         /* the vote of this revision, the Party's opinion */
int wf_pre_reject(wf_ctx *c);          /* the vote of this revision */
int wf_pre_evaluate(wf_ctx *c);        /* the result report, the Party's opinion */
int wf_pre_propose_replication(wf_ctx *c);
int wf_pre_commend(wf_ctx *c);         /* rewards only for a completed proposal */
int wf_check_approve(wf_ctx *c);
int wf_check_reject(wf_ctx *c);
int wf_check_vote(wf_ctx *c);
int wf_check_evaluate(wf_ctx *c);
int wf_check_commend(wf_ctx *c);
int wf_hook_submit(wf_ctx *c);
int wf_hook_resubmit(wf_ctx *c);
int wf_hook_accept(wf_ctx *c);
int wf_hook_approve(wf_ctx *c);
int wf_hook_reject(wf_ctx *c);
int wf_hook_start(wf_ctx *c);
int wf_hook_report(wf_ctx *c);
int wf_hook_propose_replication(wf_ctx *c);
int wf_hook_replicate(wf_ctx *c);
int wf_hook_decline(wf_ctx *c);
/* After the action's row is written (resources of a decision). */
int wf_after_approve(wf_ctx *c);
/* The collective's tally (Art. 8(1)) of the fields members, votes_for,
 * votes_against, abstain, head_vote, deputy_excluded: checks them, fills
 * the defaults and says whether it passed.  The review vote and the
 * evaluation share it. */
int wf_vote_tally(wf_ctx *c, int *passed);
/* One integer (-1 when no row) or text ("" when none) from a query with one
 * int64 parameter. */
long long wf_query_int(wf_ctx *c, const char *sql, int64_t arg);
void wf_query_text(wf_ctx *c, const char *sql, int64_t arg, char *buf, size_t n);
/* due = iso_date + the working days of config key cfg_key. */
int wf_due_after(wf_ctx *c, const char *iso_date, const char *cfg_key, char out[11]);

/* ---- workflow_pilot.c: monitoring, adjustment, evaluation vote, notice ---- */
int wf_hook_adjust(wf_ctx *c);
int wf_hook_notify(wf_ctx *c);
int wf_after_evaluate(wf_ctx *c);

/* ---- workflow_law.c: rules every action obeys (Decree 73) ---- */
/* Before the hook: who decides (Art. 7(3)-(4), 8(1)) and the dates of the
 * step (each between the previous step's date and today). */
int wf_law_check(wf_ctx *c);
/* Its part that reads only the stored record (who decides, the plan). */
int wf_law_pre(wf_ctx *c);
/* Add a warning the action is taken with (shown, and kept in its event). */
void wf_note(wf_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
