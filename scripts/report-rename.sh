#!/bin/sh
# report-rename.sh moves Go files of the TUI from the table model of
# tui/tabular (Tab, Cell, their states, kinds and constructors) to the one
# model of package queries/report (issue #12 item 1). It is mechanical:
# package qualifier and type names only; tabular.Render, Caption, Format,
# Protection, SourceLine and RenderOptions stay in tui/tabular.
#
# usage: scripts/report-rename.sh [file.go ...]
#        (default: tui/*.go tui/views/*.go tui/charts/*.go tui/console/*.go)
# Run from the repository root; it edits in place and runs gofmt.
set -eu
if [ $# -eq 0 ]; then
	set -- tui/*.go tui/views/*.go tui/charts/*.go tui/console/*.go
fi
for f in "$@"; do
	grep -q 'tabular\.' "$f" || continue
	sed -i -E \
		-e 's/\btabular\.Tab\b/report.Table/g' \
		-e 's/\btabular\.(Cell|FromTable|FromValue|Value|WithheldCell|Shown|Withheld|Missing|State|Labeler|KindChange|KindPP|KindYear)\b/report.\1/g' \
		-e 's/converted to tabular\.Tab\)/built once as report.Table)/' \
		-e 's/^(\t*\/\/ )converted with Tab\.Export, for export and copy/\1written as they are, for export and copy/' \
		"$f"
	# imports: add queries/report where it is now used, drop tui/tabular
	# where it is no longer used
	if grep -q '\breport\.' "$f" && ! grep -q '"lagebild/queries/report"' "$f"; then
		if grep -q '^	"lagebild/tui/tabular"$' "$f"; then
			sed -i 's#^	"lagebild/tui/tabular"$#	"lagebild/queries/report"\n&#' "$f"
		elif grep -q '^	"lagebild/queries"$' "$f"; then
			sed -i 's#^	"lagebild/queries"$#&\n	"lagebild/queries/report"#' "$f"
		else
			sed -i '0,/^	"lagebild\//s##	"lagebild/queries/report"\n&#' "$f"
		fi
	fi
	if ! grep -q '\btabular\.' "$f"; then
		sed -i '/^	"lagebild\/tui\/tabular"$/d' "$f"
	fi
	gofmt -w "$f"
done
# package tui's tests import queries/report: its benchmarks' helper
# "report" would shadow the package
if [ -f tui/bench_test.go ] && grep -q '^func report(' tui/bench_test.go; then
	sed -i -E -e 's/\breport\(b, durs\)/reportPercentiles(b, durs)/' \
		-e 's/^func report\(b \*testing\.B/func reportPercentiles(b *testing.B/' \
		-e 's#^// report adds#// reportPercentiles adds#' tui/bench_test.go tui/coldstart_bench_test.go
fi
