#!/bin/sh
# Runs the unit test programs given as arguments, UNIT_JOBS at a time
# (default: the number of processors), longest first so that the one that
# takes most of the time does not start last. Each program's output is
# kept apart and shown whole when it ends, so that suites running side by
# side do not interleave; the run fails if any program fails. Each test
# makes its own scratch directory (fixture.h), so they do not meet.
#
# Environment: CANBO_SOURCE_DIR and CANBO_LOCALEDIR, passed on.
set -u
jobs=${UNIT_JOBS:-$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)}
out=$(mktemp -d "${TMPDIR:-/tmp}/canbo-unit-XXXXXX")
trap 'rm -rf "$out"' EXIT INT TERM

# the longest programs (the lists checked against plain SQL in every
# way, the breakdowns) go first; the rest in the order given
long="test_search_pack_ways test_search_pack test_stats"
for name in $long; do
	for t in "$@"; do
		[ "$(basename "$t")" = "$name" ] && echo "$t"
	done
done >"$out/order"
for t in "$@"; do
	case " $long " in
	*" $(basename "$t") "*) ;;
	*) echo "$t" ;;
	esac
done >>"$out/order"

# one: runs a program into its own log, then shows the log whole (flock:
# one log at a time)
one='log="$0/$(basename "$1").log"
if "$1" >"$log" 2>&1; then touch "$log.ok"; fi
flock "$0/order" sh -c "echo \"== \$0\"; cat \"\$1\"" "$1" "$log"'
xargs -P "$jobs" -I{} sh -c "$one" "$out" {} <"$out/order"

failed=0 passed=0
while read -r t; do
	if [ -e "$out/$(basename "$t").log.ok" ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL $t"
	fi
done <"$out/order"
echo "unit: $passed programs passed, $failed failed"
[ "$failed" -eq 0 ]
