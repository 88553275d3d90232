/* Fields required only when a condition holds (wf_req_whens, workflow.c):
 * the forms mark them as the values change, the engine refuses without
 * them.  Reads no database. */
#include "workflow_internal.h"

#include <stdlib.h>
#include <string.h>

static int in_list(const char *v, const char *list)
{
    size_t n = strlen(v);
    for (const char *p = list; n && p && *p;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && strncmp(p, v, n) == 0) return 1;
        p = bar ? bar + 1 : NULL;
    }
    return 0;
}

typedef const char *(*val_fn)(const void *src, const wf_action *a, const char *name);

/* Which row of wf_req_whens makes field i required with these values, or
 * -1; need bits count as row wf_nreq_whens. */
static int required_by(const wf_action *a, int i, val_fn get, const void *src, unsigned need)
{
    if (i < 0 || i >= a->nfields) return -1;
    if (i < 32 && (need >> i) & 1) return wf_nreq_whens;
    for (int r = 0; r < wf_nreq_whens; r++) {
        const wf_req_when *w = &wf_req_whens[r];
        if (strcmp(w->action, a->name) || strcmp(w->field, a->fields[i].name)) continue;
        if (w->when) {
            if (in_list(get(src, a, w->when), w->values)) return r;
        } else {
            const char *f = get(src, a, "votes_for"), *g = get(src, a, "votes_against");
            if (*f && *g && atol(f) == atol(g) && atol(f) > 0) return r;
        }
    }
    return -1;
}

static const char *from_vals(const void *src, const wf_action *a, const char *name)
{
    char *const *val = src;
    int i = wf_field_index(a, name);
    return i >= 0 && val[i] ? val[i] : "";
}

typedef struct kvsrc { const st_kv *kv; int n; } kvsrc;

static const char *from_kv(const void *src, const wf_action *a, const char *name)
{
    (void)a;
    const kvsrc *k = src;
    const char *v = kv_get(k->kv, k->n, name);
    return v ? v : "";
}

int workflow_field_required(const wf_action *a, int i, const st_kv *vals, int n, unsigned need)
{
    if (i < 0 || i >= a->nfields) return 0;
    if (a->fields[i].flags & FF_REQUIRED) return 1;
    kvsrc k = {vals, n};
    return required_by(a, i, from_kv, &k, need) >= 0;
}

int wf_required_missing(const wf_action *a, char *const *val, unsigned need, int from,
                        st_err *e)
{
    for (int i = from; i < a->nfields && i < WF_MAXF; i++) {
        if (val[i] && *val[i]) continue;
        int r = required_by(a, i, from_vals, val, need);
        if (r < 0) continue;
        const fielddef *f = &a->fields[i];
        if (r == wf_nreq_whens) {   /* the action's check says why, in its words */
            continue;
        } else if (!wf_req_whens[r].when) {
            err_field(e, ST_EINVAL, f->name, "%s (%s): bắt buộc khi số phiếu tán thành bằng số "
                      "phiếu không tán thành (%s – %s)", f->label, f->name,
                      from_vals(val, a, "votes_for"), from_vals(val, a, "votes_against"));
        } else {
            int w = wf_field_index(a, wf_req_whens[r].when);
            char buf[200];
            const fielddef *wf = &a->fields[w];
            const char *v = from_vals(val, a, wf->name);
            const char *shown = wf->type == FT_BOOL ? (strcmp(v, "1") == 0 ? "Có" : "Không")
                                : field_choice_label(wf, v, buf, sizeof buf);
            err_field(e, ST_EINVAL, f->name, "%s (%s): bắt buộc khi %s là %s", f->label,
                      f->name, wf->label, shown);
        }
        return i;
    }
    return -1;
}
