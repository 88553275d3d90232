/* Settings from config.ini, driven by one table of options.
 *
 * iniparser 4.1 has traps (DESIGN.md): it reports syntax errors without a
 * line number, getint reads "010" as octal, getboolean looks at one letter,
 * and getint/getboolean crash when a key names a section.  So the file is
 * first scanned here line by line -- that scan finds syntax errors, unknown
 * or repeated keys, and the line of every key -- and only then handed to
 * iniparser, from which we take strings alone and convert them ourselves. */
#include "config.h"

#include <assert.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <iniparser.h>

#include "base/keyspec.h"
#include "base/priv.h"
#include "text/text.h"

enum opt_type { OPT_STR, OPT_INT, OPT_BOOL, OPT_ENUM, OPT_PATH, OPT_KEYS };

/* Extra check for one option: returns NULL if v is fine, else the reason. */
typedef const char *(*opt_check_fn)(const char *v);

struct option {
    const char *key;            /* "section.key" */
    enum opt_type type;
    const char *def;            /* default, as written in config.ini */
    long min, max;              /* INT: range; STR: length in characters,
                                   PATH: length in bytes */
    const char *const *values;  /* ENUM: allowed values, NULL-terminated */
    opt_check_fn check;
    const char *help_en;
    const char *help_vi;
};

static const char *check_site_code(const char *v);
static const char *check_keys(const char *v);

#define ENUMV(...) ((const char *const[]){__VA_ARGS__, NULL})
/* A [keys] row: empty by default (the built-in keys of ui/keys.c). */
#define KEYS(name, en, vi) {"keys." name, OPT_KEYS, "", 0, 200, NULL, check_keys, \
    "Keys for: " en, "Phím: " vi}
#define NAME_MAX_CHARS 200
#define PATH_MAX_BYTES 900   /* so that any value fits a config.ini line */

/* The single list of settings: loading, validation, defaults, --help-config
 * and config_print_values all walk it.  Keep options of one section
 * together; config.ini follows this order. */
static const struct option options[] = {
    {"database.path", OPT_PATH, "sangtao.db", 1, PATH_MAX_BYTES, NULL, NULL,
     "SQLite database file, on a local disk (never NFS/SMB)",
     "Tệp cơ sở dữ liệu SQLite, trên đĩa của máy chủ"},
    {"database.busy_timeout_ms", OPT_INT, "5000", 100, 600000, NULL, NULL,
     "How long a write waits for another writer before giving up (ms)",
     "Thời gian chờ khi cơ sở dữ liệu đang bận (mili giây)"},
    {"site.code", OPT_STR, "BD", 1, 8, NULL, check_site_code,
     "Site code used in document codes such as BD-2026-0042 (1-8 A-Z/0-9)",
     "Mã đơn vị trong số hồ sơ (1-8 chữ in hoa hoặc chữ số)"},
    {"site.number", OPT_INT, "1", 1, 65535, NULL, NULL,
     "Numeric site id inside primary keys: one per office, never changed",
     "Số hiệu trạm, mỗi nơi một số khác nhau, không đổi sau khi có dữ liệu"},
    {"site.name", OPT_STR, "Văn phòng Tỉnh ủy Bình Định", 1, NAME_MAX_CHARS,
     NULL, NULL, "Name of this office, shown on screens",
     "Tên đơn vị sử dụng chương trình"},
    {"org.name", OPT_STR, "TỈNH ỦY BÌNH ĐỊNH", 1, NAME_MAX_CHARS, NULL, NULL,
     "Issuing body printed at the top left of reports",
     "Cơ quan ban hành, in ở góc trái tiêu đề báo cáo"},
    {"org.party", OPT_STR, "ĐẢNG CỘNG SẢN VIỆT NAM", 1, NAME_MAX_CHARS, NULL,
     NULL, "Heading printed at the top right of reports",
     "Dòng tiêu đề góc phải báo cáo"},
    {"org.place", OPT_STR, "Bình Định", 1, NAME_MAX_CHARS, NULL, NULL,
     "Place name before the date line of reports",
     "Địa danh ghi trước ngày tháng trên báo cáo"},
    {"org.signer_title", OPT_STR, "T/M BAN THƯỜNG VỤ", 1, NAME_MAX_CHARS, NULL,
     NULL, "Title above the signature on reports",
     "Chức danh ký báo cáo"},
    {"org.signer_position", OPT_STR, "PHÓ BÍ THƯ", 0, NAME_MAX_CHARS, NULL, NULL,
     "Position of the signer, under the title (empty: none)",
     "Chức vụ người ký, dưới chức danh ký"},
    {"org.signer_name", OPT_STR, "", 0, NAME_MAX_CHARS, NULL, NULL,
     "Name printed under the signature (empty: written by hand)",
     "Họ tên người ký; để trống để ghi tay"},
    {"org.doc_symbol", OPT_STR, "TU", 1, 20, NULL, NULL,
     "Issuer's symbol in report numbers: Số …-BC/TU",
     "Ký hiệu cơ quan trong số báo cáo (Số …-BC/TU)"},
    {"org.recipients", OPT_STR, "Ban Thường vụ Tỉnh ủy|Ban Tổ chức Tỉnh ủy|Lưu Văn phòng Tỉnh ủy",
     0, 900, NULL, NULL, "Recipients listed under \"Nơi nhận:\", separated by |",
     "Nơi nhận của báo cáo, cách nhau bằng dấu |"},
    {"report.printer", OPT_STR, "", 0, NAME_MAX_CHARS, NULL, NULL,
     "Printer (lp destination) for printed reports; empty: no printer",
     "Máy in (tên trong lp) để in báo cáo; để trống nếu không có"},
    {"report.width", OPT_ENUM, "80", 0, 0, ENUMV("80", "132"), NULL,
     "Columns of printed reports: 80 (A4 portrait) or 132 (A4 landscape)",
     "Số cột của báo cáo in: 80 (A4 đứng) hoặc 132 (A4 ngang)"},
    {"ui.language", OPT_ENUM, "vi", 0, 0, ENUMV("vi", "en"), NULL,
     "Language of the screens", "Ngôn ngữ giao diện"},
    {"ui.esc_delay_ms", OPT_INT, "50", 0, 2000, NULL, NULL,
     "Wait after Esc for the rest of a key sequence (ms); $ESCDELAY wins",
     "Độ trễ phím Esc (mili giây); biến ESCDELAY được ưu tiên"},
    {"ui.input_method", OPT_ENUM, "telex", 0, 0, ENUMV("off", "telex", "vni"),
     NULL, "Built-in Vietnamese typing; off when the system already has one",
     "Bộ gõ tiếng Việt có sẵn; chọn off nếu máy đã có bộ gõ"},
    {"ui.tone_style", OPT_ENUM, "new", 0, 0, ENUMV("new", "old"), NULL,
     "Where typed tone marks go: new (hoá, thuỷ) or old (hóa, thủy)",
     "Kiểu đặt dấu thanh: new (hoá, thuỷ) hoặc old (hóa, thủy)"},
    {"ui.color", OPT_BOOL, "true", 0, 0, NULL, NULL,
     "Use colours when the terminal has them ($NO_COLOR turns them off)",
     "Dùng màu nếu màn hình hỗ trợ"},
    {"workflow.review_days", OPT_INT, "7", 1, 60, NULL, NULL,
     "Working days to review a proposal after it is accepted",
     "Số ngày làm việc để xem xét đề xuất"},
    {"workflow.report_days", OPT_INT, "5", 1, 60, NULL, NULL,
     "Working days to report results after the pilot ends",
     "Số ngày làm việc để báo cáo kết quả sau khi hoàn thành"},
    {"workflow.evaluation_days", OPT_INT, "7", 1, 60, NULL, NULL,
     "Working days to evaluate results after the report",
     "Số ngày làm việc để đánh giá kết quả sau báo cáo"},
    {"security.lockout_threshold", OPT_INT, "5", 1, 100, NULL, NULL,
     "Failed logins in a row that lock an account",
     "Số lần đăng nhập sai liên tiếp thì khóa tài khoản"},
    {"security.lockout_minutes", OPT_INT, "15", 1, 1440, NULL, NULL,
     "How long a locked account stays locked (minutes)",
     "Thời gian khóa tài khoản (phút)"},
    {"security.min_password_length", OPT_INT, "8", 6, 128, NULL, NULL,
     "Shortest password accepted (characters)",
     "Độ dài tối thiểu của mật khẩu (ký tự)"},
    {"data.holidays", OPT_PATH, "", 0, PATH_MAX_BYTES, NULL, NULL,
     "Extra holidays CSV (date,kind,name) on top of the built-in ones",
     "Tệp CSV ngày nghỉ bổ sung; để trống nếu không có"},
    /* [keys]: one row per action of the screens' key table (ui/keys.c, by
     * its config name); a value replaces that action's built-in keys. */
    KEYS("help", "help screen", "trợ giúp"),
    KEYS("save", "save the form", "lưu biểu mẫu"),
    KEYS("search", "quick search in the list", "tìm nhanh trong danh sách"),
    KEYS("pick", "pick a value from a list (forms)", "chọn giá trị từ danh sách"),
    KEYS("filter", "filter the list", "lọc danh sách"),
    KEYS("refresh", "read the data again", "đọc lại dữ liệu"),
    KEYS("sort", "sort by the next column", "sắp xếp theo cột tiếp theo"),
    KEYS("reverse", "reverse the order", "đảo chiều sắp xếp"),
    KEYS("queue", "my queue / everything", "việc chờ tôi / tất cả"),
    KEYS("list", "open the proposal list (home)", "mở danh sách đề xuất"),
    KEYS("reports", "open the reports (home)", "mở báo cáo"),
    KEYS("new", "new proposal", "tạo đề xuất mới"),
    KEYS("actions", "workflow actions", "các thao tác quy trình"),
    KEYS("edit", "edit the proposal", "sửa đề xuất"),
    KEYS("open", "open the selected line", "mở dòng đang chọn"),
    KEYS("next", "next field or section", "trường hoặc mục sau"),
    KEYS("prev", "previous field or section", "trường hoặc mục trước"),
    KEYS("toggle", "mark or unmark (multiple choice)", "đánh dấu / bỏ đánh dấu"),
    KEYS("up", "up one line", "lên một dòng"),
    KEYS("down", "down one line", "xuống một dòng"),
    KEYS("page_up", "up one page", "lên một trang"),
    KEYS("page_down", "down one page", "xuống một trang"),
    KEYS("first", "to the top", "về đầu"),
    KEYS("last", "to the bottom", "xuống cuối"),
    KEYS("left", "left one character", "sang trái một chữ"),
    KEYS("right", "right one character", "sang phải một chữ"),
    KEYS("line_start", "start of the line", "về đầu dòng"),
    KEYS("line_end", "end of the line", "về cuối dòng"),
    KEYS("word_left", "previous word", "về từ trước"),
    KEYS("word_right", "next word", "sang từ sau"),
    KEYS("backspace", "delete before the cursor", "xóa chữ trước con trỏ"),
    KEYS("delete", "delete at the cursor", "xóa chữ tại con trỏ"),
    KEYS("kill_line", "delete to the end of the line", "xóa đến cuối dòng"),
    KEYS("kill_word", "delete the word before the cursor", "xóa từ trước con trỏ"),
    KEYS("input_method", "switch the built-in Telex/VNI (off, Telex, VNI)",
         "đổi bộ gõ có sẵn (tắt, Telex, VNI)"),
    KEYS("quit", "leave the screen", "thoát màn hình"),
    KEYS("cancel", "cancel, go back", "hủy, quay lại"),
    KEYS("redraw", "redraw the screen", "vẽ lại màn hình"),
    KEYS("keep_mine", "save conflict: keep my value of this field",
         "xung đột khi lưu: giữ giá trị của mình"),
    KEYS("take_theirs", "save conflict: take the other person's value",
         "xung đột khi lưu: lấy giá trị của người khác"),
    KEYS("keep_all_mine", "save conflict: keep all of mine", "xung đột khi lưu: giữ tất cả của mình"),
    KEYS("take_all_theirs", "save conflict: take all of theirs",
         "xung đột khi lưu: lấy tất cả của người khác"),
};

#define NOPT (sizeof options / sizeof options[0])
#define LINE_MAX_BYTES 1000   /* iniparser 4.1 fails past 1024 */

struct config {
    char *val[NOPT];   /* canonical NFC string of every option */
    long num[NOPT];    /* INT value, BOOL 0/1, ENUM index */
    int line[NOPT];    /* the line of the file that set it, 0 = not set */
    char *path;        /* file loaded, or "" */
};

/* ---- the table ---------------------------------------------------------- */

static int opt_find(const char *key)
{
    for (size_t i = 0; i < NOPT; i++)
        if (strcmp(options[i].key, key) == 0) return (int)i;
    return -1;
}

/* Is there an option in section sec? */
static int section_known(const char *sec)
{
    size_t n = strlen(sec);
    for (size_t i = 0; i < NOPT; i++)
        if (strncmp(options[i].key, sec, n) == 0 && options[i].key[n] == '.')
            return 1;
    return 0;
}

/* Comma-separated list into buf: sections (sec == NULL) or keys of sec. */
static void list_names(const char *sec, char *buf, size_t n)
{
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < NOPT; i++) {
        const char *k = options[i].key, *dot = strchr(k, '.');
        size_t sl = (size_t)(dot - k);
        const char *name = sec ? dot + 1 : k;
        size_t nl = sec ? strlen(name) : sl;
        if (sec && (strlen(sec) != sl || strncmp(k, sec, sl) != 0)) continue;
        if (!sec && i > 0 && strncmp(options[i - 1].key, k, sl + 1) == 0) continue;
        int w = snprintf(buf + o, n - o, "%s%.*s", o ? ", " : "", (int)nl, name);
        if (w < 0 || (size_t)w >= n - o) return;
        o += (size_t)w;
    }
}

static const char *check_site_code(const char *v)
{
    for (const char *p = v; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
            return "phải gồm 1 đến 8 chữ cái in hoa hoặc chữ số ASCII";
    return NULL;
}

/* A [keys] value: names the screens know (src/keyspec.h). */
static const char *check_keys(const char *v)
{
    static char why[200];
    keyspec k[KEYSPEC_MAX];
    return keyspec_parse(v, k, KEYSPEC_MAX, why, sizeof why) < 0 ? why : NULL;
}

/* ---- converting one value ------------------------------------------------ */

/* Value quoted for a message: printable, and cut short so the message
 * still fits. */
static void show_value(const char *v, char *buf, size_t n)
{
    char *s = text_sanitize(v, 0);
    const char *src = s ? s : "?";
    size_t len = strlen(src), max = n > 64 ? 60 : n - 4;
    if (len > max) {
        while (max > 0 && ((unsigned char)src[max] & 0xC0) == 0x80) max--;
        snprintf(buf, n, "%.*s…", (int)max, src);
    } else {
        snprintf(buf, n, "%s", src);
    }
    free(s);
}

/* Base 10 only, whole string: "010" is ten, "1e3" and "" are errors. */
static int parse_long(const char *s, long *out)
{
    if (!*s) return 0;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (*end || errno == ERANGE || s[0] == ' ' || s[0] == '\t') return 0;
    *out = v;
    return 1;
}

static int parse_bool(const char *s, long *out)
{
    static const char *const yes[] = {"true", "yes", "on", "1"};
    static const char *const no[] = {"false", "no", "off", "0"};
    for (size_t i = 0; i < 4; i++) {
        if (strcasecmp(s, yes[i]) == 0) { *out = 1; return 1; }
        if (strcasecmp(s, no[i]) == 0) { *out = 0; return 1; }
    }
    return 0;
}

/* An ENUM's allowed values joined by sep. */
static void join_values(const struct option *o, const char *sep, char *buf, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t j = 0; o->values[j] && used < n; j++)
        used += (size_t)snprintf(buf + used, n - used, "%s%s", j ? sep : "",
                                 o->values[j]);
}

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) n++;
    return n;
}

/* Check v (NFC already) against option o; fills *num and the canonical
 * text in *canon (malloc'd).  On error writes the reason into why. */
static int opt_convert(const struct option *o, const char *v, long *num,
                       char **canon, char *why, size_t wn)
{
    char shown[80], tmp[32];
    const char *c = v;
    show_value(v, shown, sizeof shown);
    *num = 0;
    for (const char *p = v; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7F) {
            snprintf(why, wn, "chứa ký tự điều khiển (đang là \"%s\")", shown);
            return ST_EINVAL;
        }
    switch (o->type) {
    case OPT_INT:
        if (!parse_long(v, num) || *num < o->min || *num > o->max) {
            snprintf(why, wn, "phải là số nguyên từ %ld đến %ld (đang là \"%s\")",
                     o->min, o->max, shown);
            return ST_EINVAL;
        }
        snprintf(tmp, sizeof tmp, "%ld", *num);
        c = tmp;
        break;
    case OPT_BOOL:
        if (!parse_bool(v, num)) {
            snprintf(why, wn, "phải là true hoặc false (hay yes/no, on/off, 1/0) "
                     "(đang là \"%s\")", shown);
            return ST_EINVAL;
        }
        c = *num ? "true" : "false";
        break;
    case OPT_ENUM: {
        long i = 0;
        while (o->values[i] && strcasecmp(o->values[i], v) != 0) i++;
        if (!o->values[i]) {
            char list[128];
            join_values(o, ", ", list, sizeof list);
            snprintf(why, wn, "phải là một trong: %s (đang là \"%s\")", list, shown);
            return ST_EINVAL;
        }
        *num = i;
        c = o->values[i];
        break;
    }
    case OPT_STR:
    case OPT_PATH:
    case OPT_KEYS: {
        const char *unit = o->type != OPT_PATH ? "ký tự" : "byte";
        size_t n = o->type != OPT_PATH ? utf8_chars(v) : strlen(v);
        const char *bad = o->check ? o->check(v) : NULL;
        if (n < (size_t)o->min || n > (size_t)o->max) {
            if (o->min > 0)
                snprintf(why, wn, "phải dài từ %ld đến %ld %s (đang là \"%s\")",
                         o->min, o->max, unit, shown);
            else
                snprintf(why, wn, "dài quá %ld %s", o->max, unit);
            return ST_EINVAL;
        }
        if (bad) {
            snprintf(why, wn, "%s (đang là \"%s\")", bad, shown);
            return ST_EINVAL;
        }
        break;
    }
    }
    *canon = strdup(c);
    if (!*canon) {
        snprintf(why, wn, "hết bộ nhớ");
        return ST_ENOMEM;
    }
    return ST_OK;
}

/* NFC-normalise raw, convert, and store it as option i of c. */
static int config_store(config *c, size_t i, const char *raw, char *why, size_t wn)
{
    char *nfc = NULL, *canon = NULL;
    long num = 0;
    st_err e;
    err_clear(&e);
    int rc = text_nfc(raw, &nfc, &e);
    if (rc != ST_OK) {
        snprintf(why, wn, "%s", e.msg);
        return rc;
    }
    rc = opt_convert(&options[i], nfc, &num, &canon, why, wn);
    free(nfc);
    if (rc != ST_OK) return rc;
    free(c->val[i]);
    c->val[i] = canon;
    c->num[i] = num;
    return ST_OK;
}

/* ---- creating and freeing ----------------------------------------------- */

void config_free(config **c)
{
    if (!c || !*c) return;
    for (size_t i = 0; i < NOPT; i++) free((*c)->val[i]);
    free((*c)->path);
    free(*c);
    *c = NULL;
}

int config_new(config **out, st_err *e)
{
    char why[512];
    *out = NULL;
    config *c = calloc(1, sizeof *c);
    if (!c || !(c->path = strdup(""))) {
        free(c);
        err_set(e, ST_ENOMEM, "hết bộ nhớ");
        return ST_ENOMEM;
    }
    for (size_t i = 0; i < NOPT; i++) {
        int rc = config_store(c, i, options[i].def, why, sizeof why);
        /* A default that fails its own check is a bug in the table. */
        assert(rc != ST_EINVAL);
        if (rc != ST_OK) {
            config_free(&c);
            err_set(e, rc, "%s: %s", options[i].key, why);
            return rc;
        }
    }
    *out = c;
    return ST_OK;
}

/* ---- scanning the file ----------------------------------------------------- */

struct scan {
    const char *path;
    int line;
    char sec[64];          /* current section, "" before the first */
    int line_of[NOPT];     /* where each option was set, 0 = not set */
    st_err *e;
};

static int scan_fail(struct scan *s, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* "PATH:LINE: key: what" (or "PATH:LINE: what" without a key). */
static int scan_fail(struct scan *s, const char *key, const char *fmt, ...)
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

static int scan_section(struct scan *s, char *t)
{
    size_t len = strlen(t);
    if (t[len - 1] != ']')
        return scan_fail(s, NULL, "lỗi cú pháp: dòng mục phải có dạng [tên mục]");
    t[len - 1] = '\0';
    text_trim(t + 1);
    ascii_lower(t + 1);
    if (!t[1])
        return scan_fail(s, NULL, "lỗi cú pháp: tên mục trống");
    if (strlen(t + 1) >= sizeof s->sec || !section_known(t + 1)) {
        char shown[80], list[200];
        show_value(t + 1, shown, sizeof shown);
        list_names(NULL, list, sizeof list);
        return scan_fail(s, NULL, "[%s]: không có mục này (các mục: %s)", shown, list);
    }
    snprintf(s->sec, sizeof s->sec, "%s", t + 1);
    return ST_OK;
}

/* Checks that the value after '=' is one iniparser reads the way we mean:
 * a quoted value must be closed, with nothing but a comment after it. */
static int scan_value(struct scan *s, const char *key, const char *v)
{
    if (*v != '"' && *v != '\'') return ST_OK;
    const char *close = strchr(v + 1, *v);
    if (!close)
        return scan_fail(s, key, "lỗi cú pháp: thiếu dấu %c đóng", *v);
    close++;
    close += strspn(close, " \t");
    if (*close && *close != ';' && *close != '#')
        return scan_fail(s, key, "lỗi cú pháp: có chữ thừa sau dấu %c đóng", *v);
    return ST_OK;
}

static int scan_key(struct scan *s, char *t)
{
    char *eq = strchr(t, '=');
    if (!eq)
        return scan_fail(s, NULL, "lỗi cú pháp: cần [mục], khóa = giá trị, "
                         "hoặc chú thích bắt đầu bằng ; hay #");
    *eq = '\0';
    text_trim(t);
    ascii_lower(t);
    if (!*t)
        return scan_fail(s, NULL, "lỗi cú pháp: thiếu tên khóa trước dấu =");
    char shown[80], full[160];
    show_value(t, shown, sizeof shown);
    if (!s->sec[0])
        return scan_fail(s, shown, "khóa nằm ngoài mọi mục (thiếu dòng [mục] ở trên)");
    snprintf(full, sizeof full, "%s.%s", s->sec, shown);
    int i = opt_find(full);
    if (i < 0) {
        char list[300];
        list_names(s->sec, list, sizeof list);
        return scan_fail(s, full, "không có khóa này trong [%s] (các khóa: %s)",
                         s->sec, list);
    }
    if (s->line_of[i])
        return scan_fail(s, full, "khóa bị lặp (đã có ở dòng %d)", s->line_of[i]);
    s->line_of[i] = s->line;
    return scan_value(s, full, text_trim(eq + 1));
}

static int scan_line(struct scan *s, char *line, size_t len)
{
    size_t bad;
    if (len > LINE_MAX_BYTES + 1 || (len == LINE_MAX_BYTES + 1 && line[len - 1] != '\n'))
        return scan_fail(s, NULL, "dòng dài quá %d byte", LINE_MAX_BYTES);
    if (s->line == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0)
        return scan_fail(s, NULL, "tệp bắt đầu bằng BOM; hãy lưu lại dạng UTF-8 "
                         "không BOM");
    if (memchr(line, '\0', len))
        return scan_fail(s, NULL, "dòng chứa byte NUL");
    if (!text_utf8_valid(line, len, &bad))
        return scan_fail(s, NULL, "UTF-8 không hợp lệ tại byte %zu của dòng", bad + 1);
    char *t = text_trim(line);
    size_t tl = strlen(t);
    if (tl == 0) return ST_OK;
    /* iniparser joins a line ending in a backslash to the next one, comments
     * included: that would silently swallow a setting. */
    if (t[tl - 1] == '\\')
        return scan_fail(s, NULL, "dòng kết thúc bằng dấu \\ (iniparser sẽ nối "
                         "với dòng sau); hãy bỏ dấu \\ hoặc đặt giá trị trong \"\"");
    if (t[0] == ';' || t[0] == '#') return ST_OK;
    if (t[0] == '[') return scan_section(s, t);
    return scan_key(s, t);
}

/* Read the whole file once; fills s->line_of. */
static int scan_file(struct scan *s)
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

/* ---- loading ---------------------------------------------------------------- */

/* iniparser prints errors to stderr by default, over the screen; keep them
 * for our message instead. */
static char ini_errbuf[512];

static int ini_errback(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int ini_errback(const char *fmt, ...)
{
    size_t used = strlen(ini_errbuf);
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(ini_errbuf + used, sizeof ini_errbuf - used, fmt, ap);
    va_end(ap);
    for (char *p = ini_errbuf; *p; p++)
        if (*p == '\n') *p = ' ';
    return n;
}

/* Take the values the scan found from iniparser, as strings. */
static int load_values(config *c, struct scan *s, dictionary *d)
{
    char why[512], ikey[160];
    for (size_t i = 0; i < NOPT; i++) {
        if (!s->line_of[i]) continue;
        s->line = s->line_of[i];
        snprintf(ikey, sizeof ikey, "%s", options[i].key);
        *strchr(ikey, '.') = ':';   /* iniparser's section separator */
        const char *v = iniparser_getstring(d, ikey, NULL);
        if (!v)
            return scan_fail(s, options[i].key, "iniparser không đọc được giá trị");
        int rc = config_store(c, i, v, why, sizeof why);
        if (rc == ST_ENOMEM) return err_set(s->e, rc, "hết bộ nhớ");
        if (rc != ST_OK) return scan_fail(s, options[i].key, "%s", why);
        c->line[i] = s->line_of[i];
    }
    return ST_OK;
}

int config_load_file(const char *path, config **out, st_err *e)
{
    struct scan s = {.path = path, .e = e};
    config *c = NULL;
    *out = NULL;
    int rc = scan_file(&s);
    if (rc != ST_OK) return rc;
    rc = config_new(&c, e);
    if (rc != ST_OK) return rc;

    ini_errbuf[0] = '\0';
    iniparser_set_error_callback(ini_errback);
    dictionary *d = iniparser_load(path);
    if (!d) {
        config_free(&c);
        text_trim(ini_errbuf);
        return err_set(e, ST_EINVAL, "%s: iniparser không đọc được tệp: %s", path,
                       ini_errbuf[0] ? ini_errbuf : "lỗi không rõ");
    }
    rc = load_values(c, &s, d);
    iniparser_freedict(d);
    if (rc == ST_OK) {
        free(c->path);
        c->path = strdup(path);
        if (!c->path) rc = err_set(e, ST_ENOMEM, "hết bộ nhớ");
    }
    if (rc != ST_OK) {
        config_free(&c);
        return rc;
    }
    *out = c;
    return ST_OK;
}

static int file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

int config_load(const char *explicit_path, config **out, st_err *e)
{
    static const char *const fallback[] = {"config.ini", "/etc/sangtao/config.ini"};
    const char *env = getenv("SANGTAO_CONFIG");
    *out = NULL;
    /* A file the user named must exist: a typo must not mean "defaults". */
    int refused;
    if (explicit_path)
        return (refused = priv_refuse_override("--config", e)) ? refused
                                                                : config_load_file(explicit_path, out, e);
    if (env && *env)
        return (refused = priv_refuse_override("SANGTAO_CONFIG", e)) ? refused
                                                                      : config_load_file(env, out, e);
    /* Setgid: only the administrator's file, never one in the user's folder. */
    for (size_t i = priv_elevated() ? 1 : 0; i < sizeof fallback / sizeof fallback[0]; i++)
        if (file_exists(fallback[i])) return config_load_file(fallback[i], out, e);
    return config_new(out, e);
}

/* ---- reading and setting values ----------------------------------------- */

static int opt_of(const char *key, enum opt_type want, int any)
{
    int i = opt_find(key);
    assert(i >= 0 && "config: unknown key (add it to the options table)");
    assert((i < 0 || any || options[i].type == want) && "config: wrong type");
    (void)want;
    (void)any;
    return i;
}

const char *config_str(const config *c, const char *key)
{
    int i = opt_of(key, OPT_STR, 1);
    return i < 0 ? "" : c->val[i];
}

long config_int(const config *c, const char *key)
{
    int i = opt_of(key, OPT_INT, 0);
    return i < 0 ? 0 : c->num[i];
}

int config_bool(const config *c, const char *key)
{
    int i = opt_of(key, OPT_BOOL, 0);
    return i < 0 ? 0 : (int)c->num[i];
}

int config_set(config *c, const char *key, const char *value, st_err *e)
{
    char why[512];
    int i = opt_find(key);
    if (i < 0) {
        char shown[80];
        show_value(key, shown, sizeof shown);
        return err_field(e, ST_EINVAL, key, "%s: không có tùy chọn này", shown);
    }
    int rc = options[i].type == OPT_PATH ? priv_refuse_override(key, e) : ST_OK;
    if (rc) return rc;
    rc = config_store(c, (size_t)i, value, why, sizeof why);
    if (rc != ST_OK) return err_field(e, rc, key, "%s: %s", key, why);
    c->line[i] = 0;   /* no longer the file's value */
    return ST_OK;
}

const char *config_key(size_t i)
{
    return i < NOPT ? options[i].key : NULL;
}

const char *config_path(const config *c)
{
    return c->path;
}

int config_line(const config *c, const char *key)
{
    int i = opt_find(key);
    return i < 0 ? 0 : c->line[i];
}

/* ---- printing ---------------------------------------------------------------- */

static void type_desc(const struct option *o, char *buf, size_t n)
{
    switch (o->type) {
    case OPT_INT: snprintf(buf, n, "int %ld..%ld", o->min, o->max); break;
    case OPT_BOOL: snprintf(buf, n, "bool (true/false)"); break;
    case OPT_PATH: snprintf(buf, n, "path"); break;
    case OPT_KEYS: snprintf(buf, n, "keys (F3,l ^S Esc…)"); break;
    case OPT_STR: snprintf(buf, n, "text %ld..%ld", o->min, o->max); break;
    case OPT_ENUM: join_values(o, "|", buf, n); break;
    }
}

void config_print_help(FILE *f)
{
    char type[64];
    fprintf(f, "Tùy chọn trong config.ini / settings in config.ini\n"
               "(tệp: --config, $SANGTAO_CONFIG, ./config.ini, "
               "/etc/sangtao/config.ini)\n\n");
    /* printf pads by bytes; Vietnamese headings need padding by columns. */
    fprintf(f, "KHÓA / KEY%*s KIỂU / TYPE%*s MẶC ĐỊNH / DEFAULT\n",
            30 - text_width("KHÓA / KEY"), "", 18 - text_width("KIỂU / TYPE"), "");
    for (size_t i = 0; i < NOPT; i++) {
        const struct option *o = &options[i];
        type_desc(o, type, sizeof type);
        fprintf(f, "%-30s %-18s %s\n", o->key, type, *o->def ? o->def : "\"\"");
        fprintf(f, "    %s\n    %s\n", o->help_en, o->help_vi);
    }
}

/* Quote a value when iniparser would otherwise cut or strip it. */
static void print_value(FILE *f, const char *v)
{
    int need = !*v || strpbrk(v, ";#") || *v == ' ' || *v == '"' || *v == '\'' ||
               v[strlen(v) - 1] == ' ' || v[strlen(v) - 1] == '\\';
    if (!need)
        fprintf(f, "%s\n", v);
    else if (strchr(v, '"'))
        fprintf(f, "'%s'\n", v);
    else
        fprintf(f, "\"%s\"\n", v);
}

void config_print_values(const config *c, FILE *f)
{
    char type[64];
    size_t prev_len = 0;
    fprintf(f, "# sangtao settings / Cài đặt của sangtao.\n"
               "# Lines starting with # or ; are comments.  Put a value in double\n"
               "# quotes when it contains ; or # or starts or ends with a space.\n"
               "# Mistakes are reported as FILE:LINE: key: problem, and the\n"
               "# program does not start.  'sangtao --help-config' lists them all.\n");
    for (size_t i = 0; i < NOPT; i++) {
        const struct option *o = &options[i];
        const char *dot = strchr(o->key, '.');
        size_t sl = (size_t)(dot - o->key);
        if (i == 0 || sl != prev_len || strncmp(options[i - 1].key, o->key, sl) != 0) {
            fprintf(f, "\n[%.*s]\n", (int)sl, o->key);
            if (o->type == OPT_KEYS)
                fprintf(f, "\n# Keys of the screens, one line per action, names separated by\n"
                           "# commas: list = F3,l.  Names: F1..F24, one letter or sign (l ? /),\n"
                           "# ^S or Ctrl-S, Esc, Enter, Tab, Space, Backspace, Delete, Up, Down,\n"
                           "# Left, Right, PgUp, PgDn, Home, End, Shift-Tab.  Empty: the built-in\n"
                           "# keys, which F1 lists on every screen (and man sangtao).  Letters\n"
                           "# act only where nothing is typed; in forms the F-key or Ctrl key of\n"
                           "# the list does.  Example: list = F3,d\n"
                           "# Phím của các màn hình, mỗi dòng một thao tác, cách nhau bằng dấu\n"
                           "# phẩy; để trống: phím mặc định (F1 ở mỗi màn hình liệt kê).\n");
        }
        prev_len = sl;
        if (o->type == OPT_KEYS) {   /* one comment line each: the intro says the rest */
            fprintf(f, "# %s / %s\n%s = ", o->help_en, o->help_vi, dot + 1);
            print_value(f, c->val[i]);
            continue;
        }
        type_desc(o, type, sizeof type);
        fprintf(f, "\n# %s\n# %s\n# %s; default: %s\n%s = ", o->help_en, o->help_vi,
                type, *o->def ? o->def : "\"\"", dot + 1);
        print_value(f, c->val[i]);
    }
}
