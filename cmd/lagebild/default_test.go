package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func testEnv() (*cmdEnv, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	return &cmdEnv{stdin: strings.NewReader(""), stdout: &out, stderr: &errb}, &out, &errb
}

func TestDefaultFlags(t *testing.T) {
	env, _, _ := testEnv()
	cfg, code, ok := parseDefaultFlags(env, []string{"--years", "2020-2022", "--phenomenon", "islamist",
		"--state", "DE-BY", "--risk", "high_risk", "--access-route", "self", "--lang", "de",
		"--theme", "light", "--accessible", "--role", "viewer", "--k", "7", "--export-dir", "reports"})
	if !ok {
		t.Fatalf("parse failed with %d", code)
	}
	o := cfg.opts
	if o.Filter.FromYear != 2020 || o.Filter.ToYear != 2022 || len(o.Filter.States) != 1 ||
		o.Lang != "de" || o.Theme != "light" || !o.Accessible || o.Role != "viewer" || cfg.sdc.K != 7 ||
		o.ExportDir != "reports" {
		t.Errorf("config %+v, k %d", o, cfg.sdc.K)
	}
}

// TestDefaultFlagsAnalyst: bare lagebild is the local analyst, with the
// console's default limits.
func TestDefaultFlagsAnalyst(t *testing.T) {
	env, _, _ := testEnv()
	cfg, code, ok := parseDefaultFlags(env, nil)
	if !ok {
		t.Fatalf("parse failed with %d", code)
	}
	if l := cfg.opts.ConsoleLimits; cfg.opts.Role != "analyst" || l.Timeout != 10*time.Second || l.MaxRows != 10_000 {
		t.Errorf("role %q, console limits %+v", cfg.opts.Role, l)
	}
}

func TestDefaultFlagErrors(t *testing.T) {
	cfgFile := filepath.Join(t.TempDir(), "sdc.conf")
	os.WriteFile(cfgFile, []byte("k = 9\n"), 0o644)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--phenomenon", "nazi"}, "allowed: right_wing"},
		{[]string{"--state", "XY"}, "DE-BW"},
		{[]string{"--access-route", "police"}, "security_authority"},
		{[]string{"--risk", "extreme"}, "high_risk"},
		{[]string{"--years", "2025-2019"}, "after the last"},
		{[]string{"--k", "2"}, "at least 3"},
		{[]string{"--theme", "pink"}, "auto, dark or light"},
		{[]string{"--lang", "fr"}, "de or en"},
		{[]string{"--role", "admin"}, "analyst or viewer"},
		{[]string{"--db", "x.db", "--figures", "f.csv"}, "only with the embedded data"},
		{[]string{"--sdc-config", filepath.Join(t.TempDir(), "missing.conf")}, "missing.conf"},
		{[]string{"extra"}, "unexpected argument"},
	} {
		env, _, errb := testEnv()
		_, code, ok := parseDefaultFlags(env, tc.args)
		if ok || code != exitUsage {
			t.Errorf("%v: ok=%v code=%d, want usage error", tc.args, ok, code)
		}
		if !strings.Contains(errb.String(), tc.want) {
			t.Errorf("%v: stderr %q lacks %q", tc.args, errb.String(), tc.want)
		}
	}
	env, _, _ := testEnv()
	cfg, _, ok := parseDefaultFlags(env, []string{"--sdc-config", cfgFile})
	if !ok || cfg.sdc.K != 9 {
		t.Errorf("--sdc-config: ok=%v k=%v", ok, cfg.sdc)
	}
}

// Bare `lagebild --db FILE` reaches the TUI command, which reports a
// store that does not exist before drawing anything.
func TestDefaultDispatchAndBadStore(t *testing.T) {
	env, out, errb := testEnv()
	code := run(context.Background(), []string{"--db", filepath.Join(t.TempDir(), "nope.db")}, env.stdin, out, errb)
	if code != exitUsage || !strings.Contains(errb.String(), "nope.db") {
		t.Errorf("code %d, stderr %q", code, errb.String())
	}
	env, out, errb = testEnv()
	code = run(context.Background(), []string{"--phenomenon", "bogus"}, env.stdin, out, errb)
	if code != exitUsage || !strings.Contains(errb.String(), "allowed:") {
		t.Errorf("bad code: exit %d, stderr %q", code, errb.String())
	}
	env, out, _ = testEnv()
	code = runDefault(context.Background(), env, []string{"--help"})
	if code != exitOK || !strings.Contains(out.String(), "--years") {
		t.Errorf("--help: exit %d, out %q", code, out.String())
	}
}
