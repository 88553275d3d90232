/* Shared by the cli*.c files only (main.c knows cli.h alone).  The files
 * call one way, down this list, never back up:
 *
 *   cli.c            global options, the table of commands, help, cli_main
 *   cli_admin.c, cli_audit.c, cli_maint.c, cli_proposal.c, cli_report.c,
 *   cli_user.c       the commands
 *   cli_list.c       the shapes that repeat: list commands, CSV imports
 *   cli_session.c    settings, database, login
 *   cli_password.c   reading passwords
 *   cli_args.c       options of a leaf command, --set lists, subcommands
 *   cli_out.c        output: table, CSV, JSON
 *   cli_common.c     messages and small helpers */
#ifndef SANGTAO_CLI_INTERNAL_H
#define SANGTAO_CLI_INTERNAL_H

#include <stdio.h>
#include "cli.h"
#include "base/actor.h"
#include "store/config.h"
#include "store/db.h"
#include "base/err.h"
#include "base/kv.h"

typedef struct cli_ctx {
    cli_globals g;
    config *cfg;
    st_db *db;
    st_actor me;
    int logged_in;
    char *login_password;       /* the password the user logged in with, or NULL */
    int pw_change_ok;           /* this command may run before a forced password change */
    const char *cmd;            /* "proposal list", for messages */
    char cmdbuf[64];
} cli_ctx;

/* ---- cli_common.c ---- */

/* "sangtao: …" on stderr; return CLI_FAIL. */
int cli_fail(const st_err *e);
int cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Warnings an action was taken with ("Lưu ý: …" lines): one line each on
 * stderr, "sangtao: cảnh báo: …"; the command still succeeds. */
void cli_warn_notes(const char *notes);
/* "sangtao: CMD: …" plus where to find help on stderr; return CLI_USAGE. */
int cli_usage_error(const cli_ctx *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Parse a non-negative integer option; -1 when bad. */
long cli_number(const char *s);
/* Drop the line end ("\n", "\r\n") of s. */
void cli_chomp(char *s);

/* ---- cli_session.c ---- */

/* Load the settings (and --db).  CLI_OK or the exit code. */
int cli_config(cli_ctx *c);
/* Settings, open the existing database, log in.  CLI_OK or the exit code. */
int cli_session(cli_ctx *c);
/* CLI_OK for an administrator, else "sangtao: Chỉ quản trị viên được WHAT"
 * and CLI_FAIL. */
int cli_need_admin(const cli_ctx *c, const char *what);

/* ---- cli_password.c ---- */

/* Read a password: on the terminal without echo (asked twice when confirm),
 * else one line from stdin when allow_stdin, else fail.  env, when set and
 * non-empty, is taken first.  Returns a malloc'd string or NULL after
 * printing why. */
char *cli_password(const char *prompt, int confirm, const char *env, int allow_stdin);
void cli_password_free(char **pw);

/* ---- cli_args.c: options of a leaf command ---- */
enum { CLI_FLAG, CLI_VALUE, CLI_SET };

/* A repeatable --set NAME=VALUE list (also filled by --from FILE). */
typedef struct cli_kvs {
    st_kv *kv;
    int n, cap;
    char **owned;
    int nowned, capowned;
} cli_kvs;
int cli_kvs_add(cli_kvs *k, const char *name, const char *value, int own);
int cli_kvs_from_file(cli_kvs *k, const char *path);   /* CLI_OK or exit code */
void cli_kvs_free(cli_kvs *k);

typedef struct cli_optdef {
    const char *name;    /* long option name without "--" */
    int kind;            /* CLI_FLAG: int*, CLI_VALUE: const char **, CLI_SET: cli_kvs* */
    void *target;
} cli_optdef;

#define CLI_MAXPOS 8
typedef struct cli_args {
    char *pos[CLI_MAXPOS];
    int npos;
    int help;
} cli_args;

/* Parse the options of the leaf command whose argv[0] is its name.  With
 * --help, prints usage on stdout and returns CLI_OK; on a usage error
 * prints why and returns CLI_USAGE; else returns -1 with the positional
 * arguments in a (between minpos and maxpos of them).  */
int cli_parse(cli_ctx *c, int argc, char **argv, const cli_optdef *defs,
              const char *usage, int minpos, int maxpos, cli_args *a);

/* The option getopt_long just refused, as the user wrote it. */
const char *cli_bad_option(char **argv);

/* A command with subcommands: find argv[1] among subs and run it. */
typedef struct cli_sub {
    const char *name;
    int (*fn)(cli_ctx *c, int argc, char **argv);
    const char *summary;
} cli_sub;
int cli_dispatch(cli_ctx *c, const char *group, const cli_sub *subs, int nsubs,
                 int argc, char **argv);

/* ---- cli_out.c: output ---- */
enum { FMT_TABLE = 1, FMT_CSV = 2, FMT_JSON = 4, FMT_TEXT = 8 };
/* NULL keeps *fmt; else the name must be one of allowed: CLI_OK or CLI_USAGE. */
int cli_format(cli_ctx *c, const char *name, unsigned allowed, int *fmt);

typedef struct cli_col {
    const char *key;     /* CSV header and JSON key */
    const char *head;    /* table heading (Vietnamese) */
    int maxw;            /* table: widest cell in columns, 0 = no limit, -1 = not shown */
    int jtype;           /* JSON: 0 string, 1 number (null when empty), 2 JSON as is,
                            3 string (null when empty) */
} cli_col;

typedef struct cli_out {
    int fmt;
    const cli_col *cols;
    int ncol;
    int nrows;
    char **cells;        /* table: rows × ncol, kept until the end for widths */
    int cap;
    int oom;
    int started;         /* CSV header / JSON "[" written */
} cli_out;

void out_begin(cli_out *o, int fmt, const cli_col *cols, int ncol);
void out_row(cli_out *o, const char *const *vals);
/* Finish (table: print it).  Returns the number of rows. */
int out_end(cli_out *o);
/* Give up after an error: what was not printed yet is dropped. */
void out_abort(cli_out *o);

/* A one-line, control-free copy of s cut to maxw columns (0: no cut). */
char *cli_cell(const char *s, int maxw);

/* ---- cli_list.c: the shapes that repeat ---- */

/* A list: its columns, the query that feeds them to out_row, and what the
 * rows are called in the count under a table ("%d đơn vị"; NULL: no
 * count). */
typedef struct cli_list {
    const cli_col *cols;
    int ncol;
    /* Rows into o through out_row; ST_OK, or an error code with e filled.
     * arg is what the caller of cli_list_print passed. */
    int (*query)(cli_ctx *c, const void *arg, cli_out *o, st_err *e);
    const char *count;
} cli_list;

/* Run the query of l (the user logged in already) and print its rows in
 * fmt; an error prints nothing on stdout.  CLI_OK or the exit code. */
int cli_list_print(cli_ctx *c, const cli_list *l, int fmt, const void *arg);
/* A whole list command whose only option is --format table|csv|json and
 * that takes npos arguments: parse, log in, print.  The query gets the
 * cli_args as arg. */
int cli_list_command(cli_ctx *c, int argc, char **argv, const char *usage, int npos,
                     const cli_list *l);

/* A CSV import of the core: all rows or none, *count = rows imported. */
typedef int (*cli_import_fn)(st_db *db, const st_actor *who, FILE *f, const char *name,
                             int *count, st_err *e);
/* A whole import command "… import FILE": parse, log in, read the user's
 * FILE with the user's rights, print "Đã nhập N WHAT từ FILE". */
int cli_import_command(cli_ctx *c, int argc, char **argv, const char *usage,
                       cli_import_fn import, const char *what);

/* ---- the commands ---- */
int cmd_init(cli_ctx *c, int argc, char **argv);           /* cli_admin.c */
int cmd_unit(cli_ctx *c, int argc, char **argv);
int cmd_person(cli_ctx *c, int argc, char **argv);
int cmd_holiday(cli_ctx *c, int argc, char **argv);
int cmd_dissemination(cli_ctx *c, int argc, char **argv);
int cmd_check(cli_ctx *c, int argc, char **argv);
int cmd_user(cli_ctx *c, int argc, char **argv);           /* cli_user.c */
int cmd_proposal(cli_ctx *c, int argc, char **argv);       /* cli_proposal.c */
int cmd_audit(cli_ctx *c, int argc, char **argv);          /* cli_audit.c */
int cmd_restore(cli_ctx *c, int argc, char **argv);        /* cli_maint.c */
int cmd_maintain(cli_ctx *c, int argc, char **argv);       /* cli_maint.c */
int cmd_migrate(cli_ctx *c, int argc, char **argv);        /* cli_maint.c */
int cmd_backup(cli_ctx *c, int argc, char **argv);         /* cli_maint.c */
/* "last_backup: …" (when, how old, where) for sangtao check (cli_maint.c). */
void cli_print_last_backup(cli_ctx *c, FILE *out);
int cmd_report(cli_ctx *c, int argc, char **argv);         /* cli_report.c */
int cmd_attach(cli_ctx *c, int argc, char **argv);         /* cli_attach.c */
int cmd_attachment(cli_ctx *c, int argc, char **argv);
int cmd_site(cli_ctx *c, int argc, char **argv);           /* cli_sync.c */
int cmd_sync(cli_ctx *c, int argc, char **argv);           /* cli_sync.c */
int cli_sync_ssh(cli_ctx *c, int argc, char **argv);       /* cli_sync_ssh.c */
int cli_sync_serve(cli_ctx *c, int argc, char **argv);     /* cli_sync_ssh.c */
int cli_sync_verify(cli_ctx *c, int argc, char **argv);    /* cli_sync_check.c */
int cli_sync_conflicts(cli_ctx *c, int argc, char **argv); /* cli_sync_check.c */

#endif
