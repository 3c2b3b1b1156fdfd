#!/bin/sh
# The new-cadre form offers the position rank from the position's words,
# by the rule an import without a pos_rank column reads them by; a rank
# the user chose is kept whatever the position says. 80x24, Vietnamese
# and English.
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"

rank_line() { screen | grep "^ $1"; }

check() { # menu, form title, rank label, deputy secretary, chair, head, discard
	menu=$1 title=$2 rank=$3 deputy=$4 chair=$5 head=$6 discard=$7
	shift 7
	ui_start "$@"
	wait_for "$menu"
	send 1
	wait_for "/2000"
	send IC
	wait_for "$title"
	send Tab Tab Tab Tab
	send F4
	wait_for "/ "
	send_text "Mỹ Yên"
	wait_for "▸Xã Mỹ Yên, Huyện Bến Lức"
	send Enter
	wait_gone "▸Xã Mỹ Yên"
	# The position (seventh field): its words give the rank.
	send Tab Tab
	assert_not_contains "$(rank_line "$rank")" "$deputy" "rank before a position"
	send_text "Phó Bí thư Đảng ủy xã"
	wait_for "Đảng ủy xã"
	assert_contains "$(rank_line "$rank")" "$deputy" "rank offered for a deputy secretary"
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22; do send BSpace; done
	send_text "Chủ tịch UBND xã"
	wait_for "UBND xã"
	assert_contains "$(rank_line "$rank")" "$chair" "rank offered for a chair"
	# A rank chosen by hand stays when the position changes.
	send Tab
	send F4
	wait_for "/ "
	send_text "$head"
	wait_for "▸$head"
	send Enter
	wait_gone "▸$head"
	send BTab
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do send BSpace; done
	send_text "Bí thư Chi bộ"
	wait_for "Bí thư Chi bộ"
	assert_contains "$(rank_line "$rank")" "$head" "rank chosen by hand"
	send Escape
	wait_for "$discard"
	answer_yes
	wait_for "/2000"
	send F10
	wait_exit
	kill_server
}

check "Menu chính" "Thêm cán bộ" "Cấp chức vụ" "Phó Bí thư" "Chủ tịch" \
	"Trưởng phòng và tương đương" "Bỏ các thay đổi"
check "Main menu" "New cadre" "Position rank" "Deputy party secretary" "Chair" \
	"Head of department and equivalent" "Discard" --lang en
echo "rank offered from the position: ok"
