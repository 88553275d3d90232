/* The kept counts against a recount from the rows (see counts.h). */
#include "counts.h"

#include "store/db_internal.h"

#define RECOUNT_PROPOSALS                                                                    \
    "SELECT employing_unit_id, competent_unit_id, state, count(*) FROM proposals "          \
    "WHERE deleted = 0 GROUP BY 1, 2, 3"
#define RECOUNT_FACTS                                                                        \
    "SELECT f.day, p.employing_unit_id, p.competent_unit_id, coalesce(p.field_id, 0), "      \
    "f.source, f.what, f.damage, f.measure, count(*) FROM report_facts f "                  \
    "JOIN proposals p ON p.id = f.proposal_id WHERE p.deleted = 0 AND f.day IS NOT NULL "   \
    "GROUP BY 1, 2, 3, 4, 5, 6, 7, 8"

/* The day each replication counts on (018_review_without_scan.sql). */
#define RECOUNT_REPLICATION_DAYS                                                             \
    "SELECT id, d, proposal_id FROM (SELECT r.id, r.proposal_id, coalesce(r.doc_date, "     \
    "(SELECT date(e.at, 'localtime') FROM events e WHERE e.id = r.event_id)) AS d "         \
    "FROM replications r WHERE r.deleted = 0) WHERE d IS NOT NULL"

/* report_counts by month and the units the province's review groups by
 * (018_review_without_scan.sql). */
#define RECOUNT_MONTHS                                                                       \
    "SELECT substr(c.day, 1, 7), e.root_id, e.top_id, k.root_id, k.top_id, c.field_id, "    \
    "c.source, c.what, c.damage, c.measure, sum(c.n) FROM report_counts c "                 \
    "JOIN unit_tops e ON e.id = c.employing_unit_id "                                       \
    "JOIN unit_tops k ON k.id = c.competent_unit_id GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10"
#define KEPT_MONTHS                                                                          \
    "SELECT * FROM report_months WHERE n <> 0 AND EXISTS (SELECT 1 FROM report_months_done)"

const char counts_months_sql[] =
    "DELETE FROM report_months; INSERT INTO report_months " RECOUNT_MONTHS ";"
    "INSERT OR IGNORE INTO report_months_done(one) VALUES (1);";

const char counts_rebuild_sql[] =
    "DELETE FROM proposal_counts; INSERT INTO proposal_counts " RECOUNT_PROPOSALS ";"
    "DELETE FROM report_counts; INSERT INTO report_counts " RECOUNT_FACTS ";"
    "DELETE FROM replication_days; INSERT INTO replication_days(id, day, proposal_id) "
    RECOUNT_REPLICATION_DAYS ";"
    "DELETE FROM report_months; INSERT INTO report_months " RECOUNT_MONTHS ";"
    "INSERT OR IGNORE INTO report_months_done(one) VALUES (1);";
/* (the same as counts_months_sql: one string literal each) */

int counts_check(st_db *db, long *wrong, st_err *e)
{
    *wrong = 0;
    sqlite3_stmt *st;
    int rc = db_prepare(db,
        "SELECT (SELECT count(*) FROM (SELECT * FROM proposal_counts EXCEPT " RECOUNT_PROPOSALS
        ")) + (SELECT count(*) FROM (" RECOUNT_PROPOSALS " EXCEPT SELECT * FROM proposal_counts)) "
        "+ (SELECT count(*) FROM (SELECT * FROM report_counts EXCEPT " RECOUNT_FACTS ")) "
        "+ (SELECT count(*) FROM (" RECOUNT_FACTS " EXCEPT SELECT * FROM report_counts)) "
        "+ (SELECT count(*) FROM (SELECT id, day, proposal_id FROM replication_days EXCEPT "
        RECOUNT_REPLICATION_DAYS ")) + (SELECT count(*) FROM (" RECOUNT_REPLICATION_DAYS
        " EXCEPT SELECT id, day, proposal_id FROM replication_days)) "
        /* The months when they are written (a unit moved takes them out). */
        "+ (SELECT count(*) FROM (" KEPT_MONTHS " EXCEPT " RECOUNT_MONTHS ")) "
        "+ (SELECT count(*) FROM (" RECOUNT_MONTHS " EXCEPT " KEPT_MONTHS
        ") WHERE EXISTS (SELECT 1 FROM report_months_done))", &st, e);
    if (rc) return rc;
    if ((rc = sqlite3_step(st)) == SQLITE_ROW) *wrong = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? ST_OK : db_fail(db, e, "kiểm tra số đếm");
}

int counts_rebuild(st_db *db, long *rows, st_err *e)
{
    if (rows) *rows = 0;
    int rc = db_begin(db, e);
    if (rc) return rc;
    if (sqlite3_exec(db_h(db), counts_rebuild_sql, NULL, NULL, NULL) != SQLITE_OK) {
        rc = db_fail(db, e, "dựng lại số đếm");
        db_rollback(db);
        return rc;
    }
    sqlite3_stmt *st;
    if (rows && db_prepare(db, "SELECT (SELECT count(*) FROM proposal_counts) + "
                           "(SELECT count(*) FROM report_counts) + "
                           "(SELECT count(*) FROM replication_days)", &st, e) == ST_OK) {
        if (sqlite3_step(st) == SQLITE_ROW) *rows = (long)sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    return db_commit(db, e);
}
