/* Recoverable form drafts (data/005_drafts.sql): what a user was typing
 * when the line dropped, kept per user and form and offered back at the
 * next login.  No curses, no sqlite3.h. */
#ifndef SANGTAO_DRAFTS_H
#define SANGTAO_DRAFTS_H

#include <stdint.h>
#include "base/actor.h"
#include "store/db.h"
#include "base/err.h"
#include "base/kv.h"

/* Save (replacing this user's earlier draft of the same context). */
int draft_save(st_db *db, const st_actor *who, const char *context, const char *title,
               const st_kv *vals, int n, st_err *e);

typedef struct draft {
    int64_t id;
    char context[160];
    char title[256];
    char saved_at[32];
    st_kv *vals;
    int n;
    char **store;          /* the strings behind vals */
} draft;

/* The user's most recent draft; ST_ENOTFOUND when there is none. */
int draft_latest(st_db *db, const st_actor *who, draft **out, st_err *e);
void draft_free(draft **d);
/* Forget the user's drafts of this context (after saving or declining). */
int draft_discard(st_db *db, const st_actor *who, const char *context, st_err *e);
/* Remove for good the drafts discarded more than keep_days ago (every
 * user's: the nightly `maintain`); *removed = how many. */
int draft_purge(st_db *db, long keep_days, int *removed, st_err *e);

#endif
