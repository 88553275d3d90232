/* The counts kept with the data (data/014_counts.sql): proposals by unit
 * pair and state for the home screen, the periodic review's facts by day;
 * and the day each replication counts on (018_review_without_scan.sql).
 * Triggers keep them; these compare them with a recount and rebuild them. */
#ifndef SANGTAO_COUNTS_H
#define SANGTAO_COUNTS_H

#include "store/db.h"
#include "base/err.h"

/* The SQL that recounts the three tables from the rows, for a caller holding a
 * write transaction on a bare handle (an office's seed). */
extern const char counts_rebuild_sql[];

/* report_months written again from report_counts, and marked written (a
 * unit moved takes it out): for a caller holding a write transaction (the
 * nightly maintenance, report_stock_refresh). */
extern const char counts_months_sql[];

/* Rows of the kept counts that differ from a recount (0: all right). */
int counts_check(st_db *db, long *wrong, st_err *e);
/* Recount the three tables in one write transaction; rows: the rows written. */
int counts_rebuild(st_db *db, long *rows, st_err *e);

#endif
