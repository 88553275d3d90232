/* The audit trail: the append-only events table read per proposal, per
 * user and per period, one row per changed field ("who changed which field
 * of which record from what to what").  Scoped like everything else. */
#ifndef SANGTAO_AUDIT_H
#define SANGTAO_AUDIT_H

#include <stdint.h>
#include "base/actor.h"
#include "store/db.h"
#include "base/err.h"

typedef struct audit_filter {
    const char *user;       /* events by this account or about it, or NULL */
    const char *proposal;   /* events of this proposal (code), or NULL */
    const char *from, *to;  /* local dates, dd/mm/yyyy or yyyy-mm-dd, inclusive */
    int limit;              /* 0: all */
} audit_filter;

typedef struct audit_row {
    int64_t event_id;
    const char *at;          /* UTC "YYYY-MM-DDTHH:MM:SSZ" */
    const char *username;    /* who did it */
    const char *action;      /* edit, submit, role_change, login_failed, … */
    const char *proposal;    /* proposal code, or "" */
    const char *record;      /* what was changed: proposal code, unit code, account */
    const char *field;       /* the field changed, or "" for events without changes */
    const char *from_value, *to_value;
    const char *comment;
    const char *data;        /* the event's JSON as stored */
} audit_row;
typedef int (*audit_row_cb)(const audit_row *row, void *ud);

/* Who may read what: a proposal's trail, anyone who may see the
 * proposal; a user's own trail, that user; anything else, an administrator,
 * limited to proposals and accounts inside their scope (events of unknown
 * login names only for an administrator of a whole tree; an event on an
 * account shows to the administrators of that account).  Oldest first;
 * the callback returns non-zero to stop. */
int audit_list(st_db *db, const st_actor *who, const audit_filter *f,
               audit_row_cb cb, void *ud, st_err *e);

/* For the unit import (src/ only): remember the units before a change,
 * then append ,"changes":[{"record","field","from","to"}…] of what the
 * change did to js.  Call both inside the write transaction. */
struct sbuf;
int audit_units_before(st_db *db, st_err *e);
int audit_units_changes(st_db *db, struct sbuf *js, st_err *e);

#endif
