/* sangtao init, unit, person, holiday, dissemination, check (backup: cli_maint.c). */
#include "cli_internal.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/priv.h"
#include "demo/demo.h"
#include "flow/counts.h"
#include "flow/docreg.h"
#include "flow/proposal.h"
#include "flow/search.h"
#include "flow/setup.h"
#include "flow/people.h"
#include "flow/units.h"
#include "flow/users.h"
#include "flow/workflow.h"
#include "sync/seed.h"

/* ---- init ---------------------------------------------------------------------- */

static int count_row(const proposal_row *r, void *ud)
{
    int *counts = ud;
    int s = wf_state_parse(r->state_name);
    if (s >= 0) counts[s]++;
    counts[S_COUNT]++;
    return 0;
}

static int count_unit(const unit_row *r, void *ud)
{
    (void)r;
    ++*(int *)ud;
    return 0;
}

static int count_user(const user_row *r, void *ud)
{
    (void)r;
    ++*(int *)ud;
    return 0;
}

static void demo_summary(cli_ctx *c, const st_actor *admin)
{
    int counts[S_COUNT + 1] = {0}, users = 0;
    proposal_filter f;
    memset(&f, 0, sizeof f);
    st_err e;
    err_clear(&e);
    proposal_list(c->db, admin, &f, count_row, counts, &e);
    user_list(c->db, admin, count_user, &users, &e);
    printf("Dữ liệu mẫu: %d tài khoản, %d đề xuất:\n", users, counts[S_COUNT]);
    for (int s = 0; s < S_COUNT; s++)
        if (counts[s]) printf("  %-22s %5d  %s\n", wf_state_name(s), counts[s], wf_state_label(s));
}

/* A database that init could not finish is removed: it was ours a moment ago
 * and a half-made one would only block the next attempt. */
static void remove_db(const char *path)
{
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    char buf[4200];
    for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
        snprintf(buf, sizeof buf, "%s%s", path, suffix[i]);
        unlink(buf);
    }
}

/* init --seed: the office's database from the hub's seed file (the one-time
 * code first, then the administrator's password), then its administrator. */
static int init_seed(cli_ctx *c, const char *seed, const char *admin, const char *name)
{
    const char *path = config_str(c->cfg, "database.path");
    st_err e;
    err_clear(&e);
    char *code = cli_password("Mã dùng một lần của tệp khởi tạo: ", 0, "SANGTAO_SEED_CODE", 1);
    if (!code) return CLI_FAIL;
    int no = 0;
    int rc = seed_install(c->cfg, seed, code, &no, &e);
    cli_password_free(&code);
    if (rc) return cli_fail(&e);
    char *pw = cli_password("Mật khẩu cho tài khoản quản trị: ", 1, NULL, 1);
    if (!pw) {
        remove_db(path);
        return CLI_FAIL;
    }
    rc = db_open(c->cfg, DB_OPEN_EXISTING, &c->db, &e);
    if (!rc) rc = seed_first_admin(c->db, admin, name, pw, &e);
    cli_password_free(&pw);
    if (rc) {
        db_close(&c->db);
        remove_db(path);
        return cli_fail(&e);
    }
    printf("Đã tạo cơ sở dữ liệu văn phòng %s từ %s: trạm số %d; tài khoản quản trị \"%s\".\n"
           "Các tài khoản khác chưa có mật khẩu: đặt bằng sangtao user passwd TÊN.\n",
           path, seed, no, admin);
    return CLI_OK;
}

int cmd_init(cli_ctx *c, int argc, char **argv)
{
    int demo = 0;
    const char *units = NULL, *admin = NULL, *name = "Quản trị viên", *seed = NULL;
    const cli_optdef defs[] = {{"demo", CLI_FLAG, &demo}, {"units", CLI_VALUE, &units},
                               {"admin", CLI_VALUE, &admin}, {"name", CLI_VALUE, &name},
                               {"seed", CLI_VALUE, &seed}, {NULL, 0, NULL}};
    cli_args a;
    int rc = cli_parse(c, argc, argv, defs,
        "Cách dùng: sangtao init [--demo] [--units TỆP.csv] [--admin TÊN] [--name \"Họ tên\"]\n"
        "       sangtao init --seed TỆP [--admin TÊN] [--name \"Họ tên\"]\n"
        "Tạo cơ sở dữ liệu mới (database.path hoặc --db; không ghi đè tệp có sẵn):\n"
        "ngày nghỉ lễ, cây đơn vị và tài khoản quản trị đầu tiên (mặc định \"admin\").\n"
        "Mật khẩu: hỏi hai lần trên terminal, hoặc đọc một dòng từ đầu vào chuẩn.\n"
        "  --units TỆP   cây đơn vị từ CSV code,name,parent_code,level[,short_name]\n"
        "                (mặc định: cây đơn vị mẫu tỉnh Bình Định, 2022)\n"
        "  --demo        thêm dữ liệu mẫu: tài khoản, ~200 đề xuất ở mọi trạng thái;\n"
        "                mật khẩu của các tài khoản mẫu giống mật khẩu quản trị\n"
        "                (có thể lấy từ $SANGTAO_PASSWORD)\n"
        "  --seed TỆP    văn phòng ngoại tuyến: cơ sở dữ liệu từ tệp khởi tạo của tỉnh\n"
        "                (sangtao site seed); hỏi mã dùng một lần in ra ở tỉnh\n"
        "                ($SANGTAO_SEED_CODE, terminal, hoặc dòng đầu của đầu vào\n"
        "                chuẩn), rồi mật khẩu quản trị của văn phòng; tài khoản\n"
        "                quản trị mặc định \"admin.MÃ\" (MÃ: site.code, chữ thường)\n", 0, 0, &a);
    if (rc != -1) return rc;
    if (seed && (demo || units)) return cli_usage_error(c, "--seed không dùng cùng --demo, --units");
    if ((rc = cli_config(c))) return rc;
    const char *path = config_str(c->cfg, "database.path");
    st_err e;
    err_clear(&e);
    if (priv_check_init(path, &e)) return cli_fail(&e);
    if (access(path, F_OK) == 0)
        return cli_error("%s: tệp đã tồn tại; không ghi đè (file exists)", path);
    if (seed) {
        /* The hub's "admin" may come with the seed, and names are unique
         * across the sites: the office's own by default. */
        char own[40];
        snprintf(own, sizeof own, "admin.%s", config_str(c->cfg, "site.code"));
        for (char *p = own; *p; p++) if (*p >= 'A' && *p <= 'Z') *p = (char)(*p - 'A' + 'a');
        return init_seed(c, seed, admin ? admin : own, name);
    }
    if (!admin) admin = "admin";
    char *pw = NULL;
    const char *env = demo ? getenv("SANGTAO_PASSWORD") : NULL;
    if (env && *env) {
        if (!(pw = strdup(env))) return cli_error("hết bộ nhớ");
    } else pw = cli_password("Mật khẩu cho tài khoản quản trị: ", 1, NULL, 1);
    if (!pw) return CLI_FAIL;
    st_actor me;
    if (db_open(c->cfg, DB_OPEN_CREATE, &c->db, &e) != ST_OK) {
        cli_password_free(&pw);
        if (e.code != ST_EINVAL) remove_db(path);   /* EINVAL: someone made it meanwhile */
        return cli_fail(&e);
    }
    rc = setup_init(c->db, units, admin, name, pw, &e);
    if (!rc) rc = user_actor(c->db, admin, &me, &e);
    if (!rc && demo) rc = demo_fill(c->db, &me, 2022, pw, &e);
    cli_password_free(&pw);
    if (rc) {
        db_close(&c->db);
        remove_db(path);
        return cli_fail(&e);
    }
    int nunits = 0;
    unit_list(c->db, &me, count_unit, &nunits, &e);
    printf("Đã tạo cơ sở dữ liệu %s: %d đơn vị; tài khoản quản trị \"%s\".\n", path, nunits, admin);
    if (demo) demo_summary(c, &me);
    return CLI_OK;
}

/* ---- unit ------------------------------------------------------------------------ */

static int u_import(cli_ctx *c, int argc, char **argv)
{
    return cli_import_command(c, argc, argv,
        "Cách dùng: sangtao unit import TỆP.csv\n"
        "Nhập cây đơn vị (quản trị viên): tiêu đề code,name,parent_code,level[,short_name].\n"
        "Mã đã có được cập nhật, mã mới được thêm; tất cả hoặc không dòng nào.\n",
        unit_import_csv, "đơn vị");
}

static const cli_col unit_cols[] = {
    {"code", "Mã", 0, 0},
    {"name", "Tên đơn vị", 60, 0},
    {"short_name", "Tên ngắn", -1, 0},
    {"level", "Cấp", 0, 0},
    {"parent_code", "Cấp trên", 0, 3},
    {"depth", "Độ sâu", -1, 1},
};
#define NUNIT (int)(sizeof unit_cols / sizeof unit_cols[0])

static int unit_out(const unit_row *r, void *ud)
{
    cli_out *o = ud;
    char depth[16], indented[1200];
    snprintf(depth, sizeof depth, "%d", r->depth);
    /* The tree shows in the table by indentation; CSV and JSON have depth. */
    int ind = o->fmt == FMT_TABLE ? 2 * (r->depth < 20 ? r->depth : 20) : 0;
    snprintf(indented, sizeof indented, "%*s%s", ind, "", r->name);
    const char *v[NUNIT] = {r->code, indented, r->short_name, r->level, r->parent_code, depth};
    out_row(o, v);
    return 0;
}

static int unit_query(cli_ctx *c, const void *arg, cli_out *o, st_err *e)
{
    (void)arg;
    return unit_list(c->db, &c->me, unit_out, o, e);
}

static int u_list(cli_ctx *c, int argc, char **argv)
{
    static const cli_list l = {unit_cols, NUNIT, unit_query, "đơn vị"};
    return cli_list_command(c, argc, argv,
                            "Cách dùng: sangtao unit list [--format table|csv|json]\n"
                            "Cây đơn vị trong phạm vi của bạn.\n", 0, &l);
}

int cmd_unit(cli_ctx *c, int argc, char **argv)
{
    static const cli_sub subs[] = {
        {"import", u_import, "nhập cây đơn vị từ CSV"},
        {"list", u_list, "liệt kê đơn vị"},
    };
    return cli_dispatch(c, "unit", subs, 2, argc, argv);
}

/* ---- person ---------------------------------------------------------------------- */

static int pe_add(cli_ctx *c, int argc, char **argv)
{
    cli_kvs sets = {0};
    const cli_optdef defs[] = {{"set", CLI_SET, &sets}, {NULL, 0, NULL}};
    cli_args a;
    int rc = cli_parse(c, argc, argv, defs,
        "Cách dùng: sangtao person add --set full_name=\"Họ tên\" --set unit=MÃ\n"
        "                             [--set position=…] [--set phone=…] [--set email=…]\n"
        "                             [--set note=…]\n"
        "Thêm một người (tác giả đề xuất, người được khen thưởng); in mã số của người đó.\n",
        0, 0, &a);
    if (rc == -1 && sets.n == 0) rc = cli_usage_error(c, "cần --set full_name=… --set unit=…");
    if (rc == -1 && !(rc = cli_session(c))) {
        st_err e;
        err_clear(&e);
        int64_t id = 0;
        if (person_add(c->db, &c->me, sets.kv, sets.n, &id, &e) != ST_OK) rc = cli_fail(&e);
        else printf("%lld\n", (long long)id);
    }
    cli_kvs_free(&sets);
    return rc;
}

int cmd_person(cli_ctx *c, int argc, char **argv)
{
    static const cli_sub subs[] = {{"add", pe_add, "thêm một người"}};
    return cli_dispatch(c, "person", subs, 1, argc, argv);
}

/* ---- holiday, dissemination -------------------------------------------------------- */

static int h_import(cli_ctx *c, int argc, char **argv)
{
    return cli_import_command(c, argc, argv,
        "Cách dùng: sangtao holiday import TỆP.csv\n"
        "Thêm hoặc sửa ngày nghỉ lễ và ngày làm bù (quản trị viên): cột date,kind,name;\n"
        "kind là holiday (nghỉ) hoặc workday (thứ Bảy/Chủ nhật làm bù); dòng bắt đầu\n"
        "bằng # là chú thích.  Tất cả hoặc không dòng nào.\n",
        holiday_import_csv, "ngày");
}

int cmd_holiday(cli_ctx *c, int argc, char **argv)
{
    static const cli_sub subs[] = {{"import", h_import, "nhập ngày nghỉ, ngày làm bù từ CSV"}};
    return cli_dispatch(c, "holiday", subs, 1, argc, argv);
}

static int d_add(cli_ctx *c, int argc, char **argv)
{
    const char *unit = NULL, *date = NULL, *form = NULL, *participants = NULL, *note = NULL;
    const cli_optdef defs[] = {{"unit", CLI_VALUE, &unit}, {"date", CLI_VALUE, &date},
                               {"form", CLI_VALUE, &form}, {"participants", CLI_VALUE, &participants},
                               {"note", CLI_VALUE, &note}, {NULL, 0, NULL}};
    cli_args a;
    int rc = cli_parse(c, argc, argv, defs,
        "Cách dùng: sangtao dissemination add --unit MÃ [--date NGÀY] --form HÌNH_THỨC\n"
        "                                    --participants N [--note GHI_CHÚ]\n"
        "Ghi một buổi học tập, quán triệt, tuyên truyền Kết luận 14-KL/TW.\n"
        "  --form     conference (hội nghị) | cell_meeting (sinh hoạt chi bộ) |\n"
        "             propaganda (tuyên truyền)\n"
        "  --date     dd/mm/yyyy hoặc yyyy-mm-dd (mặc định: hôm nay)\n", 0, 0, &a);
    if (rc != -1) return rc;
    if ((rc = cli_session(c))) return rc;
    st_err e;
    err_clear(&e);
    if (dissemination_add(c->db, &c->me, unit, date, form, participants, note, &e) != ST_OK)
        return cli_fail(&e);
    printf("Đã ghi buổi học tập, quán triệt của đơn vị %s\n", unit ? unit : "");
    return CLI_OK;
}

int cmd_dissemination(cli_ctx *c, int argc, char **argv)
{
    static const cli_sub subs[] = {{"add", d_add, "ghi một buổi học tập, quán triệt"}};
    return cli_dispatch(c, "dissemination", subs, 1, argc, argv);
}

/* ---- check, backup ------------------------------------------------------------------ */

int cmd_check(cli_ctx *c, int argc, char **argv)
{
    cli_args a;
    int reindex = 0;
    const cli_optdef defs[] = {{"reindex", CLI_FLAG, &reindex}, {NULL, 0, NULL}};
    int rc = cli_parse(c, argc, argv, defs,
        "Cách dùng: sangtao check [--reindex]\n"
        "Kiểm tra cơ sở dữ liệu: integrity_check, foreign_key_check, phiên bản lược đồ,\n"
        "chỉ mục tìm kiếm, số đếm lưu sẵn.  --reindex: dựng lại chỉ mục tìm kiếm và số\n"
        "đếm lưu sẵn (quản trị viên).\n"
        "Quản trị viên thấy thêm law_rules: các dòng lưu trước đây không theo quy định\n"
        "của Nghị định 73, và doc_register: số văn bản trùng trong một năm của một cơ\n"
        "quan ban hành, số không đúng thể thức (chỉ báo, không sửa; không làm mã thoát\n"
        "khác 0).\n"
        "Mã thoát 1 khi phát hiện lỗi.\n", 0, 0, &a);
    if (rc != -1) return rc;
    if ((rc = cli_session(c))) return rc;
    if (reindex && (rc = cli_need_admin(c, "dựng lại chỉ mục tìm kiếm"))) return rc;
    st_err e;
    err_clear(&e);
    if (db_check(c->db, stdout, &e) != ST_OK) return cli_fail(&e);
    cli_print_last_backup(c, stdout);
    if (reindex) {
        long n = 0;
        if (search_reindex(c->db, &n, &e) != ST_OK) return cli_fail(&e);
        printf("search_index: đã dựng lại (%ld đề xuất)\n", n);
        if (counts_rebuild(c->db, &n, &e) != ST_OK) return cli_fail(&e);
        printf("counts: đã dựng lại (%ld dòng)\n", n);
    } else if (search_check(c->db, &e) != ST_OK) {
        printf("search_index: LỖI\n");
        return cli_fail(&e);
    } else {
        printf("search_index: ok\n");
        long wrong = 0;
        if (counts_check(c->db, &wrong, &e) != ST_OK) return cli_fail(&e);
        if (wrong) {
            printf("counts: LỖI\n");
            err_set(&e, ST_EDB, "số đếm lưu sẵn lệch với dữ liệu (%ld dòng); hãy chạy sangtao "
                    "check --reindex", wrong);
            return cli_fail(&e);
        }
        printf("counts: ok\n");
    }
    /* Decree 73 rules broken by rows stored earlier: reported, not changed
     * (every unit's codes: the administrator's report). */
    long nbad = 0;
    if (!(c->me.roles & ROLE_ADMIN)) return CLI_OK;
    if (workflow_check_law(c->db, stdout, &nbad, &e) != ST_OK) return cli_fail(&e);
    /* the register of document numbers: repeats, numbers out of shape */
    int ndoc = docreg_check(c->db, stdout, &e);
    if (ndoc < 0) return cli_fail(&e);
    if (!ndoc) printf("doc_register: ok\n");
    else printf("doc_register: %d số văn bản cần xem lại (chỉ báo, không sửa)\n", ndoc);
    return CLI_OK;
}
