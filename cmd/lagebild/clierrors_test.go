package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The command-line mistakes a newcomer makes each get a message that says
// what to do and the exit status of the contract (2: bad usage or invalid
// input). The commands run for real, on the embedded sample and real
// files.
func TestCLIErrorMessages(t *testing.T) {
	dir := t.TempDir()
	export := filepath.Join(dir, "export.csv")
	code, _, stderr := runLagebild(t, "", "gen", "--cases", "50", "--out", export)
	if code != exitOK {
		t.Fatalf("gen: %d %s", code, stderr)
	}
	// The same export under a name that does not say what it is.
	disguised := filepath.Join(dir, "cases.db")
	data, err := os.ReadFile(export)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(disguised, data, 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.db")

	for _, c := range []struct {
		name string
		args []string
		want []string // in stderr
		not  []string // never in stderr
	}{
		{"unknown flag of a command", []string{"brief", "-fromat", "md"},
			[]string{"lagebild brief: unknown flag -fromat; did you mean --format?", "Run 'lagebild brief --help' for usage."}, nil},
		{"unknown flag of the TUI", []string{"--tehme", "dark"},
			[]string{"unknown flag --tehme; did you mean --theme?", "Run 'lagebild --help' for usage."}, []string{"lagebild lagebild"}},
		{"bad flag value of the TUI", []string{"--k", "many"},
			[]string{"Run 'lagebild --help' for usage."}, []string{"lagebild lagebild"}},
		{"unknown flag far from any", []string{"brief", "--zzzzzzzz"},
			[]string{"unknown flag --zzzzzzzz\n"}, []string{"did you mean"}},
		{"export as --db of a command", []string{"brief", "--db", export},
			[]string{"this is an export, not a store: run `lagebild import"}, []string{"Catalog Error", "in-memory"}},
		{"export under another name", []string{"brief", "--db", disguised},
			[]string{"this is an export, not a store: run `lagebild import"}, nil},
		{"export as --db of the TUI", []string{"--db", export},
			[]string{"this is an export, not a store: run `lagebild import"}, nil},
		{"directory as --db", []string{"brief", "--db", dir},
			[]string{"is a directory; --db takes a store file written by `lagebild import`"}, []string{"IO Error", "database/sql"}},
		{"missing --db of a command", []string{"brief", "--db", missing}, []string{"missing.db"}, nil},
		{"missing --db of the TUI", []string{"--db", missing}, []string{"missing.db"}, nil},
		{"--year outside the data", []string{"brief", "--year", "1990"},
			[]string{"--year 1990: the data covers 2014–2025"}, nil},
		{"--years outside the data, not a period", []string{"brief", "--years", "2030-2040"},
			[]string{"--years 2030-2040: the data covers 2014–2025"}, nil},
		{"--years outside the data, a period", []string{"brief", "--years", "2032-2034"},
			[]string{"--years 2032-2034: the data covers 2014–2025"}, nil},
		{"--years outside the data in the TUI", []string{"--years", "2030-2040"},
			[]string{"--years 2030-2040: the data covers 2014–2025"}, nil},
		{"--years period outside the data in the TUI", []string{"--years", "2005-2007"},
			[]string{"--years 2005-2007: the data covers 2014–2025"}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, stderr := runLagebild(t, "", c.args...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d; stderr %q", code, exitUsage, stderr)
			}
			if stdout != "" {
				t.Errorf("stdout %q, want nothing", stdout)
			}
			for _, w := range c.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr %q lacks %q", stderr, w)
				}
			}
			for _, n := range c.not {
				if strings.Contains(stderr, n) {
					t.Errorf("stderr %q has %q", stderr, n)
				}
			}
		})
	}
}

// The TUI started without a terminal (a script, a pipe) says so instead
// of bubbletea's "could not create cancelable reader".
func TestTUIWithoutTerminal(t *testing.T) {
	devNull, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer devNull.Close()
	var out, errb bytes.Buffer
	code := run(context.Background(), nil, devNull, &out, &errb)
	if code != exitUsage {
		t.Errorf("exit %d, want %d", code, exitUsage)
	}
	if want := "lagebild needs a terminal; for scripts use `lagebild brief`"; !strings.Contains(errb.String(), want) {
		t.Errorf("stderr %q lacks %q", errb.String(), want)
	}
	if strings.Contains(errb.String(), "bubbletea") || out.Len() != 0 {
		t.Errorf("stdout %q, stderr %q", out.String(), errb.String())
	}
}

// A state given as the TUI shows it ("BY", or in lower case) is the state
// code: the same briefing as with DE-BY.
func TestStateByShortCode(t *testing.T) {
	brief := func(state string) string {
		t.Helper()
		code, stdout, stderr := runLagebild(t, "", "brief", "--as-of", "2025-06-01", "--lang", "en", "--state", state)
		if code != exitOK {
			t.Fatalf("--state %s: exit %d, %s", state, code, stderr)
		}
		return stdout
	}
	want := brief("DE-BY")
	if !strings.Contains(want, "Bavaria") {
		t.Fatalf("the DE-BY briefing does not name Bavaria:\n%s", want)
	}
	for _, s := range []string{"BY", "by", "de-by"} {
		if got := brief(s); got != want {
			t.Errorf("--state %s gives another briefing than DE-BY", s)
		}
	}
}

// brief --help says which year --years selects in which table.
func TestBriefHelpSaysWhichYears(t *testing.T) {
	code, stdout, _ := runLagebild(t, "", "brief", "--help")
	if code != exitOK || !strings.Contains(stdout, "by intake year in the intake tables and by closing year in the\nclosure and relapse tables") {
		t.Errorf("exit %d, help:\n%s", code, stdout)
	}
}
