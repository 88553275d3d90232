/* The command line: global options, dispatch, login, passwords, option
 * parsing and messages.  The commands live in cli_admin.c, cli_user.c and
 * cli_proposal.c, the output formats in cli_out.c. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "base/priv.h"
#include "text/text.h"
#include "flow/users.h"
#include "flow/workflow.h"

#ifndef SANGTAO_VERSION
#define SANGTAO_VERSION "dev"
#endif

#define PW_MAX 1024

/* ---- messages -------------------------------------------------------------- */

int cli_fail(const st_err *e)
{
    fflush(stdout);
    if (e && e->msg[0])
        fprintf(stderr, "sangtao: %s\n", e->msg);
    else
        fprintf(stderr, "sangtao: lỗi (mã %d)\n", e ? e->code : -1);
    return CLI_FAIL;
}

int cli_error(const char *fmt, ...)
{
    va_list ap;
    fflush(stdout);
    fputs("sangtao: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return CLI_FAIL;
}

int cli_usage_error(const cli_ctx *c, const char *fmt, ...)
{
    va_list ap;
    const char *cmd = c && c->cmd ? c->cmd : NULL;
    fflush(stdout);
    fprintf(stderr, "sangtao: %s%s", cmd ? cmd : "", cmd ? ": " : "");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, " (xem: sangtao %s%s--help)\n", cmd ? cmd : "", cmd ? " " : "");
    return CLI_USAGE;
}

static void usage(FILE *f)
{
    fputs("Cách dùng: sangtao [--config TỆP] [--db TỆP] [--user TÊN] [LỆNH …]\n"
          "Quản lý đề xuất đổi mới, sáng tạo của cán bộ: từ ý tưởng đến nhân rộng.\n"
          "Không có LỆNH: mở giao diện màn hình.\n"
          "\n"
          "Tùy chọn chung (đặt trước LỆNH):\n"
          "  --config TỆP    tệp cài đặt (mặc định: $SANGTAO_CONFIG, ./config.ini,\n"
          "                  /etc/sangtao/config.ini)\n"
          "  --db TỆP        cơ sở dữ liệu (thay cho database.path)\n"
          "  --user TÊN      đăng nhập bằng tài khoản này (hoặc $SANGTAO_USER); mật khẩu\n"
          "                  lấy từ $SANGTAO_PASSWORD hoặc hỏi trên terminal.  Không có\n"
          "                  --user: dùng tài khoản gán cho người dùng hệ thống\n"
          "  --help-config   in bảng tùy chọn của config.ini\n"
          "  --version       in phiên bản\n"
          "  -h, --help      in trợ giúp này\n"
          "\n"
          "Lệnh:\n"
          "  init            tạo cơ sở dữ liệu và tài khoản quản trị đầu tiên\n"
          "  proposal        đề xuất: new, edit, list, show, act, actions, history, import\n"
          "  user            tài khoản: add, list, lock, unlock, passwd, roles, os-login\n"
          "  unit            đơn vị: import, list\n"
          "  person          người: add\n"
          "  holiday         ngày nghỉ lễ, ngày làm bù: import\n"
          "  dissemination   học tập, quán triệt, tuyên truyền: add\n"
          "  check           kiểm tra cơ sở dữ liệu\n"
          "  backup TỆP      sao lưu trực tuyến (an toàn khi người khác đang ghi)\n"
          "  restore TỆP     khôi phục từ bản sao lưu (cất bản hiện tại sang bên)\n"
          "  maintain        bảo trì hằng đêm: checkpoint WAL, quick_check, optimize\n"
          "  audit           nhật ký kiểm tra: ai sửa gì, từ đâu sang đâu\n"
          "  report          báo cáo: periodic (sơ kết, tổng kết), overdue (quá hạn)\n"
          "  help [LỆNH]     trợ giúp; \"sangtao help workflow\": trạng thái và thao tác\n"
          "\n"
          "Mỗi lệnh có --help.  Mã thoát: 0 thành công, 1 lỗi dữ liệu hoặc quyền,\n"
          "2 sai cách dùng.\n", f);
}

/* ---- global options ------------------------------------------------------- */

static const char *bad_option(char **argv)
{
    const char *a = optind > 0 ? argv[optind - 1] : NULL;
    if (a && a[0] == '-' && a[1] == '-') return a;
    if (optopt) {
        static char shortopt[3] = "-?";
        shortopt[1] = (char)optopt;
        return shortopt;
    }
    return a ? a : "?";
}

int cli_parse_globals(int argc, char **argv, cli_globals *g, int *exit_code)
{
    static const struct option lo[] = {
        {"config", required_argument, NULL, 'c'},
        {"db", required_argument, NULL, 'd'},
        {"user", required_argument, NULL, 'u'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {"help-config", no_argument, NULL, 'C'},
        {NULL, 0, NULL, 0},
    };
    memset(g, 0, sizeof *g);
    *exit_code = CLI_OK;
    opterr = 0;
    optind = 0;   /* glibc: 0 re-initialises getopt for a new argv */
    int ch;
    /* "+": stop at the command; its options are its own. */
    while ((ch = getopt_long(argc, argv, "+:h", lo, NULL)) != -1) {
        switch (ch) {
        case 'c': g->config_path = optarg; break;
        case 'd': g->db_path = optarg; break;
        case 'u': g->user = optarg; break;
        case 'h': usage(stdout); return 1;
        case 'V': printf("sangtao %s\n", SANGTAO_VERSION); return 1;
        case 'C': config_print_help(stdout); return 1;
        case ':':
            fprintf(stderr, "sangtao: tùy chọn %s cần một giá trị (xem: sangtao --help)\n",
                    argv[optind - 1]);
            *exit_code = CLI_USAGE;
            return 1;
        default:
            fprintf(stderr, "sangtao: tùy chọn không hợp lệ: %s (xem: sangtao --help)\n",
                    bad_option(argv));
            *exit_code = CLI_USAGE;
            return 1;
        }
    }
    g->cmd = optind;
    if (!g->user) {
        const char *u = getenv("SANGTAO_USER");
        if (u && *u) g->user = u;
    }
    return 0;
}

/* ---- passwords --------------------------------------------------------------- */

static struct termios saved_tio;
static volatile sig_atomic_t tio_saved;

/* Ctrl-C while echo is off must not leave the terminal mute. */
static void restore_tty(int sig)
{
    if (tio_saved) tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void chomp(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == '\n' || s[n - 1] == '\r')) s[--n] = '\0';
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
    chomp(buf);
    return 0;
}

static char *password_ok(const char *pw)
{
    size_t bad;
    if (!*pw) { cli_error("mật khẩu trống"); return NULL; }
    if (strlen(pw) >= PW_MAX) { cli_error("mật khẩu quá dài"); return NULL; }
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

/* ---- settings, database, login ----------------------------------------------- */

int cli_config(cli_ctx *c)
{
    st_err e;
    err_clear(&e);
    if (c->cfg) return CLI_OK;
    if (config_load(c->g.config_path, &c->cfg, &e) != ST_OK) return cli_fail(&e);
    if (c->g.db_path && priv_refuse_override("--db", &e) != ST_OK) return cli_fail(&e);
    if (c->g.db_path && config_set(c->cfg, "database.path", c->g.db_path, &e) != ST_OK)
        return cli_fail(&e);
    return CLI_OK;
}

static int cli_login(cli_ctx *c)
{
    st_err e;
    err_clear(&e);
    if (c->g.user) {
        char prompt[160];
        snprintf(prompt, sizeof prompt, "Mật khẩu của %.100s: ", c->g.user);
        c->login_password = cli_password(prompt, 0, "SANGTAO_PASSWORD", 0);
        if (!c->login_password) return CLI_FAIL;
        if (user_login(c->db, c->g.user, c->login_password, &c->me, &e) != ST_OK)
            return cli_fail(&e);
        if (c->me.must_change_pw && !c->pw_change_ok)
            return cli_error("tài khoản '%s' phải đổi mật khẩu trước khi dùng: "
                             "sangtao --user %s user passwd %s", c->me.username,
                             c->me.username, c->me.username);
    } else {
        /* The OS already authenticated this login: no password asked. */
        struct passwd *pw = getpwuid(getuid());
        char who[64];
        if (pw) snprintf(who, sizeof who, "%s", pw->pw_name);
        else snprintf(who, sizeof who, "uid %lu", (unsigned long)getuid());
        int rc = pw ? user_by_os_login(c->db, pw->pw_name, &c->me, &e) : ST_ENOTFOUND;
        if (rc == ST_ENOTFOUND)
            return cli_error("chưa đăng nhập: dùng --user TÊN (hoặc $SANGTAO_USER), hoặc nhờ "
                             "quản trị viên gán tài khoản cho người dùng hệ thống '%s' "
                             "(sangtao user os-login)", who);
        if (rc != ST_OK) return cli_fail(&e);
        /* A new or reset account changes its password first, however it
         * logged in. */
        if (c->me.must_change_pw && !c->pw_change_ok)
            return cli_error("tài khoản '%s' phải đổi mật khẩu trước khi dùng: "
                             "sangtao user passwd", c->me.username);
    }
    c->logged_in = 1;
    return CLI_OK;
}

int cli_session(cli_ctx *c)
{
    st_err e;
    err_clear(&e);
    int rc = cli_config(c);
    if (rc) return rc;
    if (db_open(c->cfg, DB_OPEN_EXISTING, &c->db, &e) != ST_OK) return cli_fail(&e);
    return cli_login(c);
}

/* ---- --set lists ------------------------------------------------------------ */

int cli_kvs_add(cli_kvs *k, const char *name, const char *value, int own)
{
    if (k->n == k->cap) {
        int cap = k->cap ? k->cap * 2 : 16;
        st_kv *kv = realloc(k->kv, (size_t)cap * sizeof *kv);
        if (!kv) return ST_ENOMEM;
        k->kv = kv;
        k->cap = cap;
    }
    if (own) {
        if (k->nowned + 2 > k->capowned) {
            int cap = k->capowned ? k->capowned * 2 : 32;
            char **o = realloc(k->owned, (size_t)cap * sizeof *o);
            if (!o) return ST_ENOMEM;
            k->owned = o;
            k->capowned = cap;
        }
        k->owned[k->nowned++] = (char *)name;
        k->owned[k->nowned++] = (char *)value;
    }
    k->kv[k->n++] = (st_kv){name, value};
    return ST_OK;
}

void cli_kvs_free(cli_kvs *k)
{
    for (int i = 0; i < k->nowned; i++) free(k->owned[i]);
    free(k->owned);
    free(k->kv);
    memset(k, 0, sizeof *k);
}

/* "\n" → newline, "\t" → tab, "\\" → backslash; other backslashes stay. */
static void unescape(char *s)
{
    char *o = s;
    for (; *s; s++) {
        if (*s == '\\' && (s[1] == 'n' || s[1] == 't' || s[1] == '\\')) {
            s++;
            *o++ = *s == 'n' ? '\n' : *s == 't' ? '\t' : '\\';
        } else {
            *o++ = *s;
        }
    }
    *o = '\0';
}

int cli_kvs_from_file(cli_kvs *k, const char *path)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : priv_fopen_user(path, "r");
    if (!f) return cli_error("%s: không mở được tệp (%s)", path, strerror(errno));
    char *line = NULL;
    size_t cap = 0;
    long lineno = 0;
    int rc = CLI_OK;
    st_err e;
    while (getline(&line, &cap, f) >= 0) {
        lineno++;
        chomp(line);
        err_clear(&e);
        char *nfc = NULL;
        if (text_nfc(line, &nfc, &e) != ST_OK) {
            rc = cli_error("%s:%ld: %s", path, lineno, e.msg);
            break;
        }
        char *p = nfc;
        while (*p == ' ' || *p == '\t') p++;
        if (!*p || *p == '#') { free(nfc); continue; }
        char *eq = strchr(p, '=');
        if (!eq || eq == p) {
            free(nfc);
            rc = cli_error("%s:%ld: cần dạng TRƯỜNG=GIÁ_TRỊ", path, lineno);
            break;
        }
        *eq = '\0';
        text_trim(p);
        char *name = strdup(p), *value = strdup(eq + 1);
        free(nfc);
        if (!name || !value) {
            free(name);
            free(value);
            rc = cli_error("hết bộ nhớ");
            break;
        }
        unescape(value);
        if (cli_kvs_add(k, name, value, 1) != ST_OK) {
            free(name);
            free(value);
            rc = cli_error("hết bộ nhớ");
            break;
        }
    }
    if (rc == CLI_OK && ferror(f)) rc = cli_error("%s: lỗi đọc tệp", path);
    free(line);
    if (f != stdin) fclose(f);
    return rc;
}

/* ---- options of a leaf command ------------------------------------------------ */

#define MAXOPTS 24

long cli_number(const char *s)
{
    if (!s || !*s) return -1;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || v < 0) return -1;
    return v;
}

int cli_parse(cli_ctx *c, int argc, char **argv, const cli_optdef *defs,
              const char *usage_text, int minpos, int maxpos, cli_args *a)
{
    struct option lo[MAXOPTS + 2];
    int nd = 0;
    memset(a, 0, sizeof *a);
    for (; defs && defs[nd].name && nd < MAXOPTS; nd++)
        lo[nd] = (struct option){defs[nd].name,
                                 defs[nd].kind == CLI_FLAG ? no_argument : required_argument,
                                 NULL, 1000 + nd};
    lo[nd] = (struct option){"help", no_argument, NULL, 'h'};
    lo[nd + 1] = (struct option){NULL, 0, NULL, 0};
    opterr = 0;
    optind = 0;
    int ch;
    while ((ch = getopt_long(argc, argv, ":h", lo, NULL)) != -1) {
        if (ch == 'h') { a->help = 1; continue; }
        if (ch == ':') return cli_usage_error(c, "tùy chọn %s cần một giá trị", argv[optind - 1]);
        if (ch < 1000 || ch >= 1000 + nd)
            return cli_usage_error(c, "tùy chọn không hợp lệ: %s", bad_option(argv));
        const cli_optdef *d = &defs[ch - 1000];
        if (d->kind == CLI_FLAG) {
            *(int *)d->target = 1;
        } else if (d->kind == CLI_VALUE) {
            *(const char **)d->target = optarg;
        } else {
            char *eq = strchr(optarg, '=');
            if (!eq || eq == optarg)
                return cli_usage_error(c, "--%s cần dạng TRƯỜNG=GIÁ_TRỊ, không phải \"%.60s\"",
                                       d->name, optarg);
            *eq = '\0';
            if (cli_kvs_add(d->target, optarg, eq + 1, 0) != ST_OK) return cli_error("hết bộ nhớ");
        }
    }
    for (int i = optind; i < argc; i++) {
        if (a->npos >= CLI_MAXPOS || (!a->help && a->npos >= maxpos))
            return cli_usage_error(c, "thừa đối số: %.60s", argv[i]);
        a->pos[a->npos++] = argv[i];
    }
    if (a->help) {
        if (!usage_text) return -1;   /* the command prints its own help */
        fputs(usage_text, stdout);
        return CLI_OK;
    }
    if (a->npos < minpos) return cli_usage_error(c, "thiếu đối số");
    return -1;
}

int cli_dispatch(cli_ctx *c, const char *group, const cli_sub *subs, int nsubs,
                 int argc, char **argv)
{
    c->cmd = group;
    int want_help = argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
                                  strcmp(argv[1], "help") == 0);
    if (argc < 2 || want_help) {
        FILE *f = want_help ? stdout : stderr;
        if (!want_help) fprintf(stderr, "sangtao: %s: thiếu lệnh con\n", group);
        fprintf(f, "Cách dùng: sangtao %s LỆNH_CON [TÙY_CHỌN…]\n\nLệnh con:\n", group);
        for (int i = 0; i < nsubs; i++)
            fprintf(f, "  %-12s %s\n", subs[i].name, subs[i].summary);
        fprintf(f, "\nXem thêm: sangtao %s LỆNH_CON --help\n", group);
        return want_help ? CLI_OK : CLI_USAGE;
    }
    for (int i = 0; i < nsubs; i++) {
        if (strcmp(argv[1], subs[i].name) != 0) continue;
        snprintf(c->cmdbuf, sizeof c->cmdbuf, "%s %s", group, subs[i].name);
        c->cmd = c->cmdbuf;
        return subs[i].fn(c, argc - 1, argv + 1);
    }
    return cli_usage_error(c, "lệnh con không tồn tại: %.60s", argv[1]);
}

/* ---- help and dispatch ---------------------------------------------------------- */

static int cmd_help(cli_ctx *c, int argc, char **argv);

static const struct {
    const char *name;
    int (*fn)(cli_ctx *c, int argc, char **argv);
} commands[] = {
    {"init", cmd_init},
    {"proposal", cmd_proposal},
    {"user", cmd_user},
    {"unit", cmd_unit},
    {"person", cmd_person},
    {"holiday", cmd_holiday},
    {"dissemination", cmd_dissemination},
    {"check", cmd_check},
    {"backup", cmd_backup},
    {"restore", cmd_restore},
    {"maintain", cmd_maintain},
    {"audit", cmd_audit},
    {"report", cmd_report},
    {"help", cmd_help},
};
#define NCOMMANDS (int)(sizeof commands / sizeof commands[0])

static int run_command(cli_ctx *c, int argc, char **argv)
{
    for (int i = 0; i < NCOMMANDS; i++)
        if (strcmp(argv[0], commands[i].name) == 0) {
            c->cmd = commands[i].name;
            return commands[i].fn(c, argc, argv);
        }
    fflush(stdout);
    fprintf(stderr, "sangtao: lệnh không tồn tại: %.60s (xem: sangtao --help)\n", argv[0]);
    return CLI_USAGE;
}

static int cmd_help(cli_ctx *c, int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(stdout);
        return CLI_OK;
    }
    if (argc > 2) return cli_usage_error(c, "thừa đối số: %.60s", argv[2]);
    if (strcmp(argv[1], "workflow") == 0) {
        workflow_print_help(stdout);
        return CLI_OK;
    }
    if (strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return CLI_OK;
    }
    char help[] = "--help";
    char *sub[3] = {argv[1], help, NULL};
    return run_command(c, 2, sub);
}

/* Show where an argument stops being UTF-8, without echoing the bad bytes. */
static int bad_utf8(int i, const char *arg, size_t off)
{
    size_t start = off > 40 ? off - 40 : 0;
    while (start < off && ((unsigned char)arg[start] & 0xC0) == 0x80) start++;
    return cli_error("đối số thứ %d (\"%s%.*s\"…): UTF-8 không hợp lệ tại byte %zu "
                     "(invalid UTF-8 at byte offset %zu)", i, start ? "…" : "",
                     (int)(off - start), arg + start, off, off);
}

int cli_main(int argc, char **argv)
{
    cli_ctx c;
    memset(&c, 0, sizeof c);
    int rc = CLI_OK;
    /* Every argument in NFC, and refused when not UTF-8 at all. */
    char **nargv = calloc((size_t)argc + 1, sizeof *nargv);
    if (!nargv) return cli_error("hết bộ nhớ");
    nargv[0] = argv[0];
    int n = 1;
    for (; n < argc; n++) {
        size_t bad;
        if (!text_utf8_valid(argv[n], strlen(argv[n]), &bad)) {
            rc = bad_utf8(n, argv[n], bad);
            break;
        }
        st_err e;
        err_clear(&e);
        if (text_nfc(argv[n], &nargv[n], &e) != ST_OK) {
            rc = cli_fail(&e);
            break;
        }
    }
    if (rc == CLI_OK && cli_parse_globals(argc, nargv, &c.g, &rc) == 0) {
        if (c.g.cmd >= argc) {
            fprintf(stderr, "sangtao: thiếu LỆNH (xem: sangtao --help)\n");
            rc = CLI_USAGE;
        } else {
            rc = run_command(&c, argc - c.g.cmd, nargv + c.g.cmd);
        }
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "sangtao: lỗi ghi kết quả: %s\n", strerror(errno));
        if (rc == CLI_OK) rc = CLI_FAIL;
    }
    db_close(&c.db);
    config_free(&c.cfg);
    cli_password_free(&c.login_password);
    /* getopt permuted nargv; free what we allocated, wherever it went. */
    for (int i = 0; i < argc; i++)
        if (nargv[i] != argv[0]) free(nargv[i]);
    free(nargv);
    return rc;
}
