package sshserver

import (
	"fmt"
	"net"
	"sync"
	"time"
)

// connTable admits and tracks every TCP connection of the server, so that
// no client can hold the slots others need (issue #17, item 4; docs/ssh.md,
// "Limits"):
//
//   - at most perAddr connections at once per client address (an IPv6
//     client counts by its /64), logged in or not;
//   - at most perKey connections at once per key once logged in: a key
//     holding connections that never open a session cannot lock out the
//     others;
//   - at most preAuthMax connections still in the handshake or login. When
//     that pool (or the whole table) is full, a new connection pushes out
//     the oldest unauthenticated one instead of being refused: idle TCP
//     connections (slowloris) cannot keep real users from logging in, an
//     attacker would have to open connections faster than a login takes;
//   - a logged-in connection without a running session is closed after
//     noSession, keepalives or not, and so is one whose last session ended.
//
// The login timeout itself is the SSH library's handshake deadline.
type connTable struct {
	max, perAddr, perKey, preAuthMax int
	noSession                        time.Duration
	// closedIdle is told about a connection closed for want of a session.
	closedIdle func(c *trackedConn)

	mu      sync.Mutex
	total   int
	byAddr  map[string]int
	byKey   map[string]int
	preAuth map[*trackedConn]struct{}
	seq     uint64
}

func newConnTable(maxConns, perAddr, perKey int, noSession time.Duration, closedIdle func(*trackedConn)) *connTable {
	pre := max(4, maxConns/4)
	if maxConns <= 0 {
		pre = 0
	}
	return &connTable{max: maxConns, perAddr: perAddr, perKey: perKey, preAuthMax: pre, noSession: noSession,
		closedIdle: closedIdle, byAddr: map[string]int{}, byKey: map[string]int{}, preAuth: map[*trackedConn]struct{}{}}
}

// ConnRefusal says why a connection was refused or closed by the
// connection limits.
type ConnRefusal int

const (
	// ConnPerAddress: the client address holds its most connections.
	ConnPerAddress ConnRefusal = iota + 1
	// ConnServerFull: every slot is held by a logged-in connection.
	ConnServerFull
	// ConnPerKey: the key holds its most connections (at login).
	ConnPerKey
)

// ConnLimitError is a connection refused by a connection limit; Open is
// how many connections the address or key (or the server) held.
type ConnLimitError struct {
	Reason ConnRefusal
	Open   int
}

// Error is the sentence the server log and, for ConnPerKey, the client read.
func (e *ConnLimitError) Error() string {
	switch e.Reason {
	case ConnPerAddress:
		return fmt.Sprintf("too many connections from this address: %d are open, the most one address may hold at once", e.Open)
	case ConnPerKey:
		return fmt.Sprintf("your key already holds %d connections, the most one key may hold at once. Close one and try again.", e.Open)
	}
	return fmt.Sprintf("the server is full: %d connections are open", e.Open)
}

// trackedConn is an admitted connection; closing it frees its slots.
type trackedConn struct {
	net.Conn
	t     *connTable
	addr  string // the address group counted (addrGroup)
	seq   uint64 // admission order: the oldest unauthenticated one goes first
	start time.Time

	// Guarded by t.mu.
	key      string // fingerprint once logged in
	sessions int
	timer    *time.Timer
	released bool
}

// admit takes slots for a new connection or says why not
// (*ConnLimitError). A connection it pushed out to make room is closed.
func (t *connTable) admit(conn net.Conn) (*trackedConn, error) {
	addr := addrGroup(conn.RemoteAddr())
	t.mu.Lock()
	if t.perAddr > 0 && t.byAddr[addr] >= t.perAddr {
		n := t.byAddr[addr]
		t.mu.Unlock()
		return nil, &ConnLimitError{Reason: ConnPerAddress, Open: n}
	}
	var evicted *trackedConn
	if (t.preAuthMax > 0 && len(t.preAuth) >= t.preAuthMax) || (t.max > 0 && t.total >= t.max) {
		evicted = t.oldestPreAuth()
		if evicted == nil {
			n := t.total
			t.mu.Unlock()
			return nil, &ConnLimitError{Reason: ConnServerFull, Open: n}
		}
		t.releaseLocked(evicted)
	}
	t.seq++
	c := &trackedConn{Conn: conn, t: t, addr: addr, seq: t.seq, start: time.Now()}
	t.total++
	t.byAddr[addr]++
	t.preAuth[c] = struct{}{}
	t.mu.Unlock()
	if evicted != nil {
		_ = evicted.Conn.Close()
	}
	return c, nil
}

func (t *connTable) oldestPreAuth() *trackedConn {
	var old *trackedConn
	for c := range t.preAuth {
		if old == nil || c.seq < old.seq {
			old = c
		}
	}
	return old
}

// loggedIn moves the connection from the login pool to its key's
// connections, or refuses the login (*ConnLimitError) when the key holds
// its most. The no-session timer starts now.
func (c *trackedConn) loggedIn(fingerprint string) error {
	t := c.t
	t.mu.Lock()
	defer t.mu.Unlock()
	if c.released || c.key != "" {
		return nil
	}
	if t.perKey > 0 && t.byKey[fingerprint] >= t.perKey {
		return &ConnLimitError{Reason: ConnPerKey, Open: t.byKey[fingerprint]}
	}
	delete(t.preAuth, c)
	c.key = fingerprint
	t.byKey[fingerprint]++
	c.armLocked()
	return nil
}

// sessionStarted and sessionEnded bracket a running session of the
// connection; without one the no-session timer runs.
func (c *trackedConn) sessionStarted() {
	c.t.mu.Lock()
	defer c.t.mu.Unlock()
	c.sessions++
	if c.timer != nil {
		c.timer.Stop()
		c.timer = nil
	}
}

func (c *trackedConn) sessionEnded() {
	c.t.mu.Lock()
	defer c.t.mu.Unlock()
	c.sessions--
	c.armLocked()
}

func (c *trackedConn) armLocked() {
	if c.t.noSession <= 0 || c.sessions > 0 || c.released || c.timer != nil {
		return
	}
	c.timer = time.AfterFunc(c.t.noSession, c.closeWithoutSession)
}

func (c *trackedConn) closeWithoutSession() {
	c.t.mu.Lock()
	idle := c.sessions == 0 && !c.released
	c.timer = nil
	c.t.mu.Unlock()
	if !idle {
		return
	}
	if c.t.closedIdle != nil {
		c.t.closedIdle(c)
	}
	_ = c.Close()
}

// Close frees the connection's slots and closes it.
func (c *trackedConn) Close() error {
	c.t.mu.Lock()
	c.t.releaseLocked(c)
	c.t.mu.Unlock()
	return c.Conn.Close()
}

func (t *connTable) releaseLocked(c *trackedConn) {
	if c.released {
		return
	}
	c.released = true
	if c.timer != nil {
		c.timer.Stop()
		c.timer = nil
	}
	delete(t.preAuth, c)
	t.total--
	if t.byAddr[c.addr]--; t.byAddr[c.addr] <= 0 {
		delete(t.byAddr, c.addr)
	}
	if c.key != "" {
		if t.byKey[c.key]--; t.byKey[c.key] <= 0 {
			delete(t.byKey, c.key)
		}
	}
}

// addrGroup is what the per-address limits count: the IP address, and
// for IPv6 its /64 (one client usually has a whole /64 to pick from).
func addrGroup(addr net.Addr) string {
	host := hostOf(addr)
	ip := net.ParseIP(host)
	if ip == nil || ip.To4() != nil {
		return host
	}
	return ip.Mask(net.CIDRMask(64, 128)).String() + "/64"
}
