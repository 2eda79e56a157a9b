package sshserver

import (
	"bytes"
	"context"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

// TestSessionsMultiplexedOnOneConnection: two sessions of one connection
// (as OpenSSH's ControlMaster opens them) run at the same time and each
// keeps its own identity in the audit log. (The middleware's values live
// in a context of the session's own, not in the connection's; the test
// cannot force the interleaving that would mix them up, it checks the
// outcome.)
func TestSessionsMultiplexedOnOneConnection(t *testing.T) {
	k := newTestKey(t)
	bothRunning := make(chan struct{})
	var arrived sync.WaitGroup
	arrived.Add(2)
	ts := startServer(t, []string{k.line("", "")}, func(c *Config) {
		c.RunCommand = func(_ context.Context, args []string, _ io.Reader, stdout, _ io.Writer) CommandResult {
			arrived.Done()
			<-bothRunning
			stdout.Write([]byte("ran " + strings.Join(args, " ") + "\n"))
			return CommandResult{}
		}
	})
	go func() { arrived.Wait(); close(bothRunning) }()
	c, err := ts.dial(k)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var wg sync.WaitGroup
	outs := make([]string, 2)
	for i, cmd := range []string{"figures --format csv", "figures --format json"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := c.NewSession()
			if err != nil {
				t.Error(err)
				return
			}
			defer s.Close()
			var out bytes.Buffer
			s.Stdout = &out
			if err := s.Run(cmd); err != nil {
				t.Error(cmd, err)
			}
			outs[i] = out.String()
		}()
	}
	wg.Wait()
	if outs[0] != "ran figures --format=csv\n" || outs[1] != "ran figures --format=json\n" {
		t.Fatalf("outputs %q", outs)
	}
	csv := ts.waitAudit(t, "command", map[string]any{"args": "[--format=csv]"})
	json := ts.waitAudit(t, "command", map[string]any{"args": "[--format=json]"})
	if csv["session"] == json["session"] || csv["session"] == nil {
		t.Fatalf("both commands audited with session %v", csv["session"])
	}
	for _, e := range []map[string]any{csv, json} {
		ts.waitAudit(t, "session_end", map[string]any{"session": e["session"], "reason": endDone, "exit": 0})
	}
}

// TestPanicEndsOnlyItsSession: a panic in a session's handler ends that
// session with exit status 1; the server goes on serving.
func TestPanicEndsOnlyItsSession(t *testing.T) {
	k := newTestKey(t)
	ts := startServer(t, []string{k.line("", "")}, func(c *Config) {
		c.RunCommand = func(_ context.Context, args []string, _ io.Reader, stdout, _ io.Writer) CommandResult {
			if slices.Contains(args, "--format=json") {
				panic("boom")
			}
			stdout.Write([]byte("ok\n"))
			return CommandResult{}
		}
	})
	c, err := ts.dial(k)
	if err != nil {
		t.Fatal(err)
	}
	s, _ := c.NewSession()
	err = s.Run("figures --format json")
	c.Close()
	if ee, ok := err.(*gossh.ExitError); !ok || ee.ExitStatus() != 1 {
		t.Fatalf("panicking session: %v", err)
	}
	if out, _, code := ts.exec(t, k, "figures --format csv", ""); code != 0 || out != "ok\n" {
		t.Fatalf("next session: %d %q", code, out)
	}
	if !strings.Contains(ts.logBuf.String(), "session handler panicked") {
		t.Fatalf("no log line for the panic:\n%s", ts.logBuf.String())
	}
}

// TestQueryOutcomeIsReported: the audited outcome of a remote query is the
// one the command reports, never read from its messages: a refusal with
// no message at all is audited as refused, and a failure whose message
// reads like a refusal or a timeout is audited by its exit status.
func TestQueryOutcomeIsReported(t *testing.T) {
	k := newTestKey(t)
	ts := startServer(t, []string{k.line("role=analyst", "")}, func(c *Config) {
		c.RunCommand = func(_ context.Context, args []string, _ io.Reader, _, stderr io.Writer) CommandResult {
			switch args[len(args)-1] {
			case "SELECT 1":
				return CommandResult{Code: 2, Outcome: OutcomeRefused}
			case "SELECT 2":
				stderr.Write([]byte("lagebild query: refused: time limit exceeded, invalid query\n"))
				return CommandResult{Code: 1}
			case "SELECT 3":
				return CommandResult{Code: 1, Outcome: OutcomeTimeout}
			}
			return CommandResult{Code: 2}
		}
	})
	for sql, want := range map[string]Outcome{"SELECT 1": OutcomeRefused, "SELECT 2": OutcomeError,
		"SELECT 3": OutcomeTimeout, "SELECT 4": OutcomeUsage} {
		ts.exec(t, k, "query "+sql, "")
		ts.waitAudit(t, "sql", map[string]any{"sql": sql, "outcome": want})
	}
}
