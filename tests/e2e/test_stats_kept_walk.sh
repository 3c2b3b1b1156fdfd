# test_stats_kept_walk.sh - the breakdowns screen counts from the walk it
# keeps while the keyboard rests, and never from one made before a write:
# the same figures when nothing changed, and when another process changes
# cadres while the screen is open, the next count shows the change.
. "$(dirname "$0")/lib.sh"
db=$(demo_db 2000)
men=$(sqlite3 "$db" "SELECT count(*) FROM cadre WHERE gender = 1")
women=$(sqlite3 "$db" "SELECT count(*) FROM cadre WHERE gender = 2")
moved=$(sqlite3 "$db" "SELECT count(*) FROM cadre WHERE gender = 1 AND id % 10 = 0")
[ "$moved" -gt 0 ] || fail "no man to change"
tmux_start 100 30 "$BIN" --config "$CONFIG" --db "$db"

row() { screen | sed -n "s/^ $1  *\([0-9][0-9]*\) .*/\1/p"; }

wait_for "Cơ cấu và chỉ tiêu"
send 2
wait_for "Dưới 30"
send b Down Down Enter
wait_for "Tổng cộng                2000"
assert_eq "$(row Nam)" "$men" "men"
assert_eq "$(row Nữ)" "$women" "women"
# the keyboard rests (the walk is kept), then a list and back: counted
# again, the same
sleep 1
send Enter
wait_for "/$men cán bộ"
send Escape
wait_for "$men trên 2000 cán bộ"
assert_eq "$(row Nữ)" "$women" "women counted again"

# another process changes some men into women while the screen is open
sleep 1
sqlite3 "$db" "UPDATE cadre SET gender = 2 WHERE gender = 1 AND id % 10 = 0" ||
	fail "the other process could not write"
send Enter
wait_for "cán bộ"
send Escape
wait_for "$((men - moved)) trên 2000 cán bộ"
assert_eq "$(row Nam)" "$((men - moved))" "men after the change"
assert_eq "$(row Nữ)" "$((women + moved))" "women after the change"
send F10
exit 0
