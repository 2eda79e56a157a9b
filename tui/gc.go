package tui

import (
	"os"
	"runtime/debug"
)

// Settings of Go's collector for an interactive session (Run), unless
// GOGC or GOMEMLIMIT are set in the environment, which then decide.
//
// Between two filter changes the session's live heap is 1–2 MB, so under
// the default GOGC of 100 the collector ran every 10–30 ms, one to three
// times per filter change, beside DuckDB's work on the same two cores,
// with pauses of up to 4 ms (gctrace at 1M). At 400 it runs a fifth as
// often; the memory limit keeps a heap with a full result cache from
// growing to five times its size (docs/performance.md, "Round five":
// evaluator at 100k p50/p95 11.9/20.4 → 8.2/15.7 ms; TUI peak RSS at 1M
// 273 → 286 MB, the budget is 300 MB).
const (
	sessionGCPercent   = 400
	sessionMemoryLimit = 64 << 20
)

// tuneGC sets the collector for a session and returns a function that
// restores the settings it changed.
func tuneGC() (restore func()) {
	var undo []func()
	if os.Getenv("GOGC") == "" {
		old := debug.SetGCPercent(sessionGCPercent)
		undo = append(undo, func() { debug.SetGCPercent(old) })
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		old := debug.SetMemoryLimit(sessionMemoryLimit)
		undo = append(undo, func() { debug.SetMemoryLimit(old) })
	}
	return func() {
		for _, u := range undo {
			u()
		}
	}
}
