/* sangtao: with a COMMAND, the command line (src/cli.c); without one, the
 * screens (ui/). */
#include <langinfo.h>
#include <locale.h>
#include <string.h>
#include <strings.h>

#include "base/priv.h"
#include "cli/cli.h"
#include "base/trace.h"
#include "../ui/ui.h"

/* Text is UTF-8 everywhere; a bare environment (cron, CI, LANG unset) would
 * give the "C" locale, where wide characters and widths are wrong. */
static void set_locale(void)
{
    const char *cs = setlocale(LC_ALL, "") ? nl_langinfo(CODESET) : NULL;
    if (cs && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0)) return;
    if (!setlocale(LC_CTYPE, "C.UTF-8")) setlocale(LC_CTYPE, "C.utf8");
}

#ifdef __SANITIZE_ADDRESS__
/* make asan: LeakSanitizer cannot stop the threads of a setgid process (it
 * is not dumpable) and would end every run with a fatal error; the leaks
 * are checked by the runs that are not elevated. */
int __lsan_is_turned_off(void);
int __lsan_is_turned_off(void) { return priv_elevated(); }
#endif

int main(int argc, char **argv)
{
    trace_init();   /* SANGTAO_TRACE: first, so "start" is the process start */
    set_locale();
    cli_globals g;
    int rc;
    if (cli_parse_globals(argc, argv, &g, &rc)) return rc;
    if (g.cmd >= argc) return ui_run(g.config_path, g.db_path, g.user);
    long long t0 = trace_now();
    rc = cli_main(argc, argv);
    trace_cli(argv[g.cmd], t0);
    return rc;
}
