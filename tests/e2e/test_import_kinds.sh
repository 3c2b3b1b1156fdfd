#!/bin/sh
# An office enters its year from CSV files into a new database: its party
# organisations, its cadres, their ratings, the organisations' ratings,
# trainings and planning. The breakdowns count what the files hold; the
# exports of the new database equal the files (ids aside); bad rows of
# every kind are named by line and column, and nothing is written.
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"
src=$(demo_db 300)
db="$E2E_TMP/office.db"
old() { "$BIN" "$@" --config "$CONFIG" --db "$src"; }
c() { "$BIN" "$@" --config "$CONFIG" --db "$db"; }
kinds="org rating org-rating training planning discipline pool appointment departure"
export CANBO_TODAY=2025-06-30

# the demo has no discipline and no pool entry: give it some, by import
sqlite3 -csv "$src" "SELECT c.full_name, c.birth_date FROM cadre c WHERE c.level = 2 AND c.pos_rank > 4
	ORDER BY c.birth_date DESC LIMIT 4" >"$E2E_TMP/young"
[ "$(wc -l <"$E2E_TMP/young")" -eq 4 ] || fail "four district cadres in the demo"
{ echo "full_name,birth_date,form,decision,authority,announced_on,reason"
  sed -n 1p "$E2E_TMP/young" | sed 's/$/,canh-cao,12-QĐ\/UBKT,Ủy ban Kiểm tra,05\/03\/2025,Vi phạm/'
  sed -n 2p "$E2E_TMP/young" | sed 's/$/,state:khien-trach,34\/QĐ-UBND,UBND huyện,03\/04\/2025,Chậm tiến độ/'
} >"$E2E_TMP/disc.csv"
old import --kind discipline "$E2E_TMP/disc.csv" >/dev/null || fail "disciplines into the demo"
{ echo "full_name,birth_date,term,title"
  sed -n 3,4p "$E2E_TMP/young" | sed 's/$/,2025-2030,h-pct/'
} >"$E2E_TMP/pool-in.csv"
old import --kind pool "$E2E_TMP/pool-in.csv" >/dev/null || fail "pool entries into the demo"
# the disciplined cadre may not enter the pool: the rule holds for imports
{ echo "full_name,birth_date,term,title"; sed -n 1p "$E2E_TMP/young" | sed 's/$/,2025-2030,h-pct/'; } >"$E2E_TMP/barred.csv"
rc=0; old import --kind pool "$E2E_TMP/barred.csv" >/dev/null 2>&1 || rc=$?
assert_eq "$rc" 2 "a disciplined cadre into the pool"
# a career: two posts, and someone who retired
appointee=$(sqlite3 "$src" "SELECT id FROM cadre WHERE level = 3 ORDER BY id LIMIT 1")
old career appoint "$appointee" --position "Phó Chủ tịch UBND xã" --rank vice-chair --from 01/03/2021 >/dev/null ||
	fail "first post"
old career appoint "$appointee" --position "Chủ tịch UBND xã" --rank chair --from 01/02/2024 \
	--decision "15/QĐ-UBND" >/dev/null || fail "second post"
retiree=$(sqlite3 "$src" "SELECT id FROM cadre WHERE level = 3 ORDER BY birth_date LIMIT 1")
old career leave "$retiree" --reason retired --on 31/05/2025 >/dev/null || fail "retirement"

for k in $kinds; do
	old export --kind "$k" >"$E2E_TMP/$k.csv" || fail "export $k from the demo"
done
old find --format csv --limit 0 --with-departed >"$E2E_TMP/cadres.csv" || fail "export the cadres"
[ "$(wc -l <"$E2E_TMP/rating.csv")" -gt 300 ] || fail "the demo's ratings are missing"

c init >/dev/null || fail "init"
c import --kind org "$E2E_TMP/org.csv" >/dev/null || fail "import the organisations"
c import "$E2E_TMP/cadres.csv" >/dev/null 2>&1 || fail "import the cadres"
for k in rating org-rating training planning discipline pool appointment departure; do
	c import --kind "$k" "$E2E_TMP/$k.csv" >"$E2E_TMP/out" || fail "import $k"
	n=$(($(wc -l <"$E2E_TMP/$k.csv") - 1))
	assert_contains "$(cat "$E2E_TMP/out")" " $n " "the $k import's count"
done

# the breakdown by rating of the new office equals the old one's
for y in 2023 2025; do
	assert_eq "$(c stats --by rating --year $y --format csv)" "$(old stats --by rating --year $y --format csv)" \
		"ratings of $y"
done
assert_eq "$(c stats --by training --year 2025 --format csv)" "$(old stats --by training --year 2025 --format csv)" \
	"trainings of 2025"
assert_eq "$(c stats --by planning --format csv)" "$(old stats --by planning --format csv)" "planning"
assert_eq "$(c find --format csv --limit 0 | wc -l)" "$(old find --format csv --limit 0 | wc -l)" "cadres on the list"
who=$(sqlite3 "$src" "SELECT full_name || '|' || birth_date FROM cadre WHERE id = $appointee")
assert_eq "$(sqlite3 "$db" "SELECT position FROM cadre WHERE full_name || '|' || birth_date = '$who'")" \
	"Chủ tịch UBND xã" "the appointee's current post in the new database"

# the round trip: each export of the new database is the file it read, ids aside
for k in $kinds; do
	c export --kind "$k" | cut -d, -f2- | sort >"$E2E_TMP/again"
	cut -d, -f2- "$E2E_TMP/$k.csv" | sort >"$E2E_TMP/first"
	cmp -s "$E2E_TMP/again" "$E2E_TMP/first" || { diff "$E2E_TMP/first" "$E2E_TMP/again" | head; fail "round trip of $k"; }
done

# importing the same ratings again is refused, with the lines named
before=$(sqlite3 "$db" "SELECT count(*) FROM audit")
rc=0; c import --kind rating "$E2E_TMP/rating.csv" 2>"$E2E_TMP/err" >/dev/null || rc=$?
assert_eq "$rc" 2 "the same ratings again"
assert_contains "$(head -1 "$E2E_TMP/err")" "rating.csv:2: year:" "the first line and column"

# bad rows of every kind: named, and nothing written
printf 'org,kind,unit_code\nĐảng bộ mới,nope,27685\nChi bộ 9,cell,99999\n' >"$E2E_TMP/bad-org.csv"
printf 'full_name,birth_date,year,grade\nAi Đó,01/01/1980,2024,good\n' >"$E2E_TMP/bad-rating.csv"
printf 'org,year,grade\nKhông Có,2024,good\n' >"$E2E_TMP/bad-org-rating.csv"
printf 'cadre_id,year,kind,course\n999999,2024,other,Lớp\n' >"$E2E_TMP/bad-training.csv"
printf 'cadre_id,term,position\n1,2025,Bí thư\n' >"$E2E_TMP/bad-planning.csv"
printf 'cadre_id,form,announced_on\n1,giang-chuc,01/01/2025\n' >"$E2E_TMP/bad-discipline.csv"
printf 'cadre_id,term,title\n1,2025-2030,no-such-title\n' >"$E2E_TMP/bad-pool.csv"
printf 'cadre_id,kind,position,start_on\n1,appointment,Chủ tịch,31/02/2025\n' >"$E2E_TMP/bad-appointment.csv"
printf 'cadre_id,kind,left_on\n1,fired,01/01/2025\n' >"$E2E_TMP/bad-departure.csv"
for k in $kinds; do
	rc=0; c import --kind "$k" "$E2E_TMP/bad-$k.csv" 2>"$E2E_TMP/err" >/dev/null || rc=$?
	assert_eq "$rc" 2 "bad $k rows"
	grep -q "bad-$k.csv:2: " "$E2E_TMP/err" || fail "bad $k: line 2 not named: $(cat "$E2E_TMP/err")"
	[ "$k" = planning ] && assert_contains "$(cat "$E2E_TMP/err")" "bad-planning.csv:2: term:" "the column of a bad term"
	[ "$k" = pool ] && assert_contains "$(cat "$E2E_TMP/err")" "bad-pool.csv:2: title:" "the column of a bad title"
done
assert_eq "$(sqlite3 "$db" "SELECT count(*) FROM audit")" "$before" "audit rows after refused imports"
echo "import kinds: ok"
