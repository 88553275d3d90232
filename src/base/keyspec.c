/* Key names of config.ini's [keys] section (keyspec.h). */
#include "keyspec.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static const struct { const char *name; int kind, code; } named[] = {
    {"esc", KS_CHAR, 27}, {"escape", KS_CHAR, 27}, {"enter", KS_CHAR, 13},
    {"return", KS_CHAR, 13}, {"tab", KS_CHAR, 9}, {"space", KS_CHAR, ' '},
    {"backspace", KS_CHAR, 127}, {"delete", KS_SPECIAL, KSS_DELETE},
    {"del", KS_SPECIAL, KSS_DELETE}, {"up", KS_SPECIAL, KSS_UP},
    {"down", KS_SPECIAL, KSS_DOWN}, {"left", KS_SPECIAL, KSS_LEFT},
    {"right", KS_SPECIAL, KSS_RIGHT}, {"pgup", KS_SPECIAL, KSS_PGUP},
    {"pageup", KS_SPECIAL, KSS_PGUP}, {"pgdn", KS_SPECIAL, KSS_PGDN},
    {"pagedown", KS_SPECIAL, KSS_PGDN}, {"home", KS_SPECIAL, KSS_HOME},
    {"end", KS_SPECIAL, KSS_END}, {"shift-tab", KS_SPECIAL, KSS_BTAB},
    {"shift-left", KS_SPECIAL, KSS_SLEFT}, {"shift-right", KS_SPECIAL, KSS_SRIGHT},
};

/* One name (no spaces around it, NUL-terminated). */
static int parse_one(const char *s, keyspec *k)
{
    size_t n = strlen(s);
    if (n == 1 && (unsigned char)s[0] > ' ' && (unsigned char)s[0] < 127) {
        k->kind = KS_CHAR;
        k->code = s[0];
        return 1;
    }
    if ((s[0] == 'F' || s[0] == 'f') && n >= 2 && n <= 3 && s[1] >= '1' && s[1] <= '9' &&
        (n == 2 || (s[2] >= '0' && s[2] <= '9'))) {
        int f = s[1] - '0';
        if (n == 3) f = f * 10 + (s[2] - '0');
        if (f < 1 || f > 24) return 0;
        k->kind = KS_FKEY;
        k->code = f;
        return 1;
    }
    /* ^X, Ctrl-X, C-x: the control code of X (@, A-Z, [, \, ], ^, _). */
    const char *x = NULL;
    if (n == 2 && s[0] == '^') x = s + 1;
    else if (n == 6 && strncasecmp(s, "ctrl-", 5) == 0) x = s + 5;
    else if (n == 3 && (s[0] == 'C' || s[0] == 'c') && s[1] == '-') x = s + 2;
    if (x) {
        int c = *x >= 'a' && *x <= 'z' ? *x - 'a' + 'A' : *x;
        if (c < '@' || c > '_') return 0;
        k->kind = KS_CHAR;
        k->code = c & 0x1f;
        return 1;
    }
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (strcasecmp(s, named[i].name) == 0) {
            k->kind = named[i].kind;
            k->code = named[i].code;
            return 1;
        }
    return 0;
}

int keyspec_parse(const char *text, keyspec *out, int max, char *why, size_t wn)
{
    int count = 0;
    const char *p = text ? text : "";
    while (*p == ' ' || *p == '\t') p++;
    if (!*p) return 0;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        char name[32];
        while (len && (p[len - 1] == ' ' || p[len - 1] == '\t')) len--;
        if (len == 0) {
            snprintf(why, wn, "thiếu tên phím trước hoặc sau dấu phẩy");
            return -1;
        }
        if (len >= sizeof name) len = sizeof name - 1;
        memcpy(name, p, len);
        name[len] = '\0';
        keyspec k;
        if (!parse_one(name, &k)) {
            snprintf(why, wn, "\"%s\" không phải tên phím (ví dụ: F3, l, ^S, Ctrl-S, Esc, "
                     "Enter, Tab, Space, Up, PgDn, Home, Delete)", name);
            return -1;
        }
        for (int i = 0; i < count; i++)
            if (out[i].kind == k.kind && out[i].code == k.code) {
                snprintf(why, wn, "phím \"%s\" bị lặp", name);
                return -1;
            }
        if (count >= max) {
            snprintf(why, wn, "nhiều nhất %d phím cho một thao tác", max);
            return -1;
        }
        out[count++] = k;
        if (!comma) break;
        p = comma + 1;
        while (*p == ' ' || *p == '\t') p++;
    }
    return count;
}

int keyspec_is_text(const keyspec *k)
{
    return k->kind == KS_CHAR && k->code >= ' ' && k->code < 127;
}
