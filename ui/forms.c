/* The forms over the core: a workflow action's form (exactly that
 * action's fields from the workflow table) and the new/edit proposal form
 * (every field of the proposal table).  A form opened from a saved draft
 * gets the draft's values; the draft goes once the form is done (the form
 * widget saves one when the line drops, drafts.c offers it back). */
#include "form.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flow/conflict.h"
#include "flow/drafts.h"
#include "flow/formvals.h"
#include "flow/proposal.h"
#include "flow/units.h"
#include "flow/workflow.h"

#define MAXF 64

/* ---- drafts ------------------------------------------------------------- */

static void draft_done(const form *f)
{
    st_err e;
    err_clear(&e);
    int rc;
    if (f->context[0]) UI_DB(rc, draft_discard(U.db, &U.who, f->context, &e));
}

static void restore(form *f, const st_kv *vals, int n)
{
    for (int k = 0; k < n; k++) {
        int i = form_find(f, vals[k].name);
        if (i >= 0) form_set(f, i, vals[k].value);
    }
    if (n) {
        f->dirty = 1;
        snprintf(f->msg, sizeof f->msg, "Đã mở lại bản nháp chưa lưu; kiểm tra rồi Lưu.");
    }
}

/* The core refused a save: its message under the field it names (and on
 * the message line too, so that it is seen), else on the message line. */
static void save_refused(form *f, const st_err *e)
{
    form_error(f, e->field[0] ? e->field : NULL, e->msg);
    if (e->field[0] && form_find(f, e->field) >= 0) {
        char m[600];
        ui_readable(e->msg, m, sizeof m);
        snprintf(f->msg, sizeof f->msg, "Chưa lưu: %s", m);
        f->msg_err = 1;
    }
}

/* ---- workflow actions ------------------------------------------------------ */

typedef struct actx {
    const wf_action *a;
    char code[32];
    int64_t version;
    wf_pre pre;            /* what the record makes required, and the action's limit */
} actx;

/* Required now: the workflow's conditions on the values being typed (a
 * pilot's scope once "Cho thí điểm" is chosen, the head's vote on a tie)
 * and on the record (workflow_pre). */
static int action_required(const form *f, int i, void *ud)
{
    const actx *c = ud;
    st_kv kv[MAXF];
    char *store[MAXF];
    int n = form_values(f, kv, store, 0);
    int r = workflow_field_required(c->a, i, kv, n < 0 ? 0 : n, c->pre.need);
    for (int k = 0; k < n; k++) free(store[k]);
    return r;
}

static int yes(const form *f, const char *name)
{
    int i = form_find(f, name);
    if (i < 0) return 0;
    char *v = form_value(f, i);
    int r = v && strcmp(v, "1") == 0;   /* NULL: out of memory; only the suggestion reads it */
    free(v);
    return r;
}

static const char *suggestion(const form *f)
{
    int i = form_find(f, "outcome");
    char *outcome = i >= 0 ? form_value(f, i) : strdup("");
    const char *s = workflow_suggest_protection(outcome, yes(f, "damage"), yes(f, "in_line_policy"),
                                                yes(f, "clean_motive"), yes(f, "common_good"),
                                                yes(f, "no_prohibited_act"), yes(f, "abuse"));
    free(outcome);
    return s;
}

static void eval_note(form *f, char *buf, int n)
{
    snprintf(buf, (size_t)n, "Biện pháp bảo vệ theo quy định (gợi ý): %s",
             wf_measure_label(suggestion(f)));
}

int ui_action_destructive(const char *name)
{
    static const char *const d[] = {"withdraw", "reject", "terminate", "return", "suspend",
                                    "decline_replication", "close"};
    for (size_t i = 0; i < sizeof d / sizeof d[0]; i++) if (strcmp(d[i], name) == 0) return 1;
    return 0;
}

static int save_action(form *f, void *ud)
{
    actx *c = ud;
    if (strcmp(wf_action_name(c->a), "evaluate") == 0) {
        /* No measure chosen yet: start from what the rules suggest. */
        int i = form_find(f, "protection_measure");
        char *m = i >= 0 ? form_value(f, i) : NULL;
        if (m && !*m) form_set(f, i, suggestion(f));
        free(m);
    }
    st_kv kv[MAXF];
    char *store[MAXF];
    int n = form_values(f, kv, store, 0), ok = 0;
    if (n < 0) { form_error(f, NULL, "hết bộ nhớ"); return 0; }
    /* Every check the save would make, before any question is asked. */
    st_err errs[MAXF];
    int ne = workflow_check(U.db, &U.who, c->code, wf_action_name(c->a), kv, n, errs, MAXF);
    for (int i = 0; i < ne && i < MAXF; i++) {
        if (errs[i].field[0] && form_find(f, errs[i].field) >= 0) form_error(f, errs[i].field, errs[i].msg);
        else save_refused(f, &errs[i]);
    }
    if (ne) goto out;
    if (strcmp(wf_action_name(c->a), "evaluate") == 0) {
        int i = form_find(f, "protection_measure");
        char *m = i >= 0 ? form_value(f, i) : strdup("");
        if (!m) { form_error(f, NULL, "hết bộ nhớ"); goto out; }
        char q[600];
        snprintf(q, sizeof q, "Quy định gợi ý: %s. Xác nhận biện pháp bảo vệ: %s?",
                 wf_measure_label(suggestion(f)), wf_measure_label(m));
        free(m);
        if (!ui_confirm(q)) { snprintf(f->msg, sizeof f->msg, "Chưa lưu: hãy chọn lại biện pháp bảo vệ."); goto out; }
    }
    if (ui_action_destructive(wf_action_name(c->a))) {
        char q[400];
        snprintf(q, sizeof q, "%s đề xuất %s? Thao tác được ghi vào lịch sử, không hoàn tác.",
                 i18n_action(wf_action_label(c->a)), c->code);
        if (!ui_confirm(q)) { snprintf(f->msg, sizeof f->msg, "Chưa thực hiện."); goto out; }
    }
    st_err e;
    err_clear(&e);
    int rc;
    ui_msg("Đang ghi…", 0);
    refresh();
    char *notes = NULL;
    UI_DB(rc, workflow_apply_noted(U.db, &U.who, c->code, wf_action_name(c->a), kv, n, c->version,
                                   &e, &notes));
    if (rc == ST_OK) {
        ok = 1;
        const char *warn = notes ? notes : e.msg;
        /* Taken with warnings (a back-dated record, a lead or a bottleneck
         * Decree 73 may not cover): every line of them under the message,
         * on the screen the form returns to; kept in the history. */
        snprintf(ui_flash, sizeof ui_flash, "Đã ghi: %s (%s).%s", i18n_action(wf_action_label(c->a)),
                 c->code, *warn ? " Cảnh báo (lưu trong mục Lịch sử):" : "");
        snprintf(ui_flash_warn, sizeof ui_flash_warn, "%s", warn);
        free(notes);
    } else if (rc == ST_ECONFLICT) {
        snprintf(f->msg, sizeof f->msg, "Người khác vừa thay đổi đề xuất này. Hãy Esc, xem lại rồi làm lại "
                 "(các giá trị đang nhập vẫn còn đây).");
        f->msg_err = 1;
    } else {
        save_refused(f, &e);
    }
out:
    for (int i = 0; i < n; i++) free(store[i]);
    return ok;
}

int form_action(const char *code, const char *action, const st_kv *vals, int n)
{
    actx c;
    memset(&c, 0, sizeof c);
    c.a = wf_action_find(action);
    snprintf(c.code, sizeof c.code, "%s", code);
    proposal_head h;
    st_err e;
    err_clear(&e);
    int rc;
    UI_DB(rc, proposal_get_head(U.db, &U.who, code, &h, &e));
    if (rc) { ui_alert(e.msg); return 0; }
    if (!c.a || !wf_action_allowed(c.a, U.who.roles, h.state)) {
        ui_alert("Thao tác này không được phép với vai trò của bạn ở trạng thái hiện tại.");
        return 0;
    }
    /* What the record lacks refuses here, before a field is typed. */
    UI_DB(rc, workflow_pre(U.db, &U.who, code, action, &c.pre, &e));
    if (rc) {
        char m[700];
        snprintf(m, sizeof m, "%s: %s", i18n_action(wf_action_label(c.a)), e.msg);
        ui_alert(m);
        return 0;
    }
    c.version = h.version;
    form f;
    char title[300], ctx[160];
    snprintf(title, sizeof title, "%s — %s", i18n_action(wf_action_label(c.a)), code);
    snprintf(ctx, sizeof ctx, "act:%s:%s", code, action);
    form_init(&f, title, ctx);
    for (int i = 0; i < wf_action_nfields(c.a); i++) form_add(&f, wf_action_field(c.a, i));
    if (strcmp(action, "evaluate") == 0) f.note = eval_note;
    f.required = action_required;
    f.req_ud = &c;
    snprintf(f.limit, sizeof f.limit, "%s", c.pre.limit);
    form_mark_loaded(&f);
    f.dirty = 0;
    restore(&f, vals, n);
    if (f.n == 0) {
        /* An action without fields: confirm and apply. */
        char q[300];
        snprintf(q, sizeof q, "%s đề xuất %s?", i18n_action(wf_action_label(c.a)), code);
        int ok = ui_confirm(q) && save_action(&f, &c);
        form_free(&f);
        return ok;
    }
    int ok = form_run(&f, save_action, &c);
    if (ok || !ui_stop) draft_done(&f);
    form_free(&f);
    return ok;
}

/* ---- the proposal ------------------------------------------------------------ */

typedef struct pctx {
    int editing;
    char code[32];
    int64_t version;
    char *base[MAXF];      /* editing: the values the form was opened with */
} pctx;

/* Save an edit against the version the form was opened at; when someone
 * saved in between, the clerk chooses field by field (ui_conflict_choose)
 * and the choices are saved, again until no other save comes between.
 * ST_ECONFLICT when the clerk went back to the form (Esc). */
static int save_edit(pctx *c, const st_kv *kv, int n, st_err *e)
{
    st_kv base[MAXF];
    int nb = 0, rc;
    for (int i = 0; i < proposal_nfields() && i < MAXF; i++)
        if (c->base[i]) base[nb++] = (st_kv){proposal_field(i)->name, c->base[i]};
    proposal_conflict *cf = NULL;
    UI_DB(rc, proposal_save(U.db, &U.who, c->code, kv, n, base, nb, c->version, &cf, e));
    while (rc == ST_ECONFLICT && cf && !ui_stop) {
        if (!ui_conflict_choose(cf)) break;
        ui_msg("Đang ghi…", 0);
        refresh();
        UI_DB(rc, proposal_conflict_save(U.db, &U.who, cf, e));
        if (rc != ST_ECONFLICT) break;
        /* Yet another save came in between: compare again and ask again. */
        proposal_conflict_free(&cf);
        err_clear(e);
        UI_DB(rc, proposal_diff(U.db, &U.who, c->code, c->version, kv, n, base, nb, &cf, e));
        if (rc == ST_OK) rc = ST_ECONFLICT;
    }
    proposal_conflict_free(&cf);
    return rc;
}

/* The labels of the fields (+) that submitting needs and the form leaves
 * empty, separated by commas, "…" when they do not all fit. */
static void submit_missing(const form *f, char *buf, size_t n)
{
    buf[0] = '\0';
    for (int i = 0; i < f->n; i++) {
        if (!wf_submit_needs(f->f[i].fd.name)) continue;
        char *v = form_value(f, i);
        int empty = !v || !*v;
        free(v);
        if (!empty) continue;
        size_t len = strlen(buf);
        const char *l = _(f->f[i].fd.label);
        if (len + strlen(l) + 8 > n) {
            snprintf(buf + len, n - len, ", …");
            return;
        }
        snprintf(buf + len, n - len, "%s%s", len ? ", " : "", l);
    }
}

static int save_proposal(form *f, void *ud)
{
    pctx *c = ud;
    /* Every field through the core's own check first: errors by field. */
    int bad = 0;
    for (int i = 0; i < f->n; i++) {
        char *v = form_value(f, i), *norm = NULL;
        st_err e;
        err_clear(&e);
        if (!v) err_set(&e, ST_ENOMEM, "hết bộ nhớ");
        if (!v || ((*v || (f->f[i].fd.flags & FF_REQUIRED)) &&
                   field_normalize(&f->f[i].fd, v, &norm, &e) != ST_OK)) {
            ui_readable(e.msg, f->f[i].err, sizeof f->f[i].err);
            if (!bad++) f->cur = i;
        }
        free(v);
        free(norm);
    }
    if (bad) return 0;
    st_kv kv[MAXF];
    char *store[MAXF];
    int n = form_values(f, kv, store, c->editing), rc, ok = 0;
    if (n < 0) { form_error(f, NULL, "hết bộ nhớ"); return 0; }
    st_err e;
    err_clear(&e);
    ui_msg("Đang ghi…", 0);
    refresh();
    if (c->editing) {
        rc = save_edit(c, kv, n, &e);
    } else {
        UI_DB(rc, proposal_create(U.db, &U.who, kv, n, c->code, &e));
    }
    if (rc == ST_OK) {
        ok = 1;
        char missing[300];
        submit_missing(f, missing, sizeof missing);
        if (c->editing) snprintf(ui_flash, sizeof ui_flash, "Đã lưu đề xuất %s.", c->code);
        else if (!missing[0])
            snprintf(ui_flash, sizeof ui_flash, "Đã tạo đề xuất %s (dự thảo). Đủ nội dung: a → Gửi đề xuất.",
                     c->code);
        else
            snprintf(ui_flash, sizeof ui_flash, "Đã tạo đề xuất %s (dự thảo). Trước khi gửi cần điền: %s.",
                     c->code, missing);
    } else if (rc == ST_ECONFLICT) {
        snprintf(f->msg, sizeof f->msg, "Chưa lưu: người khác vừa sửa đề xuất này. Các giá trị bạn "
                 "nhập vẫn còn đây; lưu lại để so sánh và chọn từng trường.");
        f->msg_err = 1;
    } else {
        save_refused(f, &e);
    }
    for (int i = 0; i < n; i++) free(store[i]);
    return ok;
}

static int first_unit(const unit_row *r, void *ud)
{
    snprintf(ud, 64, "%s", r->code);
    return 1;
}

int form_proposal(const char *code, const st_kv *vals, int n, char *created, size_t cn)
{
    pctx c;
    memset(&c, 0, sizeof c);
    form f;
    char title[300], ctx[160];
    if (code) {
        c.editing = 1;
        snprintf(c.code, sizeof c.code, "%s", code);
        snprintf(title, sizeof title, "Sửa đề xuất %s", code);
        snprintf(ctx, sizeof ctx, "edit:%s", code);
    } else {
        snprintf(title, sizeof title, "Đề xuất mới");
        snprintf(ctx, sizeof ctx, "new");
    }
    form_init(&f, title, ctx);
    f.mark_submit = 1;
    for (int i = 0; i < proposal_nfields(); i++) form_add(&f, proposal_field(i));
    if (code) {
        char *cur[MAXF] = {0};
        st_err e;
        err_clear(&e);
        int rc;
        int64_t shown = -1;
        /* The base of a later save and the values shown, of one version. */
        for (int t = 0; t < 5 && shown != c.version; t++) {
            proposal_form_free(cur);
            proposal_form_free(c.base);
            UI_DB(rc, proposal_read_values(U.db, &U.who, code, c.base, &c.version, &e));
            if (!rc) UI_DB(rc, proposal_form_load(U.db, &U.who, code, cur, &shown, &e));
            if (rc) { proposal_form_free(c.base); ui_alert(e.msg); form_free(&f); return 0; }
        }
        for (int i = 0; i < f.n; i++) form_set(&f, i, cur[i]);
        proposal_form_free(cur);
    }
    form_mark_loaded(&f);
    if (!code) {
        /* A new proposal starts in the clerk's own unit. */
        char unit[64] = "";
        st_err e;
        err_clear(&e);
        int rc, i = form_find(&f, "employing_unit");
        UI_DB(rc, unit_list(U.db, &U.who, first_unit, unit, &e));
        (void)rc;   /* a stopped walk returns the callback's value */
        if (i >= 0 && unit[0]) form_set(&f, i, unit);
        f.dirty = 0;
    }
    restore(&f, vals, n);
    int ok = form_run(&f, save_proposal, &c);
    if (ok || !ui_stop) draft_done(&f);
    form_free(&f);
    proposal_form_free(c.base);
    if (ok && !code && created) snprintf(created, cn, "%s", c.code);
    return ok;
}
