#!/bin/sh
# Typing a name at a list searches and does nothing else: thirty common
# Vietnamese names typed plain (no prefix key) into the cadre list, the
# action-plans list and the party organisations change no record and add
# nothing to the audit trail - "duc" no longer opens a delete that its "c"
# confirms, "nguyen" no longer opens an edit, "cc" no longer carries a
# year over. What is typed shows on the search line.
. "$(dirname "$0")/lib.sh"

db=$(demo_db)
names="duc duy dich nguyen tran hoang le pham vo dang bui do ho ngo duong
ly an binh cuong dung giang hai hung khanh long minh nam phuc quang son
thanh trung tuan viet xuan yen cc dd"

# counts: one line per table (rows), the audit and drafts included
counts() {
	for t in $(sqlite3 "$db" "SELECT name FROM sqlite_master WHERE type = 'table'
		AND name NOT LIKE 'cadre_fts%' AND name <> 'name_word' ORDER BY name"); do
		printf '%s %s\n' "$t" "$(sqlite3 "$db" "SELECT count(*) FROM $t")"
	done
}
before=$(counts)
[ -n "$(printf '%s\n' "$before" | grep '^plan_item [1-9]')" ] || fail "the demo has no plan items"
audit_max=$(sqlite3 "$db" "SELECT coalesce(max(id), 0) FROM audit")

# type_names PROMPT: types every name at the list on screen; each shows on
# the search line (after PROMPT); Esc clears it for the next
type_names() {
	for n in $names; do
		send_text "$n"
		wait_for "$1 $n"
		case "$(screen)" in *"Câu hỏi"*|*"F2: lưu"*|*"Gõ số"*)
			screen >&2; fail "typing '$n' opened a dialog or a form";; esac
		send Escape
		wait_gone "$1 $n"
	done
}

ui_start
wait_for "Menu chính"
send 1
wait_for "cán bộ   Lọc"
type_names "Tìm: "
send Escape
wait_for "Menu chính"

send 3
wait_for "Xong"
type_names "Tìm:"
send Escape
wait_for "Menu chính"

send 4
wait_for "xếp loại năm"
type_names "Tìm:"
send Escape
wait_for "Menu chính"
send q
wait_exit

after=$(counts)
assert_eq "$after" "$before" "record counts after typing names"
assert_eq "$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE id > $audit_max")" 0 "new audit rows"
echo "names typed at lists change nothing"
