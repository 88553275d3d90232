/* Running setgid "sangtao" (make install): the database directory and its
 * files belong to the group, so users reach the data only through this
 * program.  Then the program must not let a user aim the group's rights at
 * another file: no --db, --config or $SANGTAO_CONFIG, no ./config.ini, a
 * database only inside the installed directory, and files written for the
 * user (exports, backups) created with the user's own group. */
#ifndef SANGTAO_PRIV_H
#define SANGTAO_PRIV_H

#include "err.h"

#ifndef SANGTAO_DBDIR
#define SANGTAO_DBDIR "/var/lib/sangtao"
#endif

/* 1 when running with a group other than the user's (setgid). */
int priv_elevated(void);

/* ST_EPERM with a message naming what (e.g. "--db") when elevated. */
int priv_refuse_override(const char *what, st_err *e);

/* When elevated: path must name a file directly inside the installed
 * database directory (SANGTAO_DBDIR); else ST_EPERM. */
int priv_check_db_path(const char *path, st_err *e);

/* Around creating or reading a file for the user: drop to the user's real
 * group (and umask); priv_user_end goes back.  Nested calls are counted.
 * No-ops when not elevated. */
void priv_user_begin(void);
void priv_user_end(void);

/* fopen with the user's own rights: every file the user names (imports,
 * --from, exports).  The FILE stays usable afterwards. */
#include <stdio.h>
FILE *priv_fopen_user(const char *path, const char *mode);

/* Create path as a new, empty file (never an existing one, never through
 * a symbolic link) with exactly mode, and group unless (gid_t)-1: backups
 * (0600), restored databases (the mode and group of the file replaced). */
#include <sys/types.h>
int priv_create_file(const char *path, mode_t mode, gid_t group, st_err *e);

/* A new temporary file $TMPDIR/PREFIX-XXXXXX (or /tmp), created with the
 * user's own rights and mode 0600; its path into path.  Returns the open
 * descriptor, or -1 with e set. */
int priv_tempfile(char *path, size_t n, const char *prefix, st_err *e);

/* When elevated, only root or the owner of path's folder (who installed
 * the program) may create the system database: between `make install` and
 * the administrator's first step, anyone else could make himself its
 * administrator.  ST_EPERM with a message otherwise. */
int priv_check_init(const char *path, st_err *e);

/* For the setgid test driver only: the directory to accept instead of
 * SANGTAO_DBDIR.  Never called by the program itself. */
void priv_set_dbdir_for_tests(const char *dir);

#endif
