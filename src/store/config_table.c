/* The single list of settings, as data: one row per option of config.ini
 * {key, type, default, min, max, values, check, help}.  Loading,
 * validation, defaults, --help-config and config_print_values all walk it.
 * This file is a table of data and may grow past the usual length of a
 * file; the code that reads it is in config_value.c, config_scan.c,
 * config.c and config_print.c.  Also here: the two checks the rows name. */
#include "config_internal.h"

#include "base/keyspec.h"

static const char *check_site_code(const char *v)
{
    for (const char *p = v; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
            return "phải gồm 1 đến 8 chữ cái in hoa hoặc chữ số ASCII";
    return NULL;
}

/* A [keys] value: names the screens know (src/keyspec.h). */
static const char *check_keys(const char *v)
{
    static char why[200];
    keyspec k[KEYSPEC_MAX];
    return keyspec_parse(v, k, KEYSPEC_MAX, why, sizeof why) < 0 ? why : NULL;
}

#define ENUMV(...) ((const char *const[]){__VA_ARGS__, NULL})
/* A [keys] row: empty by default (the built-in keys of ui/keys.c). */
#define KEYS(name, en, vi) {"keys." name, OPT_KEYS, "", 0, 200, NULL, check_keys, \
    "Keys for: " en, "Phím: " vi}
#define NAME_MAX_CHARS 200
#define PATH_MAX_BYTES 900   /* so that any value fits a config.ini line */

/* Keep options of one section together; config.ini follows this order. */
const struct config_option config_options[] = {
    {"database.path", OPT_PATH, "sangtao.db", 1, PATH_MAX_BYTES, NULL, NULL,
     "SQLite database file, on a local disk (never NFS/SMB)",
     "Tệp cơ sở dữ liệu SQLite, trên đĩa của máy chủ"},
    {"database.busy_timeout_ms", OPT_INT, "5000", 100, 600000, NULL, NULL,
     "How long a write waits for another writer before giving up (ms)",
     "Thời gian chờ khi cơ sở dữ liệu đang bận (mili giây)"},
    {"site.code", OPT_STR, "BD", 1, 8, NULL, check_site_code,
     "Site code used in document codes such as BD-2026-0042 (1-8 A-Z/0-9)",
     "Mã đơn vị trong số hồ sơ (1-8 chữ in hoa hoặc chữ số)"},
    {"site.number", OPT_INT, "1", 1, 65535, NULL, NULL,
     "Numeric site id inside primary keys: one per office, never changed",
     "Số hiệu trạm, mỗi nơi một số khác nhau, không đổi sau khi có dữ liệu"},
    {"site.name", OPT_STR, "Văn phòng Tỉnh ủy Bình Định", 1, NAME_MAX_CHARS,
     NULL, NULL, "Name of this office, shown on screens",
     "Tên đơn vị sử dụng chương trình"},
    {"org.name", OPT_STR, "TỈNH ỦY BÌNH ĐỊNH", 1, NAME_MAX_CHARS, NULL, NULL,
     "Issuing body printed at the top left of reports",
     "Cơ quan ban hành, in ở góc trái tiêu đề báo cáo"},
    {"org.party", OPT_STR, "ĐẢNG CỘNG SẢN VIỆT NAM", 1, NAME_MAX_CHARS, NULL,
     NULL, "Heading printed at the top right of reports",
     "Dòng tiêu đề góc phải báo cáo"},
    {"org.place", OPT_STR, "Bình Định", 1, NAME_MAX_CHARS, NULL, NULL,
     "Place name before the date line of reports",
     "Địa danh ghi trước ngày tháng trên báo cáo"},
    {"org.signer_title", OPT_STR, "T/M BAN THƯỜNG VỤ", 1, NAME_MAX_CHARS, NULL,
     NULL, "Title above the signature on reports",
     "Chức danh ký báo cáo"},
    {"org.signer_position", OPT_STR, "PHÓ BÍ THƯ", 0, NAME_MAX_CHARS, NULL, NULL,
     "Position of the signer, under the title (empty: none)",
     "Chức vụ người ký, dưới chức danh ký"},
    {"org.signer_name", OPT_STR, "", 0, NAME_MAX_CHARS, NULL, NULL,
     "Name printed under the signature (empty: written by hand)",
     "Họ tên người ký; để trống để ghi tay"},
    {"org.doc_symbol", OPT_STR, "TU", 1, 20, NULL, NULL,
     "Issuer's symbol in report numbers: Số …-BC/TU",
     "Ký hiệu cơ quan trong số báo cáo (Số …-BC/TU)"},
    {"org.recipients", OPT_STR, "Ban Thường vụ Tỉnh ủy|Ban Tổ chức Tỉnh ủy|Lưu Văn phòng Tỉnh ủy",
     0, 900, NULL, NULL, "Recipients listed under \"Nơi nhận:\", separated by |",
     "Nơi nhận của báo cáo, cách nhau bằng dấu |"},
    {"report.printer", OPT_STR, "", 0, NAME_MAX_CHARS, NULL, NULL,
     "Printer (lp destination) for printed reports; empty: no printer",
     "Máy in (tên trong lp) để in báo cáo; để trống nếu không có"},
    {"report.width", OPT_ENUM, "80", 0, 0, ENUMV("80", "132"), NULL,
     "Columns of printed reports: 80 (A4 portrait) or 132 (A4 landscape)",
     "Số cột của báo cáo in: 80 (A4 đứng) hoặc 132 (A4 ngang)"},
    {"ui.language", OPT_ENUM, "vi", 0, 0, ENUMV("vi", "en"), NULL,
     "Language of the screens", "Ngôn ngữ giao diện"},
    {"ui.esc_delay_ms", OPT_INT, "50", 0, 2000, NULL, NULL,
     "Wait after Esc for the rest of a key sequence (ms); $ESCDELAY wins",
     "Độ trễ phím Esc (mili giây); biến ESCDELAY được ưu tiên"},
    {"ui.input_method", OPT_ENUM, "telex", 0, 0, ENUMV("off", "telex", "vni"),
     NULL, "Built-in Vietnamese typing; off when the system already has one",
     "Bộ gõ tiếng Việt có sẵn; chọn off nếu máy đã có bộ gõ"},
    {"text.tone_style", OPT_ENUM, "old", 0, 0, ENUMV("old", "new"), NULL,
     "Where the tone of oa, oe, uy goes in typed text: old (hòa, thủy) or new (hoà, thuỷ)",
     "Kiểu đặt dấu thanh khi gõ và khi lưu: old (hòa, thủy) hoặc new (hoà, thuỷ)"},
    {"ui.color", OPT_BOOL, "true", 0, 0, NULL, NULL,
     "Use colours when the terminal has them ($NO_COLOR turns them off)",
     "Dùng màu nếu màn hình hỗ trợ"},
    {"workflow.review_days", OPT_INT, "7", 1, 60, NULL, NULL,
     "Working days to review a proposal from its receipt (Decree 73 Art. 8(1))",
     "Số ngày làm việc để xem xét đề xuất"},
    {"workflow.report_days", OPT_INT, "5", 1, 60, NULL, NULL,
     "Working days to report results after the pilot ends",
     "Số ngày làm việc để báo cáo kết quả sau khi hoàn thành"},
    {"workflow.evaluation_days", OPT_INT, "7", 1, 60, NULL, NULL,
     "Working days to evaluate results after the report",
     "Số ngày làm việc để đánh giá kết quả sau báo cáo"},
    {"workflow.notify_days", OPT_INT, "3", 1, 60, NULL, NULL,
     "Working days to notify the cadre of the evaluation result (Decree 73, evaluation clause)",
     "Số ngày làm việc để thông báo kết quả đánh giá cho cán bộ"},
    {"workflow.backdate_days", OPT_INT, "30", 0, 3650, NULL, NULL,
     "Days a workflow date may lie before today without a warning (paper records entered "
     "late are accepted, with a warning kept in the history)",
     "Số ngày một ngày của quy trình được trước hôm nay mà không cảnh báo (hồ sơ giấy ghi "
     "lùi vẫn được nhận, kèm cảnh báo lưu trong lịch sử)"},
    {"workflow.party_opinion_required", OPT_BOOL, "true", 0, 0, NULL, NULL,
     "Party committee opinion required before approval and evaluation (not in the "
     "quoted Decree 73 Art. 8(1); the provincial plan / project domain; on by default)",
     "Bắt buộc ý kiến cấp ủy cùng cấp trước khi chấp thuận và đánh giá (không có trong "
     "Điều 8(1) Nghị định 73 đã trích; theo kế hoạch của tỉnh; mặc định bật)"},
    {"security.lockout_threshold", OPT_INT, "5", 1, 100, NULL, NULL,
     "Failed logins in a row that lock an account",
     "Số lần đăng nhập sai liên tiếp thì khóa tài khoản"},
    {"security.lockout_minutes", OPT_INT, "15", 1, 1440, NULL, NULL,
     "How long a locked account stays locked (minutes)",
     "Thời gian khóa tài khoản (phút)"},
    {"security.password_cost", OPT_INT, "2", 1, 8, NULL, NULL,
     "yescrypt cost of new password hashes: N takes 2^(N-1) MiB while hashing (2 fits 10 MB a session)",
     "Độ khó băm mật khẩu yescrypt: N cần 2^(N-1) MiB khi băm (2 vừa 10 MB mỗi phiên)"},
    {"security.min_password_length", OPT_INT, "8", 6, 128, NULL, NULL,
     "Shortest password accepted (characters)",
     "Độ dài tối thiểu của mật khẩu (ký tự)"},
    {"data.holidays", OPT_PATH, "", 0, PATH_MAX_BYTES, NULL, NULL,
     "Extra holidays CSV (date,kind,name) on top of the built-in ones",
     "Tệp CSV ngày nghỉ bổ sung; để trống nếu không có"},
    {"data.draft_keep_days", OPT_INT, "30", 0, 3650, NULL, NULL,
     "Days a discarded form draft is kept before `maintain` removes it",
     "Số ngày giữ bản nháp đã bỏ trước khi lệnh maintain xóa hẳn"},
    {"attachments.max_mb", OPT_INT, "20", 1, 500, NULL, NULL,
     "Largest file accepted as an attachment of a proposal (MB; stored in the database)",
     "Dung lượng lớn nhất của một tệp đính kèm hồ sơ (MB; lưu trong cơ sở dữ liệu)"},
    {"backup.dir", OPT_PATH, "/var/backups/sangtao", 1, PATH_MAX_BYTES, NULL, NULL,
     "Folder of the daily backups (`backup --rotate`) and of the copy `migrate` takes; "
     "mode 0700",
     "Thư mục sao lưu hằng ngày (backup --rotate) và bản sao trước khi nâng cấp; quyền 0700"},
    {"backup.keep_daily", OPT_INT, "7", 1, 3650, NULL, NULL,
     "Rotation: keep the newest backup of each of this many last days",
     "Giữ bản sao lưu mới nhất của mỗi ngày, trong ngần này ngày gần nhất"},
    {"backup.keep_weekly", OPT_INT, "4", 0, 520, NULL, NULL,
     "Rotation: keep the newest backup of each of this many last weeks",
     "Giữ bản sao lưu mới nhất của mỗi tuần, trong ngần này tuần gần nhất"},
    {"backup.keep_monthly", OPT_INT, "12", 0, 1200, NULL, NULL,
     "Rotation: keep the newest backup of each of this many last months",
     "Giữ bản sao lưu mới nhất của mỗi tháng, trong ngần này tháng gần nhất"},
    {"backup.warn_hours", OPT_INT, "36", 1, 8760, NULL, NULL,
     "`check` warns when the last rotated backup is older than this (hours)",
     "Lệnh check cảnh báo khi bản sao lưu cuối cũ hơn ngần này giờ"},
    {"sync.max_bundle_mb", OPT_INT, "1024", 1, 65536, NULL, NULL,
     "Offline exchange: a bundle or seed file larger than this (MB) is refused unread",
     "Trao đổi ngoại tuyến: tệp trao đổi hoặc tệp khởi tạo lớn hơn ngần này (MB) bị từ chối"},
    {"sync.ssh_command", OPT_PATH, "/usr/bin/ssh", 1, PATH_MAX_BYTES, NULL, NULL,
     "Offline exchange: the OpenSSH client `sync ssh` runs (absolute path)",
     "Trao đổi ngoại tuyến: chương trình ssh mà lệnh sync ssh chạy (đường dẫn tuyệt đối)"},
    {"sync.remote_command", OPT_STR, "sangtao", 1, PATH_MAX_BYTES, NULL, NULL,
     "Offline exchange: how `sync ssh` starts sangtao on the other machine",
     "Trao đổi ngoại tuyến: lệnh chạy sangtao ở máy bên kia (sync ssh)"},
    /* [keys]: one row per action of the screens' key table (ui/keys.c, by
     * its config name); a value replaces that action's built-in keys. */
    KEYS("help", "help screen", "trợ giúp"),
    KEYS("save", "save the form", "lưu biểu mẫu"),
    KEYS("search", "quick search in the list", "tìm nhanh trong danh sách"),
    KEYS("pick", "pick a value from a list (forms)", "chọn giá trị từ danh sách"),
    KEYS("filter", "filter the list", "lọc danh sách"),
    KEYS("refresh", "read the data again", "đọc lại dữ liệu"),
    KEYS("sort", "sort by the next column", "sắp xếp theo cột tiếp theo"),
    KEYS("reverse", "reverse the order", "đảo chiều sắp xếp"),
    KEYS("queue", "my queue / everything", "việc chờ tôi / tất cả"),
    KEYS("list", "open the proposal list (home)", "mở danh sách đề xuất"),
    KEYS("reports", "open the reports (home)", "mở báo cáo"),
    KEYS("new", "new proposal", "tạo đề xuất mới"),
    KEYS("actions", "workflow actions", "các thao tác quy trình"),
    KEYS("edit", "edit the proposal", "sửa đề xuất"),
    KEYS("open", "open the selected line", "mở dòng đang chọn"),
    KEYS("next", "next field or section", "trường hoặc mục sau"),
    KEYS("prev", "previous field or section", "trường hoặc mục trước"),
    KEYS("toggle", "mark or unmark (multiple choice)", "đánh dấu / bỏ đánh dấu"),
    KEYS("up", "up one line", "lên một dòng"),
    KEYS("down", "down one line", "xuống một dòng"),
    KEYS("page_up", "up one page", "lên một trang"),
    KEYS("page_down", "down one page", "xuống một trang"),
    KEYS("first", "to the top", "về đầu"),
    KEYS("last", "to the bottom", "xuống cuối"),
    KEYS("left", "left one character", "sang trái một chữ"),
    KEYS("right", "right one character", "sang phải một chữ"),
    KEYS("line_start", "start of the line", "về đầu dòng"),
    KEYS("line_end", "end of the line", "về cuối dòng"),
    KEYS("word_left", "previous word", "về từ trước"),
    KEYS("word_right", "next word", "sang từ sau"),
    KEYS("backspace", "delete before the cursor", "xóa chữ trước con trỏ"),
    KEYS("delete", "delete at the cursor", "xóa chữ tại con trỏ"),
    KEYS("kill_line", "delete to the end of the line", "xóa đến cuối dòng"),
    KEYS("kill_word", "delete the word before the cursor", "xóa từ trước con trỏ"),
    KEYS("input_method", "switch the built-in Telex/VNI (off, Telex, VNI)",
         "đổi bộ gõ có sẵn (tắt, Telex, VNI)"),
    KEYS("quit", "leave the screen", "thoát màn hình"),
    KEYS("cancel", "cancel, go back", "hủy, quay lại"),
    KEYS("redraw", "redraw the screen", "vẽ lại màn hình"),
    KEYS("keep_mine", "save conflict: keep my value of this field",
         "xung đột khi lưu: giữ giá trị của mình"),
    KEYS("take_theirs", "save conflict: take the other person's value",
         "xung đột khi lưu: lấy giá trị của người khác"),
    KEYS("keep_all_mine", "save conflict: keep all of mine", "xung đột khi lưu: giữ tất cả của mình"),
    KEYS("take_all_theirs", "save conflict: take all of theirs",
         "xung đột khi lưu: lấy tất cả của người khác"),
};

_Static_assert(sizeof config_options / sizeof config_options[0] == CONFIG_NOPT,
               "CONFIG_NOPT (config_internal.h) counts the rows of config_options");
