/* Key names as config.ini's [keys] section writes them ("F3,l",
 * "Ctrl-S, F2", "Esc"), parsed without a terminal: src/config.c checks them
 * when the file is read (FILE:LINE errors), ui/keys.c turns them into the
 * key codes of the screens. */
#ifndef SANGTAO_KEYSPEC_H
#define SANGTAO_KEYSPEC_H

#include <stddef.h>

/* The most keys one action takes (the key table's width). */
#define KEYSPEC_MAX 4

enum keyspec_kind {
    KS_CHAR,      /* a character: printable ASCII, or a control code (^S = 19,
                     Esc = 27, Enter = 13, Tab = 9, Backspace = 127) */
    KS_FKEY,      /* function key F1..F24: code = 1..24 */
    KS_SPECIAL    /* a named key without a character: code = enum keyspec_special */
};

enum keyspec_special {
    KSS_UP, KSS_DOWN, KSS_LEFT, KSS_RIGHT, KSS_PGUP, KSS_PGDN, KSS_HOME, KSS_END,
    KSS_DELETE, KSS_BTAB, KSS_SLEFT, KSS_SRIGHT
};

typedef struct keyspec {
    int kind;     /* enum keyspec_kind */
    int code;
} keyspec;

/* Parse a comma-separated list of key names into out (at most max).
 * Names: F1..F24; one printable ASCII character other than the comma
 * (case matters: "l" is not "L"); ^X, Ctrl-X or C-x for a control key;
 * Esc, Enter, Tab, Space, Backspace, Delete (Del), Up, Down, Left, Right,
 * PgUp, PgDn, Home, End, Shift-Tab, Shift-Left, Shift-Right (names in any
 * case).  Returns the number of keys (0 for an empty list), or -1 with the
 * reason (Vietnamese) in why. */
int keyspec_parse(const char *text, keyspec *out, int max, char *why, size_t wn);

/* Is the key one that types text (a printable character or Space)?  Those
 * only act as commands on screens where nothing is typed. */
int keyspec_is_text(const keyspec *k);

#endif
