/* RFC 4180 CSV reader and writer.  See csv.h for the exact reading rules. */
#include "csv.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CSV_BUFSZ 65536

struct csv_reader {
    FILE *f;
    unsigned char buf[CSV_BUFSZ];
    size_t pos, len;
    int at_eof;
    int bom_checked;
    int sep;                /* ',' or, sniffed from the first line, ';' */
    int failed;             /* an error is sticky: the position is lost */
    st_err last_err;
    long line;              /* line of the next unread byte */
    long rec_line;          /* line where the last record started */
    char *name;             /* for messages, or NULL */

    char *text;             /* the record's fields, each NUL-terminated */
    size_t tlen, tcap;
    size_t field_start;     /* offset in text of the field being read */
    size_t *offs;           /* field start offsets into text */
    char **ptrs;            /* handed out by csv_next */
    int nf, fcap;
};

int csv_open(FILE *f, csv_reader **out)
{
    if (!out) return ST_EINVAL;
    *out = NULL;
    if (!f) return ST_EINVAL;
    csv_reader *r = calloc(1, sizeof *r);
    if (!r) return ST_ENOMEM;
    r->f = f;
    r->line = 1;
    r->sep = ',';
    r->rec_line = 0;
    *out = r;
    return ST_OK;
}

void csv_close(csv_reader **rp)
{
    if (!rp || !*rp) return;
    csv_reader *r = *rp;
    free(r->text);
    free(r->offs);
    free(r->ptrs);
    free(r->name);
    free(r);
    *rp = NULL;
}

long csv_line(const csv_reader *r)
{
    return r ? r->rec_line : 0;
}

int csv_set_name(csv_reader *r, const char *name)
{
    if (!r) return ST_EINVAL;
    char *copy = NULL;
    if (name && *name) {
        copy = strdup(name);
        if (!copy) return ST_ENOMEM;
    }
    free(r->name);
    r->name = copy;
    return ST_OK;
}

/* --- input ------------------------------------------------------------ */

static int fill(csv_reader *r)
{
    if (r->at_eof) return 0;
    r->len = fread(r->buf, 1, sizeof r->buf, r->f);
    r->pos = 0;
    if (r->len == 0) {
        r->at_eof = 1;
        return 0;
    }
    return 1;
}

static int peek(csv_reader *r)
{
    if (r->pos >= r->len && !fill(r)) return EOF;
    return r->buf[r->pos];
}

static void advance(csv_reader *r)
{
    if (r->pos < r->len) r->pos++;
}

/* Excel set to Vietnamese (or any locale whose decimal mark is a comma)
 * saves "CSV" with ';' between cells.  A first line with ';' outside quotes
 * and no ',' there is such a file; every other file keeps ','. */
static void sniff_separator(csv_reader *r)
{
    int quoted = 0, commas = 0, semis = 0;
    for (size_t i = r->pos; i < r->len; i++) {
        unsigned char c = r->buf[i];
        if (c == '"') quoted = !quoted;
        else if (!quoted && (c == '\n' || c == '\r')) break;
        else if (!quoted && c == ',') commas++;
        else if (!quoted && c == ';') semis++;
    }
    r->sep = semis && !commas ? ';' : ',';
}

/* A UTF-8 BOM (from Excel's "CSV UTF-8") is only meaningful at the very
 * start of the file; elsewhere its bytes are data. */
static void skip_bom(csv_reader *r)
{
    static const unsigned char bom[3] = {0xEF, 0xBB, 0xBF};
    r->bom_checked = 1;
    if (peek(r) == EOF) return;
    /* The first fill holds at least 3 bytes unless the file is shorter. */
    if (r->len - r->pos >= 3 && memcmp(r->buf + r->pos, bom, 3) == 0)
        r->pos += 3;
    sniff_separator(r);
}

/* --- errors ----------------------------------------------------------- */

__attribute__((format(printf, 4, 5)))
static int fail(csv_reader *r, st_err *e, long line, const char *fmt, ...)
{
    char what[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (r->name)
        err_set(&r->last_err, ST_EINVAL, "%s:%ld: %s", r->name, line, what);
    else
        err_set(&r->last_err, ST_EINVAL, "dòng %ld: %s", line, what);
    r->failed = 1;
    if (e) *e = r->last_err;
    return -1;
}

static int fail_nomem(csv_reader *r, st_err *e)
{
    err_set(&r->last_err, ST_ENOMEM, "Hết bộ nhớ khi đọc CSV");
    r->failed = 1;
    if (e) *e = r->last_err;
    return -1;
}

/* --- building the record ---------------------------------------------- */

static int text_reserve(csv_reader *r, size_t more)
{
    if (r->tlen + more <= r->tcap) return 0;
    size_t cap = r->tcap ? r->tcap : 256;
    while (cap < r->tlen + more) cap *= 2;
    char *t = realloc(r->text, cap);
    if (!t) return -1;
    r->text = t;
    r->tcap = cap;
    return 0;
}

/* Append one byte of field data; 0 ok, -1 error already reported. */
static int put_byte(csv_reader *r, int c, st_err *e)
{
    if (c == 0)
        return fail(r, e, r->line, "tệp chứa byte NUL (có lẽ là UTF-16?) "
                    "— hãy lưu dưới dạng CSV UTF-8");
    if ((long)(r->tlen - r->field_start) >= CSV_MAX_FIELD)
        return fail(r, e, r->line, "trường dài quá %ld MiB",
                    CSV_MAX_FIELD / (1024 * 1024));
    if (text_reserve(r, 1) != 0) return fail_nomem(r, e);
    r->text[r->tlen++] = (char)c;
    return 0;
}

static int field_begin(csv_reader *r, st_err *e)
{
    if (r->nf >= CSV_MAX_FIELDS)
        return fail(r, e, r->rec_line, "bản ghi có quá %d trường",
                    CSV_MAX_FIELDS);
    if (r->nf == r->fcap) {
        int cap = r->fcap ? r->fcap * 2 : 16;
        size_t *o = realloc(r->offs, (size_t)cap * sizeof *o);
        if (!o) return fail_nomem(r, e);
        r->offs = o;
        char **p = realloc(r->ptrs, (size_t)cap * sizeof *p);
        if (!p) return fail_nomem(r, e);
        r->ptrs = p;
        r->fcap = cap;
    }
    r->field_start = r->tlen;
    r->offs[r->nf++] = r->tlen;
    return 0;
}

static int field_end(csv_reader *r, st_err *e)
{
    if (text_reserve(r, 1) != 0) return fail_nomem(r, e);
    r->text[r->tlen++] = '\0';
    return 0;
}

/* Consume a line end (LF, CRLF or lone CR) if one is next. */
static void eat_eol(csv_reader *r)
{
    int c = peek(r);
    if (c == '\r') {
        advance(r);
        if (peek(r) == '\n') advance(r);
        r->line++;
    } else if (c == '\n') {
        advance(r);
        r->line++;
    }
}

static int is_eol(int c)
{
    return c == '\n' || c == '\r' || c == EOF;
}

/* --- fields ----------------------------------------------------------- */

/* Read a quoted field; the opening quote is already consumed.  Returns the
 * byte after the closing quote (not consumed), or -2 on error. */
static int read_quoted(csv_reader *r, st_err *e)
{
    for (;;) {
        int c = peek(r);
        if (c == EOF) {
            fail(r, e, r->rec_line, "dấu ngoặc kép mở ở bản ghi này không "
                 "được đóng trước khi hết tệp");
            return -2;
        }
        advance(r);
        if (c == '"') {
            if (peek(r) != '"') return peek(r);
            advance(r);         /* "" is one quote */
        } else if (c == '\n') {
            r->line++;
        } else if (c == '\r') {
            /* A line break inside a cell is stored as one LF, whatever the
             * spreadsheet wrote (CR LF from Excel, a lone CR). */
            if (peek(r) == '\n') advance(r);
            r->line++;
            c = '\n';
        }
        if (put_byte(r, c, e) != 0) return -2;
    }
}

/* Read an unquoted field up to (not including) the separator or the line end. */
static int read_plain(csv_reader *r, st_err *e)
{
    for (;;) {
        int c = peek(r);
        if (c == r->sep || is_eol(c)) return c;
        advance(r);
        if (put_byte(r, c, e) != 0) return -2;
    }
}

/* Skip blank lines; returns the first byte of a record, or EOF. */
static int skip_blank_lines(csv_reader *r)
{
    for (;;) {
        int c = peek(r);
        if (c != '\n' && c != '\r') return c;
        eat_eol(r);
    }
}

int csv_next(csv_reader *r, char ***fields, int *nfields, st_err *e)
{
    if (!r || !fields || !nfields) {
        err_set(e, ST_EINVAL, "csv_next: đối số NULL");
        return -1;
    }
    *fields = NULL;
    *nfields = 0;
    if (r->failed) {
        if (e) *e = r->last_err;
        return -1;
    }
    if (!r->bom_checked) skip_bom(r);
    if (skip_blank_lines(r) == EOF) return 0;

    r->rec_line = r->line;
    r->tlen = 0;
    r->nf = 0;
    for (;;) {
        if (field_begin(r, e) != 0) return -1;
        int c;
        if (peek(r) == '"') {
            advance(r);
            c = read_quoted(r, e);
            if (c == -2) return -1;
            if (c != r->sep && !is_eol(c))
                return fail(r, e, r->line, "ký tự thừa sau dấu ngoặc kép "
                            "đóng (trường có dấu ngoặc kép phải kết thúc "
                            "bằng dấu ngoặc kép)");
        } else {
            c = read_plain(r, e);
            if (c == -2) return -1;
        }
        if (field_end(r, e) != 0) return -1;
        if (c == r->sep) {
            advance(r);
            continue;
        }
        eat_eol(r);
        break;
    }
    for (int i = 0; i < r->nf; i++) r->ptrs[i] = r->text + r->offs[i];
    *fields = r->ptrs;
    *nfields = r->nf;
    return 1;
}

/* --- writer ----------------------------------------------------------- */

static int needs_quotes(const char *s)
{
    if (!*s) return 0;
    if (strpbrk(s, ",\"\r\n")) return 1;
    size_t n = strlen(s);
    /* Spreadsheets and many readers trim unquoted edge spaces. */
    return s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t';
}

/* A cell a spreadsheet would run as a formula (OWASP's list: = + - @, tab,
 * CR), unless it is a plain number such as -5 or +84 (phone numbers). */
static int formula_like(const char *s)
{
    if (!strchr("=+-@\t\r", *s) || !*s) return 0;
    const char *p = s + (*s == '-' || *s == '+');
    if (!*p) return 1;
    for (; *p; p++)
        if (!(*p >= '0' && *p <= '9') && *p != '.' && *p != ',') return 1;
    return 0;
}

/* On a terminal, a stored escape sequence must not reach it: control bytes
 * (C0 but newline and tab, DEL, and the two-byte C1 forms) become "^X" or
 * "<U+0080>"-style text, as the screens show them. */
static void put_shown(FILE *f, const unsigned char *s, size_t *i, int tty)
{
    unsigned char c = s[*i];
    if (tty && c == 0xc2 && s[*i + 1] >= 0x80 && s[*i + 1] <= 0x9f) {
        fprintf(f, "<U+%04X>", s[*i + 1]);
        ++*i;
    } else if (tty && ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)) {
        putc('^', f);
        putc(c == 0x7f ? '?' : c + 0x40, f);
    } else {
        putc(c, f);
    }
}

static void write_field(FILE *f, const char *s, int tty)
{
    if (!f) return;
    if (!s) s = "";
    int guard = formula_like(s);
    int quote = needs_quotes(s) || (guard && (*s == '\t' || *s == '\r'));
    if (quote) putc('"', f);
    if (guard) putc('\'', f);
    for (size_t i = 0; s[i]; i++) {
        if (quote && s[i] == '"') putc('"', f);
        put_shown(f, (const unsigned char *)s, &i, tty);
    }
    if (quote) putc('"', f);
}

void csv_write_field(FILE *f, const char *s)
{
    write_field(f, s, f && isatty(fileno(f)));
}

void csv_write_row(FILE *f, const char *const *fields, int n)
{
    if (!f) return;
    int tty = isatty(fileno(f));
    if (n == 1 && (!fields || !fields[0] || !*fields[0])) {
        fputs("\"\"\n", f);     /* else it reads back as a blank line */
        return;
    }
    for (int i = 0; i < n; i++) {
        if (i > 0) putc(',', f);
        write_field(f, fields ? fields[i] : NULL, tty);
    }
    putc('\n', f);
}
