#!/bin/sh
# Install the Debian packages sangtao needs, only those missing.
# As root it runs apt-get; otherwise through sudo; otherwise it says what to run.
missing=""
for p in "$@"; do
    st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)
    case "$st" in *"ok installed"*) ;; *) missing="$missing $p" ;; esac
done
[ -z "$missing" ] && exit 0
echo "sangtao: thiếu gói Debian (missing packages):$missing"
if [ "$(id -u)" = 0 ]; then SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo"
else
    echo "sangtao: không có quyền cài đặt. Hãy chạy với quyền root:" >&2
    echo "    apt-get install -y$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y --no-install-recommends $missing || {
    $SUDO apt-get update && $SUDO apt-get install -y --no-install-recommends $missing
} || { echo "sangtao: apt-get install failed for:$missing" >&2; exit 1; }
