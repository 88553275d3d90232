/* Messages of the command line ("sangtao: …" on stderr, with the exit
 * code to return) and the small helpers every cli*.c file uses.  The
 * bottom of src/cli/: it calls no other file of the folder. */
#include "cli_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int cli_fail(const st_err *e)
{
    fflush(stdout);
    if (e && e->msg[0])
        fprintf(stderr, "sangtao: %s\n", e->msg);
    else
        fprintf(stderr, "sangtao: lỗi (mã %d)\n", e ? e->code : -1);
    return CLI_FAIL;
}

void cli_warn_notes(const char *notes)
{
    static const char tag[] = "Lưu ý: ";
    fflush(stdout);
    for (const char *p = notes; p && *p;) {
        const char *nl = strchr(p, '\n');
        int len = nl ? (int)(nl - p) : (int)strlen(p);
        if (strncmp(p, tag, sizeof tag - 1) == 0) { p += sizeof tag - 1; len -= (int)sizeof tag - 1; }
        if (len > 0) fprintf(stderr, "sangtao: cảnh báo: %.*s\n", len, p);
        p = nl ? nl + 1 : p + strlen(p);
    }
}

int cli_error(const char *fmt, ...)
{
    va_list ap;
    fflush(stdout);
    fputs("sangtao: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return CLI_FAIL;
}

int cli_usage_error(const cli_ctx *c, const char *fmt, ...)
{
    va_list ap;
    const char *cmd = c && c->cmd ? c->cmd : NULL;
    fflush(stdout);
    fprintf(stderr, "sangtao: %s%s", cmd ? cmd : "", cmd ? ": " : "");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, " (xem: sangtao %s%s--help)\n", cmd ? cmd : "", cmd ? " " : "");
    return CLI_USAGE;
}

long cli_number(const char *s)
{
    if (!s || !*s) return -1;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || v < 0) return -1;
    return v;
}

void cli_chomp(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == '\n' || s[n - 1] == '\r')) s[--n] = '\0';
}
