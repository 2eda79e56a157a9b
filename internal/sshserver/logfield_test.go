package sshserver

import (
	"errors"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// TestLogFieldsBounded (issue #17, item 5): a client's huge user name,
// TERM and request types, with escape sequences in them, make log lines
// of a few kB at most, for clients that never log in too, and no raw
// control character reaches either log.
func TestLogFieldsBounded(t *testing.T) {
	known, unknown := newTestKey(t), newTestKey(t)
	ts := startServer(t, []string{known.line("", "")}, nil)
	// An SSH packet holds at most 256 kB (the library refuses larger
	// ones before anything is logged), so 200 kB is the most a client
	// can send in one field.
	huge := "\x1b[2J\u202e" + strings.Repeat("a", 200_000) + "\r\n{\"event\":\"forged\"}"
	cfg := &gossh.ClientConfig{User: huge, Auth: []gossh.AuthMethod{gossh.PublicKeys(unknown.signer)},
		HostKeyCallback: gossh.FixedHostKey(ts.HostKey()), Timeout: 10 * time.Second}
	if _, err := gossh.Dial("tcp", ts.addr, cfg); err == nil {
		t.Fatal("unknown key logged in")
	}
	// A brute-force client sends a password although only keys are offered.
	tried := false
	cfg.Auth = nil
	cfg.AuthCallback = func(*gossh.ClientAuthContext) (gossh.AuthMethod, error) {
		if tried {
			return nil, errors.New("giving up")
		}
		tried = true
		return gossh.Password("x"), nil
	}
	_, _ = gossh.Dial("tcp", ts.addr, cfg)
	// A logged-in user with a huge TERM and a made-up request type.
	c, err := ts.dial(known)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	_, _ = s.SendRequest(huge[:100_000], true, nil)
	if err := s.RequestPty(huge, 24, 80, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := s.Start("help"); err != nil {
		t.Fatal(err)
	}
	_ = s.Wait()
	ts.waitAudit(t, "login_failed", map[string]any{"method": "password"})
	ts.waitAudit(t, "session_end", nil)
	audit := readFile(t, ts.auditPath)
	for name, text := range map[string]string{"audit log": audit, "server log": ts.logBuf.String()} {
		for _, line := range strings.Split(text, "\n") {
			if len(line) > 4096 {
				t.Errorf("%s: a line of %d bytes: %.200q…", name, len(line), line)
			}
			if strings.ContainsAny(line, "\x1b\r\u202e") {
				t.Errorf("%s: a raw control character: %.200q", name, line)
			}
		}
	}
	e := ts.waitAudit(t, "login_failed", map[string]any{"method": "publickey"})
	user, _ := e["user"].(string)
	if !strings.HasPrefix(user, `\x1b[2J\u202eaaa`) || !strings.HasSuffix(user, "more bytes]") {
		t.Errorf("user name logged as %.100q…%q", user, user[max(0, len(user)-40):])
	}
	for _, ev := range ts.auditEvents(t) {
		if ev["event"] == "forged" {
			t.Error("a user name forged an audit line")
		}
	}
}
