#!/bin/sh
# Layering rules (DESIGN.md): src/ never includes curses, ui/ never sqlite3.h.
rc=0
if grep -nE '#\s*include\s*[<"](n?curses|ncursesw/|term\.h|panel\.h)' src/*.c src/*/*.c src/*/*.h 2>/dev/null; then
    echo "lint: src/ must not include curses" >&2; rc=1; fi
if grep -nE '#\s*include\s*[<"]sqlite3' ui/*.c ui/*.h 2>/dev/null; then
    echo "lint: ui/ must not include sqlite3.h" >&2; rc=1; fi
if grep -nE '\bsqlite3_|\bSELECT\b|\bINSERT\b|\bUPDATE\b' ui/*.c 2>/dev/null; then
    echo "lint: ui/ must not use SQL" >&2; rc=1; fi
if command -v cppcheck >/dev/null 2>&1; then
    cppcheck --quiet --error-exitcode=1 --enable=warning,portability \
        --std=c11 --inline-suppr --suppress=missingIncludeSystem \
        -I src src ui || rc=1
fi
# Folder directions and no circles between files (needs the build's objects).
tools/layers.sh "${BUILD:-build}" || rc=1
[ $rc = 0 ] && echo "lint: ok"
exit $rc
