/* The states of a proposal (DOMAIN.md): the names stored in the database
 * and the labels shown.  The lowest piece of the workflow: it calls nothing. */
#ifndef SANGTAO_WORKFLOW_STATES_H
#define SANGTAO_WORKFLOW_STATES_H

typedef enum {
    S_DRAFT, S_SUBMITTED, S_IN_REVIEW, S_RETURNED, S_APPROVED, S_REJECTED,
    S_IMPLEMENTING, S_SUSPENDED, S_TERMINATED, S_REPORTED, S_EVALUATED,
    S_REPLICATION_PROPOSED, S_REPLICATED, S_CLOSED, S_WITHDRAWN,
    S_COUNT
} wf_state;
#define S_NONE (-1)   /* an action that records without moving the state */

const char *wf_state_name(int s);    /* "in_review" */
const char *wf_state_label(int s);   /* "Đang xem xét" */
const char *wf_state_short(int s);   /* "Trả lại": the label cut for list columns */
int wf_state_parse(const char *name); /* -1 if unknown */

#endif
