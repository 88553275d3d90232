/* ui_run: open the database, set up the terminal (raw keys, ESCDELAY,
 * signals, theme), log in, offer a saved draft back, run the home screen,
 * and restore the terminal on every way out. */
#include "ui.h"
#include "ui_int.h"
#include "i18n.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

#include "base/trace.h"
#include "store/db.h"
#include "text/lineedit.h"

/* What a crash needs to give the terminal back, all made before it can
 * happen (terminal_setup): a signal handler may call only async-signal-safe
 * functions, and curses is not one (a crash inside curses, or in the middle
 * of a refresh, leaves its state half-changed; endwin there could write
 * garbage, crash again or hang).  So the handler only write(2)s these bytes
 * and tcsetattr(3)s the modes the shell had. */
static struct termios crash_tios;      /* the terminal's modes before initscr */
static int crash_fd = -1;              /* the descriptor they were read from */
static char crash_seq[512];            /* terminfo strings that undo ours */
static size_t crash_len;
static volatile sig_atomic_t crash_ready;
/* The handler's own stack: a crash from running out of stack (deep
 * recursion) still gets a handler that can run. */
static char crash_stack[64 * 1024];

static void on_stop(int sig)
{
    if (!ui_stop) ui_stop = sig;   /* the first signal is the reason */
}

/* A crash still gives the terminal back before the default action (the
 * exit status and any core dump stay those of the signal). */
static void on_crash(int sig)
{
    if (crash_ready) {
        size_t off = 0;
        while (off < crash_len) {
            ssize_t w = write(STDOUT_FILENO, crash_seq + off, crash_len - off);
            if (w > 0) off += (size_t)w;
            else if (w < 0 && errno == EINTR) continue;
            else break;   /* the terminal is gone: nothing more to do */
        }
        if (crash_fd >= 0) tcsetattr(crash_fd, TCSANOW, &crash_tios);
    }
    /* SA_RESETHAND already made the action the default one; said again for
     * readers.  SA_NODEFER: raise() acts at once, inside the handler. */
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Append a terminfo string to crash_seq without its padding ("$<5>"):
 * delays matter to no terminal a crash leaves, and tputs would need curses
 * state at crash time. */
static void crash_add(const char *s)
{
    if (!s || s == (const char *)-1) return;
    for (; *s; s++) {
        if (s[0] == '$' && s[1] == '<' && strchr(s, '>')) {
            s = strchr(s, '>');
            continue;
        }
        if (crash_len + 1 >= sizeof crash_seq) return;   /* never cut inside the buffer */
        crash_seq[crash_len++] = *s;
    }
}

/* After initscr (terminfo is loaded) and after everything terminal_setup
 * turns on: the bytes endwin would send.  Attributes, colours and the
 * alternate character set off; the cursor to the bottom line (terminals
 * without an alternate screen then show the shell's prompt below what was
 * drawn; the row is the one at start: a terminal made smaller since puts
 * the cursor on its last row anyway, one made larger shows the prompt
 * higher up); the cursor visible; the keypad back in normal mode; the
 * alternate screen left; bracketed paste off (keys_term_start turned it
 * on).  The program turns on no mouse reporting. */
static void crash_prepare(void)
{
    crash_ready = 0;
    crash_len = 0;
    crash_add(tigetstr("sgr0"));
    crash_add(tigetstr("rmacs"));
    if (U.color) crash_add(tigetstr("op"));
    const char *cup = tigetstr("cup");
    if (cup && cup != (const char *)-1 && LINES > 0) crash_add(tiparm(cup, LINES - 1, 0));
    crash_add(tigetstr("cnorm"));
    crash_add(tigetstr("rmkx"));
    crash_add(tigetstr("rmcup"));
    crash_add("\033[?2004l");
    crash_ready = 1;
}

/* A write waits for another writer: say so on the message line; Esc
 * gives up the wait (1). */
static int on_wait(void *ud, long waited_ms)
{
    static long long t0;   /* SANGTAO_TRACE: the wait's length (make bench) */
    (void)ud;
    if (waited_ms >= 0 && !t0) t0 = trace_now();
    if (waited_ms < 0) { trace_wait("busy", t0); t0 = 0; ui_msg("", 0); refresh(); }
    else if (waited_ms >= 200) return ui_busy(0);
    return 0;
}

static void signals_setup(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;          /* no SA_RESTART: get_wch returns, the loop sees ui_stop */
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    stack_t ss;
    memset(&ss, 0, sizeof ss);
    ss.ss_sp = crash_stack;
    ss.ss_size = sizeof crash_stack;
    int alt = sigaltstack(&ss, NULL) == 0;
    struct sigaction ca;
    memset(&ca, 0, sizeof ca);
    ca.sa_handler = on_crash;
    sigemptyset(&ca.sa_mask);
    /* RESETHAND: a second fault inside the handler ends the program with
     * the default action instead of calling it again. */
    ca.sa_flags = SA_RESETHAND | SA_NODEFER | (alt ? SA_ONSTACK : 0);
    static const int crash[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
    for (size_t i = 0; i < sizeof crash / sizeof crash[0]; i++) sigaction(crash[i], &ca, NULL);
}

static void terminal_setup(void)
{
    /* The shell's modes, before initscr changes them: a crash puts these
     * back.  The first descriptor that is a terminal (curses writes to
     * stdout; all three are the same terminal when run from a shell). */
    static const int fds[] = {STDOUT_FILENO, STDIN_FILENO, STDERR_FILENO};
    crash_fd = -1;
    for (size_t i = 0; i < sizeof fds / sizeof fds[0] && crash_fd < 0; i++)
        if (tcgetattr(fds[i], &crash_tios) == 0) crash_fd = fds[i];
    initscr();
    raw();              /* ^S, ^Q, ^C reach the program (flow control off) */
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    /* Sequences that terminal emulators (and tmux, screen) send whatever
     * TERM says: known here so that they never read as Esc + letters. */
    static const struct { const char *seq; int key; } alt[] = {
        {"\033[1~", KEY_HOME}, {"\033[4~", KEY_END}, {"\033[H", KEY_HOME}, {"\033[F", KEY_END},
        {"\033OH", KEY_HOME}, {"\033OF", KEY_END}, {"\033[7~", KEY_HOME}, {"\033[8~", KEY_END},
        {"\033[5~", KEY_PPAGE}, {"\033[6~", KEY_NPAGE}, {"\033[3~", KEY_DC}, {"\033[2~", KEY_IC},
        {"\033[Z", KEY_BTAB}, {"\033OP", KEY_F(1)}, {"\033OQ", KEY_F(2)}, {"\033OR", KEY_F(3)},
        {"\033OS", KEY_F(4)}, {"\033[11~", KEY_F(1)}, {"\033[12~", KEY_F(2)},
        {"\033[13~", KEY_F(3)}, {"\033[14~", KEY_F(4)}, {"\033[15~", KEY_F(5)},
        {"\033[17~", KEY_F(6)}, {"\033[18~", KEY_F(7)}, {"\033[19~", KEY_F(8)},
        {"\033[20~", KEY_F(9)}, {"\033[21~", KEY_F(10)}, {"\033[24~", KEY_F(12)},
        {"\033[A", KEY_UP}, {"\033[B", KEY_DOWN}, {"\033[C", KEY_RIGHT}, {"\033[D", KEY_LEFT},
        {"\033OA", KEY_UP}, {"\033OB", KEY_DOWN}, {"\033OC", KEY_RIGHT}, {"\033OD", KEY_LEFT},
        {"\033[1;2D", KEY_SLEFT}, {"\033[1;2C", KEY_SRIGHT},
    };
    for (size_t i = 0; i < sizeof alt / sizeof alt[0]; i++)
        if (key_defined(alt[i].seq) == 0) define_key(alt[i].seq, alt[i].key);
    const char *acsc = tigetstr("acsc");
    U.ascii = acsc == NULL || acsc == (char *)-1;
    theme_init();
    keys_term_start();
    crash_prepare();
}

int ui_run(const char *config_path, const char *db_path, const char *user)
{
    st_err e;
    err_clear(&e);
    memset(&U, 0, sizeof U);
    int rc = config_load(config_path, &U.cfg, &e);
    if (!rc && db_path) rc = config_set(U.cfg, "database.path", db_path, &e);
    /* Another program closing the database holds it for a moment: wait. */
    for (int t = 0; !rc; t++) {
        rc = db_open(U.cfg, DB_OPEN_EXISTING, &U.db, &e);
        if (rc != ST_EBUSY || t >= 50) break;
        if (t == 0) fprintf(stderr, "sangtao: cơ sở dữ liệu đang bận, đang chờ…\n");
        napms(100);
    }
    if (rc) {
        fprintf(stderr, "sangtao: %s\n", e.msg);
        config_free(&U.cfg);
        return 1;
    }
    char kerr[700];
    if (keys_init(U.cfg, kerr, sizeof kerr)) {
        fprintf(stderr, "sangtao: %s\n", kerr);
        db_close(&U.db);
        config_free(&U.cfg);
        return 1;
    }
    /* The built-in Telex/VNI from config.ini; ^T changes it for the session. */
    const char *im = config_str(U.cfg, "ui.input_method");
    U.ime = strcmp(im, "telex") == 0 ? LE_IME_TELEX : strcmp(im, "vni") == 0 ? LE_IME_VNI : LE_IME_OFF;
    U.tone_new = strcmp(config_str(U.cfg, "text.tone_style"), "new") == 0;
    i18n_init();
    if (!getenv("ESCDELAY")) set_escdelay((int)config_int(U.cfg, "ui.esc_delay_ms"));
    signals_setup();
    terminal_setup();
    db_set_wait_hook(U.db, on_wait, NULL);
    if (screen_login(user)) {
        drafts_offer();
        if (!ui_stop) screen_home();
    }
    erase();
    refresh();
    keys_term_end();
    endwin();
    crash_ready = 0;   /* endwin gave the terminal back: a crash from here on leaves it */
    int stopped = ui_stop;
    /* Messages only after endwin, on a normal screen. */
    if (stopped) fprintf(stderr, "sangtao: dừng theo tín hiệu %d; biểu mẫu đang mở (nếu có) "
                         "đã được lưu thành bản nháp.\n", stopped);
    db_close(&U.db);
    config_free(&U.cfg);
    return stopped ? 1 : 0;
}
