/* ui_run: open the database, set up the terminal (raw keys, ESCDELAY,
 * signals, theme), log in, offer a saved draft back, run the home screen,
 * and restore the terminal on every way out. */
#include "ui.h"
#include "ui_int.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>

#include "store/db.h"
#include "text/lineedit.h"
#include "flow/stats.h"

static int curses_on;

static void on_stop(int sig)
{
    if (!ui_stop) ui_stop = sig;   /* the first signal is the reason */
}

/* A crash still gives the terminal back before the default action. */
static void on_crash(int sig)
{
    if (curses_on) endwin();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* A write waits for another writer: say so on the message line. */
static void on_wait(void *ud, long waited_ms)
{
    (void)ud;
    if (waited_ms < 0) { ui_msg("", 0); refresh(); }
    else if (waited_ms >= 200) ui_busy();
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
    static const int crash[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
    for (size_t i = 0; i < sizeof crash / sizeof crash[0]; i++) signal(crash[i], on_crash);
}

static void terminal_setup(void)
{
    initscr();
    curses_on = 1;
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
}

void ui_set_actor(void);
void ui_set_actor(void)
{
    st_err e;
    err_clear(&e);
    U.logged_in = 1;
    stats_scope_name(U.db, &U.who, U.scope_name, sizeof U.scope_name, &e);
    U.roles_label[0] = '\0';
    for (unsigned bit = 1; bit <= ROLE_ADMIN; bit <<= 1) {
        if (!(U.who.roles & bit)) continue;
        size_t len = strlen(U.roles_label);
        snprintf(U.roles_label + len, sizeof U.roles_label - len, "%s%s", len ? ", " : "",
                 _(role_label(bit)));
    }
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
    U.tone_new = strcmp(config_str(U.cfg, "ui.tone_style"), "old") != 0;
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
    endwin();
    curses_on = 0;
    int stopped = ui_stop;
    /* Messages only after endwin, on a normal screen. */
    if (stopped) fprintf(stderr, "sangtao: dừng theo tín hiệu %d; biểu mẫu đang mở (nếu có) "
                         "đã được lưu thành bản nháp.\n", stopped);
    db_close(&U.db);
    config_free(&U.cfg);
    return stopped ? 1 : 0;
}
