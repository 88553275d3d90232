/* People: the cadres who propose, and whom the workflow commends. */
#ifndef SANGTAO_PEOPLE_H
#define SANGTAO_PEOPLE_H

#include <stdint.h>
#include "base/actor.h"
#include "store/db.h"
#include "base/err.h"
#include "base/kv.h"

/* People: add with fields full_name (required), position, unit (code),
 * phone, email, note.  *id = the new person. */
int person_add(st_db *db, const st_actor *who, const st_kv *vals, int n,
               int64_t *id, st_err *e);
/* Find a person by id (decimal), or by exact full name (NFC) among the
 * people of who's scope (everyone when who is NULL: the system);
 * ST_ENOTFOUND, or ST_EINVAL when several in scope share the name. */
int person_find(st_db *db, const st_actor *who, const char *id_or_name, int64_t *id, st_err *e);

#endif
