#!/bin/sh
# The command line without the UI: exit statuses 0/1/2/3/4, find in every
# format, accent-insensitive matching, show, demo, --help and --version.
. "$(dirname "$0")/lib.sh"

# status CMD...: runs canbo, keeps stdout/stderr in $out/$err, prints the
# exit status.
run() {
	"$BIN" "$@" >"$E2E_TMP/out" 2>"$E2E_TMP/err"
	echo $?
}
out() { cat "$E2E_TMP/out"; }
err() { cat "$E2E_TMP/err"; }

db=$(demo_db 2000)

# ---- --help, --version, usage errors (2) ---------------------------------
assert_eq "$(run --version)" 0 "--version status"
assert_contains "$(out)" "canbo 0." "--version"
assert_eq "$(run --help)" 0 "--help status"
for c in find show demo; do assert_contains "$(out)" "$c" "--help lists $c"; done
assert_eq "$(run help find)" 0 "help find"
assert_contains "$(out)" "--limit" "help find"
assert_eq "$(run find --help)" 0 "find --help"
assert_eq "$(run frobnicate)" 2 "unknown command"
assert_contains "$(err)" "frobnicate"
assert_eq "$(run find --format xml --db "$db" --config "$CONFIG")" 2 "bad --format"
assert_eq "$(run find --limit -3 --db "$db" --config "$CONFIG")" 2 "bad --limit"
assert_eq "$(run find --bogus)" 2 "unknown option"
assert_eq "$(run show --db "$db" --config "$CONFIG")" 2 "show without ID"
assert_eq "$(run show 0 --db "$db" --config "$CONFIG")" 2 "show with a bad ID"
assert_eq "$(run show zzqxw --db "$db" --config "$CONFIG")" 1 "show with a name that matches no one"
assert_eq "$(run find --as-of 2025-02-30 --db "$db" --config "$CONFIG")" 2 "impossible --as-of"
assert_eq "$(run demo --config "$CONFIG")" 2 "demo without --db"
assert_eq "$(run demo --config "$CONFIG" --db "$db")" 2 "demo over an existing file"
assert_eq "$(run find "$(printf 'ng\001')" --db "$db" --config "$CONFIG")" 2 "control character in the query"
# messages are in the language asked for
run frobnicate --lang en >/dev/null
assert_contains "$(err)" "unknown command"
run frobnicate --lang vi >/dev/null
assert_not_contains "$(err)" "unknown command"

# ---- subcommands: one dispatcher for all ----------------------------------
# the --help of a command with subcommands lists them with their summaries
for c in "eval record" "plans carry" "sync resolve" "pool review" "career leave" "org end"; do
	assert_eq "$(run ${c% *} --help --lang en)" 0 "${c% *} --help"
	assert_contains "$(out)" "  ${c#* } " "${c% *} --help lists ${c#* }"
done
assert_contains "$(out)" "merged into another" "org --help gives each subcommand's summary"
# an unknown subcommand is a usage error naming it, in every command
for c in eval ratings selfcheck plans sync units org pool discipline career; do
	assert_eq "$(run $c frob --lang en --db "$db" --config "$CONFIG")" 2 "$c frob"
	assert_contains "$(err)" "unknown $c command 'frob'" "$c frob names the word"
done
# options before the subcommand word, with their values, are passed on
assert_eq "$(run --lang en --limit 3 plans --year 2024 summary --help)" 0 "options before plans summary"
assert_contains "$(out)" "Usage: canbo plans summary" "plans summary reached behind options"
assert_eq "$(run eval --lang en --db "$db" --config "$CONFIG")" 2 "eval without a subcommand"
assert_eq "$(run career --bogus --lang en)" 2 "career with an unknown option"
assert_contains "$(err)" "'--bogus'" "the unknown option is named"

# ---- configuration errors (3) come before any database is touched --------
bad="$E2E_TMP/badconf"
mkdir -p "$bad/districts"
cp -r "$CONFIG"/. "$bad"/
printf '[province]\ncode = 80\nname = Tỉnh Long An\ntiers = banana\n' >"$bad/canbo.ini"
assert_eq "$(run find an --config "$bad" --db "$E2E_TMP/never.db")" 3 "broken canbo.ini"
assert_contains "$(err)" "canbo.ini"
[ ! -e "$E2E_TMP/never.db" ] || fail "a database was created despite a bad configuration"
assert_eq "$(run demo --config "$bad" --db "$E2E_TMP/never.db")" 3 "demo with a broken configuration"
[ ! -e "$E2E_TMP/never.db" ] || fail "demo created a database despite a bad configuration"
assert_eq "$(run find an --config "$E2E_TMP/nowhere" --db "$db")" 3 "missing configuration directory"

# ---- database errors (4) --------------------------------------------------
assert_eq "$(run find an --config "$CONFIG" --db "$E2E_TMP/missing.db")" 4 "missing database"
[ ! -e "$E2E_TMP/missing.db" ] || fail "find created a database"
printf 'not a database at all, just some text\n' >"$E2E_TMP/junk.db"
assert_eq "$(run find an --config "$CONFIG" --db "$E2E_TMP/junk.db")" 4 "not a database"

# ---- find ------------------------------------------------------------------
assert_eq "$(run find dang --db "$db" --config "$CONFIG" --format csv --limit 0)" 0 "find dang"
assert_contains "$(out)" "Đặng " "dang finds Đặng"
assert_contains "$(out)" " Đăng," "dang finds Đăng"
assert_eq "$(run find Đặng --db "$db" --config "$CONFIG" --format csv --limit 0)" 0 "find Đặng"
assert_contains "$(out)" "Đặng "
assert_not_contains "$(out)" " Đăng," "Đặng spelled with its marks does not find Đăng"
assert_eq "$(run find zzzqqq --db "$db" --config "$CONFIG")" 1 "nothing found"
assert_eq "$(out)" "" "no table when nothing is found"
assert_eq "$(run find zzzqqq --db "$db" --config "$CONFIG" --format json)" 1 "nothing found, JSON"
assert_eq "$(out)" "[]" "an empty JSON array when nothing is found"

# CSV: the header, CRLF, one row per cadre
run find --db "$db" --config "$CONFIG" --format csv --limit 0 >/dev/null
assert_eq "$(head -1 "$E2E_TMP/out" | tr -d '\r')" \
	"id,full_name,birth_date,gender,ethnicity,position,pos_rank,unit_code,unit,district,commune,level,org,managed,is_head,committees,education,political_theory,religion,academic_title,general_education,state_management,foreign_language,it_level,party_joined,notes" "CSV header"
head -1 "$E2E_TMP/out" | od -c | grep -q '\\r  \\n' || fail "CSV lines end in CRLF"
assert_eq "$(($(wc -l <"$E2E_TMP/out") - 1))" 2000 "empty query lists every cadre"

# table: 50 rows by default, a note on stderr; --limit 5
run find --db "$db" --config "$CONFIG" >/dev/null
assert_eq "$(($(wc -l <"$E2E_TMP/out") - 2))" 50 "table stops at 50 rows"
assert_contains "$(err)" "50"
run find nguyen --db "$db" --config "$CONFIG" --limit 5 >/dev/null
assert_eq "$(($(wc -l <"$E2E_TMP/out") - 2))" 5 "--limit 5"

# JSON parses, and carries the fields
run find "nguyen van" --db "$db" --config "$CONFIG" --format json --limit 3 >/dev/null
if command -v python3 >/dev/null; then
	python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert len(r)==3; assert all("political_theory" in x and x["full_name"].startswith("Nguyễn") for x in r)' \
		"$E2E_TMP/out" || fail "find JSON"
fi

# words in any order, each a prefix; options before the command work too
run --db "$db" --config "$CONFIG" find "an ngu" --format csv --limit 0 >/dev/null
assert_contains "$(out)" "Nguyễn" "words in any order"

# --district narrows to a district's subtree
code=$(sed -n 's/^code *= *//p' "$CONFIG/districts/807.ini" | head -1)
run find --db "$db" --config "$CONFIG" --district "$code" --format csv --limit 0 >/dev/null
assert_contains "$(out)" "Cần Giuộc" "--district"
assert_not_contains "$(out)" "Cần Đước" "--district keeps other districts out"
assert_eq "$(run find --db "$db" --config "$CONFIG" --district 99999)" 2 "unknown district"

# the same query gives the same rows in the same (Vietnamese) order
a=$("$BIN" find th --db "$db" --config "$CONFIG" --format csv --limit 0 | md5sum)
b=$("$BIN" find th --db "$db" --config "$CONFIG" --format csv --limit 0 | md5sum)
assert_eq "$a" "$b" "stable order"

# plain output in a pipe: no escape sequences
run find nguyen --db "$db" --config "$CONFIG" >/dev/null
if grep -q "$(printf '\033')" "$E2E_TMP/out"; then fail "escape sequences in piped output"; fi

# ASCII when the locale is not UTF-8
LANG=C LC_ALL=C "$BIN" find dang --db "$db" --config "$CONFIG" --limit 3 >"$E2E_TMP/ascii" 2>/dev/null
if LC_ALL=C grep -q "$(printf '[\200-\377]')" "$E2E_TMP/ascii"; then fail "non-ASCII bytes under LANG=C"; fi
assert_contains "$(cat "$E2E_TMP/ascii")" "Dang" "folded names under LANG=C"

# ---- show ------------------------------------------------------------------
id=$("$BIN" find dang --db "$db" --config "$CONFIG" --format csv --limit 1 | sed -n '2s/,.*//p')
assert_eq "$(run show "$id" --db "$db" --config "$CONFIG" --lang en)" 0 "show"
assert_contains "$(out)" "Đặng" "show prints the name"
assert_contains "$(out)" "2025" "show prints the ratings"
assert_eq "$(run show "$id" --db "$db" --config "$CONFIG" --format json)" 0 "show JSON"
if command -v python3 >/dev/null; then
	python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["id"]=='"$id"'; assert len(r["ratings"])>0' \
		"$E2E_TMP/out" || fail "show JSON"
fi
# a party secretary has action plans for the last two reviews, with items
sec=$("$BIN" find --db "$db" --config "$CONFIG" --format csv --limit 0 | awk -F, '$6 ~ /^Bí thư Đảng ủy/ {print $1; exit}')
assert_eq "$(run show "$sec" --db "$db" --config "$CONFIG" --format json --as-of 2025-12-31)" 0 "show a secretary"
if command -v python3 >/dev/null; then
	python3 -c 'import json,sys; p=json.load(open(sys.argv[1]))["plans"]; assert [x["year"] for x in p]==[2025,2024]; assert all(x["items"] for x in p)' \
		"$E2E_TMP/out" || fail "show JSON plans"
fi
assert_eq "$(run show "$sec" --db "$db" --config "$CONFIG" --lang en)" 0 "show a secretary's plans"
assert_contains "$(out)" "Action plans"
assert_eq "$(run show 999999 --db "$db" --config "$CONFIG")" 1 "show of a missing ID"
assert_eq "$(run show "$id" --db "$db" --config "$CONFIG" --format csv)" 2 "show has no CSV"

# ---- demo: same seed, same content -----------------------------------------
"$BIN" demo --config "$CONFIG" --db "$E2E_TMP/a.db" --cadres 300 --seed 5 >/dev/null || fail "demo a"
"$BIN" demo --config "$CONFIG" --db "$E2E_TMP/b.db" --cadres 300 --seed 5 >/dev/null || fail "demo b"
a=$("$BIN" find --db "$E2E_TMP/a.db" --config "$CONFIG" --format csv --limit 0 | md5sum)
b=$("$BIN" find --db "$E2E_TMP/b.db" --config "$CONFIG" --format csv --limit 0 | md5sum)
assert_eq "$a" "$b" "same seed, same cadres"
assert_eq "$(run demo --config "$CONFIG" --db "$E2E_TMP/a.db" --cadres 10 --force)" 0 "demo --force"
[ ! -e "$E2E_TMP/a.db.building" ] || fail "temporary file left behind"
assert_eq "$(run demo --config "$CONFIG" --db "$E2E_TMP/c.db" --cadres many)" 2 "bad --cadres"
echo "cli ok"
