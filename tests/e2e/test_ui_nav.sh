#!/bin/sh
# The main menu: every item opens its screen and Esc comes back; the help
# screen; q quits and gives the terminal back.
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"

ui_start
wait_for "Menu chính"
menu=$(screen)
items=$(printf '%s\n' "$menu" | sed -n 's/^ *\([1-9]\)   .*/\1/p')
[ -n "$items" ] || fail "no menu items"
for k in $items; do
	send "$k"
	wait_gone "Menu chính"
	[ -n "$(app_pid)" ] || fail "item $k ended the program"
	send Escape
	wait_for "Menu chính"
done
assert_contains "$menu" "Danh sách cán bộ"
assert_contains "$menu" "Tổ chức đảng"
assert_contains "$menu" "Nhập và xuất dữ liệu"
assert_contains "$menu" "Giới thiệu"

# arrows and Enter reach the same screens as the numbers
send Down
send Enter
wait_gone "Menu chính"
send Escape
wait_for "Menu chính"

# the list opens with its rows, a selection marker and a status line
send 1
wait_for "cán bộ   Lọc"
assert_contains "$(screen)" "▸"
send End
wait_for "2000/2000"
send Home
wait_for "1/2000"

# help: generated from the key table, in Vietnamese (? is text here: F1)
send F1
wait_for "Trợ giúp: Danh sách cán bộ"
assert_contains "$(screen)" "Tìm theo tên ngay khi gõ"
assert_contains "$(screen)" "Gõ tên là tìm: ở đây không chữ nào là lệnh"
# j, k, g, G and Space type letters here: the help does not offer them
assert_not_contains "$(screen)" "Down, j" "help of the cadre list"
send Escape
wait_for "F3 Tìm"
send F1
wait_for "Trợ giúp: Danh sách cán bộ"
send q
wait_gone "Trợ giúp: Danh sách cán bộ"

# organisations: open one to see its cadres, then back to the same place
send Escape
wait_for "Menu chính"
send 4
wait_for "xếp loại năm"
send Down Down
wait_for " 3/"
before=$(screen)
send Enter
wait_for "Lọc:"
send Escape
wait_for "xếp loại năm"
assert_eq "$(screen)" "$before" "organisation screen after coming back"

# an organisation's action plans: F8, shown in the key bar and the help
assert_contains "$(screen | tail -1)" "F8 Kế hoạch" "key bar of the organisations"
org=$(screen | sed -n 's/^▸[├└│─ `|-]*\(.*[^ ]\)  .*/\1/p' | sed 's/  .*//; s/…$//')
[ -n "$org" ] || fail "no organisation selected"
send F8
wait_for "Kế hoạch khắc phục - $org"
send Escape
wait_for "xếp loại năm"
send F1
wait_for "Trợ giúp: Tổ chức đảng"
assert_contains "$(screen)" "Mở kế hoạch khắc phục của tổ chức đang chọn"
send Escape
wait_for "xếp loại năm"

send Escape
wait_for "Menu chính"

# Esc never quits: a few too many from a search leave the menu on screen
send 1
wait_for "cán bộ   Lọc"
send_text "nguyen"
wait_for "Tìm:  nguyen"
send Escape
sleep 0.2
send Escape
sleep 0.2
send Escape
sleep 0.2
send Escape
wait_for "Menu chính"
sleep 0.3
[ -n "$(app_pid)" ] || fail "Esc ended the program"
wait_for "q hoặc F10 để thoát canbo"
send q
wait_exit
