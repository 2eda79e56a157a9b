package main

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"syscall"
)

// Signals (docs/ssh.md, "Signals"): SIGINT and SIGTERM end every command
// through main's context; `serve` and the TUI stop gracefully and then
// exit with 128 + the signal's number, as a shell reports a process a
// signal ended (SIGINT 130, SIGTERM 143), so that a supervisor can tell a
// stop from a clean end. SIGHUP reloads `serve` (serve.go) and ends the
// local TUI the same way (129), with the terminal restored.

// stoppedBy is the cause of a context a signal ended.
type stoppedBy struct{ sig syscall.Signal }

func (s *stoppedBy) Error() string { return "stopped by " + signalName(s.sig) }

func signalName(sig syscall.Signal) string {
	switch sig {
	case syscall.SIGINT:
		return "SIGINT"
	case syscall.SIGTERM:
		return "SIGTERM"
	case syscall.SIGHUP:
		return "SIGHUP"
	}
	return sig.String()
}

// signalContext is parent ended by the first of sigs, with a *stoppedBy
// as its cause. stop releases the signals.
func signalContext(parent context.Context, sigs ...os.Signal) (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancelCause(parent)
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, sigs...)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-ch:
			if s, ok := sig.(syscall.Signal); ok {
				cancel(&stoppedBy{sig: s})
			} else {
				cancel(nil)
			}
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(ch)
		close(done)
		cancel(nil)
	}
}

// signalExit is the exit status of a command whose context a signal
// ended: 128 + the signal's number.
func signalExit(ctx context.Context) (code int, sig string, ok bool) {
	var s *stoppedBy
	if errors.As(context.Cause(ctx), &s) {
		return 128 + int(s.sig), signalName(s.sig), true
	}
	return 0, "", false
}
