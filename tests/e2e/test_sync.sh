#!/bin/sh
# canbo sync: two district offices and the province. Each district sends
# its whole database, then its changes; the province applies them: its
# counts are the sum of the districts', a row changed at both ends and a
# row deleted at one end and changed at the other are kept as conflicts
# (the province's values stay), applying the same files again changes
# nothing, a file out of order or damaged is refused, an apply killed half
# way leaves the province as it was, the districts' audit rows travel
# under their office's code, and a file goes through a pipe as over ssh.
. "$(dirname "$0")/lib.sh"

d1="$E2E_TMP/huyen-794.db"
d2="$E2E_TMP/huyen-795.db"
p="$E2E_TMP/tinh.db"
"$BIN" demo --config "$CONFIG" --db "$d1" --cadres 30 --seed 1 >/dev/null || fail "demo 1"
"$BIN" demo --config "$CONFIG" --db "$d2" --cadres 40 --seed 2 >/dev/null || fail "demo 2"
"$BIN" init --config "$CONFIG" --db "$p" >/dev/null || fail "init"

cli() { db=$1; shift; "$BIN" "$@" --config "$CONFIG" --db "$db" --lang en; }
run() { db=$1; shift; cli "$db" "$@" >"$E2E_TMP/out" 2>"$E2E_TMP/err"; echo $?; }
out() { cat "$E2E_TMP/out"; }
err() { cat "$E2E_TMP/err"; }
total() { cli "$1" stats --by gender --format csv | grep '^total,' | cut -d, -f2; }
# the province's id of an office's row
here() { sqlite3 "$p" "SELECT local_id FROM sync_map WHERE office = '$1' AND tbl = '$2' AND remote_id = $3"; }
# everything the province holds, to tell "changed" from "as it was"
snapshot() { sqlite3 "$p" .dump | md5sum; }
f() { echo "$E2E_TMP/$1.canbosync"; }

# ---- usage and refusals --------------------------------------------------------

assert_eq "$(run "$p" sync apply)" 2 "apply without a file"
assert_eq "$(run "$d1" sync frobnicate)" 2 "unknown sync command"
assert_eq "$(run "$d1" sync export --office 'a b' --output "$(f bad)")" 2 "a bad office code"
[ ! -e "$(f bad)" ] || fail "a refused export left a file"

# ---- first exports: the whole database --------------------------------------------
assert_eq "$(run "$d1" sync export --office 80-794 --output "$(f d1-1)")" 0 "first export of 794"
assert_contains "$(err)" "Office 80-794, file 1 (the whole database)"
assert_eq "$(run "$d2" sync export --office 80-795 --output "$(f d2-1)")" 0 "first export of 795"
assert_eq "$(run "$d1" sync export --output "$(f none)")" 1 "nothing new"
assert_contains "$(err)" "Nothing has changed since export 1"
[ ! -e "$(f none)" ] || fail "an empty export left a file"
assert_eq "$(run "$d1" sync export --office 80-999 --output "$(f bad)")" 2 "another office's code"
head -c 13 "$(f d1-1)" | grep -q "canbo-sync 1" || fail "file header"

# ---- the province applies 794; a killed apply of 795 leaves it as it was ---------
assert_eq "$(run "$p" sync apply "$(f d1-1)")" 0 "apply 794's first file"
assert_contains "$(out)" "office 80-794, file 1:"
assert_eq "$(total "$p")" "$(total "$d1")" "province after 794"
before=$(snapshot)
# A file-size limit kills the process with SIGXFSZ while it writes the log
# of the transaction: a power cut half-way through the apply.
(ulimit -f 200; exec "$BIN" sync apply "$(f d2-1)" --config "$CONFIG" --db "$p" --lang en) \
	>/dev/null 2>&1
status=$?
[ "$status" -gt 128 ] || fail "the apply was not killed (status $status)"
assert_eq "$(sqlite3 "$p" 'PRAGMA integrity_check')" ok "integrity after the killed apply"
assert_eq "$(snapshot)" "$before" "province after the killed apply"
assert_eq "$(run "$p" sync apply "$(f d2-1)")" 0 "apply 795's first file after the kill"
t1=$(total "$d1") t2=$(total "$d2")
assert_eq "$(total "$p")" $((t1 + t2)) "province = 794 + 795"

# ---- edits at every end ------------------------------------------------------------
# a row changed at both ends
cli "$d1" org edit 10 --name "Chi bộ sửa ở huyện" >/dev/null || fail "edit at 794"
cli "$p" org edit "$(here 80-794 org 10)" --name "Chi bộ sửa ở tỉnh" >/dev/null || fail "edit at province"
# deleted at the district, changed at the province
cli "$d1" delete org 11 >/dev/null || fail "delete at 794"
cli "$p" org edit "$(here 80-794 org 11)" --name "Đảng bộ sửa ở tỉnh" >/dev/null || fail "edit 11 at province"
# deleted at the province, changed at the district
cli "$p" delete org "$(here 80-794 org 12)" >/dev/null || fail "delete at province"
cli "$d1" org edit 12 --name "Chi bộ sửa sau khi tỉnh xóa" >/dev/null || fail "edit 12 at 794"
# plain changes
cli "$d1" org edit 13 --name "Chi bộ đổi tên" >/dev/null || fail "edit 13 at 794"
gone=$(sqlite3 "$d2" "SELECT id FROM cadre ORDER BY id LIMIT 1")
cli "$d2" delete cadre "$gone" >/dev/null || fail "delete a cadre at 795"

assert_eq "$(run "$d1" sync export --output "$(f d1-2)")" 0 "second export of 794"
assert_contains "$(err)" "Office 80-794, file 2:"
assert_eq "$(run "$d2" sync export --output "$(f d2-2)")" 0 "second export of 795"

# ---- out of order, damaged ----------------------------------------------------------
cli "$d1" org edit 14 --name "Chi bộ lần ba" >/dev/null || fail "edit 14 at 794"
assert_eq "$(run "$d1" sync export --output "$(f d1-3)")" 0 "third export of 794"
before=$(snapshot)
assert_eq "$(run "$p" sync apply "$(f d1-3)")" 2 "file 3 before file 2"
assert_contains "$(err)" "the next to apply is 2"
sed 's/Chi bộ lần ba/Chi bộ lần bA/' "$(f d1-3)" >"$(f damaged)"
assert_eq "$(run "$p" sync apply "$(f damaged)")" 2 "a damaged file"
assert_contains "$(err)" "do not match its hash"
assert_eq "$(snapshot)" "$before" "province after refused files"

# ---- the changes, in any order on the command line ------------------------------------
assert_eq "$(run "$p" sync apply "$(f d1-3)" "$(f d2-2)" "$(f d1-2)")" 0 "apply the changes"
assert_contains "$(out)" "office 80-794, file 2:"
assert_contains "$(out)" "3 conflicts kept"
assert_contains "$(out)" "office 80-794, file 3:"
assert_eq "$(total "$p")" $((t1 + t2 - 1)) "province after 795 deleted a cadre"
assert_eq "$(total "$p")" $(( $(total "$d1") + $(total "$d2") )) "province = 794 + 795 after the changes"
# the province keeps its own values where both ends changed the row
names=$(cli "$p" org list --all --format csv)
assert_contains "$names" "Chi bộ sửa ở tỉnh"
assert_not_contains "$names" "Chi bộ sửa ở huyện"
assert_contains "$names" "Đảng bộ sửa ở tỉnh"
assert_not_contains "$names" "Chi bộ sửa sau khi tỉnh xóa"
assert_contains "$names" "Chi bộ đổi tên"
assert_contains "$names" "Chi bộ lần ba"

# ---- the conflicts, listed for a person ------------------------------------------------
assert_eq "$(run "$p" sync conflicts --format csv)" 0 "list the conflicts"
assert_eq "$(out | tail -n +2 | wc -l)" 3 "three conflicts"
assert_contains "$(out)" ",changed,"
assert_contains "$(out)" ",deleted-there,"
assert_contains "$(out)" ",deleted-here,"
assert_contains "$(out)" "Chi bộ sửa ở huyện"
assert_eq "$(run "$p" sync status --format csv)" 0 "status"
assert_contains "$(out)" "80-794,applied,3,"
assert_contains "$(out)" "80-795,applied,2,"
assert_eq "$(run "$d1" sync status --format csv)" 0 "status at the district"
assert_contains "$(out)" "80-794,sends,3,"
first=$(cli "$p" sync conflicts --format csv | sed -n 2p | cut -d, -f1)
assert_eq "$(run "$p" sync resolve "$first")" 0 "resolve a conflict"
assert_eq "$(cli "$p" sync conflicts --format csv | tail -n +2 | wc -l)" 2 "two left"
assert_eq "$(run "$p" sync resolve "$first")" 1 "resolved already"

# ---- applying again changes nothing -----------------------------------------------------
before=$(snapshot)
assert_eq "$(run "$p" sync apply "$(f d1-1)" "$(f d1-2)" "$(f d1-3)" "$(f d2-1)" "$(f d2-2)")" 0 "apply again"
assert_eq "$(out | grep -c 'was applied before; nothing changed')" 5 "every file skipped"
assert_eq "$(snapshot)" "$before" "province after applying again"

# ---- the districts' audit rows travel, under their office -------------------------------
a1=$(sqlite3 "$d1" "SELECT count(*) FROM audit")
assert_eq "$(sqlite3 "$p" "SELECT count(*) FROM sync_audit WHERE office = '80-794'")" "$a1" "794's audit rows"
assert_eq "$(sqlite3 "$p" "SELECT count(*) FROM sync_audit WHERE office = '80-794' AND tbl = 'org' AND row_id = 13 AND new LIKE '%Chi bộ đổi tên%'")" 1 "the rename's audit row"
assert_eq "$(cli "$p" audit verify >/dev/null; echo $?)" 0 "the province's own trail holds"
# identities: a row born at 794 is "80-794:ID" everywhere
assert_eq "$(sqlite3 "$p" "SELECT uid FROM org WHERE id = $(here 80-794 org 13)")" "80-794:13" "identity kept"

# ---- as over ssh: a pipe --------------------------------------------------------------------
cli "$d2" org edit 10 --name "Chi bộ qua ống" >/dev/null || fail "edit at 795"
cli "$d2" sync export 2>/dev/null | "$BIN" sync apply - --config "$CONFIG" --db "$p" --lang en >"$E2E_TMP/out" ||
	fail "export | apply -"
assert_contains "$(out)" "office 80-795, file 3:"
assert_contains "$(cli "$p" org list --all --format csv)" "Chi bộ qua ống"

# ---- a district's own file is not applied at the district -----------------------------------
assert_eq "$(run "$d1" sync apply "$(f d1-3)")" 2 "own file"
assert_contains "$(err)" "this office's own"

# ---- a user held to district 794 (real Unix user, access from the configuration) ----
me=$(id -un)
cfg="$E2E_TMP/config"
cp -r "$CONFIG" "$cfg"
sed -i "s/^read =.*/read = chu-tich-tinh/; s/^edit =.*/edit = chu-tich-tinh/" "$cfg/canbo.ini"
sed -i "s/^; read = @canbo-794\$/read = $me/; s/^; edit = @canbo-794-edit\$/edit = $me/" "$cfg/districts/794.ini"
cli "$d2" org edit 10 --name "Chi bộ ngoài huyện" >/dev/null || fail "edit at 795 again"
assert_eq "$(run "$d2" sync export --output "$(f d2-4)")" 0 "fourth export of 795"
before=$(snapshot)
"$BIN" sync apply "$(f d2-4)" --config "$cfg" --db "$p" --lang en >"$E2E_TMP/out" 2>"$E2E_TMP/err"
assert_eq "$?" 5 "a 794 user applies a file reaching beyond 794"
assert_contains "$(err)" "reach beyond the districts you may change"
assert_eq "$(snapshot)" "$before" "province after the refused apply"
"$BIN" sync conflicts --config "$cfg" --db "$p" --lang en >"$E2E_TMP/out" 2>"$E2E_TMP/err"
assert_eq "$?" 5 "a 794 user lists conflicts of every office"
assert_not_contains "$(out)" "Chi bộ"
"$BIN" sync export --config "$cfg" --db "$d1" --lang en --output "$(f d1-x)" 2>"$E2E_TMP/err"
assert_eq "$?" 5 "a 794 user exports a database reaching beyond 794"
[ ! -e "$(f d1-x)" ] || fail "a refused export left a file"
assert_eq "$(run "$p" sync apply "$(f d2-4)")" 0 "the province's user applies it"
exit 0
