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

t sync_help st sync --help
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
