package sshserver

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"lagebild/queries"
	"lagebild/tui/common"
)

const keyUp = "\x1b[A"

// TestFilterBudgetUnit: distinct filters per key and UTC day, re-use and
// the zero filter free, a budget per role, the count kept in a file of
// mode 0600 across a reopen, a new day starting afresh.
func TestFilterBudgetUnit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "budget.json")
	now := time.Date(2026, 3, 3, 23, 30, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	limits := map[common.Role]int{RoleViewer: 2, RoleAnalyst: 3}
	b, err := openFilterBudget(path, limits, clock)
	if err != nil {
		t.Fatal(err)
	}
	be := queries.Filter{States: []string{"DE-BE"}}
	by := queries.Filter{States: []string{"DE-BY"}}
	hh := queries.Filter{States: []string{"DE-HH"}}
	isBudget := func(err error) bool {
		var e *common.FilterBudgetError
		return errors.As(err, &e) && e.Limit == 2
	}
	steps := []struct {
		key     string
		role    common.Role
		f       queries.Filter
		charged bool
		refused bool
		used    int
	}{
		{"A", RoleViewer, be, true, false, 1},
		{"A", RoleViewer, queries.Filter{}, false, false, 0}, // all cases: free
		{"A", RoleViewer, by, true, false, 2},
		{"A", RoleViewer, be, false, false, 2}, // re-use: free
		{"A", RoleViewer, hh, false, true, 2},  // over the budget
		{"A", RoleViewer, queries.Filter{}, false, false, 0},
		{"B", RoleViewer, hh, true, false, 1}, // another key: its own budget
		{"C", RoleAnalyst, be, true, false, 1},
		{"C", RoleAnalyst, by, true, false, 2},
		{"C", RoleAnalyst, hh, true, false, 3}, // the analyst's larger budget
	}
	for i, s := range steps {
		c, err := b.charge(s.key, s.role, s.f)
		if s.refused != (err != nil) || (s.refused && !isBudget(err)) || c.charged != s.charged || c.used != s.used {
			t.Fatalf("step %d: %+v, %v", i, c, err)
		}
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("budget file: %v %v", fi, err)
	}
	// Reopened (a restart) on the same day: the count is kept.
	b2, err := openFilterBudget(path, limits, clock)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b2.charge("A", RoleViewer, hh); !isBudget(err) {
		t.Fatalf("after a reopen the budget was reset: %v", err)
	}
	if c, err := b2.charge("A", RoleViewer, by); err != nil || c.charged {
		t.Fatalf("re-use after a reopen: %+v %v", c, err)
	}
	// Midnight UTC: a new day, a new budget (also for a server running
	// through midnight).
	now = now.Add(time.Hour)
	if c, err := b2.charge("A", RoleViewer, hh); err != nil || !c.charged || c.used != 1 {
		t.Fatalf("next day: %+v %v", c, err)
	}
	b3, err := openFilterBudget(path, limits, clock)
	if err != nil {
		t.Fatal(err)
	}
	if len(b3.used["A"]) != 1 || len(b3.used["C"]) != 0 {
		t.Fatalf("the file kept the previous day: %v", b3.used)
	}
	// No limit: nothing is counted.
	b4, _ := openFilterBudget("", map[common.Role]int{RoleViewer: -1}, clock)
	for _, s := range []string{"DE-BE", "DE-BY", "DE-HH"} {
		if c, err := b4.charge("A", RoleViewer, queries.Filter{States: []string{s}}); err != nil || c.charged {
			t.Fatalf("unlimited: %+v %v", c, err)
		}
	}
	// A file that is not a budget stops the server from starting rather
	// than starting with an empty budget.
	os.WriteFile(path, []byte("{not json"), 0o600)
	if _, err := openFilterBudget(path, limits, clock); err == nil {
		t.Fatal("a broken budget file was accepted")
	}
}

// TestFilterBudgetOverSSH: a viewer's key with a budget of 2 distinct
// filters per day, over the TUI and remote commands together: the next new
// filter is refused with a clear message (the TUI keeps the old filter),
// re-used filters still work, another key has its own budget, the
// charges and refusals are audited, and a restart of the server on the
// same budget file does not reset the count.
func TestFilterBudgetOverSSH(t *testing.T) {
	viewer, other := newTestKey(t), newTestKey(t)
	keys := []string{viewer.line("", "vera"), other.line("", "otto")}
	budgetPath := filepath.Join(t.TempDir(), "budget.json")
	mod := func(c *Config) {
		c.RunCommand = fakeRunner
		c.FilterBudget = 2
		c.BudgetPath = budgetPath
	}
	ts := startServer(t, keys, mod)
	vfp := gossh.FingerprintSHA256(viewer.pub)

	run := func(ts *testServer, k testKey, cmd string, wantOK bool) {
		t.Helper()
		out, errOut, code := ts.exec(t, k, cmd, "")
		ran := code == 0 && strings.Contains(out, "ran brief")
		switch {
		case wantOK && !ran:
			t.Fatalf("%s: exit %d, stdout %q, stderr %q", cmd, code, out, errOut)
		case !wantOK && (ran || code != 2 || !strings.Contains(errOut, "filter budget used up: your key has used its 2 different filters for today")):
			t.Fatalf("%s was not refused for the budget: exit %d, stdout %q, stderr %q", cmd, code, out, errOut)
		}
	}
	run(ts, viewer, "brief --state DE-BE", true) // 1
	run(ts, viewer, "brief --format md", true)   // all cases: free

	// The TUI: right-wing is the second filter; after it, a new filter
	// (Islamism) is refused and the old one stays; right-wing again is free.
	v, err := ts.openTUI(viewer, 100, 30)
	if err != nil {
		t.Fatal(err)
	}
	defer v.close()
	for _, s := range []struct{ keys, want string }{
		{"", "Person potential"},
		{"f", "Filter (applies to every case view)"},
		{keyDown + keyEnter + keyDown + " ", "(•) Right-wing extremism"}, // 2
		{keyUp + " ", "(•) all"},                                         // all cases again
		{keyDown + keyDown + " ", "Filter not applied: daily budget of 2 filters used up. Filters used today still work."}, // Islamism: refused
		{keyUp + " ", "(•) Right-wing extremism"}, // re-use
	} {
		v.send(s.keys)
		if err := v.waitFor(20*time.Second, s.want); err != nil {
			t.Fatalf("after %q: %v", s.keys, err)
		}
		if strings.HasPrefix(s.want, "Filter not applied") {
			if v.scr.contains("(•) Islamism") || !v.scr.contains("Filter: none") {
				t.Fatalf("the refused filter was applied:\n%s", v.scr.text())
			}
		}
	}
	v.send("f") // closes the panel
	if err := v.waitFor(20*time.Second, "Filter: Phenomenon: Right-wing"); err != nil {
		t.Fatal(err)
	}
	v.send("q")
	if code, err := v.wait(10 * time.Second); err != nil || code != 0 {
		t.Fatalf("exit %d, %v", code, err)
	}

	run(ts, viewer, "brief --phenomenon right_wing --format csv", true) // the TUI's filter: re-use
	run(ts, viewer, "brief --state DE-BY", false)
	run(ts, viewer, "brief --state DE-BE", true)
	run(ts, other, "brief --state DE-BY", true) // its own budget

	ts.waitAudit(t, "budget_charge", map[string]any{"key": vfp, "source": "command", "command": "brief",
		"filter": (queries.Filter{States: []string{"DE-BE"}}).Key(), "used": 1, "limit": 2})
	ts.waitAudit(t, "budget_charge", map[string]any{"key": vfp, "source": "tui",
		"filter": (queries.Filter{Phenomena: []string{"right_wing"}}).Key(), "used": 2})
	ts.waitAudit(t, "budget_refused", map[string]any{"key": vfp, "source": "tui",
		"filter": (queries.Filter{Phenomena: []string{"islamist"}}).Key(), "used": 2, "limit": 2})
	ts.waitAudit(t, "budget_refused", map[string]any{"key": vfp, "source": "command",
		"filter": (queries.Filter{States: []string{"DE-BY"}}).Key()})
	ts.waitAudit(t, "budget_charge", map[string]any{"key": gossh.FingerprintSHA256(other.pub), "used": 1})
	charges := 0
	for _, e := range ts.auditEvents(t) {
		if e["event"] == "budget_charge" && e["key"] == vfp {
			charges++
		}
	}
	if charges != 2 {
		t.Errorf("%d charges for the viewer, want 2 (re-use and all cases are free)", charges)
	}

	// A restart on the same budget file keeps the day's count.
	ts.cancel()
	err = <-ts.done
	ts.done <- err // for the cleanup's stop
	if err != nil {
		t.Fatal(err)
	}
	ts2 := startServer(t, keys, mod)
	run(ts2, viewer, "brief --state DE-HH", false)
	run(ts2, viewer, "brief --state DE-BE", true)
	run(ts2, other, "brief --state DE-HH", true)
}
