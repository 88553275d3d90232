/* For src/report*.c only: building tables, and what the two reports share. */
#ifndef SANGTAO_REPORT_INTERNAL_H
#define SANGTAO_REPORT_INTERNAL_H

#include <stdint.h>
#include "store/db_internal.h"
#include "report.h"

report *report_new(const char *kind);
/* A new table; cols: "key:Heading:t|key:Heading:i|…" (t text, i integer,
 * d ISO date, k text key column not drawn in the document; a '+' after the
 * type: drawn in the cell of the column before, RC_JOIN). */
report_table *rt_add(report *r, const char *key, const char *sheet, const char *title,
                     const char *cols);
int rt_newrow(report *r, report_table *t);      /* -1 when out of memory */
void rt_set(report *r, report_table *t, int row, int col, const char *s);
void rt_seti(report *r, report_table *t, int row, int col, long long v);

/* The report's unit: code (NULL: the actor's scope unit), checked against
 * the actor's scope (outside it reads as missing).  Fills id, path, names. */
typedef struct report_unit {
    int64_t id;
    char path[256];
    char code[64], name[256];
} report_unit;
int report_unit_resolve(st_db *db, const st_actor *who, const char *code,
                        report_unit *u, st_err *e);

/* Local midnight of an ISO date as a UTC timestamp "YYYY-MM-DDTHH:MM:SSZ",
 * to compare with events.at. */
void report_utc_bound(const char *iso_day, char out[32]);
/* The state changes in the order a proposal's state at a moment is read
 * from (proposal, time, id: events_state_at), for the periodic review and
 * the month-end stocks (report_stock.c): proposal_id, at, to_state. */
extern const char report_state_changes_sql[];
/* What the review counts a state as at a period's end: 1 running
 * (implementing), 2 suspended, 0 neither; the code stock_at keeps. */
int report_stock_state(const char *state);
/* The states a proposal is in once started (the review counts the running
 * and suspended at a period's end among these): SQL for stock_at.live; the
 * same list as data/018_review_without_scan.sql's trigger and is_started
 * (report_periodic_scope.c). */
#define REPORT_STARTED_SQL                                                                \
    "('implementing', 'suspended', 'terminated', 'reported', 'evaluated', "              \
    "'replication_proposed', 'replicated', 'closed')"

/* Today, or the day given (ISO). */
int report_as_of(const char *given, char out[11], st_err *e);

void report_step(const report_params *p, int done, int total, const char *what);

#endif
