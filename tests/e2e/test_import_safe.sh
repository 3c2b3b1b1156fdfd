#!/bin/sh
# Imports and demo builds that cannot destroy: two imports into a new
# database path at once, one of them failing, keep the rows of the one that
# succeeded (four rounds, each order); two successful ones: the second is
# told the file appeared meanwhile and nothing is lost; a killed import or
# demo build leaves at most its private directory, which the next run
# removes; the import's --verbose report gives rows/s and the lock time.
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"

src=$(demo_db 3000)
dir="$E2E_TMP/office"
mkdir -p "$dir"
good="$E2E_TMP/good.csv"
bad="$E2E_TMP/bad.csv"
# every cadre of the demo, less the namesakes born on the same day
# (without their party organisations, which the new database lacks)
"$BIN" find --config "$CONFIG" --db "$src" --format csv --limit 0 | csv_without org |
	awk -F, '!seen[$2 "," $3]++' >"$good" || fail "export"
rows=$(($(wc -l <"$good") - 1))
[ "$rows" -gt 2500 ] || fail "only $rows rows exported"
# the same rows, and at the very end one that is wrong: it fails late
{ cat "$good"; echo "9,Ngô Văn Sai,31/02/1980,male,Kinh,Bí thư,Xã Lộc Giang,,,,,"; } >"$bad"

count() { "$BIN" find --config "$CONFIG" --db "$1" --format csv --limit 0 2>/dev/null | tail -n +2 | wc -l; }
strays() { find "$dir" -maxdepth 1 -name '.*.canbo-*' | wc -l; }

# ---- one good and one failing import into a path that does not exist -----
for round in 1 2 3 4; do
	db="$dir/round$round.db"
	if [ $((round % 2)) = 1 ]; then first=$good second=$bad; else first=$bad second=$good; fi
	"$BIN" import "$first" --config "$CONFIG" --db "$db" >"$E2E_TMP/a.out" 2>"$E2E_TMP/a.err" &
	pa=$!
	"$BIN" import "$second" --config "$CONFIG" --db "$db" >"$E2E_TMP/b.out" 2>"$E2E_TMP/b.err" &
	pb=$!
	wait $pa
	ra=$?
	wait $pb
	rb=$?
	if [ "$first" = "$good" ]; then rg=$ra rbad=$rb; else rg=$rb rbad=$ra; fi
	assert_eq "$rg" 0 "round $round: the good import"
	assert_eq "$rbad" 2 "round $round: the failing import"
	[ -f "$db" ] || fail "round $round: the database of the good import is gone"
	assert_eq "$(count "$db")" "$rows" "round $round: cadres of the good import"
	assert_eq "$(strays)" 0 "round $round: directories left behind"
done

# ---- two good imports at once: one creates the file, the other says so -----
db="$dir/both.db"
"$BIN" import "$good" --config "$CONFIG" --db "$db" --lang en >"$E2E_TMP/a.out" 2>"$E2E_TMP/a.err" &
pa=$!
"$BIN" import "$good" --config "$CONFIG" --db "$db" --lang en >"$E2E_TMP/b.out" 2>"$E2E_TMP/b.err" &
pb=$!
wait $pa
ra=$?
wait $pb
rb=$?
assert_eq "$(count "$db")" "$rows" "cadres after two imports of one file"
case "$ra$rb" in
00) ;; # one after the other: the second found the file (it was then all duplicates: exit 2)
04 | 40) assert_contains "$(cat "$E2E_TMP/a.err" "$E2E_TMP/b.err")" "was created by someone else meanwhile" ;;
02 | 20) assert_contains "$(cat "$E2E_TMP/a.err" "$E2E_TMP/b.err")" "Duplicate" ;;
*) fail "two imports of one file into a new path: exit $ra and $rb" ;;
esac
assert_eq "$(strays)" 0 "directories left behind by two imports"

# ---- an existing database is never replaced or removed by a failing import --
before=$(count "$db")
"$BIN" import "$bad" --config "$CONFIG" --db "$db" >/dev/null 2>&1
assert_eq "$?" 2 "a failing import into an existing database"
assert_eq "$(count "$db")" "$before" "cadres after a failing import"

# ---- killed runs: what they leave is removed by the next ----------------------
big="$E2E_TMP/big.csv"
{ cat "$good"; for i in 1 2 3 4 5 6 7 8; do tail -n +2 "$good"; done; } >"$big"
"$BIN" import "$big" --config "$CONFIG" --db "$dir/killed.db" >/dev/null 2>&1 &
pk=$!
# (killed once its database is being written: a run killed in the moment
# between making its directory and locking it leaves one the cleaners
# spare for ten minutes, lest they take a live run's)
i=0
while [ -z "$(find "$dir" -path '*/.killed.db.canbo-*/db')" ] && [ $i -lt 200 ]; do
	sleep 0.05
	i=$((i + 1))
done
kill -9 $pk 2>/dev/null
wait $pk 2>/dev/null
[ ! -e "$dir/killed.db" ] || fail "a killed import left the database file"
"$BIN" demo --config "$CONFIG" --db "$dir/d.db" --cadres 20000 >/dev/null 2>&1 &
pk=$!
i=0
while [ -z "$(find "$dir" -path '*/.d.db.canbo-*/db')" ] && [ $i -lt 200 ]; do
	sleep 0.05
	i=$((i + 1))
done
kill -9 $pk 2>/dev/null
wait $pk 2>/dev/null
[ ! -e "$dir/d.db" ] || fail "a killed demo build left the database file"
# the next import into the same path cleans up after the dead one
"$BIN" import "$good" --config "$CONFIG" --db "$dir/killed.db" >/dev/null 2>&1 || fail "import after a kill"
"$BIN" demo --config "$CONFIG" --db "$dir/d.db" --cadres 10 >/dev/null 2>&1 || fail "demo after a kill"
[ "$(strays)" = 0 ] || { ls -la "$dir" >&2; fail "directories left by killed runs, after the next runs"; }
assert_eq "$(count "$dir/killed.db")" "$rows" "cadres imported after a kill"

# ---- --verbose: rows per second and the time the write lock was held --------
out=$("$BIN" import "$good" --config "$CONFIG" --db "$dir/verbose.db" --verbose --lang en 2>&1)
assert_eq "$?" 0 "import --verbose"
assert_contains "$out" "$rows rows in"
assert_contains "$out" "write lock held"
