/* The form widget: fields described by fielddef (label, type, required,
 * choices), each edited with the field editor or a choice list, required
 * fields marked, each error shown under its field, scrolling within the
 * screen, re-laid out on every resize without losing input. */
#ifndef SANGTAO_UI_FORM_H
#define SANGTAO_UI_FORM_H

#include "ui_int.h"
#include "flow/fielddef.h"
#include "text/lineedit.h"

typedef struct ffield {
    fielddef fd;
    lineedit *le;          /* text types */
    int choice;            /* FT_ENUM / FT_BOOL: index, -1 none */
    unsigned set;          /* FT_SET: bits */
    int nch;
    char *chname[24], *chlabel[24];
    char err[400];
    int vtop;              /* text area: first wrapped row shown */
    char *orig;            /* value when loaded (edit: what changed) */
    int ime_ok;            /* takes the built-in Telex/VNI (not codes, numbers, dates) */
    int mask;              /* drawn as * (passwords); set after form_add */
} ffield;

typedef struct form form;
/* Save: check and write; on failure set errors (form_error) or f->msg and
 * return 0. */
typedef int (*form_save_fn)(form *f, void *ud);
/* An extra line under the form title, recomputed on every draw (the
 * evaluation's suggested protection measure). */
typedef void (*form_note_fn)(form *f, char *buf, int n);

struct form {
    char title[200];
    char context[160];     /* where a draft of it goes back: new, edit:CODE, act:CODE:ACTION */
    ffield *f;
    int n, cur, top;
    char msg[700];
    int msg_err;
    form_note_fn note;
    int dirty;
    int mark_submit;       /* a proposal: + marks what submitting needs */
    /* Is field i required now (a condition on the values, the record)?
     * NULL: its FF_REQUIRED flag.  Asked on every draw. */
    int (*required)(const form *f, int i, void *ud);
    void *req_ud;
    char limit[300];       /* what the action is limited to, on the top line */
};

void form_init(form *f, const char *title, const char *context);
/* Is field i required now (form.required, else its flag)? */
int form_required(const form *f, int i);
/* Add a field (a copy of fd is kept). */
void form_add(form *f, const fielddef *fd);
void form_free(form *f);
/* The value of field i in the core's terms (choice names, "1"/"0", text);
 * malloc'd; NULL only when out of memory. */
char *form_value(const form *f, int i);
void form_set(form *f, int i, const char *value);
int form_find(const form *f, const char *name);
/* Put an error under the named field (or on the message line). */
void form_error(form *f, const char *field, const char *msg);
void form_clear_errors(form *f);
/* Mark the current values as the originals (after loading). */
void form_mark_loaded(form *f);
/* name=value pairs of the fields that have a value (changed_only: those
 * that differ from the originals).  Strings are malloc'd in *store.
 * -1 (nothing in *store) when out of memory. */
int form_values(const form *f, st_kv *kv, char **store, int changed_only);
/* form_names.c: the name of the unit or field (lĩnh vực) whose code x
 * holds, NULL when x holds no such code or it is unknown; read from the
 * database once after form_names_reset (form_init calls it). */
const char *form_code_name(const ffield *x, const char *code);
void form_names_reset(void);
/* Run the form: 1 when saved, 0 when left (a stop signal saves a draft). */
int form_run(form *f, form_save_fn save, void *ud);

#endif
