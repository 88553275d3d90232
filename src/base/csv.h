/* A small RFC 4180 CSV reader and writer (quotes, doubled quotes, CRLF,
 * newlines inside quotes, UTF-8 BOM skipped).  Used by every import. */
#ifndef SANGTAO_CSV_H
#define SANGTAO_CSV_H

#include <stdio.h>
#include "err.h"

typedef struct csv_reader csv_reader;

/* Limits that keep a hostile or mistaken file (a binary, a UTF-16 export)
 * from eating memory: a field over CSV_MAX_FIELD bytes or a record with more
 * than CSV_MAX_FIELDS fields is an error. */
#define CSV_MAX_FIELD  (4L * 1024 * 1024)
#define CSV_MAX_FIELDS 16384

/* Reading rules: a field is quoted only when it starts with '"'; a quote
 * inside an unquoted field is kept as is; text after a closing quote other
 * than ',' or the end of line is an error.  Line ends are LF, CRLF or a lone
 * CR; a line end inside quotes is kept as one LF.  Empty lines are skipped.
 * Cells are separated by ',', or by ';' when the first line has ';' outside
 * quotes and no ',' (a spreadsheet saving in a comma-decimal locale).
 * A NUL byte is an error (usually a UTF-16 file).  Bytes are not
 * re-encoded: normalising text is the caller's job. */
int csv_open(FILE *f, csv_reader **out);
void csv_close(csv_reader **r);
/* Read the next record.  Returns 1 with *nfields and fields (valid until the
 * next call), 0 at end of file, -1 on error (e filled, with line number). */
int csv_next(csv_reader *r, char ***fields, int *nfields, st_err *e);
/* Line number where the last record returned started (1-based). */
long csv_line(const csv_reader *r);
/* Name shown in errors ("holidays.csv:7: …"); without one they read
 * "dòng 7: …".  The string is copied. */
int csv_set_name(csv_reader *r, const char *name);

/* Write one field, quoting when needed.  Written for spreadsheets: a cell
 * that would run as a formula (starting with = + - @, a tab or CR, unless
 * a plain number) gets a leading ' (Excel and LibreOffice show it as text).
 * To a terminal, control characters are shown as ^X, never sent. */
void csv_write_field(FILE *f, const char *s);
/* Write a record of n fields followed by "\n" (LF, not CRLF).  A record
 * of one empty field is written as "" so that it is not read back as a
 * blank line (which csv_next skips). */
void csv_write_row(FILE *f, const char *const *fields, int n);

#endif
