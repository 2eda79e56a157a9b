package tui

import (
	"runtime/debug"
	"testing"
)

// TestTuneGC: a session sets the collector's percent and memory limit,
// restores them afterwards, and leaves a setting alone that the
// environment gives.
func TestTuneGC(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	beforePct, beforeLimit := debug.SetGCPercent(-1), debug.SetMemoryLimit(-1)
	debug.SetGCPercent(beforePct)
	restore := tuneGC()
	pct, limit := debug.SetGCPercent(-1), debug.SetMemoryLimit(-1)
	debug.SetGCPercent(pct)
	if pct != sessionGCPercent || limit != sessionMemoryLimit {
		t.Errorf("session: GC percent %d, memory limit %d; want %d, %d", pct, limit, sessionGCPercent, sessionMemoryLimit)
	}
	restore()
	pct, limit = debug.SetGCPercent(-1), debug.SetMemoryLimit(-1)
	debug.SetGCPercent(pct)
	if pct != beforePct || limit != beforeLimit {
		t.Errorf("restored: GC percent %d, memory limit %d; want %d, %d", pct, limit, beforePct, beforeLimit)
	}

	t.Setenv("GOGC", "150")
	restore = tuneGC()
	pct = debug.SetGCPercent(-1)
	debug.SetGCPercent(pct)
	restore()
	if pct != beforePct {
		t.Errorf("with GOGC set: GC percent %d, want it left at %d", pct, beforePct)
	}
}
