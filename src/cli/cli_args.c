/* Options of a leaf command (cli_parse, over getopt_long), the repeatable
 * --set NAME=VALUE lists and their --from FILE, and the dispatch of a
 * command to its subcommands ("sangtao user list"). */
#include "cli_internal.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "base/priv.h"
#include "text/text.h"

/* ---- --set lists ------------------------------------------------------------ */

int cli_kvs_add(cli_kvs *k, const char *name, const char *value, int own)
{
    if (k->n == k->cap) {
        int cap = k->cap ? k->cap * 2 : 16;
        st_kv *kv = realloc(k->kv, (size_t)cap * sizeof *kv);
        if (!kv) return ST_ENOMEM;
        k->kv = kv;
        k->cap = cap;
    }
    if (own) {
        if (k->nowned + 2 > k->capowned) {
            int cap = k->capowned ? k->capowned * 2 : 32;
            char **o = realloc(k->owned, (size_t)cap * sizeof *o);
            if (!o) return ST_ENOMEM;
            k->owned = o;
            k->capowned = cap;
        }
        k->owned[k->nowned++] = (char *)name;
        k->owned[k->nowned++] = (char *)value;
    }
    k->kv[k->n++] = (st_kv){name, value};
    return ST_OK;
}

void cli_kvs_free(cli_kvs *k)
{
    for (int i = 0; i < k->nowned; i++) free(k->owned[i]);
    free(k->owned);
    free(k->kv);
    memset(k, 0, sizeof *k);
}

/* "\n" → newline, "\t" → tab, "\\" → backslash; other backslashes stay. */
static void unescape(char *s)
{
    char *o = s;
    for (; *s; s++) {
        if (*s == '\\' && (s[1] == 'n' || s[1] == 't' || s[1] == '\\')) {
            s++;
            *o++ = *s == 'n' ? '\n' : *s == 't' ? '\t' : '\\';
        } else {
            *o++ = *s;
        }
    }
    *o = '\0';
}

int cli_kvs_from_file(cli_kvs *k, const char *path)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : priv_fopen_user(path, "r");
    if (!f) return cli_error("%s: không mở được tệp (%s)", path, strerror(errno));
    char *line = NULL;
    size_t cap = 0;
    long lineno = 0, offset = 0;
    int rc = CLI_OK;
    st_err e;
    ssize_t got;
    while ((got = getline(&line, &cap, f)) >= 0) {
        lineno++;
        /* A NUL would silently cut the line (a UTF-16 file has one in
         * every other byte): refuse, saying where. */
        const char *nul = memchr(line, '\0', (size_t)got);
        if (nul) {
            rc = cli_error("%s:%ld: tệp có byte NUL ở vị trí %ld (có lẽ là UTF-16): hãy lưu "
                           "lại dạng văn bản UTF-8", path, lineno, offset + (long)(nul - line));
            break;
        }
        offset += (long)got;
        cli_chomp(line);
        err_clear(&e);
        char *nfc = NULL;
        if (text_nfc(line, &nfc, &e) != ST_OK) {
            rc = cli_error("%s:%ld: %s", path, lineno, e.msg);
            break;
        }
        char *p = nfc;
        while (*p == ' ' || *p == '\t') p++;
        if (!*p || *p == '#') { free(nfc); continue; }
        char *eq = strchr(p, '=');
        if (!eq || eq == p) {
            free(nfc);
            rc = cli_error("%s:%ld: cần dạng TRƯỜNG=GIÁ_TRỊ", path, lineno);
            break;
        }
        *eq = '\0';
        text_trim(p);
        char *name = strdup(p), *value = strdup(eq + 1);
        free(nfc);
        if (!name || !value) {
            free(name);
            free(value);
            rc = cli_error("hết bộ nhớ");
            break;
        }
        unescape(value);
        if (cli_kvs_add(k, name, value, 1) != ST_OK) {
            free(name);
            free(value);
            rc = cli_error("hết bộ nhớ");
            break;
        }
    }
    if (rc == CLI_OK && ferror(f)) rc = cli_error("%s: lỗi đọc tệp", path);
    free(line);
    if (f != stdin) fclose(f);
    return rc;
}

/* ---- options of a leaf command ------------------------------------------------ */

#define MAXOPTS 24

const char *cli_bad_option(char **argv)
{
    const char *a = optind > 0 ? argv[optind - 1] : NULL;
    if (a && a[0] == '-' && a[1] == '-') return a;
    if (optopt) {
        static char shortopt[3] = "-?";
        shortopt[1] = (char)optopt;
        return shortopt;
    }
    return a ? a : "?";
}

int cli_parse(cli_ctx *c, int argc, char **argv, const cli_optdef *defs,
              const char *usage_text, int minpos, int maxpos, cli_args *a)
{
    struct option lo[MAXOPTS + 2];
    int nd = 0;
    memset(a, 0, sizeof *a);
    for (; defs && defs[nd].name && nd < MAXOPTS; nd++)
        lo[nd] = (struct option){defs[nd].name,
                                 defs[nd].kind == CLI_FLAG ? no_argument : required_argument,
                                 NULL, 1000 + nd};
    lo[nd] = (struct option){"help", no_argument, NULL, 'h'};
    lo[nd + 1] = (struct option){NULL, 0, NULL, 0};
    opterr = 0;
    optind = 0;
    int ch;
    while ((ch = getopt_long(argc, argv, ":h", lo, NULL)) != -1) {
        if (ch == 'h') { a->help = 1; continue; }
        if (ch == ':') return cli_usage_error(c, "tùy chọn %s cần một giá trị", argv[optind - 1]);
        if (ch < 1000 || ch >= 1000 + nd)
            return cli_usage_error(c, "tùy chọn không hợp lệ: %s", cli_bad_option(argv));
        const cli_optdef *d = &defs[ch - 1000];
        if (d->kind == CLI_FLAG) {
            *(int *)d->target = 1;
        } else if (d->kind == CLI_VALUE) {
            *(const char **)d->target = optarg;
        } else {
            char *eq = strchr(optarg, '=');
            if (!eq || eq == optarg)
                return cli_usage_error(c, "--%s cần dạng TRƯỜNG=GIÁ_TRỊ, không phải \"%.60s\"",
                                       d->name, optarg);
            *eq = '\0';
            if (cli_kvs_add(d->target, optarg, eq + 1, 0) != ST_OK) return cli_error("hết bộ nhớ");
        }
    }
    for (int i = optind; i < argc; i++) {
        if (a->npos >= CLI_MAXPOS || (!a->help && a->npos >= maxpos))
            return cli_usage_error(c, "thừa đối số: %.60s", argv[i]);
        a->pos[a->npos++] = argv[i];
    }
    if (a->help) {
        if (!usage_text) return -1;   /* the command prints its own help */
        fputs(usage_text, stdout);
        return CLI_OK;
    }
    if (a->npos < minpos) return cli_usage_error(c, "thiếu đối số");
    return -1;
}

int cli_dispatch(cli_ctx *c, const char *group, const cli_sub *subs, int nsubs,
                 int argc, char **argv)
{
    c->cmd = group;
    int want_help = argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
                                  strcmp(argv[1], "help") == 0);
    if (argc < 2 || want_help) {
        FILE *f = want_help ? stdout : stderr;
        if (!want_help) fprintf(stderr, "sangtao: %s: thiếu lệnh con\n", group);
        fprintf(f, "Cách dùng: sangtao %s LỆNH_CON [TÙY_CHỌN…]\n\nLệnh con:\n", group);
        for (int i = 0; i < nsubs; i++)
            fprintf(f, "  %-12s %s\n", subs[i].name, subs[i].summary);
        fprintf(f, "\nXem thêm: sangtao %s LỆNH_CON --help\n", group);
        return want_help ? CLI_OK : CLI_USAGE;
    }
    for (int i = 0; i < nsubs; i++) {
        if (strcmp(argv[1], subs[i].name) != 0) continue;
        snprintf(c->cmdbuf, sizeof c->cmdbuf, "%s %s", group, subs[i].name);
        c->cmd = c->cmdbuf;
        return subs[i].fn(c, argc - 1, argv + 1);
    }
    return cli_usage_error(c, "lệnh con không tồn tại: %.60s", argv[1]);
}
