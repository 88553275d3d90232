/* Messages made readable for the screens (ui_readable): the core writes
 * for the CLI too, where a field's code "(start_date)" tells what to
 * --set and a date may be ISO; on a screen the label is there already,
 * dates read dd/mm/yyyy, and the C library's English error texts
 * (strerror) read in Vietnamese.  On English screens the core's messages
 * (Vietnamese, as the CLI shows them) are translated here, at the edge,
 * through the catalogue: a message matched against the patterns below
 * (msgids, %s for every value) takes its msgstr with the values put
 * back, each value itself translated when the catalogue knows it (a
 * field's label).  Calls no other file of ui/. */
#include "ui_int.h"
#include "i18n.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flow/proposal.h"
#include "flow/workflow.h"

/* Is name (len bytes) the code of a field of the proposal or of an action? */
static int field_code(const char *name, size_t len)
{
    for (int i = 0; i < proposal_nfields(); i++) {
        const char *f = proposal_field(i)->name;
        if (strlen(f) == len && memcmp(f, name, len) == 0) return 1;
    }
    for (int a = 0; a < wf_action_count(); a++)
        for (int i = 0; i < wf_action_nfields(wf_action_at(a)); i++) {
            const char *f = wf_action_field(wf_action_at(a), i)->name;
            if (strlen(f) == len && memcmp(f, name, len) == 0) return 1;
        }
    return 0;
}

static int digit(char c) { return c >= '0' && c <= '9'; }

/* yyyy-mm-dd at p, not inside a longer run of digits or a code. */
static int iso_date_at(const char *start, const char *p)
{
    for (int i = 0; i < 10; i++) {
        if (!p[i]) return 0;
        if ((i == 4 || i == 7) ? p[i] != '-' : !digit(p[i])) return 0;
    }
    if (p > start && (digit(p[-1]) || p[-1] == '-')) return 0;
    if (digit(p[10]) || p[10] == '-') return 0;
    int m = (p[5] - '0') * 10 + (p[6] - '0'), d = (p[8] - '0') * 10 + (p[9] - '0');
    return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static const struct { int err; const char *vn; } errtext[] = {
    {EACCES, "không có quyền truy cập"}, {EPERM, "không được phép"},
    {ENOENT, "không có tệp hoặc thư mục này"}, {ENOSPC, "hết chỗ trống trên đĩa"},
    {EROFS, "ổ đĩa chỉ cho đọc"}, {EEXIST, "tệp đã có"}, {EISDIR, "đây là một thư mục"},
    {ENOTDIR, "không phải thư mục"}, {EDQUOT, "vượt hạn mức dung lượng"},
    {EIO, "lỗi đọc ghi thiết bị"}, {EMFILE, "mở quá nhiều tệp"},
    {ENAMETOOLONG, "tên tệp quá dài"}, {ENOMEM, "hết bộ nhớ"}, {EBUSY, "thiết bị đang bận"},
};

/* The core's messages as a screen shows them (field codes gone); only
 * "%s" in them.  Keep in step with src/ (a message not matched stays
 * Vietnamese: tests/e2e/english.sh walks the screens for it). */
static const char *const core_msgs[] = {
    N_("%s: bắt buộc, chưa nhập"),
    N_("%s: giá trị \"%s\" không hợp lệ; chọn một trong: %s"),
    N_("%s: có ký tự điều khiển (mã 0x%s, ở byte %s); hãy gõ lại hoặc dán dạng văn bản thuần"),
    N_("%s: tối đa %s ký tự, một dòng"),
    N_("%s: quá dài (tối đa %s byte)"),
    N_("%s: ngày \"%s\" không hợp lệ (dùng dd/mm/yyyy)"),
    N_("%s: phải là số nguyên từ %s đến %s (đang là \"%s\")"),
    N_("%s: số tiền \"%s\" không hợp lệ (ví dụ 150.000.000)"),
    N_("%s: nhập có/không (yes/no), không phải \"%s\""),
    N_("%s %s sau ngày hôm nay %s"),
    N_("Chưa thể gửi đề xuất %s: còn thiếu %s"),
    N_("Chưa có kết quả biểu quyết của tập thể lãnh đạo: hãy ghi 'vote' trước khi %s"),
    N_("Chưa có ý kiến của cấp ủy cùng cấp: hãy ghi 'opinion' với party_committee=có trước khi chấp thuận"),
    N_("Phạm vi thí điểm: bắt buộc khi cho thí điểm"),
    N_("Nội dung vi phạm: bắt buộc khi phát hiện vi phạm"),
    N_("Chưa có báo cáo kết quả để đánh giá"),
    N_("Tổng số phiếu (%s) vượt quá số thành viên được biểu quyết (%s)"),
    N_("Chưa lưu: %s trường cần sửa (xem dòng ! dưới trường)."),
    N_("Thời gian thực hiện từ ngày %s trước ngày ban hành Kết luận 14-KL/TW (22/09/2021)"),
    N_("%s %s trước ngày ban hành Kết luận 14-KL/TW (22/09/2021)"),
    N_("Thời gian thực hiện từ %s đến %s (period_from, period_to) dài quá 10 năm"),
    N_("%s %s trước ngày của bước trước (%s: %s)"),
    N_("%s: bắt buộc khi %s là %s"),
    N_("%s: bắt buộc khi số phiếu tán thành bằng số phiếu không tán thành (%s – %s)"),
    N_("Chưa có ý kiến của cấp ủy cùng cấp về kết quả: hãy ghi 'opinion' với party_committee=có trước khi đánh giá"),
    N_("Chỉ đề xuất nhân rộng mô hình được đánh giá hoàn thành hoặc hoàn thành một phần (kết quả: %s)"),
    N_("Không thể '%s' khi đề xuất đang ở trạng thái '%s' (%s); chỉ được từ: %s"),
    N_("Kết quả biểu quyết đã ghi thuộc lần gửi %s; đề xuất đã gửi lại (lần %s): hãy ghi 'vote' của lần này trước khi %s"),
    N_("Kết quả đánh giá của %s đã được thông báo ngày %s"),
    N_("Vai trò của bạn (%s) không được thực hiện '%s' (%s); cần vai trò: %s"),
    N_("Điều 7 khoản 3, 4 Nghị định 73: đề xuất %s thuộc thẩm quyền của %s; phạm vi của bạn không gồm đơn vị này nên không được '%s' (%s)"),
    N_("Điều 7, Điều 8 Nghị định 73: %s là người đề xuất %s, không được tự '%s' (%s) đề xuất của mình; việc này do người đứng đầu %s thực hiện"),
    N_("Đề xuất %s đã được người khác thay đổi (phiên bản %s, bạn đang xem %s); hãy tải lại"),
    N_("Tập thể lãnh đạo không thông qua: người đứng đầu chỉ được chấp thuận bằng văn bản, nêu lý do và chịu trách nhiệm"),
    N_("Tập thể lãnh đạo đã thông qua: người đứng đầu chỉ được không chấp thuận bằng văn bản, nêu lý do và chịu trách nhiệm"),
    N_("Số thành viên được biểu quyết phải ít nhất là 1 (members %s − deputy_excluded %s)"),
    N_("Chưa thể gửi đề xuất %s: thời gian thực hiện đến ngày %s trước ngày bắt đầu %s (period_to, period_from)"),
    N_("Điều 7 khoản 3, 4 Nghị định 73: cấp có thẩm quyền phải là đơn vị công tác của người đề xuất, hoặc cấp trên trực tiếp khi người đề xuất là người đứng đầu"),
    N_("Quyết định điều chỉnh phải nêu ít nhất một nội dung: thời gian, phạm vi hoặc nguồn lực"),
    N_("Thời gian thực hiện đến ngày %s trước ngày bắt đầu %s"),
    N_("Ngày báo cáo không được trước ngày hoàn thành"),
    N_("Tập thể lãnh đạo không thông qua kết quả đánh giá (%s/%s phiếu tán thành): chưa ghi được đánh giá"),
    N_("Biện pháp '%s' không phù hợp với kết quả đánh giá; theo quy định đề xuất: %s (%s)"),
    N_("Điều 10 Nghị định 73: %s không phải tác giả của đề xuất %s; khen thưởng, nâng lương trước hạn, ưu tiên bố trí chỉ dành cho người có đề xuất"),
    /* the proposal's text (proposal_show_text), line by line */
    N_("Phiên bản: %s; lần gửi: %s; lập: %s; sửa: %s"),
    N_("%s  %s  %s (→ %s)"),
    /* the rest of src/flow: attachments, people, users, login, proposal forms */
    N_("Không có người dùng '%s'"),
    N_("Thiếu đường dẫn tệp cần đính kèm"),
    N_("%s: không đọc được tệp (%s)"),
    N_("%s: không phải tệp thông thường"),
    N_("%s: không được đính kèm tệp trong thư mục cơ sở dữ liệu"),
    N_("%s: tệp rỗng, không có gì để đính kèm"),
    N_("%s: tệp %s MB, vượt giới hạn %s MB (attachments.max_mb)"),
    N_("%s: lỗi đọc (%s)"),
    N_("%s: tệp thay đổi trong khi đọc; hãy thử lại"),
    N_("Vai trò của bạn (%s) không được đính kèm tệp; cần vai trò: clerk, reviewer, head hoặc "
       "monitor"),
    N_("%s: không mở được để ghi (%s)"),
    N_("%s: lỗi ghi (%s)"),
    N_("Không tìm thấy tệp đính kèm số %s"),
    N_("Tệp đính kèm số %s không khớp mã SHA-256 đã lưu: dữ liệu bị hỏng; không xuất"),
    N_("Tệp Office có macro (vbaProject.bin) không được đính kèm; hãy lưu lại dạng DOCX/XLSX "
       "thường hoặc PDF"),
    N_("Tệp nén ZIP không phải văn bản DOCX, XLSX hoặc ODT; chỉ nhận PDF, JPEG, PNG, TIFF, "
       "DOCX, XLSX, ODT, DOC"),
    N_("Tệp rỗng: không có gì để đính kèm"),
    N_("Tệp là %s: không được đính kèm; chỉ nhận PDF, JPEG, PNG, TIFF, DOCX, XLSX, ODT, DOC"),
    N_("Không nhận ra loại tệp theo nội dung; chỉ nhận PDF, JPEG, PNG, TIFF, DOCX, XLSX, ODT, "
       "DOC"),
    N_("trường không tồn tại: %s"),
    N_("Số văn bản \"%s\" không đúng thể thức: %s"),
    N_("Văn bản số %s cần ngày ký"),
    N_("Số văn bản %s ghi năm %s nhưng ngày ký là %s"),
    N_("Số văn bản %s năm %s của %s đã cấp cho đề xuất %s (%s, ngày %s); mỗi số chỉ dùng một "
       "lần trong năm"),
    N_("chưa đăng nhập"),
    N_("không có bản nháp"),
    N_("từ khóa tìm kiếm: UTF-8 không hợp lệ"),
    N_("Tài khoản bị khóa đến %s"),
    N_("Tài khoản đã bị khóa; hãy liên hệ quản trị viên"),
    N_("Không tạo được mã băm mật khẩu (libxcrypt)"),
    N_("Mật khẩu quá dài (tối đa %s byte)"),
    N_("Mật khẩu không phải văn bản UTF-8 hợp lệ"),
    N_("Mật khẩu phải có ít nhất %s ký tự"),
    N_("Thiếu tên hoặc mã số người"),
    N_("Không có người tên '%s'; có phải: %s? Hãy ghi đúng họ tên có dấu, hoặc mã số (id)"),
    N_("Không có người mã số %s"),
    N_("Không có người tên '%s'"),
    N_("Có %s%s người tên '%s'; hãy ghi mã số (id) thay cho tên: %s"),
    N_("Chỉ chuyên viên hoặc quản trị viên được lập và sửa đề xuất"),
    N_("Đề xuất đã được người khác sửa; hãy xem bản mới nhất"),
    N_("Chỉ sửa được đề xuất ở trạng thái \"%s\" hoặc \"%s\"; %s đang ở trạng thái \"%s\""),
    N_("Đề xuất đã được người khác sửa (phiên bản %s); hãy xem bản mới nhất rồi sửa lại (bạn "
       "đang sửa phiên bản %s)"),
    N_("%s: không có lĩnh vực \"%s\"; chọn một mã: %s"),
    N_("%s: tối đa %s người"),
    N_("%s: phải từ ngày %s trở đi"),
    N_("%s: đơn vị \"%s\" nằm ngoài phạm vi của bạn"),
    N_("Không tìm thấy đề xuất %s"),
    N_("sắp xếp theo \"%s\" không hợp lệ; chọn một trong: code, title, state, unit, updated, due"),
    N_("trạng thái \"%s\" không hợp lệ; chọn một trong: %s"),
    N_("không có đơn vị mã \"%s\""),
    N_("Chỉ chuyên viên hoặc quản trị viên được ghi buổi học tập, quán triệt"),
    N_("Đơn vị (unit): không có đơn vị mã \"%s\""),
    N_("Đơn vị \"%s\" nằm ngoài phạm vi của bạn"),
    N_("Không có đơn vị mã '%s'"),
    N_("Chỉ quản trị viên được quản lý người dùng"),
    N_("Đơn vị nằm ngoài phạm vi quản lý của bạn"),
    N_("Chỉ quản trị viên được thêm người dùng"),
    N_("Tên đăng nhập phải có 1–%s ký tự, chỉ gồm a-z, 0-9, '.', '_', '-'"),
    N_("Người dùng phải có ít nhất một vai trò hợp lệ"),
    N_("Thiếu họ và tên"),
    N_("Họ và tên quá dài"),
    N_("Tên đăng nhập '%s' đã có"),
    N_("Không thể tự khóa tài khoản của mình"),
    N_("Chỉ chính người dùng mới đổi được mật khẩu bằng mật khẩu cũ; quản trị viên hãy đặt lại "
       "mật khẩu"),
    N_("Mật khẩu cũ không đúng"),
    N_("Mật khẩu mới phải khác mật khẩu cũ"),
    N_("Điều 10 Nghị định 73: khen thưởng, nâng lương trước hạn, ưu tiên bố trí chỉ dành cho đề "
       "xuất được đánh giá hoàn thành (kết quả đánh giá: %s); chỉ được biểu dương (praise)"),
    N_("%s: không có đơn vị mã \"%s\""),
    N_("%s: họ tên quá dài (tối đa 200 byte) \"%s\""),
    /* src/store, src/sync, src/report, src/text, src/base: the database, settings, the
       exchange between sites, reports */
    N_("ghi lại thay đổi để đồng bộ thất bại (%s)"),
    N_("ghi hộp thư đi đồng bộ thất bại (%s)"),
    N_("%s: iniparser không đọc được tệp: %s"),
    N_("%s: không có tùy chọn này"),
    N_("%s: không mở được tệp cấu hình: %s"),
    N_("%s: không phải là tệp thường"),
    N_("%s: lỗi đọc tệp: %s"),
    N_("%s: đã thôi chờ — người khác đang ghi vào cơ sở dữ liệu; chưa ghi gì, hãy thử lại sau"),
    N_("%s: cơ sở dữ liệu đang bận (người khác đang ghi), hãy thử lại (database busy)"),
    N_("%s: ổ đĩa đã đầy, dữ liệu chưa được lưu; dữ liệu cũ vẫn nguyên vẹn (disk full)"),
    N_("%s: cơ sở dữ liệu chỉ đọc — kiểm tra quyền ghi tệp và thư mục (read-only)"),
    N_("%s: tệp cơ sở dữ liệu bị hỏng hoặc không phải của sangtao; hãy khôi phục từ bản sao "
       "lưu"),
    N_("%s: không mở được tệp cơ sở dữ liệu (%s)"),
    N_("%s: lỗi đọc/ghi đĩa (%s)"),
    N_("%s: dữ liệu vi phạm ràng buộc (%s)"),
    N_("%s: lỗi cơ sở dữ liệu (%s)"),
    N_("bắt đầu ghi: không mở được phiên ghi nhận thay đổi (%s)"),
    N_("cơ sở dữ liệu chỉ đọc — không thể ghi; kiểm tra quyền ghi tệp %s và thư mục chứa nó "
       "(read-only)"),
    N_("Đã thôi chờ: người khác đang ghi vào cơ sở dữ liệu; chưa ghi gì, hãy lưu lại sau"),
    N_("nâng cấp cơ sở dữ liệu (%s) thất bại: %s"),
    N_("%s: cơ sở dữ liệu ở phiên bản %s, mới hơn chương trình này (phiên bản %s). Hãy cập "
       "nhật sangtao (database newer than program)"),
    N_("%s: không phải cơ sở dữ liệu của sangtao (not a sangtao database)"),
    N_("%s: tệp cơ sở dữ liệu có đó, nhưng người dùng %s không được đọc (quyền %s). Cơ sở dữ "
       "liệu vẫn còn nguyên: hãy báo quản trị viên cho người dùng này quyền (nhóm của tệp), "
       "đừng tạo cơ sở dữ liệu mới"),
    N_("%s: người dùng %s không được vào thư mục này (quyền %s), nên không mở được %s. Cơ sở "
       "dữ liệu có thể vẫn còn nguyên: hãy báo quản trị viên kiểm tra quyền, đừng tạo cơ sở "
       "dữ liệu mới"),
    N_("database.path: chưa đặt đường dẫn"),
    N_("%s: không có tệp cơ sở dữ liệu này. Nếu chưa tạo, hãy tạo bằng lệnh: sangtao init"),
    N_("%s: người dùng này không được vào thư mục chứa cơ sở dữ liệu (không có quyền). Cơ sở "
       "dữ liệu có thể vẫn còn nguyên: hãy báo quản trị viên kiểm tra quyền, đừng tạo cơ sở "
       "dữ liệu mới"),
    N_("%s: không truy cập được tệp cơ sở dữ liệu (đường dẫn sai hoặc hệ thống tệp lỗi, mã "
       "%s); đừng tạo cơ sở dữ liệu mới trước khi kiểm tra"),
    N_("%s: tệp đã tồn tại; không ghi đè (file exists)"),
    N_("%s: cơ sở dữ liệu chỉ đọc — người dùng này không có quyền ghi tệp hoặc thư mục chứa "
       "nó; hãy kiểm tra quyền (read-only)"),
    N_("data.holidays: không mở được %s (%s)"),
    N_("Không khởi tạo được libsodium"),
    N_("Đường dẫn tệp quá dài"),
    N_("%s: không tạo được tệp (%s)"),
    N_("%s: lỗi ghi tệp (%s)"),
    N_("%s: không đặt được tên tệp (%s)"),
    N_("Khóa của trạm nhận không hợp lệ"),
    N_("Không mã hóa được dữ liệu gửi đi"),
    N_("Không nhận tệp: %s"),
    N_("%s: không phải tệp thường"),
    N_("%s: lỗi đọc tệp"),
    N_("Ở máy chủ tỉnh cần chọn văn phòng nhận (--to MÃ)"),
    N_("Văn phòng này chưa biết máy chủ tỉnh (sync_sites trống)"),
    N_("Văn phòng chỉ trao đổi với máy chủ tỉnh"),
    N_("%s: Không nhận tệp: cùng phiên bản cấu trúc dữ liệu %s nhưng các bảng trao đổi khác "
       "nhau (dấu vân tay %s…, ở đây %s…): hai bên phải cùng một bản sangtao"),
    N_("Bảng sync_self hỏng (độ dài khóa)"),
    N_("Không tạo được sync_self"),
    N_("site.number trong config.ini là %s nhưng cơ sở dữ liệu này là trạm số %s: sửa "
       "site.number = %s (mỗi trạm một số, không đổi)"),
    N_("Cơ sở dữ liệu này chưa tham gia trao đổi (sync_self trống)"),
    N_("Không có trạm %s (xem: sangtao site list)"),
    N_("đọc các thay đổi chưa gửi thất bại"),
    N_("thay đổi cho bảng %s không được đồng bộ: không nhận"),
    N_("bảng %s có %s cột ở đây nhưng %s cột ở nơi gửi: nơi gửi dùng bản sangtao mới hơn, hãy "
       "nâng cấp chương trình ở đây"),
    N_("thay đổi nhận được bị hỏng"),
    N_("thay đổi nhận được bị hỏng (%s)"),
    N_("không có xung đột số %s"),
    N_("xung đột số %s đã được giải quyết"),
    N_("không thể lấy trạng thái đã bị từ chối: hãy thực hiện lại thao tác theo quy trình từ "
       "trạng thái hiện tại"),
    N_("xung đột số %s không có giá trị để lấy lại"),
    N_("bảng %s không có cột %s"),
    N_("chỉ quản trị, lãnh đạo hoặc chuyên viên được giải quyết xung đột"),
    N_("hộp thư đi hỏng: không đọc được một thay đổi"),
    N_("hộp thư đi hỏng"),
    N_("không tạm bỏ được thay đổi chưa gửi để so (%s)"),
    N_("chưa nhận tệp nào từ máy chủ tỉnh có dấu kiểm: hãy nhập một tệp mới nhất rồi kiểm tra "
       "lại"),
    N_("dấu kiểm nhận từ máy chủ tỉnh bị hỏng"),
    N_("hộp thư đi hỏng (%s)"),
    N_("phần gửi đầy đủ trong tệp bị hỏng"),
    N_("nội dung thay đổi trong tệp bị hỏng (sai độ dài hoặc mã băm)"),
    N_("--full chỉ dùng ở máy chủ tỉnh"),
    N_("nội dung tệp không khớp người gửi/người nhận (từ %s cho %s)"),
    N_("bảng %s có quá nhiều cột để đồng bộ"),
    N_("không có bảng %s ở đây"),
    N_("không có văn phòng số %s (sangtao site list)"),
    N_("văn phòng này chưa biết máy chủ tỉnh (chưa khởi tạo bằng sangtao init --seed)"),
    N_("Năm không hợp lệ: %s (cần 1900–9999)"),
    N_("Tháng phải từ 1 đến 12 (đang là %s)"),
    N_("Quý phải từ 1 đến 4 (đang là %s)"),
    N_("Nửa năm phải là 1 (6 tháng đầu) hoặc 2 (6 tháng cuối) (đang là %s)"),
    N_("Kỳ báo cáo phải là month, quarter, half hoặc year (đang là \"%s\")"),
    N_("Cần kỳ báo cáo: từ ngày và đến ngày, hoặc kỳ (tháng, quý, 6 tháng, năm) và năm"),
    N_("Ngày kết thúc kỳ báo cáo trước ngày bắt đầu"),
    N_("Không tìm thấy đơn vị %s"),
    N_("Không ghi được báo cáo: %s"),
    N_("Chưa cấu hình máy in (report.printer trong config.ini)"),
    N_("Không chạy được lp: %s"),
    N_("lp: %s"),
    N_("Không tìm thấy lệnh lp (cài gói cups-client)"),
    N_("lp không in được tới máy in \"%s\" (mã lỗi %s)"),
    N_("Không có bảng \"%s\" (các bảng: %s)"),
    N_("Không ghi được CSV: %s"),
    N_("Không ghi được JSON: %s"),
    N_("%s: không tạo được tệp XLSX"),
    N_("%s: không ghi được tệp XLSX (%s)"),
    N_("Không mở được thư viện ghi XLSX (%s): hãy cài gói libxlsxwriter4, hoặc xuất CSV"),
    N_("Thư viện ghi XLSX thiếu hàm %s"),
    N_("Lập báo cáo: %s"),
    N_("UTF-8 không hợp lệ tại byte %s"),
    N_("không chuẩn hóa được văn bản: %s"),
    N_("Vai trò không hợp lệ: '%s'. Các vai trò hợp lệ: %s"),
    N_("Chưa chọn vai trò nào. Các vai trò hợp lệ: %s"),
    N_("Hết bộ nhớ khi đọc CSV"),
    N_("csv_next: đối số NULL"),
    N_("%s: không được dùng khi chương trình chạy với nhóm sangtao (đã cài đặt); cơ sở dữ "
       "liệu và cài đặt lấy từ /etc/sangtao/config.ini (refused when installed setgid)"),
    N_("database.path = %s: khi cài đặt với nhóm sangtao, cơ sở dữ liệu phải nằm ngay trong "
       "thư mục %s (refused: outside the installed database folder)"),
    N_("%s: tệp đã tồn tại; không ghi đè"),
    N_("%s: không đặt được quyền truy cập (%s)"),
    N_("Không tạo được tệp tạm trong %s (%s)"),
    N_("Ngày không hợp lệ: \"%s\" (dùng dd/mm/yyyy)"),
    N_("cần 3 cột date,kind,name (có %s cột)"),
    N_("loại ngày \"%s\" không hợp lệ (dùng holiday hoặc workday)"),
    N_("ngày làm bù %s không phải thứ Bảy hay Chủ nhật"),
    N_("ngày %s vừa là ngày nghỉ vừa là ngày làm bù"),
    N_("Hết bộ nhớ"),
    N_("%s: không mở được tệp"),
    N_("%s: không có tệp"),
};

#define NCAP 8
typedef struct capture { const char *p; size_t len; } capture;

/* Does s match the pattern pat ("%s" matches any text, shortest first)? */
static int match(const char *pat, const char *s, capture *cap, int ncap)
{
    for (;;) {
        if (pat[0] == '%' && pat[1] == 's') {
            if (ncap >= NCAP) return 0;
            for (const char *q = s;; q++) {
                cap[ncap].p = s;
                cap[ncap].len = (size_t)(q - s);
                if (match(pat + 2, q, cap, ncap + 1)) return 1;
                if (!*q) return 0;
            }
        }
        if (*pat != *s) return 0;
        if (!*pat) return 1;
        pat++;
        s++;
    }
}

static int ncaps(const char *pat)
{
    int n = 0;
    for (const char *p = pat; (p = strstr(p, "%s")); p += 2) n++;
    return n;
}

/* One message (or part) in the screen language, into out; 0 if unknown. */
static int translate_one(const char *in, char *out, size_t n)
{
    const char *t = gettext(in);
    if (t != in && strcmp(t, in) != 0) { snprintf(out, n, "%s", t); return 1; }
    capture cap[NCAP];
    for (size_t i = 0; i < sizeof core_msgs / sizeof core_msgs[0]; i++) {
        const char *tr = gettext(core_msgs[i]);
        if (tr == core_msgs[i] || ncaps(tr) != ncaps(core_msgs[i]) || !match(core_msgs[i], in, cap, 0))
            continue;
        size_t o = 0;
        int k = 0;
        for (const char *p = tr; *p && o + 1 < n;) {
            if (p[0] == '%' && p[1] == 's') {
                char v[512];
                snprintf(v, sizeof v, "%.*s", (int)cap[k].len, cap[k].p);
                k++;
                const char *vt = v[0] ? gettext(v) : v;   /* a label the catalogue knows */
                o += (size_t)snprintf(out + o, n - o, "%s", vt);
                if (o >= n) o = n - 1;
                p += 2;
            } else {
                out[o++] = *p++;
            }
        }
        out[o] = '\0';
        return 1;
    }
    return 0;
}

/* Other screen languages: the whole message, else "part: rest" part by
 * part.  (The catalogue in use translates the home screen's name.) */
static void translate(char *msg, size_t n)
{
    static const char probe[] = "Trang chính";
    if (!*msg || gettext(probe) == probe) return;
    char out[1200];
    if (translate_one(msg, out, sizeof out)) { snprintf(msg, n, "%s", out); return; }
    char *colon = strstr(msg, ": ");
    if (!colon) return;
    *colon = '\0';
    char head[1200], rest[1200];
    if (!translate_one(msg, head, sizeof head)) snprintf(head, sizeof head, "%s", msg);
    snprintf(rest, sizeof rest, "%s", colon + 2);
    translate(rest, sizeof rest);
    snprintf(msg, n, "%s: %s", head, rest);
}

char *ui_translate_text(const char *in)
{
    static const char probe[] = "Trang chính";
    if (!in || gettext(probe) == probe) return NULL;
    size_t cap = strlen(in) * 2 + 256, o = 0;
    char *out = malloc(cap);
    if (!out) return NULL;
    for (const char *p = in; *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p), ind = 0;
        while (ind < len && p[ind] == ' ') ind++;
        char line[1200];
        snprintf(line, sizeof line, "%.*s", (int)(len - ind), p + ind);
        if (len - ind < sizeof line) translate(line, sizeof line);
        else snprintf(line, sizeof line, "%.*s", (int)(len - ind), p + ind);
        size_t need = ind + strlen(line) + 2;
        if (o + need >= cap) {
            char *q = realloc(out, cap * 2 + need);
            if (!q) { free(out); return NULL; }
            out = q;
            cap = cap * 2 + need;
        }
        memset(out + o, ' ', ind);
        o += ind;
        o += (size_t)sprintf(out + o, "%s%s", line, nl ? "\n" : "");
        p += len + (nl ? 1 : 0);
    }
    out[o] = '\0';
    return out;
}

void ui_readable(const char *in, char *out, size_t n)
{
    size_t o = 0;
    if (!n) return;
    for (const char *p = in ? in : ""; *p && o + 1 < n;) {
        /* " (field_code)": the label says it on a screen. */
        if (p[0] == ' ' && p[1] == '(') {
            const char *q = p + 2;
            while ((*q >= 'a' && *q <= 'z') || digit(*q) || *q == '_') q++;
            if (*q == ')' && q > p + 2 && field_code(p + 2, (size_t)(q - p - 2))) { p = q + 1; continue; }
        }
        if (iso_date_at(in, p) && o + 11 < n) {
            o += (size_t)snprintf(out + o, n - o, "%.2s/%.2s/%.4s", p + 8, p + 5, p);
            p += 10;
            continue;
        }
        int hit = 0;
        for (size_t k = 0; k < sizeof errtext / sizeof errtext[0] && !hit; k++) {
            const char *en = strerror(errtext[k].err);
            size_t len = strlen(en);
            if (strncmp(p, en, len) != 0) continue;
            size_t vl = strlen(errtext[k].vn);
            if (o + vl + 1 >= n) break;
            memcpy(out + o, errtext[k].vn, vl);
            o += vl;
            p += len;
            hit = 1;
        }
        if (!hit) out[o++] = *p++;
    }
    out[o] = '\0';
    translate(out, n);
}
