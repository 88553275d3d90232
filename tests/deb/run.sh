#!/bin/sh
# The Debian package (issue 16), built and installed for real.
#   tests/deb/run.sh BUILD_DIR
# Builds two packages with tools/deb.sh (dpkg-buildpackage and debian/): this
# tree's, and an older one to upgrade from — the tree of commit $OLD_COMMIT
# (an older schema, so the upgrade migrates real data) when git has it, else
# this tree with a lower version number.  lintian must report no error.
# Then, as root in a private mount namespace (unshare -m) with overlays over
# /etc, /usr and /var and an empty /run (no systemd reached), so nothing of
# this machine changes: install with apt-get, init, data, the upgrade (first
# refused while someone has the database open, then `sangtao migrate`), a
# backup through the timer's service command, remove, purge, purge with the
# flag file.  Without dpkg-buildpackage everything is skipped, and said; without
# root or unshare, only the build and lintian run.
BUILD=${1:-build}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OLD_COMMIT=97bfa26   # schema 7, before the package existed
OLD_VERSION=0.0.1

if ! command -v dpkg-buildpackage >/dev/null || ! command -v dh >/dev/null; then
    echo "ok 1 - Debian package # SKIP dpkg-buildpackage or debhelper missing (make deb-deps)"
    echo "1..1"; exit 0
fi
TMP=$(mktemp -d /tmp/sangtao-deb.XXXXXX) || exit 1
trap 'rm -rf "$TMP"' EXIT
n=0; failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
show() { sed 's/^/#   /' "$1" | tail -n "${2:-15}"; }

# ---- the two packages --------------------------------------------------------
old_src=$ROOT
if git -C "$ROOT" cat-file -e "$OLD_COMMIT^{commit}" 2>/dev/null; then
    mkdir -p "$TMP/old"
    git -C "$ROOT" archive "$OLD_COMMIT" | tar -xf - -C "$TMP/old"
    # The package files of today over the old sources.
    (cd "$ROOT" && tar -cf - debian tools/deb.sh) | tar -xf - -C "$TMP/old"
    old_src=$TMP/old
    old_what="commit $OLD_COMMIT"
else
    old_what="this tree (git has no $OLD_COMMIT: the upgrade migrates nothing)"
fi
"$ROOT/tools/deb.sh" "$TMP/new" >"$TMP/new.txt" 2>&1 &
pnew=$!
"$old_src/tools/deb.sh" "$TMP/oldpkg" "$OLD_VERSION" >"$TMP/old.txt" 2>&1
rold=$?
wait $pnew
rnew=$?
NEW=$(tail -n 1 "$TMP/new.txt") OLD=$(tail -n 1 "$TMP/old.txt")
if [ $rnew = 0 ] && [ -f "$NEW" ]; then ok "make deb: $(basename "$NEW")"
else notok "building the package"; show "$TMP/new.txt"; echo "1..$n"; exit 1; fi
if [ $rold = 0 ] && [ -f "$OLD" ]; then ok "the older package to upgrade from: $(basename "$OLD"), $old_what"
else notok "building the older package ($old_what)"; show "$TMP/old.txt"; echo "1..$n"; exit 1; fi
deps=$(dpkg-deb -f "$NEW" Depends)
case $deps in
    *libsqlite3-0*libsodium*|*libsodium*libsqlite3-0*) ok "Depends from the libraries linked (shlibs): $deps" ;;
    *) notok "Depends lacks the shared libraries: $deps" ;;
esac
if command -v lintian >/dev/null; then
    lintian --fail-on error "$NEW" >"$TMP/lintian.txt" 2>&1
    if [ $? = 0 ]; then ok "lintian: no error ($(grep -c '^W:' "$TMP/lintian.txt") warnings, explained in README)"
    else notok "lintian reports errors"; grep '^E:' "$TMP/lintian.txt" | sed 's/^/#   /'; fi
else
    ok "lintian # SKIP not installed (make deb-deps)"
fi

# ---- install, upgrade, remove, purge: as root, in a private namespace --------
if [ "$(id -u)" != 0 ] || ! command -v unshare >/dev/null || ! unshare -m true 2>/dev/null; then
    echo "ok $((n + 1)) - install, upgrade, purge # SKIP needs root and unshare -m"
    echo "1..$((n + 1))"; [ $failed = 0 ]; exit
fi
SANGTAO_DEB_INSIDE=1 SANGTAO_DEB_N=$n unshare -m --propagation private \
    sh "$HERE/inside.sh" "$TMP" "$OLD" "$NEW" >"$TMP/inside.txt" 2>&1
rin=$?
cat "$TMP/inside.txt"
grep -q '^1\.\.' "$TMP/inside.txt" || { n=$((n + 1)); echo "not ok $n - the install test stopped (exit $rin)"; echo "1..$n"; exit 1; }
[ $failed = 0 ] && [ $rin = 0 ]
