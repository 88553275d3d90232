/* Bulk loading: many core calls (proposal_create, workflow_apply, …) inside
 * one outer write transaction, for the bench generator and large loads.
 * Each core call still opens and commits its own transaction; inside a bulk
 * those become savepoints (see db_begin), so a call that fails still undoes
 * exactly its own writes, and the work becomes visible at bulk_step's
 * periodic commits or at bulk_end.  Durability is traded for speed
 * (synchronous=OFF) until bulk_end: use it only to build a file that is
 * simply made again if the machine stops. */
#ifndef SANGTAO_BULK_H
#define SANGTAO_BULK_H

#include "db.h"
#include "base/err.h"

/* Start: synchronous=OFF, a large page cache, and the outer transaction.
 * batch: commit after this many bulk_step calls (≥ 1). */
int bulk_begin(st_db *db, int batch, st_err *e);
/* Between two top-level calls: every batch-th call commits and begins
 * again, so that the write-ahead log stays small. */
int bulk_step(st_db *db, st_err *e);
/* Commit, then synchronous=FULL and the default cache again. */
int bulk_end(st_db *db, st_err *e);
/* Roll back what the open batch wrote and restore the settings. */
void bulk_abort(st_db *db);

#endif
