#!/bin/sh
# The help screen (F1) on an 80-column terminal: a description wider than
# its column goes on below its keys instead of being cut. The rating
# sheet's F2 to F5 differ only in their last words, the grade; each is
# read whole. A wider terminal takes each on one row again.
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"
ui_start
wait_for "Menu chính"
send 4
wait_for "Tổ chức đảng"
send F9
wait_for "Bảng xếp loại"
send F1
wait_for "Trợ giúp: Bảng xếp loại"
s=$(screen)
for grade in "Hoàn thành xuất sắc nhiệm vụ" "Hoàn thành tốt nhiệm vụ" "Không hoàn thành nhiệm vụ"; do
	assert_contains "$s" "$grade" "the help at 80 columns"
done
assert_not_contains "$s" "…" "a description cut at 80 columns"
# F2's description takes two rows, its second under the description column
row=$(screen | grep -n "^ *F2 " | cut -d: -f1)
[ -n "$row" ] || fail "no F2 in the help"
next=$(screen | sed -n "$((row + 1))p")
assert_contains "$next" "                         Hoàn thành xuất sắc nhiệm vụ" "F2's second row"
resize 132 30
wait_for "(hoặc dòng đang chọn): Hoàn thành xuất sắc nhiệm vụ"
send Escape
wait_for "Bảng xếp loại"
send F10
wait_exit
echo "help wrap: ok"
