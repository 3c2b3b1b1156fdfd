#!/bin/sh
# test_stats_menu_walk.sh - in a province of 65 536 cadres or more, the
# main menu keeps, while it rests, the walk the breakdowns screen opens on
# (screen_stats_prefetch), so that opening the screen counts from memory;
# and a walk kept before another process wrote is never counted from: the
# breakdown opened after the change holds the new figures. In a small
# province the menu keeps nothing (the screen opens within a frame anyway).
. "$(dirname "$0")/lib.sh"

W=$(mktemp -d /tmp/canbo-menuwalk.XXXXXX) || fail "mktemp"
"$BIN" demo --config "$CONFIG" --db "$W/p.db" --cadres 80000 --seed 5 >/dev/null ||
	fail "demo build of 80 000 cadres"
men=$(sqlite3 "$W/p.db" "SELECT count(*) FROM cadre WHERE gender = 1")
women=$(sqlite3 "$W/p.db" "SELECT count(*) FROM cadre WHERE gender = 2")
moved=$(sqlite3 "$W/p.db" "SELECT count(*) FROM cadre WHERE gender = 1 AND id % 10 = 0")
[ "$moved" -gt 0 ] || fail "no man to change"

# idle_lines: how many pieces of idle work the trace holds.
idle_lines() { if [ -f "$1" ]; then grep -c '^idle ' "$1"; else echo 0; fi; }
# wait_idle TRACE: until the trace holds idle work (else fail).
wait_idle() {
	i=0
	while [ "$(idle_lines "$1")" -eq 0 ]; do
		i=$((i + 1))
		[ $i -lt 150 ] || fail "the menu kept no walk while it rested"
		sleep 0.1
	done
}
row() { screen | sed -n "s/^ $1  *\([0-9][0-9]*\) .*/\1/p"; }

tmux_start 100 30 CANBO_TRACE_FRAMES="$W/trace" "$BIN" --config "$CONFIG" --db "$W/p.db"
trap 'tmux -L "$TMUX_SOCK" kill-server 2>/dev/null; rm -rf "$W"' EXIT
wait_for "Cơ cấu và chỉ tiêu"
wait_idle "$W/trace"

# the walk is kept; another process now changes some men into women
sqlite3 "$W/p.db" "UPDATE cadre SET gender = 2 WHERE gender = 1 AND id % 10 = 0" ||
	fail "the other process could not write"
send 2
wait_for "Dưới 30"
send b Down Down Enter
wait_for "Tổng cộng"
wait_for " Nữ "
assert_eq "$(row Nam)" "$((men - moved))" "men after the change"
assert_eq "$(row Nữ)" "$((women + moved))" "women after the change"
send Escape
send Escape
wait_for "Cơ cấu và chỉ tiêu"
send F10
wait_exit
kill_server

# a small province: nothing kept while the menu rests
db=$(demo_db 2000)
rm -f "$W/trace2"
tmux_start 100 30 CANBO_TRACE_FRAMES="$W/trace2" "$BIN" --config "$CONFIG" --db "$db"
trap 'tmux -L "$TMUX_SOCK" kill-server 2>/dev/null; rm -rf "$W"' EXIT
wait_for "Cơ cấu và chỉ tiêu"
sleep 1.5
assert_eq "$(idle_lines "$W/trace2")" "0" "idle work on the menu of 2 000 cadres"
send F10
exit 0
