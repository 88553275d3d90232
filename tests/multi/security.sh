#!/bin/sh
# A hostile local user against a real setgid install (issue "Close what a
# local user could do to the shared database").
#   tests/multi/security.sh BUILD_DIR
# As root, in a private mount namespace (unshare -m): tmpfs over /usr/local
# and /var/lib, a copy of /etc over /etc, so `make install`'s own script puts
# the program at its real paths (/usr/local/bin/sangtao setgid "sangtao",
# /etc/sangtao/config.ini, /var/lib/sangtao 2770) without touching this
# machine.  The attacker is "nobody", run with setpriv.  Without root, unshare
# or setpriv every check is skipped, and said.
BUILD=${1:-build}
BUILD=$(cd "$BUILD" 2>/dev/null && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BIN=$BUILD/sangtao

if [ "${SANGTAO_SECURITY_INSIDE:-}" != 1 ]; then
    if [ "$(id -u)" != 0 ] || ! command -v unshare >/dev/null || ! command -v setpriv >/dev/null ||
       ! unshare -m true 2>/dev/null; then
        echo "ok 1 - setgid install against a local user # SKIP needs root, unshare -m and setpriv"
        echo "1..1"; exit 0
    fi
    [ -x "$BIN" ] || { echo "not ok 1 - $BIN is missing (make all)"; exit 1; }
    exec env SANGTAO_SECURITY_INSIDE=1 unshare -m --propagation private sh "$0" "$BUILD"
fi

# ---- inside the namespace ---------------------------------------------------
# The numbers below are the items of the issue each check answers.
# Under /tmp whatever $TMPDIR says: nobody must reach this folder (a 0700
# TMPDIR, as root's own, would lock him out and fail every check).
TMP=$(mktemp -d /tmp/sangtao-security.XXXXXX) || exit 1
chmod 0755 "$TMP"
trap 'cd /; rm -rf "$TMP"' EXIT
cp -a /etc "$TMP/etc"
mount --bind "$TMP/etc" /etc
mount -t tmpfs -o mode=0755 tmpfs /usr/local
mount -t tmpfs -o mode=0755 tmpfs /var/lib
cd "$TMP" || exit 1
export LC_ALL=C.UTF-8 TZ=ICT-7
unset SANGTAO_CONFIG SANGTAO_USER SANGTAO_PASSWORD SANGTAO_NEW_PASSWORD SANGTAO_NOW SANGTAO_TODAY SANGTAO_TRACE

n=0; failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
show() { sed 's/^/#   /' "$1" | head -${2:-12}; }
# The attacker, and an office administrator who is also just a local user.
NB() { (cd /tmp && setpriv --reuid=65534 --regid=65534 --clear-groups "$@"); }
ST=/usr/local/bin/sangtao
DB=/var/lib/sangtao/sangtao.db
PW='Quantri#2026' CPW='Chuyenvien#26'

if "$ROOT/tools/install.sh" "$BIN" "" /usr/local /var/lib/sangtao "$ROOT" >inst.txt 2>&1 &&
   [ "$(stat -c %a:%G $ST)" = 2755:sangtao ] && [ "$(stat -c %a:%G /var/lib/sangtao)" = 2770:sangtao ]; then
    ok "install: $ST 2755 sangtao, /var/lib/sangtao 2770 sangtao"
else notok "install"; show inst.txt; echo "1..$n"; exit 1; fi
# 7. between install and the administrator's first step, nobody else inits
printf '%s\n' "$PW" | NB "$ST" init --admin ke-gian >init.txt 2>&1
if [ ! -e $DB ] && grep -q "Chỉ root" init.txt; then ok "init of the system database by another user: refused"
else notok "init by another user"; show init.txt; fi
printf '%s\n' "$PW" | "$ST" init --admin quantri >init.txt 2>&1 || { notok "init as root"; show init.txt; }
chgrp sangtao $DB* && chmod 0660 $DB*
A() { SANGTAO_PASSWORD=$PW "$ST" --user quantri "$@"; }
A unit list >/dev/null 2>&1 || true
UNIT=$(A unit list --format csv 2>/dev/null | sed -n 2p | cut -d, -f1)
SANGTAO_NEW_PASSWORD=$CPW A user add cv1 --name "Chuyên viên Một" --roles clerk --scope "$UNIT" >add.txt 2>&1 ||
    { notok "user add"; show add.txt; }
# first login: the account changes its password
SANGTAO_PASSWORD=$CPW SANGTAO_NEW_PASSWORD='Rieng#2026x' NB "$ST" --user cv1 user passwd >pw.txt 2>&1
CPW='Rieng#2026x'
if NB env SANGTAO_PASSWORD=$CPW "$ST" --user cv1 proposal list >list.txt 2>&1; then
    ok "nobody works through the setgid program"
else notok "nobody works through the setgid program"; show pw.txt; show list.txt; fi

# 1. SANGTAO_TRACE cannot make a file with the group's rights
NB env SANGTAO_TRACE=$DB-shm "$ST" --version >/dev/null 2>&1
NB env SANGTAO_TRACE=/var/lib/sangtao/trace.txt "$ST" --version >/dev/null 2>&1
mine=$(find /var/lib/sangtao -user 65534 | head -n 3)
if [ -z "$mine" ] && NB env SANGTAO_PASSWORD=$CPW "$ST" --user cv1 proposal list >list.txt 2>&1 &&
   ! grep -q "chỉ đọc" list.txt; then
    ok "SANGTAO_TRACE is ignored while setgid: no file of the user's in the database folder"
else notok "SANGTAO_TRACE while setgid"; echo "#   files: $mine"; show list.txt; fi

# 2. a test clock does not open a lockout, nor date events
i=0
while [ $i -lt 6 ]; do
    NB env SANGTAO_PASSWORD=sai "$ST" --user cv1 proposal list >/dev/null 2>&1; i=$((i + 1))
done
NB env SANGTAO_PASSWORD=$CPW SANGTAO_NOW=2099-01-01T00:00:00Z SANGTAO_TODAY=2099-01-01 \
    "$ST" --user cv1 proposal list >lock.txt 2>&1
rc=$?
if [ $rc != 0 ] && grep -q "khóa" lock.txt; then
    ok "SANGTAO_NOW/SANGTAO_TODAY ignored while setgid: a locked account stays locked in \"2099\""
else notok "a clock in 2099 opened a locked account (exit $rc)"; show lock.txt; fi
A user unlock cv1 >/dev/null 2>&1
NB env SANGTAO_PASSWORD=$CPW SANGTAO_NOW=2099-01-01T00:00:00Z SANGTAO_TODAY=2099-01-01 \
    "$ST" --user cv1 proposal new --set title="Thử đồng hồ" --set employing_unit="$UNIT" >new.txt 2>&1
year=$(A audit --format csv 2>/dev/null | grep -c '2099-' )
if [ -s new.txt ] && grep -q -- '-' new.txt && [ "$year" = 0 ]; then ok "events are dated by the real clock, not the user's SANGTAO_NOW"
else notok "an event dated 2099"; A audit --format csv | grep 2099 | head -3; fi

# 3. backups: 0600, new files only, the user's own group
mkdir -m 0777 bk
if NB env SANGTAO_PASSWORD=$PW "$ST" --user quantri backup "$TMP/bk/b.db" >bk.txt 2>&1 &&
   [ "$(stat -c %a:%u:%g bk/b.db)" = 600:65534:65534 ]; then
    ok "backup: 0600, owned by its maker and the maker's own group ($(stat -c '%A %U:%G' bk/b.db))"
else notok "backup mode"; show bk.txt; ls -l bk | sed 's/^/#   /'; fi
ln -s /var/lib/sangtao/stolen.db bk/link.db
NB env SANGTAO_PASSWORD=$PW "$ST" --user quantri backup "$TMP/bk/link.db" >bk2.txt 2>&1
if [ ! -e /var/lib/sangtao/stolen.db ] && grep -q "đã tồn tại" bk2.txt; then
    ok "backup: a symbolic link is not followed (\"$(head -c 70 bk2.txt)…\")"
else notok "backup through a symbolic link"; show bk2.txt; fi

# 5. restoring a damaged database keeps the mode and group of the file
A backup "$TMP/root.db" >rb.txt 2>&1 || { notok "backup as root"; show rb.txt; }
cp $DB good.db
head -c 4096 /dev/urandom | dd of=$DB bs=1 seek=0 conv=notrunc 2>/dev/null
rm -f $DB-wal $DB-shm
A restore "$TMP/root.db" >rs.txt 2>&1
if [ "$(stat -c %a:%G $DB)" = 660:sangtao ] &&
   NB env SANGTAO_PASSWORD=$CPW "$ST" --user cv1 proposal new --set title="Sau khôi phục" \
       --set employing_unit="$UNIT" >after.txt 2>&1; then
    ok "restore of a damaged file: $(stat -c '%a %G' $DB) as before; the clerks still write"
else notok "restore of a damaged file"; show rs.txt; ls -l /var/lib/sangtao | sed 's/^/#   /'; show after.txt; fi
aside=$(ls /var/lib/sangtao | grep before-restore | head -n 1)
if [ -n "$aside" ] && [ "$(stat -c %a:%G "/var/lib/sangtao/$aside")" = 660:sangtao ]; then
    ok "restore: the damaged file set aside keeps its mode and group"
else notok "restore: the file set aside"; ls -l /var/lib/sangtao | sed 's/^/#   /'; fi

# 8. temporary files (a printed report) are the user's own, 0600
mkdir -m 0777 fakebin lpout
cat >fakebin/lp <<'LP'
#!/bin/sh
for last; do :; done
stat -c %a:%u:%g "$last" >"$LPOUT/mode"
LP
chmod 0755 fakebin/lp
sed -i 's/^printer = .*/printer = may-in-thu/' /etc/sangtao/config.ini
NB env SANGTAO_PASSWORD=$PW PATH="$TMP/fakebin:$PATH" LPOUT="$TMP/lpout" TMPDIR=/tmp \
    "$ST" --user quantri report periodic --period year --year 2026 --print >print.txt 2>&1
if [ "$(cat lpout/mode 2>/dev/null)" = 600:65534:65534 ]; then
    ok "a report printed from a temporary file: 0600, the user's own (not the group's)"
else notok "temporary file of a printed report: $(cat lpout/mode 2>/dev/null)"; show print.txt; fi

# 4. an import from a pipe that never ends does not hold the write lock
mkfifo feed && chmod 0666 feed
timeout 120 setpriv --reuid=65534 --regid=65534 --clear-groups env SANGTAO_PASSWORD=$CPW \
    "$ST" --user cv1 proposal import "$TMP/feed" >imp.txt 2>&1 &
imp=$!
exec 7<>feed   # read-write: never blocks, even if the import died
printf 'title,employing_unit\nNhập từ ống,%s\n' "$UNIT" >&7
i=0   # until the import holds the lock (it must never), at most 3 s
while [ $i -lt 30 ] && ! sqlite3 -cmd '.timeout 0' $DB 'BEGIN IMMEDIATE; ROLLBACK' 2>&1 | grep -q locked; do
    sleep 0.1; i=$((i + 1))
done
if A proposal new --set title="Lưu trong lúc nhập" --set employing_unit="$UNIT" >during.txt 2>&1; then
    ok "an import still reading its input blocks nobody's save"
else notok "an import still reading its input blocked a save"; show during.txt; fi
exec 7>&-
wait $imp
if grep -q "1" imp.txt && A proposal list --search "Nhập từ ống" 2>/dev/null | grep -q "ống"; then
    ok "… and the import completes when its input ends"
else notok "the import after its input ended"; show imp.txt; fi
mkfifo big && chmod 0666 big
# The writer gives up after a minute if the reader never comes.
{ head -c 40000000 /dev/zero | tr '\0' x | timeout 60 sh -c 'cat >big' 2>/dev/null; } &
NB env SANGTAO_PASSWORD=$CPW "$ST" --user cv1 proposal import "$TMP/big" >big.txt 2>&1
wait
if grep -q "quá lớn" big.txt; then ok "an import over the size limit: \"$(head -c 90 big.txt)…\""
else notok "an import over the size limit"; show big.txt; fi

# (issue "Typing and forms" 20) a database the user may not reach is not
# "missing": no advice to init a second, empty one
cp "$BIN" "$TMP/plain" && chmod 0755 "$TMP/plain"
mkdir -m 0700 private && cp good.db private/t.db
NB "$TMP/plain" --db "$TMP/private/t.db" proposal list >deny.txt 2>&1
if grep -q "không được vào thư mục" deny.txt && ! grep -q "sangtao init" deny.txt; then
    ok "an unreachable database: \"$(cut -c1-80 deny.txt | head -1)…\""
else notok "an unreachable database"; show deny.txt; fi
if grep -q "$TMP/private: người dùng nobody không được vào thư mục này" deny.txt; then
    ok "an unreachable database: the folder not entered and the user are named"
else notok "an unreachable database names the folder and the user"; show deny.txt; fi
NB env TERM=vt100 "$TMP/plain" --db "$TMP/private/t.db" </dev/null >deny-ui.txt 2>&1
if grep -q "không được vào thư mục này" deny-ui.txt && ! grep -q "sangtao init" deny-ui.txt; then
    ok "the screens say the same of an unreachable database"
else notok "the screens on an unreachable database"; show deny-ui.txt; fi
mkdir -m 0755 open && cp good.db open/t.db && chmod 0600 open/t.db
NB "$TMP/plain" --db "$TMP/open/t.db" proposal list >unread.txt 2>&1
if grep -q "có đó, nhưng người dùng nobody không được đọc (quyền 0600)" unread.txt && ! grep -q "sangtao init" unread.txt; then
    ok "a database file the user may not read: said so, no init"
else notok "a database file the user may not read"; show unread.txt; fi
NB "$TMP/plain" --db "$TMP/khong-co.db" proposal list >none.txt 2>&1
if grep -q "sangtao init" none.txt; then ok "a database that is not there: init is suggested"
else notok "a database that is not there"; show none.txt; fi

echo "1..$n"
[ "$failed" -eq 0 ]
