#!/bin/sh
# The manual page and README cover every command and every setting the
# program has: the lists come from the program itself.
BUILD=${1:-build}
BIN="$BUILD/sangtao"
n=0
check() { # name, file, word
    n=$((n+1))
    if grep -q -- "$3" "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1: '$3' missing from $2"; fi
}
for key in $("$BIN" --help-config | awk '/^[a-z]+\.[a-z_]+ /{print $1}'); do
    check "man page: setting $key" docs/sangtao.1 "^\.B $key\$"
done
for cmd in $("$BIN" --help | awk '/^Lệnh:/{f=1;next} f&&/^  [a-z]/{print $1}'); do
    [ "$cmd" = help ] && continue
    check "man page: command $cmd" docs/sangtao.1 "^\.SS \"$cmd"
    check "README: command $cmd" README.md "\`$cmd"
done
for a in $("$BIN" help workflow | awk '/^[a-z_]+ — /{print $1}'); do
    case $a in create|edit) continue ;; esac
    check "man page: action $a" docs/sangtao.1 "$a"
done
n=$((n+1))
if man -l docs/sangtao.1 >/dev/null 2>&1 || ! command -v man >/dev/null; then echo "ok $n - man page renders"
else echo "not ok $n - man page renders"; fi
