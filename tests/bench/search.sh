#!/bin/sh
# search.sh - what a keystroke costs in the cadre list and its drill-downs
# (tests/bench/search_time.c), on the demo databases of run.sh, in CPU ms:
# the first window of 50 for short queries in each sort order, the largest
# district's list with a rare filter, and the background counts. The
# reference is the sqlite3 shell opening the same file and counting its
# cadres (the least any answer costs).
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
