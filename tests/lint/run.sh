#!/bin/sh
# tools/layers.sh must fail on a wrong arrow and on a circle, and pass on
# the tree as it is.  It runs on a copy of the sources in a temporary folder.
#   tests/lint/run.sh BUILD_DIR
BUILD=${1:-build}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; sed 's/^/#   /' "$T/out" | head -10; }

if "$ROOT/tools/layers.sh" "$ROOT/$BUILD" >"$T/out" 2>&1 && grep -q "layers: ok" "$T/out"; then
    ok "the tree keeps the directions and has no circles"
else notok "the tree keeps the directions and has no circles"; fi

mkdir -p "$T/tree/tools" && cp -r "$ROOT/src" "$ROOT/ui" "$T/tree/" && cp "$ROOT/tools/layers.sh" "$T/tree/tools/"
printf '#include "flow/units.h"\n' >>"$T/tree/src/text/vnsort.c"
if ! "$T/tree/tools/layers.sh" nobuild >"$T/out" 2>&1 &&
   grep -q 'src/text/vnsort.c includes "flow/units.h": text may not depend on flow' "$T/out"; then
    ok "an include the wrong way is refused: $(grep vnsort "$T/out" | head -1)"
else notok "an include the wrong way is refused"; fi

# Two headers that include each other's modules: people.c uses units.h, so
# units.h including people.h makes a circle.
sed -i 's|^#include "base/kv.h"$|#include "base/kv.h"\n#include "people.h"|' "$T/tree/src/flow/units.h"
sed -i 's|^#include "flow/units.h"$||' "$T/tree/src/text/vnsort.c" 2>/dev/null
if ! "$T/tree/tools/layers.sh" nobuild >"$T/out" 2>&1 && grep -q "people <-> units" "$T/out"; then
    ok "modules whose headers include each other in a circle are refused"
else notok "modules whose headers include each other in a circle are refused"; fi

# Two files that call each other, as objects.
rm -rf "$T/tree/src" "$T/tree/ui" && mkdir -p "$T/tree/src/flow" "$T/tree/b/src/flow"
printf 'int b(int);\nint a(int x) { return x ? b(x - 1) : 0; }\n' >"$T/tree/src/flow/a.c"
printf 'int a(int);\nint b(int x) { return x ? a(x - 1) : 1; }\n' >"$T/tree/src/flow/b.c"
printf 'int c(int x) { return x; }\n' >"$T/tree/src/flow/c.c"
for f in a b c; do cc -c -o "$T/tree/b/src/flow/$f.o" "$T/tree/src/flow/$f.c"; done
if ! "$T/tree/tools/layers.sh" b >"$T/out" 2>&1 && grep -q "src/flow/a.c <-> src/flow/b.c" "$T/out" &&
   ! grep -q "c.c" "$T/out"; then
    ok "two files that call each other are refused"
else notok "two files that call each other are refused"; fi

# The workflow's messages have their English (tools/msgcheck.pl): the tree
# as it is passes; a new refusal without a pattern and a translation fails.
if perl "$ROOT/tools/msgcheck.pl" "$ROOT" >"$T/out" 2>&1 && grep -q "missing: 0$" "$T/out"; then
    ok "every message of the core a screen shows reads in English: $(tail -1 "$T/out")"
else notok "every message of the core a screen shows reads in English"; fi
rm -rf "$T/tree" && mkdir -p "$T/tree/src/flow" "$T/tree/ui" "$T/tree/po"
cp "$ROOT"/src/flow/workflow*.c "$T/tree/src/flow/" && cp "$ROOT/ui/msgtext.c" "$T/tree/ui/" &&
    cp "$ROOT/po/en.po" "$T/tree/po/"
printf 'int x(st_err *e) { return err_set(e, ST_EINVAL, "Chưa có chữ ký của %%s"); }\n' \
    >>"$T/tree/src/flow/workflow_rules.c"
if ! perl "$ROOT/tools/msgcheck.pl" "$T/tree" >"$T/out" 2>&1 &&
   grep -q "missing in ui/msgtext.c: Chưa có chữ ký của %s" "$T/out"; then
    ok "a refusal with no English is found"
else notok "a refusal with no English is found"; fi
echo "1..$n"
