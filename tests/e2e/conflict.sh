# Sourced by run.sh: no lost update in the screens.  A clerk edits a
# draft's title while the same proposal is edited through the CLI (title
# and another field); the clerk's save shows the conflict with both titles
# side by side, the clerk keeps their own title field by field, and the
# database holds that title, the CLI's other field and a newer version.
ccli() { SANGTAO_USER=bd-qn.chuyenvien SANGTAO_PASSWORD=$PW "$BIN" --config "$CFG" "$@"; }
jver() { show "$1" | grep -o '"version":[0-9]*' | head -1 | cut -d: -f2; }
CCODE=$(ccli proposal new --set title="Số hóa sổ hộ tịch cũ" --set employing_unit=BD-QN-VP 2>/dev/null)
[ -n "$CCODE" ]; result $? "conflict: a draft to edit ($CCODE)"
start xterm-256color 80 24
login bd-qn.chuyenvien
open_code "$CCODE"; result $? "conflict: the clerk opens the draft"
key e; wait_for "Sửa đề xuất $CCODE"; result $? "conflict: the edit form opens"
key C-a; key C-k; typ "Số hóa sổ hộ tịch của xã"
wait_for "Số hóa sổ hộ tịch của xã"
v0=$(jver "$CCODE")
ccli proposal edit "$CCODE" --set title="Số hóa sổ hộ tịch toàn huyện" \
    --set necessity="Sổ giấy đang hư hỏng" >/dev/null 2>&1
result $? "conflict: meanwhile the CLI edits the title and the necessity"
v1=$(jver "$CCODE")
key C-s
wait_for "Xung đột khi lưu"; result $? "conflict: saving shows the conflict dialog"
wait_for "Của bạn: Số hóa sổ hộ tịch của xã"; result $? "conflict: the dialog shows the clerk's title"
wait_for "Người khác: Số hóa sổ hộ tịch toàn huyện"; result $? "conflict: and the other title"
wait_for "Người khác (bd-qn.chuyenvien, "; result $? "conflict: who saved and when"
show "$CCODE" | grep -q '"title":"Số hóa sổ hộ tịch toàn huyện"'
result $? "conflict: nothing was written before the clerk chose"
key k; wait_for "Tên đề xuất  *→ lấy của người khác"; result $? "conflict: k takes the other's value"
key Space; wait_for "Tên đề xuất  *→ giữ của bạn"; result $? "conflict: Space switches back to keep mine"
key Escape; wait_for "Sửa đề xuất $CCODE"; result $? "conflict: Esc goes back to the form"
wait_for "Số hóa sổ hộ tịch của xã"; result $? "conflict: the form keeps the clerk's input"
key C-s; wait_for "Xung đột khi lưu"
key m; wait_for "Tên đề xuất  *→ giữ của bạn"
key C-s; wait_for "Đã lưu đề xuất $CCODE"; result $? "conflict: saved with the choices"
J=$(show "$CCODE")
echo "$J" | grep -q '"title":"Số hóa sổ hộ tịch của xã"'; result $? "conflict: the database holds the clerk's title"
echo "$J" | grep -q '"necessity":"Sổ giấy đang hư hỏng"'; result $? "conflict: and the CLI's necessity"
v2=$(jver "$CCODE")
[ -n "$v0" ] && [ "$v1" -gt "$v0" ] && [ "$v2" -gt "$v1" ]
result $? "conflict: the version advanced ($v0 → $v1 → $v2)"
