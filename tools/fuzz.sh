#!/bin/sh
# make fuzz: run each libFuzzer harness for a while (FUZZ_TIME seconds,
# default 30) from a seed corpus; a crash or a sanitizer report fails it and
# leaves the input in BUILD/fuzz-NAME/crash-*.
#   tools/fuzz.sh BUILD_DIR [SECONDS]
BUILD=${1:-build-fuzz}
SECS=${2:-30}
export LC_ALL=C.UTF-8
pass=0; fail=0
for name in config csv text bundle; do
    bin=$BUILD/fuzz_$name
    corpus=$BUILD/fuzz-$name/corpus
    mkdir -p "$corpus"
    case $name in
        config) cp config.ini "$corpus/seed-config.ini" ;;
        csv) cp data/units_demo.csv data/holidays.csv "$corpus/" ;;
        text) printf 'Ho\314\200a ba\314\211o \304\220\303\240 N\341\272\265ng' >"$corpus/seed-nfd" ;;
        bundle) printf 'SANGTAO\032\001\000\001\000' >"$corpus/seed-header" ;;
    esac
    if (cd "$BUILD/fuzz-$name" && "../fuzz_$name" -max_total_time="$SECS" -max_len=8192 \
            -print_final_stats=1 corpus >log.txt 2>&1); then
        pass=$((pass + 1))
        echo "ok   fuzz_$name: $(grep -o 'stat::number_of_executed_units: *[0-9]*' "$BUILD/fuzz-$name/log.txt" | grep -o '[0-9]*$') runs in ${SECS} s"
    else
        fail=$((fail + 1))
        echo "FAIL fuzz_$name:"; grep -E 'ERROR|SUMMARY|crash-|==[0-9]+==' "$BUILD/fuzz-$name/log.txt" | head -20
    fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
