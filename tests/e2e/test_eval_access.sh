#!/bin/sh
# Rights over evaluations, from [access]: recording and reopening need the
# edit right, deciding the verify right (the superior's); a refusal is exit
# status 5 and changes nothing. Group entries (@group) are matched against
# the running user's real groups.
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"

db=$(demo_db 500)
me=$(id -un)
group=$(id -gn)
cfg="$E2E_TMP/config"
cp -r "$CONFIG" "$cfg"
export CANBO_TODAY=2025-01-20

run() {
	"$BIN" "$@" --config "$cfg" --db "$db" >"$E2E_TMP/out" 2>"$E2E_TMP/err"
	echo $?
}
err() { cat "$E2E_TMP/err"; }
q() { sqlite3 "$db" "$1"; }

cid=$("$BIN" find --config "$cfg" --db "$db" --format csv --limit 1 | sed -n 2p | cut -d, -f1)
[ -n "$cid" ] || fail "no cadre in the demo database"

# A reader who may not edit: nothing is recorded.
sed -i "s/^read =.*/read = $me/; s/^edit =.*/edit = canbo-khac/; s/^verify =.*/verify = canbo-khac/" "$cfg/canbo.ini"
assert_eq "$(run eval record "$cid" --period 2024 --scores 28,60)" 5 "record without the edit right"
assert_contains "$(err)" "$me" "the refusal names the user"
assert_eq "$(q "SELECT count(*) FROM evaluation WHERE period = '2024'")" 0 "nothing recorded"
assert_eq "$(run eval show "$cid")" 0 "a reader may look"

# An editor records, but may not decide: that is the verifier's.
sed -i "s/^edit =.*/edit = $me/" "$cfg/canbo.ini"
assert_eq "$(run eval record "$cid" --period 2024 --scores 28,60 --tasks 10,10,0,2)" 0 "an editor records"
assert_eq "$(run eval decide "$cid" --period 2024 --grade good)" 5 "an editor may not decide"
assert_contains "$(err)" "quyết định xếp loại" "the refusal says what"
assert_eq "$(q "SELECT count(*) FROM evaluation WHERE period = '2024' AND grade IS NOT NULL")" 0 "nothing decided"

# The verifier's right through the user's primary group.
sed -i "s/^verify =.*/verify = @$group/" "$cfg/canbo.ini"
assert_eq "$(run eval decide "$cid" --period 2024 --grade good)" 0 "a member of the verifiers' group decides"
assert_eq "$(q "SELECT decided_by FROM evaluation WHERE cadre_id = $cid AND period = '2024'")" "$me" "signed by the Unix user"

# Reopening needs the edit right: a verifier alone may not.
sed -i "s/^edit =.*/edit = canbo-khac/" "$cfg/canbo.ini"
assert_eq "$(run eval reopen "$cid" --period 2024 --reason "Xem lại")" 5 "reopen without the edit right"
assert_eq "$(q "SELECT count(*) FROM evaluation WHERE period = '2024' AND grade IS NOT NULL")" 1 "still decided"
assert_eq "$(q "SELECT count(*) FROM audit WHERE tbl = 'evaluation' AND action = 'reopen'")" 0 "no reopening audited"
echo "ok"
