package sshserver

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2/bubbletea"
	"github.com/charmbracelet/colorprofile"

	"lagebild/queries"
	"lagebild/tui/common"
)

// Window limits: a client announcing a larger terminal gets this size,
// so that no session can make the server render huge frames.
const (
	maxCols = 500
	maxRows = 200
)

// maxStdinSQL bounds a statement piped into a remote `query -`.
const maxStdinSQL = 1 << 20

// Reasons a session ended (audit field "reason").
const (
	endQuit       = "quit"
	endIdle       = "idle"
	endMaxLength  = "max_length"
	endShutdown   = "shutdown"
	endDisconnect = "disconnect"
	endDone       = "done"
	endRefused    = "refused"
)

func roundSeconds(d time.Duration) float64 {
	return float64(d.Milliseconds()) / 1000
}

// register makes a session reachable for shutdown.
func (s *Server) register(id, kind string, end func(string)) func() {
	s.mu.Lock()
	s.active[id] = &activeSession{kind: kind, end: end}
	s.mu.Unlock()
	return func() {
		s.mu.Lock()
		delete(s.active, id)
		s.mu.Unlock()
	}
}

// runTUI runs the session's own Bubble Tea program.
func (s *Server) runTUI(sess ssh.Session, info *Session) (string, int) {
	st, release := s.stores.acquire(sess.Context())
	defer release()
	ctx, cancel := context.WithCancel(sess.Context())
	defer cancel()
	info.Store, info.Context = st, ctx

	pty, _, _ := sess.Pty()
	in := newActivityReader(sess)
	// Only TERM is taken from the client (from its PTY request); its
	// environment is never passed on.
	env := []string{"TERM=" + pty.Term}
	model := s.cfg.NewModel(info)
	p := tea.NewProgram(model,
		tea.WithInput(in),
		tea.WithOutput(sess),
		tea.WithEnvironment(env),
		tea.WithColorProfile(colorprofile.Env(env)),
		tea.WithWindowSize(min(pty.Window.Width, maxCols), min(pty.Window.Height, maxRows)),
		tea.WithContext(ctx),
		tea.WithoutSignalHandler(),
		tea.WithFilter(sessionFilter),
	)

	var endReason atomic.Value // string
	var quitOnce sync.Once
	end := func(reason string) {
		endReason.CompareAndSwap(nil, reason)
		quitOnce.Do(func() {
			go func() {
				p.Quit()
				// A program that does not quit in time is stopped.
				t := time.NewTimer(3 * time.Second)
				defer t.Stop()
				select {
				case <-t.C:
					p.Kill()
				case <-ctx.Done():
				}
			}()
		})
	}
	defer s.register(info.ID, "tui", end)()
	go s.watch(ctx, in.lastInput, end)

	// Wish's Bubble Tea middleware runs the program, passes window size
	// changes on and restores the terminal.
	handler := bubbletea.MiddlewareWithProgramHandler(func(ssh.Session) *tea.Program { return p })
	handler(func(ssh.Session) {})(sess)
	cancel()

	reason, _ := endReason.Load().(string)
	bounds := boundsOf(sess.Context())
	switch reason {
	case "":
		return endQuit, 0
	case endIdle:
		fmt.Fprintf(sess, "\r\nlagebild: session closed after %v without input.\r\n", bounds.idle)
	case endMaxLength:
		fmt.Fprintf(sess, "\r\nlagebild: session closed after the maximum session length of %v.\r\n", bounds.maxLength)
	case endShutdown:
		fmt.Fprint(sess, "\r\nlagebild: the server is shutting down; your session has ended.\r\n")
	}
	return reason, 1
}

// sessionFilter keeps a remote session from suspending the server's
// program (there is no job control over SSH) and bounds the window size.
func sessionFilter(_ tea.Model, msg tea.Msg) tea.Msg {
	switch m := msg.(type) {
	case tea.SuspendMsg:
		return tea.ResumeMsg{}
	case tea.WindowSizeMsg:
		m.Width, m.Height = min(max(m.Width, 0), maxCols), min(max(m.Height, 0), maxRows)
		return m
	}
	return msg
}

// watch ends the session after its bounds' idle time without input or
// after its maximum length.
func (s *Server) watch(ctx context.Context, lastInput func() time.Time, end func(string)) {
	start := time.Now()
	bounds := boundsOf(ctx)
	idle, maxLen := bounds.idle, bounds.maxLength
	t := time.NewTimer(time.Hour)
	defer t.Stop()
	for {
		now := time.Now()
		idleAt := lastInput().Add(idle)
		maxAt := start.Add(maxLen)
		switch {
		case !now.Before(maxAt):
			end(endMaxLength)
			return
		case !now.Before(idleAt):
			end(endIdle)
			return
		}
		next := idleAt
		if maxAt.Before(next) {
			next = maxAt
		}
		t.Reset(next.Sub(now))
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// runCommand runs a command without the TUI, streaming its output.
func (s *Server) runCommand(sess ssh.Session, info *Session, raw string) (string, int) {
	stderr := sess.Stderr()
	pc, err := prepareCommand(info.Role, string(info.Lang), raw, s.policy)
	if err != nil {
		fmt.Fprintf(stderr, "lagebild: %v\n", err)
		info.Audit("command_refused", map[string]any{"command": clip(raw, 2000), "why": err.Error()})
		return endRefused, 2
	}
	if pc.help {
		io.WriteString(sess, remoteHelp(info.Role, s.policy.commands))
		info.Audit("command", map[string]any{"command": "help", "exit": 0})
		return endDone, 0
	}
	if s.cfg.RunCommand == nil {
		fmt.Fprintln(stderr, "lagebild: this server runs no commands; connect with a terminal for the TUI.")
		return endRefused, 2
	}
	if pc.filterArgs != nil {
		if err := s.chargeCommand(info, pc); err != nil {
			fmt.Fprintf(stderr, "lagebild: %v\n", err)
			return endRefused, 2
		}
	}
	ctx, cancel := context.WithCancel(sess.Context())
	defer cancel()
	var endReason atomic.Value
	defer s.register(info.ID, "command", func(r string) { endReason.CompareAndSwap(nil, r); cancel() })()
	go s.watch(ctx, func() time.Time { return time.Now() }, func(r string) { endReason.CompareAndSwap(nil, r); cancel() })
	if _, winch, ok := sess.Pty(); ok {
		// Nobody resizes a command's output; keep the window changes
		// from piling up.
		go func() {
			for {
				select {
				case <-ctx.Done():
					return
				case _, ok := <-winch:
					if !ok {
						return
					}
				}
			}
		}()
	}
	argv := pc.argv
	// No command reads its standard input but `query -`, whose statement
	// the server reads first (for the audit log).
	var stdin io.Reader = strings.NewReader("")
	if pc.sql == "-" {
		b, err := io.ReadAll(io.LimitReader(sess, maxStdinSQL+1))
		if err != nil && !errors.Is(err, io.EOF) {
			fmt.Fprintf(stderr, "lagebild: reading the statement: %v\n", err)
			return endRefused, 1
		}
		if len(b) > maxStdinSQL {
			fmt.Fprintf(stderr, "lagebild: the statement is longer than %d bytes\n", maxStdinSQL)
			info.Audit("command_refused", map[string]any{"command": "query", "why": "statement too long"})
			return endRefused, 2
		}
		pc.sql = string(b)
		argv = append(argv[:len(argv)-1:len(argv)-1], pc.sql)
	}
	if pc.name == "query" && pc.sql != "" {
		// On record before it runs: a statement that never ends (or
		// takes its process down) still has its line.
		info.Audit("sql_start", map[string]any{"source": "command", "sql": clip(pc.sql, 100_000)})
	}
	out := &countingWriter{w: sess}
	started := time.Now()
	res := s.cfg.RunCommand(ctx, argv, stdin, out, stderr)
	code := res.Code
	fields := map[string]any{"command": pc.name, "args": pc.userArgs, "exit": code,
		"bytes_out": out.n.Load(), "ms": time.Since(started).Milliseconds()}
	info.Audit("command", fields)
	if pc.name == "query" && pc.sql != "" {
		// The outcome the command reported; its messages are not logged
		// (an error can quote a value) and decide nothing.
		info.Audit("sql", map[string]any{"source": "command", "sql": clip(pc.sql, 100_000),
			"outcome": string(res.outcome()), "ms": time.Since(started).Milliseconds()})
	}
	reason, _ := endReason.Load().(string)
	switch reason {
	case "":
		if sess.Context().Err() != nil {
			return endDisconnect, code
		}
		return endDone, code
	case endMaxLength:
		fmt.Fprintf(stderr, "\nlagebild: stopped after the maximum session length of %v\n", boundsOf(sess.Context()).maxLength)
	case endShutdown:
		fmt.Fprint(stderr, "\nlagebild: stopped: the server is shutting down\n")
	}
	return reason, max(code, 1)
}

// chargeFilter charges f to the session key's filter budget and audits a
// new charge (budget_charge) or a refusal (budget_refused); fields add to
// the event (source, command).
func (s *Server) chargeFilter(info *Session, f queries.Filter, fields map[string]any) error {
	c, err := s.budget.charge(info.Fingerprint, info.Role, f)
	event := func(name string) {
		ev := map[string]any{"filter": f.Key(), "used": c.used, "limit": c.limit}
		for k, v := range fields {
			ev[k] = v
		}
		info.Audit(name, ev)
	}
	var be *common.FilterBudgetError
	switch {
	case errors.As(err, &be):
		event("budget_refused")
		return err
	case err != nil:
		s.log.Error("filter budget cannot be written; refusing new filters", "error", err)
		fields["why"] = "budget file"
		event("budget_refused")
		return errors.New("the filter budget cannot be recorded on the server, so no new filter can be applied. Please tell the operator")
	case c.charged:
		event("budget_charge")
	}
	return nil
}

// chargeCommand charges the filter of a remote command before it runs.
func (s *Server) chargeCommand(info *Session, pc *preparedCommand) error {
	if s.budget.limit(info.Role) < 0 {
		return nil
	}
	if s.cfg.FilterOf == nil {
		info.Audit("command_refused", map[string]any{"command": pc.name, "args": pc.userArgs, "why": "no filter parser"})
		return errors.New("this server cannot check the filters of remote commands against the filter budget; run it without filter flags or use the TUI")
	}
	f, err := s.cfg.FilterOf(pc.name, pc.filterArgs)
	if err != nil {
		info.Audit("command_refused", map[string]any{"command": pc.name, "args": pc.userArgs, "why": "filter"})
		return err
	}
	return s.chargeFilter(info, f, map[string]any{"source": "command", "command": pc.name})
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

type countingWriter struct {
	w io.Writer
	n atomic.Int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n.Add(int64(n))
	return n, err
}
