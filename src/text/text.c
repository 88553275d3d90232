/* Text: UTF-8 validation, NFC, search folding, safe display.
 *
 * Everything that enters the program (keyboard, CLI, CSV, sync, config) is
 * validated and normalised here, so the rest of the code can assume NFC
 * UTF-8.  Normalisation itself is utf8proc's; the validator is our own so
 * that callers get the offset of the first bad byte for their messages. */
#include "text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Length of the well-formed sequence at s[0..len), or 0 if ill-formed.
 * Follows Unicode Table 3-7, which rules out overlongs (C0, C1, E0 80..9F,
 * F0 80..8F), surrogates (ED A0..BF) and code points past U+10FFFF (F4 90..,
 * F5..FF). */
static size_t utf8_seq_len(const unsigned char *s, size_t len)
{
    unsigned char c = s[0];
    size_t n;
    unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the 2nd byte */

    if (c < 0x80) return 1;
    if (c < 0xC2) return 0;             /* stray continuation or overlong */
    if (c < 0xE0) n = 2;
    else if (c < 0xF0) {
        n = 3;
        if (c == 0xE0) lo = 0xA0;       /* overlong */
        if (c == 0xED) hi = 0x9F;       /* surrogates */
    } else if (c < 0xF5) {
        n = 4;
        if (c == 0xF0) lo = 0x90;       /* overlong */
        if (c == 0xF4) hi = 0x8F;       /* > U+10FFFF */
    } else {
        return 0;
    }
    if (len < n) return 0;              /* truncated */
    if (s[1] < lo || s[1] > hi) return 0;
    for (size_t i = 2; i < n; i++)
        if (s[i] < 0x80 || s[i] > 0xBF) return 0;
    return n;
}

/* The offset reported is where the ill-formed sequence starts (its lead
 * byte), as Python and most editors report it. */
int text_utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        size_t n = utf8_seq_len(p + i, len - i);
        if (n == 0) {
            if (bad_offset) *bad_offset = i;
            return 0;
        }
        i += n;
    }
    return 1;
}

int text_nfc(const char *s, char **out, st_err *e)
{
    size_t len = strlen(s), bad = 0;
    *out = NULL;
    if (!text_utf8_valid(s, len, &bad))
        return err_set(e, ST_EINVAL, "UTF-8 không hợp lệ tại byte %zu", bad);
    size_t ascii = 0;
    while (ascii < len && (unsigned char)s[ascii] < 0x80) ascii++;
    if (ascii == len) {
        /* Plain ASCII (and the empty text) is its own NFC. */
        *out = strdup(s);
        return *out ? ST_OK : err_set(e, ST_ENOMEM, "hết bộ nhớ");
    }
    utf8proc_uint8_t *res = NULL;
    utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s,
                                      (utf8proc_ssize_t)len, &res,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (r < 0) {
        free(res);
        if (r == UTF8PROC_ERROR_NOMEM) return err_set(e, ST_ENOMEM, "hết bộ nhớ");
        return err_set(e, ST_EINVAL, "không chuẩn hóa được văn bản: %s",
                       utf8proc_errmsg(r));
    }
    *out = (char *)res;
    return ST_OK;
}

/* One code point of the folded form, or -1 to drop it. */
static utf8proc_int32_t fold_cp(utf8proc_int32_t cp)
{
    /* Unicode gives đ/Đ no decomposition, so stripping marks leaves them;
     * Vietnamese readers still expect "dang" to find "Đặng". */
    if (cp == 0x0110 || cp == 0x0111) return 'd';
    if (utf8proc_category(cp) == UTF8PROC_CATEGORY_MN) return -1;
    return utf8proc_tolower(cp);
}

char *text_fold(const char *s)
{
    size_t len = strlen(s);
    if (!text_utf8_valid(s, len, NULL)) return NULL;
    if (len == 0) return calloc(1, 1);

    const utf8proc_uint8_t *in = (const utf8proc_uint8_t *)s;
    utf8proc_option_t opt = UTF8PROC_STABLE | UTF8PROC_DECOMPOSE;
    /* First pass sizes the buffer; the second fills it. */
    utf8proc_ssize_t n = utf8proc_decompose(in, (utf8proc_ssize_t)len, NULL, 0, opt);
    if (n < 0) return NULL;
    /* +1: reencode may need room for a terminating NUL. */
    utf8proc_int32_t *buf = malloc(((size_t)n + 1) * sizeof *buf);
    if (!buf) return NULL;
    utf8proc_ssize_t m = utf8proc_decompose(in, (utf8proc_ssize_t)len, buf, n, opt);
    if (m < 0 || m > n) {
        free(buf);
        return NULL;
    }
    utf8proc_ssize_t k = 0;
    for (utf8proc_ssize_t i = 0; i < m; i++) {
        utf8proc_int32_t cp = fold_cp(buf[i]);
        if (cp >= 0) buf[k++] = cp;
    }
    /* Recompose what is left (other scripts' marks are gone, but Hangul
     * jamo and the like still compose) and write UTF-8 in place. */
    utf8proc_ssize_t r = utf8proc_reencode(buf, k, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (r < 0) {
        free(buf);
        return NULL;
    }
    char *res = (char *)buf;
    res[r] = '\0';
    char *shrunk = realloc(res, (size_t)r + 1);
    return shrunk ? shrunk : res;
}

/* Code points that are not C0/C1 controls but can still reorder or break
 * what a terminal shows (bidi overrides, line separators): made visible. */
static int is_invisible_format(utf8proc_int32_t cp)
{
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
           cp == 0x2028 || cp == 0x2029 || cp == 0x200E || cp == 0x200F;
}

long text_find_control(const char *s, int allow_newlines, unsigned *code)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; p[i]; i++) {
        unsigned c = p[i];
        if (allow_newlines && (c == '\n' || c == '\t' || c == '\r')) continue;
        if (c < 0x20 || c == 0x7f || (c == 0xc2 && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f)) {
            if (code) *code = c == 0xc2 ? p[i + 1] : c;
            return (long)i;
        }
    }
    return -1;
}

char *text_sanitize(const char *s, int keep_newlines)
{
    size_t len = strlen(s);
    /* Worst case: every byte becomes "\xNN"; a 2- or 3-byte code point
     * becomes "<U+XXXX>" (8 bytes, at most 4 per input byte). */
    char *out = malloc(len * 4 + 1);
    if (!out) return NULL;
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, o = 0;
    while (i < len) {
        unsigned char c = p[i];
        size_t n = utf8_seq_len(p + i, len - i);
        if (n == 0) {
            o += (size_t)sprintf(out + o, "\\x%02X", c);
            i++;
        } else if (n == 1) {
            if ((c == '\n' || c == '\t') && keep_newlines)
                out[o++] = (char)c;
            else if (c == '\n' || c == '\t')
                out[o++] = ' ';
            else if (c < 0x20) {
                out[o++] = '^';
                out[o++] = (char)(c + 0x40);
            } else if (c == 0x7F) {
                out[o++] = '^';
                out[o++] = '?';
            } else {
                out[o++] = (char)c;
            }
            i++;
        } else {
            utf8proc_int32_t cp;
            utf8proc_iterate(p + i, (utf8proc_ssize_t)n, &cp);
            if ((cp >= 0x80 && cp <= 0x9F) || is_invisible_format(cp)) {
                o += (size_t)sprintf(out + o, "<U+%04X>", (unsigned)cp);
            } else {
                memcpy(out + o, p + i, n);
                o += n;
            }
            i += n;
        }
    }
    out[o] = '\0';
    return out;
}

char *text_trim(char *s)
{
    static const char ws[] = " \t\n\r\v\f";
    size_t start = strspn(s, ws);
    size_t len = strlen(s + start);
    while (len > 0 && strchr(ws, s[start + len - 1])) len--;
    memmove(s, s + start, len);
    s[len] = '\0';
    return s;
}

int text_width(const char *s)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t len = strlen(s), i = 0;
    int w = 0;
    while (i < len) {
        size_t n = utf8_seq_len(p + i, len - i);
        if (n == 0) {
            /* An invalid byte is never drawn as-is; count one column. */
            w++;
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_iterate(p + i, (utf8proc_ssize_t)n, &cp);
        w += utf8proc_charwidth(cp);
        i += n;
    }
    return w;
}
