#!/bin/sh
# The exchange's lines of make bench (sourced by nothing; run.sh calls it):
# on a copy of the province file made a hub, an office whose subtree holds
# the number of proposals closest to 5 000 × BENCH_SCALE is added and
# seeded (the seed written, then init --seed), then a day of its work (500
# proposals touched, or all of a smaller office's, 5 000 changes: syncday)
# is exported to the hub and
# imported there, and the hub's reply is exported and imported back.
# Times in µs and sizes in bytes, as rows of run.sh's table.
#
#   tests/bench/sync.sh BUILD PROVINCE.db [SCALE]
BUILD=$1; DB=$2; SCALE=${3:-1}
BIN=$BUILD/sangtao
W=$BUILD/bench/sync
PW=bench-password-1
rm -rf "$W"; mkdir -p "$W" || exit 0
cp "$DB" "$W/hub.db" || exit 0
now_us() { date +%s%6N; }
size() { stat -c %s "$1" 2>/dev/null || echo -; }
row() { printf '%s\t%s\t-\t-\t%s\n' "$1" "$2" "$3"; }
printf '[database]\npath = %s/hub.db\n[site]\ncode = QA\n' "$W" >"$W/hub.ini"
hub() { SANGTAO_PASSWORD=$PW "$BIN" --config "$W/hub.ini" --user admin "$@"; }
TARGET=$(awk -v s="$SCALE" 'BEGIN { printf "%d", 5000 * s }')
# The district or department whose subtree is nearest the target.
UNIT=$(sqlite3 "$W/hub.db" "
    WITH c AS (SELECT u.code, (SELECT count(*) FROM proposals p JOIN units e ON e.id = p.employing_unit_id
                               WHERE substr(e.path, 1, length(u.path)) = u.path) AS n
               FROM units u WHERE u.parent_id = (SELECT id FROM units WHERE parent_id IS NULL))
    SELECT code || ' ' || n FROM c ORDER BY abs(n - $TARGET) LIMIT 1;")
set -- $UNIT; UNIT=$1; NPROP=$2
[ -n "$UNIT" ] || { echo "bench sync: không chọn được đơn vị" >&2; exit 0; }
hub site add OF --unit "$UNIT" >"$W/add.out" 2>&1 || { cat "$W/add.out" >&2; exit 0; }
NO=$(sed -n 's/.*trạm số \([0-9]*\).*/\1/p' "$W/add.out")
t0=$(now_us); hub site seed OF -o "$W/of.seed" >"$W/seed.out" 2>&1 || { cat "$W/seed.out" >&2; exit 0; }; t1=$(now_us)
row "sync: ghi tệp khởi tạo văn phòng ($NPROP đề xuất, $UNIT)" $((t1 - t0)) "site seed"
row "sync: cỡ tệp khởi tạo|B" "$(size "$W/of.seed")" ""
CODE=$(sed -n 's/^Mã dùng một lần: //p' "$W/seed.out")
printf '[database]\npath = %s/of.db\n[site]\ncode = OF\nnumber = %s\n' "$W" "$NO" >"$W/of.ini"
t0=$(now_us)
printf '%s\n' "$PW" | SANGTAO_SEED_CODE=$CODE "$BIN" --config "$W/of.ini" init --seed "$W/of.seed" >/dev/null 2>&1 \
    || { echo "bench sync: init --seed thất bại" >&2; exit 0; }
t1=$(now_us)
row "sync: init --seed ở văn phòng" $((t1 - t0)) "gồm yescrypt"
off() { SANGTAO_PASSWORD=$PW "$BIN" --config "$W/of.ini" --user admin.of "$@"; }
"$BUILD/bench/syncday" "$W/of.db" OF "$NO" admin.of 500 5000 >"$W/day.out" 2>&1 || { cat "$W/day.out" >&2; exit 0; }
NCH=$(sed -n 's/^changes //p' "$W/day.out"); NP=$(sed -n 's/^proposals //p' "$W/day.out")
t0=$(now_us); off sync export -o "$W/day.sangtao" >/dev/null 2>&1; t1=$(now_us)
row "sync: xuất một ngày của văn phòng ($NP đề xuất, $NCH thay đổi)" $((t1 - t0)) "sync export"
row "sync: cỡ tệp một ngày của văn phòng|B" "$(size "$W/day.sangtao")" ""
t0=$(now_us); hub sync import "$W/day.sangtao" >"$W/imp.out" 2>&1; t1=$(now_us)
row "sync: nhận tệp đó ở tỉnh" $((t1 - t0)) "$(sed -n 's/.*: \([0-9]*\) thay đổi mới.*/\1 thay đổi mới/p' "$W/imp.out")"
t0=$(now_us); hub sync export --to OF -o "$W/reply.sangtao" >/dev/null 2>&1; t1=$(now_us)
row "sync: tỉnh xuất trả lời (gồm dấu kiểm)" $((t1 - t0)) ""
row "sync: cỡ tệp trả lời|B" "$(size "$W/reply.sangtao")" ""
t0=$(now_us); off sync import "$W/reply.sangtao" >/dev/null 2>&1; t1=$(now_us)
row "sync: văn phòng nhận trả lời" $((t1 - t0)) ""
t0=$(now_us); off sync verify >"$W/verify.out" 2>&1; r=$?; t1=$(now_us)
row "sync: sync verify ở văn phòng" $((t1 - t0)) "$( [ $r = 0 ] && echo khớp || echo KHÁC)"
exit 0
