#!/bin/sh
# The organisations screen and the breakdown by rating show the warnings
# `canbo ratings check` reports for the year they show, in its words: an
# organisation one of whose cadres was rated "xuất sắc" with last year's
# remediation items still open is marked, its status line says so, and the
# Warnings key lists each finding with the command's detail; the
# breakdown's "xuất sắc" and "tốt" rows carry as many warnings as the
# command reports about them.
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"

export CANBO_TODAY=2026-01-20 # both screens show the ratings of 2025
db=$(demo_db)
cli() { "$BIN" "$@" --config "$CONFIG" --db "$db" | tr -d '\r'; }
cli ratings check --year 2025 --format csv >"$E2E_TMP/check.csv" || fail "ratings check failed"
cli org list --format csv >"$E2E_TMP/orgs.csv" || fail "org list failed"
# (rows with a quoted field, a name with a comma, are left out below)
grep -v '"' "$E2E_TMP/check.csv" >"$E2E_TMP/plain.csv"
grep -v '"' "$E2E_TMP/orgs.csv" >"$E2E_TMP/orgs-plain.csv"

# The first cadre reported for open remediation items whose organisation
# has a name no other organisation has and at most three findings (so the
# list fits the screen); a finding is about an organisation when it is
# the organisation's own or one of its cadres'.
found=$(awk -F, '
	NR == FNR { names[$2]++; id[$2] = $1; next }
	FNR == 1 { next }
	{ row[FNR] = $0; own[$2 "," $3]++; if ($2 == "cadre") mine[$6]++ }
	END {
		for (i = 2; i in row; i++) {
			split(row[i], f, ",")
			if (f[1] != "remediation" || names[f[6]] != 1) continue
			n = mine[f[6]] + own["org," id[f[6]]]
			if (n > 3) continue
			print f[6] "|" f[4] "|" f[8] "|" n
			exit
		}
	}' "$E2E_TMP/orgs-plain.csv" "$E2E_TMP/plain.csv")
[ -n "$found" ] || fail "the demo has no cadre rated excellent with last year's items open"
org=${found%%|*} rest=${found#*|}
name=${rest%%|*} rest=${rest#*|}
detail=${rest%%|*} count=${rest#*|}

UI_COLS=160 UI_ROWS=40 ui_start
wait_for "Menu chính"
send 4
wait_for "xếp loại năm 2025"
send_text "$org"
wait_for "Tìm: $org"
s=$(screen)
printf '%s\n' "$s" | grep -q "^▸.*─$org\( \|$\)" || { printf '%s\n' "$s" >&2; fail "'$org' is not selected"; }
if [ "$count" -gt 1 ]; then
	assert_contains "$s" "! $count cảnh báo (F6 để xem hết)" "the status line of '$org'"
else
	assert_contains "$s" "$detail" "the status line of '$org'"
fi
# the list of the organisation's warnings, its wrapped lines joined again
dialog() {
	screen | python3 -c '
import sys
lines = sys.stdin.read().split("\n")
top = next(i for i, l in enumerate(lines) if "┌─ Cảnh báo" in l)
x = lines[top].index("┌")
text = []
for l in lines[top + 1:]:
    if l[x:x + 1] == "└":
        break
    text.append(l[x + 1:].split("│")[0].strip())
print(" ".join(t for t in text if t))'
}
send F6
wait_for "Cảnh báo về xếp loại năm 2025: $org"
d=$(dialog)
assert_contains "$d" "! Xuất sắc khi chưa khắc phục xong hạn chế năm trước: $name ($org): $detail" \
	"the warnings of '$org'"
assert_eq "$(printf '%s\n' "$d" | grep -o '! ' | wc -l)" "$count" "warnings listed for '$org'"
send Enter
wait_gone "Cảnh báo về xếp loại năm 2025: $org"
# once the selection moves on, the row keeps a warning sign
send Down
i=0
until screen | grep -q "^!.*─$org\( \|$\)"; do
	i=$((i + 1))
	[ $i -lt 100 ] || { screen >&2; fail "'$org' is not marked"; }
	sleep 0.1
done

# The breakdown by rating: "xuất sắc" carries the cap and the remediation
# findings, "tốt" the decisions of "tốt" unlike their proposals.
excellent=$(awk -F, 'NR > 1 && ($1 == "cap" || $1 == "remediation")' "$E2E_TMP/check.csv" | wc -l)
good=$(awk -F, 'NR > 1 && $1 == "differs" && $2 == "cadre" && /quyết định: Hoàn thành tốt nhiệm vụ$/' \
	"$E2E_TMP/check.csv" | wc -l)
[ "$excellent" -gt 1 ] && [ "$good" -gt 1 ] || fail "the demo has too few findings ($excellent, $good)"
send Escape # clears the search first
wait_gone "Tìm: $org"
send Escape
wait_for "Menu chính"
send 2
wait_for "Cơ cấu và chỉ tiêu"
send b
wait_for "Xếp loại chất lượng hằng năm"
send_text "Xếp loại"
send Enter
wait_for "Chưa xếp loại"
s=$(screen)
printf '%s\n' "$s" | grep -q "^!Hoàn thành xuất sắc" || fail "the excellent row is not marked"
printf '%s\n' "$s" | grep -q "^ Chưa xếp loại" || fail "the row of those not rated is marked"
assert_contains "$s" "! $excellent cảnh báo (F6 để xem hết)" "the status line of the excellent row"
send Down
wait_for "! $good cảnh báo (F6 để xem hết)"
send F6
wait_for "Cảnh báo về xếp loại năm 2025: Hoàn thành tốt nhiệm vụ"
assert_contains "$(dialog)" "! Quyết định khác đề xuất: " "the decisions unlike their proposals"
send Enter
send q
echo "ok"
