/* Protecting the cadres whose honest pilots fell short (DOMAIN.md
 * "Protect"): the measure the rules suggest, and the measures' labels. */
#ifndef SANGTAO_PROTECTION_H
#define SANGTAO_PROTECTION_H

/* The protection measure the rules of DOMAIN.md suggest for an evaluation
 * (the user confirms it): not_liable, excluded, consider_exclusion,
 * discipline or none. */
const char *workflow_suggest_protection(const char *outcome, int damage,
                                        int in_line_policy, int clean_motive,
                                        int common_good, int no_prohibited_act,
                                        int abuse);
const char *wf_measure_label(const char *measure);

#endif
