# Sourced by run.sh (issue 12, item 13): fields not in focus keep the
# terminal's own colours (underlined, no forced white on black: a light
# terminal stays light), under xterm-256color and vt100; the reports
# screens have the title line and key bar of the others, with their keys
# from the one key table ([keys] reaches them).
ansi() { tm capture-pane -e -p -t e2e; }
for term in xterm-256color vt100; do
    if [ $term = vt100 ]; then MK=m; else MK=F9; fi
    start $term 80 24
    login admin
    key n; wait_for "Đơn vị công tác"
    poll "ansi | grep 'Đơn vị công tác' | grep -q '\[4mBD'"
    result $? "$term: an unfocused field is underlined in the terminal's own colours"
    ! ansi | grep -q '\[40m\|;40m\|\[48;5;0m'; result $? "$term: no field forced onto a black background"
    key Escape; wait_for "Chờ tôi xử lý"
    start $term 80 24
    login bd.theodoi
    if [ $term = vt100 ]; then key b; else key F6; fi
    wait_for "1. Báo cáo sơ kết"
    poll 'screen | head -1 | grep -q "sangtao │ Báo cáo │ Đặng Phương Mai"'
    result $? "$term: the reports menu has the title line of every screen (program, screen, user)"
    poll "screen | tail -1 | grep -q 'F1 Trợ giúp $MK Menu Enter Mở'"; result $? "$term: and the key bar of the key table, the menu key included"
    key Enter; wait_for "Kỳ báo cáo"
    poll 'screen | tail -1 | grep -q "Enter Lập báo cáo"'; result $? "$term: the period form's key bar comes from the key table"
    key Enter; wait_for "Sơ kết quý I năm 2026" 100
    poll "screen | tail -1 | grep -q 'Lưu tệp.*In.*Biểu đồ'"; result $? "$term: the report's key bar: save, print, charts"
    key $MK; wait_for "Trình đơn chính"; result $? "$term: the main menu opens from a report"
    key Escape; wait_for "Sơ kết quý I năm 2026"
    key F1; wait_for "Trợ giúp: các phím"; result $? "$term: F1 in a report: the help of the key table"
    key Escape; wait_for "Sơ kết quý I năm 2026"
    key $MK; wait_for "Trình đơn chính"; key 2
    wait_for "│ Danh sách đề xuất │"; result $? "$term: from a report the menu opens another screen"
    key Escape; wait_for "Chờ tôi xử lý"; result $? "$term: and Esc from it goes home, past the report and its form"
done
# [keys] charts = F11,x: the report's bar and key follow.
cp "$CFG" "$T/config-rep.ini"; printf '[keys]\ncharts = F11,x\nprint = F12,i\n' >>"$T/config-rep.ini"
CFG_USE=$T/config-rep.ini; start vt100 80 24; CFG_USE=
login bd.theodoi
key b; wait_for "1. Báo cáo sơ kết"; key Enter; wait_for "Kỳ báo cáo"; key Enter
wait_for "Sơ kết quý I năm 2026" 100
poll "screen | tail -1 | grep -q 'i In x Biểu đồ'"; result $? "[keys] charts = F11,x, print = F12,i: the report's bar shows i and x"
key x; key x; key i; wait_for "Chưa cấu hình máy in"; result $? "[keys] print = F12,i: i prints (no printer set: says so)"
stop
