/* Units (the tree of organisations): the import (unit_import.c) and the
 * reads (units.c).  People are in people.h. */
#ifndef SANGTAO_UNITS_H
#define SANGTAO_UNITS_H

#include <stdint.h>
#include <stdio.h>
#include "base/actor.h"
#include "store/db.h"
#include "base/err.h"
#include "base/kv.h"

/* Import a unit tree from CSV: header "code,name,parent_code,level[,short_name]"
 * (parents before children, or in any order — resolved in the file).
 * Existing codes are updated, new ones added, all rows or none; errors name
 * the line.  Admin only (who may be NULL during init).  *count = rows. */
int unit_import_csv(st_db *db, const st_actor *who, FILE *f, const char *name,
                    int *count, st_err *e);
/* Import from text in memory (used by init with the embedded demo tree). */
int unit_import_text(st_db *db, const st_actor *who, const char *csv_text,
                     const char *name, int *count, st_err *e);

typedef struct unit_row {
    int64_t id;
    const char *code, *name, *short_name, *level, *parent_code;
    int depth;        /* 0 for the root(s) */
} unit_row;
typedef int (*unit_row_cb)(const unit_row *row, void *ud);
/* The units in the actor's scope, as a tree (depth-first, by sort, name). */
int unit_list(st_db *db, const st_actor *who, unit_row_cb cb, void *ud, st_err *e);
/* Unit id by code (any unit, no scope check); ST_ENOTFOUND if none. */
int unit_find(st_db *db, const char *code, int64_t *id, st_err *e);
/* Parent id of a unit (0 for a root). */
int64_t unit_parent(st_db *db, int64_t id);

#endif
