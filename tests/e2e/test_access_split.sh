#!/bin/sh
# A count over 131 072 cadres or more is read in parts on several threads,
# each on a second connection of its own (stats_par.c). A real Unix user
# whose rights cover district 794 only must get from those parts exactly
# 794's figures: the same, byte for byte, as a province reader asking for
# --district 794, for breakdowns on the packed index and on the yearly
# records, and for the targets; never the province's.
# Needs root (a user is made and removed); otherwise skipped.
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"

if [ "$(id -u)" != 0 ]; then
	echo "not root: the tests with real Unix users need root; skipped"
	exit 0
fi
for tool in useradd userdel runuser; do
	command -v "$tool" >/dev/null || { echo "$tool is missing: skipped"; exit 0; }
done
[ "$(nproc)" -gt 1 ] ||
	echo "one processor: counts are not split here; the figures are compared all the same"

U=cbsplit$$
W=$(mktemp -d /tmp/canbo-split.XXXXXX) || fail "mktemp"
cleanup() {
	userdel "$U" 2>/dev/null
	rm -rf "$W"
}
trap cleanup EXIT
useradd -M -N -g users -s /bin/sh "$U" || fail "useradd $U"
chmod 755 "$W"

# Above the threshold of the split, with the reader's district a
# fraction of it.
cp -r "$CONFIG" "$W/config"
"$BIN" demo --config "$W/config" --db "$W/p.db" --cadres 140000 --seed 3 >/dev/null ||
	fail "demo build of 140 000 cadres"
sed -i "s/^read =.*/read = root/" "$W/config/canbo.ini"
sed -i "s/^; read = @canbo-794/read = $U/" "$W/config/districts/794.ini"
grep -q "^read = $U" "$W/config/districts/794.ini" || fail "794.ini has no read line to set"
chown -R "$U" "$W/p.db"* # its write-ahead index is made by whoever opens it
chmod -R go-w "$W/config"

as_user() {
	runuser -u "$U" -- "$BIN" --lang en --config "$W/config" --db "$W/p.db" "$@"
}
as_root() {
	"$BIN" --lang en --config "$W/config" --db "$W/p.db" "$@"
}

province=$(as_root stats --by gender --format csv) || fail "province count"
for by in gender age,gender education rating training,gender planning; do
	mine=$(as_user stats --by "$by" --format csv) || fail "stats --by $by as the 794 user"
	ref=$(as_root stats --by "$by" --district 794 --format csv) || fail "stats --by $by --district 794"
	assert_eq "$mine" "$ref" "stats --by $by of the 794 user against --district 794"
done
assert_not_contains "$province" "$(as_user stats --by gender --format csv)" \
	"the 794 user's figures are not the province's"
assert_eq "$(as_user targets --format csv)" "$(as_root targets --district 794 --format csv)" \
	"targets of the 794 user against --district 794"

# A scope with a hole: 794 and 796, not 795 between them.
sed -i "s/^; read = @canbo-796/read = $U/" "$W/config/districts/796.ini"
grep -q "^read = $U" "$W/config/districts/796.ini" || fail "796.ini has no read line to set"
# the counts of CSV breakdowns summed by their keys (the percentages,
# last, dropped)
counts() {
	awk -F, '$NF == "percent" { next }
		{ k = ""; for (i = 1; i < NF - 1; i++) k = k $i ","; c[k] += $(NF - 1) }
		END { for (k in c) print k c[k] }' | LC_ALL=C sort
}
for by in gender age,gender rating training planning; do
	mine=$(as_user stats --by "$by" --format csv | counts)
	ref=$({ as_root stats --by "$by" --district 794 --format csv &&
		as_root stats --by "$by" --district 796 --format csv; } | counts)
	[ -n "$ref" ] || fail "no reference figures for --by $by"
	assert_eq "$mine" "$ref" "stats --by $by of the 794+796 user against 794 and 796 summed"
done

# The user is refused another district, and gets nothing of it.
out=$(as_user stats --by gender --unit 795 2>&1)
assert_eq "$?" 5 "stats --unit 795 by the 794 user"
assert_not_contains "$out" "Total"
