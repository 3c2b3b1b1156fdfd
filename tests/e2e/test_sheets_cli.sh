# test_sheets_cli.sh - the spreadsheet forms of every command that prints a
# table: each XLSX read back by an independent reader (openpyxl) equals the
# CSV with labels of the same command, number for number, with percentage
# cells and charts; the CSV with labels opens with a BOM and its Vietnamese
# intact; --output writes through a temporary file.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
$PY -c 'import openpyxl' 2>/dev/null ||
	fail "python3-openpyxl is needed (make deps installs it)"
db=$(demo_db 2000)
run() { "$BIN" --config "$CONFIG" --db "$db" "$@"; }
out="$E2E_TMP/out"
mkdir -p "$out"

# sheet NAME COMMAND...: the XLSX and the CSV with labels of one command;
# then check NAME ARGS compares them (sheet_check.py's arguments).
sheet() {
	name=$1
	shift
	run "$@" --format xlsx --output "$out/$name.xlsx"
	case $? in 0 | 1) ;; *) fail "$name: xlsx failed" ;; esac
	run "$@" --labels >"$out/$name.csv"
	case $? in 0 | 1) ;; *) fail "$name: csv failed" ;; esac
}
check() {
	name=$1
	shift
	$PY "$SRC/tests/e2e/sheet_check.py" "$out/$name.xlsx" "$out/$name.csv" "$@" ||
		fail "sheet check of $name"
}

sheet gender stats --by gender
check gender --pct % --charts 1 --title "Ban Tổ chức Tỉnh ủy Long An" --title 30/06/2025
sheet age stats --by age
check age --pct % --charts 1
sheet cross stats --by age,gender
check cross --pct % --charts 1
sheet rating stats --by rating --year 2025
check rating --pct % --charts 1 --title 2025
sheet targets targets --year 2025
check targets --pct "Mục tiêu" --pct "Thực tế" --charts 1 --title 2025
sheet by_district targets --by-district --year 2025
check by_district --pct "Mục tiêu" --charts 1
sheet find find nguyen --limit 0
check find --charts 0
sheet plans plans
check plans --charts 0
sheet summary plans summary
check summary --charts 1
sheet selfcheck selfcheck
check selfcheck --charts 0
sheet years targets --years 2023-2025
check years --pct "Mục tiêu" --pct 2025 --charts 1
$PY -c '
import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1]).active
chart = ws._charts[0]
sys.exit(0 if chart.tagname == "lineChart" and len(chart.series) == 15 else 1)' "$out/years.xlsx" ||
	fail "the XLSX of --years has no line per target"
# Its last year is the year of canbo targets, figure for figure.
run targets --years 2023-2025 --format csv | tr -d '\r' |
	awk -F, '$1 == 2025 { print $2 "," $4 "," $5 }' >"$out/years-2025"
run targets --year 2025 --format csv | tr -d '\r' | awk -F, 'NR > 1 { print $4 "," $6 "," $7 }' >"$out/year-2025"
cmp -s "$out/years-2025" "$out/year-2025" || fail "--years 2023-2025 differs from --year 2025 in 2025"
[ "$(wc -l <"$out/years-2025")" -eq 15 ] || fail "not every target in --years"
run targets --years 2025-2021 >/dev/null 2>&1
assert_eq "$?" 2 "years in the wrong order"
run targets --years 2021-2025 --by-district >/dev/null 2>&1
assert_eq "$?" 2 "--years with --by-district"
sheet en stats --by gender --lang en
check en --pct % --charts 1 --title "Reference date"

# The figures are those of the CSV for scripts too.
want=$(run stats --by gender --format csv | awk -F, '$1 == "female" { print $2 }')
got=$($PY -c '
import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1]).active
print(next(r[1] for r in ws.iter_rows(values_only=True) if r[0] == "Nữ"))' "$out/gender.xlsx")
assert_eq "$got" "$want" "women in the XLSX and in the CSV"
# The targets CSV for scripts names each target.
names=$(run targets --year 2025 --format csv | head -1)
assert_contains "$names" "target_name" "targets CSV header"
run targets --year 2025 --format csv | grep -q "Nữ trong cán bộ diện Ban Thường vụ" ||
	fail "the targets CSV lacks the name of the women target"

# The CSV with labels decodes as a spreadsheet decodes it: BOM first,
# Vietnamese intact, the decimal comma in Vietnamese, the point in English.
head -c 3 "$out/gender.csv" | od -An -tx1 | grep -q "ef bb bf" || fail "no BOM"
first=$($PY -c 'import sys; print(open(sys.argv[1], encoding="utf-8-sig").readline().strip())' "$out/gender.csv")
assert_eq "$first" "Giới tính,Số lượng,%" "decoded header"
grep -q '^Nữ,[0-9]*,"[0-9]*,[0-9]"' "$out/gender.csv" || fail "no decimal comma: $(cat "$out/gender.csv")"
grep -q '^Female,[0-9]*,[0-9]*\.[0-9]' "$out/en.csv" || fail "English CSV: $(cat "$out/en.csv")"
# Scripts keep the codes and the point.
run stats --by gender --format csv | tr -d '\r' | grep -q '^female,[0-9]*,[0-9]*\.[0-9]$' ||
	fail "the CSV for scripts changed"

# --output: a new file is its owner's alone, an existing file keeps its
# mode; a failing command leaves the old file and no temporary file.
mode=$(stat -c %a "$out/gender.xlsx")
assert_eq "$mode" 600 "mode of a new file"
: >"$out/kept.csv"
chmod 644 "$out/kept.csv"
echo old >"$out/kept.csv"
run stats --by gender --labels --output "$out/kept.csv" || fail "--output over a file"
assert_eq "$(stat -c %a "$out/kept.csv")" 644 "mode of an existing file"
run stats --by height --labels --output "$out/kept.csv" 2>/dev/null
assert_eq "$?" 2 "usage error with --output"
run stats --by nothing-here --format xlsx --output "$out/kept.csv" 2>/dev/null
head -c 3 "$out/kept.csv" | od -An -tx1 | grep -q "ef bb bf" || fail "a failed run replaced the file"
ls -a "$out" | grep -q '\.canbo-' && fail "a temporary file was left behind"
# --labels is for CSV only, and not for commands without a spreadsheet form.
run stats --by gender --labels --format json >/dev/null 2>&1
assert_eq "$?" 2 "--labels with json"
run show 1 --format xlsx --output "$out/show.xlsx" >/dev/null 2>&1
assert_eq "$?" 2 "xlsx of a record"

# Binary output is refused on a terminal.
tmux_start 100 10 "$BIN" --config "$CONFIG" --db "$db" stats --by gender --format xlsx
wait_for "--output"
exit 0
