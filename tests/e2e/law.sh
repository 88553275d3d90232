# Sourced by run.sh: Decree 73 on the screens (issue 13).  Warnings an
# action is taken with show on the screen it returns to, every line.
cat >"$T/law_p.txt" <<'PEOF'
title=Sổ liên lạc điện tử của phường
field=chuyen_doi_so
employing_unit=BD-QN-VP
lead=Hồ Thị Én
lead_position=Chuyên viên
bottleneck=Giấy mời họp tổ dân phố đi tay, chậm
bottleneck_kind=unsuitable
necessity=Báo tin nhanh
content=Nhắn tin qua ứng dụng
period_from=01/04/2026
period_to=30/09/2026
funding_requested=20.000.000
feasibility=Đã có ứng dụng của tỉnh
legal_basis=Nghị định 73/2023/NĐ-CP
PEOF
CODE=$(cli proposal new --from "$T/law_p.txt" 2>/dev/null | grep -o 'BD-20[0-9][0-9]-[0-9]*' | head -1)
start xterm-256color 80 24
login bd-qn.chuyenvien && open_code "$CODE"; result $? "law: a clerk opens the plan ($CODE)"
act "gui de" "Gửi đề xuất"; saved "Gửi đề xuất"; result $? "law: submit is taken with warnings"
wait_for "Cảnh báo (lưu trong mục Lịch sử)"; result $? "law: the detail screen says it was taken with warnings"
wait_for "Lưu ý: Điều 2 Nghị định 73"; result $? "law: the Art. 2 note shows (lead not a leader)"
wait_for "Lưu ý: Điều 5 Nghị định 73"; result $? "law: the Art. 5 note shows too (unsuitable)"
poll 'screen | grep -q "Kết luận 14-KL/TW vẫn khuyến khích"'; result $? "law: the last note is shown whole"
key Down
wait_gone "Lưu ý: Điều 5"; result $? "law: the next key clears the warnings"
show "$CODE" | grep -q 'Lưu ý: Điều 2 Nghị định 73'; result $? "law: the warnings are kept in the history"
stop

# Attachments on the detail screen: a file by its path on the server,
# checked by content; a program refused under the path; the list shows
# kind, title, size and date; saved to a new file, never over one.
# (a folder of its own: none is taken from the database's folder)
SCAN=$(mktemp -d /tmp/law-scan.XXXXXX)
printf '%%PDF-1.4\n%% biên bản họp\n1 0 obj\n<<>>\nendobj\ntrailer\n%%%%EOF\n' >"$SCAN/bien-ban.pdf"
start xterm-256color 80 24
login bd-qn.chuyenvien && open_code "$CODE"
key d; wait_for "Đính kèm tài liệu — $CODE"; result $? "law: d opens the attach form"
typ /bin/sh; key C-s
wait_for "chương trình Linux"; result $? "law: a program is refused, the reason under the path"
key C-a; key C-k; typ "$SCAN/bien-ban.pdf"; key Tab
key C-p; typ "bien ban hop"; key Enter; key Tab
typ "Biên bản họp chi bộ"; key C-s
wait_for "Đã đính kèm vào $CODE"; result $? "law: the file is attached"
wait_for "Tài liệu đính kèm"; result $? "law: the detail shows its attachments"
wait_for "Biên bản họp — Biên bản họp chi bộ"; result $? "law: kind and title"
poll 'screen | grep -q "bien-ban.pdf · PDF · [0-9]* byte · [0-9][0-9]/[0-9][0-9]/20[0-9][0-9] [0-9:]* · số [0-9]"'
result $? "law: file, type found by content, size, date"
key g; wait_for "1 tệp kèm, F7: lưu ra"; result $? "law: the message line says how to save it"
cli attachment list "$CODE" --format csv | grep -q "Biên bản họp chi bộ"; result $? "law: the database holds it"
key x; wait_for "Lưu tệp 1 (bien-ban.pdf)"; result $? "law: x opens the save form (one file: no list)"
key C-a; key C-k; typ "$SCAN/bien-ban.pdf"; key C-s
wait_for "đã tồn tại; không ghi đè"; result $? "law: an existing file is never overwritten"
key C-a; key C-k; typ "$SCAN/ban-sao.pdf"; key C-s
wait_for "Đã lưu bien-ban.pdf"; result $? "law: saved to a new file"
cmp -s "$SCAN/bien-ban.pdf" "$SCAN/ban-sao.pdf"; result $? "law: the copy is the same bytes"
key d; wait_for "Đính kèm tài liệu — $CODE"
typ "$SCAN/ban-sao.pdf"; key C-s; wait_for "Đã đính kèm vào $CODE"
wait_for "Tệp 2: Tài liệu khác"; result $? "law: no kind chosen: 'other'"
key x; wait_for "Lưu tài liệu đính kèm của $CODE ra tệp"; result $? "law: two files: x lists them first"
wait_for "Tệp 1 · Biên bản họp — Biên bản họp chi bộ"; result $? "law: the list names kind and title"
key Escape
stop

# Adjust (plan II.2(5)): the competent level's decision during a pilot moves
# the end of the period and the report deadline; the detail shows it.
# The demo's history runs to the real day: these steps are dated today.
CODE=$(cli proposal list --state implementing --unit BD-QN --format csv 2>/dev/null | sed -n 2p | cut -d, -f1)
LAW_KEEP=$TODAY; TODAY=$(date +%Y-%m-%d); LAWDAY=$(date +%d/%m/%Y)
start xterm-256color 80 24
login bd-qn.lanhdao && open_code "$CODE"; result $? "law: the head opens a pilot under way ($CODE)"
act "dieu chinh" "Điều chỉnh (quyết định)"; result $? "law: adjust opens its form"
wait_for "Hình thức ký (trống: trực tiếp) *<"; result $? "law: the signature's label fits beside its value"
wait_for "ví dụ 12/QĐ-UBND"; result $? "law: the number's field says its official shape"
typ "987/QĐ-UBND"; key Tab; typ "$LAWDAY"; key Tab; typ "Nguyễn Văn Hải"; key Tab
key Right; key Tab
typ "Cần thêm thời gian thí điểm ở hai phường"; key Tab
wait_for "hạn báo cáo tính lại"; result $? "law: the new end says it moves the report deadline"
typ 31/12/2026; key C-s
wait_for "Đã ghi: Điều chỉnh"; result $? "law: the adjustment is saved"
# the detail draws proposal show's text: its adjustment section
cli proposal show "$CODE" | grep -q "Quyết định điều chỉnh 1:"; result $? "law: the detail lists the adjustment decision"
cli proposal show "$CODE" | grep -q "Thực hiện đến ngày (mới): 31/12/2026"; result $? "law: with its new end of the period"
show "$CODE" | grep -q '"period_to":"2026-12-31"'; result $? "law: the period's end moved in the database"
cli check | grep -q '^doc_register: ok'; result $? "law: the register holds the decision's number once"
stop

# Notify (evaluation clause): the result notified to the cadre within 3
# working days; an empty recipient is the lead proposer.
# A result evaluated today by the collective (the demo tells most results
# already): the party committee's opinion, then the evaluation, by the CLI.
CODE=$(cli proposal list --state reported --unit BD-QN --format csv 2>/dev/null | sed -n 2p | cut -d, -f1)
(export SANGTAO_TODAY=$TODAY
 cli proposal act "$CODE" opinion --set "reviewer=Ban Thường vụ Thành ủy" --set recommendation=other \
     --set "text=Kết quả tốt" --set party_committee=có &&
 cli proposal act "$CODE" evaluate --set outcome=completed --set protection_measure=not_liable \
     --set in_line_policy=có --set clean_motive=có --set common_good=có --set no_prohibited_act=có \
     --set members=7 --set votes_for=6 --set votes_against=1) >"$T/law-eval.txt" 2>&1
result $? "law: a reported result is evaluated ($CODE)"
LEAD=$(show "$CODE" | grep -o '"full_name":"[^"]*","is_lead":1' | head -1 | sed 's/"full_name":"\([^"]*\)".*/\1/')
start xterm-256color 80 24
login bd-qn.chuyenvien && open_code "$CODE"; result $? "law: a clerk opens an evaluated proposal ($CODE)"
act "thong bao" "Thông báo kết quả"; result $? "law: notify opens its form"
wait_for "Ngày thông báo kết quả *$LAWDAY"; result $? "law: the notice is dated today by default"
key Tab; wait_for "trống: tác giả chính"; result $? "law: the recipient's field says who it is when empty"
key C-s
wait_for "Đã ghi: Thông báo kết quả"; result $? "law: the notice is saved"
cli proposal history "$CODE" --format json | grep -q "\"recipient\":\"$LEAD\""
result $? "law: the lead proposer ($LEAD) is recorded as the recipient"
act "thong bao" "Thông báo kết quả"; key C-s
wait_for "đã được thông báo ngày $LAWDAY"; result $? "law: a second notice of one evaluation is refused"
stop
TODAY=$LAW_KEEP
rm -rf "$SCAN"
