/* sangtao site … (add, list, seed, rekey) and sangtao sync … (export,
 * import, status; ssh and serve are in cli_sync_ssh.c): the offline
 * exchange between the province hub and its offices. */
#include "cli_internal.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sync/exchange.h"
#include "sync/seed.h"
#include "sync/site.h"

/* "2026-03-02T08:00:00Z" → "02/03/2026 15:00" in local time; "" stays "". */
static void local_time(const char *utc, char out[32])
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    out[0] = '\0';
    if (!utc || sscanf(utc, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                       &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
        return;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    time_t t = timegm(&tm);
    struct tm lt;
    localtime_r(&t, &lt);
    strftime(out, 32, "%d/%m/%Y %H:%M", &lt);
}

/* "-o FILE" (or "-oFILE") as the issue spells it: taken out of argv into
 * *out before the long options are parsed (cli_parse knows long ones only).
 * nargv has room for argc + 1 pointers; returns the new argc. */
static int take_o(int argc, char **argv, char **nargv, const char **out)
{
    int n = 0;
    for (int i = 0; i < argc; i++) {
        if (i > 0 && strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
            *out = argv[++i];
        } else if (i > 0 && strncmp(argv[i], "-o", 2) == 0 && argv[i][2]) {
            *out = argv[i] + 2;
        } else {
            nargv[n++] = argv[i];
        }
    }
    nargv[n] = NULL;
    return n;
}

/* ---- site ---------------------------------------------------------------------- */

static int si_add(cli_ctx *c, int argc, char **argv)
{
    const char *unit = NULL, *name = NULL;
    const cli_optdef defs[] = {{"unit", CLI_VALUE, &unit}, {"name", CLI_VALUE, &name},
                               {NULL, 0, NULL}};
    cli_args a;
    int rc = cli_parse(c, argc, argv, defs,
        "Cách dùng: sangtao site add MÃ --unit MÃ_ĐƠN_VỊ [--name \"Tên\"]\n"
        "Ở máy chủ tỉnh (quản trị viên): đăng ký một văn phòng làm việc ngoại tuyến cho\n"
        "cây đơn vị từ MÃ_ĐƠN_VỊ trở xuống.  Văn phòng nhận một số hiệu trạm mới (đặt\n"
        "site.number ở văn phòng) và một cặp khóa ký.  MÃ: 1 đến 8 chữ in hoa hoặc số.\n"
        "Tiếp theo: sangtao site seed MÃ -o TỆP.\n", 1, 1, &a);
    if (rc != -1) return rc;
    if (!unit) return cli_usage_error(c, "cần --unit MÃ_ĐƠN_VỊ");
    if ((rc = cli_session(c))) return rc;
    if ((rc = cli_need_admin(c, "thêm văn phòng"))) return rc;
    st_err e;
    err_clear(&e);
    int no = 0;
    if (site_add(c->db, &c->me, a.pos[0], unit, name, &no, &e)) return cli_fail(&e);
    printf("Đã thêm văn phòng %s: trạm số %d, đơn vị %s trở xuống.\n"
           "Tiếp theo: sangtao site seed %s -o TỆP (tệp khởi tạo, trao tận tay).\n",
           a.pos[0], no, unit, a.pos[0]);
    return CLI_OK;
}

static const cli_col site_cols[] = {
    {"site_no", "Số", 0, 1},
    {"code", "Mã", 0, 0},
    {"name", "Tên", 40, 0},
    {"unit", "Đơn vị", 0, 0},
    {"key", "Khóa", 0, 0},
    {"created", "Ngày thêm", 0, 0},
};
#define NSITE (int)(sizeof site_cols / sizeof site_cols[0])

static int site_out(const sync_site *s, void *ud)
{
    cli_out *o = ud;
    char no[16], key[20], when[32];
    snprintf(no, sizeof no, "%d", s->site_no);
    for (int i = 0; i < 8; i++) snprintf(key + 2 * i, 3, "%02x", s->pk[i]);
    local_time(s->created_at, when);
    when[10] = '\0';   /* the date */
    const char *v[NSITE] = {no, s->code, s->name, s->unit_code, key, when};
    out_row(o, v);
    return 0;
}

static int site_query(cli_ctx *c, const void *arg, cli_out *o, st_err *e)
{
    (void)arg;
    return site_list(c->db, site_out, o, e);
}

static int si_list(cli_ctx *c, int argc, char **argv)
{
    static const cli_list l = {site_cols, NSITE, site_query, "trạm"};
    return cli_list_command(c, argc, argv,
        "Cách dùng: sangtao site list [--format table|csv|json]\n"
        "Các trạm đã biết: ở máy chủ tỉnh mọi văn phòng, ở văn phòng chỉ máy chủ tỉnh.\n"
        "Cột Khóa: 16 chữ số đầu của khóa ký công khai, để đối chiếu hai bên.\n", 0, &l);
}

static int si_seed(cli_ctx *c, int argc, char **argv)
{
    const char *out = NULL;
    const cli_optdef defs[] = {{"output", CLI_VALUE, &out}, {NULL, 0, NULL}};
    char *nargv[argc + 1];
    argc = take_o(argc, argv, nargv, &out);
    cli_args a;
    int rc = cli_parse(c, argc, nargv, defs,
        "Cách dùng: sangtao site seed MÃ -o TỆP\n"
        "Ở máy chủ tỉnh (quản trị viên): tệp khởi tạo văn phòng MÃ: danh mục (đơn vị,\n"
        "lĩnh vực, ngày nghỉ), danh bạ người và tài khoản (không mật khẩu; tài khoản\n"
        "ngoài cây đơn vị bị khóa), mọi đề xuất mà đơn vị sử dụng hoặc đơn vị có thẩm\n"
        "quyền thuộc cây đơn vị, khóa của văn phòng.  Tệp được mã hóa bằng một mã dùng\n"
        "một lần in ra ở đây: trao tận tay tệp và mã (không gửi chung qua thư điện tử).\n"
        "Mỗi lần tạo là một cặp khóa mới: tệp khởi tạo cũ hết dùng được.  Ở văn phòng:\n"
        "sangtao init --seed TỆP.\n", 1, 1, &a);
    if (rc != -1) return rc;
    if (!out) return cli_usage_error(c, "cần -o TỆP");
    if ((rc = cli_session(c))) return rc;
    if ((rc = cli_need_admin(c, "tạo tệp khởi tạo văn phòng"))) return rc;
    st_err e;
    err_clear(&e);
    seed_stats s;
    if (seed_make(c->db, &c->me, a.pos[0], out, &s, &e)) return cli_fail(&e);
    printf("Đã ghi tệp khởi tạo %s cho văn phòng %s (trạm số %d): %ld đơn vị, %ld đề xuất, "
           "%ld người, %ld tài khoản.\n"
           "Mã dùng một lần: %s\n"
           "Ở văn phòng, trong config.ini: site.number = %d, site.code = %s; rồi chạy\n"
           "  sangtao init --seed %s   (hỏi mã trên, rồi mật khẩu quản trị của văn phòng)\n"
           "Các tài khoản đến không có mật khẩu: quản trị viên văn phòng đặt mật khẩu đầu\n"
           "(sangtao user passwd TÊN), người dùng đổi khi đăng nhập lần đầu.\n",
           out, s.office_code, s.site_no, s.units, s.proposals, s.people, s.accounts, s.code,
           s.site_no, s.office_code, out);
    return CLI_OK;
}

static int si_rekey(cli_ctx *c, int argc, char **argv)
{
    const char *out = NULL;
    const cli_optdef defs[] = {{"output", CLI_VALUE, &out}, {NULL, 0, NULL}};
    char *nargv[argc + 1];
    argc = take_o(argc, argv, nargv, &out);
    cli_args a;
    int rc = cli_parse(c, argc, nargv, defs,
        "Cách dùng: sangtao site rekey MÃ -o TỆP\n"
        "Ở máy chủ tỉnh (quản trị viên): khi mất tệp khởi tạo hoặc lộ khóa, cấp cho văn\n"
        "phòng MÃ một cặp khóa mới; từ giờ tệp ký bằng khóa cũ bị từ chối.  TỆP chứa\n"
        "khóa mới, mã hóa bằng mã dùng một lần in ra ở đây: trao tận tay, ở văn phòng\n"
        "chạy sangtao sync import TỆP (hỏi mã).\n", 1, 1, &a);
    if (rc != -1) return rc;
    if (!out) return cli_usage_error(c, "cần -o TỆP");
    if ((rc = cli_session(c))) return rc;
    if ((rc = cli_need_admin(c, "đổi khóa văn phòng"))) return rc;
    st_err e;
    err_clear(&e);
    sync_site s;
    if (site_get(c->db, a.pos[0], &s, &e)) return cli_fail(&e);
    unsigned char pk[SYNC_PK], sk[SYNC_SK];
    char code[BUNDLE_CODE_LEN + 1];
    if (site_rekey(c->db, &c->me, s.site_no, pk, sk, &e)) return cli_fail(&e);
    rc = seed_write_keys(c->db, s.site_no, pk, sk, out, code, &e);
    memset(sk, 0, sizeof sk);
    if (rc) return cli_fail(&e);
    printf("Đã đổi khóa của văn phòng %s (trạm số %d); tệp khóa mới: %s\n"
           "Mã dùng một lần: %s\n"
           "Ở văn phòng: sangtao sync import %s\n", s.code, s.site_no, out, code, out);
    return CLI_OK;
}

int cmd_site(cli_ctx *c, int argc, char **argv)
{
    static const cli_sub subs[] = {
        {"add", si_add, "đăng ký văn phòng ngoại tuyến (máy chủ tỉnh)"},
        {"list", si_list, "các trạm đã biết"},
        {"seed", si_seed, "tệp khởi tạo văn phòng (máy chủ tỉnh)"},
        {"rekey", si_rekey, "cặp khóa mới cho văn phòng (máy chủ tỉnh)"},
    };
    return cli_dispatch(c, "site", subs, (int)(sizeof subs / sizeof subs[0]), argc, argv);
}

/* ---- sync export, import, status ------------------------------------------------ */

static int export_one(cli_ctx *c, int to, int full, const char *path)
{
    st_err e;
    err_clear(&e);
    uint64_t bytes = 0;
    if (sync_export_full(c->db, to, full, path, &bytes, &e)) return cli_fail(&e);
    sync_site s;
    const char *who = "máy chủ tỉnh";
    char buf[64];
    if (to > 0 && site_get_no(c->db, to, &s, &e) == ST_OK) {
        snprintf(buf, sizeof buf, "%s (trạm số %d)", s.code, s.site_no);
        who = buf;
    }
    printf("Đã ghi %s cho %s%s: %llu byte.\n", path, who,
           full ? " (đầy đủ, để sửa sai lệch)" : "", (unsigned long long)bytes);
    return CLI_OK;
}

typedef struct all_ctx {
    cli_ctx *c;
    const char *dir;
    int failed, done;
} all_ctx;

static int export_each(const sync_site *s, void *ud)
{
    all_ctx *x = ud;
    char path[4200];
    snprintf(path, sizeof path, "%s/%s.sangtao", x->dir, s->code);
    if (export_one(x->c, s->site_no, 0, path) != CLI_OK) x->failed++;
    else x->done++;
    return 0;
}

static int sy_export(cli_ctx *c, int argc, char **argv)
{
    const char *to = NULL, *out = NULL;
    int all = 0, full = 0;
    const cli_optdef defs[] = {{"to", CLI_VALUE, &to}, {"all", CLI_FLAG, &all},
                               {"full", CLI_FLAG, &full}, {"output", CLI_VALUE, &out},
                               {NULL, 0, NULL}};
    char *nargv[argc + 1];
    argc = take_o(argc, argv, nargv, &out);
    cli_args a;
    int rc = cli_parse(c, argc, nargv, defs,
        "Cách dùng: sangtao sync export [--to MÃ [--full]] -o TỆP\n"
        "       sangtao sync export --all -o THƯ_MỤC\n"
        "Ghi tệp trao đổi (quản trị viên): mọi thay đổi bên nhận chưa xác nhận đã nhận,\n"
        "ký và mã hóa cho bên nhận.  Ở văn phòng: cho máy chủ tỉnh (không cần --to).  Ở\n"
        "máy chủ tỉnh: cho văn phòng MÃ, hoặc --all: mỗi văn phòng một tệp THƯ_MỤC/MÃ.sangtao.\n"
        "Mất tệp thì chỉ cần xuất lại: mỗi tệp chứa mọi thứ chưa được xác nhận.\n"
        "--full (ở tỉnh, khi sync verify ở văn phòng báo khác): thêm mọi dòng văn phòng\n"
        "phải có; khi nhận, văn phòng sửa theo, giữ các thay đổi của mình chưa gửi đi.\n",
        0, 0, &a);
    if (rc != -1) return rc;
    if (!out) return cli_usage_error(c, "cần -o %s", all ? "THƯ_MỤC" : "TỆP");
    if (all && to) return cli_usage_error(c, "--all và --to không dùng cùng nhau");
    if (full && !to) return cli_usage_error(c, "--full cần --to MÃ");
    if ((rc = cli_session(c))) return rc;
    if ((rc = cli_need_admin(c, "xuất tệp trao đổi"))) return rc;
    st_err e;
    err_clear(&e);
    sync_me me;
    if (site_me(c->db, &me, &e)) return cli_fail(&e);
    memset(me.sk, 0, sizeof me.sk);
    if (all) {
        if (!me.is_hub) return cli_error("--all chỉ dùng ở máy chủ tỉnh");
        all_ctx x = {c, out, 0, 0};
        if (site_list(c->db, export_each, &x, &e)) return cli_fail(&e);
        if (!x.done && !x.failed) printf("Chưa có văn phòng nào (sangtao site add).\n");
        return x.failed ? CLI_FAIL : CLI_OK;
    }
    int no = 0;
    if (to) {
        sync_site s;
        if (site_get(c->db, to, &s, &e)) return cli_fail(&e);
        no = s.site_no;
    } else if (me.is_hub) {
        return cli_usage_error(c, "ở máy chủ tỉnh cần --to MÃ hoặc --all");
    }
    return export_one(c, no, full, out);
}

static int sy_import(cli_ctx *c, int argc, char **argv)
{
    cli_args a;
    int rc = cli_parse(c, argc, argv, NULL,
        "Cách dùng: sangtao sync import TỆP\n"
        "Nhận tệp trao đổi (quản trị viên).  Tệp hỏng, ký sai, của hệ thống khác, không\n"
        "gửi cho trạm này hoặc từ phiên bản mới hơn bị từ chối trước khi đổi bất cứ dòng\n"
        "nào.  Nhận lại một tệp, hoặc tệp cũ hơn, không đổi gì.  Tệp khóa mới (sau site\n"
        "rekey ở tỉnh): hỏi mã dùng một lần ($SANGTAO_SEED_CODE, terminal hoặc một dòng\n"
        "từ đầu vào chuẩn).\n", 1, 1, &a);
    if (rc != -1) return rc;
    if ((rc = cli_session(c))) return rc;
    if ((rc = cli_need_admin(c, "nhận tệp trao đổi"))) return rc;
    st_err e;
    err_clear(&e);
    bundle_hdr h;
    if (bundle_peek(a.pos[0], sync_max_bytes(c->db), &h, &e)) return cli_fail(&e);
    if (h.kind == BUNDLE_KEYS) {
        char *code = cli_password("Mã dùng một lần: ", 0, "SANGTAO_SEED_CODE", 1);
        if (!code) return CLI_FAIL;
        rc = seed_import_keys(c->db, a.pos[0], code, &e);
        cli_password_free(&code);
        if (rc) return cli_fail(&e);
        printf("Đã nhận khóa mới của trạm này từ %s.\n", a.pos[0]);
        return CLI_OK;
    }
    int from = 0;
    sync_result r;
    if (sync_import(c->db, a.pos[0], &from, &r, &e)) return cli_fail(&e);
    printf("Đã nhận %s từ trạm số %d: %d thay đổi mới, %d đã có, %d chờ phần còn thiếu, "
           "%d xung đột.\n", a.pos[0], from, r.changes_applied, r.changes_skipped,
           r.changes_waiting, r.conflicts);
    if (r.full_skipped)
        printf("Phần gửi đầy đủ không áp dụng: trạm này đã nhận thay đổi mới hơn hoặc còn thiếu "
               "một phần; hãy xin tỉnh xuất lại với --full.\n");
    if (r.full_applied) {
        printf("Đã sửa theo máy chủ tỉnh %d dòng.\n", r.repaired);
        for (int i = 0; i < r.repaired && i < SYNC_REPAIR_NAMES; i++)
            printf("  %s\n", r.repaired_rows[i]);
        if (r.repaired > SYNC_REPAIR_NAMES)
            printf("  … và %d dòng khác\n", r.repaired - SYNC_REPAIR_NAMES);
        if (r.unrepaired)
            printf("%d dòng không sửa được (sự kiện chỉ được thêm, không sửa).\n", r.unrepaired);
    }
    return CLI_OK;
}

static const cli_col status_cols[] = {
    {"site_no", "Số", 0, 1},
    {"code", "Mã", 0, 0},
    {"name", "Tên", 30, 0},
    {"last_export", "Gửi lần cuối", 0, 3},
    {"last_import", "Nhận lần cuối", 0, 3},
    {"last_applied", "Thay đổi nhận", 0, 1},
    {"last_conflicts", "Xung đột", 0, 1},
};
#define NSTATUS (int)(sizeof status_cols / sizeof status_cols[0])

static int status_out(const sync_peer_status *s, void *ud)
{
    cli_out *o = ud;
    char no[16], ex[32], im[32], ap[16], co[16];
    snprintf(no, sizeof no, "%d", s->site_no);
    if (o->fmt == FMT_TABLE) {
        local_time(s->last_export, ex);
        local_time(s->last_import, im);
    } else {
        snprintf(ex, sizeof ex, "%s", s->last_export);
        snprintf(im, sizeof im, "%s", s->last_import);
    }
    snprintf(ap, sizeof ap, "%d", s->last_applied);
    snprintf(co, sizeof co, "%d", s->last_conflicts);
    const char *v[NSTATUS] = {no, s->code, s->name, ex, im, ap, co};
    out_row(o, v);
    return 0;
}

static int status_query(cli_ctx *c, const void *arg, cli_out *o, st_err *e)
{
    (void)arg;
    return sync_status_peers(c->db, status_out, o, e);
}

static int sy_status(cli_ctx *c, int argc, char **argv)
{
    const char *format = NULL;
    const cli_optdef defs[] = {{"format", CLI_VALUE, &format}, {NULL, 0, NULL}};
    cli_args a;
    int fmt = FMT_TABLE;
    int rc = cli_parse(c, argc, argv, defs,
        "Cách dùng: sangtao sync status [--format table|json]\n"
        "Tình trạng trao đổi: trạm này, và với mỗi trạm bên kia lần gửi, lần nhận cuối,\n"
        "số thay đổi và xung đột của lần nhận cuối.\n", 0, 0, &a);
    if (rc != -1) return rc;
    if ((rc = cli_format(c, format, FMT_TABLE | FMT_JSON, &fmt))) return rc;
    if ((rc = cli_session(c))) return rc;
    st_err e;
    err_clear(&e);
    sync_me me;
    if (site_me(c->db, &me, &e)) return cli_fail(&e);
    memset(me.sk, 0, sizeof me.sk);
    if (fmt == FMT_TABLE)
        printf("Trạm này: số %d, %s; mã triển khai %s\n", me.site_no,
               me.is_hub ? "máy chủ tỉnh" : "văn phòng", me.deployment);
    static const cli_list l = {status_cols, NSTATUS, status_query, "trạm"};
    return cli_list_print(c, &l, fmt, NULL);
}

int cmd_sync(cli_ctx *c, int argc, char **argv)
{
    static const cli_sub subs[] = {
        {"export", sy_export, "ghi tệp trao đổi cho bên kia"},
        {"import", sy_import, "nhận tệp trao đổi (hoặc tệp khóa mới)"},
        {"status", sy_status, "tình trạng trao đổi"},
        {"verify", cli_sync_verify, "văn phòng: so dữ liệu với dấu kiểm của tỉnh"},
        {"conflicts", cli_sync_conflicts, "xung đột: danh sách, show SỐ, resolve SỐ"},
        {"ssh", cli_sync_ssh, "trao đổi hai chiều qua ssh khi có mạng"},
        {"serve", cli_sync_serve, "đầu bên kia của sync ssh (chạy qua ssh)"},
    };
    return cli_dispatch(c, "sync", subs, (int)(sizeof subs / sizeof subs[0]), argc, argv);
}
