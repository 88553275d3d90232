/* The audit trail over the events table.  See audit.h. */
#include "audit.h"

#include <string.h>

#include "store/db_internal.h"
#include "scope.h"
#include "proposal_head.h"
#include "base/sbuf.h"
#include "base/workdays.h"

static int parse_day(const char *s, const char *opt, char out[11], st_err *e)
{
    if (!s) return ST_OK;
    st_day d;
    st_err te;
    err_clear(&te);
    if (date_parse(s, &d, &te) != ST_OK)
        return err_field(e, ST_EINVAL, opt, "%s: ngày không hợp lệ \"%.40s\" (dd/mm/yyyy)", opt, s);
    date_iso(d, out);
    return ST_OK;
}

/* The account named, if the actor may see it: themself, or inside an
 * administrator's scope.  Outside reads like a missing account. */
static int user_visible(st_db *db, const st_actor *who, const char *name, int64_t *id, st_err *e)
{
    sqlite3_stmt *st;
    int rc = db_prepare(db, "SELECT u.id, u.scope_unit_id FROM users u WHERE u.username = "
                        "lower(?1) AND u.deleted = 0", &st, e);
    if (rc) return rc;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    int64_t scope = 0;
    int found = sqlite3_step(st) == SQLITE_ROW;
    if (found) {
        *id = sqlite3_column_int64(st, 0);
        scope = sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    if (found && (*id == who->id || ((who->roles & ROLE_ADMIN) && unit_in_scope(db, who, scope))))
        return ST_OK;
    /* A non-administrator asking for anyone else gets the same answer
     * whether or not the account exists: the answer tells no names. */
    if (!(who->roles & ROLE_ADMIN))
        return err_set(e, ST_EPERM, "Chỉ quản trị viên xem được nhật ký của người khác");
    return err_field(e, ST_ENOTFOUND, "user", "Không có người dùng '%.40s'", name);
}

/* One row per change of an event (json_each over data.changes), one row
 * for an event without changes.  ?1 proposal id, ?2 user id, ?3 user name,
 * ?4/?5 local dates, ?6 = 1 skips the scope test (already checked), ?7 the
 * scope path, ?8 = 1 when the actor administers a whole tree. */
static const char AUDIT_SQL[] =
    "SELECT e.id, e.at, e.username, e.action, coalesce(p.code, ''), "
    "coalesce(json_extract(c.value, '$.record'), p.code, json_extract(e.data, '$.username'), ''), "
    "coalesce(json_extract(c.value, '$.field'), ''), json_extract(c.value, '$.from'), "
    "json_extract(c.value, '$.to'), e.comment, e.data "
    "FROM events e LEFT JOIN proposals p ON p.id = e.proposal_id "
    "LEFT JOIN users u ON u.id = e.user_id LEFT JOIN units su ON su.id = u.scope_unit_id "
    "LEFT JOIN json_each(CASE WHEN json_valid(e.data) THEN e.data ELSE '{}' END, '$.changes') c "
    "WHERE (?1 IS NULL OR e.proposal_id = ?1) "
    "AND (?2 IS NULL OR e.user_id = ?2 OR (e.user_id IS NULL AND e.username = ?3) "
    "     OR json_extract(e.data, '$.username') = ?3) "
    "AND (?4 IS NULL OR date(e.at, 'localtime') >= ?4) "
    "AND (?5 IS NULL OR date(e.at, 'localtime') <= ?5) "
    "AND (?6 = 1 "
    "  OR (p.id IS NOT NULL AND EXISTS (SELECT 1 FROM units x WHERE x.id IN "
    "      (p.employing_unit_id, p.competent_unit_id) AND substr(x.path, 1, length(?7)) = ?7)) "
    "  OR (p.id IS NULL AND su.path IS NOT NULL AND substr(su.path, 1, length(?7)) = ?7) "
    "  OR (p.id IS NULL AND EXISTS (SELECT 1 FROM users t JOIN units tu ON tu.id = t.scope_unit_id "
    "      WHERE t.username = json_extract(e.data, '$.username') "
    "      AND substr(tu.path, 1, length(?7)) = ?7)) "
    "  OR (p.id IS NULL AND u.id IS NULL AND ?8 = 1)) "
    "ORDER BY e.at, e.id, c.key";

int audit_list(st_db *db, const st_actor *who, const audit_filter *f,
               audit_row_cb cb, void *ud, st_err *e)
{
    char from[11] = "", to[11] = "";
    int64_t pid = 0, uid = 0;
    int checked = 0, rc;
    if (!who) return err_set(e, ST_EPERM, "Chưa đăng nhập");
    if ((rc = parse_day(f->from, "--from", from, e)) || (rc = parse_day(f->to, "--to", to, e)))
        return rc;
    if (f->proposal) {
        proposal_head h;
        if ((rc = proposal_get_head(db, who, f->proposal, &h, e))) return rc;
        pid = h.id;
        checked = 1;
    }
    if (f->user) {
        if ((rc = user_visible(db, who, f->user, &uid, e))) return rc;
        /* Their own trail, or an admin's look at an account in scope: events
         * of proposals now outside the scope still show (they did them). */
        checked = 1;
    }
    if (!checked && !(who->roles & ROLE_ADMIN))
        return err_set(e, ST_EPERM, "Chỉ quản trị viên xem được toàn bộ nhật ký; hãy chọn "
                       "--proposal MÃ hoặc --user %s", who->username);
    sqlite3_stmt *st;
    if ((rc = db_prepare(db, AUDIT_SQL, &st, e))) return rc;
    if (pid) sqlite3_bind_int64(st, 1, pid);
    if (uid) {
        sqlite3_bind_int64(st, 2, uid);
        sqlite3_bind_text(st, 3, f->user, -1, SQLITE_STATIC);
    }
    if (from[0]) sqlite3_bind_text(st, 4, from, -1, SQLITE_STATIC);
    if (to[0]) sqlite3_bind_text(st, 5, to, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 6, checked);
    sqlite3_bind_text(st, 7, scope_bind(who), -1, SQLITE_STATIC);
    /* A whole tree: "/N/" with a single id. */
    const char *sp = scope_bind(who);
    sqlite3_bind_int(st, 8, sp[0] == '/' && strchr(sp + 1, '/') && !strchr(strchr(sp + 1, '/') + 1, '/'));
    int n = 0, step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        audit_row r = {
            .event_id = sqlite3_column_int64(st, 0), .at = db_col_text(st, 1),
            .username = db_col_text(st, 2), .action = db_col_text(st, 3),
            .proposal = db_col_text(st, 4), .record = db_col_text(st, 5),
            .field = db_col_text(st, 6), .from_value = db_col_text(st, 7),
            .to_value = db_col_text(st, 8), .comment = db_col_text(st, 9),
            .data = db_col_text(st, 10),
        };
        if ((cb && cb(&r, ud)) || (f->limit > 0 && ++n >= f->limit)) { step = SQLITE_DONE; break; }
    }
    sqlite3_finalize(st);
    return step == SQLITE_DONE ? ST_OK : db_fail(db, e, "đọc nhật ký");
}

/* ---- units: what an import changed ---------------------------------------- */

#define UNIT_VIEW "SELECT u.code, u.name, u.short_name, u.level, coalesce(p.code, '') AS parent, " \
    "u.deleted FROM units u LEFT JOIN units p ON p.id = u.parent_id"

int audit_units_before(st_db *db, st_err *e)
{
    sqlite3 *h = db_h(db);
    if (sqlite3_exec(h, "CREATE TEMP TABLE IF NOT EXISTS audit_units_old(code TEXT PRIMARY KEY, "
                     "name, short_name, level, parent, deleted); DELETE FROM temp.audit_units_old; "
                     "INSERT INTO temp.audit_units_old " UNIT_VIEW, NULL, NULL, NULL) != SQLITE_OK)
        return db_fail(db, e, "ghi nhật ký đơn vị");
    return ST_OK;
}

int audit_units_changes(st_db *db, sbuf *js, st_err *e)
{
    static const char sql[] =
        "WITH cur AS (" UNIT_VIEW "), ch(code, field, o, n) AS ("
        " SELECT c.code, 'name', o.name, c.name FROM cur c LEFT JOIN temp.audit_units_old o "
        "   USING (code) WHERE o.name IS NOT c.name"
        " UNION ALL SELECT c.code, 'short_name', o.short_name, c.short_name FROM cur c "
        "   LEFT JOIN temp.audit_units_old o USING (code) WHERE o.short_name IS NOT c.short_name"
        " UNION ALL SELECT c.code, 'level', o.level, c.level FROM cur c "
        "   LEFT JOIN temp.audit_units_old o USING (code) WHERE o.level IS NOT c.level"
        " UNION ALL SELECT c.code, 'parent_code', o.parent, c.parent FROM cur c "
        "   LEFT JOIN temp.audit_units_old o USING (code) WHERE o.parent IS NOT c.parent"
        "     AND (o.code IS NOT NULL OR c.parent != ''))"
        "SELECT coalesce(json_group_array(json_object('record', code, 'field', field, "
        "'from', o, 'to', n)), '[]') FROM (SELECT * FROM ch ORDER BY code, field)";
    sqlite3_stmt *st;
    int rc = db_prepare(db, sql, &st, e);
    if (rc) return rc;
    if (sqlite3_step(st) == SQLITE_ROW) {
        sbuf_add(js, ",\"changes\":");
        sbuf_add(js, db_col_text(st, 0));
    } else {
        rc = db_fail(db, e, "ghi nhật ký đơn vị");
    }
    sqlite3_finalize(st);
    sqlite3_exec(db_h(db), "DELETE FROM temp.audit_units_old", NULL, NULL, NULL);
    return rc;
}
