/* Settings, one value at a time: finding an option of the table by key or
 * section, converting a string to its canonical form and checking it
 * against its row (our own conversions, not iniparser's getint/getboolean:
 * see config.c), and quoting a value for a message. */
#include "config_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text/text.h"

/* ---- the table ---------------------------------------------------------- */

int config_opt_find(const char *key)
{
    for (size_t i = 0; i < CONFIG_NOPT; i++)
        if (strcmp(config_options[i].key, key) == 0) return (int)i;
    return -1;
}

/* Renamed settings: old name, new name. */
static const char *const renamed[][2] = {
    {"ui.tone_style", "text.tone_style"},   /* before issue 12, item 16 */
};

int config_renamed(const char *old, const char **old_key)
{
    for (size_t i = 0; i < sizeof renamed / sizeof renamed[0]; i++)
        if (strcmp(renamed[i][0], old) == 0) {
            *old_key = renamed[i][0];
            return config_opt_find(renamed[i][1]);
        }
    return -1;
}

/* Is there an option in section sec? */
int config_section_known(const char *sec)
{
    size_t n = strlen(sec);
    for (size_t i = 0; i < CONFIG_NOPT; i++)
        if (strncmp(config_options[i].key, sec, n) == 0 && config_options[i].key[n] == '.')
            return 1;
    return 0;
}

/* Comma-separated list into buf: sections (sec == NULL) or keys of sec. */
void config_list_names(const char *sec, char *buf, size_t n)
{
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < CONFIG_NOPT; i++) {
        const char *k = config_options[i].key, *dot = strchr(k, '.');
        size_t sl = (size_t)(dot - k);
        const char *name = sec ? dot + 1 : k;
        size_t nl = sec ? strlen(name) : sl;
        if (sec && (strlen(sec) != sl || strncmp(k, sec, sl) != 0)) continue;
        if (!sec && i > 0 && strncmp(config_options[i - 1].key, k, sl + 1) == 0) continue;
        int w = snprintf(buf + o, n - o, "%s%.*s", o ? ", " : "", (int)nl, name);
        if (w < 0 || (size_t)w >= n - o) return;
        o += (size_t)w;
    }
}

/* ---- converting one value ------------------------------------------------ */

/* Value quoted for a message: printable, and cut short so the message
 * still fits. */
void config_show_value(const char *v, char *buf, size_t n)
{
    char *s = text_sanitize(v, 0);
    const char *src = s ? s : "?";
    size_t len = strlen(src), max = n > 64 ? 60 : n - 4;
    if (len > max) {
        while (max > 0 && ((unsigned char)src[max] & 0xC0) == 0x80) max--;
        snprintf(buf, n, "%.*s…", (int)max, src);
    } else {
        snprintf(buf, n, "%s", src);
    }
    free(s);
}

/* Base 10 only, whole string: "010" is ten, "1e3" and "" are errors. */
static int parse_long(const char *s, long *out)
{
    if (!*s) return 0;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (*end || errno == ERANGE || s[0] == ' ' || s[0] == '\t') return 0;
    *out = v;
    return 1;
}

static int parse_bool(const char *s, long *out)
{
    static const char *const yes[] = {"true", "yes", "on", "1"};
    static const char *const no[] = {"false", "no", "off", "0"};
    for (size_t i = 0; i < 4; i++) {
        if (strcasecmp(s, yes[i]) == 0) { *out = 1; return 1; }
        if (strcasecmp(s, no[i]) == 0) { *out = 0; return 1; }
    }
    return 0;
}

/* An ENUM's allowed values joined by sep. */
void config_join_values(const struct config_option *o, const char *sep, char *buf, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t j = 0; o->values[j] && used < n; j++)
        used += (size_t)snprintf(buf + used, n - used, "%s%s", j ? sep : "",
                                 o->values[j]);
}

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) n++;
    return n;
}

/* Check v (NFC already) against option o; fills *num and the canonical
 * text in *canon (malloc'd).  On error writes the reason into why. */
int config_convert(const struct config_option *o, const char *v, long *num,
                   char **canon, char *why, size_t wn)
{
    char shown[80], tmp[32];
    const char *c = v;
    config_show_value(v, shown, sizeof shown);
    *num = 0;
    for (const char *p = v; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7F) {
            snprintf(why, wn, "chứa ký tự điều khiển (đang là \"%s\")", shown);
            return ST_EINVAL;
        }
    switch (o->type) {
    case OPT_INT:
        if (!parse_long(v, num) || *num < o->min || *num > o->max) {
            snprintf(why, wn, "phải là số nguyên từ %ld đến %ld (đang là \"%s\")",
                     o->min, o->max, shown);
            return ST_EINVAL;
        }
        snprintf(tmp, sizeof tmp, "%ld", *num);
        c = tmp;
        break;
    case OPT_BOOL:
        if (!parse_bool(v, num)) {
            snprintf(why, wn, "phải là true hoặc false (hay yes/no, on/off, 1/0) "
                     "(đang là \"%s\")", shown);
            return ST_EINVAL;
        }
        c = *num ? "true" : "false";
        break;
    case OPT_ENUM: {
        long i = 0;
        while (o->values[i] && strcasecmp(o->values[i], v) != 0) i++;
        if (!o->values[i]) {
            char list[128];
            config_join_values(o, ", ", list, sizeof list);
            snprintf(why, wn, "phải là một trong: %s (đang là \"%s\")", list, shown);
            return ST_EINVAL;
        }
        *num = i;
        c = o->values[i];
        break;
    }
    case OPT_STR:
    case OPT_PATH:
    case OPT_KEYS: {
        const char *unit = o->type != OPT_PATH ? "ký tự" : "byte";
        size_t n = o->type != OPT_PATH ? utf8_chars(v) : strlen(v);
        const char *bad = o->check ? o->check(v) : NULL;
        if (n < (size_t)o->min || n > (size_t)o->max) {
            if (o->min > 0)
                snprintf(why, wn, "phải dài từ %ld đến %ld %s (đang là \"%s\")",
                         o->min, o->max, unit, shown);
            else
                snprintf(why, wn, "dài quá %ld %s", o->max, unit);
            return ST_EINVAL;
        }
        if (bad) {
            snprintf(why, wn, "%s (đang là \"%s\")", bad, shown);
            return ST_EINVAL;
        }
        break;
    }
    }
    *canon = strdup(c);
    if (!*canon) {
        snprintf(why, wn, "hết bộ nhớ");
        return ST_ENOMEM;
    }
    return ST_OK;
}

