#!/bin/sh
# Resizing at any moment: below 60x16 only "too small" is shown, and every
# screen comes back as it was when the terminal grows again.
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"

ui_start
wait_for "Menu chính"
resize 40 12
wait_for "quá nhỏ"
resize 80 24
wait_for "Menu chính"

send 1
wait_for "cán bộ   Lọc"
send Down Down
resize 40 12
wait_for "quá nhỏ"
send Down        # ignored while too small
resize 120 40
wait_for "3/2000"
resize 60 16
wait_for "3/2000"

send Enter
wait_for "1 Chung"
resize 40 12
wait_for "quá nhỏ"
resize 80 24
wait_for "1 Chung"

send F4
wait_for "F2: lưu"
send_text "Ư"
resize 40 12
wait_for "quá nhỏ"
resize 100 30
wait_for "F2: lưu"
assert_contains "$(screen)" "Ư"

# a dialog survives a resize too
send Escape
wait_for "Bỏ các thay đổi"
resize 70 20
wait_for "Bỏ các thay đổi"
answer_yes
wait_for "1 Chung"
[ -n "$(app_pid)" ] || fail "the program ended"
send F10
wait_exit
