#!/bin/sh
# The 2025 reform on a Long An database: with the two-tier Tây Ninh
# configuration, `canbo units migrate` ends the districts and the old
# communes and moves every cadre and party organisation to the new
# communes named by a map. A map missing a unit is refused, a dry run
# changes nothing, and the breakdowns of 2024 by district stay as they were.
export CANBO_TODAY=2025-08-01
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"
db="$E2E_TMP/province.db"
map="$SRC/tests/e2e/units_map_long_an.csv"
old() { "$BIN" "$@" --config "$CONFIG" --db "$db" --lang en; }
new() { "$BIN" "$@" --config "$CONFIG/tay-ninh" --db "$db" --lang en; }
# everything a migration may change, as text
state() { sqlite3 "$db" .dump | md5sum; }

"$BIN" demo --config "$CONFIG" --db "$db" --cadres 3000 --seed 11 >/dev/null || fail "demo build"
districts=$(cd "$CONFIG/districts" && ls *.ini | sed 's/\.ini$//')
assert_eq "$(echo $districts | wc -w)" 15 "districts of the Long An sample"

# 2024 by district, before the reform (ratings of 2024; cadres on the list
# at the end of 2024)
breakdowns() {
	for d in $districts; do
		echo "== $d"
		"$BIN" --config "$1" --db "$db" --as-of 2024-12-31 stats --unit "$d" --year 2024 \
			--by gender,rating --format csv || echo "rc=$?"
		"$BIN" --config "$1" --db "$db" --as-of 2024-12-31 stats --unit "$d" --year 2024 \
			--by age --population managed --format csv || echo "rc=$?"
	done
}
before=$(breakdowns "$CONFIG")
assert_not_contains "$before" "rc=" "a district without cadres in the sample"

# the new configuration alone refuses to start on the old units
rc=0; out=$(new org add --name "X" --kind cell --unit 27694 2>&1) || rc=$?
assert_eq "$rc" 3 "a write with units left behind"
assert_contains "$out" "canbo units migrate" "the way out"

# a map that lacks a unit holding records: refused, with the list
grep -v '^27685,' "$map" >"$E2E_TMP/short.csv"
s0=$(state)
rc=0; out=$(new units migrate --map "$E2E_TMP/short.csv" --effective 01/07/2025 2>&1) || rc=$?
assert_eq "$rc" 2 "a migration with an unmapped unit"
assert_contains "$out" "27685 Phường 5" "the unmapped unit is listed"
assert_contains "$out" "NOT IN THE MAP" "and said to be missing"
assert_not_contains "$out" "27691 " "mapped units are not in the refusal"
assert_eq "$(state)" "$s0" "database after a refused migration"

# a map line naming a unit that does not end, or a successor that is no
# unit of the new configuration: refused too
{ cat "$map"; echo "80,27694"; } >"$E2E_TMP/keeps.csv"
rc=0; out=$(new units migrate --map "$E2E_TMP/keeps.csv" --effective 01/07/2025 2>&1) || rc=$?
assert_eq "$rc" 2 "a map moving the province"
assert_contains "$out" "unit 80 does not end" "the reason"
sed 's/^27685,27694/27685,99999/' "$map" >"$E2E_TMP/nowhere.csv"
rc=0; out=$(new units migrate --map "$E2E_TMP/nowhere.csv" --effective 01/07/2025 2>&1) || rc=$?
assert_eq "$rc" 2 "a successor that does not exist"
assert_contains "$out" "99999 is not a unit of the configuration" "the reason"
assert_eq "$(state)" "$s0" "database after refused maps"

# a dry run counts and changes nothing
out=$(new units migrate --map "$map" --effective 01/07/2025 --dry-run) || fail "dry run"
assert_contains "$out" "Would end 201 units on 01/07/2025" "the dry run's count"
assert_contains "$out" "nothing was changed" "the dry run says so"
assert_eq "$(state)" "$s0" "database after a dry run"

# the migration
moved_cadres=$(sqlite3 "$db" "SELECT count(*) FROM cadre c JOIN unit u ON u.id = c.unit_id WHERE u.tier > 1")
moved_orgs=$(sqlite3 "$db" "SELECT count(*) FROM org o JOIN unit u ON u.id = o.unit_id WHERE u.tier > 1")
audit0=$(sqlite3 "$db" "SELECT count(*) FROM audit")
out=$(new units migrate --map "$map" --effective 01/07/2025) || fail "migration"
assert_contains "$out" "Ended 201 units on 01/07/2025 and moved $moved_cadres cadres" "the migration's count"
assert_contains "$out" "$moved_orgs party organisations" "organisations moved"
assert_contains "$out" "96 units came into force" "the new communes"

# every cadre and organisation is in a unit of the new configuration
codes=$(sed -n '/^\[communes\]/,/^\[/p' "$CONFIG/tay-ninh/canbo.ini" | sed -n 's/^\([0-9]\{5\}\) = .*/\1/p' | tr '\n' ',' | sed 's/,$//')
assert_eq "$(echo "$codes" | tr ',' '\n' | wc -l)" 96 "communes of the new province"
assert_eq "$(sqlite3 "$db" "SELECT count(*) FROM cadre c JOIN unit u ON u.id = c.unit_id WHERE u.ended IS NOT NULL OR u.code NOT IN ('80',$(echo "$codes" | sed "s/\([0-9]*\)/'\1'/g"))")" 0 "cadres outside the new units"
assert_eq "$(sqlite3 "$db" "SELECT count(*) FROM org o JOIN unit u ON u.id = o.unit_id WHERE u.ended IS NOT NULL")" 0 "organisations in ended units"
assert_eq "$(sqlite3 "$db" "SELECT count(*) FROM cadre c JOIN unit u ON u.id = c.unit_id WHERE c.level <> u.tier")" 0 "cadres whose level is not their unit's tier"
assert_eq "$(sqlite3 "$db" "SELECT count(*) FROM unit_history WHERE tbl = 'cadre'")" "$moved_cadres" "history rows of cadres"
assert_eq "$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE id > $audit0 AND tbl = 'cadre'")" "$moved_cadres" "audit rows of moved cadres"
assert_eq "$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE id > $audit0 AND tbl = 'unit'")" 201 "audit rows of ended units"
old audit verify >/dev/null 2>&1 || new audit verify >/dev/null || fail "the audit chain after the migration"

# 2024 by district: unchanged, now counted through the units of 2024
after=$(breakdowns "$CONFIG/tay-ninh")
[ "$after" = "$before" ] || { printf '%s\n' "$before" >"$E2E_TMP/before"; printf '%s\n' "$after" >"$E2E_TMP/after"; diff "$E2E_TMP/before" "$E2E_TMP/after" >&2; fail "2024 by district changed"; }

# the same history on the new units: Phường Long An (27694) of 2024 is the
# cadres of the old communes mapped to it
mapped=$(sqlite3 "$db" "SELECT count(*) FROM cadre c JOIN unit u ON u.id = c.unit_id WHERE u.code = '27694' AND c.id NOT IN (SELECT cadre_id FROM departure WHERE left_on <= '2024-12-31')")
out=$(new --as-of 2024-12-31 stats --unit 27694 --as-units-of 2025-07-01 --by gender --format csv)
assert_contains "$out" "total,$mapped," "2024 counted on the new commune"
# and without it, 27694 in 2024 is the old Phường 1 of Tân An
out=$(new --as-of 2024-12-31 stats --unit 27694 --by gender --format csv)
assert_not_contains "$out" "total,$mapped," "2024 counted on the old Phường 1"

# pick-lists hide ended units unless asked; nothing goes into one any more
out=$(new units list --format csv)
assert_not_contains "$out" "794," "an ended district in the list"
assert_eq "$(printf '%s\n' "$out" | wc -l)" 98 "units listed (header, province, 96 communes)"
out=$(new units list --all --format csv)
assert_contains "$out" "794,Thành phố Tân An,thành phố,2,2025-07-01,27694" "the ended district with --all"
assert_contains "$out" "27694@20250701,Phường 1,phường,3,2025-07-01,27694" "the old Phường 1 under its code and end"
new org add --name "Chi bộ Khu phố 1" --kind cell --unit 27694 >/dev/null || fail "an organisation in a new commune"
rc=0; new org add --name "Chi bộ cũ" --kind cell --unit 794 2>/dev/null || rc=$?
assert_eq "$rc" 2 "an organisation in an ended district"

# once done, there is nothing left to migrate
echo "old_code,new_code" >"$E2E_TMP/empty.csv"
s1=$(state)
out=$(new units migrate --map "$E2E_TMP/empty.csv" --effective 01/07/2025 2>&1) || fail "a second run"
assert_contains "$out" "Ended 0 units" "a second run ends nothing"
assert_eq "$(state)" "$s1" "database after a run with nothing to do"
echo "units migrate: ok"
