# test_stats_screen.sh - the breakdowns and targets screen: opened from the
# main menu, a target line with its gap, Enter on a figure lists exactly
# those cadres, Esc comes back to the same figure.
. "$(dirname "$0")/lib.sh"
db=$(demo_db 2000)
tmux_start 100 30 "$BIN" --config "$CONFIG" --db "$db"

wait_for "Cơ cấu và chỉ tiêu"
send 2
wait_for "Độ tuổi"
wait_for "Dưới 30"

# A breakdown row: Enter lists exactly the cadres counted, Esc comes back.
send Down
wait_for "trên 2000 cán bộ"
n=$(screen | sed -n 's/^ *\([0-9][0-9]*\) trên 2000 cán bộ.*/\1/p')
[ -n "$n" ] || fail "no count on the status line"
send Enter
wait_for "/$n cán bộ"
send Escape
wait_for "$n trên 2000 cán bộ"

# The target panel: the women target (its short label on its row, its
# full text on the status line once selected), a column per district,
# its gap.
send t
wait_for "Diện BTV: nữ"
wait_for "Tân An"
send Down Down Down Down
wait_for "Nữ trong cán bộ diện"
wait_for "Toàn tỉnh:"
line=$(screen | grep "Toàn tỉnh:")
assert_contains "$line" "≥ 20 %" "status line of the women target"
num=$(printf '%s\n' "$line" | sed -n 's/.*: \([0-9][0-9]*\)\/\([0-9][0-9]*\) = .*/\1/p')
[ -n "$num" ] || fail "no figure for the women target: $line"
case "$line" in *"cần thêm"*) assert_contains "$line" "cán bộ nữ" "gap of the women target";; esac

# Enter: the women who count, exactly that many; Esc: back to the same line.
send Enter
wait_for "Những người đạt"
send Enter
wait_for "/$num cán bộ"
send Escape
wait_for "$line"

# A district column (to the right) has its own goal from its file.
send Right Right
wait_for "Tân An:"
assert_contains "$(screen | grep "Tân An:")" "≥ 25 %" "Thành phố Tân An's own goal"
send F10
exit 0
