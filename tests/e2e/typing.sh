# Sourced by run.sh: typing Vietnamese without a system IME (issue 5), the
# list's search marks and period filter (issues 4, 5), config.ini's [keys]
# (issue 4), and the administrator's account actions.
#
# config.ini without ui.input_method: the built-in Telex is on by default.
CFG_TELEX=$T/config-telex.ini
printf '[database]\npath = %s/t.db\n' "$T" >"$CFG_TELEX"
q() { sqlite3 -cmd ".timeout 5000" "$T/t.db" "$1"; }

CFG_USE=$CFG_TELEX; start xterm-256color 80 24; CFG_USE=
login bd-qn.chuyenvien
key n; wait_for "Đề xuất mới"
poll 'screen | tail -1 | grep -q "Bộ gõ: Telex (^T)"'; result $? "Telex by default: the bottom line says so, with its key"
typ "Quarn lys ddaast ddai"
wait_for "Tên đề xuất  *Quản lý đất đai"; result $? "Telex in tmux: Quarn lys ddaast ddai → Quản lý đất đai"
key C-s; wait_for "Đã tạo đề xuất BD-20[0-9][0-9]-[0-9]\{4\}"; result $? "the proposal typed in Telex is saved"
TCODE=$(screen | grep -o 'Đã tạo đề xuất BD-20[0-9][0-9]-[0-9]*' | grep -o 'BD-.*' | head -1)
[ "$(q "SELECT title FROM proposals WHERE code = '$TCODE'")" = "Quản lý đất đai" ]
result $? "the database holds the title with its marks, in NFC ($TCODE)"
key Escape; wait_for "Chờ tôi xử lý"
key l; wait_for "Danh sách đề xuất"
key /; typ "quan ly dat dai"; key Enter
wait_for "$TCODE"; result $? "searching without marks (quan ly dat dai) finds it in the list"
# The matched words are drawn bold and underlined (SGR 1 and 4).  The code
# is on screen before the search is applied, so poll for the marks (the
# program may still be filtering under a slow sanitizer build).
i=0; marked=1
while [ $i -lt 80 ]; do
    tm capture-pane -p -e -t e2e | grep "$TCODE" | grep -q '\[1;4m\|\[4;1m\|;1;4m\|\[1m.*\[4m' && { marked=0; break; }
    sleep 0.1; i=$((i+1))
done
result $marked "the list marks what matched in bold and underline"
key Escape; wait_for "Chờ tôi xử lý"

# The list at 80 columns: the title gets at least 35 of them; the unit
# column comes back from 100.
LCODE=$(cli proposal new --set title="Ứng dụng trí tuệ nhân tạo trả lời câu hỏi của người dân về thủ tục" \
        --set employing_unit=BD-QN-VP 2>/dev/null)
key l; wait_for "Danh sách đề xuất"
key /; typ "$LCODE"; key Enter; wait_for "$LCODE"
poll 'screen | grep "$LCODE" | grep -q "Ứng dụng trí tuệ nhân tạo trả lời c…"'
result $? "at 80 columns a title shows 35 characters and more ($LCODE)"
settle; ! screen | sed -n 3p | grep -q "Đơn vị"; result $? "at 80 columns the list has no unit column (the unit is in the detail)"
tm resize-window -t e2e -x 100 -y 24
wait_for "Mã  *Trạng thái  *Đơn vị"; result $? "at 100 columns the unit column appears"
poll 'screen | grep "$LCODE" | grep -q "BD-QN-VP"'; result $? "and shows the proposal's unit"
tm resize-window -t e2e -x 80 -y 24
key Escape; wait_for "Chờ tôi xử lý"

# ^T: off → Telex → VNI → off; codes, numbers and dates never compose.
key n; wait_for "Đề xuất mới"
key C-t; wait_for "Bộ gõ: VNI (^T)"; result $? "^T switches Telex to VNI, shown on the bottom line"
typ "Vie65t Nam"; wait_for "Tên đề xuất  *Việt Nam"; result $? "VNI: Vie65t Nam → Việt Nam"
key C-t; wait_for "Bộ gõ: tắt (^T)"; result $? "^T again switches it off"
typ " aa"; wait_for "Việt Nam aa"; result $? "off: the keys stay as typed"
key C-t; wait_for "Bộ gõ: Telex (^T)"; result $? "^T a third time: Telex again"
key C-t; wait_for "Bộ gõ: VNI (^T)"
key Tab; wait_for "trường này không dùng"; result $? "the field code (Lĩnh vực) says the input method is not used there"
typ "van_hoa6"; wait_for "Lĩnh vực  *van_hoa6"; result $? "VNI stays out of a code field (van_hoa6 is kept)"
key Escape; wait_for "Bỏ các thay đổi"; key c; wait_for "Chờ tôi xử lý"
key l; wait_for "Danh sách đề xuất"

# The period filter, typed while VNI is on: the dates stay digits.
key f; wait_for "Lọc danh sách"
typ "thoi gian"; key Enter; wait_for "Lọc theo thời gian tạo"
typ 01/01/2026; key Tab; typ 31/01/2026
wait_for "Đến ngày.*31/01/2026" && wait_for "Tạo từ ngày  *01/01/2026"
result $? "VNI leaves dates alone in the period form (01/01/2026, 31/01/2026)"
key C-s; wait_for "tạo 01/01/2026–31/01/2026"; result $? "the list says it shows proposals created 01/01–31/01/2026"
settle
onscreen=$(screen | sed -n '4,22p' | grep -o '^ BD-20[0-9][0-9]-[0-9]*' | tr -d ' ')
n_on=$(printf '%s\n' "$onscreen" | grep -c .)
bycli=$(SANGTAO_USER=bd-qn.chuyenvien SANGTAO_PASSWORD=$PW "$BIN" --config "$CFG" proposal list \
        --from 01/01/2026 --to 31/01/2026 --format csv 2>/dev/null | sed 1d | cut -d, -f1 | head -n "$n_on")
[ "$n_on" -gt 0 ] && [ "$onscreen" = "$bycli" ]
result $? "the filtered page holds what proposal list --from --to gives ($n_on rows)"
inlist=$(printf "'%s'," $onscreen | sed 's/,$//')
[ "$(q "SELECT count(*) FROM proposals WHERE code IN ($inlist)
        AND created_at >= '2026-01-01' AND created_at < '2026-02-01'")" = "$n_on" ]
result $? "the database agrees: every listed proposal was created in January 2026"
key f; typ "bo moi"; key Enter; wait_gone "tạo 01/01/2026"; result $? "Bỏ mọi bộ lọc clears the period"

# config.ini [keys]: list = F3,d replaces F3,l on the home screen.
sed 's/^\[ui\]$/[keys]\nlist = F3,d\n[ui]/' "$CFG" >"$T/config-keys.ini"
CFG_USE=$T/config-keys.ini; start vt100 80 24; CFG_USE=
login bd-qn.chuyenvien
poll 'screen | tail -1 | grep -q "d Danh sách"'; result $? "[keys] list = F3,d: the vt100 key bar shows d"
key l; key F1; wait_for "Trợ giúp: các phím"
wait_for "F3, d  *Mở danh sách đề xuất"; result $? "l no longer opens the list; the help lists F3, d"
key Escape; wait_for "Chờ tôi xử lý"
key d; wait_for "Tất cả trạng thái"; result $? "d opens the list"
printf '[database]\npath = %s/t.db\n[keys]\nlist = F3,ll\n' "$T" >"$T/bad-key.ini"
"$BIN" --config "$T/bad-key.ini" proposal list >/dev/null 2>"$T/bad-key.err"
grep -q 'bad-key.ini:4: keys.list: "ll" không phải tên phím' "$T/bad-key.err"
result $? "a bad key name stops the program with FILE:LINE"
printf '[database]\npath = %s/t.db\n[keys]\nfly = F5\n' "$T" >"$T/bad-action.ini"
"$BIN" --config "$T/bad-action.ini" proposal list >/dev/null 2>"$T/bad-action.err"
grep -q 'bad-action.ini:4: keys.fly: không có khóa này trong \[keys\]' "$T/bad-action.err"
result $? "an unknown action stops the program with FILE:LINE"
printf '[database]\npath = %s/t.db\n[keys]\n\nlist = F3,n\n' "$T" >"$T/clash.ini"
"$BIN" --config "$T/clash.ini" </dev/null >/dev/null 2>"$T/clash.err"; rc=$?
[ $rc = 1 ] && grep -q 'clash.ini:5: keys.list: phím n đã dùng cho "new"' "$T/clash.err"
result $? "a key another action has on the same screen stops the screens with FILE:LINE"

# Accounts (administrator): lock, unlock, reset a password, add one.
CFG_USE=$CFG_TELEX; start xterm-256color 80 24; CFG_USE=
login admin
key End; key Up; wait_for "Tài khoản (quản trị)"
key Enter; wait_for "Phạm vi    Vai trò"
key End; wait_for "bd.xem"
key Enter; wait_for "Tài khoản bd.xem"; typ "khoa"; key Enter
wait_for "Khóa tài khoản bd.xem?"; key c
wait_for "Đã khóa tài khoản bd.xem"; result $? "the administrator locks an account, after confirming"
[ "$(q "SELECT locked FROM users WHERE username = 'bd.xem'")" = 1 ]; result $? "the database says locked"
wait_for "bd.xem.*đang khóa"; result $? "the list shows it locked"
key Enter; wait_for "Mở khóa tài khoản"; key Enter
wait_for "Đã mở khóa tài khoản bd.xem"
[ "$(q "SELECT locked FROM users WHERE username = 'bd.xem'")" = 0 ]; result $? "and unlocks it"
key Enter; wait_for "Tài khoản bd.xem"; typ "dat lai"; key Enter
wait_for "Đặt lại mật khẩu: bd.xem"
typ "mat-khau-moi-1"; key Tab; typ "mat-khau-moi-1"
# both fields drawn (14 stars each), then nothing of the password on screen
poll '[ "$(screen | grep -o "\*\{14\}" | wc -l)" -ge 2 ]' && settle && ! screen | grep -q "mat-khau-moi"
result $? "the new password is drawn as stars"
key C-s; wait_for "Đặt lại mật khẩu của bd.xem?"; key c
wait_for "Đã đặt lại mật khẩu của bd.xem"; result $? "a password reset asks first, then is done"
[ "$(q "SELECT must_change_pw FROM users WHERE username = 'bd.xem'")" = 1 ]
result $? "the account must change its password at the next login"
key n; wait_for "Thêm tài khoản"
typ "bd.moi"; key Tab; typ "Nguyeenx Thij Mai"; key Tab
key Space; wait_for "Chỉ xem"; key Down; key Down; key Down; key Down; key Space; key Enter
key Tab; typ BD; key Tab; typ "mat-khau-dau-1"; key Tab; typ "mat-khau-dau-1"
key C-s; wait_for "Đã thêm tài khoản bd.moi"; result $? "the administrator adds an account (full name typed in Telex)"
[ "$(q "SELECT full_name || '|' || roles || '|' || must_change_pw FROM users WHERE username = 'bd.moi'")" = "Nguyễn Thị Mai|16|1" ]
result $? "the database has the new viewer, who must change the password"
start xterm-256color 80 24
wait_for "Tên đăng nhập"; typ bd.xem; key Enter; typ "mat-khau-moi-1"; key Enter
wait_for "Tài khoản mới: hãy đặt mật khẩu"; result $? "the reset account logs in with the new password and must change it"
