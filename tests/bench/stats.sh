#!/bin/sh
# stats.sh - how fast the breakdowns and the target panel recompute, on
# demo databases of 100 000 and 1 000 000 cadres (built once and cached in
# $BUILD/bench, shared with run.sh). Goal: a breakdown or the whole target
# panel within 50 ms at 100 000 cadres and 500 ms at 1 000 000.
#
# Three measures:
#  1. the engine alone, as the screen recomputes it (database open, one
#     call of stats_run / targets_eval / targets_by_district): CPU time of
#     the process, so a busy machine does not blur it (STATS_WALL=1 for
#     wall time). A large database is read on several threads, and the
#     CPU time is then the sum of theirs: STATS_WALL=1 shows what the user
#     waits, STATS_THREADS=1 the figures of one thread. "first" is the first count on a fresh connection, which
#     reads the year's ratings and trainings from the database (as after
#     any change); "best" the best of $BENCH_RUNS, recounts that reuse
#     them while nothing changed;
#  2. the whole command (canbo stats / canbo targets: start, configuration,
#     query, output), wall time, best of $BENCH_RUNS;
#  3. the same aggregation written in plain SQL and run by the sqlite3 shell
#     on the same file, as a reference (wall time, best of $BENCH_RUNS).
# Prints tables; nothing passes or fails.
#
# Environment: BIN (the canbo binary), BUILD, BENCH_LIBS (the libraries
# canbo links with; make bench passes them), BENCH_SIZES (default
# "100000 1000000"), BENCH_RUNS (default 3), CC.
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

now_ns() { date +%s%N; }

# best_ms CMD...: the best wall time over $RUNS runs, ms with one decimal.
best_ms() {
	best=""
	i=0
	while [ $i -lt "$RUNS" ]; do
		t0=$(now_ns)
		"$@" >/dev/null 2>&1
		t1=$(now_ns)
		t=$(((t1 - t0) / 100000))
		if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
		i=$((i + 1))
	done
	echo "$((best / 10)).$((best % 10))"
}

build_db() {
	db="$DIR/demo-$1.db"
	if [ ! -f "$db" ]; then
		printf 'building %s cadres... ' "$1"
		"$BIN" demo --config "$CONFIG" --db "$db" --cadres "$1" --seed 1 >/dev/null ||
			{ echo "demo build failed" >&2; exit 1; }
		echo done
	fi
}

# The engine timer, linked with the core objects of this build.
. "$SRC/tests/bench/core_objs.sh"
TIMER="$DIR/stats_time"
${CC:-cc} -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -I"$SRC/include" \
	-o "$TIMER" "$SRC/tests/bench/stats_time.c" \
	$(core_objs) ${BENCH_LIBS:-$(pkg-config --libs sqlite3 libutf8proc libsodium xlsxwriter) -lm} ||
	{ echo "cannot build $TIMER (run make first)" >&2; exit 1; }

# Reference SQL: age band x gender of every cadre, completed years on
# 2025-12-31 by calendar arithmetic.
AGE="((2025 - CAST(substr(birth_date, 1, 4) AS INTEGER)) - ('12-31' < substr(birth_date, 6, 5)))"
REF_BREAKDOWN="SELECT CASE WHEN $AGE < 30 THEN 0 WHEN $AGE < 40 THEN 1 WHEN $AGE < 50 THEN 2
 WHEN $AGE < 60 THEN 3 ELSE 4 END, gender, count(*) FROM cadre GROUP BY 1, 2;"
REF_RATING="SELECT ifnull(r.grade, 0), count(*) FROM cadre c LEFT JOIN rating r
 ON r.cadre_id = c.id AND r.year = 2025 GROUP BY 1;"
# Reference SQL: the cadre targets of the whole province (populations and
# conditions as documented in canbo(1)).
GOOD="EXISTS(SELECT 1 FROM rating r WHERE r.cadre_id = c.id AND r.year = 2025 AND r.grade <= 2)"
TRAINED="EXISTS(SELECT 1 FROM training t WHERE t.cadre_id = c.id AND t.year = 2025 AND t.kind ="
REF_TARGETS="SELECT
 count(*) FILTER (WHERE managed), count(*) FILTER (WHERE managed AND gender = 2),
 count(*) FILTER (WHERE managed AND $AGE < 40),
 count(*) FILTER (WHERE level < 3), count(*) FILTER (WHERE level < 3 AND education >= 5),
 count(*) FILTER (WHERE level < 3 AND $GOOD), count(*) FILTER (WHERE level < 3 AND $TRAINED 2)),
 count(*) FILTER (WHERE level = 3), count(*) FILTER (WHERE level = 3 AND theory >= 2),
 count(*) FILTER (WHERE level = 3 AND education >= 2),
 count(*) FILTER (WHERE level = 3 AND education >= 4),
 count(*) FILTER (WHERE level = 3 AND $TRAINED 3)),
 count(*) FILTER (WHERE committees > 0), count(*) FILTER (WHERE committees > 0 AND $TRAINED 1)),
 count(*) FILTER (WHERE (committees & 63) > 0 OR managed),
 count(*) FILTER (WHERE ((committees & 63) > 0 OR managed) AND $GOOD),
 count(*) FILTER (WHERE $GOOD) FROM cadre c;"

echo "canbo breakdown and target bench on $(nproc) cores, SQLite $(sqlite3 --version 2>/dev/null | cut -d' ' -f1)"
echo "goal: a breakdown or the whole target panel within 50 ms (100 000) and 500 ms (1 000 000)"
for n in $SIZES; do build_db "$n"; done
echo

echo "== 1. engine recompute (ms of CPU; first count on a fresh connection, best of $RUNS)"
echo "   reading the yearly summary, and beside it (same run) the year's ratings and"
echo "   trainings themselves, as before the summary (STATS_RECORDS=1)"
printf '%-10s %-34s %9s %9s %12s %12s\n' cadres measure best first records-best records-first
for n in $SIZES; do
	"$TIMER" "$CONFIG" "$DIR/demo-$n.db" "$RUNS" >"$DIR/.summary"
	STATS_RECORDS=1 "$TIMER" "$CONFIG" "$DIR/demo-$n.db" "$RUNS" >"$DIR/.records"
	# the measure's name has spaces: the figures are the last two fields
	paste -d '|' "$DIR/.summary" "$DIR/.records" | while IFS='|' read -r ours theirs; do
		set -- $theirs
		eval "rb=\${$(($# - 1))} rf=\${$#}"
		printf '%-10s %s %12s %12s\n' "$n" "$ours" "$rb" "$rf"
	done
done
echo

echo "== 2. whole command vs 3. the same aggregation in the sqlite3 shell (ms, wall, best of $RUNS)"
printf '%-10s %-44s %9s %9s\n' cadres measure canbo sqlite3
for n in $SIZES; do
	db="$DIR/demo-$n.db"
	run() { best_ms "$BIN" --config "$CONFIG" --db "$db" "$@"; }
	ref() { best_ms sqlite3 -readonly "$db" "$1"; }
	printf '%-10s %-44s %9s %9s\n' "$n" "stats --by age,gender" \
		"$(run stats --by age,gender --format csv)" "$(ref "$REF_BREAKDOWN")"
	printf '%-10s %-44s %9s %9s\n' "$n" "stats --by rating" \
		"$(run stats --by rating --year 2025 --format csv)" "$(ref "$REF_RATING")"
	printf '%-10s %-44s %9s %9s\n' "$n" "targets (whole province)" \
		"$(run targets --year 2025 --format csv)" "$(ref "$REF_TARGETS")"
	printf '%-10s %-44s %9s %9s\n' "$n" "targets --by-district" \
		"$(run targets --year 2025 --by-district --format csv)" "-"
	# the drill-down into the largest district's "managed women" cell: its
	# first screen (50 rows in name order) and the same rows by the shell
	printf '%-10s %-44s %9s %9s\n' "$n" "targets --list all, district 795, 50 rows" \
		"$(run targets --year 2025 --target managed_women --list all --district 795 \
			--limit 50 --format csv)" \
		"$(ref "SELECT c.id, c.full_name, c.birth_date FROM cadre c JOIN unit u
 ON u.id = c.unit_id JOIN unit d ON d.code = '795' AND u.lo BETWEEN d.lo AND d.hi
 WHERE c.managed ORDER BY c.rank LIMIT 50;")"
done
