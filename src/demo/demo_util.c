/* What every part of the demo uses: building the fields of a core call,
 * picking words, the engine's clock and working days, names, and naming
 * the step in an error. */
#include "demo_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"

const char *demo_pick(rng *r, int list)
{
    return dw[list].s[rnd(r, dw[list].n)];
}

void kvb_put(kvb *b, const char *name, const char *value)
{
    char *s = b->n < 30 ? strdup(value ? value : "") : NULL;
    if (!s) { b->oom = 1; return; }
    b->own[b->n] = s;
    b->kv[b->n].name = name;
    b->kv[b->n++].value = s;
}

void kvb_putf(kvb *b, const char *name, const char *fmt, ...)
{
    char buf[NTEXT];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    kvb_put(b, name, buf);
}

void kvb_putd(kvb *b, const char *name, st_day day, int vn)
{
    char buf[11];
    if (vn) date_vn(day, buf); else date_iso(day, buf);
    kvb_put(b, name, buf);
}

/* Name the proposal (or user, unit) and the action in the core's message. */
int demo_fail(demo *d, const char *what, const char *action)
{
    char msg[sizeof d->e->msg], field[sizeof d->e->field];
    snprintf(msg, sizeof msg, "%s", d->e->msg);
    snprintf(field, sizeof field, "%s", d->e->field);
    return err_field(d->e, d->e->code ? d->e->code : ST_EDB, field,
                     "Dữ liệu mẫu: %s, thao tác '%s': %s", what, action, msg);
}

/* The engine's clock: the day, and a time in office hours (UTC+7). */
void demo_set_clock(demo *d, st_day day)
{
    char iso[11], now[32];
    date_iso(day, iso);
    if (day != d->clock_day) d->minute = 60 + rnd(&d->r, 30);
    else if (d->minute < 590) d->minute += 1 + rnd(&d->r, 9);
    d->clock_day = day;
    snprintf(now, sizeof now, "%sT%02d:%02d:00Z", iso, d->minute / 60, d->minute % 60);
    clock_fix(iso, now);
}

st_day demo_wd_add(const demo *d, st_day day, int n)
{
    if (!calendar_is_working_day(d->cal, day)) day = calendar_add_working_days(d->cal, day, 1);
    return calendar_add_working_days(d->cal, day, n < 0 ? 0 : n);
}

int demo_starts(const char *s, const char *prefix) { return strncmp(s, prefix, strlen(prefix)) == 0; }

/* A Vietnamese name (họ, tên đệm, tên), distinct from those already given. */
void demo_new_name(demo *d, char *out, size_t n)
{
    for (int tries = 0; tries < 50; tries++) {
        int female = chance(&d->r, 45), dup = 0;
        snprintf(out, n, "%s %s %s", demo_pick(&d->r, DW_HO), demo_pick(&d->r, female ? DW_DEM_NU : DW_DEM_NAM),
                 demo_pick(&d->r, female ? DW_TEN_NU : DW_TEN_NAM));
        for (int i = 0; i < d->nnames && !dup; i++) dup = strcmp(d->names[i], out) == 0;
        if (!dup) break;
    }
    if (d->nnames < NPEOPLE + 64) snprintf(d->names[d->nnames++], 64, "%s", out);
}

/* "Huyện ủy An Lão" reads "huyện An Lão" in a title; -1: not a committee. */
int demo_committee(const char *name)
{
    for (int i = 0; i < dw_nplaces; i++)
        if (demo_starts(name, dw_places[i].prefix)) return i;
    return -1;
}

int demo_team_of(const demo *d, int unit)
{
    int top = d->u[unit].top;
    return top >= 0 && d->u[top].team > 0 ? d->u[top].team : 0;
}
