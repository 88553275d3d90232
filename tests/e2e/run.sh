#!/bin/sh
# The real binary in tmux at 80x24: log in, see the home screen, quit; under
# xterm-256color and vt100; a terminal below 80x24; a bad password.
BUILD=${1:-build}
BIN=$(cd "$(dirname "$BUILD/sangtao")" && pwd)/sangtao
command -v tmux >/dev/null || { echo "ok 1 - # SKIP tmux missing"; exit 0; }
T=$(mktemp -d); SOCK=sangtao-e2e-$$; k=0
trap 'tmux -L $SOCK-$k kill-server 2>/dev/null; rm -rf "$T"' EXIT
export LC_ALL=C.UTF-8 SANGTAO_TODAY=2026-03-02
printf 'matkhau-123\n' | "$BIN" --db "$T/t.db" init --demo >/dev/null 2>&1 || { echo "not ok 1 - init"; exit 0; }
n=0
# A new tmux server (socket) per program start: reusing one that is still
# shutting down fails with "server exited unexpectedly".
tm() { tmux -L "$SOCK-$k" "$@" 2>/dev/null; }
screen() { tm capture-pane -p -t e2e; }
wait_for() { # text, timeout tenths
    i=0
    while [ $i -lt "${2:-50}" ]; do
        screen | grep -q -- "$1" && return 0
        sleep 0.1; i=$((i+1))
    done
    return 1
}
result() { n=$((n+1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; screen | sed 's/^/# /'; fi; }
start() { # TERM, cols, rows
    tm kill-server
    k=$((k+1))
    tm new-session -d -s e2e -x "$2" -y "$3" "env TERM=$1 LC_ALL=C.UTF-8 $BIN --db $T/t.db"
}
for term in xterm-256color vt100; do
    start $term 80 24
    wait_for "Tên đăng nhập"; result $? "$term: login screen"
    tm send-keys -t e2e -l admin; tm send-keys -t e2e Enter
    tm send-keys -t e2e -l matkhau-123; tm send-keys -t e2e Enter
    wait_for "Số đề xuất theo trạng thái"; result $? "$term: home screen after login"
    screen | grep -q "Đã nhân rộng"; result $? "$term: states in Vietnamese"
    screen | head -1 | grep -q "admin"; result $? "$term: user in the title line"
    tm send-keys -t e2e q
    sleep 0.5
    tm has-session -t e2e 2>/dev/null; [ $? != 0 ]; result $? "$term: q quits"
done
start xterm-256color 60 20
wait_for "Tên đăng nhập"
tm send-keys -t e2e -l admin; tm send-keys -t e2e Enter
tm send-keys -t e2e -l matkhau-123; tm send-keys -t e2e Enter
wait_for "quá nhỏ"; result $? "60x20: terminal too small"
tm resize-window -t e2e -x 80 -y 24 2>/dev/null
wait_for "Số đề xuất theo trạng thái"; result $? "resize to 80x24 redraws the home screen"
start vt100 80 24
wait_for "Tên đăng nhập"
tm send-keys -t e2e -l admin; tm send-keys -t e2e Enter
tm send-keys -t e2e -l sai-mat-khau; tm send-keys -t e2e Enter
wait_for "Sai tên đăng nhập hoặc mật khẩu"; result $? "wrong password is refused with a message"
tm send-keys -t e2e Escape
sleep 0.5
tm has-session -t e2e 2>/dev/null; [ $? != 0 ]; result $? "Esc at login quits"
