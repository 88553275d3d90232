/* Folder src/text: Vietnamese text (UTF-8, NFC, folding, order, Telex/VNI,
 * the line editor).  May include: base. */
/* Text: UTF-8 validation, NFC normalisation, folding for search, and making
 * stored text safe to print.  Built on utf8proc. */
#ifndef SANGTAO_TEXT_H
#define SANGTAO_TEXT_H

#include <stddef.h>
#include "base/err.h"

/* Length-checked UTF-8 validation.  Returns 1 if valid; else 0 and the byte
 * offset of the first bad byte in *bad_offset (if non-NULL). */
int text_utf8_valid(const char *s, size_t len, size_t *bad_offset);

/* Validate and normalise to NFC.  Returns a new malloc'd string in *out.
 * Invalid UTF-8 gives ST_EINVAL "UTF-8 không hợp lệ tại byte N". */
int text_nfc(const char *s, char **out, st_err *e);

/* Fold for search: NFC, lower case, strip tone and vowel marks, đ/Đ → d.
 * "Quản lý Đất đai" → "quan ly dat dai".  New malloc'd string or NULL. */
char *text_fold(const char *s);

/* The byte offset of the first control character in UTF-8 s (C0, DEL, C1;
 * newline, CR and tab allowed if allow_newlines), its code into *code; -1
 * when there is none.  Such text is refused at entry: an escape sequence
 * stored would reach terminals and spreadsheets later. */
long text_find_control(const char *s, int allow_newlines, unsigned *code);

/* Copy of s with control characters (C0, DEL, C1) and escape sequences made
 * visible ("^[" etc.) and newlines/tabs kept only if keep_newlines.  New
 * malloc'd string. */
char *text_sanitize(const char *s, int keep_newlines);

/* Trim leading/trailing ASCII white space in place; returns s. */
char *text_trim(char *s);

/* Display width of a UTF-8 string in terminal columns. */
int text_width(const char *s);

/* tone.c: the tone of a word ending in an open "oa, oe, uy" moved to the
 * first vowel (new_style 0: hòa, khỏe, thúy) or the second (1: hoà, khoẻ,
 * thuý); the rest as it was.  NFC, malloc'd; NULL when out of memory. */
char *text_tone_style(const char *s, int new_style);
/* The style typed text is stored in (text.tone_style; db_open sets it). */
void text_set_tone_style(int new_style);
int text_tone_style_new(void);

#endif
