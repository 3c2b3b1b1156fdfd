#!/bin/sh
# Access from the configuration: a user outside [access] read gets nothing
# (exit 5, before any data is shown); a reader who is not an editor can
# browse but the add/edit form is refused.
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"

db=$(demo_db)
me=$(id -un)
cfg="$E2E_TMP/config"
cp -r "$CONFIG" "$cfg"

# Nobody but "chu-tich-xa" may read the province.
sed -i 's/^read =.*/read = chu-tich-xa/' "$cfg/canbo.ini"
out=$("$BIN" find --config "$cfg" --db "$db" nguyen 2>&1)
rc=$?
assert_eq "$rc" 5 "exit status of a user without read access"
assert_contains "$out" "Người dùng $me không có quyền xem dữ liệu của Tỉnh Long An"
assert_not_contains "$out" "Nguyễn"

# The user may read but only "chu-tich-xa" may edit.
sed -i "s/^read =.*/read = $me/; s/^edit =.*/edit = chu-tich-xa/" "$cfg/canbo.ini"
"$BIN" find --config "$cfg" --db "$db" nguyen --limit 1 >/dev/null || fail "a reader could not search"
tmux_start 80 24 "$BIN" --config "$cfg" --db "$db"
wait_for "Menu chính"
send 1
wait_for "cán bộ   Lọc"
send F4
wait_for "không có quyền sửa dữ liệu"
assert_not_contains "$(screen)" "Lưu"
send F10

# District scope without the server deployment: the user is on 794's list
# only. Everything is 794's; 795 is refused with exit 5 and nothing shown.
sed -i "s/^read =.*/read = chu-tich-xa/; s/^edit =.*/edit =/" "$cfg/canbo.ini"
sed -i "s/^; read = @canbo-794/read = $me/" "$cfg/districts/794.ini"
all=$("$BIN" find --config "$cfg" --db "$db" "" --limit 0 --format csv)
assert_eq "$?" 0 "find by a 794 user"
assert_not_contains "$all" "Kiến Tường"
assert_contains "$all" "Thành phố Tân An"
out=$("$BIN" find --config "$cfg" --db "$db" --district 795 "" 2>&1)
assert_eq "$?" 5 "find --district 795 by a 794 user"
assert_not_contains "$out" "Nguyễn"
out=$("$BIN" stats --config "$cfg" --db "$db" --by age --unit 795 2>&1)
assert_eq "$?" 5 "stats --unit 795 by a 794 user"
assert_not_contains "$out" "Tổng"

# A configuration file others could change is refused, naming it.
chmod g+w "$cfg/districts/794.ini"
out=$("$BIN" find --config "$cfg" --db "$db" "" 2>&1)
assert_eq "$?" 3 "a group-writable district file"
assert_contains "$out" "$cfg/districts/794.ini"
assert_contains "$out" "chmod go-w"
chmod g-w "$cfg/districts/794.ini"
