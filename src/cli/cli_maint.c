/* The server's care: sangtao backup (one file, or --rotate into the backup
 * folder), restore, maintain, migrate, and the last backup's age that
 * `sangtao check` shows.  Root may run backup, maintain and migrate with
 * no account of the program (the package's timers and postinst): root
 * reads and writes the database file anyway. */
#include "cli_internal.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/priv.h"
#include "flow/drafts.h"
#include "report/report.h"
#include "store/backup.h"

/* The settings and the database; then the login of an administrator,
 * except for root without --user. */
static int maint_session(cli_ctx *c, const char *what)
{
    if (getuid() == 0 && !c->g.user) {
        st_err e;
        err_clear(&e);
        int rc = cli_config(c);
        if (rc) return rc;
        if (db_open(c->cfg, DB_OPEN_EXISTING, &c->db, &e) != ST_OK) return cli_fail(&e);
        return CLI_OK;
    }
    int rc = cli_session(c);
    if (rc) return rc;
    return cli_need_admin(c, what);
}

/* ---- backup ---------------------------------------------------------------------- */

static int backup_rotated(cli_ctx *c, const char *dir_arg)
{
    int rc = maint_session(c, "sao lưu");
    if (rc) return rc;
    const char *dir = dir_arg ? dir_arg : config_str(c->cfg, "backup.dir");
    backup_keep k;
    backup_keep_from_config(c->cfg, &k);
    backup_result r;
    st_err e;
    err_clear(&e);
    if (backup_rotate(c->db, dir, &k, &r, stdout, &e) != ST_OK) return cli_fail(&e);
    printf("Đã sao lưu vào %s (kiểm tra lại: integrity_check ok); trong %s còn %d bản, "
           "đã xóa %d bản cũ (giữ theo ngày %d, tuần %d, tháng %d)\n", r.path, dir, r.kept,
           r.removed, k.daily, k.weekly, k.monthly);
    return CLI_OK;
}

int cmd_backup(cli_ctx *c, int argc, char **argv)
{
    cli_args a;
    int rot = 0;
    const cli_optdef defs[] = {{"rotate", CLI_FLAG, &rot}, {NULL, 0, NULL}};
    int rc = cli_parse(c, argc, argv, defs,
        "Cách dùng: sangtao backup TỆP\n"
        "           sangtao backup --rotate [THƯ_MỤC]\n"
        "Sao lưu trực tuyến cơ sở dữ liệu vào TỆP (chưa tồn tại), an toàn khi người khác\n"
        "đang ghi (quản trị viên).\n"
        "--rotate: bản sao lưu hằng ngày vào THƯ_MỤC (mặc định backup.dir), tên\n"
        "sangtao-NĂM-THÁNG-NGÀY-GIỜPHÚT.db, quyền 0600, thư mục 0700; mở lại và kiểm tra\n"
        "(integrity_check), rồi xóa các bản cũ ngoài backup.keep_daily ngày,\n"
        "backup.keep_weekly tuần, backup.keep_monthly tháng gần nhất; ghi lại thời điểm\n"
        "để \"sangtao check\" báo.  Root chạy được không cần tài khoản (bộ hẹn giờ).\n"
        "Mã thoát 1 khi sao lưu hoặc kiểm tra thất bại (lý do trên stderr).\n", 0, 1, &a);
    if (rc != -1) return rc;
    if (rot) return backup_rotated(c, a.npos ? a.pos[0] : NULL);
    if (a.npos != 1) return cli_usage_error(c, "thiếu TỆP (hoặc --rotate)");
    if ((rc = maint_session(c, "sao lưu"))) return rc;
    st_err e;
    err_clear(&e);
    if (db_backup(c->db, a.pos[0], &e) != ST_OK) return cli_fail(&e);
    printf("Đã sao lưu vào %s\n", a.pos[0]);
    return CLI_OK;
}

/* "last_backup: …" for sangtao check. */
void cli_print_last_backup(cli_ctx *c, FILE *out)
{
    char when[32], path[4200];
    st_err e;
    err_clear(&e);
    int rc = backup_last(c->db, when, path, sizeof path, &e);
    if (rc == ST_ENOTFOUND) {
        fprintf(out, "last_backup: chưa có bản sao lưu hằng ngày nào (sangtao backup --rotate)\n");
        return;
    }
    struct tm u;
    memset(&u, 0, sizeof u);
    if (rc != ST_OK || sscanf(when, "%4d-%2d-%2dT%2d:%2d:%2d", &u.tm_year, &u.tm_mon, &u.tm_mday,
                              &u.tm_hour, &u.tm_min, &u.tm_sec) != 6) {
        fprintf(out, "last_backup: không đọc được (%s)\n", rc ? e.msg : when);
        return;
    }
    u.tm_year -= 1900;
    u.tm_mon -= 1;
    time_t then = timegm(&u), now = time(NULL);
    const char *fixed = clock_fixed_now();
    struct tm f;
    memset(&f, 0, sizeof f);
    if (fixed && sscanf(fixed, "%4d-%2d-%2dT%2d:%2d:%2d", &f.tm_year, &f.tm_mon, &f.tm_mday,
                        &f.tm_hour, &f.tm_min, &f.tm_sec) == 6) {
        f.tm_year -= 1900;
        f.tm_mon -= 1;
        now = timegm(&f);
    }
    long hours = (long)((now - then) / 3600);
    struct tm lt;
    localtime_r(&then, &lt);
    char shown[32];
    strftime(shown, sizeof shown, "%d/%m/%Y %H:%M", &lt);
    long warn = config_int(c->cfg, "backup.warn_hours");
    fprintf(out, "last_backup: %s (%ld giờ trước) %s %s\n", shown, hours < 0 ? 0 : hours, path,
            hours > warn ? "CŨ — quá backup.warn_hours, xem nhật ký của sangtao-backup.service"
                         : "ok");
}

/* ---- restore ---------------------------------------------------------------------- */

int cmd_restore(cli_ctx *c, int argc, char **argv)
{
    cli_args a;
    int rc = cli_parse(c, argc, argv, NULL,
        "Cách dùng: sangtao restore TỆP\n"
        "Khôi phục cơ sở dữ liệu từ bản sao lưu TỆP (quản trị viên).  TỆP phải là cơ sở dữ\n"
        "liệu sangtao nguyên vẹn (integrity_check), phiên bản chương trình này đọc được.\n"
        "Bản hiện tại được cất sang DB.before-restore-NGÀYGIỜ trước khi ghi đè.  Lệnh từ\n"
        "chối khi còn người đang mở cơ sở dữ liệu: báo mọi người thoát, tạm dừng cron,\n"
        "rồi chạy lại.  Khi cơ sở dữ liệu hỏng đến mức không đăng nhập được, root chạy\n"
        "lệnh này không cần --user.\n", 1, 1, &a);
    if (rc != -1) return rc;
    if ((rc = cli_config(c))) return rc;
    st_err e;
    err_clear(&e);
    /* Log in as an administrator on the database being replaced; root may
     * restore one that cannot be opened at all. */
    if (getuid() != 0 || db_open(c->cfg, DB_OPEN_EXISTING, &c->db, &e) == ST_OK) {
        db_close(&c->db);
        if ((rc = cli_session(c)) || (rc = cli_need_admin(c, "khôi phục cơ sở dữ liệu"))) return rc;
        db_close(&c->db);   /* our own connection would count as "someone else" */
    }
    char aside[4200];
    err_clear(&e);
    if (db_restore(c->cfg, a.pos[0], aside, &e) != ST_OK) {
        if (aside[0] && access(aside, F_OK) == 0)
            fprintf(stderr, "sangtao: bản cũ được giữ ở %s\n", aside);
        return cli_fail(&e);
    }
    /* Open once: migrations of an older backup run now, not for a clerk. */
    if (db_open(c->cfg, DB_OPEN_EXISTING, &c->db, &e) != ST_OK) return cli_fail(&e);
    printf("Đã khôi phục %s từ %s (phiên bản lược đồ %d); bản cũ cất ở %s\n",
           config_str(c->cfg, "database.path"), a.pos[0], db_schema_version(c->db), aside);
    return CLI_OK;
}

/* ---- maintain, migrate --------------------------------------------------------------- */

int cmd_maintain(cli_ctx *c, int argc, char **argv)
{
    cli_args a;
    int rc = cli_parse(c, argc, argv, NULL,
        "Cách dùng: sangtao maintain\n"
        "Bảo trì hằng đêm (quản trị viên; root không cần tài khoản; chạy từ bộ hẹn giờ\n"
        "hoặc cron được): ghi WAL vào tệp chính (wal_checkpoint TRUNCATE), quick_check,\n"
        "gộp chỉ mục tìm kiếm; xóa hẳn bản nháp đã bỏ quá data.draft_keep_days ngày; ghi số\n"
        "đề xuất đang triển khai, tạm dừng cuối mỗi tháng đã qua (cho báo cáo định kỳ).  An toàn\n"
        "khi người khác đang làm việc.  Mã thoát 1 khi quick_check phát hiện lỗi.\n", 0, 0, &a);
    if (rc != -1) return rc;
    if ((rc = maint_session(c, "bảo trì cơ sở dữ liệu"))) return rc;
    st_err e;
    err_clear(&e);
    int purged = 0;
    if (draft_purge(c->db, config_int(c->cfg, "data.draft_keep_days"), &purged, &e) != ST_OK)
        return cli_fail(&e);
    printf("drafts_purged: %d\n", purged);
    /* Before the checkpoint, so that it carries them to the main file. */
    int months = 0;
    long rows = 0;
    if (report_stock_refresh(c->db, &months, &rows, &e) != ST_OK) return cli_fail(&e);
    printf("report_stocks: %d tháng mới ghi (%ld dòng đề xuất đang triển khai, tạm dừng "
           "cuối tháng)\n", months, rows);
    if (db_maintain(c->db, stdout, &e) != ST_OK) return cli_fail(&e);
    return CLI_OK;
}

int cmd_migrate(cli_ctx *c, int argc, char **argv)
{
    cli_args a;
    int rc = cli_parse(c, argc, argv, NULL,
        "Cách dùng: sangtao migrate\n"
        "Nâng cấp cơ sở dữ liệu lên phiên bản lược đồ của chương trình này (sau khi cài gói\n"
        "mới; postinst của gói tự chạy).  Trước đó ghi một bản sao đã kiểm tra vào\n"
        "backup.dir (sangtao-before-vCŨ-to-vMỚI-….db, không bị xoay vòng xóa).  Từ chối,\n"
        "không thay đổi gì, khi còn người đang mở cơ sở dữ liệu: báo mọi người thoát rồi\n"
        "chạy lại.  Chỉ root (hoặc chủ tệp khi chương trình không cài setgid), không cần\n"
        "tài khoản.  Mã thoát 1 khi không nâng cấp được.\n", 0, 0, &a);
    if (rc != -1) return rc;
    /* Every opening migrates (db_open): a login first would upgrade the
     * file before the copy is taken.  So the file's owners only: root, or
     * the user of a program not installed setgid. */
    if (getuid() != 0 && priv_elevated())
        return cli_error("Chỉ root được nâng cấp cơ sở dữ liệu đã cài đặt: sudo sangtao migrate");
    if ((rc = cli_config(c))) return rc;
    st_err e;
    err_clear(&e);
    int from = -1, to = -1;
    char copy[4300];
    if (db_upgrade(c->cfg, config_str(c->cfg, "backup.dir"), &from, &to, copy, sizeof copy,
                   &e) != ST_OK)
        return cli_fail(&e);
    if (from == to)
        printf("Cơ sở dữ liệu đã ở phiên bản %d; không cần nâng cấp\n", to);
    else
        printf("Đã nâng cấp cơ sở dữ liệu từ phiên bản %d lên %d; bản sao trước khi nâng cấp: "
               "%s\n", from, to, copy);
    return CLI_OK;
}
