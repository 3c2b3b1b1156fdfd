# test_sheets_screen.sh - the export key of the breakdown, cross-tab,
# target panel, plans summary and self-check screens: each writes the
# table shown, read back by an independent reader (openpyxl) and compared
# with the CSV with labels of the same command line; a .csv name writes a
# CSV for spreadsheets (BOM first).
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
$PY -c 'import openpyxl' 2>/dev/null ||
	fail "python3-openpyxl is needed (make deps installs it)"
db=$(demo_db 2000)
run() { "$BIN" --config "$CONFIG" --db "$db" "$@"; }
out="$E2E_TMP/out"
mkdir -p "$out"
cd "$out" || fail "no scratch directory"

# export NAME: presses the export key, writes NAME (relative to $out).
export_as() {
	send F5
	wait_for ".xlsx hoặc .csv"
	send C-u
	send_text "$1"
	send Enter
	wait_for "Đã ghi $1"
	[ -f "$out/$1" ] || fail "$1 was not written"
	[ "$(stat -c %a "$out/$1")" = 600 ] || fail "$1 is readable by others"
}
# same XLSX COMMAND...: the file equals the command line's CSV with labels.
same() {
	file=$1
	shift
	run "$@" --labels >"$out/$file.cli.csv"
	$PY "$SRC/tests/e2e/sheet_check.py" "$out/$file" "$out/$file.cli.csv" --charts 1 ||
		fail "$file differs from canbo $*"
}

tmux_start 100 30 "$BIN" --config "$CONFIG" --db "$db"
wait_for "Cơ cấu và chỉ tiêu"
send 2
wait_for "Dưới 30"

# The breakdown by age, then crossed with gender.
export_as age.xlsx
same age.xlsx stats --by age
export_as age.csv
head -c 3 age.csv | od -An -tx1 | grep -q "ef bb bf" || fail "no BOM in age.csv"
cmp -s age.csv age.xlsx.cli.csv || fail "age.csv differs from canbo stats --by age --labels"
send x
wait_for "Kết hợp với"
send Down Down Enter
wait_for "Tổng cộng  "
wait_gone "Kết hợp với"
export_as cross.xlsx
same cross.xlsx stats --by age,gender

# The target panel, every district beside the province (each target by
# its short label).
send t
wait_for "Diện BTV: nữ"
export_as targets.xlsx
year=$($PY -c '
import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1]).active
print(next(r[1] for r in ws.iter_rows(values_only=True) if r[0] == "Năm"))' targets.xlsx)
same targets.xlsx targets --by-district --year "$year"
send F10
kill_server

# The cadre list writes a CSV for spreadsheets too: BOM, Vietnamese
# headers and labels the import reads back (the unit tests round-trip it).
tmux_start 100 30 "$BIN" --config "$CONFIG" --db "$db"
wait_for "Danh sách cán bộ"
send 1
wait_for "cán bộ   Lọc"
send F5
wait_for "Ghi vào tệp"
send C-u
send_text "can-bo.csv"
send Enter
wait_for "Đã ghi 2000 cán bộ vào can-bo.csv"
head -c 3 can-bo.csv | od -An -tx1 | grep -q "ef bb bf" || fail "no BOM in the cadre export"
first=$($PY -c 'import sys; print(open(sys.argv[1], encoding="utf-8-sig").readline().strip())' can-bo.csv)
assert_contains "$first" "Họ và tên,Ngày sinh,Giới tính,Dân tộc,Chức vụ" "cadre export header"
[ "$(awk 'END { print NR }' can-bo.csv)" -eq 2001 ] || fail "not every cadre exported"
grep -q ',Nữ,' can-bo.csv || fail "genders are not labels"
send F10
kill_server

# The summary of action plans and the self-check list.
tmux_start 100 30 "$BIN" --config "$CONFIG" --db "$db"
wait_for "Kế hoạch khắc phục"
send 3
wait_for "Xong"
send F6
wait_for "Tổng hợp kế hoạch khắc phục"
export_as summary.xlsx
year=$($PY -c '
import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1]).active
print(next(r[1] for r in ws.iter_rows(values_only=True) if r[0] == "Năm"))' summary.xlsx)
same summary.xlsx plans summary --year "$year"
send Escape
wait_for "Xong"
send F8
wait_for "Tự kiểm tra"
export_as selfcheck.csv
run selfcheck --labels >selfcheck.cli.csv
cmp -s selfcheck.csv selfcheck.cli.csv || fail "the self-check list differs from canbo selfcheck --labels"
send F10
exit 0
