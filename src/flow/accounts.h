/* The account record, shared by users.c (administration) and login.c
 * (logging in); inside src/flow only. */
#ifndef SANGTAO_ACCOUNTS_H
#define SANGTAO_ACCOUNTS_H

#include <stdint.h>
#include "base/actor.h"
#include "store/db.h"
#include "base/err.h"
#include "password.h"

#define USERNAME_MAX 32

typedef struct urec {
    int64_t id, scope_unit;
    char username[64], full_name[128], scope_path[256], scope_code[64];
    char hash[CRYPT_OUTPUT_SIZE], locked_until[32], os_login[64];
    unsigned roles;
    int must_change, failed, locked;
} urec;

/* The user name as stored: lower case, at most 63 bytes. */
void account_canon_name(const char *in, char out[64]);
/* 1–USERNAME_MAX of a-z, 0-9, '.', '_', '-' (and A-Z with allow_upper). */
int account_name_valid(const char *s, int allow_upper);
/* The account by user name, or by OS login when by_os is not NULL. */
int account_load(st_db *db, const char *by_os, const char *key, urec *u, st_err *e);
/* The actor an account logs in as. */
void account_actor(const urec *u, st_actor *a);
/* One account change and its event, in one transaction.  sql binds ?1 = id,
 * ?2 = now, then up to two texts. */
int account_write(st_db *db, const st_actor *who, const urec *u, const char *sql,
                  const char *t3, const char *t4, const char *action,
                  const char *comment, const char *json, st_err *e);
/* A JSON object of strings from NULL-terminated key, value pairs (malloc'd). */
char *account_json(const char *const *kv);
/* {"username":…} and one more pair when k2 is not NULL. */
char *account_json_user(const char *username, const char *k2, const char *v2);

#endif
