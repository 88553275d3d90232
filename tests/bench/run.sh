#!/bin/sh
# make bench: how fast the program feels at province scale, measured here and
# now.  Builds (or reuses) the province database, times the core calls the
# screens make against the sqlite3 shell's floor, drives the real program on
# a pseudo-terminal, and prints one table.  A measurement, not a test: it
# always exits 0, and lines that miss their target say so.
#
#   tests/bench/run.sh [BUILD]
#   BENCH_SEED (2026), BENCH_SCALE (1), BENCH_RUNS (7, at least 5),
#   BENCH_SESSIONS (5): the terminal sessions driven, BENCH_DB: an existing
#   database to measure instead of the generated one, BENCH_LOAD_SESSIONS
#   (200) and BENCH_LOAD_SECONDS (120): the load run (load.sh; 0: none).
BUILD=${1:-build}
SEED=${BENCH_SEED:-2026}
SCALE=${BENCH_SCALE:-1}
RUNS=${BENCH_RUNS:-7}
SESSIONS=${BENCH_SESSIONS:-5}
DIR=$BUILD/bench
export LC_ALL=C.UTF-8
T0=$(date +%s)

say() { printf '%s\n' "$*" >&2; }

# BENCH_DB: measure an existing province file instead (e.g. to compare two
# builds on the same data); otherwise generate or reuse the cached one.
if [ -n "$BENCH_DB" ]; then
    DB=$BENCH_DB
else
    DB=$("$DIR/gen" --seed "$SEED" --scale "$SCALE" --dir "$DIR") || {
        say "bench: không tạo được cơ sở dữ liệu quy mô tỉnh; không đo."
        exit 0
    }
fi
GEN_LOG=$DB.log
# A copy to work on: saving actions must not change the cached file.
WORK=$DIR/work.db
rm -f "$WORK" "$WORK-wal" "$WORK-shm"
cp "$DB" "$WORK" || exit 0
ROWS=$DIR/rows.tsv
: > "$ROWS"

say "bench: các lệnh của lõi (core) và sàn sqlite3 …"
"$DIR/corebench" "$WORK" "$RUNS" >> "$ROWS" || say "bench: corebench dừng giữa chừng"

# ---- the real program on a pseudo-terminal -------------------------------
# Keys as a person types them (ui/keys.c): with --user the login screen
# starts on the password field, so the password, Enter (home), Enter (the first list of the home
# screen), PgDn, s (sort), / and a word one character at a time (the list
# filters as you type), Enter to leave the search box, Enter on the first
# row (detail), q back, F1 help, q, n new proposal form, Esc, then q until
# the program ends.
steps() {
    printf 'tui-password\t16\tbench-password-1\n'
    printf 'tui-login\t1\t\\r\n'
    printf 'tui-open-list\t1\t\\r\n'
    printf 'tui-next-page\t1\t\\e[6~\n'
    printf 'tui-sort\t1\ts\n'
    printf 'tui-search-open\t1\t/\n'
    for c in s o " " h o a; do printf 'tui-filterchar\t1\t%s\n' "$c"; done
    printf 'tui-search-done\t1\t\\r\n'
    printf 'tui-open-detail\t1\t\\r\n'
    printf 'tui-back\t1\tq\n'
    printf 'tui-help\t1\t?\n'
    printf 'tui-back\t1\tq\n'
    printf 'tui-new-form\t1\tn\n'
    printf 'tui-cancel\t1\t\\e\n'
    printf 'tui-quit\t1\tq\n'
    printf 'tui-quit\t1\tq\n'
    printf 'tui-quit\t1\tq\n'
}
say "bench: chương trình thật trên pty ($SESSIONS phiên) …"
PTY=$DIR/pty.tsv
: > "$PTY"
i=0
while [ "$i" -lt "$SESSIONS" ]; do
    steps | "$DIR/ptydrive" --trace "$DIR/trace.$i" --cols 80 --lines 24 -- \
        "$BUILD/sangtao" --db "$WORK" --user qa.cv >> "$PTY" 2>/dev/null
    i=$((i + 1))
done

# Medians of the sessions, as rows of the table.
awk -F'\t' '
function med(key,   n, i, j, t, a) {
    n = split(vals[key], a, " ")
    for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
    return n % 2 ? a[(n + 1) / 2] : int((a[n / 2] + a[n / 2 + 1]) / 2)
}
function add(key, v) { if (v != "-" && v != "") { vals[key] = vals[key] (vals[key] == "" ? "" : " ") v; seen[key] = 1 } }
$1 == "start" { add("start", $2); add("start-bytes", $3) }
$1 == "step"  { add($2, $3); add($2 "-bytes", $4) }
$1 == "rss"   { add("rss", $2) }
END {
    tf = "tui-filterchar"
    printf "tui: mở chương trình đến màn hình đăng nhập\t%s\t50000\t-\t\n", seen["start"] ? med("start") : "-"
    printf "tui: đăng nhập (Enter) đến màn hình chính\t%s\t50000\t-\tgồm yescrypt\n", seen["tui-login"] ? med("tui-login") : "-"
    printf "tui: mở danh sách\t%s\t10000\t-\t\n", seen["tui-open-list"] ? med("tui-open-list") : "-"
    printf "tui: trang sau (PgDn)\t%s\t10000\t-\t\n", seen["tui-next-page"] ? med("tui-next-page") : "-"
    printf "tui: đổi sắp xếp (s)\t%s\t10000\t-\t\n", seen["tui-sort"] ? med("tui-sort") : "-"
    printf "tui: gõ một chữ vào ô lọc\t%s\t10000\t-\t\n", seen[tf] ? med(tf) : "-"
    printf "tui: mở chi tiết (Enter)\t%s\t10000\t-\t\n", seen["tui-open-detail"] ? med("tui-open-detail") : "-"
    printf "tui: bộ nhớ thường trú tối đa của phiên|kB\t%s\t10240\t-\tđã qua mọi màn hình đo được\n", seen["rss"] ? med("rss") : "-"
    printf "tui: byte ra terminal, màn hình chính|B\t%s\t-\t-\t\n", seen["tui-login-bytes"] ? med("tui-login-bytes") : "-"
    printf "tui: byte ra terminal, lần vẽ danh sách đầu|B\t%s\t-\t-\t\n", seen["tui-open-list-bytes"] ? med("tui-open-list-bytes") : "-"
    printf "tui: byte ra terminal mỗi chữ gõ (ô lọc)|B\t%s\t-\t-\t\n", seen[tf "-bytes"] ? med(tf "-bytes") : "-"
}' "$PTY" >> "$ROWS"

# ---- the offline exchange (tests/bench/sync.sh) -----------------------------
say "bench: trao đổi ngoại tuyến (khởi tạo văn phòng, một ngày làm việc) …"
tests/bench/sync.sh "$BUILD" "$DB" "$SCALE" >> "$ROWS"

# ---- many clerks at once (tests/bench/load.sh) ------------------------------
# BENCH_LOAD_SESSIONS (200), BENCH_LOAD_SECONDS (120); 0 sessions: skipped.
if [ "${BENCH_LOAD_SESSIONS:-200}" -gt 0 ]; then
    BENCH_DB=$DB tests/bench/load.sh "$BUILD" "${BENCH_LOAD_SESSIONS:-200}" \
        "${BENCH_LOAD_SECONDS:-120}" >> "$ROWS"
fi

# ---- the table -------------------------------------------------------------
SIZE=$(du -m "$DB" | cut -f1)
printf '\nsangtao — make bench: %s (hạt giống %s, quy mô %s, %s MB)\n' "$(basename "$DB")" "$SEED" "$SCALE" "$SIZE"
[ -f "$GEN_LOG" ] && sed -n 's/^gen: \(.*proposals,.*\)$/  dữ liệu: \1/p; s/^gen: .*: \([0-9.]* MB in [0-9]* s\)$/  tạo lần đầu: \1/p' "$GEN_LOG"
printf '  trung vị của %s lần đo (lõi) và %s phiên (tui); sàn: trình sqlite3 chạy câu SQL tương đương\n\n' "$RUNS" "$SESSIONS"
awk -F'\t' '
function show(v, unit) {
    if (v == "-" || v == "") return "-"
    if (unit == "kB") return sprintf("%.1f MB", v / 1024)
    if (unit == "B") return sprintf("%d B", v)
    if (unit == "n") return sprintf("%d", v)
    return sprintf("%.2f ms", v / 1000)
}
# Numbers first, the name last: awk pads by bytes, and the names are Vietnamese.
BEGIN { printf "%12s %10s %10s %8s  %-10s  %s\n", "trung vị", "mục tiêu", "sàn", "×sàn", "kết luận", "phép đo"; miss = 0 }
{
    name = $1; unit = "us"
    if (split(name, p, "|") == 2) { name = p[1]; unit = p[2] }
    v = $2; tgt = $3; fl = $4; note = $5
    ratio = (fl != "-" && fl > 0 && v != "-") ? sprintf("%.1f", v / fl) : "-"
    verdict = "-"
    if (name ~ /báo cáo định kỳ/ && v == "-") verdict = "n/a (chưa có)"
    else if (v == "-") verdict = "n/a"
    else if (tgt != "-" && (tgt + 0 > 0 || unit == "n")) { if (v + 0 <= tgt + 0) verdict = "đạt"; else { verdict = "KHÔNG ĐẠT"; miss++ } }
    printf "%12s %10s %10s %8s  %-10s  %s%s\n", show(v, unit), (tgt + 0 > 0 || (unit == "n" && tgt != "-") ? show(tgt, unit) : "-"), show(fl, "us"), ratio, verdict, name, (note != "" ? " (" note ")" : "")
}
END { printf "\n%d phép đo không đạt mục tiêu.\n", miss }' "$ROWS"
printf 'Thời gian chạy bench: %s s\n' $(( $(date +%s) - T0 ))
exit 0
