/* Proposal values in form terms (formvals.h). */
#include "formvals.h"

#include <stdlib.h>
#include <string.h>

#include "store/db_internal.h"
#include "proposal.h"
#include "base/sbuf.h"

/* Fields not stored as a column of proposals: how to read each. */
static const struct { const char *name, *expr; } other[] = {
    {"field", "(SELECT code FROM fields WHERE id = p.field_id)"},
    {"employing_unit", "(SELECT code FROM units WHERE id = p.employing_unit_id)"},
    {"competent_unit", "(SELECT code FROM units WHERE id = p.competent_unit_id)"},
    {"proposer_is_head", "(SELECT CASE WHEN u.parent_id = p.competent_unit_id THEN '1' ELSE '0' "
                         "END FROM units u WHERE u.id = p.employing_unit_id)"},
    {"lead", "(SELECT pe.full_name FROM proposers pr JOIN people pe ON pe.id = pr.person_id "
             "WHERE pr.proposal_id = p.id AND pr.deleted = 0 AND pr.is_lead = 1 ORDER BY pr.ord LIMIT 1)"},
    {"lead_position", "(SELECT pr.position FROM proposers pr WHERE pr.proposal_id = p.id AND "
                      "pr.deleted = 0 AND pr.is_lead = 1 ORDER BY pr.ord LIMIT 1)"},
    {"coauthors", "(SELECT group_concat(n, '; ') FROM (SELECT pe.full_name AS n FROM proposers pr "
                  "JOIN people pe ON pe.id = pr.person_id WHERE pr.proposal_id = p.id AND "
                  "pr.deleted = 0 AND pr.is_lead = 0 ORDER BY pr.ord))"},
};

void proposal_form_free(char **vals)
{
    for (int i = 0; vals && i < proposal_nfields(); i++) { free(vals[i]); vals[i] = NULL; }
}

int proposal_form_load(st_db *db, const st_actor *who, const char *code, char **vals,
                       int64_t *version, st_err *e)
{
    proposal_head h;
    int rc = proposal_get_head(db, who, code, &h, e);
    if (rc) return rc;
    int nf = proposal_nfields();
    sbuf sql;
    sbuf_init(&sql);
    sbuf_add(&sql, "SELECT p.version");
    for (int i = 0; i < nf; i++) {
        const char *col = proposal_field_column(i), *expr = NULL;
        for (size_t k = 0; !col && k < sizeof other / sizeof other[0]; k++)
            if (strcmp(other[k].name, proposal_field(i)->name) == 0) expr = other[k].expr;
        if (col) sbuf_addf(&sql, ", p.\"%s\"", col);
        else sbuf_addf(&sql, ", %s", expr ? expr : "NULL");
    }
    sbuf_add(&sql, " FROM proposals p WHERE p.id = ?1");
    sqlite3_stmt *st;
    rc = sql.oom ? err_set(e, ST_ENOMEM, "hết bộ nhớ") : db_prepare(db, sbuf_str(&sql), &st, e);
    sbuf_free(&sql);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, h.id);
    if (sqlite3_step(st) == SQLITE_ROW) {
        *version = sqlite3_column_int64(st, 0);
        for (int i = 0; i < nf; i++) {
            const char *v = db_col_text(st, i + 1);
            /* Money 0 means "none asked" in the form. */
            if (proposal_field(i)->type == FT_MONEY && strcmp(v, "0") == 0) v = "";
            vals[i] = strdup(v);
            if (!vals[i]) rc = err_set(e, ST_ENOMEM, "hết bộ nhớ");
        }
    } else {
        rc = db_fail(db, e, "đọc đề xuất");
    }
    sqlite3_finalize(st);
    if (rc) proposal_form_free(vals);
    return rc;
}
