#!/bin/sh
# test_cadres_kept_walk.sh - in a province of 65 536 cadres or more (its
# largest id stands for its size), the cadre list filtered on a code over
# the whole province reads its cadres from a walk of the province kept in
# memory (search_walk_worth), made while the filter form rests, ahead of
# such a condition: the rows are the database's in name order
# and in reversed unit order, and after another process changes a man
# into a woman the list never reads the walk made before: the next
# window has her. Cleared, the filter lists everyone again.
. "$(dirname "$0")/lib.sh"

W=$(mktemp -d /tmp/canbo-listwalk.XXXXXX) || fail "mktemp"
"$BIN" demo --config "$CONFIG" --db "$W/p.db" --cadres 2000 --seed 7 >/dev/null ||
	fail "demo build"
# one cadre more, last in name order, with the id of a long province
sqlite3 "$W/p.db" "INSERT INTO cadre (id, full_name, name_fold, sort_key, rank, birth_date,
	gender, ethnicity, unit_id, position, pos_rank, level, education, theory)
	SELECT 70000, full_name, name_fold, sort_key, rank + 1, birth_date, 2, ethnicity,
	unit_id, position, pos_rank, level, education, theory FROM cadre
	ORDER BY rank DESC LIMIT 1" || fail "the cadre of id 70000"
women=$(sqlite3 "$W/p.db" "SELECT count(*) FROM cadre WHERE gender = 2")

# The names the database lists first among the women, in an order (SQL
# written here, apart from the program's own), cut as the column is.
names_sql() {
	sqlite3 "$W/p.db" "SELECT c.full_name FROM cadre c JOIN unit u ON u.id = c.unit_id
		WHERE c.gender = 2 ORDER BY $1 LIMIT 5" | cut -c1-20
}
names_shown() {
	screen | sed -n '4,8s/^[▸ ]\(.*[^ ]\)  *[12][0-9][0-9][0-9] (.*/\1/p' | cut -c1-20
}
pick_sort() { # words to type in the sort picker, the status text it gives
	send F6
	wait_for "/ "
	send_text "$1"
	send Enter
	wait_for "$2"
}

# idle_lines: how many pieces of idle work the trace holds.
idle_lines() { if [ -f "$W/trace" ]; then grep -c '^idle ' "$W/trace"; else echo 0; fi; }

tmux_start 110 30 CANBO_TODAY=2025-06-30 CANBO_TRACE_FRAMES="$W/trace" "$BIN" --config "$CONFIG" --db "$W/p.db"
trap 'tmux -L "$TMUX_SOCK" kill-server 2>/dev/null; rm -rf "$W"' EXIT
wait_for "Menu chính"
send 1
wait_for "/2001 cán bộ"
sleep 0.5 # the list counted, its idle work done
before=$(idle_lines)
send F7
wait_for "Giới tính"
# the form at rest: the walk is made ahead of a condition on the codes
i=0
while [ "$(idle_lines)" -le "$before" ]; do
	i=$((i + 1))
	[ $i -lt 150 ] || fail "the filter form made no walk while it rested"
	sleep 0.1
done
send Down Down Down F4
wait_for "/ "
send_text "nu"
send Enter
wait_for "Giới tính               Nữ"
send F2
wait_for "/$women cán bộ   Lọc: Nữ"
assert_eq "$(names_shown)" "$(names_sql "c.rank")" "the women in name order"
pick_sort "đơn vị ngược" "theo đơn vị, ngược lại"
assert_eq "$(names_shown)" "$(names_sql "u.lo DESC, u.id DESC, c.rank DESC")" \
	"the women in reversed unit order"

# another process: the man first in that order becomes a woman (a walk
# made before would leave her out: it holds the codes of then)
first=$(sqlite3 "$W/p.db" "SELECT c.id FROM cadre c JOIN unit u ON u.id = c.unit_id
	WHERE c.gender = 1 ORDER BY u.lo DESC, u.id DESC, c.rank DESC LIMIT 1")
sqlite3 "$W/p.db" "UPDATE cadre SET gender = 2 WHERE id = $first" ||
	fail "the other process could not write"
# a letter typed and erased: the list is read again
send a
wait_for "Tìm:  a "
send BSpace
wait_for "/$((women + 1)) cán bộ   Lọc: Nữ"
assert_eq "$(names_shown)" "$(names_sql "u.lo DESC, u.id DESC, c.rank DESC")" \
	"the women after the change"

# the filter cleared: everyone
send Enter
wait_gone "Enter Danh sách"
send F7
wait_for "Giới tính"
send Down Down Down F4
wait_for "/ "
send_text "tat ca"
send Enter
send F2
wait_for "/2001 cán bộ"

# The rating of a year alone (the form offers the year before today's):
# read from that year's records kept with the walk, still in reversed
# unit order.
rated_sql() {
	sqlite3 "$W/p.db" "SELECT c.full_name FROM cadre c JOIN unit u ON u.id = c.unit_id
		WHERE EXISTS (SELECT 1 FROM rating r WHERE r.cadre_id = c.id AND r.year = 2024
		AND r.grade = 4) ORDER BY u.lo DESC, u.id DESC, c.rank DESC LIMIT 5" | cut -c1-20
}
rated=$(sqlite3 "$W/p.db" "SELECT count(*) FROM rating WHERE year = 2024 AND grade = 4
	AND cadre_id IS NOT NULL")
send F7
wait_for "Xếp loại"
# past theory, ethnicity, the ages and the pool to the rating
send Down Down Down Down Down Down Down Down Down Down Down F4
wait_for "/ "
send_text "khong hoan"
send Enter
wait_for "Xếp loại                Không hoàn thành"
sleep 1
send F2
wait_for "/$rated cán bộ   Lọc: 2024: Không hoàn thành"
assert_eq "$(names_shown)" "$(rated_sql)" "rated not completed in 2024"
# another process: the first cadre in that order rated good becomes "not
# completed" (records kept before would leave him out)
sqlite3 "$W/p.db" "UPDATE rating SET grade = 4 WHERE year = 2024 AND grade = 2 AND cadre_id =
	(SELECT c.id FROM cadre c JOIN unit u ON u.id = c.unit_id JOIN rating r
	ON r.cadre_id = c.id AND r.year = 2024 AND r.grade = 2
	ORDER BY u.lo DESC, u.id DESC, c.rank DESC LIMIT 1)" ||
	fail "the other process could not write"
send a
wait_for "Tìm:  a "
send BSpace
wait_for "/$((rated + 1)) cán bộ"
assert_eq "$(names_shown)" "$(rated_sql)" "rated not completed after the change"
send F10
wait_exit
echo "cadre list, kept walk: ok"
