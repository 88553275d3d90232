# Sourced by run.sh: bytes written to the terminal, through tmux pipe-pane,
# for (a) the first full paint of the proposal list and (b) one character
# typed into a form field.  Printed for the record; the check is only that
# a keystroke does not repaint the screen.
# drained FILE: the pipe's cat has written something and the size has
# stopped growing (two reads 0.2 s apart), however slow the machine.
drained() {
    last=-1; j=0
    while [ $j -lt 50 ]; do
        now=$(wc -c <"$1" 2>/dev/null || echo 0)
        [ "$now" -gt 0 ] && [ "$now" = "$last" ] && return 0
        last=$now; sleep 0.2; j=$((j+1))
    done
    return 1
}
start xterm-256color 80 24
login admin
tm pipe-pane -t e2e -o "cat >>'$T/paint.bytes'"
key l; wait_for "dòng 1–"
settle; drained "$T/paint.bytes"
tm pipe-pane -t e2e
paint=$(wc -c <"$T/paint.bytes")
key Escape; wait_for "Chờ tôi xử lý"
key n; wait_for "Đề xuất mới"; typ "Thử"; wait_for "Thử"; settle
tm pipe-pane -t e2e -o "cat >>'$T/key.bytes'"
typ "a"; wait_for "Thửa"
drained "$T/key.bytes"
tm pipe-pane -t e2e
one=$(wc -c <"$T/key.bytes")
echo "# bytes: first paint of the list screen $paint, one character in a form field $one"
[ "$paint" -gt 500 ] && [ "$one" -gt 0 ] && [ "$one" -lt 100 ]
result $? "one keystroke in a form writes $one bytes (the list's first paint: $paint)"
