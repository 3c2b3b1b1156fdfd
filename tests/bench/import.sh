#!/bin/sh
# Import speed and the longest write-lock hold: canbo import of N rows
# (default 100 000: every cadre of the N-cadre demo, namesakes born on the
# same day left out) into a new database file, and into an existing
# database of N other cadres; the times and the write-lock hold are the
# ones `canbo import --verbose` measures inside canbo. References: the
# sqlite3 shell's .import of the same CSV into a plain table (no checks,
# no indexes, no audit), the floor for reading the file into SQLite; and,
# for the populated database, the same writes alone in the sqlite3 shell
# (below), the floor for writing what the import writes.
#
# Each case runs BENCH_IMPORT_RUNS times (3): the machine is shared and
# noisy, so the run of median wall time is shown, with the processor time
# canbo spent (which the load does not stretch) and the load average.
#
# Environment: BIN, BUILD (as run.sh), BENCH_IMPORT_ROWS (100000),
# BENCH_IMPORT_RUNS (3).
set -u
: "${BIN:?set BIN to the canbo binary}"
: "${BUILD:=$(dirname "$BIN")}"
SRC=$(cd "$(dirname "$0")/../.." && pwd)
CONFIG="$SRC/config"
DIR="$BUILD/bench"
N=${BENCH_IMPORT_ROWS:-100000}
RUNS=${BENCH_IMPORT_RUNS:-3}
mkdir -p "$DIR"
export CANBO_TODAY=2025-12-31 LANG=C.UTF-8

demo() { # demo N SEED: the cached demo database (rebuilt if unreadable)
	db="$DIR/demo-$1${2:+-s$2}.db"
	"$BIN" find zzzz --config "$CONFIG" --db "$db" >/dev/null 2>&1
	if [ $? -eq 4 ] || [ ! -f "$db" ]; then
		rm -f "$db"
		"$BIN" demo --config "$CONFIG" --db "$db" --cadres "$1" --seed "${2:-1}" >/dev/null ||
			{ echo "demo build of $1 cadres failed" >&2; exit 1; }
	fi
	# one read-write open makes the indexes this build adds, so that no
	# import pays for them
	"$BIN" due --within 1 --config "$CONFIG" --db "$db" >/dev/null 2>&1
	echo "$db"
}

# verbose FILE DB: imports with --verbose; prints "rows seconds rows/s cpu
# lock lock_cpu"
verbose() {
	rm -f "$DIR/.import.err"
	"$BIN" import "$1" --config "$CONFIG" --db "$2" --verbose --lang en \
		>/dev/null 2>"$DIR/.import.err" || { echo "import failed:" >&2; tail -3 "$DIR/.import.err" >&2; return 1; }
	sed -n 's/.*: \([0-9]*\) rows in \([0-9.]*\) s (\([0-9]*\) rows\/s; \([0-9.]*\) s of processor time); write lock held \([0-9.]*\) s (\([0-9.]*\) s of processor.*/\1 \2 \3 \4 \5 \6/p' \
		"$DIR/.import.err"
}

# median: of the lines on stdin ("rows seconds ..."), the one of median
# seconds, followed by the longest write-lock hold (5th field) of them all
median() {
	sort -n -k2 >"$DIR/.runs"
	n=$(wc -l <"$DIR/.runs")
	[ "$n" -gt 0 ] || return 1
	line=$(sed -n "$(((n + 1) / 2))p" "$DIR/.runs")
	longest=$(awk 'NF >= 5 && $5 > m { m = $5 } END { print m + 0 }' "$DIR/.runs")
	echo "$line $longest"
}

row() { printf '%-30s %7s %8s %8s %7s %13s %11s %13s\n' "$@"; }

src=$(demo "$N")
csv="$DIR/import-$N.csv"
if [ ! -s "$csv" ] || [ "$(head -c 3 "$csv")" != "id," ] || [ "$csv" -ot "$src" ]; then
	# an office's list without its party organisations, which a new
	# database does not hold yet (they come first with import --kind org)
	"$BIN" find --config "$CONFIG" --db "$src" --format csv --limit 0 |
		python3 -c '
import csv, sys
rows = csv.reader(sys.stdin, strict=True)
out = csv.writer(sys.stdout, lineterminator="\r\n")
head = next(rows)
k = head.index("org")
for r in [head] + list(rows):
    out.writerow(r[:k] + r[k + 1:])
' | awk -F, '!seen[$2 "," $3]++' >"$csv"
fi

echo "== canbo import (rows/s and the longest write-lock hold, measured inside canbo: import --verbose)"
echo "(median of $RUNS runs by wall time; the machine's load before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null);"
echo " on a busy machine wall times grow, processor times do not)"
row "import into" rows seconds rows/s cpu_s write_lock_s lock_cpu_s longest_lock_s
new="$DIR/import-new.db"
i=0
while [ $i -lt "$RUNS" ]; do
	rm -f "$new" "$new-wal" "$new-shm"
	verbose "$csv" "$new"
	i=$((i + 1))
done | median >"$DIR/.median" && { set -- $(cat "$DIR/.median"); row "a new file" "$@"; }

# an existing database of N other cadres (a copy of the seed-2 demo); rows
# already in it (same name and birth date) are left out of the file first
other=$(demo "$N" 2)
into="$DIR/import-into.db"
file="$DIR/import-$N-other.csv"
cp "$csv" "$file"
i=0
while [ $i -lt 5 ]; do
	"$BIN" import "$file" --config "$CONFIG" --db "$other" --dry-run --lang en >/dev/null 2>"$DIR/.dry"
	[ $? -eq 0 ] && break
	sed -n 's/^[^:]*:\([0-9]*\): .*Duplicate.*/\1/p' "$DIR/.dry" >"$DIR/.dups"
	[ -s "$DIR/.dups" ] || { echo "dry run failed:" >&2; tail -3 "$DIR/.dry" >&2; break; }
	awk 'NR == FNR { drop[$1] = 1; next } !(FNR in drop)' "$DIR/.dups" "$file" >"$file.tmp" &&
		mv "$file.tmp" "$file"
	i=$((i + 1))
done
existing=$(sqlite3 "$other" "SELECT count(*) FROM cadre" 2>/dev/null || echo "$N")
i=0
while [ $i -lt "$RUNS" ]; do
	cp "$other" "$into"
	rm -f "$into-wal" "$into-shm"
	verbose "$file" "$into"
	i=$((i + 1))
done | median >"$DIR/.median" && { set -- $(cat "$DIR/.median"); row "a database of $existing cadres" "$@"; }

# The same writes alone in the sqlite3 shell, the floor of an import into
# a populated database: the rows the last import added (its cadres, their
# search entries, their audit entries), copied out of it, written into
# another copy of the same database in one transaction with canbo's
# settings (write-ahead log, synchronous NORMAL, the import's 64 MiB
# cache, foreign keys) and checkpointed, as canbo does; no file read, no
# checks, no places found in the name order, no words of the names.
if command -v sqlite3 >/dev/null && [ -f "$into" ]; then
	rows="$DIR/import-rows.db"
	same="$DIR/import-same.db"
	top=$(sqlite3 "$other" "SELECT coalesce(max(id), 0) FROM cadre")
	rm -f "$rows"
	sqlite3 "$rows" "ATTACH '$into' AS i;
		CREATE TABLE c AS SELECT * FROM i.cadre WHERE id > $top ORDER BY id;
		CREATE TABLE a AS SELECT * FROM i.audit WHERE tbl = 'cadre' AND row_id > $top ORDER BY id;" &&
		added=$(sqlite3 "$rows" "SELECT count(*) FROM c")
	i=0
	while [ -n "${added:-}" ] && [ $i -lt "$RUNS" ]; do
		cp "$other" "$same"
		rm -f "$same-wal" "$same-shm"
		t0=$(date +%s%N)
		# the search entries as search_index.h writes them: the name's
		# fold, and 'u' and the unit's id
		sqlite3 "$same" >/dev/null <<-EOF
			PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
			PRAGMA cache_size = -65536; PRAGMA foreign_keys = ON;
			PRAGMA wal_autocheckpoint = 0;
			ATTACH '$rows' AS s;
			BEGIN;
			INSERT INTO main.cadre SELECT * FROM s.c ORDER BY id;
			INSERT INTO main.cadre_fts(rowid, name, place)
			 SELECT rank, name_fold, 'u' || unit_id FROM s.c ORDER BY rank;
			INSERT INTO main.audit SELECT * FROM s.a ORDER BY id;
			COMMIT;
			PRAGMA main.wal_checkpoint(PASSIVE);
		EOF
		t1=$(date +%s%N)
		ms=$(((t1 - t0) / 1000000))
		echo "$added $((ms / 1000)).$(printf '%03d' $((ms % 1000))) $((added * 1000 / (ms > 0 ? ms : 1)))"
		i=$((i + 1))
	done | median >"$DIR/.median" && { set -- $(cat "$DIR/.median"); row "the same writes, sqlite3 shell" "$1" "$2" "$3" - - - -; }
	rm -f "$rows" "$same" "$same-wal" "$same-shm"
fi

if command -v sqlite3 >/dev/null; then
	ref="$DIR/import-ref.db"
	rows=$(($(wc -l <"$csv") - 1))
	i=0
	while [ $i -lt "$RUNS" ]; do
		rm -f "$ref"
		t0=$(date +%s%N)
		sqlite3 "$ref" ".import --csv '$csv' t" 2>/dev/null
		t1=$(date +%s%N)
		ms=$(((t1 - t0) / 1000000))
		echo "$rows $((ms / 1000)).$(printf '%03d' $((ms % 1000))) $((rows * 1000 / (ms > 0 ? ms : 1)))"
		i=$((i + 1))
	done | median >"$DIR/.median" && { set -- $(cat "$DIR/.median"); row "sqlite3 .import (reference)" "$1" "$2" "$3" - - - -; }
	rm -f "$ref"
fi
echo "(the machine's load after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null))"
echo "goal: 50 000 rows/s or more; the write lock held under 2 s"
