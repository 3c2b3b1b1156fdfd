#!/bin/sh
# The "Đến hạn" screen: from the main menu, what falls due in the coming
# year, by date; Enter opens the record, which shows the retirement date
# and the discipline in force, or on a review of the pool the planning
# pool at the title reviewed.
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
# Enter on a yearly review of the pool opens the planning pool screen on
# the title and unit reviewed, its candidates under it; Esc comes back.
# open_review K TITLE UNIT: from the list's top, the K-th item (a review
# of TITLE in UNIT) selected and opened.
open_review() {
	send Home
	wait_for "1/$total"
	downs=""
	i=1
	while [ $i -lt "$1" ]; do downs="$downs Down"; i=$((i + 1)); done
	[ -z "$downs" ] || send $downs
	wait_for " $1/$total "
	assert_contains "$(screen | grep '^▸')" "$2" "the review selected"
	send Enter
	wait_for "Quy hoạch theo chức danh"
	wait_for "▸$2 · $3 · "
}
k=$(run due --within 365 --format csv | awk -F, '$2 == "pool-review" { print NR - 1; exit }')
[ -n "$k" ] || fail "no review of the pool falls due in the demo province"
review=$(run due --within 365 --format csv | sed -n "$((k + 1))p")
title=$(echo "$review" | cut -d, -f4)
unit=$(echo "$review" | cut -d, -f5)
open_review "$k" "$title" "$unit"
assert_contains "$(screen | sed -n 4p)" "▸$title · $unit · " "the title reviewed at the top (below the heading's two rows)"
send Escape
wait_for " $k/$total "
# the pool's last title, opened from its review: selected, though the
# list ends below it before a page does
last=$(run pool list | tail -1 | sed 's/^ *//')
lunit=$(printf '%s\n' "$last" | awk -F'  +' '{ print $3 }')
ltitle=$(printf '%s\n' "$last" | awk -F'  +' '{ print $4 }')
k2=$(run due --within 365 --format csv |
	awk -F, -v t="$ltitle" -v u="$lunit" '$2 == "pool-review" && $4 == t && $5 == u { print NR - 1; exit }')
[ -n "$k2" ] || fail "no review of the pool's last title ($ltitle, $lunit)"
open_review "$k2" "$ltitle" "$lunit"
send Escape
wait_for " $k2/$total "
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
