/* Proposals: create, edit, read, list (paged in SQL), history, bulk import.
 * Every call takes the acting user and obeys roles and unit scope.  State
 * changes go through workflow_apply, never here.  Written in proposal.c
 * (create, edit, import), proposal_read.c (show, history) and
 * proposal_list.c; the field table and the head lookup have their own
 * headers, included here. */
#ifndef SANGTAO_PROPOSAL_H
#define SANGTAO_PROPOSAL_H

#include <stdint.h>
#include <stdio.h>
#include "base/actor.h"
#include "store/db.h"
#include "base/err.h"
#include "fielddef.h"
#include "base/kv.h"
#include "proposal_fields.h"
#include "proposal_head.h"

/* Create a draft (clerk or admin).  Fields by name as in proposal_field;
 * proposers: "lead" (a person id or exact name; an unknown name adds the
 * person on the spot with "lead_position" and the employing unit),
 * "coauthors" (names or ids separated by ';').  employing_unit is a unit
 * code inside the actor's scope; competent_unit defaults to the employing
 * unit, or its parent when "proposer_is_head" is yes.  The new code
 * (SITE-YYYY-NNNN) goes into code_out. */
int proposal_create(st_db *db, const st_actor *who, const st_kv *vals, int n,
                    char code_out[32], st_err *e);

/* Edit fields of a draft or returned proposal (clerk/admin in scope).
 * expected_version > 0: refuse with ST_ECONFLICT when someone else saved.
 * Only values that differ are written; the "edit" event's data is
 * {"changes":[{"field":NAME,"from":OLD,"to":NEW},…]} in the form's terms
 * (unit codes, field code, names).  Without an explicit competent_unit,
 * changing employing_unit or proposer_is_head recomputes it.  Lead or
 * coauthors given replace the proposers (old rows soft-deleted).  Saving
 * unchanged values writes nothing and keeps the version. */
int proposal_update(st_db *db, const st_actor *who, const char *code,
                    const st_kv *vals, int n, int64_t expected_version,
                    st_err *e);

/* The current value of every field (proposal_nfields, in proposal_field
 * order) in the form's terms, as proposal_update compares them, and the
 * version: vals[i] malloc'd (free each).  Scope as proposal_get_head. */
int proposal_read_values(st_db *db, const st_actor *who, const char *code,
                         char **vals, int64_t *version, st_err *e);

/* Everything about one proposal: fields, proposers, opinions, votes,
 * decisions, resources, monitoring, results, evaluations, replications,
 * commendations, events — as JSON (malloc'd) or as readable text. */
int proposal_show_json(st_db *db, const st_actor *who, const char *code,
                       char **json, st_err *e);
int proposal_show_text(st_db *db, const st_actor *who, const char *code,
                       FILE *out, st_err *e);

typedef struct proposal_filter {
    const char *state;     /* state name or NULL */
    const char *unit;      /* unit code: its subtree, or NULL */
    const char *field;     /* field code or NULL */
    const char *search;    /* words to find in title and code, or NULL */
    const char *from, *to; /* created on or after / on or before these local
                              dates (YYYY-MM-DD), or NULL */
    const char *sort;      /* code|title|state|unit|updated|due (default updated desc) */
    int desc;
    int limit;             /* 0 = no limit (CLI export) */
    int offset;
} proposal_filter;

typedef struct proposal_row {
    int64_t id;
    const char *code, *title, *state_name, *state_label, *unit_code, *unit_name,
               *field_name, *lead_name, *created_at, *updated_at, *due_date;
    int64_t version;
} proposal_row;
typedef int (*proposal_row_cb)(const proposal_row *row, void *ud);
/* Rows in the actor's scope matching the filter, paged in SQL.  Returns the
 * ST_ code; the callback returns non-zero to stop.  search: every word must
 * occur in the title or code, ignoring case, tone marks and đ/d (through
 * an SQL function fold() registered on the connection). */
int proposal_list(st_db *db, const st_actor *who, const proposal_filter *f,
                  proposal_row_cb cb, void *ud, st_err *e);

typedef struct event_row {
    int64_t id;
    const char *at, *username, *action, *from_state, *to_state, *comment,
               *doc_no, *doc_date, *data;
} event_row;
typedef int (*event_row_cb)(const event_row *row, void *ud);
/* Events of one proposal, oldest first. */
int proposal_history(st_db *db, const st_actor *who, const char *code,
                     event_row_cb cb, void *ud, st_err *e);

/* Bulk entry from a spreadsheet: a header row of field names, one proposal
 * per row; all rows or none; each bad row named by its line.  *count = rows
 * created.  The input is read whole (at most PROPOSAL_IMPORT_MAX bytes) and
 * parsed before the write transaction begins. */
#define PROPOSAL_IMPORT_MAX (32 << 20)
int proposal_import_csv(st_db *db, const st_actor *who, FILE *f,
                        const char *name, int *count, st_err *e);

#endif
