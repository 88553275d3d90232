/* Dates and working days.  Dates are ISO strings "YYYY-MM-DD" in the
 * database; users may type dd/mm/yyyy.  Working days skip Saturdays,
 * Sundays and the holidays of the calendar, except days marked as make-up
 * working days. */
#ifndef SANGTAO_WORKDAYS_H
#define SANGTAO_WORKDAYS_H

#include <stdio.h>
#include "err.h"

typedef struct calendar calendar;

/* A date as days since 1970-01-01 (proleptic Gregorian). */
typedef long st_day;

/* Parse "YYYY-MM-DD" or "dd/mm/yyyy" (also d/m/yyyy); checks the date exists.
 * Returns ST_OK or ST_EINVAL with a Vietnamese message. */
int date_parse(const char *s, st_day *out, st_err *e);
/* Format as "YYYY-MM-DD" (buf ≥ 11). */
void date_iso(st_day d, char buf[11]);
/* Format as "dd/mm/yyyy" (buf ≥ 11). */
void date_vn(st_day d, char buf[11]);
/* Today, local time, unless a fixed clock is in force (clock.h). */
st_day date_today(void);
/* 0 = Monday … 6 = Sunday */
int date_weekday(st_day d);

int calendar_new(calendar **out);
void calendar_free(calendar **c);
/* kind: 'H' holiday (a day off), 'W' make-up working day (a weekend day
 * that is worked). */
int calendar_add(calendar *c, st_day d, char kind);
/* Load a CSV file "date,kind,name" (kind: holiday|workday; header line
 * allowed).  Errors name the line. */
int calendar_load_csv(calendar *c, FILE *f, const char *name, st_err *e);
int calendar_is_working_day(const calendar *c, st_day d);
/* The date n working days after d (n ≥ 0; n = 0 gives d itself). */
st_day calendar_add_working_days(const calendar *c, st_day d, int n);
/* Working days in (from, to]: 0 if to ≤ from.  How late something is. */
int calendar_working_days_between(const calendar *c, st_day from, st_day to);

#endif
