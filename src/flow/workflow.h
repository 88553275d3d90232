/* Folder src/flow: the rules of the plan (workflow table and engine,
 * proposals, units, people, accounts, audit).  May include: store, text, base. */
/* The workflow of DOMAIN.md: one table (workflow.c) of every action with its
 * from-states, to-state, roles, fields and deadline rule.  Menus, the CLI,
 * validation and help all read it through these functions.  The states are
 * in workflow_states.h and the protection measures in protection.h, both
 * included here. */
#ifndef SANGTAO_WORKFLOW_H
#define SANGTAO_WORKFLOW_H

#include <stdint.h>
#include <stdio.h>
#include "base/actor.h"
#include "store/db.h"
#include "base/err.h"
#include "fielddef.h"
#include "base/kv.h"
#include "protection.h"
#include "workflow_states.h"

typedef struct wf_action wf_action;

int wf_action_count(void);
const wf_action *wf_action_at(int i);
const wf_action *wf_action_find(const char *name);
const char *wf_action_name(const wf_action *a);
const char *wf_action_label(const wf_action *a);
const char *wf_action_help(const wf_action *a);
unsigned wf_action_roles(const wf_action *a);
int wf_action_to(const wf_action *a);               /* S_NONE: records only */
int wf_action_from(const wf_action *a, int state);  /* allowed from state? */
int wf_action_nfields(const wf_action *a);
const fielddef *wf_action_field(const wf_action *a, int i);
/* May someone with these roles take a from state?  (Admin may do all.) */
int wf_action_allowed(const wf_action *a, unsigned roles, int state);

/* Per-field check of values for an action without touching the database:
 * fills up to max errors (one per field); returns how many. */
int workflow_validate(const wf_action *a, const st_kv *vals, int n,
                      st_err *errs, int max);

/* What the stored record must hold before an action is taken, checked
 * before its form opens (the menus grey what fails, with the reason; the
 * CLI's `proposal actions` prints it): role, scope, state, who decides, and
 * the action's own preconditions (the vote of this revision before approve,
 * the Party committee's opinion before evaluate, …).  ST_OK or the error
 * with its reason in e.  When out is not NULL: the fields the record makes
 * required (bit = field index) and what the action is limited to now. */
typedef struct wf_pre {
    unsigned need;
    char limit[300];
} wf_pre;
int workflow_pre(st_db *db, const st_actor *who, const char *code, const char *action,
                 wf_pre *out, st_err *e);

/* Is field i of the action required with these values (raw, as typed)?
 * FF_REQUIRED, or a condition of the table (pilot_scope when the kind is a
 * pilot, head_vote on a tie, …), or a bit of need (workflow_pre). */
int workflow_field_required(const wf_action *a, int i, const st_kv *vals, int n,
                            unsigned need);

/* Everything workflow_apply checks before it writes, without writing and
 * without waiting for a writer: the fields, the conditions, the
 * preconditions and the action's rules on the values.  Fills up to max
 * errors; returns how many (0: the action would be taken). */
int workflow_check(st_db *db, const st_actor *who, const char *code, const char *action,
                   const st_kv *vals, int n, st_err *errs, int max);

/* Apply an action to the proposal with this code: checks role, scope, state,
 * fields and the action's own rules; writes its data, moves the state,
 * bumps the version and writes one event — in one transaction, or nothing.
 * expected_version > 0 refuses with ST_ECONFLICT if the proposal changed.
 * Taken with warnings (a back-dated paper record, a lead who may be outside
 * Decree 73…): returns ST_OK with e->code 0 and the warnings in e->msg
 * (callers show them when e->msg is not empty); they stay in the event. */
int workflow_apply(st_db *db, const st_actor *who, const char *code,
                   const char *action, const st_kv *vals, int n,
                   int64_t expected_version, st_err *e);
/* The same, with the warnings whole (e->msg holds what fits, whole lines):
 * *notes gets them, one per line, each "Lưu ý: …" (malloc'd; NULL when
 * there are none, or with no memory for them: then read e->msg). */
int workflow_apply_noted(st_db *db, const st_actor *who, const char *code,
                         const char *action, const st_kv *vals, int n,
                         int64_t expected_version, st_err *e, char **notes);

/* Must a proposal have this field (proposal_field name) before it is
 * submitted?  (The forms mark those fields.) */
int wf_submit_needs(const char *field);

/* `sangtao check`: the rows stored before a rule of Decree 73 existed that
 * break it (not rejected, only reported), one line each on out; *nbad
 * counts them.  Reads every unit (the caller checks who may run it). */
int workflow_check_law(st_db *db, FILE *out, long *nbad, st_err *e);

/* What a field of the workflow takes, by its name, where its label and
 * type do not say enough (the forms' message line, the CLI's help); NULL
 * when there is nothing more to say. */
const char *wf_field_hint(const char *name);

/* Print the workflow table (states, actions, roles, fields) for --help. */
void workflow_print_help(FILE *f);
void workflow_print_action_help(const wf_action *a, FILE *f);

#endif
