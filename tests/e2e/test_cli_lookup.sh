#!/bin/sh
# One-line lookups as a leader types them: show by name, dates written the
# Vietnamese way, help in either language.
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"
db=$(demo_db 300)
c() { "$BIN" "$@" --config "$CONFIG" --db "$db"; }

# a unique name shows the record, as its number does
sqlite3 "$db" "SELECT id || '|' || full_name FROM cadre GROUP BY full_name HAVING count(*) = 1 LIMIT 40" >"$E2E_TMP/names"
id=""
while IFS='|' read -r cid cname; do
	if [ "$(c find "$cname" --format csv --limit 0 | tail -n +2 | wc -l)" -eq 1 ]; then
		id=$cid name=$cname
		break
	fi
done <"$E2E_TMP/names"
[ -n "$id" ] || fail "no unique name in the demo"
by_name=$(c show $name --format json) || fail "show by a unique name"
assert_eq "$(json_field "$by_name" id)" "$id" "the cadre shown by name"
pick_cadre "nguyen"
# several matches: listed with their numbers, exit 2, nothing on stdout
rc=0
err=$(c show nguyen 2>&1 >/dev/null) || rc=$?
assert_eq "$rc" 2 "show with several matches"
assert_contains "$err" "$id" "the matches listed"
rc=0
c show zzzqxw 2>/dev/null || rc=$?
assert_eq "$rc" 1 "show with no match"

# --as-of takes dd/mm/yyyy as every other date option does
a=$(c find nguyen --as-of 31/12/2024 --format csv --limit 0)
b=$(c find nguyen --as-of 2024-12-31 --format csv --limit 0)
assert_eq "$a" "$b" "the same day written two ways"
rc=0
c find nguyen --as-of 31/02/2024 2>/dev/null || rc=$?
assert_eq "$rc" 2 "an impossible date"

# help accepts the common options
out=$("$BIN" help find --lang en) || fail "help find --lang en"
assert_contains "$out" "Usage: canbo find" "help in English"
out=$("$BIN" help --lang en) || fail "help --lang en"
assert_contains "$out" "Usage: canbo" "help in English"
echo "lookups: ok"
