package sshserver

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"lagebild/tui/common"

	gossh "golang.org/x/crypto/ssh"
)

const (
	keyDown  = "\x1b[B"
	keyEnter = "\r"
)

// TestTUIViewerAndAnalyst drives the TUI of a viewer and an analyst
// session through stdin: views, a filter, quit; both are audit-logged
// with fingerprint, role and address.
func TestTUIViewerAndAnalyst(t *testing.T) {
	viewer, analyst := newTestKey(t), newTestKey(t)
	ts := startServer(t, []string{viewer.line("", "vera@example.org"), analyst.line("role=analyst,lang=de", "anna@example.org")}, nil)

	v, err := ts.openTUI(viewer, 100, 30)
	if err != nil {
		t.Fatal(err)
	}
	defer v.close()
	steps := []struct{ keys, want string }{
		{"", "Person potential"},
		{"3", "Intakes by year and phenomenon area"},
		{"2", "Share of minors"},
		{"6", "Person potential (persons)"},
		{"2", "Share of minors"},
		{"f", "Filter (applies to every case view)"},
		{keyDown + keyEnter + keyDown + " ", "(•) Right-wing extremism"},
		{"f", "Filter: Phenomenon: Right-wing"},
	}
	for _, s := range steps {
		v.send(s.keys)
		if err := v.waitFor(20*time.Second, s.want); err != nil {
			t.Fatalf("after %q: %v", s.keys, err)
		}
	}
	if v.scr.contains("SQL") {
		t.Errorf("a viewer's screen mentions SQL:\n%s", v.scr.text())
	}
	// Another session of its own: the analyst's filter and language are
	// not the viewer's.
	a, err := ts.openTUI(analyst, 120, 40)
	if err != nil {
		t.Fatal(err)
	}
	defer a.close()
	if err := a.waitFor(20*time.Second, "Personenpotenzial", "Filter: keiner"); err != nil {
		t.Fatal(err)
	}
	a.send("4")
	if err := a.waitFor(20*time.Second, "Rückfallquote nach Teilgruppe"); err != nil {
		t.Fatal(err)
	}
	if !v.scr.contains("Filter: Phenomenon: Right-wing", "Share of minors") {
		t.Errorf("the viewer's screen changed with the analyst's session:\n%s", v.scr.text())
	}
	v.send("q")
	a.send("q")
	for _, c := range []*tuiClient{v, a} {
		if code, err := c.wait(10 * time.Second); err != nil || code != 0 {
			t.Fatalf("exit %d, %v", code, err)
		}
	}
	for _, k := range []struct {
		key  testKey
		role common.Role
		name string
	}{{viewer, RoleViewer, "vera@example.org"}, {analyst, RoleAnalyst, "anna@example.org"}} {
		fp := gossh.FingerprintSHA256(k.key.pub)
		start := ts.waitAudit(t, "session_start", map[string]any{"key": fp, "role": k.role, "kind": "tui", "name": k.name})
		if !strings.HasPrefix(start["remote"].(string), "127.0.0.1:") || !strings.HasPrefix(fp, "SHA256:") {
			t.Errorf("session_start %v", start)
		}
		ts.waitAudit(t, "session_end", map[string]any{"key": fp, "role": k.role, "reason": "quit", "session": start["session"]})
	}
}

// TestLoginRefused: an unknown key and password or keyboard-interactive
// attempts get no session; the attempts are logged.
func TestLoginRefused(t *testing.T) {
	known, unknown := newTestKey(t), newTestKey(t)
	ts := startServer(t, []string{known.line("role=analyst", "")}, nil)
	if _, err := ts.dial(unknown); err == nil {
		t.Fatal("an unknown key logged in")
	}
	for name, auth := range map[string]gossh.AuthMethod{
		"password": gossh.Password("secret"),
		"keyboard-interactive": gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) {
			return nil, nil
		}),
	} {
		// A well-behaved client tries only the methods offered (publickey).
		_, err := gossh.Dial("tcp", ts.addr, &gossh.ClientConfig{User: "tester", Auth: []gossh.AuthMethod{auth},
			HostKeyCallback: gossh.FixedHostKey(ts.HostKey()), Timeout: 5 * time.Second})
		if err == nil {
			t.Fatalf("%s login accepted", name)
		}
		if !strings.Contains(err.Error(), "no supported methods remain") {
			t.Errorf("%s: %v (want: only publickey offered)", name, err)
		}
		// A brute-force client sends the method anyway.
		tried := false
		_, err = gossh.Dial("tcp", ts.addr, &gossh.ClientConfig{User: "tester",
			AuthCallback: func(ctx *gossh.ClientAuthContext) (gossh.AuthMethod, error) {
				if tried {
					return nil, errors.New("giving up")
				}
				tried = true
				return auth, nil
			},
			HostKeyCallback: gossh.FixedHostKey(ts.HostKey()), Timeout: 5 * time.Second})
		if err == nil {
			t.Fatalf("forced %s login accepted", name)
		}
		ts.waitAudit(t, "login_failed", map[string]any{"method": name})
	}
	ts.waitAudit(t, "login_failed", map[string]any{"method": "publickey", "key": gossh.FingerprintSHA256(unknown.pub)})
	if !strings.Contains(ts.logBuf.String(), "login refused") {
		t.Errorf("failed logins not in the server log:\n%s", ts.logBuf.String())
	}
	for _, e := range ts.auditEvents(t) {
		if e["event"] == "session_start" {
			t.Errorf("a refused login got a session: %v", e)
		}
	}
}

// TestCommandsWithoutPTY: brief and figures stream; a viewer cannot run
// query; server files cannot be named; gen/import are refused; each
// command is audit-logged.
func TestCommandsWithoutPTY(t *testing.T) {
	viewer, analyst := newTestKey(t), newTestKey(t)
	ts := startServer(t, []string{viewer.line("", ""), analyst.line("role=analyst", "")}, func(c *Config) {
		c.RunCommand = fakeRunner
	})
	out, _, code := ts.exec(t, viewer, "brief --format md --years 2020-2022", "")
	if code != 0 || !strings.Contains(out, "ran brief --k=5 --format=md --years=2020-2022") {
		t.Fatalf("brief: %d %q", code, out)
	}
	_, errOut, code := ts.exec(t, viewer, "query SELECT 1", "")
	if code != 2 || !strings.Contains(errOut, "needs the analyst role") {
		t.Fatalf("viewer query: %d %q", code, errOut)
	}
	out, _, code = ts.exec(t, analyst, "query SELECT * FROM cases WHERE state = 'DE-BY'", "")
	if code != 0 || !strings.Contains(out, "ran query --timeout=10s --max-rows=1000 -- SELECT * FROM cases WHERE state = 'DE-BY'") {
		t.Fatalf("analyst query: %d %q", code, out)
	}
	out, _, code = ts.exec(t, analyst, "query --format csv -", "SELECT 42\n")
	if code != 0 || !strings.Contains(out, "-- SELECT 42\n") {
		t.Fatalf("query from stdin: %d %q", code, out)
	}
	for _, cmd := range []string{"brief --db /etc/passwd", "check /etc/passwd", "figures --figures=/etc/passwd",
		"gen --cases 10 --out /tmp/x.csv", "import --db x.db y.csv", "serve", "brief --k 3", "brief --sdc-config /tmp/x"} {
		_, errOut, code := ts.exec(t, analyst, cmd, "")
		if code != 2 || !strings.HasPrefix(errOut, "lagebild: ") {
			t.Errorf("%s: exit %d, %q", cmd, code, errOut)
		}
	}
	_, errOut, code = ts.exec(t, viewer, "check --max-risk 10", "")
	if code != 2 || !strings.Contains(errOut, "--max-risk of check is fixed by the server for the viewer role") {
		t.Errorf("viewer check --max-risk: %d %q", code, errOut)
	}
	out, _, code = ts.exec(t, viewer, "help", "")
	if code != 0 || strings.Contains(out, "query") || !strings.Contains(out, "brief") {
		t.Errorf("viewer help: %d %q", code, out)
	}
	// A shell without a PTY gets a clear message.
	c, err := ts.dial(viewer)
	if err != nil {
		t.Fatal(err)
	}
	s, _ := c.NewSession()
	var errb bytes.Buffer
	s.Stderr = &errb
	_ = s.Shell()
	err = s.Wait()
	c.Close()
	if ee, ok := err.(*gossh.ExitError); !ok || ee.ExitStatus() != 2 || !strings.Contains(errb.String(), "no terminal") {
		t.Errorf("shell without PTY: %v %q", err, errb.String())
	}
	vfp := gossh.FingerprintSHA256(viewer.pub)
	ts.waitAudit(t, "command", map[string]any{"command": "brief", "exit": 0, "key": vfp, "role": RoleViewer})
	ts.waitAudit(t, "command_refused", map[string]any{"command": "query SELECT 1", "key": vfp})
	ts.waitAudit(t, "sql", map[string]any{"source": "command", "sql": "SELECT * FROM cases WHERE state = 'DE-BY'", "outcome": "ok"})
	ts.waitAudit(t, "sql", map[string]any{"sql": "SELECT 42\n"})
}

// fakeRunner echoes the arguments a command would run with.
func fakeRunner(_ context.Context, args []string, _ io.Reader, stdout, _ io.Writer) CommandResult {
	stdout.Write([]byte("ran " + strings.Join(args, " ") + "\n"))
	return CommandResult{}
}

// TestNoForwardingNoSubsystemNoEnv: port forwarding, agent forwarding,
// subsystems (sftp) and environment variables are refused.
func TestNoForwardingNoSubsystemNoEnv(t *testing.T) {
	k := newTestKey(t)
	ts := startServer(t, []string{k.line("role=analyst", "")}, nil)
	c, err := ts.dial(k)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if conn, err := c.Dial("tcp", ts.addr); err == nil {
		conn.Close()
		t.Error("direct-tcpip forwarding accepted")
	}
	if ln, err := c.Listen("tcp", "127.0.0.1:0"); err == nil {
		ln.Close()
		t.Error("remote forwarding accepted")
	}
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Setenv("LANG", "de_DE.UTF-8"); err == nil {
		t.Error("env request accepted")
	}
	if ok, err := s.SendRequest("auth-agent-req@openssh.com", true, nil); ok || err != nil {
		t.Errorf("agent forwarding: ok=%v err=%v", ok, err)
	}
	if ok, err := s.SendRequest("x11-req", true, gossh.Marshal(struct {
		Single bool
		Proto  string
		Cookie string
		Screen uint32
	}{false, "MIT-MAGIC-COOKIE-1", "00", 0})); ok || err != nil {
		t.Errorf("x11 forwarding: ok=%v err=%v", ok, err)
	}
	if err := s.RequestSubsystem("sftp"); err == nil {
		t.Error("sftp subsystem accepted")
	}
	s.Close()
	if _, _, err := c.OpenChannel("auth-agent@openssh.com", nil); err == nil {
		t.Error("agent channel accepted")
	}
}

// TestSessionLimits: the per-key cap gives a clear message.
func TestSessionLimits(t *testing.T) {
	k := newTestKey(t)
	ts := startServer(t, []string{k.line("", "")}, func(c *Config) { c.MaxSessionsPerKey = 1 })
	a, err := ts.openTUI(k, 80, 24)
	if err != nil {
		t.Fatal(err)
	}
	defer a.close()
	if err := a.waitFor(20*time.Second, "Overview"); err != nil {
		t.Fatal(err)
	}
	b, err := ts.openTUI(k, 80, 24)
	if err != nil {
		t.Fatal(err)
	}
	defer b.close()
	if code, err := b.wait(10 * time.Second); err != nil || code != 1 {
		t.Fatalf("second session: exit %d, %v", code, err)
	}
	if !b.scr.contains("your key already has 1 sessions open") {
		t.Errorf("second session message:\n%s", b.scr.text())
	}
	ts.waitAudit(t, "session_refused", map[string]any{"reason": "limit"})
}

// TestIdleTimeout: no input for the idle timeout ends the session with a
// message, even while the screen redraws.
func TestIdleTimeout(t *testing.T) {
	k := newTestKey(t)
	ts := startServer(t, []string{k.line("", "")}, func(c *Config) { c.IdleTimeout = 1500 * time.Millisecond })
	c, err := ts.openTUI(k, 80, 24)
	if err != nil {
		t.Fatal(err)
	}
	defer c.close()
	if err := c.waitFor(20*time.Second, "Overview"); err != nil {
		t.Fatal(err)
	}
	// Input keeps it alive.
	for range 4 {
		time.Sleep(500 * time.Millisecond)
		c.send("2")
	}
	select {
	case <-c.waitc:
		t.Fatal("session ended although there was input")
	default:
	}
	if code, err := c.wait(10 * time.Second); err != nil || code != 1 {
		t.Fatalf("exit %d, %v", code, err)
	}
	if !c.scr.contains("session closed after 1.5s without input") {
		t.Errorf("no idle message:\n%s", c.scr.text())
	}
	ts.waitAudit(t, "session_end", map[string]any{"reason": "idle"})
}

// TestGracefulShutdown: cancelling the server's context ends a TUI
// session with a message and Serve returns.
func TestGracefulShutdown(t *testing.T) {
	k := newTestKey(t)
	ts := startServer(t, []string{k.line("", "")}, nil)
	c, err := ts.openTUI(k, 80, 24)
	if err != nil {
		t.Fatal(err)
	}
	defer c.close()
	if err := c.waitFor(20*time.Second, "Overview"); err != nil {
		t.Fatal(err)
	}
	ts.cancel()
	if code, err := c.wait(10 * time.Second); err != nil || code != 1 {
		t.Fatalf("exit %d, %v", code, err)
	}
	if !c.scr.contains("the server is shutting down") {
		t.Errorf("no shutdown message:\n%s", c.scr.text())
	}
	select {
	case err := <-ts.done:
		ts.done <- err
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return")
	}
	if _, err := net.DialTimeout("tcp", ts.addr, time.Second); err == nil {
		t.Error("still listening after shutdown")
	}
	ts.waitAudit(t, "session_end", map[string]any{"reason": "shutdown"})
	ts.waitAudit(t, "server_stop", nil)
}

// TestBadAuthorizedKeysLine: the server does not start and names the line.
func TestBadAuthorizedKeysLine(t *testing.T) {
	dir := t.TempDir()
	k := newTestKey(t)
	keys := filepath.Join(dir, "keys")
	os.WriteFile(keys, []byte("# team\n"+k.line("role=analyst", "a")+"\n\nssh-ed25519 AAAAbroken x\n"), 0o600)
	_, err := New(context.Background(), Config{HostKeyPath: filepath.Join(dir, "hk"), AuthorizedKeysPath: keys})
	var kfe *KeyFileError
	if !errors.As(err, &kfe) || kfe.Line != 4 || !strings.Contains(err.Error(), keys+":4:") {
		t.Fatalf("err = %v", err)
	}
}

// TestAuthorizedKeysReload: a key added to the file can log in without a
// restart; a removed key cannot; a broken edit keeps the keys in force.
func TestAuthorizedKeysReload(t *testing.T) {
	a, b := newTestKey(t), newTestKey(t)
	ts := startServer(t, []string{a.line("", "")}, func(c *Config) { c.RunCommand = fakeRunner })
	if _, err := ts.dial(b); err == nil {
		t.Fatal("b logged in before it was added")
	}
	write := func(lines ...string) {
		tmp := ts.keysPath + ".new"
		os.WriteFile(tmp, []byte(strings.Join(lines, "\n")+"\n"), 0o600)
		os.Rename(tmp, ts.keysPath)
		time.Sleep(keyRecheck + 100*time.Millisecond)
	}
	write(a.line("", ""), b.line("role=analyst", ""))
	if out, _, code := ts.exec(t, b, "query SELECT 1", ""); code != 0 || !strings.Contains(out, "ran query") {
		t.Fatalf("b after adding: %d %q", code, out)
	}
	write(b.line("role=analyst", ""), "garbage line")
	if _, err := ts.dial(a); err != nil {
		t.Fatalf("a broken edit dropped the keys in force: %v", err)
	}
	write(b.line("", ""))
	if _, err := ts.dial(a); err == nil {
		t.Fatal("a removed key logged in")
	}
	if _, errOut, code := ts.exec(t, b, "query SELECT 1", ""); code != 2 || !strings.Contains(errOut, "analyst") {
		t.Fatalf("b's role change not applied: %d %q", code, errOut)
	}
}
