#!/bin/sh
# The evaluation sheet (F9 on the rating sheet): a commune's cadres with
# their evaluation of a quarter chosen with F8 - score, stage, proposal,
# decision. One decided above its proposal (the reason is asked), then
# every marked row decided as proposed after a question naming how many
# are decided and how many left as they are; `canbo eval show` and the
# audit hold exactly that.
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"
db=$(demo_db)
run() { "$BIN" --config "$CONFIG" --db "$db" "$@"; }
period=2025-Q2

run find --format csv --limit 0 >"$E2E_TMP/all.csv"
commune=$(small_commune "$E2E_TMP/all.csv")
ids=$(python3 - "$E2E_TMP/all.csv" "$commune" <<'PY'
import csv, sys
print(" ".join(r["id"] for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")) if r["unit"] == sys.argv[2]))
PY
)
set -- $ids
n=$#
a=$1 b=$2 c=$3
# the first three (in name order, as the sheet lists them) are evaluated:
# good, excellent, completed by the rules
run eval record --period $period --scores 25,50 --tasks 10,10,0,1 "$a" >/dev/null || fail "record $a"
run eval record --period $period --scores 28,65 --tasks 10,10,0,4 "$b" >/dev/null || fail "record $b"
run eval record --period $period --scores 20,40 --tasks 10,9,1,0 "$c" >/dev/null || fail "record $c"
audit_before=$(run audit --format csv --limit 0 | grep -c ',evaluation,')

open_rating_sheet "$commune" 2024
send F9
wait_for "Bảng đánh giá 2024 · $commune"
send F8
wait_for "Kỳ (2025, 2025-Q2"
send C-u
send_text "$period"
send Enter
wait_for "Bảng đánh giá $period · $commune"
wait_for "chờ quyết định 3, chưa ghi $((n - 3))"
assert_contains "$(screen)" "Đã ghi"

# the first row alone, above its proposal ("tốt"): the reason first
send Home
send F2
wait_for "Mức quyết định cao hơn mức đề xuất của 1 người; lý do:"
send_text "Có sáng kiến được công nhận"
send Enter
wait_for "HTXSNV 1, HTTNV 0"
assert_contains "$(screen)" "chờ quyết định 2"

# every row marked, each as proposed: the question counts both ways
send +
wait_for "đã đánh dấu: $n"
send F6
wait_flat "$commune, kỳ $period: quyết định 2 đánh giá đúng theo mức đã đề xuất? $((n - 2)) người giữ nguyên"
answer_yes
wait_for "HTXSNV 2, HTTNV 0, HTNV 1, KHTNV 0, chờ quyết định 0, chưa ghi $((n - 3))"
assert_not_contains "$(screen)" "đã đánh dấu"
# a year with nothing to decide: the key says so and writes nothing
send ']'
wait_for "Bảng đánh giá 2025-Q3"
send F6
wait_for "Không có gì để quyết định"
send F10
wait_exit

decided() { run eval show --period $period --format csv "$1" | tr -d '\r' | awk -F, 'NR == 2 { print $8 "|" $9 "|" $12 }'; }
assert_eq "$(decided "$a")" "excellent|decided|Có sáng kiến được công nhận" "the first, above its proposal"
assert_eq "$(decided "$b")" "excellent|decided|" "the second, as proposed"
assert_eq "$(decided "$c")" "completed|decided|" "the third, as proposed"
after=$(run audit --format csv --limit 0 | grep -c ',evaluation,')
assert_eq $((after - audit_before)) 3 "decisions in the audit"
echo "evaluation sheet: ok"
