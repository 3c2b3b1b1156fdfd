#!/bin/sh
# The monthly self-check screen of a scope with more cadres to check than
# it lists (5 000): a line under the count says only the first are
# listed, and how to get them all (F5) or fewer (a narrower scope); the
# list holds exactly that many.
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"
db=$(demo_db 6000)
total=$(sqlite3 "$db" "SELECT count(*) FROM cadre WHERE id NOT IN
	(SELECT cadre_id FROM departure WHERE left_on <= '2025-06-30')")
[ "$total" -gt 5000 ] || fail "the demo province holds $total cadres, not over 5000"
ui_start
wait_for "Menu chính"
send 3
wait_for "Kế hoạch khắc phục"
send F8
wait_for "Tự kiểm tra hằng tháng"
wait_for "Chỉ hiện 5000 người đầu: F5 xuất đủ; F7 ở màn hình kế hoạch thu hẹp phạm vi."
assert_contains "$(screen | sed -n 2p)" "/$total cán bộ" "the count line above it"
wait_for " 1/5000 cán bộ"
send End
wait_for " 5000/5000 cán bộ"
send F10
wait_exit
echo "self-check cap: ok"
