#!/bin/sh
# A hang-up on a full disk: the database cannot take the draft, so it goes
# to the user's private state directory (0700, the file 0600), and the
# next start offers it from there. Needs root to mount a small file system
# for the database.
. "$(dirname "$0")/lib.sh"

if [ "$(id -u)" != 0 ]; then
	echo "SKIP: mounting a small file system for the database needs root"
	exit 0
fi
mnt="$E2E_TMP/small"
mkdir -p "$mnt"
if ! mount -t tmpfs -o size=16m tmpfs "$mnt" 2>/dev/null; then
	echo "SKIP: no tmpfs can be mounted here"
	exit 0
fi
cleanup() {
	tmux -L "$TMUX_SOCK" kill-server 2>/dev/null
	sleep 0.3 # the program may still be closing the database
	umount "$mnt" 2>/dev/null || umount -l "$mnt"
}
trap cleanup EXIT
export XDG_STATE_HOME="$E2E_TMP/state"
state="$XDG_STATE_HOME/canbo"

db="$mnt/full.db"
cp "$(demo_db)" "$db"
start() {
	tmux_start 80 24 "$BIN" --config "$CONFIG" --db "$db"
	trap cleanup EXIT
}

start
wait_for "Menu chính"
send 1
wait_for "cán bộ   Lọc"
send IC
wait_for "F2: lưu"
send_text "Lê Thị Đầy Đĩa"
wait_for "Lê Thị Đầy Đĩa"
# fill the file system to the last block
dd if=/dev/zero of="$mnt/filler" bs=4k 2>/dev/null
[ "$(df --output=avail "$mnt" | tail -1 | tr -d ' ')" -eq 0 ] || fail "the file system is not full"
kill -HUP "$(app_pid)"
wait_exit 15
assert_eq "$(sqlite3 "$db" "SELECT count(*) FROM draft")" 0 "drafts in the database"
files=$(ls "$state"/draft-*.txt 2>/dev/null)
[ -n "$files" ] || { ls -la "$state" >&2; fail "no draft in $state"; }
assert_eq "$(stat -c %a "$state")" 700 "mode of the state directory"
assert_eq "$(stat -c %a $files)" 600 "mode of the draft file"
grep -q "Lê Thị Đầy Đĩa" $files || fail "the draft file does not hold the name typed"

# space again; the next start offers the draft from the state directory
rm -f "$mnt/filler"
kill_server
start
wait_for "Khôi phục lại?"
answer_yes
wait_for "Lê Thị Đầy Đĩa"
[ -z "$(ls "$state"/draft-*.txt 2>/dev/null)" ] || fail "the draft file is still there once offered"
send F10
wait_for "Bỏ các thay đổi chưa lưu và thoát?"
answer_yes
wait_exit
echo "a hang-up on a full disk keeps the draft in the state directory"
