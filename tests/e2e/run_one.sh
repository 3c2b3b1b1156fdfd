#!/bin/sh
# Runs one end-to-end test in a scratch directory of its own; writes
# RESULTS/NAME.ok or RESULTS/NAME.fail (with the log's tail and the exit
# status). Used by run.sh.
t=$1 results=$2
name=$(basename "$t" .sh)
log="$results/$name.log"
E2E_TMP=$(mktemp -d /tmp/canbo-e2e-XXXXXX)
export E2E_TMP
sh "$t" >"$log" 2>&1
rc=$?
if [ $rc -eq 0 ]; then
	: >"$results/$name.ok"
else
	{ sed 's/^/     | /' "$log" | tail -40; echo "     | (exit status $rc)"; } >"$results/$name.fail"
fi
rm -rf "$E2E_TMP"
