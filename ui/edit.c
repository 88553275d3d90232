/* Drawing the field editor (edit.h; src/text/lineedit.h holds the logic):
 * one line scrolled by display width, or a text area wrapped at its
 * width, the keys that edit, and the built-in input method's switch. */
#include "edit.h"
#include "i18n.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "text/wtext.h"

static int is_ctl(wchar_t c)
{
    return c < 32 || c == 127 || (c >= 0x80 && c < 0xa0);
}

/* As lineedit counts them: a control character shows as "^X". */
static int cw_of(wchar_t c)
{
    if (is_ctl(c)) return 2;
    int w = wcwidth(c);
    return w < 0 ? 1 : w;
}

/* Stored text may hold control characters: draw them as '?'. */
static void put_wc(wchar_t c)
{
    if (is_ctl(c)) {
        wchar_t s[3] = {L'^', (wchar_t)((c & 0x1f) + '@'), 0};
        addnwstr(s, 2);
        return;
    }
    wchar_t s[2] = {c, 0};
    addnwstr(s, 1);
}

/* Returns 1 when the key was an editing key (text or cursor changed or not). */
int ui_edit_key(lineedit *le, const ui_key *k)
{
    static const struct { int act; enum le_op op; } map[] = {
        {K_LEFT, LE_LEFT}, {K_RIGHT, LE_RIGHT}, {K_BOL, LE_HOME}, {K_EOL, LE_END},
        {K_WLEFT, LE_WORD_LEFT}, {K_WRIGHT, LE_WORD_RIGHT}, {K_BKSP, LE_BACKSPACE},
        {K_DEL, LE_DELETE}, {K_KILLEOL, LE_KILL_EOL}, {K_KILLWORD, LE_KILL_WORD_LEFT},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (k->act == map[i].act) { le_op(le, map[i].op); return 1; }
    if (k->act == K_NONE && !k->fn && k->ch >= 32) return le_type(le, (wchar_t)k->ch), 1;
    /* Pasted text goes in as it is, never through Telex/VNI. */
    if (k->act == K_PASTE && k->paste) return le_paste_utf8(le, k->paste), 1;
    return 0;
}

int ui_draw_line(lineedit *le, int y, int x, int w, attr_t a, int mask)
{
    int ccol = 0;
    size_t first = le_scroll(le, w, &ccol), len;
    const wchar_t *t = le_text(le, &len);
    attr_t old;
    short pair;
    attr_get(&old, &pair, NULL);
    attrset(a);
    move(y, x);
    int used = 0;
    for (size_t i = first; i < len; i++) {
        /* Masked: one star per character, a combining mark adds none. */
        if (mask && wtext_is_mark(t[i])) continue;
        wchar_t c = mask ? L'*' : t[i];
        int cw = cw_of(c);
        if (used + cw > w) break;
        put_wc(c);
        used += cw;
    }
    for (; used < w; used++) addch(' ');
    attr_set(old, pair, NULL);
    return x + (ccol < w ? ccol : w - 1);
}

/* Where each wrapped row starts: at a newline, or at the last space that
 * lets the row fit (a word longer than the row is cut).  rows[] gets the
 * index of each row's first character; returns the number of rows. */
static int wrap_rows(const wchar_t *t, size_t len, int w, size_t *rows, int max)
{
    int n = 0, col = 0;
    size_t start = 0, space = (size_t)-1;
    rows[n++] = 0;
    for (size_t i = 0; i < len && n < max; i++) {
        if (t[i] == '\n') { rows[n++] = start = i + 1; col = 0; space = (size_t)-1; continue; }
        int cw = cw_of(t[i]);
        if (col + cw > w) {
            if (space != (size_t)-1 && space >= start) start = space + 1;
            else start = i;
            rows[n++] = start;
            col = 0;
            for (size_t j = start; j < i; j++) col += cw_of(t[j]);
            space = (size_t)-1;
            if (n >= max) break;
        }
        if (t[i] == ' ') space = i;
        col += cw;
    }
    return n;
}

int ui_draw_area(lineedit *le, int y, int x, int w, int h, int *vtop, attr_t a,
                 int *cy, int *cx)
{
    size_t len;
    const wchar_t *t = le_text(le, &len);
    size_t cur = le_cursor(le);
    size_t rowbuf[512], *rows = rowbuf;
    int max = (int)(sizeof rowbuf / sizeof rowbuf[0]);
    if (len + 2 > (size_t)max) {
        rows = malloc((len + 2) * sizeof *rows);
        if (!rows) { rows = rowbuf; } else max = (int)len + 2;
    }
    int nrows = wrap_rows(t, len, w, rows, max);
    /* The cursor's row: the last row starting at or before it. */
    int crow = 0;
    for (int r = 0; r < nrows; r++) if (rows[r] <= cur) crow = r;
    int ccol = 0;
    for (size_t j = rows[crow]; j < cur && j < len; j++) ccol += cw_of(t[j]);
    if (ccol >= w) ccol = w - 1;
    if (crow < *vtop) *vtop = crow;
    if (crow >= *vtop + h) *vtop = crow - h + 1;
    attr_t old;
    short pair;
    attr_get(&old, &pair, NULL);
    attrset(a);
    for (int r = 0; r < h; r++) {
        mvhline(y + r, x, ' ', w);
        int row = *vtop + r;
        if (row >= nrows) continue;
        size_t end = row + 1 < nrows ? rows[row + 1] : len;
        move(y + r, x);
        int col = 0;
        for (size_t j = rows[row]; j < end; j++) {
            if (t[j] == '\n') break;
            int cw = cw_of(t[j]);
            if (col + cw > w) break;
            put_wc(t[j]);
            col += cw;
        }
    }
    attr_set(old, pair, NULL);
    if (rows != rowbuf) free(rows);
    *cy = y + crow - *vtop;
    *cx = x + ccol;
    return 0;
}

/* Up or down one wrapped row in a text area w columns wide, keeping the
 * column; 0 when already on the first (last) row. */
int ui_area_vmove(lineedit *le, int w, int dir)
{
    size_t len;
    const wchar_t *t = le_text(le, &len);
    size_t cur = le_cursor(le);
    size_t *rows = malloc((len + 2) * sizeof *rows);
    if (!rows) return 0;
    int n = wrap_rows(t, len, w, rows, (int)len + 2), r = 0;
    for (int i = 0; i < n; i++) if (rows[i] <= cur) r = i;
    int target = r + dir;
    if (target < 0 || target >= n) { free(rows); return 0; }
    int col = 0;
    for (size_t j = rows[r]; j < cur; j++) col += cw_of(t[j]);
    size_t end = target + 1 < n ? rows[target + 1] : len, want = rows[target];
    for (int c = 0; want < end && t[want] != '\n'; want++) {
        int cw = cw_of(t[want]);
        if (c + cw > col) break;
        c += cw;
    }
    /* A wrapped row ends where the next begins: stay on this row. */
    if (target + 1 < n && want == rows[target + 1] && want > rows[target] && t[want - 1] != '\n') want--;
    free(rows);
    enum le_op op = want < cur ? LE_LEFT : LE_RIGHT;
    for (int guard = 0; le_cursor(le) != want && guard < 100000; guard++) {
        size_t before = le_cursor(le);
        le_op(le, op);
        if (le_cursor(le) == before) break;
        if ((op == LE_LEFT && le_cursor(le) < want) || (op == LE_RIGHT && le_cursor(le) > want)) break;
    }
    return 1;
}

/* ---- the built-in input method ------------------------------------------- */

void ui_ime_apply(struct lineedit *le, int ok)
{
    if (le) le_set_ime(le, ok ? (enum le_ime)U.ime : LE_IME_OFF, U.tone_new);
}

void ui_ime_cycle(void)
{
    U.ime = U.ime == LE_IME_OFF ? LE_IME_TELEX : U.ime == LE_IME_TELEX ? LE_IME_VNI : LE_IME_OFF;
}

void ui_ime_badge(int ok)
{
    const char *name = U.ime == LE_IME_TELEX ? "Telex" : U.ime == LE_IME_VNI ? "VNI" : _("tắt");
    char buf[120], kn[16];
    keys_name_for(SC_FORM, K_IME, kn, sizeof kn);
    if (ok) snprintf(buf, sizeof buf, _(" Bộ gõ: %s (%s) "), name, kn);
    else snprintf(buf, sizeof buf, _(" Bộ gõ: %s — trường này không dùng "), name);
    int w = ui_width(buf);
    if (w < COLS / 2) ui_put(LINES - 1, COLS - w, w, buf, th(ok ? TH_BARKEY : TH_BAR), 0);
}
