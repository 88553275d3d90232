#!/bin/sh
# make install: tools/install.sh BINARY DESTDIR PREFIX DBDIR [SOURCE_TREE]
#
# Installs the program setgid "sangtao" so that users reach the database
# only through it: the group owns the database folder (2770) and its files
# (0660); users are not members of the group.  As root without DESTDIR the
# group is created and ownership set; under DESTDIR (packaging) or when not
# root those steps are skipped, and said, for the package or the admin to do.
set -e
BIN=$1 DESTDIR=$2 PREFIX=$3 DBDIR=$4 SRC=${5:-.}
GROUP=sangtao
D=$DESTDIR
install -d "$D$PREFIX/bin" "$D$PREFIX/share/man/man1" "$D/etc/sangtao" "$D$PREFIX/share/sangtao"
install -d -m 2770 "$D$DBDIR"
install -m 0755 "$BIN" "$D$PREFIX/bin/sangtao"
install -m 0644 "$SRC/docs/sangtao.1" "$D$PREFIX/share/man/man1/sangtao.1"
install -m 0644 "$SRC"/data/*.csv "$D$PREFIX/share/sangtao/"
# The screens' compiled catalogues (ui.language = en), found by the program
# at PREFIX/share/locale beside PREFIX/bin.
for mo in "$(dirname "$BIN")"/locale/*/LC_MESSAGES/sangtao.mo; do
    [ -f "$mo" ] || continue
    lang=$(basename "$(dirname "$(dirname "$mo")")")
    install -d "$D$PREFIX/share/locale/$lang/LC_MESSAGES"
    install -m 0644 "$mo" "$D$PREFIX/share/locale/$lang/LC_MESSAGES/sangtao.mo"
done
# The settings point at the installed folder: a database anywhere else is
# refused when the program runs setgid.
if [ ! -e "$D/etc/sangtao/config.ini" ]; then
    sed "s|^path = .*|path = $DBDIR/sangtao.db|" "$SRC/config.ini" >"$D/etc/sangtao/config.ini"
    chmod 0644 "$D/etc/sangtao/config.ini"
else
    echo "install: $D/etc/sangtao/config.ini đã có, giữ nguyên (kept as it is)"
fi
if [ -n "$DESTDIR" ] || [ "$(id -u)" != 0 ]; then
    why="DESTDIR"; [ -z "$DESTDIR" ] && why="not root"
    echo "install: ($why) bỏ qua tạo nhóm $GROUP, chgrp và setgid — skipped; as root run:"
    echo "    groupadd --system $GROUP"
    echo "    chgrp $GROUP $PREFIX/bin/sangtao $DBDIR && chmod 2755 $PREFIX/bin/sangtao && chmod 2770 $DBDIR"
    echo "    chgrp $GROUP $DBDIR/sangtao.db* && chmod 0660 $DBDIR/sangtao.db*   # if it exists"
    exit 0
fi
getent group "$GROUP" >/dev/null || groupadd --system "$GROUP"
chgrp "$GROUP" "$D$DBDIR" "$D$PREFIX/bin/sangtao"
chmod 2770 "$D$DBDIR"
chmod 2755 "$D$PREFIX/bin/sangtao"   # after chgrp: chgrp clears the setgid bit
for f in "$D$DBDIR"/sangtao.db*; do
    [ -e "$f" ] || continue
    chgrp "$GROUP" "$f" && chmod 0660 "$f"
done
echo "install: $PREFIX/bin/sangtao setgid $GROUP; database folder $DBDIR (2770, nhóm $GROUP)"
