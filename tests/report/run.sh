#!/bin/sh
# Report golden tests: the real binary on the demo database (deterministic
# for its fixed seed) with a fixed clock; stdout+stderr and "exit: N" are
# compared with tests/report/golden/NAME.out.  Prints TAP lines.
#
#   tests/report/run.sh BUILD_DIR                   run the tests
#   UPDATE_GOLDEN=1 tests/report/run.sh BUILD_DIR   rewrite the golden files
BUILD=${1:-build}
HERE=$(cd "$(dirname "$0")" && pwd)
GOLDEN=$HERE/golden
BIN=$(cd "$BUILD" 2>/dev/null && pwd)/sangtao
if [ ! -x "$BIN" ]; then
    echo "not ok 1 - $BUILD/sangtao is missing (make all)"
    exit 1
fi
TMP=$(mktemp -d) || exit 1
trap 'rm -rf "$TMP"' EXIT
cd "$TMP" || exit 1
mkdir -p "$GOLDEN" bin

# Nothing of the caller's environment: no SANGTAO_* variable, one locale.
for v in $(env | sed -n 's/^\(SANGTAO_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$v"; done
unset LANG LANGUAGE
# HOME is the scratch folder: nothing read from the caller's (~/.sqliterc).
export HOME="$TMP"
export SANGTAO_TODAY=2026-11-28 SANGTAO_NOW=2026-11-28T08:00:00Z LC_ALL=C.UTF-8 TZ=ICT-7
PW=demo1234

cat >config.ini <<'CFG'
[database]
path = d.db
[org]
signer_name = Nguyễn Văn Ký
CFG
sed 's/^signer_name.*/signer_name = Nguyễn Văn Ký\
[report]\
printer = may-in-tang-2/' config.ini >printer.ini

# A stand-in for lp(1): records its arguments and the document.
cat >bin/lp <<'LP'
#!/bin/sh
echo "$@" >"$LP_LOG"
for a; do last=$a; done
cp "$last" "$LP_LOG.doc"
LP
chmod +x bin/lp

n=0; failed=0
t() {
    name=$1; shift
    n=$((n + 1))
    "$@" </dev/null >out.tmp 2>&1
    echo "exit: $?" >>out.tmp
    if [ -n "$UPDATE_GOLDEN" ]; then
        cp out.tmp "$GOLDEN/$name.out"
        echo "ok $n - $name (golden written)"
    elif [ ! -f "$GOLDEN/$name.out" ]; then
        failed=$((failed + 1))
        echo "not ok $n - $name (no golden file; UPDATE_GOLDEN=1 writes it)"
    elif cmp -s out.tmp "$GOLDEN/$name.out"; then
        echo "ok $n - $name"
    else
        failed=$((failed + 1))
        echo "not ok $n - $name"
        diff -u "$GOLDEN/$name.out" out.tmp | sed 's/^/# /' | head -40
    fi
}
as() {
    u=$1; shift
    SANGTAO_PASSWORD=$PW "$BIN" --user "$u" "$@"
}
ok() { # NAME COMMAND…: passes when the command succeeds
    name=$1; shift
    n=$((n + 1))
    if "$@" >/dev/null 2>&1; then echo "ok $n - $name"; else failed=$((failed + 1)); echo "not ok $n - $name"; fi
}

printf '%s\n' "$PW" | SANGTAO_PASSWORD=$PW "$BIN" init --demo >init.log 2>&1 ||
    { echo "not ok 1 - init --demo"; cat init.log | sed 's/^/# /'; exit 1; }

# The documents, at 80 and 132 columns; a quarter, a unit's year, an empty
# period, the deadline report.
t periodic_q1_2026 as admin report periodic --period quarter --year 2026 --number 1 --doc-no 12
t periodic_q1_2026_132 as admin report periodic --period quarter --year 2026 --number 1 --width 132
t periodic_unit_year as bd-qn.lanhdao report periodic --period year --year 2025
t periodic_empty as admin report periodic --from 01/01/2020 --to 31/03/2020
t overdue as admin report overdue
t overdue_unit_json as admin report overdue --unit BD-QN --format json
# CSV: one table, with and without the BOM; every table.
t csv_by_unit as admin report periodic --period year --year 2025 --format csv --table by_unit
t csv_all as admin report periodic --period half --year 2026 --number 1 --format csv
sh_bom() { as admin report periodic --period month --year 2026 --number 3 --format csv \
           --table summary --bom | head -c 12 | od -An -c; }
t csv_bom sh_bom
# XLSX: written, one sheet per table.
sh_xlsx() { as admin report periodic --period year --year 2025 --format xlsx -o r.xlsx &&
            unzip -l r.xlsx | awk '{print $4}' | grep '^xl/worksheets/' &&
            unzip -p r.xlsx xl/workbook.xml | grep -o '<sheet name="[^"]*"'; }
t xlsx sh_xlsx
# Scope: a unit outside one's own reads as missing.
t scope_outside as bd-qn.lanhdao report periodic --period year --year 2025 --unit BD-AN
t scope_outside_overdue as bd-qn.lanhdao report overdue --unit BD
# Printing.
t print_no_printer as admin report periodic --period year --year 2025 --print
sh_print() { LP_LOG=$TMP/lp.log PATH=$TMP/bin:$PATH SANGTAO_PASSWORD=$PW "$BIN" --config printer.ini \
             --user admin report overdue --print -o doc.txt && cat lp.log && head -3 lp.log.doc &&
             cmp doc.txt lp.log.doc; }
t print_lp sh_print
# Mistakes.
t usage_no_period as admin report periodic
t usage_both as admin report periodic --period year --from 01/01/2025 --to 31/12/2025
t usage_format as admin report periodic --period year --format pdf
t usage_xlsx_stdout as admin report periodic --period year --format xlsx
t usage_number as admin report periodic --period quarter --year 2026
t bad_quarter as admin report periodic --period quarter --year 2026 --number 5
t bad_date as admin report periodic --from 30/02/2026 --to 31/03/2026
t bad_width as admin report periodic --period year --width 100
t help "$BIN" report --help
t help_periodic "$BIN" report periodic --help
# The same report twice gives the same document.
sh_twice() { as admin report periodic --period year --year 2025 --format json >a.json &&
             as admin report periodic --period year --year 2025 --format json >b.json && cmp a.json b.json; }
ok same_twice sh_twice

echo "# $n tests, $failed failed"
echo "1..$n"
[ $failed -eq 0 ]
