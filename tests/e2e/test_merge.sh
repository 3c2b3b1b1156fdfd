#!/bin/sh
# canbo merge: another province's database brought in whole. A dry run
# changes nothing; the merge adds every cadre, lists those already here
# (same name and birth date) and keeps them as conflicts; merging the same
# database again changes nothing; a map of units moves its records to this
# province's units; a unit unknown here refuses the whole merge.
. "$(dirname "$0")/lib.sh"

p="$E2E_TMP/tinh.db"
o="$E2E_TMP/tinh-khac.db"
m="$E2E_TMP/tinh-khac-2.db"
# the same seed: the other's 20 cadres are the first 20 here
"$BIN" demo --config "$CONFIG" --db "$p" --cadres 30 --seed 1 >/dev/null || fail "demo"
"$BIN" demo --config "$CONFIG" --db "$o" --cadres 20 --seed 1 >/dev/null || fail "demo other"
"$BIN" demo --config "$CONFIG" --db "$m" --cadres 25 --seed 5 >/dev/null || fail "demo third"

run() { "$BIN" "$@" --config "$CONFIG" --db "$p" --lang en >"$E2E_TMP/out" 2>"$E2E_TMP/err"; echo $?; }
out() { cat "$E2E_TMP/out"; }
err() { cat "$E2E_TMP/err"; }
total() { "$BIN" stats --by gender --format csv --config "$CONFIG" --db "$1" ${2:+--unit "$2"} | grep '^total,' | cut -d, -f2; }
snapshot() { sqlite3 "$p" .dump | md5sum; }

assert_eq "$(run merge)" 2 "merge without --from"
assert_eq "$(run merge --from "$o")" 2 "two databases of the same province code"
assert_contains "$(err)" "--office CODE"
other_before=$(sqlite3 "$o" .dump | md5sum)

before=$(snapshot)
assert_eq "$(run merge --from "$o" --office LA2 --dry-run)" 0 "dry run"
assert_contains "$(out)" "Would bring in"
assert_contains "$(out)" "20 cadres already here"
assert_eq "$(snapshot)" "$before" "province after the dry run"

assert_eq "$(run merge --from "$o" --office LA2)" 0 "merge"
assert_eq "$(out | grep -c '^Already here: ')" 20 "duplicates listed"
assert_eq "$(total "$p")" 50 "cadres after the merge"
assert_eq "$(sqlite3 "$p" "SELECT count(*) FROM sync_conflict WHERE kind = 'duplicate' AND resolved_at IS NULL")" 20 "duplicates kept"
assert_eq "$(run sync conflicts --format csv)" 0 "conflicts listed"
assert_contains "$(out)" ",duplicate,"
assert_eq "$(sqlite3 "$o" .dump | md5sum)" "$other_before" "the other database is only read"

before=$(snapshot)
assert_eq "$(run merge --from "$o" --office LA2)" 0 "merge again"
assert_contains "$(out)" "was merged here before; nothing changed"
assert_eq "$(snapshot)" "$before" "province after merging again"

# a map of units: the third database's busiest commune becomes another one
from=$(sqlite3 "$m" "SELECT u.code FROM cadre c JOIN unit u ON u.id = c.unit_id WHERE u.tier = 3
	GROUP BY u.code ORDER BY count(*) DESC, u.code LIMIT 1")
to=$(sqlite3 "$m" "SELECT code FROM unit WHERE tier = 3 AND code <> '$from' ORDER BY code LIMIT 1")
[ -n "$from" ] && [ -n "$to" ] || fail "no commune with cadres in the third database"
printf 'ma_cu,ma_moi\n%s,%s\n' "$from" "$to" >"$E2E_TMP/map.csv"
in_1=$(total "$m" "$from") in_2=$(total "$m" "$to") here_2=$(total "$p" "$to") here_1=$(total "$p" "$from")
[ "$in_1" -gt 0 ] || fail "the mapped commune has no cadre"
printf '%s,99999\n' "$from" >"$E2E_TMP/bad-map.csv"
before=$(snapshot)
assert_eq "$(run merge --from "$m" --office LA3 --map "$E2E_TMP/bad-map.csv")" 2 "a map to an unknown unit"
assert_contains "$(err)" "units unknown here ($from)"
assert_eq "$(snapshot)" "$before" "province after the refused merge"
printf '%s\n' "$from" >"$E2E_TMP/broken-map.csv"
assert_eq "$(run merge --from "$m" --office LA3 --map "$E2E_TMP/broken-map.csv")" 2 "a broken map"
assert_eq "$(run merge --from "$m" --office LA3 --map "$E2E_TMP/map.csv")" 0 "merge with a map"
assert_eq "$(total "$p" "$to")" $((here_2 + in_1 + in_2)) "the commune mapped to takes the other's cadres"
assert_eq "$(total "$p" "$from")" "$here_1" "the commune mapped from keeps only its own"
assert_eq "$(total "$p")" $((50 + $(total "$m"))) "cadres after the second merge"
exit 0
