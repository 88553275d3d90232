/* The database: opening with the right settings, migrations, checks and
 * backups.  Opaque to the screens; src/ modules use db_internal.h. */
#ifndef SANGTAO_DB_H
#define SANGTAO_DB_H

#include <stdio.h>
#include "config.h"
#include "err.h"

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

/* The site: code for human codes, number for key partitioning. */
const char *db_site_code(const st_db *db);
const config *db_config(const st_db *db);

#endif
