#!/bin/sh
# Runs every end-to-end test (tests/e2e/test_*.sh) against the built binary.
# Each test is a shell script that exits non-zero on failure; it gets $BIN
# (the canbo binary), $BUILD and $E2E_TMP (a scratch directory of its own).
# Tests run E2E_JOBS at a time (default: the number of processors); each
# has its own tmux server and files, so they do not see one another.
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${BIN:?set BIN to the canbo binary}"
: "${BUILD:=$(dirname "$BIN")}"
export BIN BUILD
export CANBO_SOURCE_DIR="$here/../.."
jobs=${E2E_JOBS:-$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)}
results=$(mktemp -d "$BUILD/e2e-results-XXXXXX")
ls "$here"/test_*.sh | xargs -P "$jobs" -I{} sh "$here/run_one.sh" {} "$results"
failed=0 passed=0
for t in "$here"/test_*.sh; do
	name=$(basename "$t" .sh)
	if [ -e "$results/$name.ok" ]; then
		passed=$((passed + 1))
		echo "ok   $name"
	else
		failed=$((failed + 1))
		echo "FAIL $name"
		[ -e "$results/$name.fail" ] && cat "$results/$name.fail"
	fi
done
rm -rf "$results"
echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
