# Sourced by run.sh: bytes written to the terminal, through tmux pipe-pane,
# for (a) the first full paint of the proposal list and (b) one character
# typed into a form field.  Printed for the record; the check is only that
# a keystroke does not repaint the screen.
start xterm-256color 80 24
login admin
tm pipe-pane -t e2e -o "cat >>$T/paint.bytes"
key l; wait_for "dòng 1–"
sleep 0.3   # let the pipe drain; not a correctness condition
tm pipe-pane -t e2e
paint=$(wc -c <"$T/paint.bytes")
key Escape; wait_for "Chờ tôi xử lý"
key n; wait_for "Đề xuất mới"; typ "Thử"; wait_for "Thử"
tm pipe-pane -t e2e -o "cat >>$T/key.bytes"
typ "a"; wait_for "Thửa"
sleep 0.3
tm pipe-pane -t e2e
one=$(wc -c <"$T/key.bytes")
echo "# bytes: first paint of the list screen $paint, one character in a form field $one"
[ "$paint" -gt 500 ] && [ "$one" -gt 0 ] && [ "$one" -lt 100 ]
result $? "one keystroke in a form writes $one bytes (the list's first paint: $paint)"
