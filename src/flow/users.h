/* Accounts: yescrypt passwords (libxcrypt), lockout, roles and scope.  The
 * administration is in users.c, logging in in login.c (both on the account
 * record of accounts.c), the hashes in password.c. */
#ifndef SANGTAO_USERS_H
#define SANGTAO_USERS_H

#include <stdint.h>
#include <stdio.h>
#include "base/actor.h"
#include "store/db.h"
#include "base/err.h"

/* Add a user.  roles: mask; scope_unit_code: the unit whose subtree the user
 * sees.  Admin only (who NULL allowed for the first admin at init).  The
 * password must be at least security.min_password_length characters; new
 * accounts must change it at first login. */
int user_add(st_db *db, const st_actor *who, const char *username,
             const char *full_name, unsigned roles, const char *scope_unit_code,
             const char *password, st_err *e);

typedef struct user_row {
    int64_t id;
    const char *username, *full_name, *scope_code, *scope_name;
    unsigned roles;
    int locked;           /* admin lock or lockout still running */
    const char *locked_until;
} user_row;
typedef int (*user_row_cb)(const user_row *row, void *ud);
/* Users whose scope lies in the actor's scope (admin sees all in scope). */
int user_list(st_db *db, const st_actor *who, user_row_cb cb, void *ud, st_err *e);

int user_lock(st_db *db, const st_actor *who, const char *username, st_err *e);
int user_unlock(st_db *db, const st_actor *who, const char *username, st_err *e);
/* Change a password: the user themself (old_password checked) or an admin
 * (old_password NULL; the user must change it at next login). */
int user_passwd(st_db *db, const st_actor *who, const char *username,
                const char *old_password, const char *new_password, st_err *e);
/* Set roles and scope (admin); writes an event. */
int user_set_roles(st_db *db, const st_actor *who, const char *username,
                   unsigned roles, const char *scope_unit_code, st_err *e);

/* Check a password and fill the actor.  Counts failures; after
 * security.lockout_threshold failures the account is locked for
 * security.lockout_minutes.  Every login, failure and lockout is an event.
 * Messages do not tell whether the user name exists. */
int user_login(st_db *db, const char *username, const char *password,
               st_actor *out, st_err *e);
/* Fill the actor for the account mapped to an OS login (CLI without
 * --user), without a password: the OS already authenticated them.
 * ST_ENOTFOUND when no account is mapped. */
int user_by_os_login(st_db *db, const char *os_login, st_actor *out, st_err *e);
/* Map an OS login to a user (admin). */
int user_set_os_login(st_db *db, const st_actor *who, const char *username,
                      const char *os_login, st_err *e);
/* Load an actor by user name without a password (internal: demo, tests). */
int user_actor(st_db *db, const char *username, st_actor *out, st_err *e);

#endif
