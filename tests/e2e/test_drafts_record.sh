#!/bin/sh
# The forms that add to a cadre's record keep their draft when the
# connection drops: a training and a planning entry typed, then SIGHUP;
# the next start offers each over the cadre's record with what was typed,
# and it saves. Nothing is written by the hang-up itself; Esc in such a
# form asks before throwing away what was typed; the filter form of the
# cadre list asks too, and leaves the list as it was.
. "$(dirname "$0")/lib.sh"

export XDG_STATE_HOME="$E2E_TMP/state"
pick_cadre "dang thi"
[ -n "$id" ] || fail "no cadre"
q() { sqlite3 -cmd ".timeout 5000" "$db" "$1"; }
count() { q "SELECT count(*) FROM $1 WHERE cadre_id = $id"; }

# hangup_restart WHAT: SIGHUP, then a new start offers the draft of WHAT
hangup_restart() {
	kill -HUP "$(app_pid)"
	wait_exit
	kill_server
	ui_start
	wait_for "Khôi phục lại?"
	assert_contains "$(screen | tr -s ' \n' ' ')" "$1" "the offer"
}

# ---- a training ---------------------------------------------------------------
trainings=$(count training)
ui_start
wait_for "Menu chính"
open_record "$name"
send C-t
wait_for "Thêm bồi dưỡng: $name"
send Tab Tab
send_text "Lớp nháp về công tác tổ chức"
wait_for "Lớp nháp về công tác tổ chức"
hangup_restart "lượt bồi dưỡng"
assert_eq "$(count training)" "$trainings" "trainings saved by the hang-up"
answer_yes
wait_for "Thêm bồi dưỡng: $name"
wait_for "Lớp nháp về công tác tổ chức"
send F2
wait_for "Đã lưu bồi dưỡng."
assert_eq "$(count training)" "$((trainings + 1))" "trainings after the restored save"
assert_eq "$(q "SELECT count(*) FROM training WHERE cadre_id = $id AND course = 'Lớp nháp về công tác tổ chức'")" 1 \
	"the restored course"
send F10
wait_exit
kill_server

# ---- a planning entry ---------------------------------------------------------
plannings=$(count planning)
ui_start
wait_for "Menu chính"
open_record "$name"
send C-p
wait_for "Thêm quy hoạch: $name"
send Tab
send_text "Phó Bí thư nháp"
wait_for "Phó Bí thư nháp"
hangup_restart "mục quy hoạch"
assert_eq "$(count planning)" "$plannings" "planning entries saved by the hang-up"
answer_yes
wait_for "Thêm quy hoạch: $name"
wait_for "Phó Bí thư nháp"
send F2
wait_for "Đã lưu quy hoạch."
assert_eq "$(q "SELECT count(*) FROM planning WHERE cadre_id = $id AND position = 'Phó Bí thư nháp' AND term = '2025-2030'")" 1 \
	"the restored planning entry"

# ---- Esc asks before throwing a typed training away ---------------------------
send C-t
wait_for "Thêm bồi dưỡng: $name"
send Tab Tab
send_text "Bỏ đi"
wait_for "Bỏ đi"
send Escape
wait_for "Bỏ các thay đổi trong biểu mẫu này?"
send Enter # No is where it starts: the form stays
wait_gone "Bỏ các thay đổi trong biểu mẫu này?"
assert_contains "$(screen)" "Bỏ đi" "the form after answering no"
send Escape
wait_for "Bỏ các thay đổi trong biểu mẫu này?"
answer_yes
wait_for "1 Chung"
assert_eq "$(count training)" "$((trainings + 1))" "trainings after a discarded form"

# ---- the filter form asks before discarding the conditions chosen -------------
send Escape # the restored form's record was opened from the main menu
wait_for "Menu chính"
send 1
wait_for "cán bộ   Lọc"
send F7
wait_for "Lọc danh sách cán bộ"
send Tab Tab Tab Right
send Escape
wait_for "Bỏ các thay đổi trong biểu mẫu này?"
answer_yes
wait_for "cán bộ   Lọc"
assert_not_contains "$(screen)" "Lọc danh sách cán bộ" "the filter form after discarding"
send F10
wait_exit
kill_server
assert_eq "$(q "SELECT count(*) FROM draft")" 0 "drafts left after they were all offered"
