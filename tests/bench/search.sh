#!/bin/sh
# search.sh - what a keystroke costs in the cadre list and its drill-downs
# (tests/bench/search_time.c), on the demo databases of run.sh, in CPU ms:
# the first window of 50 for short queries in each sort order, the largest
# district's list with a rare filter, and the background counts. The
# counts are followed by the same counts in the sqlite3 shell (CPU of the
# whole process, best of $RUNS) as a same-run reference: the folded match
# through FTS5, each match's row read for the filter or the spelling.
# Environment: BIN, BUILD, BENCH_SIZES, BENCH_RUNS, CC, BENCH_LIBS (the
# libraries canbo links with; make bench passes them), BENCH_DISTRICT
# (default 795, the largest district of the sample).
set -u
: "${BIN:?set BIN to the canbo binary}"
: "${BUILD:=$(dirname "$BIN")}"
SRC=$(cd "$(dirname "$0")/../.." && pwd)
DIR="$BUILD/bench"
SIZES=${BENCH_SIZES:-100000 1000000}
RUNS=${BENCH_RUNS:-3}
DISTRICT=${BENCH_DISTRICT:-795}
export LANG=C.UTF-8

. "$SRC/tests/bench/core_objs.sh"
TIMER="$DIR/search_time"
mkdir -p "$DIR"
${CC:-cc} -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -I"$SRC/include" \
	-o "$TIMER" "$SRC/tests/bench/search_time.c" \
	$(core_objs) ${BENCH_LIBS:-$(pkg-config --libs sqlite3 libutf8proc libsodium xlsxwriter) -lm} ||
	{ echo "cannot build $TIMER (run make first)" >&2; exit 1; }

echo "== the cadre list per keystroke (ms of CPU, best of $RUNS and first; goal 16 ms)"
printf '%-10s %-40s %9s %9s\n' cadres measure best first
for n in $SIZES; do
	db="$DIR/demo-$n.db"
	[ -f "$db" ] || { echo "no $db (run.sh builds it)"; continue; }
	"$TIMER" "$db" "$DISTRICT" "$RUNS" | while read -r line; do
		printf '%-10s %s\n' "$n" "$line"
	done
done

# The background counts of search_time.c, in the sqlite3 shell.
LEFT="c.id NOT IN (SELECT cadre_id FROM departure WHERE left_on <= '2025-12-31')"
FTS="FROM cadre_fts f CROSS JOIN cadre c INDEXED BY cadre_rank ON c.rank = f.rowid WHERE f.cadre_fts MATCH '\"nguyen\"*' AND $LEFT"
REF_MARKS="SELECT count(*) $FTS AND (' ' || c.full_name) GLOB '* Nguyễn*';"
REF_WOMEN="SELECT count(*) $FTS AND c.gender = 2;"

# ref_cpu SQL DB: the best CPU ms (user + system) of the sqlite3 shell
# running SQL, and the count it printed.
ref_cpu() {
	best="" out=""
	i=0
	while [ $i -lt "$RUNS" ]; do
		/usr/bin/time -f '%U %S' -o "$DIR/.ref" sqlite3 -readonly "$2" "$1" >"$DIR/.refout" 2>/dev/null
		t=$(tail -1 "$DIR/.ref" | awk '{ printf "%d", ($1 + $2) * 1000 }')
		if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
		out=$(cat "$DIR/.refout")
		i=$((i + 1))
	done
	echo "$best $out"
}

if command -v sqlite3 >/dev/null; then
	echo
	echo "== the background counts in the sqlite3 shell (ms of CPU, best of $RUNS; goal for canbo: 1000 ms)"
	printf '%-10s %-40s %9s %9s\n' cadres measure best count
	for n in $SIZES; do
		db="$DIR/demo-$n.db"
		[ -f "$db" ] || continue
		set -- $(ref_cpu "$REF_MARKS" "$db")
		printf '%-10s %-40s %9s %9s\n' "$n" "sqlite3: count \"Nguyễn\" (diacritics)" "$1" "$2"
		set -- $(ref_cpu "$REF_WOMEN" "$db")
		printf '%-10s %-40s %9s %9s\n' "$n" "sqlite3: count \"nguyen\", women" "$1" "$2"
	done
fi
