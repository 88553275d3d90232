#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void err_clear(st_err *e)
{
    if (e) memset(e, 0, sizeof *e);
}

int err_set(st_err *e, int code, const char *fmt, ...)
{
    if (!e) return code;
    va_list ap;
    va_start(ap, fmt);
    e->code = code;
    e->field[0] = '\0';
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    return code;
}

int err_field(st_err *e, int code, const char *field, const char *fmt, ...)
{
    if (!e) return code;
    va_list ap;
    va_start(ap, fmt);
    e->code = code;
    snprintf(e->field, sizeof e->field, "%s", field ? field : "");
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    return code;
}
