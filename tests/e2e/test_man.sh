#!/bin/sh
# The manual pages format without a warning under groff and mandoc (the two
# formatters Debian users have), for a terminal (groff's default PostScript
# fonts have no Vietnamese letters), and every command of `canbo --help`
# has its section in canbo(1).
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"
for page in "$SRC/man/canbo.1" "$SRC/man/canbo.ini.5"; do
	out=$(groff -man -Tutf8 -ww -z "$page" 2>&1) || fail "groff failed on $page"
	[ -z "$out" ] || { printf '%s\n' "$out" >&2; fail "groff warns on $page"; }
	out=$(mandoc -T lint -W warning "$page" 2>&1)
	[ -z "$out" ] || { printf '%s\n' "$out" >&2; fail "mandoc warns on $page"; }
done
for cmd in $("$BIN" --help --lang en | sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p'); do
	grep -q "^\.SS $cmd\b" "$SRC/man/canbo.1" || fail "canbo(1) has no section on '$cmd'"
done
echo "manual pages: ok"
