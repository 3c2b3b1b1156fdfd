#!/bin/sh
# The same screens under NO_COLOR, a non-UTF-8 locale (ASCII only),
# --lang en, and the terminals people use: xterm, screen, tmux, the Linux
# console, vt100.
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"

# colours by default, none with NO_COLOR (reverse video marks the selection)
ui_start
wait_for "Menu chính"
send 1
wait_for "cán bộ   Lọc"
assert_contains "$(screen_attrs)" "[46m" "coloured screen"
send F10
wait_exit
kill_server
db=$(demo_db)
tmux_start 80 24 NO_COLOR=1 "$BIN" --config "$CONFIG" --db "$db"
wait_for "Menu chính"
send 1
wait_for "cán bộ   Lọc"
attrs=$(screen_attrs)
assert_not_contains "$attrs" "[46m" "NO_COLOR screen"
assert_contains "$attrs" "[7m" "NO_COLOR screen"
send F10
wait_exit
kill_server

# LANG=C: Vietnamese without marks, nothing but ASCII on the screen
TEST_LANG=C
ui_start
wait_for "Menu chinh"
send 1
wait_for "Danh sach can bo"
send /
send_text "dang"
wait_for "Dang"
if screen | LC_ALL=C grep -q '[^ -~]'; then
	screen >&2
	fail "non-ASCII bytes on an ASCII terminal"
fi
send F10
wait_exit
kill_server
TEST_LANG=C.UTF-8

# --lang en
ui_start --lang en
wait_for "Main menu"
send 1
wait_for "Cadre list"
send F1
wait_for "Search by name as you type"
send F10
wait_exit
kill_server

for term in screen tmux-256color linux vt100; do
	TEST_TERM=$term
	ui_start
	wait_for "Menu"
	send 1
	wait_for "/2000"
	send Down Down
	wait_for "3/2000"
	send Escape
	wait_for "Menu"
	send q
	wait_exit
	kill_server
done
