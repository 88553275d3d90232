/* The terminal, drawing only: theme (attributes first, colours when
 * allowed), safe text drawing by display width, the title and message
 * lines (and the flash message the next screen shows), the "too small"
 * screen, "busy", dates and the scrolling text viewer.  Lowest of ui/:
 * it calls no other file of ui/ (keys are read in keys.c, the dialogs
 * that wait for a key are in dialog.c). */
#include "ui_int.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "flow/search.h"
#include "text/text.h"
#include "base/workdays.h"

ui_app U;
volatile sig_atomic_t ui_stop;
char ui_flash[400];
char ui_flash_warn[2048];
int ui_goto;
void (*ui_menu_hook)(unsigned sc);

/* ---- theme --------------------------------------------------------------- */

static attr_t theme[TH_COUNT];

void theme_init(void)
{
    /* Monochrome looks: every role readable on a vt100. */
    static const attr_t mono[TH_COUNT] = {
        [TH_NORMAL] = A_NORMAL, [TH_TITLE] = A_REVERSE | A_BOLD, [TH_BAR] = A_REVERSE,
        [TH_BARKEY] = A_REVERSE | A_BOLD, [TH_SEL] = A_REVERSE, [TH_HEAD] = A_BOLD | A_UNDERLINE,
        [TH_LABEL] = A_NORMAL, [TH_REQ] = A_BOLD, [TH_ERR] = A_BOLD, [TH_FIELD] = A_UNDERLINE,
        [TH_FOCUS] = A_REVERSE, [TH_DIM] = A_NORMAL, [TH_OK] = A_BOLD,
    };
    memcpy(theme, mono, sizeof theme);
    const char *nc = getenv("NO_COLOR");
    U.color = has_colors() && !(nc && *nc) && config_bool(U.cfg, "ui.color");
    if (!U.color) return;
    start_color();
    use_default_colors();
    static const struct { int role; short fg, bg; attr_t extra; } col[] = {
        {TH_TITLE, COLOR_WHITE, COLOR_BLUE, A_BOLD},
        {TH_BAR, COLOR_BLACK, COLOR_CYAN, 0},
        {TH_BARKEY, COLOR_WHITE, COLOR_CYAN, A_BOLD},
        {TH_SEL, COLOR_BLACK, COLOR_CYAN, 0},
        {TH_HEAD, COLOR_YELLOW, -1, A_BOLD},
        {TH_REQ, COLOR_RED, -1, A_BOLD},
        {TH_ERR, COLOR_RED, -1, A_BOLD},
        /* TH_FIELD keeps the terminal's own colours (underlined): forced
         * white on black is wrong on a light terminal. */
        {TH_FOCUS, COLOR_BLACK, COLOR_YELLOW, 0},
        {TH_DIM, COLOR_BLUE, -1, 0},
        {TH_OK, COLOR_GREEN, -1, A_BOLD},
    };
    for (size_t i = 0; i < sizeof col / sizeof col[0]; i++) {
        if (init_pair((short)(i + 1), col[i].fg, col[i].bg) == ERR) continue;
        theme[col[i].role] = COLOR_PAIR((int)(i + 1)) | col[i].extra;
    }
}

attr_t th(int role) { return role >= 0 && role < TH_COUNT ? theme[role] : A_NORMAL; }

/* ---- text ------------------------------------------------------------------ */

static wchar_t *to_wide(const char *s, size_t *len)
{
    char *safe = text_sanitize(s ? s : "", 0);
    if (!safe) return NULL;
    size_t n = strlen(safe) + 1;
    wchar_t *w = malloc(n * sizeof *w);
    size_t r = w ? mbstowcs(w, safe, n) : (size_t)-1;
    free(safe);
    if (r == (size_t)-1) { free(w); return NULL; }
    *len = r;
    return w;
}

static int wcw(wchar_t c)
{
    int cw = wcwidth(c);
    return cw < 0 ? 1 : cw;
}

static int cwidth_zero(wchar_t c) { return wcwidth(c) == 0; }

int ui_width(const char *s)
{
    size_t len;
    wchar_t *w = to_wide(s, &len);
    int used = 0;
    for (size_t i = 0; w && i < len; i++) used += wcw(w[i]);
    free(w);
    return used;
}

int ui_put(int y, int x, int w, const char *s, attr_t a, int pad)
{
    if (w <= 0 || y < 0 || y >= LINES || x >= COLS) return 0;
    if (x + w > COLS) w = COLS - x;
    size_t len = 0;
    wchar_t *ws = to_wide(s, &len);
    int total = 0;
    for (size_t i = 0; ws && i < len; i++) total += wcw(ws[i]);
    int room = total > w ? w - 1 : w, used = 0;
    size_t i = 0;
    for (; ws && i < len; i++) {
        int cw = wcw(ws[i]);
        if (used + cw > room) break;
        used += cw;
    }
    /* Combining marks that follow the last base character stay with it. */
    while (ws && i < len && wcwidth(ws[i]) == 0) i++;
    attr_t old;
    short pair;
    attr_get(&old, &pair, NULL);
    attrset(a);
    if (ws && i) mvaddnwstr(y, x, ws, (int)i);
    else move(y, x);
    if (total > w) { addnwstr(L"…", 1); used++; }
    if (pad) for (; used < w; used++) addch(' ');
    attr_set(old, pair, NULL);
    free(ws);
    return used;
}

void ui_title(const char *screen)
{
    char line[1024];
    screen = _(screen);
    snprintf(line, sizeof line, " sangtao │ %s │ %s (%s) │ %s", screen,
             U.logged_in ? U.who.full_name : "", U.logged_in ? U.roles_label : "",
             U.logged_in ? U.scope_name : "");
    if (!U.logged_in) snprintf(line, sizeof line, " sangtao │ %s", screen);
    ui_put(0, 0, COLS, line, th(TH_TITLE), 1);
}

void ui_msg(const char *msg_in, int err)
{
    move(LINES - 2, 0);
    clrtoeol();
    if (!msg_in || !*msg_in) return;
    char msg[1200];
    ui_readable(msg_in, msg, sizeof msg);
    if (ui_width(msg) <= COLS - 2) {
        ui_put(LINES - 2, 1, COLS - 2, msg, th(err ? TH_ERR : TH_OK), 0);
        return;
    }
    /* Too long for one line: it takes up to three lines above the key
     * bar, so that what is missing or wrong is read whole. */
    text_view tv = {0};
    tv_add_wrapped(&tv, msg, COLS - 2);
    int n = tv.n < 3 ? tv.n : 3;
    for (int i = 0; i < n; i++) {
        int y = LINES - 1 - n + i;
        move(y, 0);
        clrtoeol();
        char line[1200];
        snprintf(line, sizeof line, "%s%s", tv.lines[i], i == n - 1 && tv.n > n ? " …" : "");
        ui_put(y, 1, COLS - 2, line, th(err ? TH_ERR : TH_OK), 0);
    }
    tv_free(&tv);
}

void ui_flash_show(void)
{
    if (!ui_flash_warn[0]) { ui_msg(ui_flash, 0); return; }
    char warn[2400];
    ui_readable(ui_flash_warn, warn, sizeof warn);
    text_view tv = {0};
    tv_add_wrapped(&tv, ui_flash, COLS - 2);
    int nhead = tv.n;
    tv_add_wrapped(&tv, warn, COLS - 2);
    int max = LINES / 2, n = tv.n < max ? tv.n : max;
    for (int i = 0; i < n; i++) {
        int y = LINES - 1 - n + i;
        move(y, 0);
        clrtoeol();
        char line[1200];
        snprintf(line, sizeof line, "%s%s", tv.lines[i], i == n - 1 && tv.n > n ? " …" : "");
        ui_put(y, 1, COLS - 2, line, th(i < nhead ? TH_OK : TH_ERR), 0);
    }
    tv_free(&tv);
}

void ui_flash_clear(void)
{
    ui_flash[0] = ui_flash_warn[0] = '\0';
}

void ui_rule(int y)
{
    if (y < 0 || y >= LINES) return;
    mvhline(y, 0, U.ascii ? '-' : ACS_HLINE, COLS);
}

int ui_too_small(void)
{
    if (LINES >= 24 && COLS >= 80) return 0;
    erase();
    ui_put(0, 0, COLS, _("Cửa sổ quá nhỏ: cần ít nhất 80×24."), th(TH_ERR), 0);
    char buf[128];
    snprintf(buf, sizeof buf, _("Hiện tại %d×%d. Hãy phóng to cửa sổ; dữ liệu đang nhập vẫn được giữ."),
             COLS, LINES);
    for (int y = 1, off = 0; y < LINES && off < (int)strlen(buf); y++) {
        /* Wrap by hand: a narrow terminal still shows the whole sentence. */
        ui_put(y, 0, COLS, buf + off, A_NORMAL, 0);
        int w = 0, k = off;
        while (buf[k] && w < COLS - 1) { if ((buf[k] & 0xC0) != 0x80) w++; k++; }
        while (buf[k] && (buf[k] & 0xC0) == 0x80) k++;
        off = k;
        if (w < COLS - 1) break;
    }
    refresh();
    return 1;
}

/* ---- busy ---------------------------------------------------------------- */

int ui_wait_cancelled;

int ui_busy(int ms)
{
    ui_msg(_("Cơ sở dữ liệu đang bận, đang chờ… (Esc: thôi chờ)"), 0);
    refresh();
    wint_t ch;
    timeout(ms);
    int r = get_wch(&ch);
    timeout(-1);
    if (r == ERR) return 0;
    if (r == OK && (ch == 27 || ch == 7)) {   /* Esc, Ctrl-G: the keys that cancel */
        ui_wait_cancelled = 1;
        return 1;
    }
    if (r == KEY_CODE_YES) ungetch((int)ch);   /* typed ahead: not lost */
    else unget_wch(ch);
    return 0;
}

/* ---- dates ------------------------------------------------------------------- */

const char *ui_date(const char *iso, char *buf)
{
    st_day d;
    buf[0] = '\0';
    if (iso && *iso && date_parse(iso, &d, NULL) == ST_OK) date_vn(d, buf);
    else if (iso) snprintf(buf, 11, "%s", iso);
    return buf;
}

const char *ui_time(const char *ts, char *buf, int n)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    buf[0] = '\0';
    if (!ts || sscanf(ts, "%d-%d-%dT%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                      &tm.tm_hour, &tm.tm_min) != 5)
        return buf;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    time_t t = timegm(&tm);
    struct tm lt;
    localtime_r(&t, &lt);
    strftime(buf, (size_t)n, "%d/%m/%Y %H:%M", &lt);
    return buf;
}

/* ---- text viewer ------------------------------------------------------------- */

void tv_add(text_view *tv, const char *line)
{
    if (tv->n == tv->cap) {
        int cap = tv->cap ? tv->cap * 2 : 64;
        char **l = realloc(tv->lines, (size_t)cap * sizeof *l);
        if (!l) return;
        tv->lines = l;
        tv->cap = cap;
    }
    char *c = strdup(line ? line : "");
    if (c) tv->lines[tv->n++] = c;
}

void tv_add_text(text_view *tv, const char *text)
{
    const char *p = text ? text : "";
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        char *l = strndup(p, len);
        if (l) { tv_add(tv, l); free(l); }
        p += len + (nl ? 1 : 0);
    }
}

void tv_free(text_view *tv)
{
    for (int i = 0; i < tv->n; i++) free(tv->lines[i]);
    free(tv->lines);
    memset(tv, 0, sizeof *tv);
}

void tv_draw(const text_view *tv, int y0, int y1)
{
    for (int y = y0; y < y1; y++) {
        int i = tv->top + y - y0;
        move(y, 0);
        clrtoeol();
        if (i < 0 || i >= tv->n) continue;
        const char *l = tv->lines[i];
        ui_put(y, 1, COLS - 2, l, *l && *l != ' ' ? th(TH_HEAD) : A_NORMAL, 0);
    }
}

int tv_scroll(text_view *tv, int act, int rows)
{
    int max = tv->n - rows;
    if (max < 0) max = 0;
    int top = tv->top;
    switch (act) {
    case K_UP: top--; break;
    case K_DOWN: top++; break;
    case K_PGUP: top -= rows - 1; break;
    case K_PGDN: top += rows - 1; break;
    case K_FIRST: top = 0; break;
    case K_LAST: top = max; break;
    case K_NEXT:
        for (int i = top + 1; i < tv->n; i++)
            if (tv->lines[i][0] && tv->lines[i][0] != ' ') { top = i; break; }
        break;
    case K_PREV:
        for (int i = top - 1; i >= 0; i--)
            if (tv->lines[i][0] && tv->lines[i][0] != ' ') { top = i; break; }
        break;
    default: return 0;
    }
    if (top > max) top = max;
    if (top < 0) top = 0;
    tv->top = top;
    return 1;
}

/* Append s to buf cut or padded to exactly w display columns (w ≤ 0: as
 * is), for columns of text built before drawing. */
void ui_padcat(char *buf, size_t n, const char *s, int w)
{
    size_t len = strlen(buf);
    if (w <= 0) { snprintf(buf + len, n - len, "%s", s); return; }
    size_t wl;
    wchar_t *ws = to_wide(s, &wl);
    int used = 0;
    size_t i = 0;
    int total = 0;
    for (size_t j = 0; ws && j < wl; j++) total += wcw(ws[j]);
    int room = total > w ? w - 1 : w;   /* cut: never silently, "…" ends it */
    for (; ws && i < wl; i++) {
        int cw = wcw(ws[i]);
        if (used + cw > room) break;
        used += cw;
    }
    while (ws && i < wl && wcwidth(ws[i]) == 0) i++;
    char tmp[1024];
    size_t tl = 0;
    if (ws) {
        wchar_t save = ws[i];
        ws[i] = 0;
        size_t r = wcstombs(tmp, ws, sizeof tmp - 1);
        tl = r == (size_t)-1 ? 0 : r;
        ws[i] = save;
    }
    tmp[tl] = '\0';
    if (total > w && tl + 3 < sizeof tmp) { memcpy(tmp + tl, "…", 4); tl += 3; used++; }
    free(ws);
    snprintf(buf + len, n - len, "%s%*s", tmp, w - used, "");
}

/* Add text, each line wrapped at width columns (between words when it
 * can), continuation lines indented under the first. */
void tv_add_wrapped(text_view *tv, const char *text, int width)
{
    const char *p = text ? text : "";
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        char *line = strndup(p, len);
        p += len + (nl ? 1 : 0);
        if (!line) return;
        size_t wl;
        wchar_t *w = to_wide(line, &wl);
        free(line);
        if (!w) continue;
        int indent = 0;
        while ((size_t)indent < wl && w[indent] == L' ') indent++;
        size_t start = 0;
        int first = 1;
        do {
            int lead = first ? 0 : indent + 4, used = lead;
            size_t i = start, brk = 0;
            for (; i < wl; i++) {
                int cw = wcw(w[i]);
                if (used + cw > width) break;
                used += cw;
                if (w[i] == L' ') brk = i;
            }
            size_t end = i < wl && brk > start ? brk : i;
            if (end == start) end = start + 1;
            wchar_t save = w[end < wl ? end : wl];
            if (end < wl) w[end] = 0;
            char out[4096];
            int pre = snprintf(out, sizeof out, "%*s", lead, "");
            size_t r = wcstombs(out + pre, w + start, sizeof out - (size_t)pre - 1);
            if (r == (size_t)-1) out[pre] = '\0';
            if (end < wl) w[end] = save;
            tv_add(tv, out);
            start = end;
            while (!first && start < wl && w[start] == L' ') start++;
            if (first) { first = 0; while (start < wl && w[start] == L' ') start++; }
        } while (start < wl);
        free(w);
    }
}

/* Like ui_put (no padding choice: pads), with the parts of s that match the
 * typed search words (search_highlight) drawn with hl added. */
int ui_put_marked(int y, int x, int w, const char *s, attr_t a, attr_t hl, const char *typed)
{
    if (!typed || !*typed) return ui_put(y, x, w, s, a, 1);
    if (w <= 0 || y < 0 || y >= LINES || x >= COLS) return 0;
    if (x + w > COLS) w = COLS - x;
    char *safe = text_sanitize(s ? s : "", 0);
    if (!safe) return 0;
    search_range r[32];
    int nr = search_highlight(safe, typed, r, 32);
    size_t len = strlen(safe), cap = len + 1;
    wchar_t *ws = malloc(cap * sizeof *ws);
    unsigned char *mark = malloc(cap);
    size_t n = 0;
    mbstate_t ps;
    memset(&ps, 0, sizeof ps);
    for (size_t off = 0; ws && mark && off < len;) {
        wchar_t c;
        size_t k = mbrtowc(&c, safe + off, len - off, &ps);
        if (k == 0 || k == (size_t)-1 || k == (size_t)-2) break;
        int on = 0;
        for (int i = 0; i < nr; i++) if (off >= r[i].start && off < r[i].end) on = 1;
        ws[n] = c;
        mark[n++] = (unsigned char)on;
        off += k;
    }
    int total = 0, used = 0;
    for (size_t i = 0; ws && mark && i < n; i++) total += wcw(ws[i]);
    int room = total > w ? w - 1 : w;
    attr_t old;
    short pair;
    attr_get(&old, &pair, NULL);
    move(y, x);
    size_t i = 0;
    for (; ws && mark && i < n; i++) {
        int cw = wcw(ws[i]);
        if (used + cw > room) break;
        attrset(mark[i] ? a | hl : a);
        addnwstr(&ws[i], 1);
        used += cw;
    }
    /* Combining marks that follow the last base character stay with it. */
    for (; ws && mark && i < n && cwidth_zero(ws[i]); i++) addnwstr(&ws[i], 1);
    attrset(a);
    if (total > w) { addnwstr(L"…", 1); used++; }
    for (; used < w; used++) addch(' ');
    attr_set(old, pair, NULL);
    free(ws);
    free(mark);
    free(safe);
    return used;
}
