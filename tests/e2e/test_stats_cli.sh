# test_stats_cli.sh - canbo stats and canbo targets on the demo province:
# breakdowns add up, and the command line answers "which districts miss the
# 20 % women target, by how many, and who are the candidates in the
# planning pool?".
. "$(dirname "$0")/lib.sh"
db=$(demo_db 2000)
run() { "$BIN" --config "$CONFIG" --db "$db" "$@"; }

# The age bands add up to the whole population, and the cross of age by
# gender adds up to the same total.
csv=$(run stats --by age --format csv) || fail "stats --by age failed"
total=$(printf '%s\n' "$csv" | awk -F, '$1 == "total" { print $2 }')
bands=$(printf '%s\n' "$csv" | awk -F, 'NR > 1 && $1 != "total" && $1 != "under40" { s += $2 } END { print s }')
assert_eq "$bands" "$total" "sum of the age bands"
assert_eq "$total" 2000 "cadres counted"
cells=$(run stats --by age,gender --format csv | awk -F, 'NR > 1 && $1 != "total" && $2 != "total" { s += $3 } END { print s }')
assert_eq "$cells" "$total" "sum of the age x gender cells"

# The list behind a cell holds exactly the cadres counted in it.
n=$(run stats --by age,gender --format csv | awk -F, '$1 == "30-39" && $2 == "female" { print $3 }')
listed=$(run stats --by age,gender --list 30-39,female --format csv | awk 'NR > 1' | wc -l)
assert_eq "$listed" "$n" "cadres listed for 30-39 x female"

# Which districts miss the women target, and by how many: each row is
# missed and its gap is the smallest number that meets the goal.
miss=$(run targets --by-district --target managed_women --missed --format csv) ||
	fail "targets --by-district failed"
rows=$(printf '%s\n' "$miss" | awk -F, 'NR > 1 && $1 == "district"' | wc -l)
[ "$rows" -gt 0 ] || fail "no district misses the women target in the demo province"
printf '%s\n' "$miss" | awk -F, 'NR > 1 {
	k = $10
	if ($9 != "missed" || k < 1) exit 1
	if (($6 + k) * 100 < $5 * $7) exit 1
	if (($6 + k - 1) * 100 >= $5 * $7) exit 1
}' || fail "a gap is not the smallest number of women that meets the goal: $miss"

# The same in words, in both languages.
out=$(run targets --by-district --target managed_women --missed --lang en)
assert_contains "$out" "more wom" "English table"
out=$(run targets --by-district --target managed_women --missed)
assert_contains "$out" "cần thêm" "Vietnamese table"
assert_contains "$out" "cán bộ nữ" "Vietnamese table"

# A district's own figures agree with its column in the province view.
d=$(printf '%s\n' "$miss" | awk -F, 'NR > 1 && $1 == "district" { print $2; exit }')
one=$(run targets --district "$d" --target managed_women --format csv | awk -F, 'NR == 2 { print $6 "/" $7 " " $10 }')
col=$(printf '%s\n' "$miss" | awk -F, -v d="$d" '$2 == d { print $6 "/" $7 " " $10 }')
assert_eq "$one" "$col" "district $d alone and in the province view"

# Who the candidates are: women in that district's planning pool.
pool=$(run targets --district "$d" --target managed_women --list pool --format csv)
case $? in 0 | 1) ;; *) fail "targets --list pool failed" ;; esac
printf '%s\n' "$pool" | awk -F, 'NR > 1 && $4 != "female" { exit 1 }' ||
	fail "a candidate for the women target is not a woman: $pool"
n=$(printf '%s\n' "$pool" | awk 'NR > 1' | wc -l)
want=$(run stats --district "$d" --by planning,gender --format csv | awk -F, '$1 == "in-pool" && $2 == "female" { print $3 }')
assert_eq "$n" "$want" "women in the planning pool of $d"

# Exit statuses: 1 for an empty population, 2 for a bad dimension.
run stats --by gender --population committee-province --unit 27787 >/dev/null 2>&1
assert_eq "$?" 1 "exit status of an empty population"
err=$(run stats --by gender --population committee-province --unit 27787 2>&1 >/dev/null)
assert_contains "$err" "không có dữ liệu" "message of an empty population"
run stats --by height >/dev/null 2>&1
assert_eq "$?" 2 "exit status of an unknown dimension"
run targets --district 794 --by-district >/dev/null 2>&1
assert_eq "$?" 2 "exit status of --district with --by-district"
exit 0
