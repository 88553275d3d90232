#!/bin/sh
# The manual page and README cover every command and every setting the
# program has: the lists come from the program itself.
#   tests/docs/run.sh BUILD_DIR      (from any folder)
BUILD=${1:-build}
BIN=$(cd "$BUILD" 2>/dev/null && pwd)/sangtao
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 1
# Nothing of the caller's environment: no SANGTAO_* variable, one locale.
for v in $(env | sed -n 's/^\(SANGTAO_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$v"; done
unset LANG LANGUAGE
export LC_ALL=C.UTF-8
if [ ! -x "$BIN" ]; then echo "not ok 1 - $BUILD/sangtao is missing (make all)"; exit 1; fi
n=0
check() { # name, file, word
    n=$((n+1))
    if grep -q -- "$3" "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1: '$3' missing from $2"; fi
}
# some(): a list the program printed must not be empty (a crash or a changed
# help text would otherwise check nothing and pass).
some() { # name, list
    [ -n "$2" ] && return 0
    n=$((n+1)); echo "not ok $n - $1: the program listed none"; return 1
}
keys=$("$BIN" --help-config | awk '/^[a-z]+\.[a-z_]+ /{print $1}')
some "settings from --help-config" "$keys"
for key in $keys; do
    check "man page: setting $key" docs/sangtao.1 "^\.B $key\$"
done
cmds=$("$BIN" --help | awk '/^Lệnh:/{f=1;next} f&&/^  [a-z]/{print $1}')
some "commands from --help" "$cmds"
for cmd in $cmds; do
    [ "$cmd" = help ] && continue
    check "man page: command $cmd" docs/sangtao.1 "^\.SS \"$cmd"
    check "README: command $cmd" README.md "\`$cmd"
done
acts=$("$BIN" help workflow | awk '/^[a-z_]+ — /{print $1}')
some "actions from help workflow" "$acts"
for a in $acts; do
    case $a in create|edit) continue ;; esac
    check "man page: action $a" docs/sangtao.1 "$a"
done
n=$((n+1))
if man -l docs/sangtao.1 >/dev/null 2>&1 || ! command -v man >/dev/null; then echo "ok $n - man page renders"
else echo "not ok $n - man page renders"; fi
echo "1..$n"
