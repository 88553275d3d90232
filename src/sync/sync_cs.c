/* Writing changesets in SQLite's own format (sessions "changeset format"):
 * a table header ('T', column count, primary-key flags, name) then per
 * change the operation, the indirect flag and the old and/or new record,
 * each value a type byte and its bytes.  Used to keep only an office's rows
 * (sync_filter.c) and to send a correction (sync_apply.c). */
#include "sync_internal.h"

#include <stdlib.h>
#include <string.h>

void cs_writer_init(cs_writer *w)
{
    sbuf_init(&w->b);
    w->table[0] = '\0';
}

void cs_writer_free(cs_writer *w)
{
    sbuf_free(&w->b);
}

static void put_byte(cs_writer *w, unsigned char c)
{
    sbuf_addn(&w->b, (const char *)&c, 1);
}

/* SQLite's varint for lengths (< 2^28 here): 7 bits a byte, high first. */
static void put_varint(cs_writer *w, uint64_t v)
{
    unsigned char tmp[10];
    int n = 0;
    do {
        tmp[n++] = (unsigned char)(v & 0x7f);
        v >>= 7;
    } while (v && n < 9);
    for (int i = n - 1; i >= 0; i--) put_byte(w, (unsigned char)(tmp[i] | (i ? 0x80 : 0)));
}

static void put_be64(cs_writer *w, uint64_t v)
{
    for (int i = 7; i >= 0; i--) put_byte(w, (unsigned char)(v >> (8 * i)));
}

static void put_value(cs_writer *w, sqlite3_value *v)
{
    if (!v) { put_byte(w, 0); return; }
    switch (sqlite3_value_type(v)) {
    case SQLITE_INTEGER:
        put_byte(w, 1);
        put_be64(w, (uint64_t)sqlite3_value_int64(v));
        break;
    case SQLITE_FLOAT: {
        double d = sqlite3_value_double(v);
        uint64_t u;
        memcpy(&u, &d, sizeof u);
        put_byte(w, 2);
        put_be64(w, u);
        break;
    }
    case SQLITE_TEXT: {
        const unsigned char *t = sqlite3_value_text(v);
        int n = sqlite3_value_bytes(v);
        put_byte(w, 3);
        put_varint(w, (uint64_t)n);
        sbuf_addn(&w->b, (const char *)t, (size_t)n);
        break;
    }
    case SQLITE_BLOB: {
        const void *p = sqlite3_value_blob(v);
        int n = sqlite3_value_bytes(v);
        put_byte(w, 4);
        put_varint(w, (uint64_t)n);
        if (n) sbuf_addn(&w->b, p, (size_t)n);
        break;
    }
    default:
        put_byte(w, 5);
    }
}

static void put_table(cs_writer *w, const char *table, int ncol, const unsigned char *pk)
{
    if (strcmp(w->table, table) == 0) return;
    snprintf(w->table, sizeof w->table, "%s", table);
    put_byte(w, 'T');
    put_varint(w, (uint64_t)ncol);
    for (int i = 0; i < ncol; i++) put_byte(w, pk[i] ? 1 : 0);
    sbuf_addn(&w->b, table, strlen(table) + 1);
}

void cs_copy_change(cs_writer *w, sqlite3_changeset_iter *it)
{
    const char *tab;
    int ncol, op, indirect;
    unsigned char *pk;
    sqlite3changeset_op(it, &tab, &ncol, &op, &indirect);
    sqlite3changeset_pk(it, &pk, &ncol);
    put_table(w, tab, ncol, pk);
    put_byte(w, (unsigned char)op);
    put_byte(w, (unsigned char)indirect);
    sqlite3_value *v;
    if (op != SQLITE_INSERT)
        for (int i = 0; i < ncol; i++) {
            v = NULL;
            sqlite3changeset_old(it, i, &v);
            put_value(w, v);
        }
    if (op != SQLITE_DELETE)
        for (int i = 0; i < ncol; i++) {
            v = NULL;
            sqlite3changeset_new(it, i, &v);
            put_value(w, v);
        }
}

void cs_put_update(cs_writer *w, const char *table, int ncol, const unsigned char *pk,
                   sqlite3_value *const *oldv, sqlite3_value *const *newv)
{
    put_table(w, table, ncol, pk);
    put_byte(w, SQLITE_UPDATE);
    put_byte(w, 0);
    for (int i = 0; i < ncol; i++) put_value(w, oldv[i]);
    for (int i = 0; i < ncol; i++) put_value(w, pk[i] ? NULL : newv[i]);
}

int cs_value_eq(sqlite3_value *a, sqlite3_value *b)
{
    if (!a || !b) return a == b;
    int ta = sqlite3_value_type(a), tb = sqlite3_value_type(b);
    if (ta != tb) return 0;
    switch (ta) {
    case SQLITE_NULL: return 1;
    case SQLITE_INTEGER: return sqlite3_value_int64(a) == sqlite3_value_int64(b);
    case SQLITE_FLOAT: return sqlite3_value_double(a) == sqlite3_value_double(b);
    default: {
        const void *pa = ta == SQLITE_TEXT ? (const void *)sqlite3_value_text(a)
                                           : sqlite3_value_blob(a);
        const void *pb = ta == SQLITE_TEXT ? (const void *)sqlite3_value_text(b)
                                           : sqlite3_value_blob(b);
        int na = sqlite3_value_bytes(a), nb = sqlite3_value_bytes(b);
        return na == nb && (na == 0 || memcmp(pa, pb, (size_t)na) == 0);
    }
    }
}

char *cs_value_text(sqlite3_value *v)
{
    if (!v || sqlite3_value_type(v) == SQLITE_NULL) return NULL;
    if (sqlite3_value_type(v) == SQLITE_BLOB) {
        char buf[48];
        snprintf(buf, sizeof buf, "(%d byte)", sqlite3_value_bytes(v));
        return strdup(buf);
    }
    const unsigned char *t = sqlite3_value_text(v);
    return strdup(t ? (const char *)t : "");
}
