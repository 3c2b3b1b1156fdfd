# lib.sh - helpers for the end-to-end tests; source it from a test.
# Terminal tests drive the real binary inside a private tmux server.
set -u
SRC=${CANBO_SOURCE_DIR:-.}
CONFIG="$SRC/config"
TMUX_SOCK="canbo-e2e-$$"
export CANBO_TODAY=${CANBO_TODAY:-2025-06-30}

fail() { echo "FAIL: $*" >&2; exit 1; }

# The tests read Vietnamese and line-drawing characters with grep and sed:
# a caller with no locale at all (minimal systems, CI) gets UTF-8 for that;
# what the program sees is set by each test.
if [ -z "${LC_ALL:-}${LC_CTYPE:-}${LANG:-}" ]; then
	export LC_CTYPE=C.UTF-8
fi

# app_pid below asks pgrep which program runs in the terminal; without it
# every test would read as "the program ended".
command -v pgrep >/dev/null 2>&1 ||
	fail "pgrep is missing (Debian package procps; 'make test-deps' installs it)"

# assert_contains HAYSTACK NEEDLE [what]
assert_contains() {
	case "$1" in *"$2"*) ;; *) printf '%s\n' "$1" >&2; fail "${3:-output} does not contain '$2'";; esac
}
assert_not_contains() {
	case "$1" in *"$2"*) printf '%s\n' "$1" >&2; fail "${3:-output} contains '$2'";; *) ;; esac
}
assert_eq() { [ "$1" = "$2" ] || fail "${3:-value}: expected '$2', got '$1'"; }

# A small deterministic demo database, built once per test run directory.
demo_db() {
	db="$E2E_TMP/demo.db"
	if [ ! -f "$db" ]; then
		"$BIN" demo --config "$CONFIG" --db "$db" --cadres "${1:-2000}" --seed 7 >/dev/null ||
			fail "demo build failed"
	fi
	echo "$db"
}

# tmux_start COLS ROWS COMMAND... : starts the program in a detached session
# (environment: TEST_LANG, TEST_TERM, and TEST_TZ when set).
tmux_start() {
	cols=$1 rows=$2
	shift 2
	# The tmux server itself runs in a UTF-8 locale whatever the caller's
	# (line-drawing characters are then captured as such); the program sees
	# only the LANG of the test.
	LC_ALL= LC_CTYPE=C.UTF-8 tmux -L "$TMUX_SOCK" -f /dev/null new-session -d -s t -x "$cols" -y "$rows" \
		"env -u LC_ALL -u LC_CTYPE LANG=${TEST_LANG:-C.UTF-8} TERM=${TEST_TERM:-xterm-256color} ${TEST_TZ:+TZ=$TEST_TZ} $*; sleep 30" ||
		fail "tmux could not start"
	tmux -L "$TMUX_SOCK" set -g status off 2>/dev/null
	trap 'tmux -L "$TMUX_SOCK" kill-server 2>/dev/null' EXIT
}
send() { tmux -L "$TMUX_SOCK" send-keys -t t "$@"; }
screen() { tmux -L "$TMUX_SOCK" capture-pane -p -t t; }
resize() { tmux -L "$TMUX_SOCK" resize-window -t t -x "$1" -y "$2"; }
pane_pid() { tmux -L "$TMUX_SOCK" display -p -t t '#{pane_pid}'; }

# wait_for TEXT [seconds]: until the screen shows TEXT (else fail with it);
# what is looked at is what $wait_view prints (default: screen).
wait_for() {
	i=0 limit=$(( ${2:-15} * 10 ))
	while [ $i -lt $limit ]; do
		case "$(${wait_view:-screen})" in *"$1"*) return 0;; esac
		sleep 0.1
		i=$((i + 1))
	done
	screen >&2
	fail "screen never showed '$1'"
}
# wait_gone TEXT [seconds]: until TEXT is no longer on screen.
wait_gone() {
	i=0 limit=$(( ${2:-15} * 10 ))
	while [ $i -lt $limit ]; do
		case "$(screen)" in *"$1"*) ;; *) return 0;; esac
		sleep 0.1
		i=$((i + 1))
	done
	screen >&2
	fail "screen still shows '$1'"
}

# ---- terminal UI helpers --------------------------------------------------

# app_pid: the pid of the program started by tmux_start ("" once it exited).
app_pid() { pgrep -P "$(pane_pid)" 2>/dev/null | head -1; }
# send_text TEXT: types TEXT literally (UTF-8 allowed).
send_text() { tmux -L "$TMUX_SOCK" send-keys -t t -l "$1"; }
# screen_attrs: the screen with its escape sequences (colours, reverse...).
screen_attrs() { tmux -L "$TMUX_SOCK" capture-pane -p -e -t t; }
# wait_exit [seconds]: until the program has exited (else fail).
wait_exit() {
	i=0 limit=$(( ${1:-5} * 10 ))
	while [ $i -lt $limit ]; do
		[ -z "$(app_pid)" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	screen >&2
	fail "the program did not exit"
}
# ui_start [COLS ROWS] [ARGS...]: the terminal UI on the demo database.
ui_start() {
	db=$(demo_db)
	tmux_start "${UI_COLS:-80}" "${UI_ROWS:-24}" "$BIN" --config "$CONFIG" --db "$db" "$@"
}
# json_field JSON KEY: the value of "KEY": "value" (or a bare value).
json_field() {
	printf '%s\n' "$1" | tr ',' '\n' | sed -n "s/^[{ ]*\"$2\": *\"\{0,1\}\([^\"]*\)\"\{0,1\}[ }]*$/\1/p" | head -1
}
# pick_cadre QUERY: the first cadre of the demo database ($db) matching
# QUERY, in $id and $name ("" when none); show prints its record as JSON.
pick_cadre() {
	db=$(demo_db)
	found=$("$BIN" find --config "$CONFIG" --db "$db" "$1" --format json --limit 1)
	id=$(json_field "$found" id)
	name=$(json_field "$found" full_name)
}
show() { "$BIN" show --config "$CONFIG" --db "$db" "$id" --format json; }
# open_record NAME: from the main menu, finds NAME in the cadre list and
# opens its record.
open_record() {
	send 1
	wait_for "cán bộ   Lọc"
	send /
	send_text "$1"
	wait_for "▸$1"
	send Enter Enter
	wait_for "1 Chung"
}
# kill_server: stops this test's tmux server (to start the program again).
kill_server() { tmux -L "$TMUX_SOCK" kill-server 2>/dev/null; sleep 0.2; }
# answer_yes: answers a question yes the only way it accepts - moving to
# "Có" and pressing Enter (no letter answers yes). Wait for the question
# first: keys sent before it is drawn are thrown away.
answer_yes() { send Left; send Enter; }
# csv_without HEADER <IN >OUT: a CSV as canbo writes it (RFC 4180, CRLF)
# less the column of that header - an office's list without, say, the
# party organisations a new database does not hold yet.
csv_without() {
	python3 -c '
import csv, sys
rows = csv.reader(sys.stdin, strict=True)
out = csv.writer(sys.stdout, lineterminator="\r\n")
head = next(rows)
k = head.index(sys.argv[1])
for r in [head] + list(rows):
    out.writerow(r[:k] + r[k + 1:])
' "$1"
}

# ---- the rating sheet (test_rating_sheet, test_eval_sheet) ----------------
# small_commune ALL.csv: from `canbo find --format csv --limit 0`, a commune
# with 4 to 6 cadres whose name no other unit's contains (typed into the
# scope picker, it picks that one alone).
small_commune() {
	python3 - "$1" <<'PY'
import csv, sys, collections
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
count = collections.Counter(r["unit"] for r in rows if r["level"] == "commune")
units = {r["unit"] for r in rows}
ok = sorted((n, u) for u, n in count.items()
            if 4 <= n <= 6 and sum(u in v for v in units) == 1)
print(ok[0][1] if ok else "")
PY
}
# The screen as one line, the dialog's frame and line breaks taken out.
flat() { screen | tr -d '│\n' | tr -s ' '; }
wait_flat() {
	wait_view=flat
	wait_for "$1" 10
	wait_view=screen
}
# open_rating_sheet COMMUNE YEAR: the UI (120x30) on the demo database, from
# the party organisations (F9) to the rating sheet of YEAR, its scope the
# commune chosen with F7.
open_rating_sheet() {
	UI_COLS=120 UI_ROWS=30 ui_start
	wait_for "Menu chính"
	send 4
	wait_for "Tổ chức đảng"
	send F9
	wait_for "Bảng xếp loại $2: cán bộ"
	send F7
	wait_for "Phạm vi của bảng xếp loại"
	send_text "$1"
	sleep 0.3
	send Enter
	wait_for "Bảng xếp loại $2: cán bộ · $1"
}
