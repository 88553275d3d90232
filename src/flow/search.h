/* Search that forgives: what someone types in the search box (list screen,
 * `proposal list --search`) is folded like the index (case, tone and vowel
 * marks, đ → d) and every word matches as a word prefix, so "quan ly dat dai"
 * finds "Quản lý đất đai" and "dang" finds "Đặng" and "đảng".  The index is
 * the FTS5 table proposal_fts (data/002_search.sql), kept in step by
 * triggers and rebuilt by `sangtao check --reindex`. */
#ifndef SANGTAO_SEARCH_H
#define SANGTAO_SEARCH_H

#include <stddef.h>
#include <stdint.h>
#include "store/db.h"
#include "base/err.h"

/* The most words of a query that count; the rest are ignored. */
#define SEARCH_MAX_WORDS 16

/* The FTS5 MATCH expression for the typed text: each folded word as a
 * quoted prefix ("Quản lý" → "\"quan\"* \"ly\"*").  *out is NULL (ST_OK)
 * when the text holds no word; invalid UTF-8 is ST_EINVAL. */
int search_fts_query(const char *typed, char **out, st_err *e);

/* Where text matches the typed words, for highlighting: byte ranges
 * [start, end) of text, in order, at most max; returns their number.  A
 * range covers the part of a word of text whose folded form begins with a
 * typed word ("đất" for "da" → "đấ"). */
typedef struct search_range {
    size_t start, end;
} search_range;
int search_highlight(const char *text, const char *typed, search_range *ranges, int max);

/* How closely text holds the typed words with exactly their marks (case
 * aside): per typed word 2 when a word of text is that word, 1 when a word
 * of text begins with it; summed.  0 when the typed text has no marks at
 * all.  Ranks "đảng" above "Đặng" for the query "đảng". */
int search_exact_words(const char *text, const char *typed);

/* Does the typed text carry any mark (tone, vowel mark, đ)? */
int search_has_marks(const char *typed);

/* Walking a list in its own order and keeping the rows that match, for a
 * first page without reading every hit (proposal_list: a common word
 * matches most proposals).  st yields the list's rows in order: the id,
 * then ntext columns of folded text as the index holds them; a row matches
 * when every typed word begins a word of one of them (what MATCH with
 * search_fts_query's expression tests).  Stops after want matching rows,
 * at the end of the rows, or after budget rows: returns SEARCH_WALK_FOUND,
 * _END or _BUDGET (or a negative SQLite error code), the ids in *ids. */
struct sqlite3_stmt;
enum { SEARCH_WALK_FOUND, SEARCH_WALK_END, SEARCH_WALK_BUDGET };
int search_walk(struct sqlite3_stmt *st, int ntext, const char *typed, int want, long budget,
                int64_t *ids, int *n);

/* Rebuild the index from the tables; *rows = proposals indexed. */
int search_reindex(st_db *db, long *rows, st_err *e);

/* Does the index hold exactly the live proposals?  ST_OK, or ST_EDB with
 * what is wrong ("chạy sangtao check --reindex"). */
int search_check(st_db *db, st_err *e);

#endif
