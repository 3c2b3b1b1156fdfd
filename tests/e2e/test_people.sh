#!/bin/sh
# [people] of canbo.ini: a progress note made by a Unix login is signed
# with the official's name the configuration gives it; the audit keeps
# the login. A [people] line without a name is refused (exit 3).
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"
db=$(demo_db 300)
me=$(id -un)
cp -r "$CONFIG" "$E2E_TMP/config" && chmod -R go-w "$E2E_TMP/config"
printf '\n[people]\n%s = Nguyễn Văn Bình, Phó Trưởng ban\n' "$me" >>"$E2E_TMP/config/canbo.ini"
run() { "$BIN" --config "$E2E_TMP/config" --db "$db" "$@"; }

item=$(sqlite3 "$db" "SELECT min(id) FROM plan_item")
[ -n "$item" ] || fail "no plan item in the demo"
run plans note "$item" "Đã làm việc với đảng ủy cơ sở" >/dev/null || fail "a progress note"
assert_eq "$(sqlite3 "$db" "SELECT author FROM plan_note ORDER BY id DESC LIMIT 1")" \
	"Nguyễn Văn Bình, Phó Trưởng ban" "the note is signed with the official's name"
assert_eq "$(sqlite3 "$db" "SELECT user FROM audit ORDER BY id DESC LIMIT 1")" "$me" "the audit keeps the login"

printf '\n[people]\nai-do =\n' >>"$E2E_TMP/config/canbo.ini"
rc=0; run find an >/dev/null 2>"$E2E_TMP/err" || rc=$?
assert_eq "$rc" 3 "a [people] line without a name"
assert_contains "$(cat "$E2E_TMP/err")" "canbo.ini" "the message names the file"
echo "people: ok"
