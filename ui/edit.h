/* The field editor on the screen (edit.c): the keys that edit a lineedit
 * (src/text/lineedit.h holds the logic) and its drawing, one line
 * scrolled by display width or a text area wrapped at its width.  The
 * input method calls (ui_ime_*) are in ui_int.h. */
#ifndef SANGTAO_UI_EDIT_H
#define SANGTAO_UI_EDIT_H

#include "ui_int.h"
#include "text/lineedit.h"

/* Apply an editing key (a typed character, cursor moves, deletes); 1 when
 * it was one, whether or not the text changed. */
int ui_edit_key(lineedit *le, const ui_key *k);
/* One line at (y, x), w columns, scrolled to keep the cursor in view;
 * mask draws '*'.  Returns the cursor's screen column. */
int ui_draw_line(lineedit *le, int y, int x, int w, attr_t a, int mask);
/* A text area of h rows from *vtop (kept so that the cursor shows); the
 * cursor's place into *cy, *cx. */
int ui_draw_area(lineedit *le, int y, int x, int w, int h, int *vtop, attr_t a,
                 int *cy, int *cx);
/* Up or down one wrapped row in a text area w columns wide, keeping the
 * column; 0 when already on the first (last) row. */
int ui_area_vmove(lineedit *le, int w, int dir);

#endif
