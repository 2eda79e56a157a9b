#!/usr/bin/env bash
# tui-smoke: drive the real lagebild binary in tmux on the embedded default
# data. For each terminal size (and without colour, in German, in the
# accessible mode) it starts the TUI, switches through every view, applies
# a filter, flips to a table, resizes (also below the minimum), and quits.
# It fails on a panic, an empty screen, a missing screen text or a non-zero
# exit status. The issue16 runs (80x24, 100x30, German 80x24) check the
# fixes of issue #16: the key bar keeps ? and q, the full help scrolls to
# every note, every set filter or "+N more" in the header, e names the
# full paths it wrote, y/E say "sent", one esc closes the filter panel,
# ←/h leaves its choices, a letter finds a choice, the view stays in sight
# beside the panel from 100 columns, a filter change reopens the view at
# its top, and keys are ignored while the terminal is too small. The
# defects runs (80x24, 100x30, as the analyst) check the rest: every tab
# on the tab row, • never ×, the quality table's share label, r's status,
# the table view's sources, the console's caret under a syntax error; and
# cli_errors an export given as --db (exit 2, "lagebild import"). The
# newviews runs (80x24, 100x30, then German and accessible) drive the
# programme, states and access views of issue #13. The
# features run (80x24, as the analyst) drives what #16 added: sorting,
# search, drill-down and back, presets, series toggling, and the quality
# chart's "axis starts at" line and the sparklines' caption. Every run
# keeps its presets in a temporary XDG_CONFIG_HOME.
#
#   scripts/tui-smoke.sh            # build ./cmd/lagebild and run
#   LAGEBILD_BIN=/tmp/lagebild scripts/tui-smoke.sh
#   KEEP=1 scripts/tui-smoke.sh     # keep the screen captures (printed dir)
#   ISSUE16_ONLY=1 scripts/tui-smoke.sh   # only the issue #16 runs
#   NEWVIEWS_ONLY=1 scripts/tui-smoke.sh  # only the issue #13 views' runs
set -euo pipefail

cd "$(dirname "$0")/.."
command -v tmux >/dev/null || { echo "tui-smoke: tmux is required" >&2; exit 1; }

work=$(mktemp -d)
if [[ -z "${KEEP:-}" ]]; then trap 'rm -rf "$work"' EXIT; fi
bin=${LAGEBILD_BIN:-}
if [[ -z "$bin" ]]; then
	bin="$work/lagebild"
	echo "tui-smoke: building $bin"
	go build -o "$bin" ./cmd/lagebild
fi

session="lagebild-smoke-$$"
current=""

capture() { tmux capture-pane -t "$session" -p 2>/dev/null || true; }

fail() {
	echo "tui-smoke: FAIL [$current]: $*" >&2
	echo "----- screen -----" >&2
	capture >&2
	echo "----- stderr -----" >&2
	cat "$work/stderr" >&2 2>/dev/null || true
	tmux kill-session -t "$session" 2>/dev/null || true
	exit 1
}

# check_screen fails on an empty screen or a panic.
check_screen() {
	local s
	s=$(capture)
	[[ -n "${s//[[:space:]]/}" ]] || fail "empty screen"
	if grep -qiE 'panic|goroutine [0-9]+ \[' <<<"$s"; then fail "panic on screen"; fi
	if grep -qiE 'panic|goroutine [0-9]+ \[' "$work/stderr" 2>/dev/null; then fail "panic on stderr"; fi
}

# wait_for TEXT: wait up to 10 s until the screen shows TEXT.
wait_for() {
	local text=$1 i
	for i in $(seq 1 200); do
		if capture | grep -qF -- "$text"; then
			check_screen
			return 0
		fi
		sleep 0.05
	done
	fail "screen never showed: $text"
}

snap() { capture >"$work/$current-$1.txt"; }

key() { tmux send-keys -t "$session" "$@"; sleep 0.15; }

# screen_has TEXT: the screen shows TEXT now, wrapped lines joined.
screen_has() { capture | tr -d '\n' | grep -qF -- "$1"; }

# line N: the screen's line N (1-based).
line() { capture | sed -n "${1}p"; }

# keybar_ok HELP QUIT: the last line (the key bar) shows both, uncut.
keybar_ok() {
	local bar
	bar=$(capture | sed '/^$/d' | tail -n 1)
	[[ $bar == *"$1"* && $bar == *"$2"* ]] || fail "key bar lacks '$1' or '$2': $bar"
	[[ $bar != *"…"* ]] || fail "key bar cut: $bar"
}

# start NAME WIDTH HEIGHT ARGS...: the binary in a fresh tmux session.
start() {
	local name=$1 w=$2 h=$3
	shift 3
	current="$name ${w}x${h}"
	echo "tui-smoke: $current $*"
	: >"$work/stderr"
	rm -f "$work/exit"
	# presets are written below XDG_CONFIG_HOME: never the user's own
	tmux new-session -d -s "$session" -x "$w" -y "$h" \
		"XDG_CONFIG_HOME='$work/config' '$bin' $* 2>'$work/stderr'; echo \"EXIT=\$?\" >'$work/exit'; sleep 30"
	tmux set-option -t "$session" remain-on-exit on >/dev/null
}

# quit_ok: q ends the program with status 0 and no panic.
quit_ok() {
	key q
	for _ in $(seq 1 100); do [[ -f "$work/exit" ]] && break; sleep 0.05; done
	[[ -f "$work/exit" ]] || fail "q did not quit"
	grep -q 'EXIT=0' "$work/exit" || fail "exit status $(cat "$work/exit")"
	if grep -qiE 'panic|goroutine [0-9]+ \[' "$work/stderr"; then fail "panic on stderr"; fi
	tmux kill-session -t "$session" 2>/dev/null || true
}

# issue16 WIDTH HEIGHT: the fixes of issue #16, in English.
issue16() {
	local w=$1 h=$2 out="$work/exports-$1x$2"
	mkdir -p "$out"
	start issue16 "$w" "$h" --theme dark --export-dir "$out" \
		--phenomenon right_wing --state DE-NW --risk standard --access-route self --custody no
	wait_for "Public figures"
	keybar_ok "? help" "q quit"
	# 5: every set filter, or as many as fit and how many more.
	local hdr
	hdr=$(line 2)
	if [[ $hdr != *"Custody: no"* ]]; then
		[[ $hdr =~ \+[0-9]+\ more ]] || fail "header hides filters without '+N more': $hdr"
	fi
	[[ $hdr != *"…"* ]] || fail "header cuts a filter: $hdr"
	snap header
	# 1: the full help is a page; scrolled to its end it shows the notes.
	key ?
	wait_for "Keys · ? or esc closes"
	keybar_ok "? help" "q quit"
	screen_has "q quit" || fail "full help lacks q quit"
	snap help
	key G
	screen_has "set-clipboard on" || fail "full help's end not reachable"
	screen_has "$out" || fail "full help does not name the export directory"
	key Escape
	wait_for "Public figures"
	# 4: e names the full paths; y and E say sent, not copied. e asks
	# for the format first; e again is Markdown+CSV.
	key e
	wait_for "Export:"
	key e
	wait_for "Exported:"
	screen_has "$out/lagebild-overview-" || fail "export status lacks the full path"
	ls "$out"/lagebild-overview-*.md "$out"/lagebild-overview-*.csv >/dev/null 2>&1 || fail "no export files in $out"
	snap export
	key y
	wait_for "as Markdown to the terminal's clipboard"
	if screen_has "copied"; then fail "y claims copied"; fi
	key E
	wait_for "as CSV to the terminal's clipboard"
	# 9: the panel: its key bar, ←/h, type-to-find, one esc.
	key f
	wait_for "Filter (applies to every case view)"
	keybar_ok "? help" "q quit"
	screen_has "esc close" || fail "panel key bar lacks esc close"
	if [[ $w -ge 100 ]]; then
		screen_has "Public figures" || fail "the panel hides the view at $w columns"
	fi
	key Enter
	wait_for "▸ (•) all"
	key h
	wait_for "▸ Years"
	key Down Down T
	wait_for "▸ ( ) Thuringia (TH)"
	snap panel
	key Escape
	for _ in $(seq 1 40); do screen_has "Filter (applies" || break; sleep 0.05; done
	if screen_has "Filter (applies"; then fail "one esc did not close the panel"; fi
	# 10: a filter change reopens the view at its top.
	key 3
	wait_for "Intakes by year and phenomenon area"
	key G
	sleep 0.3
	if [[ $(line 3) == *"Intakes by year and phenomenon area"* ]]; then fail "G did not scroll"; fi
	key f
	wait_for "Filter (applies"
	key h 0 Escape
	wait_for "Filter: none – all cases"
	wait_for "↑0 ↓"
	[[ $(line 3) == *"Intakes by year and phenomenon area"* ]] || fail "not at the top after a filter change: $(line 3)"
	# 10: keys are ignored while too small.
	key 1
	wait_for "Public figures"
	tmux resize-window -t "$session" -x 50 -y 15
	wait_for "too small"
	key 2 f ?
	tmux resize-window -t "$session" -x "$w" -y "$h"
	wait_for "Public figures"
	if screen_has "Filter (applies" || screen_has "Keys · ?"; then fail "keys applied while too small"; fi
	quit_ok
}

# defects WIDTH HEIGHT: the rest of issue #16 on screen, as the analyst
# (the views on 1-9,0 and the console on :): every tab on the tab row (12), • and never × (6), the
# quality table's own label (2), r's status (12), the table view's sources
# without "(table: t)" and addresses unbroken (12), the console's syntax
# error with DuckDB's LINE/caret block (8).
defects() {
	local w=$1 h=$2
	start defects "$w" "$h" --theme dark --role analyst
	wait_for "Public figures"
	local row
	row=$(line 1)
	for n in 1 2 3 4 5 6; do [[ $row == *" $n "* ]] || fail "tab $n missing: $row"; done
	# ten views and the console: at 80 columns the tabs shrink to their keys
	[[ $row == *" : "* && $row == *" 0 "* ]] || fail "tab row cut: $row"
	for v in 1 2 3 4 5 6; do
		key "$v"
		sleep 0.4
		if screen_has "×"; then fail "view $v shows × instead of •"; fi
	done
	key 5
	wait_for "Completeness per column"
	key t
	wait_for "table (t: chart)"
	for _ in $(seq 1 12); do screen_has "Share with documented outcome [95 % CI]" && break; key PageDown; done
	screen_has "Share with documented outcome [95 % CI]" || fail "quality table lacks its share label"
	key r
	wait_for "Quality reloaded"
	key 6
	wait_for "published figures, shown exactly"
	key t
	wait_for "publications):"
	if screen_has "(table: t)"; then fail "table view points to itself"; fi
	if capture | grep -qE '^ *[a-z0-9-]+/[a-z0-9-]+[^ ]*-$'; then fail "an address broken across lines"; fi
	key :
	wait_for "SQL>"
	key "SELECT * FORM cases" Enter
	wait_for "LINE 1: SELECT * FORM cases"
	local caret
	caret=$(capture | grep -A1 -F "LINE 1: SELECT * FORM cases" | tail -n 1)
	[[ ${caret%^} =~ ^\ {22}$ ]] || fail "caret not under the error: '$caret'"
	key Escape
	key 1
	wait_for "Public figures"
	quit_ok
}

# features WIDTH HEIGHT: what #16 added, as the analyst: sorting (s: the
# header's ▼), search (/: "match 1 of"), drill-down (enter filters to the
# row, ⌫ goes back), presets (P saves, p lists), series toggling (x dims
# the legend), and two chart fixes: the quality chart says where its axis
# starts (3), the sparklines' caption (7).
features() {
	local w=$1 h=$2
	start features "$w" "$h" --theme dark --role analyst
	wait_for "Public figures"
	screen_has "one mark per year" || fail "sparklines without their caption"
	key 2
	wait_for "Intakes by age band"
	key t
	wait_for "table (t: chart)"
	[[ $(line 4) != *"▼"* ]] || fail "sorted before s: $(line 4)"
	key s
	sleep 0.3
	[[ $(line 4) == *"▼"* ]] || fail "s does not mark the sorted column: $(line 4)"
	key S
	sleep 0.3
	[[ $(line 4) == *"▲"* ]] || fail "S does not reverse the sort: $(line 4)"
	key /
	key 2 0 2 Enter
	wait_for "match 1 of"
	key n
	wait_for "match 2 of"
	key Escape
	key Down Enter
	sleep 0.5
	local hdr
	hdr=$(line 2)
	[[ $hdr =~ Filter:.*20[0-9][0-9] && $hdr != *"none"* ]] || fail "enter did not filter to the row: $hdr"
	key P
	key s m o k e Enter
	wait_for 'Preset "smoke" saved'
	key BSpace
	wait_for "Filter: none – all cases"
	key p
	wait_for "Filter presets"
	screen_has "▸ smoke" || fail "p does not list the saved preset"
	key Escape
	key 3
	wait_for "Intakes by year and phenomenon area"
	screen_has "── Right-wing" || fail "legend lacks Right-wing"
	key x
	wait_for "· Right-wing"
	key 5
	wait_for "Completeness per column"
	for _ in $(seq 1 12); do screen_has "axis starts at" && break; key PageDown; done
	screen_has "axis starts at" || fail "the quality chart does not say where its axis starts"
	key 1
	wait_for "Public figures"
	quit_ok
}

# cli_errors: defect 11 without tmux: an export as --db says what to do,
# exit status 2.
cli_errors() {
	current="cli"
	local csv="$work/export.csv" status=0 msg
	echo "case_id,provider" >"$csv"
	msg=$("$bin" brief --db "$csv" 2>&1) || status=$?
	[[ $status -eq 2 ]] || fail "--db export.csv exit $status, want 2: $msg"
	[[ $msg == *"lagebild import"* ]] || fail "--db export.csv does not say to import: $msg"
}

# scroll_until TEXT: page down (at most 12 times) until the screen shows
# TEXT; fail if it never does.
scroll_until() {
	for _ in $(seq 1 12); do screen_has "$1" && return 0; key PageDown; done
	screen_has "$1" || fail "never shown while paging down: $1"
}

# newviews WIDTH HEIGHT: the views of issue #13 as a reader meets them
# (programme 7, states 8, access 9): the programme view states its
# period, the paper's definitions in full and what MA means; the states
# map says which figure it shows, ←/→ picks another and the picker marks
# it, its legend has classes that share no bound; each view flips to its
# table and back; e writes the states' files, y sends them.
newviews() {
	local w=$1 h=$2 out="$work/exports-new-$1x$2"
	mkdir -p "$out"
	start newviews "$w" "$h" --theme dark --export-dir "$out"
	wait_for "Public figures"
	key 7
	wait_for "Programme figures: cases in a danger context by intake year"
	screen_has "Period 20" || fail "programme headline without its period"
	screen_has "of them high-risk:" || fail "programme headline lacks high-risk"
	scroll_until "Definitions (policy paper)"
	scroll_until "so no follow-up rule applies"
	if screen_has "(full text: t)"; then fail "a programme definition is cut"; fi
	scroll_until "MA: multi-agency cases"
	key t
	wait_for "table (t: chart)"
	screen_has "Intake year" || fail "programme table lacks its intake years"
	key t
	for _ in $(seq 1 40); do screen_has "table (t: chart)" || break; sleep 0.05; done
	if screen_has "table (t: chart)"; then fail "t did not flip back to the chart"; fi
	key 8
	wait_for "Map of the states: Intakes"
	screen_has "▸ Intakes" || fail "the picker does not mark the shown figure"
	screen_has "figure (pgdn scrolls)" || fail "the map does not say how to pick a figure"
	local code
	for code in SH HB HH MV NW NI ST BE BB RP HE TH SN SL BW BY; do
		screen_has " $code " || fail "tile $code missing"
	done
	if capture | grep -qE '([0-9]+)–[0-9]+ .* \1–'; then fail "two count classes share a bound"; fi
	key Right
	wait_for "Map of the states: Danger-context share"
	screen_has "▸ Danger-context share" || fail "the picker did not follow →"
	key Right
	wait_for "Map of the states: Multi-agency share"
	key Left Left
	wait_for "Map of the states: Intakes"
	scroll_until "The 16 states compared"
	key e
	wait_for "Export:"
	key e
	wait_for "Exported:"
	ls "$out"/lagebild-states-* >/dev/null 2>&1 || fail "e wrote no states files in $out"
	key y
	wait_for "as Markdown to the terminal's clipboard"
	key t
	wait_for "table (t: chart)"
	screen_has "Baden-Württemberg" || fail "states table without state names"
	key t
	wait_for "Map of the states"
	key 9
	wait_for "Access routes per intake year (100 %)"
	screen_has "Youth/school" || fail "access legend lacks a route"
	scroll_until "Intakes per access route"
	key t
	wait_for "Intakes by year and access route"
	screen_has "Total" || fail "access table without its totals"
	key t
	wait_for "Access routes per intake year (100 %)"
	quit_ok
	# a narrow filter: the map's own legend explains withheld tiles, the
	# programme headline follows the filter
	start newviews-filtered "$w" "$h" --phenomenon islamist --returnee yes
	wait_for "Public figures"
	key 8
	wait_for "Map of the states: Intakes"
	[[ $(capture | grep -n "withheld (fewer than k" | head -1 | cut -d: -f1) -lt $(capture | grep -n "figure (pgdn scrolls)" | cut -d: -f1) ]] ||
		fail "the map's legend does not explain its withheld tiles"
	key 7
	wait_for "Filter: Phenomenon: Islamist; Returnee: yes"
	wait_for "of them returnees:"
	quit_ok
}

# newviews_modes: the same views in German and in the accessible mode.
newviews_modes() {
	start newviews-de 80 24 --lang de
	wait_for "Veröffentlichte Zahlen"
	key 7
	wait_for "Programmzahlen: Fälle mit Gefahrenkontext nach Aufnahmejahr"
	scroll_until "Definitionen (Policy Paper)"
	key 8
	wait_for "Länderkarte: Aufnahmen"
	screen_has "▸ Aufnahmen" || fail "German picker does not mark the figure"
	key Right
	wait_for "Länderkarte: Anteil Gefahrenkontext"
	key 9
	wait_for "Zugangswege je Aufnahmejahr (100 %)"
	keybar_ok "? Hilfe" "q beenden"
	quit_ok
	start newviews-accessible 80 24 --accessible
	wait_for "Public figures"
	key 8
	wait_for "The 16 states compared"
	screen_has "Baden-Württemberg" || fail "accessible states view without state names"
	if screen_has "░"; then fail "accessible states view draws shades"; fi
	key 7
	wait_for "Period 20"
	key 9
	wait_for "Intakes by year and access route"
	quit_ok
}

# run NAME WIDTH HEIGHT CHECK_TEXT ENV... -- ARGS...
run() {
	local name=$1 w=$2 h=$3 check=$4
	shift 4
	local envs=() args=()
	while [[ $# -gt 0 && $1 != -- ]]; do envs+=("$1"); shift; done
	[[ $# -gt 0 ]] && shift
	args=("$@")
	current="$name ${w}x${h}"
	echo "tui-smoke: $current ${envs[*]:-} ${args[*]:-}"
	: >"$work/stderr"
	tmux new-session -d -s "$session" -x "$w" -y "$h" \
		"env ${envs[*]:-} '$bin' ${args[*]:-} 2>'$work/stderr'; echo \"EXIT=\$?\" >'$work/exit'; sleep 30"
	tmux set-option -t "$session" remain-on-exit on >/dev/null
	rm -f "$work/exit"

	if [[ $check == en ]]; then
		wait_for "Person potential"
		snap overview
		for step in "2:Share of minors" "3:Intakes by year and phenomenon" "4:Closures by outcome" \
			"5:Completeness per column" "6:Person potential (persons)" "1:New intakes"; do
			key "${step%%:*}"
			wait_for "${step#*:}"
			snap "view${step%%:*}"
		done
		key Tab
		wait_for "Share of minors"
		key f
		wait_for "Filter (applies to every case view)"
		key Down Enter Down Space
		wait_for "(•) Right-wing extremism"
		key f
		wait_for "Filter: Phenomenon: Right-wing"
		key t
		wait_for "Total"
		snap table
		key End
		check_screen
	else
		# German / accessible: the same keys, checked for a sane screen.
		sleep 1.5
		check_screen
		for k in 2 3 4 5 6 1 Tab f Down Enter Down Space f t End; do key "$k"; done
		sleep 0.5
		check_screen
		snap keys
	fi
	tmux resize-window -t "$session" -x 50 -y 15
	sleep 0.3
	if [[ $check == en ]]; then wait_for "too small"; fi
	check_screen
	tmux resize-window -t "$session" -x "$w" -y "$h"
	sleep 0.3
	check_screen
	key q
	for _ in $(seq 1 100); do [[ -f "$work/exit" ]] && break; sleep 0.05; done
	[[ -f "$work/exit" ]] || fail "q did not quit"
	grep -q 'EXIT=0' "$work/exit" || fail "exit status $(cat "$work/exit")"
	if grep -qiE 'panic|goroutine [0-9]+ \[' "$work/stderr"; then fail "panic on stderr"; fi
	tmux kill-session -t "$session" 2>/dev/null || true
}

ISSUE16_ONLY=${ISSUE16_ONLY:-}
if [[ -n ${NEWVIEWS_ONLY:-} ]]; then
	newviews 80 24
	newviews 100 30
	newviews_modes
	echo "tui-smoke: ok"
	exit 0
fi
if [[ -z $ISSUE16_ONLY ]]; then
run compact 80 24 en -- --theme dark
run medium 100 30 en -- --theme light
run wide 160 50 en --
run nocolor 100 30 en NO_COLOR=1 --
run german 100 30 de -- --lang de
run accessible 80 24 de NO_COLOR=1 -- --accessible
run filtered 80 24 de -- --years 2020-2022 --phenomenon islamist --state DE-NW
fi

issue16 80 24
issue16 100 30
defects 80 24
defects 100 30
features 80 24
newviews 80 24
newviews 100 30
newviews_modes
cli_errors
start issue16-de 80 24 --lang de
wait_for "Veröffentlichte Zahlen"
keybar_ok "? Hilfe" "q beenden"
key f
wait_for "Filter (gilt für alle Fallansichten)"
keybar_ok "? Hilfe" "q beenden"
quit_ok

echo "tui-smoke: ok"
if [[ -n "${KEEP:-}" ]]; then echo "tui-smoke: screens in $work"; fi
