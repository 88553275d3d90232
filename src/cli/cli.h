/* Folder src/cli: the command line.  May include: report, demo, flow,
 * store, text, base (and sync when it exists). */
/* The command line: sangtao [--config FILE] [--db FILE] [--user NAME] COMMAND.
 * main.c parses the global options with cli_parse_globals to decide between
 * the screens (no command) and cli_main.  What the cli*.c files share among
 * themselves is in cli_internal.h. */
#ifndef SANGTAO_CLI_H
#define SANGTAO_CLI_H

/* Exit codes. */
enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

typedef struct cli_globals {
    const char *config_path;   /* --config, or NULL */
    const char *db_path;       /* --db, or NULL */
    const char *user;          /* --user, else $SANGTAO_USER, or NULL */
    int cmd;                   /* index of the command in argv; argc when none */
} cli_globals;

/* Parse the global options.  Returns 1 when they were all that was asked
 * (--help, --version, --help-config) or wrong, with the exit code in
 * *exit_code; 0 to go on (g->cmd == argc: no command, open the screens). */
int cli_parse_globals(int argc, char **argv, cli_globals *g, int *exit_code);

/* Run one command; returns the exit code. */
int cli_main(int argc, char **argv);

#endif
