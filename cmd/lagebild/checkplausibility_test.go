package main

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"lagebild/datasets/importer"
)

// TestCheckPlausibility: records planted into a clean export that break
// the domain plausibility rules are counted exactly, listed with
// file:line and provider, and fail the providers they belong to; the
// flags are listed without failing anything.
func TestCheckPlausibility(t *testing.T) {
	rows := cleanCheckExport() // line of rows[i] is i+2; provider T01 for even i, T02 for odd
	set := func(i int, kv ...string) {
		for j := 0; j+1 < len(kv); j += 2 {
			rows[i][exportCol(kv[j])] = kv[j+1]
		}
	}
	// rows[0], [3], [6] … are closed_regular (intake 2022-01+i%6, closed 2023-01+i%9).
	set(2, "age", "13", "custody", "true")                      // under 14 in custody
	set(4, "age", "12", "access_route", "probation")            // under 14 via probation
	set(3, "contacts", "0")                                     // closed regularly without contacts
	set(0, "contacts", "450")                                   // 2022-01 → 2023-01: 13 months counted, 390 at 30 a month
	set(9, "intake", "2016-04")                                 // closed 2023-01: 81 months
	set(10, "returnee", "true")                                 // right_wing returnee (flag)
	set(11, "risk_level", "high_risk", "multi_agency", "false") // flag
	want := map[importer.Code][]int{                            // rule → lines
		importer.CodeUnder14Justice:             {4, 6},
		importer.CodeClosedRegularNoContacts:    {5},
		importer.CodeContactsPerMonth:           {2},
		importer.CodeLongDuration:               {11},
		importer.CodeReturneeOutsidePhenomenon:  {12},
		importer.CodeHighRiskWithoutMultiAgency: {13},
	}
	path := writeCheckExport(t, "planted.csv", rows)
	code, stdout, stderr := runLagebild(t, "", "check", "--format", "json", "--max-risk", "100", path)
	if code != exitQuality {
		t.Fatalf("exit %d, want 3\n%s", code, stderr)
	}
	out := decodeCheckOutput(t, stdout)
	p := out.Plausibility
	if p == nil || p.Pass || out.Pass {
		t.Fatalf("plausibility %+v, report pass %v", p, out.Pass)
	}
	for _, r := range p.Rules {
		code := importer.Code(r.Code)
		if r.Count != int64(len(want[code])) || r.Flag != code.Flag() || r.Pass != (code.Flag() || r.Count == 0) {
			t.Errorf("rule %+v, want %d records", r, len(want[code]))
		}
	}
	got := map[importer.Code][]int{}
	for _, r := range p.Records {
		if r.File != path {
			t.Errorf("record %+v: file, want %s", r, path)
		}
		if wantProv := []string{"T01", "T02"}[(r.Line-2)%2]; r.Provider != wantProv {
			t.Errorf("record %+v: provider, want %s", r, wantProv)
		}
		got[importer.Code(r.Code)] = append(got[importer.Code(r.Code)], r.Line)
	}
	for code, lines := range want {
		if !slices.Equal(got[code], lines) {
			t.Errorf("%s: lines %v, want %v", code, got[code], lines)
		}
	}
	// T01 holds lines 2, 4, 6 (even rows), T02 lines 5, 11: both fail.
	for _, prov := range p.Providers {
		var n int64
		for _, c := range importer.PlausibilityCodes {
			if !c.Flag() {
				n += prov.Counts[string(c)]
			}
		}
		if prov.Pass != (n == 0) || n == 0 {
			t.Errorf("provider %+v", prov)
		}
	}

	// The text names the lines, and the per-provider table.
	_, text, _ := runLagebild(t, "", "check", "--max-risk", "100", path)
	for _, s := range []string{fmt.Sprintf("%s:4 ", path), fmt.Sprintf("%s:13 ", path), "Per provider", "FAIL  plausibility: duration over 60 months (1)",
		"Result: FAIL – 4 of 12 checks fail (exit status 3)"} {
		if !strings.Contains(text, s) {
			t.Errorf("text report lacks %q:\n%s", s, text)
		}
	}

	// Flags alone pass.
	rows = cleanCheckExport()
	set(10, "returnee", "true")
	set(11, "risk_level", "high_risk", "multi_agency", "false")
	path = writeCheckExport(t, "flags.csv", rows)
	if code, stdout, _ := runLagebild(t, "", "check", "--format", "json", path); code != exitOK {
		t.Errorf("flags only: exit %d\n%s", code, stdout)
	}
}
