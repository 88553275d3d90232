/* The values of a proposal in the terms of its form (unit codes, field
 * code, proposers' names), for the screens' edit form.  No sqlite3.h. */
#ifndef SANGTAO_FORMVALS_H
#define SANGTAO_FORMVALS_H

#include <stdint.h>
#include "base/actor.h"
#include "store/db.h"
#include "base/err.h"

/* vals[i] (malloc'd, never NULL on success) is the current value of
 * proposal_field(i), for i < proposal_nfields(); *version the row's
 * version.  Scope-checked like proposal_get_head.  Free with
 * proposal_form_free. */
int proposal_form_load(st_db *db, const st_actor *who, const char *code, char **vals,
                       int64_t *version, st_err *e);
void proposal_form_free(char **vals);

#endif
