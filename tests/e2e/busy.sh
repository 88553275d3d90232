# Sourced by run.sh: the busy database (issue 12, item 14).  Another
# process holds the write lock (tests/multi's driver): a reader still logs
# in and reads; a save waits with "đang chờ… (Esc: thôi chờ)", Esc gives up
# the wait and the form keeps what was typed; once the writer is done the
# same save goes through.
DRV=$(dirname "$BIN")/tests/multi-driver
CFG_BUSY=$T/config-busy.ini
printf '[database]\npath = %s/t.db\nbusy_timeout_ms = 60000\n[ui]\ninput_method = off\n' "$T" >"$CFG_BUSY"
BCODE=$(SANGTAO_USER=bd-qn.chuyenvien SANGTAO_PASSWORD=$PW "$BIN" --config "$CFG" proposal new \
        --set title="Thử chờ cơ sở dữ liệu" --set employing_unit=BD-QN-VP 2>/dev/null)
"$DRV" hold "$T/t.db" 120 >"$T/hold.txt" 2>&1 &
HOLDER=$!
poll 'grep -q holding "$T/hold.txt"' 300
CFG_USE=$CFG_BUSY; start xterm-256color 80 24; CFG_USE=
login bd-qn.chuyenvien; result $? "busy: a reader logs in while another process holds the write lock"
open_code "$BCODE"; result $? "busy: the list and the proposal open while the lock is held"
CODE=$BCODE; act "ghi chu" "Ghi chú"
typ "Nội dung gõ trong lúc chờ"
key C-s
wait_for "đang chờ… (Esc: thôi chờ)"; result $? "busy: a save waits and says Esc gives up the wait"
key Escape
wait_for "thôi chờ.*chưa ghi\|Đã thôi chờ"; result $? "busy: Esc gives up the wait, nothing written"
wait_for "Nội dung gõ trong lúc chờ"; result $? "busy: the form keeps the text typed"
kill "$HOLDER" 2>/dev/null; wait "$HOLDER" 2>/dev/null
key C-s; wait_for "Đã ghi: Ghi chú"; result $? "busy: once the writer is done the same save goes through"
stop
