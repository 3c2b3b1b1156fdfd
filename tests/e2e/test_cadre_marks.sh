#!/bin/sh
# Marks in the cadre list: + marks every cadre of the list (all of them,
# not only the rows on screen), \ unmarks, * inverts; after a search, +
# marks exactly the cadres found, and Ctrl-T adds one training to all of
# them after a question naming the count - then `canbo export --kind
# training` and the audit hold one row per marked cadre, no more.
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"
db=$(demo_db)
run() { "$BIN" --config "$CONFIG" --db "$db" "$@"; }
count_csv() { python3 -c 'import csv, sys; print(sum(1 for _ in csv.DictReader(sys.stdin)))'; }
word="Thuận"
course="Lớp thử việc đánh dấu"

total=$(run find --format csv --limit 0 | count_csv)
run find "$word" --format csv --limit 0 | tr -d '\r' >"$E2E_TMP/found.csv"
k=$(count_csv <"$E2E_TMP/found.csv")
[ "$k" -ge 3 ] || fail "the demo has $k cadres named $word"
trainings_before=$(run audit --format csv --limit 0 | grep -c ',training,')

UI_COLS=120 UI_ROWS=30 ui_start
wait_for "Menu chính"
send 1
wait_for "cán bộ   Lọc"
send +
wait_for "đã đánh dấu: $total"
send '\'
wait_gone "đã đánh dấu"
send '*'
wait_for "đã đánh dấu: $total"
send '*'
wait_gone "đã đánh dấu"
# Ctrl-Space marks the selected row and moves down; a marked row shows ✓
send C-Space
send C-Space
wait_for "đã đánh dấu: 2"
[ "$(screen | grep -c '^✓')" = 2 ] || { screen >&2; fail "two rows should show their mark"; }
send '\'
wait_gone "đã đánh dấu"

# a search, then every cadre it found
send_text "$word"
wait_for "1/$k cán bộ"
send Enter
send +
wait_for "đã đánh dấu: $k"
send C-t
wait_for "Năm bồi dưỡng"
send Enter
wait_for "Loại bồi dưỡng"
send Enter
wait_for "Khóa học"
send_text "$course"
send Enter
wait_for "cho $k cán bộ?"
answer_yes
wait_for "Đã thêm khóa bồi dưỡng cho $k cán bộ."
send Down
wait_gone "đã đánh dấu"
send F10
wait_exit

# exactly the cadres found got the training, once each
run export --kind training --format csv | tr -d '\r' >"$E2E_TMP/t.csv"
got=$(awk -F, -v c="$course" '$7 == c { print $1 }' "$E2E_TMP/t.csv" | sort)
want=$(python3 -c 'import csv, sys; [print(r["id"]) for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))]' "$E2E_TMP/found.csv" | sort)
assert_eq "$got" "$want" "the cadres given the training"
after=$(run audit --format csv --limit 0 | grep -c ',training,')
assert_eq $((after - trainings_before)) "$k" "new training rows in the audit"
echo "cadre list marks: ok"
