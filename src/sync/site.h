/* Sites and keys of the offline exchange (tables sync_self, sync_sites of
 * migration 011): this database's own place and keys, and at the hub the
 * offices it serves (`sangtao site add|list|rekey`).
 *
 * Keys: every site signs with its own Ed25519 pair.  An office's pair is
 * made at the hub (site add, and anew by each `site seed` and `site
 * rekey`); its secret key leaves the hub only inside the seed or keys file
 * and is never stored at the hub, which keeps only the public key. */
#ifndef SANGTAO_SITE_H
#define SANGTAO_SITE_H

#include <stdint.h>
#include "base/actor.h"
#include "store/db.h"
#include "base/err.h"
#include "sync.h"

typedef struct sync_me {
    char deployment[40];
    int site_no, is_hub;
    unsigned char pk[SYNC_PK], sk[SYNC_SK], hub_pk[SYNC_PK];
} sync_me;

/* This database's row of sync_self, made on first use (the hub of a new
 * deployment: site.number, a new key pair).  Refused when site.number in the
 * settings is not the site's number (ids would collide). */
int site_me(st_db *db, sync_me *me, st_err *e);

typedef struct sync_site {
    int site_no;
    char code[16];
    char name[256];
    int64_t unit_id;
    char unit_code[64];
    char unit_path[256];
    unsigned char pk[SYNC_PK];
    char created_at[21];
} sync_site;

/* A peer by code ("HN") or number ("2"); ST_ENOTFOUND with a message. */
int site_get(st_db *db, const char *code_or_no, sync_site *out, st_err *e);
int site_get_no(st_db *db, int site_no, sync_site *out, st_err *e);

typedef int (*site_cb)(const sync_site *s, void *ud);
/* Every peer, by number. */
int site_list(st_db *db, site_cb cb, void *ud, st_err *e);

/* At the hub, an administrator: register an office serving the subtree of
 * unit_code; code 1–8 of A–Z, 0–9; name defaults to the unit's.  The new
 * site number into *site_no. */
int site_add(st_db *db, const st_actor *who, const char *code, const char *unit_code,
             const char *name, int *site_no, st_err *e);

/* At the hub, an administrator: a new key pair for the office; the old one
 * is refused from now on.  The new secret key into sk (for the seed or keys
 * file), and its public key into pk. */
int site_rekey(st_db *db, const st_actor *who, int site_no, unsigned char pk[SYNC_PK],
               unsigned char sk[SYNC_SK], st_err *e);

/* For bundle_expect.peer_pk: ud is the st_db. */
int site_peer_pk(void *ud, int site_no, unsigned char pk[SYNC_PK], st_err *e);

/* At an office: take new keys from the hub's keys file (after `site
 * rekey`), replacing this site's pair. */
int site_set_own_keys(st_db *db, const unsigned char pk[SYNC_PK],
                      const unsigned char sk[SYNC_SK], st_err *e);

#endif
