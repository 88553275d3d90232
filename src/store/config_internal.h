/* Inside the settings, for the config*.c files only (everyone else uses
 * config.h): the shape of a row of the options table and of a loaded
 * config, and what the files share.
 *
 *   config_table.c   the options table (data) and the checks it names
 *   config_value.c   finding options, converting and checking one value
 *   config_scan.c    the line-by-line scan of config.ini
 *   config.c         creating, loading (iniparser), reading, setting
 *   config_print.c   --help-config and the values as an ini file
 *
 * Each file calls only files above it in this list (config.c and
 * config_print.c both sit on config_value.c). */
#ifndef SANGTAO_CONFIG_INTERNAL_H
#define SANGTAO_CONFIG_INTERNAL_H

#include <stddef.h>
#include "config.h"

enum opt_type { OPT_STR, OPT_INT, OPT_BOOL, OPT_ENUM, OPT_PATH, OPT_KEYS };

/* Extra check for one option: returns NULL if v is fine, else the reason. */
typedef const char *(*opt_check_fn)(const char *v);

struct config_option {
    const char *key;            /* "section.key" */
    enum opt_type type;
    const char *def;            /* default, as written in config.ini */
    long min, max;              /* INT: range; STR: length in characters,
                                   PATH: length in bytes */
    const char *const *values;  /* ENUM: allowed values, NULL-terminated */
    opt_check_fn check;
    const char *help_en;
    const char *help_vi;
};

/* The number of rows of the table; config_table.c fails to compile when
 * it is not. */
#define CONFIG_NOPT 90
extern const struct config_option config_options[CONFIG_NOPT];

struct config {
    char *val[CONFIG_NOPT];   /* canonical NFC string of every option */
    long num[CONFIG_NOPT];    /* INT value, BOOL 0/1, ENUM index */
    int line[CONFIG_NOPT];    /* the line of the file that set it, 0 = not set */
    char *path;               /* file loaded, or "" */
};

/* ---- config_value.c ---- */

/* Index of "section.key" in the table, -1 when there is none. */
int config_opt_find(const char *key);
/* A setting's former name, still read so that a config.ini kept by an
 * upgrade (a conffile) loads: the option's index under its new name (and
 * *old_key the former name, static), or -1. */
int config_renamed(const char *old, const char **old_key);
/* Is there an option in section sec? */
int config_section_known(const char *sec);
/* Comma-separated list into buf: sections (sec == NULL) or keys of sec. */
void config_list_names(const char *sec, char *buf, size_t n);
/* Value quoted for a message: printable, and cut short so the message
 * still fits. */
void config_show_value(const char *v, char *buf, size_t n);
/* An ENUM's allowed values joined by sep. */
void config_join_values(const struct config_option *o, const char *sep, char *buf,
                        size_t n);
/* Check v (NFC already) against option o; fills *num and the canonical
 * text in *canon (malloc'd).  On error writes the reason into why. */
int config_convert(const struct config_option *o, const char *v, long *num,
                   char **canon, char *why, size_t wn);

/* ---- config_scan.c ---- */

struct config_scan {
    const char *path;
    int line;
    char sec[64];                /* current section, "" before the first */
    int line_of[CONFIG_NOPT];    /* where each option was set, 0 = not set */
    const char *old_name[CONFIG_NOPT];   /* set under its former name (config_renamed) */
    st_err *e;
};

/* Read the whole file once; fills s->line_of.  Errors as config_scan_fail. */
int config_scan_file(struct config_scan *s);
/* "PATH:LINE: key: what" (or "PATH:LINE: what" without a key) into s->e,
 * at line s->line; returns ST_EINVAL. */
int config_scan_fail(struct config_scan *s, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
