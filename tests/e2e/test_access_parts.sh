#!/bin/sh
# Scopes with real Unix users and groups (canbo.ini(5), SCOPE), on the
# screens as well as on the command line:
#  - a user whose rights cover district 794 only: the targets screen and
#    its drill-down, a record and its history, the self-check screen and
#    the organisations screen hold 794's figures and nothing of 795;
#  - a user [scope] gives districts 794 and 795 sees both at once without
#    --district; --district narrows to one and never widens (exit 5);
#  - an import with rows outside the scope is refused with exit 5, naming
#    the rows, and writes nothing;
#  - two tiers (Tây Ninh, no districts): a commune office's user held to
#    two communes sees only their cadres and organisations.
# Needs root (users and groups); otherwise skipped. Unlike
# test_access_server.sh it installs nothing in /etc: each user names the
# configuration, owned by root, with --config.
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"

if [ "$(id -u)" != 0 ]; then
	echo "not root: the tests with real Unix users and groups need root; skipped"
	exit 0
fi
for tool in useradd groupadd userdel groupdel runuser sqlite3; do
	command -v "$tool" >/dev/null || { echo "$tool is missing: skipped"; exit 0; }
done

sfx=$$
GRP=cbpdata$sfx  # may open the databases
G794=cbp794$sfx  # the staff of district 794
GXA=cbpxa$sfx    # a commune office of Tây Ninh
U794=cbpu794$sfx # on 794's list only
UBOTH=cbpab$sfx  # [scope]: 794 and 795
UPROV=cbppr$sfx  # the province
UXA=cbpxu$sfx    # member of the commune office
W=$(mktemp -d /tmp/canbo-parts-XXXXXX)
chmod 755 "$W"

cleanup() {
	tmux -L "$TMUX_SOCK" kill-server 2>/dev/null
	rm -rf "$W"
	for u in "$U794" "$UBOTH" "$UPROV" "$UXA"; do userdel "$u" 2>/dev/null; done
	for g in "$G794" "$GXA" "$GRP"; do groupdel "$g" 2>/dev/null; done
}
trap cleanup EXIT

for g in "$GRP" "$G794" "$GXA"; do groupadd "$g" || fail "groupadd $g"; done
for u in "$U794" "$UBOTH" "$UPROV" "$UXA"; do
	useradd -M -N -g users -G "$GRP" -s /bin/sh "$u" || fail "useradd $u"
done
usermod -a -G "$G794" "$U794" && usermod -a -G "$GXA" "$UXA" || fail "usermod"

# ---- the data and the configurations ------------------------------------
mkdir "$W/bin" "$W/data"
cp "$BIN" "$W/bin/canbo"
chmod 755 "$W/bin/canbo"
DB="$W/data/long-an.db"
TN="$W/data/tay-ninh.db"
"$BIN" demo --config "$CONFIG" --db "$DB" --cadres 1500 --seed 3 >/dev/null || fail "demo"
"$BIN" demo --config "$CONFIG/tay-ninh" --db "$TN" --cadres 800 --seed 3 >/dev/null ||
	fail "demo of Tây Ninh"
C="$W/conf"
cp -r "$CONFIG" "$C"
sed -i "s/^read =.*/read = $UPROV, $UBOTH/" "$C/canbo.ini"
printf '\n[scope]\n794 = %s\n795 = %s\n' "$UBOTH" "$UBOTH" >>"$C/canbo.ini"
sed -i "s/^; read = @canbo-794/read = @$G794/" "$C/districts/794.ini"
grep -q "^read = @$G794" "$C/districts/794.ini" || fail "794.ini has no read list to set"
printf '\n[scope]\n27727 = @%s\n27721 = @%s\n' "$GXA" "$GXA" >>"$C/tay-ninh/canbo.ini"
chown -R root:root "$C"
chmod -R go-w "$C"

sql() { sqlite3 "$1" "$2"; }
in_unit() { # CODE: SQL condition on cadre c in that unit's subtree
	echo "c.unit_id IN (SELECT u.id FROM unit u, unit d WHERE d.code = '$1' AND u.lo BETWEEN d.lo AND d.hi)"
}
n794=$(sql "$DB" "SELECT count(*) FROM cadre c WHERE $(in_unit 794)")
n795=$(sql "$DB" "SELECT count(*) FROM cadre c WHERE $(in_unit 795)")
c794=$(sql "$DB" "SELECT id FROM cadre c WHERE $(in_unit 794) ORDER BY id LIMIT 1")
name794=$(sql "$DB" "SELECT full_name FROM cadre WHERE id = $c794")
c795=$(sql "$DB" "SELECT id FROM cadre c WHERE $(in_unit 795) AND full_name NOT IN
	(SELECT full_name FROM cadre c WHERE $(in_unit 794)) ORDER BY id LIMIT 1")
name795=$(sql "$DB" "SELECT full_name FROM cadre WHERE id = $c795")
o794=$(sql "$DB" "SELECT count(*) FROM org o JOIN unit u ON u.id = o.unit_id, unit d
	WHERE d.code = '794' AND u.lo BETWEEN d.lo AND d.hi AND o.ended IS NULL")
nxa=$(sql "$TN" "SELECT count(*) FROM cadre c JOIN unit u ON u.id = c.unit_id WHERE u.code IN ('27727', '27721')")
oxa=$(sql "$TN" "SELECT count(*) FROM org o JOIN unit u ON u.id = o.unit_id
	WHERE u.code IN ('27727', '27721') AND o.ended IS NULL")
xa_other=$(sql "$TN" "SELECT c.full_name FROM cadre c JOIN unit u ON u.id = c.unit_id
	WHERE u.code = '27736' AND c.full_name NOT IN (SELECT c.full_name FROM cadre c JOIN unit u
	ON u.id = c.unit_id WHERE u.code IN ('27727', '27721')) LIMIT 1")
[ "$n794" -gt 0 ] && [ "$n795" -gt 0 ] && [ -n "$name795" ] && [ "$nxa" -gt 0 ] &&
	[ -n "$xa_other" ] || fail "the demos lack the rows this test needs"

chown -R "root:$GRP" "$W/data"
chmod 2770 "$W/data"
chmod 0660 "$DB" "$TN"

# as USER ARGS...: canbo run by USER on Long An; sets $out and $rc
as() {
	u=$1
	shift
	out=$(runuser -u "$u" -- "$W/bin/canbo" --lang en --config "$C" --db "$DB" "$@" 2>&1)
	rc=$?
}
# the province's figures, to compare with
prov() { runuser -u "$UPROV" -- "$W/bin/canbo" --lang en --config "$C" --db "$DB" "$@"; }
# ui USER [CONFIG DB]: the interface run by USER
ui() {
	tmux_start 120 30 runuser -u "$1" -- "$W/bin/canbo" --lang en --config "${2:-$C}" --db "${3:-$DB}"
	trap cleanup EXIT
	wait_for "Main menu"
}

# ---- 1. the 794 user's screens ---------------------------------------------
# a change by the province to a cadre of each district, for the histories
for c in "$c794" "$c795"; do
	prov career appoint "$c" --position "Phó Bí thư Đảng ủy" --from 2025-01-01 >/dev/null ||
		fail "an appointment by the province"
done
goal=$(prov targets --district 794 --format csv | grep ',congress_cadre_good,' | cut -d, -f6,7 | tr , /)
[ -n "$goal" ] || fail "no congress_cadre_good figure for 794"

ui "$U794"
# the targets screen: one column, 794's figures; its drill-down 794's cadres
send 2
wait_for "of whom under 40"
send t
wait_for "Targets · Thành phố Tân An"
assert_not_contains "$(screen)" "Kiến Tườ" "the targets screen"
send Down Down Down Down Down Down Down Down Down Down Down Down Down Down
wait_for "Tân An: $goal = "
send Enter
wait_for "Those who meet it"
send Enter
wait_for "/${goal%/*} cadres"
assert_not_contains "$(screen)" "Kiến Tường" "the targets' drill-down"
send Escape
wait_for "Tân An: $goal = "
send Escape Escape
wait_for "Main menu"
# a record and its history: 794's cadre opens, 795's is not found
send 1
wait_for "$n794 cadres"
send /
send_text "$name794"
wait_for "▸$name794"
send Enter Enter
wait_for "6 History"
send 6
wait_for "$UPROV"
assert_not_contains "$(screen)" "No change recorded" "the history of a 794 cadre"
send Escape
wait_for "cadres"
send C-u
send_text "$name795"
sleep 1
assert_not_contains "$(screen)" "▸$name795" "a search for a 795 cadre"
send Escape Escape Escape
wait_for "Main menu"
# the self-check screen counts 794's cadres
send 3
wait_for "Action plans"
assert_not_contains "$(screen)" "Kiến Tường" "the action plans"
send F8
wait_for "Monthly self-check"
wait_for "of $n794 cadres"
assert_contains "$(screen)" "Thành phố Tân An"
assert_not_contains "$(screen)" "Kiến Tường" "the self-check screen"
send Escape Escape
wait_for "Main menu"
# the organisations screen lists 794's organisations
send 4
wait_for "1/$o794 organisations"
assert_not_contains "$(screen)" "Kiến Tường" "the organisations screen"
kill_server

# ---- 2. two districts at once ---------------------------------------------
as "$UBOTH" find "" --limit 0 --format csv
assert_eq "$rc" 0 "find by the 794+795 user"
assert_eq "$(printf '%s\n' "$out" | tail -n +2 | wc -l)" "$((n794 + n795))" "cadres of 794 and 795"
assert_not_contains "$out" "Đức Hòa" "find by the 794+795 user"
as "$UBOTH" find "" --limit 0 --format csv --district 795
assert_eq "$(printf '%s\n' "$out" | tail -n +2 | wc -l)" "$n795" "--district 795 narrows to 795"
as "$UBOTH" find "" --district 796
assert_eq "$rc" 5 "--district 796 widens nothing"
assert_contains "$out" "[scope]"
as "$UBOTH" targets --by-district --format csv
assert_eq "$rc" 0 "targets --by-district by the 794+795 user"
assert_contains "$out" ",794,"
assert_contains "$out" ",795,"
assert_not_contains "$out" ",796," "targets --by-district by the 794+795 user"
assert_not_contains "$out" ",802," "targets --by-district by the 794+795 user"
as "$UBOTH" report run vi-du-co-cau-theo-huyen --format csv
assert_eq "$rc" 0 "a report by district by the 794+795 user"
assert_contains "$out" "Thị xã Kiến Tường"
assert_not_contains "$out" "Đức Hòa" "a report by district by the 794+795 user"
assert_not_contains "$out" "Tân Hưng" "a report by district by the 794+795 user"
as "$UBOTH" export --kind rating --format csv
assert_eq "$rc" 0 "an export of ratings by the 794+795 user"
assert_eq "$(printf '%s\n' "$out" | tail -n +2 | wc -l)" \
	"$(sql "$DB" "SELECT count(*) FROM rating r JOIN cadre c ON c.id = r.cadre_id
		WHERE $(in_unit 794) OR $(in_unit 795)")" "ratings exported to the 794+795 user"
as "$UBOTH" stats --by gender --format csv
both=$(printf '%s\n' "$out" | grep -i '^total' | cut -d, -f2)
assert_eq "$both" "$((n794 + n795))" "the breakdown's total"
ui "$UBOTH"
send 1
wait_for "$((n794 + n795)) cadres"
send Escape
send 2
wait_for "of whom under 40"
send t
wait_for "Kiến Tườ"
assert_contains "$(screen)" "Tân An"
assert_not_contains "$(screen)" "Tân Hưng" "the targets of the 794+795 user"
assert_not_contains "$(screen)" "Đức Hòa" "the targets of the 794+795 user"
kill_server

# ---- 3. an import with rows outside the scope ------------------------------
printf 'Họ và tên,Ngày sinh,Giới tính,Dân tộc,Đơn vị,Chức vụ,Trình độ chuyên môn,Lý luận chính trị\n' >"$W/in.csv"
printf 'Nguyễn Văn Một,1980-01-01,Nam,Kinh,27694,Chủ tịch UBND phường,Đại học,Trung cấp\n' >>"$W/in.csv"
printf 'Nguyễn Văn Hai,1980-01-01,Nam,Kinh,27931,Chủ tịch UBND thị trấn,Đại học,Trung cấp\n' >>"$W/in.csv"
printf 'Nguyễn Văn Ba,1980-01-01,Nam,Kinh,27787,Chủ tịch UBND phường,Đại học,Trung cấp\n' >>"$W/in.csv"
chmod 644 "$W/in.csv"
before=$(sql "$DB" "SELECT count(*) FROM cadre")
as "$UBOTH" import "$W/in.csv"
assert_eq "$rc" 5 "an import with a row of 802"
assert_contains "$out" "(lines 3)"
as "$U794" import "$W/in.csv"
assert_eq "$rc" 5 "an import with rows of 795 and 802 by the 794 user"
assert_contains "$out" "(lines 3, 4)"
assert_eq "$(sql "$DB" "SELECT count(*) FROM cadre")" "$before" "cadres after the refused imports"
# records too: a rating of a 795 cadre among 794's
prov export --kind rating --format csv >"$W/ratings.csv" || fail "export of the ratings"
{
	head -1 "$W/ratings.csv"
	grep "^$c794," "$W/ratings.csv" | head -1 | sed 's/,[a-z]*$/,excellent/'
	grep "^$c795," "$W/ratings.csv" | head -1 | sed 's/,[a-z]*$/,excellent/'
} >"$W/mixed.csv"
chmod 644 "$W/mixed.csv"
[ "$(wc -l <"$W/mixed.csv")" = 3 ] || fail "no ratings of the two cadres to import"
ratings=$(sql "$DB" "SELECT count(*) || ':' || sum(grade) FROM rating")
as "$U794" import --kind rating --replace "$W/mixed.csv"
assert_eq "$rc" 5 "an import of ratings with a 795 cadre's by the 794 user"
assert_contains "$out" "(lines 3)"
assert_eq "$(sql "$DB" "SELECT count(*) || ':' || sum(grade) FROM rating")" "$ratings" \
	"ratings after the refused import"

# ---- 4. two tiers: a commune office ----------------------------------------
out=$(runuser -u "$UXA" -- "$W/bin/canbo" --lang en --config "$C/tay-ninh" --db "$TN" find "" --limit 0 --format csv 2>&1)
assert_eq "$?" 0 "find by the commune office"
assert_eq "$(printf '%s\n' "$out" | tail -n +2 | wc -l)" "$nxa" "cadres of the two communes"
assert_not_contains "$out" "$xa_other" "find by the commune office"
out=$(runuser -u "$UXA" -- "$W/bin/canbo" --lang en --config "$C/tay-ninh" --db "$TN" find "" --district 27736 2>&1)
assert_eq "$?" 5 "--district of another commune"
ui "$UXA" "$C/tay-ninh" "$TN"
send 1
wait_for "$nxa cadres"
send /
send_text "$xa_other"
sleep 1
assert_not_contains "$(screen)" "▸$xa_other" "a search for another commune's cadre"
send Escape Escape
wait_for "Main menu"
send 4
wait_for "1/$oxa organisations"
assert_not_contains "$(screen)" "Vĩnh Thạnh" "the organisations of the commune office"
send Escape
wait_for "Main menu"
send 2
wait_for "of whom under 40"
send t
wait_for "Targets · All units you may see"
assert_not_contains "$(screen)" "Vĩnh Thạnh" "the targets of the commune office"
kill_server

# ---- 5. a district with no cadre yet on the province's database -----------
# the 794 user's empty list says how to begin, though the database holds
# 795's cadre; the province sees that cadre
NEW="$W/data/new.db"
"$BIN" init --config "$CONFIG" --db "$NEW" >/dev/null || fail "init"
u795=$(sql "$DB" "SELECT name FROM unit WHERE code = '795'")
printf 'Họ và tên,Ngày sinh,Giới tính,Dân tộc,Đơn vị,Chức vụ,Cấp chức vụ,Trình độ chuyên môn,Lý luận chính trị\r\nNguyễn Văn An,01/02/1980,Nam,Kinh,%s,Phó Chủ tịch UBND huyện,Phó Giám đốc Sở và tương đương,Đại học,Cao cấp\r\n' \
	"$u795" >"$W/one.csv"
"$BIN" import "$W/one.csv" --config "$CONFIG" --db "$NEW" >/dev/null 2>&1 || fail "the import into 795"
chown "root:$GRP" "$NEW"
chmod 0660 "$NEW"
ui "$U794" "$C" "$NEW"
send 1
wait_for "No cadre yet: Ins adds one; item 5 of the main menu imports a list from a file."
kill_server
ui "$UPROV" "$C" "$NEW"
send 1
wait_for "Nguyễn Văn An"
assert_not_contains "$(screen)" "No cadre yet" "the province's list"
kill_server
exit 0
