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
# What "nobody" runs (as root) lives in a folder of its own under /tmp, not
# in $TMP: the checkout, $TMPDIR and $TMP may sit in folders other users
# cannot enter (a clone in /root, in a 0700 mktemp -d folder, TMPDIR=~/tmp).
NBDIR=
MNT=
cleanup() {
    [ -n "$MNT" ] && umount "$MNT" 2>/dev/null
    chattr -i "$TMP"/* 2>/dev/null
    rm -rf "$TMP"
    [ -n "$NBDIR" ] && rm -rf "$NBDIR"
}
trap cleanup EXIT
cd "$TMP" || exit 1
# Nothing of the caller's environment: no SANGTAO_* variable, one locale.
for v in $(env | sed -n 's/^\(SANGTAO_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$v"; done
unset LANG LANGUAGE
# HOME is the scratch folder: no ~/.sqliterc changes what sqlite3 prints.
export HOME="$TMP" LC_ALL=C.UTF-8 TZ=ICT-7 SANGTAO_TODAY=2026-03-02
# The commands below use --db without --config: this (empty) config.ini in
# the working folder keeps a machine's /etc/sangtao/config.ini out of them.
echo '# tests/multi: defaults only' >config.ini
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
# nobody_dir: (as root) NBDIR, a fresh folder under /tmp that user nobody
# can enter, made once.  Fails when nobody still cannot reach it.
nobody_dir() {
    [ -n "$NBDIR" ] && return 0
    NBDIR=$(mktemp -d /tmp/sangtao-multi.XXXXXX) || { NBDIR=; return 1; }
    chmod 0755 "$NBDIR" && setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$NBDIR"
}
# NB DIR COMMAND…: COMMAND as user nobody (no groups), working in DIR,
# which is also its HOME.
NB() { (cd "$1" && HOME=$1 && shift && setpriv --reuid=65534 --regid=65534 --clear-groups "$@"); }

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

# read-only: a file the user may not write.  Root may write any file, so as
# root the program runs as nobody, from a copy in a folder nobody can reach.
if [ "$(id -u)" != 0 ]; then
    mkdir ro && cp base.db ro/t.db && chmod 0444 ro/t.db
    expect "read-only database: clear message" 1 "chỉ đọc" \
        env SANGTAO_PASSWORD=$PW "$BIN" --db "$TMP/ro/t.db" --user clerk proposal list
    [ "$(count ro/t.db)" = 3 ] && ok "read-only database: data kept" || notok "read-only database: data kept"
elif ! command -v setpriv >/dev/null; then
    skip "read-only database" "needs setpriv as root"; skip "read-only database: data kept" "-"
elif ! nobody_dir; then
    skip "read-only database" "no folder under /tmp that nobody can reach"; skip "read-only database: data kept" "-"
else
    RO=$NBDIR/ro
    mkdir "$RO" && cp "$BIN" "$NBDIR/sangtao" && cp base.db "$RO/t.db" && cp config.ini "$RO/config.ini"
    chmod 0755 "$RO" "$NBDIR/sangtao" && chmod 0644 "$RO/config.ini" && chmod 0444 "$RO/t.db"
    expect "read-only database: clear message" 1 "chỉ đọc" \
        NB "$RO" env SANGTAO_PASSWORD=$PW "$NBDIR/sangtao" --db "$RO/t.db" --user clerk proposal list
    [ "$(count "$RO/t.db")" = 3 ] && ok "read-only database: data kept" || notok "read-only database: data kept"
fi

# locked: another process holds the write lock longer than busy_timeout
cp base.db lk.db
printf '[database]\npath = lk.db\nbusy_timeout_ms = 300\n' >lk.ini
# The holder keeps the lock until killed (at most 120 s), however slow the
# machine is: no fixed time to race.
"$DRV" hold lk.db 120 >hold.txt &
lockpid=$!
k=0; while [ $k -lt 300 ] && ! grep -q holding hold.txt; do sleep 0.1; k=$((k + 1)); done
expect "locked database: clear message after busy_timeout" 1 "đang bận" \
    env SANGTAO_PASSWORD=$PW "$BIN" --config lk.ini --user clerk proposal new --set title=X --set employing_unit=BD-QN-VP
# Issue 12 item 14: readers do not wait for the writer.  The wait allowed is
# long (60 s): a login, list, show or report that needed the write lock
# would fail after it; they answer while the lock is still held.
printf '[database]\npath = lk.db\nbusy_timeout_ms = 60000\n' >lk-long.ini
R() { env SANGTAO_PASSWORD=$PW "$BIN" --config lk-long.ini --user clerk "$@"; }
expect "locked database: a reader logs in and lists" 0 "BD-2026-0001" R proposal list
expect "locked database: a reader shows a proposal" 0 "BD-2026-0001" R proposal show BD-2026-0001
expect "locked database: a reader makes a report" 0 "BÁO CÁO" R report overdue
expect "locked database: a reader makes the periodic report" 0 "BÁO CÁO" R report periodic --period year --year 2026
grep -q holding hold.txt && kill -0 $lockpid 2>/dev/null && ok "locked database: the writer still held the lock" \
    || notok "locked database: the writer still held the lock"
kill $lockpid 2>/dev/null; wait $lockpid 2>/dev/null
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
# A reader keeps the database open: sqlite3 touches "opened" once it has
# read, and stays until "release" appears (or 120 s).
rm -f opened release
( echo "SELECT count(*) FROM users;"; echo ".shell touch opened"
  k=0; while [ ! -e release ] && [ $k -lt 1200 ]; do sleep 0.1; k=$((k + 1)); done ) | sqlite3 live.db >/dev/null &
holder=$!
k=0; while [ ! -e opened ] && [ $k -lt 300 ]; do sleep 0.1; k=$((k + 1)); done
expect "restore: refused while someone has the database open" 1 "đang có người khác mở" A restore b1.db
touch release; wait $holder
if [ "$(id -u)" = 0 ]; then
    cp bad.db broken.db
    expect "restore: root brings back a database too damaged to log in" 0 "Đã khôi phục" \
        "$BIN" --db broken.db restore b1.db
    [ "$(count broken.db)" = 3 ] && ok "restore: damaged file replaced, kept aside" || notok "restore: damaged file replaced"
else
    skip "restore: root and a damaged database" "not root"; skip "restore: damaged file replaced" "-"
fi
expect "maintain: checkpoint, quick_check, index merge" 0 "quick_check: ok" A maintain
grep -qF "search_index: đã gộp" out.txt && ok "maintain: the search indexes merged" \
    || { notok "maintain: the search indexes merged"; sed 's/^/#     /' out.txt | head -12; }
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

# The OS login of whoever runs the tests (a uid without a name: no mapping).
me=$(id -un 2>/dev/null)
SANGTAO_NEW_PASSWORD='Tamthoi#01' A user add moi --name "Người Mới" --roles clerk --scope BD-QN \
    ${me:+--os-login "$me"} >/dev/null
expect "accounts: a new account must change its password (--user)" 1 "phải đổi mật khẩu" \
    env SANGTAO_PASSWORD='Tamthoi#01' "$BIN" --db live.db --user moi proposal list
if [ -n "$me" ]; then
    expect "accounts: … and through its OS login too" 1 "phải đổi mật khẩu" "$BIN" --db live.db proposal list
else skip "accounts: … and through its OS login too" "uid $(id -u) has no name"; fi
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

# The setgid copies live under NBDIR (see nobody_dir), where nobody can reach
# them.  A filesystem mounted nosuid ignores the bit: a copy of id(1) made
# setgid "daemon" tells whether it is honoured there.  An installed program
# reads /etc/sangtao/config.ini: on a machine that has one, each command runs
# in a private mount namespace with an empty /etc/sangtao over it.
SG=
NBS() { # DIR COMMAND…: as NB, with /etc/sangtao hidden when it exists
    if [ -e /etc/sangtao ]; then
        HOME=$1 unshare -m --propagation private sh -c 'mount -t tmpfs -o size=64k tmpfs /etc/sangtao &&
            cd "$1" && shift && exec setpriv --reuid=65534 --regid=65534 --clear-groups "$@"' sh "$@"
    else NB "$@"; fi
}
if [ "$(id -u)" = 0 ] && [ -e /etc/sangtao ] && ! { command -v unshare >/dev/null && unshare -m true 2>/dev/null; }; then
    skip "setgid rules" "/etc/sangtao exists and unshare -m is not available to hide it"
elif [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null && nobody_dir; then
    SG=$NBDIR/sg
    mkdir -p "$SG/bin" "$SG/data" && chmod 0755 "$SG" "$SG/bin"
    cp "$(command -v id)" "$SG/bin/id" && chgrp daemon "$SG/bin/id" && chmod 2755 "$SG/bin/id"
    if [ "$(NB / "$SG/bin/id" -g 2>/dev/null)" != "$(getent group daemon | cut -d: -f3)" ]; then
        skip "setgid rules" "the setgid bit is not honoured under /tmp (mounted nosuid?)"; SG=
    fi
elif [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
    skip "setgid rules" "no folder under /tmp that nobody can reach"
else
    skip "setgid rules" "needs root and setpriv"
fi
if [ -n "$SG" ]; then
    # A setgid copy with the group "daemon" stands for "sangtao"; nobody runs it.
    cp "$BIN" "$SG/bin/sangtao" && cp "$DRV" "$SG/bin/driver"
    chgrp daemon "$SG/bin/sangtao" "$SG/bin/driver" "$SG/data" && chmod 2755 "$SG/bin/sangtao" "$SG/bin/driver"
    chmod 2770 "$SG/data"
    "$DRV" setup "$SG/data/t.db" 1 >/dev/null && chgrp daemon "$SG"/data/* && chmod 0660 "$SG"/data/*
    printf '[database]\npath = %s/data/t.db\n' "$SG" >"$SG/cfg.ini" && chmod 0644 "$SG/cfg.ini"
    mkdir "$SG/home" && chown 65534:65534 "$SG/home"
    H=$SG/home
    expect "setgid: --db refused" 1 "--db: không được dùng" NBS "$H" "$SG/bin/sangtao" --db "$SG/data/t.db" check
    expect "setgid: --config refused" 1 "--config: không được dùng" NBS "$H" "$SG/bin/sangtao" --config "$SG/cfg.ini" check
    expect "setgid: \$SANGTAO_CONFIG refused" 1 "SANGTAO_CONFIG: không được dùng" \
        NBS "$H" env SANGTAO_CONFIG="$SG/cfg.ini" "$SG/bin/sangtao" check
    printf '[database]\npath = /tmp/khac.db\n' >"$H/config.ini"
    nothing "setgid: ./config.ini is ignored" "/tmp/khac.db" NBS "$H" "$SG/bin/sangtao" check
    # No /etc/sangtao/config.ini (see NBS): the database is "sangtao.db",
    # relative, outside the installed folder.
    expect "setgid: a database outside the installed folder refused" 1 "phải nằm ngay trong thư mục" \
        NBS "$H" "$SG/bin/sangtao" check
    expect "setgid: the data works through the program" 0 "backup group user" \
        NBS "$H" "$SG/bin/driver" sgid "$SG/data" "$SG/cfg.ini" "$H/copy.db"
    grep -q "user-named file: refused; with the group: opened" out.txt && ok "setgid: files the user names are opened with the user's rights" \
        || { notok "setgid: files the user names are opened with the user's rights"; sed 's/^/#   /' out.txt; }
    bad=$(find "$SG/data" -name 't.db*' \( ! -group daemon -o ! -perm -0660 \) | head -n 1)
    [ -z "$bad" ] && ok "setgid: database files stay group-owned and 0660 ($(ls "$SG/data" | tr '\n' ' '))" \
        || { notok "setgid: database files stay group-owned and 0660"; ls -l "$SG/data" | sed 's/^/#   /'; }
    expect "setgid: the user cannot reach the file directly" 1 "" NBS "$H" sqlite3 "$SG/data/t.db" "SELECT 1"
fi

echo "1..$n"
[ "$failed" -eq 0 ]
