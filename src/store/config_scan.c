/* Settings: the scan of config.ini, line by line, before iniparser sees it.
 * It finds what iniparser 4.1 would report without a line number or read
 * differently from what was meant (see config.c): syntax errors, unknown
 * sections and keys, repeated keys, over-long lines, bad UTF-8, a trailing
 * backslash; and it notes the line of every key, for the messages. */
#include "config_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "text/text.h"

#define LINE_MAX_BYTES 1000   /* iniparser 4.1 fails past 1024 */

int config_scan_fail(struct config_scan *s, const char *key, const char *fmt, ...)
{
    char what[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (key)
        return err_field(s->e, ST_EINVAL, key, "%s:%d: %s: %s", s->path, s->line,
                         key, what);
    return err_set(s->e, ST_EINVAL, "%s:%d: %s", s->path, s->line, what);
}

static void ascii_lower(char *p)
{
    for (; *p; p++)
        if (*p >= 'A' && *p <= 'Z') *p = (char)(*p - 'A' + 'a');
}

static int scan_section(struct config_scan *s, char *t)
{
    size_t len = strlen(t);
    if (t[len - 1] != ']')
        return config_scan_fail(s, NULL, "lỗi cú pháp: dòng mục phải có dạng [tên mục]");
    t[len - 1] = '\0';
    text_trim(t + 1);
    ascii_lower(t + 1);
    if (!t[1])
        return config_scan_fail(s, NULL, "lỗi cú pháp: tên mục trống");
    if (strlen(t + 1) >= sizeof s->sec || !config_section_known(t + 1)) {
        char shown[80], list[200];
        config_show_value(t + 1, shown, sizeof shown);
        config_list_names(NULL, list, sizeof list);
        return config_scan_fail(s, NULL, "[%s]: không có mục này (các mục: %s)", shown,
                                list);
    }
    snprintf(s->sec, sizeof s->sec, "%s", t + 1);
    return ST_OK;
}

/* Checks that the value after '=' is one iniparser reads the way we mean:
 * a quoted value must be closed, with nothing but a comment after it. */
static int scan_value(struct config_scan *s, const char *key, const char *v)
{
    if (*v != '"' && *v != '\'') return ST_OK;
    const char *close = strchr(v + 1, *v);
    if (!close)
        return config_scan_fail(s, key, "lỗi cú pháp: thiếu dấu %c đóng", *v);
    close++;
    close += strspn(close, " \t");
    if (*close && *close != ';' && *close != '#')
        return config_scan_fail(s, key, "lỗi cú pháp: có chữ thừa sau dấu %c đóng", *v);
    return ST_OK;
}

static int scan_key(struct config_scan *s, char *t)
{
    char *eq = strchr(t, '=');
    if (!eq)
        return config_scan_fail(s, NULL, "lỗi cú pháp: cần [mục], khóa = giá trị, "
                                "hoặc chú thích bắt đầu bằng ; hay #");
    *eq = '\0';
    text_trim(t);
    ascii_lower(t);
    if (!*t)
        return config_scan_fail(s, NULL, "lỗi cú pháp: thiếu tên khóa trước dấu =");
    char shown[80], full[160];
    config_show_value(t, shown, sizeof shown);
    if (!s->sec[0])
        return config_scan_fail(s, shown,
                                "khóa nằm ngoài mọi mục (thiếu dòng [mục] ở trên)");
    snprintf(full, sizeof full, "%s.%s", s->sec, shown);
    int i = config_opt_find(full);
    const char *old = NULL;
    if (i < 0 && (i = config_renamed(full, &old)) >= 0) {
        if (s->line_of[i])
            return config_scan_fail(s, full, "khóa bị lặp với %s (dòng %d)",
                                    config_options[i].key, s->line_of[i]);
        s->old_name[i] = old;   /* read under this name (load_values) */
    }
    if (i < 0) {
        char list[300];
        config_list_names(s->sec, list, sizeof list);
        return config_scan_fail(s, full, "không có khóa này trong [%s] (các khóa: %s)",
                                s->sec, list);
    }
    if (s->line_of[i])
        return config_scan_fail(s, full, "khóa bị lặp (đã có ở dòng %d)", s->line_of[i]);
    s->line_of[i] = s->line;
    return scan_value(s, full, text_trim(eq + 1));
}

static int scan_line(struct config_scan *s, char *line, size_t len)
{
    size_t bad;
    if (len > LINE_MAX_BYTES + 1 || (len == LINE_MAX_BYTES + 1 && line[len - 1] != '\n'))
        return config_scan_fail(s, NULL, "dòng dài quá %d byte", LINE_MAX_BYTES);
    if (s->line == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0)
        return config_scan_fail(s, NULL, "tệp bắt đầu bằng BOM; hãy lưu lại dạng UTF-8 "
                                "không BOM");
    if (memchr(line, '\0', len))
        return config_scan_fail(s, NULL, "dòng chứa byte NUL");
    if (!text_utf8_valid(line, len, &bad))
        return config_scan_fail(s, NULL, "UTF-8 không hợp lệ tại byte %zu của dòng",
                                bad + 1);
    char *t = text_trim(line);
    size_t tl = strlen(t);
    if (tl == 0) return ST_OK;
    /* iniparser joins a line ending in a backslash to the next one, comments
     * included: that would silently swallow a setting. */
    if (t[tl - 1] == '\\')
        return config_scan_fail(s, NULL, "dòng kết thúc bằng dấu \\ (iniparser sẽ nối "
                                "với dòng sau); hãy bỏ dấu \\ hoặc đặt giá trị trong \"\"");
    if (t[0] == ';' || t[0] == '#') return ST_OK;
    if (t[0] == '[') return scan_section(s, t);
    return scan_key(s, t);
}

/* Read the whole file once; fills s->line_of. */
int config_scan_file(struct config_scan *s)
{
    FILE *f = fopen(s->path, "r");
    if (!f)
        return err_set(s->e, errno == ENOENT ? ST_ENOTFOUND : ST_EIO,
                       "%s: không mở được tệp cấu hình: %s", s->path, strerror(errno));
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && !S_ISREG(st.st_mode)) {
        fclose(f);
        return err_set(s->e, ST_EIO, "%s: không phải là tệp thường", s->path);
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = ST_OK;
    errno = 0;
    while (rc == ST_OK && (n = getline(&line, &cap, f)) >= 0) {
        s->line++;
        rc = scan_line(s, line, (size_t)n);
    }
    if (rc == ST_OK && ferror(f))
        rc = err_set(s->e, ST_EIO, "%s: lỗi đọc tệp: %s", s->path, strerror(errno));
    free(line);
    fclose(f);
    return rc;
}
