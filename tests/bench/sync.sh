#!/bin/sh
# sync.sh - what one province from many offices costs (canbo sync): an
# office of BENCH_SYNC_CADRES cadres (default 10 000; a demo database,
# built once and cached in $BUILD/bench) sends its whole database, then
# BENCH_SYNC_EDITS edits (default 10 000, one cadre each, each saved in
# its own transaction); the province applies both. Reports the changeset
# files' sizes and the times (wall, ms). Nothing passes or fails.
#
# Environment: BIN, BUILD, BENCH_LIBS, CC, BENCH_SYNC_CADRES,
# BENCH_SYNC_EDITS, BENCH_REBUILD.
set -u
: "${BIN:?set BIN to the canbo binary}"
: "${BUILD:=$(dirname "$BIN")}"
SRC=$(cd "$(dirname "$0")/../.." && pwd)
CONFIG="$SRC/config"
DIR="$BUILD/bench"
CADRES=${BENCH_SYNC_CADRES:-10000}
EDITS=${BENCH_SYNC_EDITS:-10000}
mkdir -p "$DIR"
export CANBO_TODAY=2025-12-31 LANG=C.UTF-8

cached="$DIR/sync-office-$CADRES.db"
if [ ! -f "$cached" ] || [ "${BENCH_REBUILD:-0}" = 1 ]; then
	rm -f "$cached"
	"$BIN" demo --config "$CONFIG" --db "$cached" --cadres "$CADRES" --seed 3 >/dev/null ||
		{ echo "demo build failed" >&2; exit 1; }
fi
. "$SRC/tests/bench/core_objs.sh"
TIMER="$DIR/sync_time"
${CC:-cc} -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-DSQLITE_ENABLE_SESSION -DSQLITE_ENABLE_PREUPDATE_HOOK -I"$SRC/include" \
	-o "$TIMER" "$SRC/tests/bench/sync_time.c" \
	$(core_objs) ${BENCH_LIBS:-$(pkg-config --libs sqlite3 libutf8proc libsodium xlsxwriter) -lm} ||
	{ echo "cannot build $TIMER (run make first)" >&2; exit 1; }

office="$DIR/sync-office.db" province="$DIR/sync-province.db"
rm -f "$office" "$office"-wal "$office"-shm "$province" "$province"-wal "$province"-shm
cp "$cached" "$office"
echo "== canbo sync: an office of $CADRES cadres, $EDITS edits (wall ms)"
"$TIMER" "$CONFIG" "$office" "$province" "$EDITS"
rm -f "$office" "$office"-wal "$office"-shm "$province" "$province"-wal "$province"-shm
