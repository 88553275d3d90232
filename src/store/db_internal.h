/* For src/ modules only: the sqlite3 handle and transaction helpers. */
#ifndef SANGTAO_DB_INTERNAL_H
#define SANGTAO_DB_INTERNAL_H

#include <sqlite3.h>
#include <stdint.h>
#include "base/actor.h"
#include "db.h"
#include "base/workdays.h"

sqlite3 *db_h(st_db *db);

/* fold(), search_exact() and the collations vi and vi_name on a connection
 * (src/db_text.c); db_open does it for every connection.  0 on success. */
int db_register_text_sql(sqlite3 *h);
/* index_held() reading *held (NULL: always false); see db_index_hold. */
int db_register_index_held(sqlite3 *h, const int *held);
/* Hold back (1) or restore (0) the search indexes' triggers on proposals
 * and proposers for this connection (migration 015), while the caller
 * writes a proposal with its proposers; then search_index_one (search.h). */
void db_index_hold(st_db *db, int on);

/* PRAGMA application_id of every sangtao database ("STNG"). */
#define DB_APP_ID 0x53544e47

/* BEGIN IMMEDIATE, retried while busy up to busy_timeout. */
int db_begin(st_db *db, st_err *e);
int db_commit(st_db *db, st_err *e);
void db_rollback(st_db *db);

/* Capture for the exchange (capture.h).  Pause: the following transactions
 * are not captured (an office applying the hub's changes).  Origin: the
 * open transaction applies the payload of site origin up to seq (the hub's
 * forwarded entries).  Enable: within the open transaction, stop (0) or
 * resume (1) recording. */
void db_capture_pause(st_db *db, int paused);
void db_capture_origin(st_db *db, int origin, long long seq);
void db_capture_enable(st_db *db, int on);

/* Translate the connection's last error into e (Vietnamese, with what
 * was being done); returns the ST_ code. */
int db_fail(st_db *db, st_err *e, const char *what);

/* Prepare or fail into e. */
int db_prepare(st_db *db, const char *sql, sqlite3_stmt **st, st_err *e);

/* A statement kept prepared for the connection's life (stmt_cache.c), for
 * the paths run on every action; give it back with db_release (never
 * sqlite3_finalize), which resets it and clears its bindings.  Read the
 * columns before releasing. */
int db_stmt(st_db *db, const char *sql, sqlite3_stmt **st, st_err *e);
void db_release(st_db *db, sqlite3_stmt *st);

/* A new primary key for table: site number in the high 24 bits, then a
 * per-site sequence.  Call inside the write transaction. */
int64_t db_new_id(st_db *db, const char *table);
/* The ids this site gives: [lo, hi). */
void db_site_ids(const st_db *db, int64_t *lo, int64_t *hi);

/* Current UTC time "YYYY-MM-DDTHH:MM:SSZ" (buf ≥ 21). */
void db_now(char buf[32]);

/* The working-day calendar (holidays table), loaded on first use. */
const calendar *db_calendar(st_db *db, st_err *e);
/* Forget the cached calendar (after editing holidays). */
void db_calendar_reset(st_db *db);

/* Text column helper: never NULL. */
const char *db_col_text(sqlite3_stmt *st, int col);

#endif
