#!/bin/sh
# screens.sh - the worst key of each screen: every main-menu screen is
# opened on a large demo database and driven through its usual keys, one
# at a time, in an 80x24 pseudo-terminal. CANBO_TRACE_FRAMES gives, for
# each key, the microseconds from reading it to the end of its doupdate;
# the keys of each screen are the trace lines between two phases.
#
# The goal (issue "every key within a frame") is 16 ms for every key, and
# 100 ms for opening the target panel. Nothing passes or fails here: the
# table shows each screen's key count, mean, worst key and what it was.
#
# Keys per screen (Esc returns to the menu after each):
#   1 cadre list      Down x10, PgDn x3, End, Home, Enter (a record), Tab x2,
#                     Esc, / n g (search typed), Esc
#   1 (again)         F7 (the filter form), Down x3, F4 n u Enter (women),
#                     a rest, F2 (applied: the province's women), F6 and
#                     "don vi nguoc" Enter (reversed unit order), Down x10,
#                     PgDn x2, End, Home
#   2 breakdowns      b Down Down Enter (by gender), Enter (its list), Esc,
#                     t (target panel), Down x4, Right x3, Enter Enter
#                     (drill-down into the managed women of the 2nd
#                     district who meet the target), Down x5, Esc, Left x3,
#                     Enter Enter (the same of the whole province), Down x2,
#                     Esc
#   3 action plans    Down x3, End, Home
#   4 organisations   Down x10, PgDn x2, [ ]
#   7 reports         Down x2
#   8 trash           Down x2
#   9 falling due     Down x10, PgDn x2, End, Home
#   0 planning pool   Down x10, PgDn x2, End, Home
#
# Environment: BIN, BUILD, BENCH_SIZES (default "100000 1000000"),
# BENCH_DB_<N> to use an existing database of N cadres, SCREENS_KEEP=1 to
# keep each run's trace and typescript (the directory is not removed).
set -u
: "${BIN:?set BIN to the canbo binary}"
: "${BUILD:=$(dirname "$BIN")}"
here=$(cd "$(dirname "$0")" && pwd)
SRC=${CANBO_SOURCE_DIR:-$here/../..}
CONFIG=${BENCH_CONFIG:-$SRC/config}
SIZES=${BENCH_SIZES:-100000 1000000}
export CANBO_TODAY=${CANBO_TODAY:-2025-06-30}
tmp=$(mktemp -d /tmp/canbo-screens-XXXXXX)
trap '[ -n "${SCREENS_KEEP:-}" ] || rm -rf "$tmp"' EXIT

command -v script >/dev/null || { echo "screens.sh: script(1) is needed (util-linux)"; exit 1; }

DOWN='\033OB' RIGHT='\033OC' LEFT='\033OD' PGDN='\033[6~' HOME='\033OH' END='\033OF' ESC='\033'
F2='\033OQ' F4='\033OS' F6='\033[17~' F7='\033[18~' SPACE='\040'

# keys DELAY STRING...: writes each key to the fifo with a pause after it
# (long enough for the idle counts to run between keys, as when typing).
keys() {
	d=$1
	shift
	for k in "$@"; do
		# a rest, as a user's before applying what a form holds
		case $k in PAUSE)
			sleep 1
			continue
			;;
		esac
		printf '%b' "$k" >&3
		sleep "$d"
	done
}

# repeat K KEY: the key K times.
repeat() {
	i=0 out=""
	while [ $i -lt "$1" ]; do
		out="$out $2"
		i=$((i + 1))
	done
	echo "$out"
}

# keys_traced: how many keys the trace holds so far.
keys_traced() { if [ -f "$trace" ]; then grep -c '^key=' "$trace"; else echo 0; fi; }

# settle N: waits (up to a minute) until N keys are traced, so a slow key
# is counted in its own screen, not the next.
settle() {
	w=0
	while [ "$(keys_traced)" -lt "$1" ] && [ $w -lt 600 ]; do
		sleep 0.1
		w=$((w + 1))
	done
}

# count_keys WORDS...: how many keys they are (a PAUSE is none).
count_keys() {
	c=0
	for k in "$@"; do
		[ "$k" = PAUSE ] || c=$((c + 1))
	done
	echo $c
}

# key_name CODE: the key as it is written on the keyboard (the program
# sets bit 30 on the codes of curses' function keys).
key_name() {
	case $1 in
	9) echo Tab ;; 10 | 13) echo Enter ;; 27) echo Esc ;; 32) echo Space ;;
	1073742082) echo Down ;; 1073742083) echo Up ;; 1073742084) echo Left ;;
	1073742085) echo Right ;; 1073742086) echo Home ;; 1073742162) echo PgDn ;;
	1073742163) echo PgUp ;; 1073742184) echo End ;; 1073742167) echo Enter ;;
	*) if [ "$1" -gt 1073742088 ] && [ "$1" -le 1073742100 ]; then
		echo "F$(($1 - 1073742088))"
	elif [ "$1" -ge 33 ] && [ "$1" -le 126 ]; then
		printf "\\$(printf %o "$1")\n"
	else
		echo "key$1"
	fi ;;
	esac
}

# report NAME FROM TO: one row for the traced keys FROM..TO.
report() {
	set -- "$1" $(grep '^key=' "$trace" | sed -n "$2,$3p" | awk -F'[= ]' '/^key=/ { n++; s += $4; if ($4 > m) { m = $4; k = $2 } }
		END { if (n) printf "%d %.2f %.2f %d", n, s / n / 1000, m / 1000, k; else print "0 - - 0" }')
	printf '%-10s %-18s %9s %9s %5s  (%s)\n' "$n" "$1" "$4" "$3" "$2" "$(key_name "$5")"
}

run_one() {
	n=$1
	eval "db=\${BENCH_DB_$n:-}"
	[ -n "$db" ] || db="$BUILD/bench/demo-$n.db"
	[ -f "$db" ] || { echo "no database of $n cadres ($db): run make bench first"; return 1; }
	out="$tmp/typescript-$n" trace="$tmp/trace-$n" fifo="$tmp/keys-$n"
	rm -f "$out" "$trace" "$fifo"
	mkfifo "$fifo"
	env TERM=xterm-256color LANG=C.UTF-8 CANBO_TRACE_FRAMES="$trace" \
		script -q -f -c "stty rows 24 cols 80; exec '$BIN' --config '$CONFIG' --db '$db'" \
		"$out" <"$fifo" >/dev/null 2>&1 &
	pid=$!
	exec 3>"$fifo"
	sleep 1.5
	# name:menu key:key sequence (each phase starts and ends at the menu)
	for phase in \
		"cadre list:1:$(repeat 10 "$DOWN") $(repeat 3 "$PGDN") $END $HOME \\n \\t \\t $ESC / n g $ESC" \
		"list filtered:1:$F7 $(repeat 3 "$DOWN") $F4 n u \\n PAUSE $F2 $F6 d o n $SPACE v i $SPACE n g u o c \\n $(repeat 10 "$DOWN") $(repeat 2 "$PGDN") $END $HOME" \
		"breakdowns:2:b $DOWN $DOWN \\n \\n $ESC" \
		"target panel:t:$(repeat 4 "$DOWN") $(repeat 3 "$RIGHT") \\n \\n $(repeat 5 "$DOWN") $ESC $(repeat 3 "$LEFT") \\n \\n $(repeat 2 "$DOWN") $ESC" \
		"action plans:3:$(repeat 3 "$DOWN") $END $HOME" \
		"organisations:4:$(repeat 10 "$DOWN") $(repeat 2 "$PGDN") [ ]" \
		"reports:7:$DOWN $DOWN" \
		"trash:8:$DOWN $DOWN" \
		"falling due:9:$(repeat 10 "$DOWN") $(repeat 2 "$PGDN") $END $HOME" \
		"planning pool:0:$(repeat 10 "$DOWN") $(repeat 2 "$PGDN") $END $HOME"; do
		name=${phase%%:*} rest=${phase#*:}
		open=${rest%%:*} seq=${rest#*:}
		from=$(($(keys_traced) + 1))
		keys 1.5 "$open"
		# shellcheck disable=SC2086 # the sequence is a list of keys
		keys 0.3 $seq
		# shellcheck disable=SC2086
		to=$((from + $(count_keys $seq)))
		settle "$to"
		echo "$name:$from:$to" >>"$tmp/phases-$n"
		# the target panel is opened from the breakdowns and left with them
		case $name in breakdowns) ;; *)
			keys 0.5 "$ESC"
			settle $((to + 1))
			;;
		esac
	done
	# the session's peak memory, every screen visited (the walks kept
	# for the breakdowns and the filtered list included)
	app=$(pgrep -n -f "$BIN --config") || app=""
	peak=$( [ -n "$app" ] && sed -n "s/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p" "/proc/$app/status" 2>/dev/null)
	keys 0.3 "$ESC" q
	exec 3>&-
	wait $pid 2>/dev/null
	while IFS=: read -r name from to; do
		report "$name" "$from" "$to"
	done <"$tmp/phases-$n"
	printf '%-10s %-18s %9s\n' "$n" "peak memory, MB" "$( [ -n "$peak" ] && echo $((peak / 1024)) || echo -)"
}

echo "== the worst key of each screen (ms from key read to screen drawn; goal 16 ms, target panel opened 100 ms)"
printf '%-10s %-18s %9s %9s %5s  %s\n' cadres screen worst_ms mean_ms keys "(worst key)"
for n in $SIZES; do
	run_one "$n" || exit 1
done
