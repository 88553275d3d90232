/* Proposal detail: every section (content, review, decision, monitoring,
 * result, evaluation, replication, commendations, the register of its
 * documents, its attachments, history) in one scrolling view; Tab jumps
 * between sections.  The actions menu lists what the workflow table
 * allows this user in this state; attaching a file and saving one are
 * keys of their own (scr_attach.c).  A new proposal, once saved, opens
 * here ready for its next step (submit). */
#include "ui_int.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flow/proposal.h"
#include "flow/workflow.h"

static int load(const char *code, text_view *tv, proposal_head *h, char *err, int n)
{
    tv_free(tv);
    st_err e;
    err_clear(&e);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) { snprintf(err, (size_t)n, "hết bộ nhớ"); return 0; }
    int rc;
    UI_DB(rc, proposal_get_head(U.db, &U.who, code, h, &e));
    if (!rc) UI_DB(rc, proposal_show_text(U.db, &U.who, code, f, &e));
    fclose(f);
    if (rc) snprintf(err, (size_t)n, "%s", e.msg);
    else {
        char *tr = ui_translate_text(buf);   /* English screens */
        tv_add_wrapped(tv, tr ? tr : buf, COLS - 2);
        free(tr);
    }
    free(buf);
    return rc == ST_OK;
}

/* The line of a section's heading, or dflt when there is none. */
static int heading_line(const text_view *tv, const char *heading, int dflt)
{
    for (int i = 0; i < tv->n; i++)
        if (strcmp(tv->lines[i], heading) == 0) return i;
    return dflt;
}

/* Which actions this user may take now, from the workflow table. */
static int allowed(int state, const wf_action **out, int max)
{
    int n = 0;
    for (int i = 0; i < wf_action_count() && n < max; i++) {
        const wf_action *a = wf_action_at(i);
        if (strcmp(wf_action_name(a), "create") == 0) continue;
        if (wf_action_allowed(a, U.who.roles, state)) out[n++] = a;
    }
    return n;
}

void actions_menu(const char *code)
{
    proposal_head h;
    st_err e;
    err_clear(&e);
    int rc;
    UI_DB(rc, proposal_get_head(U.db, &U.who, code, &h, &e));
    if (rc) { ui_alert(e.msg); return; }
    const wf_action *acts[64];
    int n = allowed(h.state, acts, 64);
    if (!n) {
        ui_alert("Bạn không có thao tác nào với đề xuất ở trạng thái này.");
        return;
    }
    const char *labels[64];
    char *owned[64], *why[64], dim[64];
    for (int i = 0; i < n; i++) {
        char buf[700];
        const char *nm = wf_action_name(acts[i]);
        int to = wf_action_to(acts[i]);
        /* what the record lacks for it, from the workflow's own rules:
         * greyed with the reason, never a form refused at the end */
        wf_pre pre;
        st_err pe;
        err_clear(&pe);
        int ok = strcmp(nm, "edit") == 0, prc;
        if (!ok) { UI_DB(prc, workflow_pre(U.db, &U.who, code, nm, &pre, &pe)); ok = prc == ST_OK; }
        char reason[sizeof pe.msg];
        if (!ok) ui_readable(pe.msg, reason, sizeof reason);   /* labels, dates, catalogue */
        why[i] = ok ? NULL : strdup(reason);
        dim[i] = !ok;
        if (!ok) snprintf(buf, sizeof buf, "%s — %s %s", i18n_action(wf_action_label(acts[i])),
                          _("chưa được:"), reason);
        else if (to != S_NONE) snprintf(buf, sizeof buf, "%s  → %s", i18n_action(wf_action_label(acts[i])), _(wf_state_label(to)));
        else snprintf(buf, sizeof buf, "%s", i18n_action(wf_action_label(acts[i])));
        owned[i] = strdup(buf);
        labels[i] = owned[i] ? owned[i] : i18n_action(wf_action_label(acts[i]));
    }
    char title[200];
    snprintf(title, sizeof title, _("Thao tác với %s (%s)"), code, _(wf_state_label(h.state)));
    /* The suggested next step first in line: the first action that moves
     * the proposal on (not an edit, a note, or one that ends or undoes)
     * and that may be taken now. */
    int sug = 0;
    for (int i = n - 1; i >= 0; i--) {
        const char *nm = wf_action_name(acts[i]);
        if (strcmp(nm, "edit") && strcmp(nm, "note") && !ui_action_destructive(nm) && !dim[i])
            sug = i;
    }
    int c = pick_list_dim(title, labels, n, sug, dim);
    char reason[700] = "";
    if (c >= 0 && dim[c]) snprintf(reason, sizeof reason, "%s: %s",
                                   i18n_action(wf_action_label(acts[c])), why[c] ? why[c] : "");
    for (int i = 0; i < n; i++) { free(owned[i]); free(why[i]); }
    if (c < 0) return;
    if (reason[0]) { ui_alert(reason); return; }
    if (strcmp(wf_action_name(acts[c]), "edit") == 0) form_proposal(code, NULL, 0, NULL, 0);
    else form_action(code, wf_action_name(acts[c]), NULL, 0);
}

void screen_detail(const char *code_in)
{
    char code[32], err[600] = "";
    snprintf(code, sizeof code, "%s", code_in);
    text_view tv = {0};
    proposal_head h;
    int nfiles = ui_attachment_count(code);
    if (!load(code, &tv, &h, err, sizeof err)) {
        ui_alert(err);
        tv_free(&tv);
        return;
    }
    int cols = COLS;
    for (;;) {
        if (ui_stop) break;
        if (cols != COLS) {   /* re-wrap for the new width, keeping the place */
            int top = tv.top;
            cols = COLS;
            load(code, &tv, &h, err, sizeof err);
            tv.top = top;
        }
        if (!ui_too_small()) {
            erase();
            char t[128];
            snprintf(t, sizeof t, _("Đề xuất %s"), code);
            ui_title(t);
            int rows = LINES - 3;
            tv_scroll(&tv, K_NONE, rows);
            tv_draw(&tv, 1, 1 + rows);
            if (err[0]) ui_msg(err, 1);
            else if (ui_flash[0]) ui_flash_show();
            else {
                char m[300], kn[16], kx[16], more[120] = "";
                if (nfiles)
                    snprintf(more, sizeof more, _(" · %d tệp kèm, %s: lưu ra"), nfiles,
                             keys_name_for(SC_DETAIL, K_GETFILE, kx, sizeof kx));
                if (keys_name_for(SC_DETAIL, K_ACTIONS, kn, sizeof kn)[0])
                    snprintf(m, sizeof m, _("%s · dòng %d/%d · %s: các thao tác%s"), _(wf_state_label(h.state)),
                             tv.top + 1, tv.n, kn, more);
                else snprintf(m, sizeof m, _("%s · dòng %d/%d%s"), _(wf_state_label(h.state)), tv.top + 1,
                              tv.n, more);
                ui_msg(m, 0);
            }
            keys_bar(SC_DETAIL);
            refresh();
        }
        ui_key k;
        ui_getkey(SC_DETAIL, &k);
        if (k.act == K_STOP || k.act == K_QUIT || k.act == K_CANCEL) break;
        if (k.act != K_RESIZE && k.act != K_REDRAW) ui_flash_clear();
        err[0] = '\0';
        switch (k.act) {
        case K_ACTIONS: actions_menu(code); load(code, &tv, &h, err, sizeof err); break;
        case K_EDIT: {
            const wf_action *ed = wf_action_find("edit");
            if (ed && wf_action_allowed(ed, U.who.roles, h.state)) form_proposal(code, NULL, 0, NULL, 0);
            else snprintf(err, sizeof err, "Chỉ sửa được đề xuất dự thảo hoặc bị trả lại, "
                          "và chỉ chuyên viên trong phạm vi");
            int top = tv.top;
            char keep[600];
            snprintf(keep, sizeof keep, "%s", err);
            load(code, &tv, &h, err, sizeof err);
            tv.top = top;
            if (!err[0]) snprintf(err, sizeof err, "%s", keep);
            break;
        }
        case K_ATTACH:
        case K_GETFILE: {
            int top = tv.top;
            if (k.act == K_ATTACH ? ui_attach_file(code) : ui_save_attachment(code)) {
                nfiles = ui_attachment_count(code);
                load(code, &tv, &h, err, sizeof err);
                /* a new file: its entry in view (the attachments come
                 * just before the history) */
                if (k.act == K_ATTACH) tv.top = heading_line(&tv, "Tài liệu đính kèm", top);
                else tv.top = top;
            }
            break;
        }
        case K_REFRESH:
            nfiles = ui_attachment_count(code);
            load(code, &tv, &h, err, sizeof err);
            break;
        case K_HELP:
            keys_help(SC_DETAIL, "Chi tiết đề xuất\n"
                      "  Các mục: Nội dung, Xem xét, Quyết định, Theo dõi, Kết quả, Đánh giá,\n"
                      "  Nhân rộng, Khen thưởng, Sổ văn bản (số, ngày, người ký của các quyết\n"
                      "  định), Tài liệu đính kèm, Lịch sử.  Tab / ] sang mục sau, [ về mục trước.\n"
                      "  Thao tác (a): các bước quy trình vai trò của bạn được làm lúc này;\n"
                      "  mỗi bước mở một biểu mẫu đúng các trường cần ghi.\n"
                      "  Đính kèm (d): gõ đường dẫn tệp trên máy chủ (thư mục quét chung),\n"
                      "  chọn loại tài liệu; tệp được kiểm tra theo nội dung và lưu vào cơ sở\n"
                      "  dữ liệu cùng mã SHA-256.  Lưu ra tệp (x): chọn tài liệu, gõ đường dẫn\n"
                      "  tệp mới (không ghi đè tệp đã có).", NULL);
            break;
        default: tv_scroll(&tv, k.act, LINES - 3); break;
        }
    }
    tv_free(&tv);
}

int screen_new_proposal(const st_kv *vals, int n)
{
    char code[32] = "";
    int ok = form_proposal(NULL, vals, n, code, sizeof code);
    if (ok && !ui_stop) screen_detail(code);
    return ok;
}
