/* Language of the screens (i18n.h). */
#include "ui_int.h"
#include "i18n.h"

#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/priv.h"

#ifndef SANGTAO_LOCALEDIR
#define SANGTAO_LOCALEDIR "/usr/local/share/locale"
#endif

/* The catalogue beside the binary (build/locale) when there is one, else
 * $SANGTAO_LOCALEDIR, else the installed one. */
static void locale_dir(char *buf, size_t n)
{
    /* Setgid, a catalogue the user points at could carry format strings. */
    const char *env = priv_elevated() ? NULL : getenv("SANGTAO_LOCALEDIR");
    if (env && *env) { snprintf(buf, n, "%s", env); return; }
    char exe[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len > 0) {
        exe[len] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            snprintf(buf, n, "%s/locale", exe);
            struct stat sb;
            if (stat(buf, &sb) == 0 && S_ISDIR(sb.st_mode)) return;
            snprintf(buf, n, "%s/../share/locale", exe);   /* PREFIX/bin → PREFIX/share */
            if (stat(buf, &sb) == 0 && S_ISDIR(sb.st_mode)) return;
        }
    }
    snprintf(buf, n, "%s", SANGTAO_LOCALEDIR);
}

void i18n_init(void)
{
    const char *lang = config_str(U.cfg, "ui.language");
    if (!lang || strcmp(lang, "vi") == 0) return;   /* the msgids are the Vietnamese text */
    /* gettext ignores LANGUAGE under the plain C locale. */
    const char *m = setlocale(LC_MESSAGES, NULL);
    if (!m || strcmp(m, "C") == 0 || strcmp(m, "POSIX") == 0)
        if (!setlocale(LC_MESSAGES, "C.UTF-8")) setlocale(LC_MESSAGES, "C.utf8");
    setenv("LANGUAGE", lang, 1);
    char dir[PATH_MAX + 16];
    locale_dir(dir, sizeof dir);
    bindtextdomain("sangtao", dir);
    bind_textdomain_codeset("sangtao", "UTF-8");
    textdomain("sangtao");
}

const char *i18n_action(const char *label)
{
    char key[512];
    int n = snprintf(key, sizeof key, "action%c%s", 4, label);
    if (n < 0 || (size_t)n >= sizeof key) return _(label);
    const char *t = gettext(key);
    return t == key ? _(label) : t;
}
