/* Search that forgives: what someone types in the search box (list screen,
 * `proposal list --search`) is folded like the index (case, tone and vowel
 * marks, đ → d) and every word matches as a word prefix, so "quan ly dat dai"
 * finds "Quản lý đất đai" and "dang" finds "Đặng" and "đảng".  The index is
 * the FTS5 table proposal_fts (data/002_search.sql), kept in step by
 * triggers and rebuilt by `sangtao check --reindex`.  This header is the
 * database half; the folding and matching of text is text/search_text.h. */
#ifndef SANGTAO_SEARCH_H
#define SANGTAO_SEARCH_H

#include <stddef.h>
#include <stdint.h>
#include "store/db.h"
#include "base/err.h"
/* The text half (search_fts_query, search_highlight, search_exact_words,
 * search_has_marks): callers of search keep including only this header. */
#include "text/search_text.h"

/* Walking a list in its own order and keeping the rows that match, for a
 * first page without reading every hit (proposal_list: a common word
 * matches most proposals).  st yields the list's rows in order: the id,
 * then ntext columns of folded text as the index holds them; a row matches
 * when every typed word begins a word of one of them (what MATCH with
 * search_fts_query's expression tests).  Stops after want matching rows,
 * at the end of the rows, or after budget rows: returns SEARCH_WALK_FOUND,
 * _END or _BUDGET (or a negative SQLite error code), the ids in *ids.
 * With text: st yields the ids only, and each row's ntext columns come from
 * text, bound to its id (?1) as the walk reaches it. */
struct sqlite3_stmt;
enum { SEARCH_WALK_FOUND, SEARCH_WALK_END, SEARCH_WALK_BUDGET };
int search_walk(struct sqlite3_stmt *st, struct sqlite3_stmt *text, int ntext, const char *typed,
                int want, long budget, int64_t *ids, int *n);

/* For a query typed with marks (search_has_marks), from the index of the
 * titles and proposers' names as written (proposal_marks, 008_report_counts.sql):
 * *score, an SQL expression of p.id that scores each proposal as
 * search_exact() would its title and proposers' names (per typed word 2 for a
 * word with exactly its marks, 1 for a word beginning so), and *any, an SQL
 * subquery of the ids that score above 0.  Both NULL (ST_OK) when the query
 * has no marks or no word; free both. */
int search_marks_sql(const char *typed, char **score, char **any, st_err *e);

/* Index one proposal afresh in both indexes (proposal_fts, proposal_marks),
 * inside the caller's transaction: after writing a proposal and its
 * proposers with the triggers held back (db_index_hold, migration 015). */
int search_index_one(st_db *db, int64_t id, st_err *e);

/* Rebuild the index from the tables; *rows = proposals indexed. */
int search_reindex(st_db *db, long *rows, st_err *e);

/* Does the index hold exactly the live proposals?  ST_OK, or ST_EDB with
 * what is wrong ("chạy sangtao check --reindex"). */
int search_check(st_db *db, st_err *e);

#endif
