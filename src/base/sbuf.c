#include "sbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sbuf_init(sbuf *b)
{
    memset(b, 0, sizeof *b);
}

void sbuf_free(sbuf *b)
{
    free(b->s);
    sbuf_init(b);
}

static int sbuf_grow(sbuf *b, size_t extra)
{
    if (b->oom) return -1;
    if (b->len + extra + 1 <= b->cap) return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) cap *= 2;
    char *s = realloc(b->s, cap);
    if (!s) { b->oom = 1; return -1; }
    b->s = s;
    b->cap = cap;
    return 0;
}

void sbuf_addn(sbuf *b, const char *s, size_t n)
{
    if (sbuf_grow(b, n) < 0) return;
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void sbuf_add(sbuf *b, const char *s)
{
    if (s) sbuf_addn(b, s, strlen(s));
}

void sbuf_addf(sbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || sbuf_grow(b, (size_t)n) < 0) return;
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void sbuf_json_str(sbuf *b, const char *s)
{
    if (!s) { sbuf_add(b, "null"); return; }
    sbuf_add(b, "\"");
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"':  sbuf_add(b, "\\\""); break;
        case '\\': sbuf_add(b, "\\\\"); break;
        case '\n': sbuf_add(b, "\\n"); break;
        case '\r': sbuf_add(b, "\\r"); break;
        case '\t': sbuf_add(b, "\\t"); break;
        default:
            if (*p < 0x20 || *p == 0x7f) sbuf_addf(b, "\\u%04x", *p);
            else sbuf_addn(b, (const char *)p, 1);
        }
    }
    sbuf_add(b, "\"");
}

char *sbuf_take(sbuf *b)
{
    if (b->oom) { sbuf_free(b); return NULL; }   /* not a cut-short string */
    char *s = b->s ? b->s : strdup("");
    sbuf_init(b);
    return s;
}

const char *sbuf_str(const sbuf *b)
{
    return b->s ? b->s : "";
}
