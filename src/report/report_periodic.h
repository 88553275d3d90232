/* For report_periodic*.c only: the computation's context and measures. */
#ifndef SANGTAO_REPORT_PERIODIC_H
#define SANGTAO_REPORT_PERIODIC_H

#include "report_internal.h"
#include "base/sbuf.h"
#include "base/workdays.h"

enum {
    M_RECEIVED, M_IMPLEMENT, M_PILOT, M_REJECT, M_RETURN, M_START, M_SUSPEND,
    M_TERMINATE, M_REPORT, M_EVAL, M_COMPLETED, M_PARTIAL, M_NOTCOMPL, M_DAMAGE,
    M_REPL_PROP, M_REPL_DEC, M_REPL_DECL, M_COMMEND, M_RUNNING, M_SUSPENDED, M_OVERDUE,
    M_SESSIONS, M_PARTICIPANTS, M_UNITS_HELD, M_COUNT
};

/* The tables, in the order of the document. */
enum { T_SUMMARY, T_BY_UNIT, T_BY_FIELD, T_BY_MONTH, T_REASONS, T_DECISIONS, T_OVERDUE,
       T_RESULTS, T_PROTECTION, T_REPLICATION, T_COMMEND, T_COMMEND_LIST, T_DISSEM,
       T_DISSEM_MISSING, T_COUNT };
#define NMEASURE 7
#define NFORM 5
/* report_periodic_shared.c: the codes the tables are keyed by. */
extern const char *const rp_outcomes[3];
extern const char *const rp_measures[NMEASURE];
extern const char *const rp_forms[NFORM];

typedef struct grp { int64_t id; char code[64], name[256]; long m[M_COUNT]; long units; } grp;
typedef struct fld { int64_t id; char name[160]; long cur[M_COUNT], prev_received; } fld;

/* A unit, and whether and under which group the report shows it. */
typedef struct runit { int64_t id; int in, g; } runit;
/* A proposal of the report: its employing or competent unit is in the
 * subtree (the unit it is shown under: unit).  In id order. */
typedef struct rprop {
    int64_t id;
    int g, unit, field;      /* field: index in pctx.f (the last: none given) */
    st_day pto;              /* planned end (period_to), when has_pto */
    char pto_s[11];          /* … as stored, for the list of late pilots */
    unsigned char has_pto, started, pilot;
    unsigned char end[2];    /* state at the end of each period: 1 running, 2 suspended */
} rprop;

typedef struct pctx {
    st_db *db;
    const st_actor *who;
    const report_params *p;
    st_err *e;
    report *r;
    report_unit u;
    char from[11], to[11], pfrom[11], pto[11], end[11], pend[11];
    char lo[32], hi[32], hi_prev[32];
    long tot[2][M_COUNT];
    grp *g;
    int ng;
    fld *f;
    int nf;
    long *month;            /* nmonth × 3: received, decisions, evaluations */
    int nmonth, y0, m0;
    long res[3][2], prot[2][NMEASURE], forms[2][NFORM];
    report_table *tb[T_COUNT];
    long reasons[16];
    runit *units;           /* every unit (found by id through uslot) */
    int nunits;
    int *uslot;             /* a hash of the units' ids: index + 1, 0 empty */
    unsigned umask;         /* its size - 1 (a power of two) */
    rprop *rp;              /* the report's proposals, by id: every one when
                               counted from the events, else those of the
                               month-end stocks (stocked) */
    int nrp;
    int stocked;            /* both periods end at written months (stocks_written) */
    sbuf repl;              /* JSON [[id, date], …]: the period's replications, counted
                               once for the figures and listed from here */
} pctx;

/* report_periodic_scope.c: the report's units and, unless both periods end
 * at written month-end stocks, proposals (no temporary table: an array read
 * from the proposals_narrow index); the SQL function rp_unit(employing,
 * competent) (the unit a proposal of those units is shown under, or NULL);
 * and the state of each started proposal at the end of each period. */
int rp_load_scope(pctx *c);
const rprop *rp_find(const pctx *c, int64_t id);
/* The unit a proposal of these employing and competent units is shown
 * under, or NULL when it is not in the report (as load_proposals decides). */
const runit *rp_unit_of(const pctx *c, int64_t eu, int64_t cu);
void rp_unload(pctx *c);
int rp_load_stocks(pctx *c);

/* report_periodic_shared.c: run sql, or set the report's error; finalize st
 * and turn a step's rc other than SQLITE_DONE into db_fail(what). */
int rp_exec(pctx *c, const char *sql);
int rp_step_fail(pctx *c, sqlite3_stmt *st, int rc, const char *what);
/* report_periodic_tables.c: create the tables (before the lists fill some),
 * count dissemination, then fill the figures. */
int report_periodic_tables(pctx *c);
int report_periodic_dissemination(pctx *c);
int report_periodic_fill(pctx *c);

#endif
