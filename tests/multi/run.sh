#!/bin/sh
# Many clerks, one database: real processes, real kills, real faults.
#   tests/multi/run.sh BUILD_DIR
# Prints TAP lines "ok N - name" / "not ok N - name" and "# " figures:
#   stress      20 processes × 200 random edits and workflow actions
#   faults      a writer killed with SIGKILL 50 times, then the checks
#   messages    disk full, read-only, locked, corrupt, not ours, newer version
#   backups     backup, restore (checks, keeps the old aside, refuses in use),
#               maintain
#   audit       who changed which field from what to what, per proposal/user
#   accounts    first-login password change, lockout and admin unlock
#   scope       every command as a user of another district gets nothing
#   install     make install's tree (DESTDIR) and the setgid rules (as root)
BUILD=${1:-build}
BUILD=$(cd "$BUILD" 2>/dev/null && pwd)
BIN=${SANGTAO_BIN:-$BUILD/sangtao}
DRV=$BUILD/tests/multi-driver
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
if [ ! -x "$BIN" ] || [ ! -x "$DRV" ]; then
    echo "not ok 1 - $BIN or $DRV is missing (make all tests-build)"
    exit 1
fi
TMP=$(mktemp -d) || exit 1
MNT=
cleanup() {
    [ -n "$MNT" ] && umount "$MNT" 2>/dev/null
    chattr -i "$TMP"/* 2>/dev/null
    rm -rf "$TMP"
}
trap cleanup EXIT
cd "$TMP" || exit 1
export LC_ALL=C.UTF-8 TZ=ICT-7 SANGTAO_TODAY=2026-03-02
unset SANGTAO_CONFIG SANGTAO_USER SANGTAO_PASSWORD SANGTAO_NEW_PASSWORD SANGTAO_NOW
PW='Matkhau#2026'

n=0; failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
# expect NAME CODE TEXT COMMAND…: exit code CODE and TEXT in the output.
expect() {
    name=$1 code=$2 text=$3; shift 3
    "$@" >out.txt 2>&1 </dev/null
    got=$?
    if [ "$got" = "$code" ] && grep -qF -- "$text" out.txt; then ok "$name"
    else
        notok "$name"
        echo "#   want exit $code and: $text"
        echo "#   got exit $got:"; sed 's/^/#     /' out.txt | head -12
    fi
}
# nothing NAME SECRET COMMAND…: the command shows nothing of SECRET.
nothing() {
    name=$1 secret=$2; shift 2
    "$@" >out.txt 2>&1 </dev/null
    if grep -qF -- "$secret" out.txt; then
        notok "$name"; echo "#   leaked \"$secret\":"; sed 's/^/#     /' out.txt | head -8
    else ok "$name"; fi
}
as() { u=$1; shift; SANGTAO_PASSWORD=$PW "$BIN" --user "$u" "$@"; }
rand() { od -An -N2 -tu2 /dev/urandom | tr -d ' '; }
count() { sqlite3 "$1" "SELECT count(*) FROM proposals"; }

# ---- stress ----------------------------------------------------------------------

"$DRV" setup stress.db 8 || notok "stress setup"
"$DRV" stress stress.db 20 200 >stress.txt 2>stress.err
if grep -q '^ok ' stress.txt; then ok "stress: 20 processes × 200 operations, nothing lost"
else notok "stress: 20 processes × 200 operations"; sed 's/^/#   /' stress.err | head -20; fi
grep '^#' stress.txt

# ---- kill -9 ---------------------------------------------------------------------------

"$DRV" setup kill.db 1 || notok "faults setup"
: >acks.txt
i=0
while [ $i -lt 50 ]; do
    i=$((i + 1))
    "$DRV" writer kill.db >>acks.txt 2>/dev/null &
    pid=$!
    # a random moment: 5–85 ms into the writer's life (open, login, commits)
    sleep "0.0$(( $(rand) % 80 + 5 ))" 2>/dev/null || sleep 0.05
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
done
if "$DRV" verify-acks kill.db acks.txt >kill.txt 2>&1; then ok "faults: 50 × SIGKILL, every acknowledged commit present, integrity_check ok"
else notok "faults: 50 × SIGKILL"; sed 's/^/#   /' kill.txt | head; fi
grep '^#' kill.txt
expect "faults: sangtao check after the kills" 0 "integrity_check: ok" \
    env SANGTAO_PASSWORD=$PW "$BIN" --db kill.db --user admin check

# ---- fault messages -----------------------------------------------------------------------

"$DRV" setup base.db 3 || notok "messages setup"
# disk full, simulated inside SQLite (max_page_count), on any machine
cp base.db full.db
expect "disk full (max_page_count): clear message, nothing lost" 0 "ổ đĩa đã đầy" "$DRV" diskfull full.db
# a real full disk: a tiny tmpfs, when we may mount one
mkdir mnt
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=2500k tmpfs mnt 2>/dev/null; then
    MNT=$TMP/mnt
    "$DRV" setup mnt/t.db 1 >/dev/null 2>&1
    { printf 'title=Lớn\nemploying_unit=BD-QN-VP\ncontent='; head -c 150000 /dev/zero | tr '\0' x; echo; } >big.txt
    made=0 full=0
    while [ $made -lt 40 ]; do
        if SANGTAO_PASSWORD=$PW "$BIN" --db mnt/t.db --user clerk proposal new --from big.txt >new.txt 2>&1; then
            made=$((made + 1))
        else full=1; break; fi
    done
    umount_ok=1
    if [ $full = 1 ] && grep -qF "ổ đĩa đã đầy" new.txt && [ "$(count mnt/t.db)" = $((made + 1)) ] \
       && [ "$(sqlite3 mnt/t.db 'PRAGMA integrity_check')" = ok ]; then
        ok "disk full (tmpfs): \"$(sed 's/^sangtao: //' new.txt | cut -c1-60)…\", $made saved proposals intact"
    else
        notok "disk full (tmpfs)"; echo "#   full=$full made=$made rows=$(count mnt/t.db)"; sed 's/^/#   /' new.txt
    fi
    umount "$MNT" && MNT= || umount_ok=0
    [ $umount_ok = 1 ] || echo "# could not unmount $TMP/mnt"
else
    skip "disk full (tmpfs)" "needs root and mount"
fi

# read-only: a file the user may not write (as root: run as nobody)
mkdir ro && cp base.db ro/t.db && chmod 0444 ro/t.db && chmod 0755 ro . 2>/dev/null
asuser() { if [ "$(id -u)" = 0 ]; then setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; else "$@"; fi; }
chmod 0711 "$TMP"
if [ "$(id -u)" != 0 ] || command -v setpriv >/dev/null; then
    expect "read-only database: clear message" 1 "chỉ đọc" \
        asuser env SANGTAO_PASSWORD=$PW "$BIN" --db "$TMP/ro/t.db" --user clerk proposal list
    [ "$(count ro/t.db)" = 3 ] && ok "read-only database: data kept" || notok "read-only database: data kept"
else
    skip "read-only database" "needs setpriv as root"; skip "read-only database: data kept" "-"
fi

# locked: another process holds the write lock longer than busy_timeout
cp base.db lk.db
printf '[database]\npath = lk.db\nbusy_timeout_ms = 300\n' >lk.ini
"$DRV" hold lk.db 3 >hold.txt &
lockpid=$!
k=0; while [ $k -lt 50 ] && ! grep -q holding hold.txt; do sleep 0.1; k=$((k + 1)); done
expect "locked database: clear message after busy_timeout" 1 "đang bận" \
    env SANGTAO_PASSWORD=$PW "$BIN" --config lk.ini --user clerk proposal new --set title=X --set employing_unit=BD-QN-VP
wait $lockpid
[ "$(count lk.db)" = 3 ] && ok "locked database: data kept" || notok "locked database: data kept"

# corrupt: pages overwritten in the middle of the file
cp base.db bad.db
size=$(stat -c %s bad.db)
dd if=/dev/urandom of=bad.db bs=4096 seek=2 count=$(( size / 4096 - 3 )) conv=notrunc 2>/dev/null
expect "corrupt database: clear message" 1 "bị hỏng" \
    env SANGTAO_PASSWORD=$PW "$BIN" --db bad.db --user admin check
head -c 50000 /dev/urandom >junk.db
expect "not a database: clear message" 1 "không phải của sangtao" \
    env SANGTAO_PASSWORD=$PW "$BIN" --db junk.db --user admin check
sqlite3 other.db "CREATE TABLE t(x); INSERT INTO t VALUES(1);"
expect "another program's database: refused" 1 "không phải cơ sở dữ liệu của sangtao" \
    env SANGTAO_PASSWORD=$PW "$BIN" --db other.db --user admin check
cp base.db newer.db && sqlite3 newer.db "PRAGMA user_version = 99"
expect "newer database: clear message" 1 "mới hơn chương trình" \
    env SANGTAO_PASSWORD=$PW "$BIN" --db newer.db --user admin check
[ "$(count newer.db)" = 3 ] && ok "newer database: left untouched" || notok "newer database: left untouched"

# ---- backups: backup, restore, maintain ------------------------------------------------------

cp base.db live.db
A() { SANGTAO_PASSWORD=$PW "$BIN" --db live.db --user admin "$@"; }
expect "backup" 0 "Đã sao lưu" A backup b1.db
SANGTAO_PASSWORD=$PW "$BIN" --db live.db --user clerk proposal new --set title=Sau --set employing_unit=BD-QN-VP >/dev/null
expect "restore: puts the backup back" 0 "Đã khôi phục" A restore b1.db
[ "$(count live.db)" = 3 ] && ok "restore: content is the backup's" || notok "restore: content is the backup's"
aside=$(ls live.db.before-restore-* 2>/dev/null | head -n 1)
[ -n "$aside" ] && [ "$(count "$aside")" = 4 ] && ok "restore: old database kept aside ($(basename "$aside"))" \
    || notok "restore: old database kept aside"
expect "restore: refuses a file that is not a database" 1 "không phải" A restore junk.db
expect "restore: refuses another program's database" 1 "không phải bản sao lưu" A restore other.db
expect "restore: refuses a newer version" 1 "mới hơn chương trình" A restore newer.db
expect "restore: refuses a damaged backup" 1 "" A restore bad.db
expect "restore: clerks may not" 1 "Chỉ quản trị viên" \
    env SANGTAO_PASSWORD=$PW "$BIN" --db live.db --user clerk restore b1.db
( echo "SELECT count(*) FROM users;"; sleep 3 ) | sqlite3 live.db >/dev/null &
holder=$!
sleep 0.5
expect "restore: refused while someone has the database open" 1 "đang có người khác mở" A restore b1.db
wait $holder
if [ "$(id -u)" = 0 ]; then
    cp bad.db broken.db
    expect "restore: root brings back a database too damaged to log in" 0 "Đã khôi phục" \
        "$BIN" --db broken.db restore b1.db
    [ "$(count broken.db)" = 3 ] && ok "restore: damaged file replaced, kept aside" || notok "restore: damaged file replaced"
else
    skip "restore: root and a damaged database" "not root"; skip "restore: damaged file replaced" "-"
fi
expect "maintain: checkpoint, quick_check, optimize" 0 "quick_check: ok" A maintain
expect "maintain: clerks may not" 1 "Chỉ quản trị viên" \
    env SANGTAO_PASSWORD=$PW "$BIN" --db live.db --user clerk maintain

# ---- audit -------------------------------------------------------------------------------------

C() { SANGTAO_PASSWORD=$PW "$BIN" --db live.db --user clerk "$@"; }
C proposal edit BD-2026-0001 --set "risks=Rủi ro mới" >/dev/null
A user roles head --roles head,reviewer >/dev/null
printf 'code,name,parent_code,level\nBD-QN-VP,Văn phòng Thành ủy (mới),BD-QN,phong\n' >u.csv
A unit import u.csv >/dev/null
expect "audit: an edit, field by field, from what to what" 0 "risks,,Rủi ro mới" \
    C audit --proposal BD-2026-0001 --format csv
expect "audit: a role change" 0 "roles,head,\"reviewer,head\"" A audit --user head --format csv
expect "audit: a unit renamed" 0 "BD-QN-VP,name,Văn phòng Thành ủy Quy Nhơn,Văn phòng Thành ủy (mới)" \
    A audit --format csv
expect "audit: logins are there" 0 '"action": "login"' A audit --user clerk --format json
expect "audit: one's own trail" 0 "dòng nhật ký" C audit --user clerk
expect "audit: the whole trail is for administrators" 1 "Chỉ quản trị viên" C audit
expect "audit: someone else's trail is for administrators" 1 "Chỉ quản trị viên" C audit --user head
expect "audit: dates" 0 "0 dòng nhật ký" A audit --from 01/01/2020 --to 31/12/2020
expect "audit: a bad date" 1 "ngày không hợp lệ" A audit --from 31/02/2026
expect "audit: events cannot be changed" 19 "append-only" sqlite3 live.db "UPDATE events SET comment = 'x'"

# ---- accounts ------------------------------------------------------------------------------------

SANGTAO_NEW_PASSWORD='Tamthoi#01' A user add moi --name "Người Mới" --roles clerk --scope BD-QN --os-login "$(id -un)" >/dev/null
expect "accounts: a new account must change its password (--user)" 1 "phải đổi mật khẩu" \
    env SANGTAO_PASSWORD='Tamthoi#01' "$BIN" --db live.db --user moi proposal list
expect "accounts: … and through its OS login too" 1 "phải đổi mật khẩu" "$BIN" --db live.db proposal list
expect "accounts: minimum length" 1 "ít nhất 8 ký tự" \
    env SANGTAO_PASSWORD='Tamthoi#01' SANGTAO_NEW_PASSWORD=ngan "$BIN" --db live.db --user moi user passwd
expect "accounts: the change itself is allowed" 0 "Đã đổi mật khẩu" \
    env SANGTAO_PASSWORD='Tamthoi#01' SANGTAO_NEW_PASSWORD='Riengtu#99' "$BIN" --db live.db --user moi user passwd
k=0
while [ $k -lt 5 ]; do SANGTAO_PASSWORD=sai "$BIN" --db live.db --user moi proposal list >/dev/null 2>&1; k=$((k + 1)); done
expect "accounts: locked after 5 failures" 1 "bị khóa đến" \
    env SANGTAO_PASSWORD='Riengtu#99' "$BIN" --db live.db --user moi proposal list
expect "accounts: lockout is an event" 0 "lockout" A audit --user moi --format csv
expect "accounts: an administrator unlocks" 0 "Đã mở khóa" A user unlock moi
expect "accounts: … and the user is back" 0 "đề xuất" \
    env SANGTAO_PASSWORD='Riengtu#99' "$BIN" --db live.db --user moi proposal list

# ---- scope: a user of another district gets nothing ------------------------------------------------

"$HERE/scope.sh" "$BIN" "$PW" "$DRV" >scope.txt 2>&1
while IFS= read -r line; do
    case $line in
        "ok "*) ok "scope: ${line#ok * - }" ;;
        "not ok "*) notok "scope: ${line#not ok * - }" ;;
        *) echo "$line" ;;
    esac
done <scope.txt

# ---- install and setgid ------------------------------------------------------------------------------

if "$ROOT/tools/install.sh" "$BIN" "$TMP/dest" /usr /var/lib/sangtao "$ROOT" >inst.txt 2>&1 &&
   [ -x dest/usr/bin/sangtao ] && [ -f dest/etc/sangtao/config.ini ] &&
   [ "$(stat -c %a dest/var/lib/sangtao)" = 2770 ] &&
   grep -q '^path = /var/lib/sangtao/sangtao.db' dest/etc/sangtao/config.ini &&
   grep -q 'DESTDIR' inst.txt; then
    ok "install: DESTDIR tree (binary, config pointing at /var/lib/sangtao, folder 2770), group steps skipped and said"
else notok "install: DESTDIR tree"; sed 's/^/#   /' inst.txt; fi

if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
    # A setgid copy with the group "daemon" stands for "sangtao"; nobody runs it.
    mkdir -p sg/bin sg/data && chmod 0755 sg sg/bin
    cp "$BIN" sg/bin/sangtao && cp "$DRV" sg/bin/driver
    chgrp daemon sg/bin/sangtao sg/bin/driver sg/data && chmod 2755 sg/bin/sangtao sg/bin/driver
    chmod 2770 sg/data
    "$DRV" setup sg/data/t.db 1 >/dev/null && chgrp daemon sg/data/* && chmod 0660 sg/data/*
    printf '[database]\npath = %s/sg/data/t.db\n' "$TMP" >sg/cfg.ini
    mkdir sg/home && chown nobody:nogroup sg/home
    NB() { (cd sg/home && setpriv --reuid=65534 --regid=65534 --clear-groups "$@"); }
    expect "setgid: --db refused" 1 "--db: không được dùng" NB "$TMP/sg/bin/sangtao" --db "$TMP/sg/data/t.db" check
    expect "setgid: --config refused" 1 "--config: không được dùng" NB "$TMP/sg/bin/sangtao" --config "$TMP/sg/cfg.ini" check
    expect "setgid: \$SANGTAO_CONFIG refused" 1 "SANGTAO_CONFIG: không được dùng" \
        NB env SANGTAO_CONFIG="$TMP/sg/cfg.ini" "$TMP/sg/bin/sangtao" check
    printf '[database]\npath = /tmp/khac.db\n' >sg/home/config.ini
    nothing "setgid: ./config.ini is ignored" "/tmp/khac.db" NB "$TMP/sg/bin/sangtao" check
    expect "setgid: a database outside the installed folder refused" 1 "phải nằm ngay trong thư mục" \
        NB "$TMP/sg/bin/sangtao" check
    expect "setgid: the data works through the program" 0 "backup group user" \
        NB "$TMP/sg/bin/driver" sgid "$TMP/sg/data" "$TMP/sg/cfg.ini" "$TMP/sg/home/copy.db"
    grep -q "user-named file: refused; with the group: opened" out.txt && ok "setgid: files the user names are opened with the user's rights" \
        || { notok "setgid: files the user names are opened with the user's rights"; sed 's/^/#   /' out.txt; }
    bad=$(find sg/data -name 't.db*' \( ! -group daemon -o ! -perm -0660 \) | head -n 1)
    [ -z "$bad" ] && ok "setgid: database files stay group-owned and 0660 ($(ls sg/data | tr '\n' ' '))" \
        || { notok "setgid: database files stay group-owned and 0660"; ls -l sg/data | sed 's/^/#   /'; }
    expect "setgid: the user cannot reach the file directly" 1 "" NB sqlite3 "$TMP/sg/data/t.db" "SELECT 1"
else
    skip "setgid rules" "needs root and setpriv"
fi

echo "1..$n"
[ "$failed" -eq 0 ]
