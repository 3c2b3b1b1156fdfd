#!/bin/sh
# A dropped connection while editing an action-plan item: nothing is saved,
# the values typed are kept as a draft, the next start offers them back and
# the restored edit saves normally.
. "$(dirname "$0")/lib.sh"

db=$(demo_db)
cli() { "$BIN" "$@" --config "$CONFIG" --db "$db"; }
cid=$(cli find --format csv --limit 1 | tr -d '\r' | sed -n 2p | cut -d, -f1)
pid=$(cli plans add --cadre "$cid" --year 2023 --adopted 15/01/2024) || fail "plans add"
iid=$(cli plans item "$pid" --shortcoming "Chưa sâu sát cơ sở" --deadline 30/09/2025) ||
	fail "plans item"

ui_start
wait_for "Menu chính"
send 3
wait_for "Kế hoạch khắc phục - năm"
send "[" "["
wait_for "Kế hoạch khắc phục - năm 2023"
send Enter
wait_for "Kế hoạch khắc phục năm 2023"
send Enter
wait_for "Sửa nội dung"
send End
send_text " (bổ sung)"
wait_for "Chưa sâu sát cơ sở (bổ sung)"
kill -HUP "$(app_pid)"
wait_exit
cli plans show "$pid" >"$E2E_TMP/show"
assert_not_contains "$(cat "$E2E_TMP/show")" "(bổ sung)" "nothing saved by the hangup"

kill_server
ui_start
wait_for "Khôi phục lại?"
answer_yes
wait_for "Chưa sâu sát cơ sở (bổ sung)"
send F2
wait_for "Đã lưu nội dung."
cli plans show "$pid" >"$E2E_TMP/show"
assert_contains "$(cat "$E2E_TMP/show")" "Chưa sâu sát cơ sở (bổ sung)" "the restored edit is saved"
send F10
wait_exit
echo "plans hangup ok"
