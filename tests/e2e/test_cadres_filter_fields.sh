#!/bin/sh
# The cadre list's filter form beyond unit, level, gender and education:
# political theory, ethnicity, an age from and to (at the day of the
# list), and the planning pool; the list holds the cadres an SQL query
# written here finds, the line above it says which conditions are in
# force, the form shows them again when reopened, and ages the wrong way
# round are refused at their field with the list left as it was.
. "$(dirname "$0")/lib.sh"
db=$(demo_db)
q() { sqlite3 "$db" "$1"; }
# at 30/06/2025 (lib.sh), 45 or under: born on or after 01/07/1979; 30
# or over: born on or before 30/06/1995
want=$(q "SELECT count(*) FROM cadre c WHERE c.theory = 3 AND c.ethnicity = 'Kinh'
	AND c.birth_date >= '1979-07-01' AND c.birth_date <= '1995-06-30'
	AND EXISTS (SELECT 1 FROM planning p WHERE p.cadre_id = c.id)
	AND c.id NOT IN (SELECT cadre_id FROM departure WHERE left_on <= '2025-06-30')")
[ "$want" -gt 0 ] || fail "no such cadre in the demo province"

UI_COLS=100 UI_ROWS=30 ui_start
wait_for "Menu chính"
send 1
wait_for "cán bộ   Lọc: không lọc"
send F7
wait_for "Lý luận chính trị"
send Down Down Down Down Down F4 # theory
wait_for "/ "
send_text "cao cap"
send Enter
wait_for "Lý luận chính trị       Cao cấp"
send Down F4 # ethnicity
wait_for "/ "
send_text "kinh"
send Enter
wait_for "Dân tộc                 Kinh"
send Down
send_text "30"
send Down
send_text "45"
send Down F4 # the pool
wait_for "/ "
send_text "trong"
send Enter
wait_for "Quy hoạch               Trong quy hoạch"
send F2
wait_for "/$want cán bộ"
assert_contains "$(screen)" "LLCT Cao cấp, Kinh, từ 30 đến 45 tuổi, Trong quy hoạch" \
	"the conditions in force"

# reopened, the form holds them; ages the wrong way round are refused
send F7
wait_for "Tuổi đến                45"
assert_contains "$(screen)" "Tuổi từ                 30" "the age from kept"
assert_contains "$(screen)" "Lý luận chính trị       Cao cấp" "the theory kept"
send Down Down Down Down Down Down Down # to the age from
send C-u
send_text "50"
send F2
wait_for "Tuổi đến: không được nhỏ hơn tuổi từ."
send Escape
wait_for "Bỏ các thay đổi trong biểu mẫu này?"
answer_yes
wait_for "/$want cán bộ"
assert_contains "$(screen)" "từ 30 đến 45 tuổi" "the list left as it was"
send F10
wait_exit
echo "filter fields: ok"
