# Sourced by run.sh: typing and forms a clerk can trust (issue 12, items
# 3, 4, 5, 7, 10, 11, 17): bracketed paste is inserted as it is and turned
# off on the way out, a byte that is not UTF-8 loses no key, a tone key
# inside a word marks that word, a failed save puts the cursor on the first
# field in error, codes show their names, the core's messages read with
# labels and dd/mm/yyyy, passwords are one star per character and as long
# as the CLI takes.
CFG_IN=$T/config-input.ini
printf '[database]\npath = %s/t.db\n[ui]\ninput_method = telex\n' "$T" >"$CFG_IN"
qi() { sqlite3 -cmd ".timeout 5000" "$T/t.db" "$1"; }
BP_BEGIN=$(printf '\033[200~'); BP_END=$(printf '\033[201~')

CFG_USE=$CFG_IN; start xterm-256color 80 24; CFG_USE=
login bd-qn.chuyenvien
key n; wait_for "Đề xuất mới"
poll 'screen | tail -1 | grep -q "Bộ gõ: Telex"'
# Telex typing, then a URL and a Telex-looking word pasted between the
# bracketed-paste markers: kept as they are.
typ "Thuees Hueej "
wait_for "Tên đề xuất  *Thuế Huệ"; result $? "Telex: Thuees Hueej → Thuế Huệ"
typ "${BP_BEGIN}https://www.vanban.gov.vn/Vieejt?ddaast=1${BP_END}"
wait_for "Tên đề xuất  .*https://www.vanban.gov.vn/Vieejt?ddaast=1"
result $? "a paste between the bracketed-paste markers is inserted as it is, not through Telex"
# A stray byte that is not UTF-8: dropped, told once, the keys after it kept.
key End; typ " "; tm send-keys -t e2e -l "$(printf '\377')"; typ "xong"
wait_for "Terminal không gửi UTF-8"; result $? "a byte that is not UTF-8 is told, with how to fix it (PuTTY)"
wait_for "Translation → UTF-8"
poll 'screen | sed -n 3p | grep -q "ddaast=1 xong"'; result $? "the keys typed after the stray byte are all there"
key Tab; wait_gone "Terminal không gửi UTF-8"; result $? "the notice goes once the clerk moves on"
# A tone key with the cursor inside a word marks that word.
key BTab; key C-a; key C-k; typ "Quan ly"; key Left; key Left; key Left; key Left; key Left; typ "r"
wait_for "Tên đề xuất  *Quản ly"; result $? "a tone key typed inside a word (Qua|n + r) marks that word"
key End; typ "s"; wait_for "Tên đề xuất  *Quản lý"
# Names, not codes: the unit's name shows beside its code.
key Tab; key C-p; wait_for "Cải cách hành chính"; typ "hanh chinh"; key Enter
wait_for "Lĩnh vực  *[a-z_]* *— Cải cách hành chính"; result $? "a picked field shows its name beside its code"
key Tab; wait_for "Đơn vị công tác  *BD-QN *— Thành ủy Quy Nhơn"
result $? "the unit's code shows its name (BD-QN — Thành ủy Quy Nhơn)"
# A paste with a line break into a one-line field: a space, and the line
# break that ends the copied line goes.
key Tab; key Tab; key Tab
typ "${BP_BEGIN}Trần Thị
Bình
${BP_END}"
wait_for "Tác giả chính  *Trần Thị Bình *$"; result $? "a paste with line breaks into a one-line field: spaces, no break at the end"
# Two fields in error, the title emptied and a date that does not exist:
# the cursor goes to the first.
for i in 1 2 3 4 5 6 7 8; do key Tab; done
wait_for "Từ ngày\|từ ngày"
typ 31/02/2026
key PPage; key PPage; key PPage; key PPage
key C-a; key C-k
key C-s; wait_for "Chưa lưu: 2 trường cần sửa"; result $? "save refused: two fields in error"
typ "Đề xuất thử"
wait_for "Tên đề xuất  *Đề xuất thử"; result $? "after a failed save the cursor is on the FIRST field in error"
# The core's message for a period backwards: its label, dd/mm/yyyy, no code.
for i in $(seq 1 13); do key Tab; done
key C-a; key C-k; typ 01/03/2026; key Tab; typ 01/02/2026
key C-s; wait_for "phải từ ngày 01/03/2026 trở đi"; result $? "the core's message gives the date as dd/mm/yyyy"
settle; ! screen | grep -q "(period_to)\|2026-03-01"; result $? "no field code (period_to) or ISO date on the screen"
key Escape; wait_for "Bỏ các thay đổi"; key c; wait_for "Chờ tôi xử lý"
# Leaving restores the terminal: bracketed paste off.
tm pipe-pane -t e2e -o "cat >>'$T/exit.bytes'"
key q; wait_for "Thoát chương trình"; key c
gone; poll 'grep -q "\[?2004l" "$T/exit.bytes"'; result $? "on the way out bracketed paste is turned off"

# An action's form refused with three fields in error (reviewer, kind,
# text): what is typed next lands in the first, not the last.
CODE=$(cli proposal list --state in_review --unit BD-QN --format csv 2>/dev/null | sed -n 2p | cut -d, -f1)
start xterm-256color 80 24
login bd-qn.thamdinh; open_code "$CODE"
act "y kien" "Ghi ý kiến thẩm định"
key C-s; wait_for "Chưa lưu: 3 trường cần sửa"; result $? "an empty opinion is refused with three fields in error"
typ "Ban Thường vụ"
wait_for "Người/cơ quan cho ý kiến  *Ban Thường vụ"
result $? "after a failed save the cursor is on the FIRST field in error of an action's form"
key Escape; wait_for "Bỏ các thay đổi"; key c; wait_for "Đề xuất $CODE"
# The action menu suggests the next step: on a draft, submitting (not the
# edit listed first, nor withdrawing).
DCODE=$(SANGTAO_USER=bd-qn.chuyenvien SANGTAO_PASSWORD=$PW "$BIN" --config "$CFG" proposal new \
        --set title="Thử gợi ý bước tiếp theo" --set employing_unit=BD-QN-VP 2>/dev/null)
start xterm-256color 80 24
login bd-qn.chuyenvien; open_code "$DCODE"
# A draft with only its title cannot be submitted yet (item 8): submit is
# greyed with what is missing, and the step preselected is the edit.
key a; wait_for "Thao tác với $DCODE"
wait_for "Gửi đề xuất — chưa được: Chưa thể gửi"; result $? "submitting an incomplete draft is greyed with what is missing"
key Enter
wait_for "Sửa đề xuất $DCODE"; result $? "the action menu preselects the step that can be taken (edit the incomplete draft)"
stop

# Passwords: one star per character; the screens take what the CLI takes.
LONGPW=$(printf 'mậtkhẩu%.0s' $(seq 1 40))          # 280 characters, 440 bytes
printf '%s\n' "$LONGPW" | SANGTAO_USER=admin SANGTAO_PASSWORD=$PW "$BIN" --config "$CFG" \
    user add bd.daimk --name "Mật Khẩu Dài" --roles viewer --scope BD >/dev/null 2>"$T/longpw.err"
result $? "the CLI takes a password of 280 characters"
start vt100 80 24
wait_for "Tên đăng nhập"; typ bd.daimk; key Enter; typ "mậtkhẩu"
poll 'screen | grep -q "Mật khẩu: *\*\{7\}\( \|$\)"'; result $? "a password typed with marks shows one star per character (7)"
key C-a; key C-k; typ "$LONGPW"; key Enter
wait_for "Tài khoản mới: hãy đặt mật khẩu\|Chờ tôi xử lý"; result $? "the login screen takes the same 280-character password"
stop
