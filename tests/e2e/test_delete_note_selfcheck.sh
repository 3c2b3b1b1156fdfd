#!/bin/sh
# A progress note (F8 in a plan) and a monthly self-check (Del on its line
# in the record's remediation section) can be deleted in the interface.
# The question names what goes and says it goes to the trash; it starts
# on No, so Enter deletes nothing; a deliberate yes moves the record to
# the trash, and `canbo restore` brings it back as it was.
. "$(dirname "$0")/lib.sh"

db="$E2E_TMP/del.db"
"$BIN" demo --config "$CONFIG" --db "$db" --cadres 400 --seed 11 >/dev/null || fail "demo build failed"
cli() { "$BIN" "$@" --config "$CONFIG" --db "$db"; }
q() { sqlite3 "$db" "$1"; }
# the text inside the question's frame, its lines joined
question() { screen | grep '│' | sed 's/^[^│]*│ *//; s/ *│.*$//' | paste -sd ' '; }

# A cadre with a unique name and no plan or self-check of its own yet.
id=$(q "SELECT c.id FROM cadre c WHERE
	(SELECT count(*) FROM cadre d WHERE d.full_name = c.full_name) = 1 AND
	NOT EXISTS (SELECT 1 FROM plan WHERE cadre_id = c.id) AND
	NOT EXISTS (SELECT 1 FROM selfcheck WHERE cadre_id = c.id)
	ORDER BY c.id LIMIT 1")
[ -n "$id" ] || fail "no cadre without plans in the demo"
name=$(q "SELECT full_name FROM cadre WHERE id = $id")
pid=$(cli plans add --cadre "$id" --year 2024 --adopted 15/01/2025) || fail "plans add"
iid=$(cli plans item "$pid" --shortcoming "Chưa sâu sát cơ sở" --deadline 30/09/2025) ||
	fail "plans item"
cli plans note "$iid" "Đã họp chi bộ kiểm điểm" >/dev/null || fail "plans note"
cli selfcheck record "$id" --note "Không có biểu hiện" >/dev/null || fail "selfcheck record"
note_before=$(q "SELECT quote(id), quote(item_id), quote(noted_on), quote(author), quote(text) FROM plan_note WHERE item_id = $iid")
check_before=$(q "SELECT quote(id), quote(cadre_id), quote(month), quote(flagged), quote(note) FROM selfcheck WHERE cadre_id = $id")

tmux_start 100 30 "$BIN" --config "$CONFIG" --db "$db"
wait_for "Menu chính"
open_record "$name"
send 5
wait_for "Tự kiểm tra"
wait_for "06/2025"

# ---- the self-check: Del on its line -------------------------------------------
send End
send DC
wait_for "Câu hỏi"
assert_contains "$(question)" "Xóa Tự kiểm tra: $name, 2025-06?" "the self-check question"
assert_contains "$(question)" "thùng rác và có thể khôi phục" "the self-check question"
send Enter # the question starts on No
wait_gone "Câu hỏi"
assert_eq "$(q "SELECT count(*) FROM selfcheck WHERE cadre_id = $id")" 1 "self-checks after Enter"
send DC
wait_for "Câu hỏi"
answer_yes
wait_for "Đã chuyển Tự kiểm tra: $name, 2025-06 vào thùng rác."
assert_eq "$(q "SELECT count(*) FROM selfcheck WHERE cadre_id = $id")" 0 "self-checks after yes"
wait_gone "06/2025"

# ---- the progress note: F8 in the plan --------------------------------------------
send Home Enter
wait_for "Kế hoạch khắc phục"
send Enter
wait_for "Chưa sâu sát cơ sở"
wait_for "Đã họp chi bộ kiểm điểm"
send F8
wait_for "Câu hỏi"
assert_contains "$(question)" "Xóa Ghi chép tiến độ:" "the note question"
assert_contains "$(question)" "Đã họp chi bộ kiểm điểm?" "the note question"
assert_contains "$(question)" "thùng rác và có thể khôi phục" "the note question"
send Enter
wait_gone "Câu hỏi"
assert_eq "$(q "SELECT count(*) FROM plan_note WHERE item_id = $iid")" 1 "notes after Enter"
send F8
wait_for "Câu hỏi"
answer_yes
wait_for "vào thùng rác."
assert_eq "$(q "SELECT count(*) FROM plan_note WHERE item_id = $iid")" 0 "notes after yes"
send F10
wait_exit
kill_server

# ---- both come back with canbo restore ----------------------------------------------
out=$(cli trash --format csv)
assert_contains "$out" "Ghi chép tiến độ"
assert_contains "$out" "Tự kiểm tra"
for tid in $(printf '%s\n' "$out" | tail -n +2 | cut -d, -f1); do
	cli restore "$tid" >/dev/null || fail "canbo restore $tid"
done
assert_eq "$(q "SELECT quote(id), quote(item_id), quote(noted_on), quote(author), quote(text) FROM plan_note WHERE item_id = $iid")" \
	"$note_before" "the note after canbo restore"
assert_eq "$(q "SELECT quote(id), quote(cadre_id), quote(month), quote(flagged), quote(note) FROM selfcheck WHERE cadre_id = $id")" \
	"$check_before" "the self-check after canbo restore"
