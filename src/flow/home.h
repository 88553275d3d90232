/* What the home screen shows: the states this user's roles can act on now
 * (derived from the workflow table), the proposals in those states, overdue
 * items with their working days late, and recent activity.  Scope-checked
 * like every read; no curses, no sqlite3.h. */
#ifndef SANGTAO_HOME_H
#define SANGTAO_HOME_H

#include "base/actor.h"
#include "store/db.h"
#include "base/err.h"
#include "proposal.h"

/* Bit (1u << state) set for every state from which someone with these roles
 * may take a workflow action other than a plain note or an edit: the
 * states that are "waiting for me". */
unsigned home_queue_states(unsigned roles);

/* The labels of the actions these roles may take from state, joined with
 * ", " into buf (for "Đã gửi — Tiếp nhận xem xét, Trả lại"). */
void home_queue_actions(unsigned roles, int state, char *buf, int n);

/* Proposals in the actor's scope whose state is in state_mask, matching the
 * optional search words (code or title, folded like proposal_list), sorted
 * as proposal_list sorts, paged in SQL. */
int home_queue_list(st_db *db, const st_actor *who, unsigned state_mask,
                    const char *search, const char *sort, int desc, int limit,
                    int offset, proposal_row_cb cb, void *ud, st_err *e);

typedef struct home_overdue_row {
    const char *code, *title, *state_label, *due_date, *due_kind;
    int days_late;        /* working days after the due date, ≥ 1 */
} home_overdue_row;
typedef int (*home_overdue_cb)(const home_overdue_row *r, void *ud);
/* Proposals in scope whose running clock (due_date) is before today,
 * the most late first; at most limit rows.  *total (may be NULL) = all. */
int home_overdue(st_db *db, const st_actor *who, int limit, home_overdue_cb cb,
                 void *ud, int *total, st_err *e);

typedef struct home_event_row {
    const char *at;             /* UTC timestamp as stored */
    const char *code, *title, *username, *action, *to_state;
} home_event_row;
typedef int (*home_event_cb)(const home_event_row *r, void *ud);
/* The latest events on proposals in scope, newest first. */
int home_recent(st_db *db, const st_actor *who, int limit, home_event_cb cb,
                void *ud, st_err *e);

#endif
