#!/bin/sh
# The organisations screen and the breakdown by rating show the warnings
# `canbo ratings check` reports for the year they show, in its words: an
# organisation one of whose cadres was rated "xuất sắc" with last year's
# remediation items still open is marked, its status line says so, its
# count of cadres is filled in, and the
# Warnings key lists each finding with the command's detail; the
# breakdown's "xuất sắc" and "tốt" rows carry as many warnings as the
# command reports about them. The checks run when the keyboard rests: the
# marks come without a key, and another year shows that year's findings.
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"

export CANBO_TODAY=2026-01-20 # both screens show the ratings of 2025
db=$(demo_db)
cli() { "$BIN" "$@" --config "$CONFIG" --db "$db" | tr -d '\r'; }
cli ratings check --year 2025 --format csv >"$E2E_TMP/check.csv" || fail "ratings check failed"
cli ratings check --year 2024 --format csv >"$E2E_TMP/check-2024.csv" || fail "ratings check failed"
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

# The findings of year $1 about organisation $org, and the detail of the
# first: the expected status line of the organisation selected.
expect_status() {
	awk -F, -v org="$org" '
		NR == FNR { if (FNR > 1 && $2 == org) id[$1] = 1; next }
		FNR == 1 { next }
		($2 == "org" && ($3 in id)) || ($2 == "cadre" && $6 == org) {
			n++
			if (n == 1) detail = $8
		}
		END { print n + 0 "|" detail }' "$E2E_TMP/orgs-plain.csv" "$1"
}
# status_is EXPECTED: the status line says what expect_status found.
status_is() {
	n=${1%%|*} first=${1#*|}
	s=$(screen)
	st=$(printf '%s\n' "$s" | grep "Tìm: $org")
	printf '%s\n' "$s" | grep -q "^▸.*─$org\( \|$\)" || { printf '%s\n' "$s" >&2; fail "'$org' is not selected"; }
	if [ "$n" -gt 1 ]; then
		assert_contains "$st" "! $n cảnh báo (F6 để xem hết)" "the status line of '$org'"
	elif [ "$n" -eq 1 ]; then
		assert_contains "$st" "$first" "the status line of '$org'"
	else
		assert_not_contains "$st" "!" "the status line of '$org'"
	fi
}
# wait_mark ORG: the row of ORG, not selected, gets the warning sign.
wait_mark() {
	i=0
	until screen | grep -q "^!.*─$1\( \|$\)"; do
		i=$((i + 1))
		[ $i -lt 150 ] || { screen >&2; fail "'$1' is not marked"; }
		sleep 0.1
	done
}

UI_COLS=160 UI_ROWS=40 ui_start
wait_for "Menu chính"
send 4
wait_for "xếp loại năm 2025"
# the tree is shown at once and the checks run while no key comes: the
# marks appear without one
i=0
until screen | grep -q "^!"; do
	i=$((i + 1))
	[ $i -lt 150 ] || { screen >&2; fail "no organisation is marked without a key"; }
	sleep 0.1
done
assert_not_contains "$(screen)" "Đang kiểm tra xếp loại" "the status line once checked"
send_text "$org"
wait_for "Tìm: $org"
status_is "$count|$detail"
# its cadres were counted meanwhile too, as `canbo org list` counts them
cadres=$(awk -F, -v org="$org" '$2 == org { print $6 }' "$E2E_TMP/orgs-plain.csv")
screen | grep -q "^▸.*─$org .* $cadres *$" || { screen >&2; fail "'$org' does not show its $cadres cadres"; }
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
wait_mark "$org"

# Another year: no mark of 2025 stays, and the organisation's status line
# gives the findings of 2024 once they are checked.
n2024=$(expect_status "$E2E_TMP/check-2024.csv")
[ "${n2024%%|*}" != "$count" ] || fail "'$org' has as many findings in 2024 as in 2025"
send Escape
wait_gone "Tìm: $org"
send '['
wait_for "xếp loại năm 2024"
if [ "${n2024%%|*}" -eq 0 ]; then
	screen | grep -q "^!.*─$org\( \|$\)" && { screen >&2; fail "'$org' keeps its mark of 2025"; }
fi
wait_gone "Đang kiểm tra xếp loại"
send_text "$org"
wait_for "Tìm: $org"
status_is "$n2024"
send Escape
wait_gone "Tìm: $org"
send ']'
wait_for "xếp loại năm 2025"
wait_gone "Đang kiểm tra xếp loại"
send_text "$org"
wait_for "Tìm: $org"
status_is "$count|$detail"

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
i=0
until screen | grep -q "^!Hoàn thành xuất sắc"; do
	i=$((i + 1))
	[ $i -lt 150 ] || { screen >&2; fail "the excellent row is not marked"; }
	sleep 0.1
done
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
