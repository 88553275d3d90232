#!/bin/sh
# The second half of tests/deb/run.sh, inside its private mount namespace:
#   inside.sh TMP OLD.deb NEW.deb      (SANGTAO_DEB_N: checks done before)
# Overlays over /etc, /usr and /var (their changes live in a tmpfs and go
# with the namespace) and an empty /run, so that the package's scripts reach
# no running systemd: what they do is checked in the files they leave.
TMP=$1 OLD=$2 NEW=$3
n=${SANGTAO_DEB_N:-0}; failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
show() { sed 's/^/#   /' "$1" | tail -n "${2:-15}"; }
finish() { echo "1..$n"; [ $failed = 0 ]; exit; }

OV=$TMP/ov
mkdir -p "$OV"
mount -t tmpfs -o mode=0700 tmpfs "$OV" || { notok "tmpfs for the overlays"; finish; }
for d in etc usr var; do
    mkdir -p "$OV/$d-up" "$OV/$d-work"
    mount -t overlay overlay -o "lowerdir=/$d,upperdir=$OV/$d-up,workdir=$OV/$d-work" "/$d" ||
        { notok "overlay over /$d"; finish; }
done
mount -t tmpfs -o mode=0755 tmpfs /run
# Whatever this machine had of an earlier try: gone, in here.
dpkg -P sangtao >/dev/null 2>&1
rm -rf /var/lib/sangtao /var/backups/sangtao /etc/sangtao
delgroup --system --quiet sangtao >/dev/null 2>&1
cd "$TMP" || finish
export LC_ALL=C.UTF-8 TZ=ICT-7 DEBIAN_FRONTEND=noninteractive
unset SANGTAO_CONFIG SANGTAO_USER SANGTAO_PASSWORD SANGTAO_NEW_PASSWORD SANGTAO_NOW SANGTAO_TODAY
APT="apt-get install -y --no-install-recommends -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold"
ST=/usr/bin/sangtao DB=/var/lib/sangtao/sangtao.db BK=/var/backups/sangtao
PW='Quantri#2026'
A() { SANGTAO_PASSWORD=$PW "$ST" --user quantri "$@"; }

# ---- install (the older package) ------------------------------------------------
if $APT "$OLD" >inst1.txt 2>&1; then
    ok "apt-get install ./$(basename "$OLD")"
else notok "apt-get install of the older package"; show inst1.txt; finish; fi
if getent group sangtao >/dev/null && [ "$(stat -c %a:%U:%G $ST)" = 2755:root:sangtao ] &&
   [ "$(stat -c %a:%U:%G /var/lib/sangtao)" = 2770:root:sangtao ] &&
   [ "$(stat -c %a:%U $BK)" = 700:root ]; then
    ok "group sangtao; $ST 2755 root:sangtao; /var/lib/sangtao 2770; $BK 0700"
else notok "modes after install"; ls -ld $ST /var/lib/sangtao $BK | sed 's/^/#   /'; fi
if dpkg-query -W -f='${Conffiles}\n' sangtao | grep -q ' /etc/sangtao/config.ini ' &&
   grep -q '^path = /var/lib/sangtao/sangtao.db' /etc/sangtao/config.ini; then
    ok "/etc/sangtao/config.ini is a conffile, database.path in /var/lib/sangtao"
else notok "config.ini as a conffile"; dpkg-query -W -f='${Conffiles}\n' sangtao | sed 's/^/#   /'; fi
if [ -f /usr/share/man/man1/sangtao.1.gz ] && grep -q "sangtao init" inst1.txt; then
    ok "man page installed; the administrator is told the next step: \"$(grep -m1 'sangtao init' inst1.txt | sed 's/^ *//')\""
else notok "man page or the next step"; show inst1.txt; fi

# ---- init and data ---------------------------------------------------------------
printf '%s\n' "$PW" | "$ST" init --admin quantri >init.txt 2>&1 || { notok "init"; show init.txt; }
# The step the package prints after init (README, step 3).
chgrp sangtao $DB* && chmod 0660 $DB*
UNIT=$(A unit list --format csv 2>/dev/null | sed -n 2p | cut -d, -f1)
A proposal new --set title="Số hóa hồ sơ một cửa ở Quy Nhơn" --set employing_unit="$UNIT" >new.txt 2>&1
if [ "$(stat -c %a:%G $DB)" = 660:sangtao ] && grep -q -- '-' new.txt; then
    ok "init as root and a proposal: the database is 0660 sangtao"
else notok "init and data"; show init.txt; show new.txt; ls -l /var/lib/sangtao | sed 's/^/#   /'; fi
# The administrator's own setting, to be kept by the upgrade.
sed -i 's/^name = .*/name = Văn phòng thử gói/' /etc/sangtao/config.ini
v_old=$(sqlite3 "$DB" 'PRAGMA user_version')

# ---- upgrade -----------------------------------------------------------------------
# A clerk still has the database open: the upgrade says so and leaves it.
mkfifo hold
sqlite3 -cmd 'SELECT count(*) FROM meta;' "$DB" <hold >/dev/null 2>&1 &
holder=$!
exec 7>hold
i=0; while [ $i -lt 50 ] && [ ! -e "$DB-shm" ]; do sleep 0.1; i=$((i + 1)); done
$APT "$NEW" >inst2.txt 2>&1
rc=$?
exec 7>&-
wait $holder
v_mid=$(sqlite3 "$DB" 'PRAGMA user_version')
"$ST" --version >ver.txt 2>&1
if [ $rc = 0 ] && grep -q "$(dpkg-deb -f "$NEW" Version)" ver.txt; then
    ok "upgrade to $(cat ver.txt) while the database is open: the package installs"
else notok "upgrade"; show inst2.txt; fi
"$ST" migrate >mig.txt 2>&1
rc=$?
v_new=$(sqlite3 "$DB" 'PRAGMA user_version')
if [ "$v_new" -gt "$v_old" ] && grep -q "đang có người mở" inst2.txt && [ "$v_mid" = "$v_old" ]; then
    ok "… postinst says the database is in use and leaves it at version $v_mid: \"$(grep -m1 'đang có người mở' inst2.txt | cut -c1-90)…\""
elif [ "$v_new" = "$v_old" ] && grep -q "đã ở phiên bản" inst2.txt; then
    ok "… nothing to migrate (same schema $v_old): postinst says so"
else notok "postinst with the database open (v$v_old → v$v_mid → v$v_new)"; show inst2.txt; fi
copy=$(sed -n 's/.*bản sao trước khi nâng cấp: //p' mig.txt)
if [ $rc = 0 ] && { [ "$v_new" = "$v_old" ] || { [ -f "$copy" ] && [ "$(stat -c %a "$copy")" = 600 ] &&
       [ "$(sqlite3 "$copy" 'PRAGMA user_version')" = "$v_old" ]; }; }; then
    ok "sangtao migrate: v$v_old → v$v_new, a checked copy first ($(basename "${copy:-none}"))"
else notok "sangtao migrate"; show mig.txt; fi
if A proposal list --search "so hoa ho so" 2>&1 | grep -q "Quy Nhơn" && A check >check.txt 2>&1 &&
   grep -q "^schema_version: $v_new (chương trình: $v_new) ok" check.txt; then
    ok "after the upgrade the data is there and check passes (schema $v_new)"
else notok "data or check after the upgrade"; show check.txt; fi
if grep -q '^name = Văn phòng thử gói' /etc/sangtao/config.ini; then
    ok "the administrator's config.ini is kept by the upgrade"
else notok "config.ini after the upgrade"; grep '^name' /etc/sangtao/config.ini | sed 's/^/#   /'; fi
if [ "$(stat -c %a:%G $ST)" = 2755:sangtao ] && [ -L /etc/systemd/system/timers.target.wants/sangtao-backup.timer ] &&
   [ -L /etc/systemd/system/timers.target.wants/sangtao-maintain.timer ]; then
    ok "after the upgrade: still setgid; sangtao-backup.timer and sangtao-maintain.timer enabled"
else notok "setgid or timers after the upgrade"; ls -l $ST /etc/systemd/system/timers.target.wants/ 2>&1 | sed 's/^/#   /'; fi

# ---- the timers' services ---------------------------------------------------------
unit_cmd() { sed -n 's/^ExecStart=//p' "/lib/systemd/system/$1"; }
bcmd=$(unit_cmd sangtao-backup.service)
sh -c "umask 0077; $bcmd" >bk.txt 2>&1
rc=$?
made=$(ls $BK | grep '^sangtao-2.*\.db$' | head -n 1)
if [ $rc = 0 ] && [ -n "$made" ] && [ "$(stat -c %a $BK/$made)" = 600 ] &&
   [ "$(sqlite3 "$BK/$made" 'PRAGMA integrity_check')" = ok ]; then
    ok "backup through the service's command ($bcmd): $BK/$made, 0600, sound"
else notok "backup through $bcmd (exit $rc)"; show bk.txt; ls -la $BK | sed 's/^/#   /'; fi
A check >check2.txt 2>&1
if grep -q "^last_backup: .*(0 giờ trước) $BK/$made ok" check2.txt; then
    ok "check shows the last backup: \"$(grep '^last_backup' check2.txt | cut -c1-100)\""
else notok "check and the last backup"; show check2.txt; fi
chmod 0755 $BK
sh -c "$bcmd" >bkbad.txt 2>&1
rc=$?
if [ $rc = 1 ] && grep -q "chmod 0700" bkbad.txt; then
    ok "a backup folder others can read: exit 1, \"$(head -c 100 bkbad.txt)…\""
else notok "backup into an open folder (exit $rc)"; show bkbad.txt; fi
chmod 0700 $BK
mcmd=$(unit_cmd sangtao-maintain.service)
if sh -c "$mcmd" >mt.txt 2>&1 && grep -q "quick_check: ok" mt.txt; then
    ok "nightly upkeep through the service's command ($mcmd)"
else notok "maintain through $mcmd"; show mt.txt; fi
if [ -f /usr/share/doc/sangtao/examples/sangtao-sync.timer ] &&
   [ ! -e /etc/systemd/system/timers.target.wants/sangtao-sync.timer ]; then
    ok "the office's sync timer is an example, not enabled"
else notok "the sync timer example"; fi

# ---- remove, purge -----------------------------------------------------------------
apt-get remove -y sangtao >rm.txt 2>&1
if [ ! -e $ST ] && [ -f "$DB" ] && [ -f /etc/sangtao/config.ini ] && getent group sangtao >/dev/null; then
    ok "remove: the program goes; database, config.ini and group stay"
else notok "remove"; show rm.txt; fi
apt-get purge -y sangtao >purge.txt 2>&1
if [ -f "$DB" ] && [ ! -e /etc/sangtao/config.ini ] && ! dpkg-statoverride --list | grep -q sangtao &&
   [ -n "$(ls $BK)" ]; then
    ok "purge: config.ini and the mode overrides go; the database and the backups stay"
else notok "purge"; show purge.txt; ls -la /var/lib/sangtao /etc/sangtao 2>&1 | sed 's/^/#   /'; fi
$APT "$NEW" >inst3.txt 2>&1
if A proposal list 2>&1 | grep -q "Quy Nhơn"; then ok "install again: the kept database is used"
else notok "reinstall over the kept database"; show inst3.txt; fi
touch /etc/sangtao/purge-database
apt-get purge -y sangtao >purge2.txt 2>&1
if [ ! -e "$DB" ] && [ ! -e /var/lib/sangtao ] && [ ! -e /etc/sangtao ] && ! getent group sangtao >/dev/null &&
   [ -n "$(ls $BK)" ]; then
    ok "purge with /etc/sangtao/purge-database: database, folder and group go; backups stay"
else notok "purge with the flag file"; show purge2.txt; ls -la /var/lib/sangtao /etc/sangtao 2>&1 | sed 's/^/#   /'; fi
finish
