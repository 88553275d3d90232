#include "fielddef.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"
#include "base/workdays.h"

#define TEXT_MAX_CHARS 1000
#define LONGTEXT_MAX_BYTES 1000000

/* Is word one of the '|'-separated names in list? */
static int choice_index(const char *list, const char *word, size_t wlen)
{
    int i = 0;
    for (const char *p = list; p && *p; i++) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if (n == wlen && strncmp(p, word, n) == 0) return i;
        p = bar ? bar + 1 : NULL;
    }
    return -1;
}

static int utf8_chars(const char *s)
{
    int n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xc0) != 0x80;
    return n;
}

static int parse_bool(const char *s, int *out)
{
    static const char *yes[] = {"1", "có", "co", "c", "yes", "y", "true", "đúng", NULL};
    static const char *no[] = {"0", "không", "khong", "k", "no", "n", "false", "sai", NULL};
    char low[32];
    size_t i;
    for (i = 0; i < sizeof low - 1 && s[i]; i++) low[i] = (char)tolower((unsigned char)s[i]);
    low[i] = '\0';
    for (int k = 0; yes[k]; k++) if (strcmp(low, yes[k]) == 0) { *out = 1; return 0; }
    for (int k = 0; no[k]; k++) if (strcmp(low, no[k]) == 0) { *out = 0; return 0; }
    return -1;
}

/* Money: digits with optional '.', ',' or space thousands separators and an
 * optional trailing "đ"/"d"/"VND". */
static int parse_money(const char *s, long long *out)
{
    long long v = 0;
    int digits = 0;
    const char *p = s;
    for (; *p; p++) {
        if (isdigit((unsigned char)*p)) {
            if (v > (9000000000000000000LL - 9) / 10) return -1;
            v = v * 10 + (*p - '0');
            digits++;
        } else if (*p == '.' || *p == ',' || *p == ' ') {
            continue;
        } else {
            break;
        }
    }
    if (*p && strcmp(p, "đ") != 0 && strcmp(p, "d") != 0 && strcmp(p, "VND") != 0 &&
        strcmp(p, " đ") != 0)
        return -1;
    if (!digits) return -1;
    *out = v;
    return 0;
}

static int check_choices(const fielddef *f, const char *v, char **out, st_err *e)
{
    /* FT_SET: each comma-separated item must be a choice. */
    const char *p = v;
    while (*p) {
        const char *c = f->type == FT_SET ? strchr(p, ',') : NULL;
        size_t n = c ? (size_t)(c - p) : strlen(p);
        while (n && *p == ' ') { p++; n--; }
        while (n && p[n - 1] == ' ') n--;
        if (choice_index(f->choices, p, n) < 0)
            return err_field(e, ST_EINVAL, f->name, "%s (%s): giá trị \"%.*s\" không hợp lệ; "
                             "chọn một trong: %s", f->label, f->name, (int)n, p, f->choices);
        p = c ? c + 1 : p + strlen(p);
    }
    *out = strdup(v);
    return *out ? ST_OK : err_set(e, ST_ENOMEM, "hết bộ nhớ");
}

int field_normalize(const fielddef *f, const char *raw, char **out, st_err *e)
{
    *out = NULL;
    char *v = NULL;
    int rc = text_nfc(raw ? raw : "", &v, e);
    if (rc) {
        snprintf(e->field, sizeof e->field, "%s", f->name);
        char tmp[512];
        snprintf(tmp, sizeof tmp, "%s (%s): %s", f->label, f->name, e->msg);
        snprintf(e->msg, sizeof e->msg, "%s", tmp);
        return rc;
    }
    if (f->type != FT_LONGTEXT) text_trim(v);
    if (!*v) {
        if (f->flags & FF_REQUIRED) {
            free(v);
            return err_field(e, ST_EINVAL, f->name, "%s (%s): bắt buộc, chưa nhập",
                             f->label, f->name);
        }
        *out = v;
        return ST_OK;
    }
    char buf[64];
    unsigned ctl = 0;
    long at = text_find_control(v, f->type == FT_LONGTEXT, &ctl);
    if (at >= 0) {
        rc = err_field(e, ST_EINVAL, f->name, "%s (%s): có ký tự điều khiển (mã 0x%02X, ở byte "
                       "%ld); hãy gõ lại hoặc dán dạng văn bản thuần", f->label, f->name, ctl, at);
        free(v);
        return rc;
    }
    /* Typed text in the one tone style (text.tone_style): "hoà" and "hòa"
     * stored alike.  Never a password: it must stay as typed. */
    if ((f->type == FT_TEXT || f->type == FT_LONGTEXT || f->type == FT_PERSON) &&
        strncmp(f->name, "password", 8) != 0) {
        char *t = text_tone_style(v, text_tone_style_new());
        if (!t) { free(v); return err_set(e, ST_ENOMEM, "hết bộ nhớ"); }
        free(v);
        v = t;
    }
    switch (f->type) {
    case FT_TEXT:
        if (strchr(v, '\n') || utf8_chars(v) > TEXT_MAX_CHARS)
            rc = err_field(e, ST_EINVAL, f->name, "%s (%s): tối đa %d ký tự, một dòng",
                           f->label, f->name, TEXT_MAX_CHARS);
        break;
    case FT_LONGTEXT:
        if (strlen(v) > LONGTEXT_MAX_BYTES)
            rc = err_field(e, ST_EINVAL, f->name, "%s (%s): quá dài (tối đa %d byte)",
                           f->label, f->name, LONGTEXT_MAX_BYTES);
        break;
    case FT_DATE: {
        st_day d;
        if (date_parse(v, &d, e) != ST_OK) {
            rc = err_field(e, ST_EINVAL, f->name, "%s (%s): ngày \"%s\" không hợp lệ "
                           "(dùng dd/mm/yyyy)", f->label, f->name, v);
            break;
        }
        date_iso(d, buf);
        free(v);
        v = strdup(buf);
        break;
    }
    case FT_INT: {
        char *end;
        errno = 0;
        long n = strtol(v, &end, 10);
        if (errno || *end || end == v || n < f->min || n > f->max) {
            rc = err_field(e, ST_EINVAL, f->name, "%s (%s): phải là số nguyên từ %ld đến %ld "
                           "(đang là \"%s\")", f->label, f->name, f->min, f->max, v);
            break;
        }
        snprintf(buf, sizeof buf, "%ld", n);
        free(v);
        v = strdup(buf);
        break;
    }
    case FT_MONEY: {
        long long m;
        if (parse_money(v, &m) < 0) {
            rc = err_field(e, ST_EINVAL, f->name, "%s (%s): số tiền \"%s\" không hợp lệ "
                           "(ví dụ 150.000.000)", f->label, f->name, v);
            break;
        }
        snprintf(buf, sizeof buf, "%lld", m);
        free(v);
        v = strdup(buf);
        break;
    }
    case FT_BOOL: {
        int b;
        if (parse_bool(v, &b) < 0) {
            rc = err_field(e, ST_EINVAL, f->name, "%s (%s): nhập có/không (yes/no), "
                           "không phải \"%s\"", f->label, f->name, v);
            break;
        }
        free(v);
        v = strdup(b ? "1" : "0");
        break;
    }
    case FT_ENUM:
    case FT_SET: {
        char *c = NULL;
        rc = check_choices(f, v, &c, e);
        free(v);
        v = c;
        break;
    }
    case FT_UNIT:
    case FT_PERSON:
        break;   /* looked up by the caller, which knows the database */
    }
    if (rc == ST_OK && !v) rc = err_set(e, ST_ENOMEM, "hết bộ nhớ");
    if (rc) { free(v); return rc; }
    *out = v;
    return ST_OK;
}

const char *field_choice_label(const fielddef *f, const char *value, char *buf, int n)
{
    if (!f->choices || !f->choice_labels || !value) return value ? value : "";
    int i = choice_index(f->choices, value, strlen(value));
    if (i < 0) return value;
    const char *p = f->choice_labels;
    for (int k = 0; k < i && p; k++) {
        p = strchr(p, '|');
        if (p) p++;
    }
    if (!p) return value;
    const char *bar = strchr(p, '|');
    int len = bar ? (int)(bar - p) : (int)strlen(p);
    snprintf(buf, (size_t)n, "%.*s", len, p);
    return buf;
}

void money_format(int64_t vnd, char *buf, int n)
{
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%lld", (long long)(vnd < 0 ? -vnd : vnd));
    char out[48];
    int o = 0;
    if (vnd < 0) out[o++] = '-';
    for (int i = 0; i < len; i++) {
        if (i && (len - i) % 3 == 0) out[o++] = '.';
        out[o++] = digits[i];
    }
    out[o] = '\0';
    snprintf(buf, (size_t)n, "%s đ", out);
}
