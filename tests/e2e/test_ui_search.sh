#!/bin/sh
# Search as you type: without diacritics it finds every spelling, with
# diacritics only the one typed; the list follows every keystroke.
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"

db=$(demo_db)
want=$("$BIN" find --config "$CONFIG" --db "$db" "Đặng Thị" --format json --limit 1)
name=$(json_field "$want" full_name)
[ -n "$name" ] || fail "the demo has no Đặng Thị"
other=$("$BIN" find --config "$CONFIG" --db "$db" "Đăng" --format json --limit 1)
other_name=$(json_field "$other" full_name)
[ -n "$other_name" ] || fail "the demo has no Đăng"

# wide enough that every name fits its column
UI_COLS=140 ui_start
wait_for "Menu chính"
send 1
wait_for "cán bộ   Lọc"
send /
send_text "dang th"
wait_for "$name"
send_text "i"
wait_for "$name"

# spelled with its marks: Đăng does not find Đặng
send C-u
send_text "Đăng"
wait_for "Tìm:  Đăng "   # the whole word typed: the list below is its answer
sleep 0.3
wait_for "$other_name"
assert_not_contains "$(screen)" "Đặng"
# without marks: both
send C-u
send_text "dang"
wait_for "Đặng"
assert_contains "$(screen)" "Đ"

# nothing matches: a clear message, and Esc gives the whole list back
send C-u
send_text "zzxq"
wait_for "Không có cán bộ nào phù hợp"
send Escape
wait_for "/2000 cán bộ"
send Escape
wait_for "Menu chính"
send q
wait_exit
