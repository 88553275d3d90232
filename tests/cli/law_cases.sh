# CLI golden cases of Decree 73 (issue 13) on a database of their own
# (law.db, config law.ini, the administrator acting): sourced by
# tests/cli/run.sh, with its t, st, init_pw, units.csv, p1.txt and the
# scratch folder.  Names begin with law_.

cat >law.ini <<'EOF'
[database]
path = law.db
[site]
code = TN
EOF
law() { SANGTAO_PASSWORD=$ADMIN_PW "$BIN" --config law.ini --user admin "$@"; }
lawq() { "$@" >/dev/null 2>&1 || echo "step failed: $*"; }
lawq init_pw "$ADMIN_PW" --config law.ini init --units units.csv

# Warnings an action is taken with go to stderr as "sangtao: cảnh báo: …",
# after the result, and the command succeeds (exit 0).
# Art. 2 and Art. 5(1)(a): a lead who is not a leader or manager, a
# bottleneck "regulated but unsuitable" (p1.txt has both).
L1=TN-2026-0001
lawq law proposal new --from p1.txt
t law_warn_scope_submit law proposal act $L1 submit
# A back-dated paper record beyond workflow.backdate_days (30): received
# 46 days before today (02/03/2026).
t law_warn_backdate_accept law proposal act $L1 accept --set received_date=15/01/2026
# The warnings stay in the history.
law_history_warned() { law proposal history $L1 --format csv | grep -c 'Lưu ý'; law proposal show $L1 | grep 'Lưu ý'; }
t law_warn_in_history law_history_warned
# No warning: nothing on stderr.
t law_no_warning law proposal act $L1 note --set "text=Đã nhận hồ sơ giấy"

# Attachments in `proposal show`: kind and title; file, type found by
# content, size, when, the number `attachment get` takes; the SHA-256.
# (from a folder of their own: none is taken from the database's folder)
LAWSCAN=$(mktemp -d)
printf '%%PDF-1.4\n%% bien ban\n%%%%EOF\n' >"$LAWSCAN/law_minutes.pdf"
lawq law attach $L1 "$LAWSCAN/law_minutes.pdf" --kind minutes --title "Biên bản họp tập thể lãnh đạo"
law_show_files() { law proposal show $L1 | sed -n '/^Tài liệu đính kèm/,/^$/p'; }
t law_show_attachments law_show_files

# check (administrator): the law's rules and the register of document
# numbers, reported like the other checks.
law_check_lines() { law check | grep -E '^(law_rules|doc_register):'; }
t law_check law_check_lines
rm -rf "$LAWSCAN"
