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
