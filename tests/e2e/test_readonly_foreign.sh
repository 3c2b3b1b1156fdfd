#!/bin/sh
# Files canbo may only read, and files that are not canbo's:
# - while another connection holds the write lock, every read-only command
#   and the interface's start still answer (they never wait for the lock);
# - a real Unix user who may only read the file (chmod 0444, then a
#   directory it cannot write) can run every read-only command and start
#   the interface; a write is refused as read-only, nothing changed;
# - an empty file and another program's SQLite database are refused by
#   every command with exit 4, naming the file and how to make a database,
#   and are left byte for byte as they were.
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"

src=$(demo_db 500)
readers() {
	# find, show, stats, targets, plans, plans show, plans summary, selfcheck
	echo "find nguyen --limit 3"
	echo "show 1"
	echo "stats --by gender"
	echo "targets"
	echo "plans"
	echo "plans show 1"
	echo "plans summary"
	echo "selfcheck"
}

# ---- a writer holding the lock does not stop the readers ---------------------
db="$E2E_TMP/locked.db"
cp "$src" "$db"
(
	echo "BEGIN IMMEDIATE;"
	echo "UPDATE unit SET version = version + 1;"
	sleep 9
	echo "ROLLBACK;"
) | sqlite3 "$db" &
holder=$!
sleep 0.5
readers | while read -r cmd; do
	t0=$(date +%s)
	# shellcheck disable=SC2086
	"$BIN" $cmd --config "$CONFIG" --db "$db" >/dev/null 2>"$E2E_TMP/err" ||
		fail "'$cmd' failed while another connection held the write lock: $(cat "$E2E_TMP/err")"
	[ $(($(date +%s) - t0)) -lt 4 ] || fail "'$cmd' waited for the write lock"
done || exit 1 # (fail in a pipeline's loop leaves only the loop)
tmux_start 100 30 "$BIN" --config "$CONFIG" --db "$db" --lang en
wait_for "Main menu"
send q
kill_server
kill $holder 2>/dev/null
wait $holder 2>/dev/null

# ---- a user who may only read the file ----------------------------------------
if [ "$(id -u)" != 0 ]; then
	echo "not root: the test with a read-only Unix user is skipped"
else
	user=canbo-e2e-ro
	id "$user" >/dev/null 2>&1 || useradd -M -s /bin/sh "$user" || fail "useradd"
	as_user() { su "$user" -s /bin/sh -c "$*"; }
	shared="$E2E_TMP/shared"
	mkdir -p "$shared"
	chmod 755 "$E2E_TMP" "$shared"
	cp "$src" "$shared/office.db"
	chmod 0444 "$shared/office.db"
	sum=$(md5sum <"$shared/office.db")
	for where in "writable directory" "read-only directory"; do
		if [ "$where" = "writable directory" ]; then chmod 1777 "$shared"; else chmod 755 "$shared"; fi
		rm -f "$shared/office.db-wal" "$shared/office.db-shm"
		readers | while read -r cmd; do
			as_user "'$BIN' $cmd --config '$CONFIG' --db '$shared/office.db' --lang en" \
				>/dev/null 2>"$E2E_TMP/err" ||
				fail "'$cmd' by a reader, $where: $(cat "$E2E_TMP/err")"
		done || exit 1
		out=$(as_user "'$BIN' find nguyen --config '$CONFIG' --db '$shared/office.db' --format csv --limit 0")
		assert_contains "$out" "Nguyễn" "a reader's find, $where"
		tmux_start 100 30 su "$user" -s /bin/sh -c "'$BIN --config $CONFIG --db $shared/office.db --lang en'"
		wait_for "Main menu"
		send 1
		wait_for "Cadre list"
		send q
		kill_server
		# a write is refused as read-only: exit 5, nothing changed
		printf 'full_name,birth_date,gender,ethnicity,position,unit_code\nLâm Văn Đọc,1980-01-01,male,Kinh,Bí thư,27940\n' >"$E2E_TMP/one.csv"
		chmod 644 "$E2E_TMP/one.csv"
		as_user "'$BIN' import '$E2E_TMP/one.csv' --config '$CONFIG' --db '$shared/office.db' --lang en" \
			>/dev/null 2>"$E2E_TMP/err"
		assert_eq "$?" 5 "an import by a reader, $where"
		assert_contains "$(cat "$E2E_TMP/err")" "read-only"
		assert_eq "$(md5sum <"$shared/office.db")" "$sum" "the file after a reader's commands, $where"
	done
fi

# ---- files that are not canbo's -------------------------------------------------
empty="$E2E_TMP/empty.db"
other="$E2E_TMP/other.db"
: >"$empty"
sqlite3 "$other" "CREATE TABLE ghi_chu(noi_dung TEXT); INSERT INTO ghi_chu VALUES('giữ nguyên');"
printf 'full_name,birth_date,gender,ethnicity,position,unit_code\nLâm Văn Đọc,1980-01-01,male,Kinh,Bí thư,27940\n' >"$E2E_TMP/one.csv"
for f in "$empty" "$other"; do
	sum=$(md5sum <"$f")
	{
		readers
		echo "import $E2E_TMP/one.csv"
		echo "import $E2E_TMP/one.csv --dry-run"
		echo "plans add --cadre 1 --year 2025"
	} | while read -r cmd; do
		# shellcheck disable=SC2086
		"$BIN" $cmd --config "$CONFIG" --db "$f" --lang en >/dev/null 2>"$E2E_TMP/err"
		rc=$?
		assert_eq "$rc" 4 "'$cmd' on $(basename "$f")"
		assert_contains "$(cat "$E2E_TMP/err")" "$f is not a canbo database"
		assert_contains "$(cat "$E2E_TMP/err")" "canbo demo --db"
	done || exit 1
	tmux_start 100 30 "$BIN" --config "$CONFIG" --db "$f" --lang en
	sleep 1
	assert_not_contains "$(screen)" "Main menu" "the interface on $(basename "$f")"
	kill_server
	assert_eq "$(md5sum <"$f")" "$sum" "$(basename "$f") after every command"
	[ ! -e "$f-wal" ] || fail "a -wal file was made beside $(basename "$f")"
done
assert_eq "$(sqlite3 "$other" "SELECT group_concat(name) FROM sqlite_schema")" "ghi_chu" "tables of the other program's database"
