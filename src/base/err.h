/* Folder src/base: plain C helpers (errors, strings, CSV, dates and working
 * days, setgid rules, clock, trace).  May include: nothing of ours. */
/* Error codes and the message a caller can show.  Every core function that
 * can fail returns one of these and fills an st_err. */
#ifndef SANGTAO_ERR_H
#define SANGTAO_ERR_H

enum {
    ST_OK = 0,
    ST_EINVAL,    /* bad input from the user (field, value, argument) */
    ST_ENOTFOUND, /* no such record (or outside the user's scope)     */
    ST_EPERM,     /* role or scope forbids it                         */
    ST_ESTATE,    /* action not allowed from the current state        */
    ST_ECONFLICT, /* someone else changed the record (version)        */
    ST_EBUSY,     /* database locked for longer than busy_timeout     */
    ST_EDB,       /* database error (corrupt, full, read-only, …)     */
    ST_EIO,       /* file error                                       */
    ST_ENOMEM
};

typedef struct st_err {
    int code;
    char field[64];   /* the field the message is about, or "" */
    char msg[512];
} st_err;

void err_clear(st_err *e);
/* Set code and message (printf format); returns code.  e may be NULL. */
int err_set(st_err *e, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Same, naming the field the message concerns. */
int err_field(st_err *e, int code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
