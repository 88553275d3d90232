/* The text functions every connection has (registered by db_open before
 * migrations run, so triggers and views may use them):
 *   fold(x)               text_fold: the search form ("Đặng" → "dang")
 *   search_exact(x, q)    how many of q's words appear in x with their marks
 *                         (case aside): ranks exact matches first
 *   COLLATE vi            Vietnamese alphabetical order (vnsort.h)
 *   COLLATE vi_name       people by given name, then the rest
 * A database written by another SQLite program must not touch the searched
 * tables (their triggers call fold()); reading is fine. */
#include "db_internal.h"

#include <stdlib.h>
#include <string.h>

#include "search.h"
#include "text.h"
#include "vnsort.h"

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

int db_register_text_sql(sqlite3 *h)
{
    int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
    if (sqlite3_create_function(h, "fold", 1, flags, NULL, sql_fold, NULL, NULL) != SQLITE_OK ||
        sqlite3_create_function(h, "search_exact", 2, flags, NULL, sql_search_exact, NULL,
                                NULL) != SQLITE_OK ||
        sqlite3_create_collation(h, "vi", SQLITE_UTF8, NULL, coll_vi) != SQLITE_OK ||
        sqlite3_create_collation(h, "vi_name", SQLITE_UTF8, NULL, coll_vi_name) != SQLITE_OK)
        return -1;
    return 0;
}
