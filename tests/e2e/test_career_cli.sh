# test_career_cli.sh - a cadre's career from the command line: an
# appointment's term shows in the calendar of what falls due, a retired
# cadre leaves the list, the counts and the targets but stays in last
# year's figures, and a disciplined cadre leaves the planning pool's
# candidates with the reason. Today is 30/06/2025 (lib.sh).
. "$(dirname "$0")/lib.sh"
db=$(demo_db 2000)
run() { "$BIN" --config "$CONFIG" --db "$db" "$@"; }
sql() { sqlite3 "$db" "$1"; }

# ---- an appointment and its term -------------------------------------------
a=$(sql "SELECT id FROM cadre WHERE level = 3 AND pos_rank = 4 ORDER BY id LIMIT 1")
a_name=$(sql "SELECT full_name FROM cadre WHERE id = $a")
out=$(run career appoint "$a" --position "Chủ tịch UBND xã" --rank chair --from 01/03/2021 \
	--decision 15-QĐ/HU --lang en) || fail "career appoint failed: $out"
assert_contains "$out" "term ends 2026-03-01" "appointment"
assert_eq "$(sql "SELECT position || '|' || pos_rank FROM cadre WHERE id = $a")" "Chủ tịch UBND xã|3" \
	"the record follows the new post"

due=$(run due --within 365 --kind term --format csv) || fail "due failed"
assert_contains "$due" "2026-03-01,term,$a,$a_name" "terms due within a year"
notice=$(run due --within 365 --kind reappoint-notice --format csv)
assert_contains "$notice" ",reappoint-notice,$a,$a_name" "notices due"
assert_contains "$notice" ",2026-03-01" "the notice names the term's end"
# sorted by date
printf '%s\n' "$(run due --within 365 --format csv)" | awk -F, 'NR > 2 && $1 < prev { exit 1 } { prev = $1 }' ||
	fail "the calendar is not sorted by date"
out=$(run due --within 365 --kind nope 2>&1)
assert_eq "$?" 2 "an unknown kind is a usage error"

# ---- retirement: out of the list and the targets, still in last year's -----
b=$(sql "SELECT id FROM cadre WHERE managed = 1 ORDER BY id LIMIT 1")
b_name=$(sql "SELECT full_name FROM cadre WHERE id = $b")
before=$(run stats --by gender --format csv | awk -F, '$1 == "total" { print $2 }')
assert_contains "$(run targets --target managed_women --list all --format csv)" "$b,$b_name" \
	"the managed cadre is counted before leaving"
out=$(run career leave "$b" --reason retired --on 01/06/2025 --decision 99-QĐ/TU --lang en) ||
	fail "career leave failed: $out"
after=$(run stats --by gender --format csv | awk -F, '$1 == "total" { print $2 }')
assert_eq "$after" "$((before - 1))" "cadres counted after the retirement"
last_year=$(run stats --by gender --as-of 2024-12-31 --format csv | awk -F, '$1 == "total" { print $2 }')
assert_eq "$last_year" "$before" "cadres counted at the end of last year"
assert_not_contains "$(run targets --target managed_women --list all --format csv)" "$b,$b_name" \
	"the target's population after the retirement"
assert_contains "$(run targets --target managed_women --list all --as-of 2024-12-31 --format csv)" \
	"$b,$b_name" "the target's population at the end of last year"
assert_not_contains "$(run find "$b_name" --format csv --limit 0)" "$b,$b_name" "the cadre list"
bands=$(run due --years-to-retirement --format csv | awk -F, 'NR > 1 { s += $2 } END { print s }')
assert_eq "$bands" "$after" "cadres by years to retirement"
bands=$(run due --years-to-retirement --as-of 2024-12-31 --format csv | awk -F, 'NR > 1 { s += $2 } END { print s }')
assert_eq "$bands" "$before" "cadres by years to retirement at the end of last year"
# the breakdown dimension counts as the due list's bands do, band by band,
# and each band's list holds as many cadres as it counts
for on in 2024-12-31 2031-06-30; do
	due=$(run due --years-to-retirement --as-of $on --format csv | awk -F, 'NR > 1 { print $1 "," $2 }')
	by=$(run stats --by retirement --as-of $on --format csv | awk -F, 'NR > 1 && $1 != "total" { print $1 "," $2 }')
	assert_eq "$by" "$due" "stats --by retirement equals the due list's bands on $on"
	for band in under-1 2-5; do
		n=$(echo "$by" | awk -F, -v b=$band '$1 == b { print $2 }')
		listed=$(run stats --by retirement --as-of $on --list $band --format csv --limit 0 | awk 'NR > 1' | wc -l)
		assert_eq "$listed" "$n" "the list of band $band on $on"
	done
done
assert_eq "$(sql "SELECT count(*) FROM cadre WHERE id = $b")" 1 "the record is kept"
out=$(run career "$b" --lang en)
assert_contains "$out" "Left the list: Retired, 01/06/2025" "the record says so"
out=$(run career leave "$b" --reason retired --on 01/06/2025 2>&1)
assert_eq "$?" 2 "leaving twice is refused"
# a departure recorded by mistake is undone
run career return "$b" >/dev/null || fail "career return failed"
assert_contains "$(run find "$b_name" --format csv --limit 0)" "$b,$b_name" "the cadre list after the return"
run career leave "$b" --reason retired --on 01/06/2025 >/dev/null || fail "leaving again failed"

# ---- a discipline takes a cadre out of the pool's candidates ---------------
pool=$(run targets --target managed_women --list pool --format csv)
c=$(printf '%s\n' "$pool" | awk -F, 'NR == 2 { print $1 }')
[ -n "$c" ] || fail "no woman in the planning pool of the demo province"
c_name=$(sql "SELECT full_name FROM cadre WHERE id = $c")
out=$(run discipline add "$c" --form canh-cao --announced 10/06/2025 --decision 45-QĐ/UBKT \
	--authority "Ủy ban Kiểm tra Tỉnh ủy" --reason "Vi phạm quy chế làm việc" --lang en) ||
	fail "discipline add failed: $out"
assert_contains "$out" "lapses on 2026-06-10, bars planning until 2027-12-10" "discipline recorded"
pool=$(run targets --target managed_women --list pool --format csv 2>/dev/null)
assert_not_contains "$pool" "$c,$c_name" "pool candidates after the discipline"
out=$(run targets --target managed_women --list pool --lang en)
assert_contains "$out" "barred from planning by a discipline" "the reason is given"
assert_contains "$out" "$c $c_name: Warning (decision 45-QĐ/UBKT), barred until 10/12/2027" "the reason"
out=$(run career "$c" --lang en)
assert_contains "$out" "Under discipline until 10/06/2026" "the record"
out=$(run career "$c")
assert_contains "$out" "thời hạn kỷ luật đến 10/06/2026" "the record, in Vietnamese"
assert_contains "$(run due --within 400 --kind discipline-lapse --format csv)" \
	"2026-06-10,discipline-lapse,$c,$c_name" "the lapse falls due"

# the register lists it (csv: family:form codes, ISO dates), show adds its texts
did=$(sql "SELECT id FROM discipline")
assert_contains "$(run discipline list --format csv)" \
	"$did,$c_name,party:canh-cao,45-QĐ/UBKT,2025-06-10,2026-06-10,2027-12-10," "discipline list"
assert_contains "$(run discipline list --cadre "$c" --lang en)" "10/12/2027" "list, one cadre's"
assert_eq "$(run discipline list --cadre 999999 --format csv >/dev/null; echo $?)" 1 \
	"no discipline: status 1"
out=$(run discipline show "$did" --lang en)
assert_contains "$out" "Reason: Vi phạm quy chế làm việc" "discipline show"
assert_contains "$out" "45-QĐ/UBKT" "discipline show: the row"

# bad input changes nothing
out=$(run discipline add "$c" --form giai-tan --announced 10/06/2025 --reason x 2>&1)
assert_eq "$?" 2 "an organisation's form for a person"
out=$(run discipline add "$c" --form canh-cao --announced 31/02/2025 --reason x 2>&1)
assert_eq "$?" 2 "a date that does not exist"
assert_eq "$(sql "SELECT count(*) FROM discipline")" 1 "disciplines recorded"
assert_eq "$(sql "SELECT count(*) FROM audit WHERE tbl = 'discipline'")" 1 "audit rows"

# the planning pool refuses her, takes a deputy for a higher title; the
# demo's pool is emptied first so that the counts below are this test's
sql "DELETE FROM pool" >/dev/null
out=$(run pool add "$c" --title t-gd --term 2025-2030 --lang en 2>&1)
assert_eq "$?" 2 "a barred cadre is refused"
assert_contains "$out" "may not be planned until 2027-12-10" "the refusal says why"
d=$(sql "SELECT id FROM cadre WHERE level = 3 AND pos_rank = 2 AND id <> $a ORDER BY id LIMIT 1")
out=$(run pool add "$d" --title x-bt --term 2025-2030 --lang en) || fail "pool add failed: $out"
out=$(run pool add "$d" --title x-bt --term 2025-2030 --lang en 2>&1)
assert_eq "$?" 2 "the same title twice is refused"
assert_contains "$out" "is already in the pool of" "the refusal says why, not the database"
out=$(run pool add "$d" --title x-pct --term 2025-2030 --lang en 2>&1)
assert_eq "$?" 2 "a lower title is refused"
assert_contains "$out" "not a higher title" "the refusal says why"
out=$(run pool summary)
assert_contains "$out" "Bí thư Đảng ủy xã" "summary by title"
assert_contains "$out" "Nữ: 0/1 (0 %), chỉ tiêu 25 %: cần thêm 1 cán bộ nữ" "the women ratio"
assert_contains "$(run pool summary --format csv)" "2025-2030,$(sql "SELECT u.name FROM cadre c JOIN unit u ON u.id = c.unit_id WHERE c.id = $d"),x-bt,1,3" "n of 3"
out=$(run pool check --lang en)
assert_contains "$out" "The pool keeps every rule." "check"

# annulled, the bar is lifted and she is a candidate again
id=$(sql "SELECT id FROM discipline")
run discipline annul "$id" --reason "Cấp trên hủy quyết định" >/dev/null || fail "annul failed"
pool=$(run targets --target managed_women --list pool --format csv 2>/dev/null)
assert_contains "$pool" "$c,$c_name" "pool candidates after the annulment"
echo "career cli ok"
