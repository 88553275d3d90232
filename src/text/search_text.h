/* The text half of search, which needs no database: the typed words folded
 * like the index (case, tone and vowel marks, đ → d) and split into words,
 * the FTS5 MATCH expression built from them, where a text matches them (for
 * highlighting), and how exactly it matches (for ranking, and for the SQL
 * function search_exact() of store/db_text.c).  The database half — walking
 * a list, the index's upkeep — is flow/search.h, which includes this. */
#ifndef SANGTAO_SEARCH_TEXT_H
#define SANGTAO_SEARCH_TEXT_H

#include <stddef.h>
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

/* The typed words folded as the index holds them, for testing texts one by
 * one without the index (search_walk).  The words point into folded. */
typedef struct search_words {
    char *folded;
    char *word[SEARCH_MAX_WORDS];
    size_t len[SEARCH_MAX_WORDS];
    int n;
} search_words;

/* Fold typed and split it into words: 0, or -1 (sw empty) when typed is
 * NULL or memory runs out.  search_words_free releases it either way. */
int search_words_split(search_words *sw, const char *typed);
void search_words_free(search_words *sw);

/* The typed words as typed, marks kept (lower case, NFC), for the index of
 * marked text (flow/search.c): as search_words_split, but not folded. */
int search_marks_split(search_words *sw, const char *typed);

/* Sets in seen bit k for each word k that begins a word of text (folded
 * as the index holds it); returns the new mask. */
unsigned search_words_seen(const search_words *sw, const char *text, unsigned seen);

#endif
