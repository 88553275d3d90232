/* Settings, printed: the table of options for sangtao --help-config, and
 * the current values as a commented config.ini (config_print_values). */
#include "config_internal.h"

#include <string.h>

#include "text/text.h"

static void type_desc(const struct config_option *o, char *buf, size_t n)
{
    switch (o->type) {
    case OPT_INT: snprintf(buf, n, "int %ld..%ld", o->min, o->max); break;
    case OPT_BOOL: snprintf(buf, n, "bool (true/false)"); break;
    case OPT_PATH: snprintf(buf, n, "path"); break;
    case OPT_KEYS: snprintf(buf, n, "keys (F3,l ^S Esc…)"); break;
    case OPT_STR: snprintf(buf, n, "text %ld..%ld", o->min, o->max); break;
    case OPT_ENUM: config_join_values(o, "|", buf, n); break;
    }
}

void config_print_help(FILE *f)
{
    char type[64];
    fprintf(f, "Tùy chọn trong config.ini / settings in config.ini\n"
               "(tệp: --config, $SANGTAO_CONFIG, ./config.ini, "
               "/etc/sangtao/config.ini)\n\n");
    /* printf pads by bytes; Vietnamese headings need padding by columns. */
    fprintf(f, "KHÓA / KEY%*s KIỂU / TYPE%*s MẶC ĐỊNH / DEFAULT\n",
            30 - text_width("KHÓA / KEY"), "", 18 - text_width("KIỂU / TYPE"), "");
    for (size_t i = 0; i < CONFIG_NOPT; i++) {
        const struct config_option *o = &config_options[i];
        type_desc(o, type, sizeof type);
        fprintf(f, "%-30s %-18s %s\n", o->key, type, *o->def ? o->def : "\"\"");
        fprintf(f, "    %s\n    %s\n", o->help_en, o->help_vi);
    }
}

/* Quote a value when iniparser would otherwise cut or strip it. */
static void print_value(FILE *f, const char *v)
{
    int need = !*v || strpbrk(v, ";#") || *v == ' ' || *v == '"' || *v == '\'' ||
               v[strlen(v) - 1] == ' ' || v[strlen(v) - 1] == '\\';
    if (!need)
        fprintf(f, "%s\n", v);
    else if (strchr(v, '"'))
        fprintf(f, "'%s'\n", v);
    else
        fprintf(f, "\"%s\"\n", v);
}

void config_print_values(const config *c, FILE *f)
{
    char type[64];
    size_t prev_len = 0;
    fprintf(f, "# sangtao settings / Cài đặt của sangtao.\n"
               "# Lines starting with # or ; are comments.  Put a value in double\n"
               "# quotes when it contains ; or # or starts or ends with a space.\n"
               "# Mistakes are reported as FILE:LINE: key: problem, and the\n"
               "# program does not start.  'sangtao --help-config' lists them all.\n");
    for (size_t i = 0; i < CONFIG_NOPT; i++) {
        const struct config_option *o = &config_options[i];
        const char *dot = strchr(o->key, '.');
        size_t sl = (size_t)(dot - o->key);
        if (i == 0 || sl != prev_len || strncmp(config_options[i - 1].key, o->key, sl) != 0) {
            fprintf(f, "\n[%.*s]\n", (int)sl, o->key);
            if (o->type == OPT_KEYS)
                fprintf(f, "\n# Keys of the screens, one line per action, names separated by\n"
                           "# commas: list = F3,l.  Names: F1..F24, one letter or sign (l ? /),\n"
                           "# ^S or Ctrl-S, Esc, Enter, Tab, Space, Backspace, Delete, Up, Down,\n"
                           "# Left, Right, PgUp, PgDn, Home, End, Shift-Tab.  Empty: the built-in\n"
                           "# keys, which F1 lists on every screen (and man sangtao).  Letters\n"
                           "# act only where nothing is typed; in forms the F-key or Ctrl key of\n"
                           "# the list does.  Example: list = F3,d\n"
                           "# Phím của các màn hình, mỗi dòng một thao tác, cách nhau bằng dấu\n"
                           "# phẩy; để trống: phím mặc định (F1 ở mỗi màn hình liệt kê).\n");
        }
        prev_len = sl;
        if (o->type == OPT_KEYS) {   /* one comment line each: the intro says the rest */
            fprintf(f, "# %s / %s\n%s = ", o->help_en, o->help_vi, dot + 1);
            print_value(f, c->val[i]);
            continue;
        }
        type_desc(o, type, sizeof type);
        fprintf(f, "\n# %s\n# %s\n# %s; default: %s\n%s = ", o->help_en, o->help_vi,
                type, *o->def ? o->def : "\"\"", dot + 1);
        print_value(f, c->val[i]);
    }
}
