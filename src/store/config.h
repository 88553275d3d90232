/* Settings: config.ini read through one table of options (config_table.c);
 * how the files of the settings share the work: config_internal.h. */
#ifndef SANGTAO_CONFIG_H
#define SANGTAO_CONFIG_H

#include <stdio.h>
#include "base/err.h"

typedef struct config config;

/* Defaults only (no file). */
int config_new(config **out, st_err *e);
/* Find and load the file: explicit path (from --config) if non-NULL, else
 * $SANGTAO_CONFIG, ./config.ini, /etc/sangtao/config.ini; none found means
 * defaults.  Errors read "config.ini:LINE: key: what is wrong". */
int config_load(const char *explicit_path, config **out, st_err *e);
/* Load exactly this file (it must exist). */
int config_load_file(const char *path, config **out, st_err *e);
void config_free(config **c);

/* Values by "section.key", e.g. "database.path".  Unknown keys abort in
 * debug builds; the table in config_table.c is the single list. */
const char *config_str(const config *c, const char *key);
long config_int(const config *c, const char *key);
int config_bool(const config *c, const char *key);
/* Override a value (e.g. --db); validated like the file. */
int config_set(config *c, const char *key, const char *value, st_err *e);
/* Path of the file actually loaded, or "" for defaults. */
const char *config_path(const config *c);
/* The line of the file that set key, 0 when it was not set there. */
int config_line(const config *c, const char *key);

/* The i-th key of the table ("section.key"), NULL past the end: lets tests
 * and tools walk every option without a second list. */
const char *config_key(size_t i);

/* Print the table of options (sangtao --help-config). */
void config_print_help(FILE *f);
/* Print the current values as an ini file. */
void config_print_values(const config *c, FILE *f);

#endif
