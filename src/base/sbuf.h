/* A growable string buffer, with JSON string escaping. */
#ifndef SANGTAO_SBUF_H
#define SANGTAO_SBUF_H

#include <stddef.h>

typedef struct sbuf {
    char *s;
    size_t len, cap;
    int oom;      /* set when an allocation failed; s stays valid */
} sbuf;

void sbuf_init(sbuf *b);
void sbuf_free(sbuf *b);
void sbuf_add(sbuf *b, const char *s);
void sbuf_addn(sbuf *b, const char *s, size_t n);
void sbuf_addf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append s as a JSON string literal with quotes; NULL gives null. */
void sbuf_json_str(sbuf *b, const char *s);
/* Take ownership of the string; b is reset.  NULL when out of memory
 * (b->oom, or no room for ""), never a string cut short. */
char *sbuf_take(sbuf *b);
/* The string so far ("" when empty). */
const char *sbuf_str(const sbuf *b);

#endif
