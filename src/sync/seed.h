/* Seeding an office (`sangtao site seed CODE -o FILE` at the hub, `sangtao
 * init --seed FILE` at the office).
 *
 * The seed is the hub's database cut down to what the office may hold: a
 * consistent copy (online backup), from which are removed every proposal
 * whose employing and competent units both lie outside the office's subtree
 * (with all their rows and events), the dissemination sessions, people and
 * accounts of other units (those a kept row names stay, accounts of other
 * units locked), and every local table's rows; password hashes, lockout and
 * login state and OS logins are wiped: every account arrives without a
 * password ('!'), and the office administrator (made by init --seed) gives
 * each a first password (`user passwd`), to be changed at first login.  The
 * copy then gets the office's own row (its new key pair, the hub's public
 * key) and the hub as its one peer, is rebuilt (VACUUM: nothing removed
 * survives in free pages) and travels whole, encrypted under a one-time
 * code printed at the hub: the file and the code are handed over in person,
 * never together by email.  A lost seed: `sangtao site rekey CODE`. */
#ifndef SANGTAO_SEED_H
#define SANGTAO_SEED_H

#include "base/actor.h"
#include "store/db.h"
#include "base/err.h"
#include "bundle.h"
#include "sync.h"

typedef struct seed_stats {
    int site_no;
    char office_code[16];
    long units, proposals, people, accounts;
    char code[BUNDLE_CODE_LEN + 1];    /* the one-time code to hand over */
} seed_stats;

/* At the hub, an administrator: write the seed of the office site_code to
 * path (a new key pair for the office). */
int seed_make(st_db *db, const st_actor *who, const char *site_code, const char *path,
              seed_stats *out, st_err *e);

/* At the office, before the database exists: check the seed file with the
 * code, check that the settings' site.number is the office's, and write the
 * database to db_path (which must not exist).  The office's number into
 * *site_no. */
int seed_install(const config *cfg, const char *seed_path, const char *code,
                 int *site_no, st_err *e);

/* After seed_install and db_open: the office's first administrator, with
 * full rights over the office's subtree (password chosen now, no change
 * forced). */
int seed_first_admin(st_db *db, const char *username, const char *full_name,
                     const char *password, st_err *e);

/* `site rekey` at the hub: a keys file for the office (its new key pair,
 * under a new one-time code, into code); the office imports it with `sync
 * import`. */
int seed_write_keys(st_db *db, int site_no, const unsigned char pk[SYNC_PK],
                    const unsigned char sk[SYNC_SK], const char *path,
                    char code[BUNDLE_CODE_LEN + 1], st_err *e);

/* At the office: read a keys file and take its keys. */
int seed_import_keys(st_db *db, const char *path, const char *code, st_err *e);

#endif
