/* Capture of every committed write into sync_outbox (see capture.h). */
#include "capture.h"

#include <sodium.h>
#include <string.h>

/* Every table of the schema, in one of two lists.  A table added by a later
 * migration must be put in one (tests/unit/test_sync_tables.c fails
 * otherwise).  Synced, parents before children. */
static const char *const synced[] = {
    "units", "fields", "holidays", "people", "accounts", "proposals",
    "proposal_versions", "proposers", "events", "opinions", "votes", "decisions",
    "resources", "monitoring", "result_reports", "evaluations", "replications",
    "commendations", "dissemination", "adjustments", "attachments", "doc_register",
    "sync_conflicts",
};

/* Never leave this database.  users: password hashes, lockout and login
 * state, the OS login of this machine (its other columns travel as
 * accounts); meta: this file's own bookkeeping (backups, schema); drafts:
 * not a record of anything yet; proposal_fts, proposal_marks: search
 * indexes, rebuilt by triggers from the rows applied; proposal_counts,
 * report_counts, replication_days, report_months (and whether it is
 * written, report_months_done): kept by triggers (014_counts.sql,
 * 018_review_without_scan.sql), also as rows are applied; stock_at,
 * stock_done: each site's month-end stocks (017_report_and_lists.sql),
 * written by its maintenance; the sync tables: each site's own view of the exchange. */
static const char *const local[] = {
    "meta", "users", "drafts", "proposal_fts", "proposal_marks", "proposal_counts",
    "report_counts", "replication_days", "report_months", "report_months_done", "stock_at",
    "stock_done", "sync_outbox", "sync_ledger",
    "sync_waiting", "sync_peers", "sync_self", "sync_sites", "sync_log",
};

#define COUNT(a) ((int)(sizeof(a) / sizeof(a)[0]))

const char *const *capture_synced_tables(int *n)
{
    *n = COUNT(synced);
    return synced;
}

int capture_table_synced(const char *table)
{
    if (!table) return -1;
    for (int i = 0; i < COUNT(synced); i++)
        if (strcmp(table, synced[i]) == 0) return 1;
    for (int i = 0; i < COUNT(local); i++)
        if (strcmp(table, local[i]) == 0) return 0;
    if (strncmp(table, "sqlite_", 7) == 0) return 0;
    /* FTS5's shadow tables: proposal_fts_data, _idx, _content, _docsize, _config */
    if (strncmp(table, "proposal_fts_", 13) == 0 || strncmp(table, "proposal_marks_", 15) == 0)
        return 0;
    return -1;
}

int capture_start(sqlite3 *h, sqlite3_session **out)
{
    *out = NULL;
    sqlite3_session *s = NULL;
    int rc = sqlite3session_create(h, "main", &s);
    for (int i = 0; rc == SQLITE_OK && i < COUNT(synced); i++)
        rc = sqlite3session_attach(s, synced[i]);
    if (rc != SQLITE_OK) {
        if (s) sqlite3session_delete(s);
        return rc;
    }
    *out = s;
    return SQLITE_OK;
}

void capture_discard(sqlite3_session **s)
{
    if (s && *s) {
        sqlite3session_delete(*s);
        *s = NULL;
    }
}

void capture_hash(const void *p, size_t n, unsigned char out[CAPTURE_HASH])
{
    crypto_generichash(out, CAPTURE_HASH, p, n, NULL, 0);
}

int capture_finish(sqlite3 *h, sqlite3_session **ps, int origin, long long origin_seq,
                   const char *at, st_err *e)
{
    sqlite3_session *s = *ps;
    if (!s) return ST_OK;
    int n = 0;
    void *cs = NULL;
    int rc = sqlite3session_isempty(s) ? SQLITE_OK : sqlite3session_changeset(s, &n, &cs);
    capture_discard(ps);
    if (rc != SQLITE_OK)
        return err_set(e, ST_EDB, "ghi lại thay đổi để đồng bộ thất bại (%s)",
                       sqlite3_errstr(rc));
    if (n == 0) { sqlite3_free(cs); return ST_OK; }  /* only no-op writes */
    unsigned char hash[CAPTURE_HASH];
    capture_hash(cs, (size_t)n, hash);
    sqlite3_stmt *st = NULL;
    rc = sqlite3_prepare_v2(h,
        "INSERT INTO sync_outbox(seq, origin, origin_seq, at, hash, changeset) "
        "VALUES ((SELECT coalesce(max(seq), 0) + 1 FROM sync_outbox), ?1, ?2, ?3, ?4, ?5)",
        -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int(st, 1, origin);
        if (origin) sqlite3_bind_int64(st, 2, origin_seq);
        sqlite3_bind_text(st, 3, at, -1, SQLITE_TRANSIENT);
        sqlite3_bind_blob(st, 4, hash, CAPTURE_HASH, SQLITE_TRANSIENT);
        sqlite3_bind_blob(st, 5, cs, n, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(h);
    }
    sqlite3_finalize(st);
    sqlite3_free(cs);
    if (rc != SQLITE_OK)
        return err_set(e, ST_EDB, "ghi hộp thư đi đồng bộ thất bại (%s)", sqlite3_errmsg(h));
    return ST_OK;
}
