/* Folder src/report: the reports and their renderings.
 * May include: flow, store, text, base. */
/* Reports for the Standing Committee: the periodic review (sơ kết, tổng kết)
 * and the deadline report.  A report is computed once into tables of rows
 * (this structure); the text document, CSV, XLSX, JSON and the screen only
 * render it.  Every figure obeys the acting user's unit scope. */
#ifndef SANGTAO_REPORT_H
#define SANGTAO_REPORT_H

#include <stdio.h>
#include "base/actor.h"
#include "store/config.h"
#include "store/db.h"
#include "base/err.h"

enum { RT_TEXT, RT_INT, RT_DATE };         /* column types */
enum {                                      /* column flags */
    RC_NOTEXT = 1,   /* a key column for CSV/JSON/XLSX, not drawn in text */
    RC_JOIN = 2      /* drawn in text under the column before it, same cell */
};
enum { RCH_NONE, RCH_BARS, RCH_COLUMNS };   /* how the screen charts a table */
#define REPORT_MAXCOL 12

typedef struct report_col {
    char key[32];     /* CSV header, JSON key */
    char head[96];    /* heading in the document and on screen */
    int type;         /* RT_*: numbers as numbers, ISO dates as dates */
    int flags;
} report_col;

typedef struct report_table {
    char key[32];          /* JSON key, CSV --table, sheet order */
    char sheet[128];       /* XLSX sheet name (≤ 31 characters) */
    char title[200];
    char note[400];        /* a line under the table, or "" */
    int ncol;
    report_col col[REPORT_MAXCOL];
    int nrows, cap;
    char **cells;          /* nrows × ncol; never NULL strings */
    int total_row;         /* the last row is a total */
    int chart;             /* RCH_* */
    int chart_label, chart_value;   /* columns the chart reads */
} report_table;

typedef struct report {
    char kind[16];             /* periodic | overdue */
    char title[32];            /* BÁO CÁO */
    char subject[400];         /* what it is about, with the period */
    char period_label[96];     /* "quý I năm 2026" */
    char from[11], to[11];     /* ISO dates of the period ("" for overdue) */
    char prev_from[11], prev_to[11];
    char as_of[11];            /* figures counted up to this day */
    char unit_code[64], unit_name[256];
    int empty;                 /* nothing at all happened in the period */
    int ntables, cap;
    report_table **t;
    int oom;
    struct report_chunk *text;   /* where the cells' strings are kept (report.c) */
} report;

/* Progress of a long computation: step done out of total, what comes next. */
typedef void (*report_progress_fn)(void *ud, int done, int total, const char *what);

typedef struct report_params {
    const char *from, *to;    /* the period as dates (ISO or dd/mm/yyyy) … */
    const char *period;       /* … or month|quarter|half|year with year, number */
    int year, number;
    const char *unit;         /* unit code (its subtree); NULL: the user's scope */
    const char *as_of;        /* count lateness up to this day; NULL: today (or
                                 the period's end when it is earlier) */
    report_progress_fn progress;
    void *progress_ud;
    int recount;              /* periodic: count the facts from their rows, not
                                 from report_counts, and the state at each period's
                                 end from the events, not from stock_at (the test
                                 of the kept counts) */
} report_params;

/* The month-end stocks the periodic review reads (data/017_report_and_lists.sql): the
 * closed months not written yet (or taken out by an older state change since)
 * written in one transaction; months: how many, rows: their rows.  For the
 * nightly maintenance (sangtao maintain). */
int report_stock_refresh(st_db *db, int *months, long *rows, st_err *e);

/* The periodic review for a period and a unit subtree. */
int report_periodic(st_db *db, const st_actor *who, const report_params *p,
                    report **out, st_err *e);
/* Everything past its working-day deadline (proposals.due_date), by unit and
 * owner, with the working days late as of p->as_of (default today). */
int report_overdue(st_db *db, const st_actor *who, const report_params *p,
                   report **out, st_err *e);
void report_free(report **r);
const report_table *report_find(const report *r, const char *key);
/* A cell as text ("" past the end). */
const char *report_cell(const report_table *t, int row, int col);
/* Does any table have a row (besides totals)? */
int report_has_rows(const report_table *t);

/* Resolve a period: dates, or kind+year+number (month 1-12, quarter 1-4,
 * half 1-2, year).  Fills ISO from/to, the previous period of the same kind
 * (or of the same length just before), and a label ("quý I năm 2026"). */
int report_period(const report_params *p, char from[11], char to[11],
                  char pfrom[11], char pto[11], char *label, size_t labeln,
                  st_err *e);

/* ---- rendering ----------------------------------------------------------- */

enum { RL_TEXT, RL_TITLE, RL_HEAD, RL_RULE, RL_BODY, RL_TOTAL, RL_CHART, RL_NOTE };
typedef struct report_line {
    char *text;
    int style;        /* RL_* */
    int glue;         /* keep on the page of the line before */
    int head, nhead;  /* body line of a table: its header lines (index, count) */
} report_line;
typedef struct report_lines {
    report_line *v;
    int n, cap;
    int oom;
} report_lines;

enum { RR_CHARTS = 1, RR_UNICODE = 2 };
/* The body of a report as lines of at most width columns: per table its
 * title, a grid, its note, and with RR_CHARTS its chart (block characters
 * with RR_UNICODE, else '#').  Appends to out. */
int report_render(const report *r, int width, unsigned flags, report_lines *out);
void report_lines_add(report_lines *l, const char *text, int style, int glue);
/* A paragraph wrapped at width columns. */
void report_lines_para(report_lines *l, const char *text, int width, int style);
void report_lines_free(report_lines *l);
/* Do block characters suit this terminal?  utf8: the locale's codeset is
 * UTF-8; term: $TERM.  A vt100-type terminal or the Linux console: no. */
int report_chart_unicode(int utf8, const char *term);

/* ---- writers -------------------------------------------------------------- */

typedef struct report_doc_opts {
    int width;             /* 80 or 132 columns */
    const char *doc_no;    /* the number in "Số …-BC/…", or NULL to fill by hand */
} report_doc_opts;
/* The printable document in the Party layout, paginated for A4: header
 * (org.name, org.party), "Số …-BC/…", place and date, title, body,
 * "Nơi nhận:" and the signature block, all from the settings. */
int report_write_text(const report *r, const config *cfg, const report_doc_opts *o,
                      FILE *f, st_err *e);
/* Lines per A4 page at this width. */
int report_page_lines(int width);
/* CSV: every table (a title row, a header row, the rows, a blank line), or
 * only table_key (header and rows).  bom: start with a UTF-8 BOM for Excel. */
int report_write_csv(const report *r, const char *table_key, int bom, FILE *f, st_err *e);
int report_write_json(const report *r, FILE *f, st_err *e);
/* XLSX through libxlsxwriter: one sheet per table, formatted headers,
 * column widths, numbers as numbers, dates as dates. */
int report_write_xlsx(const report *r, const config *cfg, const char *path, st_err *e);
/* Send a text file to the printer named by report.printer through lp(1)
 * (width 132: landscape).
 * ST_EINVAL when no printer is configured. */
int report_print(const config *cfg, const char *path, int width, st_err *e);

#endif
