package sshserver

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"lagebild/datasets/sample"
	"lagebild/queries"
)

// testKey is a client key pair.
type testKey struct {
	signer gossh.Signer
	pub    gossh.PublicKey
}

func newTestKey(t testing.TB) testKey {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return testKey{signer: s, pub: s.PublicKey()}
}

// line is the key's authorized-keys line with options.
func (k testKey) line(options, comment string) string {
	l := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(k.pub)))
	if options != "" {
		l = options + " " + l
	}
	if comment != "" {
		l += " " + comment
	}
	return l
}

// testServer is a running server on a loopback port.
type testServer struct {
	*Server
	addr      string
	dir       string
	auditPath string
	keysPath  string
	logBuf    *syncBuffer
	cancel    context.CancelFunc
	done      chan error
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startServer starts a server with the given authorized-keys lines; mod
// adjusts the configuration.
func startServer(t testing.TB, keyLines []string, mod func(*Config)) *testServer {
	t.Helper()
	dir := t.TempDir()
	ts := &testServer{dir: dir, auditPath: filepath.Join(dir, "audit.jsonl"), keysPath: filepath.Join(dir, "authorized_keys"),
		logBuf: &syncBuffer{}}
	if err := os.WriteFile(ts.keysPath, []byte(strings.Join(keyLines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := Config{
		Listen:             "127.0.0.1:0",
		HostKeyPath:        filepath.Join(dir, "host_ed25519"),
		AuthorizedKeysPath: ts.keysPath,
		AuditLogPath:       ts.auditPath,
		ConnPerMinute:      -1,
		// The connection limits have tests of their own (conntable_test.go).
		MaxConnectionsPerAddress: -1,
		MaxConnectionsPerKey:     -1,
		MaxSessions:              100,
		MaxSessionsPerKey:        100,
		ShutdownGrace:            3 * time.Second,
		Logger:                   slog.New(slog.NewTextHandler(ts.logBuf, &slog.HandlerOptions{Level: slog.LevelDebug})),
		OpenStore: func(ctx context.Context) (*queries.Store, error) {
			return queries.Open(ctx, queries.OpenOptions{Fill: sample.Fill(nil)})
		},
		FilterOf: testFilterOf,
		Commands: testCommands,
	}
	if mod != nil {
		mod(&cfg)
	}
	srv, err := New(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ts.Server, ts.addr, ts.cancel, ts.done = srv, ln.Addr().String(), cancel, make(chan error, 1)
	go func() { ts.done <- srv.Serve(ctx, ln) }()
	t.Cleanup(ts.stop)
	return ts
}

func (ts *testServer) stop() {
	ts.cancel()
	select {
	case <-ts.done:
	case <-time.After(15 * time.Second):
		panic("server did not stop")
	}
}

// dial logs in with the key.
func (ts *testServer) dial(k testKey) (*gossh.Client, error) {
	return gossh.Dial("tcp", ts.addr, &gossh.ClientConfig{
		User:            "tester",
		Auth:            []gossh.AuthMethod{gossh.PublicKeys(k.signer)},
		HostKeyCallback: gossh.FixedHostKey(ts.HostKey()),
		Timeout:         10 * time.Second,
	})
}

// exec runs a command without a PTY and returns stdout, stderr and the
// exit status.
func (ts *testServer) exec(t testing.TB, k testKey, cmd string, stdin string) (string, string, int) {
	t.Helper()
	c, err := ts.dial(k)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var out, errb bytes.Buffer
	s.Stdout, s.Stderr = &out, &errb
	s.Stdin = strings.NewReader(stdin)
	err = s.Run(cmd)
	code := 0
	if ee, ok := err.(*gossh.ExitError); ok {
		code = ee.ExitStatus()
	} else if err != nil {
		t.Fatalf("%s: %v", cmd, err)
	}
	return out.String(), errb.String(), code
}

// auditEvents returns the audit log's events, checking that every line
// is a JSON object with time and event.
func (ts *testServer) auditEvents(t testing.TB) []map[string]any {
	t.Helper()
	f, err := os.Open(ts.auditPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []map[string]any
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("audit line is not JSON: %q: %v", sc.Text(), err)
		}
		if m["time"] == nil || m["event"] == nil {
			t.Fatalf("audit line without time or event: %q", sc.Text())
		}
		out = append(out, m)
	}
	return out
}

// waitAudit waits until the audit log has an event matching all fields.
func (ts *testServer) waitAudit(t testing.TB, event string, fields map[string]any) map[string]any {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		for _, e := range ts.auditEvents(t) {
			if e["event"] != event {
				continue
			}
			ok := true
			for k, v := range fields {
				if fmt.Sprint(e[k]) != fmt.Sprint(v) {
					ok = false
				}
			}
			if ok {
				return e
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no audit event %s with %v; log:\n%s", event, fields, readFile(t, ts.auditPath))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func readFile(t testing.TB, p string) string {
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// tuiClient is an interactive session with a PTY.
type tuiClient struct {
	client *gossh.Client
	sess   *gossh.Session
	stdin  io.WriteCloser
	scr    *screen
	waitc  chan error
}

func (ts *testServer) openTUI(k testKey, w, h int) (*tuiClient, error) {
	c, err := ts.dial(k)
	if err != nil {
		return nil, err
	}
	return startTUI(c, w, h)
}

// startTUI opens a session with a PTY of w×h and a shell on a client.
func startTUI(c *gossh.Client, w, h int) (*tuiClient, error) {
	s, err := c.NewSession()
	if err != nil {
		c.Close()
		return nil, err
	}
	if err := s.RequestPty("xterm-256color", h, w, gossh.TerminalModes{gossh.ECHO: 0}); err != nil {
		c.Close()
		return nil, err
	}
	stdin, err := s.StdinPipe()
	if err != nil {
		c.Close()
		return nil, err
	}
	scr := newScreen(w, h)
	s.Stdout = scr
	s.Stderr = scr
	if err := s.Shell(); err != nil {
		c.Close()
		return nil, err
	}
	tc := &tuiClient{client: c, sess: s, stdin: stdin, scr: scr, waitc: make(chan error, 1)}
	go func() { tc.waitc <- s.Wait() }()
	return tc, nil
}

func (c *tuiClient) send(keys string) {
	_, _ = io.WriteString(c.stdin, keys)
}

// waitFor waits until the screen shows every text.
func (c *tuiClient) waitFor(timeout time.Duration, texts ...string) error {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		if c.scr.contains(texts...) {
			return nil
		}
		select {
		case <-c.scr.changed:
		case <-time.After(50 * time.Millisecond):
		case <-deadline.C:
			return fmt.Errorf("screen never showed %q; screen:\n%s", texts, c.scr.text())
		}
	}
}

// wait waits for the session to end and returns its exit status.
func (c *tuiClient) wait(timeout time.Duration) (int, error) {
	select {
	case err := <-c.waitc:
		if err == nil {
			return 0, nil
		}
		if ee, ok := err.(*gossh.ExitError); ok {
			return ee.ExitStatus(), nil
		}
		return -1, err
	case <-time.After(timeout):
		return -1, fmt.Errorf("session did not end; screen:\n%s", c.scr.text())
	}
}

func (c *tuiClient) close() { c.client.Close() }

// testFilterOf reads the filter flags the tests give (--years FROM-TO,
// --state, --phenomenon). The real server uses cmd/lagebild's parser,
// which this package cannot import; cmd/lagebild tests that wiring.
func testFilterOf(_ string, flags []string) (queries.Filter, error) {
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	years := fs.String("years", "", "")
	state := fs.String("state", "", "")
	phen := fs.String("phenomenon", "", "")
	if err := fs.Parse(flags); err != nil {
		return queries.Filter{}, err
	}
	var f queries.Filter
	if *years != "" {
		if _, err := fmt.Sscanf(*years, "%d-%d", &f.FromYear, &f.ToYear); err != nil {
			return queries.Filter{}, err
		}
	}
	if *state != "" {
		f.States = []string{*state}
	}
	if *phen != "" {
		f.Phenomena = []string{*phen}
	}
	return f, f.Validate()
}

// testCommands is the remote policy cmd/lagebild declares with the flags
// of its commands, read from the file its TestRemotePolicyOfTheFlags
// holds equal to the real table, so the server's tests cannot run with a
// policy the command line does not have.
var testCommands = func() map[string]RemoteCommand {
	b, err := os.ReadFile("testdata/remote_commands.json")
	if err != nil {
		panic(err)
	}
	var out map[string]RemoteCommand
	if err := json.Unmarshal(b, &out); err != nil {
		panic(fmt.Sprintf("testdata/remote_commands.json: %v", err))
	}
	return out
}()
