#!/bin/sh
# canbo import: a good file is imported (exit 0) and found by `canbo find`;
# a file with one bad row imports nothing (exit 2) and names the line and
# column; importing it twice reports duplicates; --dry-run writes nothing;
# a TCVN3 file is read; `find --format csv` imported into an empty database
# gives the same list back; the import in the terminal UI.
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"

run() {
	"$BIN" "$@" >"$E2E_TMP/out" 2>"$E2E_TMP/err"
	echo $?
}
out() { cat "$E2E_TMP/out"; }
err() { cat "$E2E_TMP/err"; }
count() { "$BIN" find --config "$CONFIG" --db "$1" --format csv --limit 0 2>/dev/null | tail -n +2 | wc -l; }

db="$E2E_TMP/office.db"
good="$E2E_TMP/danh-sach.csv"
bad="$E2E_TMP/sai.csv"
printf 'Họ và tên;Ngày sinh;Giới tính;Dân tộc;Chức vụ;Đơn vị;Trình độ chuyên môn;Lý luận chính trị\r\n' >"$good"
printf 'Trần Văn Bình;02/09/1975;Nam;Kinh;"Phó Bí thư Đảng ủy; Chủ tịch UBND xã";Xã Lộc Giang;Đại học Luật;Cao cấp\r\n' >>"$good"
printf 'Lê Thị Hồng Nhung;21/02/1980;Nữ;Kinh;Chủ tịch Hội Liên hiệp Phụ nữ phường;Phường Tân Khánh;Thạc sĩ;Trung cấp\r\n' >>"$good"
printf 'Họ và tên;Ngày sinh;Giới tính;Dân tộc;Chức vụ;Đơn vị\r\n' >"$bad"
printf 'Võ Văn Kiệt;01/01/1972;Nam;Kinh;Bí thư Đảng ủy xã;Xã Lộc Giang\r\n' >>"$bad"
printf 'Đinh Thị Mai;31/02/1980;Nữ;Kinh;Phó Chủ tịch UBND xã;Xã Lộc Giang\r\n' >>"$bad"

# ---- usage errors -----------------------------------------------------------
assert_eq "$(run import --config "$CONFIG" --db "$db")" 2 "import without FILE"
assert_eq "$(run import "$good" --encoding latin1 --config "$CONFIG" --db "$db")" 2 "bad --encoding"
assert_eq "$(run import "$E2E_TMP/none.csv" --config "$CONFIG" --db "$db" --lang en)" 2 "missing file"
assert_contains "$(err)" "Cannot read"
assert_eq "$(run import --help)" 0 "import --help"
assert_contains "$(out)" "--dry-run"

# ---- a bad row: nothing imported, its line and column named -----------------
assert_eq "$(run import "$bad" --config "$CONFIG" --db "$db")" 2 "a file with a bad row"
assert_contains "$(err)" "sai.csv:3: Ngày sinh: \"31/02/1980\" không phải là ngày hợp lệ"
assert_contains "$(err)" "Số dòng có lỗi: 1/2; chưa nhập dòng nào"
[ ! -e "$db" ] || fail "a failed import left a new database behind"
assert_eq "$(run import "$bad" --config "$CONFIG" --db "$db" --lang en)" 2 "bad file, English"
assert_contains "$(err)" "sai.csv:3: Ngày sinh: \"31/02/1980\" is not a valid date"

# ---- dry run, then the good file ----------------------------------------------
"$BIN" demo --config "$CONFIG" --db "$db" --cadres 1 --seed 1 >/dev/null || fail "demo"
"$BIN" find --config "$CONFIG" --db "$db" --format json | grep -q full_name || fail "no demo cadre"
assert_eq "$(run import "$bad" --config "$CONFIG" --db "$db")" 2 "a bad row into an existing database"
assert_eq "$(count "$db")" 1 "cadres after the bad file"
assert_eq "$(run import "$good" --dry-run --config "$CONFIG" --db "$db")" 0 "dry run"
assert_contains "$(out)" "Có thể nhập 2 dòng"
assert_eq "$(count "$db")" 1 "cadres after the dry run"
assert_eq "$(run import "$good" --config "$CONFIG" --db "$db" --lang en)" 0 "the good file"
assert_contains "$(out)" "Imported 2 cadres"
assert_eq "$(run find "le thi hong nhung" --config "$CONFIG" --db "$db" --format csv)" 0 "find the imported cadre"
assert_contains "$(out)" "Lê Thị Hồng Nhung,1980-02-21,female,Kinh,Chủ tịch Hội Liên hiệp Phụ nữ phường,chair,27692,Phường Tân Khánh"
assert_contains "$(out)" ",master,intermediate,"
assert_eq "$(run find "tran van binh" --config "$CONFIG" --db "$db" --format csv)" 0 "find the other"
assert_contains "$(out)" ",Phó Bí thư Đảng ủy; Chủ tịch UBND xã,"
assert_contains "$(out)" ",university,advanced"

# ---- the same file again: duplicates, nothing added -----------------------------
assert_eq "$(run import "$good" --config "$CONFIG" --db "$db" --lang en)" 2 "importing twice"
assert_contains "$(err)" "danh-sach.csv:2: Họ và tên: Duplicate"
assert_eq "$(count "$db")" 3 "cadres after importing twice"

# ---- TCVN3 bytes: "Nguyễn Văn Đức", "Bí thư Đảng ủy phường", "Phường 1" -----
tcvn="$E2E_TMP/tcvn3.csv"
printf 'full_name,birth_date,gender,ethnicity,position,unit_code\r\n' >"$tcvn"
printf 'Nguy\324n V\250n \247\370c,1975-09-02,male,Kinh,B\335 th\255 \247\266ng \361y ph\255\352ng,27694\r\n' >>"$tcvn"
assert_eq "$(run import "$tcvn" --config "$CONFIG" --db "$db" --lang en)" 0 "a TCVN3 file"
assert_contains "$(out)" "TCVN3"
assert_eq "$(run find "nguyen van duc" --config "$CONFIG" --db "$db" --format csv)" 0 "find the TCVN3 cadre"
assert_contains "$(out)" "Nguyễn Văn Đức,1975-09-02,male,Kinh,Bí thư Đảng ủy phường"

# ---- database errors: 4 -------------------------------------------------------------
printf 'not a database at all, just some text\n' >"$E2E_TMP/junk.db"
assert_eq "$(run import "$good" --config "$CONFIG" --db "$E2E_TMP/junk.db")" 4 "not a database"

# ---- round trip: find --format csv into an empty database ----------------------------
# (which first gets the demo's party organisations; test_roundtrip.sh checks
# more of the round trip)
demo=$(demo_db 2000)
"$BIN" find --config "$CONFIG" --db "$demo" --format csv --limit 0 >"$E2E_TMP/all.csv" || fail "find csv"
"$BIN" init --config "$CONFIG" --db "$E2E_TMP/copy.db" >/dev/null || fail "init"
"$BIN" export --config "$CONFIG" --db "$demo" --kind org >"$E2E_TMP/orgs.csv" || fail "export org"
"$BIN" import --config "$CONFIG" --db "$E2E_TMP/copy.db" --kind org "$E2E_TMP/orgs.csv" >/dev/null ||
	fail "import org"
assert_eq "$(run import "$E2E_TMP/all.csv" --config "$CONFIG" --db "$E2E_TMP/copy.db")" 0 "import the demo list"
"$BIN" find --config "$CONFIG" --db "$E2E_TMP/copy.db" --format csv --limit 0 >"$E2E_TMP/back.csv"
csv_without id <"$E2E_TMP/all.csv" >"$E2E_TMP/a"
csv_without id <"$E2E_TMP/back.csv" >"$E2E_TMP/b"
cmp -s "$E2E_TMP/a" "$E2E_TMP/b" || { diff "$E2E_TMP/a" "$E2E_TMP/b" | head >&2; fail "round trip differs"; }

# ---- the terminal UI: menu 5, the import item, a bad then a good file --------------
cp "$demo" "$E2E_TMP/ui.db"
tmux_start 100 30 "$BIN" --config "$CONFIG" --db "$E2E_TMP/ui.db"
wait_for "Menu chính"
send 5
wait_for "Nhập cán bộ từ tệp CSV"
send G
send Enter
wait_for "Nhập cán bộ từ tệp CSV:"
send_text "$bad"
send Enter
wait_for "Số dòng có lỗi: 1/2"
assert_contains "$(screen)" "31/02/1980"
assert_contains "$(screen)" "Ngày sinh"
send Escape
wait_gone "Số dòng có lỗi"
send Enter
wait_for "Nhập cán bộ từ tệp CSV:"
send C-u
send_text "$good"
send Enter
wait_for "Có thể nhập 2 cán bộ"
send Enter
wait_for "Nhập 2 cán bộ từ"
# two cadres at once: Enter alone does nothing, the count typed imports
wait_for "Gõ số 2"
send Enter
wait_for "không có gì thay đổi"
assert_eq "$(count "$E2E_TMP/ui.db")" 2000 "cadres after Enter alone"
send Enter
wait_for "Gõ số 2"
send_text 2
send Enter
wait_for "Đã nhập 2 cán bộ"
assert_eq "$(run find "le thi hong nhung" --config "$CONFIG" --db "$E2E_TMP/ui.db" --format csv)" 0 \
	"the cadre imported in the UI"
# a file without a single note goes straight to the question
clean="$E2E_TMP/clean.csv"
printf 'full_name,birth_date,gender,ethnicity,position,pos_rank,unit_code\r\n' >"$clean"
printf 'Hà Thị Khiết,1979-11-20,female,Kinh,Phó Trưởng phòng Nội vụ,deputy-head,802\r\n' >>"$clean"
send Enter
wait_for "Nhập cán bộ từ tệp CSV:"
send C-u
send_text "$clean"
send Enter
wait_for "Nhập 1 cán bộ từ"
send n
wait_gone "Nhập 1 cán bộ từ"
assert_eq "$(count "$E2E_TMP/ui.db")" 2002 "cadres after answering no"
send Enter
wait_for "Nhập cán bộ từ tệp CSV:"
send Enter
wait_for "Nhập 1 cán bộ từ"
answer_yes
wait_for "Đã nhập 1 cán bộ"
assert_eq "$(count "$E2E_TMP/ui.db")" 2003 "cadres after the second import"
send q
wait_for "Menu chính"
send q
wait_exit
