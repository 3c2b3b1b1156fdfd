#!/bin/sh
# Action plans in the terminal UI: from the main menu, create a plan for a
# cadre, add two items, add a progress note in two keys; pass the deadline
# (a later reference date); see the item overdue (colour and "!" marker);
# remedy it, verify it; see the summary change.
. "$(dirname "$0")/lib.sh"

db=$(demo_db 500)
cli() { "$BIN" "$@" --config "$CONFIG" --db "$db"; }
# A column's total in the 2023 summary, from the command line.
summary_2023() {
	cli plans summary --year 2023 --format csv | tr -d '\r' |
		awk -F, -v col="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next }
			{ s += $c } END { print s + 0 }'
}
overdue_2023() { summary_2023 overdue; }

cli find --format csv --limit 1 >"$E2E_TMP/cadre" || fail "find a cadre"
cid=$(sed -n 2p "$E2E_TMP/cadre" | cut -d, -f1)
name=$(sed -n 2p "$E2E_TMP/cadre" | cut -d, -f2)
[ -n "$name" ] || fail "no cadre in the demo database"

# ---- day one: the plan, two items, a note --------------------------------
tmux_start 100 30 env CANBO_TODAY=2025-06-30 "$BIN" --config "$CONFIG" --db "$db"
wait_for "Kế hoạch khắc phục"
send 3
wait_for "Xong"
send IC
wait_for "Kế hoạch của ai?"
send Down Enter
wait_for "Tên cán bộ"
send -l "$name"
send Enter
wait_for "$name -"
send Enter
wait_for "Năm kiểm điểm"
send BSpace BSpace BSpace BSpace 2023
send F2
wait_for "Kế hoạch khắc phục năm 2023"
wait_for "Chưa có nội dung nào"

send IC
wait_for "Hạn chế, khuyết điểm*"
send -l "Chưa thường xuyên kiểm tra cơ sở"
send Tab Tab Tab Tab Tab Tab
send -l "30/06/2025"
send F2
wait_for "Đã lưu nội dung."
send IC
wait_for "Hạn chế, khuyết điểm*"
send -l "Chậm ban hành quy chế làm việc"
send Tab Tab Tab Tab Tab Tab
send -l "31/12/2025"
send F2
wait_for "Chậm ban hành quy chế làm việc"

# A note: Ctrl-N, then the text and Enter.
send g
send C-n
wait_for "Ghi chép tiến độ (Enter"
send -l "Đã làm việc với 3 đảng ủy cơ sở"
send Enter
wait_for "Đã thêm ghi chép."
wait_for "30/06/2025 "
assert_not_contains "$(screen)" "Quá hạn 1 ngày" "not overdue on the deadline day"
send F10
sleep 0.3
tmux -L "$TMUX_SOCK" kill-server 2>/dev/null
assert_eq "$(CANBO_TODAY=2025-06-30 overdue_2023)" 0 "nothing overdue on the deadline day"

# ---- the next day: overdue ------------------------------------------------
TMUX_SOCK="canbo-e2e-$$-2"
tmux_start 100 30 env CANBO_TODAY=2025-07-01 "$BIN" --config "$CONFIG" --db "$db"
wait_for "Kế hoạch khắc phục"
send 3
wait_for "Xong"
send "[" "["
wait_for "Kế hoạch khắc phục - năm 2023"
wait_for "$name"
# The plan row carries the "!" marker in the first column.
screen | grep "$name" | grep -q "^ *!" || { screen >&2; fail "no ! marker on the plan"; }
send Enter
wait_for "Quá hạn 1 ngày"
screen | grep "Quá hạn 1 ngày" | grep -q "^ *!" || { screen >&2; fail "no ! marker on the item"; }
wait_for "Đã làm việc với 3 đảng ủy cơ sở"
assert_eq "$(CANBO_TODAY=2025-07-01 overdue_2023)" 1 "the summary counts it overdue"

# The summary screen shows it too.
send Escape
wait_for "Xong"
send F6
wait_for "Tổng hợp kế hoạch khắc phục năm 2023"
screen | grep "Tổng cộng" >"$E2E_TMP/total1"
send Escape
wait_for "Xong"

# ---- remedy and verify -----------------------------------------------------
send Enter
wait_for "Quá hạn 1 ngày"
send g F4
wait_for "Sửa nội dung"
send Down Down Down Down Down Down Down Down
send Right Right
wait_for "Đã khắc phục"
send F2
wait_for "Đã lưu nội dung."
wait_gone "Quá hạn 1 ngày"
send C-v
wait_for "Kết luận kiểm tra"
send -l "Đã khắc phục, đạt yêu cầu"
send Enter
wait_for "Đã ghi kết quả kiểm tra."
wait_for "đạt yêu cầu"

send Escape
wait_for "Xong"
send F6
wait_for "Tổng hợp kế hoạch khắc phục năm 2023"
screen | grep "Tổng cộng" >"$E2E_TMP/total2"
cmp -s "$E2E_TMP/total1" "$E2E_TMP/total2" && fail "the summary's total did not change"
send F10
assert_eq "$(CANBO_TODAY=2025-07-01 overdue_2023)" 0 "no longer overdue"
assert_eq "$(summary_2023 unverified)" 0 "verified: nothing left to verify"
echo "plans ui ok"
