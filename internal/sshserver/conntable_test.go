package sshserver

import (
	"errors"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// Connection-level limits (issue #17, item 4), over real SSH on loopback.

// dialFrom opens a TCP connection to the server from the given loopback
// address (127.0.0.0/8 is all loopback on Linux).
func (ts *testServer) dialFrom(t testing.TB, local string) net.Conn {
	t.Helper()
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(local)}, Timeout: 5 * time.Second}
	c, err := d.Dial("tcp", ts.addr)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// loginFrom logs in with k over a TCP connection from local.
func (ts *testServer) loginFrom(t testing.TB, local string, k testKey) (*gossh.Client, error) {
	t.Helper()
	conn := ts.dialFrom(t, local)
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	c, chans, reqs, err := gossh.NewClientConn(conn, ts.addr, &gossh.ClientConfig{
		User: "tester", Auth: []gossh.AuthMethod{gossh.PublicKeys(k.signer)},
		HostKeyCallback: gossh.FixedHostKey(ts.HostKey()),
	})
	if err != nil {
		conn.Close()
		return nil, err
	}
	_ = conn.SetDeadline(time.Time{})
	return gossh.NewClient(c, chans, reqs), nil
}

// closedWithin reports whether the server closes conn within d (the
// client sends nothing and reads what the server sends).
func closedWithin(conn net.Conn, d time.Duration) bool {
	_ = conn.SetReadDeadline(time.Now().Add(d))
	_, err := io.Copy(io.Discard, conn)
	var ne net.Error
	return !(errors.As(err, &ne) && ne.Timeout())
}

// alive reports whether a logged-in connection still answers a global
// request (the server refuses it, which is an answer).
func alive(c *gossh.Client) bool {
	done := make(chan error, 1)
	go func() { _, _, err := c.SendRequest("keepalive@openssh.com", true, nil); done <- err }()
	select {
	case err := <-done:
		return err == nil
	case <-time.After(3 * time.Second):
		return false
	}
}

// TestConnectionsPerKey: a key holding connections that open no session
// cannot take more than its share; other keys still log in.
func TestConnectionsPerKey(t *testing.T) {
	a, b := newTestKey(t), newTestKey(t)
	ts := startServer(t, []string{a.line("", "a"), b.line("", "b")}, func(c *Config) {
		c.MaxConnectionsPerKey = 3
		c.NoSessionTimeout = time.Minute
	})
	var held []*gossh.Client
	defer func() {
		for _, c := range held {
			c.Close()
		}
	}()
	for range 3 {
		c, err := ts.dial(a)
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, c)
	}
	if c, err := ts.dial(a); err == nil {
		c.Close()
		t.Fatal("a fourth connection of the key was let in (limit 3)")
	}
	ts.waitAudit(t, "login_failed", map[string]any{"reason": "connection limit", "key": gossh.FingerprintSHA256(a.pub)})
	if _, _, code := ts.exec(t, b, "help", ""); code != 0 {
		t.Fatalf("another key: help exit %d", code)
	}
	held[0].Close()
	held = held[1:]
	deadline := time.Now().Add(5 * time.Second)
	for {
		c, err := ts.dial(a)
		if err == nil {
			held = append(held, c)
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the key got no connection after closing one: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestConnectionsPerAddress: one address holds at most its share of
// connections, logged in or not; another address still gets in.
func TestConnectionsPerAddress(t *testing.T) {
	k := newTestKey(t)
	ts := startServer(t, []string{k.line("", "")}, func(c *Config) { c.MaxConnectionsPerAddress = 4 })
	var idle []net.Conn
	defer func() {
		for _, c := range idle {
			c.Close()
		}
	}()
	for range 4 {
		idle = append(idle, ts.dialFrom(t, "127.0.0.7"))
	}
	time.Sleep(100 * time.Millisecond) // the server has accepted them
	extra := ts.dialFrom(t, "127.0.0.7")
	defer extra.Close()
	if !closedWithin(extra, 2*time.Second) {
		t.Fatal("a fifth connection from one address stayed open (limit 4)")
	}
	c, err := ts.loginFrom(t, "127.0.0.8", k)
	if err != nil {
		t.Fatalf("another address: %v", err)
	}
	c.Close()
	if !strings.Contains(ts.logBuf.String(), "too many connections from this address") {
		t.Errorf("refusal not in the server log:\n%s", ts.logBuf.String())
	}
}

// TestSlowlorisCannotLockOut: idle and trickling TCP connections from many
// addresses (more than the server holds at once) neither keep a real user
// from logging in nor outlive the login timeout.
func TestSlowlorisCannotLockOut(t *testing.T) {
	k := newTestKey(t)
	ts := startServer(t, []string{k.line("", "")}, func(c *Config) {
		c.MaxSessions = 4 // 2×4+16 = 24 connections at once
		c.MaxSessionsPerKey = 4
		c.HandshakeTimeout = 2 * time.Second
	})
	var flood []net.Conn
	var wg sync.WaitGroup
	stop := make(chan struct{})
	defer func() {
		close(stop)
		wg.Wait()
		for _, c := range flood {
			c.Close()
		}
	}()
	for i := range 40 {
		c := ts.dialFrom(t, "127.0.1."+string(rune('1'+i%8)))
		flood = append(flood, c)
		// Half of them trickle a byte of a version line now and then.
		if i%2 == 0 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for _, b := range []byte("SSH-2.0-slow") {
					select {
					case <-stop:
						return
					case <-time.After(300 * time.Millisecond):
					}
					if _, err := c.Write([]byte{b}); err != nil {
						return
					}
				}
			}()
		}
	}
	time.Sleep(200 * time.Millisecond)
	start := time.Now()
	c, err := ts.loginFrom(t, "127.0.0.1", k)
	if err != nil {
		t.Fatalf("a real user was locked out by %d idle connections: %v", len(flood), err)
	}
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if out, err := s.Output("help"); err != nil || len(out) == 0 {
		t.Fatalf("help: %v", err)
	}
	c.Close()
	t.Logf("logged in past %d idle connections in %v", len(flood), time.Since(start).Round(time.Millisecond))
	// None outlives the login timeout (2 s) by much, trickling or not.
	for i, f := range flood {
		if !closedWithin(f, 2500*time.Millisecond) {
			t.Fatalf("idle connection %d still open after the login timeout", i)
		}
	}
}

// TestConnectionWithoutSessionClosed: a logged-in connection that opens
// no session is closed after the grace period although it sends
// keepalives; one with a running session is not, and once its session
// ended the grace period runs again.
func TestConnectionWithoutSessionClosed(t *testing.T) {
	k := newTestKey(t)
	ts := startServer(t, []string{k.line("", "")}, func(c *Config) { c.NoSessionTimeout = time.Second })
	idle, err := ts.dial(k)
	if err != nil {
		t.Fatal(err)
	}
	defer idle.Close()
	busy, err := ts.dial(k)
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	tc, err := startTUI(busy, 80, 24)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	for time.Since(start) < 2500*time.Millisecond && alive(idle) {
		time.Sleep(200 * time.Millisecond)
	}
	if alive(idle) {
		t.Fatal("a connection without a session stayed open for 2.5 s with keepalives (grace 1 s)")
	}
	if !alive(busy) {
		t.Fatal("a connection with a running session was closed")
	}
	if err := tc.waitFor(20*time.Second, "Overview"); err != nil {
		t.Fatal(err)
	}
	tc.send("q")
	if _, err := tc.wait(10 * time.Second); err != nil {
		t.Fatal(err)
	}
	ended := time.Now()
	for time.Since(ended) < 3*time.Second && alive(busy) {
		time.Sleep(200 * time.Millisecond)
	}
	if alive(busy) {
		t.Fatal("the connection stayed open after its last session ended")
	}
	if !strings.Contains(ts.logBuf.String(), "connection closed: no session") {
		t.Errorf("not in the server log:\n%s", ts.logBuf.String())
	}
}
