/* Folder src/sync: the offline exchange between the province hub and its
 * office sites (capture, bundles, import, conflicts).  May include: flow, store, text, base. */
/* The contract between the two halves of the exchange:
 *  - the engine (sync_tables.c, sync_capture.c, sync_payload.c, sync_apply.c,
 *    sync_conflict.c, sync_digest.c): what is synced, what a payload holds,
 *    how it is applied;
 *  - the transport (bundle.c, site.c, seed.c, and cli_sync.c above): sites and
 *    keys, the signed and encrypted file, seeding an office, the commands.
 * A payload is opaque to the transport; a bundle file is opaque to the engine. */
#ifndef SANGTAO_SYNC_H
#define SANGTAO_SYNC_H
#include <stddef.h>
#include <stdint.h>
#include "store/db.h"
#include "base/err.h"

/* Sites are numbered as in the primary keys (db_new_id: site number in the
 * high bits): the hub keeps its own site.number, each office gets a new one
 * from `site add`.  Two local tables (migration 011_sync_sites.sql, the
 * transport's) say who is who:
 *   sync_self(id = 1, deployment, site_no, is_hub, sign_pk, sign_sk, hub_pk)
 *   sync_sites(site_no PRIMARY KEY, code UNIQUE, name, unit_id = root of the
 *              office's unit subtree, sign_pk, created_at)
 * At an office sync_sites holds one row: the hub. */

/* ---- Engine ---------------------------------------------------------- */

/* Every table of the schema is in exactly one list (sync_tables.c, or in
 * store if capture lives there).
 * Returns 1 synced, 0 local (never leaves this database), -1 unknown. */
int sync_table_synced(const char *table);

/* This database's place in the exchange (transport, site.c): its site
 * number, whether it is the hub, and the deployment id shared by the hub and
 * all its offices (≤ 39 chars).  A database that has never joined an
 * exchange is the hub of a deployment created on first use. */
int sync_self(st_db *db, int *site_no, int *is_hub, char deployment[40], st_err *e);

/* A fingerprint (64 hex chars + NUL) of the synced tables' schema. */
int sync_schema_fp(st_db *db, char fp[65], st_err *e);

/* The payload for site to_site: every captured change it has not yet
 * acknowledged (cumulative), what this side has received from it (acks), and
 * at the hub the digests of what the office should hold.  Only rows in the
 * office's unit subtree ever go to an office.  *out is malloc'd. */
int sync_payload_build(st_db *db, int to_site, unsigned char **out, size_t *n,
                       st_err *e);

typedef struct {
    int changes_applied;      /* captured transactions newly applied */
    int changes_skipped;      /* already in the ledger (replay, old bundle) */
    int changes_waiting;      /* after a gap: kept until the missing part comes */
    int conflicts;            /* conflict records written */
} sync_result;

/* Apply a payload (already authenticated by the transport) that came from
 * site from_site, in one transaction: idempotent (ledger of site, sequence,
 * hash), column-level merge, the hub's workflow check, conflict records. */
int sync_payload_apply(st_db *db, int from_site, const unsigned char *p, size_t n,
                       sync_result *r, st_err *e);

/* ---- Transport ------------------------------------------------------- */

/* Ed25519 key sizes (libsodium crypto_sign_*). */
enum { SYNC_PK = 32, SYNC_SK = 64 };

#endif
