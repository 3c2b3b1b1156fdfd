#!/bin/sh
# A two-tier province (Tây Ninh since 1 July 2025: province -> commune):
# the screens name the units as [hierarchy] does - no "district" anywhere
# on the target panel, the cadre filter, the plans list and its summary;
# the unit filter offers the communes. A three-tier province keeps both
# of its fields, named by its own [hierarchy].
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"
tn="$E2E_TMP/tay-ninh.db"
"$BIN" demo --config "$SRC/config/tay-ninh" --db "$tn" --cadres 600 --seed 7 >/dev/null ||
	fail "demo build failed"

no_district() { # WHAT: the screen says nothing of districts
	s=$(screen)
	if printf '%s\n' "$s" | grep -qi "huyện\|district"; then
		printf '%s\n' "$s" >&2
		fail "$1 speaks of districts in a two-tier province"
	fi
}

two_tier() { # ARGS: menu title, unit label, filter word, whole province
	menu=$1 unit=$2 filt=$3 whole=$4
	shift 4
	tmux_start 80 24 "$BIN" --config "$SRC/config/tay-ninh" --db "$tn" "$@"
	wait_for "$menu"
	send 2
	wait_for "30–39"
	send t
	wait_for "$whole"
	no_district "the target panel"
	send Escape
	wait_for "$menu"

	# The unit filter: its one field is the communes, named from
	# [hierarchy], and it narrows the list to the commune chosen.
	send 1
	wait_for "/600"
	send F7
	wait_for "$unit "
	no_district "the cadre filter"
	send F4
	wait_for "/ "
	send_text "Mộc Hóa"
	wait_for "▸Xã Mộc Hóa"
	send Enter
	wait_gone "▸Xã Mộc Hóa"
	send F2
	wait_for "$filt: Xã Mộc Hóa"
	n="" i=0 # the count comes a moment after the list
	while [ -z "$n" ] && [ $i -lt 100 ]; do
		n=$(screen | sed -n "s/^ *1\/\([0-9][0-9]*\) .*$filt: Xã Mộc Hóa.*/\1/p")
		sleep 0.1
		i=$((i + 1))
	done
	[ -n "$n" ] && [ "$n" -gt 0 ] && [ "$n" -lt 600 ] || fail "cadres of Xã Mộc Hóa: '$n'"
	send Escape
	wait_for "$menu"

	# The plans list and its summary by unit.
	send 3
	wait_for "$unit"
	no_district "the plans list"
	send F6
	wait_for "Xã Hưng Điền"
	assert_contains "$(screen | sed -n 1p)" "$unit" "title of the plans summary"
	no_district "the plans summary"
	send F10
	wait_exit
	kill_server
}

two_tier "Menu chính" "Xã/Phường" "Lọc" "Toàn tỉnh:"
two_tier "Main menu" "Xã/Phường" "Filter" "Whole province:" --lang en

# No cadre sits on a district committee the province does not have, and
# the new-cadre form does not offer that membership; a three-tier
# province's form does.
memberships() { # ARGS: config dir, database
	"$BIN" find --config "$1" --db "$2" --format csv --limit 0 |
		grep -c "district-committee"
}
[ "$(memberships "$SRC/config/tay-ninh" "$tn")" = 0 ] ||
	fail "the two-tier demo seats cadres on district committees"
three="$E2E_TMP/three.db"
"$BIN" demo --config "$SRC/config" --db "$three" --cadres 600 --seed 7 >/dev/null ||
	fail "demo build failed (three tiers)"
[ "$(memberships "$SRC/config" "$three")" -gt 0 ] ||
	fail "the three-tier demo seats nobody on a district committee"
offers() { # ARGS: config dir, database, yes|no
	tmux_start 100 60 "$BIN" --config "$1" --db "$2"
	wait_for "Menu chính"
	send 1
	wait_for "/600"
	send IC
	wait_for "Tỉnh ủy viên"
	if screen | grep -q "Huyện ủy viên"; then got=yes; else got=no; fi
	[ "$got" = "$3" ] || { screen >&2; fail "district committee offered: $got, expected $3"; }
	send Escape
	wait_for "/600"
	send F10
	wait_exit
	kill_server
}
offers "$SRC/config/tay-ninh" "$tn" no
offers "$SRC/config" "$three" yes

# The target sheet of every unit (the panel's export, and the command
# line's) heads its unit column and its title as [hierarchy] does.
sheet="$E2E_TMP/targets.xlsx"
"$BIN" targets --config "$SRC/config/tay-ninh" --db "$tn" --by-district --format xlsx \
	--output "$sheet" || fail "targets --by-district --format xlsx"
cells=$(/usr/bin/python3 -c '
import openpyxl, sys
for row in openpyxl.load_workbook(sys.argv[1]).active.iter_rows(values_only=True):
    print("|".join(str(c) for c in row if c is not None))' "$sheet")
assert_contains "$cells" "Theo Xã/Phường" "title of the target sheet"
assert_contains "$cells" "Xã/Phường|" "unit column of the target sheet"
if printf '%s\n' "$cells" | grep -qi "huyện"; then
	fail "the target sheet of a two-tier province speaks of districts"
fi

# The command line's tables name the second tier as [hierarchy] does too.
tn_run() { LANG=C.UTF-8 "$BIN" --config "$SRC/config/tay-ninh" --db "$tn" "$@"; }
for cmd in "targets --by-district" "plans --limit 3" "plans --overdue --limit 3"; do
	# shellcheck disable=SC2086
	out=$(tn_run $cmd) || fail "canbo $cmd failed"
	head=$(printf '%s\n' "$out" | head -2)
	case "$head" in
	*[Hh]uyện* | *[Dd]istrict*) fail "canbo $cmd speaks of districts: $head" ;;
	esac
	assert_contains "$head" "Xã/Phường" "canbo $cmd names the communes"
done

# Three tiers (Long An before the reform): both fields, named by its file.
ui_start
wait_for "Menu chính"
send 1
wait_for "Lọc"
send F7
wait_for "Huyện/Thị xã/Thành phố "
wait_for "Xã/Phường/Thị trấn "
send Escape
send F10
wait_exit
echo "two-tier labels: ok"
