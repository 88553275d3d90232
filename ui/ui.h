/* Folder ui: the screens (ncurses).  May include: report, flow, store, text,
 * base of src/ (and sync when it exists); never the SQLite header, never SQL. */
/* The full-screen interface.  Never includes the SQLite header: it calls src/. */
#ifndef SANGTAO_UI_H
#define SANGTAO_UI_H

/* Open the screens: config file (or NULL to search), database path override
 * (or NULL), user name to prefill (or NULL).  Returns the exit code. */
int ui_run(const char *config_path, const char *db_path, const char *user);

#endif
