#!/bin/sh
# A lossless round trip of the cadre list: `canbo find --format csv` of a
# demo, imported into a database fresh from `canbo init` (holding the same
# party organisations, through export and import --kind org), exported again gives the same bytes but for the
# ids - party organisation, "managed by the provincial standing
# committee", head of unit, committee memberships, party join date and the
# position rank (taken from its column, never guessed from the position)
# included - and `show --format json` gives the same record for sampled
# cadres. The same file under the Vietnamese headers of an office's
# spreadsheet imports to the same list.
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"

demo=$(demo_db 300)
new="$E2E_TMP/new.db"

"$BIN" find --config "$CONFIG" --db "$demo" --format csv --limit 0 >"$E2E_TMP/a.csv" || fail "export"
rows=$(($(wc -l <"$E2E_TMP/a.csv") - 1))
[ "$rows" -ge 300 ] || fail "only $rows rows exported"

# the export carries what the old one lost: some of each, in code form
python3 - "$E2E_TMP/a.csv" <<'PY' || fail "the export lacks a field"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
for col, want in [("org", None), ("managed", "yes"), ("is_head", "yes"),
                  ("committees", None), ("party_joined", None), ("pos_rank", None)]:
    have = [r[col] for r in rows if r[col]]
    assert have, col + " is empty in every row"
    assert want is None or want in have, col + " never " + want
assert all(r["managed"] in ("yes", "no") for r in rows)
PY

# a new office database with the demo's party organisations
"$BIN" init --config "$CONFIG" --db "$new" >/dev/null || fail "init"
"$BIN" export --config "$CONFIG" --db "$demo" --kind org >"$E2E_TMP/orgs.csv" || fail "export org"
"$BIN" import --config "$CONFIG" --db "$new" --kind org "$E2E_TMP/orgs.csv" >/dev/null ||
	fail "import org"
cp "$new" "$E2E_TMP/new-vi.db"

"$BIN" import --config "$CONFIG" --db "$new" "$E2E_TMP/a.csv" >"$E2E_TMP/out" 2>"$E2E_TMP/err" ||
	{ head "$E2E_TMP/err" >&2; fail "import of the export"; }
assert_not_contains "$(cat "$E2E_TMP/err")" "pos_rank" "a warning about guessed ranks"
"$BIN" find --config "$CONFIG" --db "$new" --format csv --limit 0 >"$E2E_TMP/b.csv" || fail "export again"
csv_without id <"$E2E_TMP/a.csv" >"$E2E_TMP/a"
csv_without id <"$E2E_TMP/b.csv" >"$E2E_TMP/b"
cmp -s "$E2E_TMP/a" "$E2E_TMP/b" || { diff "$E2E_TMP/a" "$E2E_TMP/b" | head >&2; fail "round trip differs"; }

# show --format json: the same cadre record for a sample (row i of one
# export is row i of the other)
for i in 1 17 42 99 150 299; do
	ida=$(sed -n "$((i + 1))p" "$E2E_TMP/a.csv" | cut -d, -f1)
	idb=$(sed -n "$((i + 1))p" "$E2E_TMP/b.csv" | cut -d, -f1)
	"$BIN" show --config "$CONFIG" --db "$demo" "$ida" --format json >"$E2E_TMP/sa" || fail "show $ida"
	"$BIN" show --config "$CONFIG" --db "$new" "$idb" --format json >"$E2E_TMP/sb" || fail "show $idb"
	python3 - "$E2E_TMP/sa" "$E2E_TMP/sb" <<'PY' || fail "show --format json of row $i differs"
import json, sys
a, b = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
# the ids, versions and the records of other kinds are the database's own
for k in ("id", "version", "ratings", "trainings", "planning", "plans"):
    a.pop(k); b.pop(k)
assert a == b, (a, b)
assert isinstance(a["committees"], list) and isinstance(a["managed"], bool)
PY
done

# the same rows under an office's Vietnamese headers import alike
vi='STT,Họ và tên,Ngày sinh,Giới tính,Dân tộc,Chức vụ,Cấp chức vụ,Mã đơn vị,Đơn vị,Huyện,Xã,Cấp,Tổ chức đảng,Diện Ban Thường vụ Tỉnh ủy quản lý,Người đứng đầu,"Tham gia cấp ủy, tổ chức đảng",Trình độ chuyên môn,Lý luận chính trị,Tôn giáo,Học hàm,Giáo dục phổ thông,Quản lý nhà nước,Ngoại ngữ,Tin học,Ngày vào Đảng,Ghi chú'
{ printf '%s\r\n' "$vi"; tail -n +2 "$E2E_TMP/a.csv"; } >"$E2E_TMP/vi.csv"
"$BIN" import --config "$CONFIG" --db "$E2E_TMP/new-vi.db" "$E2E_TMP/vi.csv" >"$E2E_TMP/out" 2>"$E2E_TMP/err" ||
	{ head "$E2E_TMP/err" >&2; fail "import under Vietnamese headers"; }
assert_not_contains "$(cat "$E2E_TMP/err")" "không được nhập" "an unknown column"
"$BIN" find --config "$CONFIG" --db "$E2E_TMP/new-vi.db" --format csv --limit 0 | csv_without id >"$E2E_TMP/c"
cmp -s "$E2E_TMP/a" "$E2E_TMP/c" || { diff "$E2E_TMP/a" "$E2E_TMP/c" | head >&2; fail "Vietnamese headers differ"; }
echo ok
