#!/bin/sh
# The server deployment with real Unix users and groups (canbo(1), SERVER):
# canbo installed setgid to a group that alone may enter the data
# directory, the configuration in /etc/canbo. Proves that
#  - a user whose rights cover district 794 only gets exit 5 and none of
#    795's figures from every command that touches 795, and the interface
#    lists only 794's cadres;
#  - a user outside every list gets nothing;
#  - --config, --db, $CANBO_CONFIG and $XDG_CONFIG_HOME change no right,
#    and the user cannot open the database with sqlite3;
#  - a configuration file writable by the group, or owned by another user,
#    is refused (exit 3) naming the file and the fix;
#  - an audit row changed with sqlite3 by root is reported by
#    `canbo audit verify`;
#  - an export into a shared directory cannot be steered by another user's
#    symbolic link or pre-created file, and nothing is written then.
# Needs root (users, groups, a setgid file, /etc/canbo); otherwise skipped.
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"

if [ "$(id -u)" != 0 ]; then
	echo "not root: the tests with real Unix users and groups need root; skipped"
	exit 0
fi
for tool in useradd groupadd userdel groupdel runuser sqlite3; do
	command -v "$tool" >/dev/null || { echo "$tool is missing: skipped"; exit 0; }
done
if grep -qa "AddressSanitizer" "$BIN"; then
	echo "a sanitizer build: LeakSanitizer cannot follow a setgid program; this test runs in make check; skipped"
	exit 0
fi
SYS=/etc/canbo
if ! mkdir "$SYS" 2>/dev/null; then
	echo "$SYS exists (an installed canbo?): the server tests install their own there; skipped"
	exit 0
fi

sfx=$$
GRP=cbsrv$sfx   # the group canbo is installed setgid to
G794=cbg794$sfx # the staff of district 794
U794=cbu794$sfx # works for 794 only
UPROV=cbprov$sfx # the provincial organisation department
UOUT=cbout$sfx  # on no list at all
UATT=cbatt$sfx  # another user of the server, an attacker
W=$(mktemp -d /tmp/canbo-server-XXXXXX)
chmod 755 "$W"

cleanup() {
	tmux -L "$TMUX_SOCK" kill-server 2>/dev/null
	rm -rf "$SYS" "$W"
	for u in "$U794" "$UPROV" "$UOUT" "$UATT"; do userdel "$u" 2>/dev/null; done
	for g in "$G794" "$GRP"; do groupdel "$g" 2>/dev/null; done
}
trap cleanup EXIT

groupadd "$GRP" && groupadd "$G794" || fail "groupadd"
for u in "$U794" "$UPROV" "$UOUT" "$UATT"; do
	useradd -M -N -g users -s /bin/sh "$u" || fail "useradd $u"
done
usermod -a -G "$G794" "$U794" || fail "usermod"

# ---- the installation, as `make install-server` lays it ------------------
mkdir "$W/bin" "$W/data"
cp "$BIN" "$W/bin/canbo"
chown "root:$GRP" "$W/bin/canbo"
chmod 2755 "$W/bin/canbo"
DB="$W/data/canbo.db"
"$BIN" demo --config "$CONFIG" --db "$DB" --cadres 1500 --seed 3 >/dev/null || fail "demo"
cp -r "$CONFIG/." "$SYS/"
sed -i "s|^database = .*|database = $DB|; s/^read =.*/read = $UPROV, root/" "$SYS/canbo.ini"
sed -i "s/^; read = @canbo-794/read = @$G794/" "$SYS/districts/794.ini"
grep -q "^read = @$G794" "$SYS/districts/794.ini" || fail "794.ini has no read list to set"
chown -R root:root "$SYS"
chmod -R go-w "$SYS"

# what the tests look for, read before the deployment is sealed
in_district() { # CODE: SQL condition on cadre c of that district
	echo "c.unit_id IN (SELECT u.id FROM unit u, unit d WHERE d.code = '$1' AND u.lo BETWEEN d.lo AND d.hi)"
}
c795=$(sqlite3 "$DB" "SELECT id FROM cadre c WHERE $(in_district 795) ORDER BY id LIMIT 1")
name795=$(sqlite3 "$DB" "SELECT full_name FROM cadre WHERE id = $c795")
c794=$(sqlite3 "$DB" "SELECT id FROM cadre c WHERE $(in_district 794) ORDER BY id LIMIT 1")
n794=$(sqlite3 "$DB" "SELECT count(*) FROM cadre c WHERE $(in_district 794)")
p795=$(sqlite3 "$DB" "SELECT p.id FROM plan p JOIN cadre c ON c.id = p.cadre_id WHERE $(in_district 795) LIMIT 1")
i795=$(sqlite3 "$DB" "SELECT id FROM plan_item WHERE plan_id = $p795 LIMIT 1")
[ -n "$c795" ] && [ -n "$c794" ] && [ -n "$p795" ] && [ -n "$i795" ] || fail "demo lacks 794/795 rows"

chown -R "root:$GRP" "$W/data"
chmod 2770 "$W/data"
chmod 0660 "$DB"
# the first run, by root through the installed program, lays the WAL
"$W/bin/canbo" --lang en audit verify >/dev/null || fail "first run as root"

# as USER ARGS...: canbo run by USER; sets $out (stdout and stderr) and $rc
as() {
	u=$1
	shift
	out=$(runuser -u "$u" -- "$W/bin/canbo" --lang en "$@" 2>&1)
	rc=$?
}
# refused WHAT: the last run was refused with exit 5 and printed nothing
# but its message (no name, no figure)
refused() {
	assert_eq "$rc" 5 "exit status of $1"
	assert_not_contains "$out" "$name795" "$1"
	[ "$(printf '%s\n' "$out" | grep -vc '^canbo: ')" = 0 ] || { printf '%s\n' "$out" >&2; fail "$1 printed more than its message"; }
}
audit_rows() { "$W/bin/canbo" --lang en audit verify | sed -n 's/.*holds: \([0-9]*\) rows.*/\1/p'; }

# ---- 1. district scope: the 794-only user --------------------------------
as "$U794" find "" --limit 0 --format csv
assert_eq "$rc" 0 "find by the 794 user"
assert_eq "$(printf '%s\n' "$out" | tail -n +2 | wc -l)" "$n794" "cadres listed to the 794 user"
assert_not_contains "$out" "Kiến Tường" "find by the 794 user"
assert_not_contains "$out" "Đức Hòa" "find by the 794 user"

as "$U794" find --district 795 ""
refused "find --district 795"
as "$U794" show "$c795"
refused "show of a 795 cadre"
as "$U794" show "$c794"
assert_eq "$rc" 0 "show of a 794 cadre"

as "$U794" stats --by age --unit 795
refused "stats --unit 795"
as "$U794" stats --by age --district 795
refused "stats --district 795"
as "$U794" stats --by gender --format csv
mine=$out
assert_eq "$rc" 0 "stats by the 794 user"
as "$UPROV" stats --by gender --format csv --district 794
assert_eq "$out" "$mine" "the 794 user's breakdown is 794's, not the province's"

as "$U794" targets --by-district --format csv
assert_eq "$rc" 0 "targets --by-district by the 794 user: their district's column"
assert_contains "$out" "Thành phố Tân An"
assert_not_contains "$out" "Kiến Tường" "targets --by-district by the 794 user"
assert_not_contains "$out" "Toàn tỉnh" "targets --by-district by the 794 user"
as "$U794" targets --district 795
refused "targets --district 795"
as "$U794" targets --list all --target managed_women --district 795
refused "targets --list --district 795"
as "$U794" targets --format csv
assert_eq "$rc" 0 "targets by the 794 user"

before=$(audit_rows)
as "$U794" plans --district 795
refused "plans --district 795"
as "$U794" plans show "$p795"
refused "plans show of a 795 plan"
as "$U794" plans note "$i795" "ghi chú"
refused "plans note on a 795 item"
as "$U794" plans update "$i795" --state remedied
refused "plans update of a 795 item"
as "$U794" plans summary --by district --format csv
assert_eq "$rc" 0 "plans summary by the 794 user"
assert_not_contains "$out" "Kiến Tường" "plans summary by the 794 user"
as "$U794" selfcheck --district 795
refused "selfcheck --district 795"
as "$U794" selfcheck record "$c795" --note "x"
refused "selfcheck record of a 795 cadre"
as "$U794" selfcheck show "$c795"
refused "selfcheck show of a 795 cadre"
as "$U794" audit --record "cadre:$c795"
assert_eq "$rc" 1 "audit of a 795 cadre: nothing to list"
assert_eq "$(audit_rows)" "$before" "audit rows after the refused changes"

# a change in 794 is the 794 user's to see; the province's bulk load is not
as "$U794" selfcheck record "$c794" --note "ổn"
assert_eq "$rc" 0 "selfcheck record of a 794 cadre"
as "$U794" audit --format csv
assert_eq "$(printf '%s\n' "$out" | tail -n +2 | wc -l)" 1 "audit rows the 794 user sees"
assert_contains "$out" "$U794"
as "$UPROV" audit --format csv
[ "$(printf '%s\n' "$out" | tail -n +2 | wc -l)" -ge 2 ] || fail "the province sees every change"

# import: a row of 795 in the 794 user's file changes nothing
printf 'Họ và tên,Ngày sinh,Giới tính,Dân tộc,Đơn vị,Chức vụ,Trình độ chuyên môn,Lý luận chính trị\n' >"$W/in.csv"
printf 'Nguyễn Văn Thử,1980-01-01,Nam,Kinh,27787,Chủ tịch UBND phường,Đại học,Trung cấp\n' >>"$W/in.csv"
chmod 644 "$W/in.csv"
ncadres=$(runuser -u "$UPROV" -- "$W/bin/canbo" find "" --limit 0 --format csv | wc -l)
as "$U794" import "$W/in.csv"
[ "$rc" -ne 0 ] || fail "an import of a 795 row by the 794 user succeeded"
assert_eq "$(runuser -u "$UPROV" -- "$W/bin/canbo" find "" --limit 0 --format csv | wc -l)" "$ncadres" \
	"cadres after the refused import"

# the interface started by the 794 user lists only 794's cadres
tmux_start 120 30 runuser -u "$U794" -- "$W/bin/canbo" --lang en
trap cleanup EXIT
wait_for "Main menu"
send 1
wait_for "$n794 cadres"
assert_contains "$(screen)" "Tân An"
assert_not_contains "$(screen)" "Kiến Tường"
send /
send_text "$name795"
sleep 1
assert_not_contains "$(screen)" "▸$name795" "a search for a 795 cadre"
send Escape
wait_for "type a name to search"
send Escape
wait_for "Main menu"
# the breakdowns count 794 and offer no other scope
send 2
wait_for "of whom under 40"
assert_contains "$(screen)" "Thành phố Tân An"
screen | grep -Eq "^ Total +$n794 " || { screen >&2; fail "the breakdown's total is not 794's $n794"; }
send s
wait_for "Scope"
assert_not_contains "$(screen)" "Kiến Tường" "the scope picker"
assert_not_contains "$(screen)" "Whole province" "the scope picker"
send Escape
send Escape
wait_for "Main menu"
# the action plans are 794's
send 3
wait_for "Action plans"
assert_contains "$(screen)" "Thành phố Tân An"
assert_not_contains "$(screen)" "Kiến Tường" "the action plans"
kill_server

# ---- 2. a user on no list gets nothing ------------------------------------
as "$UOUT" find ""
assert_eq "$rc" 5 "exit status of a user on no list"
assert_not_contains "$out" "Nguyễn"
tmux_start 100 24 runuser -u "$UOUT" -- "$W/bin/canbo" --lang en
trap cleanup EXIT
wait_for "may not read"
assert_not_contains "$(screen)" "Main menu"
kill_server

# ---- 3. no override changes a right --------------------------------------
mkdir "$W/evil"
cp -r "$CONFIG/." "$W/evil/"
sed -i "s|^database = .*|database = $DB|" "$W/evil/canbo.ini"
chown -R "$UOUT" "$W/evil"
as "$UOUT" find "" --config "$W/evil"
assert_eq "$rc" 5 "--config under the setgid install"
assert_contains "$out" "ignored"
as "$UOUT" find "" --config "$W/evil" --db "$DB"
assert_eq "$rc" 5 "--config and --db under the setgid install"
out=$(runuser -u "$UOUT" -- env CANBO_CONFIG="$W/evil" XDG_CONFIG_HOME="$W/evil" "$W/bin/canbo" find "" 2>&1)
assert_eq "$?" 5 "\$CANBO_CONFIG under the setgid install"
as "$U794" show "$c795" --config "$W/evil"
refused "show of a 795 cadre with --config"
as "$UOUT" demo --db "$W/mine.db" --force
assert_eq "$rc" 5 "demo under the setgid install"
runuser -u "$U794" -- sqlite3 "$DB" "SELECT count(*) FROM cadre" >/dev/null 2>&1 &&
	fail "the 794 user opened the database with sqlite3"
runuser -u "$U794" -- sh -c "echo x >> '$DB'" 2>/dev/null && fail "the 794 user wrote to the database"
# every file in the data directory is still root's and the group's
assert_eq "$(find "$W/data" ! -user root | wc -l)" 0 "files of the data directory owned by a user"

# ---- 4. a configuration others could change is refused --------------------
chmod g+w "$SYS/districts/794.ini"
as "$U794" find ""
assert_eq "$rc" 3 "a group-writable district file"
assert_contains "$out" "$SYS/districts/794.ini"
assert_contains "$out" "chmod go-w"
chmod g-w "$SYS/districts/794.ini"
chmod o+w "$SYS/canbo.ini"
as "$UPROV" find ""
assert_eq "$rc" 3 "a world-writable canbo.ini"
chmod o-w "$SYS/canbo.ini"
chown "$UATT" "$SYS/canbo.ini"
as "$UPROV" find ""
assert_eq "$rc" 3 "a canbo.ini owned by another user"
assert_contains "$out" "chown root"
chown root "$SYS/canbo.ini"
# the same rule without setgid: a copy others could change is refused too
cp -r "$CONFIG" "$W/plain"
chmod 664 "$W/plain/districts/795.ini"
out=$("$BIN" find --config "$W/plain" --db "$DB" "" 2>&1)
assert_eq "$?" 3 "a group-writable file of a private configuration"
assert_contains "$out" "$W/plain/districts/795.ini"

# ---- 5. exports cannot be steered ----------------------------------------
S="$W/shared" # a directory every user may write into
mkdir -m 0777 "$S"
mkdir -m 0700 "$W/victim"
chown "$U794" "$W/victim"
runuser -u "$U794" -- sh -c "umask 077; echo secret > '$W/victim/private.txt'"
runuser -u "$UATT" -- ln -s "$W/victim/private.txt" "$S/out.csv"
runuser -u "$UATT" -- sh -c "umask 0; : > '$S/list.csv'"
export_as_794() { # PATH: exports every cadre to PATH from the interface
	tmux_start 120 30 runuser -u "$U794" -- "$W/bin/canbo" --lang en
	trap cleanup EXIT
	wait_for "Main menu"
	send 5
	wait_for "Export every cadre to a CSV"
	send Enter
	wait_for "Write to the file"
	send C-u
	send_text "$1"
	send Enter
}
export_as_794 "$S/out.csv"
wait_for "symbolic link"
kill_server
assert_eq "$(cat "$W/victim/private.txt")" "secret" "the victim's file after the symlink attack"
export_as_794 "$S/list.csv"
wait_for "belongs to another user"
kill_server
assert_eq "$(wc -c <"$S/list.csv")" 0 "the pre-created file after the attack"
assert_eq "$(stat -c %U "$S/list.csv")" "$UATT" "owner of the pre-created file"
assert_eq "$(ls -A "$S" | wc -l)" 2 "files in the shared directory (no temporary left)"
# an export where nobody interferes: the user's own, 0600, not the group's
export_as_794 "$S/mine.csv"
wait_for "Wrote $n794 cadres"
kill_server
assert_eq "$(stat -c '%U %a' "$S/mine.csv")" "$U794 600" "owner and mode of an export"
[ "$(stat -c %G "$S/mine.csv")" != "$GRP" ] || fail "the export belongs to the installation's group"
assert_not_contains "$(cat "$S/mine.csv")" "Kiến Tường" "the 794 user's export"

# ---- 6. the audit shows tampering ----------------------------------------
out=$("$W/bin/canbo" --lang en audit verify)
assert_eq "$?" 0 "audit verify of an untouched trail"
assert_contains "$out" "head hash"
last=$(sqlite3 "$DB" "SELECT max(id) FROM audit")
sqlite3 "$DB" "UPDATE audit SET user = 'someone' WHERE id = $last" || fail "sqlite3 as root"
out=$("$W/bin/canbo" --lang en audit verify)
assert_eq "$?" 1 "audit verify after sqlite3 changed a row"
assert_contains "$out" "breaks at row $last"
