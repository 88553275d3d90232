/* Where the tone of an open "oa, oe, uy" sits: the old style on the first
 * vowel (hòa, khỏe, thúy), the new on the second (hoà, khoẻ, thuý).  Only
 * those three open pairs differ between the styles: with a final consonant
 * (hoàn, thuyền) or after qu (quý) both put it in the same place. */
#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static int tone_new;

void text_set_tone_style(int new_style) { tone_new = new_style ? 1 : 0; }
int text_tone_style_new(void) { return tone_new; }

static int is_tone(utf8proc_int32_t c)
{
    return c == 0x300 || c == 0x301 || c == 0x303 || c == 0x309 || c == 0x323;
}

static int is_mark(utf8proc_int32_t c) { return c >= 0x300 && c <= 0x36F; }

static int is_letter(utf8proc_int32_t c)
{
    if (is_mark(c)) return 1;
    utf8proc_category_t k = utf8proc_category(c);
    return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}

static utf8proc_int32_t low(utf8proc_int32_t c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* One word cp[0..n) (NFD): move the tone of a final open oa/oe/uy. */
static void word_fix(utf8proc_int32_t *cp, long n, int new_style)
{
    long pos[64];
    int nl = 0;
    for (long i = 0; i < n && nl < 64; i++) if (!is_mark(cp[i])) pos[nl++] = i;
    if (nl < 2 || nl >= 64) return;
    long a = pos[nl - 2], b = pos[nl - 1];
    utf8proc_int32_t x = low(cp[a]), y = low(cp[b]);
    if (!((x == 'o' && (y == 'a' || y == 'e')) || (x == 'u' && y == 'y'))) return;
    if (nl >= 3 && low(cp[pos[nl - 3]]) == 'q') return;   /* qu- is the onset: quý */
    /* the pair: each letter with at most a tone after it, one tone in all */
    long alen = b - a - 1, blen = n - b - 1;
    if (alen > 1 || blen > 1 || alen + blen != 1) return;
    utf8proc_int32_t t = alen ? cp[a + 1] : cp[b + 1];
    if (!is_tone(t)) return;
    for (long i = 0; i < a; i++) if (is_tone(cp[i])) return;   /* a tone elsewhere: not ours */
    utf8proc_int32_t ca = cp[a], cb = cp[b];
    if (new_style) { cp[a] = ca; cp[a + 1] = cb; cp[a + 2] = t; }
    else { cp[a] = ca; cp[a + 1] = t; cp[a + 2] = cb; }
}

char *text_tone_style(const char *s, int new_style)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p && *p < 0x80) p++;
    if (!*p) return strdup(s);                   /* plain ASCII: no tone to move */
    utf8proc_uint8_t *d = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &d,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE);
    if (n < 0) return strdup(s);
    utf8proc_int32_t *cp = malloc(((size_t)n + 1) * sizeof *cp);
    if (!cp) { free(d); return NULL; }
    long m = 0;
    for (utf8proc_ssize_t i = 0; i < n;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(d + i, n - i, &c);
        if (k <= 0) { free(cp); free(d); return strdup(s); }
        cp[m++] = c;
        i += k;
    }
    for (long i = 0; i < m;) {
        long j = i;
        while (j < m && is_letter(cp[j])) j++;
        if (j > i) word_fix(cp + i, j - i, new_style);
        i = j + 1;
    }
    utf8proc_uint8_t *out = malloc((size_t)m * 4 + 1);
    char *r = NULL;
    if (out) {
        size_t len = 0;
        for (long i = 0; i < m; i++) len += (size_t)utf8proc_encode_char(cp[i], out + len);
        out[len] = '\0';
        r = (char *)utf8proc_NFC(out);
        free(out);
    }
    free(cp);
    free(d);
    return r;
}
