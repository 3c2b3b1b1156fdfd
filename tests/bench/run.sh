#!/bin/sh
# make bench - how fast canbo answers on a province-sized and a very large
# database. Builds demo databases of each size of BENCH_SIZES once
# (cached in $BUILD/bench; delete that directory or set BENCH_REBUILD=1 to
# rebuild; a build reports its wall time, CPU time and peak memory), then times
# `canbo find` (wall time of the whole process: start, configuration,
# query, output) and its peak memory, next to the same search run by the
# sqlite3 shell on the same file as a reference. Also types a query one
# keystroke at a time. Prints tables; nothing passes or fails.
#
# Environment: BIN (the canbo binary), BUILD, BENCH_SIZES (default
# "100000 1000000"), BENCH_RUNS (runs per measure, the best is kept; 3),
# BENCH_REBUILD (1: build the databases again).
set -u
: "${BIN:?set BIN to the canbo binary}"
: "${BUILD:=$(dirname "$BIN")}"
SRC=$(cd "$(dirname "$0")/../.." && pwd)
CONFIG="$SRC/config"
DIR="$BUILD/bench"
SIZES=${BENCH_SIZES:-100000 1000000}
RUNS=${BENCH_RUNS:-3}
mkdir -p "$DIR"
export CANBO_TODAY=2025-12-31 LANG=C.UTF-8

have_sqlite3=1
command -v sqlite3 >/dev/null || have_sqlite3=0

now_ns() { date +%s%N; }

# best_ms CMD...: prints the best wall time over $RUNS runs, in ms with one
# decimal, and the peak RSS (KiB) of the last run.
best_ms() {
	best=""
	i=0
	while [ $i -lt "$RUNS" ]; do
		t0=$(now_ns)
		/usr/bin/time -f %M -o "$DIR/.rss" "$@" >/dev/null 2>&1
		t1=$(now_ns)
		t=$(( (t1 - t0) / 100000 ))
		if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
		i=$((i + 1))
	done
	echo "$((best / 10)).$((best % 10)) $(tail -1 "$DIR/.rss")"
}

# The FTS5 expression canbo builds for a typed query: each word folded
# (here: the bench queries are typed without marks) and quoted as a prefix.
match_expr() {
	for w in $1; do printf '"%s"* ' "$w"; done
}

# The same search for the sqlite3 shell: the 50 first matches in
# Vietnamese order with their unit, like `canbo find QUERY --limit 50`.
ref_sql() {
	if [ -z "$1" ]; then
		echo "SELECT c.id, c.full_name, c.birth_date, u.name FROM cadre c JOIN unit u ON u.id = c.unit_id ORDER BY c.rank LIMIT 50;"
	else
		echo "SELECT c.id, c.full_name, c.birth_date, u.name FROM cadre_fts JOIN cadre c ON c.rank = cadre_fts.rowid JOIN unit u ON u.id = c.unit_id WHERE cadre_fts MATCH '$(match_expr "$1")' ORDER BY cadre_fts.rowid LIMIT 50;"
	fi
}

# build_db N: builds (or reuses) the demo of N cadres; prints its build
# time: wall, CPU (user + system) and peak resident memory.
build_db() {
	n=$1 db="$DIR/demo-$n.db"
	if [ "${BENCH_REBUILD:-0}" != 1 ] && [ -f "$db" ] && [ -f "$db.time" ]; then
		"$BIN" find zzzz --config "$CONFIG" --db "$db" >/dev/null 2>&1
		if [ $? -ne 4 ]; then # readable by this build of canbo
			# one read-write open makes the indexes this build adds
			# (store_ensure_indexes), so no measure pays for them
			"$BIN" due --within 1 --config "$CONFIG" --db "$db" >/dev/null 2>&1
			echo "$(cat "$db.time") (cached)"
			return
		fi
	fi
	rm -f "$db" "$db.time"
	/usr/bin/time -f '%e %U %S %M' -o "$DIR/.build" \
		"$BIN" demo --config "$CONFIG" --db "$db" --cadres "$n" --seed 1 >/dev/null || {
		echo "demo build of $n cadres failed" >&2
		exit 1
	}
	tail -1 "$DIR/.build" | awk '{ printf "%.1f s wall, %.1f s CPU, %d MB peak\n", $1, $2 + $3, $4 / 1024 }' >"$db.time"
	cat "$db.time"
}

row() { printf '%-10s %-22s %10s %9s %12s\n' "$@"; }

echo "canbo bench on $(nproc) cores, $(sqlite3 --version 2>/dev/null | cut -d' ' -f1 | sed 's/^/SQLite /')"
echo "times: best of $RUNS runs, whole process (start to exit); RSS: peak resident memory"
echo
for n in $SIZES; do
	printf 'building %s cadres... ' "$n"
	bt=$(build_db "$n")
	echo "$bt"
	eval "build_$n=\"\$bt\""
done
echo

echo "== canbo find QUERY --limit 50 (table) vs the same search in the sqlite3 shell"
row cadres query canbo_ms rss_kb sqlite3_ms
for n in $SIZES; do
	db="$DIR/demo-$n.db"
	for q in "nguyen van an" "dang" "th" "huynh thi" "" "zzz"; do
		set -- $(best_ms "$BIN" find $q --config "$CONFIG" --db "$db" --limit 50)
		ms=$1 rss=$2 ref="-"
		if [ $have_sqlite3 = 1 ]; then
			set -- $(best_ms sqlite3 -readonly "$db" "$(ref_sql "$q")")
			ref=$1
		fi
		row "$n" "\"$q\"" "$ms" "$rss" "$ref"
	done
	set -- $(best_ms "$BIN" find nguyen --config "$CONFIG" --db "$db" --limit 0 --format csv)
	ms=$1 rss=$2
	row "$n" "nguyen, all, CSV" "$ms" "$rss" "-"
done
echo

# The goal of find, with or without --district: within 2x of a bare open
# of the same file by the sqlite3 shell (its start, no query).
echo "== canbo find QUERY [--district D] --limit 50 vs a bare sqlite3 open (SELECT 1)"
row cadres query canbo_ms rss_kb sqlite3_ms
for n in $SIZES; do
	db="$DIR/demo-$n.db"
	bare="-"
	if [ $have_sqlite3 = 1 ]; then
		set -- $(best_ms sqlite3 -readonly "$db" "SELECT 1")
		bare=$1
	fi
	for d in "" 795; do
		for q in "nguyen van an" "nguyen" "huynh thi" "zzz"; do
			set -- $(best_ms "$BIN" find $q --config "$CONFIG" --db "$db" --limit 50 ${d:+--district $d})
			row "$n" "\"$q${d:+ in $d}\"" "$1" "$2" "$bare"
		done
	done
done
echo

echo "== typed one keystroke at a time: canbo find PREFIX --limit 50"
row cadres typed canbo_ms rss_kb sqlite3_ms
for n in $SIZES; do
	db="$DIR/demo-$n.db"
	typed=""
	for k in n g u y e n " " v a n " " a n; do
		typed="$typed$k"
		[ "$k" = " " ] && continue
		set -- $(best_ms "$BIN" find $typed --config "$CONFIG" --db "$db" --limit 50)
		ms=$1 rss=$2 ref="-"
		if [ $have_sqlite3 = 1 ]; then
			set -- $(best_ms sqlite3 -readonly "$db" "$(ref_sql "$typed")")
			ref=$1
		fi
		row "$n" "\"$typed\"" "$ms" "$rss" "$ref"
	done
done
echo
echo "== database build (canbo demo --cadres N)"
for n in $SIZES; do
	eval "printf '%-10s %s\n' \"$n\" \"\$build_$n\""
done
echo

# The breakdowns and targets, and the terminal UI's cost per keystroke, on
# the same cached databases.
here=$(cd "$(dirname "$0")" && pwd)
sh "$here/stats.sh"
echo
sh "$here/search.sh"
echo
sh "$here/bytes.sh"
echo
sh "$here/screens.sh"
echo
sh "$here/import.sh"
echo
sh "$here/sync.sh"
