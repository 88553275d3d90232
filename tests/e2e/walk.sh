# Sourced by run.sh: a clerk, the head and the Organisation Board take one
# proposal, typed in Vietnamese, from draft to replicated with the keyboard
# alone (Tab, Enter, arrows, Ctrl keys: nothing a vt100 lacks), and the
# database agrees at the end.
as() { start "$TERM_NOW" 80 24; login "$1" && open_code "$CODE"; }

walk() { # TERM, title
    TERM_NOW=$1
    # Each session runs on the day of what it records: a workflow date lies
    # between the step before and today (Decree 73, dates; workflow_law.c).
    TODAY=2026-03-02
    # A document number is used once a year (the register): one per walk.
    case $1 in vt100) N=3 ;; *) N=2 ;; esac
    KEYS=0
    start "$1" 80 24
    login bd-qn.chuyenvien; result $? "$1: a clerk logs in"
    key n; wait_for "Đề xuất mới"
    typ "$2"
    wait_for "Tên đề xuất  *$2"; result $? "$1: the title typed in Vietnamese shows in the form"
    key Tab
    key C-p; wait_for "Cải cách hành chính"; typ "hanh chinh"; key Enter
    key Tab; wait_for "Đơn vị công tác  *BD-QN"; result $? "$1: a new proposal starts in the clerk's unit"
    key C-a; key C-k; typ BD-QN-VP; key Tab; key Tab; key Tab
    typ "Trần Thị Bình"; key Tab; typ "Chuyên viên Văn phòng"; key Tab; key Tab
    typ "Hồ sơ một cửa còn bản giấy; người dân đi lại nhiều lần"; key Tab
    key Right; key Tab
    typ "Rút ngắn thời gian giải quyết thủ tục"; key Tab
    typ "Số hóa hồ sơ đầu vào"; key Enter; typ "Trả kết quả điện tử"; key Tab
    key Tab; typ 01/03/2026; key Tab; typ 30/09/2026; key Tab; typ 120.000.000; key Tab
    key Tab; key Tab
    typ "Đã có phần mềm một cửa điện tử của tỉnh"; key Tab; key Tab; key Tab
    typ "Nghị định 73/2023/NĐ-CP"
    # The built-in Telex (^T: off → Telex): uê words, an abbreviation that
    # stays as typed, then a URL pasted (bracketed paste), then off again.
    key C-t; wait_for "Bộ gõ: Telex"
    typ " theo KL/TW, thuees Hueej "
    typ "$(printf '\033[200~')https://www.vanban.gov.vn/ddaast$(printf '\033[201~')"
    key C-t; key C-t; wait_for "Bộ gõ: tắt"
    key C-s
    wait_for "Đã tạo đề xuất BD-20[0-9][0-9]-[0-9]\{4\}"; result $? "$1: the new proposal is saved"
    CODE=$(screen | grep -o 'Đã tạo đề xuất BD-20[0-9][0-9]-[0-9]*' | grep -o 'BD-.*' | head -1)
    show "$CODE" | grep -q "\"title\":\"$2\""; result $? "$1: the database holds the title with its diacritics ($CODE)"
    show "$CODE" | grep -q '"content":"Số hóa hồ sơ đầu vào\\nTrả kết quả điện tử"'
    result $? "$1: a text area keeps its two lines"
    show "$CODE" | grep -q 'Nghị định 73/2023/NĐ-CP theo KL/TW, thuế Huệ https://www.vanban.gov.vn/ddaast"'
    result $? "$1: Telex gives thuế Huệ, keeps KL/TW, and the pasted URL is kept as it is"
    wait_for "Đề xuất $CODE"; result $? "$1: the new proposal opens"
    act "" "Gửi đề xuất"; saved "Gửi đề xuất"; result $? "$1: submit"

    TODAY=2026-03-10
    as bd-qn.lanhdao; result $? "$1: the list finds it by quick search and opens it"
    act "" "Tiếp nhận xem xét"; saved "Tiếp nhận"; result $? "$1: the head accepts"
    act "y kien" "Ghi ý kiến thẩm định"
    typ "Ban Thường vụ Thành ủy"; key Tab; key Tab
    key C-p; typ "thi diem"; key Enter; key Tab
    typ "Đồng ý cho thí điểm"; key Tab; key Right
    saved "Ghi ý kiến"; result $? "$1: the party committee's opinion"
    act "bieu quyet" "Ghi kết quả biểu quyết"
    key Tab; typ 9; key Tab; typ 7; key Tab; typ 2
    saved "Ghi kết quả biểu quyết"; result $? "$1: the vote"
    act "chap thuan" "Chấp thuận"
    key C-p; typ "thi diem"; key Enter; key Tab
    typ 1$N/QĐ-UBND; key Tab; typ 10/03/2026; key Tab; typ "Chủ tịch UBND"; key Tab
    typ 120.000.000; key Tab; key Tab; key Tab; key Tab
    key C-s; wait_for "Phạm vi thí điểm"
    wait_for "! Phạm vi thí điểm"; result $? "$1: a pilot without its scope: the error shows under the field"
    typ "Phường Quang Trung"
    saved "Chấp thuận"; result $? "$1: approve as a pilot"

    TODAY=2026-03-16
    as bd-qn.chuyenvien
    act "" "Bắt đầu triển khai"; saved "Bắt đầu"; result $? "$1: start"
    for p in 40 80; do
        act "theo doi" "Ghi theo dõi, kiểm tra, giám sát"
        key Tab; key C-p; typ "kiem tra"; key Enter; key Tab
        typ "Ban Tổ chức Thành ủy"; key Tab; typ $p; key Tab; typ "Đúng tiến độ"
        saved "Ghi theo dõi"; result $? "$1: monitoring entry at $p%"
    done
    TODAY=2026-09-20
    as bd-qn.chuyenvien
    act "bao cao" "Báo cáo kết quả"
    typ 15/09/2026; key Tab; key Tab; typ "Giảm 60% thời gian xử lý hồ sơ"
    saved "Báo cáo kết quả"; result $? "$1: report"

    TODAY=2026-09-25
    as bd-qn.lanhdao
    act "y kien" "Ghi ý kiến thẩm định"
    typ "Ban Thường vụ Thành ủy"; key Tab; key Tab
    key C-p; typ "khac"; key Enter; key Tab
    typ "Kết quả tốt"; key Tab; key Right
    saved "Ghi ý kiến"; result $? "$1: the party committee's opinion on the result"
    act "danh gia" "Đánh giá kết quả"
    wait_for "gợi ý"; result $? "$1: the evaluation form shows the suggested protection"
    key Tab; key C-p; typ "hoan thanh"; key Enter
    wait_for "gợi ý): Không bị xử lý trách nhiệm"; result $? "$1: completed suggests not liable"
    # The collective's vote on the evaluation (Decree 73): a save without
    # it puts the cursor on the first missing count.
    key C-s; wait_for "3 trường cần sửa"; result $? "$1: the evaluation needs the collective's vote"
    typ 9; key Tab; typ 8; key Tab; typ 1
    key C-s; wait_for "Xác nhận biện pháp bảo vệ"; result $? "$1: evaluation asks to confirm the measure"
    key c; wait_for "Đã ghi: Đánh giá"; result $? "$1: evaluate"
    act "de xuat nhan" "Đề xuất nhân rộng"
    typ "Đề nghị nhân rộng toàn tỉnh"; key Tab; typ "Các huyện ủy, thị ủy"
    saved "Đề xuất nhân rộng"; result $? "$1: propose replication"

    TODAY=2026-10-01
    as bd-qn.theodoi
    act "quyet dinh nhan" "Quyết định nhân rộng"
    typ 4$N-QĐ/TU; key Tab; typ 01/10/2026; key Tab; typ "Huyện ủy Hoài Ân"
    saved "Quyết định nhân rộng"; result $? "$1: replicate"
    show "$CODE" | grep -q '"state":"replicated"'; result $? "$1: the database says replicated"
    m=$(sqlite3 -cmd ".timeout 5000" "$T/t.db" "SELECT count(*) FROM monitoring m JOIN proposals p ON p.id = m.proposal_id WHERE p.code = '$CODE'")
    [ "$m" = 2 ]; result $? "$1: two monitoring entries stored ($m)"
    cli proposal history "$CODE" >"$T/hist" 2>&1
    grep -q "replication_proposed *replicated" "$T/hist"; result $? "$1: the history has every step"
    echo "# measured: $1: the walk from draft to replicated takes $KEYS keystrokes (logins included)"
    TODAY=2026-03-02
}

walk xterm-256color "Số hóa hồ sơ một cửa ở phường Quang Trung"
walk vt100 "Ứng dụng chữ ký số cho văn bản đảng"
