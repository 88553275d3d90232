/* tests/bench/ptydrive: run the real program on a pseudo-terminal, type a
 * script of keys, and report for each step what the user waits for and what
 * crosses the line:
 *
 *   ptydrive --trace FILE [--cols N --lines N] -- PROGRAM ARGS… < STEPS
 *
 * STEPS: one step a line, "NAME<TAB>NKEYS<TAB>KEYS", KEYS with C escapes
 * (\r \t \e \xNN).  After sending a step's keys the driver waits until the
 * program has come back for a key NKEYS times — it knows from the
 * SANGTAO_TRACE file (src/trace.h), whose paint lines the screens write when
 * they are ready for the next key — then reads what the program wrote.
 * Output, one line each (tab-separated):
 *
 *   start   US          process start to the first screen ready for a key
 *   step    NAME US BYTES   the trace's key time (summed over the step's keys)
 *                           and the bytes written to the terminal
 *   rss     KB          peak resident memory of the whole session (wait4)
 *
 * When the program writes no trace lines (screens without the hook) the
 * driver falls back to waiting for 300 ms of silence, and US is "-". */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static long long now_us(void)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    return (long long)tv.tv_sec * 1000000 + tv.tv_usec;
}

/* Read what the program wrote until quiet for quiet_ms (or max_ms); count. */
static long drain(int fd, int quiet_ms, int max_ms)
{
    long n = 0;
    long long end = now_us() + (long long)max_ms * 1000;
    char buf[65536];
    while (now_us() < end) {
        struct pollfd p = {fd, POLLIN, 0};
        int r = poll(&p, 1, quiet_ms);
        if (r <= 0) break;
        ssize_t k = read(fd, buf, sizeof buf);
        if (k <= 0) break;
        n += k;
    }
    return n;
}

typedef struct tstate {
    FILE *f;
    long ready;          /* paint lines seen: times the program was ready */
    long long first_t;   /* T of the first paint line */
    long long start_rt;  /* realtime of the trace start line */
    long long key_us;    /* key durations summed since the last reset */
} tstate;

static void trace_poll(tstate *t)
{
    char line[512];
    if (!t->f) return;
    clearerr(t->f);
    while (fgets(line, sizeof line, t->f)) {
        long long T = 0, us = 0;
        char kind[16], what[256];
        if (sscanf(line, "%lld %15s %255s %lld", &T, kind, what, &us) != 4) continue;
        if (strcmp(kind, "start") == 0) {
            const char *p = strstr(what, "realtime_us=");
            if (p) t->start_rt = atoll(p + 12);
        } else if (strcmp(kind, "paint") == 0) {
            if (!t->ready++) t->first_t = T;
        } else if (strcmp(kind, "key") == 0) {
            t->key_us += us;
        }
    }
}

/* Wait until the program was ready `want` times, reading its output. */
static long wait_ready(int fd, tstate *t, long want, int timeout_ms, int *ok)
{
    long bytes = 0;
    long long end = now_us() + (long long)timeout_ms * 1000;
    *ok = 0;
    while (now_us() < end) {
        bytes += drain(fd, 5, 50);
        trace_poll(t);
        if (t->ready >= want) { *ok = 1; break; }
    }
    /* What the last refresh wrote is in the pty already: take it. */
    bytes += drain(fd, 20, 200);
    return bytes;
}

static void unescape(const char *s, char *out, size_t n)
{
    size_t k = 0;
    for (; *s && k + 1 < n; s++) {
        if (*s != '\\' || !s[1]) { out[k++] = *s; continue; }
        s++;
        switch (*s) {
        case 'r': out[k++] = '\r'; break;
        case 'n': out[k++] = '\n'; break;
        case 't': out[k++] = '\t'; break;
        case 'e': out[k++] = 27; break;
        case 'x': {
            char hex[3] = {s[1], s[1] ? s[2] : 0, 0};
            out[k++] = (char)strtol(hex, NULL, 16);
            s += 2;
            break;
        }
        default: out[k++] = *s;
        }
    }
    out[k] = 0;
}

int main(int argc, char **argv)
{
    const char *trace = NULL;
    int cols = 80, lines = 24, i;
    for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
        if (strcmp(argv[i], "--trace") == 0 && i + 1 < argc) trace = argv[++i];
        else if (strcmp(argv[i], "--cols") == 0 && i + 1 < argc) cols = atoi(argv[++i]);
        else if (strcmp(argv[i], "--lines") == 0 && i + 1 < argc) lines = atoi(argv[++i]);
    }
    if (!trace || i + 1 >= argc) {
        fprintf(stderr, "Cách dùng: ptydrive --trace TỆP [--cols N --lines N] -- CHƯƠNG_TRÌNH …\n");
        return 2;
    }
    char **cmd = argv + i + 1;
    unlink(trace);
    setenv("SANGTAO_TRACE", trace, 1);
    setenv("TERM", "xterm", 1);
    setenv("LC_ALL", "C.UTF-8", 1);
    struct winsize ws = {(unsigned short)lines, (unsigned short)cols, 0, 0};
    int fd;
    long long t_fork = now_us();
    pid_t pid = forkpty(&fd, NULL, NULL, &ws);
    if (pid < 0) { perror("forkpty"); return 1; }
    if (pid == 0) {
        execv(cmd[0], cmd);
        _exit(127);
    }
    tstate t = {0};
    for (int k = 0; k < 200 && !t.f; k++) {
        t.f = fopen(trace, "r");
        if (!t.f) usleep(5000);
    }
    int ok;
    long b = wait_ready(fd, &t, 1, 10000, &ok);
    if (ok && t.start_rt) printf("start\t%lld\t%ld\n", t.start_rt - t_fork + t.first_t, b);
    else printf("start\t-\t%ld\n", b);
    char line[4096], keys[4096];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = 0;
        char *name = line, *nk = strchr(line, '\t'), *ks = nk ? strchr(nk + 1, '\t') : NULL;
        if (!nk || !ks) continue;
        *nk++ = 0;
        *ks++ = 0;
        unescape(ks, keys, sizeof keys);
        long want = t.ready + atol(nk);
        t.key_us = 0;
        trace_poll(&t);
        t.key_us = 0;
        if (write(fd, keys, strlen(keys)) < 0) break;
        long bytes = ok ? wait_ready(fd, &t, want, 30000, &ok) : drain(fd, 300, 30000);
        if (ok) printf("step\t%s\t%lld\t%ld\n", name, t.key_us, bytes);
        else printf("step\t%s\t-\t%ld\n", name, bytes);
        fflush(stdout);
    }
    /* Let it finish on its own (the script ends with the quit keys); then
     * hang up like a closed terminal would. */
    struct rusage ru;
    int status = 0;
    pid_t w = 0;
    for (int k = 0; k < 300 && w == 0; k++) {
        drain(fd, 10, 10);
        w = wait4(pid, &status, WNOHANG, &ru);
    }
    if (w == 0) {
        kill(pid, SIGHUP);
        for (int k = 0; k < 200 && w == 0; k++) { drain(fd, 10, 10); w = wait4(pid, &status, WNOHANG, &ru); }
        if (w == 0) { kill(pid, SIGKILL); w = wait4(pid, &status, 0, &ru); }
    }
    if (w == pid) printf("rss\t%ld\n", ru.ru_maxrss);
    if (t.f) fclose(t.f);
    close(fd);
    return 0;
}
