// Command lagebild is a terminal application for the anonymised analysis of
// situation data in extremism prevention: public figures and anonymised
// counselling case exports in a DuckDB store, shown as protected tables and
// charts.
//
// Run without arguments it opens the TUI on the embedded default data
// (a synthetic sample and the public figures). Subcommands import exports,
// generate synthetic data, print figures and briefings; `lagebild help`
// lists them.
package main

import (
	"context"
	"fmt"
	"os"
	"syscall"

	"lagebild/queries/consoleproc"
)

func main() {
	// A process started by the SSH server for an analyst's SQL (remote
	// query, console statement) caps its own memory before anything
	// opens DuckDB (docs/privacy.md, the console section).
	if err := consoleproc.ApplyMemoryCap(); err != nil {
		fmt.Fprintln(os.Stderr, "lagebild: memory cap:", err)
		os.Exit(1)
	}
	ctx, stop := signalContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := runReportingOutcome(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
