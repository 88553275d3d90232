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
rm -rf "$SCAN"
