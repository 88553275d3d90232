/* The printable report in the layout of Party documents (Hướng dẫn thể thức
 * văn bản của Đảng): the issuing body and "ĐẢNG CỘNG SẢN VIỆT NAM" side by
 * side, "Số …-BC/…" and "<place>, ngày … tháng … năm …", the title, the
 * body, "Nơi nhận:" beside the signature block — every name from the
 * settings — paginated for A4 with the page number on top from page 2, table
 * headers repeated on a new page, and the signature kept in one piece.
 * Printing goes through lp(1), never a shell. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "report.h"
#include "base/sbuf.h"
#include "text/text.h"
#include "base/workdays.h"

int report_page_lines(int width)
{
    /* A4 portrait at 10 characters per inch and 6 lines per inch leaves 64
     * lines inside the margins; 132 columns print landscape at 15 cpi. */
    return width >= 132 ? 46 : 64;
}

/* Centre s in w columns (cut to w when longer). */
static void centre(sbuf *b, const char *s, int w)
{
    int sw = text_width(s);
    int left = sw < w ? (w - sw) / 2 : 0;
    for (int i = 0; i < left; i++) sbuf_add(b, " ");
    sbuf_add(b, s);
    for (int i = left + sw; i < w; i++) sbuf_add(b, " ");
}

/* Words of s into lines of at most w columns, through the body renderer's
 * paragraph wrapping (a one-column "report"). */
static int words(const char *s, int w, report_lines *out)
{
    int before = out->n;
    const char *p = s;
    sbuf line;
    sbuf_init(&line);
    int lw = 0;
    while (*p) {
        while (*p == ' ') p++;
        if (!*p) break;
        const char *q = strchr(p, ' ');
        size_t n = q ? (size_t)(q - p) : strlen(p);
        char word[512];
        snprintf(word, sizeof word, "%.*s", (int)n, p);
        int ww = text_width(word);
        if (lw > 0 && lw + 1 + ww > w) {
            report_lines_add(out, sbuf_str(&line), RL_TEXT, 1);
            sbuf_free(&line);
            lw = 0;
        }
        if (lw > 0) { sbuf_add(&line, " "); lw++; }
        sbuf_add(&line, word);
        lw += ww;
        p += n;
    }
    if (lw > 0 || out->n == before) report_lines_add(out, sbuf_str(&line), RL_TEXT, 1);
    sbuf_free(&line);
    return out->n - before;
}

/* Two columns side by side: left lines centred (or not) in lw, right in rw. */
static void side_by_side(report_lines *doc, report_lines *l, int lcentre, report_lines *r,
                         int lw, int rw, int glue)
{
    int n = l->n > r->n ? l->n : r->n;
    for (int i = 0; i < n; i++) {
        sbuf b;
        sbuf_init(&b);
        const char *ls = i < l->n ? l->v[i].text : "";
        if (lcentre) {
            centre(&b, ls, lw);
        } else {
            sbuf_add(&b, ls);
            for (int k = text_width(ls); k < lw; k++) sbuf_add(&b, " ");
        }
        if (i < r->n) centre(&b, r->v[i].text, rw);
        /* No trailing blanks. */
        while (b.len && b.s[b.len - 1] == ' ') b.s[--b.len] = '\0';
        report_lines_add(doc, sbuf_str(&b), RL_TEXT, i ? 1 : glue);
        sbuf_free(&b);
    }
}

static void letterhead(const report *r, const config *cfg, const report_doc_opts *o, int w,
                       report_lines *doc)
{
    int lw = w * 2 / 5, rw = w - lw;
    report_lines L = {0}, R = {0};
    words(config_str(cfg, "org.name"), lw - 2, &L);
    report_lines_add(&L, "*", RL_TEXT, 1);
    char buf[300];
    const char *no = o->doc_no && *o->doc_no ? o->doc_no : "     ";
    snprintf(buf, sizeof buf, "Số %s-BC/%s", no, config_str(cfg, "org.doc_symbol"));
    report_lines_add(&L, buf, RL_TEXT, 1);
    const char *party = config_str(cfg, "org.party");
    words(party, rw - 2, &R);
    int uw = text_width(party);
    if (uw > rw - 2) uw = rw - 2;
    sbuf u;
    sbuf_init(&u);
    for (int i = 0; i < uw; i++) sbuf_add(&u, "-");
    report_lines_add(&R, sbuf_str(&u), RL_TEXT, 1);
    sbuf_free(&u);
    /* The date of signing: days below 10 and months 1 and 2 take a leading 0. */
    char iso[11];
    date_iso(date_today(), iso);
    int y = 0, m = 0, d = 0;
    sscanf(iso, "%d-%d-%d", &y, &m, &d);
    snprintf(buf, sizeof buf, "%s, ngày %02d tháng %s%d năm %d", config_str(cfg, "org.place"),
             d, m < 3 ? "0" : "", m, y);
    /* The date goes on the line of the number. */
    while (R.n < L.n - 1) report_lines_add(&R, "", RL_TEXT, 1);
    words(buf, rw - 2, &R);
    side_by_side(doc, &L, 1, &R, lw, rw, 0);
    report_lines_free(&L);
    report_lines_free(&R);
    report_lines_add(doc, "", RL_TEXT, 1);
    report_lines_add(doc, "", RL_TEXT, 1);
    sbuf b;
    sbuf_init(&b);
    centre(&b, r->title, w);
    while (b.len && b.s[b.len - 1] == ' ') b.s[--b.len] = '\0';
    report_lines_add(doc, sbuf_str(&b), RL_TITLE, 1);
    sbuf_free(&b);
    report_lines T = {0};
    words(r->subject, w - 10, &T);
    for (int i = 0; i < T.n; i++) {
        sbuf_init(&b);
        centre(&b, T.v[i].text, w);
        while (b.len && b.s[b.len - 1] == ' ') b.s[--b.len] = '\0';
        report_lines_add(doc, sbuf_str(&b), RL_TITLE, 1);
        sbuf_free(&b);
    }
    report_lines_free(&T);
    sbuf_init(&b);
    centre(&b, "-----", w);
    while (b.len && b.s[b.len - 1] == ' ') b.s[--b.len] = '\0';
    report_lines_add(doc, sbuf_str(&b), RL_TEXT, 1);
    sbuf_free(&b);
    report_lines_add(doc, "", RL_TEXT, 1);
}

static void signature(const config *cfg, int w, report_lines *doc)
{
    int lw = w * 2 / 5, rw = w - lw;
    report_lines L = {0}, R = {0};
    report_lines_add(&L, "Nơi nhận:", RL_TEXT, 1);
    const char *p = config_str(cfg, "org.recipients");
    while (*p) {
        size_t n = strcspn(p, "|");
        char item[300], line[320];
        snprintf(item, sizeof item, "%.*s", (int)n, p);
        text_trim(item);
        p += n + (p[n] == '|');
        if (!*item) continue;
        snprintf(line, sizeof line, "- %s%s", item, *p ? "," : ".");
        report_lines W = {0};
        words(line, lw - 2, &W);
        for (int i = 0; i < W.n; i++) {
            char ind[330];
            snprintf(ind, sizeof ind, "%s%s", i ? "  " : "", W.v[i].text);
            report_lines_add(&L, ind, RL_TEXT, 1);
        }
        report_lines_free(&W);
    }
    words(config_str(cfg, "org.signer_title"), rw - 2, &R);
    const char *pos = config_str(cfg, "org.signer_position");
    if (*pos) words(pos, rw - 2, &R);
    for (int i = 0; i < 4; i++) report_lines_add(&R, "", RL_TEXT, 1);
    const char *name = config_str(cfg, "org.signer_name");
    if (*name) words(name, rw - 2, &R);
    report_lines_add(doc, "", RL_TEXT, 0);
    side_by_side(doc, &L, 0, &R, lw, rw, 1);
    report_lines_free(&L);
    report_lines_free(&R);
}

/* ---- pages ------------------------------------------------------------------------------ */

typedef struct pager {
    FILE *f;
    int width, cap, used, page;
} pager;

static void new_page(pager *pg)
{
    char num[16];
    fputc('\f', pg->f);
    pg->page++;
    snprintf(num, sizeof num, "%d", pg->page);
    sbuf b;
    sbuf_init(&b);
    centre(&b, num, pg->width);
    while (b.len && b.s[b.len - 1] == ' ') b.s[--b.len] = '\0';
    fprintf(pg->f, "%s\n\n", sbuf_str(&b));
    sbuf_free(&b);
    pg->used = 2;
}

static void emit(pager *pg, const report_lines *doc, int k)
{
    const report_line *l = &doc->v[k];
    if (pg->used >= pg->cap) new_page(pg);
    /* A table going on over a page break: its header again first. */
    if (pg->used == 2 && pg->page > 1 && l->head >= 0 && l->style != RL_HEAD) {
        for (int h = l->head; h < l->head + l->nhead && h < doc->n; h++) {
            fprintf(pg->f, "%s\n", doc->v[h].text);
            pg->used++;
        }
    }
    if (pg->used == 2 && pg->page > 1 && !l->text[0]) return;   /* no blank on top */
    fprintf(pg->f, "%s\n", l->text);
    pg->used++;
}

int report_write_text(const report *r, const config *cfg, const report_doc_opts *o, FILE *f,
                      st_err *e)
{
    int w = o && o->width >= 132 ? 132 : 80;
    report_lines doc = {0};
    letterhead(r, cfg, o, w, &doc);
    int rc = report_render(r, w, 0, &doc);
    if (!rc) signature(cfg, w, &doc);
    if (rc || doc.oom) {
        report_lines_free(&doc);
        return err_set(e, ST_ENOMEM, "hết bộ nhớ");
    }
    pager pg = {f, w, report_page_lines(w), 0, 1};
    for (int i = 0; i < doc.n; i++) {
        int j = i;
        while (j + 1 < doc.n && doc.v[j + 1].glue) j++;
        int run = j - i + 1;
        /* Keep a glued run (a title with its table's head, the signature)
         * on one page when it fits on a page at all. */
        if (pg.used + run > pg.cap && pg.used > 2 && run <= pg.cap - 2) new_page(&pg);
        for (int k = i; k <= j; k++) emit(&pg, &doc, k);
        i = j;
    }
    report_lines_free(&doc);
    if (fflush(f) != 0 || ferror(f))
        return err_set(e, ST_EIO, "Không ghi được báo cáo: %s", strerror(errno));
    return ST_OK;
}

/* ---- printing ---------------------------------------------------------------------------- */

int report_print(const config *cfg, const char *path, int width, st_err *e)
{
    const char *printer = config_str(cfg, "report.printer");
    if (!printer || !*printer)
        return err_field(e, ST_EINVAL, "report.printer",
                         "Chưa cấu hình máy in (report.printer trong config.ini)");
    pid_t pid = fork();
    if (pid < 0) return err_set(e, ST_EIO, "Không chạy được lp: %s", strerror(errno));
    if (pid == 0) {
        /* lp runs as the user alone, never with the setgid group. */
        if (setgid(getgid()) != 0) _exit(126);
        int nul = open("/dev/null", O_RDWR);
        if (nul >= 0) {
            dup2(nul, STDIN_FILENO);
            dup2(nul, STDOUT_FILENO);
            dup2(nul, STDERR_FILENO);
        }
        if (width >= 132)
            execlp("lp", "lp", "-d", printer, "-o", "landscape", "-o", "cpi=15", "-o", "lpi=6",
                   "--", path, (char *)NULL);
        else
            execlp("lp", "lp", "-d", printer, "-o", "cpi=10", "-o", "lpi=6", "--", path,
                   (char *)NULL);
        _exit(127);
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) return err_set(e, ST_EIO, "lp: %s", strerror(errno));
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
        return err_set(e, ST_EIO, "Không tìm thấy lệnh lp (cài gói cups-client)");
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return err_set(e, ST_EIO, "lp không in được tới máy in \"%s\" (mã lỗi %d)", printer,
                       WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    return ST_OK;
}
