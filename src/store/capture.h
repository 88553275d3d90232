/* Capture for the offline exchange (issue 15): which tables travel between
 * sites, and the session that records each committed write transaction into
 * sync_outbox (migration 012) in the same transaction.  It lives in store so
 * that no write can escape it: db_begin starts the session, db_commit stores
 * the changeset.  src/sync reads the list through sync_table_synced. */
#ifndef SANGTAO_CAPTURE_H
#define SANGTAO_CAPTURE_H

#include <sqlite3.h>
#include <stddef.h>
#include "base/err.h"

/* 1 synced, 0 local (never leaves this database), -1 in neither list.
 * Names starting with sqlite_ and the FTS index's shadow tables are local. */
int capture_table_synced(const char *table);

/* The synced tables, parents before children (the order of a changeset and
 * of applying it).  *n gets the count. */
const char *const *capture_synced_tables(int *n);

/* A session attached to each synced table (never attach(NULL)).  Returns
 * SQLITE_OK or the error; the caller then refuses the write. */
int capture_start(sqlite3 *h, sqlite3_session **out);

/* Inside the transaction, before COMMIT: the session's changeset (if any
 * change) into sync_outbox with the next gap-free sequence number and its
 * BLAKE2b-256 hash, marked as coming from origin (0: written here; else the
 * site whose payload, up to origin_seq, this transaction applied), at the
 * UTC time at; the session is deleted in every case. */
int capture_finish(sqlite3 *h, sqlite3_session **s, int origin, long long origin_seq,
                   const char *at, st_err *e);

/* Drop the session without storing anything (rollback). */
void capture_discard(sqlite3_session **s);

/* The hash stored beside each changeset (32 bytes). */
enum { CAPTURE_HASH = 32 };
void capture_hash(const void *p, size_t n, unsigned char out[CAPTURE_HASH]);

#endif
