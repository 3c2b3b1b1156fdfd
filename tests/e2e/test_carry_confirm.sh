#!/bin/sh
# The year-end carry-over, a bulk action, says what it will do before it
# runs - how many items of how many plans, over which scope (the whole
# province here), into which year - and goes ahead only when that count is
# typed: a wrong number, letters or Enter alone change nothing.
. "$(dirname "$0")/lib.sh"

db=$(demo_db)
candidates="SELECT count(*) FROM plan_item i JOIN plan p ON p.id = i.plan_id
	WHERE p.year = 2025 AND i.state <> 2
	AND NOT EXISTS (SELECT 1 FROM plan_item k WHERE k.carried_from = i.id)"
n=$(sqlite3 "$db" "$candidates")
plans=$(sqlite3 "$db" "SELECT count(DISTINCT p.id) FROM plan_item i JOIN plan p ON p.id = i.plan_id
	WHERE p.year = 2025 AND i.state <> 2
	AND NOT EXISTS (SELECT 1 FROM plan_item k WHERE k.carried_from = i.id)")
[ "$n" -gt 999 ] || fail "the demo has too few open items for this test ($n)"
# group N: N with a space between groups of three digits ("1 983")
group() { printf '%s' "$1" | sed ':a; s/\([0-9]\)\([0-9]\{3\}\)\($\| \)/\1 \2\3/; ta'; }
grouped=$(group "$n")
items_before=$(sqlite3 "$db" "SELECT count(*) FROM plan_item")
audit_before=$(sqlite3 "$db" "SELECT count(*) FROM audit")
unchanged() {
	assert_eq "$(sqlite3 "$db" "SELECT count(*) FROM plan_item")" "$items_before" "items ($1)"
	assert_eq "$(sqlite3 "$db" "SELECT count(*) FROM audit")" "$audit_before" "audit ($1)"
}

UI_COLS=120 UI_ROWS=30 ui_start
wait_for "Menu chính"
send 3
wait_for "Kế hoạch khắc phục - năm 2025"
send F9
wait_for "Gõ số $n"
# the question's text, its lines joined
question=$(screen | sed -n 's/.*│ \(.*[^ ]\) *│.*/\1/p' | tr '\n' ' ')
assert_contains "$question" "Chuyển $grouped nội dung chưa khắc phục của $(group "$plans") kế hoạch năm 2025 (toàn tỉnh) sang năm 2026?"

# Enter alone, a wrong number, letters: nothing is done
send Enter
wait_for "không có gì thay đổi"
unchanged "after Enter alone"
send F9
wait_for "Gõ số $n"
send_text "$((n - 1))"
send Enter
wait_for "không có gì thay đổi"
unchanged "after a wrong number"
send F9
wait_for "Gõ số $n"
send_text "cc"
send Enter
wait_for "không có gì thay đổi"
unchanged "after letters"
send F9
wait_for "Gõ số $n"
send Escape
wait_gone "Gõ số $n"
unchanged "after Esc"

# the count, as written in the question (with its space), goes ahead
send F9
wait_for "Gõ số $n"
send_text "$grouped"
send Enter
wait_for "Thời hạn mới"
send Enter
wait_for "Đã chuyển $n nội dung"
assert_eq "$(sqlite3 "$db" "SELECT count(*) FROM plan_item") " "$((items_before + n)) " "items after the carry-over"
assert_eq "$(sqlite3 "$db" "$candidates")" 0 "items still to carry"
send F10
wait_exit
echo "carry-over asks with its count and scope"
