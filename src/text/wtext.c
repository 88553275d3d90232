/* Wide text (see wtext.h): code points and wchar_t arrays as the field
 * editor needs them — marks, controls, widths, word characters, sizes, and
 * the way to and from UTF-8 and NFC.  Widths come from utf8proc, not
 * wcwidth, so they do not depend on the locale. */
#include "wtext.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text.h"

int wtext_is_mark(wchar_t c)
{
    utf8proc_category_t k = utf8proc_category((utf8proc_int32_t)c);
    return k == UTF8PROC_CATEGORY_MN || k == UTF8PROC_CATEGORY_MC ||
           k == UTF8PROC_CATEGORY_ME;
}

int wtext_is_control(wchar_t c)
{
    return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

static size_t u8len(wchar_t c)
{
    return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

/* Columns a code point takes when drawn: controls are shown as "^X". */
int wtext_width(wchar_t c)
{
    if (c == L'\n') return 0;
    if (wtext_is_control(c)) return 2;
    int w = utf8proc_charwidth((utf8proc_int32_t)c);
    return w < 0 ? 1 : w;
}

int wtext_is_word(wchar_t c)
{
    utf8proc_category_t k = utf8proc_category((utf8proc_int32_t)c);
    return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO) ||
           (k >= UTF8PROC_CATEGORY_MN && k <= UTF8PROC_CATEGORY_NO) || c == L'_';
}

size_t wtext_count_chars(const wchar_t *w, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        if (!wtext_is_mark(w[i]) || i == 0) c++;
    return c;
}

size_t wtext_count_bytes(const wchar_t *w, size_t n)
{
    size_t b = 0;
    for (size_t i = 0; i < n; i++) b += u8len(w[i]);
    return b;
}

/* UTF-8 (valid) into a malloc'd wchar_t array. */
wchar_t *wtext_from_utf8(const char *s, size_t *n)
{
    size_t len = strlen(s);
    wchar_t *w = malloc((len + 1) * sizeof *w);
    if (!w) return NULL;
    size_t i = 0, k = 0;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (r <= 0) {
            free(w);
            return NULL;
        }
        w[k++] = (wchar_t)cp;
        i += (size_t)r;
    }
    *n = k;
    return w;
}

char *wtext_to_utf8(const wchar_t *w, size_t n)
{
    char *s = malloc(wtext_count_bytes(w, n) + 1);
    if (!s) return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += (size_t)utf8proc_encode_char((utf8proc_int32_t)w[i], (utf8proc_uint8_t *)s + k);
    s[k] = '\0';
    return s;
}

/* NFC of w[0, n) as a new array. */
wchar_t *wtext_nfc(const wchar_t *w, size_t n, size_t *out_n)
{
    char *u = wtext_to_utf8(w, n);
    if (!u) return NULL;
    char *norm = NULL;
    st_err e;
    int rc = text_nfc(u, &norm, &e);
    free(u);
    if (rc != ST_OK) return NULL;
    wchar_t *r = wtext_from_utf8(norm, out_n);
    free(norm);
    return r;
}
