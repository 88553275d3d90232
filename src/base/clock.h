/* The program's clock, and the fixed clocks of tests and of the demo.
 * A fixed clock comes from clock_fix (the demo and the bench generator,
 * inside the process) or from $SANGTAO_TODAY / $SANGTAO_NOW (tests) — the
 * environment only when not running setgid: a local user must not date
 * events at will or step past a login lockout. */
#ifndef SANGTAO_CLOCK_H
#define SANGTAO_CLOCK_H

/* Fix the clock inside this process: today "YYYY-MM-DD" and now
 * "YYYY-MM-DDTHH:MM:SSZ"; NULL for either goes back to the real one. */
void clock_fix(const char *today, const char *now);

/* The fixed day or time in force, or NULL for the real clock. */
const char *clock_fixed_today(void);
const char *clock_fixed_now(void);

#endif
