/* The protection measures of DOMAIN.md "Protect": which one the rules
 * suggest for an evaluation, and how each reads (protection.h). */
#include "protection.h"

#include <stddef.h>
#include <string.h>

/* DOMAIN.md "Protect": completed → not liable; abuse → discipline; not (fully)
 * completed but in line with policy, clean motive, common good and no
 * prohibited act → liability excluded, or, with damage, considered for
 * exclusion, exemption or mitigation; otherwise no protection applies. */
const char *workflow_suggest_protection(const char *outcome, int damage,
                                        int in_line_policy, int clean_motive,
                                        int common_good, int no_prohibited_act,
                                        int abuse)
{
    if (abuse) return "discipline";
    if (outcome && strcmp(outcome, "completed") == 0) return "not_liable";
    if (in_line_policy && clean_motive && common_good && no_prohibited_act)
        return damage ? "consider_exclusion" : "excluded";
    return "none";
}

const char *wf_measure_label(const char *m)
{
    static const char *const map[][2] = {
        {"not_liable", "Không bị xử lý trách nhiệm"},
        {"excluded", "Loại trừ trách nhiệm"},
        {"consider_exclusion", "Xem xét loại trừ, miễn hoặc giảm nhẹ trách nhiệm"},
        {"exempted", "Miễn trách nhiệm"},
        {"mitigated", "Giảm nhẹ trách nhiệm"},
        {"discipline", "Xử lý nghiêm (kỷ luật)"},
        {"none", "Không thuộc trường hợp được bảo vệ"},
    };
    for (size_t i = 0; m && i < sizeof map / sizeof map[0]; i++)
        if (strcmp(m, map[i][0]) == 0) return map[i][1];
    return m ? m : "";
}
