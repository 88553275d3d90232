# Sourced by tests/cli/run.sh (its t, BIN, ADMIN_PW, FIRST_PW, USER_PW, units.csv,
# p1.txt): the offline exchange between a hub and one office, in sync/ of the
# scratch folder.  Bundle sizes and one-time codes differ from run to run:
# they are masked.
mkdir -p sync
cp units.csv p1.txt sync/
cd sync || exit 1
printf '[database]\npath = hub.db\n[site]\ncode = TN\n' >hub.ini
printf '[database]\npath = ha.db\n[site]\ncode = HA\nnumber = 2\n' >ha.ini
sy_mask() { sed -e 's/: [0-9]* byte\./: N byte./' -e 's/^\(Mã dùng một lần:\) .*/\1 XXXX/'; }
hub() { SANGTAO_PASSWORD=$ADMIN_PW "$BIN" --config hub.ini --user admin "$@"; }
off() { SANGTAO_PASSWORD=$ADMIN_PW "$BIN" --config ha.ini --user admin.ha "$@"; }
oclerk() { SANGTAO_PASSWORD=$USER_PW "$BIN" --config ha.ini --user clerk_a "$@"; }
sy_quiet() { "$@" >/dev/null 2>&1 || echo "step failed: $*"; }
# m COMMAND…: the command's output with sizes and codes masked, its exit code kept.
m() { "$@" >m.tmp 2>&1; r=$?; sy_mask <m.tmp; return $r; }

printf '%s\n' "$ADMIN_PW" | sy_quiet "$BIN" --config hub.ini init --units units.csv
SANGTAO_NEW_PASSWORD=$FIRST_PW sy_quiet hub user add clerk_a --name "Nguyễn Thị Thu" --roles clerk --scope HA
sy_quiet hub site add HA --unit HA
sy_seed() {
    hub site seed HA -o ha.seed >seed.out 2>&1 || { cat seed.out; return 1; }
    code=$(sed -n 's/^Mã dùng một lần: //p' seed.out)
    printf '%s\n' "$ADMIN_PW" | SANGTAO_SEED_CODE=$code "$BIN" --config ha.ini init --seed ha.seed
}
sy_quiet sy_seed
SANGTAO_NEW_PASSWORD=$FIRST_PW sy_quiet off user passwd clerk_a
SANGTAO_PASSWORD=$FIRST_PW SANGTAO_NEW_PASSWORD=$USER_PW sy_quiet "$BIN" --config ha.ini --user clerk_a user passwd

t sync_help_verify st sync --help
t sync_verify_help st sync verify --help
t sync_conflicts_help st sync conflicts --help
t sync_verify_at_hub hub sync verify
t sync_verify_before_any_bundle off sync verify
t sync_conflicts_none off sync conflicts

# The same field edited at both ends while apart: the one that reaches the
# hub last wins, the other is kept in a conflict record both ends see.
sy_quiet oclerk proposal new --from p1.txt
sy_quiet off sync export -o up1.sangtao
sy_quiet hub sync import up1.sangtao
sy_quiet hub proposal edit HA-2026-0001 --set "title=Tên do tỉnh đặt"
sy_quiet oclerk proposal edit HA-2026-0001 --set "title=Tên do văn phòng đặt"
sy_quiet off sync export -o up2.sangtao
t sync_import_conflict m hub sync import up2.sangtao
t sync_conflicts_hub hub sync conflicts
sy_quiet hub sync export --to HA -o down1.sangtao
t sync_import_at_office m off sync import down1.sangtao
t sync_conflicts_office_json off sync conflicts --format json
CID=$(off sync conflicts --format json | sed -n 's/.*"id": \([0-9]*\),.*/\1/p' | head -1)
t sync_conflicts_show off sync conflicts show "$CID"
t sync_conflicts_show_unknown off sync conflicts show 42
t sync_conflicts_show_bad_id off sync conflicts show abc
t sync_conflicts_resolve_bad_take off sync conflicts resolve "$CID" --take both
t sync_conflicts_resolve_no_take off sync conflicts resolve "$CID"
t sync_verify_clean off sync verify

# Resolved at the hub taking its own value: an ordinary change, it travels.
t sync_conflicts_resolve_mine hub sync conflicts resolve "$CID" --take mine
t sync_conflicts_resolve_again hub sync conflicts resolve "$CID" --take kept
sy_quiet hub sync export --to HA -o down2.sangtao
sy_quiet off sync import down2.sangtao
t sync_conflicts_after_resolve off sync conflicts --all
sy_title() { oclerk proposal list --format csv; }
t sync_title_after_resolve sy_title

# A row damaged at the office behind the program's back: verify names its
# table and fails; the hub's full export brings the office back in line.
sqlite3 ha.db "UPDATE holidays SET name = 'Hỏng' WHERE rowid = (SELECT min(rowid) FROM holidays)"
sqlite3 ha.db "DELETE FROM fields WHERE id = (SELECT max(id) FROM fields); INSERT INTO holidays(day, kind, name) VALUES ('2026-12-31', 'holiday', 'Thêm sai')"
t sync_verify_damaged off sync verify
t sync_export_full_needs_to m hub sync export --full -o full.sangtao
t sync_export_full_at_office m off sync export --to TN --full -o full.sangtao
t sync_export_full m hub sync export --to HA --full -o full.sangtao
# A change made here and not yet sent survives the repair.
sy_quiet oclerk proposal edit HA-2026-0001 --set "necessity=Sửa ở văn phòng, chưa gửi"
t sync_import_full m off sync import full.sangtao
sy_necessity() { oclerk proposal show HA-2026-0001 | grep -c 'Sửa ở văn phòng, chưa gửi'; }
t sync_full_keeps_unsent sy_necessity
t sync_verify_repaired off sync verify
# The same full file again: the office has nothing newer, it changes nothing.
t sync_import_full_again m off sync import full.sangtao
# A full file older than a bundle applied since is not applied.
sy_quiet hub proposal edit HA-2026-0001 --set "title=Tên mới sau khi sửa"
sy_quiet hub sync export --to HA -o down3.sangtao
sy_quiet off sync import down3.sangtao
t sync_import_full_older m off sync import full.sangtao
t sync_verify_after_older off sync verify
cd .. || exit 1

# ---- the walk: a proposal submitted offline, decided at the province ---------
# A second office HB.  Its clerk submits a proposal offline; the province
# accepts, hears the party committee, votes and approves; the office starts
# it and records monitoring while the province adjusts it (the title itself
# cannot change after submission: proposal edit takes drafts and returned
# proposals only, so the province's concurrent change is an adjustment of
# the period);
# both exchange and hold the same proposal.
cd sync || exit 1
printf '[database]\npath = hb.db\n[site]\ncode = HB\nnumber = 3\n' >hb.ini
hb() { SANGTAO_PASSWORD=$ADMIN_PW "$BIN" --config hb.ini --user admin.hb "$@"; }
hbclerk() { SANGTAO_PASSWORD=$USER_PW "$BIN" --config hb.ini --user clerk_b "$@"; }
hubhead() { SANGTAO_PASSWORD=$USER_PW "$BIN" --config hub.ini --user head_b "$@"; }
SANGTAO_NEW_PASSWORD=$FIRST_PW sy_quiet hub user add clerk_b --name "Đỗ Văn Bảo" --roles clerk --scope HB
SANGTAO_NEW_PASSWORD=$FIRST_PW sy_quiet hub user add head_b --name "Hồ Văn Hải" --roles head --scope HB
SANGTAO_PASSWORD=$FIRST_PW SANGTAO_NEW_PASSWORD=$USER_PW sy_quiet "$BIN" --config hub.ini --user head_b user passwd
t walk_site_add m hub site add HB --unit HB --name "Văn phòng Huyện ủy Hoài Ân"
walk_seed() {
    hub site seed HB -o hb.seed >seed.out 2>&1 || { cat seed.out; return 1; }
    sy_mask <seed.out
    code=$(sed -n 's/^Mã dùng một lần: //p' seed.out)
    printf '%s\n' "$ADMIN_PW" | SANGTAO_SEED_CODE=$code "$BIN" --config hb.ini init --seed hb.seed
}
t walk_seed walk_seed
SANGTAO_NEW_PASSWORD=$FIRST_PW sy_quiet hb user passwd clerk_b
SANGTAO_PASSWORD=$FIRST_PW SANGTAO_NEW_PASSWORD=$USER_PW sy_quiet "$BIN" --config hb.ini --user clerk_b user passwd
sed -e 's/^title=.*/title=Khu dân cư không rác thải/' -e 's/^employing_unit=.*/employing_unit=HB-VP/' \
    -e 's/^lead=.*/lead=Đặng Văn Phúc/' -e '/^coauthors=/d' p1.txt >pb.txt
t walk_office_new hbclerk proposal new --from pb.txt
W=HB-2026-0001
t walk_office_submit hbclerk proposal act $W submit
sy_quiet hb sync export -o hb-up1.sangtao
t walk_hub_import m hub sync import hb-up1.sangtao
t walk_hub_accept hubhead proposal act $W accept
t walk_hub_opinion hubhead proposal act $W opinion --set "reviewer=Ban Thường vụ Huyện ủy" --set recommendation=implement --set "text=Đồng ý" --set party_committee=có
t walk_hub_vote hubhead proposal act $W vote --set members=7 --set votes_for=6 --set votes_against=1
t walk_hub_approve hubhead proposal act $W approve --set kind=implement --set doc_no=21-QĐ/HU --set doc_date=02/03/2026 --set "signer=Hồ Văn Hải"
sy_quiet hub sync export --to HB -o hb-down1.sangtao
t walk_office_import m hb sync import hb-down1.sangtao
t walk_office_start hbclerk proposal act $W start --set start_date=02/03/2026
sy_quiet hb sync export -o hb-up2.sangtao
t walk_hub_import_start m hub sync import hb-up2.sangtao
# Now apart: the office records monitoring, the province adjusts.
t walk_office_monitor hbclerk proposal act $W monitor --set kind=follow --set "by_whom=Văn phòng Huyện ủy Hoài Ân" --set progress=30 --set "findings=Đã phân loại rác ở 2 khu dân cư"
# Meanwhile at the province, before the office's next file arrives.
t walk_hub_adjust hubhead proposal act $W adjust --set doc_no=22-QĐ/HU --set doc_date=02/03/2026 --set "signer=Hồ Văn Hải" --set "reason=Mở rộng sang khu dân cư thứ ba" --set period_to=31/12/2026
sy_quiet hb sync export -o hb-up3.sangtao
t walk_hub_import2 m hub sync import hb-up3.sangtao
sy_quiet hub sync export --to HB -o hb-down2.sangtao
t walk_office_import2 m hb sync import hb-down2.sangtao
walk_same() {
    hubhead proposal show $W >hub_show.txt 2>&1
    hbclerk proposal show $W >hb_show.txt 2>&1
    if cmp -s hub_show.txt hb_show.txt; then echo "giống nhau ở hai nơi"; else diff hub_show.txt hb_show.txt; fi
    grep -c "Đã phân loại rác ở 2 khu dân cư" hb_show.txt hub_show.txt
    grep -c "31/12/2026" hb_show.txt hub_show.txt
    hbclerk proposal list --format csv
}
t walk_same_both_ends walk_same
t walk_office_verify hb sync verify
t walk_no_conflict hub sync conflicts
cd .. || exit 1
