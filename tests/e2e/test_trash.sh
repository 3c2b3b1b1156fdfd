#!/bin/sh
# Deletes that can be undone: deleting a cadre with plans, items, notes,
# ratings and trainings in the terminal UI names all of them in its
# question; they leave every table at once; the trash screen puts them
# back, and so does `canbo restore`, byte for byte; `canbo trash purge`
# removes for good; a user without the edit right may do neither;
# `canbo delete` says the whole effect and moves it to the trash.
. "$(dirname "$0")/lib.sh"

db="$E2E_TMP/trash.db"
"$BIN" demo --config "$CONFIG" --db "$db" --cadres 400 --seed 11 >/dev/null || fail "demo build failed"
cli() { "$BIN" "$@" --config "$CONFIG" --db "$db"; }
q() { sqlite3 "$db" "$1"; }

# Every live row of the tables a cadre's records live in, values quoted
# (blobs in hex): equal dumps mean byte-identical tables.
dump() {
	for t in cadre plan plan_item plan_note rating training planning selfcheck; do
		echo "[$t]"
		cols=$(q "SELECT group_concat('quote(' || name || ')', ' || ''|'' || ') FROM pragma_table_info('$t')")
		q "SELECT $cols FROM $t ORDER BY rowid"
	done
}

# A cadre with a unique name and records of every kind but planning.
id=$(q "SELECT c.id FROM cadre c WHERE
	(SELECT count(*) FROM cadre d WHERE d.full_name = c.full_name) = 1 AND
	(SELECT count(*) FROM plan WHERE cadre_id = c.id) >= 2 AND
	(SELECT count(*) FROM training WHERE cadre_id = c.id) >= 1 AND
	(SELECT count(*) FROM rating WHERE cadre_id = c.id) >= 1 AND
	(SELECT count(*) FROM plan_note n JOIN plan_item i ON i.id = n.item_id
	 JOIN plan p ON p.id = i.plan_id WHERE p.cadre_id = c.id) >= 1
	ORDER BY c.id LIMIT 1")
[ -n "$id" ] || fail "no cadre with plans, notes, ratings and trainings in the demo"
name=$(q "SELECT full_name FROM cadre WHERE id = $id")
plans=$(q "SELECT count(*) FROM plan WHERE cadre_id = $id")
items=$(q "SELECT count(*) FROM plan_item i JOIN plan p ON p.id = i.plan_id WHERE p.cadre_id = $id")
notes=$(q "SELECT count(*) FROM plan_note n JOIN plan_item i ON i.id = n.item_id
	JOIN plan p ON p.id = i.plan_id WHERE p.cadre_id = $id")
ratings=$(q "SELECT count(*) FROM rating WHERE cadre_id = $id")
trainings=$(q "SELECT count(*) FROM training WHERE cadre_id = $id")
nrows=$(( 1 + plans + items + notes + ratings + trainings +
	$(q "SELECT count(*) FROM planning WHERE cadre_id = $id") +
	$(q "SELECT count(*) FROM selfcheck WHERE cadre_id = $id") ))
before=$(dump)
cadres=$(q "SELECT count(*) FROM cadre")
found_before=$(cli find "$name" --format csv | tail -n +2 | wc -l)
assert_eq "$found_before" 1 "cadres found by name before the delete"

# delete_in_ui: opens the record, asks to delete it, checks the question
# names every dependent, answers yes.
delete_in_ui() {
	tmux_start 120 30 "$BIN" --config "$CONFIG" --db "$db"
	wait_for "Menu chính"
	open_record "$name"
	send DC
	wait_for "Câu hỏi"
	# the text inside the dialog's frame, its lines joined
	question=$(screen | grep '│' | sed 's/^[^│]*│ *//; s/ *│.*$//' | paste -sd ' ')
	assert_contains "$question" "Xóa $name"
	assert_contains "$question" "cùng $plans kế hoạch, $items nội dung khắc phục, $notes ghi chép, $ratings lượt xếp loại, $trainings lượt bồi dưỡng" "the question"
	assert_contains "$question" "thùng rác và có thể khôi phục" "the question"
	answer_yes
	wait_for "Đã chuyển $name vào thùng rác."
	kill_server
	assert_eq "$(q "SELECT count(*) FROM cadre")" $((cadres - 1)) "cadres after the delete"
	assert_eq "$(q "SELECT count(*) FROM plan WHERE cadre_id = $id")" 0 "plans left"
	assert_eq "$(q "SELECT count(*) FROM rating WHERE cadre_id = $id")" 0 "ratings left"
	assert_eq "$(q "SELECT count(*) FROM training WHERE cadre_id = $id")" 0 "trainings left"
	assert_eq "$(q "SELECT count(*) FROM plan_item WHERE plan_id NOT IN (SELECT id FROM plan)")" 0 "orphan items"
	assert_eq "$(cli find "$name" --format csv 2>/dev/null | tail -n +2 | wc -l)" 0 "found by name after the delete"
	assert_eq "$(q "SELECT count(*) FROM trash_row")" "$nrows" "rows in the trash"
}

# ---- delete in the UI, restore from the trash screen ------------------------
delete_in_ui
audit_deletes=$(q "SELECT count(*) FROM audit WHERE action = 'delete' AND old IS NOT NULL")
assert_eq "$audit_deletes" "$nrows" "audit rows of the delete"

tmux_start 120 30 "$BIN" --config "$CONFIG" --db "$db"
wait_for "Menu chính"
send 8
wait_for "Thùng rác"
wait_for "$name"
assert_contains "$(screen)" "Bị xóa kèm theo: $plans kế hoạch"
send Enter
wait_for "Khôi phục Cán bộ $name"
answer_yes
wait_for "Đã khôi phục"
wait_for "Thùng rác trống."
kill_server
assert_eq "$(q "SELECT count(*) FROM cadre")" "$cadres" "cadres after the restore"
[ "$(dump)" = "$before" ] || fail "the tables after the restore differ from before the delete"
assert_eq "$(cli find "$name" --format csv | tail -n +2 | wc -l)" 1 "found by name after the restore"
assert_eq "$(q "SELECT count(*) FROM audit WHERE action = 'restore'")" "$nrows" "audit rows of the restore"

# ---- delete in the UI again, restore with the command -------------------------
delete_in_ui
out=$(cli trash --format csv)
assert_contains "$out" "$name"
tid=$(printf '%s\n' "$out" | sed -n 2p | cut -d, -f1)
out=$(cli trash)
assert_contains "$out" "$plans kế hoạch, $items nội dung khắc phục"
cli restore "$tid" >"$E2E_TMP/out" || fail "canbo restore failed"
assert_contains "$(cat "$E2E_TMP/out")" "Đã khôi phục mục $tid của thùng rác: Cán bộ $name cùng $plans kế hoạch"
[ "$(dump)" = "$before" ] || fail "the tables after canbo restore differ from before the delete"
cli restore "$tid" 2>"$E2E_TMP/err"
assert_eq "$?" 1 "exit status of restoring an entry no longer there"
assert_contains "$(cat "$E2E_TMP/err")" "Không có mục $tid trong thùng rác"

# ---- a user without the edit right may neither restore nor purge -------------
delete_in_ui
tid=$(cli trash --format csv | sed -n 2p | cut -d, -f1)
me=$(id -un)
cfg="$E2E_TMP/config"
cp -r "$CONFIG" "$cfg"
sed -i "s/^read =.*/read = $me/; s/^edit =.*/edit = chu-tich-xa/" "$cfg/canbo.ini"
"$BIN" restore "$tid" --config "$cfg" --db "$db" 2>"$E2E_TMP/err"
assert_eq "$?" 5 "exit status of a restore without the edit right"
"$BIN" trash purge "$tid" --config "$cfg" --db "$db" 2>"$E2E_TMP/err"
assert_eq "$?" 5 "exit status of a purge without the edit right"
assert_contains "$(cat "$E2E_TMP/err")" "không có quyền"
"$BIN" trash --config "$cfg" --db "$db" >/dev/null || fail "a reader could not list the trash"
assert_eq "$(q "SELECT count(*) FROM trash")" 1 "trash entries after refused changes"

# ---- purge: gone for good, audited ----------------------------------------------
cli trash purge 2>"$E2E_TMP/err"
assert_eq "$?" 2 "exit status of purge with nothing to purge named"
cli trash purge "$tid" >"$E2E_TMP/out" || fail "canbo trash purge failed"
assert_contains "$(cat "$E2E_TMP/out")" "Đã xóa hẳn mục $tid"
assert_eq "$(q "SELECT count(*) FROM trash")" 0 "trash entries after the purge"
assert_eq "$(q "SELECT count(*) FROM trash_row")" 0 "trash rows after the purge"
assert_eq "$(q "SELECT count(*) FROM audit WHERE action = 'purge' AND old IS NOT NULL")" "$nrows" "audit rows of the purge"
assert_eq "$(q "SELECT count(*) FROM cadre")" $((cadres - 1)) "cadres after the purge"
cli restore "$tid" 2>/dev/null
assert_eq "$?" 1 "exit status of restoring a purged entry"
cli trash purge --older-than 0 >"$E2E_TMP/out" || fail "purge --older-than failed"
assert_contains "$(cat "$E2E_TMP/out")" "Đã xóa hẳn 0 mục"

# ---- purge --expired: the age set in canbo.ini ----------------------------------
cli trash purge --expired 2>"$E2E_TMP/err"
assert_eq "$?" 3 "exit status of purge --expired without purge_after_days"
assert_contains "$(cat "$E2E_TMP/err")" "purge_after_days"
cp -r "$CONFIG" "$E2E_TMP/keep30"
sed -i 's/^purge_after_days = .*/purge_after_days = 30/' "$E2E_TMP/keep30/canbo.ini"
# two entries, deleted 40 and 10 days ago
q "INSERT INTO trash(id, at, user, tbl, row_id, summary) VALUES
     (901, datetime('now', '-40 days'), 'x', 'rating', 9001, 'old'),
     (902, datetime('now', '-10 days'), 'x', 'rating', 9002, 'recent');
   INSERT INTO trash_row(trash_id, seq, tbl, row_id, data) VALUES
     (901, 0, 'rating', 9001, '{\"id\":9001}'), (902, 0, 'rating', 9002, '{\"id\":9002}');"
"$BIN" trash purge --expired --config "$E2E_TMP/keep30" --db "$db" >"$E2E_TMP/out" ||
	fail "purge --expired failed"
assert_contains "$(cat "$E2E_TMP/out")" "Đã xóa hẳn 1 mục"
assert_eq "$(q "SELECT summary FROM trash")" "recent" "the entry left after purge --expired"

# ---- canbo delete: says the whole effect; --dry-run changes nothing ----------
# (the first cadre was purged above: take another with plans)
id2=$(q "SELECT cadre_id FROM plan WHERE cadre_id IS NOT NULL ORDER BY id LIMIT 1")
name2=$(q "SELECT full_name FROM cadre WHERE id = $id2")
before=$(dump)
out=$(cli delete cadre "$id2" --dry-run)
assert_contains "$out" "Sẽ chuyển vào thùng rác: Cán bộ $name2 cùng"
[ "$(dump)" = "$before" ] || fail "delete --dry-run changed the tables"
out=$(cli delete cadre "$id2")
assert_contains "$out" "Đã chuyển vào thùng rác thành mục"
assert_contains "$out" "kế hoạch"
assert_eq "$(q "SELECT count(*) FROM plan WHERE cadre_id = $id2")" 0 "plans left after canbo delete"
tid=$(cli trash --format csv | sed -n 2p | cut -d, -f1)
cli restore "$tid" >/dev/null || fail "restore after canbo delete"
[ "$(dump)" = "$before" ] || fail "the tables after delete and restore differ"
cli delete org 1 --dry-run 2>"$E2E_TMP/err"
assert_eq "$?" 2 "exit status of deleting an organisation with organisations under it"
assert_contains "$(cat "$E2E_TMP/err")" "Vẫn còn gắn với bản ghi này"
cli delete widget 1 2>/dev/null
assert_eq "$?" 2 "exit status of an unknown kind"

# ---- an organisation with organisations under it stays, and says why --------
orgs=$(q "SELECT count(*) FROM org")
tmux_start 120 30 "$BIN" --config "$CONFIG" --db "$db"
wait_for "Menu chính"
send 4
wait_for "Xếp loại"
send Home DC
wait_for "Chưa xóa"
assert_contains "$(screen | grep '│' | sed 's/^[^│]*│ *//; s/ *│.*$//' | paste -sd ' ')" \
	"Vẫn còn gắn với bản ghi này:" "the refusal"
kill_server
assert_eq "$(q "SELECT count(*) FROM org")" "$orgs" "organisations after a refused delete"

# ---- Del on a training line of a record deletes that training only ------------
id3=$(q "SELECT c.id FROM cadre c WHERE
	(SELECT count(*) FROM cadre d WHERE d.full_name = c.full_name) = 1 AND
	(SELECT count(*) FROM training WHERE cadre_id = c.id) >= 1 ORDER BY c.id LIMIT 1")
name3=$(q "SELECT full_name FROM cadre WHERE id = $id3")
trainings3=$(q "SELECT count(*) FROM training WHERE cadre_id = $id3")
before=$(dump)
tmux_start 120 30 "$BIN" --config "$CONFIG" --db "$db"
wait_for "Menu chính"
open_record "$name3"
send 3
wait_for "3 Bồi dưỡng"
send DC
wait_for "Câu hỏi"
assert_contains "$(screen | grep '│' | sed 's/^[^│]*│ *//; s/ *│.*$//' | paste -sd ' ')" \
	"Xóa Bồi dưỡng: $name3, " "the question for a training"
answer_yes
wait_for "vào thùng rác."
kill_server
assert_eq "$(q "SELECT count(*) FROM training WHERE cadre_id = $id3")" $((trainings3 - 1)) "trainings after deleting one"
assert_eq "$(q "SELECT count(*) FROM cadre WHERE id = $id3")" 1 "the cadre after deleting a training"
tid=$(cli trash --format csv | sed -n 2p | cut -d, -f1)
cli restore "$tid" >/dev/null || fail "restore of a training"
[ "$(dump)" = "$before" ] || fail "the tables after restoring a training differ"

# ---- purge from the trash screen: asked, then gone for good ---------------------
trow=$(q "SELECT min(id) FROM training WHERE cadre_id = $id3")
cli delete training "$trow" >/dev/null || fail "canbo delete training"
purges=$(q "SELECT count(*) FROM audit WHERE action = 'purge'")
entries=$(q "SELECT count(*) FROM trash")
tmux_start 120 30 "$BIN" --config "$CONFIG" --db "$db"
wait_for "Menu chính"
send 8
wait_for "Bị xóa kèm theo"
send DC
wait_for "Câu hỏi"
assert_contains "$(screen | grep '│' | sed 's/^[^│]*│ *//; s/ *│.*$//' | paste -sd ' ')" \
	"Xóa hẳn Bồi dưỡng $name3" "the purge question"
send n
wait_gone "Câu hỏi"
assert_eq "$(q "SELECT count(*) FROM trash")" "$entries" "trash entries after answering no"
send DC
wait_for "Câu hỏi"
answer_yes
wait_for "Đã xóa hẳn: Bồi dưỡng $name3"
kill_server
assert_eq "$(q "SELECT count(*) FROM trash")" $((entries - 1)) "trash entries after the purge"
assert_eq "$(q "SELECT count(*) FROM audit WHERE action = 'purge'")" $((purges + 1)) "audit rows of the purge"
assert_eq "$(q "SELECT count(*) FROM training WHERE id = $trow")" 0 "the purged training"
echo "trash: $nrows rows deleted, restored twice and purged"
