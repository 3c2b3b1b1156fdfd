#!/bin/sh
# A dropped connection (SIGHUP) during an edit: the program exits cleanly,
# keeps the form as a draft, and the next start offers to restore it; the
# restored edit saves normally. SIGTERM likewise ends cleanly.
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"

pick_cadre "nguyen van"

ui_start
wait_for "Menu chính"
open_record "$name"
send F4
wait_for "F2: lưu"
send End
send_text " Hùng"
wait_for "$name Hùng"
pid=$(app_pid)
kill -HUP "$pid"
wait_exit
assert_eq "$(json_field "$(show)" full_name)" "$name" "name after the hangup (nothing saved)"

kill_server
ui_start
wait_for "Khôi phục lại?"
answer_yes
wait_for "$name Hùng"
send F2
wait_for "Đã lưu: $name Hùng"
assert_eq "$(json_field "$(show)" full_name)" "$name Hùng" "name after restoring the draft"

# the draft is gone once saved: the next start goes straight to the menu
send F10
wait_exit
kill_server
ui_start
wait_for "Menu chính"
assert_not_contains "$(screen)" "Khôi phục"

# SIGTERM: a clean exit as well
kill -TERM "$(app_pid)"
wait_exit
