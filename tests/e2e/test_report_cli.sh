# test_report_cli.sh - report layouts of the configuration: the example
# layouts run on the demo province, and every cell equals a recount of
# `canbo find` made here; their XLSX equals their CSV; they say they are
# examples; a broken layout is refused with its file and line.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
$PY -c 'import openpyxl' 2>/dev/null ||
	fail "python3-openpyxl is needed (make deps installs it)"
db=$(demo_db 2000)
run() { "$BIN" --config "$CONFIG" --db "$db" "$@"; }
out="$E2E_TMP/out"
mkdir -p "$out"

list=$(run report list --format csv) || fail "report list failed"
assert_contains "$list" "vi-du-co-cau-theo-huyen," "layouts listed"
assert_contains "$list" "vi-du-trinh-do," "layouts listed"
assert_contains "$list" "vi-du-dan-toc-ton-giao," "layouts listed"
printf '%s\n' "$list" | tr -d '\r' | awk -F, 'NR > 1 && $NF != "yes" { exit 1 }' ||
	fail "a shipped layout is not marked as an example: $list"

run find --format csv --limit 0 >"$out/find.csv" || fail "find failed"

# Districts, their subtotal, the whole province.
run report run vi-du-co-cau-theo-huyen --format csv --year 2025 >"$out/co-cau.csv" ||
	fail "report run failed"
$PY "$SRC/tests/e2e/report_check.py" "$out/find.csv" "$out/co-cau.csv" "$CANBO_TODAY" '*=district
Cộng các huyện, thị xã, thành phố=sum
Toàn tỉnh (cả cấp tỉnh)=all' || fail "vi-du-co-cau-theo-huyen differs from the recount"

# Populations by level, their sum, a filtered row.
run report run vi-du-trinh-do --format csv --year 2025 >"$out/trinh-do.csv" ||
	fail "report run failed"
$PY "$SRC/tests/e2e/report_check.py" "$out/find.csv" "$out/trinh-do.csv" "$CANBO_TODAY" 'Cán bộ cấp tỉnh, cấp huyện=level:province,district
Cán bộ cấp xã=level:commune
Cộng=sum
Trong đó: nữ=gender:female' || fail "vi-du-trinh-do differs from the recount"

# Ethnic groups and religions, coded as lists.ini codes them, and those
# never recorded.
run report run vi-du-dan-toc-ton-giao --format csv --year 2025 >"$out/dan-toc.csv" ||
	fail "report run failed"
$PY "$SRC/tests/e2e/report_check.py" "$out/find.csv" "$out/dan-toc.csv" "$CANBO_TODAY" 'Cán bộ cấp tỉnh, cấp huyện=level:province,district
Cán bộ cấp xã=level:commune
Cộng=sum' || fail "vi-du-dan-toc-ton-giao differs from the recount"

# One district: its row only, the same figures as in the province report.
run report run vi-du-co-cau-theo-huyen --format csv --district 794 >"$out/794.csv" ||
	fail "report run --district failed"
want=$(grep '^Thành phố Tân An,' "$out/co-cau.csv")
got=$(grep '^Thành phố Tân An,' "$out/794.csv" | cut -d, -f1-7)
assert_eq "$got" "$(printf '%s\n' "$want" | cut -d, -f1-7)" "Tân An alone"
assert_eq "$(awk 'END { print NR }' "$out/794.csv")" 4 "lines of one district"

# XLSX: the header block, the example mark, the signature block, and the
# figures of the CSV with labels.
run report run vi-du-co-cau-theo-huyen --format xlsx --year 2025 --output "$out/co-cau.xlsx" ||
	fail "report xlsx failed"
run report run vi-du-co-cau-theo-huyen --labels --year 2025 >"$out/co-cau-labels.csv" ||
	fail "report --labels failed"
$PY "$SRC/tests/e2e/sheet_check.py" "$out/co-cau.xlsx" "$out/co-cau-labels.csv" \
	--pct "Tỷ lệ nữ (%)" --pct "Tỷ lệ so với toàn tỉnh (%)" \
	--title "ĐẢNG CỘNG SẢN VIỆT NAM" --title "TỈNH ỦY LONG AN" --title "Long An, ngày 30 tháng 6 năm 2025" \
	--title "MẪU VÍ DỤ" || fail "report xlsx differs from its CSV"
$PY -c '
import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1]).active
cells = [c for row in ws.iter_rows(values_only=True) for c in row if c]
sys.exit(0 if "(Ký, ghi rõ họ tên)" in cells else 1)' "$out/co-cau.xlsx" || fail "no signature block"
table=$(run report run vi-du-trinh-do)
assert_contains "$table" "ĐẢNG CỘNG SẢN VIỆT NAM" "header block"
assert_contains "$table" "MẪU VÍ DỤ, không phải biểu mẫu chính thức" "example mark"
assert_contains "$table" "(Ký, ghi rõ họ tên)" "signature block"

# Mistakes: an unknown report, a broken layout (file and line named).
run report run no-such-report >/dev/null 2>&1
assert_eq "$?" 2 "unknown report"
run report run ../canbo >/dev/null 2>&1
assert_eq "$?" 2 "a path is not a report name"
cp -r "$CONFIG" "$E2E_TMP/config"
printf '[report]\ntitle = X\nsource = Y\n[row.1]\nlabel = A\n[column.1]\nlabel = B\ncount = gender:nobody\n' \
	>"$E2E_TMP/config/reports/hong.ini"
err=$("$BIN" --config "$E2E_TMP/config" --db "$db" report run hong 2>&1 >/dev/null)
assert_eq "$?" 3 "exit status of a bad value"
assert_contains "$err" "hong.ini:6: 'nobody'" "bad value reported with its line"
printf '[report]\ntitle = X\nsource = Y\n[row.1]\nlabel = A\n[column.2]\nlabel = B\ncount = total\n' \
	>"$E2E_TMP/config/reports/hong.ini"
err=$("$BIN" --config "$E2E_TMP/config" --db "$db" report run hong 2>&1 >/dev/null)
assert_contains "$err" "hong.ini:6: có [column.2] nhưng thiếu [column.1]" "gap in the columns"
exit 0
