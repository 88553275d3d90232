#!/bin/sh
# The house rules of docs/ARCHITECTURE.md, checked two ways:
#  1. includes: a file may include headers only of the folders its own folder
#     may depend on (the table below);
#  2. calls: from the symbols each object file uses and defines (nm), the
#     same directions, and no circle between files (a.c uses b.c and b.c,
#     directly or through others, uses a.c).
# Usage: tools/layers.sh [BUILD]   (the objects of BUILD; skipped if absent)
BUILD=${1:-build}
cd "$(dirname "$0")/.." || exit 2

# folder: the folders it may use (besides itself).  "main" is src/main.c.
allowed() {
    case $1 in
    base)   echo "" ;;
    text)   echo "base" ;;
    store)  echo "text base" ;;
    flow)   echo "store text base" ;;
    report) echo "flow store text base" ;;
    demo)   echo "flow store text base" ;;
    sync)   echo "flow store text base" ;;
    cli)    echo "sync report demo flow store text base" ;;
    ui)     echo "sync report flow store text base" ;;
    main)   echo "cli ui base" ;;
    *)      echo "?" ;;
    esac
}
folder_of() { # path → folder name
    case $1 in
    src/main.c|src/main.o) echo main ;;
    src/*/*) _p=${1#src/}; echo "${_p%%/*}" ;;
    ui/*) echo ui ;;
    *) echo "?" ;;
    esac
}
may_use() { # from to
    [ "$1" = "$2" ] && return 0
    for _ok in $(allowed "$1"); do [ "$_ok" = "$2" ] && return 0; done
    return 1
}

rc=0
# 1. includes
for f in src/main.c src/*/*.[ch] ui/*.[ch]; do
    [ -f "$f" ] || continue
    from=$(folder_of "$f")
    if [ "$(allowed "$from")" = "?" ]; then
        echo "layers: $f: folder '$from' is not in tools/layers.sh's table" >&2; rc=1; continue
    fi
    for inc in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f"); do
        case $inc in
        ../ui/*) to=ui ;;
        */*) to=${inc%%/*} ;;
        *) continue ;;      # same folder
        esac
        if ! may_use "$from" "$to"; then
            echo "layers: $f includes \"$inc\": $from may not depend on $to" >&2; rc=1
        fi
    done
done

# 1b. circles between modules through their headers: a module is a file's
# name without its folder and suffix (x.c, x.h and x_internal.h are one).
closure_pairs() { # edges "a b" on stdin → "  a <-> b" for every circle pair
    awk '{ r[$1, $2] = 1; n[$1] = 1; n[$2] = 1 }
        END {
            for (k in n) for (i in n) if ((i, k) in r) for (j in n) if ((k, j) in r) r[i, j] = 1
            for (i in n) for (j in n) if (i < j && ((i, j) in r) && ((j, i) in r)) print "  " i " <-> " j
        }' | sort
}
incl=$(for f in src/main.c src/*/*.[ch] ui/*.[ch]; do
    [ -f "$f" ] || continue
    sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f" |
        awk -v f="$f" '{ a = f; sub(/.*\//, "", a); sub(/\.[ch]$/, "", a); sub(/_internal$/, "", a)
                         b = $0; sub(/.*\//, "", b); sub(/\.h$/, "", b); sub(/_internal$/, "", b)
                         if (a != b) print a, b }'
done | sort -u | closure_pairs)
if [ -n "$incl" ]; then
    echo "layers: modules whose headers include each other (directly or in a circle):" >&2
    echo "$incl" >&2; rc=1
fi

# 2. calls, from the object files
if [ -d "$BUILD/src" ] && command -v nm >/dev/null 2>&1; then
    edges=$(mktemp); trap 'rm -f "$edges"' EXIT
    for o in "$BUILD"/src/main.o "$BUILD"/src/*/*.o "$BUILD"/ui/*.o; do
        [ -f "$o" ] || continue
        rel=${o#"$BUILD"/}
        nm "$o" | awk -v f="${rel%.o}.c" '$2 ~ /^[TDBR]$/ { print "D", f, $3 } $1 == "U" { print "U", f, $2 }'
    done | awk '
        $1 == "D" { def[$3] = $2; next }
        { use[NR] = $2 " " $3 }
        END { for (i in use) { split(use[i], p, " "); if ((p[2] in def) && def[p[2]] != p[1]) print p[1], def[p[2]], p[2] } }
    ' | sort -u >"$edges"
    # directions: one check per pair of folders that call each other
    for pair in $(awk '{ split($1, a, "/"); split($2, b, "/");
                         fa = (a[1] == "ui") ? "ui" : (a[2] == "main.c" ? "main" : a[2]);
                         fb = (b[1] == "ui") ? "ui" : (b[2] == "main.c" ? "main" : b[2]);
                         if (fa != fb) print fa ":" fb }' "$edges" | sort -u); do
        if ! may_use "${pair%%:*}" "${pair#*:}"; then
            rc=1
            awk -v p="$pair" '{ split($1, a, "/"); split($2, b, "/");
                   fa = (a[1] == "ui") ? "ui" : (a[2] == "main.c" ? "main" : a[2]);
                   fb = (b[1] == "ui") ? "ui" : (b[2] == "main.c" ? "main" : b[2]);
                   if (fa ":" fb == p) print "layers: " $1 " calls " $3 " of " $2 ": " fa " may not depend on " fb }' "$edges" >&2
        fi
    done
    # circles: transitive closure over files (a few hundred, so plain loops)
    cycles=$(awk '
        { if (!(($1 SUBSEP $2) in r)) { r[$1, $2] = 1; via[$1, $2] = $3 } n[$1] = 1; n[$2] = 1 }
        END {
            for (k in n) for (i in n) if ((i, k) in r) for (j in n) if ((k, j) in r) r[i, j] = 1
            for (i in n) for (j in n) if (i < j && ((i, j) in r) && ((j, i) in r)) print "  " i " <-> " j
        }' "$edges" | sort)
    if [ -n "$cycles" ]; then
        echo "layers: files that depend on each other (directly or in a circle):" >&2
        echo "$cycles" >&2; rc=1
    fi
else
    echo "layers: no objects in $BUILD: call directions and circles not checked" >&2
fi
[ $rc = 0 ] && echo "layers: ok"
exit $rc
