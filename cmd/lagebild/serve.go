package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"lagebild/internal/sshserver"
	"lagebild/queries"
	"lagebild/queries/consoleproc"
)

func init() {
	register(command{
		name:    "serve",
		summary: "serve the TUI over SSH to the keys of an authorized-keys file (roles viewer and analyst)",
		run:     runServe,
	})
}

// serveConfig is what the flags of `lagebild serve` resolve to.
type serveConfig struct {
	cfg      sshserver.Config
	logLevel slog.Level
	// memoryCap bounds the process of every SQL statement and remote
	// command (bytes).
	memoryCap int64
}

func parseServeFlags(env *cmdEnv, args []string) (sc serveConfig, code int, ok bool) {
	fs := newFlagSet(env, "serve", "serve --listen ADDR --host-key FILE --authorized-keys FILE [--db FILE] [--audit-log FILE] [limits]",
		"lagebild serve --listen :2222 --host-key /var/lib/lagebild/host_ed25519 --authorized-keys /etc/lagebild/authorized_keys --db /var/lib/lagebild/cases.db --audit-log /var/log/lagebild/audit.jsonl",
		"lagebild serve --listen 127.0.0.1:2222 --host-key ./host_key --authorized-keys ./keys   # the embedded synthetic sample")
	usage := fs.Usage
	fs.Usage = func() {
		usage()
		out := fs.Output()
		fmt.Fprintln(out, "\nEvery SSH session gets its own TUI over one shared read-only store; without a PTY a session")
		fmt.Fprintln(out, "runs one command (brief, figures, check; query for analysts) and streams its output:")
		fmt.Fprintln(out, "  ssh -p 2222 HOST brief --format md > briefing.md")
		fmt.Fprintln(out, "Public-key login only. authorized-keys lines are OpenSSH lines with an optional role:")
		fmt.Fprintln(out, "  role=analyst,lang=de ssh-ed25519 AAAA… anna@example.org   (no role: viewer)")
		fmt.Fprintln(out, "The host key is created (mode 0600) if FILE does not exist. See docs/ssh.md.")
	}
	listen := fs.String("listen", "", "TCP `ADDR`ess to listen on, e.g. :2222 or 127.0.0.1:2222, or \"systemd\" for a socket passed by systemd (required)")
	hostKey := fs.String("host-key", "", "host private key `FILE`; created (Ed25519, mode 0600) on first start (required)")
	authKeys := fs.String("authorized-keys", "", "authorized keys `FILE` in OpenSSH format with role= options (required; re-read when it changes)")
	db := fs.String("db", "", "store `FILE` written by import (default: the embedded synthetic sample); a new import swapped in is picked up by new sessions")
	auditLog := fs.String("audit-log", "", "append-only audit log `FILE` (JSON lines, fsync'd; default: standard error)")
	k := fs.Int("k", 0, "threshold `K` of disclosure control, at least 3 (default 5 or the --sdc-config value)")
	sdcConfig := fs.String("sdc-config", "", "disclosure-control configuration `FILE` (operator)")
	idle := fs.Duration("idle-timeout", sshserver.DefaultIdleTimeout, "end a session after this long without input")
	maxLen := fs.Duration("max-session", sshserver.DefaultMaxSessionLength, "end a session after this long")
	maxSessions := fs.Int("max-sessions", sshserver.DefaultMaxSessions, "sessions at once (all keys)")
	perKey := fs.Int("max-sessions-per-key", sshserver.DefaultMaxSessionsPerKey, "sessions at once per key")
	rate := fs.Int("rate", sshserver.DefaultConnPerMinute, "new connections per minute per client address (0: no limit)")
	burst := fs.Int("rate-burst", sshserver.DefaultConnBurst, "of which at once")
	connsPerKey := fs.Int("max-connections-per-key", sshserver.DefaultMaxConnectionsPerKey, "logged-in connections at once per key, with a session or not (0: no limit)")
	connsPerAddr := fs.Int("max-connections-per-address", sshserver.DefaultMaxConnectionsPerAddress, "connections at once per client address (IPv6: per /64), logged in or not (0: no limit)")
	loginTimeout := fs.Duration("login-timeout", sshserver.DefaultHandshakeTimeout, "close a connection that has not finished the SSH handshake and login after this long")
	noSession := fs.Duration("no-session-timeout", sshserver.DefaultNoSessionTimeout, "close a logged-in connection that runs no session for this long (keepalives do not count)")
	consoleTimeout := fs.Duration("console-timeout", queries.DefaultConsoleTimeout, "time limit of an SQL statement (console and remote query)")
	consoleRows := fs.Int("console-max-rows", sshserver.DefaultConsoleMaxRows, "row limit of an SQL result (console and remote query)")
	consoleMemory := fs.Int("console-memory", consoleproc.DefaultMemoryCap>>20, "memory cap in `MB` of the process that runs an SQL statement (console and remote query) or another remote command")
	budget := fs.Int("filter-budget", sshserver.DefaultFilterBudget, "distinct filters a viewer's key may apply per UTC day, TUI and commands together (0: no limit; docs/ssh.md)")
	analystBudget := fs.Int("analyst-filter-budget", sshserver.DefaultAnalystFilterBudget, "the same for an analyst's key (0: no limit)")
	budgetFile := fs.String("budget-file", "", "`FILE` the filter budget survives restarts in (default: filter-budget.json next to the host key)")
	grace := fs.Duration("shutdown-grace", sshserver.DefaultShutdownGrace, "time sessions get to end on SIGINT/SIGTERM")
	logLevel := fs.String("log-level", "info", "server log on standard error: debug, info, warn or error")
	if code, ok := parseFlags(env, fs, args); !ok {
		return sc, code, false
	}
	bad := func(format string, a ...any) (serveConfig, int, bool) {
		fmt.Fprintf(env.stderr, "lagebild serve: "+format+"\n", a...)
		fmt.Fprintln(env.stderr, "Run 'lagebild serve --help' for usage.")
		return sc, exitUsage, false
	}
	if fs.NArg() > 0 {
		return bad("unexpected argument %q", fs.Arg(0))
	}
	switch {
	case *listen == "":
		return bad("--listen ADDR is required (e.g. --listen :2222)")
	case *hostKey == "":
		return bad("--host-key FILE is required (it is created on first start)")
	case *authKeys == "":
		return bad("--authorized-keys FILE is required")
	}
	if _, _, err := net.SplitHostPort(*listen); err != nil && *listen != "systemd" {
		return bad("--listen %q: want HOST:PORT, :PORT or systemd", *listen)
	}
	for name, d := range map[string]time.Duration{"--idle-timeout": *idle, "--max-session": *maxLen,
		"--console-timeout": *consoleTimeout, "--shutdown-grace": *grace,
		"--login-timeout": *loginTimeout, "--no-session-timeout": *noSession} {
		if d <= 0 {
			return bad("%s must be positive", name)
		}
	}
	for name, n := range map[string]int{"--max-sessions": *maxSessions, "--max-sessions-per-key": *perKey, "--console-max-rows": *consoleRows,
		"--console-memory": *consoleMemory} {
		if n < 1 {
			return bad("%s must be at least 1", name)
		}
	}
	if *rate < 0 || *burst < 0 {
		return bad("--rate and --rate-burst must not be negative")
	}
	if *connsPerKey < 0 || *connsPerAddr < 0 {
		return bad("--max-connections-per-key and --max-connections-per-address must not be negative (0: no limit)")
	}
	if *budget < 0 || *analystBudget < 0 {
		return bad("--filter-budget and --analyst-filter-budget must not be negative (0: no limit)")
	}
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(*logLevel)); err != nil {
		return bad("--log-level %q: use debug, info, warn or error", *logLevel)
	}
	params, err := sdcParams(*sdcConfig, *k)
	if err != nil {
		return bad("%v", err)
	}
	if *rate == 0 {
		*rate = -1 // the server's "no limit"
	}
	for _, b := range []*int{budget, analystBudget, connsPerKey, connsPerAddr} {
		if *b == 0 {
			*b = -1 // the server's "no limit"
		}
	}
	sc.logLevel = lvl
	sc.memoryCap = int64(*consoleMemory) << 20
	sc.cfg = sshserver.Config{
		Listen:             *listen,
		HostKeyPath:        *hostKey,
		AuthorizedKeysPath: *authKeys,
		DBPath:             *db,
		AuditLogPath:       *auditLog,
		SDC:                &params,
		SDCConfigPath:      *sdcConfig,
		IdleTimeout:        *idle,
		MaxSessionLength:   *maxLen,
		MaxSessions:        *maxSessions,
		MaxSessionsPerKey:  *perKey,
		ConnPerMinute:      *rate,
		ConnBurst:          max(*burst, 1),
		HandshakeTimeout:   *loginTimeout,
		NoSessionTimeout:   *noSession,

		MaxConnectionsPerKey:     *connsPerKey,
		MaxConnectionsPerAddress: *connsPerAddr,
		ShutdownGrace:            *grace,
		Console:                  queries.ConsoleLimits{Timeout: *consoleTimeout, MaxRows: *consoleRows},

		// The query budget (docs/ssh.md).
		FilterBudget:        *budget,
		AnalystFilterBudget: *analystBudget,
		BudgetPath:          *budgetFile,
		FilterOf:            remoteFilter,
		Commands:            remoteCommands(),
	}
	return sc, exitOK, true
}

// runServe is `lagebild serve`: it runs until SIGINT or SIGTERM (the
// context of main), then shuts down gracefully and exits with 128 + the
// signal's number (130, 143: signals.go). SIGHUP reloads the
// authorized keys and reopens the audit log (Server.Reload).
func runServe(ctx context.Context, env *cmdEnv, args []string) int {
	sc, code, ok := parseServeFlags(env, args)
	if !ok {
		return code
	}
	cfg := sc.cfg
	cfg.Logger = slog.New(slog.NewTextHandler(env.stderr, &slog.HandlerOptions{Level: sc.logLevel}))
	cfg.AuditFallback = env.stderr
	cfg.RunCommand = remoteCommandRunner(sc.memoryCap)
	cfg.RunConsole = consoleWorkerRunner(cfg.DBPath, sc.memoryCap).Console
	srv, err := sshserver.New(ctx, cfg)
	if err != nil {
		fmt.Fprintln(env.stderr, "lagebild serve:", err)
		var ce *sshserver.ConfigError
		if errors.As(err, &ce) {
			return exitUsage
		}
		return exitFailure
	}
	ln, err := serveListener(cfg.Listen)
	if err != nil {
		fmt.Fprintln(env.stderr, "lagebild serve:", err)
		srv.Close()
		return exitFailure
	}
	printServeBanner(env.stdout, srv, ln.Addr(), cfg)
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	served := make(chan struct{})
	defer close(served)
	go func() {
		for {
			select {
			case <-hup:
				_ = srv.Reload() // logged and audited by the server
			case <-served:
				return
			}
		}
	}()
	if err := srv.Serve(ctx, ln); err != nil {
		fmt.Fprintln(env.stderr, "lagebild serve:", err)
		return exitFailure
	}
	if code, sig, ok := signalExit(ctx); ok {
		fmt.Fprintf(env.stdout, "lagebild serve: stopped by %s\n", sig)
		return code
	}
	fmt.Fprintln(env.stdout, "lagebild serve: stopped")
	return exitOK
}

// serveListener listens on addr, or takes the socket systemd passed
// (socket activation: LISTEN_PID is this process, LISTEN_FDS ≥ 1, the
// socket is file descriptor 3) for --listen systemd. With a .socket unit
// on port 22 the server needs no privilege to bind it (docs/ssh.md).
func serveListener(addr string) (net.Listener, error) {
	if addr != "systemd" {
		return net.Listen("tcp", addr)
	}
	if os.Getenv("LISTEN_PID") != strconv.Itoa(os.Getpid()) {
		return nil, errors.New("--listen systemd: not started by systemd socket activation (LISTEN_PID is not this process)")
	}
	if n, _ := strconv.Atoi(os.Getenv("LISTEN_FDS")); n < 1 {
		return nil, errors.New("--listen systemd: systemd passed no socket (LISTEN_FDS)")
	}
	f := os.NewFile(3, "systemd socket")
	defer f.Close()
	ln, err := net.FileListener(f)
	if err != nil {
		return nil, fmt.Errorf("--listen systemd: %w", err)
	}
	os.Unsetenv("LISTEN_PID")
	os.Unsetenv("LISTEN_FDS")
	os.Unsetenv("LISTEN_FDNAMES")
	return ln, nil
}

// printServeBanner prints the address and the host key fingerprint, which
// users compare with what their ssh client shows on first connect.
func printServeBanner(w io.Writer, srv *sshserver.Server, addr net.Addr, cfg sshserver.Config) {
	store := cfg.DBPath
	if store == "" {
		store = "embedded synthetic sample"
	}
	fmt.Fprintf(w, "lagebild serve: listening on %s (store: %s)\n", addr, store)
	created := ""
	if srv.HostKeyCreated {
		created = ", created now"
	}
	fmt.Fprintf(w, "host key: %s (%s, %s%s)\n", srv.Fingerprint(), srv.HostKey().Type(), cfg.HostKeyPath, created)
	fmt.Fprintf(w, "host public key: %s\n", strings.TrimSpace(string(gossh.MarshalAuthorizedKey(srv.HostKey()))))
	audit := cfg.AuditLogPath
	if audit == "" {
		audit = "standard error"
	}
	fmt.Fprintf(w, "audit log: %s\n", audit)
	if f, ok := w.(*os.File); ok {
		f.Sync()
	}
}

// remoteCommandProcess builds the process of a remote command: this
// program itself with the checked arguments (tests replace it).
var remoteCommandProcess = func(ctx context.Context, args []string) (*exec.Cmd, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	return exec.CommandContext(ctx, exe, args...), nil
}

// consoleWorkerRunner runs each statement of a session's SQL console in a
// console-worker process of this program that opens the store at dbPath
// itself ("" = the embedded sample), capped at memoryCap bytes and killed
// at its deadline: a statement that runs away ends its own process, never
// the server (issue #17; docs/ssh.md).
func consoleWorkerRunner(dbPath string, memoryCap int64) *consoleproc.Runner {
	return &consoleproc.Runner{
		MemoryCap: memoryCap,
		Command: func(ctx context.Context) (*exec.Cmd, error) {
			args := []string{consoleWorkerCommand}
			if dbPath != "" {
				args = append(args, "--db="+dbPath)
			}
			cmd, err := remoteCommandProcess(ctx, args)
			if err != nil {
				return nil, err
			}
			cmd.Env = append(remoteCommandEnv(), cmd.Env...)
			return cmd, nil
		},
	}
}

// remoteCommandRunner returns the runner of remote commands: each runs in
// a process capped at memoryCap bytes (consoleproc.ApplyMemoryCap in the
// child), and a query is killed once its --timeout plus a grace period
// has passed, whether or not DuckDB noticed its own time limit.
func remoteCommandRunner(memoryCap int64) sshserver.CommandRunner {
	return func(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) sshserver.CommandResult {
		var limit time.Duration
		if len(args) > 0 && args[0] == "query" {
			limit = queries.DefaultConsoleTimeout
			for _, a := range args[1:] {
				if a == "--" {
					break
				}
				if v, ok := strings.CutPrefix(a, "--timeout="); ok {
					if d, err := time.ParseDuration(v); err == nil && d > 0 {
						limit = d
					}
				}
			}
		}
		env := []string{}
		if memoryCap > 0 {
			env = append(env, consoleproc.MemoryCapEnv+"="+strconv.FormatInt(memoryCap, 10))
		}
		return runRemoteCommandLimited(ctx, args, stdin, stdout, stderr, env, limit)
	}
}

// runRemoteCommandLimited runs a remote command (`ssh host brief …`, already
// checked and rewritten by package sshserver) in a process of its own, so that
// it opens the store by itself: in the server's process a second open of
// the store file would meet the server's own database instance (duckdb-go
// keeps one per file), and a heavy command cannot grow the server's
// memory. Its output streams to the session; cancelling ctx (client gone,
// session too long, shutdown) stops it with SIGTERM. extraEnv is added to
// its environment; a positive hardLimit kills it (SIGKILL) after
// hardLimit plus consoleproc.DefaultGrace. Its outcome comes back on the
// outcome pipe (remoteoutcome.go).
func runRemoteCommandLimited(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, extraEnv []string, hardLimit time.Duration) sshserver.CommandResult {
	failed := sshserver.CommandResult{Code: exitFailure}
	pctx := ctx
	if hardLimit > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, hardLimit+consoleproc.DefaultGrace)
		defer cancel()
	}
	cmd, err := remoteCommandProcess(ctx, args)
	if err != nil {
		fmt.Fprintln(stderr, "lagebild: cannot start the command:", err)
		return failed
	}
	outcome, err := newOutcomePipe()
	if err != nil {
		fmt.Fprintln(stderr, "lagebild: cannot start the command:", err)
		return failed
	}
	cmd.ExtraFiles = []*os.File{outcome.w}
	cmd.Env = append(append(append(remoteCommandEnv(), cmd.Env...), extraEnv...), outcomeFDEnv+"=3")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, stdout, stderr
	hardStop := func() bool { return errors.Is(ctx.Err(), context.DeadlineExceeded) && pctx.Err() == nil }
	cmd.Cancel = func() error {
		if hardStop() {
			return cmd.Process.Kill()
		}
		return cmd.Process.Signal(syscall.SIGTERM)
	}
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Start(); err != nil {
		outcome.close()
		fmt.Fprintln(stderr, "lagebild:", err)
		return failed
	}
	outcome.started()
	err = cmd.Wait()
	reported := outcome.read()
	if hardStop() {
		fmt.Fprintf(stderr, "lagebild query: %v: the statement ran longer than %v and its process was stopped\n",
			queries.ErrConsoleTimeout, hardLimit)
		return sshserver.CommandResult{Code: exitFailure, Outcome: sshserver.OutcomeTimeout}
	}
	var ee *exec.ExitError
	switch {
	case err == nil:
		return sshserver.CommandResult{Code: exitOK, Outcome: reported}
	case errors.As(err, &ee) && ee.ExitCode() >= 0:
		return sshserver.CommandResult{Code: ee.ExitCode(), Outcome: reported}
	case errors.As(err, &ee):
		fmt.Fprintln(stderr, "lagebild: the command was stopped")
		return failed
	}
	fmt.Fprintln(stderr, "lagebild:", err)
	return failed
}

// remoteCommandEnv is the environment of a remote command: the server's
// PATH, HOME, TMPDIR and TZ and nothing else. The client's environment
// never reaches it (the server refuses env requests), and neither does a
// secret of the server's own environment such as LAGEBILD_PSEUDONYM_KEY.
// LANG is not passed either: the language is the key's lang= option (as
// --lang) or English.
func remoteCommandEnv() []string {
	env := []string{}
	for _, k := range []string{"PATH", "HOME", "TMPDIR", "TZ"} {
		if v, ok := os.LookupEnv(k); ok {
			env = append(env, k+"="+v)
		}
	}
	return env
}
