/* The field editor's logic (see lineedit.h).
 *
 * The buffer is NFC wchar_t (UTF-32 on the systems we build for).  A
 * "character" is a base code point and the combining marks after it; the
 * cursor only ever stops between characters.  Inserted text is normalised
 * together with its neighbours, so a combining mark typed after a letter
 * composes with it.  What a code point is (mark, control, width) and the
 * conversions to and from UTF-8 are wtext.c's. */
#include "lineedit.h"

#include <stdlib.h>
#include <string.h>

#include "ime.h"
#include "text.h"
#include "wtext.h"

#define LE_MAX_BYTES 1000000

struct lineedit {
    wchar_t *buf;
    size_t len, cap, cur;
    int mode;
    size_t max_chars;
    size_t nbytes, nchars;           /* UTF-8 size and characters held */
    int dirty;
    size_t scroll;                   /* first character drawn */
    int goal_col;                    /* column kept by up/down, -1 none */
    enum le_ime ime;
    int new_style;
    /* The syllable being composed: buf[comp_start, cur) came from keys. */
    int comp_on;
    int derived;                     /* keys read back from text already there */
    size_t comp_start;
    wchar_t keys[IME_MAX_KEYS];
    size_t nkeys;
};

/* ---- buffer -------------------------------------------------------------- */

static int reserve(lineedit *le, size_t need)
{
    if (need <= le->cap) return 0;
    size_t cap = le->cap ? le->cap : 64;
    while (cap < need) cap *= 2;
    wchar_t *b = realloc(le->buf, cap * sizeof *b);
    if (!b) return -1;
    le->buf = b;
    le->cap = cap;
    return 0;
}

static size_t limit_chars(const lineedit *le)
{
    return le->max_chars ? le->max_chars : (size_t)-1;
}

/* Would replacing [a, b) with n code points w stay within the limits? */
static int fits(const lineedit *le, size_t a, size_t b, const wchar_t *w, size_t n)
{
    size_t bytes = le->nbytes - wtext_count_bytes(le->buf + a, b - a) + wtext_count_bytes(w, n);
    size_t chars = le->nchars - wtext_count_chars(le->buf + a, b - a) + wtext_count_chars(w, n);
    return bytes <= LE_MAX_BYTES && chars <= limit_chars(le);
}

/* Replace [a, b) with w[0, n) (already NFC); no limit checks. */
static int splice(lineedit *le, size_t a, size_t b, const wchar_t *w, size_t n)
{
    size_t newlen = le->len - (b - a) + n;
    if (reserve(le, newlen + 1) < 0) return -1;
    le->nbytes = le->nbytes - wtext_count_bytes(le->buf + a, b - a) + wtext_count_bytes(w, n);
    le->nchars = le->nchars - wtext_count_chars(le->buf + a, b - a) + wtext_count_chars(w, n);
    memmove(le->buf + a + n, le->buf + b, (le->len - b) * sizeof *le->buf);
    if (n) memcpy(le->buf + a, w, n * sizeof *w);
    le->len = newlen;
    le->dirty = 1;
    return 0;
}

/* Start of the character that ends at i (i > 0). */
static size_t char_before(const lineedit *le, size_t i)
{
    if (i == 0) return 0;
    i--;
    while (i > 0 && wtext_is_mark(le->buf[i])) i--;
    return i;
}

/* End of the character that starts at i (i < len). */
static size_t char_after(const lineedit *le, size_t i)
{
    if (i >= le->len) return le->len;
    i++;
    while (i < le->len && wtext_is_mark(le->buf[i])) i++;
    return i;
}

/* Insert w at the cursor, normalised with the characters on each side.
 * Returns 1 if inserted, 0 if it would not fit, -1 on memory. */
static int insert_w(lineedit *le, const wchar_t *w, size_t n)
{
    size_t a = char_before(le, le->cur), b = le->cur;
    while (b < le->len && wtext_is_mark(le->buf[b])) b++;
    size_t segn = (le->cur - a) + n + (b - le->cur);
    wchar_t *seg = malloc((segn + 1) * sizeof *seg);
    if (!seg) return -1;
    memcpy(seg, le->buf + a, (le->cur - a) * sizeof *seg);
    memcpy(seg + (le->cur - a), w, n * sizeof *w);
    memcpy(seg + (le->cur - a) + n, le->buf + le->cur, (b - le->cur) * sizeof *seg);
    size_t nn = 0;
    wchar_t *norm = wtext_nfc(seg, segn, &nn);
    free(seg);
    if (!norm) return -1;
    int rc = 0;
    if (fits(le, a, b, norm, nn)) {
        rc = splice(le, a, b, norm, nn) < 0 ? -1 : 1;
        if (rc == 1) le->cur = a + nn;
    }
    free(norm);
    return rc;
}

static void comp_reset(lineedit *le)
{
    le->comp_on = 0;
    le->derived = 0;
    le->nkeys = 0;
}

/* ---- public -------------------------------------------------------------- */

int le_new(lineedit **out, int mode, size_t max_chars)
{
    lineedit *le = calloc(1, sizeof *le);
    *out = NULL;
    if (!le) return -1;
    le->mode = mode == LE_MULTI ? LE_MULTI : LE_SINGLE;
    le->max_chars = max_chars;
    le->goal_col = -1;
    le->new_style = 1;
    if (reserve(le, 64) < 0) {
        free(le);
        return -1;
    }
    *out = le;
    return 0;
}

void le_free(lineedit **le)
{
    if (!le || !*le) return;
    free((*le)->buf);
    free(*le);
    *le = NULL;
}

int le_set_utf8(lineedit *le, const char *s)
{
    char *norm = NULL;
    st_err e;
    if (!s) s = "";
    if (text_nfc(s, &norm, &e) != ST_OK) return -1;
    size_t n = 0;
    wchar_t *w = wtext_from_utf8(norm, &n);
    free(norm);
    if (!w) return -1;
    int rc = splice(le, 0, le->len, w, n);
    free(w);
    if (rc < 0) return -1;
    le->cur = le->len;
    le->scroll = 0;
    le->goal_col = -1;
    le->dirty = 0;
    comp_reset(le);
    return 0;
}

char *le_get_utf8(const lineedit *le)
{
    return wtext_to_utf8(le->buf, le->len);
}

void le_set_ime(lineedit *le, enum le_ime ime, int new_tone_style)
{
    le->ime = ime;
    le->new_style = new_tone_style ? 1 : 0;
    comp_reset(le);
}

enum le_ime le_get_ime(const lineedit *le)
{
    return le->ime;
}

/* A tone key typed with the cursor inside a word (letters on both sides):
 * the tone goes on that word, and the cursor stays where it was.  1 when
 * it did, 0 when the key is not a tone key there or the word takes no
 * tone (then it is typed as a letter). */
static int tone_inside(lineedit *le, wchar_t c)
{
    size_t a = le->cur;
    if (!ime_is_tone_key((int)le->ime, c) || a == 0 || a >= le->len ||
        !ime_is_letter(le->buf[a - 1]) || !ime_is_letter(le->buf[a]))
        return 0;
    size_t b = a;
    while (a > 0 && ime_is_letter(le->buf[a - 1])) a--;
    while (b < le->len && ime_is_letter(le->buf[b])) b++;
    if (b - a >= IME_MAX_KEYS - 1) return 0;
    wchar_t keys[IME_MAX_KEYS], out[IME_MAX_KEYS];
    size_t nk = ime_keys_for((int)le->ime, le->buf + a, b - a, keys, IME_MAX_KEYS - 1);
    if (nk == 0) return 0;
    keys[nk++] = c;
    size_t n = ime_compose((int)le->ime, le->new_style, keys, nk, out, IME_MAX_KEYS);
    /* The key was taken as a tone: as many letters as before, some changed. */
    if (n != b - a || memcmp(out, le->buf + a, n * sizeof *out) == 0) return 0;
    if (!fits(le, a, b, out, n)) return 0;
    size_t cur = le->cur;
    if (splice(le, a, b, out, n) < 0) return 0;
    le->cur = cur;
    comp_reset(le);
    return 1;
}

/* A key of the input method: compose it into the syllable before the cursor. */
static int ime_type(lineedit *le, wchar_t c)
{
    if (tone_inside(le, c)) return 1;
    if (!le->comp_on || le->comp_start > le->cur) {
        size_t a = le->cur;
        while (a > 0 && ime_is_letter(le->buf[a - 1])) a--;
        le->nkeys = 0;
        /* Typing inside a word starts a new syllable there. */
        int inside = le->cur < le->len && ime_is_letter(le->buf[le->cur]);
        if (a < le->cur && !inside && le->cur - a < IME_MAX_KEYS)
            le->nkeys = ime_keys_for((int)le->ime, le->buf + a, le->cur - a, le->keys,
                                     IME_MAX_KEYS - 1);
        if (le->nkeys == 0) a = le->cur;
        /* VNI: a digit with no word before it is just a digit. */
        if (a == le->cur && !ime_is_key(IME_TELEX, c)) return -1;
        le->comp_start = a;
        le->comp_on = 1;
        le->derived = le->nkeys > 0;
    }
    if (le->nkeys + 1 > IME_MAX_KEYS) return -1;
    le->keys[le->nkeys] = c;
    wchar_t out[IME_MAX_KEYS];
    size_t n = ime_compose((int)le->ime, le->new_style, le->keys, le->nkeys + 1, out,
                           IME_MAX_KEYS);
    /* A plain letter added to a word that was already there (typed with
     * another input method, or before moving the cursor) keeps that word's
     * tone where its author put it. */
    if (le->derived) {
        size_t m = le->cur - le->comp_start;
        wchar_t plain[IME_MAX_KEYS + 1];
        le->derived = 0;
        if (m < IME_MAX_KEYS) {
            memcpy(plain, le->buf + le->comp_start, m * sizeof *plain);
            plain[m] = c;
            if (ime_same_but_tone_place(out, n, plain, m + 1)) {
                memcpy(out, plain, (m + 1) * sizeof *out);
                n = m + 1;
            }
        }
    }
    if (!fits(le, le->comp_start, le->cur, out, n)) return 0;
    int same = n == le->cur - le->comp_start &&
               memcmp(out, le->buf + le->comp_start, n * sizeof *out) == 0;
    if (!same && splice(le, le->comp_start, le->cur, out, n) < 0) return 0;
    le->nkeys++;
    le->cur = le->comp_start + n;
    return same ? 0 : 1;
}

int le_type(lineedit *le, wchar_t c)
{
    if (wtext_is_control(c) || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF || c < 0) return 0;
    le->goal_col = -1;
    if (le->ime != LE_IME_OFF && ime_is_key((int)le->ime, c)) {
        int r = ime_type(le, c);
        if (r >= 0) return r;
    }
    comp_reset(le);
    return insert_w(le, &c, 1) == 1;
}

int le_paste_utf8(lineedit *le, const char *s)
{
    char *norm = NULL;
    st_err e;
    comp_reset(le);
    le->goal_col = -1;
    if (!s || text_nfc(s, &norm, &e) != ST_OK) return 0;
    size_t n = 0;
    wchar_t *w = wtext_from_utf8(norm, &n);
    free(norm);
    if (!w) return 0;
    /* Keep newlines in a text area ("\r\n" and "\r" become "\n"); a single
     * line drops the line breaks that end the text (a copied line brings
     * its own) and gets a space for one inside it or a tab; other
     * controls go. */
    if (le->mode != LE_MULTI)
        while (n > 0 && (w[n - 1] == L'\n' || w[n - 1] == L'\r')) n--;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        wchar_t c = w[i];
        if (c == L'\r') {
            if (i + 1 < n && w[i + 1] == L'\n') continue;
            c = L'\n';
        }
        if (c == L'\n' || c == L'\t') {
            w[k++] = (c == L'\n' && le->mode == LE_MULTI) ? L'\n' : L' ';
            continue;
        }
        if (wtext_is_control(c)) continue;
        w[k++] = c;
    }
    /* Cut what does not fit, at a character boundary. */
    size_t room_c = limit_chars(le) - (le->nchars < limit_chars(le) ? le->nchars : limit_chars(le));
    size_t room_b = LE_MAX_BYTES - (le->nbytes < LE_MAX_BYTES ? le->nbytes : LE_MAX_BYTES);
    size_t take = 0, chars = 0, bytes = 0;
    while (take < k) {
        size_t end = take + 1;
        while (end < k && wtext_is_mark(w[end])) end++;
        size_t b = wtext_count_bytes(w + take, end - take);
        if (chars + 1 > room_c || bytes + b > room_b) break;
        chars++;
        bytes += b;
        take = end;
    }
    int rc = 0;
    while (take > 0 && (rc = insert_w(le, w, take)) == 0) {
        /* Normalising with the neighbours can add a character: one fewer. */
        take = char_before(&(lineedit){.buf = w, .len = take}, take);
    }
    free(w);
    return rc == 1;
}

/* Start of the line holding position i, and its end. */
static size_t line_start(const lineedit *le, size_t i)
{
    while (i > 0 && le->buf[i - 1] != L'\n') i--;
    return i;
}

static size_t line_end(const lineedit *le, size_t i)
{
    while (i < le->len && le->buf[i] != L'\n') i++;
    return i;
}

static int cols(const lineedit *le, size_t a, size_t b)
{
    int w = 0;
    for (size_t i = a; i < b; i++) w += wtext_width(le->buf[i]);
    return w;
}

/* In the line starting at ls, the boundary nearest column col (not past). */
static size_t at_col(const lineedit *le, size_t ls, int col)
{
    size_t i = ls, end = line_end(le, ls);
    int c = 0;
    while (i < end) {
        size_t nx = char_after(le, i);
        int w = cols(le, i, nx);
        if (c + w > col) break;
        c += w;
        i = nx;
    }
    return i;
}

static size_t word_left(const lineedit *le, size_t i)
{
    while (i > 0 && !wtext_is_word(le->buf[i - 1])) i = char_before(le, i);
    while (i > 0 && wtext_is_word(le->buf[i - 1])) i = char_before(le, i);
    return i;
}

static size_t word_right(const lineedit *le, size_t i)
{
    while (i < le->len && !wtext_is_word(le->buf[i])) i = char_after(le, i);
    while (i < le->len && wtext_is_word(le->buf[i])) i = char_after(le, i);
    return i;
}

static int delete_range(lineedit *le, size_t a, size_t b)
{
    if (a >= b) return 0;
    if (splice(le, a, b, NULL, 0) < 0) return 0;
    le->cur = a;
    return 1;
}

/* After Backspace in a composed word, write its tone where the spelling
 * rules now put it ("hoán" → "hoá" / "hóa"). */
static void ime_recompose(lineedit *le)
{
    size_t a = le->cur;
    while (a > 0 && ime_is_letter(le->buf[a - 1])) a--;
    if (a == le->cur || le->cur - a >= IME_MAX_KEYS) return;
    if (le->cur < le->len && ime_is_letter(le->buf[le->cur])) return;
    wchar_t keys[IME_MAX_KEYS], out[IME_MAX_KEYS];
    size_t nk = ime_keys_for((int)le->ime, le->buf + a, le->cur - a, keys, IME_MAX_KEYS);
    if (nk == 0) return;
    size_t n = ime_compose((int)le->ime, le->new_style, keys, nk, out, IME_MAX_KEYS);
    if (n == le->cur - a && memcmp(out, le->buf + a, n * sizeof *out) != 0 &&
        splice(le, a, le->cur, out, n) == 0)
        le->cur = a + n;
}

int le_op(lineedit *le, enum le_op op)
{
    size_t old = le->cur;
    int changed = 0, composing = le->comp_on && !le->derived;
    comp_reset(le);
    if (op != LE_UP && op != LE_DOWN) le->goal_col = -1;
    switch (op) {
    case LE_LEFT: le->cur = char_before(le, le->cur); break;
    case LE_RIGHT: le->cur = char_after(le, le->cur); break;
    case LE_HOME:
        le->cur = le->mode == LE_MULTI ? line_start(le, le->cur) : 0;
        break;
    case LE_END:
        le->cur = le->mode == LE_MULTI ? line_end(le, le->cur) : le->len;
        break;
    case LE_WORD_LEFT: le->cur = word_left(le, le->cur); break;
    case LE_WORD_RIGHT: le->cur = word_right(le, le->cur); break;
    case LE_UP:
    case LE_DOWN: {
        if (le->mode != LE_MULTI) return 0;
        size_t ls = line_start(le, le->cur);
        if (le->goal_col < 0) le->goal_col = cols(le, ls, le->cur);
        if (op == LE_UP) {
            if (ls == 0) return 0;
            le->cur = at_col(le, line_start(le, ls - 1), le->goal_col);
        } else {
            size_t le_ = line_end(le, le->cur);
            if (le_ >= le->len) return 0;
            le->cur = at_col(le, le_ + 1, le->goal_col);
        }
        break;
    }
    case LE_BACKSPACE:
        changed = delete_range(le, char_before(le, le->cur), le->cur);
        /* Only a word being typed here has its tone moved. */
        if (changed && composing && le->ime != LE_IME_OFF) ime_recompose(le);
        break;
    case LE_DELETE: changed = delete_range(le, le->cur, char_after(le, le->cur)); break;
    case LE_KILL_EOL: {
        size_t e = le->mode == LE_MULTI ? line_end(le, le->cur) : le->len;
        if (e == le->cur && e < le->len) e++;   /* at a line's end: join the next */
        changed = delete_range(le, le->cur, e);
        break;
    }
    case LE_KILL_WORD_LEFT: changed = delete_range(le, word_left(le, le->cur), le->cur); break;
    case LE_NEWLINE: {
        if (le->mode != LE_MULTI) return 0;
        wchar_t nl = L'\n';
        changed = insert_w(le, &nl, 1) == 1;
        break;
    }
    }
    return changed || le->cur != old;
}

const wchar_t *le_text(const lineedit *le, size_t *len)
{
    if (len) *len = le->len;
    return le->buf;
}

size_t le_cursor(const lineedit *le)
{
    return le->cur;
}

int le_dirty(const lineedit *le)
{
    return le->dirty;
}

void le_mark_clean(lineedit *le)
{
    le->dirty = 0;
}

size_t le_scroll(lineedit *le, int width, int *cursor_col)
{
    size_t ls = le->mode == LE_MULTI ? line_start(le, le->cur) : 0;
    size_t end = le->mode == LE_MULTI ? line_end(le, le->cur) : le->len;
    if (le->scroll < ls || le->scroll > end) le->scroll = ls;
    if (width <= 0) {
        if (cursor_col) *cursor_col = 0;
        le->scroll = le->cur;
        return le->cur;
    }
    if (le->cur < le->scroll) le->scroll = le->cur;
    /* The cursor's own cell (two for a wide character) must be visible. */
    int need = 1;
    if (le->cur < end) {
        int w = cols(le, le->cur, char_after(le, le->cur));
        if (w > need) need = w;
    }
    int col = cols(le, le->scroll, le->cur);
    while (col + need > width && le->scroll < le->cur) {
        size_t nx = char_after(le, le->scroll);
        col -= cols(le, le->scroll, nx);
        le->scroll = nx;
    }
    /* Text shrank: pull the start back while the rest still fits. */
    while (le->scroll > ls) {
        size_t pv = char_before(le, le->scroll);
        int tail = cols(le, pv, end) + 1;   /* and a cell after the end */
        if (tail > width) break;
        col += cols(le, pv, le->scroll);
        le->scroll = pv;
    }
    if (cursor_col) *cursor_col = col;
    return le->scroll;
}
