package sshserver

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"lagebild/tui/common"

	gossh "golang.org/x/crypto/ssh"
)

func TestParseAuthorizedKeys(t *testing.T) {
	a, b, c, d := newTestKey(t), newTestKey(t), newTestKey(t), newTestKey(t)
	file := strings.Join([]string{
		"# analysts",
		a.line(`role=analyst,lang="de"`, "anna@example.org"),
		"",
		b.line("", "bob"),
		c.line("restrict,no-port-forwarding", ""),
		d.line("restrict,pty,role=viewer", "dora"),
	}, "\n")
	set, err := ParseAuthorizedKeys(strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	if set.Len() != 4 {
		t.Fatalf("%d keys", set.Len())
	}
	want := []struct {
		k     testKey
		role  common.Role
		lang  string
		noPTY bool
		line  int
		cmt   string
	}{
		{a, RoleAnalyst, "de", false, 2, "anna@example.org"},
		{b, RoleViewer, "", false, 4, "bob"},
		{c, RoleViewer, "", true, 5, ""},
		{d, RoleViewer, "", false, 6, "dora"},
	}
	for _, w := range want {
		e, ok := set.Lookup(w.k.pub)
		if !ok {
			t.Fatalf("line %d not found", w.line)
		}
		if e.Role != w.role || string(e.Lang) != w.lang || e.NoPTY != w.noPTY || e.Line != w.line || e.Comment != w.cmt ||
			e.Fingerprint != gossh.FingerprintSHA256(w.k.pub) {
			t.Errorf("line %d: %+v", w.line, e)
		}
	}
	if _, ok := set.Lookup(newTestKey(t).pub); ok {
		t.Error("unknown key found")
	}
}

func TestParseAuthorizedKeysErrors(t *testing.T) {
	k := newTestKey(t)
	good := k.line("", "")
	for _, tc := range []struct {
		line string
		want string
	}{
		{"ssh-ed25519 AAAAnotbase64!!", "not a public key"},
		{"role=admin " + good, `role "admin"`},
		{"role " + good, "needs a value"},
		{"lang=fr " + good, `lang "fr"`},
		{`command="/bin/sh" ` + good, `"command" is not supported`},
		{`from="10.0.0.0/8" ` + good, `"from" is not supported`},
		{"cert-authority " + good, "not supported"},
		{"frobnicate " + good, "unknown option"},
		{"role=analyst,role=viewer " + good, "given twice"},
		{"no-pty=yes " + good, "takes no value"},
		{good + "\n#\n" + good, "already listed on line 3"},
	} {
		lines := strings.Split(tc.line, "\n")
		file := "# header\n" + good2(t) + "\n" + strings.Join(lines, "\n") + "\n"
		_, err := ParseAuthorizedKeys(strings.NewReader(file))
		var kfe *KeyFileError
		if !errors.As(err, &kfe) {
			t.Errorf("%q: err = %v", tc.line, err)
			continue
		}
		wantLine := 2 + len(lines)
		if kfe.Line != wantLine || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: line %d (want %d), %v (want %q)", tc.line, kfe.Line, wantLine, err, tc.want)
		}
	}
}

func good2(t *testing.T) string { return newTestKey(t).line("role=analyst", "other") }

func TestHostKeyCreatedOnceWithMode0600(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "sub", "host_ed25519")
	s1, created, err := LoadOrCreateHostKey(p)
	if err != nil || !created {
		t.Fatalf("%v %v", created, err)
	}
	fi, err := os.Stat(p)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, %v", fi.Mode(), err)
	}
	s2, created, err := LoadOrCreateHostKey(p)
	if err != nil || created {
		t.Fatalf("%v %v", created, err)
	}
	if !bytes.Equal(s1.PublicKey().Marshal(), s2.PublicKey().Marshal()) {
		t.Fatal("the host key changed on the second start")
	}
	os.Chmod(p, 0o644)
	if _, _, err := LoadOrCreateHostKey(p); err == nil || !strings.Contains(err.Error(), "too open") {
		t.Fatalf("a world-readable key: %v", err)
	}
	// The server never writes a key elsewhere (wish's default is the
	// working directory).
	wd, _ := os.Getwd()
	if _, err := os.Stat(filepath.Join(wd, "id_ed25519")); err == nil {
		t.Fatal("a key was written into the working directory")
	}
}

func TestServerHostKeyFile(t *testing.T) {
	k := newTestKey(t)
	ts := startServer(t, []string{k.line("", "")}, nil)
	fi, err := os.Stat(filepath.Join(ts.dir, "host_ed25519"))
	if err != nil || fi.Mode().Perm() != 0o600 || !ts.HostKeyCreated {
		t.Fatalf("host key: %v %v created=%v", fi.Mode(), err, ts.HostKeyCreated)
	}
	if !strings.HasPrefix(ts.Fingerprint(), "SHA256:") {
		t.Fatal(ts.Fingerprint())
	}
	fi, err = os.Stat(ts.auditPath)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("audit log: %v %v", fi.Mode(), err)
	}
}

func TestPrepareCommand(t *testing.T) {
	p := commandPolicy{commands: testCommands, dbPath: "/srv/cases.db", sdcConfig: "/etc/lagebild/sdc.toml", k: 5, maxTimeout: 10 * time.Second, maxRows: 1000}
	for _, tc := range []struct {
		role      common.Role
		lang, raw string
		argv      string // joined with |
		sql       string
		err       string
	}{
		{RoleViewer, "", "brief --format md", "brief|--db=/srv/cases.db|--sdc-config=/etc/lagebild/sdc.toml|--k=5|--format=md", "", ""},
		{RoleViewer, "de", "lagebild brief -format=json --years 2019-2024 --k 10", "brief|--db=/srv/cases.db|--sdc-config=/etc/lagebild/sdc.toml|--k=10|--lang=de|--format=json|--years=2019-2024", "", ""},
		{RoleViewer, "de", "brief --lang en", "brief|--db=/srv/cases.db|--sdc-config=/etc/lagebild/sdc.toml|--k=5|--lang=en", "", ""},
		{RoleViewer, "", "brief --years -2022", "brief|--db=/srv/cases.db|--sdc-config=/etc/lagebild/sdc.toml|--k=5|--years=-2022", "", ""},
		{RoleViewer, "", "figures --format csv", "figures|--format=csv", "", ""},
		{RoleViewer, "", "check --format json", "check|--db=/srv/cases.db|--sdc-config=/etc/lagebild/sdc.toml|--k=5|--format=json", "", ""},
		// A viewer's risk check runs with the server's k and limit: varying
		// them would bisect the exact share of records in small classes.
		{RoleViewer, "", "check --format json --max-risk 10", "", "", "--max-risk of check is fixed by the server for the viewer role"},
		{RoleViewer, "", "check --max-risk=0.5", "", "", "fixed by the server"},
		{RoleViewer, "", "check --k 7", "", "", "--k of check is fixed by the server for the viewer role"},
		{RoleViewer, "", "check --k=5", "", "", "fixed by the server"},
		{RoleAnalyst, "", "check --format json --max-risk 10 --k 7", "check|--db=/srv/cases.db|--sdc-config=/etc/lagebild/sdc.toml|--k=7|--format=json|--max-risk=10", "", ""},
		{RoleViewer, "", "brief --help", "brief|--db=/srv/cases.db|--sdc-config=/etc/lagebild/sdc.toml|--k=5|--help", "", ""},
		{RoleAnalyst, "", `query SELECT * FROM cases WHERE state = 'DE-BY'`, "query|--db=/srv/cases.db|--timeout=10s|--max-rows=1000|--|SELECT * FROM cases WHERE state = 'DE-BY'", "SELECT * FROM cases WHERE state = 'DE-BY'", ""},
		{RoleAnalyst, "", `query "SELECT 'a' AS x"`, "query|--db=/srv/cases.db|--timeout=10s|--max-rows=1000|--|SELECT 'a' AS x", "SELECT 'a' AS x", ""},
		{RoleAnalyst, "", `query --format csv --max-rows 5 --timeout 2s -- SELECT -1`, "query|--db=/srv/cases.db|--format=csv|--max-rows=5|--timeout=2s|--|SELECT -1", "SELECT -1", ""},
		{RoleAnalyst, "", `query -`, "query|--db=/srv/cases.db|--timeout=10s|--max-rows=1000|--|-", "-", ""},
		{RoleViewer, "", "query SELECT 1", "", "", "needs the analyst role"},
		{RoleAnalyst, "", "query", "", "", "needs a statement"},
		{RoleAnalyst, "", "query --timeout 1h SELECT 1", "", "", "at most 10s"},
		{RoleAnalyst, "", "query --max-rows 5000 SELECT 1", "", "", "at most 1000"},
		{RoleAnalyst, "", "query --db /etc/passwd SELECT 1", "", "", "names a file"},
		{RoleViewer, "", "brief --db=/etc/passwd", "", "", "names a file"},
		{RoleViewer, "", "brief --sdc-config x", "", "", "names a file"},
		{RoleViewer, "", "brief --k 3", "", "", "can only be raised"},
		{RoleViewer, "", "brief extra", "", "", "takes no arguments"},
		{RoleViewer, "", "brief --out x.md", "", "", "not available for brief"},
		{RoleViewer, "", "figures --figures /etc/passwd", "", "", "names a file"},
		{RoleViewer, "", "check export.csv", "", "", "reads no export files"},
		{RoleViewer, "", "check --drop-unknown", "", "", "export files"},
		{RoleAnalyst, "", "gen --cases 5 --out x.csv", "", "", "not available over SSH"},
		{RoleAnalyst, "", "import --db x y", "", "", "not available over SSH"},
		{RoleAnalyst, "", "serve", "", "", "not available over SSH"},
		{RoleAnalyst, "", "--db x", "", "", "TUI's flags"},
		{RoleAnalyst, "", "rm -rf /", "", "", "unknown command"},
		{RoleAnalyst, "", "brief 'unterminated", "", "", "unterminated"},
		{RoleViewer, "", "brief ---format md", "", "", "bad flag syntax"},
	} {
		pc, err := prepareCommand(tc.role, tc.lang, tc.raw, p)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: err = %v, want %q", tc.raw, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tc.raw, err)
			continue
		}
		if got := strings.Join(pc.argv, "|"); got != tc.argv {
			t.Errorf("%q:\n got %s\nwant %s", tc.raw, got, tc.argv)
		}
		if pc.sql != tc.sql {
			t.Errorf("%q: sql %q, want %q", tc.raw, pc.sql, tc.sql)
		}
	}
	// The filter flags of brief (and only those) go to the filter budget;
	// --help reads no cases and is not charged, --help=false is.
	for raw, want := range map[string]string{
		"brief --format md": "",
		"brief --state DE-BE --format=csv --year 2022 --k 7":      "--state=DE-BE|--year=2022",
		"brief --years=2019-2024 --phenomenon islamist --lang de": "--years=2019-2024|--phenomenon=islamist",
		"brief --state DE-BE --help=false":                        "--state=DE-BE",
	} {
		pc, err := prepareCommand(RoleViewer, "", raw, p)
		if err != nil || pc.filterArgs == nil || strings.Join(pc.filterArgs, "|") != want {
			t.Errorf("%q: filter flags %q, want %q (%v)", raw, pc.filterArgs, want, err)
		}
	}
	for _, raw := range []string{"brief --state DE-BE --help", "brief -h", "figures --format csv", "check"} {
		if pc, err := prepareCommand(RoleViewer, "", raw, p); err != nil || pc.filterArgs != nil {
			t.Errorf("%q: filter flags %q (%v), want none", raw, pc.filterArgs, err)
		}
	}
	// Without a store file, nothing names one.
	pc, err := prepareCommand(RoleAnalyst, "", "query SELECT 1", commandPolicy{commands: testCommands, k: 5})
	if err != nil || strings.Join(pc.argv, " ") != "query -- SELECT 1" {
		t.Errorf("%v %v", pc, err)
	}
}

func TestSplitWords(t *testing.T) {
	for raw, want := range map[string]string{
		`a b  c`:              "a|b|c",
		`a 'b c' "d \"e\" f"`: `a|b c|d "e" f`,
		`a\ b c`:              "a b|c",
		`x="1 2"`:             "x=1 2",
		``:                    "",
	} {
		ws, err := splitWords(raw)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, w := range ws {
			got = append(got, w.text)
		}
		if strings.Join(got, "|") != want {
			t.Errorf("%q: %q", raw, got)
		}
	}
}

func TestRateLimiter(t *testing.T) {
	now := time.Unix(0, 0)
	r := newRateLimiter(6, 3) // one per 10 s, three at once
	r.now = func() time.Time { return now }
	a := &net.TCPAddr{IP: net.ParseIP("192.0.2.1"), Port: 1000}
	a2 := &net.TCPAddr{IP: net.ParseIP("192.0.2.1"), Port: 2000}
	b := &net.TCPAddr{IP: net.ParseIP("192.0.2.2"), Port: 1000}
	for i := range 3 {
		if !r.allow(a) {
			t.Fatalf("connection %d refused", i)
		}
	}
	if r.allow(a2) {
		t.Fatal("fourth connection from the same address (other port) allowed")
	}
	if !r.allow(b) {
		t.Fatal("another address refused")
	}
	now = now.Add(10 * time.Second)
	if !r.allow(a) || r.allow(a) {
		t.Fatal("refill wrong")
	}
	if newRateLimiter(-1, 1).allow(a) != true {
		t.Fatal("nil limiter refused")
	}
}

func TestSessionLimitsUnit(t *testing.T) {
	l := newSessionLimits(3, 2)
	r1, _ := l.acquire("a")
	r2, _ := l.acquire("a")
	// The reason is typed; the sentence the user reads stays the same.
	var le *LimitError
	if _, err := l.acquire("a"); !errors.As(err, &le) || le.Reason != LimitPerKey || le.Open != 2 ||
		err.Error() != "your key already has 2 sessions open, the most one key may hold at once. Close one and try again." {
		t.Fatal(err)
	}
	r3, _ := l.acquire("b")
	if _, err := l.acquire("c"); !errors.As(err, &le) || le.Reason != LimitServerFull || le.Open != 3 ||
		err.Error() != "the server is full: 3 sessions are open, the most it holds at once. Please try again later." {
		t.Fatal(err)
	}
	r1()
	r1() // twice is harmless
	if r, err := l.acquire("c"); err != nil {
		t.Fatal(err)
	} else {
		r()
	}
	r2()
	r3()
	if l.count() != 0 {
		t.Fatal(l.count())
	}
}

type fakeStore struct {
	name   string
	closed bool
	mu     *sync.Mutex
}

func (f *fakeStore) Close() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.closed = true
	return nil
}

func (f *fakeStore) isClosed() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.closed
}

// TestStoreReplacedWhileServing: a store file swapped in by a new import is
// opened for new sessions; running sessions keep theirs, which is closed
// after the last of them.
func TestStoreReplacedWhileServing(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "cases.db")
	os.WriteFile(p, []byte("v1"), 0o600)
	var mu sync.Mutex
	opened := 0
	open := func(context.Context, bool) (*fakeStore, fileID, error) {
		id, _ := statID(p)
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, id, err
		}
		if string(b) == "broken" {
			return nil, id, errors.New("not a lagebild store")
		}
		opened++
		return &fakeStore{name: string(b), mu: &mu}, id, nil
	}
	var logs []string
	m, err := newStores(context.Background(), p, open, func(msg string, _ ...any) { logs = append(logs, msg) })
	if err != nil {
		t.Fatal(err)
	}
	s1, rel1 := m.acquire(context.Background())
	s1b, rel1b := m.acquire(context.Background())
	if s1 != s1b || opened != 1 {
		t.Fatal("the unchanged file was opened again")
	}
	// A new import: written beside, renamed over (a new inode).
	os.WriteFile(p+".tmp", []byte("v2"), 0o600)
	os.Rename(p+".tmp", p)
	s2, rel2 := m.acquire(context.Background())
	if s2.name != "v2" || s1.isClosed() {
		t.Fatalf("new session got %s; old closed=%v", s2.name, s1.isClosed())
	}
	rel1()
	if s1.isClosed() {
		t.Fatal("closed while a session still reads it")
	}
	rel1b()
	if !s1.isClosed() {
		t.Fatal("the replaced store was not closed after its last session")
	}
	// A broken replacement: sessions keep the open store.
	os.WriteFile(p+".tmp", []byte("broken"), 0o600)
	os.Rename(p+".tmp", p)
	s3, rel3 := m.acquire(context.Background())
	if s3 != s2 || !strings.Contains(strings.Join(logs, ";"), "cannot be opened") {
		t.Fatalf("got %s, logs %v", s3.name, logs)
	}
	rel2()
	rel3()
	m.close()
	if !s2.isClosed() {
		t.Fatal("not closed at exit")
	}
}

func TestAuditLog(t *testing.T) {
	p := filepath.Join(t.TempDir(), "audit.jsonl")
	os.WriteFile(p, []byte(`{"time":"x","event":"earlier"}`+"\n"), 0o600)
	a, err := OpenAudit(p)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i%2 == 0 {
				a.Post("view", map[string]any{"view": "age", "i": i})
			} else if err := a.Log("sql", map[string]any{"sql": "SELECT '\n\"'", "i": i, "event": "spoof"}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	a.Close()
	a.Post("late", nil) // after Close: dropped, no panic
	lines := strings.Split(strings.TrimSpace(readFile(t, p)), "\n")
	if len(lines) != 51 || lines[0] != `{"time":"x","event":"earlier"}` {
		t.Fatalf("%d lines; first %q", len(lines), lines[0])
	}
	for _, l := range lines[1:] {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("%q: %v", l, err)
		}
		if !strings.HasPrefix(l, `{"time":"`) || (m["event"] != "view" && m["event"] != "sql") {
			t.Fatalf("line %q", l)
		}
		if m["event"] == "sql" && (m["field_event"] != "spoof" || m["sql"] != "SELECT '\n\"'") {
			t.Fatalf("line %q", l)
		}
	}
}
