#!/bin/sh
# An office builds its party organisations from the command line, on a new
# database: add, list, rename, move, end by dissolution or by merger.
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"
db="$E2E_TMP/office.db"
c() { "$BIN" "$@" --config "$CONFIG" --db "$db"; }

c init >/dev/null || fail "init"
c org add --name "Đảng bộ xã Lợi Bình Nhơn" --kind grassroots --unit 27694 >/dev/null || fail "add 1"
c org add --name "Chi bộ ấp Xuân Hòa" --kind cell --unit 27694 --parent 1 >/dev/null || fail "add 2"
c org add --name "Đảng bộ phường Tân An" --kind commune-committee --unit 27694 >/dev/null || fail "add 3"
out=$(c org list --format csv)
assert_contains "$out" "2,Chi bộ ấp Xuân Hòa,cell,27694,1,0,," "listed with its parent"
assert_eq "$(printf '%s\n' "$out" | wc -l)" 4 "rows listed (header and three)"

# bad values change nothing
rc=0; c org add --name "X" --kind nope --unit 27694 2>/dev/null || rc=$?
assert_eq "$rc" 2 "an unknown kind"
rc=0; c org move 1 --parent 2 2>/dev/null || rc=$?
assert_eq "$rc" 2 "a move under its own cell"
rc=0; c org end 1 --date 01/07/2025 --dissolved 2>/dev/null || rc=$?
assert_eq "$rc" 2 "dissolving an organisation with a cell"
assert_eq "$(sqlite3 "$db" "SELECT count(*) FROM org WHERE version > 1")" 0 "rows changed by refused commands"

c org edit 2 --name "Chi bộ ấp Xuân Hòa 2" >/dev/null || fail "rename"
c org end 1 --date 01/07/2025 --merged-into 3 >/dev/null || fail "merge"
out=$(c org list --format csv)
assert_not_contains "$out" "Lợi Bình Nhơn" "an ended organisation in the default list"
assert_contains "$out" "2,Chi bộ ấp Xuân Hòa 2,cell,27694,3," "the cell moved to the successor"
out=$(c org list --all --format csv)
assert_contains "$out" "1,Đảng bộ xã Lợi Bình Nhơn,grassroots,27694,,0,2025-07-01,3" "the ended organisation with --all"
assert_eq "$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE tbl = 'org'")" 6 "audit rows (3 added, 1 renamed, 1 moved, 1 ended)"
echo "org cli: ok"
