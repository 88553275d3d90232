/* Creating a database: schema, holidays, units, the first administrator. */
#ifndef SANGTAO_SETUP_H
#define SANGTAO_SETUP_H

#include <stdio.h>
#include "base/actor.h"
#include "store/db.h"
#include "base/err.h"

/* On a just-created database: load the embedded holidays, the units (from
 * units_csv_path, or the embedded demo tree when NULL), and add the admin
 * account with full scope over the root unit.  One transaction per step. */
int setup_init(st_db *db, const char *units_csv_path, const char *admin_user,
               const char *admin_name, const char *admin_password, st_err *e);

/* Import holidays from a CSV (date,kind,name): the administrator adds years
 * and make-up working days.  All rows or none. */
int holiday_import_csv(st_db *db, const st_actor *who, FILE *f, const char *name,
                       int *count, st_err *e);
int holiday_import_text(st_db *db, const st_actor *who, const char *text,
                        const char *name, int *count, st_err *e);

/* Dissemination sessions (học tập, quán triệt): unit, date, form
 * (conference|cell_meeting|propaganda), participants, note. */
int dissemination_add(st_db *db, const st_actor *who, const char *unit_code,
                      const char *date, const char *form, const char *participants,
                      const char *note, st_err *e);

#endif
