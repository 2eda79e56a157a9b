#!/usr/bin/env bash
# tui-smoke: drive the real lagebild binary in tmux on the embedded default
# data. For each terminal size (and without colour, in German, in the
# accessible mode) it starts the TUI, switches through every view, applies
# a filter, flips to a table, resizes (also below the minimum), and quits.
# It fails on a panic, an empty screen, a missing screen text or a non-zero
# exit status.
#
#   scripts/tui-smoke.sh            # build ./cmd/lagebild and run
#   LAGEBILD_BIN=/tmp/lagebild scripts/tui-smoke.sh
#   KEEP=1 scripts/tui-smoke.sh     # keep the screen captures (printed dir)
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

run compact 80 24 en -- --theme dark
run medium 100 30 en -- --theme light
run wide 160 50 en --
run nocolor 100 30 en NO_COLOR=1 --
run german 100 30 de -- --lang de
run accessible 80 24 de NO_COLOR=1 -- --accessible
run filtered 80 24 de -- --years 2020-2022 --phenomenon islamist --state DE-NW

echo "tui-smoke: ok"
if [[ -n "${KEEP:-}" ]]; then echo "tui-smoke: screens in $work"; fi
