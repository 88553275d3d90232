/* The states of a proposal: their stored names, their labels and the short
 * labels of list columns (workflow_states.h). */
#include "workflow_states.h"

#include <string.h>

static const char *const state_names[S_COUNT] = {
    "draft", "submitted", "in_review", "returned", "approved", "rejected",
    "implementing", "suspended", "terminated", "reported", "evaluated",
    "replication_proposed", "replicated", "closed", "withdrawn",
};
static const char *const state_labels[S_COUNT] = {
    "Dự thảo", "Đã gửi, chờ xem xét", "Đang xem xét", "Trả lại để hoàn thiện",
    "Được chấp thuận", "Không chấp thuận", "Đang triển khai", "Tạm dừng",
    "Đình chỉ do vi phạm", "Đã báo cáo kết quả", "Đã đánh giá",
    "Đề xuất nhân rộng", "Đã nhân rộng", "Kết thúc", "Đã rút",
};

/* The same, short enough for a list column (at most 17 columns). */
static const char *const state_short[S_COUNT] = {
    "Dự thảo", "Đã gửi", "Đang xem xét", "Trả lại", "Được chấp thuận", "Không chấp thuận",
    "Đang triển khai", "Tạm dừng", "Đình chỉ", "Đã báo cáo", "Đã đánh giá",
    "Đề xuất nhân rộng", "Đã nhân rộng", "Kết thúc", "Đã rút",
};

const char *wf_state_short(int s) { return s >= 0 && s < S_COUNT ? state_short[s] : "?"; }
const char *wf_state_name(int s) { return s >= 0 && s < S_COUNT ? state_names[s] : "?"; }
const char *wf_state_label(int s) { return s >= 0 && s < S_COUNT ? state_labels[s] : "?"; }

int wf_state_parse(const char *name)
{
    for (int i = 0; name && i < S_COUNT; i++)
        if (strcmp(name, state_names[i]) == 0) return i;
    return -1;
}
