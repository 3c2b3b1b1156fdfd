#!/bin/sh
# Pickers with context, at 80x24 in Vietnamese and English: each party
# organisation is offered with its unit (many share a name), the cadre
# form offers only the organisations of the unit chosen, and every picker
# is searched by typing - words in any order.
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"

# The rows of the open picker (between its frame's sides).
picker_rows() { screen | sed -n 's/^.*│[ ▸]\(.*[^ ]\) *│.*$/\1/p' | grep -v '^/'; }

check() { # menu title, "New cadre" title, "(none)", the discard question
	menu=$1 title=$2 none=$3 discard=$4
	shift 4
	ui_start "$@"
	wait_for "$menu"
	send 1
	wait_for "/2000"
	send IC
	wait_for "$title"
	# The organisation (sixth field), before any unit is chosen: all of
	# them, each with its unit; typed words find one of the many "Chi bộ
	# ấp 1".
	send Tab Tab Tab Tab Tab
	send F4
	wait_for "▸$none"
	assert_contains "$(picker_rows)" "— Tỉnh Long An" "organisations with their unit"
	send_text "ấp 1 mỹ yên"
	wait_for "▸Chi bộ ấp 1 — Xã Mỹ Yên, Huyện Bến Lức"
	send Escape
	wait_gone "ấp 1 mỹ yên"
	# The unit (fifth field) chosen by typing: the organisations offered
	# are then those of that commune only.
	send BTab
	send F4
	wait_for "/ "
	send_text "Mỹ Yên"
	wait_for "▸Xã Mỹ Yên, Huyện Bến Lức"
	send Enter
	wait_gone "▸Xã Mỹ Yên"
	send Tab
	send F4
	wait_for "▸$none"
	wait_for "Chi bộ ấp 1 — Xã Mỹ Yên"
	rows=$(picker_rows | grep -v "^$none$")
	[ -n "$rows" ] || fail "no organisation offered for Xã Mỹ Yên"
	others=$(printf '%s\n' "$rows" | grep -vc "— Xã Mỹ Yên, Huyện Bến Lức$")
	[ "$others" = 0 ] || printf '%s\n' "$rows" >&2
	assert_eq "$others" 0 "organisations of other units offered"
	assert_eq "$(printf '%s\n' "$rows" | grep -c "^Chi bộ ấp 1 —")" 1 "'Chi bộ ấp 1' offered"
	send_text "ấp 1"
	wait_for "▸Chi bộ ấp 1 — Xã Mỹ Yên"
	send Enter
	wait_gone "▸Chi bộ ấp 1"
	wait_for "Chi bộ ấp 1 — Xã Mỹ Yên"
	# Another unit: the organisation of Mỹ Yên is no longer chosen.
	send BTab
	send F4
	wait_for "/ "
	send_text "Long Hiệp"
	wait_for "▸Xã Long Hiệp, Huyện Bến Lức"
	send Enter
	wait_gone "Chi bộ ấp 1 — Xã Mỹ Yên"
	# Leaving: the form asks before throwing the values away.
	send Escape
	wait_for "$discard"
	answer_yes
	wait_for "/2000"
	send F10
	wait_exit
	kill_server
}

check "Menu chính" "Thêm cán bộ" "(không có)" "Bỏ các thay đổi"
check "Main menu" "New cadre" "(none)" "Discard" --lang en
echo "pickers with context: ok"
