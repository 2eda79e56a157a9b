package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"lagebild/queries"
	"lagebild/queries/consoleproc"
)

// lockedBuffer is a buffer written by the server goroutine and read by
// the test.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func testSigner(t *testing.T) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func authLine(options string, s gossh.Signer) string {
	l := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(s.PublicKey())))
	if options != "" {
		l = options + " " + l
	}
	return l
}

func TestServeUsage(t *testing.T) {
	dir := t.TempDir()
	keys := filepath.Join(dir, "keys")
	os.WriteFile(keys, nil, 0o600)
	hk := filepath.Join(dir, "hk")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"serve"}, "--listen ADDR is required"},
		{[]string{"serve", "--listen", ":2222"}, "--host-key FILE is required"},
		{[]string{"serve", "--listen", ":2222", "--host-key", hk}, "--authorized-keys FILE is required"},
		{[]string{"serve", "--listen", "2222", "--host-key", hk, "--authorized-keys", keys}, "want HOST:PORT"},
		{[]string{"serve", "--listen", ":2222", "--host-key", hk, "--authorized-keys", keys, "--k", "2"}, "at least 3"},
		{[]string{"serve", "--listen", ":2222", "--host-key", hk, "--authorized-keys", keys, "--idle-timeout", "0s"}, "must be positive"},
		{[]string{"serve", "--listen", ":2222", "--host-key", hk, "--authorized-keys", keys, "--max-sessions", "0"}, "at least 1"},
		{[]string{"serve", "--listen", ":2222", "--host-key", hk, "--authorized-keys", keys, "extra"}, "unexpected argument"},
	} {
		var out, errb bytes.Buffer
		code := run(context.Background(), tc.args, strings.NewReader(""), &out, &errb)
		if code != exitUsage || !strings.Contains(errb.String(), tc.want) {
			t.Errorf("%v: exit %d, stderr %q (want %q)", tc.args, code, errb.String(), tc.want)
		}
	}
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"serve", "--listen", "systemd", "--host-key", hk, "--authorized-keys", keys},
		nil, &out, &errb); code != exitFailure || !strings.Contains(errb.String(), "not started by systemd") {
		t.Errorf("--listen systemd outside systemd: %d %q", code, errb.String())
	}
	out.Reset()
	errb.Reset()
	if code := run(context.Background(), []string{"serve", "--help"}, nil, &out, &errb); code != exitOK ||
		!strings.Contains(out.String(), "role=analyst") {
		t.Errorf("--help: %d %q", code, out.String())
	}
}

// TestServeBadAuthorizedKeysLine: the server does not start; the error
// names the file and line.
func TestServeBadAuthorizedKeysLine(t *testing.T) {
	dir := t.TempDir()
	keys := filepath.Join(dir, "authorized_keys")
	os.WriteFile(keys, []byte(authLine("role=analyst", testSigner(t))+"\nrole=boss "+authLine("", testSigner(t))+"\n"), 0o600)
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"serve", "--listen", "127.0.0.1:0", "--host-key", filepath.Join(dir, "hk"),
		"--authorized-keys", keys}, nil, &out, &errb)
	if code != exitUsage || !strings.Contains(errb.String(), keys+":2:") || !strings.Contains(errb.String(), `role "boss"`) {
		t.Fatalf("exit %d, stderr %q", code, errb.String())
	}
}

// TestServeEndToEnd runs `lagebild serve` on the embedded sample and uses
// it over SSH: commands stream the real command-line output, roles hold,
// the host key has mode 0600, the audit log records the commands, and
// cancelling (SIGINT/SIGTERM in main) stops it.
func TestServeEndToEnd(t *testing.T) {
	// Remote commands run in a process of their own: this test binary,
	// as TestServeChild.
	orig := remoteCommandProcess
	t.Cleanup(func() { remoteCommandProcess = orig })
	remoteCommandProcess = func(ctx context.Context, args []string) (*exec.Cmd, error) {
		c := exec.CommandContext(ctx, os.Args[0], append([]string{"-test.run=^TestServeChild$", "--"}, args...)...)
		c.Env = []string{"LAGEBILD_SERVE_CHILD=1"}
		return c, nil
	}
	t.Setenv("LAGEBILD_PSEUDONYM_KEY", "a secret the commands must not see")
	dir := t.TempDir()
	viewer, analyst := testSigner(t), testSigner(t)
	keys := filepath.Join(dir, "authorized_keys")
	os.WriteFile(keys, []byte("# lagebild users\n"+authLine("", viewer)+" vera\n"+authLine("role=analyst,lang=de", analyst)+" anna\n"), 0o600)
	hostKey := filepath.Join(dir, "keys", "host_ed25519")
	audit := filepath.Join(dir, "audit.jsonl")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stdout, stderr := &lockedBuffer{}, &lockedBuffer{}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--listen", "127.0.0.1:0", "--host-key", hostKey, "--authorized-keys", keys,
			"--audit-log", audit, "--rate", "0", "--console-memory", "512", "--filter-budget", "1"}, strings.NewReader(""), stdout, stderr)
	}()
	addrRe := regexp.MustCompile(`listening on (127\.0\.0\.1:\d+)`)
	var addr string
	for deadline := time.Now().Add(60 * time.Second); addr == ""; {
		if m := addrRe.FindStringSubmatch(stdout.String()); m != nil {
			addr = m[1]
			break
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited %d: %s", code, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start: %s %s", stdout.String(), stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	fi, err := os.Stat(hostKey)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("host key: %v %v", fi, err)
	}
	hkBytes, _ := os.ReadFile(hostKey)
	hk, err := gossh.ParsePrivateKey(hkBytes)
	if err != nil {
		t.Fatal(err)
	}
	fp := gossh.FingerprintSHA256(hk.PublicKey())
	if !strings.Contains(stdout.String(), "host key: "+fp) {
		t.Errorf("fingerprint not printed: %q", stdout.String())
	}
	exec := func(s gossh.Signer, cmd string) (string, string, int) {
		t.Helper()
		c, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: "u", Auth: []gossh.AuthMethod{gossh.PublicKeys(s)},
			HostKeyCallback: gossh.FixedHostKey(hk.PublicKey()), Timeout: 10 * time.Second})
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
	out, errOut, code := exec(viewer, "brief --format md --as-of 2026-03-03")
	if code != 0 || !strings.Contains(out, "# Lagebild") || !strings.Contains(out, "k = 5") {
		t.Fatalf("brief: %d %q %q", code, out, errOut)
	}
	out, _, code = exec(viewer, "brief --format json --k 10")
	var brief map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &brief) != nil {
		t.Fatalf("brief json: %d %q", code, out)
	}
	// The filter budget (1 for viewers here) with the commands' own
	// parser: the period 2020-2022 is charged once, brief's --year within
	// it reads the same filter (it no longer cuts the years), and another
	// filter is refused before the command runs.
	if out, errOut, code = exec(viewer, "brief --years 2020-2022 --format csv"); code != 0 || out == "" {
		t.Fatalf("brief --years: %d %q", code, errOut)
	}
	if out, errOut, code = exec(viewer, "brief --years=2020-2022 --year 2021 --format csv"); code != 0 || out == "" {
		t.Fatalf("brief --year within the period (the same filter): %d %q", code, errOut)
	}
	if out, errOut, code = exec(viewer, "brief --state DE-BE"); code != exitUsage || out != "" ||
		!strings.Contains(errOut, "filter budget used up") {
		t.Fatalf("brief over the budget: %d %q %q", code, out, errOut)
	}
	if _, errOut, code = exec(viewer, "brief --state XX"); code != exitUsage || !strings.Contains(errOut, `unknown code "XX"`) {
		t.Fatalf("brief --state XX: %d %q", code, errOut)
	}
	if fi, err := os.Stat(filepath.Join(dir, "keys", "filter-budget.json")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("budget file next to the host key: %v %v", fi, err)
	}
	if _, errOut, code = exec(viewer, "query SELECT 1"); code != exitUsage || !strings.Contains(errOut, "analyst") {
		t.Fatalf("viewer query: %d %q", code, errOut)
	}
	out, _, code = exec(analyst, "query --format csv SELECT count(*) AS n FROM cases WHERE state <> 'XX'")
	if code != 0 || out != "n\n5000\n" {
		t.Fatalf("analyst query: %d %q", code, out)
	}
	if _, errOut, code = exec(analyst, "query SELECT * FROM read_csv('/etc/passwd')"); code != exitUsage || !strings.Contains(errOut, "refused") {
		t.Fatalf("file read: %d %q", code, errOut)
	}
	// lang=de of the key; the client's LANG is never read.
	if out, _, code = exec(analyst, "figures --format md --indicator person_potential"); code != 0 || !strings.Contains(out, "| Jahr |") {
		t.Fatalf("figures: %d %q", code, out)
	}
	if _, errOut, code = exec(analyst, "brief --db /etc/passwd"); code != exitUsage || !strings.Contains(errOut, "names a file") {
		t.Fatalf("--db: %d %q", code, errOut)
	}
	// Issue #17 item 1: the statement that took the server down (past
	// 3 GB, minutes against a 2 s limit) ends within its limits in its
	// own process; the server goes on serving and the audit log has the
	// statement from its start.
	runaway := "SELECT max(length(l)) FROM (SELECT range(0,100000000) l)"
	start := time.Now()
	_, errOut, code = exec(analyst, "query --timeout 2s \""+runaway+"\"")
	if took := time.Since(start); code != exitFailure || took > 2*time.Second+consoleproc.DefaultGrace+3*time.Second {
		t.Fatalf("runaway query: exit %d after %v: %q", code, took, errOut)
	}
	if out, _, code = exec(analyst, "query --format csv SELECT count(*) AS n FROM cases WHERE state <> 'XX'"); code != 0 || out != "n\n5000\n" {
		t.Fatalf("after the runaway query: %d %q", code, out)
	}
	// The TUI console's statements run in console-worker processes of
	// this program, capped the same way.
	worker := consoleWorkerRunner("", 512<<20)
	if _, err := worker.Console(ctx, runaway, queries.ConsoleLimits{Timeout: 2 * time.Second}); !errors.Is(err, queries.ErrConsoleMemory) && !errors.Is(err, queries.ErrConsoleTimeout) {
		t.Errorf("console worker, runaway statement: %v", err)
	}
	if res, err := worker.Console(ctx, "SELECT count(*) AS n FROM cases", queries.ConsoleLimits{}); err != nil || res.Rows[0][0] != int64(5000) {
		t.Errorf("console worker: %v %v", res, err)
	}

	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Fatalf("serve exited %d: %s", code, stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop")
	}
	if !strings.Contains(stdout.String(), "lagebild serve: stopped") {
		t.Errorf("stdout %q", stdout.String())
	}
	log, _ := os.ReadFile(audit)
	var events []string
	for _, l := range strings.Split(strings.TrimSpace(string(log)), "\n") {
		var e map[string]any
		if err := json.Unmarshal([]byte(l), &e); err != nil {
			t.Fatalf("audit line %q: %v", l, err)
		}
		events = append(events, e["event"].(string))
		if e["event"] == "sql" && e["outcome"] == "ok" && e["sql"] != "SELECT count(*) AS n FROM cases WHERE state <> 'XX'" {
			t.Errorf("sql event %v", e)
		}
		// The child reported the refusal on its outcome pipe.
		if e["event"] == "sql" && e["sql"] == "SELECT * FROM read_csv('/etc/passwd')" && e["outcome"] != "refused" {
			t.Errorf("refused statement audited as %v", e["outcome"])
		}
	}
	started, ended := false, false
	for _, l := range strings.Split(string(log), "\n") {
		var e map[string]any
		json.Unmarshal([]byte(l), &e)
		if e["sql"] != runaway {
			continue
		}
		switch e["event"] {
		case "sql_start":
			started = !ended
		case "sql":
			ended = e["outcome"] != "ok"
		}
	}
	if !started || !ended {
		t.Errorf("audit log: runaway statement started %v, ended with its outcome %v", started, ended)
	}
	joined := strings.Join(events, " ")
	for _, want := range []string{"server_start", "session_start", "command", "command_refused", "sql", "session_end", "server_stop",
		"budget_charge", "budget_refused"} {
		if !strings.Contains(joined, want) {
			t.Errorf("audit log lacks %s: %s", want, joined)
		}
	}
	// The result (5000 cases) is in no field. Times, durations, sizes and
	// ids may hold the digits by chance: those fields are left out, and
	// elsewhere 5000 must stand as a number of its own to count.
	result := regexp.MustCompile(`(^|[^0-9.])5000([^0-9]|$)`)
	for _, l := range strings.Split(string(log), "\n") {
		var e map[string]any
		if json.Unmarshal([]byte(l), &e) != nil {
			continue
		}
		for k, v := range e {
			if k == "time" || strings.HasSuffix(k, "_ms") || strings.HasSuffix(k, "bytes") || strings.HasSuffix(k, "pid") {
				continue
			}
			if result.MatchString(fmt.Sprint(v)) {
				t.Errorf("the audit log holds a query result: %s = %v", k, v)
			}
		}
	}
}

// TestRemoteFilter: the server charges the filter budget with the filter
// the command will read, parsed by the command's own flags.
func TestRemoteFilter(t *testing.T) {
	key := func(command string, flags ...string) string {
		t.Helper()
		f, err := remoteFilter(command, flags)
		if err != nil {
			t.Fatalf("%s %v: %v", command, flags, err)
		}
		return f.Key()
	}
	// --year picks the key figures' year and does not change the filter.
	if a, b := key("brief", "--year=2022", "--state=DE-BE"), key("brief", "--state=DE-BE"); a != b {
		t.Errorf("--year 2022 is %s, without it %s", a, b)
	}
	if a, b := key("brief", "--state=DE-BY"), key("brief", "--state=DE-BE"); a == b {
		t.Errorf("two states, one key %s", a)
	}
	if key("brief") != key("brief", "--state=") {
		t.Error("an empty flag is not all cases")
	}
	for _, flags := range [][]string{{"--state=XX"}, {"--year=1800"}, {"--years=2024-2019"}, {"--custody=maybe"}, {"--format=md"}} {
		if _, err := remoteFilter("brief", flags); err == nil {
			t.Errorf("%v accepted", flags)
		}
	}
}

// TestServeBudgetFlags: the budget flags reach the server's configuration;
// 0 is no limit; the filter parser is always set.
func TestServeBudgetFlags(t *testing.T) {
	base := []string{"--listen", ":2222", "--host-key", "hk", "--authorized-keys", "keys"}
	env := &cmdEnv{stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}}
	sc, _, ok := parseServeFlags(env, base)
	if !ok || sc.cfg.FilterBudget != 200 || sc.cfg.AnalystFilterBudget != 1000 || sc.cfg.BudgetPath != "" || sc.cfg.FilterOf == nil {
		t.Fatalf("defaults: %+v", sc.cfg)
	}
	sc, _, ok = parseServeFlags(env, append(base, "--filter-budget", "0", "--analyst-filter-budget", "7", "--budget-file", "/var/lib/b.json"))
	if !ok || sc.cfg.FilterBudget >= 0 || sc.cfg.AnalystFilterBudget != 7 || sc.cfg.BudgetPath != "/var/lib/b.json" {
		t.Fatalf("flags: %+v", sc.cfg)
	}
	if _, code, ok := parseServeFlags(env, append(base, "--filter-budget", "-3")); ok || code != exitUsage {
		t.Fatalf("a negative budget was accepted")
	}
}

// TestServeChild is the process of a remote command in TestServeEndToEnd.
func TestServeChild(t *testing.T) {
	if os.Getenv("LAGEBILD_SERVE_CHILD") != "1" {
		t.Skip("the process of a remote command of TestServeEndToEnd")
	}
	if os.Getenv("LAGEBILD_PSEUDONYM_KEY") != "" || os.Getenv("LANG") != "" {
		os.Stderr.WriteString("the command got the server's environment\n")
		os.Exit(99)
	}
	// What main does first.
	if err := consoleproc.ApplyMemoryCap(); err != nil {
		os.Stderr.WriteString(err.Error() + "\n")
		os.Exit(98)
	}
	os.Exit(runReportingOutcome(context.Background(), flag.Args(), os.Stdin, os.Stdout, os.Stderr))
}

// TestServeConnectionFlags: the connection limits of issue #17 (item 4)
// have defaults on the command line; 0 switches a count limit off.
func TestServeConnectionFlags(t *testing.T) {
	base := []string{"--listen", ":2222", "--host-key", "hk", "--authorized-keys", "keys"}
	env := &cmdEnv{stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}}
	sc, _, ok := parseServeFlags(env, base)
	if !ok || sc.cfg.MaxConnectionsPerKey != 6 || sc.cfg.MaxConnectionsPerAddress != 16 ||
		sc.cfg.HandshakeTimeout != 10*time.Second || sc.cfg.NoSessionTimeout != 15*time.Second {
		t.Fatalf("defaults: %+v", sc.cfg)
	}
	sc, _, ok = parseServeFlags(env, append(base, "--max-connections-per-key", "0", "--max-connections-per-address", "3",
		"--login-timeout", "4s", "--no-session-timeout", "1m"))
	if !ok || sc.cfg.MaxConnectionsPerKey >= 0 || sc.cfg.MaxConnectionsPerAddress != 3 ||
		sc.cfg.HandshakeTimeout != 4*time.Second || sc.cfg.NoSessionTimeout != time.Minute {
		t.Fatalf("flags: %+v", sc.cfg)
	}
	for _, bad := range [][]string{{"--max-connections-per-key", "-1"}, {"--login-timeout", "0s"}, {"--no-session-timeout", "-1s"}} {
		if _, code, ok := parseServeFlags(env, append(base, bad...)); ok || code != exitUsage {
			t.Errorf("%v accepted", bad)
		}
	}
}
