/* The demo database: users, people and ~200 proposals taken through the real
 * core (user_add, person_add, proposal_create, workflow_apply, …) so that
 * every state, table and rule is exercised with plausible Vietnamese data.
 * Each proposal's path and dates are planned first; then the steps of all
 * proposals run in date order with the engine's clock fixed to the step's
 * day (base/clock.h), so that codes, deadlines and
 * timestamps read like real history.  Texts come from demo_words.c. */
#include "demo_internal.h"

#include <stdlib.h>
#include <string.h>

#include "base/clock.h"

#include "store/db_internal.h"
#include "flow/workflow.h"

#define NPROPS 200
/* The demo's history runs over these days, whatever the real date. */
#define FIRST_DAY "2024-01-15"
#define LAST_DAY "2026-11-20"

/* How many proposals end in each state (200 in all). */
static const struct { int state, n; } mix[] = {
    {S_DRAFT, 16}, {S_SUBMITTED, 14}, {S_IN_REVIEW, 16}, {S_RETURNED, 10},
    {S_APPROVED, 10}, {S_REJECTED, 14}, {S_IMPLEMENTING, 28}, {S_SUSPENDED, 6},
    {S_TERMINATED, 5}, {S_REPORTED, 12}, {S_EVALUATED, 16},
    {S_REPLICATION_PROPOSED, 10}, {S_REPLICATED, 12}, {S_CLOSED, 23}, {S_WITHDRAWN, 8}};

typedef struct ev { st_day date; int p, k; } ev;

static int ev_cmp(const void *a, const void *b)
{
    const ev *x = a, *y = b;
    if (x->date != y->date) return x->date < y->date ? -1 : 1;
    return x->p != y->p ? x->p - y->p : x->k - y->k;
}

static int fill(demo *d, unsigned seed)
{
    int rc, targets[NPROPS], n = 0, nev = 0;
    if ((rc = date_parse(FIRST_DAY, &d->first, d->e)) || (rc = date_parse(LAST_DAY, &d->last, d->e)))
        return rc;
    if (!(d->cal = db_calendar(d->db, d->e))) return d->e->code ? d->e->code : ST_EDB;
    if ((rc = demo_load_units(d))) return rc;
    demo_set_clock(d, d->first - 10);
    if ((rc = demo_make_users(d)) || (rc = demo_make_people(d))) return rc;
    for (size_t i = 0; i < sizeof mix / sizeof mix[0]; i++)
        for (int k = 0; k < mix[i].n && n < NPROPS; k++) targets[n++] = mix[i].state;
    for (int i = n - 1; i > 0; i--) {
        int j = rnd(&d->r, i + 1), t = targets[i];
        targets[i] = targets[j];
        targets[j] = t;
    }
    for (int i = 0; i < n; i++) {
        demo_plan_proposal(d, &d->p[i], seed, i, targets[i]);
        nev += d->p[i].ns;
    }
    /* All steps of all proposals in date order: codes are numbered as the
     * drafts were made and every proposal's history reads forward. */
    ev *evs = malloc((size_t)nev * sizeof *evs);
    if (!evs) return err_set(d->e, ST_ENOMEM, "hết bộ nhớ");
    nev = 0;
    for (int i = 0; i < n; i++)
        for (int k = 0; k < d->p[i].ns; k++) evs[nev++] = (ev){d->p[i].s[k].date, i, k};
    qsort(evs, (size_t)nev, sizeof *evs, ev_cmp);
    for (int i = 0; i < nev && !rc; i++) rc = demo_run_step(d, &d->p[evs[i].p], evs[i].k);
    free(evs);
    return rc ? rc : demo_disseminate(d);
}

int demo_fill(st_db *db, const st_actor *admin, unsigned seed, const char *demo_password,
              st_err *e)
{
    st_err local;
    if (!e) e = &local;
    err_clear(e);
    if (!db || !admin || !demo_password)
        return err_set(e, ST_EINVAL, "Dữ liệu mẫu: thiếu cơ sở dữ liệu, quản trị viên hoặc mật khẩu");
    demo *d = calloc(1, sizeof *d);
    dprop *props = calloc(NPROPS, sizeof *props);
    int rc;
    if (!d || !props) {
        rc = err_set(e, ST_ENOMEM, "hết bộ nhớ");
    } else {
        *d = (demo){.db = db, .admin = admin, .pw = demo_password, .e = e, .p = props};
        rng_seed(&d->r, seed);
        /* Thousands of one-action transactions: with synchronous=FULL every
         * commit waits for the disk.  A demo database is simply made again
         * if the machine fails mid-way, so the fill skips the fsyncs; FULL
         * comes back before returning. */
        sqlite3_exec(db_h(db), "PRAGMA synchronous=OFF", NULL, NULL, NULL);
        rc = fill(d, seed);
        if (sqlite3_exec(db_h(db), "PRAGMA synchronous=FULL", NULL, NULL, NULL) != SQLITE_OK && !rc)
            rc = db_fail(db, e, "PRAGMA synchronous=FULL");
    }
    clock_fix(NULL, NULL);   /* the real clock (or the tests' $SANGTAO_TODAY) again */
    if (d) free(d->u);
    free(d);
    free(props);
    return rc;
}
