/* curses with wide characters (get_wch, cchar_t, addnwstr): the X/Open
 * feature macros it needs, then <curses.h>.  Included first by ui_int.h
 * and by reports.c, the one screen that stands on its own. */
#ifndef SANGTAO_UI_CURSES_H
#define SANGTAO_UI_CURSES_H

#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <curses.h>

#endif
