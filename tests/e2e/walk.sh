# Sourced by run.sh: a clerk, the head and the Organisation Board take one
# proposal, typed in Vietnamese, from draft to replicated with the keyboard
# alone (Tab, Enter, arrows, Ctrl keys: nothing a vt100 lacks), and the
# database agrees at the end.
as() { start "$TERM_NOW" 80 24; login "$1" && open_code "$CODE"; }

walk() { # TERM, title
    TERM_NOW=$1
    # one number per decision and year (the register): one walk, one number
    DOCNO=12; [ "$1" = vt100 ] && DOCNO=13
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
    key C-s
    wait_for "Đã tạo đề xuất BD-20[0-9][0-9]-[0-9]\{4\}"; result $? "$1: the new proposal is saved"
    CODE=$(screen | grep -o 'Đã tạo đề xuất BD-20[0-9][0-9]-[0-9]*' | grep -o 'BD-.*' | head -1)
    show "$CODE" | grep -q "\"title\":\"$2\""; result $? "$1: the database holds the title with its diacritics ($CODE)"
    show "$CODE" | grep -q '"content":"Số hóa hồ sơ đầu vào\\nTrả kết quả điện tử"'
    result $? "$1: a text area keeps its two lines"
    wait_for "Đề xuất $CODE"; result $? "$1: the new proposal opens"
    act "gui de" "Gửi đề xuất"; saved "Gửi đề xuất"; result $? "$1: submit"

    as bd-qn.lanhdao; result $? "$1: the list finds it by quick search and opens it"
    act "tiep nhan" "Tiếp nhận xem xét"; saved "Tiếp nhận"; result $? "$1: the head accepts"
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
    typ "$DOCNO/QĐ-UBND"; key Tab; typ 02/03/2026; key Tab; typ "Chủ tịch UBND"; key Tab
    typ 120.000.000; key Tab; key Tab; key Tab; key Tab
    key C-s; wait_for "Phạm vi thí điểm"
    wait_for "! Phạm vi thí điểm"; result $? "$1: a pilot without its scope: the error shows under the field"
    typ "Phường Quang Trung"
    saved "Chấp thuận"; result $? "$1: approve as a pilot"

    as bd-qn.chuyenvien
    act "bat dau" "Bắt đầu triển khai"; saved "Bắt đầu"; result $? "$1: start"
    for p in 40 80; do
        act "theo doi" "Ghi theo dõi, kiểm tra, giám sát"
        key Tab; key C-p; typ "kiem tra"; key Enter; key Tab
        typ "Ban Tổ chức Thành ủy"; key Tab; typ $p; key Tab; typ "Đúng tiến độ"
        saved "Ghi theo dõi"; result $? "$1: monitoring entry at $p%"
    done
    act "bao cao" "Báo cáo kết quả"
    # completed the day it started: a step is never dated before the one before
    typ 02/03/2026; key Tab; key Tab; typ "Giảm 60% thời gian xử lý hồ sơ"
    saved "Báo cáo kết quả"; result $? "$1: report"

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
    # the collective's vote on the evaluation: 7 members, 6 for, 1 against
    i=0; while [ $i -lt 16 ]; do key Tab; i=$((i+1)); done
    wait_for "Số thành viên tập thể lãnh đạo (bắt buộc)"
    typ 7; key Tab; typ 6; key Tab; typ 1
    key C-s; wait_for "Xác nhận biện pháp bảo vệ"; result $? "$1: evaluation asks to confirm the measure"
    key c; wait_for "Đã ghi: Đánh giá"; result $? "$1: evaluate"
    act "de xuat nhan" "Đề xuất nhân rộng"
    typ "Đề nghị nhân rộng toàn tỉnh"; key Tab; typ "Các huyện ủy, thị ủy"
    saved "Đề xuất nhân rộng"; result $? "$1: propose replication"

    as bd-qn.theodoi
    act "quyet dinh nhan" "Quyết định nhân rộng"
    typ 45-QĐ/TU; key Tab; typ 02/03/2026; key Tab; typ "Huyện ủy Hoài Ân"
    saved "Quyết định nhân rộng"; result $? "$1: replicate"
    show "$CODE" | grep -q '"state":"replicated"'; result $? "$1: the database says replicated"
    m=$(sqlite3 -cmd ".timeout 5000" "$T/t.db" "SELECT count(*) FROM monitoring m JOIN proposals p ON p.id = m.proposal_id WHERE p.code = '$CODE'")
    [ "$m" = 2 ]; result $? "$1: two monitoring entries stored ($m)"
    cli proposal history "$CODE" >"$T/hist" 2>&1
    grep -q "replication_proposed *replicated" "$T/hist"; result $? "$1: the history has every step"
}

walk xterm-256color "Số hóa hồ sơ một cửa ở phường Quang Trung"
walk vt100 "Ứng dụng chữ ký số cho văn bản đảng"
