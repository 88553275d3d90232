# Sourced by run.sh: the sync screen at an office.  A hub and an office
# (seeded from it) in $T/sy; the same title edited at both ends gives a
# conflict; at the office the home screen says how long since the last
# exchange and what waits, the sync screen shows the status and the
# conflict side by side, a key resolves it; export and import by path from
# the screen, verify; the warning after sync.warn_days.
SY=$T/sy; mkdir -p "$SY"
printf '[database]\npath = %s/hub.db\n[site]\ncode = BD\n' "$SY" >"$SY/hub.ini"
printf '[database]\npath = %s/qn.db\n[site]\ncode = QN\nnumber = 2\n[ui]\ninput_method = off\n' "$SY" >"$SY/qn.ini"
hub() { SANGTAO_USER=admin SANGTAO_PASSWORD=$PW "$BIN" --config "$SY/hub.ini" "$@"; }
qn() { SANGTAO_USER=admin.qn SANGTAO_PASSWORD=$PW "$BIN" --config "$SY/qn.ini" "$@"; }
qcv() { SANGTAO_USER=cv SANGTAO_PASSWORD=$PW "$BIN" --config "$SY/qn.ini" "$@"; }
sy_setup() {
    printf '%s\n' "$PW" | "$BIN" --config "$SY/hub.ini" init >/dev/null || return 1
    SANGTAO_NEW_PASSWORD=Tamthoi#01 hub user add cv --name "Chuyên viên Quy Nhơn" --roles clerk --scope BD-QN >/dev/null || return 1
    hub site add QN --unit BD-QN >/dev/null || return 1
    code=$(hub site seed QN -o "$SY/qn.seed" | sed -n 's/^Mã dùng một lần: //p')
    printf '%s\n' "$PW" | SANGTAO_SEED_CODE=$code "$BIN" --config "$SY/qn.ini" init --seed "$SY/qn.seed" >/dev/null || return 1
    SANGTAO_NEW_PASSWORD=Tamthoi#01 qn user passwd cv >/dev/null || return 1
    SANGTAO_PASSWORD=Tamthoi#01 SANGTAO_NEW_PASSWORD=$PW "$BIN" --config "$SY/qn.ini" --user cv user passwd >/dev/null || return 1
    SC=$(qcv proposal new --set title="Sổ tay cải cách hành chính" --set employing_unit=BD-QN-VP) || return 1
    qn sync export -o "$SY/up1" >/dev/null && hub sync import "$SY/up1" >/dev/null || return 1
    hub proposal edit "$SC" --set title="Tên tỉnh đặt" >/dev/null || return 1
    qcv proposal edit "$SC" --set title="Tên văn phòng đặt" >/dev/null || return 1
    qn sync export -o "$SY/up2" >/dev/null && hub sync import "$SY/up2" >/dev/null || return 1
    hub sync export --to QN -o "$SY/down1" >/dev/null && qn sync import "$SY/down1" >/dev/null
}
sy_setup; result $? "sync: a hub and a seeded office, one conflict on a title ($SC)"
CFG_USE=$SY/qn.ini; start xterm-256color 80 24; CFG_USE=
login admin.qn; result $? "sync: the office's administrator logs in"
wait_for "Trao đổi với tỉnh: nhận lần cuối hôm nay; [0-9]* thay đổi chờ gửi; 1 xung đột."
result $? "sync: the home screen says when the last exchange was, what waits, the conflict"
! screen | grep -q "Cảnh báo"; result $? "sync: no warning the same day"
key Enter; wait_for "Xung đột chưa giải quyết: 1"; result $? "sync: Enter on that line opens the sync screen with the status"
wait_for "Nhận lần cuối: .* (0 ngày trước) · Gửi lần cuối:"; result $? "sync: last exchange each way"
wait_for "$SC"; result $? "sync: the conflict is listed"
key End; key Enter
wait_for "Hiện có, trạm 2 (trạm này)"; result $? "sync: Enter shows the conflict side by side, this site's value marked"
wait_for "Tên văn phòng đặt"; wait_for "Tên tỉnh đặt"; result $? "sync: both values on the screen"
key k; wait_for "Đã giải quyết xung đột: lấy giá trị bị thay"; result $? "sync: k takes the value on the right"
poll 'qn proposal show "$SC" --format json | grep -q "\"title\":\"Tên tỉnh đặt\""'
result $? "sync: the office's proposal has the value chosen"
wait_for "Xung đột chưa giải quyết: 0"; result $? "sync: the status reads again"
key Home; key Down; key Down; key Down; key Down; key Enter
wait_for "Xuất tệp trao đổi"; result $? "sync: the export line opens a form"
typ "$SY/up3"; key C-s
wait_for "Đã ghi $SY/up3"; result $? "sync: exported to the path typed"
hub sync import "$SY/up3" >/dev/null && hub sync conflicts --all | grep -q "lấy giá trị bị thay"
result $? "sync: the resolution reached the hub as an ordinary change"
hub sync export --to QN -o "$SY/down2" >/dev/null
key Home; key Down; key Down; key Down; key Down; key Down; key Enter
wait_for "Nhận tệp trao đổi"; result $? "sync: the import line opens a form"
typ "$SY/down2"; key C-s
wait_for "Đã nhận $SY/down2 từ trạm số 1"; result $? "sync: imported from the path typed"
key Home; key Down; key Down; key Down; key Down; key Down; key Down; key Enter
wait_for "Dữ liệu văn phòng khớp với máy chủ tỉnh"; result $? "sync: verify from the screen: in line with the hub"
key Enter; key q; wait_for "Trang chính"; stop
# Ten days later with nothing received: the home screen warns.
CFG_USE=$SY/qn.ini; start xterm-256color 80 24 "SANGTAO_NOW=$(date -u -d '+10 days' +%Y-%m-%dT%H:%M:%SZ)"; CFG_USE=
login admin.qn
wait_for "Cảnh báo: Trao đổi với tỉnh: nhận lần cuối 10 ngày trước"; result $? "sync: after sync.warn_days the home screen warns"
stop
# A database that takes part in no exchange shows no such line.
start xterm-256color 80 24; login admin; settle
! screen | grep -q "Trao đổi với"; result $? "sync: no exchange line on a database outside any exchange"
stop
