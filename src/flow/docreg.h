/* The register of document numbers (doc_register): the official shape of a
 * number (12/QĐ-UBND, 05/2024/QĐ-UBND, or the Party's 124-QĐ/TU), one
 * number per issuing unit and year, and the signer and form of signature
 * of each decision.  The workflow engine registers every action whose
 * fields carry sign_form (approve, reject, adjust, evaluate, commend). */
#ifndef SANGTAO_DOCREG_H
#define SANGTAO_DOCREG_H

#include <stdint.h>
#include <stdio.h>
#include "base/err.h"
#include "store/db.h"

/* A number taken apart: number 12, year 2024 (0 when the number has none),
 * symbol "QĐ-UBND" (Party form: "QĐ/TU"). */
typedef struct docno {
    long number;
    int year;
    char symbol[96];
} docno;

/* Check the shape of doc_no; ST_EINVAL (field doc_no) with a message that
 * shows the expected form. */
int docreg_parse(const char *doc_no, docno *out, st_err *e);

/* "KT.", "TM.", "TL." or "" for direct and unknown values. */
const char *docreg_sign_prefix(const char *sign_form);

typedef struct docreg_entry {
    int64_t proposal_id, event_id;
    const char *action;        /* the workflow action that issued it */
    int64_t competent_unit;    /* the proposal's competent unit */
    int64_t issuing_unit;      /* a reward's issuing unit, 0 when not named */
    const char *issuer_level;  /* a reward's level: unit|district|province|central or "" */
    const char *doc_no, *doc_date, *signer, *sign_form;  /* sign_form "": direct */
} docreg_entry;

/* Inside the caller's transaction: check the number and add it to the
 * register.  A number already registered for the same issuer and year is
 * refused, naming the proposal that has it; only one reward decision may
 * name several people (commend, same date).  ST_OK or the error. */
int docreg_add(st_db *db, const docreg_entry *d, st_err *e);

/* For `sangtao check`: numbers registered twice for one issuer and year
 * (e.g. arriving from two offline sites), and decisions stored earlier
 * whose number is not in the official shape (never registered), one line
 * each on out ("doc_register: …").  Returns how many were found, or -1
 * with e set. */
int docreg_check(st_db *db, FILE *out, st_err *e);

#endif
