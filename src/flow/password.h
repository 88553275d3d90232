/* Passwords: hashing, checking and the rules of a new one (password.c). */
#ifndef SANGTAO_PASSWORD_H
#define SANGTAO_PASSWORD_H

#include <crypt.h>
#include "store/db.h"
#include "base/err.h"

#define PW_MAX_BYTES 1024   /* hashing is slow on purpose; bound the input */

/* Zero a password's bytes, then free it (NULL is fine). */
void password_wipe(char *s);
/* A fresh yescrypt hash of pw into out, at security.password_cost. */
int password_hash(st_db *db, const char *pw, char out[CRYPT_OUTPUT_SIZE], st_err *e);
/* Does pw match the stored hash?  An empty stored hash (no such account)
 * takes as long (at the configured cost) and never matches. */
int password_verify(st_db *db, const char *pw, const char *stored);
/* NFC (so every keyboard types the same password) and length rules; *out is
 * malloc'd (free with password_wipe).  field names the form field in e. */
int password_prepare(st_db *db, const char *pw, const char *field, char **out, st_err *e);

#endif
