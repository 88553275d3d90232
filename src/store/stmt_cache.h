/* Prepared statements kept for a connection's life (stmt_cache.c); use
 * through db_stmt / db_release (db_internal.h). */
#ifndef SANGTAO_STMT_CACHE_H
#define SANGTAO_STMT_CACHE_H

#include <sqlite3.h>

typedef struct stmt_cache stmt_cache;

/* The statement for sql: the kept one if free, else a new one (kept when
 * there is room).  An SQLite result code. */
int stmt_cache_get(stmt_cache **c, sqlite3 *h, const char *sql, sqlite3_stmt **st);
/* Give st back: a kept statement is reset and its bindings cleared, any
 * other is finalized. */
void stmt_cache_put(stmt_cache *c, sqlite3_stmt *st);
int stmt_cache_count(const stmt_cache *c);
void stmt_cache_free(stmt_cache **c);

#endif
