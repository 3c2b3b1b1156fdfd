#!/bin/sh
# The cadre form at 80x24 shows and edits the fields of the coded lists
# (lists.ini): an edit sets a religion and a state-management level and
# they are saved; a new cadre is entered with an ethnic group of the
# official list, a religion, general education and IT level, and `canbo
# show` reads them back.
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"

# pick FILTER LABEL: opens the current field's pick-list, narrows it and
# takes the choice
pick() {
	send F4
	wait_for "/ "
	send_text "$1"
	wait_for "▸$2"
	send Enter
	wait_gone "/ $1"
}
# tabs N: moves N fields on
tabs() {
	i=0
	while [ $i -lt "$1" ]; do send Tab; i=$((i + 1)); done
}

pick_cadre "dang thi"
[ -n "$id" ] || fail "no cadre to edit"
ui_start
wait_for "Menu chính"
open_record "$name"

# ---- an edit: the fields follow political theory (the 12th) -----------------
send F4
wait_for "F2: lưu"
for label in "Tôn giáo" "Học hàm" "Giáo dục phổ thông" "Quản lý nhà nước" "Ngoại ngữ" "Tin học"; do
	assert_contains "$(screen)" "$label" "the form at 80x24"
done
tabs 12
wait_for "Mục 13/"
pick "cong" "Công giáo"
tabs 3
wait_for "Mục 16/"
pick "cao cap" "Chuyên viên cao cấp"
send F2
wait_for "Đã lưu: $name"
after=$(show)
assert_eq "$(json_field "$after" religion)" "3" "religion after the save"
assert_eq "$(json_field "$after" state_management)" "3" "state management after the save"
send Escape
wait_for "cán bộ   Lọc"

# ---- a new cadre ------------------------------------------------------------
send IC
wait_for "F2: lưu"
send_text "Lò Thị Mới"
send Tab
send_text "02/01/1980"
send Tab
pick "nu" "Nữ"
send Tab
pick "kho mu" "Khơ Mú"
send Tab
pick "phuong 5" "Phường 5"
tabs 2
send_text "Phó Chủ tịch UBND phường"
send Tab
pick "pho chu tich" "Phó Chủ tịch"
tabs 3
pick "dai hoc" "Đại học"
send Tab
pick "trung cap" "Trung cấp"
send Tab
pick "phat" "Phật giáo"
tabs 2
pick "12/12" "12/12"
tabs 3
pick "nang cao" "Nâng cao"
send F2
wait_for "Đã lưu: Lò Thị Mới"
found=$("$BIN" find --config "$CONFIG" --db "$db" "Lò Thị Mới" --format json --limit 1)
id=$(json_field "$found" id)
[ -n "$id" ] || fail "the new cadre is not found"
rec=$(show)
assert_eq "$(json_field "$rec" ethnicity)" "Khơ Mú" "ethnicity"
assert_eq "$(json_field "$rec" religion)" "2" "religion"
assert_eq "$(json_field "$rec" general_education)" "1" "general education"
assert_eq "$(json_field "$rec" it_level)" "2" "IT level"
assert_eq "$(json_field "$rec" academic_title)" "" "academic title left unrecorded"
assert_eq "$(json_field "$rec" state_management)" "" "state management left unrecorded"
send F10
wait_exit
echo ok
