/* sangtao attach CODE FILE and sangtao attachment list|get: the documents
 * filed with a proposal (src/flow/attach.c does the work). */
#include "cli_internal.h"

#include <stdlib.h>
#include <string.h>

#include "flow/attach.h"

int cmd_attach(cli_ctx *c, int argc, char **argv)
{
    const char *kind = NULL, *title = NULL;
    const cli_optdef defs[] = {{"kind", CLI_VALUE, &kind}, {"title", CLI_VALUE, &title},
                               {NULL, 0, NULL}};
    cli_args a;
    int rc = cli_parse(c, argc, argv, defs,
        "Cách dùng: sangtao attach MÃ TỆP [--kind LOẠI] [--title TIÊU_ĐỀ]\n"
        "Đính kèm một tài liệu vào hồ sơ đề xuất MÃ: tệp được lưu trong cơ sở dữ liệu\n"
        "cùng mã SHA-256.  Loại tệp xét theo nội dung: PDF, JPEG, PNG, TIFF, DOCX, XLSX,\n"
        "ODT, DOC; chương trình, tệp có macro và tệp lạ bị từ chối.  Giới hạn dung lượng:\n"
        "attachments.max_mb.  TỆP được đọc bằng quyền của chính bạn.\n"
        "LOẠI: plan (kế hoạch đã ký), minutes (biên bản họp), ballots (phiếu biểu quyết),\n"
        "party_opinion (ý kiến cấp ủy), decision (quyết định), result_report (báo cáo\n"
        "kết quả), evaluation_minutes (biên bản đánh giá), other (mặc định).\n", 2, 2, &a);
    if (rc != -1) return rc;
    if ((rc = cli_session(c))) return rc;
    st_err e;
    err_clear(&e);
    int64_t id = 0;
    if (attach_add(c->db, &c->me, a.pos[0], a.pos[1], kind ? kind : "", title ? title : "", &id,
                   &e) != ST_OK)
        return cli_fail(&e);
    printf("Đã đính kèm %s vào đề xuất %s (tệp số %lld)\n", a.pos[1], a.pos[0], (long long)id);
    return CLI_OK;
}

static const cli_col att_cols[] = {
    {"id", "Số", 0, 1}, {"kind", "Loại", 30, 0}, {"title", "Tiêu đề", 40, 0},
    {"filename", "Tệp", 30, 0}, {"type", "Kiểu", -1, 0}, {"size", "Byte", 0, 1},
    {"sha256", "SHA-256", -1, 0}, {"created_at", "Lúc", -1, 0}, {"username", "Người", 16, 0},
};
#define NATT (int)(sizeof att_cols / sizeof att_cols[0])

struct att_ud { cli_out *o; };

static int att_row(const attach_row *r, void *ud)
{
    char id[32], size[32], klabel[160];
    snprintf(id, sizeof id, "%lld", (long long)r->id);
    snprintf(size, sizeof size, "%lld", r->size);
    const char *vals[NATT] = {id, field_choice_label(attach_kind_field(), r->kind, klabel,
                              sizeof klabel), r->title, r->filename, r->mime, size, r->sha256,
                              r->created_at, r->username};
    out_row(((struct att_ud *)ud)->o, vals);
    return 0;
}

static int att_query(cli_ctx *c, const void *arg, cli_out *o, st_err *e)
{
    const cli_args *a = arg;
    struct att_ud ud = {o};
    return attach_list(c->db, &c->me, a->pos[0], att_row, &ud, e);
}

static int a_list(cli_ctx *c, int argc, char **argv)
{
    static const cli_list l = {att_cols, NATT, att_query, "tệp đính kèm"};
    return cli_list_command(c, argc, argv,
        "Cách dùng: sangtao attachment list MÃ [--format table|csv|json]\n"
        "Các tài liệu đính kèm hồ sơ đề xuất MÃ, cũ trước.\n", 1, &l);
}

static int a_get(cli_ctx *c, int argc, char **argv)
{
    const char *out = NULL;
    const cli_optdef defs[] = {{"output", CLI_VALUE, &out}, {NULL, 0, NULL}};
    /* -o is --output (the option parser knows long names only) */
    char **args = calloc((size_t)argc + 1, sizeof *args);
    if (!args) return cli_error("hết bộ nhớ");
    static char output[] = "--output";
    for (int i = 0; i < argc; i++) args[i] = strcmp(argv[i], "-o") == 0 ? output : argv[i];
    cli_args a;
    int rc = cli_parse(c, argc, args, defs,
        "Cách dùng: sangtao attachment get SỐ -o TỆP\n"
        "Xuất tài liệu đính kèm số SỐ ra TỆP mới (không ghi đè tệp đã có), sau khi\n"
        "kiểm tra mã SHA-256 đã lưu.  TỆP được tạo bằng quyền của chính bạn, chế độ 0600.\n",
        1, 1, &a);
    free(args);
    if (rc != -1) return rc;
    if (!out || !*out) return cli_usage_error(c, "thiếu -o TỆP");
    long id = cli_number(a.pos[0]);
    if (id <= 0) return cli_usage_error(c, "SỐ tệp đính kèm không hợp lệ: %.40s", a.pos[0]);
    if ((rc = cli_session(c))) return rc;
    st_err e;
    err_clear(&e);
    long long size = 0;
    char name[256];
    if (attach_get(c->db, &c->me, id, out, &size, name, &e) != ST_OK) return cli_fail(&e);
    printf("Đã xuất tệp đính kèm số %ld (%s, %lld byte) ra %s\n", id, name, size, out);
    return CLI_OK;
}

int cmd_attachment(cli_ctx *c, int argc, char **argv)
{
    static const cli_sub subs[] = {
        {"list", a_list, "các tài liệu đính kèm một đề xuất"},
        {"get", a_get, "xuất một tài liệu đính kèm ra tệp"},
    };
    return cli_dispatch(c, "attachment", subs, (int)(sizeof subs / sizeof subs[0]), argc, argv);
}
