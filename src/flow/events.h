/* The events table: one append-only row per action on a proposal (or on an
 * account), written in the same transaction as the action's data. */
#ifndef SANGTAO_EVENTS_H
#define SANGTAO_EVENTS_H

#include <stdint.h>
#include "base/actor.h"
#include "base/err.h"
#include "store/db.h"

/* Append one event row; its id into *event_id (may be NULL). */
int event_write(st_db *db, const st_actor *who, int64_t proposal_id,
                const char *action, const char *from_state,
                const char *to_state, const char *comment,
                const char *doc_no, const char *doc_date,
                const char *data_json, int64_t *event_id, st_err *e);

#endif
