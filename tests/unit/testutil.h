/* Shared helpers for the cmocka unit tests: temporary folders and files.
 * Include after <cmocka.h>'s prerequisites. */
#ifndef SANGTAO_TESTUTIL_H
#define SANGTAO_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

/* A fresh temporary directory (malloc'd path).  Removed by tu_rmdir. */
static inline char *tu_tmpdir(void)
{
    const char *base = getenv("TMPDIR");
    char tmpl[512];
    snprintf(tmpl, sizeof tmpl, "%s/sangtao-test-XXXXXX", base ? base : "/tmp");
    char *d = mkdtemp(tmpl);
    assert_non_null(d);
    return strdup(d);
}

static inline void tu_rmdir(char **dir)
{
    if (!dir || !*dir) return;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", *dir);
    if (system(cmd) != 0) { /* best effort */ }
    free(*dir);
    *dir = NULL;
}

/* Write text to dir/name; returns malloc'd full path. */
static inline char *tu_write(const char *dir, const char *name, const char *text)
{
    char *p = malloc(strlen(dir) + strlen(name) + 2);
    assert_non_null(p);
    sprintf(p, "%s/%s", dir, name);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return p;
}

#endif
