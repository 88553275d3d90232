/* Statements kept prepared for the life of a connection (db_stmt and
 * db_release in db_internal.h).  Preparing is most of the cost of a small
 * write: the INSERT into events compiles the counting triggers each time.
 * The cache is small and never evicts: the statements the hot paths name
 * are a few dozen; a statement that does not fit is prepared and finalized
 * as before.  A statement already handed out (a caller nested inside
 * another use of the same SQL) gets a fresh one too. */
#include "stmt_cache.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 160

typedef struct slot {
    uint32_t hash;
    int busy;
    sqlite3_stmt *st;
} slot;

struct stmt_cache {
    int n;
    slot s[SLOTS];
};

static uint32_t hash_sql(const char *sql)
{
    uint32_t h = 2166136261u;                    /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)sql; *p; p++) h = (h ^ *p) * 16777619u;
    return h;
}

int stmt_cache_get(stmt_cache **pc, sqlite3 *h, const char *sql, sqlite3_stmt **st)
{
    uint32_t hash = hash_sql(sql);
    stmt_cache *c = *pc;
    if (c) {
        for (int i = 0; i < c->n; i++) {
            slot *s = &c->s[i];
            if (s->hash == hash && !strcmp(sqlite3_sql(s->st), sql)) {
                if (s->busy) break;              /* nested use: a fresh one */
                s->busy = 1;
                *st = s->st;
                return SQLITE_OK;
            }
        }
    } else if ((c = *pc = calloc(1, sizeof *c)) == NULL) {
        return sqlite3_prepare_v2(h, sql, -1, st, NULL);
    }
    int rc = sqlite3_prepare_v3(h, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL);
    if (rc != SQLITE_OK || !*st || c->n == SLOTS) return rc;
    for (int i = 0; i < c->n; i++)               /* the same SQL, busy: do not keep two */
        if (c->s[i].hash == hash && !strcmp(sqlite3_sql(c->s[i].st), sql)) return rc;
    c->s[c->n++] = (slot){ hash, 1, *st };
    return rc;
}

void stmt_cache_put(stmt_cache *c, sqlite3_stmt *st)
{
    if (!st) return;
    for (int i = 0; c && i < c->n; i++) {
        if (c->s[i].st == st) {
            sqlite3_reset(st);
            sqlite3_clear_bindings(st);
            c->s[i].busy = 0;
            return;
        }
    }
    sqlite3_finalize(st);
}

int stmt_cache_count(const stmt_cache *c) { return c ? c->n : 0; }

void stmt_cache_free(stmt_cache **pc)
{
    if (!pc || !*pc) return;
    for (int i = 0; i < (*pc)->n; i++) sqlite3_finalize((*pc)->s[i].st);
    free(*pc);
    *pc = NULL;
}
