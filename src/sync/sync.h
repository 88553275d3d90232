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
#include "base/actor.h"
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
/* The same, and at the hub with full = 1 a full section: every row the
 * office should hold, from the same snapshot (the repair of `sync verify`;
 * applied at the office as upserts that keep its unsent changes). */
int sync_payload_build_full(st_db *db, int to_site, int full, unsigned char **out, size_t *n,
                            st_err *e);

enum { SYNC_REPAIR_NAMES = 20 };

typedef struct {
    int changes_applied;      /* captured transactions newly applied */
    int changes_skipped;      /* already in the ledger (replay, old bundle) */
    int changes_waiting;      /* after a gap: kept until the missing part comes */
    int conflicts;            /* conflict records written */
    /* a full section (repair, sync_payload_build_full): */
    int full_applied;         /* applied: this office's rows are now the hub's */
    int full_skipped;         /* not applied: older than what is applied here */
    int repaired;             /* rows inserted, changed or deleted by it */
    int unrepaired;           /* rows the schema refused to change (events) */
    char repaired_rows[SYNC_REPAIR_NAMES][64];   /* the first ones: "table #id what" */
} sync_result;

/* Apply a payload (already authenticated by the transport) that came from
 * site from_site, in one transaction: idempotent (ledger of site, sequence,
 * hash), column-level merge, the hub's workflow check, conflict records. */
int sync_payload_apply(st_db *db, int from_site, const unsigned char *p, size_t n,
                       sync_result *r, st_err *e);

/* The conflicts the hub recorded (both sites hold them).  kind "field":
 * the same column changed at two sites; the value kept is the one that
 * reached the hub last, the lost one is kept here.  kind "workflow": an
 * office's state move the hub's state no longer allowed; not applied, the
 * hub's state kept.  Values are shown as text (the strings point into the
 * row being read: copy them to keep them). */
typedef struct sync_conflict {
    int64_t id, row_id;
    char kind[12], table[32], column[48];
    char code[32], title[256];          /* the proposal concerned, if any */
    const char *kept_value, *lost_value;
    int kept_site, lost_site;
    char detail[160], created_at[21];
    int open;
    char resolution[8], resolved_by[64], resolved_at[21];   /* kept | took */
} sync_conflict;
typedef int (*sync_conflict_cb)(const sync_conflict *c, void *ud);
int sync_conflicts_list(st_db *db, int open_only, sync_conflict_cb cb, void *ud, st_err *e);

/* Resolve one: take = 0 keeps the value in place, take = 1 writes the lost
 * value back (fields only; a refused state move is redone through the
 * workflow).  An ordinary captured write: it travels to the other side,
 * where the conflict shows resolved too.  Field by field ("mix") is one
 * call per conflict. */
int sync_conflict_resolve(st_db *db, const st_actor *who, int64_t id, int take, st_err *e);

/* Seeding (seed.c): at the hub, the outbox position a seed reflects, into
 * *seq, recorded as what the office has (sync_peers.acked); at the new
 * office, start the exchange from there: empty outbox and ledger (the
 * seed's rows are the hub's, not new here), received from the hub = seq. */
int sync_seed_mark(st_db *db, int office, int64_t *seq, st_err *e);
int sync_seed_start(st_db *db, int hub, int64_t seq, st_err *e);

/* For `sync status` and the home screen: this site's captured transactions
 * the peer has not acknowledged, the peer's entries waiting for a gap, and
 * the open conflicts here.  Any pointer may be NULL. */
int sync_counts(st_db *db, int peer, int64_t *unacked, int64_t *waiting,
                int64_t *open_conflicts, st_err *e);

/* At an office (`sync verify`): compare what this office holds with the
 * digests of the hub's last payload (what it should hold, per synced table,
 * its subtree only).  cb is called for each table that differs, with the
 * hub's row count and ours; *ndiff gets how many differ (0: in line).  The
 * changes made here that the hub had not received when it exported are
 * set aside for the comparison (in a transaction rolled back). */
typedef int (*sync_verify_cb)(const char *table, int64_t hub_rows, int64_t here_rows,
                              void *ud);
int sync_verify(st_db *db, sync_verify_cb cb, void *ud, int *ndiff, st_err *e);

/* ---- Transport ------------------------------------------------------- */

/* Ed25519 key sizes (libsodium crypto_sign_*). */
enum { SYNC_PK = 32, SYNC_SK = 64 };

#endif
