#!/bin/sh
# Run every test (unit tests in cmocka, CLI golden tests, e2e) and end with
# one line "N passed, N failed".
#   tools/runtests.sh [BUILD_DIR]        (from any folder)
BUILD=${1:-build}
# The build folder as given from the caller's folder; then the checkout's
# root, where the unit tests find data/ and tests/corpus/.
BUILD=$(cd "$BUILD" 2>/dev/null && pwd) || { echo "no build folder ${1:-build} (make all tests-build)"; echo "0 passed, 1 failed"; exit 1; }
cd "$(dirname "$0")/.." || exit 1
# Nothing of the caller's environment: no SANGTAO_* variable (each test
# sets what it needs; SANGTAO_BIN, tests/multi's choice of binary, stays),
# one locale.
for v in $(env | sed -n 's/^\(SANGTAO_[A-Za-z0-9_]*\)=.*/\1/p'); do [ "$v" = SANGTAO_BIN ] || unset "$v"; done
unset LANG LANGUAGE
export LC_ALL=C.UTF-8
pass=0; fail=0
out=$(mktemp); ut=
trap 'rm -f "$out"; [ -z "$ut" ] || rm -rf "$ut"' EXIT
# As root, a unit test (test_db's read-only check) runs a child as nobody on
# a database in its $TMPDIR folder: give the unit tests a TMPDIR that nobody
# can reach, whatever the caller's TMPDIR is.
if [ "$(id -u)" = 0 ] && ut=$(mktemp -d /tmp/sangtao-unit.XXXXXX) && chmod 0755 "$ut"; then
    UT_TMPDIR=$ut
else
    UT_TMPDIR=${TMPDIR:-/tmp}
fi
for t in "$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    TMPDIR=$UT_TMPDIR CMOCKA_MESSAGE_OUTPUT=TAP "$t" >"$out" 2>&1
    status=$?
    p=$(grep -c '^ok ' "$out"); f=$(grep -c '^not ok ' "$out")
    # A program that dies part-way must not count as passing with fewer
    # tests: compare with cmocka's plan line "1..N" and the exit status.
    plan=$(sed -n 's/^1\.\.\([0-9][0-9]*\)$/\1/p' "$out" | head -1)
    rc_fail=0
    if [ -z "$plan" ] || [ $((p+f)) -lt "$plan" ] || { [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; }; then
        f=$((f+1)); rc_fail=1
    fi
    pass=$((pass+p)); fail=$((fail+f))
    if [ "$f" -gt 0 ]; then
        echo "FAIL $(basename "$t"):"; grep -v '^ok ' "$out" | head -40
        [ $rc_fail = 1 ] && echo "  (exit $status, plan ${plan:-none}, ran $((p+f-1)) — crashed?)"
    else
        echo "ok   $(basename "$t"): $p"
    fi
done
for s in tests/cli/run.sh tests/docs/run.sh tests/e2e/run.sh tests/multi/run.sh tests/multi/security.sh tests/report/run.sh tests/lint/run.sh tests/compat/run.sh tests/deb/run.sh; do
    [ -x "$s" ] || continue
    "$s" "$BUILD" >"$out" 2>&1
    p=$(grep -c '^ok ' "$out"); f=$(grep -c '^not ok ' "$out")
    # Each script ends with its plan "1..N": a script that stopped part-way
    # (no plan, or fewer results than planned) fails, whatever it printed.
    plan=$(sed -n 's/^1\.\.\([0-9][0-9]*\)$/\1/p' "$out" | tail -n 1)
    if [ -z "$plan" ] || [ $((p+f)) -lt "$plan" ]; then
        f=$((f+1)); echo "# $s stopped before its end (plan ${plan:-none}, $((p+f-1)) results)" >>"$out"
    fi
    pass=$((pass+p)); fail=$((fail+f))
    if [ "$f" -gt 0 ]; then echo "FAIL $s:"; grep -v '^ok \|^# measured: ' "$out" | head -60
    else echo "ok   $s: $p"; fi
    grep '^# measured: ' "$out"
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
