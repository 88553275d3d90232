/* Field definitions shared by the proposal form and the workflow actions:
 * one description per field drives validation, the CLI help, and later the
 * screens' forms. */
#ifndef SANGTAO_FIELDDEF_H
#define SANGTAO_FIELDDEF_H

#include <stdint.h>
#include "base/err.h"

typedef enum {
    FT_TEXT,      /* one line, ≤ 1 000 characters */
    FT_LONGTEXT,  /* multi-line, ≤ 1 000 000 bytes */
    FT_DATE,      /* dd/mm/yyyy or yyyy-mm-dd → stored yyyy-mm-dd */
    FT_INT,       /* integer in [min, max] */
    FT_MONEY,     /* VND, "1.234.567" or "1234567" → integer ≥ 0 */
    FT_BOOL,      /* có/không, yes/no, true/false, 1/0 → "1"/"0" */
    FT_ENUM,      /* one of choices "a|b|c" */
    FT_SET,       /* several of choices, comma separated */
    FT_UNIT,      /* a unit code */
    FT_PERSON     /* a person: id or full name */
} field_type;

enum {
    FF_REQUIRED = 1,   /* must be given and non-empty */
    FF_TODAY    = 2,   /* a date that defaults to today */
    FF_COMMENT  = 4,   /* goes into the event's comment */
    FF_NOCOL    = 8    /* not a column of the action's table (handled by code) */
};

typedef struct fielddef {
    const char *name;     /* as typed in --set NAME=… and stored as a column */
    const char *label;    /* Vietnamese label for forms and messages */
    field_type type;
    unsigned flags;
    const char *choices;  /* FT_ENUM/FT_SET: "implement|pilot" */
    const char *choice_labels; /* "Thực hiện|Thí điểm", same order */
    long min, max;        /* FT_INT range */
} fielddef;

/* Check and normalise one raw value (already any UTF-8).  On success *out is
 * a malloc'd canonical string (NFC text, ISO date, decimal integer, "1"/"0",
 * choice names); an empty optional value gives "".  Errors name the field
 * in e->field with a Vietnamese message. */
int field_normalize(const fielddef *f, const char *raw, char **out, st_err *e);

/* The label of a choice value, or the value itself. */
const char *field_choice_label(const fielddef *f, const char *value, char *buf, int n);

/* Money formatted Vietnamese style: 1.234.567 đ */
void money_format(int64_t vnd, char *buf, int n);

#endif
