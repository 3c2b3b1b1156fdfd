#!/bin/sh
# Long work shows its progress on a terminal and nothing elsewhere.
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"
command -v script >/dev/null || fail "script (Debian package bsdutils) is needed"

# on a terminal (script gives the command one): the progress line
CANBO_PROGRESS_AT_ONCE=1 script -qfec "$BIN demo --config $CONFIG --db $E2E_TMP/tty.db --cadres 20000 --seed 3" \
	"$E2E_TMP/typescript" >/dev/null || fail "demo on a terminal"
assert_contains "$(cat "$E2E_TMP/typescript")" "tỉnh mẫu: 100 %" "progress on a terminal"

# not on a terminal: the result line only, no progress, no control bytes
CANBO_PROGRESS_AT_ONCE=1 "$BIN" demo --config "$CONFIG" --db "$E2E_TMP/pipe.db" --cadres 20000 --seed 3 \
	>"$E2E_TMP/out" 2>"$E2E_TMP/err" || fail "demo into files"
assert_eq "$(wc -c <"$E2E_TMP/err")" 0 "bytes on stderr when not a terminal"
assert_not_contains "$(cat "$E2E_TMP/out")" "%" "progress in the output"
# an import of records on a terminal shows its progress too
small=$(demo_db 300)
"$BIN" export --kind rating --config "$CONFIG" --db "$small" >"$E2E_TMP/ratings.csv" || fail "export ratings"
CANBO_PROGRESS_AT_ONCE=1 script -qfec "$BIN import --kind rating --replace --dry-run --config $CONFIG --db $small $E2E_TMP/ratings.csv" \
	"$E2E_TMP/typescript2" >/dev/null || fail "import on a terminal"
assert_contains "$(cat "$E2E_TMP/typescript2")" "đang nhập: 100 %" "import progress on a terminal"
CANBO_PROGRESS_AT_ONCE=1 "$BIN" import --kind rating --replace --dry-run --config "$CONFIG" --db "$small" \
	"$E2E_TMP/ratings.csv" >"$E2E_TMP/out" 2>"$E2E_TMP/err" || fail "import into files"
assert_eq "$(wc -c <"$E2E_TMP/err")" 0 "import: bytes on stderr when not a terminal"
echo "progress: ok"
