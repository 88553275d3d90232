#!/bin/sh
# The load run of make bench: SESSIONS clerks at once (default 200), each
# the real program on its own pseudo-terminal and its own account, typing a
# clerk's day (tests/bench/loaddrive.c) for SECONDS (default 120) on a copy
# of the province database.  Prints rows for run.sh's table on stdout (NAME,
# VALUE, TARGET, FLOOR, NOTE) and a summary on stderr.  A measurement, not a
# test: it always exits 0.
#
#   tests/bench/load.sh [BUILD] [SESSIONS] [SECONDS]
#   BENCH_DB: the province file (default: the one gen made for this build).
BUILD=${1:-build}
N=${2:-${BENCH_LOAD_SESSIONS:-200}}
SECS=${3:-${BENCH_LOAD_SECONDS:-120}}
DIR=$BUILD/bench/load
export LC_ALL=C.UTF-8

say() { printf '%s\n' "$*" >&2; }

DB=${BENCH_DB:-$("$BUILD/bench/gen" --print-path --dir "$BUILD/bench")}
if [ ! -f "$DB" ]; then
    say "load: không có cơ sở dữ liệu quy mô tỉnh ($DB); chạy make bench trước."
    exit 0
fi
mkdir -p "$DIR"
rm -f "$DIR"/trace.* "$DIR/load.db" "$DIR/load.db-wal" "$DIR/load.db-shm"
WORK=$DIR/load.db
cp "$DB" "$WORK" || exit 0

# One account per session: the clerks the generator made through the core
# (user_add, one per unit, password bench-password-1), the widest scopes
# first — the province, its departments and districts, then communes.
sqlite3 "$WORK" "SELECT username FROM users WHERE username LIKE '%.cv'
                 ORDER BY length(username), username LIMIT $N" > "$DIR/users"
HAVE=$(wc -l < "$DIR/users")
if [ "$HAVE" -lt "$N" ]; then
    say "load: chỉ có $HAVE tài khoản chuyên viên cho $N phiên; đo với $HAVE."
    N=$HAVE
fi
notes() { sqlite3 "$WORK" "PRAGMA busy_timeout=10000; SELECT count(*) FROM events WHERE action = 'note'" | tail -1; }
BEFORE=$(notes)
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
say "load: $N phiên cùng lúc trong $SECS s (tải máy trước khi chạy: $LOAD0) …"
# The open files: a pseudo-terminal and a trace per session.
ulimit -n 4096 2>/dev/null
"$BUILD/bench/loaddrive" --dir "$DIR" --seconds "$SECS" -- "$BUILD/sangtao" --db "$WORK" \
    < "$DIR/users" > "$DIR/load.tsv" 2> "$DIR/loaddrive.err"
LOAD1=$(cut -d' ' -f1-3 /proc/loadavg)
AFTER=$(notes)
SAVED=$((AFTER - BEFORE))

awk -F'\t' -v n="$N" -v secs="$SECS" -v saved="$SAVED" -v l0="$LOAD0" -v l1="$LOAD1" '
{ v[$1] = $2; p50[$1] = $3; p99[$1] = $4; mx[$1] = $5 }
function row(name, val, tgt, note) { printf "%s\t%s\t%s\t-\t%s\n", name, val == "" ? "-" : val, tgt, note }
END {
    err = v["timeouts"] + v["crashed"] + (v["saves_tried"] > saved ? v["saves_tried"] - saved : 0)
    pre = sprintf("tải %d phiên × %d s: ", n, secs)
    row(pre "số phím đã xử lý|n", v["keys"], "-", sprintf("%d vòng, %d lần lạc kịch bản; tải máy %s → %s", v["rounds"], v["offscript"], l0, l1))
    row(pre "phím → màn hình, trung vị", p50["keys"], "-", "")
    row(pre "phím → màn hình, p99", p99["keys"], 20000, "")
    row(pre "phím → màn hình, lâu nhất", mx["keys"], 200000, "")
    row(pre "về màn hình chính, p99", p99["home"], 20000, sprintf("%d lần, trung vị %.1f ms", v["home"], p50["home"] / 1000))
    row(pre "lưu ghi chú (^S), p99", p99["save"], 20000, sprintf("%d lần, trung vị %.1f ms", v["save"], p50["save"] / 1000))
    row(pre "đăng nhập (Enter), p99", p99["login"], 50000, sprintf("gồm yescrypt; trung vị %.1f ms", p50["login"] / 1000))
    row(pre "số lần lưu|n", saved, "-", sprintf("đếm trong cơ sở dữ liệu; %d lần ^S", v["saves_tried"]))
    row(pre "số lần chờ khóa (busy)|n", v["waits"], "-", "")
    row(pre "chờ khóa, p99", v["waits"] ? p99["waits"] : "", "-", v["waits"] ? sprintf("lâu nhất %.1f ms", mx["waits"] / 1000) : "")
    row(pre "lỗi|n", err, 0, sprintf("%d phím chờ quá 20 s, %d phiên dừng bất thường, %d lần lưu thiếu", v["timeouts"], v["crashed"], v["saves_tried"] > saved ? v["saves_tried"] - saved : 0))
    row(pre "bộ nhớ thường trú của mọi phiên|kB", v["rss_kb"], 2097152, sprintf("tổng RSS lúc cao nhất; PSS %.0f MB", v["pss_kb"] / 1024))
}' "$DIR/load.tsv"
say "load: xong ($SAVED lần lưu; tải máy sau: $LOAD1)."
exit 0
