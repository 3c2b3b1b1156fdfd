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
# kinds the office adds in [org_kinds] of canbo.ini: usable by code, shown
# by their label, exported and imported by code; a bad line is refused
cp -r "$CONFIG" "$E2E_TMP/config" && chmod -R go-w "$E2E_TMP/config"
printf '\n[org_kinds]\n101 = dang-uy-khoi, Đảng ủy Khối các cơ quan và doanh nghiệp tỉnh\n' >>"$E2E_TMP/config/canbo.ini"
k() { "$BIN" "$@" --config "$E2E_TMP/config" --db "$db"; }
k org add --name "Đảng ủy Khối các cơ quan tỉnh" --kind dang-uy-khoi --unit 80 >/dev/null || fail "add with a configured kind"
assert_contains "$(k org list --format csv)" "Đảng ủy Khối các cơ quan tỉnh,dang-uy-khoi,80" "the configured kind's code"
assert_contains "$(k org list)" "Đảng ủy Khối các cơ quan v" "the configured kind's label"
printf 'org,kind,unit_code\nĐảng ủy Khối doanh nghiệp,Đảng ủy Khối các cơ quan và doanh nghiệp tỉnh,80\n' >"$E2E_TMP/kinds.csv"
k import --kind org "$E2E_TMP/kinds.csv" >/dev/null || fail "import by the configured kind's label"
rc=0; c org add --name "Y" --kind dang-uy-khoi --unit 80 2>/dev/null || rc=$?
assert_eq "$rc" 2 "the kind is unknown without its configuration"
printf '102 = Bad Code, Tên\n' >>"$E2E_TMP/config/canbo.ini"
rc=0; k org list >/dev/null 2>&1 || rc=$?
assert_eq "$rc" 3 "a code that is not lower-case letters, digits and '-'"
echo "org cli: ok"
