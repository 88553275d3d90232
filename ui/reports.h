/* The reports screen: a menu of reports (the periodic review for a month,
 * quarter, half-year, year or dates, and the deadline report), each shown
 * scrollable with its charts, saved as TXT/CSV/XLSX/JSON or printed.
 * Self-contained: its own key loop, resize handling, Esc/q to leave, F1/?
 * for help.  Call it with curses already started (initscr, keypad on). */
#ifndef SANGTAO_UI_REPORTS_H
#define SANGTAO_UI_REPORTS_H

#include "base/actor.h"
#include "store/db.h"

/* Runs until the user leaves; the screen is left for the caller to repaint.
 * Returns 0. */
int reports_screen(st_db *db, const st_actor *who);

#endif
