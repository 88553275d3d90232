/* Shared by the writing side of proposals, each file calling only those
 * below it: proposal_fields.c (the field table) < proposal_form.c (a form's
 * values, resolved, and the writes they share) < proposal.c (create, edit,
 * import). */
#ifndef SANGTAO_PROPOSAL_INTERNAL_H
#define SANGTAO_PROPOSAL_INTERNAL_H

#include "store/db_internal.h"
#include "proposal.h"

#include "proposal_table.h"

/* ---- proposal_form.c ---- */
#define MAX_CO 50
/* The form as given, normalised, then resolved against the database. */
typedef struct pform {
    char *v[PROPOSAL_NF];        /* normalised values; NULL = not given */
    int64_t employing, competent, field_id, lead_id;
    int64_t co[MAX_CO];
    int nco;
    char *lead_name, *co_names;  /* resolved names, for the audit */
} pform;

void pform_free(pform *f);
/* Unknown names, then every given value through field_normalize; with
 * creating, required fields that are absent fail as empty ones do. */
int pform_normalize(pform *f, const st_kv *vals, int n, int creating, st_err *e);
/* Given (non-empty) units, field and proposers: look them up.  Employing
 * must be in the actor's scope.  The competent unit is left to the caller. */
int pform_resolve(st_db *db, const st_actor *who, pform *f, st_err *e);
/* The lead and coauthors given: by id or name, unknown names added. */
int pform_people(st_db *db, const st_actor *who, pform *f, const char *position, st_err *e);
/* period_to not before period_from. */
int pform_check_period(const char *from, const char *to, st_err *e);
/* The competent unit by default: the employing unit, or its parent when the
 * proposer heads it. */
int64_t pform_competent(st_db *db, int64_t employing, int is_head);
/* The proposers' rows of proposal pid. */
int pform_write_proposers(st_db *db, int64_t pid, const pform *f, const char *lead_pos,
                          st_err *e);
/* Bind a normalised value of field i as its column stores it. */
void pform_bind(sqlite3_stmt *st, int pos, int i, const char *v);
/* Step a write statement and give it back (db_release). */
int pform_step(st_db *db, sqlite3_stmt *st, const char *what, st_err *e);
/* One text value by id ("" when none): a name, a unit code; NULL only
 * when out of memory. */
char *pform_lookup(st_db *db, const char *sql, int64_t id);
#define SQL_UNIT_CODE "SELECT code FROM units WHERE id = ?"
#define SQL_PERSON_NAME "SELECT full_name FROM people WHERE id = ?"

#endif
