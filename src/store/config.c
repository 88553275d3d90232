/* Settings from config.ini, driven by one table of options (config_table.c):
 * creating a config with the defaults, loading a file, reading and setting
 * values.  The files around it are listed in config_internal.h.
 *
 * iniparser 4.1 has traps (DESIGN.md): it reports syntax errors without a
 * line number, getint reads "010" as octal, getboolean looks at one letter,
 * and getint/getboolean crash when a key names a section.  So the file is
 * first scanned line by line (config_scan.c) -- that scan finds syntax
 * errors, unknown or repeated keys, and the line of every key -- and only
 * then handed to iniparser, from which we take strings alone and convert
 * them ourselves (config_value.c). */
#include "config_internal.h"

#include <assert.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <iniparser.h>

#include "base/priv.h"
#include "text/text.h"

/* NFC-normalise raw, convert, and store it as option i of c. */
static int config_store(config *c, size_t i, const char *raw, char *why, size_t wn)
{
    char *nfc = NULL, *canon = NULL;
    long num = 0;
    st_err e;
    err_clear(&e);
    int rc = text_nfc(raw, &nfc, &e);
    if (rc != ST_OK) {
        snprintf(why, wn, "%s", e.msg);
        return rc;
    }
    rc = config_convert(&config_options[i], nfc, &num, &canon, why, wn);
    free(nfc);
    if (rc != ST_OK) return rc;
    free(c->val[i]);
    c->val[i] = canon;
    c->num[i] = num;
    return ST_OK;
}

/* ---- creating and freeing ----------------------------------------------- */

void config_free(config **c)
{
    if (!c || !*c) return;
    for (size_t i = 0; i < CONFIG_NOPT; i++) free((*c)->val[i]);
    free((*c)->path);
    free(*c);
    *c = NULL;
}

int config_new(config **out, st_err *e)
{
    char why[512];
    *out = NULL;
    config *c = calloc(1, sizeof *c);
    if (!c || !(c->path = strdup(""))) {
        free(c);
        err_set(e, ST_ENOMEM, "hết bộ nhớ");
        return ST_ENOMEM;
    }
    for (size_t i = 0; i < CONFIG_NOPT; i++) {
        int rc = config_store(c, i, config_options[i].def, why, sizeof why);
        /* A default that fails its own check is a bug in the table. */
        assert(rc != ST_EINVAL);
        if (rc != ST_OK) {
            config_free(&c);
            err_set(e, rc, "%s: %s", config_options[i].key, why);
            return rc;
        }
    }
    *out = c;
    return ST_OK;
}

/* ---- loading ---------------------------------------------------------------- */

/* iniparser prints errors to stderr by default, over the screen; keep them
 * for our message instead. */
static char ini_errbuf[512];

static int ini_errback(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int ini_errback(const char *fmt, ...)
{
    size_t used = strlen(ini_errbuf);
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(ini_errbuf + used, sizeof ini_errbuf - used, fmt, ap);
    va_end(ap);
    for (char *p = ini_errbuf; *p; p++)
        if (*p == '\n') *p = ' ';
    return n;
}

/* Take the values the scan found from iniparser, as strings. */
static int load_values(config *c, struct config_scan *s, dictionary *d)
{
    char why[512], ikey[160];
    for (size_t i = 0; i < CONFIG_NOPT; i++) {
        if (!s->line_of[i]) continue;
        s->line = s->line_of[i];
        snprintf(ikey, sizeof ikey, "%s", s->old_name[i] ? s->old_name[i] : config_options[i].key);
        *strchr(ikey, '.') = ':';   /* iniparser's section separator */
        const char *v = iniparser_getstring(d, ikey, NULL);
        if (!v)
            return config_scan_fail(s, config_options[i].key,
                                    "iniparser không đọc được giá trị");
        int rc = config_store(c, i, v, why, sizeof why);
        if (rc == ST_ENOMEM) return err_set(s->e, rc, "hết bộ nhớ");
        if (rc != ST_OK) return config_scan_fail(s, config_options[i].key, "%s", why);
        c->line[i] = s->line_of[i];
    }
    return ST_OK;
}

int config_load_file(const char *path, config **out, st_err *e)
{
    struct config_scan s = {.path = path, .e = e};
    config *c = NULL;
    *out = NULL;
    int rc = config_scan_file(&s);
    if (rc != ST_OK) return rc;
    rc = config_new(&c, e);
    if (rc != ST_OK) return rc;

    ini_errbuf[0] = '\0';
    iniparser_set_error_callback(ini_errback);
    dictionary *d = iniparser_load(path);
    if (!d) {
        config_free(&c);
        text_trim(ini_errbuf);
        return err_set(e, ST_EINVAL, "%s: iniparser không đọc được tệp: %s", path,
                       ini_errbuf[0] ? ini_errbuf : "lỗi không rõ");
    }
    rc = load_values(c, &s, d);
    iniparser_freedict(d);
    if (rc == ST_OK) {
        free(c->path);
        c->path = strdup(path);
        if (!c->path) rc = err_set(e, ST_ENOMEM, "hết bộ nhớ");
    }
    if (rc != ST_OK) {
        config_free(&c);
        return rc;
    }
    *out = c;
    return ST_OK;
}

static int file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

int config_load(const char *explicit_path, config **out, st_err *e)
{
    static const char *const fallback[] = {"config.ini", "/etc/sangtao/config.ini"};
    const char *env = getenv("SANGTAO_CONFIG");
    *out = NULL;
    /* A file the user named must exist: a typo must not mean "defaults". */
    int refused;
    if (explicit_path)
        return (refused = priv_refuse_override("--config", e)) ? refused
                                                                : config_load_file(explicit_path, out, e);
    if (env && *env)
        return (refused = priv_refuse_override("SANGTAO_CONFIG", e)) ? refused
                                                                      : config_load_file(env, out, e);
    /* Setgid: only the administrator's file, never one in the user's folder. */
    for (size_t i = priv_elevated() ? 1 : 0; i < sizeof fallback / sizeof fallback[0]; i++)
        if (file_exists(fallback[i])) return config_load_file(fallback[i], out, e);
    return config_new(out, e);
}

/* ---- reading and setting values ----------------------------------------- */

static int opt_of(const char *key, enum opt_type want, int any)
{
    int i = config_opt_find(key);
    assert(i >= 0 && "config: unknown key (add it to the options table)");
    assert((i < 0 || any || config_options[i].type == want) && "config: wrong type");
    (void)want;
    (void)any;
    return i;
}

const char *config_str(const config *c, const char *key)
{
    int i = opt_of(key, OPT_STR, 1);
    return i < 0 ? "" : c->val[i];
}

long config_int(const config *c, const char *key)
{
    int i = opt_of(key, OPT_INT, 0);
    return i < 0 ? 0 : c->num[i];
}

int config_bool(const config *c, const char *key)
{
    int i = opt_of(key, OPT_BOOL, 0);
    return i < 0 ? 0 : (int)c->num[i];
}

int config_set(config *c, const char *key, const char *value, st_err *e)
{
    char why[512];
    int i = config_opt_find(key);
    if (i < 0) {
        char shown[80];
        config_show_value(key, shown, sizeof shown);
        return err_field(e, ST_EINVAL, key, "%s: không có tùy chọn này", shown);
    }
    int rc = config_options[i].type == OPT_PATH ? priv_refuse_override(key, e) : ST_OK;
    if (rc) return rc;
    rc = config_store(c, (size_t)i, value, why, sizeof why);
    if (rc != ST_OK) return err_field(e, rc, key, "%s: %s", key, why);
    c->line[i] = 0;   /* no longer the file's value */
    return ST_OK;
}

const char *config_key(size_t i)
{
    return i < CONFIG_NOPT ? config_options[i].key : NULL;
}

const char *config_path(const config *c)
{
    return c->path;
}

int config_line(const config *c, const char *key)
{
    int i = config_opt_find(key);
    return i < 0 ? 0 : c->line[i];
}
