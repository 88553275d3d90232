#!/bin/sh
# make deb: the Debian package, built by dpkg-buildpackage (debian/) from a
# copy of this tree, so that nothing of the build lands in the checkout.
#   tools/deb.sh OUTDIR [VERSION]
# VERSION (tests/deb: an older package to upgrade from) replaces the one of
# debian/changelog in the copy.  Prints the path of the .deb on the last line.
set -e
OUT=$1 VER=${2:-}
[ -n "$OUT" ] || { echo "usage: tools/deb.sh OUTDIR [VERSION]" >&2; exit 2; }
ROOT=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
for tool in dpkg-buildpackage dh fakeroot; do
    command -v $tool >/dev/null || {
        echo "deb: $tool missing: make deb-deps (debhelper dpkg-dev fakeroot)" >&2; exit 1; }
done
ver=${VER:-$(cd "$ROOT" && dpkg-parsechangelog -S Version)}
WORK=$OUT/deb-src.$$
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/sangtao-$ver"
# The sources only: no build folders, databases or version control.
(cd "$ROOT" && tar -cf - --exclude='./build*' --exclude=./.git --exclude='*.db' \
    --exclude='*.db-wal' --exclude='*.db-shm' --exclude='./debian/sangtao' \
    --exclude='./debian/.debhelper' --exclude='./debian/files' .) | tar -xf - -C "$WORK/sangtao-$ver"
cd "$WORK/sangtao-$ver"
if [ -n "$VER" ]; then
    sed -i "1s/^sangtao ([^)]*)/sangtao ($VER)/" debian/changelog
fi
jobs=$(nproc 2>/dev/null || echo 2)
# The package's own flags, not those of a make that called us (make asan).
unset MAKEFLAGS MFLAGS MAKELEVEL
DEB_BUILD_OPTIONS="parallel=$jobs nocheck" dpkg-buildpackage -b -us -uc --no-sign >"$OUT/build-$ver.log" 2>&1 || {
    tail -40 "$OUT/build-$ver.log" >&2; echo "deb: dpkg-buildpackage failed (log: $OUT/build-$ver.log)" >&2; exit 1; }
arch=$(dpkg-architecture -qDEB_HOST_ARCH)
deb=sangtao_${ver}_${arch}.deb
mv "$WORK/$deb" "$OUT/$deb"
rm -f "$WORK"/*.buildinfo "$WORK"/*.changes "$WORK"/*.ddeb "$WORK"/sangtao-dbgsym_*.deb
echo "$OUT/$deb"
