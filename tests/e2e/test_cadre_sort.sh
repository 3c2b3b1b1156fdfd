#!/bin/sh
# The cadre list's sort choices at 80x24, in Vietnamese and English: the
# order of an official list (units in tree order, in each the secretary
# first and down the position ranks) and every order reversed; the status
# line says which is in force.
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"
db=$(demo_db)

# The names the database puts first in an order (SQL written here, apart
# from the program's own): the first row of the list must be one of them.
POSKEY="CASE WHEN c.pos_rank > 0 THEN c.pos_rank ELSE 15 END"
first_sql() { sqlite3 "$db" "SELECT c.full_name FROM cadre c JOIN unit u ON u.id = c.unit_id ORDER BY $1 LIMIT 1"; }
first_row() { screen | sed -n 's/^▸\(.*[^ ]\)  *[12][0-9][0-9][0-9] (.*/\1/p'; }

pick_sort() { # words to type in the sort picker, the status text it gives
	send F6
	wait_for "/ "
	send_text "$1"
	send Enter
	wait_for "$2  "
}

check() { # menu, picker words x4, status texts x4
	menu=$1
	shift
	ui_start "${LANG_ARG:-}"
	wait_for "$menu"
	send 1
	wait_for "/2000"
	pick_sort "$1" "$5"
	assert_eq "$(first_row)" "$(first_sql "u.lo, u.id, $POSKEY, c.rank")" \
		"first in official-list order"
	pick_sort "$2" "$6"
	assert_eq "$(first_row)" "$(first_sql "u.lo DESC, u.id DESC, $POSKEY DESC, c.rank DESC")" \
		"first in official-list order reversed"
	pick_sort "$3" "$7"
	young=$(sqlite3 "$db" "SELECT max(birth_date) FROM cadre")
	assert_contains "$(screen | grep '^▸')" "${young%%-*} (" "first in age order reversed"
	pick_sort "$4" "$8"
	assert_eq "$(first_row)" "$(first_sql "c.rank DESC")" "first in name order reversed"
	send F10
	wait_exit
	kill_server
}

check "Menu chính" "chính thức" "cấp chức vụ ngược" "trẻ tuổi" "tên ngược" \
	"theo cấp chức vụ" "theo cấp chức vụ, ngược lại" "theo tuổi, ngược lại" \
	"theo tên, ngược lại"
LANG_ARG=--lang=en
check "Main menu" "official list" "position reverse" "youngest" "name reverse" \
	"by position rank" "by position rank, reversed" "by age, reversed" \
	"by name, reversed"
echo "cadre list sort: ok"
