#!/bin/sh
# Action plans from the command line: a plan for a cadre with two items and
# a progress note; the deadline passes (reference date); the item is
# overdue; it is remedied and verified; the summary follows. Also stale
# edits, refused input, carry-over and the monthly self-check.
. "$(dirname "$0")/lib.sh"

run() {
	"$BIN" "$@" --config "$CONFIG" --db "$db" >"$E2E_TMP/out" 2>"$E2E_TMP/err"
	echo $?
}
out() { cat "$E2E_TMP/out"; }
err() { cat "$E2E_TMP/err"; }
# csv_sum COLUMN: the sum of a numeric column of the CSV in $E2E_TMP/out.
csv_sum() {
	tr -d '\r' <"$E2E_TMP/out" | awk -F, -v col="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next }
		{ s += $c } END { print s + 0 }'
}

db=$(demo_db 500)

# A cadre of the demo, and the year 2023 that the demo leaves without plans.
assert_eq "$(run find --format csv --limit 1)" 0 "find a cadre"
cid=$(sed -n 2p "$E2E_TMP/out" | cut -d, -f1)
[ -n "$cid" ] || fail "no cadre in the demo database"

export CANBO_TODAY=2025-06-30
assert_eq "$(run plans add --cadre "$cid" --year 2023 --sources self,superior --adopted 15/01/2024)" 0 "plans add"
pid=$(out)
assert_eq "$(run plans add --cadre "$cid" --year 2023)" 2 "a second plan for the same year"
assert_eq "$(run plans add --year 2023)" 2 "a plan without an owner"
assert_eq "$(run plans add --cadre "$cid" --year 2023 --adopted 01/07/2025)" 2 "adopted after today"

assert_eq "$(run plans item "$pid" --shortcoming "Chưa thường xuyên kiểm tra, đôn đốc cơ sở" \
	--cause "Phân công chưa rõ" --measures "Lập lịch làm việc với cơ sở hằng tháng" \
	--deadline 30/06/2025 --in-charge "Văn phòng Huyện ủy")" 0 "first item"
i1=$(out)
assert_eq "$(run plans item "$pid" --shortcoming "Chậm ban hành quy chế làm việc" \
	--responsibility individual --responsible "Đồng chí Bí thư" --deadline 31/12/2025)" 0 "second item"
i2=$(out)
assert_eq "$(run plans item "$pid" --shortcoming "Ngày không có thật" --deadline 31/02/2025)" 2 "impossible deadline"
assert_eq "$(run plans item "$pid" --deadline 31/12/2025)" 2 "item without a shortcoming"
assert_eq "$(run plans note "$i1" "Đã làm việc với 3 đảng ủy cơ sở")" 0 "progress note"
assert_eq "$(run plans note "$i1" "   ")" 2 "empty note"

# On the deadline day the item is not overdue yet.
assert_eq "$(run plans --overdue --cadre "$cid")" 1 "nothing overdue on the deadline day"
assert_eq "$(run plans show "$pid")" 0 "plans show"
assert_contains "$(out)" "Đã làm việc với 3 đảng ủy cơ sở" "the note"
assert_contains "$(out)" "Chậm ban hành quy chế làm việc" "the second item"
assert_not_contains "$(out)" "[!]" "no overdue marker yet"

# The next day it is.
export CANBO_TODAY=2025-07-01
assert_eq "$(run plans --overdue --cadre "$cid")" 0 "overdue the day after"
assert_contains "$(out)" "Chưa thường xuyên kiểm tra" "the overdue item"
assert_eq "$(run plans show "$pid")" 0 "show with an overdue item"
assert_contains "$(out)" "[!]" "overdue marker"
assert_contains "$(out)" "trễ 1 ngày" "days late"
assert_eq "$(run plans show "$pid" --format json)" 0 "show as JSON"
assert_contains "$(out)" '"status":"overdue","days_late":1' "JSON status"
assert_eq "$(run plans summary --year 2023 --format csv)" 0 "summary before"
assert_eq "$(csv_sum overdue)" 1 "summary: one overdue item"
assert_eq "$(csv_sum adopted)" 1 "summary: one plan adopted"
assert_eq "$(csv_sum remedied)" 0 "summary: nothing remedied"
assert_eq "$(csv_sum held_back)" 1 "summary: the owner is not eligible for excellent"
# --as-of says the same as the environment.
export CANBO_TODAY=2025-06-30
assert_eq "$(run plans --overdue --cadre "$cid" --as-of 2025-07-01)" 0 "--as-of"

# Remedy and verify.
export CANBO_TODAY=2025-07-05
assert_eq "$(run plans verify "$i1" "Đạt")" 2 "verifying an item not remedied"
assert_eq "$(run plans update "$i1" --state remedied)" 0 "remedied"
assert_eq "$(run plans summary --year 2023 --format csv)" 0 "summary after the remedy"
assert_eq "$(csv_sum overdue)" 0 "summary: no longer overdue"
assert_eq "$(csv_sum remedied)" 1 "summary: one remedied"
assert_eq "$(csv_sum unverified)" 1 "summary: waiting for verification"
assert_eq "$(run plans verify "$i1" "Đã khắc phục, đạt yêu cầu")" 0 "verified"
assert_eq "$(run plans summary --year 2023 --format csv)" 0 "summary after verification"
assert_eq "$(csv_sum unverified)" 0 "summary: verified"
assert_eq "$(csv_sum held_back)" 1 "summary: still not eligible, the second item is open"
assert_eq "$(run plans show "$pid")" 0 "show after verification"
assert_contains "$(out)" "Đã khắc phục, đạt yêu cầu" "the conclusion"
assert_contains "$(out)" "05/07/2025" "the verification date"
n=$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE tbl = 'plan_item' AND row_id = $i1 AND new LIKE '%đạt yêu cầu%'")
assert_eq "$n" 1 "verification audited"

# A script's stale edit is refused (exit 4) and changes nothing.
assert_eq "$(run plans update "$i2" --state in-progress --version 7)" 4 "stale edit"
assert_eq "$(run plans show "$pid" --format csv)" 0 "show as CSV"
assert_contains "$(out)" "not-started" "the refused edit left the state"

# Carry-over: the unremedied item goes into the 2024 plan, once.
assert_eq "$(run plans carry 2023)" 0 "carry over"
assert_contains "$(out)" "1" "one item carried"
assert_eq "$(run plans --cadre "$cid" --year 2024 --format csv)" 0 "the 2024 plan exists"
assert_eq "$(run plans carry 2023)" 0 "carry over again"
assert_contains "$(out)" "0" "nothing carried the second time"
n=$(sqlite3 "$db" "SELECT count(*) FROM plan_item WHERE carried_from = $i2")
assert_eq "$n" 1 "carried once"

# Monthly self-check: recorded once, and the cadre leaves the list.
assert_eq "$(run selfcheck --format csv --limit 0)" 0 "who has not checked"
before=$(grep -c "^$cid," "$E2E_TMP/out")
assert_eq "$before" 1 "the cadre has not checked yet"
assert_eq "$(run selfcheck record "$cid" --flags "1.2, 3.4" --note "Tự soi, tự sửa")" 0 "record a check"
assert_eq "$(run selfcheck record "$cid" --flags "9.9")" 2 "unknown manifestation"
assert_eq "$(run selfcheck --format csv --limit 0)" 0 "who has not checked, again"
assert_eq "$(grep -c "^$cid," "$E2E_TMP/out")" 0 "the cadre has checked"
assert_eq "$(run selfcheck show "$cid" --format csv)" 0 "the check"
assert_contains "$(out)" "2025-07,\"1.2,3.4\"" "flags in catalogue order"
assert_eq "$(run selfcheck catalogue)" 0 "the catalogue"
assert_contains "$(out)" "3.9" "27 items"
echo "plans cli ok"
