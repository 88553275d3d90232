# Sourced by run.sh: the main menu (issue 12, item 18).  F9 (m on a
# vt100) on every screen where nothing is typed opens the menu of every
# screen the role may use, with their direct keys; a number or a screen's
# own key opens it, and Esc from a screen chosen away from home leads
# home; [keys] rebinds it; the help names it.
for term in xterm-256color vt100; do
    if [ $term = vt100 ]; then MK=m; else MK=F9; fi
    start $term 80 24
    login admin
    poll "screen | tail -1 | grep -q '$MK Menu'"; result $? "$term: the home key bar shows the menu key $MK"
    key $MK
    wait_for "Trình đơn chính"; result $? "$term: $MK on home opens the main menu"
    wait_for "Sổ theo dõi, kiểm tra, giám sát" && wait_for "Tài khoản (quản trị)" && wait_for "Cài đặt" \
        && wait_for "Khen thưởng" && wait_for "Đơn vị" && wait_for "Học tập, quán triệt"
    result $? "$term: the menu lists the other screens an administrator may use"
    if [ $term = vt100 ]; then want='2  l      Danh sách đề xuất'; else want='2  F3     Danh sách đề xuất'; fi
    wait_for "$want"; result $? "$term: the menu shows each screen's direct key ($want)"
    key 5; wait_for "│ Sổ theo dõi, kiểm tra, giám sát │"; result $? "$term: a number in the menu opens that screen"
    key $MK; wait_for "Trình đơn chính"; result $? "$term: the menu opens from a list screen too"
    settle; ! screen | grep -q "1  *Trang chính"; result $? "$term: the numbers stay those of home (home comes last)"
    key End; key Enter
    wait_for "Chờ tôi xử lý"; result $? "$term: Trang chính in the menu goes home"
    key $MK; wait_for "Trình đơn chính"; key 9; wait_for "│ Đơn vị │"
    key $MK; wait_for "Trình đơn chính"; key l
    wait_for "│ Danh sách đề xuất │"; result $? "$term: a screen's own key (l) in the menu opens it, from another screen"
    key Escape
    wait_for "Chờ tôi xử lý"; result $? "$term: Esc from a screen chosen in the menu leads home"
    wait_for "Danh sách đề xuất"   # home's list of other screens, from the menu's table
    key l; wait_for "│ Danh sách đề xuất │"; key Enter; wait_for "Đề xuất BD-"
    poll "screen | tail -1 | grep -q '$MK Menu'"; result $? "$term: the proposal's key bar shows the menu key"
    key $MK; wait_for "Trình đơn chính"; key 6
    wait_for "│ Khen thưởng │"; result $? "$term: the menu from a proposal opens another screen"
    key Escape; wait_for "Chờ tôi xử lý"; result $? "$term: and Esc from it goes home, not back through the list"
    key F1; wait_for "Trợ giúp: các phím"
    poll "screen | grep -q 'Trình đơn chính (F9 hoặc m'" && poll "screen | grep -q 'F9, m  *Trình đơn chính'"
    result $? "$term: the home help names the menu and its keys"
    key Escape; wait_for "Chờ tôi xử lý"
done

# [keys] menu = F11,o: the menu moves to those keys.
cp "$CFG" "$T/config-menu.ini"; printf '[keys]\nmenu = F11,o\n' >>"$T/config-menu.ini"
CFG_USE=$T/config-menu.ini; start vt100 80 24; CFG_USE=
login admin
poll "screen | tail -1 | grep -q 'o Menu'"; result $? "[keys] menu = F11,o: the bar shows o"
key o; wait_for "Trình đơn chính"; result $? "[keys] menu = F11,o: o opens the menu"
stop

# Keys of what the role cannot do (item 12): a reviewer sees no "Tạo mới"
# and n is refused at once; a viewer has no "Thao tác" nor "Sửa".
for term in xterm-256color vt100; do
    start $term 80 24
    login bd-an.thamdinh
    poll "screen | tail -1 | grep -q 'Báo cáo'" && settle
    ! screen | tail -1 | grep -q "Tạo mới"; result $? "$term: a reviewer's home key bar has no Tạo mới"
    ! screen | grep -q "tạo đề xuất mới"; result $? "$term: nor does the hint of the reviewer's home"
    [ "$(screen | grep -c 'Chờ tôi xử lý')" = 1 ]; result $? "$term: the queue heading is not repeated when nothing waits"
    key n; wait_for "không tạo đề xuất"; result $? "$term: n from a reviewer is refused at once with the reason"
    key l; wait_for "│ Danh sách đề xuất │"; settle
    ! screen | tail -1 | grep -q "Tạo mới"; result $? "$term: nor on the reviewer's list"
    if [ $term = vt100 ]; then key m; else key F9; fi
    wait_for "Trình đơn chính"; settle
    ! screen | grep -q "Tạo đề xuất mới\|Tài khoản"; result $? "$term: the reviewer's menu has neither new proposal nor accounts"
    key Escape; key Escape; wait_for "Chờ tôi xử lý"
    key F1; wait_for "Trợ giúp: các phím"; settle
    ! screen | grep -q "Tạo đề xuất mới (dự thảo)"; result $? "$term: the reviewer's help lists no key to create"
    key Escape
    start $term 80 24
    login bd-pm.xem   # bd-an.xem is locked by forms.sh's wrong passwords
    key l; wait_for "│ Danh sách đề xuất │"; key Enter; wait_for "Đề xuất BD-"; settle
    ! screen | tail -1 | grep -q "Thao tác\|Sửa"; result $? "$term: a viewer's proposal bar has neither Thao tác nor Sửa"
    key a; wait_for "chỉ xem, không có thao tác"; result $? "$term: a from a viewer is refused at once"
    key e; wait_for "không sửa nội dung"; result $? "$term: e from a viewer is refused at once"
    key Escape; key Escape; wait_for "Chờ tôi xử lý"
    if [ $term = vt100 ]; then key m; else key F9; fi
    wait_for "Trình đơn chính"; key 6; wait_for "│ Học tập, quán triệt │"
    key n; wait_for "không thêm mục mới"; result $? "$term: n on a list the viewer may only read says so"
done
stop
