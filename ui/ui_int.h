/* Shared by the screens: the application, theme, drawing, keys.  Never
 * includes the SQLite header; the core is reached through src/ headers only. */
#ifndef SANGTAO_UI_INT_H
#define SANGTAO_UI_INT_H

#include "ui_curses.h"
#include <signal.h>
#include <stdint.h>

#include "base/actor.h"
#include "store/config.h"
#include "store/db.h"
#include "base/err.h"
#include "base/kv.h"

/* ---- the application ---------------------------------------------------- */
typedef struct ui_app {
    config *cfg;
    st_db *db;
    st_actor who;
    char scope_name[256];
    char roles_label[256];
    int logged_in;
    int color;               /* colours in use */
    int ascii;               /* box drawing falls back to ASCII */
    int ime;                 /* built-in input method: enum le_ime, ^T cycles it */
    int tone_new;            /* text.tone_style = new */
} ui_app;
extern ui_app U;

/* Set from the SIGHUP/SIGTERM handler: every loop returns, an open form is
 * saved as a draft first. */
extern volatile sig_atomic_t ui_stop;

/* What was just done ("Đã lưu …"), for the message line of the screen
 * that comes back; that screen shows it once and empties it. */
extern char ui_flash[400];
/* Warnings the last save was taken with ("Lưu ý: …" lines), shown under
 * ui_flash in as many lines as they need (ui_flash_show). */
extern char ui_flash_warn[2048];

/* A screen chosen in the main menu away from home (menu.c): the list,
 * detail, view and help screens leave as with Esc (ui_getkey answers
 * K_CANCEL there) until home, which opens it.  0: none. */
extern int ui_goto;
/* The main menu, opened by ui_getkey on the key K_MENU (set by menu.c, so
 * that the screens it opens need not call it). */
extern void (*ui_menu_hook)(unsigned sc);

/* ---- screens (for the key table) ----------------------------------------- */
enum {
    SC_LOGIN = 1, SC_HOME = 2, SC_LIST = 4, SC_DETAIL = 8, SC_FORM = 16,
    SC_PICK = 32, SC_VIEW = 64, SC_HELP = 128, SC_CONFLICT = 256,
    SC_MENU = 512,    /* the main menu (menu.c) */
    SC_REPORT = 1024, SC_RMENU = 2048, SC_PERIOD = 4096   /* reports.c: a report, their menu, the period */
};
#define SC_ALL 0x1fffu
#define SC_NAV (SC_HOME | SC_LIST | SC_DETAIL | SC_PICK | SC_VIEW | SC_HELP)

/* ---- actions ------------------------------------------------------------- */
enum {
    K_NONE = 0, K_HELP, K_CANCEL, K_QUIT, K_REDRAW, K_RESIZE, K_STOP,
    K_UP, K_DOWN, K_PGUP, K_PGDN, K_FIRST, K_LAST, K_OPEN,
    K_NEW, K_EDIT, K_ACTIONS, K_SEARCH, K_FILTER, K_SORT, K_REVERSE, K_QUEUE,
    K_REFRESH, K_NEXT, K_PREV, K_SAVE, K_PICK,
    K_LEFT, K_RIGHT, K_BOL, K_EOL, K_WLEFT, K_WRIGHT, K_BKSP, K_DEL,
    K_KILLEOL, K_KILLWORD, K_TOGGLE, K_IME, K_LIST, K_REPORTS,
    K_MINE, K_THEIRS, K_ALLMINE, K_ALLTHEIRS, K_ATTACH, K_GETFILE,
    K_PASTE,          /* bracketed paste: the text in ui_key.paste */
    K_MENU,           /* the main menu (menu.c) */
    K_PRINT, K_CHARTS, K_RUN,   /* reports.c */
    K_NACTS
};

/* A key read: the action it means on this screen, or a character to type. */
typedef struct ui_key {
    int act;          /* A_* or K_NONE */
    wint_t ch;        /* the character when act == K_NONE and !fn */
    int fn;           /* a function key without an action here */
    const char *paste;   /* K_PASTE: what was pasted (UTF-8), valid until the next key */
} ui_key;

/* keys.c, the key table.  Read one key for screen sc; handles resize
 * (K_RESIZE), Ctrl-L (K_REDRAW, the screen is cleared for a full repaint)
 * and the stop signal (K_STOP). */
void ui_getkey(unsigned sc, ui_key *k);
/* The key bar at the bottom line for screen sc. */
void keys_bar(unsigned sc);
/* The help screen for sc: an introduction, then every key of sc from the
 * table; extra (may be NULL) adds lines (e.g. the workflow). */
void keys_help(unsigned sc, const char *intro, const char *extra);
/* "F2" or "^S": the key the bar shows for an action on sc; "" when sc has
 * none or the user's roles may not (keys_deny). */
const char *keys_name_for(unsigned sc, int act, char *buf, int n);
/* Apply config.ini's [keys] overrides to the key table; -1 with the
 * message (FILE:LINE: keys.NAME: …) when a key would take another
 * action's key on the same screen. */
int keys_init(const config *cfg, char *err, size_t n);
/* Keys of what this user's roles cannot do: act on the screens sc leaves
 * the key bar and the help, and its key is refused at once with why (a
 * msgid; the screen stays as it is).  why NULL: allowed again. */
void keys_deny(int act, unsigned sc, const char *why);
/* After initscr: bracketed paste on (its markers become keys); before
 * endwin: off again. */
void keys_term_start(void);
void keys_term_end(void);

/* ---- the built-in input method (Telex/VNI), edit.c ------------------------ */
struct lineedit;
/* Give a field the input method in force (off where ok is 0: codes,
 * numbers, dates, user names, passwords). */
void ui_ime_apply(struct lineedit *le, int ok);
/* ^T: off → Telex → VNI → off, for every field from now on. */
void ui_ime_cycle(void);
/* "Bộ gõ: Telex" at the right of the key bar; ok 0: this field takes
 * none. */
void ui_ime_badge(int ok);

/* ---- theme and drawing, term.c -------------------------------------------- */
enum { TH_NORMAL, TH_TITLE, TH_BAR, TH_BARKEY, TH_SEL, TH_HEAD, TH_LABEL, TH_REQ,
       TH_ERR, TH_FIELD, TH_FOCUS, TH_DIM, TH_OK, TH_COUNT };
attr_t th(int role);
void theme_init(void);

/* Draw UTF-8 text made safe (text_sanitize), at most w columns, cut with
 * "…" when longer; pad fills the rest of w with spaces.  Returns columns
 * drawn. */
int ui_put(int y, int x, int w, const char *s, attr_t a, int pad);
/* ui_put (padded) with the parts matching the typed search words in a|hl. */
int ui_put_marked(int y, int x, int w, const char *s, attr_t a, attr_t hl, const char *typed);
/* Append s to buf, cut or padded to w display columns. */
void ui_padcat(char *buf, size_t n, const char *s, int w);
/* Display width of UTF-8 text as ui_put draws it. */
int ui_width(const char *s);
/* msgtext.c: a core message as a screen shows it: no field codes in
 * parentheses (the label is on the screen), dates dd/mm/yyyy, the C
 * library's English error texts in Vietnamese. */
void ui_readable(const char *in, char *out, size_t n);
/* Text the core made (lines), in the screen language: each line as
 * ui_readable translates a message, its indent kept.  NULL when the
 * screens speak Vietnamese (use in as is); else free it. */
char *ui_translate_text(const char *in);
/* Line 0: program, screen name, user, roles, scope. */
void ui_title(const char *screen);
/* The message line (LINES-2); err chooses the error look. */
void ui_msg(const char *msg, int err);
/* ui_flash, and ui_flash_warn below it (every line, up to the screen's
 * upper half), above the key bar; ui_flash_clear empties both. */
void ui_flash_show(void);
void ui_flash_clear(void);
/* Below 80×24 draw the "too small" screen and return 1. */
int ui_too_small(void);
/* Horizontal rule at y (ACS or ASCII). */
void ui_rule(int y);

/* Shown while the database is busy: "đang chờ… (Esc: thôi chờ)"; then
 * waits up to ms for a key: 1 when it was Esc or Ctrl-G (the user gives up
 * the wait: ui_wait_cancelled is set), any other key is kept for later. */
int ui_busy(int ms);
extern int ui_wait_cancelled;
/* A core call that may meet a busy database: retry while ST_EBUSY,
 * showing "đang chờ…" (at most about 30 s, or until Esc: what the form
 * holds stays, the call answers ST_EBUSY). */
#define UI_DB(rc, call) do { \
        ui_wait_cancelled = 0; \
        (rc) = (call); \
        for (int t_ = 0; (rc) == ST_EBUSY && t_ < 60 && !ui_stop && !ui_wait_cancelled; t_++) { \
            if (ui_busy(500)) break; \
            (rc) = (call); } \
    } while (0)

/* Dates: ISO → dd/mm/yyyy into buf (11), "" stays "". */
const char *ui_date(const char *iso, char *buf);
/* A UTC timestamp → "dd/mm/yyyy HH:MM" local, into buf (≥ 20). */
const char *ui_time(const char *ts, char *buf, int n);

/* ---- dialogs that wait for a key, dialog.c ---------------------------------- */
/* Yes/no question on the message line; 1 for yes.  Esc/Ctrl-G = no. */
int ui_confirm(const char *question);
/* Show a message and wait for a key. */
void ui_alert(const char *msg);

/* ---- screens ------------------------------------------------------------- */
int screen_login(const char *user);              /* 1 logged in, 0 quit */
/* The proposal form's save conflict: the clerk picks per field (in c);
 * 1 save with those picks, 0 back to the form (Esc). */
struct proposal_conflict;
int ui_conflict_choose(struct proposal_conflict *c);
void screen_home(void);
/* The proposal list; state_mask 0 = all, queue = the user's queue. */
void screen_list(int state, int queue, const char *search);
void screen_detail(const char *code);
/* The workflow actions this user may take on code now, as a menu; the
 * chosen one's form. */
void actions_menu(const char *code);
/* The new-proposal form, then (saved) the new proposal's detail, ready for
 * its next step; 1 when saved.  vals/n: a restored draft (or NULL, 0). */
int screen_new_proposal(const st_kv *vals, int n);
/* New proposal (code NULL) or edit; 1 when saved.  vals/n: restored draft.
 * A new proposal's code goes into created (cn bytes; may be NULL). */
int form_proposal(const char *code, const st_kv *vals, int n, char *created, size_t cn);
/* Does the workflow action undo or end something (withdraw, reject, …)?
 * It asks first; the action menu never suggests it (forms.c). */
int ui_action_destructive(const char *name);
/* scr_attach.c: attach a file by its path to proposal code (1 when
 * attached); save one of its attachments to a new file (1 when saved);
 * how many it has. */
int ui_attach_file(const char *code);
int ui_save_attachment(const char *code);
int ui_attachment_count(const char *code);
/* An action's form on proposal code; 1 when applied. */
int form_action(const char *code, const char *action, const st_kv *vals, int n);
/* Pick one of a list of labels; returns the index or -1. */
int pick_list(const char *title, const char *const *labels, int n, int current);
/* The same, the lines with dim[i] set drawn greyed (still chosen). */
int pick_list_dim(const char *title, const char *const *labels, int n, int current,
                  const char *dim);
/* Mark any of a list of labels (Space), bits in and out; 1 unless cancelled. */
int pick_set(const char *title, const char *const *labels, int n, unsigned *bits);
/* Pick a field (lĩnh vực); its code into out.  1 if chosen. */
int pick_field(char *out, int n);
/* Search people as you type; the chosen full name into out.  1 if chosen. */
int pick_person(char *out, int n);
/* Pick a unit from the tree; its code into out.  1 if chosen. */
int pick_unit(char *out, int n);
void screen_people(void);
void screen_units(void);
void screen_users(void);
void screen_settings(void);
void screen_monitoring(void);
void screen_commendations(void);
void screen_dissemination(void);
/* The offline exchange: status, export, import, verify, conflicts (scr_sync.c). */
void screen_sync(void);
/* After login: offer a saved draft back; 0 when there is none. */
int drafts_offer(void);
/* Home: open the screen ui_goto names (and clear it); 1 if there was one. */
int menu_goto_pending(void);
/* menu.c.  After login: the keys of what the roles cannot do leave the
 * bars, and the menu key opens the main menu (ui_menu_hook): every screen
 * the roles may use, with its direct key.  On home the chosen screen opens
 * at once (ui_getkey then answers K_REFRESH); elsewhere it is set in
 * ui_goto and the screens go back to home (K_CANCEL), or, closed, the
 * screen is drawn again (K_REDRAW). */
void menu_roles_apply(void);
/* The screens home lists under "Màn hình khác": count, then each one's id
 * and label (a msgid); menu_open opens one by id. */
int menu_screen_count(void);
int menu_screen_at(int i, const char **label);
void menu_open(int id);
/* The sync screen is listed only on a database in an exchange (home tells
 * the menu, which reads no database); its id for home's exchange line. */
void menu_sync_member(int member);
int menu_sync_screen(void);

/* A scrolling text viewer, term.c (used by help, the detail, long messages):
 * lines of UTF-8; headings (lines not starting with a space) are jump
 * targets for Tab.  sc chooses the keys. */
typedef struct text_view {
    char **lines;
    int n, cap;
    int top;
} text_view;
void tv_add(text_view *tv, const char *line);
void tv_add_text(text_view *tv, const char *text);   /* split at newlines */
void tv_add_wrapped(text_view *tv, const char *text, int width);
void tv_free(text_view *tv);
/* Draw lines [y0, y1) from tv->top, headings in TH_HEAD. */
void tv_draw(const text_view *tv, int y0, int y1);
/* Apply a scrolling action; returns 1 when handled. */
int tv_scroll(text_view *tv, int act, int rows);

#endif
