/* Edit conflicts on proposals: both sides of every field, picks, and the
 * second save.  See conflict.h. */
#include "conflict.h"

#include <stdlib.h>
#include <string.h>

#include "fielddef.h"
#include "proposal.h"
#include "text/text.h"

/* A value in the terms proposal_update compares: normalised, and empty
 * numbers, booleans and choices as the database stores them. */
static char *norm_value(const fielddef *f, const char *raw, st_err *e)
{
    char *v = NULL;
    if (field_normalize(f, raw ? raw : "", &v, e) != ST_OK) return NULL;
    if (!*v && (f->type == FT_MONEY || f->type == FT_BOOL || f->type == FT_ENUM)) {
        free(v);
        v = strdup(f->type == FT_ENUM ? "other" : "0");
        if (!v) err_set(e, ST_ENOMEM, "hết bộ nhớ");
    }
    return v;
}

static int same(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

/* Every value of kv normalised into out[field index]; unknown names fail. */
static int norm_all(const st_kv *kv, int n, char **out, st_err *e)
{
    int nf = proposal_nfields();
    for (int k = 0; k < n; k++) {
        int i = 0;
        while (i < nf && strcmp(proposal_field(i)->name, kv[k].name ? kv[k].name : "") != 0) i++;
        if (i == nf)
            return err_set(e, ST_EINVAL, "trường không tồn tại: %.80s",
                           kv[k].name ? kv[k].name : "(trống)");
        free(out[i]);
        if (!(out[i] = norm_value(proposal_field(i), kv[k].value, e))) return e ? e->code : ST_EINVAL;
    }
    return ST_OK;
}

static void free_vals(char **v, int n)
{
    for (int i = 0; i < n; i++) free(v[i]);
    free(v);
}

void proposal_conflict_free(proposal_conflict **pc)
{
    if (!pc || !*pc) return;
    proposal_conflict *c = *pc;
    for (int i = 0; i < c->n; i++) {
        free(c->f[i].base);
        free(c->f[i].mine);
        free(c->f[i].theirs);
        free(c->f[i].merged);
    }
    free(c->f);
    free(c);
    *pc = NULL;
}

/* Which side changed field i, and the suggested pick; 0 when nobody did. */
static int classify(const char *base, const char *mine, const char *theirs, int *pick)
{
    int mine_ch = mine && (base ? !same(mine, base) : !same(mine, theirs));
    int their_ch = base ? !same(theirs, base) : mine_ch;   /* unknown base: assume both */
    if (!mine_ch && !their_ch) return 0;
    if (mine_ch && !their_ch) { *pick = PICK_MINE; return CF_MINE; }
    if (!mine_ch) { *pick = PICK_THEIRS; return CF_THEIRS; }
    if (same(mine, theirs)) { *pick = PICK_THEIRS; return CF_BOTH_SAME; }
    *pick = PICK_MINE;
    return CF_BOTH;
}

int proposal_diff(st_db *db, const st_actor *who, const char *code,
                  int64_t mine_version, const st_kv *mine, int nmine,
                  const st_kv *base, int nbase, proposal_conflict **out,
                  st_err *e)
{
    *out = NULL;
    int nf = proposal_nfields();
    char **cur = calloc((size_t)nf, sizeof *cur), **mv = calloc((size_t)nf, sizeof *mv),
         **bv = calloc((size_t)nf, sizeof *bv);
    proposal_conflict *c = calloc(1, sizeof *c);
    pc_field *f = calloc((size_t)nf, sizeof *f);
    int64_t version = 0;
    int rc = !cur || !mv || !bv || !c || !f ? err_set(e, ST_ENOMEM, "hết bộ nhớ") : ST_OK;
    if (!rc) rc = norm_all(mine, nmine, mv, e);
    if (!rc) rc = norm_all(base, nbase, bv, e);
    if (!rc) rc = proposal_read_values(db, who, code, cur, &version, e);
    for (int i = 0; !rc && i < nf; i++) {
        int pick = 0, whose = classify(bv[i], mv[i], cur[i], &pick);
        if (!whose) continue;
        pc_field *x = &f[c->n++];
        x->index = i;
        x->name = proposal_field(i)->name;
        x->label = proposal_field(i)->label;
        x->who = whose;
        x->pick = pick;
        x->theirs = cur[i];
        cur[i] = NULL;
        x->mine = mv[i];
        mv[i] = NULL;
        x->base = bv[i];   /* NULL: not known for this field */
        bv[i] = NULL;
        if (whose == CF_BOTH) c->nboth++;
    }
    if (cur) free_vals(cur, nf);
    if (mv) free_vals(mv, nf);
    if (bv) free_vals(bv, nf);
    if (rc) {
        if (c) { c->f = f; proposal_conflict_free(&c); } else free(f);
        return rc;
    }
    snprintf(c->code, sizeof c->code, "%s", code);
    c->mine_version = mine_version;
    c->their_version = version;
    c->f = f;
    *out = c;
    return ST_OK;
}

int proposal_save(st_db *db, const st_actor *who, const char *code,
                  const st_kv *mine, int nmine, const st_kv *base, int nbase,
                  int64_t expected_version, proposal_conflict **conflict,
                  st_err *e)
{
    if (conflict) *conflict = NULL;
    int rc = proposal_update(db, who, code, mine, nmine, expected_version, e);
    if (rc != ST_ECONFLICT || !conflict) return rc;
    st_err de;
    err_clear(&de);
    if (proposal_diff(db, who, code, expected_version, mine, nmine, base, nbase, conflict,
                      &de) != ST_OK)
        *conflict = NULL;   /* the conflict message stands; the diff is a bonus */
    return rc;
}

const char *pc_field_result(const pc_field *f)
{
    switch (f->pick) {
    case PICK_MINE: return f->mine ? f->mine : f->theirs;
    case PICK_MERGED: return f->merged ? f->merged : "";
    default: return f->theirs;
    }
}

int proposal_conflict_save(st_db *db, const st_actor *who,
                           const proposal_conflict *c, st_err *e)
{
    st_kv *kv = calloc((size_t)(c->n ? c->n : 1), sizeof *kv);
    if (!kv) return err_set(e, ST_ENOMEM, "hết bộ nhớ");
    int n = 0;
    for (int i = 0; i < c->n; i++) {
        const char *v = pc_field_result(&c->f[i]);
        if (!same(v, c->f[i].theirs)) kv[n++] = (st_kv){c->f[i].name, v};
    }
    /* Even with nothing to write, check that the version still holds, so
     * "saved" never hides a newer change. */
    int rc = proposal_update(db, who, c->code, kv, n, c->their_version > 0 ? c->their_version : 1, e);
    free(kv);
    return rc;
}
