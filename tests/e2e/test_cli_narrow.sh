#!/bin/sh
# On an 80-column terminal the command line's tables fit the width without
# cutting what identifies a row: ids and dates whole, each name with its
# surname and given name; --wide keeps everything.
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"
command -v script >/dev/null || fail "script (Debian package bsdutils) is needed"
db=$(demo_db 2000)
c() { "$BIN" "$@" --config "$CONFIG" --db "$db"; }

c find thi --format csv --limit 40 | tr -d '\r' | tail -n +2 >"$E2E_TMP/rows.csv" || fail "find as CSV"
script -qec "stty cols 80; $BIN find thi --limit 40 --config $CONFIG --db $db" /dev/null |
	tr -d '\r' >"$E2E_TMP/narrow" || fail "find on an 80-column terminal"
longest=$(tail -n +3 "$E2E_TMP/narrow" | grep -v '^(' | while IFS= read -r l; do printf '%s' "$l" | wc -m; done | sort -n | tail -1)
[ "$longest" -le 80 ] || fail "a line of $longest columns on an 80-column terminal"
while IFS=, read -r id name birth rest; do
	line=$(grep -E "^ *$id " "$E2E_TMP/narrow") || fail "row $id missing"
	d=$(echo "$birth" | awk -F- '{ print $3 "/" $2 "/" $1 }')
	assert_contains "$line" "$d" "the whole birth date of $id"
	assert_contains "$line" "${name%% *}" "the surname of $id"
	assert_contains "$line" "${name##* }" "the given name of $id"
done <"$E2E_TMP/rows.csv"

script -qec "stty cols 80; $BIN find thi --limit 40 --wide --config $CONFIG --db $db" /dev/null |
	tr -d '\r' >"$E2E_TMP/wide" || fail "find --wide"
while IFS=, read -r id name birth gender ethnicity position rest; do
	case "$position" in \"*) continue ;; esac # quoted (holds a comma): checked above enough
	assert_contains "$(grep -E "^ *$id " "$E2E_TMP/wide")" "$position" "--wide: the whole position of $id"
done <"$E2E_TMP/rows.csv"
echo "narrow tables: ok"
