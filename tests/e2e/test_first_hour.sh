#!/bin/sh
# The first minutes on a fresh machine: no locale chosen at all, a locale
# without UTF-8, no terminal, a terminal that cannot place the cursor.
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"
db=$(demo_db 300)

# No locale variable at all (minimal Debian, containers, many SSH logins):
# Vietnamese keeps its marks, on the command line and on the screen.
out=$(env -u LANG -u LC_ALL -u LC_CTYPE -u LANGUAGE "$BIN" find --config "$CONFIG" --db "$db" nguyen --limit 3)
assert_contains "$out" "Họ và tên" "find with no locale set"
assert_contains "$out" "Nguyễn" "find with no locale set"
TEST_LANG="" ui_start
wait_for "Menu chính"
send F10
wait_exit
kill_server

# A locale the user chose without UTF-8: letters without marks, and the
# screen says why and what to set.
TEST_LANG=C ui_start
wait_for "Menu chinh"
wait_for "LANG=C.UTF-8"
send F10
wait_exit
kill_server

# No terminal: a usage error (exit 2) that says what is needed.
rc=0
err=$("$BIN" --config "$CONFIG" --db "$db" </dev/null 2>&1 >/dev/null) || rc=$?
assert_eq "$rc" 2 "exit status without a terminal"
assert_contains "$err" "terminal" "message without a terminal"

# TERM=dumb: refused at once, nothing drawn, the commands named.
TEST_TERM=dumb ui_start
wait_for "canbo help"
assert_not_contains "$(screen)" "Menu" "dumb terminal screen"
kill_server
echo "first hour: ok"
