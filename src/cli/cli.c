/* The command line from the top: the global options, the table of
 * commands, "sangtao help", and cli_main, which checks the arguments and
 * runs one command.  It only calls down: the commands, and the helpers
 * listed in cli_internal.h. */
#include "cli_internal.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"
#include "flow/workflow.h"

#ifndef SANGTAO_VERSION
#define SANGTAO_VERSION "dev"
#endif

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
          "  backup TỆP      sao lưu trực tuyến (an toàn khi người khác đang ghi);\n"
          "                  --rotate: bản hằng ngày vào backup.dir, xoay vòng\n"
          "  restore TỆP     khôi phục từ bản sao lưu (cất bản hiện tại sang bên)\n"
          "  maintain        bảo trì hằng đêm: checkpoint WAL, quick_check, gộp chỉ mục\n"
          "  migrate         nâng cấp cơ sở dữ liệu sau khi cài gói mới (root)\n"
          "  audit           nhật ký kiểm tra: ai sửa gì, từ đâu sang đâu\n"
          "  report          báo cáo: periodic (sơ kết, tổng kết), overdue (quá hạn)\n"
          "  attach MÃ TỆP   đính kèm tài liệu (kế hoạch đã ký, biên bản, quyết định…)\n"
          "  attachment      tài liệu đính kèm: list, get\n"
          "  site            văn phòng ngoại tuyến: add, list, seed, rekey\n"
          "  sync            trao đổi với văn phòng/tỉnh: export, import, status, ssh\n"
          "  help [LỆNH]     trợ giúp; \"sangtao help workflow\": trạng thái và thao tác\n"
          "\n"
          "Mỗi lệnh có --help.  Mã thoát: 0 thành công, 1 lỗi dữ liệu hoặc quyền,\n"
          "2 sai cách dùng.\n", f);
}

/* ---- global options ------------------------------------------------------- */

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
                    cli_bad_option(argv));
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
    {"migrate", cmd_migrate},
    {"audit", cmd_audit},
    {"report", cmd_report},
    {"attach", cmd_attach},
    {"attachment", cmd_attachment},
    {"site", cmd_site},
    {"sync", cmd_sync},
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
