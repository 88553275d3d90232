#!/bin/sh
# The real binary in tmux at 80x24 (tests/e2e/lib.sh): login and home under
# xterm-256color and vt100, a terminal below 80x24, a wrong password; then
# walk.sh (a proposal from draft to replicated, typed in Vietnamese, under
# both terminals), forms.sh (resize mid-form, lockout, roles, SIGHUP draft),
# reports.sh (the periodic report and its charts on screen), typing.sh
# (Telex/VNI, search marks, the period filter, [keys], accounts), input.sh
# (paste, stray bytes, errors, names, passwords: issue 12),
# conflict.sh (two clerks save one proposal: choose field by field), sync.sh
# (an office's sync screen: status, conflict side by side, export, import),
# checks.sh (an action greyed before its form, conditional required fields),
# busy.sh (Esc ends a wait for the database), tone.sh (one tone style),
# menu.sh (the main menu; keys of what the role cannot do), looks.sh
# (fields in the terminal's colours, the reports' bars), english.sh
# (ui.language = en: no Vietnamese text left on the main screens),
# bytes.sh (what a paint and a keystroke cost on a slow link) and law.sh
# (Decree 73 on the screens: warnings, attachments, adjust, notify).
BUILD=${1:-build}
BIN=$(cd "$(dirname "$BUILD/sangtao")" && pwd)/sangtao
HERE=$(cd "$(dirname "$0")" && pwd)
command -v tmux >/dev/null || { echo "ok 1 - # SKIP tmux missing"; echo "1..1"; exit 0; }
T=$(mktemp -d); SOCK=sangtao-e2e-$$; k=0
# Nothing of the caller's environment: no SANGTAO_* variable (the tmux
# server passes its environment on to the program), one locale, no size
# or terminfo of the caller's terminal for ncurses (LINES and COLUMNS would
# beat tmux's 80x24), and not the tmux session the tests may be started from.
for v in $(env | sed -n 's/^\(SANGTAO_[A-Za-z0-9_]*\|NCURSES_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$v"; done
unset LANG LANGUAGE LINES COLUMNS TERMINFO TERMINFO_DIRS ESCDELAY TMUX TMUX_PANE
# tmux sockets in a folder of ours (see lib.sh); a socket path has at most
# 107 bytes, so a long $TMPDIR gets a short folder under /tmp for them.
TS=$T
[ ${#T} -gt 60 ] && TS=$(mktemp -d /tmp/st-e2e.XXXXXX)
export TMUX_TMPDIR=$TS
. "$HERE/lib.sh"
trap 'stop_all; rm -rf "$T"; [ "$TS" = "$T" ] || rm -rf "$TS"' EXIT
# HOME is the scratch folder: nothing read from the caller's (~/.sqliterc).
export HOME="$T" LC_ALL=C.UTF-8 TODAY=2026-03-02 SANGTAO_TODAY=2026-03-02
PW=matkhau-123
CFG=$T/config.ini
# Screens typed as with a system input method: the built-in Telex is off
# except where a test turns it on.
printf '[database]\npath = %s/t.db\n[ui]\ninput_method = off\n' "$T" >"$CFG"
printf '%s\n' "$PW" | "$BIN" --config "$CFG" init --demo >/dev/null 2>&1 || { echo "not ok 1 - init"; exit 0; }
n=0
# run.sh BUILD walk.sh … runs only those scripts (while working on them).
if [ $# -gt 1 ]; then shift; for s in "$@"; do . "$HERE/$s"; done; echo "1..$n"; exit 0; fi

for term in xterm-256color vt100; do
    start $term 80 24
    wait_for "Tên đăng nhập"; result $? "$term: login screen"
    typ admin; key Enter; typ "$PW"; key Enter
    wait_for "Quá hạn ("; result $? "$term: home screen after login"
    wait_for "Đã nhân rộng"; result $? "$term: states in Vietnamese"
    poll 'screen | head -1 | grep -q "Quản trị viên"'; result $? "$term: user and roles in the title line"
    wait_for "Chờ tôi xử lý"; result $? "$term: the home screen shows what waits for me"
    key F1
    wait_for "Trợ giúp: các phím"; result $? "$term: F1 opens the help"
    key Tab; key Tab
    wait_for "Quy trình"; result $? "$term: the help explains the workflow (Tab: next section)"
    key Escape; wait_for "Chờ tôi xử lý"
    key '?'
    wait_for "Trợ giúp: các phím"; result $? "$term: ? opens the help generated from the key table"
    key q; wait_for "Chờ tôi xử lý"
    key q
    wait_for "Thoát chương trình"; result $? "$term: q asks before quitting"
    key c
    gone; result $? "$term: q, c quits"
done
start xterm-256color 60 20
# At 60x20 even the login screen is the "too small" notice (waiting for the
# login field here only lost 8 s); the name and password typed blind log in.
wait_for "quá nhỏ"; result $? "60x20: terminal too small"
typ admin; key Enter; typ "$PW"; key Enter
tm resize-window -t e2e -x 80 -y 24
wait_for "Quá hạn ("; result $? "resize to 80x24 redraws the home screen"
start vt100 80 24
wait_for "Tên đăng nhập"
typ admin; key Enter; typ sai-mat-khau; key Enter
wait_for "Sai tên đăng nhập hoặc mật khẩu"; result $? "wrong password is refused with a message"
key Escape
gone; result $? "Esc at login quits"

# ui.language = en: the English catalogue, when msgfmt built it.
if [ -f "$(dirname "$BIN")/locale/en/LC_MESSAGES/sangtao.mo" ]; then
    sed 's/^\[ui\]$/[ui]\nlanguage = en/' "$CFG" >"$T/config-en.ini"
    CFG_USE=$T/config-en.ini; start xterm-256color 80 24; CFG_USE=
    wait_for "User name"; result $? "ui.language = en: the login screen in English"
    typ admin; key Enter; typ "$PW"; key Enter
    wait_for "Waiting for me"; result $? "ui.language = en: the home screen in English"
    poll 'screen | tail -1 | grep -q "F1 Help"'; result $? "ui.language = en: the key bar in English"
    wait_for "Replicated"; result $? "ui.language = en: state labels on the home screen in English"
    EN_CODE=$(cli proposal list --state draft --limit 1 --format csv | sed -n '2s/,.*//p')
    key l; wait_for "Proposals"
    key /; typ "$EN_CODE"; key Enter; wait_for "$EN_CODE"; key Enter
    wait_for "Proposal $EN_CODE"; result $? "ui.language = en: the proposal detail title in English"
    key a; wait_for "Actions on $EN_CODE (Draft)"; result $? "ui.language = en: the action menu names the state in English"
    wait_for "Submit proposal"; result $? "ui.language = en: action labels in English"
    settle; ! screen | grep -q "Gửi đề xuất"; result $? "ui.language = en: no Vietnamese action label left in the menu"
    stop
else
    n=$((n+1)); echo "ok $n - # SKIP English catalogue not built (no msgfmt)"
fi

. "$HERE/walk.sh"
. "$HERE/forms.sh"
. "$HERE/reports.sh"
. "$HERE/typing.sh"
. "$HERE/input.sh"
. "$HERE/conflict.sh"
. "$HERE/sync.sh"
. "$HERE/menu.sh"
. "$HERE/looks.sh"
. "$HERE/english.sh"
. "$HERE/bytes.sh"
. "$HERE/crash.sh"
. "$HERE/law.sh"
. "$HERE/checks.sh"
. "$HERE/busy.sh"
. "$HERE/tone.sh"
stop
# Under make asan the program's stderr holds any sanitizer report.
! cat "$T"/stderr.* 2>/dev/null | grep -q "Sanitizer\|runtime error"
result $? "no sanitizer report from any run of the program"
echo "1..$n"
