#!/bin/sh
# CLI golden tests: run the real binary on a fresh database in a temporary
# folder and compare stdout+stderr, followed by "exit: N", with
# tests/cli/golden/NAME.out.  Prints TAP lines "ok N - name".
#
#   tests/cli/run.sh BUILD_DIR                      run the tests
#   UPDATE_GOLDEN=1 tests/cli/run.sh BUILD_DIR      rewrite the golden files
#                                                   (then read every diff!)
#
# The clock is fixed (SANGTAO_TODAY, SANGTAO_NOW; moved forward by "on" as
# the proposals go on) and ids come from the site numbering, so the outputs
# do not change from run to run.
BUILD=${1:-build}
HERE=$(cd "$(dirname "$0")" && pwd)
GOLDEN=$HERE/golden
BIN=$(cd "$BUILD" 2>/dev/null && pwd)/sangtao
if [ ! -x "$BIN" ]; then
    echo "not ok 1 - $BUILD/sangtao is missing (make all)"
    exit 1
fi
TMP=$(mktemp -d) || exit 1
trap 'rm -rf "$TMP"' EXIT
cd "$TMP" || exit 1
mkdir -p "$GOLDEN"

# Nothing of the caller's environment: no SANGTAO_* variable, one locale.
for v in $(env | sed -n 's/^\(SANGTAO_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$v"; done
unset LANG LANGUAGE
# HOME is the scratch folder: nothing read from the caller's (~/.sqliterc).
export HOME="$TMP"
export SANGTAO_TODAY=2026-03-02 SANGTAO_NOW=2026-03-02T08:00:00Z LC_ALL=C.UTF-8
# Vietnam time without needing tzdata: tables show local times.
export TZ=ICT-7
ADMIN_PW='Quantri#2026'
FIRST_PW='Tamthoi#01'      # set by the administrator
USER_PW='Matkhau#02'       # chosen by each user at first login

n=0; failed=0
# t NAME COMMAND…: run COMMAND (a function or sangtao itself), compare.
t() {
    name=$1; shift
    n=$((n + 1))
    "$@" </dev/null >out.tmp 2>&1
    echo "exit: $?" >>out.tmp
    # The OS login running the tests differs from machine to machine.
    sed "s/người dùng hệ thống '[^']*'/người dùng hệ thống 'OSUSER'/" out.tmp >got.tmp
    if [ -n "$UPDATE_GOLDEN" ]; then
        cp got.tmp "$GOLDEN/$name.out"
        echo "ok $n - $name (golden written)"
    elif [ ! -f "$GOLDEN/$name.out" ]; then
        failed=$((failed + 1))
        echo "not ok $n - $name (no golden file; UPDATE_GOLDEN=1 writes it)"
        sed 's/^/# /' got.tmp | head -20
    elif cmp -s got.tmp "$GOLDEN/$name.out"; then
        echo "ok $n - $name"
    else
        failed=$((failed + 1))
        echo "not ok $n - $name"
        diff -u "$GOLDEN/$name.out" got.tmp | sed 's/^/# /' | head -40
    fi
}

st() { "$BIN" "$@"; }
# as USER COMMAND…: sangtao logged in as USER with that user's password.
as() {
    u=$1; shift
    if [ "$u" = admin ]; then p=$ADMIN_PW; else p=$USER_PW; fi
    SANGTAO_PASSWORD=$p "$BIN" --user "$u" "$@"
}
# on DATE COMMAND…: the clock moves to DATE (yyyy-mm-dd, 15:00 in Vietnam)
# and stays there; it never goes back, so the steps are dated in order.
on() {
    if [ "$(echo "$1" | tr -d -)" -lt "$(echo "$SANGTAO_TODAY" | tr -d -)" ]; then
        echo "on $1: the clock is already at $SANGTAO_TODAY"; return 1
    fi
    export SANGTAO_TODAY="$1" SANGTAO_NOW="$1T08:00:00Z"
    shift; "$@"
}
# Run a command and show only its first N lines, keeping its exit code.
first() {
    k=$1; shift
    "$@" >first.tmp 2>&1; r=$?
    head -n "$k" first.tmp
    return $r
}

# ---- files the tests use -------------------------------------------------

cat >config.ini <<'EOF'
# settings for the CLI tests
[database]
path = t.db
[site]
code = TN
EOF

cat >units.csv <<'EOF'
code,name,parent_code,level,short_name
T,Tỉnh ủy Thử Nghiệm,,tinh,Tỉnh ủy
T-BTC,Ban Tổ chức Tỉnh ủy,T,ban,BTC
T-VP,Văn phòng Tỉnh ủy,T,ban,VP
HA,Huyện ủy An Lão,T,huyen,HU An Lão
HA-VP,Văn phòng Huyện ủy An Lão,HA,phong,VP An Lão
HB,Huyện ủy Hoài Ân,T,huyen,HU Hoài Ân
HB-VP,Văn phòng Huyện ủy Hoài Ân,HB,phong,VP Hoài Ân
EOF

printf 'code,name,parent_code,level\nR1,Gốc một,,tinh\nR2,Gốc hai,,tinh\n' >two_roots.csv
printf 'code,name,parent_code,level\nHA-XA,Đảng ủy xã An Hòa,HA,xa\nHA-BAD,Đơn vị lỗi,KHONGCO,xa\n' >units_bad.csv
printf 'code,name,parent_code,level\nHA-XA,Đảng ủy xã An Hòa,HA,xa\n' >units_more.csv

printf 'date,kind,name\n2031-01-01,holiday,Tết Dương lịch\n2031-01-04,workday,Làm bù\n' >hol_ok.csv
printf 'date,kind,name\n2032-01-01,holiday,Tết Dương lịch\n2032-02-30,holiday,Ngày không có\n' >hol_bad.csv

# A complete proposal, as --from lines (\n is a line break).
cat >p1.txt <<'EOF'
# Đề xuất số hóa hồ sơ một cửa
title=Số hóa hồ sơ một cửa cấp huyện
field=chuyen_doi_so
employing_unit=HA-VP
lead=Nguyễn Văn An
lead_position=Chuyên viên Văn phòng
coauthors=Trần Thị Bình; Lê Văn Cường
bottleneck=Hồ sơ giấy chuyển qua nhiều phòng, mất 5–7 ngày
bottleneck_kind=unsuitable
necessity=Rút ngắn thời gian giải quyết hồ sơ\nGiảm giấy tờ
content=Quét hồ sơ, luân chuyển trên phần mềm\nKý số văn bản
scope_implementers=Văn phòng Huyện ủy
period_from=01/04/2026
period_to=30/09/2026
funding_requested=150.000.000
feasibility=Đã có máy quét và phần mềm của tỉnh
legal_basis=Nghị định 73/2023/NĐ-CP
expected_effect=Giảm 50% thời gian xử lý
EOF
# P2 and P3 go to the head after P1's walk, in November 2026.
sed -e 's/^title=.*/title=Sổ tay điện tử cho đảng viên/' -e 's/^lead=.*/lead=Phạm Thị Dung/' \
    -e '/^coauthors=/d' -e 's|^period_from=.*|period_from=01/12/2026|' \
    -e 's|^period_to=.*|period_to=31/05/2027|' p1.txt >p2.txt
sed -e 's/^title=.*/title=Thí điểm tổ công tác lưu động/' -e 's/^lead=.*/lead=Võ Văn Em/' \
    -e '/^coauthors=/d' -e 's|^period_from=.*|period_from=01/12/2026|' \
    -e 's|^period_to=.*|period_to=31/05/2027|' p1.txt >p3.txt
sed -e 's/^title=.*/title=Khu dân cư không rác thải/' -e 's/^employing_unit=.*/employing_unit=HB-VP/' \
    -e 's/^lead=.*/lead=Đặng Văn Phúc/' -e '/^coauthors=/d' p1.txt >pb.txt

# A field of exactly 1 000 000 bytes, and one byte more.
big() {
    printf 'title=Đề xuất có nội dung rất dài\nemploying_unit=HA-VP\ncontent='
    head -c "$1" /dev/zero | tr '\0' 'a'
    printf '\n'
}
big 1000000 >big_ok.txt
big 1000001 >big_over.txt

printf 'title,employing_unit,field,lead\nNhập thử một,HA-VP,kinh_te,Hồ Văn Giang\nNhập thử hai,HA-VP,khong_co,Hồ Văn Giang\n' >import_bad.csv
printf 'title,employing_unit,field,lead\nNhập thử một,HA-VP,kinh_te,Hồ Văn Giang\nNhập thử hai,HA-VP,y_te,"Ngô Thị Hạnh"\n' >import_ok.csv

# The title in NFD (decomposed marks): "Hoàn thiện" as the keyboard of some
# systems sends it; it must be stored and shown in NFC.
NFD_TITLE=$(printf 'Hoa\314\200n thie\314\202\314\243n quy tr\303\254nh')
NFC_TITLE=$(printf 'Ho\303\240n thi\341\273\207n quy tr\303\254nh')

# ---- program, help, usage errors ------------------------------------------

t version st --version
t help st --help
t help_config first 4 st --help-config
t help_workflow st help workflow
t help_unknown_topic st help nothing
t unknown_command st frobnicate
t unknown_global_option st --frob proposal list
t global_option_needs_value st --db
t unknown_subcommand st proposal frob
t missing_subcommand st user
t unknown_option st proposal list --colour
t option_needs_value st proposal list --state
t too_many_args st proposal show A B

help_all() {
    for c in init "proposal" "proposal new" "proposal edit" "proposal list" "proposal show" \
             "proposal act" "proposal actions" "proposal history" "proposal import" \
             "user" "user add" "user list" "user lock" "user unlock" "user passwd" \
             "user roles" "user os-login" "unit" "unit import" "unit list" "person" \
             "person add" "holiday" "holiday import" "dissemination" "dissemination add" \
             check backup restore maintain audit; do
        echo "== sangtao $c --help"
        # shellcheck disable=SC2086
        "$BIN" $c --help; echo "(exit $?)"
    done
}
t help_all help_all
t help_command st help proposal
t act_help_action st proposal act --help submit
t act_help_list st proposal act --help

# ---- init ---------------------------------------------------------------------

init_pw() { pw=$1; shift; printf '%s\n' "$pw" | "$BIN" "$@"; }
t init init_pw "$ADMIN_PW" init --units units.csv
t init_refuses_overwrite init_pw "$ADMIN_PW" init --units units.csv
# A failed init leaves no half-made database behind.
left() { if [ -e "$1" ]; then echo "$1: còn"; else echo "$1: không còn"; fi; }
short_pw() { init_pw abc --db short.db init --units units.csv; r=$?; left short.db; return $r; }
t init_short_password short_pw
two_roots() { init_pw "$ADMIN_PW" --db roots.db init --units two_roots.csv; r=$?; left roots.db; return $r; }
t init_two_roots two_roots
t init_no_password st --db nopw.db init --units units.csv

# ---- login ----------------------------------------------------------------------

t not_logged_in st proposal list
wrong_pw() { SANGTAO_PASSWORD=sai-mat-khau "$BIN" --user admin proposal list; }
t wrong_password wrong_pw
no_pw() { "$BIN" --user admin proposal list; }
t login_needs_password no_pw
env_user() { SANGTAO_USER=admin SANGTAO_PASSWORD=$ADMIN_PW "$BIN" unit list --format csv; }
t login_from_env env_user
t db_option as admin --db t.db check
t db_option_missing_file as admin --db khong-co.db check

# ---- units ------------------------------------------------------------------------

t unit_list as admin unit list
t unit_list_csv as admin unit list --format csv
t unit_list_json as admin unit list --format json
t unit_list_bad_format as admin unit list --format xml
t unit_import_bad_row as admin unit import units_bad.csv
t unit_import_bad_row_nothing_imported as admin unit list --format csv
t unit_import as admin unit import units_more.csv
t unit_import_missing_file as admin unit import khong-co.csv

# ---- users --------------------------------------------------------------------------

add_user() {
    SANGTAO_NEW_PASSWORD=$FIRST_PW SANGTAO_PASSWORD=$ADMIN_PW "$BIN" --user admin user add "$@"
}
t user_add_clerk_a add_user clerk_a --name "Nguyễn Thị Thu" --roles clerk --scope HA
t user_add_head_a add_user head_a --name "Trần Văn Hùng" --roles head --scope HA
t user_add_rev_a add_user rev_a --name "Lê Thị Mai" --roles reviewer --scope HA
t user_add_btc add_user btc --name "Phan Văn Tổ" --roles monitor --scope T
t user_add_clerk_b add_user clerk_b --name "Đỗ Văn Bảo" --roles clerk --scope HB --os-login clerkb_os
t user_add_viewer add_user xem --name "Vũ Thị Xem" --roles viewer --scope T
t user_add_bad_role add_user x1 --name "X" --roles clerk,boss --scope HA
t user_add_bad_scope add_user x2 --name "X" --roles clerk --scope KHONGCO
t user_add_missing_scope add_user x3 --name "X" --roles clerk
t user_add_duplicate add_user clerk_a --name "Nguyễn Thị Thu" --roles clerk --scope HA
short_new() {
    SANGTAO_NEW_PASSWORD=ngan SANGTAO_PASSWORD=$ADMIN_PW "$BIN" --user admin user add x4 \
        --name "X" --roles clerk --scope HA
}
t user_add_short_password short_new

first_login() { SANGTAO_PASSWORD=$FIRST_PW "$BIN" --user "$1" proposal list; }
t must_change_password first_login clerk_a
change_pw() {
    SANGTAO_PASSWORD=$FIRST_PW SANGTAO_NEW_PASSWORD=$USER_PW "$BIN" --user "$1" user passwd
}
for u in clerk_a head_a rev_a btc clerk_b xem; do t "user_passwd_$u" change_pw $u; done
t user_add_by_monitor_refused as btc user add x5 --name X --roles clerk --scope HA
t user_list as admin user list
t user_list_csv as admin user list --format csv
t user_list_json as admin user list --format json
t user_list_in_scope as clerk_a user list
t user_lock as admin user lock clerk_b
t user_locked_cannot_login as clerk_b proposal list
t user_unlock as admin user unlock clerk_b
t user_unlocked_can_login as clerk_b proposal list
t user_roles as admin user roles xem --roles viewer,reviewer
t user_roles_scope as admin user roles xem --roles viewer --scope HB
t user_roles_missing as admin user roles xem
t user_os_login as admin user os-login xem xem_os
admin_passwd() { SANGTAO_NEW_PASSWORD='Moi#12345' as admin user passwd xem; }
t user_passwd_by_admin admin_passwd
xem_login() { SANGTAO_PASSWORD='Moi#12345' "$BIN" --user xem unit list --format csv; }
t user_passwd_by_admin_must_change xem_login
xem_change() { SANGTAO_PASSWORD='Moi#12345' SANGTAO_NEW_PASSWORD=$USER_PW "$BIN" --user xem user passwd xem; }
t user_passwd_again xem_change
t user_passwd_other_by_clerk as clerk_a user passwd head_a

# ---- people, holidays, dissemination ----------------------------------------------------

t person_add as clerk_a person add --set "full_name=Bùi Thị Hoa" --set unit=HA-VP --set "position=Chuyên viên"
t person_add_out_of_scope as clerk_a person add --set "full_name=Bùi Văn Khác" --set unit=HB-VP
t person_add_missing_name as clerk_a person add --set unit=HA-VP
t holiday_import as admin holiday import hol_ok.csv
t holiday_import_bad_row as admin holiday import hol_bad.csv
t holiday_import_by_clerk as clerk_a holiday import hol_ok.csv
t dissemination_add as clerk_a dissemination add --unit HA-VP --date 27/02/2026 --form cell_meeting --participants 35 --note "Quán triệt Kết luận 14-KL/TW"
t dissemination_bad_form as clerk_a dissemination add --unit HA-VP --form party --participants 35
t dissemination_negative as clerk_a dissemination add --unit HA-VP --form conference --participants -3
t dissemination_out_of_scope as clerk_a dissemination add --unit HB-VP --form conference --participants 10
t dissemination_by_reviewer as rev_a dissemination add --unit HA-VP --form conference --participants 10

# ---- proposals: entry and bad input ----------------------------------------------------------

P1=TN-2026-0001 P2=TN-2026-0002 P3=TN-2026-0003 PB=TN-2026-0004
t new_p1 as clerk_a proposal new --from p1.txt
t new_p2 as clerk_a proposal new --from p2.txt
t new_p3 as clerk_a proposal new --from p3.txt
t new_pb as clerk_b proposal new --from pb.txt
t new_missing_title as clerk_a proposal new --set employing_unit=HA-VP --set field=kinh_te
t new_escape_refused as clerk_a proposal new --set "title=Một cửa $(printf '\033')[31mđỏ" --set employing_unit=HA-VP
t new_unknown_field as clerk_a proposal new --set title=X --set employing_unit=HA-VP --set colour=red
t new_bad_date as clerk_a proposal new --set title=X --set employing_unit=HA-VP --set period_from=31/02/2026
t new_bad_set as clerk_a proposal new --set title
t new_nothing as clerk_a proposal new
bad_utf8() { as clerk_a proposal new --set "title=$(printf 'Đề xuất \377 lỗi')" --set employing_unit=HA-VP; }
t new_invalid_utf8 bad_utf8
bad_utf8_file() { printf 'title=ok\ncontent=abc\300\n' >bad.txt; as clerk_a proposal new --from bad.txt; }
t new_invalid_utf8_from_file bad_utf8_file
t new_other_district_unit as clerk_a proposal new --set title=X --set employing_unit=HB-VP
t new_by_reviewer as rev_a proposal new --set title=X --set employing_unit=HA-VP
t new_nfd as clerk_a proposal new --set "title=$NFD_TITLE" --set employing_unit=HA-VP
nfc_back() {
    as clerk_a proposal show TN-2026-0005 --format json >show.json || return 1
    if grep -q "$NFC_TITLE" show.json; then echo "NFC: có"; else echo "NFC: không"; fi
    if grep -q "$NFD_TITLE" show.json; then echo "NFD: có"; else echo "NFD: không"; fi
    as clerk_a proposal list --search "hoan thien" --format csv
}
t nfd_stored_as_nfc nfc_back
t new_1mb_field as clerk_a proposal new --from big_ok.txt
big_back() {
    as clerk_a proposal show TN-2026-0006 --format json >big.json || return 1
    echo "content: $(grep -o '"content": *"a*"' big.json | head -n 1 | tr -cd a | wc -c) byte"
}
t new_1mb_field_stored big_back
t new_1mb_plus_1_refused as clerk_a proposal new --from big_over.txt
t import_bad_row as clerk_a proposal import import_bad.csv
t import_bad_row_nothing_imported as clerk_a proposal list --search "nhap thu"
t import as clerk_a proposal import import_ok.csv
t import_by_reviewer as rev_a proposal import import_ok.csv
t import_missing_file as clerk_a proposal import khong-co.csv

# ---- listing and reading ---------------------------------------------------------------------

t list as clerk_a proposal list --sort code
t list_csv as clerk_a proposal list --sort code --format csv
t list_json as clerk_a proposal list --sort code --limit 2 --format json
t list_state_draft as head_a proposal list --state draft --sort code --desc
t list_unknown_state as clerk_a proposal list --state pending
t list_bad_limit as clerk_a proposal list --limit many
t list_bad_sort as clerk_a proposal list --sort colour --format csv
t list_unit as btc proposal list --unit HB --sort code
t list_field as btc proposal list --field y_te
t list_search_no_marks as btc proposal list --search "so hoa"
t show_text as clerk_a proposal show $P1
t show_json as clerk_a proposal show $P1 --format json
t show_unknown as clerk_a proposal show TN-2026-9999
t show_bad_format as clerk_a proposal show $P1 --format xml
t actions_clerk as clerk_a proposal actions $P1
t actions_head as head_a proposal actions $P1
t actions_viewer as xem proposal actions $PB
t edit as clerk_a proposal edit $P1 --set "scientific_basis=Mô hình một cửa điện tử của tỉnh"
t edit_version_conflict as clerk_a proposal edit $P1 --version 1 --set risks=Không
t edit_version_ok as clerk_a proposal edit $P1 --version 2 --set "risks=Mất dữ liệu: sao lưu hằng ngày"

# ---- scope: a clerk of another district ------------------------------------------------------

t scope_list_empty as clerk_b proposal list --state draft --unit HA
t scope_list_empty_json as clerk_b proposal list --unit HA --format json
t scope_list_empty_csv as clerk_b proposal list --unit HA --format csv
t scope_list_own as clerk_b proposal list
t scope_show as clerk_b proposal show $P1
t scope_act as clerk_b proposal act $P1 submit
t scope_edit as clerk_b proposal edit $P1 --set title=Sửa
t scope_history as clerk_b proposal history $P1
t scope_other_way as clerk_a proposal show $PB
oslogin() {
    # clerk_b's account is mapped to the OS login clerkb_os, not to ours.
    "$BIN" proposal show $PB
}
t scope_os_login_not_mapped oslogin

# ---- offline offices: verify, conflicts, repair and the walk (issue 15) ------------------------
# In sync/ with its own hub and office, on the clock of 02/03/2026.

. "$HERE/sync_more_cases.sh"

# ---- Decree 73 on a database of its own: warnings, attachments, register ----
. "$HERE/law_cases.sh"

# ---- the full walk of P1: draft → replicated ------------------------------------------------

# Each step is taken on the day it records or later (issue 13 item 6).
t act_missing_action as clerk_a proposal act $P1
t act_unknown_action as clerk_a proposal act $P1 fly
t act_wrong_role as clerk_a proposal act $P1 accept
t act_wrong_state as head_a proposal act $P1 approve --set kind=implement --set doc_no=12-QĐ/HU --set doc_date=02/03/2026 --set "signer=Trần Văn Hùng"
t act_version_conflict as clerk_a proposal act $P1 submit --version 1
t walk_submit as clerk_a proposal act $P1 submit --set "comment=Kính trình đồng chí Bí thư"
t walk_edit_after_submit as clerk_a proposal edit $P1 --set title=Sửa
t walk_accept as head_a proposal act $P1 accept
t walk_approve_before_vote as head_a proposal act $P1 approve --set kind=implement --set doc_no=12-QĐ/HU --set doc_date=02/03/2026 --set "signer=Trần Văn Hùng"
t walk_opinion_missing_text on 2026-03-04 as rev_a proposal act $P1 opinion --set "reviewer=Ban Tổ chức Huyện ủy" --set recommendation=implement
# The date rule: not after today, not before the previous step.
t walk_date_after_today as rev_a proposal act $P1 opinion --set "reviewer=Ban Tổ chức Huyện ủy" --set recommendation=implement --set opinion_date=05/03/2026 --set "text=Đề xuất khả thi, nên cho thực hiện"
t walk_opinion as rev_a proposal act $P1 opinion --set "reviewer=Ban Tổ chức Huyện ủy" --set recommendation=implement --set opinion_date=04/03/2026 --set "text=Đề xuất khả thi, nên cho thực hiện"
t walk_opinion_party on 2026-03-05 as head_a proposal act $P1 opinion --set "reviewer=Ban Thường vụ Huyện ủy" --set recommendation=implement --set opinion_date=05/03/2026 --set "text=Thống nhất chủ trương" --set party_committee=có
t walk_vote_bad on 2026-03-06 as head_a proposal act $P1 vote --set members=9 --set votes_for=7 --set votes_against=5
t walk_vote as head_a proposal act $P1 vote --set vote_date=06/03/2026 --set members=9 --set votes_for=7 --set votes_against=1 --set abstain=1
t walk_approve_missing on 2026-03-10 as head_a proposal act $P1 approve --set kind=implement
t walk_approve as head_a proposal act $P1 approve --set kind=implement --set doc_no=12-QĐ/HU --set doc_date=10/03/2026 --set "signer=Trần Văn Hùng" --set funding_granted=120.000.000 --set "people_granted=2 chuyên viên"
t walk_date_before_previous_step on 2026-04-01 as clerk_a proposal act $P1 start --set start_date=09/03/2026
t walk_start as clerk_a proposal act $P1 start --set start_date=01/04/2026
t walk_monitor on 2026-06-15 as btc proposal act $P1 monitor --set entry_date=15/06/2026 --set kind=inspect --set "by_whom=Ban Tổ chức Tỉnh ủy" --set progress=40 --set "findings=Đúng tiến độ"
t walk_monitor_violation_no_detail as btc proposal act $P1 monitor --set kind=follow --set "by_whom=Ban Tổ chức Tỉnh ủy" --set violation=có
# An entry older than workflow.backdate_days (30) is taken with a warning,
# kept in the event's comment.
backdated() {
    on 2026-09-28 as btc proposal act $P1 monitor --set entry_date=10/08/2026 --set kind=follow \
        --set "by_whom=Ban Tổ chức Tỉnh ủy" --set progress=80 --set "findings=Ghi lại từ sổ theo dõi"
    r=$?
    as btc proposal history $P1 --format csv | tail -n 1 |
        sed -n 's/.*"\(Lưu ý: [^"]*\)".*/history: \1/p'
    return $r
}
t walk_date_backdated_warning backdated
t walk_report on 2026-10-05 as clerk_a proposal act $P1 report --set completion_date=30/09/2026 --set report_date=05/10/2026 --set "results=Giảm 60% thời gian xử lý hồ sơ"
t walk_evaluate_before_party as head_a proposal act $P1 evaluate --set outcome=completed --set protection_measure=not_liable --set members=9 --set votes_for=8 --set votes_against=0 --set abstain=1
t walk_opinion_party_result on 2026-10-08 as head_a proposal act $P1 opinion --set "reviewer=Ban Thường vụ Huyện ủy" --set recommendation=other --set opinion_date=08/10/2026 --set "text=Kết quả tốt, đề nghị nhân rộng" --set party_committee=yes
t walk_evaluate_wrong_measure as head_a proposal act $P1 evaluate --set outcome=completed --set protection_measure=discipline --set members=9 --set votes_for=8 --set votes_against=0 --set abstain=1
t walk_evaluate on 2026-10-12 as head_a proposal act $P1 evaluate --set meeting_date=12/10/2026 --set outcome=completed --set protection_measure=not_liable --set in_line_policy=có --set clean_motive=có --set common_good=có --set no_prohibited_act=có --set doc_no=30-BC/HU --set doc_date=12/10/2026 --set members=9 --set votes_for=8 --set votes_against=0 --set abstain=1
t walk_notify on 2026-10-14 as head_a proposal act $P1 notify --set notify_date=14/10/2026 --set "recipient=Nguyễn Văn An"
t walk_propose_replication on 2026-10-20 as head_a proposal act $P1 propose_replication --set "text=Đề nghị nhân rộng toàn tỉnh" --set "target_units=Các huyện ủy, thị ủy"
t walk_replicate_by_head on 2026-11-01 as head_a proposal act $P1 replicate --set doc_no=45-QĐ/TU --set doc_date=01/11/2026 --set "adopting_units=Huyện ủy Hoài Ân"
t walk_replicate as btc proposal act $P1 replicate --set doc_no=45-QĐ/TU --set doc_date=01/11/2026 --set "adopting_units=Huyện ủy Hoài Ân; Huyện ủy An Lão"
t walk_commend on 2026-11-15 as btc proposal act $P1 commend --set "person=Nguyễn Văn An" --set form=certificate --set doc_no=50-QĐ/TU --set doc_date=15/11/2026 --set issuer_level=province --set issuing_unit=T
t walk_commend_unknown_person as btc proposal act $P1 commend --set "person=Không Có Ai" --set form=praise --set doc_no=51-QĐ/TU --set doc_date=15/11/2026
t walk_actions_done as btc proposal actions $P1
t walk_history as head_a proposal history $P1
t walk_history_json as head_a proposal history $P1 --format json
t walk_show as head_a proposal show $P1

# ---- branches: returned → resubmit → reject (P2); suspend, resume, terminate (P3) ----------

t p2_submit on 2026-11-16 as clerk_a proposal act $P2 submit
t p2_accept_first as head_a proposal act $P2 accept
t p2_vote_first on 2026-11-17 as head_a proposal act $P2 vote --set vote_date=17/11/2026 --set members=7 --set votes_for=5 --set votes_against=2
t p2_return_no_reason as head_a proposal act $P2 return
t p2_return as head_a proposal act $P2 return --set "reason=Bổ sung cơ sở pháp lý"
t p2_edit on 2026-11-18 as clerk_a proposal edit $P2 --set "legal_basis=Nghị định 73/2023/NĐ-CP; Kết luận 14-KL/TW"
t p2_resubmit as clerk_a proposal act $P2 resubmit
# Entered on 20/11, the plan was received on 19/11: the clock counts from then.
t p2_accept on 2026-11-20 as head_a proposal act $P2 accept --set received_date=19/11/2026
t p2_reject_bad_reason as head_a proposal act $P2 reject --set reject_reasons=too_expensive --set doc_no=13-QĐ/HU --set doc_date=20/11/2026 --set "signer=Trần Văn Hùng"
t p2_reject_old_vote as head_a proposal act $P2 reject --set reject_reasons=not_feasible --set doc_no=13-QĐ/HU --set doc_date=20/11/2026 --set "signer=Trần Văn Hùng"
t p2_vote on 2026-11-24 as head_a proposal act $P2 vote --set vote_date=24/11/2026 --set members=7 --set votes_for=4 --set votes_against=2 --set abstain=1
t p2_reject_passed_no_override on 2026-11-25 as head_a proposal act $P2 reject --set reject_reasons=not_feasible --set doc_no=13-QĐ/HU --set doc_date=25/11/2026 --set "signer=Trần Văn Hùng"
t p2_reject as head_a proposal act $P2 reject --set reject_reasons=not_feasible,impractical --set "reject_detail=Chưa có kinh phí" --set doc_no=13-QĐ/HU --set doc_date=25/11/2026 --set "signer=Trần Văn Hùng" --set "override_reason=Người đứng đầu chịu trách nhiệm: chưa bố trí được kinh phí"
t p2_history as clerk_a proposal history $P2
t p2_history_csv as clerk_a proposal history $P2 --format csv

t p3_submit on 2026-11-26 as clerk_a proposal act $P3 submit
t p3_accept as head_a proposal act $P3 accept
t p3_opinion_party on 2026-11-27 as head_a proposal act $P3 opinion --set "reviewer=Ban Thường vụ Huyện ủy" --set recommendation=pilot --set "text=Đồng ý thí điểm" --set party_committee=có
t p3_reject_before_vote on 2026-11-30 as head_a proposal act $P3 reject --set reject_reasons=not_feasible --set doc_no=14-QĐ/HU --set doc_date=30/11/2026 --set "signer=Trần Văn Hùng"
t p3_actions_before_vote on 2026-11-30 as head_a proposal actions $P3
t p3_vote_tie_no_head_vote as head_a proposal act $P3 vote --set members=8 --set votes_for=4 --set votes_against=4
t p3_vote_tie as head_a proposal act $P3 vote --set members=8 --set votes_for=4 --set votes_against=4 --set head_vote=against
t p3_approve_without_override on 2026-12-01 as head_a proposal act $P3 approve --set kind=pilot --set "pilot_scope=Xã An Hòa" --set doc_no=14-QĐ/HU --set doc_date=01/12/2026 --set "signer=Trần Văn Hùng"
t p3_approve_override as head_a proposal act $P3 approve --set kind=pilot --set "pilot_scope=Xã An Hòa" --set doc_no=14-QĐ/HU --set doc_date=01/12/2026 --set "signer=Trần Văn Hùng" --set "override_reason=Người đứng đầu chịu trách nhiệm"
t p3_start on 2026-12-02 as clerk_a proposal act $P3 start
t p3_suspend on 2026-12-07 as btc proposal act $P3 suspend --set "reason=Kiểm tra phát hiện sai sót"
t p3_monitor_suspended as btc proposal act $P3 monitor --set kind=supervise --set "by_whom=Ban Tổ chức" --set violation=có --set "violation_detail=Chi sai mục đích"
t p3_resume on 2026-12-09 as head_a proposal act $P3 resume --set "comment=Đã khắc phục"
t p3_terminate_missing on 2026-12-11 as head_a proposal act $P3 terminate --set "violation=Tái phạm"
t p3_terminate as head_a proposal act $P3 terminate --set "violation=Tái phạm chi sai mục đích" --set "referral=Ủy ban Kiểm tra Huyện ủy" --set doc_no=20-QĐ/HU --set doc_date=11/12/2026
t p3_after_terminate as head_a proposal act $P3 resume
t p3_actions as head_a proposal actions $P3
t p3_history as head_a proposal history $P3

# From here on the clock stays at 11/12/2026 unless a step moves it.
t withdraw as clerk_a proposal act TN-2026-0005 withdraw --set "reason=Trùng với đề xuất khác"
t list_final as btc proposal list --sort code
t list_final_states as btc proposal list --state replicated --format csv

# ---- the demo database ------------------------------------------------------------------------

demo_init() { SANGTAO_PASSWORD=$ADMIN_PW "$BIN" --db demo.db init --demo; }
t init_demo first 1 demo_init
t demo_check as admin --db demo.db check
t demo_list_csv first 1 as admin --db demo.db proposal list --format csv

# ---- check, backup ------------------------------------------------------------------------------

t check as admin check
t check_by_viewer as xem check
t check_reindex as admin check --reindex
t check_reindex_by_viewer as xem check --reindex
# Search (issue 5): NFD typed, unit names, nothing found, Vietnamese order.
t list_search_nfd as btc proposal list --search "$(printf 'So\314\201 ho\314\201a')"
t list_search_unit_name as btc proposal list --search "hoai an" --sort code
t list_search_nothing as btc proposal list --search "khong co tu nay"
t list_sort_title as btc proposal list --sort title
t backup as admin backup copy.db
t backup_exists as admin backup copy.db
t backup_by_clerk as clerk_a backup copy2.db
t backup_is_usable as admin --db copy.db proposal list --state replicated --format csv

# ---- Decree 73 (issue 13): plan content, the review clock from receipt, rewards ---------------

# Art. 7(2): the period and the resources asked are needed before submission.
sed -e 's/^title=.*/title=Tổ hòa giải trực tuyến/' -e 's/^lead=.*/lead=Võ Văn Em/' \
    -e '/^coauthors=/d' -e '/^period_/d' -e '/^funding_requested=/d' p1.txt >p4.txt
P4=TN-2026-0009
quiet() { "$@" >/dev/null 2>&1 || echo "step failed: $*"; }
quiet as clerk_a proposal new --from p4.txt
t art7_submit_no_period_resources as clerk_a proposal act $P4 submit
quiet as clerk_a proposal edit $P4 --set period_from=24/12/2026 --set period_to=30/06/2027 --set "people_requested=2 chuyên viên"
# Art. 8(1): submitted Fri 11/12/2026, due Tue 22/12/2026, never accepted: overdue on 23/12.
quiet as clerk_a proposal act $P4 submit
t art8_review_clock_unaccepted_overdue on 2026-12-23 as admin report overdue
# Art. 10: rewards for results only for proposals evaluated completed, and their proposers.
t art10_commend_not_proposer as btc proposal act $P1 commend --set "person=Phạm Thị Dung" --set form=early_raise --set doc_no=52-QĐ/TU --set doc_date=23/12/2026
t art10_praise_not_proposer as btc proposal act $P1 commend --set "person=Phạm Thị Dung" --set form=praise --set doc_no=53-QĐ/TU --set doc_date=23/12/2026
quiet as head_a proposal act $P4 accept
quiet as head_a proposal act $P4 opinion --set "reviewer=Ban Thường vụ Huyện ủy" --set recommendation=implement --set "text=Đồng ý" --set party_committee=có
quiet as head_a proposal act $P4 vote --set members=7 --set votes_for=6 --set votes_against=1
quiet on 2026-12-24 as head_a proposal act $P4 approve --set kind=implement --set doc_no=15-QĐ/HU --set doc_date=24/12/2026 "--set" "signer=Trần Văn Hùng"
quiet as clerk_a proposal act $P4 start --set start_date=24/12/2026
quiet on 2026-12-28 as clerk_a proposal act $P4 report --set completion_date=28/12/2026 --set report_date=28/12/2026 "--set" "results=Chưa đạt"
quiet on 2026-12-29 as head_a proposal act $P4 opinion --set "reviewer=Ban Thường vụ Huyện ủy" --set recommendation=other --set "text=Chưa đạt" --set party_committee=có
quiet as head_a proposal act $P4 evaluate --set outcome=not_completed --set "objective_causes=Thiếu nhân lực" --set "subjective_causes=Chuẩn bị chưa kỹ" --set protection_measure=none --set members=7 --set votes_for=5 --set votes_against=1
quiet on 2026-12-30 as clerk_a proposal act $P4 notify
t art10_early_raise_not_completed as btc proposal act $P4 commend --set "person=Võ Văn Em" --set form=early_raise --set doc_no=54-QĐ/TU --set doc_date=30/12/2026
t art10_praise_not_completed as btc proposal act $P4 commend --set "person=Võ Văn Em" --set form=praise --set doc_no=55-QĐ/TU --set doc_date=30/12/2026

# Typed without marks: the person already entered is offered, no twin is added.
t person_unaccented_offered as clerk_a proposal new --from p1.txt --set "lead=Bui Thi Hoa"
# Import hints: a ';' file with Vietnamese labels for headers, a line break
# (CR LF) inside a cell, a CP1258 file, an unknown column, a NUL in --from.
printf 'Tên đề xuất;ĐƠN VỊ CÔNG TÁC;linh vuc;lead;necessity\r\nNhập chấm phẩy;HA-VP;kinh_te;Hồ Văn Giang;"Dòng một\r\nDòng hai"\r\n' >import_semi.csv
t import_semicolon_labels as clerk_a proposal import import_semi.csv
import_semi_show() { as clerk_a proposal list --search "nhap cham phay" --format csv; }
t import_semicolon_rows import_semi_show
printf 'title,employing_unit,lead\nS\341\273\221 h\363a,HA-VP,H\362a\n' >import_cp1258.csv
t import_cp1258 as clerk_a proposal import import_cp1258.csv
printf 'title,don vi,lead\nThử,HA-VP,Hồ Văn Giang\n' >import_badcol.csv
t import_unknown_column as clerk_a proposal import import_badcol.csv
printf 'title=Thử NUL\nemploying_unit=HA-VP\nlead=Hồ\000Văn Giang\n' >from_nul.txt
t from_file_nul as clerk_a proposal new --from from_nul.txt

# ---- the offline exchange (site, sync, init --seed) ---------------------------
. "$HERE/sync_cases.sh"

echo "1..$n"
[ "$failed" -eq 0 ]
