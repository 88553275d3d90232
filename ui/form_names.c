/* Names for the codes a form holds (form.h, form_code_name): a unit's
 * code shows its name beside it, a field's (lĩnh vực) code its name, so
 * that what was picked reads as words.  The units in the user's scope and
 * the fields are read once per form (form_names_reset). */
#include "form.h"

#include <stdlib.h>
#include <string.h>

#include "flow/lists.h"
#include "flow/units.h"

typedef struct names {
    char **code, **name;
    int n, cap, loaded;
} names;

static names units, fields;

static void names_free(names *t)
{
    for (int i = 0; i < t->n; i++) { free(t->code[i]); free(t->name[i]); }
    free(t->code);
    free(t->name);
    memset(t, 0, sizeof *t);
}

static void names_add(names *t, const char *code, const char *name)
{
    if (!code || !name || !*name) return;
    if (t->n == t->cap) {
        int cap = t->cap ? t->cap * 2 : 64;
        char **c = realloc(t->code, (size_t)cap * sizeof *c);
        if (!c) return;
        t->code = c;
        char **m = realloc(t->name, (size_t)cap * sizeof *m);
        if (!m) return;
        t->name = m;
        t->cap = cap;
    }
    char *c = strdup(code), *m = strdup(name);
    if (!c || !m) { free(c); free(m); return; }   /* out of memory: that code shows alone */
    t->code[t->n] = c;
    t->name[t->n++] = m;
}

static int on_unit(const unit_row *r, void *ud)
{
    names_add(ud, r->code, r->name);
    return 0;
}

static int on_field(const list_row *r, void *ud)
{
    names_add(ud, r->code, r->col[0]);
    return 0;
}

void form_names_reset(void)
{
    names_free(&units);
    names_free(&fields);
}

const char *form_code_name(const ffield *x, const char *code)
{
    int unit = x->fd.type == FT_UNIT, field = strcmp(x->fd.name, "field") == 0;
    if ((!unit && !field) || !code || !*code || !U.logged_in) return NULL;
    names *t = unit ? &units : &fields;
    if (!t->loaded) {
        st_err e;
        err_clear(&e);
        int rc;
        t->loaded = 1;   /* a failed read is not tried on every keystroke: codes show alone */
        if (unit) UI_DB(rc, unit_list(U.db, &U.who, on_unit, t, &e));
        else UI_DB(rc, field_list(U.db, on_field, t, &e));
        (void)rc;
    }
    for (int i = 0; i < t->n; i++)
        if (strcmp(t->code[i], code) == 0) return t->name[i];
    return NULL;
}
