/* The field table's private side (proposal_fields.c), for the proposal
 * files only: its size, the indices the code treats apart, the SQL of each
 * field's current value.  Includes nothing of the proposal files, so the
 * table stays below them. */
#ifndef SANGTAO_PROPOSAL_TABLE_H
#define SANGTAO_PROPOSAL_TABLE_H

#define PROPOSAL_NF 26
/* Indices of the fields the code treats apart (the table's order). */
enum { F_TITLE, F_FIELD, F_EMPLOYING, F_COMPETENT, F_ISHEAD, F_LEAD, F_LEADPOS,
       F_COAUTHORS, F_BOTTLENECK, F_BKIND, F_NECESSITY, F_CONTENT, F_SCOPE,
       F_PFROM, F_PTO, F_FUNDING };
/* SQL giving the field's current value in the form's own terms (unit codes,
 * field code, names), over "proposals p". */
const char *proposal_field_expr(int i);
/* Index of the field name, or -1. */
int proposal_field_index(const char *name);

#endif
