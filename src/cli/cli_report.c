/* sangtao report periodic|overdue: the reports of report.h, as a printable
 * document, CSV, XLSX or JSON, for the logged-in user's scope. */
#include "cli_internal.h"
#include "base/priv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/report.h"
#include "base/workdays.h"

static const char periodic_usage[] =
    "Cách dùng: sangtao report periodic (--from NGÀY --to NGÀY |\n"
    "           --period month|quarter|half|year [--year NĂM] [--number N])\n"
    "           [--unit MÃ] [--format txt|csv|xlsx|json] [-o TỆP] [--bom]\n"
    "           [--table BẢNG] [--width 80|132] [--doc-no SỐ] [--as-of NGÀY] [--print]\n"
    "Báo cáo sơ kết, tổng kết định kỳ: tiếp nhận, quyết định và lý do, triển khai,\n"
    "quá hạn, kết quả, bảo vệ cán bộ, nhân rộng, khen thưởng, học tập quán triệt;\n"
    "so sánh với kỳ trước.\n"
    "  --from, --to     kỳ báo cáo theo ngày (dd/mm/yyyy hoặc yyyy-mm-dd)\n"
    "  --period KỲ      month (tháng), quarter (quý), half (6 tháng), year (năm)\n"
    "  --year NĂM       năm của kỳ (mặc định: năm nay)\n"
    "  --number N       tháng 1-12, quý 1-4, nửa năm 1-2\n"
    "  --unit MÃ        đơn vị và các đơn vị trực thuộc (mặc định: phạm vi của bạn)\n"
    "  --format F       txt: văn bản in theo thể thức của Đảng (mặc định); csv; xlsx;\n"
    "                   json\n"
    "  -o, --output TỆP ghi vào tệp (bắt buộc với xlsx)\n"
    "  --bom            CSV bắt đầu bằng BOM để Excel hiện đúng tiếng Việt\n"
    "  --table BẢNG     CSV: chỉ một bảng (summary, by_unit, by_field, by_month, …)\n"
    "  --width 80|132   số cột của văn bản (mặc định: report.width)\n"
    "  --doc-no SỐ      số báo cáo (Số SỐ-BC/…); bỏ trống để ghi tay\n"
    "  --as-of NGÀY     tính chậm trễ đến ngày này (mặc định: hôm nay)\n"
    "  --print          gửi văn bản tới máy in report.printer (qua lp)\n";

static const char overdue_usage[] =
    "Cách dùng: sangtao report overdue [--unit MÃ] [--as-of NGÀY]\n"
    "           [--format txt|csv|xlsx|json] [-o TỆP] [--bom] [--table BẢNG]\n"
    "           [--width 80|132] [--doc-no SỐ] [--print]\n"
    "Báo cáo việc quá hạn: mọi đề xuất đã quá thời hạn xem xét, báo cáo kết quả hoặc\n"
    "đánh giá (tính theo ngày làm việc), theo đơn vị và người phụ trách, với số ngày\n"
    "làm việc chậm.  Các tùy chọn như của report periodic.\n";

typedef struct ropts {
    const char *from, *to, *period, *year, *number, *unit, *format, *output, *table, *width,
        *doc_no, *as_of;
    int bom, print;
} ropts;

/* Progress on the terminal only: stderr, rewritten in place. */
static void progress(void *ud, int done, int total, const char *what)
{
    (void)ud;
    if (done >= total) fputs("\r\033[K", stderr);
    else fprintf(stderr, "\r\033[KĐang lập báo cáo [%d/%d] %s…", done + 1, total, what);
    fflush(stderr);
}

static int open_out(const char *path, FILE **f)
{
    if (!path || strcmp(path, "-") == 0) {
        *f = stdout;
        return CLI_OK;
    }
    *f = priv_fopen_user(path, "w");   /* the user's group, not setgid sangtao */
    if (!*f) return cli_error("%s: không ghi được tệp (%s)", path, strerror(errno));
    return CLI_OK;
}

static int write_report(cli_ctx *c, const report *r, const ropts *o, int width)
{
    st_err e;
    err_clear(&e);
    const char *fmt = o->format ? o->format : "txt";
    int rc = ST_OK, tty = isatty(STDERR_FILENO);
    if (strcmp(fmt, "xlsx") == 0) {
        if (tty) progress(NULL, 0, 1, "Ghi tệp XLSX");
        rc = report_write_xlsx(r, c->cfg, o->output, &e);
        if (tty) progress(NULL, 1, 1, "");
    } else {
        FILE *f;
        int orc = open_out(o->output, &f);
        if (orc) return orc;
        if (strcmp(fmt, "csv") == 0) rc = report_write_csv(r, o->table, o->bom, f, &e);
        else if (strcmp(fmt, "json") == 0) rc = report_write_json(r, f, &e);
        else {
            report_doc_opts d = {width, o->doc_no};
            rc = report_write_text(r, c->cfg, &d, f, &e);
        }
        if (f != stdout && fclose(f) != 0 && !rc)
            rc = err_set(&e, ST_EIO, "%s: lỗi ghi tệp (%s)", o->output, strerror(errno));
    }
    if (rc) return cli_fail(&e);
    if (o->print) {
        if (report_print(c->cfg, o->output, width, &e) != ST_OK) return cli_fail(&e);
        printf("Đã gửi %s tới máy in %s\n", o->output, config_str(c->cfg, "report.printer"));
    } else if (o->output && strcmp(o->output, "-") != 0) {
        printf("Đã ghi %s\n", o->output);
    }
    return CLI_OK;
}

static int check_opts(cli_ctx *c, ropts *o, int *width, char *tmp, size_t tmpn)
{
    const char *fmt = o->format ? o->format : "txt";
    if (strcmp(fmt, "text") == 0) o->format = fmt = "txt";
    if (strcmp(fmt, "txt") && strcmp(fmt, "csv") && strcmp(fmt, "xlsx") && strcmp(fmt, "json"))
        return cli_usage_error(c, "--format phải là txt, csv, xlsx hoặc json, không phải \"%.20s\"",
                               fmt);
    if (strcmp(fmt, "xlsx") == 0 && (!o->output || strcmp(o->output, "-") == 0))
        return cli_usage_error(c, "định dạng xlsx cần -o TỆP");
    if (o->table && strcmp(fmt, "csv") != 0)
        return cli_usage_error(c, "--table chỉ dùng với --format csv");
    if (o->bom && strcmp(fmt, "csv") != 0)
        return cli_usage_error(c, "--bom chỉ dùng với --format csv");
    if (o->print && strcmp(fmt, "txt") != 0)
        return cli_usage_error(c, "--print chỉ in được định dạng txt");
    const char *w = o->width ? o->width : config_str(c->cfg, "report.width");
    if (strcmp(w, "80") != 0 && strcmp(w, "132") != 0)
        return cli_usage_error(c, "--width phải là 80 hoặc 132, không phải \"%.20s\"", w);
    *width = atoi(w);
    if (o->print && (!o->output || strcmp(o->output, "-") == 0)) {
        /* Printing without -o: a temporary file, removed afterwards. */
        st_err e;
        err_clear(&e);
        int fd = priv_tempfile(tmp, tmpn, "sangtao-report", &e);
        if (fd < 0) return cli_fail(&e);
        close(fd);
        o->output = tmp;
    }
    return CLI_OK;
}

static int run(cli_ctx *c, int argc, char **argv, int periodic)
{
    ropts o;
    memset(&o, 0, sizeof o);
    const cli_optdef defs[] = {
        {"from", CLI_VALUE, &o.from}, {"to", CLI_VALUE, &o.to},
        {"period", CLI_VALUE, &o.period}, {"year", CLI_VALUE, &o.year},
        {"number", CLI_VALUE, &o.number}, {"unit", CLI_VALUE, &o.unit},
        {"format", CLI_VALUE, &o.format}, {"output", CLI_VALUE, &o.output},
        {"table", CLI_VALUE, &o.table}, {"width", CLI_VALUE, &o.width},
        {"doc-no", CLI_VALUE, &o.doc_no}, {"as-of", CLI_VALUE, &o.as_of},
        {"bom", CLI_FLAG, &o.bom}, {"print", CLI_FLAG, &o.print},
        {NULL, 0, NULL}};
    /* "-o FILE" is "--output FILE" (in a copy: getopt permutes it, and the
     * caller frees the strings of argv). */
    char outopt[] = "--output";
    char **av = calloc((size_t)argc + 1, sizeof *av);
    if (!av) return cli_error("hết bộ nhớ");
    for (int i = 0; i < argc; i++) av[i] = strcmp(argv[i], "-o") == 0 ? outopt : argv[i];
    cli_args a;
    int rc = cli_parse(c, argc, av, periodic ? defs : defs + 5, periodic ? periodic_usage
                       : overdue_usage, 0, 0, &a);
    free(av);
    if (rc != -1) return rc;
    if (periodic && o.period && (o.from || o.to))
        return cli_usage_error(c, "dùng --period hoặc --from/--to, không dùng cả hai");
    report_params p;
    memset(&p, 0, sizeof p);
    p.from = o.from;
    p.to = o.to;
    p.period = o.period;
    p.unit = o.unit;
    p.as_of = o.as_of;
    if (o.period) {
        char iso[11];
        date_iso(date_today(), iso);
        p.year = o.year ? (int)cli_number(o.year) : atoi(iso);
        p.number = o.number ? (int)cli_number(o.number) : 0;
        if (strcmp(o.period, "year") != 0 && !o.number)
            return cli_usage_error(c, "--period %.20s cần --number", o.period);
    } else if (periodic && (o.year || o.number)) {
        return cli_usage_error(c, "--year và --number đi cùng --period");
    }
    if ((rc = cli_config(c))) return rc;
    int width = 80;
    char tmp[600] = "";
    if ((rc = check_opts(c, &o, &width, tmp, sizeof tmp))) return rc;
    if ((rc = cli_session(c)) == CLI_OK) {
        st_err e;
        err_clear(&e);
        if (isatty(STDERR_FILENO)) p.progress = progress;
        report *r = NULL;
        int erc = periodic ? report_periodic(c->db, &c->me, &p, &r, &e)
                           : report_overdue(c->db, &c->me, &p, &r, &e);
        if (p.progress) progress(NULL, 1, 1, "");
        rc = erc ? (erc == ST_EINVAL && e.field[0] && strcmp(e.field, "unit") != 0
                        ? cli_usage_error(c, "%s", e.msg) : cli_fail(&e))
                 : write_report(c, r, &o, width);
        report_free(&r);
    }
    if (tmp[0]) unlink(tmp);
    return rc;
}

static int r_periodic(cli_ctx *c, int argc, char **argv) { return run(c, argc, argv, 1); }
static int r_overdue(cli_ctx *c, int argc, char **argv) { return run(c, argc, argv, 0); }

int cmd_report(cli_ctx *c, int argc, char **argv)
{
    static const cli_sub subs[] = {
        {"periodic", r_periodic, "báo cáo sơ kết, tổng kết theo kỳ (tháng, quý, năm, …)"},
        {"overdue", r_overdue, "việc quá thời hạn (ngày làm việc), theo đơn vị, người phụ trách"},
    };
    return cli_dispatch(c, "report", subs, 2, argc, argv);
}
