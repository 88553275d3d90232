/* Vietnamese collation (see vnsort.h).
 *
 * Each code point gets three weights: the letter (primary), the tone
 * (secondary) and the case (tertiary), read from a table built once from
 * utf8proc's canonical decompositions, so NFC and NFD spellings weigh the
 * same.  Strings are compared syllable by syllable, as dictionaries order
 * them, without allocating: this runs inside ORDER BY over many rows. */
#include "vnsort.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

#define TABLE_MAX 0x2000          /* Latin, Latin Extended Additional and marks */

typedef struct w3 { uint32_t p; uint8_t s, t; } w3;

static w3 table[TABLE_MAX];
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

/* Primary weights: digits, then letters in the Vietnamese order. */
enum { P_IGNORE = 0, P_SPACE = 1, P_PUNCT = 2, P_DIGIT = 10, P_LETTER = 100,
       P_OTHER = 1000 };
static const char *const ALPHABET[] = {
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l",
    "m", "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y",
    "z", NULL};

/* Tone marks in dictionary order: none, huyền, hỏi, ngã, sắc, nặng. */
static int tone_of(utf8proc_int32_t m)
{
    switch (m) {
    case 0x0300: return 1;
    case 0x0309: return 2;
    case 0x0303: return 3;
    case 0x0301: return 4;
    case 0x0323: return 5;
    default: return 0;
    }
}

static uint32_t letter_rank(utf8proc_int32_t base, utf8proc_int32_t vowel_mark)
{
    char want[8];
    utf8proc_int32_t cp = base;
    if (vowel_mark) {
        /* Compose base + mark (â, ă, ơ, …) to find it in the alphabet. */
        utf8proc_int32_t buf[2] = {base, vowel_mark};
        utf8proc_ssize_t n = utf8proc_normalize_utf32(buf, 2, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
        if (n == 1) cp = buf[0];
    }
    utf8proc_ssize_t k = utf8proc_encode_char(cp, (utf8proc_uint8_t *)want);
    want[k] = '\0';
    for (int i = 0; ALPHABET[i]; i++)
        if (strcmp(ALPHABET[i], want) == 0) return P_LETTER + (uint32_t)i * 4;
    return 0;
}

static w3 weigh_slow(utf8proc_int32_t cp)
{
    w3 w = {P_OTHER + (uint32_t)cp, 0, 0};
    utf8proc_int32_t d[8];
    int last = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(cp, d, 8, UTF8PROC_DECOMPOSE, &last);
    if (n < 1 || n > 8) return w;
    utf8proc_int32_t base = d[0], lower = utf8proc_tolower(base), vmark = 0;
    utf8proc_category_t cat = utf8proc_category(base);
    if (cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC || cat == UTF8PROC_CATEGORY_ME) {
        w.p = P_IGNORE;
        w.s = (uint8_t)tone_of(base);
        return w;
    }
    for (utf8proc_ssize_t i = 1; i < n; i++) {
        if (d[i] == 0x0302 || d[i] == 0x0306 || d[i] == 0x031B) vmark = d[i];
        else if (tone_of(d[i])) w.s = (uint8_t)tone_of(d[i]);
    }
    w.t = lower != base;
    if (cp == 0x0110 || cp == 0x0111) {
        w.p = letter_rank('d', 0) + 4;     /* đ right after d */
        w.t = cp == 0x0110;
        return w;
    }
    if (lower >= '0' && lower <= '9') {
        w.p = P_DIGIT + (uint32_t)(lower - '0');
        return w;
    }
    if (cat == UTF8PROC_CATEGORY_ZS || base == ' ' || base == '\t' || base == '\n') {
        w.p = P_SPACE;
        return w;
    }
    if (cat >= UTF8PROC_CATEGORY_PC && cat <= UTF8PROC_CATEGORY_SO) {
        w.p = P_PUNCT;
        return w;
    }
    uint32_t r = lower < 0x80 ? letter_rank(lower, vmark) : 0;
    if (r) w.p = r;
    else w.p = P_OTHER + (uint32_t)lower, w.s = 0;
    return w;
}

static void table_init(void)
{
    for (utf8proc_int32_t cp = 0; cp < TABLE_MAX; cp++) table[cp] = weigh_slow(cp);
}

static w3 weigh(utf8proc_int32_t cp)
{
    if (cp >= 0 && cp < TABLE_MAX) return table[cp];
    if (cp >= 0x1E00 && cp < 0x1F00) return weigh_slow(cp);
    w3 w = {P_OTHER + (uint32_t)cp, 0, 0};
    return w;
}

/* The next code point's weights, or 0 at the end.  Bad bytes weigh as
 * themselves past every letter. */
static int next(const char *s, size_t n, size_t *i, w3 *w)
{
    if (*i >= n) return 0;
    utf8proc_int32_t cp;
    utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)s + *i,
                                          (utf8proc_ssize_t)(n - *i), &cp);
    if (r <= 0) {
        w->p = P_OTHER + 0x110000 + (unsigned char)s[*i];
        w->s = w->t = 0;
        (*i)++;
        return 1;
    }
    *i += (size_t)r;
    *w = weigh(cp);
    return 1;
}

/* Compare one level: 0 primary, 1 secondary, 2 tertiary. */
static int level(const char *a, size_t na, const char *b, size_t nb, int lv)
{
    size_t i = 0, j = 0;
    for (;;) {
        w3 x = {0, 0, 0}, y = {0, 0, 0};
        int hx, hy;
        /* Marks on their own add no letter: skip them at the first level,
         * but their tone still counts at the second. */
        do hx = next(a, na, &i, &x); while (hx && x.p == P_IGNORE && lv == 0);
        do hy = next(b, nb, &j, &y); while (hy && y.p == P_IGNORE && lv == 0);
        if (!hx || !hy) return hx - hy;
        uint32_t vx = lv == 0 ? x.p : lv == 1 ? x.s : x.t;
        uint32_t vy = lv == 0 ? y.p : lv == 1 ? y.s : y.t;
        if (vx != vy) return vx < vy ? -1 : 1;
    }
}

/* The end of the syllable starting at i (up to a space or punctuation),
 * and the start of the next one. */
static size_t syllable(const char *s, size_t n, size_t i, size_t *next_start)
{
    size_t k = i, end;
    w3 w;
    for (;;) {
        end = k;
        if (!next(s, n, &k, &w)) {
            *next_start = n;
            return n;
        }
        if (w.p == P_SPACE || w.p == P_PUNCT) break;
    }
    /* Skip the run of separators. */
    size_t m = k;
    while (m < n) {
        size_t t = m;
        if (!next(s, n, &t, &w) || (w.p != P_SPACE && w.p != P_PUNCT)) break;
        m = t;
    }
    *next_start = m;
    return end;
}

/* Like a dictionary: syllable by syllable, letters then tone; then case
 * over the whole; then bytes. */
static int compare(const char *a, size_t na, const char *b, size_t nb)
{
    pthread_once(&table_once, table_init);
    size_t i = 0, j = 0;
    while (i < na && j < nb) {
        size_t ni, nj;
        size_t ea = syllable(a, na, i, &ni), eb = syllable(b, nb, j, &nj);
        int c = level(a + i, ea - i, b + j, eb - j, 0);
        if (!c) c = level(a + i, ea - i, b + j, eb - j, 1);
        if (c) return c;
        i = ni;
        j = nj;
    }
    if ((i < na) != (j < nb)) return i < na ? 1 : -1;
    int c = level(a, na, b, nb, 2);
    if (c) return c;
    size_t m = na < nb ? na : nb;
    c = memcmp(a, b, m);
    return c ? c : (na > nb) - (na < nb);
}

int vn_compare(const char *a, size_t na, const char *b, size_t nb)
{
    return compare(a, na, b, nb);
}

/* ---- the sort key ----------------------------------------------------------
 *
 * compare() orders by a sequence of parts; the key writes the same parts one
 * after another, each in a form where memcmp agrees with compare():
 *   for each syllable: 0x01, its letters' primary weights, 0x00, its code
 *   points' tones + 1, 0x00
 *   0x00 (no more syllables: fewer syllables sort first)
 *   every code point's case + 1, 0x00
 *   the bytes themselves (the last tie-break, shorter first).
 * A sequence ends with 0x00, below every element, so a prefix sorts first,
 * as level() has it.  A primary weight below 0xF0 (digits, letters) is one
 * byte; a larger one is 0xFF and three bytes, big-endian. */

typedef struct keybuf { unsigned char *p; size_t cap, len; } keybuf;

static void key_put(keybuf *k, unsigned v)
{
    if (k->len < k->cap) k->p[k->len] = (unsigned char)v;
    k->len++;
}

static void key_weight(keybuf *k, uint32_t v)
{
    if (v < 0xF0) {
        key_put(k, v);
        return;
    }
    key_put(k, 0xFF);
    key_put(k, (v >> 16) & 0xFF);
    key_put(k, (v >> 8) & 0xFF);
    key_put(k, v & 0xFF);
}

size_t vn_sortkey(const char *s, size_t n, unsigned char *out, size_t cap)
{
    pthread_once(&table_once, table_init);
    keybuf k = {out, out ? cap : 0, 0};
    size_t i = 0, j;
    w3 w;
    while (i < n) {
        size_t ni, e = syllable(s, n, i, &ni);
        key_put(&k, 1);
        for (j = i; next(s, e, &j, &w);)
            if (w.p != P_IGNORE) key_weight(&k, w.p);
        key_put(&k, 0);
        for (j = i; next(s, e, &j, &w);) key_put(&k, w.s + 1u);
        key_put(&k, 0);
        i = ni;
    }
    key_put(&k, 0);
    for (j = 0; next(s, n, &j, &w);) key_put(&k, w.t + 1u);
    key_put(&k, 0);
    for (j = 0; j < n; j++) key_put(&k, (unsigned char)s[j]);
    return k.len;
}

/* The last word of a name, white space at the ends ignored. */
static void given_name(const char *s, size_t n, size_t *start, size_t *len)
{
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
    size_t k = n;
    while (k > 0 && s[k - 1] != ' ' && s[k - 1] != '\t') k--;
    *start = k;
    *len = n - k;
}

int vn_compare_name(const char *a, size_t na, const char *b, size_t nb)
{
    size_t sa, la, sb, lb;
    given_name(a, na, &sa, &la);
    given_name(b, nb, &sb, &lb);
    pthread_once(&table_once, table_init);
    int c = level(a + sa, la, b + sb, lb, 0);
    if (!c) c = level(a + sa, la, b + sb, lb, 1);
    return c ? c : compare(a, na, b, nb);
}
