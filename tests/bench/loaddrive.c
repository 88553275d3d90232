/* tests/bench/loaddrive: many clerks at once.  Starts one session of the
 * real program per account, each on its own pseudo-terminal, and types a
 * clerk's day into each: the home screen, the list (page, sort, a filter by
 * state and back), a search typed letter by letter, a proposal opened, a
 * note typed in Telex and saved, and back home — one key about every PACE
 * ms (jittered ±50 %), waiting like a person for the screen before the
 * next key.  Rounds repeat until SECONDS have passed; then each session
 * quits from its home screen.
 *
 *   loaddrive --dir DIR --seconds S [--pace MS] [--seed N] -- PROGRAM ARGS…
 *             < USERS                    (one account a line)
 *
 * PROGRAM ARGS get "--user NAME" appended; the password (bench-password-1)
 * is typed on the login screen, which starts on the password field.  Times
 * come from each session's SANGTAO_TRACE file (DIR/trace.N, see
 * src/base/trace.h): a key's time is from get_wch returning to the screen
 * refreshed and ready for the next key, as ptydrive reports it.  Which
 * screen is ready (the paint line's name) tells the driver whether the
 * script is still on track; a session that is not goes back home with Esc
 * and starts the next round ("off script").
 *
 * Output, tab-separated, one line each:
 *   keys N  p50 US  p99 US  max US        every key except the login's Enter
 *   login N p50 US p99 US max US          Enter on the password (yescrypt)
 *   home N p50 p99 max                    back to the home screen (its counts)
 *   save N p50 p99 max                    ^S on the note form (the write)
 *   waits N p50 p99 max                   busy waits (trace "wait" lines)
 *   saves_tried N, offscript N, timeouts N, crashed N, rss_kb N, pss_kb N,
 *   sessions N, seconds N */
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
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/rng.h"

#define MAXS 1000
#define MAXSTEPS 160
#define PASSWORD "bench-password-1"
#define STEP_TIMEOUT_US 20000000LL

static long long now_us(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

typedef struct step {
    char keys[16];
    char expect[12];        /* the screen that must be ready after it */
} step;

typedef struct sess {
    pid_t pid;
    int fd, alive, quitting, recovering, rounds;
    FILE *tf;
    char trace[512], user[64], screen[16];
    long ready, want;
    long long next_at, sent_at;
    step s[MAXSTEPS];
    int n, at;
    long saves_tried, offscript, timeouts;
    struct rusage ru;
    rng r;
} sess;

static sess S[MAXS];
static int ns;

/* ---- a round of the clerk's day --------------------------------------------- */

static void add(sess *x, const char *keys, const char *expect)
{
    if (x->n >= MAXSTEPS) return;
    snprintf(x->s[x->n].keys, sizeof x->s[x->n].keys, "%s", keys);
    snprintf(x->s[x->n].expect, sizeof x->s[x->n].expect, "%s", expect);
    x->n++;
}

static void add_text(sess *x, const char *text, const char *expect)
{
    for (const char *c = text; *c; c++) {
        char k[2] = {*c, 0};
        add(x, k, expect);
    }
}

/* Searches without marks, as people type them; notes in Telex. */
static const char *const words[] = {"so hoa", "chuyen doi so", "quan ly", "dat dai",
                                    "hanh chinh", "cai cach", "giao duc", "mot cua"};
static const char *const notes[] = {
    "Ddax trao ddooir vowis ddown vij veef tieens ddooj",
    "Ddeef nghij booj sung taif lieeuj",
    "Ddax kieemr tra hoof sow, ddur ddieeuf kieenj",
    "Lieen hej laij vowis cans booj ddeef xuaats",
};

static void make_round(sess *x)
{
    x->n = x->at = 0;
    add(x, "j", "home");
    add(x, "j", "home");
    add(x, "l", "list");
    add(x, "\033[6~", "list");                  /* PgDn */
    add(x, "s", "list");                        /* sort by the next column */
    add(x, "f", "pick");                        /* filter: by state … */
    add(x, "\r", "pick");
    for (int i = 0; i < 7; i++) add(x, "\016", "pick");   /* ^N down to "implementing" */
    add(x, "\r", "list");
    add(x, "j", "list");
    add(x, "j", "list");
    add(x, "f", "pick");                        /* … and every filter off */
    add(x, "\033[6~", "pick");
    add(x, "\r", "list");
    add(x, "/", "form");                        /* search as you type */
    add_text(x, words[rnd(&x->r, (int)(sizeof words / sizeof words[0]))], "form");
    add(x, "\r", "list");
    add(x, "\r", "detail");                     /* the first hit */
    add(x, "\t", "detail");
    add(x, "a", "pick");                        /* actions: the last one is the note */
    add(x, "\033[6~", "pick");
    add(x, "\r", "form");
    add_text(x, notes[rnd(&x->r, (int)(sizeof notes / sizeof notes[0]))], "form");
    add(x, "\023", "detail");                   /* ^S: save */
    add(x, "q", "list");
    add(x, "q", "home");
}

/* ---- sessions ------------------------------------------------------------------ */

static int start(sess *x, char **cmd, int ncmd, const char *dir, int i)
{
    snprintf(x->trace, sizeof x->trace, "%s/trace.%d", dir, i);
    unlink(x->trace);
    char *argv[64];
    int k = 0;
    for (; k < ncmd && k < 60; k++) argv[k] = cmd[k];
    argv[k++] = "--user";
    argv[k++] = x->user;
    argv[k] = NULL;
    struct winsize ws = {24, 80, 0, 0};
    pid_t pid = forkpty(&x->fd, NULL, NULL, &ws);
    if (pid < 0) return -1;
    if (pid == 0) {
        setenv("SANGTAO_TRACE", x->trace, 1);
        execv(argv[0], argv);
        _exit(127);
    }
    fcntl(x->fd, F_SETFL, fcntl(x->fd, F_GETFL) | O_NONBLOCK);
    x->pid = pid;
    x->alive = 1;
    x->want = 1;                 /* the login screen, ready */
    x->sent_at = now_us();
    /* The password, letter by letter, then Enter. */
    x->n = x->at = 0;
    for (const char *c = PASSWORD; *c; c++) { char kk[2] = {*c, 0}; add(x, kk, "login"); }
    add(x, "\r", "home");
    return 0;
}

static void trace_read(sess *x)
{
    char line[512];
    if (!x->tf && !(x->tf = fopen(x->trace, "r"))) return;
    clearerr(x->tf);
    for (;;) {
        /* A line the program is still writing (one write straddling a page
         * of the file can be read half) is read again when it is whole:
         * dropped, its screen never counted and the session waited 20 s. */
        long at = ftell(x->tf);
        if (!fgets(line, sizeof line, x->tf)) break;
        if (!strchr(line, '\n')) {
            fseek(x->tf, at, SEEK_SET);
            break;
        }
        long long T, us;
        char kind[16], what[256];
        if (sscanf(line, "%lld %15s %255s %lld", &T, kind, what, &us) != 4) continue;
        if (strcmp(kind, "paint") == 0) {
            x->ready++;
            snprintf(x->screen, sizeof x->screen, "%s", what);
        }
    }
}

static void send_keys(sess *x, const char *keys)
{
    x->want = x->ready + 1;
    x->sent_at = now_us();
    if (write(x->fd, keys, strlen(keys)) < 0) x->alive = 0;
}

/* Back home after the screen was not the one expected: Esc, and "c" when a
 * question asks to drop what was typed. */
static const char *recover_key(sess *x)
{
    if (strcmp(x->screen, "pick") == 0 && x->recovering % 2 == 0) return "c";
    return "\033";
}

static void on_ready(sess *x, long long t, long long end, int pace)
{
    long long think = (long long)pace * 1000 / 2 + (long long)rnd(&x->r, pace + 1) * 1000;
    x->next_at = t + think;
    if (x->quitting) return;
    if (x->recovering) {
        if (strcmp(x->screen, "home") == 0) { x->recovering = 0; make_round(x); return; }
        if (++x->recovering > 12) { x->quitting = 1; return; }
        return;
    }
    const step *last = x->at > 0 ? &x->s[x->at - 1] : NULL;
    if (last && strcmp(x->screen, last->expect) != 0) {
        x->offscript++;
        x->recovering = 1;
        return;
    }
    if (last && strcmp(last->keys, "\023") == 0) x->saves_tried++;
    if (x->at < x->n) return;
    /* A round is over (or the login): another, or quit when time is up. */
    if (t >= end) { x->quitting = 1; return; }
    x->rounds++;
    make_round(x);
}

static void act(sess *x)
{
    if (x->quitting) {
        /* home: q, then "c" to the question */
        send_keys(x, x->quitting == 1 ? (strcmp(x->screen, "home") == 0 ? "q" : "\033") : "c");
        if (strcmp(x->screen, "home") == 0 || x->quitting > 1) x->quitting++;
        return;
    }
    if (x->recovering) { send_keys(x, recover_key(x)); return; }
    send_keys(x, x->s[x->at++].keys);
}

/* ---- memory, at its peak over the run --------------------------------------- */

static long proc_kb(pid_t pid, const char *file, const char *key)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, file);
    FILE *f = fopen(path, "r");
    long kb = 0;
    if (!f) return 0;
    size_t kl = strlen(key);
    while (fgets(line, sizeof line, f))
        if (strncmp(line, key, kl) == 0) { kb = atol(line + kl); break; }
    fclose(f);
    return kb;
}

/* ---- the timings, from the trace files afterwards --------------------------- */

typedef struct series { long long *v; long n, cap; } series;

static void push(series *s, long long v)
{
    if (s->n == s->cap) {
        long cap = s->cap ? s->cap * 2 : 4096;
        long long *p = realloc(s->v, (size_t)cap * sizeof *p);
        if (!p) return;
        s->v = p;
        s->cap = cap;
    }
    s->v[s->n++] = v;
}

static int cmp_ll(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return x < y ? -1 : x > y;
}

static void show(const char *name, series *s)
{
    if (!s->n) { printf("%s\t0\t-\t-\t-\n", name); return; }
    qsort(s->v, (size_t)s->n, sizeof *s->v, cmp_ll);
    long p50 = (s->n - 1) / 2, p99 = (long)((double)(s->n - 1) * 0.99 + 0.5);
    printf("%s\t%ld\t%lld\t%lld\t%lld\n", name, s->n, s->v[p50], s->v[p99], s->v[s->n - 1]);
}

/* In a trace, "paint SCREEN" comes before the "key" line of the key just
 * handled: the screen a key was pressed on is the one painted before. */
static void tally(const char *path, series *keys, series *login, series *home, series *save,
                  series *waits)
{
    FILE *f = fopen(path, "r");
    if (!f) return;
    char line[512], before[16] = "", after[16] = "";
    while (fgets(line, sizeof line, f)) {
        long long T, us;
        char kind[16], what[256];
        if (sscanf(line, "%lld %15s %255s %lld", &T, kind, what, &us) != 4) continue;
        if (strcmp(kind, "paint") == 0) {
            snprintf(before, sizeof before, "%s", after);
            snprintf(after, sizeof after, "%s", what);
        } else if (strcmp(kind, "key") == 0) {
            if (strcmp(before, "login") == 0 && strcmp(what, "U+000D") == 0) { push(login, us); continue; }
            push(keys, us);
            if (strcmp(after, "home") == 0 && strcmp(before, "home") != 0) push(home, us);
            if (strcmp(before, "form") == 0 && strcmp(what, "U+0013") == 0) push(save, us);
        } else if (strcmp(kind, "wait") == 0) {
            push(waits, us);
        }
    }
    fclose(f);
}

static int usage(void)
{
    fprintf(stderr, "Cách dùng: loaddrive --dir THƯ_MỤC --seconds S [--pace MS] [--seed N] "
                    "-- CHƯƠNG_TRÌNH … < TÀI_KHOẢN\n");
    return 2;
}

int main(int argc, char **argv)
{
    const char *dir = NULL;
    int seconds = 120, pace = 300, i;
    unsigned long seed = 2026;
    for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
        if (strcmp(argv[i], "--dir") == 0 && i + 1 < argc) dir = argv[++i];
        else if (strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) seconds = atoi(argv[++i]);
        else if (strcmp(argv[i], "--pace") == 0 && i + 1 < argc) pace = atoi(argv[++i]);
        else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) seed = strtoul(argv[++i], NULL, 10);
        else return usage();
    }
    if (!dir || i + 1 >= argc || seconds < 1 || pace < 10) return usage();
    char **cmd = argv + i + 1;
    int ncmd = argc - i - 1;
    char line[256];
    while (ns < MAXS && fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\r\n")] = 0;
        if (!*line) continue;
        snprintf(S[ns].user, sizeof S[ns].user, "%s", line);
        rng_seed(&S[ns].r, seed * 7919u + (uint64_t)ns);
        ns++;
    }
    if (!ns) return usage();
    setenv("TERM", "xterm", 1);
    setenv("LC_ALL", "C.UTF-8", 1);
    signal(SIGPIPE, SIG_IGN);

    /* Sessions start spread over the first tenth of the run (at most 10 s),
     * as people arrive; the run's clock starts with the first. */
    long long t0 = now_us(), spread = (long long)(seconds < 100 ? seconds : 100) * 100000;
    long long end = t0 + (long long)seconds * 1000000, hard = end + 120000000LL;
    long long next_mem = t0 + 5000000;
    long rss_peak = 0, pss_peak = 0;
    int started = 0, crashed = 0;
    struct pollfd *pf = calloc((size_t)ns, sizeof *pf);
    char buf[65536];
    for (;;) {
        long long t = now_us();
        while (started < ns && t >= t0 + spread * started / ns) {
            if (start(&S[started], cmd, ncmd, dir, started)) { perror("forkpty"); return 1; }
            started++;
        }
        int live = 0;
        for (int k = 0; k < started; k++) {
            sess *x = &S[k];
            pf[k].fd = x->alive ? x->fd : -1;
            pf[k].events = POLLIN;
            pf[k].revents = 0;
            live += x->alive;
        }
        if (!live && started == ns) break;
        poll(pf, (nfds_t)started, 5);
        t = now_us();
        for (int k = 0; k < started; k++) {
            sess *x = &S[k];
            if (!x->alive) continue;
            /* What the program writes goes nowhere, but it must be read. */
            if (pf[k].revents & POLLIN) while (read(x->fd, buf, sizeof buf) > 0) {}
            if (pf[k].revents & (POLLHUP | POLLERR)) {
                while (read(x->fd, buf, sizeof buf) > 0) {}
                int st = 0;
                if (wait4(x->pid, &st, WNOHANG, &x->ru) == x->pid) {
                    x->alive = 0;
                    if (!x->quitting || !WIFEXITED(st) || WEXITSTATUS(st) != 0) crashed++;
                    close(x->fd);
                    continue;
                }
            }
            if (x->ready < x->want) {
                trace_read(x);
                if (x->ready < x->want) {
                    if (x->quitting < 3 && t - x->sent_at > STEP_TIMEOUT_US) {
                        x->timeouts++;
                        x->want = x->ready;       /* go on; count it */
                        x->recovering = x->recovering ? x->recovering : 1;
                    }
                    continue;
                }
                on_ready(x, t, end, pace);
            }
            if (t >= x->next_at && x->quitting < 3) act(x);
        }
        if (t >= next_mem) {
            long rss = 0, pss = 0;
            for (int k = 0; k < started; k++)
                if (S[k].alive) {
                    rss += proc_kb(S[k].pid, "status", "VmRSS:");
                    pss += proc_kb(S[k].pid, "smaps_rollup", "Pss:");
                }
            if (rss > rss_peak) rss_peak = rss;
            if (pss > pss_peak) pss_peak = pss;
            next_mem = t + 5000000;
        }
        if (t >= hard) {
            for (int k = 0; k < started; k++)
                if (S[k].alive) { kill(S[k].pid, SIGHUP); S[k].quitting = 9; }
            hard = t + 600000000LL;
        }
    }
    long long wall = now_us() - t0;
    series keys = {0}, login = {0}, home = {0}, save = {0}, waits = {0};
    long tried = 0, off = 0, tmo = 0, rounds = 0;
    for (int k = 0; k < ns; k++) {
        if (S[k].tf) fclose(S[k].tf);
        tally(S[k].trace, &keys, &login, &home, &save, &waits);
        tried += S[k].saves_tried;
        off += S[k].offscript;
        tmo += S[k].timeouts;
        rounds += S[k].rounds;
    }
    show("keys", &keys);
    show("login", &login);
    show("home", &home);
    show("save", &save);
    show("waits", &waits);
    printf("saves_tried\t%ld\nrounds\t%ld\noffscript\t%ld\ntimeouts\t%ld\ncrashed\t%d\n", tried, rounds,
           off, tmo, crashed);
    printf("rss_kb\t%ld\npss_kb\t%ld\nsessions\t%d\nseconds\t%lld\n", rss_peak, pss_peak, ns,
           wall / 1000000);
    free(keys.v); free(login.v); free(home.v); free(save.v); free(waits.v);
    free(pf);
    return 0;
}
