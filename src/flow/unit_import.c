/* Importing the unit tree from CSV (never from code): reading and checking
 * the file, merging it with the stored tree (moves, renames, new units),
 * the paths, the scope check, the writes and the audit of what changed. */
#include "units.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "audit.h"
#include "base/csv.h"
#include "store/db_internal.h"
#include "events.h"
#include "base/sbuf.h"
#include "text/text.h"

#define CODE_MAX   32
#define NAME_MAX_B 300
#define PATH_MAX_B 256       /* st_actor.scope_path holds a path */
#define ROWS_MAX   20000     /* a province has hundreds; more is a wrong file */

/* ---- reading the file ------------------------------------------------- */

enum { COL_CODE, COL_NAME, COL_PARENT, COL_LEVEL, COL_SHORT, NCOLS };
static const char *const col_names[NCOLS] = {
    "code", "name", "parent_code", "level", "short_name"
};

typedef struct urow {
    char *f[NCOLS];          /* NFC, trimmed; "" for an absent column */
    long line;
} urow;

typedef struct ufile {
    urow *rows;
    int n, cap;
    const char *name;        /* for messages, or NULL */
} ufile;

static void ufile_free(ufile *uf)
{
    for (int i = 0; i < uf->n; i++)
        for (int c = 0; c < NCOLS; c++) free(uf->rows[i].f[c]);
    free(uf->rows);
}

__attribute__((format(printf, 5, 6)))
static int line_err(st_err *e, int code, const char *file, long line, const char *fmt, ...)
{
    char what[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (file) return err_set(e, code, "%s:%ld: %s", file, line, what);
    return err_set(e, code, "dòng %ld: %s", line, what);
}

static int code_valid(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > CODE_MAX) return 0;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && !strchr("._-", *s)) return 0;
    return 1;
}

static int has_control(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f) return 1;
    return 0;
}

/* Columns by name, so a spreadsheet may order them as it likes. */
static int read_header(char **f, int nf, int map[NCOLS], const char *file, st_err *e)
{
    for (int c = 0; c < NCOLS; c++) map[c] = -1;
    for (int i = 0; i < nf; i++) {
        char *h = text_trim(f[i]);
        int c = 0;
        while (c < NCOLS && strcasecmp(h, col_names[c]) != 0) c++;
        if (c == NCOLS || map[c] >= 0)
            return line_err(e, ST_EINVAL, file, 1, "cột '%.40s' không hợp lệ hoặc lặp lại; tiêu "
                            "đề phải là: code,name,parent_code,level[,short_name]", h);
        map[c] = i;
    }
    for (int c = 0; c < COL_SHORT; c++)
        if (map[c] < 0)
            return line_err(e, ST_EINVAL, file, 1, "thiếu cột '%s'; tiêu đề phải là: "
                            "code,name,parent_code,level[,short_name]", col_names[c]);
    return ST_OK;
}

static int check_row(const urow *r, const char *file, st_err *e)
{
    const char *code = r->f[COL_CODE], *parent = r->f[COL_PARENT], *name = r->f[COL_NAME];
    if (!*code) return line_err(e, ST_EINVAL, file, r->line, "thiếu mã đơn vị (code)");
    if (!code_valid(code))
        return line_err(e, ST_EINVAL, file, r->line, "mã đơn vị '%.40s' chỉ được gồm chữ cái "
                        "không dấu, chữ số, '.', '_', '-' (tối đa %d ký tự)", code, CODE_MAX);
    if (*parent && !code_valid(parent))
        return line_err(e, ST_EINVAL, file, r->line, "mã đơn vị cấp trên '%.40s' không hợp lệ",
                        parent);
    if (!*name) return line_err(e, ST_EINVAL, file, r->line, "thiếu tên đơn vị (name)");
    if (strlen(name) > NAME_MAX_B || strlen(r->f[COL_SHORT]) > NAME_MAX_B ||
        strlen(r->f[COL_LEVEL]) > CODE_MAX)
        return line_err(e, ST_EINVAL, file, r->line, "tên, tên viết tắt hoặc cấp quá dài");
    if (has_control(name) || has_control(r->f[COL_SHORT]) || has_control(r->f[COL_LEVEL]))
        return line_err(e, ST_EINVAL, file, r->line, "tên đơn vị chứa ký tự điều khiển "
                        "hoặc xuống dòng");
    return ST_OK;
}

/* One data record: NFC and trim every column, then check it. */
static int take_row(ufile *uf, char **fl, int nf, const int map[NCOLS], long line, st_err *e)
{
    int ncols = 0;
    for (int c = 0; c < NCOLS; c++) ncols += map[c] >= 0;
    if (nf > ncols)
        return line_err(e, ST_EINVAL, uf->name, line, "dòng có %d cột, tiêu đề chỉ có %d",
                        nf, ncols);
    if (uf->n >= ROWS_MAX)
        return line_err(e, ST_EINVAL, uf->name, line, "quá %d đơn vị trong một tệp", ROWS_MAX);
    if (uf->n == uf->cap) {
        int ncap = uf->cap ? uf->cap * 2 : 64;
        urow *nr = realloc(uf->rows, (size_t)ncap * sizeof *nr);
        if (!nr) return err_set(e, ST_ENOMEM, "hết bộ nhớ");
        uf->rows = nr;
        uf->cap = ncap;
    }
    urow *u = &uf->rows[uf->n++];
    memset(u, 0, sizeof *u);
    u->line = line;
    for (int c = 0; c < NCOLS; c++) {
        st_err te;
        err_clear(&te);
        if (text_nfc(map[c] >= 0 && map[c] < nf ? fl[map[c]] : "", &u->f[c], &te) != ST_OK)
            return te.code == ST_ENOMEM ? err_set(e, ST_ENOMEM, "hết bộ nhớ")
                                        : line_err(e, ST_EINVAL, uf->name, line, "%s", te.msg);
        text_trim(u->f[c]);
    }
    return check_row(u, uf->name, e);
}

static int read_rows(FILE *f, ufile *uf, st_err *e)
{
    csv_reader *r = NULL;
    if (csv_open(f, &r) != ST_OK) return err_set(e, ST_ENOMEM, "hết bộ nhớ");
    if (uf->name) csv_set_name(r, uf->name);
    char **fl;
    int nf, got, map[NCOLS], rc = ST_OK, header = 1;
    while (!rc && (got = csv_next(r, &fl, &nf, e)) == 1) {
        if (header) rc = read_header(fl, nf, map, uf->name, e);
        else rc = take_row(uf, fl, nf, map, csv_line(r), e);
        header = 0;
    }
    if (!rc && got < 0) rc = e && e->code ? e->code : ST_EINVAL;
    csv_close(&r);
    if (!rc && (header || uf->n == 0))
        rc = err_set(e, ST_EINVAL, "%s: %s", uf->name ? uf->name : "CSV", header
                     ? "tệp rỗng, thiếu dòng tiêu đề" : "không có đơn vị nào sau dòng tiêu đề");
    return rc;
}

/* ---- merging with the units already stored ----------------------------- */

typedef struct unode {
    int64_t id;
    char *code, *stored_parent;      /* stored_parent: code, for stored units */
    char old_path[PATH_MAX_B], path[PATH_MAX_B];
    int in_db, sort;
    const urow *row;   /* the file row, or NULL when the file leaves it alone */
    int parent;        /* node index, -1 for a root */
    int depth;         /* -1 until the path is computed */
} unode;

typedef struct utree {
    unode *v;
    int n, ndb;
    int *byc;          /* node indices sorted by code */
} utree;

static void utree_free(utree *t)
{
    for (int i = 0; i < t->ndb; i++) { free(t->v[i].code); free(t->v[i].stored_parent); }
    free(t->v);
    free(t->byc);
}

static const utree *cmp_tree;  /* qsort has no user pointer in C11 */
static int node_cmp(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    int c = strcmp(cmp_tree->v[x].code, cmp_tree->v[y].code);
    return c ? c : (x > y) - (x < y);
}

static void index_codes(utree *t, int n)
{
    for (int i = 0; i < n; i++) t->byc[i] = i;
    cmp_tree = t;
    qsort(t->byc, (size_t)n, sizeof *t->byc, node_cmp);
}

static int find_code(const utree *t, int n, const char *code)
{
    int lo = 0, hi = n - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2, c = strcmp(code, t->v[t->byc[mid]].code);
        if (!c) return t->byc[mid];
        if (c < 0) hi = mid - 1; else lo = mid + 1;
    }
    return -1;
}

static int load_stored(st_db *db, utree *t, int extra, st_err *e)
{
    sqlite3_stmt *st;
    int rc = db_prepare(db, "SELECT count(*) FROM units", &st, e);
    if (rc) return rc;
    int cnt = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    size_t cap = (size_t)cnt + (size_t)extra + 1;
    t->v = calloc(cap, sizeof *t->v);
    t->byc = calloc(cap, sizeof *t->byc);
    if (!t->v || !t->byc) return err_set(e, ST_ENOMEM, "hết bộ nhớ");
    if ((rc = db_prepare(db, "SELECT u.id, u.code, p.code, u.path FROM units u "
                         "LEFT JOIN units p ON p.id = u.parent_id", &st, e)))
        return rc;
    int step = SQLITE_DONE;
    while (t->n < cnt && (step = sqlite3_step(st)) == SQLITE_ROW) {
        unode *u = &t->v[t->n++];
        u->in_db = 1;
        u->id = sqlite3_column_int64(st, 0);
        u->code = strdup(db_col_text(st, 1));
        u->stored_parent = strdup(db_col_text(st, 2));
        snprintf(u->old_path, sizeof u->old_path, "%s", db_col_text(st, 3));
        t->ndb = t->n;
        if (!u->code || !u->stored_parent) {
            sqlite3_finalize(st);
            return err_set(e, ST_ENOMEM, "hết bộ nhớ");
        }
    }
    rc = (step == SQLITE_ROW || step == SQLITE_DONE) ? ST_OK : db_fail(db, e, "đọc đơn vị");
    sqlite3_finalize(st);
    return rc;
}

/* Attach file rows to stored nodes or add new nodes; link parents; refuse
 * duplicates and cycles. */
static int merge_rows(utree *t, const ufile *uf, st_err *e)
{
    index_codes(t, t->ndb);
    for (int i = 0; i < uf->n; i++) {
        const urow *r = &uf->rows[i];
        int k = find_code(t, t->ndb, r->f[COL_CODE]);
        if (k >= 0 && t->v[k].row)
            return line_err(e, ST_EINVAL, uf->name, r->line, "mã đơn vị '%s' bị trùng (đã có "
                            "ở dòng %ld)", r->f[COL_CODE], t->v[k].row->line);
        if (k < 0) {
            k = t->n++;
            t->v[k].code = r->f[COL_CODE];   /* borrowed from the row */
        }
        t->v[k].row = r;
        t->v[k].sort = i + 1;                /* file order is display order */
    }
    index_codes(t, t->n);
    for (int i = 1; i < t->n; i++) {   /* two new rows with one code */
        const unode *a = &t->v[t->byc[i - 1]], *b = &t->v[t->byc[i]];
        if (strcmp(a->code, b->code) == 0)
            return line_err(e, ST_EINVAL, uf->name, b->row->line, "mã đơn vị '%s' bị trùng "
                            "(đã có ở dòng %ld)", b->code, a->row->line);
    }
    for (int i = 0; i < t->n; i++) {
        unode *u = &t->v[i];
        const char *pc = u->row ? u->row->f[COL_PARENT] : u->stored_parent;
        u->depth = -1;
        u->parent = *pc ? find_code(t, t->n, pc) : -1;
        if (*pc && u->parent < 0)
            return line_err(e, ST_EINVAL, uf->name, u->row ? u->row->line : 0, "đơn vị cấp "
                            "trên '%s' không có trong tệp hay cơ sở dữ liệu", pc);
    }
    /* A cycle needs a row of the file (the stored tree has none); walking up
     * from each row finds the first one that comes back to itself. */
    for (int i = 0; i < t->n; i++) {
        if (!t->v[i].row) continue;
        int p = t->v[i].parent, steps = 0;
        while (p >= 0 && p != i && steps++ <= t->n) p = t->v[p].parent;
        if (p == i)
            return line_err(e, ST_EINVAL, uf->name, t->v[i].row->line,
                            "vòng lặp: đơn vị '%s' lại nằm dưới chính nó", t->v[i].code);
    }
    return ST_OK;
}

/* Paths from the root; new units take ids from first_id on. */
static int compute_paths(utree *t, int64_t first_id, const ufile *uf, st_err *e)
{
    for (int i = 0; i < t->n; i++)
        if (!t->v[i].in_db) t->v[i].id = first_id++;
    for (int progress = 1; progress;) {
        progress = 0;
        for (int i = 0; i < t->n; i++) {
            unode *u = &t->v[i];
            const unode *p = u->parent >= 0 ? &t->v[u->parent] : NULL;
            if (u->depth >= 0 || (p && p->depth < 0)) continue;
            char tmp[PATH_MAX_B];
            int w = snprintf(tmp, sizeof tmp, "%s%lld/", p ? p->path : "/", (long long)u->id);
            if (w < 0 || (size_t)w >= sizeof tmp)
                return line_err(e, ST_EINVAL, uf->name, u->row ? u->row->line : 0,
                                "cây đơn vị quá sâu tại '%s'", u->code);
            memcpy(u->path, tmp, (size_t)w + 1);
            u->depth = p ? p->depth + 1 : 0;
            progress = 1;
        }
    }
    return ST_OK;
}

/* A scoped admin changes only units inside the scope, before and after;
 * an empty scope path is inside nothing. */
static int check_scope(const utree *t, const st_actor *who, const ufile *uf, st_err *e)
{
    size_t n = strlen(who->scope_path);
    for (int i = 0; i < t->n; i++) {
        const unode *u = &t->v[i];
        if (u->row && (!n || (u->in_db && strncmp(u->old_path, who->scope_path, n)) ||
                       strncmp(u->path, who->scope_path, n)))
            return line_err(e, ST_EPERM, uf->name, u->row->line, "đơn vị '%s' nằm ngoài "
                            "phạm vi quản lý của bạn", u->code);
    }
    return ST_OK;
}

/* Insert new units; update the file's units and the paths of stored ones
 * below a moved unit.  The WHERE clauses skip rows that would not change,
 * so a repeated import leaves versions alone. */
static const char *const write_sql[3] = {
    "INSERT INTO units(id, code, name, short_name, level, parent_id, path, sort, updated_at) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    "UPDATE units SET name = ?3, short_name = ?4, level = ?5, parent_id = ?6, path = ?7, "
    "sort = ?8, updated_at = ?9, deleted = 0, version = version + 1 WHERE id = ?1 AND "
    "code = ?2 AND (name IS NOT ?3 OR short_name IS NOT ?4 OR level IS NOT ?5 OR "
    "parent_id IS NOT ?6 OR path IS NOT ?7 OR sort IS NOT ?8 OR deleted != 0)",
    "UPDATE units SET path = ?7, updated_at = ?9, version = version + 1 "
    "WHERE id = ?1 AND code = ?2 AND path IS NOT ?7",
};

/* Parents before children, for the foreign key on parent_id. */
static int write_tree(st_db *db, const utree *t, int *added, int *updated, st_err *e)
{
    sqlite3_stmt *st[3] = {0};
    int rc = ST_OK, maxd = 0;
    for (int k = 0; k < 3 && !rc; k++) rc = db_prepare(db, write_sql[k], &st[k], e);
    char now[32];
    db_now(now);
    for (int i = 0; i < t->n; i++) if (t->v[i].depth > maxd) maxd = t->v[i].depth;
    for (int d = 0; !rc && d <= maxd; d++)
        for (int i = 0; !rc && i < t->n; i++) {
            const unode *u = &t->v[i];
            if (u->depth != d) continue;
            sqlite3_stmt *s = st[!u->in_db ? 0 : u->row ? 1 : 2];
            char *const *f = u->row ? u->row->f : NULL;
            sqlite3_reset(s);
            sqlite3_clear_bindings(s);
            sqlite3_bind_int64(s, 1, u->id);
            sqlite3_bind_text(s, 2, u->code, -1, SQLITE_STATIC);
            if (f) {
                sqlite3_bind_text(s, 3, f[COL_NAME], -1, SQLITE_STATIC);
                sqlite3_bind_text(s, 4, f[COL_SHORT], -1, SQLITE_STATIC);
                sqlite3_bind_text(s, 5, f[COL_LEVEL], -1, SQLITE_STATIC);
                if (u->parent >= 0) sqlite3_bind_int64(s, 6, t->v[u->parent].id);
                sqlite3_bind_int(s, 8, u->sort);
            }
            sqlite3_bind_text(s, 7, u->path, -1, SQLITE_STATIC);
            sqlite3_bind_text(s, 9, now, -1, SQLITE_STATIC);
            if (sqlite3_step(s) != SQLITE_DONE) rc = db_fail(db, e, "ghi đơn vị");
            else if (sqlite3_changes(db_h(db)) > 0) (*(u->in_db ? updated : added))++;
        }
    for (int k = 0; k < 3; k++) sqlite3_finalize(st[k]);
    return rc;
}

static int import_rows(st_db *db, const st_actor *who, const ufile *uf, st_err *e)
{
    utree t;
    memset(&t, 0, sizeof t);
    int added = 0, updated = 0;
    int rc = db_begin(db, e);
    if (rc) return rc;
    if (!(rc = audit_units_before(db, e)) &&   /* the audit's "from" values */
        !(rc = load_stored(db, &t, uf->n, e)) && !(rc = merge_rows(&t, uf, e)) &&
        !(rc = compute_paths(&t, db_new_id(db, "units"), uf, e)) &&
        !(rc = who ? check_scope(&t, who, uf, e) : ST_OK))
        rc = write_tree(db, &t, &added, &updated, e);
    if (!rc) {
        sbuf js;
        char cm[96];
        sbuf_init(&js);
        sbuf_add(&js, "{\"file\":");
        sbuf_json_str(&js, uf->name ? uf->name : "");
        sbuf_addf(&js, ",\"count\":%d,\"added\":%d,\"updated\":%d", uf->n, added, updated);
        snprintf(cm, sizeof cm, "Nhập %d đơn vị (thêm %d, sửa %d)", uf->n, added, updated);
        rc = audit_units_changes(db, &js, e);
        sbuf_add(&js, "}");
        if (!rc) rc = js.oom ? err_set(e, ST_ENOMEM, "hết bộ nhớ")
                    : event_write(db, who, 0, "unit_import", NULL, NULL, cm, NULL, NULL,
                                  sbuf_str(&js), NULL, e);
        sbuf_free(&js);
    }
    utree_free(&t);
    if (!rc) return db_commit(db, e);
    db_rollback(db);
    return rc;
}

int unit_import_csv(st_db *db, const st_actor *who, FILE *f, const char *name,
                    int *count, st_err *e)
{
    if (count) *count = 0;
    if (who && !(who->roles & ROLE_ADMIN))
        return err_set(e, ST_EPERM, "Chỉ quản trị viên được nhập danh sách đơn vị");
    if (!f) return err_set(e, ST_EINVAL, "thiếu tệp CSV");
    ufile uf;
    memset(&uf, 0, sizeof uf);
    uf.name = name && *name ? name : NULL;
    int rc = read_rows(f, &uf, e);
    if (!rc) rc = import_rows(db, who, &uf, e);
    if (!rc && count) *count = uf.n;
    ufile_free(&uf);
    return rc;
}

int unit_import_text(st_db *db, const st_actor *who, const char *csv_text,
                     const char *name, int *count, st_err *e)
{
    if (count) *count = 0;
    size_t len = csv_text ? strlen(csv_text) : 0;
    if (len == 0)
        return err_set(e, ST_EINVAL, "%s: tệp rỗng, thiếu dòng tiêu đề", name ? name : "CSV");
    FILE *f = fmemopen((void *)csv_text, len, "r");
    if (!f) return err_set(e, ST_ENOMEM, "hết bộ nhớ");
    int rc = unit_import_csv(db, who, f, name, count, e);
    fclose(f);
    return rc;
}
