#!/bin/sh
# The target panel and the cross-tab at 80x24, in Vietnamese and English:
# every target row has a label of its own (the full text of the selected
# one is on the status line), the target column stays while the unit
# columns scroll, and columns out of sight are marked on their side.
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"

# The target labels of the panel: the 15 rows under its column headers.
labels() { screen | sed -n '5,19p' | cut -c2-27 | sed 's/ *$//'; }

check_panel() { # LANG-ARGS: first-row full text, sixth-row full text, "Target"
	first=$1 sixth=$2 head=$3
	send t
	wait_for "$head "
	wait_for "$first"
	rows=$(labels)
	assert_eq "$(printf '%s\n' "$rows" | grep -c .)" 15 "target rows"
	assert_eq "$(printf '%s\n' "$rows" | sort | uniq -d)" "" "repeated target labels"
	assert_not_contains "$rows" "…" "target labels"
	# 17 unit columns, 4 in sight: the rest marked on the right.
	assert_contains "$(screen | sed -n 4p)" "▸13" "header of the target panel"
	send Down Down Down Down Down
	wait_for "$sixth"
	# Scrolled to the right: the target column stays, the hidden ones
	# on the left are counted.
	send Right Right Right Right Right
	wait_for "◂"
	assert_contains "$(screen | sed -n 4p)" "$head" "header after scrolling right"
	assert_eq "$(labels)" "$rows" "target labels after scrolling right"
	send End
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do send Right; done
	wait_for "◂13"
	assert_not_contains "$(screen | sed -n 4p)" "▸" "header at the last column"
	send t
}

check_crosstab() { # search word for education, "Doctorate" label, "Total"
	send x
	wait_for "/"
	send_text "$1"
	send Enter
	wait_for "▸2"
	assert_not_contains "$(screen | sed -n 4p)" "$2" "cross-tab header before scrolling"
	for i in 1 2 3 4 5 6 7; do send Right; done
	wait_for "◂2"
	assert_contains "$(screen | sed -n 4p)" "$2" "cross-tab header at its right end"
	assert_not_contains "$(screen | sed -n 4p)" "▸" "cross-tab header at its right end"
}

ui_start
wait_for "Menu chính"
send 2
wait_for "Dưới 30"
check_panel "Ban thường vụ, đảng đoàn, ban cán sự đảng hoàn thành tốt nhiệm vụ trở lên" \
	"Trưởng, phó phòng và tương đương trở lên có trình độ thạc sĩ trở lên" "Chỉ tiêu"
wait_for "Dưới 30"
check_crosstab "chuyên môn" "Tiến sĩ"
send F10
wait_exit
kill_server

ui_start --lang en
wait_for "Main menu"
send 2
wait_for "Under 30"
check_panel "Standing committees, party delegations and boards rated good or better" \
	"Department heads and deputies with a master's degree or above" "Target"
wait_for "Under 30"
check_crosstab "education" "Doctor"
send F10
wait_exit
echo "targets at 80 columns: ok"
