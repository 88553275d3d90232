/* Lists for the simpler screens (lists.h). */
#include "lists.h"

#include <stdlib.h>
#include <string.h>

#include "store/db_internal.h"
#include "scope.h"
#include "fielddef.h"
#include "base/sbuf.h"
#include "text/search_text.h"
#include "text/text.h"
#include "workflow.h"

#define SCOPE_P "(substr(eu.path, 1, length(?1)) = ?1 OR substr(cu.path, 1, length(?1)) = ?1)"

int people_search(st_db *db, const st_actor *who, const char *search, int limit,
                  int offset, person_row_cb cb, void *ud, st_err *e)
{
    search_words sw = {0};
    if (search && *search && search_words_split(&sw, search) != 0)
        return err_set(e, ST_EINVAL, "từ khóa tìm kiếm: UTF-8 không hợp lệ");
    int nw = sw.n;
    char *const *words = sw.word;
    /* Folding in C: people are few per scope, and fold() may not be
     * registered on this connection yet. */
    sqlite3_stmt *st;
    int rc = db_prepare(db, "SELECT pe.id, pe.full_name, pe.position, coalesce(u.code,''), "
                        "coalesce(u.name,'') FROM people pe LEFT JOIN units u ON u.id = pe.unit_id "
                        "WHERE pe.deleted = 0 AND (u.id IS NULL OR substr(u.path, 1, length(?1)) = ?1) "
                        "ORDER BY pe.full_name COLLATE vi_name, pe.id", &st, e);
    if (!rc) {
        sqlite3_bind_text(st, 1, scope_bind(who), -1, SQLITE_STATIC);
        int seen = 0, sent = 0;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            const char *name = db_col_text(st, 1);
            int ok = 1;
            if (nw) {
                char *f = text_fold(name);
                for (int k = 0; ok && k < nw; k++) ok = f && strstr(f, words[k]);
                free(f);
            }
            if (!ok || seen++ < offset) continue;
            person_row r = {sqlite3_column_int64(st, 0), name, db_col_text(st, 2),
                            db_col_text(st, 3), db_col_text(st, 4)};
            if ((cb && cb(&r, ud)) || (limit > 0 && ++sent >= limit)) { rc = SQLITE_DONE; break; }
        }
        rc = rc == SQLITE_DONE ? ST_OK : db_fail(db, e, "tìm người");
        sqlite3_finalize(st);
    }
    search_words_free(&sw);
    return rc;
}

/* The label of a choice of an action's field, from the workflow table. */
static const char *choice(const char *action, const char *field, const char *v,
                          char *buf, int n)
{
    const wf_action *a = wf_action_find(action);
    for (int i = 0; a && i < wf_action_nfields(a); i++) {
        const fielddef *fd = wf_action_field(a, i);
        if (strcmp(fd->name, field) == 0) return field_choice_label(fd, v, buf, n);
    }
    return v;
}

static int run_list(st_db *db, const st_actor *who, const char *sql, int limit, int offset,
                    const char *action, int choice_col, list_row_cb cb, void *ud,
                    const char *what, st_err *e)
{
    sqlite3_stmt *st;
    int rc = db_prepare(db, sql, &st, e);
    if (rc) return rc;
    sqlite3_bind_text(st, 1, scope_bind(who), -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, limit > 0 ? limit : -1);
    sqlite3_bind_int(st, 3, offset > 0 ? offset : 0);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        char buf[160];
        list_row r;
        r.code = db_col_text(st, 0);
        for (int k = 0; k < 6; k++)
            r.col[k] = k + 1 < sqlite3_column_count(st) ? db_col_text(st, k + 1) : "";
        if (choice_col >= 0)
            r.col[choice_col] = choice(action, action[0] == 'd' ? "form" :
                                       strcmp(action, "monitor") == 0 ? "kind" : "form",
                                       r.col[choice_col], buf, sizeof buf);
        if (cb && cb(&r, ud)) { rc = SQLITE_DONE; break; }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? ST_OK : db_fail(db, e, what);
}

int monitoring_log(st_db *db, const st_actor *who, int limit, int offset,
                   list_row_cb cb, void *ud, st_err *e)
{
    return run_list(db, who, "SELECT p.code, m.entry_date, m.kind, m.by_whom, "
                    "coalesce(m.progress || '%', ''), CASE m.violation WHEN 1 THEN 'Có' ELSE '' END, "
                    "p.title FROM monitoring m JOIN proposals p ON p.id = m.proposal_id "
                    "JOIN units eu ON eu.id = p.employing_unit_id JOIN units cu ON "
                    "cu.id = p.competent_unit_id WHERE m.deleted = 0 AND p.deleted = 0 AND "
                    SCOPE_P " ORDER BY m.entry_date DESC, m.id DESC LIMIT ?2 OFFSET ?3",
                    limit, offset, "monitor", 1, cb, ud, "đọc sổ theo dõi", e);
}

int commendation_list(st_db *db, const st_actor *who, int limit, int offset,
                      list_row_cb cb, void *ud, st_err *e)
{
    return run_list(db, who, "SELECT coalesce(p.code,''), c.doc_date, c.form, c.person_name, "
                    "c.doc_no, coalesce(p.title,'') FROM commendations c LEFT JOIN proposals p "
                    "ON p.id = c.proposal_id LEFT JOIN people pe ON pe.id = c.person_id "
                    "LEFT JOIN units eu ON eu.id = coalesce(p.employing_unit_id, pe.unit_id) "
                    "LEFT JOIN units cu ON cu.id = coalesce(p.competent_unit_id, pe.unit_id) "
                    "WHERE c.deleted = 0 AND " SCOPE_P
                    " ORDER BY c.doc_date DESC, c.id DESC LIMIT ?2 OFFSET ?3",
                    limit, offset, "commend", 1, cb, ud, "đọc danh sách khen thưởng", e);
}

int dissemination_list(st_db *db, const st_actor *who, int limit, int offset,
                       list_row_cb cb, void *ud, st_err *e)
{
    /* Forms of a session are not a workflow field; their labels live here. */
    static const char *const forms[][2] = {
        {"conference", "Hội nghị"}, {"cell_meeting", "Sinh hoạt chi bộ"},
        {"propaganda", "Tuyên truyền"},
    };
    sqlite3_stmt *st;
    int rc = db_prepare(db, "SELECT d.session_date, d.form, u.name, d.participants, d.note "
                        "FROM dissemination d JOIN units u ON u.id = d.unit_id "
                        "WHERE d.deleted = 0 AND substr(u.path, 1, length(?1)) = ?1 "
                        "ORDER BY d.session_date DESC, d.id DESC LIMIT ?2 OFFSET ?3", &st, e);
    if (rc) return rc;
    sqlite3_bind_text(st, 1, scope_bind(who), -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, limit > 0 ? limit : -1);
    sqlite3_bind_int(st, 3, offset > 0 ? offset : 0);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        list_row r = {"", {db_col_text(st, 0), db_col_text(st, 1), db_col_text(st, 2),
                           db_col_text(st, 3), db_col_text(st, 4), ""}};
        for (size_t k = 0; k < sizeof forms / sizeof forms[0]; k++)
            if (strcmp(r.col[1], forms[k][0]) == 0) r.col[1] = forms[k][1];
        if (cb && cb(&r, ud)) { rc = SQLITE_DONE; break; }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? ST_OK : db_fail(db, e, "đọc danh sách học tập, quán triệt");
}

int field_list(st_db *db, list_row_cb cb, void *ud, st_err *e)
{
    sqlite3_stmt *st;
    int rc = db_prepare(db, "SELECT code, name FROM fields WHERE deleted = 0 ORDER BY id", &st, e);
    if (rc) return rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        list_row r = {db_col_text(st, 0), {db_col_text(st, 1), "", "", "", "", ""}};
        if (cb && cb(&r, ud)) { rc = SQLITE_DONE; break; }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? ST_OK : db_fail(db, e, "đọc danh sách lĩnh vực");
}
