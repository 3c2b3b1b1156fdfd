#!/bin/sh
# Runs every end-to-end test (tests/e2e/test_*.sh) against the built binary.
# Each test is a shell script that exits non-zero on failure; it gets $BIN
# (the canbo binary), $BUILD and $E2E_TMP (a scratch directory of its own).
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${BIN:?set BIN to the canbo binary}"
: "${BUILD:=$(dirname "$BIN")}"
export BIN BUILD
export CANBO_SOURCE_DIR="$here/../.."
failed=0 passed=0
for t in "$here"/test_*.sh; do
	[ -e "$t" ] || continue
	name=$(basename "$t" .sh)
	E2E_TMP=$(mktemp -d /tmp/canbo-e2e-XXXXXX)
	export E2E_TMP
	if sh "$t" >"$E2E_TMP.log" 2>&1; then
		passed=$((passed + 1))
		echo "ok   $name"
	else
		failed=$((failed + 1))
		echo "FAIL $name"
		sed 's/^/     | /' "$E2E_TMP.log" | tail -40
	fi
	rm -rf "$E2E_TMP" "$E2E_TMP.log"
done
echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
