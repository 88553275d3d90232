/* The fixed clocks: see clock.h. */
#include "clock.h"

#include <stdlib.h>
#include <string.h>

#include "priv.h"

static char fixed_today[16], fixed_now[32];

static void keep(char *dst, size_t n, const char *v)
{
    dst[0] = '\0';
    if (v && strlen(v) < n) memcpy(dst, v, strlen(v) + 1);
}

void clock_fix(const char *today, const char *now)
{
    keep(fixed_today, sizeof fixed_today, today);
    keep(fixed_now, sizeof fixed_now, now);
}

static const char *from_env(const char *name)
{
    if (priv_elevated()) return NULL;
    const char *v = getenv(name);
    return v && *v ? v : NULL;
}

const char *clock_fixed_today(void)
{
    return fixed_today[0] ? fixed_today : from_env("SANGTAO_TODAY");
}

const char *clock_fixed_now(void)
{
    return fixed_now[0] ? fixed_now : from_env("SANGTAO_NOW");
}
