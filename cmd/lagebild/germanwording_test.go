package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"lagebild/datasets/figures"
)

// wrongInGerman are the English phrases and the wrong or inconsistent
// German terms that German output must not contain (issue #15 item 4):
// untranslated words, "gewaltorientiert" as a label instead of
// "Gewaltorientiertes Personenpotenzial", the bare "Rechts"/"Links" as a
// phenomenon area, and the terms replaced by "Rückkehrende",
// "Selbstmeldung", "weitervermittelt", "geheim gehalten",
// "Cell-Key-Methode", "Fallaufnahmen", "intrinsische Motivation" and the
// tabs "Phänomenbereiche"/"Veröffentlichte Zahlen".
var wrongInGerman = []*regexp.Regexp{
	regexp.MustCompile(`synthetic sample`),
	regexp.MustCompile(`(?i)series break`),
	regexp.MustCompile(`(?i)weak source`),
	regexp.MustCompile(`\bapprox\.`),
	regexp.MustCompile(`\b31 Dec\b`),
	regexp.MustCompile(`\b(PASS|FAIL)\b`),
	regexp.MustCompile(`(?i)\bnet of multiple memberships\b`),
	regexp.MustCompile(`\b[Gg]ewaltorientiert\b( –|,)`),
	regexp.MustCompile(`(–|,) (Rechts|Links)\b`),
	regexp.MustCompile(`\bRückkehrer\b`),
	regexp.MustCompile(`\bSelbstmelder\b`),
	regexp.MustCompile(`\bübergeben\b`),
	regexp.MustCompile(`\bunterdrückt`),
	regexp.MustCompile(`Cell-Key-Verfahren`),
	regexp.MustCompile(`\bNeuaufnahmen\b`),
	regexp.MustCompile(`\bEigenmotivation\b`),
	regexp.MustCompile(`\bPhänomene\b`),
	regexp.MustCompile(` 6 Zahlen `),
}

// sourceTitles are the publication titles and addresses of the public
// figures: they are quoted as published (a title may say "Rechts und
// Links") and are left out of the scan.
func sourceTitles() []string {
	var out []string
	for _, f := range figures.Embedded() {
		out = append(out, f.Source, f.SourceRef)
	}
	return out
}

func scanGerman(t *testing.T, name, text string) {
	t.Helper()
	for _, s := range sourceTitles() {
		text = strings.ReplaceAll(text, s, "")
	}
	for i, line := range strings.Split(text, "\n") {
		for _, re := range wrongInGerman {
			if m := re.FindString(line); m != "" {
				t.Errorf("%s:%d: %q in German output: %s", name, i+1, m, strings.TrimSpace(line))
			}
		}
	}
}

// TestGermanOutputsReadGerman scans what a German user reads: the
// briefing in every text format, check, figures and the German TUI
// goldens.
func TestGermanOutputsReadGerman(t *testing.T) {
	for _, args := range [][]string{
		{"brief", "--lang", "de"},
		{"brief", "--lang", "de", "--format", "md"},
		{"check", "--lang", "de"},
		{"figures", "--lang", "de"},
		{"figures", "--lang", "de", "--format", "md"},
	} {
		_, out, _ := runLagebild(t, "", args...)
		if out == "" {
			t.Errorf("%v wrote nothing", args)
		}
		scanGerman(t, strings.Join(args, " "), out)
	}
	goldens, _ := filepath.Glob("../../tui/testdata/*/*de_*.golden")
	if len(goldens) == 0 {
		t.Fatal("no German TUI goldens found")
	}
	for _, g := range goldens {
		b, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		scanGerman(t, filepath.Base(g), string(b))
	}
}
