/* The editable fields of a proposal (DOMAIN.md "Proposal"), in form order
 * (proposal_fields.c); proposal.h includes this header. */
#ifndef SANGTAO_PROPOSAL_FIELDS_H
#define SANGTAO_PROPOSAL_FIELDS_H

#include "fielddef.h"

int proposal_nfields(void);
const fielddef *proposal_field(int i);
/* Its column in the proposals table, or NULL when stored elsewhere (units,
 * field, proposers). */
const char *proposal_field_column(int i);

#endif
