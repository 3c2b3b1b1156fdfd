#!/bin/sh
# The fields of the coded lists (lists.ini): ethnic group, religion,
# academic title, general education, state management, foreign language,
# IT level. A CSV in an office's words imports; its export, imported into
# a new database and exported again, gives the same bytes; `show` names
# them; a bad value is refused with its line and column and nothing is
# written; and `stats --by ethnic-group` and `--by religion` equal counts
# this test makes from `canbo find` CSV, mapping the names with its own
# reading of config/lists.ini.
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"

one="$E2E_TMP/one.db"
two="$E2E_TMP/two.db"
"$BIN" init --config "$CONFIG" --db "$one" >/dev/null || fail "init"
"$BIN" init --config "$CONFIG" --db "$two" >/dev/null || fail "init"

head='full_name,birth_date,gender,ethnicity,position,pos_rank,unit_code,religion,academic_title,general_education,state_management,foreign_language,it_level'
{
	printf '%s\r\n' "$head"
	printf '%s\r\n' 'Lâm Văn Một,1970-01-02,male,Khơ Mú,Bí thư Đảng ủy,secretary,27685,Công giáo,PGS,12/12,Chuyên viên chính,Bậc 3 (B1),Cơ bản'
	printf '%s\r\n' 'Trần Thị Hai,1980-03-04,female,07,Phó Chủ tịch UBND,vice-chair,27691,2,,10/10,chuyên viên cao cấp,Bậc 4 (B2),Nâng cao'
	printf '%s\r\n' 'Thạch Văn Ba,1975-05-06,male,Khmer,Chủ tịch UBND,chair,27685,,,,,,'
} >"$E2E_TMP/in.csv"
"$BIN" import --config "$CONFIG" --db "$one" "$E2E_TMP/in.csv" >"$E2E_TMP/out" 2>"$E2E_TMP/err" ||
	{ cat "$E2E_TMP/err" >&2; fail "import of the office's words"; }
"$BIN" find --config "$CONFIG" --db "$one" --format csv --limit 0 >"$E2E_TMP/a.csv" || fail "export"
python3 - "$E2E_TMP/a.csv" <<'PY' || fail "the export's codes"
import csv, sys
rows = {r["full_name"]: r for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"))}
want = {
    "Lâm Văn Một": ("Khơ Mú", "3", "1", "1", "2", "3", "1"),
    "Trần Thị Hai": ("Nùng", "2", "", "5", "3", "4", "2"),
    "Thạch Văn Ba": ("Khmer", "", "", "", "", "", ""),
}
cols = ("ethnicity", "religion", "academic_title", "general_education",
        "state_management", "foreign_language", "it_level")
for name, values in want.items():
    got = tuple(rows[name][c] for c in cols)
    assert got == values, (name, got, values)
PY

# the export imports into a new database and comes back the same
"$BIN" import --config "$CONFIG" --db "$two" "$E2E_TMP/a.csv" >"$E2E_TMP/out" 2>"$E2E_TMP/err" ||
	{ cat "$E2E_TMP/err" >&2; fail "import of the export"; }
"$BIN" find --config "$CONFIG" --db "$two" --format csv --limit 0 >"$E2E_TMP/b.csv" || fail "export again"
csv_without id <"$E2E_TMP/a.csv" >"$E2E_TMP/a"
csv_without id <"$E2E_TMP/b.csv" >"$E2E_TMP/b"
cmp -s "$E2E_TMP/a" "$E2E_TMP/b" || { diff "$E2E_TMP/a" "$E2E_TMP/b" >&2; fail "round trip differs"; }

# show: the labels, in the UI's language
id=$(grep 'Lâm Văn Một' "$E2E_TMP/b.csv" | cut -d, -f1)
out=$("$BIN" show --config "$CONFIG" --db "$two" "$id")
for t in "Tôn giáo" "Công giáo" "Học hàm" "Phó Giáo sư" "Quản lý nhà nước" \
	"Chuyên viên chính" "Ngoại ngữ" "Bậc 3 (B1)" "Tin học" "Cơ bản" "Khơ Mú"; do
	assert_contains "$out" "$t" "show"
done
json=$("$BIN" show --config "$CONFIG" --db "$two" "$id" --format json)
assert_contains "$json" '"religion":"3"' "show --format json"

# bad values: the line and the column named, nothing written
before=$("$BIN" find --config "$CONFIG" --db "$two" --format csv --limit 0 | wc -l)
{
	printf '%s\r\n' "$head"
	printf '%s\r\n' 'Lê Văn Bốn,1970-01-02,male,Kinh,Bí thư Đảng ủy,secretary,27685,,,,,,'
	printf '%s\r\n' 'Lê Văn Năm,1970-01-02,male,Kinh,Bí thư Đảng ủy,secretary,27685,Đạo Lạ,,,,,'
	printf '%s\r\n' 'Lê Văn Sáu,1970-01-02,male,Người Sao Hỏa,Bí thư Đảng ủy,secretary,27685,,,,,,'
	printf '%s\r\n' 'Lê Văn Bảy,1970-01-02,male,Kinh,Bí thư Đảng ủy,secretary,27685,,,13/12,,,'
} >"$E2E_TMP/bad.csv"
if "$BIN" import --config "$CONFIG" --db "$two" "$E2E_TMP/bad.csv" >"$E2E_TMP/out" 2>"$E2E_TMP/err"; then
	fail "bad values imported"
fi
err=$(cat "$E2E_TMP/out" "$E2E_TMP/err")
for t in "3" "religion" "Đạo Lạ" "4" "ethnicity" "Người Sao Hỏa" "5" "general_education" "13/12"; do
	assert_contains "$err" "$t" "the import's report"
done
printf '%s\n' "$err" | grep -q '3.*religion\|religion.*3' || { printf '%s\n' "$err" >&2; fail "line 3 not with its column"; }
after=$("$BIN" find --config "$CONFIG" --db "$two" --format csv --limit 0 | wc -l)
assert_eq "$after" "$before" "rows after a refused import"

# the breakdowns against counts made here from the list
demo=$(demo_db)
"$BIN" find --config "$CONFIG" --db "$demo" --format csv --limit 0 >"$E2E_TMP/all.csv" || fail "find"
for dim in ethnic-group religion; do
	"$BIN" stats --config "$CONFIG" --db "$demo" --by "$dim" --format csv >"$E2E_TMP/$dim.csv" ||
		fail "stats --by $dim"
done
python3 - "$CONFIG/lists.ini" "$E2E_TMP/all.csv" "$E2E_TMP/ethnic-group.csv" "$E2E_TMP/religion.csv" <<'PY' ||
import collections, csv, sys
# lists.ini read here: [section] then "code = label" lines
lists, section = collections.defaultdict(dict), None
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.strip()
    if not line or line[0] in ";#":
        continue
    if line.startswith("["):
        section = line.strip("[]")
        continue
    code, label = (x.strip() for x in line.split("=", 1))
    lists[section][label] = code
cadres = list(csv.DictReader(open(sys.argv[2], newline="", encoding="utf-8")))
assert len(cadres) > 1000, len(cadres)
by_group = collections.Counter(lists["ethnicity"].get(r["ethnicity"], "not-recorded") for r in cadres)
by_religion = collections.Counter(r["religion"] or "not-recorded" for r in cadres)
assert len(by_group) >= 3 and len(by_religion) >= 4, (by_group, by_religion)
for path, want in ((sys.argv[3], by_group), (sys.argv[4], by_religion)):
    got = {r[0]: int(r[1]) for r in list(csv.reader(open(path, encoding="utf-8")))[1:]}
    total = got.pop("total", None)
    assert total in (None, len(cadres)), (path, total)
    for k in set(got) | set(want):
        assert got.get(k, 0) == want.get(k, 0), (path, k, got.get(k), want.get(k))
PY
	fail "a breakdown differs from the count of find's list"
echo ok
