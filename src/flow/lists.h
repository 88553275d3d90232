/* Lists for the simpler screens: people (search as you type), the
 * monitoring log, commendations and dissemination sessions.  All in the
 * actor's scope, paged in SQL, newest first; no curses, no sqlite3.h. */
#ifndef SANGTAO_LISTS_H
#define SANGTAO_LISTS_H

#include <stdint.h>
#include "base/actor.h"
#include "store/db.h"
#include "base/err.h"

typedef struct person_row {
    int64_t id;
    const char *full_name, *position, *unit_code, *unit_name;
} person_row;
typedef int (*person_row_cb)(const person_row *r, void *ud);
/* People whose unit is in scope (or who have none) and whose name contains
 * every word of search, ignoring case, tone marks and đ/d; by name. */
int people_search(st_db *db, const st_actor *who, const char *search, int limit,
                  int offset, person_row_cb cb, void *ud, st_err *e);

/* One row of a generic list: up to 6 columns of text (dates ISO, codes,
 * labels in Vietnamese) and the proposal code it concerns ("" if none). */
typedef struct list_row {
    const char *code;
    const char *col[6];
} list_row;
typedef int (*list_row_cb)(const list_row *r, void *ud);

/* Monitoring entries: date, kind label, by whom, progress, violation
 * (Có/""), title. */
int monitoring_log(st_db *db, const st_actor *who, int limit, int offset,
                   list_row_cb cb, void *ud, st_err *e);
/* Commendations: date, form label, person, doc no, title. */
int commendation_list(st_db *db, const st_actor *who, int limit, int offset,
                      list_row_cb cb, void *ud, st_err *e);
/* Dissemination sessions: date, form label, unit name, participants, note. */
int dissemination_list(st_db *db, const st_actor *who, int limit, int offset,
                       list_row_cb cb, void *ud, st_err *e);

/* The fields (lĩnh vực) of proposals: code in r->code, name in col[0]. */
int field_list(st_db *db, list_row_cb cb, void *ud, st_err *e);

#endif
