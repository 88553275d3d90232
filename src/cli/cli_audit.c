/* sangtao audit: the audit trail, per proposal, per user, per period;
 * one row per changed field, as a table, CSV or JSON. */
#include "cli_internal.h"

#include <stdio.h>
#include <string.h>

#include "flow/audit.h"

static const cli_col audit_cols[] = {
    {"event_id", "Số", -1, 1},
    {"at", "Thời điểm", 0, 0},
    {"username", "Người", 0, 0},
    {"action", "Thao tác", 0, 0},
    {"proposal", "Đề xuất", -1, 3},
    {"record", "Đối tượng", 20, 0},
    {"field", "Trường", 0, 3},
    {"from", "Giá trị cũ", 30, 0},
    {"to", "Giá trị mới", 30, 0},
    {"comment", "Ghi chú", 30, 0},
    {"data", "Dữ liệu", -1, 2},
};
#define NAUDIT (int)(sizeof audit_cols / sizeof audit_cols[0])

static int audit_out(const audit_row *r, void *ud)
{
    cli_out *o = ud;
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)r->event_id);
    const char *v[NAUDIT] = {id, r->at, r->username, r->action, r->proposal, r->record,
                             r->field, r->from_value, r->to_value, r->comment, r->data};
    out_row(o, v);
    return 0;
}

static int audit_query(cli_ctx *c, const void *arg, cli_out *o, st_err *e)
{
    return audit_list(c->db, &c->me, arg, audit_out, o, e);
}

int cmd_audit(cli_ctx *c, int argc, char **argv)
{
    const char *user = NULL, *proposal = NULL, *from = NULL, *to = NULL, *format = NULL,
               *limit = NULL;
    const cli_optdef defs[] = {{"user", CLI_VALUE, &user}, {"proposal", CLI_VALUE, &proposal},
                               {"from", CLI_VALUE, &from}, {"to", CLI_VALUE, &to},
                               {"format", CLI_VALUE, &format}, {"limit", CLI_VALUE, &limit},
                               {NULL, 0, NULL}};
    cli_args a;
    int fmt = FMT_TABLE;
    int rc = cli_parse(c, argc, argv, defs,
        "Cách dùng: sangtao audit [--user TÊN] [--proposal MÃ] [--from NGÀY] [--to NGÀY]\n"
        "                         [--limit N] [--format table|csv|json]\n"
        "Nhật ký kiểm tra: ai đã sửa trường nào của hồ sơ nào, từ giá trị nào sang giá trị\n"
        "nào, và mọi đăng nhập, khóa tài khoản, đổi vai trò; mỗi trường thay đổi một dòng,\n"
        "cũ trước.  Nhật ký chỉ được ghi thêm, không sửa, không xóa được.\n"
        "  --proposal MÃ  nhật ký của một đề xuất (ai xem được đề xuất thì xem được)\n"
        "  --user TÊN     việc do tài khoản này làm và việc liên quan đến tài khoản này\n"
        "                 (của chính mình; quản trị viên: tài khoản trong phạm vi)\n"
        "  --from, --to   từ ngày, đến ngày (dd/mm/yyyy, giờ địa phương), tính cả hai ngày\n"
        "  --format       csv hoặc json để xuất ra tệp: sangtao audit --format csv > nk.csv\n"
        "Không có --proposal và --user: toàn bộ nhật ký trong phạm vi (quản trị viên).\n",
        0, 0, &a);
    if (rc != -1) return rc;
    if ((rc = cli_format(c, format, FMT_TABLE | FMT_CSV | FMT_JSON, &fmt))) return rc;
    long lim = limit ? cli_number(limit) : 0;
    if (lim < 0 || lim > 1000000000L)
        return cli_usage_error(c, "--limit cần một số nguyên không âm, không phải \"%.40s\"", limit);
    if ((rc = cli_session(c))) return rc;
    static const cli_list l = {audit_cols, NAUDIT, audit_query, "dòng nhật ký"};
    audit_filter f = {user, proposal, from, to, (int)lim};
    return cli_list_print(c, &l, fmt, &f);
}
