/* A proposal's head (id, code, state, version, units) looked up by code with
 * the scope check: what the workflow, the audit and every read start from.
 * It calls only the scope test and the state names. */
#ifndef SANGTAO_PROPOSAL_HEAD_H
#define SANGTAO_PROPOSAL_HEAD_H

#include <stdint.h>
#include "base/actor.h"
#include "store/db.h"
#include "base/err.h"

/* Basic facts for the workflow and the screens. */
typedef struct proposal_head {
    int64_t id;
    char code[32];
    int state;
    int64_t version;
    int64_t employing_unit, competent_unit;
} proposal_head;
/* Look up by code, with the scope check (outside scope = ST_ENOTFOUND). */
int proposal_get_head(st_db *db, const st_actor *who, const char *code,
                      proposal_head *out, st_err *e);

/* Is the proposal (by its two unit ids) in the actor's scope? */
int proposal_in_scope(st_db *db, const st_actor *who, int64_t employing,
                      int64_t competent);

#endif
