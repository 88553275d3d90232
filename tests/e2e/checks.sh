# Sourced by run.sh: check before the form, not after it (issue 12, items 8
# and 9).  An action the record is not ready for is greyed in the action
# menu with the reason and refuses before its form opens (the reason comes
# from the workflow's rules, as `proposal actions` prints it); a field that
# a condition makes required is marked as soon as the condition holds; the
# rules on the values run before the confirmation question; and what the
# user left empty is stored empty.
# The demo's steps run to late 2026: today is after them here.
TODAY_KEEP=$TODAY; TODAY=2026-12-01
ck() { SANGTAO_TODAY=$TODAY SANGTAO_USER=$1 SANGTAO_PASSWORD=$PW "$BIN" --config "$CFG" "$@"; }
cka() { u=$1; shift; SANGTAO_TODAY=$TODAY SANGTAO_USER=$u SANGTAO_PASSWORD=$PW "$BIN" --config "$CFG" "$@"; }
qc() { sqlite3 -cmd ".timeout 5000" "$T/t.db" "$1"; }
# A reported proposal of Hoài Nhơn whose result has no Party opinion yet.
CODE=$(cka admin proposal list --state reported --unit BD-HN --format csv 2>/dev/null | sed -n 2p | cut -d, -f1)
start xterm-256color 80 24
login bd-hn.lanhdao; open_code "$CODE"
key a; wait_for "Thao tác với $CODE"
wait_for "Đánh giá kết quả — chưa được: Chưa có ý kiến của cấp ủy"
result $? "evaluate without the Party committee's opinion is greyed in the menu, with the reason"
typ "danh gia"; key Enter
wait_for "chưa được\|Chưa có ý kiến của cấp ủy cùng cấp về kết quả"
settle; ! screen | grep -q "Đánh giá kết quả — $CODE"
result $? "choosing it tells the reason and opens no form"
cka bd-hn.lanhdao proposal actions "$CODE" | grep -q "chưa được: Chưa có ý kiến của cấp ủy"
result $? "the CLI's proposal actions prints the same reason"
key Escape; key Escape; stop
cka bd-hn.lanhdao proposal act "$CODE" opinion --set "reviewer=Ban Thường vụ" \
    --set recommendation=other --set "text=Đồng ý kết quả" --set party_committee=có >/dev/null 2>&1
start xterm-256color 80 24
login bd-hn.lanhdao; open_code "$CODE"
key a; wait_for "Thao tác với $CODE"; settle
! screen | grep -q "Đánh giá kết quả — chưa được"; result $? "with the opinion recorded evaluate is no longer greyed"
typ "danh gia"; key Enter; wait_for "Đánh giá kết quả — $CODE"
result $? "and its form opens"
# The causes are required once the outcome is partial, not before.
settle; ! screen | grep -q "^ *\* *Nguyên nhân khách quan"
result $? "objective causes not marked required while no outcome is chosen"
key Tab; key Right; key Right
wait_for "< Hoàn thành một phần >"
wait_for "^ *\* *Nguyên nhân khách quan"; result $? "outcome 'partial': the causes are marked required at once"
key Left; wait_for "< Hoàn thành >"
wait_gone "^ *\* *Nguyên nhân khách quan"; result $? "back to 'completed': no longer required"
# The collective's vote that does not pass is refused before the question
# on the protection measure, not after it.
for i in $(seq 1 16); do key Tab; done
wait_for "Số thành viên tập thể lãnh đạo  *$"
typ 8; key Tab; typ 2; key Tab; typ 1
key C-s
wait_for "không thông qua kết quả"; result $? "a vote that does not pass is refused on save…"
! screen | grep -q "Xác nhận biện pháp bảo vệ"; result $? "…before the confirmation question is asked"
key Escape; wait_for "Bỏ các thay đổi"; key c; wait_for "Đề xuất $CODE"
stop
# A tie: the head's vote is marked required as soon as the counts are equal.
VCODE=$(cka admin proposal list --state in_review --unit BD-HN --format csv 2>/dev/null | sed -n 2p | cut -d, -f1)
start xterm-256color 80 24
login bd-hn.lanhdao; open_code "$VCODE"; CODE=$VCODE
act "bieu quyet" "Ghi kết quả biểu quyết"; result $? "the vote's form opens"
key Tab; typ 8; key Tab; typ 4; key Tab; typ 3
settle; ! screen | grep -q "^ *\* *Người đứng đầu (khi ngang phiếu)"; result $? "4 for, 3 against: the head's vote is not required"
key BSpace; typ 4
wait_for "^ *\* *Người đứng đầu (khi ngang phiếu)"; result $? "4 for, 4 against: the head's vote is marked required at once"
key BSpace; typ 3; wait_gone "^ *\* *Người đứng đầu (khi ngang phiếu)"
# Left empty, stored empty: no head's vote assumed.
key C-s; wait_for "Đã ghi: Ghi kết quả biểu quyết"; result $? "the vote is saved"
qc "SELECT quote(head_vote) FROM votes WHERE proposal_id = (SELECT id FROM proposals WHERE code = '$VCODE') ORDER BY id DESC LIMIT 1" | grep -qx NULL
result $? "a head's vote nobody chose is stored empty (not 'for')"
stop
# A new proposal whose bottleneck kind nobody chose: stored empty, not 'Khác'.
# (forms.sh left this clerk a SIGTERM draft, which the login would offer
# back first: that is forms.sh's test, not this one.)
qc "UPDATE drafts SET deleted = 1 WHERE user_id = (SELECT id FROM users WHERE username = 'bd-hn.chuyenvien')"
start xterm-256color 80 24
login bd-hn.chuyenvien
key n; wait_for "Đề xuất mới"; wait_for "Tên đề xuất (bắt buộc)"
typ "Thử để trống loại điểm nghẽn"
for i in $(seq 1 8); do key Tab; done
wait_for "Loại điểm nghẽn *< (chưa chọn) >"; result $? "the bottleneck kind shows as not chosen"
key C-s; wait_for "Đã tạo đề xuất"; result $? "the draft is saved without a kind"
qc "SELECT quote(bottleneck_kind) FROM proposals WHERE title = 'Thử để trống loại điểm nghẽn'" | grep -qx NULL
result $? "a bottleneck kind nobody chose is stored empty (not 'Khác')"
stop
TODAY=$TODAY_KEEP
