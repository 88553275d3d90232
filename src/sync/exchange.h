/* The exchange by file: export a bundle for a peer, import one, and the log
 * of both (table sync_log) that `sync status` and the home screen read.
 * The engine (sync.h) makes and applies the payload; bundle.c wraps it. */
#ifndef SANGTAO_EXCHANGE_H
#define SANGTAO_EXCHANGE_H

#include <stddef.h>
#include <stdint.h>
#include "store/db.h"
#include "base/err.h"
#include "sync.h"

/* Write the bundle for site to_site (at an office: 0 means the hub) to
 * path; its size into *bytes when not NULL. */
int sync_export(st_db *db, int to_site, const char *path, uint64_t *bytes, st_err *e);
/* The same; at the hub full = 1 adds every row of the office's subtree
 * (the repair of `sync verify`, see sync_payload_build_full). */
int sync_export_full(st_db *db, int to_site, int full, const char *path, uint64_t *bytes,
                     st_err *e);

/* Check and apply a bundle file (all of bundle_read's refusals, then the
 * schema fingerprint, then sync_payload_apply in one transaction).  The
 * sender's number into *from_site.  A refusal is logged with its reason. */
int sync_import(st_db *db, const char *path, int *from_site, sync_result *r, st_err *e);

/* The size limit of a bundle, from sync.max_bundle_mb. */
uint64_t sync_max_bytes(st_db *db);

typedef struct sync_peer_status {
    int site_no;
    char code[16];
    char name[256];
    char last_export[21], last_import[21];   /* UTC, "" when never */
    int last_applied, last_conflicts;        /* of the last import */
} sync_peer_status;

typedef int (*sync_status_cb)(const sync_peer_status *s, void *ud);
/* One row per peer, by number. */
int sync_status_peers(st_db *db, sync_status_cb cb, void *ud, st_err *e);

/* Days since the last import from any peer (-1: never), for the home
 * screen's warning. */
int sync_days_since_import(st_db *db, int *days, st_err *e);

/* For the home and sync screens: does this database take part in an
 * exchange (it knows another site), where it stands, the last exchange
 * each way (UTC, "" never), days since the last import (-1 never), this
 * site's changes not yet acknowledged (at the hub: by the office furthest
 * behind), entries waiting for a missing part, open conflicts. */
typedef struct sync_summary {
    int member, is_hub, site_no, npeers;
    char last_in[21], last_out[21];
    int days_in;
    int64_t waiting, gaps, conflicts;
} sync_summary;
int sync_summary_get(st_db *db, sync_summary *s, st_err *e);

#endif
