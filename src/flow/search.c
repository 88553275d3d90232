/* The database half of search (see search.h): walking a list for the rows
 * that match, and the FTS5 index's upkeep.  The text half — folding,
 * splitting, the query, highlighting — is text/search_text.c. */
#include "search.h"

#include "store/db_internal.h"
#include "base/sbuf.h"

int search_walk(sqlite3_stmt *st, sqlite3_stmt *text, int ntext, const char *typed, int want,
                long budget, int64_t *ids, int *n)
{
    *n = 0;
    search_words sw;
    if (search_words_split(&sw, typed) != 0) return SEARCH_WALK_BUDGET;
    int nw = sw.n, rc = SQLITE_DONE;
    unsigned all = nw >= 32 ? ~0u : (1u << nw) - 1;
    long walked = 0;
    while (*n < want && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (walked++ >= budget) {
            search_words_free(&sw);
            return SEARCH_WALK_BUDGET;
        }
        unsigned seen = 0;
        sqlite3_stmt *from = st;
        int first = 1;
        if (text) {
            sqlite3_reset(text);
            sqlite3_bind_int64(text, 1, sqlite3_column_int64(st, 0));
            if (sqlite3_step(text) != SQLITE_ROW) continue;   /* not in the index */
            from = text;
            first = 0;
        }
        for (int c = first; c < first + ntext && seen != all; c++) {
            const char *t = (const char *)sqlite3_column_text(from, c);
            if (t) seen = search_words_seen(&sw, t, seen);
        }
        if (nw > 0 && seen == all) ids[(*n)++] = sqlite3_column_int64(st, 0);
    }
    search_words_free(&sw);
    if (*n >= want) return SEARCH_WALK_FOUND;
    return rc == SQLITE_DONE ? SEARCH_WALK_END : -rc;
}

#define MARKS_IN "p.id IN (SELECT rowid FROM proposal_marks WHERE proposal_marks MATCH "

int search_marks_sql(const char *typed, char **score, char **any, st_err *e)
{
    *score = *any = NULL;
    if (!search_has_marks(typed)) return ST_OK;
    search_words sw;
    if (search_marks_split(&sw, typed) != 0) return err_set(e, ST_ENOMEM, "hết bộ nhớ");
    if (sw.n == 0) {
        search_words_free(&sw);
        return ST_OK;
    }
    sbuf s, a;
    sbuf_init(&s);
    sbuf_init(&a);
    /* Words hold only letters, marks and digits: no quote can break out. */
    sbuf_add(&s, "(");
    sbuf_add(&a, "(SELECT rowid FROM proposal_marks WHERE proposal_marks MATCH '");
    for (int k = 0; k < sw.n; k++) {
        sbuf_addf(&s, "%s(" MARKS_IN "'\"%s\"')) + (" MARKS_IN "'\"%s\"*'))", k ? " + " : "",
                  sw.word[k], sw.word[k]);
        sbuf_addf(&a, "%s\"%s\"*", k ? " OR " : "", sw.word[k]);
    }
    sbuf_add(&s, ")");
    sbuf_add(&a, "')");
    search_words_free(&sw);
    int rc = ST_OK;
    if (s.oom || a.oom) rc = err_set(e, ST_ENOMEM, "hết bộ nhớ");
    else {
        *score = sbuf_take(&s);
        *any = sbuf_take(&a);
    }
    sbuf_free(&s);
    sbuf_free(&a);
    return rc;
}

static const char SQL_FILL[] =
    "INSERT INTO proposal_fts(rowid, code, title, people, units, body) "
    "SELECT id, code, title, people, units, body FROM proposal_fts_src";

int search_index_one(st_db *db, int64_t id, st_err *e)
{
    static const char *const sql[] = {
        "DELETE FROM proposal_fts WHERE rowid = ?1",
        "INSERT INTO proposal_fts(rowid, code, title, people, units, body) "
        "SELECT id, code, title, people, units, body FROM proposal_fts_src WHERE id = ?1",
        "DELETE FROM proposal_marks WHERE rowid = ?1",
        "INSERT INTO proposal_marks(rowid, title, people) "
        "SELECT id, title, people FROM proposal_marks_src WHERE id = ?1",
    };
    for (size_t i = 0; i < sizeof sql / sizeof *sql; i++) {
        sqlite3_stmt *st;
        int rc = db_stmt(db, sql[i], &st, e);
        if (rc) return rc;
        sqlite3_bind_int64(st, 1, id);
        rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : db_fail(db, e, "cập nhật chỉ mục tìm kiếm");
        db_release(db, st);
        if (rc) return rc;
    }
    return ST_OK;
}

int search_reindex(st_db *db, long *rows, st_err *e)
{
    int rc = db_begin(db, e);
    if (rc) return rc;
    if (sqlite3_exec(db_h(db), "DELETE FROM proposal_marks; INSERT INTO proposal_marks(rowid, "
                     "title, people) SELECT id, title, people FROM proposal_marks_src",
                     NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(db_h(db), "DELETE FROM proposal_fts", NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(db_h(db), SQL_FILL, NULL, NULL, NULL) != SQLITE_OK) {
        rc = db_fail(db, e, "dựng lại chỉ mục tìm kiếm");
        db_rollback(db);
        return rc;
    }
    if (rows) *rows = (long)sqlite3_changes(db_h(db));
    if (sqlite3_exec(db_h(db), "INSERT INTO proposal_fts(proposal_fts) VALUES('optimize')",
                     NULL, NULL, NULL) != SQLITE_OK) {
        rc = db_fail(db, e, "dựng lại chỉ mục tìm kiếm");
        db_rollback(db);
        return rc;
    }
    return db_commit(db, e);
}

int search_check(st_db *db, st_err *e)
{
    sqlite3_stmt *st;
    /* The index's own structure, then whether it holds the live rows with
     * their current text. */
    if (sqlite3_exec(db_h(db), "INSERT INTO proposal_fts(proposal_fts, rank) "
                     "VALUES('integrity-check', 0); INSERT INTO proposal_marks(proposal_marks, "
                     "rank) VALUES('integrity-check', 0)", NULL, NULL, NULL) != SQLITE_OK)
        return err_set(e, ST_EDB, "chỉ mục tìm kiếm hỏng: %s; hãy chạy sangtao check --reindex",
                       sqlite3_errmsg(db_h(db)));
    int rc = db_prepare(db,
        "SELECT (SELECT count(*) FROM proposal_fts), (SELECT count(*) FROM proposal_fts_src), "
        "(SELECT count(*) FROM proposal_fts_src s LEFT JOIN proposal_fts f ON f.rowid = s.id "
        " WHERE f.rowid IS NULL OR f.title IS NOT s.title OR f.code IS NOT s.code "
        " OR f.people IS NOT s.people OR f.units IS NOT s.units OR f.body IS NOT s.body) + "
        "(SELECT count(*) FROM proposal_marks_src s LEFT JOIN proposal_marks m ON m.rowid = s.id "
        " WHERE m.rowid IS NULL OR m.title IS NOT s.title OR m.people IS NOT s.people) + "
        "abs((SELECT count(*) FROM proposal_marks) - (SELECT count(*) FROM proposal_marks_src))",
        &st, e);
    if (rc) return rc;
    long nidx = 0, nsrc = 0, stale = 0;
    if (sqlite3_step(st) == SQLITE_ROW) {
        nidx = sqlite3_column_int64(st, 0);
        nsrc = sqlite3_column_int64(st, 1);
        stale = sqlite3_column_int64(st, 2);
    }
    sqlite3_finalize(st);
    if (nidx != nsrc || stale)
        return err_set(e, ST_EDB, "chỉ mục tìm kiếm lệch với dữ liệu (%ld mục, %ld đề xuất, "
                       "%ld mục cũ); hãy chạy sangtao check --reindex", nidx, nsrc, stale);
    return ST_OK;
}
