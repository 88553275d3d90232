/* The two shapes of command that repeat on the command line, written once:
 * a list (query the core, print the rows as a table, CSV or JSON, count
 * them under a table) and a CSV import (open the user's file, import all
 * rows or none, say how many).  The commands keep what differs: columns,
 * query, usage, words. */
#include "cli_internal.h"

#include <errno.h>
#include <string.h>

#include "base/priv.h"

int cli_list_print(cli_ctx *c, const cli_list *l, int fmt, const void *arg)
{
    st_err e;
    err_clear(&e);
    cli_out o;
    out_begin(&o, fmt, l->cols, l->ncol);
    if (l->query(c, arg, &o, &e) != ST_OK) {
        out_abort(&o);
        return cli_fail(&e);
    }
    int n = out_end(&o);
    if (fmt == FMT_TABLE && l->count) printf("%d %s\n", n, l->count);
    return CLI_OK;
}

int cli_list_command(cli_ctx *c, int argc, char **argv, const char *usage, int npos,
                     const cli_list *l)
{
    const char *format = NULL;
    const cli_optdef defs[] = {{"format", CLI_VALUE, &format}, {NULL, 0, NULL}};
    cli_args a;
    int fmt = FMT_TABLE;
    int rc = cli_parse(c, argc, argv, defs, usage, npos, npos, &a);
    if (rc != -1) return rc;
    if ((rc = cli_format(c, format, FMT_TABLE | FMT_CSV | FMT_JSON, &fmt))) return rc;
    if ((rc = cli_session(c))) return rc;
    return cli_list_print(c, l, fmt, &a);
}

int cli_import_command(cli_ctx *c, int argc, char **argv, const char *usage,
                       cli_import_fn import, const char *what)
{
    cli_args a;
    int rc = cli_parse(c, argc, argv, NULL, usage, 1, 1, &a);
    if (rc != -1) return rc;
    if ((rc = cli_session(c))) return rc;
    FILE *f = priv_fopen_user(a.pos[0], "r");   /* the user's file, the user's rights */
    if (!f) return cli_error("%s: không mở được tệp (%s)", a.pos[0], strerror(errno));
    st_err e;
    err_clear(&e);
    int n = 0;
    rc = import(c->db, &c->me, f, a.pos[0], &n, &e);
    fclose(f);
    if (rc != ST_OK) return cli_fail(&e);
    printf("Đã nhập %d %s từ %s\n", n, what, a.pos[0]);
    return CLI_OK;
}
