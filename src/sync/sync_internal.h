/* The engine's private side (sync_*.c): changeset writing, the payload's
 * wire form, the subtree filter and the apply policy.  Not for the
 * transport (bundle.c, site.c, seed.c) nor for anyone outside src/sync. */
#ifndef SANGTAO_SYNC_INTERNAL_H
#define SANGTAO_SYNC_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "store/db_internal.h"
#include "base/sbuf.h"
#include "sync.h"

/* ---- changesets (sync_cs.c) -------------------------------------------- */

/* Append changes to a changeset in SQLite's own format (so that
 * sqlite3changeset_start reads it back): the table header is written when
 * the table changes. */
typedef struct cs_writer {
    sbuf b;
    char table[64];
} cs_writer;

void cs_writer_init(cs_writer *w);
/* The change the iterator points at, as it is. */
void cs_copy_change(cs_writer *w, sqlite3_changeset_iter *it);
/* An UPDATE of one row: ncol values each for old and new (NULL pointer:
 * undefined, i.e. not part of the change). */
void cs_put_update(cs_writer *w, const char *table, int ncol, const unsigned char *pk,
                   sqlite3_value *const *oldv, sqlite3_value *const *newv);
void cs_writer_free(cs_writer *w);

/* Same type and same bytes (an integer 1 and a real 1.0 differ).  NULL
 * pointers (undefined) are equal only to each other. */
int cs_value_eq(sqlite3_value *a, sqlite3_value *b);
/* A short printable form for conflict records (malloc'd; NULL for NULL). */
char *cs_value_text(sqlite3_value *v);

/* ---- tables (sync_tables.c) --------------------------------------------- */

/* The columns of a table in declared order (as a changeset numbers them). */
typedef struct sync_cols {
    char table[64];
    int n;
    char name[64][48];
} sync_cols;

int sync_cols_get(st_db *db, const char *table, sync_cols *c, st_err *e);
int sync_col_index(const sync_cols *c, const char *name);

/* Never written from another site's change: derived by triggers here. */
int sync_col_derived(const char *table, const char *col);

/* The root path ('/1/5/') of an office's subtree, from sync_sites. */
int sync_site_path(st_db *db, int site_no, char *path, size_t cap, st_err *e);
/* The hub's number (at an office, the one row of sync_sites). */
int sync_hub_no(st_db *db, int *hub, st_err *e);

/* ---- the payload's wire form (sync_payload.c) --------------------------- */

typedef struct sync_entry {
    int origin;                  /* 0 written at the sender, else the site it applied */
    int64_t seq;                 /* in the sender's outbox, gap-free */
    unsigned char hash[32];      /* BLAKE2b-256 of the bytes below */
    const unsigned char *cs;     /* changeset (points into the payload) */
    size_t n;
} sync_entry;

typedef struct sync_payload {
    int from_site, to_site;
    int64_t received;            /* the sender has applied the receiver's outbox up to */
    size_t nentries;
    sync_entry *entries;         /* malloc'd */
    const unsigned char *digests; /* hub → office: sync_digest.c's form */
    size_t ndigests;
    const unsigned char *full;   /* hub → office, repair: sync_full.c's form */
    size_t nfull;
} sync_payload;

/* Parse and check every length (a payload is input from outside). */
int sync_payload_parse(const unsigned char *p, size_t n, sync_payload *out, st_err *e);
void sync_payload_free(sync_payload *p);

/* ---- the subtree filter (sync_filter.c) --------------------------------- */

/* Keep only the changes of cs that concern the office whose subtree root
 * path is path (hub side).  out gets the filtered changeset (maybe empty). */
int sync_filter(st_db *db, const char *path, const unsigned char *cs, size_t n,
                cs_writer *out, st_err *e);

/* ---- apply (sync_apply.c) ----------------------------------------------- */

typedef struct sync_pending sync_pending;

/* One entry's changes, inside the caller's transaction: hub (is_hub = 1:
 * the office's change wins unless the workflow refuses it; conflicts
 * recorded) or office (the hub wins except where a local change is still
 * unacknowledged: pending). */
int sync_apply_changeset(st_db *db, int is_hub, int my_site, int from_site, int64_t seq,
                         const unsigned char *cs, size_t n, const sync_pending *pending,
                         int *conflicts, st_err *e);

/* At an office, the (table, row, column) this site changed and the hub has
 * not yet acknowledged: the outbox after acked. */
int sync_pending_load(st_db *db, int64_t acked, sync_pending **out, st_err *e);
void sync_pending_free(sync_pending **p);
/* This office changed (table, row key as text, column) and the hub has not
 * yet received it. */
int sync_pending_has_key(const sync_pending *p, const char *table, const char *key,
                         const char *col);

/* ---- digests (sync_digest.c) -------------------------------------------- */

/* Hub side: per synced table, count and hash of the rows the office with
 * subtree path should hold, appended to b. */
int sync_digest_build(st_db *db, const char *path, sbuf *b, st_err *e);
/* The WHERE clause (?1 = the subtree path) of an office's rows of table t. */
void sync_digest_where(const char *t, int has_pid, sbuf *q);

/* ---- the full section, repair (sync_full.c) ------------------------------ */

/* Hub side: every row the office with subtree path should hold. */
int sync_full_build(st_db *db, const char *path, sbuf *b, st_err *e);
/* Office side, in the apply's transaction after the entries: make every
 * row the hub's (pending changes kept), when received is the snapshot's. */
int sync_full_apply(st_db *db, const unsigned char *p, size_t n, int64_t received,
                    const sync_pending *pend, sync_result *r, st_err *e);

#endif
