package sshserver

import (
	"sync"

	"charm.land/ssh"
)

// The SSH library gives every session of a connection the same
// ssh.Context, and a client may multiplex several sessions over one
// connection (OpenSSH's ControlMaster does). What the middleware learns
// about one session therefore goes into a context of the session's own,
// which reads through to the connection's for everything else.

// sessionContext is one session's ssh.Context: the connection's context
// with values of its own.
type sessionContext struct {
	ssh.Context
	mu     sync.Mutex
	values map[any]any
}

// SetValue sets a value of this session only.
func (c *sessionContext) SetValue(key, value any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.values[key] = value
}

// Value is the session's value for key, else the connection's.
func (c *sessionContext) Value(key any) any {
	c.mu.Lock()
	v, ok := c.values[key]
	c.mu.Unlock()
	if ok {
		return v
	}
	return c.Context.Value(key)
}

// ownContextSession is a session whose Context is its own.
type ownContextSession struct {
	ssh.Session
	ctx *sessionContext
}

func (s ownContextSession) Context() ssh.Context { return s.ctx }

// withOwnContext gives sess a context of its own.
func withOwnContext(sess ssh.Session) ssh.Session {
	return ownContextSession{Session: sess, ctx: &sessionContext{Context: sess.Context(), values: map[any]any{}}}
}
