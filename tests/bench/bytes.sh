#!/bin/sh
# bytes.sh - what a keystroke costs in the terminal UI: bytes written to the
# terminal and time from key to screen, for a scripted key sequence on a
# large demo database.
#
# The program runs under script(1) in an 80x24 pseudo-terminal; the
# typescript holds every byte sent to the terminal, measured between the
# phases of the sequence:
#   open   - the main menu, then "1": the cadre list appears
#   down   - 100 x Down, one key at a time
#   search - "/" then "nguyen van" typed one key at a time
# Frame times come from CANBO_TRACE_FRAMES (microseconds from reading a key
# to the end of its doupdate); "idle" lines are the lazy match counts.
#
# Environment: BIN (the canbo binary), BUILD (where databases are kept),
# BENCH_SIZES (default "100000 1000000"), BENCH_DB_<N> to use an existing
# database of N cadres instead of building one.
set -u
: "${BIN:?set BIN to the canbo binary}"
: "${BUILD:=$(dirname "$BIN")}"
here=$(cd "$(dirname "$0")" && pwd)
SRC=${CANBO_SOURCE_DIR:-$here/../..}
CONFIG=${BENCH_CONFIG:-$SRC/config}
SIZES=${BENCH_SIZES:-100000 1000000}
export CANBO_TODAY=${CANBO_TODAY:-2025-06-30}
tmp=$(mktemp -d /tmp/canbo-bytes-XXXXXX)
trap 'rm -rf "$tmp"' EXIT

command -v script >/dev/null || { echo "bytes.sh: script(1) is needed (util-linux)"; exit 1; }

size_of() { wc -c <"$1" | tr -d ' '; }

# keys DELAY STRING...: writes each string to the fifo with a pause after it.
keys() {
	d=$1
	shift
	for k in "$@"; do
		printf '%b' "$k" >&3
		sleep "$d"
	done
}

# trace_stats FILE FROM TO: count, mean and max of the frame times of trace
# lines FROM..TO (key lines only).
trace_stats() {
	sed -n "$2,$3p" "$1" | awk -F'us=' '/^key=/ { n++; s += $2; if ($2 > m) m = $2 }
		END { if (n) printf "%d keys, mean %.2f ms, max %.2f ms", n, s / n / 1000, m / 1000;
		      else printf "no keys traced" }'
}

lines_of() { if [ -f "$1" ]; then wc -l <"$1" | tr -d ' '; else echo 0; fi; }

run_one() {
	n=$1
	eval "db=\${BENCH_DB_$n:-}"
	if [ -z "$db" ]; then
		db="$BUILD/bench/demo-$n.db"
		mkdir -p "$BUILD/bench"
		if [ ! -f "$db" ]; then
			echo "building a demo database of $n cadres ($db)"
			"$BIN" demo --config "$CONFIG" --db "$db" --cadres "$n" --seed 1 >/dev/null ||
				{ echo "demo build failed"; return 1; }
		fi
	fi
	out="$tmp/typescript-$n" trace="$tmp/trace-$n" fifo="$tmp/keys-$n"
	rm -f "$out" "$trace" "$fifo"
	mkfifo "$fifo"
	env TERM=xterm-256color LANG=C.UTF-8 CANBO_TRACE_FRAMES="$trace" \
		script -q -f -c "stty rows 24 cols 80; exec '$BIN' --config '$CONFIG' --db '$db'" \
		"$out" <"$fifo" >/dev/null 2>&1 &
	pid=$!
	exec 3>"$fifo"
	sleep 1.5
	b0=$(size_of "$out")
	keys 1.0 "1"
	b1=$(size_of "$out") t1=$(lines_of "$trace")
	i=0
	while [ $i -lt 100 ]; do
		keys 0.02 '\033OB'
		i=$((i + 1))
	done
	sleep 0.5
	b2=$(size_of "$out") t2=$(lines_of "$trace")
	keys 0.08 "/" n g u y e n " " v a n
	sleep 1.0
	b3=$(size_of "$out") t3=$(lines_of "$trace")
	keys 0.3 '\033' '\033' q
	exec 3>&-
	wait $pid 2>/dev/null
	echo "== $n cadres ($(basename "$db"))"
	echo "  bytes: start $b0, open list $((b1 - b0)), 100 x Down $((b2 - b1)) ($(((b2 - b1) / 100)) per key), search of 11 keys $((b3 - b2)) ($(((b3 - b2) / 11)) per key)"
	echo "  frames: open list: $(trace_stats "$trace" 1 "$t1")"
	echo "          Down:      $(trace_stats "$trace" $((t1 + 1)) "$t2")"
	echo "          search:    $(trace_stats "$trace" $((t2 + 1)) "$t3")"
	grep '^idle' "$trace" | awk -F'us=' '{ n++; if ($2 > m) m = $2 } END { if (n) printf "          counts:    %d, slowest %.1f ms\n", n, m / 1000 }'
}

for n in $SIZES; do
	run_one "$n" || exit 1
done
