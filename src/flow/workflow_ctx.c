/* An action's values while workflow_apply runs it: the fields given (already
 * normalised) and the extra columns its rules add.  The hooks of
 * workflow_rules.c read and change them through these calls. */
#include "workflow_internal.h"

#include <stdlib.h>
#include <string.h>

int wf_field_index(const wf_action *a, const char *name)
{
    for (int i = 0; i < a->nfields; i++)
        if (strcmp(a->fields[i].name, name) == 0) return i;
    return -1;
}

const char *wf_val(const wf_ctx *c, const char *name)
{
    int i = wf_field_index(c->a, name);
    if (i >= 0) return c->val[i] ? c->val[i] : "";
    for (int k = 0; k < c->nx; k++)
        if (strcmp(c->xname[k], name) == 0) return c->xval[k];
    return "";
}

void wf_set(wf_ctx *c, const char *name, const char *value)
{
    int i = wf_field_index(c->a, name);
    if (i < 0) return;
    free(c->val[i]);
    if (!(c->val[i] = strdup(value))) c->oom = 1;
}

void wf_extra(wf_ctx *c, const char *column, const char *value)
{
    if (c->nx >= WF_MAXX) return;
    char *v = strdup(value ? value : "");
    if (!v) { c->oom = 1; return; }
    c->xname[c->nx] = column;
    c->xval[c->nx] = v;
    c->nx++;
}
