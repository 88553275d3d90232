/* sangtao sync verify and sangtao sync conflicts [show ID | resolve ID]:
 * is this office in line with the hub, and the conflicts the hub recorded.
 * The engine (sync/sync.h) compares and resolves; this file words it. */
#include "cli_internal.h"

#include <stdlib.h>
#include <string.h>

#include "sync/site.h"
#include "sync/sync.h"

/* ---- verify ----------------------------------------------------------------------- */

static int verify_out(const char *table, int64_t hub_rows, int64_t here_rows, void *ud)
{
    int *shown = ud;
    if (!(*shown)++) printf("Các bảng khác với máy chủ tỉnh:\n");
    if (hub_rows == here_rows)
        printf("  %-22s cùng %lld dòng, nội dung khác\n", table, (long long)hub_rows);
    else
        printf("  %-22s tỉnh %lld dòng, ở đây %lld\n", table, (long long)hub_rows,
               (long long)here_rows);
    return 0;
}

int cli_sync_verify(cli_ctx *c, int argc, char **argv)
{
    cli_args a;
    int rc = cli_parse(c, argc, argv, NULL,
        "Cách dùng: sangtao sync verify\n"
        "Ở văn phòng: so dữ liệu ở đây với dấu kiểm máy chủ tỉnh gửi kèm tệp trao đổi\n"
        "cuối cùng (từng bảng, chỉ phần của cây đơn vị văn phòng).  In các bảng khác\n"
        "nhau; mã thoát 1 khi có bảng khác.  Thay đổi ở đây tỉnh chưa nhận được để\n"
        "riêng khi so.  Sửa: ở tỉnh sangtao sync export --to MÃ --full -o TỆP, ở văn\n"
        "phòng sangtao sync import TỆP.\n", 0, 0, &a);
    if (rc != -1) return rc;
    if ((rc = cli_session(c))) return rc;
    st_err e;
    err_clear(&e);
    sync_me me;
    if (site_me(c->db, &me, &e)) return cli_fail(&e);
    memset(me.sk, 0, sizeof me.sk);
    if (me.is_hub)
        return cli_error("sync verify dùng ở văn phòng: máy chủ tỉnh là bản gốc để so");
    int ndiff = 0, shown = 0;
    if (sync_verify(c->db, verify_out, &shown, &ndiff, &e)) return cli_fail(&e);
    if (!ndiff) {
        printf("Dữ liệu văn phòng khớp với máy chủ tỉnh (mọi bảng trao đổi).\n");
        return CLI_OK;
    }
    printf("%d bảng khác.  Sửa: ở tỉnh sangtao sync export --to %s --full -o TỆP, ở đây\n"
           "sangtao sync import TỆP (thay đổi ở đây chưa gửi đi được giữ).\n", ndiff,
           config_str(c->cfg, "site.code"));
    return CLI_FAIL;
}

/* ---- conflicts -------------------------------------------------------------------- */

static const char *kind_vi(const char *k)
{
    return strcmp(k, "workflow") == 0 ? "quy trình" : "trường";
}

static const char *resolution_vi(const sync_conflict *x)
{
    if (x->open) return "chưa giải quyết";
    return strcmp(x->resolution, "took") == 0 ? "lấy giá trị bị thay" : "giữ giá trị hiện có";
}

static const cli_col conf_cols[] = {
    {"id", "Số", 0, 1},
    {"kind", "Loại", 0, 0},
    {"proposal", "Đề xuất", 0, 0},
    {"table", "Bảng", -1, 0},
    {"column", "Trường", 0, 0},
    {"kept_value", "Giá trị hiện có", 24, 0},
    {"kept_site", "Trạm", 0, 1},
    {"lost_value", "Giá trị bị thay", 24, 0},
    {"lost_site", "Trạm", 0, 1},
    {"created_at", "Lúc", -1, 0},
    {"state", "Tình trạng", 0, 0},
    {"resolved_by", "Người giải quyết", -1, 3},
};
#define NCONF (int)(sizeof conf_cols / sizeof conf_cols[0])

typedef struct conf_q {
    int all;
    cli_out *o;
} conf_q;

static int conf_out(const sync_conflict *x, void *ud)
{
    conf_q *q = ud;
    char id[24], ks[16], ls[16];
    snprintf(id, sizeof id, "%lld", (long long)x->id);
    snprintf(ks, sizeof ks, "%d", x->kept_site);
    snprintf(ls, sizeof ls, "%d", x->lost_site);
    int tab = q->o->fmt == FMT_TABLE;
    const char *state = tab ? resolution_vi(x) : x->open ? "open" : x->resolution;
    const char *v[NCONF] = {id, tab ? kind_vi(x->kind) : x->kind, x->code, x->table, x->column,
                            x->kept_value, ks, x->lost_value, ls, x->created_at, state,
                            x->resolved_by};
    out_row(q->o, v);
    return 0;
}

static int conf_query(cli_ctx *c, const void *arg, cli_out *o, st_err *e)
{
    conf_q q = {*(const int *)arg, o};
    return sync_conflicts_list(c->db, !q.all, conf_out, &q, e);
}

typedef struct conf_one {
    int64_t id;
    int found;
    int me;
    const char *take;      /* resolve: mine | theirs | kept | lost, else NULL */
    int take_lost;         /* out: 1 write the lost value back */
} conf_one;

static void show_value(const char *label, const char *v, int site, int me)
{
    printf("%s: %s\n    (trạm số %d%s)\n", label, v[0] ? v : "(trống)", site,
           site == me ? ", trạm này" : "");
}

static int conf_show(const sync_conflict *x, void *ud)
{
    conf_one *o = ud;
    if (x->id != o->id) return 0;
    o->found = 1;
    printf("Xung đột số %lld (%s), ghi lúc %s\n", (long long)x->id, kind_vi(x->kind),
           x->created_at);
    if (x->code[0]) printf("Đề xuất: %s — %s\n", x->code, x->title);
    printf("Trường: %s.%s (dòng %lld)\n", x->table, x->column, (long long)x->row_id);
    show_value("Giá trị hiện có", x->kept_value, x->kept_site, o->me);
    show_value("Giá trị bị thay", x->lost_value, x->lost_site, o->me);
    if (x->detail[0]) printf("Ghi chú: %s\n", x->detail);
    if (x->open)
        printf("Tình trạng: chưa giải quyết (sangtao sync conflicts resolve %lld --take "
               "mine|theirs)\n", (long long)x->id);
    else
        printf("Tình trạng: %s, %s lúc %s\n", resolution_vi(x), x->resolved_by, x->resolved_at);
    return 0;
}

/* mine/theirs named from this site: the value this site wrote is "mine". */
static int conf_take(const sync_conflict *x, void *ud)
{
    conf_one *o = ud;
    if (x->id != o->id) return 0;
    o->found = 1;
    if (strcmp(o->take, "kept") == 0) o->take_lost = 0;
    else if (strcmp(o->take, "lost") == 0) o->take_lost = 1;
    else {
        int mine = strcmp(o->take, "mine") == 0;
        int lost_here = x->lost_site == o->me, kept_here = x->kept_site == o->me;
        if (lost_here == kept_here) {
            o->found = -1;   /* neither (or both) written here: ambiguous */
            return 0;
        }
        o->take_lost = mine ? lost_here : kept_here;
    }
    return 0;
}

static int parse_id(const char *s, int64_t *id)
{
    char *end;
    long long v = strtoll(s, &end, 10);
    if (!*s || *end || v <= 0) return -1;
    *id = v;
    return 0;
}

static int cf_show(cli_ctx *c, int argc, char **argv)
{
    cli_args a;
    int rc = cli_parse(c, argc, argv, NULL,
        "Cách dùng: sangtao sync conflicts show SỐ\n"
        "Một xung đột, hai giá trị cạnh nhau: giá trị hiện có và giá trị bị thay, trạm\n"
        "đã ghi mỗi giá trị.\n", 1, 1, &a);
    if (rc != -1) return rc;
    conf_one o = {0, 0, 0, NULL, 0};
    if (parse_id(a.pos[0], &o.id)) return cli_usage_error(c, "SỐ xung đột không hợp lệ: %s", a.pos[0]);
    if ((rc = cli_session(c))) return rc;
    st_err e;
    err_clear(&e);
    sync_me me;
    if (site_me(c->db, &me, &e)) return cli_fail(&e);
    memset(me.sk, 0, sizeof me.sk);
    o.me = me.site_no;
    if (sync_conflicts_list(c->db, 0, conf_show, &o, &e)) return cli_fail(&e);
    if (!o.found) return cli_error("không có xung đột số %s", a.pos[0]);
    return CLI_OK;
}

static int cf_resolve(cli_ctx *c, int argc, char **argv)
{
    const char *take = NULL;
    const cli_optdef defs[] = {{"take", CLI_VALUE, &take}, {NULL, 0, NULL}};
    cli_args a;
    int rc = cli_parse(c, argc, argv, defs,
        "Cách dùng: sangtao sync conflicts resolve SỐ --take mine|theirs|kept|lost\n"
        "Giải quyết một xung đột (quản trị, lãnh đạo, chuyên viên): kept giữ giá trị\n"
        "hiện có, lost ghi lại giá trị bị thay; mine/theirs: giá trị trạm này đã ghi, hay\n"
        "của trạm bên kia.  Nhiều trường của một đề xuất: giải quyết từng xung đột, mỗi\n"
        "trường một lựa chọn.  Xung đột quy trình chỉ giữ được: thao tác bị từ chối phải\n"
        "làm lại theo quy trình.  Việc giải quyết là một thay đổi bình thường: đi theo\n"
        "lần trao đổi sau, bên kia thấy đã giải quyết.\n", 1, 1, &a);
    if (rc != -1) return rc;
    conf_one o = {0, 0, 0, take, 0};
    if (parse_id(a.pos[0], &o.id)) return cli_usage_error(c, "SỐ xung đột không hợp lệ: %s", a.pos[0]);
    if (!take) return cli_usage_error(c, "cần --take mine|theirs|kept|lost");
    if (strcmp(take, "mine") && strcmp(take, "theirs") && strcmp(take, "kept") &&
        strcmp(take, "lost"))
        return cli_usage_error(c, "--take: mine, theirs, kept hoặc lost, không phải \"%s\"", take);
    if ((rc = cli_session(c))) return rc;
    st_err e;
    err_clear(&e);
    sync_me me;
    if (site_me(c->db, &me, &e)) return cli_fail(&e);
    memset(me.sk, 0, sizeof me.sk);
    o.me = me.site_no;
    if (sync_conflicts_list(c->db, 0, conf_take, &o, &e)) return cli_fail(&e);
    if (!o.found) return cli_error("không có xung đột số %s", a.pos[0]);
    if (o.found < 0)
        return cli_error("xung đột số %s không do trạm này ghi: dùng --take kept hoặc --take lost",
                         a.pos[0]);
    if (sync_conflict_resolve(c->db, &c->me, o.id, o.take_lost, &e)) return cli_fail(&e);
    printf("Đã giải quyết xung đột số %lld: %s.  Bên kia nhận ở lần trao đổi sau.\n",
           (long long)o.id, o.take_lost ? "lấy giá trị bị thay" : "giữ giá trị hiện có");
    return CLI_OK;
}

int cli_sync_conflicts(cli_ctx *c, int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "show") == 0) return cf_show(c, argc - 1, argv + 1);
    if (argc > 1 && strcmp(argv[1], "resolve") == 0) return cf_resolve(c, argc - 1, argv + 1);
    const char *format = NULL;
    int all = 0;
    const cli_optdef defs[] = {{"format", CLI_VALUE, &format}, {"all", CLI_FLAG, &all},
                               {NULL, 0, NULL}};
    cli_args a;
    int fmt = FMT_TABLE;
    int rc = cli_parse(c, argc, argv, defs,
        "Cách dùng: sangtao sync conflicts [--all] [--format table|json]\n"
        "       sangtao sync conflicts show SỐ\n"
        "       sangtao sync conflicts resolve SỐ --take mine|theirs|kept|lost\n"
        "Các xung đột máy chủ tỉnh đã ghi (cả hai bên đều thấy): cùng một trường sửa ở\n"
        "hai trạm (giá trị đến tỉnh sau được giữ, giá trị bị thay cất ở đây), hoặc thao\n"
        "tác quy trình ở văn phòng mà trạng thái ở tỉnh không còn cho phép.  Mặc định\n"
        "chỉ xung đột chưa giải quyết; --all: cả những xung đột đã giải quyết.\n", 0, 0, &a);
    if (rc != -1) return rc;
    if ((rc = cli_format(c, format, FMT_TABLE | FMT_JSON, &fmt))) return rc;
    if ((rc = cli_session(c))) return rc;
    static const cli_list l = {conf_cols, NCONF, conf_query, "xung đột"};
    return cli_list_print(c, &l, fmt, &all);
}

