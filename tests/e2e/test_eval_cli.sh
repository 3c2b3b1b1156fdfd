#!/bin/sh
# Evaluations from the command line: four quarterly evaluations and a
# yearly one for a cadre, its stages, a decision above the proposal refused
# without a reason, the year's rating set by the decision, the lock, the
# reopening with a reason found in the audit trail; then `canbo ratings
# check` on the demo province against counts made here with sqlite3.
. "$(dirname "$0")/lib.sh"

run() {
	"$BIN" "$@" --config "$CONFIG" --db "$db" >"$E2E_TMP/out" 2>"$E2E_TMP/err"
	echo $?
}
out() { cat "$E2E_TMP/out"; }
err() { cat "$E2E_TMP/err"; }
q() { sqlite3 "$db" "$1"; }
# csv_rows CHECK: rows of that check in the CSV in $E2E_TMP/out.
csv_rows() { tr -d '\r' <"$E2E_TMP/out" | awk -F, -v k="$1" 'NR > 1 && $1 == k' | wc -l; }
# csv_excess: the sum of the excess column of the cap rows.
csv_excess() {
	tr -d '\r' <"$E2E_TMP/out" | awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "excess") c = i; next }
		$1 == "cap" { s += $c } END { print s + 0 }'
}

db=$(demo_db 2000)
export CANBO_TODAY=2025-01-20

assert_eq "$(run find --format csv --limit 1)" 0 "find a cadre"
cid=$(sed -n 2p "$E2E_TMP/out" | cut -d, -f1)
[ -n "$cid" ] || fail "no cadre in the demo database"

# ---- four quarters and the year ---------------------------------------------
for n in 1 2 3 4; do
	assert_eq "$(run eval record "$cid" --period "2024-Q$n" --scores 27,58.5 --tasks 12,12,0,3)" 0 "quarter $n"
	assert_contains "$(out)" "85,50 điểm" "quarter $n's total, with the decimal comma"
done
assert_eq "$(run eval record "$cid" --period 2024-Q5 --scores 27,58)" 2 "no fifth quarter"
# the quarter's scores break down by band: this cadre alone, at 85.50
assert_eq "$(run stats --by score --period 2024-Q3 --format csv)" 0 "breakdown by score band of a quarter"
assert_contains "$(out)" "70-90,1," "the cadre in the 70 to 90 band"
assert_contains "$(out)" "no-score,1999," "everyone else without a score that quarter"
assert_eq "$(run stats --by score --period 2024-Q3 --list 70-90 --format csv --limit 0)" 0 "the band's list"
assert_contains "$(out)" "$cid," "lists the cadre"
assert_eq "$(run stats --by age --period 2024-Q3)" 2 "--period needs --by score"
assert_eq "$(run eval record "$cid" --period 2024 --scores 31,58)" 2 "common criteria above 30 points"
assert_contains "$(err)" "30" "the maximum named"
assert_eq "$(run eval record "$cid" --period 2024 --scores 27,58 --tasks 10,9,2,0)" 2 "more tasks done than assigned"
assert_eq "$(q "SELECT count(*) FROM evaluation WHERE cadre_id = $cid AND period = '2024'")" 0 "nothing saved on refusal"

# 88 points with 48 tasks on time and 12 exceeded (25 %): "tốt" by the rules
assert_eq "$(run eval record "$cid" --period 2024 --scores 28,60 --tasks 48,48,0,12 --note "Tổng hợp 4 quý")" 0 "the year"
assert_eq "$(run eval record "$cid" --period 2024 --stage self --grade excellent)" 0 "self-assessment"
assert_eq "$(run eval record "$cid" --period 2024 --stage review)" 0 "collective review"
assert_eq "$(run eval record "$cid" --period 2024 --stage proposal)" 0 "proposal (the computed grade)"
assert_eq "$(q "SELECT proposed || ' ' || self_grade || ' ' || (reviewed_by <> '') || ' ' || proposed_on
	FROM evaluation WHERE cadre_id = $cid AND period = '2024'")" "2 1 1 2025-01-20" "stages signed and dated"

assert_eq "$(run eval show "$cid" --format json)" 0 "eval show"
assert_eq "$(out | tr -d ' ' | grep -o '"kind":"quarter"' | wc -l)" 4 "four quarters shown"
assert_contains "$(out | tr -d ' ')" '"period":"2024","kind":"year","score":88,' "the year with its score"
assert_contains "$(out | tr -d ' ')" '"computed":"good"' "the grade proposed by the rules"

# ---- the decision ---------------------------------------------------------------
before=$(q "SELECT grade FROM rating WHERE cadre_id = $cid AND year = 2024")
assert_eq "$(run eval decide "$cid" --period 2024 --grade excellent)" 2 "above the proposal without a reason"
assert_contains "$(err)" "Hoàn thành tốt nhiệm vụ" "the proposal named"
assert_eq "$(q "SELECT grade FROM rating WHERE cadre_id = $cid AND year = 2024")" "$before" "rating unchanged on refusal"
assert_eq "$(run eval decide "$cid" --period 2024 --grade excellent --reason "Có sáng kiến được tỉnh công nhận")" 0 "decided with a reason"
assert_eq "$(q "SELECT grade FROM rating WHERE cadre_id = $cid AND year = 2024")" 1 "the decision is the year's rating"
assert_eq "$(run show "$cid" --format json)" 0 "show the cadre"
assert_contains "$(out | tr -d ' \n')" '"year":2024,"grade":"excellent",' "canbo show reads the rating"

# ---- locked, then reopened ---------------------------------------------------
assert_eq "$(run eval record "$cid" --period 2024 --scores 20,40)" 2 "a decided evaluation is locked"
assert_contains "$(err)" "2024" "the lock names the period"
assert_eq "$(run eval decide "$cid" --period 2024 --grade good)" 2 "no second decision while locked"
assert_eq "$(q "SELECT score FROM evaluation WHERE cadre_id = $cid AND period = '2024'")" 8800 "score unchanged"
assert_eq "$(run eval reopen "$cid" --period 2024)" 2 "reopen needs a reason"
assert_eq "$(run eval reopen "$cid" --period 2024 --reason "   ")" 2 "a reason of spaces is none"
assert_eq "$(run eval reopen "$cid" --period 2024 --reason "Hội đồng xem xét lại sáng kiến")" 0 "reopened"
eid=$(q "SELECT id FROM evaluation WHERE cadre_id = $cid AND period = '2024'")
assert_eq "$(q "SELECT count(*) FROM audit WHERE tbl = 'evaluation' AND row_id = $eid AND action = 'reopen'
	AND new LIKE '%Hội đồng xem xét lại sáng kiến%' AND old LIKE '%\"grade\":\"excellent\"%'
	AND user <> ''")" 1 "the reopening in the audit trail"
assert_eq "$(run eval record "$cid" --period 2024 --scores 28,58)" 0 "changed after reopening"
assert_eq "$(run eval decide "$cid" --period 2024 --grade completed)" 0 "decided again, below the proposal"
assert_eq "$(q "SELECT grade FROM rating WHERE cadre_id = $cid AND year = 2024")" 3 "the new decision is the rating"

# ---- missing and summary ---------------------------------------------------
assert_eq "$(run eval missing --period 2024-Q1 --format csv)" 0 "eval missing"
assert_eq "$(tr -d '\r' <"$E2E_TMP/out" | awk 'NR > 1' | wc -l)" "$(( $(q 'SELECT count(*) FROM cadre') ))" "none decided: every cadre listed"
assert_eq "$(run eval summary --period 2024 --format csv)" 0 "eval summary"
assert_eq "$(tr -d '\r' <"$E2E_TMP/out" | awk -F, '$1 == "completed" { print $2 }')" \
	"$(q 'SELECT count(*) FROM rating WHERE year = 2024 AND grade = 3 AND cadre_id IS NOT NULL')" "decided 'completed' = ratings"

# ---- import from CSV, all rows or none ----------------------------------------
cid3=$(q "SELECT id FROM cadre WHERE id NOT IN ($cid) ORDER BY id DESC LIMIT 1")
printf 'cadre_id,period,scores,tasks,note\r\n%s,2024-Q1,28+60,10/10/0/3,"Quý 1, tốt"\r\n%s,2024-Q2,29+62.5,10/10/0/3,\r\n' \
	"$cid3" "$cid3" >"$E2E_TMP/eval.csv"
assert_eq "$(run eval import "$E2E_TMP/eval.csv" --dry-run)" 0 "import, dry run"
assert_eq "$(q "SELECT count(*) FROM evaluation WHERE cadre_id = $cid3 AND period LIKE '2024-Q%'")" 0 "a dry run keeps nothing"
printf 'cadre_id,period,scores\n%s,2024-Q3,28+60\n%s,2024-Q4,31+60\n' "$cid3" "$cid3" >"$E2E_TMP/bad.csv"
assert_eq "$(run eval import "$E2E_TMP/bad.csv")" 2 "import with a bad row"
assert_contains "$(err)" "3" "the bad line named"
assert_eq "$(q "SELECT count(*) FROM evaluation WHERE cadre_id = $cid3 AND period LIKE '2024-Q%'")" 0 "all rows or none"
assert_eq "$(run eval import "$E2E_TMP/eval.csv")" 0 "import"
assert_eq "$(run eval show "$cid3" --format csv)" 0 "show the imported"
assert_contains "$(tr -d '\r' <"$E2E_TMP/out")" '2024-Q1,quarter,88,28+60,10/10/0/3,good,,,recorded,,,,"Quý 1, tốt"' "the first row as recorded"
assert_contains "$(tr -d '\r' <"$E2E_TMP/out")" '2024-Q2,quarter,91.50,29+62.50,10/10/0/3,excellent' "the second row"
# a file saved by a Vietnamese Excel (Windows-1258) through `import --kind evaluation`
printf 'cadre_id,period,scores,note\r\n%s,2024-11,27+55,Tháng 11: chậm báo cáo\r\n' "$cid3" |
	iconv -f UTF-8 -t CP1258 >"$E2E_TMP/eval-1258.csv" || fail "iconv"
assert_eq "$(run import --kind evaluation "$E2E_TMP/eval-1258.csv")" 0 "import --kind evaluation, Windows-1258"
assert_eq "$(q "SELECT note FROM evaluation WHERE cadre_id = $cid3 AND period = '2024-11'")" \
	"Tháng 11: chậm báo cáo" "the note read in its encoding"

# ---- ratings check against an independent count -----------------------------
export CANBO_TODAY=2025-06-30
# a second cadre fails two years running, through evaluations (the demo
# has decided evaluations of 2025 only)
assert_eq "$(run find --format csv --limit 2)" 0 "find a second cadre"
cid2=$(sed -n 3p "$E2E_TMP/out" | cut -d, -f1)
for year in 2023 2024; do
	assert_eq "$(run eval record "$cid2" --period $year --scores 12,30 --tasks 8,5,1,0)" 0 "record $year of the second cadre"
	assert_contains "$(out)" "Không hoàn thành nhiệm vụ" "42 points proposes 'không hoàn thành'"
	assert_eq "$(run eval decide "$cid2" --period $year --grade failed)" 0 "decide $year of the second cadre"
done
for year in 2024 2025; do
	assert_eq "$(run ratings check --year $year --format csv)" 0 "ratings check $year"
	# the cap: per organisation, excellent beyond 20 % (rounded down) of
	# those rated good or better
	cap=$(q "SELECT count(*) || ' ' || coalesce(sum(x - (20 * b) / 100), 0) FROM (
		SELECT sum(r.grade = 1) x, sum(r.grade <= 2) b FROM rating r JOIN cadre c ON c.id = r.cadre_id
		WHERE r.year = $year AND c.org_id IS NOT NULL GROUP BY c.org_id) WHERE x > (20 * b) / 100")
	assert_eq "$(csv_rows cap) $(csv_excess)" "$cap" "organisations over the cap in $year, and people over it"
	rem=$(q "SELECT count(DISTINCT r.cadre_id) FROM rating r JOIN plan p ON p.cadre_id = r.cadre_id
		AND p.year = $year - 1 JOIN plan_item i ON i.plan_id = p.id
		WHERE r.year = $year AND r.grade = 1 AND NOT (i.state = 2 AND i.verified_on <> '')")
	assert_eq "$(csv_rows remediation)" "$rem" "excellent with last year's items open in $year"
	twice=$(q "SELECT count(*) FROM rating r JOIN rating p ON p.year = $year - 1 AND
		(p.cadre_id = r.cadre_id OR p.org_id = r.org_id) WHERE r.year = $year AND r.grade = 4 AND p.grade = 4")
	assert_eq "$(csv_rows failed-twice)" "$twice" "failed two years running in $year"
	differs=$(q "SELECT count(*) FROM evaluation WHERE period = '$year' AND grade IS NOT NULL
		AND coalesce(proposed, computed) <> grade")
	assert_eq "$(csv_rows differs)" "$differs" "decisions unlike their proposals in $year"
done
[ "$(q "SELECT count(*) FROM rating WHERE year = 2025 AND grade = 1")" -gt 0 ] || fail "the demo has no excellent rating in 2025"
assert_eq "$(run ratings check --year 2024 --format csv)" 0 "ratings check 2024 again"
assert_contains "$(tr -d '\r' <"$E2E_TMP/out")" "failed-twice,cadre,$cid2," "the second cadre failed two years running"
assert_eq "$(run ratings check --year 2025 --format csv)" 0 "ratings check 2025 again"
[ "$(csv_rows remediation)" -gt 0 ] || fail "the demo has no excellent rating with open items"
[ "$(csv_rows differs)" -gt 0 ] || fail "the demo has no decision below its proposal"
assert_eq "$(run ratings check --year 2025 --district 794 --format csv)" 0 "ratings check of one district"
assert_eq "$(csv_rows differs)" "$(q "SELECT count(*) FROM evaluation e JOIN cadre c ON c.id = e.cadre_id
	JOIN unit u ON u.id = c.unit_id WHERE e.period = '2025' AND e.grade <> coalesce(e.proposed, e.computed)
	AND (u.code = '794' OR u.parent_id = (SELECT id FROM unit WHERE code = '794'))")" "differs within the district"
assert_eq "$(run ratings check --year 2024 --format json)" 0 "ratings check as JSON"
assert_contains "$(out | tr -d ' ')" "\"check\":\"differs\",\"owner\":\"cadre\",\"id\":$cid," "our decision differs from its proposal"
assert_eq "$(run ratings check)" 2 "--year is required"

# ---- the self-check period of evaluation.ini ------------------------------
export CANBO_TODAY=2025-06-30
assert_eq "$(run selfcheck record "$cid" --month 2025-04 --flags 2.3)" 0 "a self-check in April"
listed() {
	"$BIN" selfcheck "$@" --db "$db" --format csv >"$E2E_TMP/sc" || fail "selfcheck $* failed: exit $?"
	tr -d '\r' <"$E2E_TMP/sc" | awk -F, -v id="$cid" '$1 == id' | wc -l
}
assert_eq "$(listed --config "$CONFIG")" 1 "monthly: not checked in June"
assert_eq "$(listed --config "$CONFIG" --period 2025-Q2)" 0 "checked in the second quarter"
cfgq="$E2E_TMP/config-quarter"
cp -r "$CONFIG" "$cfgq"
sed -i 's/^period = month$/period = quarter/' "$cfgq/evaluation.ini"
assert_eq "$(listed --config "$cfgq")" 0 "quarterly: April's check covers June"
assert_contains "$("$BIN" selfcheck --config "$cfgq" --db "$db" --limit 1)" "2025-Q2" "the period named"
assert_eq "$(run selfcheck --period 2025-Q5)" 2 "no fifth quarter"

# ---- a flagged manifestation opens a remediation item ------------------------
items() { q "SELECT count(*) FROM plan_item i JOIN plan p ON p.id = i.plan_id WHERE p.cadre_id = $cid
	AND p.year = 2025 AND i.shortcoming LIKE '%2.3%2025-04%'"; }
assert_eq "$(items)" 0 "no item yet"
assert_eq "$(run selfcheck remedy "$cid" 1.1 --month 2025-04)" 2 "a manifestation not flagged"
assert_eq "$(run selfcheck remedy "$cid" 2.3 --month 2025-04)" 0 "remedy a flagged manifestation"
item=$(out)
assert_eq "$(items)" 1 "the item in the plan of 2025"
assert_eq "$(q "SELECT count(*) FROM audit WHERE tbl = 'plan_item' AND row_id = $item AND action = 'insert'")" 1 "the item audited"
assert_eq "$(run selfcheck remedy "$cid" 2.3 --month 2025-04)" 2 "the same manifestation twice"
assert_eq "$(items)" 1 "still one item"

echo "ok"
