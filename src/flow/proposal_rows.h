/* Proposals read into list rows (proposal_row of proposal.h): the columns,
 * the sort orders and the reading loop that proposal_list and the home
 * screen's queue share. */
#ifndef SANGTAO_PROPOSAL_ROWS_H
#define SANGTAO_PROPOSAL_ROWS_H

#include <stddef.h>
#include "store/db_internal.h"
#include "proposal.h"

/* The columns of a proposal_row, up to and with the FROM; the FROM must name
 * proposals p, its employing unit eu and (a LEFT JOIN) its field f. */
#define PROPOSAL_ROWS_SELECT \
    "SELECT p.id, p.code, p.title, p.state, eu.code, eu.name, f.name, " \
    "(SELECT pe.full_name FROM proposers pr JOIN people pe ON pe.id = pr.person_id " \
    "WHERE pr.proposal_id = p.id AND pr.deleted = 0 AND pr.is_lead = 1 " \
    "ORDER BY pr.ord LIMIT 1), p.created_at, p.updated_at, p.due_date, p.version FROM "

/* The ORDER BY of a sort (code|title|state|unit|updated|due), ties by id the
 * same way, into buf; 0 (buf untouched) when the name is none of those. */
int proposal_rows_order(const char *sort, int desc, char *buf, size_t n);

/* Step st, whose columns are PROPOSAL_ROWS_SELECT's, handing each row to cb
 * (when not NULL) until it returns non-zero.  ST_OK, or the database's
 * error in e.  The caller finalizes st. */
int proposal_rows_each(st_db *db, sqlite3_stmt *st, proposal_row_cb cb, void *ud, st_err *e);

#endif
