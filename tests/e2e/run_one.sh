#!/bin/sh
# Runs one end-to-end test in a scratch directory of its own; writes
# RESULTS/NAME.ok or RESULTS/NAME.fail (with the log's tail). Used by run.sh.
t=$1 results=$2
name=$(basename "$t" .sh)
E2E_TMP=$(mktemp -d /tmp/canbo-e2e-XXXXXX)
export E2E_TMP
if sh "$t" >"$E2E_TMP.log" 2>&1; then
	: >"$results/$name.ok"
else
	sed 's/^/     | /' "$E2E_TMP.log" | tail -40 >"$results/$name.fail"
fi
rm -rf "$E2E_TMP" "$E2E_TMP.log"
