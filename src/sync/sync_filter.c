/* Only an office's own rows leave the hub for it.  Reference data (units,
 * fields, holidays) and the directory (people, accounts: no secret in
 * either, and events, proposers and accounts point at them) go to every
 * office; a proposal goes when its employing or competent unit lies in the
 * office's subtree, and every row with a proposal_id follows its proposal;
 * a dissemination row follows its unit.  Membership is read from the hub's
 * current rows; a row no longer there (a delete) goes to all. */
#include "sync_internal.h"

#include <string.h>

static int always(const char *t)
{
    static const char *const all[] = {"units", "fields", "holidays", "people", "accounts"};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (strcmp(t, all[i]) == 0) return 1;
    return 0;
}

/* 1 in the subtree, 0 not, -1 error. */
static int proposal_in(st_db *db, const char *path, int64_t id)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db_h(db),
            "SELECT (substr(e.path, 1, length(?2)) = ?2 OR substr(c.path, 1, length(?2)) = ?2) "
            "FROM proposals p JOIN units e ON e.id = p.employing_unit_id "
            "JOIN units c ON c.id = p.competent_unit_id WHERE p.id = ?1",
            -1, &st, NULL) != SQLITE_OK) return -1;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, path, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st), in = 1;   /* gone: a delete goes to all */
    if (rc == SQLITE_ROW) in = sqlite3_column_int(st, 0);
    else if (rc != SQLITE_DONE) in = -1;
    sqlite3_finalize(st);
    return in;
}

/* A row's owner column (proposal_id, or unit_id's path): 1 keep, 0 drop. */
static int row_in(st_db *db, const char *path, const char *t, int64_t id)
{
    char sql[200];
    int unit = strcmp(t, "dissemination") == 0;
    if (unit)
        snprintf(sql, sizeof sql, "SELECT substr(u.path, 1, length(?2)) = ?2 FROM %s x "
                 "JOIN units u ON u.id = x.unit_id WHERE x.id = ?1", t);
    else
        snprintf(sql, sizeof sql, "SELECT proposal_id FROM \"%s\" WHERE id = ?1", t);
    sqlite3_stmt *st;
    /* A synced table without proposal_id (none today) goes to all. */
    if (sqlite3_prepare_v2(db_h(db), sql, -1, &st, NULL) != SQLITE_OK) return 1;
    sqlite3_bind_int64(st, 1, id);
    if (unit) sqlite3_bind_text(st, 2, path, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st), in = 1;
    int64_t pid = 0;
    if (rc == SQLITE_ROW) {
        if (unit) in = sqlite3_column_int(st, 0);
        else if (sqlite3_column_type(st, 0) != SQLITE_NULL) pid = sqlite3_column_int64(st, 0);
    } else if (rc != SQLITE_DONE) in = -1;
    sqlite3_finalize(st);
    if (pid) in = proposal_in(db, path, pid);
    return in;
}

int sync_filter(st_db *db, const char *path, const unsigned char *cs, size_t n,
                cs_writer *out, st_err *e)
{
    if (n == 0) return ST_OK;
    sqlite3_changeset_iter *it;
    if (sqlite3changeset_start(&it, (int)n, (void *)cs) != SQLITE_OK)
        return err_set(e, ST_EDB, "hộp thư đi hỏng: không đọc được một thay đổi");
    int rc;
    while ((rc = sqlite3changeset_next(it)) == SQLITE_ROW) {
        const char *t;
        int ncol, op, ind;
        unsigned char *pk;
        sqlite3changeset_op(it, &t, &ncol, &op, &ind);
        sqlite3changeset_pk(it, &pk, &ncol);
        int keep = 1;
        if (!always(t)) {
            sqlite3_value *v = NULL;
            int k = 0;
            while (k < ncol && !pk[k]) k++;
            if (k < ncol) {
                if (op == SQLITE_INSERT) sqlite3changeset_new(it, k, &v);
                else sqlite3changeset_old(it, k, &v);
            }
            int64_t id = v ? sqlite3_value_int64(v) : 0;
            keep = strcmp(t, "proposals") == 0 ? proposal_in(db, path, id)
                                                : row_in(db, path, t, id);
        }
        if (keep < 0) {
            sqlite3changeset_finalize(it);
            return db_fail(db, e, "lọc thay đổi theo đơn vị");
        }
        if (keep) cs_copy_change(out, it);
    }
    rc = sqlite3changeset_finalize(it);
    if (rc != SQLITE_OK) return err_set(e, ST_EDB, "hộp thư đi hỏng (%s)", sqlite3_errstr(rc));
    if (out->b.oom) return err_set(e, ST_ENOMEM, "hết bộ nhớ");
    return ST_OK;
}
