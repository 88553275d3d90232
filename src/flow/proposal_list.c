/* The list of proposals: filtered by state, unit, field, dates and search
 * words, sorted and paged in SQL, in the actor's scope (proposal_list of
 * proposal.h); a search's first page found by walking the list's order. */
#include "proposal.h"

#include <stdlib.h>
#include <string.h>

#include "store/db_internal.h"
#include "base/sbuf.h"
#include "proposal_rows.h"
#include "scope.h"
#include "search.h"
#include "units.h"
#include "workflow_states.h"

/* ---- a small scope's search: the index read once, its rows tested in C ---- */

/* The rowids a search matches, ascending (FTS5 gives them so; sorted if not). */
typedef struct hitset { int64_t *v; int n, read; } hitset;

static int cmp_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

static int hits_read_in(st_db *db, int marks, const char *match, hitset *h, st_err *e)
{
    sqlite3_stmt *st;
    int rc = db_prepare(db, marks ? "SELECT rowid FROM proposal_marks WHERE proposal_marks MATCH ?1"
                                  : "SELECT rowid FROM proposal_fts WHERE proposal_fts MATCH ?1",
                        &st, e);
    if (rc) return rc;
    sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
    int cap = 0, sorted = 1, step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (h->n == cap) {
            cap = cap ? cap * 2 : 1024;
            int64_t *v = realloc(h->v, (size_t)cap * sizeof *v);
            if (!v) { sqlite3_finalize(st); return err_set(e, ST_ENOMEM, "hết bộ nhớ"); }
            h->v = v;
        }
        h->v[h->n] = sqlite3_column_int64(st, 0);
        if (h->n && h->v[h->n] < h->v[h->n - 1]) sorted = 0;
        h->n++;
    }
    sqlite3_finalize(st);
    if (step != SQLITE_DONE) return db_fail(db, e, "tìm đề xuất");
    if (!sorted) qsort(h->v, (size_t)h->n, sizeof *h->v, cmp_id);
    h->read = 1;
    return ST_OK;
}

static int hits_read(st_db *db, const char *match, hitset *h, st_err *e)
{
    return hits_read_in(db, 0, match, h, e);
}

static int in_set(const hitset *h, int64_t id)
{
    return h->n > 0 && bsearch(&id, h->v, (size_t)h->n, sizeof id, cmp_id) != NULL;
}

/* Ids as a JSON array (for json_each), malloc'd; NULL when out of memory. */
static char *ids_json(const int64_t *v, int n)
{
    sbuf b;
    sbuf_init(&b);
    sbuf_add(&b, "[");
    for (int i = 0; i < n; i++) sbuf_addf(&b, "%s%lld", i ? "," : "", (long long)v[i]);
    sbuf_add(&b, "]");
    char *s = b.oom ? NULL : sbuf_take(&b);
    sbuf_free(&b);
    return s;
}

/* The proposals not deleted, from the home screen's counts (014_counts.sql). */
static double proposals_total(st_db *db)
{
    sqlite3_stmt *st;
    double n = 0;
    if (db_stmt(db, "SELECT coalesce(sum(n), 0) FROM proposal_counts", &st, NULL) != ST_OK)
        return 0;
    if (sqlite3_step(st) == SQLITE_ROW) n = sqlite3_column_double(st, 0);
    db_release(db, st);
    return n;
}

/* The sets st_hit reads: list_rank's, while its statements run (a process
 * runs one list at a time).  The function is registered once for the
 * connection: registering it again for each search expired every kept
 * statement of the connection (db_stmt), re-prepared at its next use. */
static const hitset *hit_sets;

/* st_hit(k, id): is id among the hits of set k (0 every column, 1 the title,
 * 2 the group of marks list_rank is reading)? */
static void sql_hit(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const hitset *sets = hit_sets;
    int k = sqlite3_value_int(argv[0]);
    if (k < 0 || k > 2) k = 0;
    sqlite3_result_int(ctx, sets && in_set(&sets[k], sqlite3_value_int64(argv[1])));
}

/* st_hit on this connection, once; 0 when it cannot be. */
static int hit_ready(st_db *db)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db_h(db), "SELECT st_hit(0, 0)", -1, &st, NULL) == SQLITE_OK) {
        sqlite3_finalize(st);
        return 1;
    }
    return sqlite3_create_function(db_h(db), "st_hit", 2, SQLITE_UTF8, NULL, sql_hit, NULL,
                                   NULL) == SQLITE_OK;
}

/* The list's parameters, the same numbers in every statement it runs. */
static void bind_list(sqlite3_stmt *st, const st_actor *who, const proposal_filter *f,
                      const char *upath, const char *match, const char *in_title,
                      const char *ids)
{
    sqlite3_bind_text(st, 1, scope_bind(who), -1, SQLITE_STATIC);
    if (f->state && *f->state) sqlite3_bind_text(st, 2, f->state, -1, SQLITE_STATIC);
    if (*upath) sqlite3_bind_text(st, 3, upath, -1, SQLITE_STATIC);
    if (f->field && *f->field) sqlite3_bind_text(st, 4, f->field, -1, SQLITE_STATIC);
    if (f->from && *f->from) sqlite3_bind_text(st, 10, f->from, -1, SQLITE_STATIC);
    if (f->to && *f->to) sqlite3_bind_text(st, 11, f->to, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 5, f->limit > 0 ? f->limit : -1);
    sqlite3_bind_int(st, 6, f->offset > 0 ? f->offset : 0);
    if (match) {
        sqlite3_bind_text(st, 7, match, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 8, f->search, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 9, in_title, -1, SQLITE_STATIC);
    }
    if (ids) sqlite3_bind_text(st, 12, ids, -1, SQLITE_STATIC);
}

#define PLAIN_FROM "proposals p JOIN units eu ON eu.id = p.employing_unit_id "

/* Rows a search walks in the list's order before it ranks every hit instead:
 * a word in one row of 50 fills a page within it (make bench).  A chosen
 * order tests each row's whole indexed text, 60 µs a row: it gives up
 * sooner, and the index finds a rarer word's page (make bench: 'quan ly dat
 * dai' by title, 2.7 % of the rows, walked 780 rows for 67 ms). */
#define WALK_BUDGET 200
#define SORTED_WALK_BUDGET 100

/* A search in the list's own order (a chosen sort; or, when no marks were
 * typed, the latest first of the matches in the title, which come before
 * all others): walk that order through its index, testing each row's
 * indexed text, until offset + limit rows match.  A common word fills the
 * page after a few rows where ranking read every hit (make bench: 'so hoa
 * h' has 88 000).  *ids: the page's ids as a JSON array, or NULL when the
 * walk could not tell (a rare word: the hits are ranked as before). */
static int list_walk(st_db *db, const st_actor *who, const proposal_filter *f,
                     const char *upath, const char *from, const char *order, char **ids,
                     st_err *e)
{
    *ids = NULL;
    int sorted = f->sort && *f->sort, want = f->limit + (f->offset > 0 ? f->offset : 0);
    if (want > 1000) return ST_OK;
    sbuf sql;
    sbuf_init(&sql);
    /* A chosen order: the ids in it, and each one's indexed text (already
     * folded, column by column from the index's own rows, FTS5's content
     * table) read only as the walk reaches it, the code and title before
     * the long content; the walk stops reading a row once every word is
     * seen.  A small scope's rows are sorted first: with their texts in the
     * sort, every row's was read (a commune clerk's key: 3–7 ms). */
    if (sorted)
        sbuf_addf(&sql, "SELECT p.id FROM %s ORDER BY %s", from, order);
    else
        sbuf_addf(&sql, "SELECT p.id, fold(p.title) FROM %s ORDER BY p.updated_at DESC, p.id DESC",
                  from);
    sqlite3_stmt *st = NULL;
    int rc = sql.oom ? err_set(e, ST_ENOMEM, "hết bộ nhớ") : db_prepare(db, sbuf_str(&sql), &st, e);
    sbuf_free(&sql);
    if (rc) return rc;
    bind_list(st, who, f, upath, NULL, NULL, NULL);
    sqlite3_stmt *text = NULL;
    if (sorted && (rc = db_stmt(db, "SELECT c0, c1, c2, c3, c4 FROM proposal_fts_content "
                                "WHERE id = ?1", &text, e))) {
        sqlite3_finalize(st);
        return rc;
    }
    int64_t *v = malloc((size_t)want * sizeof *v);
    int n = 0, w = v ? search_walk(st, text, sorted ? 5 : 1, f->search, want,
                                   sorted ? SORTED_WALK_BUDGET : WALK_BUDGET,
                                   v, &n) : -SQLITE_NOMEM;
    sqlite3_finalize(st);
    if (text) db_release(db, text);
    if (w < 0) rc = w == -SQLITE_NOMEM ? err_set(e, ST_ENOMEM, "hết bộ nhớ")
                                       : db_fail(db, e, "đọc danh sách đề xuất");
    else if ((w == SEARCH_WALK_FOUND || (sorted && w == SEARCH_WALK_END)) &&
             !(*ids = ids_json(v, n)))
        rc = err_set(e, ST_ENOMEM, "hết bộ nhớ");
    free(v);
    return rc;
}

/* One part of a ranked page: sql's ids (it ends in LIMIT ?13, the rows
 * still wanted; ?14, when given, the ids it starts from) appended to v. */
static int rank_ids(st_db *db, const sbuf *sql, const st_actor *who, const proposal_filter *f,
                    const char *upath, const char *match, const char *in_title,
                    const char *from_ids, int64_t *v, int *n, int want, st_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = sql->oom ? err_set(e, ST_ENOMEM, "hết bộ nhớ") : db_prepare(db, sbuf_str(sql), &st, e);
    if (rc) return rc;
    bind_list(st, who, f, upath, match, in_title, NULL);
    sqlite3_bind_int(st, 13, want - *n);
    if (from_ids) sqlite3_bind_text(st, 14, from_ids, -1, SQLITE_STATIC);
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW && *n < want) v[(*n)++] = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return step == SQLITE_ROW || step == SQLITE_DONE ? ST_OK : db_fail(db, e, "tìm đề xuất");
}

/* Part 0 of list_rank for a scope whose rows st_hit can test: the matches
 * with the very marks typed, in groups of equal rank — the score (per typed
 * word, 2 for the word itself, 1 for a word it begins, as search_marks_sql
 * scores) from the highest, each group with every word in the title first
 * — each group read the latest first as the other parts are: walked when
 * dense, joined when few.  Ranking all 7 521 proposals with "Đặng" in a
 * title or proposer's name sorted them all (make bench: 24 ms); the first
 * group or two fill the page.  sets: list_rank's (every column, the title;
 * the third is the group). */
static int rank_marks(st_db *db, const st_actor *who, const proposal_filter *f,
                      const char *upath, const char *where, const char *match,
                      const char *in_title, int small, int all, int large, double total,
                      hitset *sets, int64_t *v, int *n, int want, st_err *e)
{
    search_words sw;
    if (search_marks_split(&sw, f->search) != 0) return err_set(e, ST_ENOMEM, "hết bộ nhớ");
    int nw = sw.n, rc = ST_OK;
    hitset *ex = calloc((size_t)(2 * nw + 1), sizeof *ex);
    if (!ex) {
        search_words_free(&sw);
        return err_set(e, ST_ENOMEM, "hết bộ nhớ");
    }
    hitset *pre = ex + nw;
    int64_t *cand = NULL;
    int *key = NULL, ncand = 0;
    for (int k = 0; k < nw && !rc; k++) {
        char q[300];
        snprintf(q, sizeof q, "\"%s\"", sw.word[k]);
        if (!(rc = hits_read_in(db, 1, q, &ex[k], e))) {
            snprintf(q, sizeof q, "\"%s\"*", sw.word[k]);
            rc = hits_read_in(db, 1, q, &pre[k], e);
        }
    }
    if (!rc && !sets[0].read) rc = hits_read(db, match, &sets[0], e);
    if (!rc && !sets[1].read) rc = hits_read(db, in_title, &sets[1], e);
    /* The candidates: a word begun with its marks, and every word matched
     * (the union of the prefix sets, tested against every column's hits). */
    long cap = 0;
    for (int k = 0; k < nw; k++) cap += pre[k].n;
    if (!rc && cap && (!(cand = malloc((size_t)cap * sizeof *cand)) ||
                       !(key = malloc((size_t)cap * sizeof *key))))
        rc = err_set(e, ST_ENOMEM, "hết bộ nhớ");
    for (int k = 0; k < nw && !rc; k++)
        for (int i = 0; i < pre[k].n; i++)
            if (in_set(&sets[0], pre[k].v[i])) cand[ncand++] = pre[k].v[i];
    if (!rc && ncand) {
        qsort(cand, (size_t)ncand, sizeof *cand, cmp_id);
        int m = 0;
        for (int i = 0; i < ncand; i++)
            if (!m || cand[m - 1] != cand[i]) cand[m++] = cand[i];
        ncand = m;
    }
    int top = 0;
    for (int i = 0; i < ncand; i++) {
        int score = 0;
        for (int k = 0; k < nw; k++) score += in_set(&ex[k], cand[i]) + in_set(&pre[k], cand[i]);
        key[i] = score * 2 + in_set(&sets[1], cand[i]);
        if (key[i] > top) top = key[i];
    }
    /* Each group, the highest first: its ids (in id order) as set 2. */
    int64_t *grp = ncand ? malloc((size_t)ncand * sizeof *grp) : NULL;
    if (ncand && !grp && !rc) rc = err_set(e, ST_ENOMEM, "hết bộ nhớ");
    for (int g = top; g >= 2 && *n < want && !rc; g--) {
        int h = 0;
        for (int i = 0; i < ncand; i++)
            if (key[i] == g) grp[h++] = cand[i];
        if (!h) continue;
        sets[2] = (hitset){grp, h, 1};
        int walk = small || ((all || large) && (double)h * h > (double)(want - *n) * total);
        /* Few: the planner starts from them. */
        char *few = walk ? NULL : ids_json(grp, h);
        sbuf sql;
        sbuf_init(&sql);
        sbuf_addf(&sql, "SELECT p.id FROM proposals p %sJOIN units eu ON eu.id = "
                  "p.employing_unit_id %s AND st_hit(2, p.id)%s ORDER BY p.updated_at DESC, "
                  "p.id DESC LIMIT ?13", !walk ? "INDEXED BY proposals_narrow " :
                  all ? "INDEXED BY proposals_updated " : "", where,
                  walk ? "" : " AND p.id IN (SELECT value FROM json_each(?14))");
        rc = !walk && !few ? err_set(e, ST_ENOMEM, "hết bộ nhớ")
                           : rank_ids(db, &sql, who, f, upath, match, in_title, few, v, n, want, e);
        sbuf_free(&sql);
        free(few);
        sets[2] = (hitset){0};
    }
    free(grp);
    for (int k = 0; k < 2 * nw; k++) free(ex[k].v);
    free(ex);
    free(cand);
    free(key);
    search_words_free(&sw);
    return rc;
}

/* A search's first page in rank order (no chosen order) without ranking
 * every match: first the matches with the very marks typed, by how closely
 * (when typed with marks), then those with every word in the title, then the
 * others, each part the latest first.  The parts are disjoint and come in
 * that order, so each stops at the rows still wanted and the next is read
 * only when the page is not full (make bench: ranking all 34 000 matches of
 * 'Đặng' took 0.5 s, all 2 700 of 'quan ly dat dai' 41 ms).  *ids: the
 * offset + limit ids in rank order, as a JSON array. */
static int list_rank(st_db *db, const st_actor *who, int size, const proposal_filter *f,
                     const char *upath, const char *where, const char *match,
                     const char *in_title, char **ids, st_err *e)
{
    *ids = NULL;
    int want = f->limit + (f->offset > 0 ? f->offset : 0), n = 0;
    char *score = NULL, *any = NULL;
    int rc = search_marks_sql(f->search, &score, &any, e);
    if (rc) return rc;
    int64_t *v = malloc((size_t)want * sizeof *v);
    if (!v) rc = err_set(e, ST_ENOMEM, "hết bộ nhớ");
    /* The search's hits read once as ids (80 000 in 6 ms) and rows tested
     * against them in C (st_hit); the title's first, every column's only
     * when the title's fall short of the page (make bench, load run).
     *   small (a commune, an office, a department): its own rows, always;
     *     one index probe a row cost 20 µs (45 ms a key for a department
     *     typing "quan l"), joining the province's hits 50 ms a key.
     *   the whole province with no other filter, and a district: a part
     *     whose hits are dense walks the rows latest first (a page of 19
     *     among 2 557 hits: 750 rows, 1 ms), one whose hits are few
     *     (h² < page × rows) joins them ('q' in a district: 70 -> 5 ms). */
    int small = size == SCOPE_SMALL, large = size == SCOPE_LARGE;
    int all = size == SCOPE_ALL && !*upath && !(f->state && *f->state) &&
              !(f->field && *f->field) && !(f->from && *f->from) && !(f->to && *f->to);
    double total = all || large ? proposals_total(db) : 0;
    hitset sets[3] = {{0}, {0}, {0}};
    int sets_on = (small || all || large) && hit_ready(db);
    if (!sets_on) small = all = large = 0;   /* a statement still running: the joined form */
    if (sets_on) hit_sets = sets;
    for (int part = any ? 0 : 1; part < 3 && n < want && !rc; part++) {
        if (sets_on && part == 0) {
            rc = rank_marks(db, who, f, upath, where, match, in_title, small, all, large, total,
                            sets, v, &n, want, e);
            continue;
        }
        if (sets_on && part > 0 && !sets[1].read && (rc = hits_read(db, in_title, &sets[1], e))) break;
        if (sets_on && part == 2 && !sets[0].read && (rc = hits_read(db, match, &sets[0], e))) break;
        double h = part > 0 ? sets[part == 1 ? 1 : 0].n : 0;
        int walk = small || ((all || large) && part > 0 && h * h > (double)(want - n) * total);
        sbuf sql;
        sbuf_init(&sql);
        /* Joined hits: their narrow values by id.  Walked: the province by
         * its latest-first index, a scope by its units (the planner's). */
        const char *by = !walk ? (small ? "" : "INDEXED BY proposals_narrow ") :
                         all ? "INDEXED BY proposals_updated " : "";
        sbuf_addf(&sql, "SELECT p.id FROM proposals p %sJOIN units eu ON eu.id = "
                  "p.employing_unit_id %s AND ", by, where);
        if (walk && part > 0)
            sbuf_addf(&sql, "%s%s%s ORDER BY ", part == 1 ? "st_hit(1, p.id)" :
                      "st_hit(0, p.id) AND NOT st_hit(1, p.id)",
                      any ? " AND p.id NOT IN " : "", any ? any : "");
        else if (part == 0)
            sbuf_addf(&sql, "p.id IN %s AND p.id IN (SELECT rowid FROM proposal_fts WHERE "
                      "proposal_fts MATCH ?7) ORDER BY %s DESC, p.id IN (SELECT rowid FROM "
                      "proposal_fts WHERE proposal_fts MATCH ?9) DESC, ", any, score);
        else
            sbuf_addf(&sql, "p.id IN (SELECT rowid FROM proposal_fts WHERE proposal_fts MATCH %s)"
                      "%s%s%s ORDER BY ", part == 1 ? "?9" : "?7", part == 2 ? " AND p.id NOT IN "
                      "(SELECT rowid FROM proposal_fts WHERE proposal_fts MATCH ?9)" : "",
                      any ? " AND p.id NOT IN " : "", any ? any : "");
        sbuf_add(&sql, "p.updated_at DESC, p.id DESC LIMIT ?13");
        rc = rank_ids(db, &sql, who, f, upath, match, in_title, NULL, v, &n, want, e);
        sbuf_free(&sql);
    }
    if (!rc && !(*ids = ids_json(v, n))) rc = err_set(e, ST_ENOMEM, "hết bộ nhớ");
    if (sets_on) hit_sets = NULL;
    free(sets[0].v);
    free(sets[1].v);
    free(v);
    free(score);
    free(any);
    return rc;
}

int proposal_list(st_db *db, const st_actor *who, const proposal_filter *f,
                  proposal_row_cb cb, void *ud, st_err *e)
{
    static const proposal_filter none = {0};
    if (!f) f = &none;
    if (!who) return err_set(e, ST_EPERM, "chưa đăng nhập");
    const char *order = "p.updated_at DESC, p.id DESC";
    char obuf[128];
    if (f->sort && *f->sort) {
        if (!proposal_rows_order(f->sort, f->desc, obuf, sizeof obuf))
            return err_set(e, ST_EINVAL, "sắp xếp theo \"%.40s\" không hợp lệ; chọn một trong: "
                           "code, title, state, unit, updated, due", f->sort);
        order = obuf;
    }
    if (f->state && *f->state && wf_state_parse(f->state) < 0) {
        char names[512] = "";
        for (int s = 0; s < S_COUNT; s++)
            snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s",
                     s ? ", " : "", wf_state_name(s));
        return err_set(e, ST_EINVAL, "trạng thái \"%.40s\" không hợp lệ; chọn một trong: %s",
                       f->state, names);
    }
    char upath[256] = "";
    if (f->unit && *f->unit) {
        int64_t uid;
        sqlite3_stmt *st;
        if (unit_find(db, f->unit, &uid, e) != ST_OK)
            return err_set(e, ST_EINVAL, "không có đơn vị mã \"%.40s\"", f->unit);
        if (db_prepare(db, "SELECT path FROM units WHERE id = ?", &st, e)) return e->code;
        sqlite3_bind_int64(st, 1, uid);
        if (sqlite3_step(st) == SQLITE_ROW) snprintf(upath, sizeof upath, "%s", db_col_text(st, 0));
        sqlite3_finalize(st);
    }
    char *match = NULL;
    int rc;
    sqlite3_stmt *st = NULL;
    if ((rc = search_fts_query(f->search, &match, e))) return rc;
    char *in_title = NULL;
    if (match) {
        size_t n = strlen(match) + 16;
        if (!(in_title = malloc(n))) {
            free(match);
            return err_set(e, ST_ENOMEM, "hết bộ nhớ");
        }
        snprintf(in_title, n, "title : (%s)", match);
    }
    /* Searching: the matching ids are ranked and cut to the page from
     * narrow values first, and the rest of each row is read for that page
     * only.  Without a chosen order: the very marks typed (in the title or
     * a proposer's name) first, then matches in the title, then the latest. */
    const char *outer = order;
    if (match && !(f->sort && *f->sort)) {
        order = "k1 DESC, k2 DESC, p.updated_at DESC, p.id DESC";
        outer = "hit.k1 DESC, hit.k2 DESC, p.updated_at DESC, p.id DESC";
    }
    char scope[400];   /* the SQL that is fast for this subtree's size (scope.h) */
    int size = scope_size(db, scope_bind(who));
    int few = size == SCOPE_SMALL || (*upath && scope_size(db, upath) == SCOPE_SMALL);
    /* Sorted by unit: the units in code order, each one's proposals in id
     * order (proposals_employing), so a page needs no sort of them all; but
     * a small scope's few rows are found through its units and sorted (the
     * walk read the province's units for a commune's: 85 ms → 4). */
    int by_unit = f->sort && strcmp(f->sort, "unit") == 0;
    sbuf where;
    sbuf_init(&where);
    sbuf_add(&where, by_unit && !few ? "units eu CROSS JOIN proposals p ON eu.id = p.employing_unit_id "
                                     : PLAIN_FROM);
    size_t head = where.len;   /* the ranked search below joins in the plain order */
    sbuf_add(&where, "JOIN units cu ON cu.id = p.competent_unit_id "
             "LEFT JOIN fields f ON f.id = p.field_id WHERE p.deleted = 0 AND ");
    sbuf_add(&where, scope_sql(db, scope_bind(who), 1, scope, sizeof scope));
    /* A state in a small scope (a commune, an office): its rows are found
     * through their units and tested for the state; the state's index
     * would read the province's 15 000 'implementing' for its dozen
     * (make bench, load run: 23 -> 0.3 ms the Enter that filters). */
    if (f->state && *f->state) sbuf_add(&where, few ? " AND +p.state = ?2" : " AND p.state = ?2");
    if (*upath) sbuf_addf(&where, " AND %s", scope_sql(db, upath, 3, scope, sizeof scope));
    if (f->field && *f->field) sbuf_add(&where, " AND f.code = ?4");
    /* Created within [from, to], local dates; the bounds become UTC once. */
    if (f->from && *f->from) sbuf_add(&where, " AND p.created_at >= strftime('%Y-%m-%dT%H:%M:%SZ', ?10, 'utc')");
    if (f->to && *f->to) sbuf_add(&where, " AND p.created_at < strftime('%Y-%m-%dT%H:%M:%SZ', ?11, '+1 day', 'utc')");
    char *walked = NULL;
    /* The walk in the latest-first order tests titles only, and finds a page
     * of a scope's title hits only where the scope is most of the list: a
     * district's walk read 14 000 rows for its 1 000 (39 ms a key). */
    if (match && f->limit > 0 && ((f->sort && *f->sort) ||
        (!search_has_marks(f->search) && size == SCOPE_ALL)) &&
        !where.oom && (rc = list_walk(db, who, f, upath, sbuf_str(&where), order, &walked, e))) {
        sbuf_free(&where);
        goto out;
    }
    int ranked = 0;
    if (match && !walked && !(f->sort && *f->sort) && f->limit > 0 &&
        f->limit + (f->offset > 0 ? f->offset : 0) <= 1000 && !where.oom) {
        if ((rc = list_rank(db, who, size, f, upath, sbuf_str(&where) + head, match, in_title,
                            &walked, e))) {
            sbuf_free(&where);
            goto out;
        }
        ranked = 1;
    }
    if (walked) {   /* the page's rows, read as an unsearched list reads them */
        free(match);
        match = NULL;
        sbuf_add(&where, " AND p.id IN (SELECT value FROM json_each(?12))");
        if (ranked) order = "(SELECT j.key FROM json_each(?12) j WHERE j.value = p.id)";
        else if (!(f->sort && *f->sort)) order = "p.updated_at DESC, p.id DESC";
    }
    sbuf sql;
    sbuf_init(&sql);
    if (match) {
        /* Each hit's filters and rank from proposals_narrow, not from its
         * row with the long texts, when that index holds the order too. */
        int narrow = (!search_has_marks(f->search) || (f->sort && *f->sort)) &&
                     (!(f->sort && *f->sort) || strcmp(f->sort, "updated") == 0 ||
                      strcmp(f->sort, "state") == 0 || by_unit);
        sbuf_addf(&sql, "WITH hit AS (SELECT p.id AS hid, %s AS k1, (p.id IN (SELECT rowid "
                  "FROM proposal_fts WHERE proposal_fts MATCH ?9)) AS k2 FROM %s%s "
                  "AND p.id IN (SELECT rowid FROM proposal_fts WHERE proposal_fts MATCH ?7) "
                  "ORDER BY %s%s) ",
                  search_has_marks(f->search) && !(f->sort && *f->sort) ?
                  "search_exact(p.title || ' ' || coalesce((SELECT group_concat(pe.full_name, ' ') "
                  "FROM proposers pr JOIN people pe ON pe.id = pr.person_id "
                  "WHERE pr.proposal_id = p.id AND pr.deleted = 0), ''), ?8)" : "0",
                  narrow ? "proposals p INDEXED BY proposals_narrow "
                           "JOIN units eu ON eu.id = p.employing_unit_id " : PLAIN_FROM,
                  sbuf_str(&where) + head, order,
                  f->limit > 0 || f->offset > 0 ? " LIMIT ?5 OFFSET ?6" : "");
    }
    sbuf_add(&sql, PROPOSAL_ROWS_SELECT);
    if (match) {
        sbuf_addf(&sql, "hit JOIN proposals p ON p.id = hit.hid "
                  "JOIN units eu ON eu.id = p.employing_unit_id "
                  "LEFT JOIN fields f ON f.id = p.field_id ORDER BY %s", outer);
    } else {
        /* After a walk: its few ids, not the order's index, lead. */
        sbuf_addf(&sql, "%s%s ORDER BY %s", walked ? PLAIN_FROM : "",
                  sbuf_str(&where) + (walked ? head : 0), order);
        if (f->limit > 0 || f->offset > 0) sbuf_add(&sql, " LIMIT ?5 OFFSET ?6");
    }
    if (where.oom) sql.oom = 1;
    sbuf_free(&where);
    rc = sql.oom ? err_set(e, ST_ENOMEM, "hết bộ nhớ") : db_prepare(db, sbuf_str(&sql), &st, e);
    sbuf_free(&sql);
    if (rc) goto out;
    bind_list(st, who, f, upath, match, in_title, walked);
    rc = proposal_rows_each(db, st, cb, ud, e);
out:
    if (st) sqlite3_finalize(st);
    free(match);
    free(in_title);
    free(walked);
    return rc;
}
