/* The text functions every connection has (registered by db_open before
 * migrations run, so triggers and views may use them):
 *   fold(x)               text_fold: the search form ("Đặng" → "dang")
 *   search_exact(x, q)    how many of q's words appear in x with their marks
 *                         (case aside): ranks exact matches first
 *   vn_sortkey(x)         a blob whose byte order is COLLATE vi's, for an index
 *   COLLATE vi            Vietnamese alphabetical order (vnsort.h)
 *   COLLATE vi_name       people by given name, then the rest
 * A database written by another SQLite program must not touch the searched
 * tables (their triggers call fold()); reading is fine. */
#include "db_internal.h"

#include <stdlib.h>
#include <string.h>

#include "text/search_text.h"
#include "text/text.h"
#include "text/vnsort.h"

static void sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const unsigned char *s = sqlite3_value_text(argv[0]);
    if (!s) {
        sqlite3_result_null(ctx);
        return;
    }
    char *f = text_fold((const char *)s);
    if (f) sqlite3_result_text(ctx, f, -1, free);
    else sqlite3_result_text(ctx, (const char *)s, -1, SQLITE_TRANSIENT);
}

static void sql_search_exact(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const unsigned char *s = sqlite3_value_text(argv[0]), *q = sqlite3_value_text(argv[1]);
    sqlite3_result_int(ctx, s && q ? search_exact_words((const char *)s, (const char *)q) : 0);
}

/* The key that orders like COLLATE vi, for the indexed proposals.title_key
 * (data/006_speed.sql). */
static void sql_sortkey(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const char *s = (const char *)sqlite3_value_text(argv[0]);
    if (!s) {
        sqlite3_result_null(ctx);
        return;
    }
    size_t n = (size_t)sqlite3_value_bytes(argv[0]);
    unsigned char buf[512];
    size_t len = vn_sortkey(s, n, buf, sizeof buf);
    if (len <= sizeof buf) {
        sqlite3_result_blob(ctx, buf, (int)len, SQLITE_TRANSIENT);
        return;
    }
    unsigned char *big = malloc(len);
    if (!big) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    vn_sortkey(s, n, big, len);
    sqlite3_result_blob(ctx, big, (int)len, free);
}

static int coll_vi(void *ud, int na, const void *a, int nb, const void *b)
{
    (void)ud;
    return vn_compare(a, (size_t)na, b, (size_t)nb);
}

static int coll_vi_name(void *ud, int na, const void *a, int nb, const void *b)
{
    (void)ud;
    return vn_compare_name(a, (size_t)na, b, (size_t)nb);
}

/* index_held(): whether this connection's core is writing a proposal with
 * its proposers and will index it once at the end (migration 015).  The
 * flag is the user data: an int of st_db, or none (always false). */
static void sql_index_held(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    (void)argv;
    const int *held = sqlite3_user_data(ctx);
    sqlite3_result_int(ctx, held && *held);
}

int db_register_index_held(sqlite3 *h, const int *held)
{
    return sqlite3_create_function(h, "index_held", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS,
                                   (void *)held, sql_index_held, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

int db_register_text_sql(sqlite3 *h)
{
    int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
    if (sqlite3_create_function(h, "fold", 1, flags, NULL, sql_fold, NULL, NULL) != SQLITE_OK ||
        sqlite3_create_function(h, "search_exact", 2, flags, NULL, sql_search_exact, NULL,
                                NULL) != SQLITE_OK ||
        sqlite3_create_function(h, "vn_sortkey", 1, flags | SQLITE_INNOCUOUS, NULL,
                                sql_sortkey, NULL, NULL) != SQLITE_OK ||
        sqlite3_create_collation(h, "vi", SQLITE_UTF8, NULL, coll_vi) != SQLITE_OK ||
        sqlite3_create_collation(h, "vi_name", SQLITE_UTF8, NULL, coll_vi_name) != SQLITE_OK ||
        db_register_index_held(h, NULL) != 0)
        return -1;
    return 0;
}
