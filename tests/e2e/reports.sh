# Sourced by run.sh: the reports on screen (issue 7).  The Organisation
# Board opens the reports from home, produces this quarter's periodic
# report (the form starts on it) and finds its chart: block characters
# under xterm-256color, '#' under vt100.  The figures agree with the CLI;
# a stop signal while a report is open closes the program cleanly.
RLABEL="Đề xuất tiếp nhận (gửi lần đầu)"
received() { sed -n "s/.*$RLABEL[^0-9]*\([0-9][0-9]*\).*/\1/p" | head -1; }
want=$(SANGTAO_USER=bd.theodoi SANGTAO_PASSWORD=$PW "$BIN" --config "$CFG" report periodic \
       --period quarter --year 2026 --number 1 2>/dev/null | received)

for term in xterm-256color vt100; do
    start $term 80 24
    login bd.theodoi
    poll 'screen | tail -1 | grep -q "Báo cáo"'; result $? "$term: the home key bar offers the reports"
    if [ $term = vt100 ]; then
        poll 'screen | tail -1 | grep -q "b Báo cáo"'; result $? "vt100: the bar shows the letter b for the reports"
        key b
    else
        key F6
    fi
    wait_for "1. Báo cáo sơ kết, tổng kết theo kỳ"; result $? "$term: the reports menu opens from home"
    key Enter
    wait_for "Kỳ báo cáo"
    wait_for "Quý" && wait_for "2026"; result $? "$term: the period form starts on this quarter"
    key Enter
    wait_for "Sơ kết quý I năm 2026" 100; result $? "$term: Enter produces the quarter's periodic report"
    got=
    poll 'got=$(screen | received); [ -n "$want" ] && [ "$got" = "$want" ]'
    result $? "$term: proposals received on screen ($got) = the CLI's ($want)"
    # Page down one page at a time: the next NPage only once the page has
    # changed, so that a slow paint neither skips nor repeats a page.
    if [ $term = vt100 ]; then bar='|#####'; else bar='│█████'; fi
    pages=0; found=1
    while [ $pages -lt 20 ]; do
        settle
        screen | grep -qF "$bar" && { found=0; break; }
        before=$(screen)
        key NPage; pages=$((pages+1))
        poll '[ "$(screen)" != "$before" ]' 30 || break   # the last page
    done
    result $found "$term: paging down reaches the report's charts"
    if [ $term = vt100 ]; then
        ! screen | grep -q '█' && screen | grep -qE '\|#+ +[0-9]+$'
        result $? "vt100: the bars are # with their values, no block characters"
    else
        poll "screen | grep -qE '│█+[^ ]* +[0-9]+\$'"; result $? "$term: the bars are block characters, each with its value"
    fi
    key Escape; wait_for "Kỳ báo cáo"; key Escape; wait_for "1. Báo cáo sơ kết"; key Escape
    wait_for "Chờ tôi xử lý"; result $? "$term: Esc goes back to the form, the menu, then home"
done

# The other screens' menu on home lists the reports too.
key End; wait_for "Màn hình khác"
wait_for "Báo cáo sơ kết, tổng kết và việc quá hạn"; result $? "the home screen lists the reports among the other screens"

# The overdue report, and SIGTERM while a report is open.
start xterm-256color 80 24
login bd.theodoi
key F6; wait_for "2. Báo cáo việc quá hạn"
key 2; wait_for "Báo cáo │" 100; result $? "the overdue report opens from the menu (2)"
kill -TERM "$PID"
gone; result $? "SIGTERM while a report is open ends the program"
grep -q "tín hiệu 15" "$T/stderr.$k"; result $? "after SIGTERM in the reports the terminal is restored, then the reason told"
