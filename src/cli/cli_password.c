/* Passwords on the command line: from an environment variable, typed on
 * the terminal with echo off (and the terminal given back even on Ctrl-C),
 * or one line of stdin; checked for emptiness, length and UTF-8, wiped
 * after use. */
#include "cli_internal.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "flow/password.h"
#include "text/text.h"

/* A line of PW_MAX_BYTES, its newline and the NUL: the core's limit, the
 * screens' too. */
#define PW_MAX (PW_MAX_BYTES + 2)

static struct termios saved_tio;
static volatile sig_atomic_t tio_saved;

/* Ctrl-C while echo is off must not leave the terminal mute. */
static void restore_tty(int sig)
{
    if (tio_saved) tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* One line from stdin; with noecho, echo is off while typing.  -1 on end
 * of input or a line longer than n-1. */
static int read_line(char *buf, size_t n, int noecho)
{
    struct sigaction sa, old_int, old_term;
    if (noecho && tcgetattr(STDIN_FILENO, &saved_tio) == 0) {
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = restore_tty;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGINT, &sa, &old_int);
        sigaction(SIGTERM, &sa, &old_term);
        tio_saved = 1;
        struct termios t = saved_tio;
        t.c_lflag &= ~(tcflag_t)ECHO;
        t.c_lflag |= ECHONL;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &t);
    }
    char *got = fgets(buf, (int)n, stdin);
    if (tio_saved) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_tio);
        tio_saved = 0;
        sigaction(SIGINT, &old_int, NULL);
        sigaction(SIGTERM, &old_term, NULL);
    }
    if (!got) return -1;
    size_t len = strlen(buf);
    if (len == n - 1 && buf[len - 1] != '\n') return -1;
    cli_chomp(buf);
    return 0;
}

static char *password_ok(const char *pw)
{
    size_t bad;
    if (!*pw) { cli_error("mật khẩu trống"); return NULL; }
    if (strlen(pw) > PW_MAX_BYTES) { cli_error("mật khẩu quá dài (tối đa %d byte)", PW_MAX_BYTES); return NULL; }
    if (!text_utf8_valid(pw, strlen(pw), &bad)) {
        cli_error("mật khẩu: UTF-8 không hợp lệ tại byte %zu", bad);
        return NULL;
    }
    char *s = strdup(pw);
    if (!s) cli_error("hết bộ nhớ");
    return s;
}

/* Ask on the terminal (echo off); NULL after saying why. */
static char *tty_password(const char *prompt, int confirm)
{
    char a[PW_MAX], b[PW_MAX];
    char *res = NULL;
    fprintf(stderr, "%s", prompt);
    fflush(stderr);
    if (read_line(a, sizeof a, 1) < 0) {
        cli_error("không đọc được mật khẩu");
    } else if (confirm) {
        fprintf(stderr, "Nhập lại mật khẩu: ");
        fflush(stderr);
        if (read_line(b, sizeof b, 1) < 0) cli_error("không đọc được mật khẩu");
        else if (strcmp(a, b) != 0) cli_error("hai lần nhập mật khẩu không khớp");
        else res = password_ok(a);
    } else {
        res = password_ok(a);
    }
    explicit_bzero(a, sizeof a);
    explicit_bzero(b, sizeof b);
    return res;
}

char *cli_password(const char *prompt, int confirm, const char *env, int allow_stdin)
{
    const char *v = env ? getenv(env) : NULL;
    if (v && *v) return password_ok(v);
    if (isatty(STDIN_FILENO)) return tty_password(prompt, confirm);
    if (allow_stdin) {
        char a[PW_MAX];
        char *res = NULL;
        if (read_line(a, sizeof a, 0) < 0)
            cli_error("không đọc được mật khẩu từ đầu vào chuẩn (một dòng)");
        else
            res = password_ok(a);
        explicit_bzero(a, sizeof a);
        return res;
    }
    cli_error("thiếu mật khẩu: đặt biến môi trường %s hoặc chạy trên terminal",
              env ? env : "SANGTAO_PASSWORD");
    return NULL;
}

/* Wipe and free a password. */
void cli_password_free(char **pw)
{
    if (!pw || !*pw) return;
    explicit_bzero(*pw, strlen(*pw));
    free(*pw);
    *pw = NULL;
}
