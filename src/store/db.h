/* Folder src/store: settings and the database (open, migrate, transactions,
 * backup, restore, maintenance).  May include: text, base. */
/* The database: opening with the right settings, migrations, checks and
 * backups.  Opaque to the screens; src/ modules use db_internal.h. */
#ifndef SANGTAO_DB_H
#define SANGTAO_DB_H

#include <stdio.h>
#include "config.h"
#include "base/err.h"

typedef struct st_db st_db;

enum { DB_OPEN_EXISTING = 0, DB_OPEN_CREATE = 1 };

/* Open (or with DB_OPEN_CREATE, create) the database named by
 * config "database.path", apply pending migrations in one transaction, and
 * refuse a database newer than this program.  cfg must outlive the db. */
int db_open(const config *cfg, int mode, st_db **out, st_err *e);
void db_close(st_db **db);

/* Schema version of the open database, and the one this binary knows. */
int db_schema_version(st_db *db);
int db_schema_latest(void);

/* integrity_check, foreign_key_check, schema version: report to out;
 * ST_OK when all pass. */
int db_check(st_db *db, FILE *out, st_err *e);
/* Online backup to dest (must not exist); consistent while others write. */
int db_backup(st_db *db, const char *dest, st_err *e);

/* Called while a write waits for another writer (SQLITE_BUSY is retried up
 * to database.busy_timeout_ms, never shown as an error before that):
 * waited_ms ≥ 0 on each retry, -1 once the write got through or gave up.
 * The screens show "đang chờ…"; the hook must not use the database.  A
 * non-zero answer gives up the wait at once (the user pressed Esc): the
 * call fails with ST_EBUSY and a message saying nothing was written. */
typedef int (*db_wait_hook)(void *ud, long waited_ms);
void db_set_wait_hook(st_db *db, db_wait_hook fn, void *ud);
/* Set how long a write waits for another writer (ms); returns the value it
 * had (a login's stamp waits briefly, then goes without: login.c). */
long db_set_busy_ms(st_db *db, long ms);
/* Commits that do not wait for the disk (PRAGMA synchronous=NORMAL: the
 * write-ahead log is synced by the next full commit or checkpoint, and the
 * file stays whole after a power cut) for the writes that are best-effort
 * (a login's record: login.c), then back to full (0). */
void db_set_relaxed(st_db *db, int relaxed);
/* How many times this connection has waited for another writer. */
long db_busy_retries(const st_db *db);

/* Nightly upkeep (db_maint.c): WAL checkpoint (TRUNCATE), quick_check and
 * PRAGMA optimize, each reported on out; ST_OK when all went well. */
int db_maintain(st_db *db, FILE *out, st_err *e);

/* Put the database file named by cfg back from a backup: src must be a
 * sound sangtao database (integrity_check) of a version this program knows.
 * Refused while another process has the database open.  The current
 * database is first copied aside to PATH.before-restore-YYYYMMDD-HHMMSS
 * (name in aside, ≥ 4200 bytes).  Pending migrations are applied at the
 * next db_open. */
int db_restore(const config *cfg, const char *src, char *aside, st_err *e);

/* The site: code for human codes, number for key partitioning. */
const char *db_site_code(const st_db *db);
const config *db_config(const st_db *db);

#endif
