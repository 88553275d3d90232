/* After login: the form a dropped line or a stop signal left unsaved (the
 * form widget saved it as a draft) is offered back once; yes reopens that
 * form with the draft's values, no offers to delete it.  Above the forms
 * and the detail screen, which it opens. */
#include "ui_int.h"

#include <stdio.h>
#include <string.h>

#include "flow/drafts.h"

int drafts_offer(void)
{
    draft *d = NULL;
    st_err e;
    err_clear(&e);
    int rc;
    UI_DB(rc, draft_latest(U.db, &U.who, &d, &e));
    if (rc || !d) return 0;
    char q[700], t[32];
    erase();
    ui_title("Bản nháp");
    ui_put(2, 2, COLS - 4, "Lần trước bạn chưa lưu một biểu mẫu (mất kết nối hoặc chương trình bị dừng):",
           A_NORMAL, 0);
    ui_put(4, 4, COLS - 8, d->title, A_BOLD, 0);
    snprintf(q, sizeof q, "lưu lúc %s, %d trường đã điền", ui_time(d->saved_at, t, sizeof t), d->n);
    ui_put(5, 4, COLS - 8, q, A_NORMAL, 0);
    keys_bar(SC_PICK);
    if (ui_confirm("Mở lại bản nháp này để tiếp tục?")) {
        char ctx[160];
        snprintf(ctx, sizeof ctx, "%s", d->context);
        char *code = strchr(ctx, ':');
        char *act = code ? strchr(code + 1, ':') : NULL;
        if (code) *code++ = '\0';
        if (act) *act++ = '\0';
        if (strcmp(ctx, "new") == 0) screen_new_proposal(d->vals, d->n);
        else if (strcmp(ctx, "edit") == 0 && code) form_proposal(code, d->vals, d->n, NULL, 0);
        else if (strcmp(ctx, "act") == 0 && code && act) form_action(code, act, d->vals, d->n);
        /* Offered once: a form that could not open (the proposal moved on)
         * does not come back at every login. */
        if (!ui_stop) UI_DB(rc, draft_discard(U.db, &U.who, d->context, &e));
    } else if (!ui_stop && ui_confirm("Xóa bản nháp này?")) {
        UI_DB(rc, draft_discard(U.db, &U.who, d->context, &e));
    }
    draft_free(&d);
    return 1;
}
