#!/bin/sh
# The rating sheet: from the party organisations (F9), a commune chosen
# with F7, its cadres rated with marks - all marked and one grade key
# (asked first, with the count), two marked by hand and another grade,
# one row alone (no question), a question answered No (nothing changes) -
# then the stored ratings (`canbo export --kind rating`) and the audit
# (`canbo audit`) hold exactly that, and the status line counted it.
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"
db=$(demo_db)
run() { "$BIN" --config "$CONFIG" --db "$db" "$@"; }
year=2024 # the organisations screen opens on the last completed year

# a commune with a handful of cadres whose name no other unit contains
run find --format csv --limit 0 >"$E2E_TMP/all.csv"
commune=$(small_commune "$E2E_TMP/all.csv")
[ -n "$commune" ] || fail "no small commune in the demo"
n=$(awk -F, -v u="$commune" 'NR > 1 && index($0, "," u ",") { c++ } END { print c + 0 }' "$E2E_TMP/all.csv")
[ "$n" -ge 4 ] || fail "$commune: $n cadres"
audit_before=$(run audit --format csv --limit 0 | grep -c ',rating,')
# how many of them are rated "completed" already
run export --kind rating --year $year --format csv >"$E2E_TMP/r0.csv"
kept=$(python3 - "$E2E_TMP/all.csv" "$E2E_TMP/r0.csv" "$commune" <<'PY'
import csv, sys
ids = {r["id"] for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")) if r["unit"] == sys.argv[3]}
print(sum(1 for r in csv.DictReader(open(sys.argv[2], encoding="utf-8"))
          if r["cadre_id"] in ids and r["grade"] == "completed"))
PY
)

open_rating_sheet "$commune" $year
wait_for "1/$n cán bộ"

# every row marked, one key: asked first, with the scope, the year, the count
send +
wait_for "đã đánh dấu: $n"
send F4
wait_flat "$commune, năm $year: xếp loại $((n - kept)) cán bộ là \"Hoàn thành nhiệm vụ\"?"
wait_flat "$kept người đã có mức này, giữ nguyên"
answer_yes
wait_for "HTNV $n,"
assert_contains "$(screen)" "chưa xếp loại 0" "the status line counts the grades"
assert_not_contains "$(screen)" "đã đánh dấu" "the marks go once acted on"

# rows 1 and 3 marked by hand (Ctrl-Space marks and moves down)
send Home
send C-Space
send Down
send C-Space
wait_for "đã đánh dấu: 2"
first=$(screen | grep "^✓" | head -1 | sed 's/^.//; s/  .*//')
third=$(screen | grep "^✓" | sed -n 2p | sed 's/^.//; s/  .*//')
[ -n "$first" ] && [ -n "$third" ] || { screen >&2; fail "no marked rows shown"; }
# invert twice is the same two; unmark all and mark again
send '*'
wait_for "đã đánh dấu: $((n - 2))"
send '*'
wait_for "đã đánh dấu: 2"
send F2
wait_flat "xếp loại 2 cán bộ là \"Hoàn thành xuất sắc nhiệm vụ\"? 2 người đang có mức khác"
answer_yes
wait_for "HTXSNV 2,"
assert_contains "$(screen)" "HTNV $((n - 2))"

# one row, nothing marked: a grade it already has is replaced only after
# a question (No, the default, changes nothing)
send Home
send Down
second=$(screen | grep "^▸" | sed 's/^.//; s/  .*//')
send F5
wait_for "thay mức xếp loại của"
send Enter
wait_gone "thay mức xếp loại của"
assert_contains "$(screen)" "HTNV $((n - 2))" "a No keeps the grade"
send F5
wait_for "thay mức xếp loại của"
answer_yes
wait_for "KHTNV 1,"

# a question answered No (Enter on the default) changes nothing
send +
wait_for "đã đánh dấu: $n"
send F3
wait_flat "xếp loại $n cán bộ là \"Hoàn thành tốt nhiệm vụ\"?"
send Enter
wait_gone "Câu hỏi"
send '\'
wait_gone "đã đánh dấu"
assert_contains "$(screen)" "HTXSNV 2, HTTNV 0, HTNV $((n - 3)), KHTNV 1, chưa xếp loại 0"

# the planning pool: all marked, one of them (the commune's secretary)
# refused by the rules - named, and no one is added; then one alone
pool_before=$(run pool list --format csv | grep -c ',x-bt,')
send +
wait_for "đã đánh dấu: $n"
send C-p
wait_for "Chức danh quy hoạch"
send_text "Bí thư Đảng ủy xã"
sleep 0.3
send Enter
wait_for "Nhiệm kỳ"
send Enter
wait_flat "Đưa $n cán bộ vào nguồn quy hoạch \"Bí thư Đảng ủy xã\", nhiệm kỳ 2025-2030?"
answer_yes
wait_for "Không ghi gì cả: "
assert_contains "$(screen)" "không phải chức danh cao hơn chức vụ hiện tại"
send Home # the message gives way to the status line
wait_for "đã đánh dấu: $n" # the marks stay when nothing was written
assert_eq "$(run pool list --format csv | grep -c ',x-bt,')" "$pool_before" "pool entries after a refusal"
send '\'
wait_gone "đã đánh dấu"
send Home
send C-p
wait_for "Chức danh quy hoạch"
send_text "Bí thư Đảng ủy xã"
sleep 0.3
send Enter
wait_for "Nhiệm kỳ"
send Enter
wait_for "Đã đưa 1 cán bộ vào nguồn quy hoạch \"Bí thư Đảng ủy xã\"."

# the keys are in the help, from the key table
send F1
wait_for "Trợ giúp: Bảng xếp loại"
assert_contains "$(screen)" "Đánh dấu hoặc bỏ đánh dấu dòng đang chọn rồi xuống dòng dưới"
assert_contains "$(screen)" "F2"
assert_contains "$(screen)" "Xếp loại các dòng đã đánh dấu (hoặc dòng đang chọn): Hoàn thành xuất sắc"
send Escape
wait_for "Bảng xếp loại $year: cán bộ"
send F10
wait_exit

# the store holds what the sheet showed
run export --kind rating --year $year --format csv | tr -d '\r' >"$E2E_TMP/r.csv"
# the commune's rows only (a name may recur elsewhere in the province)
python3 - "$E2E_TMP/all.csv" "$commune" >"$E2E_TMP/ids" <<'PY'
import csv, sys
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    if r["unit"] == sys.argv[2]:
        print(r["id"])
PY
awk -F, 'NR == FNR { in_commune[$1] = 1; next } in_commune[$1]' "$E2E_TMP/ids" "$E2E_TMP/r.csv" >"$E2E_TMP/rc.csv"
grade_of() { awk -F, -v who="$1" '$2 == who { print $6 }' "$E2E_TMP/rc.csv"; }
assert_eq "$(grade_of "$first")" excellent "$first"
assert_eq "$(grade_of "$third")" excellent "$third"
assert_eq "$(grade_of "$second")" failed "$second"
python3 - "$E2E_TMP/all.csv" "$E2E_TMP/r.csv" "$commune" <<'PY' || fail "the commune's ratings"
import csv, sys, collections
ids = {r["id"] for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")) if r["unit"] == sys.argv[3]}
grades = collections.Counter(r["grade"] for r in csv.DictReader(open(sys.argv[2], encoding="utf-8")) if r["cadre_id"] in ids)
want = {"excellent": 2, "failed": 1, "completed": len(ids) - 3}
if dict(grades) != want:
    sys.exit("ratings %s, expected %s" % (dict(grades), want))
PY

# the audit: one row per change, no more (a row already at a grade is
# not written), the last grades of the three named
run audit --format csv --limit 0 | tr -d '\r' >"$E2E_TMP/audit.csv"
after=$(grep -c ',rating,' "$E2E_TMP/audit.csv")
# the first round wrote the n - kept that changed, then 2, then 1
assert_eq $((after - audit_before)) $((n - kept + 3)) "new rating rows in the audit"
for who in "$first" "$third"; do
	cid=$(awk -F, -v who="$who" '$2 == who { print $1 }' "$E2E_TMP/rc.csv")
	grep ",rating," "$E2E_TMP/audit.csv" | grep -q "cadre_id\"\":$cid,\"\"year\"\":$year,\"\"grade\"\":\"\"excellent\"\"" ||
		fail "no audit row for $who rated excellent"
done
run pool list --format csv | tr -d '\r' | awk -F, -v who="$first" '$4 == "x-bt" && $6 == who' | grep -q . ||
	fail "$first is not in the pool of x-bt"
echo "rating sheet: ok"
