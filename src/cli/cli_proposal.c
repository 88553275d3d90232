/* sangtao proposal …: new, edit, list, show, act, actions, history, import.
 * Everything goes through proposal.h and workflow.h with the logged-in user,
 * so the command line obeys the same roles and scopes as the screens. */
#include "cli_internal.h"

#include <stdlib.h>
#include <string.h>

#include "flow/conflict.h"
#include "flow/proposal.h"
#include "base/workdays.h"
#include "flow/workflow.h"

static void print_fields(FILE *f)
{
    fputs("\nCác trường (* bắt buộc):\n", f);
    for (int i = 0; i < proposal_nfields(); i++) {
        const fielddef *d = proposal_field(i);
        fprintf(f, "  %-20s %s%s", d->name, d->label, d->flags & FF_REQUIRED ? " *" : "");
        if (d->choices) fprintf(f, " [%s]", d->choices);
        fputc('\n', f);
    }
    fputs("\nTỆP của --from: mỗi dòng TRƯỜNG=GIÁ_TRỊ; \\n là xuống dòng, \\\\ là dấu \\;\n"
          "dòng trống và dòng bắt đầu bằng # được bỏ qua.  --set ghi đè --from.\n", f);
}

/* --from FILE first, then every --set (the last value of a name wins). */
static int gather(const char *from, const cli_kvs *sets, cli_kvs *all)
{
    if (from) {
        int rc = cli_kvs_from_file(all, from);
        if (rc) return rc;
    }
    for (int i = 0; i < sets->n; i++)
        if (cli_kvs_add(all, sets->kv[i].name, sets->kv[i].value, 0) != ST_OK)
            return cli_error("hết bộ nhớ");
    return CLI_OK;
}

static int version_opt(cli_ctx *c, const char *s, int64_t *out)
{
    *out = 0;
    if (!s) return CLI_OK;
    long v = cli_number(s);
    if (v <= 0) return cli_usage_error(c, "--version cần một số nguyên dương, không phải \"%.40s\"", s);
    *out = v;
    return CLI_OK;
}

/* What new, edit and act are given: --set NAME=VALUE…, --from FILE and,
 * for edit and act, --version N. */
typedef struct input {
    cli_kvs sets, all;     /* all: what --from read, then every --set */
    const char *from, *ver;
    int64_t version;
} input;

/* The options that fill in, into defs (ended by its NULL row). */
static void input_defs(input *in, int with_version, cli_optdef defs[4])
{
    const cli_optdef end = {NULL, 0, NULL};
    defs[0] = (cli_optdef){"set", CLI_SET, &in->sets};
    defs[1] = (cli_optdef){"from", CLI_VALUE, &in->from};
    defs[2] = with_version ? (cli_optdef){"version", CLI_VALUE, &in->ver} : end;
    defs[3] = end;
}

/* --version checked, --from and --set gathered, the user logged in:
 * CLI_OK or the exit code. */
static int input_ready(cli_ctx *c, input *in)
{
    int rc = version_opt(c, in->ver, &in->version);
    if (!rc) rc = gather(in->from, &in->sets, &in->all);
    if (!rc) rc = cli_session(c);
    return rc;
}

static void input_free(input *in)
{
    cli_kvs_free(&in->sets);
    cli_kvs_free(&in->all);
}

/* new and edit: parse npos arguments and the input; --help prints usage
 * and the table of fields; no --set nor --from is a usage error; then
 * input_ready.  -1 to go on, else the exit code. */
static int input_parse(cli_ctx *c, int argc, char **argv, input *in, int with_version,
                       const char *usage, int npos, cli_args *a)
{
    cli_optdef defs[4];
    input_defs(in, with_version, defs);
    int rc = cli_parse(c, argc, argv, defs, NULL, npos, npos, a);
    if (rc != -1) return rc;
    if (a->help) {
        fputs(usage, stdout);
        print_fields(stdout);
        return CLI_OK;
    }
    if (!in->from && in->sets.n == 0)
        return cli_usage_error(c, "cần --set TRƯỜNG=GIÁ_TRỊ hoặc --from TỆP");
    rc = input_ready(c, in);
    return rc ? rc : -1;
}

static int p_new(cli_ctx *c, int argc, char **argv)
{
    input in = {0};
    cli_args a;
    int rc = input_parse(c, argc, argv, &in, 0,
                         "Cách dùng: sangtao proposal new --set TRƯỜNG=GIÁ_TRỊ… | --from TỆP\n"
                         "Lập dự thảo đề xuất (chuyên viên); in mã đề xuất mới.\n", 0, &a);
    if (rc == -1) {
        rc = CLI_OK;
        st_err e;
        err_clear(&e);
        char code[32];
        if (proposal_create(c->db, &c->me, in.all.kv, in.all.n, code, &e) != ST_OK)
            rc = cli_fail(&e);
        else printf("%s\n", code);
    }
    input_free(&in);
    return rc;
}

/* After a refused save: each field the user gave that differs from what
 * is saved now, their value beside the saved one. */
static void conflict_print(const proposal_conflict *cf, FILE *f)
{
    if (!cf || cf->n == 0) return;
    fprintf(f, "Khác với bản đã lưu (phiên bản %lld):\n", (long long)cf->their_version);
    for (int i = 0; i < cf->n; i++) {
        char *mine = cli_cell(cf->f[i].mine ? cf->f[i].mine : "", 60);
        char *theirs = cli_cell(cf->f[i].theirs, 60);
        fprintf(f, "  %s (%s)\n    bạn sửa:     %s\n    bản đã lưu:  %s\n", cf->f[i].label,
                cf->f[i].name, mine ? mine : "", theirs ? theirs : "");
        free(mine);
        free(theirs);
    }
    fprintf(f, "Sửa lại với --version %lld để giữ giá trị của bạn.\n", (long long)cf->their_version);
}

static int p_edit(cli_ctx *c, int argc, char **argv)
{
    input in = {0};
    cli_args a;
    int rc = input_parse(c, argc, argv, &in, 1,
        "Cách dùng: sangtao proposal edit MÃ --set TRƯỜNG=GIÁ_TRỊ… [--from TỆP] [--version N]\n"
        "Sửa đề xuất đang là dự thảo hoặc bị trả lại.  --version N: chỉ lưu khi đề xuất\n"
        "vẫn ở phiên bản N (không ai sửa trong lúc đó).\n", 1, &a);
    if (rc == -1) {
        rc = CLI_OK;
        st_err e;
        err_clear(&e);
        proposal_conflict *cf = NULL;
        if (proposal_save(c->db, &c->me, a.pos[0], in.all.kv, in.all.n, NULL, 0, in.version,
                          &cf, &e) != ST_OK) {
            rc = cli_fail(&e);
            conflict_print(cf, stderr);   /* both sides, so nothing is lost */
        } else {
            printf("Đã lưu %s\n", a.pos[0]);
        }
        proposal_conflict_free(&cf);
    }
    input_free(&in);
    return rc;
}

static const cli_col list_cols[] = {
    {"code", "Mã", 0, 0},
    {"state", "Trạng thái", -1, 0},
    {"state_label", "Trạng thái", 24, 0},
    {"unit_code", "Đơn vị", 0, 0},
    {"unit_name", "Tên đơn vị", -1, 0},
    {"field", "Lĩnh vực", -1, 0},
    {"lead", "Tác giả", -1, 0},
    {"due_date", "Hạn", 0, 3},
    {"created_at", "Tạo lúc", -1, 0},
    {"updated_at", "Cập nhật", -1, 0},
    {"version", "Phiên bản", -1, 1},
    {"title", "Tên đề xuất", 50, 0},
};
#define NLIST (int)(sizeof list_cols / sizeof list_cols[0])

static int list_row(const proposal_row *r, void *ud)
{
    char ver[24];
    snprintf(ver, sizeof ver, "%lld", (long long)r->version);
    const char *v[NLIST] = {r->code, r->state_name, r->state_label, r->unit_code, r->unit_name,
                            r->field_name, r->lead_name, r->due_date, r->created_at,
                            r->updated_at, ver, r->title};
    out_row(ud, v);
    return 0;
}

static int list_query(cli_ctx *c, const void *arg, cli_out *o, st_err *e)
{
    return proposal_list(c->db, &c->me, arg, list_row, o, e);
}

static const char list_usage[] =
    "Cách dùng: sangtao proposal list [--state S] [--unit MÃ] [--field MÃ]\n"
    "           [--search CHỮ] [--from NGÀY] [--to NGÀY]\n"
    "           [--sort CỘT] [--desc] [--limit N] [--offset N]\n"
    "           [--format table|csv|json]\n"
    "Liệt kê đề xuất trong phạm vi của bạn.\n"
    "  --state S      trạng thái (sangtao help workflow)\n"
    "  --unit MÃ      đơn vị và các đơn vị trực thuộc\n"
    "  --field MÃ     lĩnh vực\n"
    "  --search CHỮ   tìm trong mã và tên (không phân biệt dấu, hoa thường)\n"
    "  --from, --to   tạo từ ngày, đến ngày (dd/mm/yyyy, giờ địa phương), tính cả hai ngày\n"
    "  --sort CỘT     code|title|state|unit|updated|due (mặc định: updated, mới trước)\n"
    "  --desc         sắp xếp giảm dần\n"
    "  --limit N      tối đa N dòng (0: tất cả)\n"
    "  --offset N     bỏ qua N dòng đầu\n"
    "  --format F     table (bảng, mặc định), csv (UTF-8, có dòng tiêu đề) hoặc json\n";

static int p_list(cli_ctx *c, int argc, char **argv)
{
    proposal_filter f;
    memset(&f, 0, sizeof f);
    const char *limit = NULL, *offset = NULL, *format = NULL;
    const cli_optdef defs[] = {
        {"state", CLI_VALUE, &f.state}, {"unit", CLI_VALUE, &f.unit},
        {"field", CLI_VALUE, &f.field}, {"search", CLI_VALUE, &f.search},
        {"from", CLI_VALUE, &f.from}, {"to", CLI_VALUE, &f.to},
        {"sort", CLI_VALUE, &f.sort}, {"desc", CLI_FLAG, &f.desc},
        {"limit", CLI_VALUE, &limit}, {"offset", CLI_VALUE, &offset},
        {"format", CLI_VALUE, &format}, {NULL, 0, NULL}};
    cli_args a;
    int fmt = FMT_TABLE;
    int rc = cli_parse(c, argc, argv, defs, list_usage, 0, 0, &a);
    if (rc != -1) return rc;
    if ((rc = cli_format(c, format, FMT_TABLE | FMT_CSV | FMT_JSON, &fmt))) return rc;
    long n;
    if (limit && (n = cli_number(limit)) < 0)
        return cli_usage_error(c, "--limit cần một số nguyên ≥ 0");
    else if (limit) f.limit = (int)n;
    if (offset && (n = cli_number(offset)) < 0)
        return cli_usage_error(c, "--offset cần một số nguyên ≥ 0");
    else if (offset) f.offset = (int)n;
    char from_iso[11], to_iso[11];   /* dd/mm/yyyy or ISO in, ISO to the core */
    const char **dates[2] = {&f.from, &f.to};
    char *iso[2] = {from_iso, to_iso};
    for (int i = 0; i < 2; i++) {
        st_day d;
        st_err de;
        if (!*dates[i]) continue;
        if (date_parse(*dates[i], &d, &de) != ST_OK)
            return cli_usage_error(c, "%s %s", i ? "--to:" : "--from:", de.msg);
        date_iso(d, iso[i]);
        *dates[i] = iso[i];
    }
    if (f.state && wf_state_parse(f.state) < 0) {
        char list[400] = "";
        for (int s = 0; s < S_COUNT; s++) {
            if (s) strcat(list, ", ");
            strcat(list, wf_state_name(s));
        }
        return cli_error("trạng thái không tồn tại: \"%.40s\"; các trạng thái: %s", f.state, list);
    }
    if ((rc = cli_session(c))) return rc;
    static const cli_list l = {list_cols, NLIST, list_query, "đề xuất"};
    return cli_list_print(c, &l, fmt, &f);
}

static int p_show(cli_ctx *c, int argc, char **argv)
{
    const char *format = NULL;
    const cli_optdef defs[] = {{"format", CLI_VALUE, &format}, {NULL, 0, NULL}};
    cli_args a;
    int fmt = FMT_TEXT;
    int rc = cli_parse(c, argc, argv, defs,
                       "Cách dùng: sangtao proposal show MÃ [--format text|json]\n"
                       "Toàn bộ hồ sơ một đề xuất: nội dung, người đề xuất, ý kiến, biểu quyết,\n"
                       "quyết định, nguồn lực, theo dõi, kết quả, đánh giá, nhân rộng, khen thưởng\n"
                       "và lịch sử.\n", 1, 1, &a);
    if (rc != -1) return rc;
    if ((rc = cli_format(c, format, FMT_TEXT | FMT_JSON, &fmt))) return rc;
    if ((rc = cli_session(c))) return rc;
    st_err e;
    err_clear(&e);
    if (fmt == FMT_TEXT) {
        if (proposal_show_text(c->db, &c->me, a.pos[0], stdout, &e) != ST_OK) return cli_fail(&e);
        return CLI_OK;
    }
    char *json = NULL;
    if (proposal_show_json(c->db, &c->me, a.pos[0], &json, &e) != ST_OK) return cli_fail(&e);
    fputs(json, stdout);
    fputc('\n', stdout);
    free(json);
    return CLI_OK;
}

static void act_usage(void)
{
    fputs("Cách dùng: sangtao proposal act MÃ THAO_TÁC [--set TRƯỜNG=GIÁ_TRỊ…] [--from TỆP]\n"
          "                                [--version N]\n"
          "           sangtao proposal act --help THAO_TÁC\n"
          "Thực hiện một thao tác của quy trình với đề xuất.  --version N: chỉ thực hiện\n"
          "khi đề xuất vẫn ở phiên bản N.  Các trường của mỗi thao tác:\n"
          "sangtao proposal act --help THAO_TÁC, hoặc sangtao help workflow.\n\n"
          "Thao tác:\n", stdout);
    for (int i = 0; i < wf_action_count(); i++) {
        const wf_action *w = wf_action_at(i);
        if (wf_action_to(w) == S_DRAFT) continue;   /* create: proposal new */
        printf("  %-20s %s\n", wf_action_name(w), wf_action_label(w));
    }
}

static int p_act(cli_ctx *c, int argc, char **argv)
{
    input in = {0};
    cli_optdef defs[4];
    input_defs(&in, 1, defs);
    cli_args a;
    int rc = cli_parse(c, argc, argv, defs, NULL, 2, 2, &a);
    if (rc == -1 && a.help) {
        const wf_action *w = NULL;
        for (int i = a.npos - 1; i >= 0 && !w; i--) w = wf_action_find(a.pos[i]);
        if (w) workflow_print_action_help(w, stdout);
        else act_usage();
        rc = CLI_OK;
    } else if (rc == -1 && !(rc = input_ready(c, &in))) {
        st_err e;
        err_clear(&e);
        proposal_head h;
        char *notes = NULL;
        if (workflow_apply_noted(c->db, &c->me, a.pos[0], a.pos[1], in.all.kv, in.all.n,
                                 in.version, &e, &notes) != ST_OK) {
            rc = cli_fail(&e);
        } else {
            /* the warnings it was taken with: after the result, exit 0 */
            char warn[sizeof e.msg];
            snprintf(warn, sizeof warn, "%s", e.msg);
            err_clear(&e);
            if (proposal_get_head(c->db, &c->me, a.pos[0], &h, &e) != ST_OK)
                printf("%s: %s xong\n", a.pos[0], a.pos[1]);   /* done, but now out of sight */
            else
                printf("%s: %s xong; trạng thái: %s (%s)\n", h.code, a.pos[1],
                       wf_state_label(h.state), wf_state_name(h.state));
            cli_warn_notes(notes ? notes : warn);
        }
        free(notes);
    }
    input_free(&in);
    return rc;
}

static int p_actions(cli_ctx *c, int argc, char **argv)
{
    cli_args a;
    int rc = cli_parse(c, argc, argv, NULL,
                       "Cách dùng: sangtao proposal actions MÃ\n"
                       "Các thao tác bạn được thực hiện với đề xuất ở trạng thái hiện tại.\n",
                       1, 1, &a);
    if (rc != -1) return rc;
    if ((rc = cli_session(c))) return rc;
    st_err e;
    err_clear(&e);
    proposal_head h;
    if (proposal_get_head(c->db, &c->me, a.pos[0], &h, &e) != ST_OK) return cli_fail(&e);
    printf("%s: %s (%s), phiên bản %lld\n", h.code, wf_state_label(h.state),
           wf_state_name(h.state), (long long)h.version);
    int n = 0;
    for (int i = 0; i < wf_action_count(); i++) {
        const wf_action *w = wf_action_at(i);
        if (wf_action_to(w) == S_DRAFT || !wf_action_allowed(w, c->me.roles, h.state)) continue;
        printf("  %-20s %s\n", wf_action_name(w), wf_action_label(w));
        if (strcmp(wf_action_name(w), "edit") != 0) {
            /* what the record lacks for it, from the workflow's own rules */
            wf_pre pre;
            st_err pe;
            err_clear(&pe);
            if (workflow_pre(c->db, &c->me, h.code, wf_action_name(w), &pre, &pe) != ST_OK)
                printf("  %-20s   chưa được: %s\n", "", pe.msg);
            else if (pre.limit[0])
                printf("  %-20s   %s\n", "", pre.limit);
        }
        n++;
    }
    if (!n) printf("  (bạn không có thao tác nào với đề xuất này lúc này)\n");
    return CLI_OK;
}

static const cli_col hist_cols[] = {
    {"id", "Số", -1, 1},
    {"at", "Thời điểm", 0, 0},
    {"username", "Người", 0, 0},
    {"action", "Thao tác", 0, 0},
    {"from_state", "Từ", 0, 3},
    {"to_state", "Sang", 0, 3},
    {"doc_no", "Số văn bản", 16, 0},
    {"doc_date", "Ngày ký", -1, 3},
    {"comment", "Ghi chú", 40, 0},
    {"data", "Dữ liệu", -1, 2},
};
#define NHIST (int)(sizeof hist_cols / sizeof hist_cols[0])

static int hist_row(const event_row *r, void *ud)
{
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)r->id);
    const char *v[NHIST] = {id, r->at, r->username, r->action, r->from_state, r->to_state,
                            r->doc_no, r->doc_date, r->comment, r->data};
    out_row(ud, v);
    return 0;
}

static int hist_query(cli_ctx *c, const void *arg, cli_out *o, st_err *e)
{
    const cli_args *a = arg;
    proposal_head h;
    /* Look the code up first, so that an unknown code is an error and not
     * an empty table. */
    int rc = proposal_get_head(c->db, &c->me, a->pos[0], &h, e);
    if (rc != ST_OK) return rc;
    return proposal_history(c->db, &c->me, a->pos[0], hist_row, o, e);
}

static int p_history(cli_ctx *c, int argc, char **argv)
{
    static const cli_list l = {hist_cols, NHIST, hist_query, NULL};
    return cli_list_command(c, argc, argv,
        "Cách dùng: sangtao proposal history MÃ [--format table|csv|json]\n"
        "Nhật ký mọi thao tác với đề xuất, cũ trước (không sửa, không xóa được).\n",
        1, &l);
}

static int p_import(cli_ctx *c, int argc, char **argv)
{
    return cli_import_command(c, argc, argv,
        "Cách dùng: sangtao proposal import TỆP.csv\n"
        "Nhập nhiều đề xuất từ bảng tính (CSV UTF-8): dòng đầu là tên trường\n"
        "(như --set) hoặc nhãn tiếng Việt của trường, có dấu hay không dấu (\"Tên đề\n"
        "xuất\", \"ten de xuat\"); danh sách: sangtao proposal new --help.  Mỗi dòng\n"
        "sau một đề xuất.  Ô cách nhau bằng dấu phẩy, hoặc dấu chấm phẩy (Excel tiếng\n"
        "Việt).  Nhập tất cả hoặc không dòng nào; dòng sai được nêu số dòng.\n",
        proposal_import_csv, "đề xuất");
}

int cmd_proposal(cli_ctx *c, int argc, char **argv)
{
    static const cli_sub subs[] = {
        {"new", p_new, "lập dự thảo đề xuất"},
        {"edit", p_edit, "sửa dự thảo hoặc đề xuất bị trả lại"},
        {"list", p_list, "liệt kê, lọc, xuất CSV/JSON"},
        {"show", p_show, "xem toàn bộ hồ sơ"},
        {"act", p_act, "thực hiện một thao tác của quy trình"},
        {"actions", p_actions, "các thao tác bạn được làm lúc này"},
        {"history", p_history, "nhật ký thao tác"},
        {"import", p_import, "nhập từ tệp CSV"},
    };
    return cli_dispatch(c, "proposal", subs, (int)(sizeof subs / sizeof subs[0]), argc, argv);
}
