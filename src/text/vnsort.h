/* Vietnamese order, as a dictionary has it: syllable by syllable, the
 * letters (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, with
 * f j w z in their Latin places) then the tone (none, huyền, hỏi, ngã, sắc,
 * nặng); case after that, then the bytes, so that different strings never
 * compare equal.  Registered on every connection as the SQLite collations
 * "vi" and "vi_name" (src/db_text.c). */
#ifndef SANGTAO_VNSORT_H
#define SANGTAO_VNSORT_H

#include <stddef.h>

/* <0, 0, >0 like strcmp, for UTF-8 strings of the given lengths. */
int vn_compare(const char *a, size_t na, const char *b, size_t nb);

/* The sort key of a string: bytes whose order under memcmp (a prefix before
 * what extends it) is exactly vn_compare's order, so that a column holding
 * it can be indexed and a list sorted by title walks that index instead of
 * sorting every row (data/006_speed.sql).  Writes at most cap bytes to out
 * and returns the key's whole length: call again with a larger buffer when
 * it is above cap. */
size_t vn_sortkey(const char *s, size_t n, unsigned char *out, size_t cap);

/* People's names as Vietnamese lists order them: by the given name (the
 * last word), then the whole name ("Trần Văn An" before "Lê Thị Bình"). */
int vn_compare_name(const char *a, size_t na, const char *b, size_t nb);

#endif
