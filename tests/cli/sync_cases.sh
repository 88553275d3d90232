# CLI golden cases of the offline exchange (site, sync, init --seed): sourced
# by tests/cli/run.sh, with its t, st, as and the scratch folder.  A hub
# (hub.db, site TN number 1) and an office made from its seed (office.db,
# site HA number 2), each with its own config file.  What is random (the
# deployment id, one-time codes, keys) is masked in the outputs.

cat >hub.ini <<'EOF'
[database]
path = hub.db
[site]
code = TN
number = 1
EOF
cat >office.ini <<EOF
[database]
path = office.db
[site]
code = HA
number = 2
[sync]
ssh_command = $PWD/fake-ssh
remote_command = $BIN --config $PWD/hub.ini
EOF
# "ssh -- HOST COMMAND" run here: the far end is a local process.
cat >fake-ssh <<'EOF'
#!/bin/sh
[ "$1" = "--" ] && shift
shift
exec sh -c "$1"
EOF
chmod +x fake-ssh

hub() { SANGTAO_PASSWORD=$ADMIN_PW "$BIN" --config hub.ini --user admin "$@"; }
office() { SANGTAO_PASSWORD=$ADMIN_PW "$BIN" --config office.ini --user admin.ha "$@"; }
# Run a command and mask what is random in its output, keeping its exit code.
masked() {
    "$@" >masked.tmp 2>&1; r=$?
    sed -E -e 's/TN-[0-9a-f]{12}/TN-DEPLOYMENT/g' \
           -e 's/[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/XXXX-XXXX-XXXX-XXXX-XXXX/g' \
           -e 's/[0-9a-f]{16}/KEY/g' -e 's/: [0-9]+ byte/: N byte/g' \
           -e "s#$PWD/##g" masked.tmp
    return $r
}
flip() { # flip every bit of the byte of file $1 at offset $2 (writing 0xFF
          # left the file whole when that byte already was 0xFF: 1 run in 256)
    b=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' ')
    # shellcheck disable=SC2059
    printf "$(printf '\\%03o' $((255 - b)))" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

quiet init_pw "$ADMIN_PW" --config hub.ini init --units units.csv
quiet hub proposal new --from p1.txt
quiet hub proposal new --from pb.txt

sync_help() {
    for c in site "site add" "site list" "site seed" "site rekey" sync "sync export" \
             "sync import" "sync status" "sync ssh" "sync serve"; do
        echo "== sangtao $c --help"
        # shellcheck disable=SC2086
        "$BIN" $c --help; echo "(exit $?)"
    done
}
t sync_help sync_help
t site_add_by_clerk as clerk_a site add HA --unit HA
t site_add masked hub site add HA --unit HA --name "Văn phòng Huyện ủy An Lão"
t site_add_duplicate hub site add HA --unit HB
t site_add_bad_code hub site add ha --unit HA
t site_add_unknown_unit hub site add HC --unit KHONGCO
t site_add_no_unit hub site add HC
quiet hub site add HB --unit HB
t site_list masked hub site list
t site_list_json masked hub site list --format json
t site_seed masked hub site seed HA -o HA.seed
CODE=$(sed -n 's/^Mã dùng một lần: //p' masked.tmp)
t site_seed_unknown hub site seed HC -o HC.seed

seed_code() { code=$1; shift; printf '%s\n%s\n' "$code" "$ADMIN_PW" | "$BIN" --config office.ini "$@"; }
wrong_code() { seed_code AAAA-BBBB-CCCC-DDDD-EEEE init --seed HA.seed; r=$?; left office.db; return $r; }
t init_seed_wrong_code wrong_code
t init_seed_with_demo seed_code "$CODE" init --seed HA.seed --demo
t init_seed masked seed_code "$CODE" init --seed HA.seed
t init_seed_again masked seed_code "$CODE" init --seed HA.seed
# Only the subtree's proposals reached the office; no password travelled.
t office_list office proposal list --format csv
t office_status masked office sync status
# The hub's administrator came with the seed (named in events): no password.
login_hub_admin() { SANGTAO_PASSWORD=$ADMIN_PW "$BIN" --config office.ini --user admin proposal list; }
t office_account_without_password login_hub_admin

# The office writes a proposal offline and sends it; the hub takes it.
quiet office proposal new --from p2.txt
t export_office masked office sync export -o to-hub.sangtao
t export_office_to_other masked office sync export --to HB -o x.sangtao
t export_hub_needs_to hub sync export -o x.sangtao
t import_hub masked hub sync import to-hub.sangtao
t import_hub_again masked hub sync import to-hub.sangtao
t hub_list hub proposal list --format csv
t hub_status masked hub sync status
t hub_status_json masked hub sync status --format json
t export_hub_all masked hub sync export --all -o .
t import_office masked office sync import HA.sangtao
t import_office_not_addressed masked office sync import HB.sangtao
cp HA.sangtao damaged.sangtao
flip damaged.sangtao 300
t import_damaged masked office sync import damaged.sangtao
head -c 1000 HA.sangtao >cut.sangtao
t import_truncated masked office sync import cut.sangtao
t import_not_bundle masked office sync import units.csv
t import_seed_as_bundle masked office sync import HA.seed
t import_by_clerk as clerk_a sync import HA.sangtao

# Both ways over "ssh" in one command.
quiet office proposal new --from p3.txt
# The far end logs in as the hub's administrator ($SANGTAO_USER there).
ssh_run() { SANGTAO_USER=admin SANGTAO_PASSWORD=$ADMIN_PW "$BIN" --config office.ini --user admin.ha sync ssh "$@"; }
t sync_ssh masked ssh_run hub.example
t sync_ssh_bad_host office sync ssh -- -oProxyCommand=x
t hub_list_after_ssh hub proposal list --format csv

# A lost seed: new keys for the office, taken with the one-time code.
t site_rekey masked hub site rekey HA -o HA.keys
KCODE=$(sed -n 's/^Mã dùng một lần: //p' masked.tmp)
quiet office sync export -o old-key.sangtao
t import_old_key masked hub sync import old-key.sangtao
keys_in() { printf '%s\n' "$1" | SANGTAO_PASSWORD=$ADMIN_PW "$BIN" --config office.ini --user admin.ha sync import HA.keys; }
t import_keys keys_in "$KCODE"
t sync_after_rekey masked ssh_run hub.example
