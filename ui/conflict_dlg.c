/* The save-conflict dialog of the proposal form: another clerk saved the
 * proposal while this one was editing.  Every field someone changed is
 * listed with this clerk's value ("Của bạn") beside the other person's
 * ("Người khác", who and when from the history), side by side from 100
 * columns, stacked below; the clerk keeps theirs or takes the other, field
 * by field or all at once, then saves.  Esc goes back to the form. */
#include "ui_int.h"
#include "i18n.h"

#include <stdio.h>
#include <string.h>

#include "flow/conflict.h"
#include "flow/proposal.h"

typedef struct lastev {
    char user[64], at[32];
} lastev;

static int last_event(const event_row *r, void *ud)
{
    lastev *l = ud;   /* oldest first: the last one wins */
    snprintf(l->user, sizeof l->user, "%s", r->username ? r->username : "");
    snprintf(l->at, sizeof l->at, "%s", r->at ? r->at : "");
    return 0;
}

/* Only fields this clerk edited have a choice; the others keep what is saved. */
static int choosable(const pc_field *f)
{
    return f->mine != NULL && f->who != CF_THEIRS && f->who != CF_BOTH_SAME;
}

static void set_pick(pc_field *f, int pick)
{
    if (choosable(f)) f->pick = pick;
}

static const char *pick_label(const pc_field *f)
{
    if (!choosable(f)) return f->who == CF_BOTH_SAME ? "hai bên giống nhau" : "chỉ người khác sửa";
    return f->pick == PICK_THEIRS ? "lấy của người khác" : "giữ của bạn";
}

static void draw(const proposal_conflict *c, int cur, int *top, const char *other)
{
    int side = COLS >= 100, rows = side ? 3 : 4;
    int y0 = 4, avail = (LINES - 2 - y0) / rows;
    if (avail < 1) avail = 1;
    if (cur < *top) *top = cur;
    if (cur >= *top + avail) *top = cur - avail + 1;
    erase();
    char t[200], s[600];
    snprintf(t, sizeof t, "Xung đột khi lưu — %s", c->code);
    ui_title(t);
    snprintf(s, sizeof s, "Người khác (%s) đã lưu đề xuất (phiên bản %lld) trong lúc bạn sửa. "
             "Chưa có gì được ghi. Chọn cho từng trường rồi lưu:", other,
             (long long)c->their_version);
    if (ui_width(s) <= COLS - 2) {
        ui_put(1, 1, COLS - 2, s, A_NORMAL, 0);
    } else {   /* on two lines at 80 columns */
        snprintf(s, sizeof s, "Người khác (%s) vừa lưu đề xuất này.", other);
        ui_put(1, 1, COLS - 2, s, A_NORMAL, 0);
        snprintf(s, sizeof s, "Chưa có gì được ghi (bản đã lưu: phiên bản %lld). Chọn cho từng trường "
                 "rồi lưu:", (long long)c->their_version);
        ui_put(2, 1, COLS - 2, s, A_NORMAL, 0);
    }
    ui_rule(3);
    int w = COLS - 6, half = (COLS - 6) / 2;
    for (int i = *top, y = y0; i < c->n && y + rows - 1 <= LINES - 3; i++, y += rows) {
        const pc_field *f = &c->f[i];
        attr_t a = i == cur ? th(TH_SEL) : th(TH_LABEL);
        snprintf(s, sizeof s, "%s %s", i == cur ? ">" : " ", _(f->label));
        int x = ui_put(y, 1, COLS - 2, s, a, 0);
        snprintf(s, sizeof s, "  → %s", pick_label(f));
        ui_put(y, 1 + x, COLS - 2 - x, s, choosable(f) ? th(TH_OK) : th(TH_DIM), 0);
        attr_t am = choosable(f) && f->pick != PICK_THEIRS ? A_BOLD : th(TH_DIM);
        attr_t ao = !choosable(f) || f->pick == PICK_THEIRS ? A_BOLD : th(TH_DIM);
        char mine[400], theirs[400];
        snprintf(mine, sizeof mine, "Của bạn: %s", f->mine ? f->mine : "(không sửa)");
        snprintf(theirs, sizeof theirs, "Người khác: %s", f->theirs ? f->theirs : "");
        if (side) {
            ui_put(y + 1, 4, half - 1, mine, am, 1);
            ui_put(y + 1, 4 + half, w - half, theirs, ao, 1);
        } else {
            ui_put(y + 1, 4, w, mine, am, 1);
            ui_put(y + 2, 4, w, theirs, ao, 1);
        }
    }
    char km[16], kk[16], kt[16], kg[16], kl[16], ks[16], kc[16];
    keys_name_for(SC_CONFLICT, K_MINE, km, sizeof km);
    keys_name_for(SC_CONFLICT, K_THEIRS, kk, sizeof kk);
    keys_name_for(SC_CONFLICT, K_TOGGLE, kt, sizeof kt);
    keys_name_for(SC_CONFLICT, K_ALLMINE, kg, sizeof kg);
    keys_name_for(SC_CONFLICT, K_ALLTHEIRS, kl, sizeof kl);
    keys_name_for(SC_CONFLICT, K_SAVE, ks, sizeof ks);
    keys_name_for(SC_CONFLICT, K_CANCEL, kc, sizeof kc);
    snprintf(s, sizeof s, "%s của mình, %s của người khác, %s đổi, %s/%s tất cả, %s lưu, %s quay lại",
             km, kk, kt, kg, kl, ks, kc);
    ui_msg(s, 0);
    keys_bar(SC_CONFLICT);
    refresh();
}

int ui_conflict_choose(proposal_conflict *c)
{
    lastev l;
    memset(&l, 0, sizeof l);
    st_err e;
    err_clear(&e);
    int rc;
    UI_DB(rc, proposal_history(U.db, &U.who, c->code, last_event, &l, &e));
    char other[160], tb[32];
    if (!rc && l.user[0] && l.at[0]) snprintf(other, sizeof other, "%s, %s", l.user, ui_time(l.at, tb, sizeof tb));
    else if (!rc && l.user[0]) snprintf(other, sizeof other, "%s", l.user);
    else snprintf(other, sizeof other, "không rõ ai");
    int cur = 0, top = 0;
    for (;;) {
        if (!ui_too_small()) draw(c, cur, &top, other);
        ui_key k;
        ui_getkey(SC_CONFLICT, &k);
        pc_field *f = c->n ? &c->f[cur] : NULL;
        switch (k.act) {
        case K_STOP: case K_CANCEL: return 0;
        case K_SAVE: return 1;
        case K_UP: if (cur > 0) cur--; break;
        case K_DOWN: if (cur + 1 < c->n) cur++; break;
        case K_PGUP: cur = cur > 5 ? cur - 5 : 0; break;
        case K_PGDN: cur = cur + 5 < c->n ? cur + 5 : (c->n ? c->n - 1 : 0); break;
        case K_MINE: if (f) set_pick(f, PICK_MINE); break;
        case K_THEIRS: if (f) set_pick(f, PICK_THEIRS); break;
        case K_TOGGLE:
            if (f) set_pick(f, f->pick == PICK_THEIRS ? PICK_MINE : PICK_THEIRS);
            break;
        case K_ALLMINE: for (int i = 0; i < c->n; i++) set_pick(&c->f[i], PICK_MINE); break;
        case K_ALLTHEIRS: for (int i = 0; i < c->n; i++) set_pick(&c->f[i], PICK_THEIRS); break;
        case K_HELP:
            keys_help(SC_CONFLICT, "Người khác đã lưu đề xuất này trong lúc bạn sửa; chưa có gì được "
                      "ghi. Mỗi trường có người sửa hiện giá trị của bạn và của người khác; chọn giữ "
                      "của mình hoặc lấy của người khác cho từng trường (hoặc tất cả), rồi lưu. Esc "
                      "quay về biểu mẫu, các giá trị bạn đã nhập vẫn còn.", NULL);
            break;
        default: break;
        }
    }
}
