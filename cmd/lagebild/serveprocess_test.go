package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// serveProcess is the built lagebild binary running `serve` on a loopback
// port, for the tests that need a process of its own: signals, resource
// limits of the process.
type serveProcess struct {
	cmd       *exec.Cmd
	addr      string
	dir       string
	keysPath  string
	auditPath string
	hostKey   gossh.PublicKey
	stdout    *lockedBuffer
	stderr    *lockedBuffer
	exited    chan struct{}
}

// startServeProcess starts `lagebild serve` with the keys' lines as its
// authorized keys, an audit log in a temporary directory and extra flags.
func startServeProcess(t *testing.T, keyLines []string, extra ...string) *serveProcess {
	t.Helper()
	bin := lagebildBinary(t)
	dir := t.TempDir()
	sp := &serveProcess{dir: dir, keysPath: filepath.Join(dir, "authorized_keys"), auditPath: filepath.Join(dir, "audit.jsonl"),
		stdout: &lockedBuffer{}, stderr: &lockedBuffer{}, exited: make(chan struct{})}
	if err := os.WriteFile(sp.keysPath, []byte(strings.Join(keyLines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	args := append([]string{"serve", "--listen", "127.0.0.1:0", "--host-key", filepath.Join(dir, "host_ed25519"),
		"--authorized-keys", sp.keysPath, "--audit-log", sp.auditPath, "--rate", "0"}, extra...)
	sp.cmd = exec.Command(bin, args...)
	sp.cmd.Stdout, sp.cmd.Stderr = sp.stdout, sp.stderr
	if err := sp.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { _ = sp.cmd.Wait(); close(sp.exited) }()
	t.Cleanup(func() {
		select {
		case <-sp.exited:
		default:
			_ = sp.cmd.Process.Kill()
			<-sp.exited
		}
	})
	addrRe := regexp.MustCompile(`listening on (127\.0\.0\.1:\d+)`)
	keyRe := regexp.MustCompile(`host public key: (\S+ \S+)`)
	deadline := time.Now().Add(30 * time.Second)
	for {
		out := sp.stdout.String()
		if m, k := addrRe.FindStringSubmatch(out), keyRe.FindStringSubmatch(out); m != nil && k != nil {
			sp.addr = m[1]
			pk, _, _, _, err := gossh.ParseAuthorizedKey([]byte(k[1]))
			if err != nil {
				t.Fatal(err)
			}
			sp.hostKey = pk
			return sp
		}
		select {
		case <-sp.exited:
			t.Fatalf("serve exited: %s", sp.stderr.String())
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start: %s %s", out, sp.stderr.String())
		}
	}
}

// dial logs in with the key.
func (sp *serveProcess) dial(s gossh.Signer) (*gossh.Client, error) {
	return gossh.Dial("tcp", sp.addr, &gossh.ClientConfig{User: "u", Auth: []gossh.AuthMethod{gossh.PublicKeys(s)},
		HostKeyCallback: gossh.FixedHostKey(sp.hostKey), Timeout: 10 * time.Second})
}

// run runs a command without a PTY: its output, error output and exit status.
func (sp *serveProcess) run(t *testing.T, s gossh.Signer, cmd string) (string, string, int) {
	t.Helper()
	c, err := sp.dial(s)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	var o, e bytes.Buffer
	sess.Stdout, sess.Stderr = &o, &e
	err = sess.Run(cmd)
	code := 0
	if ee, ok := err.(*gossh.ExitError); ok {
		code = ee.ExitStatus()
	} else if err != nil {
		t.Fatal(err)
	}
	return o.String(), e.String(), code
}

// wait waits for the process to end and returns its exit status.
func (sp *serveProcess) wait(t *testing.T, timeout time.Duration) int {
	t.Helper()
	select {
	case <-sp.exited:
		return sp.cmd.ProcessState.ExitCode()
	case <-time.After(timeout):
		t.Fatalf("serve did not stop; stderr:\n%s", sp.stderr.String())
		return -1
	}
}

// auditEvents reads an audit log, failing on a line that is not a whole
// JSON object.
func auditEvents(t *testing.T, path string) []map[string]any {
	t.Helper()
	f, err := os.Open(path)
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
			t.Fatalf("%s: a line that is not JSON: %q", path, sc.Text())
		}
		out = append(out, m)
	}
	return out
}

// eventNames lists the events in order.
func eventNames(events []map[string]any) []string {
	var out []string
	for _, e := range events {
		out = append(out, e["event"].(string))
	}
	return out
}

// waitForEvent waits until the audit log at path holds the event.
func waitForEvent(t *testing.T, path, event string) map[string]any {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, err := os.Stat(path); err == nil { // a reopened log appears with its first event
			for _, e := range auditEvents(t, path) {
				if e["event"] == event {
					return e
				}
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no %s in the audit log: %v", event, eventNames(auditEvents(t, path)))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitForSequence waits until the audit log's event names, joined by
// spaces, contain seq (events are written after the client saw its
// session end), and returns them.
func waitForSequence(t *testing.T, path, seq string) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		names := strings.Join(eventNames(auditEvents(t, path)), " ")
		if strings.Contains(names, seq) || time.Now().After(deadline) {
			return names
		}
		time.Sleep(50 * time.Millisecond)
	}
}
