#!/usr/bin/perl
# Each message of the core (err_set, err_field in the *.c of src/flow,
# src/store, src/sync, src/report, src/text and src/base), as a screen
# shows it, has an English pattern in ui/msgtext.c and a translation in
# po/en.po (issue 12, item 19).  A file's string macros (#define KNOWN
# "...") are read into the literals they follow.  Skipped: values put
# into messages, what only the CLI says, and messages too generic for a
# pattern.  Prints what is missing and a last line "messages: N,
# missing: N"; exits 1 when any is.
#   perl tools/msgcheck.pl [ROOT]
use strict; use warnings;
chdir($ARGV[0]) or die "$ARGV[0]: $!\n" if @ARGV;
my %skip = map { $_ => 1 } (
    # values put into messages
    "(không có)", "chưa có", "hết bộ nhớ", "(không rõ)", "hơn ", "; có phải: ", ", …",
    "đọc bản nháp", "đọc danh sách đề xuất",           # what db_fail says the database was doing
    # too generic for a pattern ("label: message"): ui/msgtext.c translates each part
    "%s", "%s: %s", "%s:%s: %s", "dòng %s: %s",
    "%s: %s \\\"%s\\\"",                # proposal_form.c fail_f: its two have patterns
    # only the CLI says these (sangtao proposal, user os-login, audit, check, import, setup)
    "'%s' dùng lệnh: sangtao proposal %s", "Thao tác không tồn tại: %s; các thao tác: %s",
    "'%s' không có trường %s; các trường: %s",
    "Tài khoản hệ điều hành '%s' chưa được gán cho người dùng nào",
    "Tài khoản hệ điều hành không hợp lệ",
    "Tên tài khoản hệ điều hành không hợp lệ (1–%s ký tự a-z, A-Z, 0-9, '.', '_', '-')",
    "Tài khoản hệ điều hành '%s' đã gán cho người dùng '%s'",
    "Không thể bỏ quyền quản trị của quản trị viên cuối cùng",        # user roles
    "%s: ngày không hợp lệ \\\"%s\\\" (dd/mm/yyyy)", "Chưa đăng nhập",   # audit
    "Chỉ quản trị viên xem được nhật ký của người khác",
    "Chỉ quản trị viên xem được toàn bộ nhật ký; hãy chọn --proposal MÃ hoặc --user %s",
    "chỉ mục tìm kiếm hỏng: %s; hãy chạy sangtao check --reindex",
    "chỉ mục tìm kiếm lệch với dữ liệu (%s mục, %s đề xuất, %s mục cũ); hãy chạy sangtao "
        . "check --reindex",
    # person add
    "Trường '%s' không có; các trường: full_name, position, unit, phone, email, note",
    "Thư điện tử '%s' không hợp lệ", "Chỉ quản trị viên hoặc chuyên viên được thêm người",
    "Thiếu đơn vị công tác (unit)", "Đơn vị '%s' nằm ngoài phạm vi của bạn",
    "%s: tệp quá lớn (tối đa %s MB); hãy chia thành nhiều tệp",        # proposal import
    "%s: không đọc được tệp", "%s: tệp trống, thiếu dòng tiêu đề",
    "không có cột \\\"%s\\\"%s%s. Tên cột là tên trường hoặc nhãn tiếng Việt của nó; danh sách: "
        . "sangtao proposal new --help",
    "%s:%s: cột %s: tên cột không phải UTF-8 hợp lệ. Có lẽ tệp lưu theo bảng mã cũ "
        . "(Windows-1258/CP1258, TCVN3): hãy mở tệp bằng Excel hoặc LibreOffice và lưu lại "
        . "dạng \\\"CSV UTF-8\\\"",
    "%s:%s: cột %s: không phải UTF-8 hợp lệ. Có lẽ tệp lưu theo bảng mã cũ "
        . "(Windows-1258/CP1258, TCVN3): hãy mở tệp bằng Excel hoặc LibreOffice và lưu lại "
        . "dạng \\\"CSV UTF-8\\\"",
    "%s:%s: cột %s lặp lại", "%s:%s: có %s cột, dòng tiêu đề có %s",
    "%s: không có dòng dữ liệu nào (date,kind,name)", "Chỉ quản trị viên được nhập ngày nghỉ",
    "thiếu tệp CSV", "%s: tệp rỗng", "%s: tệp rỗng, thiếu dòng tiêu đề",   # holiday, unit import
    "tệp rỗng, thiếu dòng tiêu đề", "không có đơn vị nào sau dòng tiêu đề",
    "Chỉ quản trị viên được nhập danh sách đơn vị",
    "danh sách đơn vị trống: cần một đơn vị gốc", "%s: không mở được tệp (%s)",   # setup
    "danh sách đơn vị có %s đơn vị gốc (%s%s); cần đúng một đơn vị không có cấp trên",
    # values put into messages: what db_fail says the database was doing, fallbacks
    'bắt đầu ghi',
    'lỗi cơ sở dữ liệu',
    'lỗi không rõ',
    'trong phạm vi của bạn',
    'lỗi SQLite',
    'không mở được',
    # too generic (config_scan: "file:line: key: message")
    '%s:%s: %s: %s',
    # only the CLI says these: sangtao backup, restore, maintain, migrate, check, init,
    # seed, site add/list/rekey (src/store/backup_rotate.c, db_maint.c, db_upgrade.c,
    # db.c db_check/db_backup, src/base/priv.c priv_check_init, src/sync/seed.c,
    # bundle.c code_key, site.c site_add/site_list/site_rekey)
    '%s: không tạo được thư mục sao lưu (%s)',
    '%s: không vào được thư mục sao lưu (%s)',
    '%s: không phải thư mục (hoặc là liên kết tượng trưng); bản sao lưu chỉ ghi vào '
        . 'một thư mục thật',
    '%s: thư mục sao lưu để người khác đọc được (quyền %s); bản sao lưu chứa mọi dữ '
        . 'liệu và mật khẩu đã băm: hãy chạy chmod 0700 %s',
    '%s: bản sao lưu vừa ghi bị lỗi khi kiểm tra lại — %s; đã xóa bản hỏng, các bản '
        . 'cũ giữ nguyên',
    '%s: không đọc được thư mục (%s)',
    '%s: không xóa được bản sao lưu cũ (%s)',
    'kiểm tra phát hiện %s lỗi',
    '%s: không tạo được tệp sao lưu (%s)',
    '%s: sao lưu thất bại (%s)',
    'quick_check phát hiện %s lỗi: hãy chạy \"sangtao check\" và khôi phục từ bản '
        . 'sao lưu (sangtao restore)',
    '%s: không đọc được tệp — không phải cơ sở dữ liệu SQLite hoặc tệp bị hỏng (%s)',
    '%s: không phải bản sao lưu cơ sở dữ liệu của sangtao (not a sangtao database)',
    '%s: bản sao lưu ở phiên bản %s, mới hơn chương trình này (phiên bản %s); hãy '
        . 'cập nhật sangtao trước',
    '%s: bản sao lưu bị hỏng (integrity_check: %s); không khôi phục',
    '%s: đã có; hãy đợi một giây rồi chạy lại',
    '%s: khôi phục thất bại (%s); tệp hỏng vẫn ở chỗ cũ',
    '%s: không đổi tên được thành %s (%s)',
    '%s: không đặt được bản khôi phục vào chỗ (%s); bản khôi phục ở %s, tệp hỏng ở %s',
    '%s: đang có người khác mở cơ sở dữ liệu; hãy báo mọi người thoát khỏi sangtao '
        . '(và tạm dừng cron) rồi chạy lại lệnh khôi phục. Chưa thay đổi gì (database in '
        . 'use)',
    '%s: không giữ được khóa ghi (%s); chưa thay đổi gì',
    '%s: không cất được bản hiện tại (%s); chưa thay đổi gì',
    '%s: khôi phục từ %s thất bại (%s); cơ sở dữ liệu cũ vẫn nguyên, bản sao ở %s',
    '%s: kiểm tra sau khi khôi phục thất bại (%s); bản cũ ở %s',
    '%s: không tìm thấy cơ sở dữ liệu (%s)',
    '%s: không mở được (%s)',
    '%s: đang có người mở cơ sở dữ liệu, chưa nâng cấp; khi mọi người đã thoát khỏi '
        . 'sangtao, quản trị viên chạy: sangtao migrate (database in use, nothing changed)',
    '%s: sao lưu trước khi nâng cấp thất bại (%s)',
    '%s: không có cơ sở dữ liệu (%s); chưa có gì để nâng cấp — tạo bằng: sangtao init',
    '%s: không đọc được cơ sở dữ liệu (%s)',
    'Mã dùng một lần không đúng dạng (20 chữ và số, ví dụ K7QM-…; in ra khi tạo tệp '
        . 'ở tỉnh)',
    'Mã dùng một lần phải có 20 chữ và số (đang có %s)',
    'hết bộ nhớ (tính khóa từ mã dùng một lần)',
    'Tạo tệp khởi tạo: %s (%s)',
    'Tạo tệp khởi tạo: %s',
    '%s: không đọc được (%s)',
    '%s: lỗi đọc',
    'Chỉ quản trị viên được tạo tệp khởi tạo văn phòng',
    'Chỉ máy chủ tỉnh mới tạo được tệp khởi tạo văn phòng',
    'Tệp khởi tạo dành cho trạm số %s: đặt site.number = %s trong config.ini (đang '
        . 'là %s) rồi chạy lại',
    '%s: tệp khởi tạo không chứa cơ sở dữ liệu',
    'Cơ sở dữ liệu này không phải của văn phòng',
    'Tệp khởi tạo thiếu đơn vị của văn phòng',
    '%s: tệp khóa hỏng',
    'Bảng sync_sites hỏng',
    'Chỉ quản trị viên được %s',
    'Chỉ ở máy chủ tỉnh (trạm trung tâm) mới %s; đây là văn phòng trạm số %s',
    'Mã văn phòng \"%s\" phải gồm 1 đến 8 chữ cái in hoa hoặc chữ số ASCII',
    'Mã %s là mã của chính máy chủ tỉnh',
    'Đã có văn phòng mã %s',
    'Hết số hiệu trạm (tối đa 65535)',
    'Không có trạm số %s',
    'Chỉ root (hoặc người đã cài đặt chương trình, chủ thư mục %s) được tạo cơ sở dữ '
        . 'liệu của hệ thống (refused: init needs root)',
);
sub slurp { local $/; open my $f, '<:raw', $_[0] or die "$_[0]: $!"; my $s = <$f>; $s }
sub lits { my $s = shift; $s =~ s/"\s*(?:\\)?\n\s*"//g; $s }
# " (code)" that ui_readable keeps: not the code of a field (ui/msgtext.c: field_code).
my %kept = map { $_ => 1 } qw(id unit libxcrypt praise);
my $m = lits(slurp("ui/msgtext.c"));
my %pat; $pat{$1} = 1 while $m =~ /N_\("((?:[^"\\]|\\.)*)"\)/g;
my $po = slurp("po/en.po");
my (%tr, $n, $bad);
$tr{$1} = $2 while $po =~ /^msgid "((?:[^"\\]|\\.)*)"\nmsgstr "((?:[^"\\]|\\.)*)"/mg;
my $lit = qr/"(?:[^"\\]|\\.)*"/;
for my $file (glob "src/{flow,store,sync,report,text,base}/*.c") {
    my $s = lits(slurp($file));
    my %mac; $mac{$1} = $2 while $s =~ /^#define (\w+) "((?:[^"\\]|\\.)*)"$/mg;
    $s =~ s/"\s*\b$_\b/$mac{$_}"/g for keys %mac;    # "...; " KNOWN: one literal
    while ($s =~ /err_(?:set|field)\(((?:$lit|'(?:[^'\\]|\\.)*'|[^"';])*?)\);/sg) {
        my $call = $1;
        while ($call =~ /"((?:[^"\\]|\\.)*)"/g) {
            my $msg = $1;
            next unless $msg =~ / /;                       # a field's code, not a message
            $msg =~ s/%(?:l*d|zu|04o|\.\*s|\.\d+s|\.\d+f|02X)/%s/g;
            $msg =~ s/^%s \(%s\)/%s/;                      # "label (code)": the label
            $msg =~ s/ \(([a-z_]+)\)/$kept{$1} ? " ($1)" : ""/ge;   # ui_readable drops it
            next if $skip{$msg};
            $n++;
            if (!$pat{$msg}) { print "missing in ui/msgtext.c: $msg\n"; $bad++; }
            elsif (!$tr{$msg}) { print "missing in po/en.po: $msg\n"; $bad++; }
        }
    }
}
print "messages: ", $n // 0, ", missing: ", $bad // 0, "\n";
exit($bad || !$n ? 1 : 0);
