/* The trace writer: see trace.h. */
#include "trace.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "priv.h"

static int trace_fd = -1, trace_tried;
static long long trace_origin;

static long long mono_us(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

static void put_line(const char *kind, const char *what, long long t0)
{
    if (trace_fd < 0) return;
    long long now = mono_us();
    char line[256];
    int n = snprintf(line, sizeof line, "%lld %s %s %lld\n", now - trace_origin, kind, what,
                     t0 > 0 ? now - t0 : 0);
    if (n > 0 && (size_t)n < sizeof line) {
        /* One write with O_APPEND: lines of several processes never mix.  A
         * failed write only loses a timing line. */
        ssize_t w = write(trace_fd, line, (size_t)n);
        (void)w;
    }
}

void trace_init(void)
{
    if (trace_tried) return;
    trace_tried = 1;
    /* Never with the group's rights: the file would be created (or
     * appended to) wherever the user points, the database's -shm included. */
    if (priv_elevated()) return;
    const char *path = getenv("SANGTAO_TRACE");
    if (!path || !*path) return;
    trace_fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (trace_fd < 0) return;
    trace_origin = mono_us();
    struct timeval tv;
    gettimeofday(&tv, NULL);
    char what[96];
    snprintf(what, sizeof what, "pid=%ld,realtime_us=%lld", (long)getpid(),
             (long long)tv.tv_sec * 1000000 + tv.tv_usec);
    put_line("start", what, 0);
}

int trace_enabled(void) { return trace_fd >= 0; }

long long trace_now(void) { return trace_fd >= 0 ? mono_us() : 0; }

void trace_key(int function_key, unsigned code, long long t0)
{
    if (trace_fd < 0) return;
    char what[32];
    snprintf(what, sizeof what, function_key ? "KEY_%04o" : "U+%04X", code);
    put_line("key", what, t0);
}

static void put_word(const char *kind, const char *what, long long t0)
{
    if (trace_fd < 0) return;
    /* WHAT is one word: spaces would shift the columns a reader splits on. */
    char w[128];
    size_t i = 0;
    for (; what && what[i] && i < sizeof w - 1; i++) w[i] = what[i] == ' ' ? '_' : what[i];
    w[i] = '\0';
    put_line(kind, i ? w : "-", t0);
}

void trace_paint(const char *what, long long t0) { put_word("paint", what, t0); }
void trace_cli(const char *what, long long t0) { put_word("cli", what, t0); }
void trace_wait(const char *what, long long t0) { put_word("wait", what, t0); }
