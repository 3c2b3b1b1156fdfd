#!/bin/sh
# Every kind of form keeps its draft when the connection drops: a new
# cadre, an action plan, a progress note, a verification, a monthly
# self-check (the cadre edit and the plan item have tests of their own).
# The next start offers each back, and what was typed is there. Two
# sessions of one user keep both their drafts.
. "$(dirname "$0")/lib.sh"

export XDG_STATE_HOME="$E2E_TMP/state"
db=$(demo_db)
drafts() { sqlite3 -cmd ".timeout 5000" "$db" "SELECT count(*) FROM draft"; }

# hangup_restart WHAT: SIGHUP, nothing saved, then a new start offers the
# draft of WHAT (the form's name in the question)
hangup_restart() {
	kill -HUP "$(app_pid)"
	wait_exit
	kill_server
	ui_start
	wait_for "Khôi phục lại?"
	assert_contains "$(screen | tr -s ' \n' ' ')" "$1" "the offer"
}
# quit_discarding: F10, and yes to dropping the restored values
quit_discarding() {
	send F10
	wait_for "Bỏ các thay đổi chưa lưu và thoát?"
	answer_yes
	wait_exit
	kill_server
}

# ---- a new cadre ------------------------------------------------------------
ui_start
wait_for "Menu chính"
send 1
wait_for "cán bộ   Lọc"
send IC
wait_for "F2: lưu"
# required choices start empty, never on a default that would count
for label in "Trình độ chuyên môn" "Lý luận chính trị"; do
	screen | grep "$label\*" | grep -q -- ' -$' || { screen >&2; fail "$label does not start empty"; }
done
send_text "Phạm Thị Nháp"
wait_for "Phạm Thị Nháp"
hangup_restart "biểu mẫu hồ sơ cán bộ"
answer_yes
wait_for "Thêm cán bộ"
wait_for "Phạm Thị Nháp"
assert_eq "$(sqlite3 "$db" "SELECT count(*) FROM cadre WHERE full_name = 'Phạm Thị Nháp'")" 0 \
	"cadres saved by the hangup"
quit_discarding

# ---- an action plan ---------------------------------------------------------
ui_start
wait_for "Menu chính"
send 3
wait_for "Xong"
send F4
wait_for "F2 để lưu"
send Tab Tab Tab C-u
send_text "01/02/2026"
wait_for "01/02/2026"
hangup_restart "kế hoạch khắc phục chưa lưu"
answer_yes
wait_for "01/02/2026"
assert_contains "$(screen)" "F2 để lưu"
quit_discarding

# ---- a progress note --------------------------------------------------------
ui_start
wait_for "Menu chính"
send 3
wait_for "Xong"
send Enter
wait_for "Kế hoạch khắc phục năm"
send C-n
wait_for "Ghi chép tiến độ"
send_text "Đã họp chi bộ để kiểm điểm nháp"
wait_for "kiểm điểm nháp"
hangup_restart "ghi chép tiến độ"
answer_yes
wait_for "Đã họp chi bộ để kiểm điểm nháp"
send Enter
wait_for "Đã thêm ghi chép."
assert_eq "$(sqlite3 "$db" "SELECT count(*) FROM plan_note WHERE text = 'Đã họp chi bộ để kiểm điểm nháp'")" 1 \
	"the restored note, saved"
send F10
wait_exit
kill_server

# ---- a verification (of a remedied item of a plan made for the test) ---------
cli() { "$BIN" "$@" --config "$CONFIG" --db "$db"; }
cid=$(cli find --format csv --limit 1 | tr -d '\r' | sed -n 2p | cut -d, -f1)
pid=$(cli plans add --cadre "$cid" --year 2023 --adopted 15/01/2024) || fail "plans add"
iid=$(cli plans item "$pid" --shortcoming "Chưa sâu sát cơ sở" --deadline 30/09/2025) ||
	fail "plans item"
cli plans update "$iid" --state remedied >/dev/null || fail "plans update"
ui_start
wait_for "Menu chính"
send 3
wait_for "Kế hoạch khắc phục - năm"
send "[" "["
wait_for "Kế hoạch khắc phục - năm 2023"
send Enter
wait_for "Kế hoạch khắc phục năm 2023"
send C-v
wait_for "Kết luận kiểm tra"
send_text "Đạt yêu cầu, nháp"
wait_for "Đạt yêu cầu, nháp"
hangup_restart "kết quả kiểm tra một nội dung"
answer_yes
wait_for "Đạt yêu cầu, nháp"
send Enter
wait_for "Đã ghi kết quả kiểm tra."
assert_eq "$(sqlite3 "$db" "SELECT verdict FROM plan_item WHERE id = $iid")" "Đạt yêu cầu, nháp" \
	"the restored verification, saved"
send F10
wait_exit
kill_server

# ---- a monthly self-check ---------------------------------------------------
ui_start
wait_for "Menu chính"
send 3
wait_for "Xong"
send F8
wait_for "Tự kiểm tra hằng tháng"
send Enter
wait_for "Tự kiểm tra của"
who=$(screen | sed -n 's/.*Tự kiểm tra của \(.*\) tháng .*/\1/p' | head -1)
[ -n "$who" ] || fail "no cadre in the self-check form"
send Space
hangup_restart "tự kiểm tra hằng tháng chưa lưu"
answer_yes
wait_for "Tự kiểm tra của $who"
quit_discarding
assert_eq "$(drafts)" 0 "drafts left after they were all offered"

# ---- two sessions of one user keep both ------------------------------------
ui_start
wait_for "Menu chính"
tmux -L "$TMUX_SOCK" new-session -d -s u -x 80 -y 24 \
	"env LANG=C.UTF-8 TERM=xterm-256color $BIN --config $CONFIG --db $db; sleep 30"
# wait_in SESSION TEXT: until that session's screen shows TEXT
wait_in() {
	i=0
	until tmux -L "$TMUX_SOCK" capture-pane -p -t "=$1:" 2>/dev/null | grep -q "$2"; do
		i=$((i + 1))
		[ $i -lt 150 ] || { tmux -L "$TMUX_SOCK" list-sessions >&2; tmux -L "$TMUX_SOCK" capture-pane -p -t "=$1:" >&2; fail "session $1 never showed '$2'"; }
		sleep 0.1
	done
}
for s in t u; do
	wait_in $s "Menu chính"
	tmux -L "$TMUX_SOCK" send-keys -t "=$s:" 1
	wait_in $s "cán bộ   Lọc"
	tmux -L "$TMUX_SOCK" send-keys -t "=$s:" IC
	wait_in $s "F2: lưu"
	tmux -L "$TMUX_SOCK" send-keys -t "=$s:" -l "Nháp phiên $s"
done
i=0
until tmux -L "$TMUX_SOCK" capture-pane -p -t "=u:" | grep -q "Nháp phiên u"; do
	i=$((i + 1))
	[ $i -lt 100 ] || fail "second session has no form"
	sleep 0.1
done
wait_for "Nháp phiên t"
for s in t u; do
	p=$(pgrep -P "$(tmux -L "$TMUX_SOCK" display -p -t "=$s:" '#{pane_pid}')" | head -1)
	kill -HUP "$p"
done
i=0
until [ "$(drafts)" = 2 ] || [ $i -ge 50 ]; do sleep 0.1; i=$((i + 1)); done
assert_eq "$(drafts)" 2 "drafts after two sessions hung up"
kill_server
ui_start
wait_for "Khôi phục lại?"
answer_yes
wait_for "Nháp phiên"
first=$(screen | grep -o "Nháp phiên [tu]" | head -1)
wait_for "Khôi phục lại?"
answer_yes
wait_gone "Khôi phục lại?"
case "$first" in *t) other="Nháp phiên u";; *) other="Nháp phiên t";; esac
wait_for "$other"
echo "every kind of form keeps its draft"
