// Package sshserver serves lagebild's TUI over SSH (`lagebild serve`): one
// Bubble Tea program per session over one shared read-only store, with
// roles taken from an authorized-keys file, commands without a PTY
// (`ssh host brief --format md > briefing.md`), an append-only audit log
// and the limits a shared server needs.
//
// Security model, in short (docs/ssh.md has the operator's view):
//
//   - Public-key authentication only; no passwords, no keyboard-interactive.
//     A key not in the authorized-keys file gets no session.
//   - The session's identity and role come from the public key the SSH
//     library verified (ssh.Session.PublicKey, taken from the connection's
//     permissions after the handshake), looked up again in the key file
//     when the session starts. Nothing set inside the key-check callback
//     is trusted: that callback also answers key queries that are never
//     signed (the mistake behind CVE-2024-45337-style bypasses).
//   - Only session channels; no port, agent or X11 forwarding, no
//     subsystems (sftp, scp), and no client environment (LANG included).
//   - Limits: idle timeout on input, maximum session length, connections
//     per address per minute, connections at once overall, per address and
//     per key, a login timeout, connections without a session closed after
//     a grace period (conntable.go), concurrent sessions overall and per
//     key.
package sshserver

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"lagebild/internal/i18n"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	gossh "golang.org/x/crypto/ssh"

	"lagebild/queries"
	"lagebild/queries/sdc"
	"lagebild/tui"
	"lagebild/tui/common"
)

// Defaults of Config.
const (
	DefaultIdleTimeout       = 15 * time.Minute
	DefaultMaxSessionLength  = 12 * time.Hour
	DefaultMaxSessions       = 40
	DefaultMaxSessionsPerKey = 4
	DefaultConnPerMinute     = 30
	DefaultConnBurst         = 10
	// DefaultMaxConnectionsPerKey leaves a key room for its sessions
	// (DefaultMaxSessionsPerKey, one connection each) and two more
	// connections on their way in or out.
	DefaultMaxConnectionsPerKey = DefaultMaxSessionsPerKey + 2
	// DefaultMaxConnectionsPerAddress is the connections one client
	// address holds at once, logged in or not (raise it for many users
	// behind one NAT address).
	DefaultMaxConnectionsPerAddress = 16
	// DefaultHandshakeTimeout is the time a connection has to finish
	// the SSH handshake and the login (OpenSSH's LoginGraceTime is 120 s;
	// a key login takes well under a second).
	DefaultHandshakeTimeout = 10 * time.Second
	// DefaultNoSessionTimeout closes a logged-in connection that runs no
	// session for this long (keepalives do not count).
	DefaultNoSessionTimeout = 15 * time.Second
	DefaultShutdownGrace    = 10 * time.Second
	// DefaultConsoleMaxRows is the row limit of the TUI's SQL console and
	// of remote `query` (lower than the command line's, a screen is small).
	DefaultConsoleMaxRows = 1000
)

// CommandRunner runs one command line (args without the program name) with
// the given streams and returns its exit status and outcome: the
// command-line dispatcher of cmd/lagebild.
type CommandRunner func(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) CommandResult

// Config configures a server. HostKeyPath and AuthorizedKeysPath are
// required; zero values of the limits take the defaults above.
type Config struct {
	// Listen is the TCP address, e.g. ":2222" or "127.0.0.1:2222".
	Listen string
	// HostKeyPath is the host's private key; created (Ed25519, mode
	// 0600) on first start, reused afterwards.
	HostKeyPath string
	// AuthorizedKeysPath lists the keys and their roles (see
	// ParseAuthorizedKeys). It is read again when it changes.
	AuthorizedKeysPath string
	// DBPath is the store file; "" serves the embedded synthetic sample.
	DBPath string
	// AuditLogPath is the audit log; "" writes the audit events to
	// AuditFallback (the server's standard error).
	AuditLogPath  string
	AuditFallback io.Writer
	// SDC are the disclosure-control parameters of every session and
	// remote command; SDCConfigPath is the file they came from (passed to
	// remote commands).
	SDC           *sdc.Params
	SDCConfigPath string

	IdleTimeout       time.Duration // no input for this long ends a session (default 15 min)
	MaxSessionLength  time.Duration // a session ends after this long (default 12 h)
	MaxSessions       int           // sessions at once (default 40)
	MaxSessionsPerKey int           // sessions at once per key (default 4)
	MaxConnections    int           // connections at once, logged in or not (default 2×MaxSessions+16)
	ConnPerMinute     int           // new connections per minute per address (default 30; <0: no limit)
	ConnBurst         int           // … of which at once (default 10)
	HandshakeTimeout  time.Duration // to finish the SSH handshake and login (default 10 s)

	MaxConnectionsPerKey     int           // logged-in connections at once per key (default 6; <0: no limit)
	MaxConnectionsPerAddress int           // connections at once per client address, logged in or not (default 16; <0: no limit)
	NoSessionTimeout         time.Duration // a logged-in connection without a session is closed after this long (default 15 s)
	ShutdownGrace            time.Duration // time sessions get to end on SIGINT/SIGTERM (default 10 s)

	// Console limits the SQL console and remote `query` (defaults: 10 s,
	// 1000 rows); remote --timeout and --max-rows may only lower them.
	Console queries.ConsoleLimits

	// FilterBudget is how many distinct filters a viewer's key may apply
	// per UTC day, in the TUI and in remote commands together;
	// AnalystFilterBudget the same for analysts (defaults 200 and 1000;
	// < 0: no limit). See docs/ssh.md, "Query budget".
	FilterBudget        int
	AnalystFilterBudget int
	// BudgetPath is the file the budget survives restarts in (default:
	// filter-budget.json next to the host key).
	BudgetPath string
	// FilterOf returns the case filter of a remote command from its filter
	// flags (--years, --state …, and brief's --year), each as
	// "--name=value", exactly as the command itself will read them: the
	// command-line parser of cmd/lagebild. A nil FilterOf refuses remote
	// commands with filter flags while a budget applies.
	FilterOf func(command string, flags []string) (queries.Filter, error)

	// Commands are the commands a session may run without the TUI, with
	// the remote policy of each of their flags (policy.go): the command
	// line's declaration. A command or flag not listed is refused.
	Commands map[string]RemoteCommand
	// RunCommand runs remote commands; nil refuses every command.
	RunCommand CommandRunner
	// RunConsole runs a statement of a session's SQL console (default:
	// the shared store's Console, in the server's process). The command
	// line sets a consoleproc.Runner, which runs every statement in a
	// process of its own under a memory cap and a hard time limit, so
	// that no statement can take the server down (docs/ssh.md).
	RunConsole func(ctx context.Context, query string, limits queries.ConsoleLimits) (*queries.ConsoleResult, error)
	// NewModel builds a session's TUI (default DefaultModel).
	NewModel func(s *Session) tea.Model
	// OpenStore opens the store (default: DBPath, or the embedded sample).
	OpenStore func(ctx context.Context) (*queries.Store, error)

	// Logger is the server log (default: discard).
	Logger *slog.Logger
}

// Session is what a session's TUI is built from.
type Session struct {
	ID          string
	Role        common.Role
	Lang        i18n.Lang
	Fingerprint string
	Comment     string
	Remote      string
	// Store is the shared read-only store the session reads.
	Store *queries.Store
	// Context ends with the session.
	Context context.Context
	// Audit records a TUI event (view, filter, export, copy …) in the
	// audit log with the session's identity. It never blocks on the disk.
	Audit func(event string, fields map[string]any)
	// ConsoleLimits bound the analyst's SQL console.
	ConsoleLimits queries.ConsoleLimits
	// RunConsole, if set, runs the console's statements instead of
	// Store.Console (Config.RunConsole).
	RunConsole func(ctx context.Context, query string, limits queries.ConsoleLimits) (*queries.ConsoleResult, error)
	// FilterGate charges a new filter to the key's daily filter budget;
	// an error refuses the filter (*common.FilterBudgetError when the
	// budget is used up). It audits the charge or the refusal.
	FilterGate func(queries.Filter) error
}

// DefaultModel is the TUI of a session: the root model of package tui with
// the session's store, role and language, in remote mode (export copies
// instead of writing files on the server).
func DefaultModel(s *Session) tea.Model {
	var src tui.Source = s.Store
	if s.RunConsole != nil && s.Store != nil {
		src = consoleSource{Store: s.Store, run: s.RunConsole}
	}
	return tui.New(tui.Options{
		Source:  src,
		Lang:    s.Lang,
		Theme:   "auto",
		Role:    s.Role,
		Remote:  true,
		Context: s.Context,
		// The same type: the session's audit posts without blocking.
		Audit:         s.Audit,
		ConsoleLimits: s.ConsoleLimits,
		FilterGate:    s.FilterGate,
	})
}

// consoleSource is the session's store with the console's statements
// run by Config.RunConsole (the TUI finds the console's runner by its
// Console method).
type consoleSource struct {
	*queries.Store
	run func(ctx context.Context, query string, limits queries.ConsoleLimits) (*queries.ConsoleResult, error)
}

func (c consoleSource) Console(ctx context.Context, query string, limits queries.ConsoleLimits) (*queries.ConsoleResult, error) {
	return c.run(ctx, query, limits)
}

// Server is a running `lagebild serve`.
type Server struct {
	cfg    Config
	log    *slog.Logger
	srv    *ssh.Server
	signer gossh.Signer
	// HostKeyCreated is set when the host key was created on this start.
	HostKeyCreated bool

	keys    *keyFile
	audit   *Audit
	stores  *stores[*queries.Store]
	limits  *sessionLimits
	rate    *rateLimiter
	conns   *connTable
	policy  commandPolicy
	budget  *filterBudget
	closing atomic.Bool
	stopWhy string // server_stop's reason, set before shutdown

	mu     sync.Mutex
	active map[string]*activeSession
	wg     sync.WaitGroup // session handlers
}

// activeSession is a running session, for shutdown.
type activeSession struct {
	kind string // "tui" or "command"
	end  func(reason string)
}

// ConfigError is an error in a file the configuration names (host key,
// authorized keys, audit log, store file): the operator's input, not a
// failure of the server.
type ConfigError struct{ Err error }

func (e *ConfigError) Error() string { return e.Err.Error() }
func (e *ConfigError) Unwrap() error { return e.Err }

// New prepares a server: it loads (or creates) the host key, parses the
// authorized keys (a bad line fails with its number), opens the audit log
// and the store. It does not listen yet. Errors in the files the
// configuration names are *ConfigError.
func New(ctx context.Context, cfg Config) (*Server, error) {
	cfg = withDefaults(cfg)
	if cfg.AuthorizedKeysPath == "" {
		return nil, &ConfigError{errors.New("no authorized keys file given (--authorized-keys FILE)")}
	}
	s := &Server{cfg: cfg, log: cfg.Logger, active: map[string]*activeSession{}}
	signer, created, err := LoadOrCreateHostKey(cfg.HostKeyPath)
	if err != nil {
		return nil, &ConfigError{err}
	}
	s.signer, s.HostKeyCreated = signer, created
	s.keys, err = newKeyFile(cfg.AuthorizedKeysPath, s.log.Warn)
	if err != nil {
		return nil, &ConfigError{err}
	}
	if s.keys.set.Len() == 0 {
		s.log.Warn("the authorized keys file lists no key: nobody can log in", "path", cfg.AuthorizedKeysPath)
	}
	if cfg.AuditLogPath != "" {
		if s.audit, err = OpenAudit(cfg.AuditLogPath); err != nil {
			return nil, &ConfigError{err}
		}
	} else {
		s.audit = NewAudit(cfg.AuditFallback)
	}
	s.budget, err = openFilterBudget(cfg.BudgetPath, map[common.Role]int{
		RoleViewer: cfg.FilterBudget, RoleAnalyst: cfg.AnalystFilterBudget}, time.Now)
	if err != nil {
		s.audit.Close()
		return nil, &ConfigError{err}
	}
	s.stores, err = newStores(ctx, cfg.DBPath, storeOpener(cfg, s.log.Warn), s.log.Warn)
	if err != nil {
		s.audit.Close()
		err = fmt.Errorf("opening the store: %w", err)
		if cfg.DBPath != "" {
			return nil, &ConfigError{err}
		}
		return nil, err
	}
	k := sdc.DefaultParams().K
	if cfg.SDC != nil {
		k = cfg.SDC.K
	}
	s.policy = commandPolicy{commands: cfg.Commands, dbPath: cfg.DBPath, sdcConfig: cfg.SDCConfigPath, k: k,
		maxTimeout: cfg.Console.Timeout, maxRows: cfg.Console.MaxRows}
	s.limits = newSessionLimits(cfg.MaxSessions, cfg.MaxSessionsPerKey)
	s.rate = newRateLimiter(cfg.ConnPerMinute, cfg.ConnBurst)
	s.conns = newConnTable(cfg.MaxConnections, cfg.MaxConnectionsPerAddress, cfg.MaxConnectionsPerKey,
		cfg.NoSessionTimeout, s.closedWithoutSession)
	if err := s.buildSSH(); err != nil {
		s.close()
		return nil, err
	}
	return s, nil
}

func withDefaults(c Config) Config {
	if c.IdleTimeout == 0 {
		c.IdleTimeout = DefaultIdleTimeout
	}
	if c.MaxSessionLength == 0 {
		c.MaxSessionLength = DefaultMaxSessionLength
	}
	if c.MaxSessions == 0 {
		c.MaxSessions = DefaultMaxSessions
	}
	if c.MaxSessionsPerKey == 0 {
		c.MaxSessionsPerKey = DefaultMaxSessionsPerKey
	}
	if c.MaxConnections == 0 {
		c.MaxConnections = 2*c.MaxSessions + 16
	}
	if c.ConnPerMinute == 0 {
		c.ConnPerMinute = DefaultConnPerMinute
	}
	if c.ConnBurst == 0 {
		c.ConnBurst = DefaultConnBurst
	}
	if c.HandshakeTimeout == 0 {
		c.HandshakeTimeout = DefaultHandshakeTimeout
	}
	if c.MaxConnectionsPerKey == 0 {
		c.MaxConnectionsPerKey = DefaultMaxConnectionsPerKey
	}
	if c.MaxConnectionsPerAddress == 0 {
		c.MaxConnectionsPerAddress = DefaultMaxConnectionsPerAddress
	}
	if c.NoSessionTimeout == 0 {
		c.NoSessionTimeout = DefaultNoSessionTimeout
	}
	if c.ShutdownGrace == 0 {
		c.ShutdownGrace = DefaultShutdownGrace
	}
	if c.Console.Timeout == 0 {
		c.Console.Timeout = queries.DefaultConsoleTimeout
	}
	if c.Console.MaxRows == 0 {
		c.Console.MaxRows = DefaultConsoleMaxRows
	}
	if c.FilterBudget == 0 {
		c.FilterBudget = DefaultFilterBudget
	}
	if c.AnalystFilterBudget == 0 {
		c.AnalystFilterBudget = DefaultAnalystFilterBudget
	}
	if c.BudgetPath == "" && c.HostKeyPath != "" {
		c.BudgetPath = filepath.Join(filepath.Dir(c.HostKeyPath), budgetFileName)
	}
	if c.NewModel == nil {
		c.NewModel = DefaultModel
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.AuditFallback == nil {
		c.AuditFallback = io.Discard
	}
	return c
}

func (s *Server) buildSSH() error {
	cfg := s.cfg
	srv, err := wish.NewServer(
		wish.WithAddress(cfg.Listen),
		// The host key is given before wish looks for one, so wish never
		// writes a key of its own into the working directory.
		func(srv *ssh.Server) error { srv.AddHostKey(s.signer); return nil },
		wish.WithVersion("lagebild"),
		wish.WithPublicKeyAuth(s.keyCheck),
		wish.WithMiddleware(s.middleware()...),
	)
	if err != nil {
		return err
	}
	// No password or keyboard-interactive handler is set, so the only
	// method offered is publickey.
	srv.PasswordHandler = nil
	srv.KeyboardInteractiveHandler = nil
	srv.ChannelHandlers = map[string]ssh.ChannelHandler{"session": sessionChannelHandler(s.refusedRequest)}
	srv.RequestHandlers = map[string]ssh.RequestHandler{}
	srv.SubsystemHandlers = map[string]ssh.SubsystemHandler{}
	srv.LocalPortForwardingCallback = nil
	srv.ReversePortForwardingCallback = nil
	srv.PtyCallback = s.ptyAllowed
	srv.HandshakeTimeout = cfg.HandshakeTimeout
	// Backstops at the connection level: the session's own idle timeout
	// (input only) and maximum length end sessions with a message first.
	srv.IdleTimeout = cfg.IdleTimeout + time.Minute
	srv.MaxTimeout = cfg.MaxSessionLength + time.Minute
	srv.ServerConfigCallback = func(ctx ssh.Context) *gossh.ServerConfig {
		return &gossh.ServerConfig{MaxAuthTries: 6, AuthLogCallback: s.authLog,
			VerifiedPublicKeyCallback: func(conn gossh.ConnMetadata, key gossh.PublicKey, perms *gossh.Permissions, _ string) (*gossh.Permissions, error) {
				return perms, s.loggedIn(ctx, conn, key)
			}}
	}
	srv.ConnCallback = s.acceptConn
	srv.ConnectionFailedCallback = func(conn net.Conn, err error) {
		s.log.Debug("connection failed", "remote", addrString(conn.RemoteAddr()), "error", logSafe(err.Error(), logFieldLimit))
	}
	s.srv = srv
	return nil
}

// keyCheck is the public-key callback. It only says yes or no: it also
// answers key queries the client never signs, so nothing it learns is
// kept; the session looks its key up again.
func (s *Server) keyCheck(ctx ssh.Context, key ssh.PublicKey) bool {
	if _, ok := s.keys.current().Lookup(key); ok {
		return true
	}
	fp := gossh.FingerprintSHA256(key)
	s.log.Warn("login refused: unknown key", "remote", addrString(ctx.RemoteAddr()), "user", logSafe(ctx.User(), logFieldLimit), "key", fp)
	s.audit.Post("login_failed", map[string]any{"remote": addrString(ctx.RemoteAddr()), "user": ctx.User(),
		"method": "publickey", "key": fp, "reason": "unknown key"})
	return false
}

// authLog logs failed logins by other methods (unknown keys are logged
// by keyCheck with their fingerprint).
func (s *Server) authLog(conn gossh.ConnMetadata, method string, err error) {
	if err == nil || method == "none" || method == "publickey" {
		return
	}
	s.log.Warn("login refused: only public keys are accepted", "remote", addrString(conn.RemoteAddr()),
		"user", logSafe(conn.User(), logFieldLimit), "method", logSafe(method, logFieldLimit))
	s.audit.Post("login_failed", map[string]any{"remote": addrString(conn.RemoteAddr()), "user": conn.User(),
		"method": method, "reason": "method not allowed"})
}

func (s *Server) acceptConn(ctx ssh.Context, conn net.Conn) net.Conn {
	remote := conn.RemoteAddr()
	if s.closing.Load() {
		return nil
	}
	if !s.rate.allow(remote) {
		s.log.Warn("connection refused: rate limit", "remote", addrString(remote))
		return nil
	}
	c, err := s.conns.admit(conn)
	if err != nil {
		s.log.Warn("connection refused", "remote", addrString(remote), "why", err.Error())
		return nil
	}
	ctx.SetValue(connKey{}, c)
	return c
}

// loggedIn is called once the client proved it holds an authorized key:
// the connection now counts for the key, or the login is refused when
// the key holds its most connections (the client reads why in a banner).
func (s *Server) loggedIn(ctx ssh.Context, conn gossh.ConnMetadata, key gossh.PublicKey) error {
	c, ok := ctx.Value(connKey{}).(*trackedConn)
	if !ok {
		return nil
	}
	fp := gossh.FingerprintSHA256(key)
	err := c.loggedIn(fp)
	if err == nil {
		return nil
	}
	remote := addrString(conn.RemoteAddr())
	s.log.Warn("login refused: connection limit of the key", "remote", remote, "key", fp, "why", err.Error())
	s.audit.Post("login_failed", map[string]any{"remote": remote, "user": conn.User(),
		"method": "publickey", "key": fp, "reason": "connection limit"})
	return &gossh.BannerError{Err: err, Message: "lagebild: " + err.Error() + "\r\n"}
}

// closedWithoutSession logs a logged-in connection closed because it ran
// no session for Config.NoSessionTimeout.
func (s *Server) closedWithoutSession(c *trackedConn) {
	s.log.Info("connection closed: no session", "remote", addrString(c.RemoteAddr()), "key", c.key,
		"after", s.cfg.NoSessionTimeout)
}

func (s *Server) ptyAllowed(ctx ssh.Context, _ ssh.Pty) bool {
	pk, _ := ctx.Value(ssh.ContextKeyPublicKey).(ssh.PublicKey)
	e, ok := s.keys.current().Lookup(pk)
	return ok && !e.NoPTY
}

func (s *Server) refusedRequest(ctx ssh.Context, reqType string) {
	s.log.Debug("session request refused", "remote", addrString(ctx.RemoteAddr()), "request", logSafe(reqType, logFieldLimit))
}

// Fingerprint is the host key's SHA256 fingerprint, as clients show it.
func (s *Server) Fingerprint() string { return gossh.FingerprintSHA256(s.signer.PublicKey()) }

// HostKey is the host's public key (for known_hosts).
func (s *Server) HostKey() gossh.PublicKey { return s.signer.PublicKey() }

// Serve accepts connections on ln until ctx ends, then shuts down
// gracefully: no new connections; TUI sessions are told to quit and
// get a message; commands get ShutdownGrace to finish; then the
// remaining connections are closed, and server_stop records the cause of
// ctx as its reason. It returns nil after a shutdown.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	s.audit.Post("server_start", map[string]any{"listen": ln.Addr().String(), "host_key": s.Fingerprint(),
		"store": storeLabel(s.cfg.DBPath), "keys": s.keys.current().Len(),
		"filter_budget": s.cfg.FilterBudget, "analyst_filter_budget": s.cfg.AnalystFilterBudget, "budget_file": s.cfg.BudgetPath})
	errc := make(chan error, 1)
	go func() { errc <- s.srv.Serve(ln) }()
	select {
	case err := <-errc:
		s.close()
		if errors.Is(err, ssh.ErrServerClosed) {
			return nil
		}
		return err
	case <-ctx.Done():
	}
	// The cause says what stopped the server (the command line's signal).
	s.stopWhy = context.Cause(ctx).Error()
	s.shutdown()
	<-errc
	return nil
}

func (s *Server) shutdown() {
	s.closing.Store(true)
	grace := s.cfg.ShutdownGrace
	s.log.Info("shutting down", "sessions", s.limits.count(), "grace", grace)
	gctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- s.srv.Shutdown(gctx) }()
	// TUI sessions end now (with a message); commands may finish.
	s.mu.Lock()
	for _, a := range s.active {
		if a.kind == "tui" {
			a.end("shutdown")
		}
	}
	s.mu.Unlock()
	sessionsDone := make(chan struct{})
	go func() { s.wg.Wait(); close(sessionsDone) }()
	select {
	case <-sessionsDone:
	case <-gctx.Done():
		s.mu.Lock()
		for _, a := range s.active {
			a.end("shutdown")
		}
		s.mu.Unlock()
	}
	if err := <-done; err != nil {
		s.log.Warn("closing the connections that remain after the grace period", "error", err)
		s.srv.Close()
	}
	// Handlers end shortly after their connections close.
	select {
	case <-sessionsDone:
	case <-time.After(2 * time.Second):
	}
	s.close()
}

// Close releases a server that will not serve (after New, instead of
// Serve): the store and the audit log.
func (s *Server) Close() error {
	s.close()
	return nil
}

func (s *Server) close() {
	if s.stores != nil {
		s.stores.close()
	}
	if s.audit != nil {
		var fields map[string]any
		if s.stopWhy != "" {
			fields = map[string]any{"reason": s.stopWhy}
		}
		s.audit.Post("server_stop", fields)
		s.audit.Close()
	}
}

func storeLabel(path string) string {
	if path == "" {
		return "embedded synthetic sample"
	}
	return path
}

func addrString(a net.Addr) string {
	if a == nil {
		return ""
	}
	return a.String()
}

func newSessionID() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
