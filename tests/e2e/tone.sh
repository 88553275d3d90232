# Sourced by run.sh: one tone style (issue 12, item 16).  text.tone_style
# is old by default (hòa, khỏe, thủy): the built-in Telex types it, text
# typed in the new style (hoà, thuỷ) is stored in the old one, from the CLI
# too, and a search in either style finds it.
CFG_TONE=$T/config-tone.ini
printf '[database]\npath = %s/t.db\n[ui]\ninput_method = telex\n' "$T" >"$CFG_TONE"
CFG_USE=$CFG_TONE; start xterm-256color 80 24; CFG_USE=
login bd-qn.chuyenvien
key n; wait_for "Đề xuất mới"
typ "Hoaf binhf khoer Thuyr "
wait_for "Tên đề xuất  *Hòa bình khỏe Thủy"; result $? "tone: Telex types the old style by default (Hòa, khỏe, Thủy)"
key Escape; wait_for "Bỏ các thay đổi"; key c; wait_for "Chờ tôi xử lý"
stop
TCODE=$(SANGTAO_USER=bd-qn.chuyenvien SANGTAO_PASSWORD=$PW "$BIN" --config "$CFG" proposal new \
        --set title="Thử kiểu dấu: hoà giải, sức khoẻ, thuỷ lợi" --set employing_unit=BD-QN-VP 2>/dev/null)
sqlite3 "$T/t.db" "SELECT title FROM proposals WHERE code = '$TCODE'" | grep -qx "Thử kiểu dấu: hòa giải, sức khỏe, thủy lợi"
result $? "tone: a title typed in the new style (CLI) is stored in the old one"
start xterm-256color 80 24
login bd-qn.chuyenvien
key l; wait_for "Danh sách đề xuất"
key /; typ "thuỷ lợi"; key Enter
wait_for "$TCODE"; result $? "tone: a search typed in the new style finds it"
stop
