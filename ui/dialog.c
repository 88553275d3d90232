/* Small dialogs on the message line that wait for a key: a yes/no
 * question (ui_confirm) and a message to acknowledge (ui_alert).  Above
 * keys.c (they read keys) and term.c (they draw); the screens call them. */
#include "ui_int.h"
#include "i18n.h"

#include <stdio.h>

int ui_confirm(const char *question)
{
    for (;;) {
        char buf[700];
        snprintf(buf, sizeof buf, _("%s  [c = có / k = không]"), _(question));
        /* A long question takes the lines above: the answer keys stay seen. */
        text_view tv = {0};
        tv_add_wrapped(&tv, buf, COLS - 2);
        int top = LINES - 1 - (tv.n < 4 ? tv.n : 4);
        for (int i = 0; i < tv.n && top + i < LINES - 1; i++) {
            move(top + i, 0);
            clrtoeol();
            ui_put(top + i, 1, COLS - 2, tv.lines[tv.n - (LINES - 1 - top) + i], th(TH_SEL), 0);
        }
        tv_free(&tv);
        refresh();
        ui_key k;
        ui_getkey(SC_PICK, &k);
        if (k.act == K_STOP || k.act == K_CANCEL) return 0;
        if (k.act || k.fn) continue;
        if (k.ch == 'c' || k.ch == 'C' || k.ch == 'y' || k.ch == 'Y') return 1;
        if (k.ch == 'k' || k.ch == 'K' || k.ch == 'n' || k.ch == 'N') return 0;
    }
}

void ui_alert(const char *msg)
{
    char buf[700];
    snprintf(buf, sizeof buf, _("%s  (nhấn phím bất kỳ)"), msg);
    for (;;) {
        ui_msg(buf, 1);
        refresh();
        ui_key k;
        ui_getkey(SC_PICK, &k);
        if (k.act != K_RESIZE && k.act != K_REDRAW) return;
    }
}
