/* SANGTAO_TRACE=FILE: timings read from the real program without a
 * stopwatch.  Each process appends lines to FILE, one write per line (so
 * several sessions may share a file):
 *
 *   T KIND WHAT US
 *
 * T: microseconds since the process started tracing; KIND: start, key,
 * paint, wait or cli; WHAT: the key (U+0061, KEY_0402) or the screen or command;
 * US: how long it took in microseconds.  The start line's WHAT is
 * "pid=N,realtime_us=N" so a driver can relate T to its own clock.
 * Without SANGTAO_TRACE every call costs one branch.  No curses here: the
 * screens pass what they handled. */
#ifndef SANGTAO_TRACE_H
#define SANGTAO_TRACE_H

/* Open the file named by SANGTAO_TRACE (once; later calls do nothing),
 * never when running setgid (priv.h), never through a symbolic link. */
void trace_init(void);
int trace_enabled(void);
/* Microseconds on a monotonic clock (0 when tracing is off). */
long long trace_now(void);
/* A key handled from t0 (when get_wch returned) until now (after the screen
 * was refreshed); function_key: 1 for KEY_CODE_YES keys. */
void trace_key(int function_key, unsigned code, long long t0);
/* A screen (or part of one) painted from t0 until now. */
void trace_paint(const char *what, long long t0);
/* A CLI command run from t0 until now. */
void trace_cli(const char *what, long long t0);
/* A wait for another process's lock (SQLITE_BUSY) from t0 until now. */
void trace_wait(const char *what, long long t0);

#endif
