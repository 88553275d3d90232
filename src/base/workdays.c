/* Dates as day numbers and the working-day calendar.  See workdays.h. */
#include "workdays.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "clock.h"
#include "csv.h"

/* --- day numbers ------------------------------------------------------ */

/* Days in a 400-year Gregorian cycle, and from 0000-03-01 to 1970-01-01. */
#define DAYS_PER_400Y 146097L
#define DAYS_PER_100Y 36524L
#define DAYS_PER_4Y   1461L
#define EPOCH_SHIFT   719468L

/* Cumulative days before each month of a year that starts in March, so
 * that the leap day falls at the very end and needs no special case. */
static const int before_month[12] = {
    0, 31, 61, 92, 122, 153, 184, 214, 245, 275, 306, 337
};

static long floor_div(long a, long b)
{
    long q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static long floor_mod(long a, long b)
{
    return a - floor_div(a, b) * b;
}

static int is_leap(long y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(long y, int m)
{
    static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : len[m - 1];
}

static st_day days_from_civil(long y, int m, int d)
{
    long my = m <= 2 ? y - 1 : y;       /* year counted from March */
    int mi = m <= 2 ? m + 9 : m - 3;    /* 0 = March … 11 = February */
    long cycle = floor_div(my, 400);
    long yoc = my - cycle * 400;        /* 0 … 399 */
    long doc = yoc * 365 + yoc / 4 - yoc / 100 + before_month[mi] + d - 1;
    return cycle * DAYS_PER_400Y + doc - EPOCH_SHIFT;
}

/* The inverse: peel off 400-, 100-, 4- and 1-year blocks from 0000-03-01.
 * The last 100-year and last 1-year block of a cycle are one day longer,
 * hence the clamps. */
static void civil_from_days(st_day day, long *y, int *m, int *d)
{
    long z = day + EPOCH_SHIFT;
    long cycle = floor_div(z, DAYS_PER_400Y);
    long r = z - cycle * DAYS_PER_400Y;
    long cent = r / DAYS_PER_100Y;
    if (cent == 4) cent = 3;
    r -= cent * DAYS_PER_100Y;
    long quad = r / DAYS_PER_4Y;
    r -= quad * DAYS_PER_4Y;
    long yr = r / 365;
    if (yr == 4) yr = 3;
    r -= yr * 365;                      /* day of the March-based year */
    int mi = 11;
    while (before_month[mi] > r) mi--;
    long my = cycle * 400 + cent * 100 + quad * 4 + yr;
    *d = (int)(r - before_month[mi]) + 1;
    *m = mi < 10 ? mi + 3 : mi - 9;
    *y = *m <= 2 ? my + 1 : my;
}

int date_weekday(st_day d)
{
    return (int)floor_mod(d + 3, 7);    /* 1970-01-01 was a Thursday */
}

/* --- parsing and formatting ------------------------------------------- */

/* Read exactly n..max digits at *p; returns the value or -1. */
static long take_digits(const char **p, int min, int max)
{
    long v = 0;
    int n = 0;
    while (n < max && isdigit((unsigned char)**p)) {
        v = v * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    return n >= min ? v : -1;
}

static int parse_iso(const char *s, long *y, int *m, int *d)
{
    const char *p = s;
    long yy = take_digits(&p, 4, 4);
    if (yy < 0 || *p++ != '-') return 0;
    long mm = take_digits(&p, 2, 2);
    if (mm < 0 || *p++ != '-') return 0;
    long dd = take_digits(&p, 2, 2);
    if (dd < 0 || *p) return 0;
    *y = yy, *m = (int)mm, *d = (int)dd;
    return 1;
}

static int parse_vn(const char *s, long *y, int *m, int *d)
{
    const char *p = s;
    long dd = take_digits(&p, 1, 2);
    if (dd < 0 || *p++ != '/') return 0;
    long mm = take_digits(&p, 1, 2);
    if (mm < 0 || *p++ != '/') return 0;
    long yy = take_digits(&p, 4, 4);
    if (yy < 0 || *p) return 0;
    *y = yy, *m = (int)mm, *d = (int)dd;
    return 1;
}

/* A short, printable copy of user input for a message: control bytes shown
 * as '?', cut at a UTF-8 character boundary. */
static void quote_input(const char *s, char *out, size_t cap)
{
    size_t n = 0, lim = cap - 4;        /* room for "…" and NUL */
    if (!s) s = "";
    if (lim > 40) lim = 40;
    while (n < lim && s[n]) n++;
    int cut = s[n] != '\0';
    while (cut && n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        out[i] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
    }
    if (cut) {
        memcpy(out + n, "…", sizeof "…" - 1);   /* 3 bytes, room kept */
        n += sizeof "…" - 1;
    }
    out[n] = '\0';
}

int date_parse(const char *s, st_day *out, st_err *e)
{
    char buf[16];
    const char *b = s ? s : "";
    while (isspace((unsigned char)*b)) b++;
    size_t len = strlen(b);
    while (len > 0 && isspace((unsigned char)b[len - 1])) len--;

    long y = 0;
    int m = 0, d = 0;
    int ok = len > 0 && len < sizeof buf;
    if (ok) {
        memcpy(buf, b, len);
        buf[len] = '\0';
        ok = parse_iso(buf, &y, &m, &d) || parse_vn(buf, &y, &m, &d);
    }
    ok = ok && y >= 1 && m >= 1 && m <= 12 && d >= 1
         && d <= days_in_month(y, m);
    if (!ok) {
        char shown[64];
        quote_input(s, shown, sizeof shown);
        return err_set(e, ST_EINVAL,
                       "Ngày không hợp lệ: \"%s\" (dùng dd/mm/yyyy)", shown);
    }
    if (out) *out = days_from_civil(y, m, d);
    return ST_OK;
}

/* Written by hand: snprintf cannot prove the year fits 4 digits, and the
 * buffer is exactly 11 bytes.  Years outside 0…9999 wrap (never stored). */
static void put_num(char *p, long v, int width)
{
    for (int i = width - 1; i >= 0; i--) {
        p[i] = (char)('0' + v % 10);
        v /= 10;
    }
}

void date_iso(st_day day, char buf[11])
{
    long y;
    int m, d;
    civil_from_days(day, &y, &m, &d);
    put_num(buf, floor_mod(y, 10000), 4);
    buf[4] = '-';
    put_num(buf + 5, m, 2);
    buf[7] = '-';
    put_num(buf + 8, d, 2);
    buf[10] = '\0';
}

void date_vn(st_day day, char buf[11])
{
    long y;
    int m, d;
    civil_from_days(day, &y, &m, &d);
    put_num(buf, d, 2);
    buf[2] = '/';
    put_num(buf + 3, m, 2);
    buf[5] = '/';
    put_num(buf + 6, floor_mod(y, 10000), 4);
    buf[10] = '\0';
}

st_day date_today(void)
{
    const char *fake = clock_fixed_today();
    st_day d;
    if (fake && *fake && date_parse(fake, &d, NULL) == ST_OK) return d;
    time_t now = time(NULL);
    struct tm tm;
    if (!localtime_r(&now, &tm)) return (st_day)(now / 86400);
    return days_from_civil(tm.tm_year + 1900L, tm.tm_mon + 1, tm.tm_mday);
}

/* --- the calendar ----------------------------------------------------- */

struct special {
    st_day day;
    char kind;          /* 'H' or 'W' */
};

/* A sorted array: a few dozen days a year, searched by bisection. */
struct calendar {
    struct special *v;
    size_t n, cap;
};

int calendar_new(calendar **out)
{
    if (!out) return ST_EINVAL;
    *out = calloc(1, sizeof **out);
    return *out ? ST_OK : ST_ENOMEM;
}

void calendar_free(calendar **c)
{
    if (!c || !*c) return;
    free((*c)->v);
    free(*c);
    *c = NULL;
}

/* Index of the first entry with day ≥ d. */
static size_t lower_bound(const calendar *c, st_day d)
{
    size_t lo = 0, hi = c->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->v[mid].day < d) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

static char kind_of(const calendar *c, st_day d)
{
    if (!c) return 0;
    size_t i = lower_bound(c, d);
    return i < c->n && c->v[i].day == d ? c->v[i].kind : 0;
}

int calendar_add(calendar *c, st_day d, char kind)
{
    if (!c || (kind != 'H' && kind != 'W')) return ST_EINVAL;
    size_t i = lower_bound(c, d);
    if (i < c->n && c->v[i].day == d) {
        c->v[i].kind = kind;            /* the later entry wins */
        return ST_OK;
    }
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 64;
        struct special *v = realloc(c->v, cap * sizeof *v);
        if (!v) return ST_ENOMEM;
        c->v = v;
        c->cap = cap;
    }
    memmove(c->v + i + 1, c->v + i, (c->n - i) * sizeof *c->v);
    c->v[i].day = d;
    c->v[i].kind = kind;
    c->n++;
    return ST_OK;
}

int calendar_is_working_day(const calendar *c, st_day d)
{
    switch (kind_of(c, d)) {
    case 'H': return 0;
    case 'W': return 1;
    default:  return date_weekday(d) < 5;
    }
}

/* Mondays to Fridays in (-∞, x], counted from the Monday 1970-01-05 (day 4);
 * only differences of this are meaningful. */
static long weekdays_upto(st_day x)
{
    long k = x - 4;
    long r = floor_mod(k, 7);
    return floor_div(k, 7) * 5 + (r < 5 ? r + 1 : 5);
}

int calendar_working_days_between(const calendar *c, st_day from, st_day to)
{
    if (to <= from) return 0;
    long n = weekdays_upto(to) - weekdays_upto(from);
    if (c) {
        /* Correct for the special days in (from, to] that change a day's
         * status: a weekday holiday, a worked weekend day. */
        for (size_t i = lower_bound(c, from + 1); i < c->n && c->v[i].day <= to; i++) {
            int weekend = date_weekday(c->v[i].day) >= 5;
            if (c->v[i].kind == 'H' && !weekend) n--;
            else if (c->v[i].kind == 'W' && weekend) n++;
        }
    }
    return (int)n;
}

st_day calendar_add_working_days(const calendar *c, st_day d, int n)
{
    long left = n;
    /* Jump whole weeks that hold fewer working days than are left (5 a week
     * at most, unless make-up days intervene), so the last steps, which
     * must stop on a working day, are always walked one day at a time. */
    while (left > 5) {
        long weeks = (left - 1) / 5;
        int got = calendar_working_days_between(c, d, d + weeks * 7);
        if (got >= left) break;
        d += weeks * 7;
        left -= got;
    }
    while (left > 0) {
        d++;
        if (calendar_is_working_day(c, d)) left--;
    }
    return d;
}

/* --- loading the holidays file ---------------------------------------- */

static char *trim(char *s)
{
    while (isspace((unsigned char)*s)) s++;
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1])) s[--n] = '\0';
    return s;
}

/* Check one data row and add it to tmp.  Returns ST_OK or an error whose
 * message the caller prefixes with "name:LINE: ". */
static int load_row(calendar *tmp, char **f, int nf, st_err *e)
{
    if (nf < 2 || nf > 3)
        return err_set(e, ST_EINVAL, "cần 3 cột date,kind,name (có %d cột)", nf);
    st_day d = 0;
    if (date_parse(trim(f[0]), &d, e) != ST_OK) return e ? e->code : ST_EINVAL;
    const char *k = trim(f[1]);
    char kind;
    if (strcasecmp(k, "holiday") == 0) {
        kind = 'H';
    } else if (strcasecmp(k, "workday") == 0) {
        kind = 'W';
    } else {
        char shown[64];
        quote_input(k, shown, sizeof shown);
        return err_set(e, ST_EINVAL, "loại ngày \"%s\" không hợp lệ "
                       "(dùng holiday hoặc workday)", shown);
    }
    char iso[11];
    date_iso(d, iso);
    /* A make-up day on a weekday changes nothing: surely a typo. */
    if (kind == 'W' && date_weekday(d) < 5)
        return err_set(e, ST_EINVAL, "ngày làm bù %s không phải thứ Bảy "
                       "hay Chủ nhật", iso);
    char old = kind_of(tmp, d);
    if (old && old != kind)
        return err_set(e, ST_EINVAL, "ngày %s vừa là ngày nghỉ vừa là ngày "
                       "làm bù", iso);
    int rc = calendar_add(tmp, d, kind);
    if (rc != ST_OK) return err_set(e, rc, "Hết bộ nhớ");
    return ST_OK;
}

static int is_header(char **f, int nf)
{
    return nf >= 1 && strcasecmp(trim(f[0]), "date") == 0;
}

/* Read every row into tmp; errors carry "name:LINE: ". */
static int load_rows(calendar *tmp, FILE *f, const char *name, st_err *e)
{
    csv_reader *r = NULL;
    int rc = csv_open(f, &r);
    if (rc == ST_OK) rc = csv_set_name(r, name);
    if (rc != ST_OK) {
        csv_close(&r);
        return err_set(e, rc, "%s: không mở được tệp", name);
    }
    char **fields;
    int nf, got, data_rows = 0;
    st_err row_err;
    while ((got = csv_next(r, &fields, &nf, e)) == 1) {
        if (nf >= 1 && trim(fields[0])[0] == '#') continue;   /* comment */
        if (data_rows++ == 0 && is_header(fields, nf)) continue;
        err_clear(&row_err);
        rc = load_row(tmp, fields, nf, &row_err);
        if (rc != ST_OK) {
            err_set(e, rc, "%s:%ld: %s", name, csv_line(r), row_err.msg);
            break;
        }
    }
    if (got < 0) rc = e ? e->code : ST_EINVAL;
    csv_close(&r);
    return rc;
}

int calendar_load_csv(calendar *c, FILE *f, const char *name, st_err *e)
{
    if (!name || !*name) name = "holidays.csv";
    if (!c || !f) return err_set(e, ST_EINVAL, "%s: không có tệp", name);
    /* Load into a scratch calendar so that a bad file changes nothing. */
    calendar *tmp = NULL;
    if (calendar_new(&tmp) != ST_OK) return err_set(e, ST_ENOMEM, "Hết bộ nhớ");
    int rc = load_rows(tmp, f, name, e);
    for (size_t i = 0; rc == ST_OK && i < tmp->n; i++) {
        rc = calendar_add(c, tmp->v[i].day, tmp->v[i].kind);
        if (rc != ST_OK) err_set(e, rc, "Hết bộ nhớ");
    }
    calendar_free(&tmp);
    if (rc == ST_OK && ferror(f))
        rc = err_set(e, ST_EIO, "%s: lỗi đọc tệp", name);
    return rc;
}
