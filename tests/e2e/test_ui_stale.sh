#!/bin/sh
# Two people edit the same record: the second save is refused, the other
# version is shown, and nothing is overwritten.
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"

pick_cadre "tran thi"

# open_edit SESSION: from the menu to the edit form of the cadre
open_edit() {
	tmux -L "$TMUX_SOCK" send-keys -t "$1" 1
	sleep 0.5
	tmux -L "$TMUX_SOCK" send-keys -t "$1" /
	tmux -L "$TMUX_SOCK" send-keys -t "$1" -l "$name"
	sleep 0.5
	tmux -L "$TMUX_SOCK" send-keys -t "$1" Enter Enter
	sleep 0.5
	tmux -L "$TMUX_SOCK" send-keys -t "$1" F4
	sleep 0.5
}

ui_start
wait_for "Menu chính"
tmux -L "$TMUX_SOCK" new-session -d -s u -x 80 -y 24 \
	"env LANG=C.UTF-8 TERM=xterm-256color $BIN --config $CONFIG --db $db; sleep 30"
sleep 1
open_edit t
wait_for "F2: lưu"
open_edit u
tmux -L "$TMUX_SOCK" capture-pane -p -t u | grep -q "F2: lưu" || fail "second session has no form"

# the other person saves a new position first
tmux -L "$TMUX_SOCK" send-keys -t u Tab Tab Tab Tab Tab Tab C-u
tmux -L "$TMUX_SOCK" send-keys -t u -l "Chánh Văn phòng"
tmux -L "$TMUX_SOCK" send-keys -t u F2
sleep 1
assert_eq "$(json_field "$(show)" position)" "Chánh Văn phòng" "the first save"

# then this one tries to save a different one
i=0
while [ $i -lt 6 ]; do send Tab; i=$((i + 1)); done
send C-u
send_text "Phó Chánh Văn phòng"
send F2
wait_for "Người khác đã lưu hồ sơ này trước"
assert_contains "$(screen)" "Chánh Văn phòng (Phó Chánh Văn phòng)"
assert_eq "$(json_field "$(show)" position)" "Chánh Văn phòng" "after the refused save"
send Enter
wait_for "F2: lưu"
send Escape
wait_for "Bỏ các thay đổi"
answer_yes
wait_for "1 Chung"
send F10
wait_exit
