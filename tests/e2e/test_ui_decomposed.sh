#!/bin/sh
# Names typed decomposed, as UniKey's "Unicode tổ hợp" sends them (a letter,
# then its marks as separate code points): in the search line and in the
# form the cursor moves and deletes a whole letter with its marks, and the
# cadre is found. From the command line: a duplicate in capitals is caught,
# a name in Chinese script is found, a query of punctuation is refused.
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"

db="$E2E_TMP/office.db"
csv="$E2E_TMP/list.csv"
"$BIN" demo --config "$CONFIG" --db "$db" --cadres 30 --seed 5 >/dev/null || fail "demo"
printf 'Họ và tên;Ngày sinh;Giới tính;Dân tộc;Chức vụ;Đơn vị\r\n' >"$csv"
printf 'Nguyễn Thị Thủy;04/03/1981;Nữ;Kinh;Bí thư Đảng ủy xã;Xã Lộc Giang\r\n' >>"$csv"
printf 'Nguyễn Văn Thiện;05/06/1979;Nam;Kinh;Phó Bí thư Đảng ủy xã;Xã Lộc Giang\r\n' >>"$csv"
printf 'Lý 李明;07/08/1985;Nam;Hoa;Chủ tịch UBND xã;Xã Lộc Giang\r\n' >>"$csv"
"$BIN" import "$csv" --config "$CONFIG" --db "$db" >/dev/null || fail "import"

# ---- the command line ---------------------------------------------------
printf 'Họ và tên;Ngày sinh;Giới tính;Dân tộc;Chức vụ;Đơn vị\r\n' >"$csv"
printf 'NGUYỄN THỊ THUỶ;04/03/1981;Nữ;Kinh;Bí thư Đảng ủy xã;Xã Lộc Giang\r\n' >>"$csv"
"$BIN" import "$csv" --config "$CONFIG" --db "$db" --lang en >/dev/null 2>"$E2E_TMP/err" &&
	fail "the same person in capitals was imported again"
assert_contains "$(cat "$E2E_TMP/err")" "Duplicate"
found=$("$BIN" find 李 --config "$CONFIG" --db "$db" --format csv) || fail "find 李"
assert_contains "$found" "Lý 李明"
"$BIN" find "–…" --config "$CONFIG" --db "$db" --lang en >/dev/null 2>"$E2E_TMP/err"
assert_eq "$?" 2 "find with punctuation only"
assert_contains "$(cat "$E2E_TMP/err")" "no letter or digit"
found=$("$BIN" find "Thị" --config "$CONFIG" --db "$db" --format csv)
assert_contains "$found" "Nguyễn Thị Thủy"
assert_not_contains "$found" "Nguyễn Văn Thiện"

# ---- the search line ---------------------------------------------------------
nfd_name=$(printf 'Nguye\314\202\314\203n Thi\314\243 Thu\314\211y')
hook=$(printf 'u\314\211')
UI_COLS=120 tmux_start 120 24 "$BIN" --config "$CONFIG" --db "$db"
wait_for "Menu chính"
send 1
wait_for "cán bộ   Lọc"
send /
send_text "$nfd_name"
wait_for "▸Nguyễn Thị Thủy"
assert_not_contains "$(screen)" "Thiện"
# Left stops before y; Backspace takes ủ whole (u and its hook): "Thy"
# matches nobody. Had it taken the hook alone, "Thuy" would still match.
send Left
send BSpace
wait_for "Không có cán bộ nào phù hợp"
send_text "$hook"
wait_for "▸Nguyễn Thị Thủy"

# ---- the form ------------------------------------------------------------------
send Enter Enter
wait_for "1 Chung"
send F4
wait_for "F2: lưu"
send C-u
send_text "$nfd_name"
# Left twice: before y, then before ủ (never between u and its hook);
# Backspace takes h, typing h puts it back before the whole ủ
send Left Left BSpace
send_text "h"
send End
send_text " Tiên"
send F2
wait_for "Đã lưu: Nguyễn Thị Thủy Tiên"
found=$("$BIN" find "thủy tiên" --config "$CONFIG" --db "$db" --format csv)
assert_contains "$found" "Nguyễn Thị Thủy Tiên,1981-03-04"
send q
