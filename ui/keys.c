/* THE key table: {action, config name, default keys, key-bar label, help
 * text, screens}.  Key handling (ui_getkey reads a key and looks it up
 * here), the bottom key bar and the F1/? help screen of every screen are
 * generated from it.  Every function key has a letter or Ctrl fallback
 * that a vt100 can send; letters are only bound on screens where nothing
 * is typed.  config.ini's [keys] section replaces an action's keys by its
 * config name (keys_init).  Of ui/ it calls only term.c (drawing). */
#include "ui_int.h"
#include "i18n.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>

#include "base/keyspec.h"
#include "base/trace.h"

#define CH(c) (0x200000 | (c))     /* a typed character, not a curses key code */
#define KCTRL(c) CH((c) & 0x1f)
#define ESC CH(27)

#define NKEYCODES 8        /* "Enter" in config.ini is three codes */
typedef struct keydef {
    int act;
    const char *name;      /* config name of the action */
    int keys[NKEYCODES];   /* defaults, the first one shown on the bar */
    unsigned screens;
    const char *bar;       /* key-bar label, NULL: not on the bar */
    const char *help;
} keydef;

#define TYPING (SC_LOGIN | SC_FORM | SC_PERIOD)
/* Screens where letters are commands (nothing is typed there). */
#define LETTERS (SC_HOME | SC_LIST | SC_DETAIL | SC_VIEW | SC_HELP | SC_MENU | SC_REPORT | SC_RMENU)
/* Where the main menu opens (menu.c): every screen that moves between
 * others and takes no typing; in the menu itself it closes it. */
#define MENU_AT (SC_HOME | SC_LIST | SC_DETAIL | SC_VIEW | SC_REPORT | SC_RMENU)
static keydef keytab[] = {
    {K_HELP, "help", {KEY_F(1), CH('?')}, LETTERS | SC_CONFLICT, "Trợ giúp", "Trợ giúp: các phím của màn hình này"},
    {K_HELP, "help", {KEY_F(1), KCTRL('r')}, TYPING | SC_PICK, "Trợ giúp", "Trợ giúp: các phím của màn hình này"},
    {K_MENU, "menu", {KEY_F(9), CH('m')}, MENU_AT | SC_MENU, "Menu",
     "Trình đơn chính: mọi màn hình bạn được dùng, với phím tắt của từng màn hình"},
    {K_SAVE, "save", {KEY_F(2), KCTRL('s')}, SC_FORM, "Lưu", "Lưu biểu mẫu (kiểm tra từng trường)"},
    {K_SAVE, "save", {KEY_F(2), KCTRL('s'), CH('s')}, SC_CONFLICT, "Lưu", "Lưu theo các lựa chọn"},
    {K_SAVE, "save", {KEY_F(2), KCTRL('s'), CH('s')}, SC_REPORT, "Lưu tệp",
     "Lưu báo cáo vào tệp: .txt (văn bản in), .csv, .xlsx, .json"},
    {K_PRINT, "print", {CH('p')}, SC_REPORT, "In", "In văn bản qua máy in report.printer"},
    {K_CHARTS, "charts", {CH('c')}, SC_REPORT, "Biểu đồ", "Bật / tắt biểu đồ"},
    {K_RUN, "run", {CH('\r'), CH('\n'), KEY_ENTER, KEY_F(2), KCTRL('s')}, SC_PERIOD, "Lập báo cáo",
     "Lập báo cáo cho kỳ đã chọn"},
    {K_NEXT, "next", {CH('\t')}, SC_PERIOD, NULL, "Sang dòng sau"},
    {K_MINE, "keep_mine", {KEY_F(5), CH('m')}, SC_CONFLICT, "Của mình", "Trường này: giữ giá trị của mình"},
    {K_THEIRS, "take_theirs", {KEY_F(6), CH('k')}, SC_CONFLICT, "Của họ",
     "Trường này: lấy giá trị của người khác"},
    {K_ALLMINE, "keep_all_mine", {KEY_F(7), CH('g')}, SC_CONFLICT, "Giữ hết",
     "Giữ tất cả của mình (mọi trường bạn đã sửa)"},
    {K_ALLTHEIRS, "take_all_theirs", {KEY_F(8), CH('l')}, SC_CONFLICT, "Lấy hết",
     "Lấy tất cả của người khác"},
    {K_TOGGLE, "toggle", {CH(' '), CH('\r'), CH('\n'), KEY_ENTER}, SC_CONFLICT, NULL,
     "Trường này: đổi giữa của mình và của người khác"},
    {K_SEARCH, "search", {KEY_F(3), CH('/')}, SC_LIST, "Tìm", "Tìm nhanh theo mã hoặc tên (gõ, Enter)"},
    {K_PICK, "pick", {KEY_F(4), KCTRL('p')}, SC_FORM, "Chọn", "Chọn giá trị từ danh sách (lựa chọn, đơn vị, người)"},
    {K_FILTER, "filter", {KEY_F(4), CH('f')}, SC_LIST, "Lọc", "Lọc theo trạng thái, đơn vị, lĩnh vực, thời gian tạo"},
    {K_REFRESH, "refresh", {KEY_F(5), CH('g')}, SC_HOME | SC_LIST | SC_DETAIL | SC_VIEW, NULL, "Đọc lại dữ liệu"},
    {K_SORT, "sort", {KEY_F(6), CH('s')}, SC_LIST, "Sắp xếp", "Sắp xếp theo cột tiếp theo"},
    {K_REVERSE, "reverse", {CH('r')}, SC_LIST, NULL, "Đảo chiều sắp xếp"},
    {K_QUEUE, "queue", {CH('w')}, SC_LIST, "Việc chờ", "Chỉ hiện đề xuất đang chờ tôi xử lý / tất cả"},
    {K_LIST, "list", {KEY_F(3), CH('l')}, SC_HOME | SC_MENU, "Danh sách", "Mở danh sách đề xuất (tìm, lọc, sắp xếp)"},
    {K_REPORTS, "reports", {KEY_F(6), CH('b')}, SC_HOME | SC_MENU, "Báo cáo",
     "Báo cáo sơ kết, tổng kết theo kỳ và việc quá hạn (biểu đồ, in, xuất tệp)"},
    {K_NEW, "new", {KEY_F(7), CH('n')}, SC_HOME | SC_LIST | SC_MENU, "Tạo mới", "Tạo đề xuất mới (dự thảo)"},
    /* A list screen that takes new entries says so on its message line
     * and in its help (listview.c), not on the bar. */
    {K_NEW, "new", {CH('n')}, SC_VIEW, NULL, NULL},
    {K_ACTIONS, "actions", {KEY_F(8), CH('a')}, SC_DETAIL | SC_LIST, "Thao tác",
     "Các thao tác quy trình bạn được làm ở trạng thái này"},
    {K_EDIT, "edit", {KEY_F(4), CH('e')}, SC_DETAIL, "Sửa", "Sửa nội dung (dự thảo hoặc bị trả lại)"},
    {K_ATTACH, "attach", {KEY_F(6), CH('d')}, SC_DETAIL, "Đính kèm",
     "Đính kèm tài liệu: gõ đường dẫn tệp trên máy chủ (bản quét, văn bản đã ký)"},
    {K_GETFILE, "save_attachment", {KEY_F(7), CH('x')}, SC_DETAIL, NULL,
     "Lưu một tài liệu đính kèm ra tệp mới trên máy chủ"},
    {K_OPEN, "open", {CH('\r'), CH('\n'), KEY_ENTER}, SC_HOME | SC_LIST | SC_VIEW | SC_MENU | SC_RMENU, "Mở",
     "Mở dòng đang chọn"},
    {K_OPEN, "open", {CH('\r'), CH('\n'), KEY_ENTER}, SC_PICK, "Chọn", "Nhận dòng đang chọn"},
    {K_NEXT, "next", {CH('\t'), CH(']')}, SC_DETAIL | SC_HELP, "Mục sau", "Sang mục sau"},
    {K_PREV, "prev", {KEY_BTAB, CH('[')}, SC_DETAIL | SC_HELP, NULL, "Về mục trước"},
    {K_NEXT, "next", {CH('\t'), CH('\r'), CH('\n'), KEY_ENTER}, SC_LOGIN, NULL, "Sang ô sau"},
    {K_NEXT, "next", {CH('\t'), CH('\r'), CH('\n'), KEY_ENTER}, SC_FORM, NULL,
     "Sang trường sau (trong ô nhiều dòng Enter xuống dòng, Tab sang trường sau)"},
    {K_PREV, "prev", {KEY_BTAB}, SC_FORM | SC_LOGIN, NULL, "Về trường trước"},
    {K_TOGGLE, "toggle", {CH(' ')}, SC_PICK, NULL, "Đánh dấu / bỏ đánh dấu (chọn nhiều)"},
    {K_UP, "up", {KEY_UP, CH('k')}, LETTERS, NULL, "Lên một dòng"},
    {K_DOWN, "down", {KEY_DOWN, CH('j')}, LETTERS, NULL, "Xuống một dòng"},
    {K_UP, "up", {KEY_UP, KCTRL('p')}, SC_PICK | SC_CONFLICT, NULL, "Lên một dòng"},
    {K_DOWN, "down", {KEY_DOWN, KCTRL('n')}, SC_PICK | SC_CONFLICT, NULL, "Xuống một dòng"},
    {K_UP, "up", {KEY_UP}, TYPING, NULL, "Lên (trong ô nhiều dòng) hoặc về trường trước"},
    {K_DOWN, "down", {KEY_DOWN}, TYPING, NULL, "Xuống (trong ô nhiều dòng) hoặc sang trường sau"},
    {K_PGUP, "page_up", {KEY_PPAGE, KCTRL('b')}, SC_ALL & ~SC_LOGIN, NULL, "Lên một trang"},
    {K_PGDN, "page_down", {KEY_NPAGE, KCTRL('f')}, SC_ALL & ~SC_LOGIN, NULL, "Xuống một trang"},
    {K_FIRST, "first", {KEY_HOME, CH('<')}, LETTERS, NULL, "Về đầu"},
    {K_LAST, "last", {KEY_END, CH('>')}, LETTERS, NULL, "Xuống cuối"},
    {K_LEFT, "left", {KEY_LEFT}, TYPING | SC_PICK, NULL, "Sang trái một chữ (lựa chọn trước)"},
    {K_RIGHT, "right", {KEY_RIGHT}, TYPING | SC_PICK, NULL, "Sang phải một chữ (lựa chọn sau)"},
    {K_BOL, "line_start", {KEY_HOME, KCTRL('a')}, TYPING, NULL, "Về đầu dòng"},
    {K_EOL, "line_end", {KEY_END, KCTRL('e')}, TYPING, NULL, "Về cuối dòng"},
    {K_WLEFT, "word_left", {KEY_SLEFT, KCTRL('o')}, SC_FORM, NULL, "Về từ trước"},
    {K_WRIGHT, "word_right", {KEY_SRIGHT}, SC_FORM, NULL, "Sang từ sau"},
    {K_BKSP, "backspace", {KEY_BACKSPACE, CH(127), CH(8)}, TYPING | SC_PICK, NULL, "Xóa chữ trước con trỏ"},
    {K_DEL, "delete", {KEY_DC, KCTRL('d')}, TYPING, NULL, "Xóa chữ tại con trỏ"},
    {K_KILLEOL, "kill_line", {KCTRL('k')}, TYPING, NULL, "Xóa đến cuối dòng"},
    {K_KILLWORD, "kill_word", {KCTRL('w')}, TYPING | SC_PICK, NULL, "Xóa từ trước con trỏ"},
    {K_IME, "input_method", {KCTRL('t'), KCTRL('v'), KEY_F(12)}, SC_FORM | SC_PICK, NULL,
     "Đổi bộ gõ tiếng Việt có sẵn: tắt → Telex → VNI → tắt (trường mã, số, ngày không dùng)"},
    {K_QUIT, "quit", {KEY_F(10), CH('q')}, LETTERS, "Thoát", "Thoát màn hình này (ở màn hình chính: thoát chương trình)"},
    {K_CANCEL, "cancel", {ESC, KCTRL('g'), KCTRL('c')}, SC_ALL, "Hủy",
     "Hủy, quay lại (biểu mẫu có thay đổi sẽ hỏi trước)"},
    {K_REDRAW, "redraw", {KCTRL('l')}, SC_ALL, NULL, "Vẽ lại màn hình"},
};
#define NKEYS (int)(sizeof keytab / sizeof keytab[0])

/* What the user's roles cannot do (keys_deny): off the bar and the help,
 * refused at once. */
#define NDENY 8
static struct { int act; unsigned sc; const char *why; } deny[NDENY];

void keys_deny(int act, unsigned sc, const char *why)
{
    for (int i = 0; i < NDENY; i++)
        if (deny[i].act == act && deny[i].sc == sc) { deny[i].why = why; return; }
    for (int i = 0; why && i < NDENY; i++)
        if (!deny[i].why) { deny[i].act = act; deny[i].sc = sc; deny[i].why = why; return; }
}

static const char *denied(unsigned sc, int act)
{
    for (int i = 0; act && i < NDENY; i++)
        if (deny[i].why && deny[i].act == act && (deny[i].sc & sc)) return deny[i].why;
    return NULL;
}

static int keys_lookup(unsigned sc, int is_code, wint_t ch)
{
    int code = is_code ? (int)ch : (ch < 0x100 ? CH((int)ch) : -1);
    if (code < 0) return K_NONE;
    for (int i = 0; i < NKEYS; i++) {
        if (!(keytab[i].screens & sc)) continue;
        for (int k = 0; k < NKEYCODES && keytab[i].keys[k]; k++)
            if (keytab[i].keys[k] == code) return keytab[i].act;
    }
    return K_NONE;
}

/* ---- reading a key ---------------------------------------------------------- */

/* Bracketed paste (keys_term_start turns it on): the terminal sends what
 * is pasted between these two sequences, defined as keys of their own. */
#define KEY_PASTE_BEGIN (KEY_MAX + 1)
#define KEY_PASTE_END (KEY_MAX + 2)
#define PASTE_MAX (1000 * 1000)   /* bytes kept of one paste; the field limits it further */

void keys_term_start(void)
{
    define_key("\033[200~", KEY_PASTE_BEGIN);
    define_key("\033[201~", KEY_PASTE_END);
    putp("\033[?2004h");
    fflush(stdout);   /* putp writes through stdio, curses through its own buffer */
}

void keys_term_end(void)
{
    putp("\033[?2004l");
    fflush(stdout);
}

/* A byte or key code read ahead (the byte that broke a UTF-8 sequence). */
static int ahead = ERR;
static int bad_seen;      /* a byte that is not UTF-8 arrived */
static int bad_showing;   /* and the notice is on the message line */

static const char bad_msg[] =
    "Terminal không gửi UTF-8, đã bỏ ký tự lạ. PuTTY: Window → Translation → UTF-8";

static int raw_next(void)
{
    if (ahead != ERR) {
        int v = ahead;
        ahead = ERR;
        return v;
    }
    return wgetch(stdscr);
}

static void bad_byte(void)
{
    if (!bad_seen) {   /* told once, at once: the next key may be long in coming */
        bad_seen = bad_showing = 1;
        ui_msg(_(bad_msg), 1);
        refresh();
    }
}

/* One key from the terminal's bytes, decoded here rather than by get_wch,
 * which holds a byte that is not UTF-8 until a function key comes and
 * then loses everything typed in between.  Such bytes are dropped (and
 * told, once); a byte that breaks a sequence is read again as a key of
 * its own.  OK with a character, KEY_CODE_YES with a key code, or ERR. */
static int read_key(wint_t *ch)
{
    for (;;) {
        int b = raw_next();
        if (b == ERR) return ERR;
        if (b >= KEY_MIN) { *ch = (wint_t)b; return KEY_CODE_YES; }
        if (b < 0x80) { *ch = (wint_t)b; return OK; }
        int need;
        unsigned c, min;
        if (b >= 0xc2 && b <= 0xdf) { need = 1; c = (unsigned)b & 0x1f; min = 0x80; }
        else if (b >= 0xe0 && b <= 0xef) { need = 2; c = (unsigned)b & 0x0f; min = 0x800; }
        else if (b >= 0xf0 && b <= 0xf4) { need = 3; c = (unsigned)b & 0x07; min = 0x10000; }
        else { bad_byte(); continue; }
        int ok = 1;
        for (int i = 0; i < need && ok; i++) {
            int x = raw_next();
            if (x == ERR) return ERR;
            if (x >= KEY_MIN || (x & 0xc0) != 0x80) { ahead = x; ok = 0; break; }
            c = (c << 6) | ((unsigned)x & 0x3f);
        }
        if (!ok || c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) { bad_byte(); continue; }
        *ch = (wint_t)c;
        return OK;
    }
}

/* What was pasted, as UTF-8 (a carriage return becomes a newline, keys
 * other than text are left out), until the end marker. */
static char *paste_buf;

static void read_paste(void)
{
    size_t len = 0, cap = 0;
    free(paste_buf);
    paste_buf = NULL;
    for (;;) {
        wint_t ch = 0;
        int r = read_key(&ch);
        if (r == ERR) { if (ui_stop) break; continue; }
        if (r == KEY_CODE_YES) {
            if (ch == KEY_PASTE_END) break;
            if (ch == KEY_ENTER) ch = '\n';
            else continue;
        }
        if (ch == '\r') ch = '\n';
        char u[8];
        int n = 0;
        if (ch < 0x80) u[n++] = (char)ch;
        else if (ch < 0x800) { u[n++] = (char)(0xc0 | (ch >> 6)); u[n++] = (char)(0x80 | (ch & 0x3f)); }
        else if (ch < 0x10000) {
            u[n++] = (char)(0xe0 | (ch >> 12)); u[n++] = (char)(0x80 | ((ch >> 6) & 0x3f));
            u[n++] = (char)(0x80 | (ch & 0x3f));
        } else {
            u[n++] = (char)(0xf0 | (ch >> 18)); u[n++] = (char)(0x80 | ((ch >> 12) & 0x3f));
            u[n++] = (char)(0x80 | ((ch >> 6) & 0x3f)); u[n++] = (char)(0x80 | (ch & 0x3f));
        }
        if (len + (size_t)n + 1 > PASTE_MAX) continue;   /* the rest is read and dropped */
        if (len + (size_t)n + 1 > cap) {
            size_t nc = cap ? cap * 2 : 256;
            char *p = realloc(paste_buf, nc);
            if (!p) continue;
            paste_buf = p;
            cap = nc;
        }
        memcpy(paste_buf + len, u, (size_t)n);
        len += (size_t)n;
        paste_buf[len] = '\0';
    }
}

static void getkey_once(unsigned sc, ui_key *k);

/* A key with no timeout: a key, a resize, a paste, or the stop signal.
 * A key of what the user may not do is refused here, on the message line,
 * and the next one read; a screen left for the main menu's choice gets
 * K_CANCEL without a key. */
void ui_getkey(unsigned sc, ui_key *k)
{
    for (;;) {
        if (ui_goto && !ui_stop && (sc & (SC_LIST | SC_DETAIL | SC_VIEW | SC_HELP | SC_REPORT | SC_RMENU))) {
            memset(k, 0, sizeof *k);
            k->act = K_CANCEL;
            return;
        }
        getkey_once(sc, k);
        if (k->act == K_MENU && (sc & MENU_AT) && ui_menu_hook) {
            ui_menu_hook(sc);
            if (ui_goto && sc != SC_HOME) continue;   /* K_CANCEL, back to home */
            memset(k, 0, sizeof *k);
            k->act = ui_stop ? K_STOP : sc == SC_HOME ? K_REFRESH : K_REDRAW;
            if (k->act == K_REDRAW) clearok(curscr, TRUE);
            return;
        }
        const char *why = denied(sc, k->act);
        if (!why) return;
        ui_msg(_(why), 1);
        refresh();
    }
}

static void getkey_once(unsigned sc, ui_key *k)
{
    static int errs;
    /* SANGTAO_TRACE (src/trace.h, make bench): coming back here for a key
     * means the last one was handled and the screen painted and refreshed. */
    static const char *const sc_names[] = {"login", "home", "list", "detail", "form",
                                           "pick", "view", "help", "conflict", "menu",
                                           "report", "reports", "period"};
    static long long key_t0;
    static unsigned key_code;
    static int key_fn;
    trace_paint(sc_names[sc ? __builtin_ctz(sc) % 13 : 0], key_t0);
    if (key_t0) trace_key(key_fn, key_code, key_t0);
    memset(k, 0, sizeof *k);
    if (ui_stop) { k->act = K_STOP; return; }
    wint_t ch = 0;
    errno = 0;
    int r = read_key(&ch);
    key_t0 = r == ERR ? 0 : trace_now();
    key_fn = r == KEY_CODE_YES;
    key_code = (unsigned)ch;
    if (ui_stop) { k->act = K_STOP; return; }
    if (r == ERR) {
        /* Not a timeout (there is none): the terminal is gone or a signal
         * came.  Many in a row means the line dropped. */
        if (errno != EINTR && ++errs > 50) ui_stop = SIGHUP;
        k->act = ui_stop ? K_STOP : K_NONE;
        k->fn = 1;
        return;
    }
    errs = 0;
    if (r == KEY_CODE_YES && ch == KEY_RESIZE) { k->act = K_RESIZE; return; }
    if (r == KEY_CODE_YES && ch == KEY_PASTE_BEGIN) {
        read_paste();
        k->act = ui_stop ? K_STOP : K_PASTE;
        k->paste = paste_buf ? paste_buf : "";
        return;
    }
    if (r == KEY_CODE_YES && ch == KEY_PASTE_END) { k->fn = 1; return; }   /* a stray end marker */
    k->act = keys_lookup(sc, r == KEY_CODE_YES, ch);
    if (k->act == K_REDRAW) clearok(curscr, TRUE);
    /* The notice about bytes that are not UTF-8 stays until the clerk
     * does something other than typing. */
    if (k->act && k->act != K_RESIZE && k->act != K_REDRAW) bad_showing = 0;
    if (r == KEY_CODE_YES) k->fn = !k->act;
    else k->ch = ch;     /* kept with the action too: Enter vs Tab in a text area */
}

static const char *kname(int code, char *buf, int n)
{
    if (code & 0x200000) {
        int c = code & 0xff;
        if (c == 27) return "Esc";
        if (c == '\t') return "Tab";
        if (c == '\r' || c == '\n') return "Enter";
        if (c == ' ') return "Space";
        if (c == 127 || c == 8) return "Backspace";
        if (c < 32) { snprintf(buf, (size_t)n, "^%c", c + '@'); return buf; }
        snprintf(buf, (size_t)n, "%c", c);
        return buf;
    }
    if (code >= KEY_F(1) && code <= KEY_F(24)) { snprintf(buf, (size_t)n, "F%d", code - KEY_F(0)); return buf; }
    switch (code) {
    case KEY_UP: return "↑";
    case KEY_DOWN: return "↓";
    case KEY_LEFT: return "←";
    case KEY_RIGHT: return "→";
    case KEY_PPAGE: return "PgUp";
    case KEY_NPAGE: return "PgDn";
    case KEY_HOME: return "Home";
    case KEY_END: return "End";
    case KEY_BTAB: return "Shift-Tab";
    case KEY_DC: return "Del";
    case KEY_ENTER: return "Enter";
    case KEY_BACKSPACE: return "Backspace";
    case KEY_SLEFT: return "Shift-←";
    case KEY_SRIGHT: return "Shift-→";
    default: snprintf(buf, (size_t)n, "#%d", code); return buf;
    }
}

/* Does this terminal send the key?  Function keys beyond what the
 * terminal description knows (a vt100 has PF1-PF4) show their fallback. */
static int key_usable(int code)
{
    if (code & 0x200000) return 1;
    if (code >= KEY_F(1) && code <= KEY_F(24)) {
        /* What the terminal description promises, not what was added
         * for emulators: a real vt100 has PF1-PF4 only. */
        char cap[8];
        snprintf(cap, sizeof cap, "kf%d", code - KEY_F(0));
        const char *seq = tigetstr(cap);
        return seq != NULL && seq != (char *)-1;
    }
    return has_key(code) == TRUE;
}

/* The key the bar shows: the function key where the terminal has it;
 * on a monochrome (vt100-class) terminal, whose function keys are keypad
 * keys if any, the letter or Ctrl fallback. */
static int bar_key(const keydef *d)
{
    int mono = !has_colors();
    for (int k = 0; mono && d->act != K_HELP && k < NKEYCODES && d->keys[k]; k++)
        if (d->keys[k] & 0x200000) return d->keys[k];
    for (int k = 0; k < NKEYCODES && d->keys[k]; k++)
        if (key_usable(d->keys[k])) return d->keys[k];
    return d->keys[0];
}

const char *keys_name_for(unsigned sc, int act, char *buf, int n)
{
    for (int i = 0; i < NKEYS; i++)
        if ((keytab[i].screens & sc) && keytab[i].act == act && !denied(sc, act)) {
            char tmp[16];
            snprintf(buf, (size_t)n, "%s", kname(bar_key(&keytab[i]), tmp, sizeof tmp));
            return buf;
        }
    buf[0] = '\0';
    return buf;
}

void keys_bar(unsigned sc)
{
    int y = LINES - 1, x = 0;
    move(y, 0);
    attrset(th(TH_BAR));
    hline(' ', COLS);
    attrset(A_NORMAL);
    for (int i = 0; i < NKEYS && x < COLS; i++) {
        const keydef *d = &keytab[i];
        if (!(d->screens & sc) || !d->bar || denied(sc, d->act)) continue;
        int dup = 0;   /* one entry per action on the bar */
        for (int j = 0; j < i; j++)
            if ((keytab[j].screens & sc) && keytab[j].act == d->act && keytab[j].bar) dup = 1;
        if (dup) continue;
        char kb[16];
        const char *kn = kname(bar_key(d), kb, sizeof kb);
        const char *bar = _(d->bar);
        int need = ui_width(kn) + ui_width(bar) + 2;
        if (x + need > COLS) break;
        x += ui_put(y, x, COLS - x, kn, th(TH_BARKEY), 0);
        x += ui_put(y, x, COLS - x, " ", th(TH_BAR), 0);
        x += ui_put(y, x, COLS - x, bar, th(TH_BAR), 0);
        x += ui_put(y, x, COLS - x, " ", th(TH_BAR), 0);
    }
    if (bad_showing) ui_msg(_(bad_msg), 1);
}

void keys_help(unsigned sc, const char *intro, const char *extra)
{
    text_view tv = {0};
    tv_add_wrapped(&tv, _(intro), COLS - 2);   /* every line read whole at 80 columns */
    tv_add(&tv, "");
    tv_add(&tv, _("Phím"));
    for (int i = 0; i < NKEYS; i++) {
        const keydef *d = &keytab[i];
        if (!(d->screens & sc) || !d->help || denied(sc, d->act)) continue;
        int dup = 0;
        for (int j = 0; j < i; j++)
            if ((keytab[j].screens & sc) && keytab[j].act == d->act && keytab[j].help) dup = 1;
        if (dup) continue;
        char names[80] = "", kb[16];
        for (int k = 0; k < NKEYCODES && d->keys[k]; k++) {
            const char *kn = kname(d->keys[k], kb, sizeof kb);
            if (!*kn || strstr(names, kn)) continue;
            snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s",
                     names[0] ? ", " : "", kn);
        }
        char line[512];
        int pad = 22 - ui_width(names);
        snprintf(line, sizeof line, "  %s%*s %s", names, pad > 0 ? pad : 1, "", _(d->help));
        tv_add_wrapped(&tv, line, COLS - 2);
    }
    if (extra) { tv_add(&tv, ""); tv_add_wrapped(&tv, extra, COLS - 2); }
    for (;;) {
        if (!ui_too_small()) {
            erase();
            ui_title(_("Trợ giúp"));
            tv_draw(&tv, 1, LINES - 2);
            ui_msg(_("Esc hoặc q: quay lại; ↑↓ PgUp PgDn: cuộn; Tab: mục sau"), 0);
            keys_bar(SC_HELP);
            refresh();
        }
        ui_key k;
        ui_getkey(SC_HELP, &k);
        if (k.act == K_STOP || k.act == K_CANCEL || k.act == K_QUIT || k.act == K_HELP) break;
        tv_scroll(&tv, k.act, LINES - 3);
    }
    tv_free(&tv);
}

/* ---- config.ini [keys] ------------------------------------------------------ */

static int spec_code(const keyspec *k, int *out, int max)
{
    static const int special[] = {
        [KSS_UP] = KEY_UP, [KSS_DOWN] = KEY_DOWN, [KSS_LEFT] = KEY_LEFT,
        [KSS_RIGHT] = KEY_RIGHT, [KSS_PGUP] = KEY_PPAGE, [KSS_PGDN] = KEY_NPAGE,
        [KSS_HOME] = KEY_HOME, [KSS_END] = KEY_END, [KSS_DELETE] = KEY_DC,
        [KSS_BTAB] = KEY_BTAB, [KSS_SLEFT] = KEY_SLEFT, [KSS_SRIGHT] = KEY_SRIGHT,
    };
    int n = 0;
    if (k->kind == KS_FKEY) out[n++] = KEY_F(k->code);
    else if (k->kind == KS_SPECIAL) out[n++] = special[k->code];
    else if (k->code == 13) {   /* Enter arrives as CR, LF or the keypad's key */
        out[n++] = CH('\r');
        if (max > 1) out[n++] = CH('\n');
        if (max > 2) out[n++] = KEY_ENTER;
    } else if (k->code == 127) {
        out[n++] = CH(127);
        if (max > 1) out[n++] = CH(8);
        if (max > 2) out[n++] = KEY_BACKSPACE;
    } else {
        out[n++] = CH(k->code);
    }
    return n;
}

/* Screens whose names a conflict message shows. */
static const char *screen_name(unsigned bit)
{
    switch (bit) {
    case SC_LOGIN: return "đăng nhập";
    case SC_HOME: return "trang chính";
    case SC_LIST: return "danh sách";
    case SC_DETAIL: return "chi tiết đề xuất";
    case SC_FORM: return "biểu mẫu";
    case SC_PICK: return "chọn từ danh sách";
    case SC_VIEW: return "danh mục";
    case SC_CONFLICT: return "xung đột khi lưu";
    case SC_MENU: return "trình đơn chính";
    case SC_REPORT: return "báo cáo";
    case SC_RMENU: return "danh mục báo cáo";
    case SC_PERIOD: return "chọn kỳ báo cáo";
    default: return "trợ giúp";
    }
}

int keys_init(const config *cfg, char *err, size_t n)
{
    unsigned char changed[sizeof keytab / sizeof keytab[0]] = {0};
    for (int i = 0; i < NKEYS; i++) {
        keydef *d = &keytab[i];
        char key[64];
        snprintf(key, sizeof key, "keys.%s", d->name);
        const char *v = config_str(cfg, key);
        keyspec ks[KEYSPEC_MAX];
        char why[200];
        int nk = keyspec_parse(v, ks, KEYSPEC_MAX, why, sizeof why);
        if (nk < 0) {   /* config.c checked it already; kept for safety */
            snprintf(err, n, "%s: %s: %s", config_path(cfg), key, why);
            return -1;
        }
        if (nk == 0) continue;
        /* Where text is typed, letters stay text: only F-keys, Ctrl keys
         * and named keys act there (Space marks items in a pick list). */
        int typing = (d->screens & TYPING) != 0, pick = (d->screens & SC_PICK) != 0;
        int codes[NKEYCODES], nc = 0;
        for (int k = 0; k < nk && nc < NKEYCODES; k++) {
            if (keyspec_is_text(&ks[k]) &&
                (typing || (pick && !(ks[k].code == ' ' && d->act == K_TOGGLE))))
                continue;
            nc += spec_code(&ks[k], codes + nc, NKEYCODES - nc);
        }
        if (!nc) continue;   /* nothing usable here: the built-in keys stay */
        memset(d->keys, 0, sizeof d->keys);
        memcpy(d->keys, codes, (size_t)nc * sizeof codes[0]);
        changed[i] = 1;
    }
    /* A changed key must not take another action's key on the same screen. */
    for (int i = 0; i < NKEYS; i++)
        for (int j = 0; j < NKEYS; j++) {
            if (i == j || !changed[i] || keytab[i].act == keytab[j].act) continue;
            unsigned both = keytab[i].screens & keytab[j].screens;
            if (!both) continue;
            for (int a = 0; a < NKEYCODES && keytab[i].keys[a]; a++)
                for (int b = 0; b < NKEYCODES && keytab[j].keys[b]; b++) {
                    if (keytab[i].keys[a] != keytab[j].keys[b]) continue;
                    char kb[16], key[64];
                    snprintf(key, sizeof key, "keys.%s", keytab[i].name);
                    int line = config_line(cfg, key);
                    char where[300];
                    if (line > 0) snprintf(where, sizeof where, "%s:%d", config_path(cfg), line);
                    else snprintf(where, sizeof where, "%s", config_path(cfg));
                    snprintf(err, n, "%s: %s: phím %s đã dùng cho \"%s\" trên màn hình %s; "
                             "hãy chọn phím khác hoặc đổi cả \"%s\"", where, key,
                             kname(keytab[i].keys[a], kb, sizeof kb), keytab[j].name,
                             screen_name(both & (~both + 1u)), keytab[j].name);
                    return -1;
                }
        }
    return 0;
}
