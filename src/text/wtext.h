/* Wide text: single code points and wchar_t arrays (UTF-32 on the systems
 * we build for), for the field editor (lineedit.c).  A "character" there is
 * a base code point and the combining marks after it. */
#ifndef SANGTAO_WTEXT_H
#define SANGTAO_WTEXT_H

#include <stddef.h>
#include <wchar.h>

/* A combining mark (Mn, Mc, Me): it belongs to the character before it. */
int wtext_is_mark(wchar_t c);
/* C0, DEL or C1. */
int wtext_is_control(wchar_t c);
/* Columns a code point takes when drawn: controls are shown as "^X" (2),
 * a newline takes none. */
int wtext_width(wchar_t c);
/* Part of a word for word moves: letters, marks, digits, '_'. */
int wtext_is_word(wchar_t c);

/* Characters in w[0, n) (the first code point always counts one). */
size_t wtext_count_chars(const wchar_t *w, size_t n);
/* Bytes w[0, n) takes as UTF-8. */
size_t wtext_count_bytes(const wchar_t *w, size_t n);

/* Valid UTF-8 into a malloc'd array, its length in *n; NULL on bad UTF-8
 * or memory. */
wchar_t *wtext_from_utf8(const char *s, size_t *n);
/* w[0, n) as malloc'd UTF-8. */
char *wtext_to_utf8(const wchar_t *w, size_t n);
/* NFC of w[0, n) as a new array, its length in *out_n. */
wchar_t *wtext_nfc(const wchar_t *w, size_t n, size_t *out_n);

#endif
