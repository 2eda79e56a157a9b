package main

import (
	"context"
	"io"
	"os"
	"strings"

	"lagebild/internal/sshserver"
)

// A remote command runs in a process of its own (serve.go). Its outcome
// (sshserver.Outcome: a refused or invalid statement, a timeout) travels
// back to the server on a pipe of its own, file descriptor 3, named by
// outcomeFDEnv in the command's environment; the server audits it
// without reading the command's messages. The environment of a remote
// command is built by the server (remoteCommandEnv), so a client cannot
// set the variable.

const (
	outcomeFDEnv = "LAGEBILD_OUTCOME_FD"
	outcomeFD    = 3 // the first of exec.Cmd.ExtraFiles
)

// runReportingOutcome is run, and writes the command's outcome to the
// outcome pipe when the server passed one.
func runReportingOutcome(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	env := &cmdEnv{stdin: stdin, stdout: stdout, stderr: stderr}
	code := dispatch(ctx, env, args)
	if os.Getenv(outcomeFDEnv) == "3" {
		if f := os.NewFile(outcomeFD, "outcome"); f != nil {
			_, _ = io.WriteString(f, string(env.outcome))
			f.Close()
		}
	}
	return code
}

// outcomePipe is the server's end of a remote command's outcome pipe.
type outcomePipe struct{ r, w *os.File }

func newOutcomePipe() (*outcomePipe, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	return &outcomePipe{r: r, w: w}, nil
}

// started closes the server's copy of the writing end once the command
// has its own.
func (p *outcomePipe) started() { p.w.Close() }

// read returns the outcome the command wrote ("" if none) after it ended.
func (p *outcomePipe) read() sshserver.Outcome {
	defer p.r.Close()
	b, _ := io.ReadAll(io.LimitReader(p.r, 64))
	return sshserver.Outcome(strings.TrimSpace(string(b)))
}

// close releases both ends (a command that never started).
func (p *outcomePipe) close() {
	p.w.Close()
	p.r.Close()
}
