/* Role names and labels: the one list that the CLI, the screens and the
 * user table all read. */
#include "actor.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const struct {
    unsigned bit;
    const char *name;
    const char *label;
} roles[] = {
    {ROLE_CLERK,    "clerk",    "chuyên viên"},
    {ROLE_REVIEWER, "reviewer", "thẩm định"},
    {ROLE_HEAD,     "head",     "lãnh đạo"},
    {ROLE_MONITOR,  "monitor",  "Ban Tổ chức (theo dõi)"},
    {ROLE_VIEWER,   "viewer",   "xem"},
    {ROLE_ADMIN,    "admin",    "quản trị"},
};
#define NROLES (sizeof roles / sizeof roles[0])

const char *role_name(unsigned bit)
{
    for (size_t i = 0; i < NROLES; i++)
        if (roles[i].bit == bit) return roles[i].name;
    return "";
}

const char *role_label(unsigned bit)
{
    for (size_t i = 0; i < NROLES; i++)
        if (roles[i].bit == bit) return roles[i].label;
    return "";
}

void roles_format(unsigned mask, char *buf, size_t n)
{
    if (!buf || n == 0) return;
    buf[0] = '\0';
    size_t len = 0;
    for (size_t i = 0; i < NROLES; i++) {
        if (!(mask & roles[i].bit)) continue;
        int w = snprintf(buf + len, n - len, "%s%s", len ? "," : "", roles[i].name);
        if (w < 0 || (size_t)w >= n - len) {  /* too small: never leave half a name */
            buf[len] = '\0';
            return;
        }
        len += (size_t)w;
    }
}

/* The valid names, for error messages. */
static void roles_valid_list(char *buf, size_t n)
{
    roles_format(ROLE_ALL, buf, n);
}

int roles_parse(const char *list, unsigned *out, st_err *e)
{
    unsigned mask = 0;
    char valid[96];
    roles_valid_list(valid, sizeof valid);
    if (!list) list = "";
    const char *p = list;
    while (*p) {
        while (*p == ',' || isspace((unsigned char)*p)) p++;
        if (!*p) break;
        const char *start = p;
        while (*p && *p != ',') p++;
        size_t len = (size_t)(p - start);
        while (len > 0 && isspace((unsigned char)start[len - 1])) len--;
        unsigned bit = 0;
        for (size_t i = 0; i < NROLES; i++)
            if (strlen(roles[i].name) == len && strncasecmp(roles[i].name, start, len) == 0)
                bit = roles[i].bit;
        if (!bit)
            return err_field(e, ST_EINVAL, "roles",
                             "Vai trò không hợp lệ: '%.*s'. Các vai trò hợp lệ: %s",
                             (int)(len > 64 ? 64 : len), start, valid);
        mask |= bit;
    }
    if (!mask)
        return err_field(e, ST_EINVAL, "roles",
                         "Chưa chọn vai trò nào. Các vai trò hợp lệ: %s", valid);
    if (out) *out = mask;
    return ST_OK;
}
