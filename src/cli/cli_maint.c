/* sangtao restore, sangtao maintain: the other half of backups. */
#include "cli_internal.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "flow/drafts.h"

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

int cmd_maintain(cli_ctx *c, int argc, char **argv)
{
    cli_args a;
    int rc = cli_parse(c, argc, argv, NULL,
        "Cách dùng: sangtao maintain\n"
        "Bảo trì hằng đêm (quản trị viên; chạy từ cron được): ghi WAL vào tệp chính\n"
        "(wal_checkpoint TRUNCATE), quick_check, PRAGMA optimize; xóa hẳn bản nháp đã bỏ\n"
        "quá data.draft_keep_days ngày.  An toàn khi người khác đang làm việc.  Mã thoát 1\n"
        "khi quick_check phát hiện lỗi.\n", 0, 0, &a);
    if (rc != -1) return rc;
    if ((rc = cli_session(c)) || (rc = cli_need_admin(c, "bảo trì cơ sở dữ liệu"))) return rc;
    st_err e;
    err_clear(&e);
    int purged = 0;
    if (draft_purge(c->db, config_int(c->cfg, "data.draft_keep_days"), &purged, &e) != ST_OK)
        return cli_fail(&e);
    printf("drafts_purged: %d\n", purged);
    if (db_maintain(c->db, stdout, &e) != ST_OK) return cli_fail(&e);
    return CLI_OK;
}
