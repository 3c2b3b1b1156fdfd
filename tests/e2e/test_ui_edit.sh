#!/bin/sh
# Find a cadre, open the record, fix the education level and see it saved
# (canbo show) and in the history, dated on the local clock; cancel an
# edit; refuse 31/02; delete.
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"

pick_cadre "dang thi"
[ -n "$id" ] || fail "no cadre to edit"
before=$(show)
edu=$(json_field "$before" education)
if [ "$edu" = master ]; then target=doctor pick="tien si" label="Tiến sĩ"
else target=master pick="thac" label="Thạc sĩ"; fi

# Vietnam's zone (UTC+7) written the POSIX way: the history must show the
# office's clock, not the UTC the audit trail stores.
TEST_TZ=ICT-7
ui_start
wait_for "Menu chính"
open_record "$name"
assert_contains "$(screen)" "$name"

# edit (F4): the education field is the 11th; F4 opens its pick-list
send F4
wait_for "F2: lưu"
i=0
while [ $i -lt 10 ]; do send Tab; i=$((i + 1)); done
send F4
wait_for "/ "
send_text "$pick"
send Enter
wait_for "$label"
t0=$(TZ=ICT-7 date '+%d/%m/%Y %H:%M')
send F2
wait_for "Đã lưu: $name"
t1=$(TZ=ICT-7 date '+%d/%m/%Y %H:%M')
after=$(show)
assert_eq "$(json_field "$after" education)" "$target" "education after the save"
assert_eq "$(json_field "$after" full_name)" "$name" "name after the save"

# the change is in the history
send 6
wait_for "6 Lịch sử"
wait_for "→ $label"
case "$(screen)" in
*"$t0"*|*"$t1"*) ;;
*) screen >&2; fail "the history is not dated $t0 (local time)";;
esac

# cancel: the typed change is thrown away after the question
send F4
wait_for "F2: lưu"
send End
send_text " Sai"
send Escape
wait_for "Bỏ các thay đổi"
answer_yes
wait_for "1 Chung"
assert_eq "$(json_field "$(show)" full_name)" "$name" "name after a cancelled edit"

# 31/02 is refused with a message, nothing is written
send F4
wait_for "F2: lưu"
send Tab
send C-u
send_text "31/02/1980"
send F2
wait_for "không phải là ngày có thật"
assert_eq "$(json_field "$(show)" birth_date)" "$(json_field "$before" birth_date)" "birth date"
send Escape
wait_for "Bỏ các thay đổi"
answer_yes
wait_for "1 Chung"

# delete asks first, starting on "Không": n, Enter, and letters that
# once meant yes (y, c - the end of a typed "duc") all keep the record;
# only moving to "Có" and Enter moves it to the trash
send Delete
wait_for "Câu hỏi"
assert_contains "$(screen | grep '│' | sed 's/^[^│]*│ *//; s/ *│.*$//' | paste -sd ' ')" \
	"chuyển vào thùng rác và có thể khôi phục" "the delete question"
send n
wait_for "1 Chung"
send Delete
wait_for "thùng rác"
send Enter
wait_for "1 Chung"
send Delete
wait_for "thùng rác"
send y c Y C
sleep 0.5
assert_contains "$(screen)" "thùng rác" "the question after y and c"
send Escape
wait_for "1 Chung"
# keys typed before the question was drawn are thrown away: Left and
# Enter sent together with Del do not answer it
send Delete Left Enter
wait_for "thùng rác"
sleep 0.5
assert_contains "$(screen)" "thùng rác" "the question after keys typed ahead"
send Escape
wait_for "1 Chung"
show >/dev/null || fail "the record went away without a deliberate yes"
send Delete
wait_for "Câu hỏi"
assert_contains "$(screen | grep '│' | sed 's/^[^│]*│ *//; s/ *│.*$//' | paste -sd ' ')" \
	"chuyển vào thùng rác và có thể khôi phục" "the delete question"
answer_yes
wait_for "Đã chuyển $name vào thùng rác"
if show >/dev/null 2>&1; then fail "the record is still there"; fi
send Escape
wait_for "Menu chính"
send q
wait_exit
