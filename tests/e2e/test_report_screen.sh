# test_report_screen.sh - the report screen: a layout of the configuration
# filled for the province, marked as an example; Enter on a count lists
# exactly the cadres behind it; e exports it, and the file equals the
# command line's report.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
$PY -c 'import openpyxl' 2>/dev/null ||
	fail "python3-openpyxl is needed (make deps installs it)"
db=$(demo_db 2000)
run() { "$BIN" --config "$CONFIG" --db "$db" "$@"; }
out="$E2E_TMP/out"
mkdir -p "$out"
cd "$out" || fail "no scratch directory"

csv=$(run report run vi-du-co-cau-theo-huyen --format csv)
women=$(printf '%s\n' "$csv" | awk -F, '$1 == "Thành phố Tân An" { print $3 }')
[ -n "$women" ] || fail "no figure for Tân An: $csv"

tmux_start 120 30 "$BIN" --config "$CONFIG" --db "$db"
wait_for "Báo cáo"
send 7
wait_for "vi-du-co-cau-theo-huyen"
assert_contains "$(screen)" "vi-du-trinh-do"
assert_contains "$(screen)" "(ví dụ)"
# the layouts are a list like every other: "i/n", End, Home
layouts=$(ls "$CONFIG"/reports/*.ini | wc -l)
wait_for " 1/$layouts báo cáo"
send End
wait_for " $layouts/$layouts báo cáo"
assert_contains "$(screen | grep '^▸')" "vi-du-trinh-do" "the last layout selected"
send Home
wait_for " 1/$layouts báo cáo"
send Enter
wait_for "Thành phố Tân An"
wait_for "MẪU VÍ DỤ"
# The women of Tân An: the second column of the first row.
send Right
wait_for "Thành phố Tân An: Nữ"
send Enter
wait_for "/$women cán bộ"
send Escape
wait_for "Thành phố Tân An: Nữ"
# A subtotal has no list of its own.
send End
send Up
wait_for "Cộng các huyện, thị xã, thành phố: Nữ"
send Enter
wait_for "Dòng cộng là tổng các dòng phía trên"

send F5
wait_for ".xlsx hoặc .csv"
send C-u
send_text "bao-cao.xlsx"
send Enter
wait_for "Đã ghi bao-cao.xlsx"
run report run vi-du-co-cau-theo-huyen --labels >"$out/cli.csv"
$PY "$SRC/tests/e2e/sheet_check.py" "$out/bao-cao.xlsx" "$out/cli.csv" --title "MẪU VÍ DỤ" ||
	fail "the exported report differs from canbo report run"
send F10
exit 0
