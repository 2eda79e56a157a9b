package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/creack/pty"
	gossh "golang.org/x/crypto/ssh"
)

// Signals (issue #17, item 8), sent to the built binary.

// TestServeSIGHUPReloads: SIGHUP neither kills serve nor drops a session;
// it reads the authorized keys again at once and reopens the audit log,
// so that a log moved away is continued in a new file.
func TestServeSIGHUPReloads(t *testing.T) {
	anna, ben := testSigner(t), testSigner(t)
	sp := startServeProcess(t, []string{authLine("", anna) + " anna"})
	if _, _, code := sp.run(t, anna, "help"); code != 0 {
		t.Fatalf("help: exit %d", code)
	}
	waitForEvent(t, sp.auditPath, "session_end")
	rotated := filepath.Join(sp.dir, "audit.jsonl.1")
	if err := os.Rename(sp.auditPath, rotated); err != nil {
		t.Fatal(err)
	}
	// ben replaces anna; the file keeps its size and time stamp class, so
	// only the signal makes the server look now.
	if err := os.WriteFile(sp.keysPath, []byte(authLine("", ben)+" bena\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := sp.cmd.Process.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	e := waitForEvent(t, sp.auditPath, "reload")
	if e["keys"] != float64(1) || e["keys_reloaded"] != true || e["audit_reopened"] != true {
		t.Errorf("reload event: %v", e)
	}
	select {
	case <-sp.exited:
		t.Fatalf("SIGHUP ended serve: %s", sp.stderr.String())
	default:
	}
	if _, _, code := sp.run(t, ben, "help"); code != 0 {
		t.Fatalf("the new key: exit %d", code)
	}
	if c, err := sp.dial(anna); err == nil {
		c.Close()
		t.Fatal("the removed key still logs in")
	}
	names := waitForSequence(t, sp.auditPath, "session_start command session_end")
	if !strings.Contains(names, "reload") || !strings.Contains(names, "session_start command session_end") {
		t.Errorf("events in the reopened log: %s", names)
	}
	if old := strings.Join(eventNames(auditEvents(t, rotated)), " "); strings.Contains(old, "reload") {
		t.Errorf("the reload went to the moved log: %s", old)
	}
}

// TestServeSIGTERMAndSIGINT: a stop signal ends the sessions with
// session_end and the server with server_stop, and the exit status says
// which signal it was (128 + its number).
func TestServeSIGTERMAndSIGINT(t *testing.T) {
	for _, tc := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGTERM, 143}, {syscall.SIGINT, 130}} {
		t.Run(signalName(tc.sig), func(t *testing.T) {
			user := testSigner(t)
			sp := startServeProcess(t, []string{authLine("", user) + " vera"}, "--shutdown-grace", "2s")
			c, err := sp.dial(user)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			sess, err := c.NewSession()
			if err != nil {
				t.Fatal(err)
			}
			screen := &lockedBuffer{}
			sess.Stdout = screen
			if err := sess.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{}); err != nil {
				t.Fatal(err)
			}
			if err := sess.Shell(); err != nil {
				t.Fatal(err)
			}
			waitForEvent(t, sp.auditPath, "session_start")
			for deadline := time.Now().Add(20 * time.Second); screen.String() == ""; time.Sleep(50 * time.Millisecond) {
				if time.Now().After(deadline) {
					t.Fatal("the TUI drew nothing")
				}
			}
			if err := sp.cmd.Process.Signal(tc.sig); err != nil {
				t.Fatal(err)
			}
			if code := sp.wait(t, 20*time.Second); code != tc.code {
				t.Fatalf("exit status %d, want %d; stderr:\n%s", code, tc.code, sp.stderr.String())
			}
			events := auditEvents(t, sp.auditPath)
			names := strings.Join(eventNames(events), " ")
			if !strings.HasSuffix(names, "session_end server_stop") {
				t.Fatalf("events: %s", names)
			}
			if end := events[len(events)-2]; end["reason"] != "shutdown" {
				t.Errorf("session_end: %v", end)
			}
			if stop := events[len(events)-1]; stop["reason"] != "stopped by "+signalName(tc.sig) {
				t.Errorf("server_stop: %v", stop)
			}
			if !strings.Contains(sp.stdout.String(), "stopped by "+signalName(tc.sig)) {
				t.Errorf("stdout: %s", sp.stdout.String())
			}
		})
	}
}

// termios reads the terminal settings of f.
func termios(t *testing.T, f *os.File) syscall.Termios {
	t.Helper()
	var tio syscall.Termios
	if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, f.Fd(), syscall.TCGETS, uintptr(unsafe.Pointer(&tio))); errno != 0 {
		t.Fatalf("TCGETS: %v", errno)
	}
	return tio
}

// TestTUISIGHUPRestoresTerminal: the local TUI on SIGHUP leaves the
// alternate screen, switches mouse reporting off and restores the
// terminal's modes before it exits (with 129).
func TestTUISIGHUPRestoresTerminal(t *testing.T) {
	bin := lagebildBinary(t)
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pty: %v", err)
	}
	defer ptmx.Close()
	defer tty.Close()
	if err := pty.Setsize(ptmx, &pty.Winsize{Rows: 30, Cols: 100}); err != nil {
		t.Fatal(err)
	}
	before := termios(t, tty)
	cmd := exec.Command(bin, "--theme", "dark")
	cmd.Env = append(os.Environ(), "TERM=xterm-256color", "LANG=en_US.UTF-8")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	out := &lockedBuffer{}
	go func() { _, _ = io.Copy(out, ptmx) }()
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	for deadline := time.Now().Add(30 * time.Second); !strings.Contains(out.String(), "\x1b[?1049h") ||
		!strings.Contains(out.String(), "Overview"); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("the TUI did not start: %q", out.String())
		}
	}
	if termios(t, tty).Lflag&syscall.ICANON != 0 {
		t.Fatal("the TUI runs without raw mode: nothing to restore")
	}
	mark := len(out.String())
	if err := cmd.Process.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		var ee *exec.ExitError
		if err == nil || !asExitError(err, &ee) || ee.ExitCode() != 129 {
			t.Fatalf("exit: %v (want status 129)", err)
		}
	case <-time.After(15 * time.Second):
		cmd.Process.Kill()
		t.Fatal("the TUI did not end on SIGHUP")
	}
	time.Sleep(200 * time.Millisecond) // the last output through the pty
	after := out.String()[mark:]
	if !strings.Contains(after, "\x1b[?1049l") {
		t.Errorf("alternate screen not left: %q", after)
	}
	whole := out.String()[:mark]
	for _, mode := range []string{"1000", "1002", "1003", "1006"} {
		if strings.Contains(whole, "\x1b[?"+mode+"h") && !strings.Contains(after, "\x1b[?"+mode+"l") {
			t.Errorf("mouse mode %s left on: %q", mode, after)
		}
	}
	now := termios(t, tty)
	if now.Lflag != before.Lflag || !bytes.Equal(iflagBytes(now), iflagBytes(before)) {
		t.Errorf("terminal modes not restored: lflag %#x, was %#x", now.Lflag, before.Lflag)
	}
}

func iflagBytes(t syscall.Termios) []byte {
	return []byte{byte(t.Iflag), byte(t.Iflag >> 8), byte(t.Oflag), byte(t.Oflag >> 8)}
}

func asExitError(err error, target **exec.ExitError) bool {
	ee, ok := err.(*exec.ExitError)
	*target = ee
	return ok
}
