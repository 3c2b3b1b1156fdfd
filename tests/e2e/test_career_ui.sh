#!/bin/sh
# The "Đến hạn" screen: from the main menu, what falls due in the coming
# year, by date; Enter opens the record, which shows the retirement date
# and the discipline in force.
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"
db=$(demo_db)
run() { "$BIN" --config "$CONFIG" --db "$db" "$@"; }

first=$(run due --within 365 --format csv | awk -F, 'NR == 2 { print $1 "|" $3 "|" $4 }')
[ -n "$first" ] || fail "nothing falls due in the demo province"
when=${first%%|*}
rest=${first#*|}
id=${rest%%|*}
name=${rest#*|}
run discipline add "$id" --form khien-trach --announced 01/06/2025 --reason "Vi phạm quy chế" \
	>/dev/null || fail "discipline add failed"

# the list is read as it is shown: its count comes when the keyboard
# rests, and End reaches the CLI's last item
total=$(run due --within 365 --format csv | tail -n +2 | wc -l)
last=$(run due --within 365 --format csv | tail -1 | cut -d, -f1)
ly=${last%%-*} lmd=${last#*-}
lm=${lmd%%-*} ld=${lmd#*-}

ui_start
wait_for "Menu chính"
assert_contains "$(screen)" "Đến hạn"
send 9
wait_for "Việc đến hạn trong năm tới"
y=${when%%-*} md=${when#*-}
m=${md%%-*} d=${md#*-}
wait_for "$d/$m/$y"
assert_contains "$(screen)" "$name"
wait_for "1/$total"
send End
wait_for "$total/$total"
assert_contains "$(screen)" "$ld/$lm/$ly" "the last item's date"
send Home
wait_for "1/$total"
# the lapse may lie a few pages down, after the year-end reviews of the pool
for page in 1 2 3 4 5 6 7 8 9 10; do
	screen | grep -q "Hết hiệu lực k" && break
	send NPage
	sleep 0.2
done
assert_contains "$(screen)" "Hết hiệu lực k"
send Home # back to the first item, whose record comes next
wait_for "$name"
send Enter
wait_for "1 Chung"
wait_for "Nghỉ hưu"
wait_for "đang trong thời hạn kỷ luật đến 01/06/2026"
# the career section: the posts and the discipline with its decision
send 7
wait_for "Mục: Công tác"
wait_for "Chức vụ đã và đang giữ"
assert_contains "$(screen)" "Khiển trách" "the discipline in the career section"
send Escape
wait_for "Việc đến hạn trong năm tới"
send Escape
wait_for "Menu chính"
