/* tests/bench/syncday: an office's day of work for the exchange's bench
 * lines: NPROPS proposals touched, PER notes on each (every note one
 * captured transaction) until TOTAL changes are in the outbox, through the
 * core as the office's administrator.  An office with fewer proposals gets
 * more notes on each.
 *
 *   syncday DB SITE_CODE SITE_NO USER NPROPS TOTAL
 *
 * Prints "changes N" and "us T" (the time of the writes). */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/config.h"
#include "store/db.h"
#include "store/db_internal.h"
#include "flow/users.h"
#include "flow/workflow.h"

int main(int argc, char **argv)
{
    if (argc < 7) {
        fprintf(stderr, "Cách dùng: syncday TỆP.db MÃ_TRẠM SỐ_TRẠM TÊN SỐ_ĐỀ_XUẤT SỐ_THAY_ĐỔI\n");
        return 2;
    }
    int nprops = atoi(argv[5]), total = atoi(argv[6]);
    config *cfg = NULL;
    st_err err;
    err_clear(&err);
    st_db *db = NULL;
    if (config_new(&cfg, &err) || config_set(cfg, "database.path", argv[1], &err) ||
        config_set(cfg, "site.code", argv[2], &err) || config_set(cfg, "site.number", argv[3], &err) ||
        db_open(cfg, DB_OPEN_EXISTING, &db, &err)) {
        fprintf(stderr, "syncday: %s\n", err.msg);
        return 1;
    }
    st_actor who;
    if (user_actor(db, argv[4], &who, &err)) { fprintf(stderr, "syncday: %s\n", err.msg); return 1; }
    char (*codes)[32] = calloc((size_t)nprops, sizeof *codes);
    sqlite3_stmt *st;
    int n = 0;
    if (!codes || sqlite3_prepare_v2(db_h(db), "SELECT code FROM proposals WHERE deleted = 0 "
                                     "ORDER BY id LIMIT ?1", -1, &st, NULL) != SQLITE_OK)
        return 1;
    sqlite3_bind_int(st, 1, nprops);
    while (n < nprops && sqlite3_step(st) == SQLITE_ROW)
        snprintf(codes[n++], sizeof codes[0], "%s", db_col_text(st, 0));
    sqlite3_finalize(st);
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    long done = 0;
    if (n == 0) { fprintf(stderr, "syncday: không có đề xuất\n"); return 1; }
    for (int r = 0; done < total; r++)
        for (int i = 0; i < n && done < total; i++) {
            char text[120];
            snprintf(text, sizeof text, "Ghi chú trong ngày số %d: đã trao đổi với đơn vị.", r + 1);
            st_kv kv[] = {{"text", text}};
            if (workflow_apply(db, &who, codes[i], "note", kv, 1, 0, &err) == ST_OK) done++;
            else if (done == 0) { fprintf(stderr, "syncday: %s\n", err.msg); return 1; }
        }
    clock_gettime(CLOCK_MONOTONIC, &b);
    printf("proposals %d\nchanges %ld\nus %lld\n", n, done,
           (long long)((b.tv_sec - a.tv_sec) * 1000000LL + (b.tv_nsec - a.tv_nsec) / 1000));
    free(codes);
    db_close(&db);
    config_free(&cfg);
    return 0;
}
