# Shared by the e2e scripts (sourced by run.sh): the real binary in tmux,
# keys sent with send-keys (-l for text), the screen read with
# capture-pane, waits with a timeout (never a bare sleep for correctness),
# and TAP lines "ok N - …" counted in $n.
#
# Every check of the screen polls: the program may still be drawing when a
# wait for one piece of text returns.  wait_for/wait_gone poll for a text,
# poll for any command over the screen, settle for a screen that stopped
# changing (before a check that something is NOT there).
#
# tmux: one server per program start, with its socket in run.sh's private
# folder ($TMUX_TMPDIR, so two suites at once never meet) and no user or
# system tmux.conf (-f /dev/null).
tm() { tmux -f /dev/null -L "$SOCK-$k" "$@" 2>/dev/null; }
screen() { tm capture-pane -p -t e2e; }
wait_for() { # text [tenths]
    i=0
    while [ $i -lt "${2:-80}" ]; do
        screen | grep -q -- "$1" && return 0
        sleep 0.1; i=$((i+1))
    done
    return 1
}
wait_gone() { # text [tenths]: the text is no longer on the screen
    i=0
    while [ $i -lt "${2:-80}" ]; do
        screen | grep -q -- "$1" || return 0
        sleep 0.1; i=$((i+1))
    done
    return 1
}
poll() { # 'shell command' [tenths]: until the command succeeds
    i=0
    while [ $i -lt "${2:-80}" ]; do
        eval "$1" && return 0
        sleep 0.1; i=$((i+1))
    done
    return 1
}
settle() { # [tenths]: until two captures 0.2 s apart are the same
    i=0; prev=$(screen)
    while [ $i -lt "${1:-80}" ]; do
        sleep 0.2; cur=$(screen)
        [ "$cur" = "$prev" ] && return 0
        prev=$cur; i=$((i+2))
    done
    return 1
}
result() {
    n=$((n+1))
    if [ "$1" = 0 ]; then echo "ok $n - $2"; return; fi
    echo "not ok $n - $2"; screen | sed 's/^/# /'
    [ -s "$T/stderr.$k" ] && sed 's/^/# stderr: /' "$T/stderr.$k"
}
# A new tmux server (socket) per program start: reusing one that is still
# shutting down fails with "server exited unexpectedly".
stop() { # end the running program (SIGHUP, as a dropped line) and wait for it
    # A server still starting may miss the first kill-server: again until
    # it is gone (a missed one kept its program running after the run).
    i=0
    while tm kill-server && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done
    [ -n "${PID:-}" ] || return 0
    i=0
    while kill -0 "$PID" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done
    kill -0 "$PID" 2>/dev/null && { echo "# program $PID still running after SIGHUP"; kill -KILL "$PID"; }
    PID=
}
stop_all() { # at exit: every server this run started (each socket in TMUX_TMPDIR)
    stop
    for sock in "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK"-*; do
        [ -S "$sock" ] && tmux -f /dev/null -S "$sock" kill-server 2>/dev/null
    done
    return 0
}
start() { # TERM, cols, rows [extra env]
    stop
    k=$((k+1))
    # Paths quoted for the shell tmux runs: a checkout may have spaces.
    tm new-session -d -s e2e -x "$2" -y "$3" \
        "exec env HOME='$T' TERM=$1 LC_ALL=C.UTF-8 SANGTAO_TODAY=$TODAY ${4:-} '$BIN' --config '${CFG_USE:-$CFG}' 2>'$T/stderr.$k'"
    PID=$(tm display-message -p -t e2e '#{pane_pid}')
}
# KEYS counts what a user would press: one a key, one a character typed,
# one a paste (the walk's keystrokes, issue 12).
KEYS=0
key() { KEYS=$((KEYS+$#)); tm send-keys -t e2e "$@"; }
typ() {
    case $1 in "$(printf '\033[200~')"*) KEYS=$((KEYS+1)) ;;
        *) KEYS=$((KEYS+$(printf %s "$1" | wc -m))) ;; esac
    tm send-keys -t e2e -l "$1"
}
alive() { tm has-session -t e2e; }
gone() { i=0; while [ $i -lt 50 ]; do alive || return 0; sleep 0.1; i=$((i+1)); done; return 1; }
login() { # user [password]
    wait_for "Tên đăng nhập" || return 1
    typ "$1"; key Enter; typ "${2:-$PW}"; key Enter
    wait_for "Trang chính"
}
cli() { SANGTAO_USER=admin SANGTAO_PASSWORD=$PW "$BIN" --config "$CFG" "$@"; }
# The JSON of a proposal, for checks against the database.
show() { cli proposal show "$1" --format json; }

open_code() { # from home: the list, quick search, open
    key l; wait_for "Danh sách đề xuất" || return 1
    key /; typ "$1"; key Enter
    wait_for "$1" || return 1
    key Enter; wait_for "Đề xuất $1"
}
act() { # words of the action (filter; "": the suggested step), the form's title
    key a; wait_for "Thao tác với" || return 1
    [ -z "$1" ] || typ "$1"
    key Enter
    wait_for "$2 — $CODE"
}
saved() { key C-s; wait_for "Đã ghi: $1"; }
