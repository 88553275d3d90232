/* The editable fields of a proposal (DOMAIN.md "Proposal"), in form order:
 * the one table that the form, the edit, the show and the import read. */
#include "proposal_fields.h"
#include "proposal_table.h"

#include <stddef.h>
#include <string.h>

/* One row per form field: its definition, its column in proposals (NULL
 * when it lives elsewhere) and an SQL expression giving its current value in
 * the form's own terms (unit codes, field code, names), over "proposals p". */
typedef struct pfield {
    fielddef f;
    const char *col;
    const char *expr;
} pfield;

#define PLAIN(n, l, t) {{n, l, t, 0, NULL, NULL, 0, 0}, n, "p." n}
#define LEAD_PR "FROM proposers pr WHERE pr.proposal_id = p.id AND pr.deleted = 0 AND pr.is_lead = 1 "

static const pfield pf[] = {
    {{"title", "Tên đề xuất", FT_TEXT, FF_REQUIRED, NULL, NULL, 0, 0}, "title", "p.title"},
    {{"field", "Lĩnh vực", FT_TEXT, 0, NULL, NULL, 0, 0}, NULL,
     "(SELECT code FROM fields WHERE id = p.field_id)"},
    {{"employing_unit", "Đơn vị công tác", FT_UNIT, FF_REQUIRED, NULL, NULL, 0, 0}, NULL,
     "(SELECT code FROM units WHERE id = p.employing_unit_id)"},
    {{"competent_unit", "Cấp có thẩm quyền", FT_UNIT, 0, NULL, NULL, 0, 0}, NULL,
     "(SELECT code FROM units WHERE id = p.competent_unit_id)"},
    {{"proposer_is_head", "Người đề xuất là người đứng đầu", FT_BOOL, 0, NULL, NULL, 0, 0}, NULL,
     "(SELECT CASE WHEN u.parent_id = p.competent_unit_id THEN '1' ELSE '0' END "
     "FROM units u WHERE u.id = p.employing_unit_id)"},
    {{"lead", "Tác giả chính", FT_PERSON, 0, NULL, NULL, 0, 0}, NULL,
     "(SELECT (SELECT full_name FROM people WHERE id = pr.person_id) " LEAD_PR
     "ORDER BY pr.ord LIMIT 1)"},
    {{"lead_position", "Chức vụ tác giả chính", FT_TEXT, 0, NULL, NULL, 0, 0}, NULL,
     "(SELECT pr.position " LEAD_PR "ORDER BY pr.ord LIMIT 1)"},
    {{"coauthors", "Đồng tác giả (phân cách bằng ;)", FT_TEXT, 0, NULL, NULL, 0, 0}, NULL,
     "(SELECT group_concat(n, '; ') FROM (SELECT pe.full_name AS n FROM proposers pr "
     "JOIN people pe ON pe.id = pr.person_id WHERE pr.proposal_id = p.id AND "
     "pr.deleted = 0 AND pr.is_lead = 0 ORDER BY pr.ord))"},
    PLAIN("bottleneck", "Điểm nghẽn, nút thắt cần tháo gỡ", FT_LONGTEXT),
    {{"bottleneck_kind", "Loại điểm nghẽn", FT_ENUM, 0, "not_regulated|unsuitable|other",
      "Chưa được quy định|Đã quy định nhưng không phù hợp thực tiễn|Khác", 0, 0},
     "bottleneck_kind", "p.bottleneck_kind"},
    PLAIN("necessity", "Sự cần thiết, mục đích, yêu cầu", FT_LONGTEXT),
    PLAIN("content", "Nội dung, nhiệm vụ, giải pháp", FT_LONGTEXT),
    PLAIN("scope_implementers", "Phạm vi, đối tượng thực hiện", FT_LONGTEXT),
    PLAIN("period_from", "Thời gian thực hiện từ ngày", FT_DATE),
    PLAIN("period_to", "Thời gian thực hiện đến ngày", FT_DATE),
    PLAIN("funding_requested", "Kinh phí đề nghị (đồng)", FT_MONEY),
    PLAIN("people_requested", "Nhân lực đề nghị", FT_LONGTEXT),
    PLAIN("equipment_requested", "Trang thiết bị, cơ sở vật chất đề nghị", FT_LONGTEXT),
    PLAIN("feasibility", "Tính khả thi", FT_LONGTEXT),
    PLAIN("scientific_basis", "Cơ sở khoa học", FT_LONGTEXT),
    PLAIN("practical_basis", "Cơ sở thực tiễn", FT_LONGTEXT),
    PLAIN("legal_basis", "Cơ sở pháp lý", FT_LONGTEXT),
    PLAIN("impact_positive", "Tác động tích cực", FT_LONGTEXT),
    PLAIN("impact_negative", "Tác động tiêu cực", FT_LONGTEXT),
    PLAIN("expected_effect", "Hiệu quả dự kiến", FT_LONGTEXT),
    PLAIN("risks", "Rủi ro và biện pháp phòng ngừa", FT_LONGTEXT),
};
_Static_assert(sizeof pf / sizeof pf[0] == PROPOSAL_NF, "PROPOSAL_NF counts the fields");

int proposal_nfields(void) { return PROPOSAL_NF; }
const fielddef *proposal_field(int i) { return i >= 0 && i < PROPOSAL_NF ? &pf[i].f : NULL; }
const char *proposal_field_column(int i) { return i >= 0 && i < PROPOSAL_NF ? pf[i].col : NULL; }
const char *proposal_field_expr(int i) { return i >= 0 && i < PROPOSAL_NF ? pf[i].expr : NULL; }

int proposal_field_index(const char *name)
{
    for (int i = 0; i < PROPOSAL_NF; i++)
        if (strcmp(pf[i].f.name, name) == 0) return i;
    return -1;
}
