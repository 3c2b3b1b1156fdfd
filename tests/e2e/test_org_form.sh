#!/bin/sh
# Party organisations are added and edited in a form (Ins, F4 on the
# organisations screen): the new one is saved under the organisation that
# was selected, with its kind and unit; an edit interrupted by a hang-up
# is offered at the next start with what was typed, and saved at the
# version it started from.
. "$(dirname "$0")/lib.sh"

export XDG_STATE_HOME="$E2E_TMP/state"
db=$(demo_db)
q() { sqlite3 -cmd ".timeout 5000" "$db" "$1"; }
top=$(q "SELECT id FROM org WHERE parent_id IS NULL ORDER BY id LIMIT 1")
top_name=$(q "SELECT name FROM org WHERE id = $top")
orgs=$(q "SELECT count(*) FROM org")

# ---- a new organisation under the one selected (the first: the top) -------------
ui_start
wait_for "Menu chính"
send 4
wait_for "Xếp loại"
send IC
wait_for "Thêm tổ chức đảng"
assert_contains "$(screen)" "$top_name" "the parent proposed"
send_text "Chi bộ Thử biểu mẫu"
send Tab F4
wait_for "Loại"
send_text "chi bo"
send Enter
wait_for "Chi bộ Thử biểu mẫu"
send F2
wait_for "Đã lưu: Chi bộ Thử biểu mẫu."
assert_eq "$(q "SELECT count(*) FROM org")" "$((orgs + 1))" "organisations after the save"
id=$(q "SELECT id FROM org WHERE name = 'Chi bộ Thử biểu mẫu'")
[ -n "$id" ] || fail "the new organisation is not in the database"
assert_eq "$(q "SELECT parent_id || ' ' || kind FROM org WHERE id = $id")" "$top 7" "its parent and kind"
version=$(q "SELECT version FROM org WHERE id = $id")

# ---- an edit, interrupted by a hang-up, restored and saved -----------------------
send_text "thu bieu mau" # typed at the list: jumps to it
i=0
until screen | grep -q "▸.*Chi bộ Thử biểu mẫu"; do
	i=$((i + 1))
	[ $i -lt 150 ] || { screen >&2; fail "the new organisation is not selected"; }
	sleep 0.1
done
send F4
wait_for "Sửa: Chi bộ Thử biểu mẫu"
send End
send_text " (đổi tên)"
wait_for "(đổi tên)"
kill -HUP "$(app_pid)"
wait_exit
kill_server
assert_eq "$(q "SELECT name FROM org WHERE id = $id")" "Chi bộ Thử biểu mẫu" "the name after the hang-up"
ui_start
wait_for "Khôi phục lại?"
assert_contains "$(screen | tr -s ' \n' ' ')" "biểu mẫu tổ chức đảng" "the offer"
answer_yes
wait_for "Sửa: Chi bộ Thử biểu mẫu"
wait_for "(đổi tên)"
send F2
wait_for "Đã lưu: Chi bộ Thử biểu mẫu (đổi tên)."
assert_eq "$(q "SELECT name FROM org WHERE id = $id")" "Chi bộ Thử biểu mẫu (đổi tên)" "the restored name, saved"
assert_eq "$(q "SELECT version FROM org WHERE id = $id")" "$((version + 1))" "the version after the edit"
send F10
wait_exit
kill_server
assert_eq "$(q "SELECT count(*) FROM draft")" 0 "drafts left"
