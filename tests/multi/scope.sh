#!/bin/sh
# The scope matrix: every command, run by users of another district (Hoài
# Nhơn, BD-HN) against a proposal, people, units and accounts of Quy Nhơn
# (BD-QN), shows nothing of them and changes nothing.
#   tests/multi/scope.sh BIN PASSWORD DRIVER      (run in a scratch folder)
BIN=$1 PW=$2 DRV=$3
# Run alone, too: nothing of the caller's environment, no /etc/sangtao.
for v in $(env | sed -n 's/^\(SANGTAO_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$v"; done
export LC_ALL=C.UTF-8
[ -e config.ini ] || echo '# tests/multi/scope.sh: defaults only' >config.ini
n=0
res() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }
SECRET="Đề xuất thử tải số 0"
CODE=BD-2026-0001

"$DRV" setup sc.db 1 >/dev/null || { echo "not ok 1 - setup"; exit 1; }
A() { SANGTAO_PASSWORD=$PW "$BIN" --db sc.db --user admin "$@"; }
for u in "kb clerk" "hb head" "rb reviewer" "mb monitor" "vb viewer" "ab admin"; do
    set -- $u
    SANGTAO_NEW_PASSWORD=$PW A user add "$1" --name "Người $1" --roles "$2" --scope BD-HN >/dev/null 2>&1
    SANGTAO_PASSWORD=$PW SANGTAO_NEW_PASSWORD="$PW.x" "$BIN" --db sc.db --user "$1" user passwd >/dev/null 2>&1
done
SANGTAO_PASSWORD=$PW SANGTAO_NEW_PASSWORD="$PW.x" "$BIN" --db sc.db --user clerk user passwd >/dev/null 2>&1
A person add --set "full_name=Người Quy Nhơn Bí Mật" --set unit=BD-QN-VP >/dev/null
before=$(sqlite3 sc.db "SELECT count(*) || '/' || sum(version) FROM proposals; SELECT count(*) FROM people; SELECT count(*) || '/' || sum(version) FROM users; SELECT count(*) || '/' || sum(version) FROM units; SELECT count(*) FROM dissemination")

# run USER ARGS…: the command must fail or show nothing of Quy Nhơn.
run() {
    u=$1; shift
    SANGTAO_PASSWORD="$PW.x" "$BIN" --db sc.db --user "$u" "$@" >o.txt 2>&1 </dev/null
    rc=$?
    leak=0
    for s in "$SECRET" "$CODE" "Bí Mật" "Chuyên viên Thử" "BD-QN-VP" "Quy Nhơn"; do
        grep -qF -- "$s" o.txt && leak=1
    done
    # Error messages may repeat what the user typed (the code); never data.
    if [ $leak = 1 ] && [ $rc = 0 ]; then
        res 1 "$u: $*"; sed 's/^/#   /' o.txt | head -5
    elif grep -qF -- "$SECRET" o.txt || grep -qF "Bí Mật" o.txt; then
        res 1 "$u: $* (error leaks data)"; sed 's/^/#   /' o.txt | head -5
    else res 0 "$u: $*"; fi
}
for u in kb hb rb mb vb ab; do
    run $u proposal show $CODE
    run $u proposal show $CODE --format json
    run $u proposal history $CODE
    run $u proposal actions $CODE
    run $u proposal edit $CODE --set title=Sửa
    run $u proposal list --format csv
    run $u proposal list --unit BD-QN --format json
    run $u proposal list --search "thu tai"
    run $u audit --proposal $CODE
    run $u audit --user clerk --format csv
    run $u unit list --format csv
    run $u user list --format csv
    run $u person add --set "full_name=X" --set unit=BD-QN-VP
    run $u dissemination add --unit BD-QN-VP --form conference --participants 3
done
# every workflow action, by every role
actions=$("$BIN" help workflow | sed -n 's/^\([a-z_]*\) — .*/\1/p' | grep -v '^create$\|^edit$')
for u in kb hb rb mb vb ab; do
    for a in $actions; do
        if [ "$a" = note ]; then run $u proposal act $CODE note --set text=x
        else run $u proposal act $CODE "$a"; fi
    done
done
# an administrator of the other district: accounts and units of Quy Nhơn
run ab audit --format csv
run ab user lock clerk
run ab user unlock clerk
run ab user roles clerk --roles viewer --scope BD-HN
run ab user os-login clerk someone
SANGTAO_NEW_PASSWORD="$PW.y" run ab user passwd clerk
printf 'code,name,parent_code,level\nBD-QN-VP,Đổi tên,BD-QN,phong\n' >qn.csv
run ab unit import qn.csv
for u in kb hb rb mb vb ab; do
    run $u backup copy-$u.db
    run $u restore copy-$u.db
    run $u maintain
    run $u holiday import qn.csv
done
after=$(sqlite3 sc.db "SELECT count(*) || '/' || sum(version) FROM proposals; SELECT count(*) FROM people; SELECT count(*) || '/' || sum(version) FROM users; SELECT count(*) || '/' || sum(version) FROM units; SELECT count(*) FROM dissemination")
[ "$before" = "$after" ]; res $? "nothing of Quy Nhơn changed ($(echo "$after" | tr '\n' ' '))"
