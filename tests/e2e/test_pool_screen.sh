#!/bin/sh
# The planning pool by title: from the main menu, each title's heading with
# n of 3, the cadres under it as `canbo pool list` has them, the ratios on
# the status line; Enter opens the record, typing a name finds it.
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"
db=$(demo_db)
run() { "$BIN" --config "$CONFIG" --db "$db" "$@"; }

first=$(run pool list --format csv | awk -F, 'NR == 2 { print $5 "|" $6 "|" $3 }')
[ -n "$first" ] || fail "the demo has no planning pool"
id=${first%%|*} rest=${first#*|}
name=${rest%%|*} unit=${rest#*|}
n=$(run pool list --format csv | awk -F, -v u="$unit" 'NR > 1 && $3 == u && $4 == "'"$(run pool list --format csv | awk -F, 'NR == 2 { print $4 }')"'"' | wc -l)
total=$(run pool list --format csv | awk -F, 'NR > 1 { print $5 }' | sort -u | wc -l)

ui_start
wait_for "Menu chính"
assert_contains "$(screen)" "Quy hoạch theo chức danh"
send 0
wait_for "Quy hoạch theo chức danh"
wait_for "$name"
assert_contains "$(screen)" "· $unit · 2025-2030: $n/3" "the first title's heading, n of 3"
# the ratios come once every title is read, when the keyboard rests
wait_for "$total cán bộ"
send Down # from the heading to its first cadre
send Enter
wait_for "1 Chung"
assert_contains "$(screen)" "$name"
send Escape
wait_for "Quy hoạch theo chức danh"
# typing a name finds it: the given name of the last cadre of the list
last=$(run pool list --format csv | tail -1 | cut -d, -f6)
given=${last##* }
send_text "$given"
wait_for "Tìm: $given"
screen | grep "▸" | grep -q "$given" || { screen >&2; fail "the selection is not on a $given"; }
assert_not_contains "$(screen)" "không có" "the search found someone"
send Escape
send F10
wait_exit
echo "pool screen: ok"
