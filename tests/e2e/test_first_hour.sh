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

# An office starts from nothing: init creates the empty database with the
# configured units, and never replaces a file.
new="$E2E_TMP/office.db"
rc=0
err=$("$BIN" find --config "$CONFIG" --db "$new" an 2>&1) || rc=$?
assert_eq "$rc" 4 "find on a missing database"
assert_contains "$err" "canbo init" "missing database message"
out=$("$BIN" init --config "$CONFIG" --db "$new") || fail "init failed"
assert_contains "$out" "202" "init reports the configured units"
units=$(sqlite3 "$new" "SELECT count(*) FROM unit")
assert_eq "$units" 202 "units in the new database"
assert_eq "$(stat -c %a "$new")" 600 "mode of the new database"
before=$(sha256sum "$new")
rc=0
"$BIN" init --config "$CONFIG" --db "$new" 2>/dev/null || rc=$?
assert_eq "$rc" 2 "init over an existing database"
assert_eq "$(sha256sum "$new")" "$before" "the existing database after a refused init"
rc=0
"$BIN" init --config "$CONFIG" --db "$db" 2>/dev/null || rc=$?
assert_eq "$rc" 2 "init over the demo database"
assert_eq "$(ls "$E2E_TMP" | grep -c init-)" 0 "temporary files left by init"

# Its cadre list says how to begin, not "no match"; with one cadre added
# (the command line, as another user would) and a search that finds no
# one, the list says no cadre matches again.
tmux_start 100 24 "$BIN" --config "$CONFIG" --db "$new"
wait_for "Menu chính"
send 1
wait_for "Chưa có cán bộ nào: Ins để thêm, hoặc nhập từ tệp ở mục 5 của menu chính."
assert_contains "$(screen | tail -2 | head -1)" "Chưa có cán bộ nào." "the status line"
printf 'Họ và tên,Ngày sinh,Giới tính,Dân tộc,Đơn vị,Chức vụ,Cấp chức vụ,Trình độ chuyên môn,Lý luận chính trị\r\nNguyễn Văn An,01/02/1980,Nam,Kinh,Tỉnh Long An,Phó Giám đốc Sở Nội vụ,Phó Giám đốc Sở và tương đương,Đại học,Cao cấp\r\n' >"$E2E_TMP/one.csv"
"$BIN" import "$E2E_TMP/one.csv" --config "$CONFIG" --db "$new" >/dev/null 2>&1 ||
	fail "the one cadre's import"
send_text "zzz"
wait_for "Không có cán bộ nào phù hợp."
assert_not_contains "$(screen)" "Chưa có cán bộ nào" "a search that finds no one"
send C-u
wait_for "Nguyễn Văn An"
send F10
wait_exit
kill_server
echo "init: ok"
