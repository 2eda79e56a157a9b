package sshserver

import (
	"fmt"
	"runtime/debug"
	"time"

	"charm.land/ssh"
	"charm.land/wish/v2"

	"lagebild/queries"
)

// A session passes through Wish middleware, outermost first:
//
//	recover → identity → limits → audit → command → bubbletea
//
// Each step refuses the session or puts what it established into the
// session's ssh.Context under a typed key (identityKey, boundsKey,
// sessionKey, endKey) for the steps inside it.

// middleware is the chain in the order wish.WithMiddleware wants it:
// the last one runs first.
func (s *Server) middleware() []wish.Middleware {
	return []wish.Middleware{
		s.bubbleteaMiddleware,
		s.commandMiddleware,
		s.auditMiddleware,
		s.limitsMiddleware,
		s.identityMiddleware,
		s.recoverMiddleware,
	}
}

// Typed keys of the values a session's context carries.
type (
	identityKey struct{} // *AuthorizedKey: who, and the role
	boundsKey   struct{} // sessionBounds: the limits of a running session
	sessionKey  struct{} // *Session: the audited session the TUI is built from
	endKey      struct{} // *sessionEnd: how the session ended
	connKey     struct{} // *trackedConn: the connection's slots (set when it is accepted)
)

// sessionBounds are the limits a running session is held to.
type sessionBounds struct {
	idle, maxLength time.Duration
}

// sessionEnd is how a session ended: the audited reason and the exit
// status the client gets.
type sessionEnd struct {
	reason string
	code   int
}

func identityOf(sess ssh.Session) *AuthorizedKey {
	return sess.Context().Value(identityKey{}).(*AuthorizedKey)
}

func sessionOf(sess ssh.Session) *Session { return sess.Context().Value(sessionKey{}).(*Session) }

func endOf(sess ssh.Session) *sessionEnd { return sess.Context().Value(endKey{}).(*sessionEnd) }

// boundsOf are the limits in ctx (a session's context or one derived from it).
func boundsOf(ctx interface{ Value(any) any }) sessionBounds {
	return ctx.Value(boundsKey{}).(sessionBounds)
}

// recoverMiddleware gives the session a context of its own, counts its
// handler for shutdown and turns a panic into exit status 1 and a log
// line, so that one session cannot take the server down.
func (s *Server) recoverMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		s.wg.Add(1)
		defer s.wg.Done()
		if c, ok := sess.Context().Value(connKey{}).(*trackedConn); ok {
			// A running session keeps its connection from the no-session timeout.
			c.sessionStarted()
			defer c.sessionEnded()
		}
		defer func() {
			if r := recover(); r != nil {
				s.log.Error("session handler panicked", "remote", addrString(sess.RemoteAddr()),
					"panic", fmt.Sprint(r), "stack", string(debug.Stack()))
				_ = sess.Exit(1)
			}
		}()
		next(withOwnContext(sess))
	}
}

// identityMiddleware takes identity and role from the key the library
// verified during login, looked up again now (never state from the
// key-check callback). A key no longer listed gets no session.
func (s *Server) identityMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		pk := sess.PublicKey()
		entry, ok := s.keys.current().Lookup(pk)
		if pk == nil || !ok {
			s.refuseSession(sess, "unknown key", "your key is not (or no longer) authorized for this server.", nil)
			return
		}
		sess.Context().SetValue(identityKey{}, entry)
		next(sess)
	}
}

// limitsMiddleware admits a session only while the server takes new ones
// (not shutting down, audit log writable) and the key and the server
// have a session slot free; it holds the slot until the session ends.
func (s *Server) limitsMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		entry := identityOf(sess)
		who := map[string]any{"key": entry.Fingerprint, "role": entry.Role}
		if s.closing.Load() {
			s.refuseSession(sess, "shutdown", "the server is shutting down. Please try again later.", who)
			return
		}
		if err := s.audit.Writable(); err != nil {
			s.log.Error("audit log cannot be written; refusing sessions", "error", err)
			s.refuseSession(sess, "audit log unavailable", "the audit log cannot be written, so no session can start. Please tell the operator.", who)
			return
		}
		release, err := s.limits.acquire(entry.Fingerprint)
		if err != nil {
			s.refuseSession(sess, "limit", err.Error(), who)
			return
		}
		defer release()
		sess.Context().SetValue(boundsKey{}, sessionBounds{idle: s.cfg.IdleTimeout, maxLength: s.cfg.MaxSessionLength})
		next(sess)
	}
}

// auditMiddleware gives the session its id, records session_start and
// session_end, and builds the Session the steps inside serve; it ends
// the session with the exit status they chose.
func (s *Server) auditMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		start := time.Now()
		entry := identityOf(sess)
		info := s.newSession(sess, entry)
		kind := sessionKindOf(sess)
		startFields := map[string]any{"kind": kind, "user": sess.User()}
		if pty, _, hasPTY := sess.Pty(); hasPTY {
			startFields["term"] = pty.Term
			startFields["cols"], startFields["rows"] = pty.Window.Width, pty.Window.Height
		}
		info.Audit("session_start", startFields)
		s.log.Info("session start", "session", info.ID, "key", entry.Fingerprint, "role", entry.Role, "remote", info.Remote, "kind", kind)

		end := &sessionEnd{}
		sess.Context().SetValue(sessionKey{}, info)
		sess.Context().SetValue(endKey{}, end)
		next(sess)

		if end.reason == endQuit && sess.Context().Err() != nil {
			end.reason = endDisconnect
		}
		info.Audit("session_end", map[string]any{"reason": end.reason, "exit": end.code,
			"seconds": roundSeconds(time.Since(start))})
		s.log.Info("session end", "session", info.ID, "reason", end.reason, "duration", time.Since(start).Round(time.Millisecond))
		_ = sess.Exit(end.code)
	}
}

// commandMiddleware runs the command of an exec request (`ssh host brief
// …`) without the TUI; a session without one goes on to the TUI.
func (s *Server) commandMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		raw := sess.RawCommand()
		if raw == "" {
			next(sess)
			return
		}
		end := endOf(sess)
		end.reason, end.code = s.runCommand(sess, sessionOf(sess), raw)
	}
}

// bubbleteaMiddleware runs the session's TUI, which needs a terminal.
func (s *Server) bubbleteaMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		end := endOf(sess)
		if _, _, hasPTY := sess.Pty(); !hasPTY {
			fmt.Fprintf(sess.Stderr(), "lagebild: this session has no terminal. Connect with one for the TUI (ssh -t …),\n"+
				"or run a command, e.g. ssh … brief --format md > briefing.md (ssh … help lists them).\n")
			end.reason, end.code = endRefused, 2
			return
		}
		end.reason, end.code = s.runTUI(sess, sessionOf(sess))
		next(sess)
	}
}

// refuseSession tells the client why it gets no session, audits the
// refusal (session_refused) and ends the session with status 1.
func (s *Server) refuseSession(sess ssh.Session, reason, msg string, fields map[string]any) {
	remote := addrString(sess.RemoteAddr())
	fmt.Fprintf(sess.Stderr(), "lagebild: %s\r\n", msg)
	if fields == nil {
		fields = map[string]any{}
	}
	fields["remote"], fields["reason"] = remote, reason
	s.audit.Post("session_refused", fields)
	s.log.Warn("session refused", "remote", remote, "reason", reason)
	_ = sess.Exit(1)
}

// sessionKindOf is the audited kind of a session: a command, the TUI, or
// none (no command and no terminal).
func sessionKindOf(sess ssh.Session) string {
	_, _, hasPTY := sess.Pty()
	switch {
	case sess.RawCommand() != "":
		return "command"
	case !hasPTY:
		return "none"
	}
	return "tui"
}

// newSession is the audited Session of a key's new session: every event
// it records carries the session id, key, role, address and key comment.
func (s *Server) newSession(sess ssh.Session, entry *AuthorizedKey) *Session {
	id := newSessionID()
	remote := addrString(sess.RemoteAddr())
	base := map[string]any{"session": id, "key": entry.Fingerprint, "role": entry.Role, "remote": remote}
	if entry.Comment != "" {
		base["name"] = entry.Comment
	}
	info := &Session{ID: id, Role: entry.Role, Lang: entry.Lang, Fingerprint: entry.Fingerprint,
		Comment: entry.Comment, Remote: remote, ConsoleLimits: s.cfg.Console, RunConsole: s.cfg.RunConsole}
	info.Audit = func(name string, fields map[string]any) {
		out := make(map[string]any, len(base)+len(fields))
		for k, v := range base {
			out[k] = v
		}
		for k, v := range fields {
			out[k] = v
		}
		s.audit.Post(name, out)
	}
	info.FilterGate = func(f queries.Filter) error { return s.chargeFilter(info, f, map[string]any{"source": "tui"}) }
	return info
}
