package sshserver

import (
	"io"
	"sync/atomic"
	"time"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// allowedSessionRequests are the session-channel requests passed on to the
// SSH library. Everything else is refused before the library sees it:
// "env" (no client environment is passed on, LANG included), "subsystem"
// (no sftp, no scp server, nothing else), "x11-req" and
// "auth-agent-req@openssh.com" (no X11 or agent forwarding), and any
// request a client invents.
var allowedSessionRequests = map[string]bool{
	"pty-req":       true,
	"window-change": true,
	"shell":         true,
	"exec":          true,
	"signal":        true,
	"break":         true,
}

// filteredChannel wraps a new session channel so that its requests pass
// allowedSessionRequests.
type filteredChannel struct {
	gossh.NewChannel
	refused func(reqType string)
}

func (c filteredChannel) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	ch, reqs, err := c.NewChannel.Accept()
	if err != nil {
		return ch, reqs, err
	}
	out := make(chan *gossh.Request)
	go func() {
		defer close(out)
		for req := range reqs {
			if !allowedSessionRequests[req.Type] {
				if req.WantReply {
					_ = req.Reply(false, nil)
				}
				if c.refused != nil {
					c.refused(req.Type)
				}
				continue
			}
			out <- req
		}
	}()
	return ch, out, nil
}

// sessionChannelHandler is the server's only channel handler: sessions,
// with their requests filtered. direct-tcpip, forwarded-tcpip, x11 and
// agent channels have no handler and are refused by the library.
func sessionChannelHandler(refused func(ctx ssh.Context, reqType string)) ssh.ChannelHandler {
	return func(srv *ssh.Server, conn *gossh.ServerConn, newChan gossh.NewChannel, ctx ssh.Context) {
		ssh.DefaultSessionHandler(srv, conn, filteredChannel{NewChannel: newChan, refused: func(t string) { refused(ctx, t) }}, ctx)
	}
}

// activityReader is the session's input as the TUI reads it. It notes the
// time of the last input (keystrokes, pastes, mouse clicks): the idle
// timeout is measured on input, not on output, so a screen that redraws
// (a spinner, a clock) never keeps an abandoned session alive.
type activityReader struct {
	r    io.Reader
	last atomic.Int64 // unix nanoseconds
}

func newActivityReader(r io.Reader) *activityReader {
	a := &activityReader{r: r}
	a.last.Store(time.Now().UnixNano())
	return a
}

func (a *activityReader) Read(p []byte) (int, error) {
	n, err := a.r.Read(p)
	if n > 0 {
		a.last.Store(time.Now().UnixNano())
	}
	return n, err
}

func (a *activityReader) lastInput() time.Time { return time.Unix(0, a.last.Load()) }
