/* Counts for the home screen and summaries. */
#ifndef SANGTAO_STATS_H
#define SANGTAO_STATS_H

#include "base/actor.h"
#include "store/db.h"
#include "base/err.h"
#include "workflow.h"

/* Proposals per state in the actor's scope; counts[S_COUNT]. */
int stats_by_state(st_db *db, const st_actor *who, long counts[S_COUNT], st_err *e);
/* Name of the actor's scope unit into buf. */
int stats_scope_name(st_db *db, const st_actor *who, char *buf, int n, st_err *e);

#endif
