/* The text half of search (see search_text.h): splitting folded text into
 * words, the FTS5 query, highlighting and exact-mark ranking.  No database
 * here, so store/db_text.c can register search_exact() on each connection
 * without reaching up into flow/. */
#include "search_text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/sbuf.h"
#include "text.h"

/* A word character for search: letters and digits (as FTS5's unicode61
 * tokenizer sees them), and the marks that ride on letters. */
static int word_cp(utf8proc_int32_t cp)
{
    utf8proc_category_t k = utf8proc_category(cp);
    return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_NO) ||
           k == UTF8PROC_CATEGORY_CO;
}

/* Split s (valid UTF-8) into words, in place, NUL-terminating each;
 * returns their number (at most max). */
static int split_words(char *s, char **words, int max)
{
    size_t len = strlen(s), i = 0;
    int n = 0, in = 0;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t r = utf8proc_iterate((utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (r <= 0) {
            s[i] = '\0';
            break;
        }
        if (word_cp(cp)) {
            if (!in) {
                if (n == max) {
                    s[i] = '\0';
                    break;
                }
                words[n++] = s + i;
                in = 1;
            }
        } else {
            memset(s + i, 0, (size_t)r);    /* separators end words */
            in = 0;
        }
        i += (size_t)r;
    }
    return n;
}

int search_fts_query(const char *typed, char **out, st_err *e)
{
    *out = NULL;
    if (!typed) return ST_OK;
    if (!text_utf8_valid(typed, strlen(typed), NULL))
        return err_set(e, ST_EINVAL, "từ khóa tìm kiếm: UTF-8 không hợp lệ");
    char *folded = text_fold(typed);
    if (!folded) return err_set(e, ST_ENOMEM, "hết bộ nhớ");
    char *words[SEARCH_MAX_WORDS];
    int n = split_words(folded, words, SEARCH_MAX_WORDS);
    if (n == 0) {
        free(folded);
        return ST_OK;
    }
    sbuf q;
    sbuf_init(&q);
    /* Words hold only letters and digits, so quoting cannot be broken. */
    for (int i = 0; i < n; i++) sbuf_addf(&q, "%s\"%s\"*", i ? " " : "", words[i]);
    free(folded);
    if (q.oom) {
        sbuf_free(&q);
        return err_set(e, ST_ENOMEM, "hết bộ nhớ");
    }
    *out = strdup(sbuf_str(&q));
    sbuf_free(&q);
    return *out ? ST_OK : err_set(e, ST_ENOMEM, "hết bộ nhớ");
}

int search_words_split(search_words *sw, const char *typed)
{
    memset(sw, 0, sizeof *sw);
    sw->folded = typed ? text_fold(typed) : NULL;
    if (!sw->folded) return -1;
    sw->n = split_words(sw->folded, sw->word, SEARCH_MAX_WORDS);
    for (int k = 0; k < sw->n; k++) sw->len[k] = strlen(sw->word[k]);
    return 0;
}

static char *lower_nfc(const char *s);

int search_marks_split(search_words *sw, const char *typed)
{
    memset(sw, 0, sizeof *sw);
    sw->folded = typed && text_utf8_valid(typed, strlen(typed), NULL) ? lower_nfc(typed) : NULL;
    if (!sw->folded) return -1;
    sw->n = split_words(sw->folded, sw->word, SEARCH_MAX_WORDS);
    for (int k = 0; k < sw->n; k++) sw->len[k] = strlen(sw->word[k]);
    return 0;
}

void search_words_free(search_words *sw)
{
    free(sw->folded);
    memset(sw, 0, sizeof *sw);
}

unsigned search_words_seen(const search_words *sw, const char *text, unsigned seen)
{
    size_t len = strlen(text), i = 0;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)text + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (r <= 0) { i++; continue; }
        if (!word_cp(cp)) { i += (size_t)r; continue; }
        size_t start = i;
        while (i < len) {
            r = utf8proc_iterate((const utf8proc_uint8_t *)text + i,
                                 (utf8proc_ssize_t)(len - i), &cp);
            if (r <= 0 || !word_cp(cp)) break;
            i += (size_t)r;
        }
        for (int k = 0; k < sw->n; k++)
            if (!(seen & (1u << k)) && i - start >= sw->len[k] &&
                memcmp(text + start, sw->word[k], sw->len[k]) == 0)
                seen |= 1u << k;
    }
    return seen;
}

/* Fold one code point (as UTF-8) into buf; returns its length. */
static size_t fold_cp(utf8proc_int32_t cp, char *buf, size_t cap)
{
    char one[8];
    utf8proc_ssize_t k = utf8proc_encode_char(cp, (utf8proc_uint8_t *)one);
    one[k] = '\0';
    char *f = text_fold(one);
    if (!f) return 0;
    size_t n = strlen(f);
    if (n >= cap) n = 0;
    memcpy(buf, f, n);
    free(f);
    return n;
}

int search_highlight(const char *text, const char *typed, search_range *ranges, int max)
{
    if (!text || !typed || max <= 0) return 0;
    size_t tlen = strlen(text);
    if (!text_utf8_valid(text, tlen, NULL) || !text_utf8_valid(typed, strlen(typed), NULL))
        return 0;
    char *folded = text_fold(typed);
    if (!folded) return 0;
    char *words[SEARCH_MAX_WORDS];
    int nw = split_words(folded, words, SEARCH_MAX_WORDS), nr = 0;
    size_t i = 0;
    while (i < tlen && nr < max && nw > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)text + i,
                                              (utf8proc_ssize_t)(tlen - i), &cp);
        if (r <= 0) break;
        if (!word_cp(cp)) {
            i += (size_t)r;
            continue;
        }
        /* A word of text: fold it code point by code point, remembering
         * where in text each folded length ends. */
        size_t start = i, best_end = 0, best_len = 0;
        char fw[256];
        size_t flen = 0;
        while (i < tlen) {
            r = utf8proc_iterate((const utf8proc_uint8_t *)text + i,
                                 (utf8proc_ssize_t)(tlen - i), &cp);
            if (r <= 0 || !word_cp(cp)) break;
            i += (size_t)r;
            /* Combining marks fold to nothing and stay with their letter. */
            flen += fold_cp(cp, fw + flen, sizeof fw - flen);
            for (int k = 0; k < nw; k++) {
                size_t wl = strlen(words[k]);
                if (wl == flen && wl > best_len && memcmp(fw, words[k], wl) == 0) {
                    best_len = wl;
                    best_end = i;
                }
            }
        }
        /* Take trailing combining marks of the last highlighted letter. */
        while (best_end && best_end < tlen) {
            r = utf8proc_iterate((const utf8proc_uint8_t *)text + best_end,
                                 (utf8proc_ssize_t)(tlen - best_end), &cp);
            if (r <= 0 || utf8proc_category(cp) != UTF8PROC_CATEGORY_MN) break;
            best_end += (size_t)r;
        }
        if (best_end) {
            ranges[nr].start = start;
            ranges[nr].end = best_end;
            nr++;
        }
    }
    free(folded);
    return nr;
}

/* Lower case NFC (malloc'd), or NULL. */
static char *lower_nfc(const char *s)
{
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                      UTF8PROC_CASEFOLD);
    if (r < 0) {
        free(out);
        return NULL;
    }
    return (char *)out;
}

/* Does a typed word start the text's word, in either tone style ("hoà"
 * typed, "hòa" stored)?  0 no, 1 a prefix, 2 the whole word. */
static int word_hit(const char *tw, const char *w)
{
    int best = 0;
    char *v[3] = {(char *)w, text_tone_style(w, 0), text_tone_style(w, 1)};
    char *t[2] = {(char *)tw, text_tone_style(tw, 0)};
    for (int i = 0; i < 3 && best < 2; i++)
        for (int j = 0; j < 2 && best < 2; j++) {
            if (!v[i] || !t[j]) continue;
            size_t wl = strlen(v[i]);
            if (strncmp(t[j], v[i], wl) == 0 && (t[j][wl] ? 1 : 2) > best) best = t[j][wl] ? 1 : 2;
        }
    free(v[1]);
    free(v[2]);
    free(t[1]);
    return best;
}

int search_exact_words(const char *text, const char *typed)
{
    if (!text || !typed || !*typed) return 0;
    char *lt = lower_nfc(typed), *ft = text_fold(typed);
    int score = 0;
    if (lt && ft && strcmp(lt, ft) != 0) {
        char *lx = lower_nfc(text);
        char *words[SEARCH_MAX_WORDS], *tw[256];
        int n = lx ? split_words(lt, words, SEARCH_MAX_WORDS) : 0;
        int m = lx ? split_words(lx, tw, 256) : 0;
        for (int k = 0; k < n; k++) {
            int best = 0;
            for (int j = 0; j < m && best < 2; j++) {
                int h = word_hit(tw[j], words[k]);
                if (h > best) best = h;
            }
            score += best;
        }
        free(lx);
    }
    free(lt);
    free(ft);
    return score;
}

int search_has_marks(const char *typed)
{
    if (!typed || !*typed) return 0;
    char *lt = lower_nfc(typed), *ft = text_fold(typed);
    int marks = lt && ft && strcmp(lt, ft) != 0;
    free(lt);
    free(ft);
    return marks;
}
