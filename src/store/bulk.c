/* Bulk loading: see bulk.h. */
#include "bulk.h"

#include "db_internal.h"

static int bulk_batch, bulk_count;

static void settings(st_db *db, int fast)
{
    /* The cache is in KiB when negative: 256 MiB while loading, the
     * default (2 MiB) after. */
    sqlite3_exec(db_h(db), fast ? "PRAGMA synchronous=OFF; PRAGMA cache_size=-262144"
                                : "PRAGMA synchronous=FULL; PRAGMA cache_size=-2000",
                 NULL, NULL, NULL);
}

int bulk_begin(st_db *db, int batch, st_err *e)
{
    bulk_batch = batch > 0 ? batch : 1;
    bulk_count = 0;
    settings(db, 1);
    int rc = db_begin(db, e);
    if (rc) settings(db, 0);
    return rc;
}

int bulk_step(st_db *db, st_err *e)
{
    if (++bulk_count < bulk_batch) return ST_OK;
    bulk_count = 0;
    int rc = db_commit(db, e);
    return rc ? rc : db_begin(db, e);
}

int bulk_end(st_db *db, st_err *e)
{
    int rc = db_commit(db, e);
    settings(db, 0);
    return rc;
}

void bulk_abort(st_db *db)
{
    db_rollback(db);
    settings(db, 0);
}
