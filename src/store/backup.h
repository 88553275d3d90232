/* Folder src/store: settings and the database (open, migrate, transactions,
 * backup, restore, maintenance).  May include: text, base. */
/* The server's daily care: a checked backup kept in a folder with rotation
 * (sangtao backup --rotate, the daily timer), the record of the last one
 * (sangtao check), and the upgrade of the schema after a new package
 * (sangtao migrate, the package's postinst). */
#ifndef SANGTAO_BACKUP_H
#define SANGTAO_BACKUP_H

#include <stdio.h>
#include "db.h"
#include "base/err.h"

/* How many to keep: the newest backup of each of the last `daily` days,
 * of the last `weekly` ISO weeks, of the last `monthly` months (the union;
 * the newest backup is always kept). */
typedef struct backup_keep {
    int daily, weekly, monthly;
} backup_keep;

/* The settings backup.keep_daily, keep_weekly, keep_monthly. */
void backup_keep_from_config(const config *cfg, backup_keep *k);

/* Is name a rotated backup "sangtao-YYYY-MM-DD-HHMM[SS].db"?  1 and its
 * local date and time in *tm (tm_year etc. as in struct tm), else 0. */
#include <time.h>
int backup_name_time(const char *name, struct tm *tm);

/* The policy alone: for the n names (rotated backups, any order) set
 * keep[i] to 1 or 0.  Names that are not rotated backups are kept. */
void backup_plan(const char *const *names, int n, const backup_keep *k, int *keep);

typedef struct backup_result {
    char path[4200];   /* the new backup */
    int removed;       /* older backups removed by the rotation */
    int kept;          /* rotated backups in the folder afterwards */
} backup_result;

/* Into folder dir (created 0700 if missing; refused when a link, not a
 * folder, or open to group or others): a new backup named for the local
 * time, 0600, with the user's own rights; then opened again and checked
 * (integrity_check); then the rotation, which removes only rotated
 * backups the policy does not keep; then the time and path recorded in the
 * database for `sangtao check`.  A failed or damaged copy is removed and
 * nothing older is touched.  Each removed file is named on out. */
int backup_rotate(st_db *db, const char *dir, const backup_keep *k, backup_result *r,
                  FILE *out, st_err *e);

/* The last rotated backup: when ("YYYY-MM-DDTHH:MM:SSZ") and where.
 * ST_ENOTFOUND when none was ever recorded. */
int backup_last(st_db *db, char when[32], char *path, size_t n, st_err *e);

/* sangtao migrate: bring the database named by cfg to this program's
 * schema.  Refused (ST_EBUSY, nothing changed) while anyone else has it
 * open; when migrations are pending, a checked copy is first written into
 * backup_dir (sangtao-before-vOLD-to-vNEW-…db, 0600, never rotated away),
 * then the migrations run in one transaction.  *from and *to: the
 * versions before and after (equal: nothing to do). */
int db_upgrade(const config *cfg, const char *backup_dir, int *from, int *to,
               char *copy, size_t ncopy, st_err *e);

/* Shared by backup_rotate.c and db_upgrade.c. */
/* dir exists as a real folder open to its owner only, or is made so
 * (0700), with the user's own rights. */
int backup_dir_ready(const char *dir, st_err *e);
/* The file just written is a sound sangtao database (application_id,
 * integrity_check); else it is removed and e says why. */
int backup_check_copy(const char *path, st_err *e);

#endif
