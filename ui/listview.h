/* Lists of lines with one line selected (listview.c).  Two layers:
 *  - listsel: the selection and scrolling that every such list shares
 *    (the pick lists of pick.c, the list screens below): keep the
 *    selected line in view, move it by a line, a page, to the first or
 *    the last, draw the visible lines with the selected one marked;
 *  - listview_run: a whole simple list screen (the monitoring log,
 *    commendations, people, units, accounts, settings…): a heading line,
 *    the lines, Enter to open what a line names, n to add an entry, F5 to
 *    read again, F1 for help, Esc or q to leave; all keys from the key
 *    table (SC_VIEW). */
#ifndef SANGTAO_UI_LISTVIEW_H
#define SANGTAO_UI_LISTVIEW_H

#include "ui_int.h"

/* ---- the selection ----------------------------------------------------- */

typedef struct listsel {
    int sel;      /* the selected line */
    int top;      /* the first line shown */
} listsel;

/* Keep sel within the n lines and top such that sel shows in a window of
 * rows lines. */
void listsel_fit(listsel *s, int n, int rows);
/* Apply a moving action (K_UP, K_DOWN, K_PGUP, K_PGDN, K_FIRST, K_LAST) to
 * a list of n lines shown rows at a time; 1 when act was one of them. */
int listsel_move(listsel *s, int act, int n, int rows);
/* The text of line i: a line of the list, or one built in buf (n bytes). */
typedef const char *(*listsel_line_fn)(void *ud, int i, char *buf, size_t n);
/* Draw the lines from s->top on rows y0.. (at most rows of them), each the
 * full width padded, the selected one in the selection look. */
void listsel_draw(const listsel *s, int y0, int rows, int n, listsel_line_fn line, void *ud);

/* ---- the simple list screen ---------------------------------------------- */

/* The lines of a list screen, filled by the screen's load function. */
typedef struct listview listview;
/* Add a line; key (NULL or "": none) is what Enter on it opens. */
void listview_add(listview *v, const char *key, const char *line);

typedef struct listview_def {
    const char *title;   /* the screen's name on the title line */
    const char *head;    /* the column headings, above the lines */
    const char *help;    /* the help screen's introduction */
    /* Fill the list (listview_add); an error code with e set when it
     * could not (shown on the message line). */
    int (*load)(listview *v, st_err *e);
    /* Enter on a line with a key; 1 when the data changed (read again). */
    int (*open)(const char *key);
    /* The "new" key: record a new entry; 1 when one was (read again).
     * NULL: this list takes none. */
    int (*add)(void);
} listview_def;

/* Run the screen until the user leaves it (or the program must stop). */
void listview_run(const listview_def *d);

#endif
