/* Messages made readable for the screens (ui_readable): the core writes
 * for the CLI too, where a field's code "(start_date)" tells what to
 * --set and a date may be ISO; on a screen the label is there already,
 * dates read dd/mm/yyyy, and the C library's English error texts
 * (strerror) read in Vietnamese.  Calls no other file of ui/. */
#include "ui_int.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "flow/proposal.h"
#include "flow/workflow.h"

/* Is name (len bytes) the code of a field of the proposal or of an action? */
static int field_code(const char *name, size_t len)
{
    for (int i = 0; i < proposal_nfields(); i++) {
        const char *f = proposal_field(i)->name;
        if (strlen(f) == len && memcmp(f, name, len) == 0) return 1;
    }
    for (int a = 0; a < wf_action_count(); a++)
        for (int i = 0; i < wf_action_nfields(wf_action_at(a)); i++) {
            const char *f = wf_action_field(wf_action_at(a), i)->name;
            if (strlen(f) == len && memcmp(f, name, len) == 0) return 1;
        }
    return 0;
}

static int digit(char c) { return c >= '0' && c <= '9'; }

/* yyyy-mm-dd at p, not inside a longer run of digits or a code. */
static int iso_date_at(const char *start, const char *p)
{
    for (int i = 0; i < 10; i++) {
        if (!p[i]) return 0;
        if ((i == 4 || i == 7) ? p[i] != '-' : !digit(p[i])) return 0;
    }
    if (p > start && (digit(p[-1]) || p[-1] == '-')) return 0;
    if (digit(p[10]) || p[10] == '-') return 0;
    int m = (p[5] - '0') * 10 + (p[6] - '0'), d = (p[8] - '0') * 10 + (p[9] - '0');
    return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static const struct { int err; const char *vn; } errtext[] = {
    {EACCES, "không có quyền truy cập"}, {EPERM, "không được phép"},
    {ENOENT, "không có tệp hoặc thư mục này"}, {ENOSPC, "hết chỗ trống trên đĩa"},
    {EROFS, "ổ đĩa chỉ cho đọc"}, {EEXIST, "tệp đã có"}, {EISDIR, "đây là một thư mục"},
    {ENOTDIR, "không phải thư mục"}, {EDQUOT, "vượt hạn mức dung lượng"},
    {EIO, "lỗi đọc ghi thiết bị"}, {EMFILE, "mở quá nhiều tệp"},
    {ENAMETOOLONG, "tên tệp quá dài"}, {ENOMEM, "hết bộ nhớ"}, {EBUSY, "thiết bị đang bận"},
};

void ui_readable(const char *in, char *out, size_t n)
{
    size_t o = 0;
    if (!n) return;
    for (const char *p = in ? in : ""; *p && o + 1 < n;) {
        /* " (field_code)": the label says it on a screen. */
        if (p[0] == ' ' && p[1] == '(') {
            const char *q = p + 2;
            while ((*q >= 'a' && *q <= 'z') || digit(*q) || *q == '_') q++;
            if (*q == ')' && q > p + 2 && field_code(p + 2, (size_t)(q - p - 2))) { p = q + 1; continue; }
        }
        if (iso_date_at(in, p) && o + 11 < n) {
            o += (size_t)snprintf(out + o, n - o, "%.2s/%.2s/%.4s", p + 8, p + 5, p);
            p += 10;
            continue;
        }
        int hit = 0;
        for (size_t k = 0; k < sizeof errtext / sizeof errtext[0] && !hit; k++) {
            const char *en = strerror(errtext[k].err);
            size_t len = strlen(en);
            if (strncmp(p, en, len) != 0) continue;
            size_t vl = strlen(errtext[k].vn);
            if (o + vl + 1 >= n) break;
            memcpy(out + o, errtext[k].vn, vl);
            o += vl;
            p += len;
            hit = 1;
        }
        if (!hit) out[o++] = *p++;
    }
    out[o] = '\0';
}
