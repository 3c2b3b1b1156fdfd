# growth.awk - how each figure of `make bench` grows with the database.
#
#   awk -f growth.awk BENCH_OUTPUT
#
# Reads the tables the bench printed (a line "SIZE measure... figure ...",
# under a "== section" heading) and, for every measure timed at two sizes
# or more, prints its first figure at each size and how it grew per
# tenfold growth of the cadres: "flat" (under 2x: the cost does not depend
# on the whole database, as a lookup or a window should), "linear" (up to
# 15x: as a full recount may) or "worse than linear". Memory columns and
# the tables without a size in the first column are left out.
function num(s) { return s ~ /^[0-9]+(\.[0-9]+)?$/ }
/^== / { section = substr($0, 4); next }
$1 ~ /^[0-9]+$/ && $1 >= 1000 && NF >= 3 {
	# the measure runs up to the figures: the first number from which
	# every field is a number or "-" ("district 795, 50 rows" is words)
	for (i = NF; i > 2 && (num($(i - 1)) || $(i - 1) == "-"); i--)
		;
	while (i <= NF && !num($i))
		i++
	measure = ""
	for (j = 2; j < i; j++)
		measure = measure (measure == "" ? "" : " ") $j
	if (i > NF || measure == "")
		next
	key = section SUBSEP measure
	if (!(key in first)) {
		order[++nkeys] = key
		first[key] = $1
	}
	size[key] = size[key] " " $1
	value[key, $1] = $i
	last[key] = $1
}
END {
	printf "== how each figure grows with the cadres (first figure of each row)\n"
	for (k = 1; k <= nkeys; k++) {
		key = order[k]
		if (first[key] == last[key])
			continue
		split(key, part, SUBSEP)
		if (part[1] != shown) {
			printf "\n%s\n%-44s %-30s %s\n", part[1], "  measure", "figures by size",
			    "per 10x"
			shown = part[1]
		}
		n = split(size[key], sz, " ")
		figures = ""
		for (j = 1; j <= n; j++)
			figures = figures (j > 1 ? " / " : "") value[key, sz[j]]
		a = value[key, first[key]]
		b = value[key, last[key]]
		tens = log(last[key] / first[key]) / log(10)
		if (a <= 0 || tens <= 0)
			continue
		per10 = exp(log(b / a) / tens)
		verdict = per10 < 2 ? "flat" : per10 <= 15 ? "linear" : "worse than linear"
		printf "  %-42s %-30s %5.1fx %s\n", part[2], figures, per10, verdict
	}
}
