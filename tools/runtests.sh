#!/bin/sh
# Run every test (unit tests in cmocka, CLI golden tests, e2e) and end with
# one line "N passed, N failed".
BUILD=${1:-build}
export LC_ALL=C.UTF-8
pass=0; fail=0
out=$(mktemp); trap 'rm -f "$out"' EXIT
for t in "$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    CMOCKA_MESSAGE_OUTPUT=TAP "$t" >"$out" 2>&1
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
for s in tests/cli/run.sh tests/docs/run.sh tests/e2e/run.sh tests/multi/run.sh tests/report/run.sh; do
    [ -x "$s" ] || continue
    "$s" "$BUILD" >"$out" 2>&1
    p=$(grep -c '^ok ' "$out"); f=$(grep -c '^not ok ' "$out")
    pass=$((pass+p)); fail=$((fail+f))
    if [ "$f" -gt 0 ]; then echo "FAIL $s:"; grep -v '^ok ' "$out" | head -60
    else echo "ok   $s: $p"; fi
    grep '^# measured: ' "$out"
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
