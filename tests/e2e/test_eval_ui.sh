#!/bin/sh
# The ratings section of a cadre's record lists the evaluations period by
# period: a quarter with its score and the grade by the rules, undecided;
# the year decided by its evaluation; earlier years from their ratings; a
# reopening in the history with its reason. The
# organisations screen marks those over the cap on "xuất sắc".
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"

export CANBO_TODAY=2025-01-20
pick_cadre "nguyen"
[ -n "$id" ] || fail "no cadre in the demo database"
ev() { "$BIN" eval "$@" --config "$CONFIG" --db "$db" >/dev/null || fail "eval $1 failed"; }
ev record "$id" --period 2024-Q1 --scores 27,58.5 --tasks 12,12,0,3
ev record "$id" --period 2024 --scores 28,64 --tasks 40,40,0,12
ev decide "$id" --period 2024 --grade excellent
ev reopen "$id" --period 2024 --reason "Xem lại điểm nhiệm vụ"
ev decide "$id" --period 2024 --grade excellent
earlier=$("$BIN" eval show "$id" --period 2023 --format csv --config "$CONFIG" --db "$db" | tr -d '\r' |
	awk -F, 'NR == 2 { print $8 }')

UI_COLS=100 UI_ROWS=30 ui_start
wait_for "Menu chính"
open_record "$name"
send 2
wait_for "2024-Q1"
s=$(screen)
assert_contains "$s" "2024-Q1" "the quarter"
assert_contains "$s" "85,50 điểm" "the quarter's score, with the decimal comma"
assert_contains "$s" "chưa quyết định" "the quarter is not decided"
assert_contains "$s" "Hoàn thành xuất sắc nhiệm vụ, 92 điểm, theo quy định: Hoàn thành xuất sắc nhiệm vụ" "the decided year"
if [ -n "$earlier" ]; then
	assert_contains "$s" "2023" "the rating of 2023"
fi
# at 80 columns the decided year's line is cut; Enter shows it whole
resize 80 24
wait_for "Xếp loại"
cut_line=$(screen | grep "92 điểm" | head -1)
assert_contains "$cut_line" "…" "the year's line cut at 80 columns"
assert_not_contains "$cut_line" "theo quy định: Hoàn thành xuất sắc nhiệm vụ" "the year's line at 80 columns"
send Home
i=1
while [ $i -lt 40 ] && ! screen | grep "^▸" | grep -q "92 điểm"; do send Down; i=$((i + 1)); sleep 0.05; done
send Enter
wait_for "Enter: đóng"
whole=$(screen | sed -n '/Enter: đóng/q; s/^[^│]*│ \(.*[^ ]\) *│[^│]*$/\1/p' | tr '\n' ' ')
assert_contains "$whole" "92 điểm, theo quy định: Hoàn thành xuất sắc nhiệm vụ" "the whole line, wrapped"
send Enter
wait_gone "Enter: đóng"
resize 100 30
# the reopening in the record's history, with its reason
send 6
wait_for "đã mở lại đánh giá"
assert_contains "$(screen)" "Lý do mở lại: Xem lại điểm nhiệm vụ" "the reason of the reopening"

# The organisations screen marks those over the cap on "xuất sắc" of the
# year shown (the last completed one), as `canbo ratings check` finds them.
"$BIN" ratings check --year 2024 --format csv --config "$CONFIG" --db "$db" | tr -d '\r' >"$E2E_TMP/caps.csv" ||
	fail "ratings check failed"
kill_server
UI_COLS=120 UI_ROWS=40 ui_start
wait_for "Menu chính"
send 4
wait_for "xếp loại năm 2024"
# the checks run once the keyboard rests
wait_gone "Đang kiểm tra xếp loại"
# (rows whose name is cut short are left out)
screen | grep "xuất sắc vượt tỷ lệ [0-9][0-9]* " >"$E2E_TMP/marked" || fail "no organisation marked over the cap"
while IFS= read -r line; do
	org=$(printf '%s\n' "$line" | sed 's/^[▸! ]*[├└│─ `|-]*//; s/  .*//')
	n=$(printf '%s\n' "$line" | sed 's/.*xuất sắc vượt tỷ lệ \([0-9]*\).*/\1/')
	grep -q "^cap,org,[0-9]*,$org,[^,]*,,$n," "$E2E_TMP/caps.csv" ||
		fail "'$org' marked $n over the cap, which ratings check does not say"
done <"$E2E_TMP/marked"
send q
echo "ok"
