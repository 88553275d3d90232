/* Two clerks editing one proposal: no lost update.  A save carries the
 * version the form was opened at; when someone saved in between, the save
 * changes nothing and the caller gets both sides of every field, to keep
 * theirs, take the other, or merge field by field, then save again.
 *
 *   proposal_conflict *c = NULL;
 *   rc = proposal_save(db, who, code, mine, n, base, nb, version, &c, &e);
 *   if (rc == ST_ECONFLICT) {           // show c->f[...] beside each other
 *       c->f[i].pick = PICK_THEIRS;      // or PICK_MINE, or PICK_MERGED + merged
 *       rc = proposal_conflict_save(db, who, c, &e);   // may conflict again
 *   }
 *   proposal_conflict_free(&c);
 */
#ifndef SANGTAO_CONFLICT_H
#define SANGTAO_CONFLICT_H

#include <stdint.h>
#include "base/actor.h"
#include "store/db.h"
#include "base/err.h"
#include "base/kv.h"

/* Who changed a field since the form was opened. */
enum {
    CF_MINE = 1,      /* only this clerk: saving it is safe */
    CF_THEIRS,        /* only the other person: their value stays */
    CF_BOTH_SAME,     /* both, to the same value */
    CF_BOTH           /* both, differently: the clerk must choose */
};
/* What proposal_conflict_save writes for a field. */
enum { PICK_MINE = 1, PICK_THEIRS, PICK_MERGED };

typedef struct pc_field {
    int index;             /* proposal_field(index) */
    const char *name;      /* "title" */
    const char *label;     /* "Tên đề xuất" */
    char *base;            /* the value when the form was opened; NULL if unknown */
    char *mine;            /* this clerk's value; NULL when not edited */
    char *theirs;          /* the value saved now */
    int who;               /* CF_* */
    int pick;              /* PICK_*: proposal_conflict_auto's suggestion */
    char *merged;          /* PICK_MERGED: text to save (malloc'd; freed with c) */
} pc_field;

typedef struct proposal_conflict {
    char code[32];
    int64_t mine_version;  /* the version the form was opened at */
    int64_t their_version; /* the version saved now */
    int n;                 /* fields that someone changed */
    pc_field *f;
    int nboth;             /* fields with who == CF_BOTH */
} proposal_conflict;

/* Compare the clerk's values (mine; only the fields they edited) and,
 * when known, the values the form was opened with (base; a field absent
 * from base is unknown: changed by both when mine differs), against what is
 * saved now.  Values are compared normalised (dates, money, NFC), in the
 * terms of the form (unit codes, names).  Fills every field someone
 * changed, with a suggested pick (CF_MINE → mine, CF_THEIRS and
 * CF_BOTH_SAME → theirs, CF_BOTH → mine).  Scope as proposal_get_head. */
int proposal_diff(st_db *db, const st_actor *who, const char *code,
                  int64_t mine_version, const st_kv *mine, int nmine,
                  const st_kv *base, int nbase, proposal_conflict **out,
                  st_err *e);

/* proposal_update with expected_version; on ST_ECONFLICT nothing was
 * written and *conflict (when conflict is non-NULL) holds both sides. */
int proposal_save(st_db *db, const st_actor *who, const char *code,
                  const st_kv *mine, int nmine, const st_kv *base, int nbase,
                  int64_t expected_version, proposal_conflict **conflict,
                  st_err *e);

/* Save the picks of a conflict against their_version: only fields whose
 * pick differs from what is saved are written.  ST_ECONFLICT again when
 * yet another save came in between (diff again and ask again). */
int proposal_conflict_save(st_db *db, const st_actor *who,
                           const proposal_conflict *c, st_err *e);

/* The value a field will be saved with under its pick. */
const char *pc_field_result(const pc_field *f);

void proposal_conflict_free(proposal_conflict **c);

#endif
