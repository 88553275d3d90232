/* Word and phrase lists for the demo database (demo.c): Vietnamese names,
 * titles per field, and the texts of each workflow step. */
#ifndef SANGTAO_DEMO_WORDS_H
#define SANGTAO_DEMO_WORDS_H

typedef struct dw_list {
    const char *const *s;
    int n;
} dw_list;

enum {
    DW_HO, DW_DEM_NAM, DW_TEN_NAM, DW_DEM_NU, DW_TEN_NU, DW_STAFF_POS,
    DW_BN_NOTREG, DW_BN_UNSUIT, DW_NECESSITY, DW_CONTENT, DW_SCOPE, DW_PEOPLE_REQ,
    DW_EQUIP_REQ, DW_FEASIBILITY, DW_SCIENTIFIC, DW_PRACTICAL, DW_LAW,
    DW_IMPACT_POS, DW_IMPACT_NEG, DW_EFFECT, DW_RISKS, DW_EDIT,
    DW_OPINION, DW_PARTY_OP, DW_PARTY_EVAL, DW_RETURN, DW_WITHDRAW, DW_REJECT,
    DW_OVERRIDE, DW_PILOT_SCOPE, DW_MILESTONES, DW_PEOPLE_GRANT, DW_EQUIP_GRANT,
    DW_FACIL_GRANT, DW_FINDING, DW_PROBLEM, DW_SUPPORT, DW_ADJUST, DW_VIOLATION,
    DW_CORRECTIVE, DW_SUSPEND, DW_RESUME, DW_REFERRAL, DW_RESULTS, DW_OBJ_CAUSE,
    DW_SUBJ_CAUSE, DW_REPL_TEXT, DW_REPL_DECISION, DW_DECLINE, DW_COMMEND,
    DW_DISSEM, DW_CLOSE, DW_NOTE, DW_SUBMIT, DW_ACCEPT, DW_VOTE, DW_START,
    DW_TERMINATE, DW_EVALUATE, DW_PARTY_ORGAN, DW_PARTY_FIELD,
    DW_COUNT
};
extern const dw_list dw[DW_COUNT];

/* Texts an action's field draws from a list: {action, field, DW_ list}. */
typedef struct dw_text {
    const char *action, *field;
    int list;
} dw_text;
extern const dw_text dw_texts[];
extern const int dw_ntexts;

/* Titles by field code of the schema ("... tại %s": the employing unit). */
typedef struct dw_field {
    const char *code;
    const char *titles[4];
    const char *law;      /* a legal basis specific to the field */
} dw_field;
extern const dw_field dw_fields[];
extern const int dw_nfields;

/* Positions by the start of a unit's name: the head's and a deputy's. */
typedef struct dw_post {
    const char *prefix;
    const char *head, *deputy;
} dw_post;
extern const dw_post dw_posts[];   /* the last entry has prefix "" */
extern const int dw_nposts;

/* A word in a unit's name and the field code it suggests. */
typedef struct dw_affinity {
    const char *word, *field;
} dw_affinity;
extern const dw_affinity dw_affinities[];
extern const int dw_naffinities;

/* Name prefixes of Party committees and the place word that replaces them
 * in titles (prefix, replacement; deputy unused). */
extern const dw_post dw_places[];
extern const int dw_nplaces;

#endif
