/* The field editor's logic, without a terminal: a wchar_t buffer (NFC),
 * a cursor that moves over whole characters (a base letter and its
 * combining marks are one unit), word moves, insert and delete, the built-in
 * Telex/VNI input methods, and horizontal scrolling by display width.  The
 * screens (ui/) only draw what this holds.  Unit-tested in
 * tests/unit/test_lineedit.c. */
#ifndef SANGTAO_LINEEDIT_H
#define SANGTAO_LINEEDIT_H

#include <stddef.h>
#include <wchar.h>

typedef struct lineedit lineedit;

enum {
    LE_SINGLE = 0,   /* one line: Enter is not text */
    LE_MULTI = 1     /* a text area: Enter inserts a newline */
};

enum le_ime { LE_IME_OFF = 0, LE_IME_TELEX = 1, LE_IME_VNI = 2 };

enum le_op {
    LE_LEFT, LE_RIGHT, LE_HOME, LE_END, LE_WORD_LEFT, LE_WORD_RIGHT,
    LE_UP, LE_DOWN,                   /* multi-line: by display column */
    LE_BACKSPACE, LE_DELETE, LE_KILL_EOL, LE_KILL_WORD_LEFT,
    LE_NEWLINE                        /* multi-line only */
};

/* max_chars: the most characters the field holds (0 = 1 000 000 bytes). */
int le_new(lineedit **out, int mode, size_t max_chars);
void le_free(lineedit **le);

/* Replace the whole text (UTF-8, any normalisation; stored NFC).  Invalid
 * UTF-8 is refused (-1) and the text is unchanged.  Cursor at the end. */
int le_set_utf8(lineedit *le, const char *s);
/* The text as NFC UTF-8, malloc'd. */
char *le_get_utf8(const lineedit *le);

/* Input method for typed letters (fields of codes, numbers and dates set
 * LE_IME_OFF).  new_tone_style: 1 "hoà, thuý", 0 "hòa, thúy". */
void le_set_ime(lineedit *le, enum le_ime ime, int new_tone_style);
enum le_ime le_get_ime(const lineedit *le);

/* Type one character (through the input method).  Control characters are
 * refused (0 returned, nothing changes); 1 when the text changed. */
int le_type(lineedit *le, wchar_t c);
/* Insert a pasted string as-is (no input method); NFC-normalised; control
 * characters other than newline (multi-line) are dropped.  1 if changed. */
int le_paste_utf8(lineedit *le, const char *s);
/* An editing or moving operation; 1 when text or cursor changed. */
int le_op(lineedit *le, enum le_op op);

/* The buffer (NFC wchar_t, not NUL-terminated beyond len) and the cursor
 * as an index into it (always at a character boundary). */
const wchar_t *le_text(const lineedit *le, size_t *len);
size_t le_cursor(const lineedit *le);
/* Has the text changed since le_set_utf8 or le_mark_clean? */
int le_dirty(const lineedit *le);
void le_mark_clean(lineedit *le);

/* Single line drawn in `width` columns: the index of the first character
 * to draw so that the cursor is visible (kept between calls for smooth
 * scrolling), and the cursor's column from there. */
size_t le_scroll(lineedit *le, int width, int *cursor_col);

#endif
