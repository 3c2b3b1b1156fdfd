#!/bin/sh
# The list view at 80x24 and 132x43: a list shows its heading from its
# columns, "i/n" on the status line, and marks the columns that had to be
# hidden on a narrow terminal (▸N in the heading, said on the status
# line); at 132 columns everything fits and the mark is gone. The export
# key writes the list's columns, hidden ones too.
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"
db=$(demo_db)
run() { "$BIN" --config "$CONFIG" --db "$db" "$@"; }
n=$(run due --within 365 --format csv | tail -n +2 | wc -l)
[ "$n" -gt 2 ] || fail "too little falls due in the demo province"

ui_start
wait_for "Menu chính"
send 9
wait_for "Việc đến hạn trong năm tới"
wait_for " 1/$n "
head=$(screen | sed -n 2p)
assert_contains "$head" "Ngày" "the heading"
assert_contains "$head" "▸1" "the hidden-column mark at 80 columns"
assert_not_contains "$head" "Đơn vị" "the heading at 80 columns"
assert_contains "$(screen | tail -2 | head -1)" "cột ẩn: 1" "the status line at 80 columns"
# Right scrolls the table sideways, as less -S: the first column stays,
# the next goes out on the left (◂1) and the hidden unit comes in; at
# the last column Right changes nothing; Left brings the table back
send Right
wait_for "◂1"
head=$(screen | sed -n 2p)
assert_contains "$head" "Ngày" "the first column stays"
assert_contains "$head" "Đơn vị" "the unit scrolled into sight"
assert_not_contains "$head" "Việc" "the column scrolled out on the left"
assert_not_contains "$head" "▸" "nothing left hidden on the right"
assert_contains "$(screen | tail -2 | head -1)" "◂ cột ẩn: 1" "the status line says so"
send Right
sleep 0.3
assert_eq "$(screen | sed -n 2p)" "$head" "Right at the last column"
send Left
wait_for "Việc"
head=$(screen | sed -n 2p)
assert_contains "$head" "▸1" "Left: the unit hidden again"
assert_not_contains "$head" "◂" "Left: nothing out on the left"
send Down Down
wait_for " 3/$n "
send End
wait_for " $n/$n "

resize 132 43
wait_for "Đơn vị"
head=$(screen | sed -n 2p)
assert_not_contains "$head" "▸" "the heading at 132 columns"
assert_not_contains "$(screen | tail -2 | head -1)" "cột ẩn" "the status line at 132 columns"
assert_contains "$(screen | tail -2 | head -1)" " $n/$n " "the position kept"

# the export writes every row and every column, the unit too
resize 80 24
wait_for "▸1"
send F5
wait_for ".xlsx"
send C-u
send_text "$E2E_TMP/due.csv"
send Enter
wait_for "Đã ghi"
[ -f "$E2E_TMP/due.csv" ] || fail "no export written"
head -1 "$E2E_TMP/due.csv" | grep -q "Đơn vị" || fail "the export lacks the hidden unit column"
assert_eq "$(($(wc -l <"$E2E_TMP/due.csv") - 1))" "$n" "rows exported"
send Escape
wait_for "Menu chính"

# The cadre list (a keyset list of every cadre): political theory hides
# first at 80 columns, with the mark; at 132 it is back.
send 1
wait_for "Họ và tên"
head=$(screen | sed -n 3p)
assert_contains "$head" "▸1" "the cadre list's hidden-column mark at 80 columns"
assert_not_contains "$head" "LLCT" "the cadre list's heading at 80 columns"
wait_for " 1/2000 cán bộ"
assert_contains "$(screen | tail -2 | head -1)" "cột ẩn: 1" "the cadre list's status line"
# Right there too, whatever was typed: the theory comes into sight
send Right
wait_for "LLCT"
assert_contains "$(screen | sed -n 3p)" "◂1" "the cadre list scrolled"
send Left
wait_gone "LLCT"
resize 132 43
wait_for "LLCT"
assert_not_contains "$(screen | sed -n 3p)" "▸" "the cadre list's heading at 132 columns"
resize 80 24
wait_for "▸1"
# A name longer than its column keeps its surname and given name (the
# list is sorted by the given name): the middle names are cut.
long=$(run find --format csv | python3 -c '
import csv, sys
rows = list(csv.reader(sys.stdin))
col = rows[0].index("full_name")
print(next(r[col] for r in rows[1:] if len(r[col]) > 20 and len(r[col].split()) >= 4))')
[ -n "$long" ] || fail "no long name in the demo province"
send_text "$long"
wait_for "Tìm:  $long"
row=$(screen | grep "^▸")
assert_contains "$row" "${long%% *} " "the surname in the list"
assert_contains "$row" " ${long##* } " "the given name in the list"
assert_not_contains "$row" "$long" "the whole name at 80 columns"
send Escape
send Escape
wait_for "Menu chính"

# The problems of an import are a list view too: Line, Column, Problem,
# with i/n.
printf 'Họ và tên,Ngày sinh\nNguyễn Văn A,31/02/1980\nTrần Thị B,99/99/1999\n' >"$E2E_TMP/bad.csv"
send 5
wait_for "Nhập và xuất dữ liệu"
send Down Down Enter
wait_for "Nhập cán bộ từ tệp CSV:"
send_text "$E2E_TMP/bad.csv"
send Enter
wait_for "Lỗi"
head=$(screen | grep "Lỗi" | head -1)
assert_contains "$head" "Dòng" "the problems' heading"
assert_contains "$head" "Cột" "the problems' heading"
wait_for " 1/"
send Escape
send Escape
wait_for "Menu chính"
send F10
wait_exit
echo "list view: ok"
