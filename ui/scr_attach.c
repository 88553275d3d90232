/* The documents filed with a proposal, from its detail screen: attach a
 * file by its path on the server (clerks scan to a shared folder; the core
 * reads it with the user's rights and checks its type by content), and
 * save one of them to a new file.  All of it through src/flow/attach.c. */
#include "form.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "flow/attach.h"

/* ---- attach ------------------------------------------------------------- */

typedef struct attx {
    const char *code;
} attx;

static const fielddef f_path = {
    "path", "Đường dẫn tệp trên máy chủ", FT_TEXT, FF_REQUIRED,
    NULL, NULL, 0, 0};
static const fielddef f_title = {
    "title", "Tiêu đề tài liệu", FT_TEXT, 0, NULL, NULL, 0, 0};

static char *value_of(const form *f, const char *name)
{
    int i = form_find(f, name);
    return i >= 0 ? form_value(f, i) : strdup("");
}

static int save_attach(form *f, void *ud)
{
    attx *c = ud;
    char *path = value_of(f, "path"), *kind = value_of(f, "kind"), *title = value_of(f, "title");
    int ok = 0;
    if (!path || !kind || !title) {
        form_error(f, NULL, "hết bộ nhớ");
    } else if (!*path) {
        form_error(f, "path", "Hãy nhập đường dẫn tệp cần đính kèm");
    } else {
        st_err e;
        err_clear(&e);
        int64_t id = 0;
        int rc;
        ui_msg("Đang đọc và lưu tệp…", 0);
        refresh();
        UI_DB(rc, attach_add(U.db, &U.who, c->code, path, kind, title, &id, &e));
        if (rc == ST_OK) {
            ok = 1;
            snprintf(ui_flash, sizeof ui_flash, "Đã đính kèm vào %s: %s.", c->code, path);
        } else {
            /* the file's problems belong to its path; kind and title name themselves */
            form_error(f, e.field[0] && form_find(f, e.field) >= 0 ? e.field : "path", e.msg);
        }
    }
    free(path);
    free(kind);
    free(title);
    return ok;
}

int ui_attach_file(const char *code)
{
    attx c = {code};
    form f;
    char title[200];
    snprintf(title, sizeof title, "Đính kèm tài liệu — %s", code);
    /* no draft context: a path is retyped in a moment, not worth keeping */
    form_init(&f, title, "");
    form_add(&f, &f_path);
    form_add(&f, attach_kind_field());
    form_add(&f, &f_title);
    form_mark_loaded(&f);
    f.dirty = 0;
    snprintf(f.msg, sizeof f.msg, "Ví dụ /srv/scan/bien-ban.pdf.  PDF, JPEG, PNG, TIFF, DOCX, "
             "XLSX, ODT hoặc DOC (xét theo nội dung).  F4: chọn loại tài liệu.");
    int ok = form_run(&f, save_attach, &c);
    form_free(&f);
    return ok;
}

/* ---- save one to a file ----------------------------------------------------- */

typedef struct alist {
    int n;
    int64_t id[64];
    char *label[64], *file[64];
} alist;

static int collect(const attach_row *r, void *ud)
{
    alist *l = ud;
    if (l->n >= 64) return 1;
    char kbuf[160], size[32], when[32], buf[600];
    attach_size_text(r->size, size);
    ui_time(r->created_at, when, sizeof when);
    snprintf(buf, sizeof buf, "Tệp %d · %s%s%s · %s · %s", l->n + 1,
             field_choice_label(attach_kind_field(), r->kind, kbuf, sizeof kbuf),
             *r->title ? " — " : "", r->title, size, when);
    l->id[l->n] = r->id;
    l->label[l->n] = strdup(buf);
    l->file[l->n] = strdup(r->filename);
    if (!l->label[l->n] || !l->file[l->n]) {
        free(l->label[l->n]);
        free(l->file[l->n]);
        return 1;
    }
    l->n++;
    return 0;
}

static void alist_free(alist *l)
{
    for (int i = 0; i < l->n; i++) { free(l->label[i]); free(l->file[i]); }
    l->n = 0;
}

/* How many files are attached to code (0 on any error). */
int ui_attachment_count(const char *code)
{
    alist l = {0};
    st_err e;
    err_clear(&e);
    int rc;
    UI_DB(rc, attach_list(U.db, &U.who, code, collect, &l, &e));
    int n = l.n;
    alist_free(&l);
    return rc ? 0 : n;
}

typedef struct getx {
    int64_t id;
} getx;

static const fielddef f_out = {
    "path", "Lưu ra tệp mới (đường dẫn trên máy chủ)", FT_TEXT, FF_REQUIRED, NULL, NULL, 0, 0};

static int save_get(form *f, void *ud)
{
    getx *c = ud;
    char *path = value_of(f, "path");
    int ok = 0;
    if (!path) {
        form_error(f, NULL, "hết bộ nhớ");
    } else if (!*path) {
        form_error(f, "path", "Hãy nhập đường dẫn tệp sẽ lưu");
    } else {
        st_err e;
        err_clear(&e);
        long long size = 0;
        char name[256];
        int rc;
        UI_DB(rc, attach_get(U.db, &U.who, c->id, path, &size, name, &e));
        if (rc == ST_OK) {
            char sz[32];
            attach_size_text(size, sz);
            snprintf(ui_flash, sizeof ui_flash, "Đã lưu %s (%s) ra %s.", name, sz, path);
            ok = 1;
        } else {
            form_error(f, "path", e.msg);
        }
    }
    free(path);
    return ok;
}

int ui_save_attachment(const char *code)
{
    alist l = {0};
    st_err e;
    err_clear(&e);
    int rc;
    UI_DB(rc, attach_list(U.db, &U.who, code, collect, &l, &e));
    if (rc) { ui_alert(e.msg); alist_free(&l); return 0; }
    if (!l.n) {
        ui_alert("Đề xuất này chưa có tài liệu đính kèm.");
        return 0;
    }
    char title[200];
    snprintf(title, sizeof title, "Lưu tài liệu đính kèm của %s ra tệp", code);
    int c = l.n == 1 ? 0 : pick_list(title, (const char *const *)l.label, l.n, l.n - 1);
    int ok = 0;
    if (c >= 0) {
        getx g = {l.id[c]};
        form f;
        snprintf(title, sizeof title, "Lưu tệp %d (%s) — %s", c + 1, l.file[c], code);
        form_init(&f, title, "");
        form_add(&f, &f_out);
        /* a new file of that name in the folder the program was started in */
        char cwd[1024], def[1400];
        if (getcwd(cwd, sizeof cwd)) snprintf(def, sizeof def, "%s/%s", cwd, l.file[c]);
        else snprintf(def, sizeof def, "%s", l.file[c]);
        form_set(&f, 0, def);
        form_mark_loaded(&f);
        f.dirty = 0;
        snprintf(f.msg, sizeof f.msg, "%s.  Tệp đã có không bị ghi đè; mã SHA-256 được kiểm "
                 "tra trước khi lưu.", l.label[c]);
        ok = form_run(&f, save_get, &g);
        form_free(&f);
    }
    alist_free(&l);
    return ok;
}
