package importer

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
)

// TestPlausibilityNotes: records that break a domain plausibility rule
// are imported (no error, nothing left out), and noted with their line
// and provider, counted by rule and by provider; a record may break
// several rules, and a valid record breaks none.
func TestPlausibilityNotes(t *testing.T) {
	closed := func(id, from, to, contacts string) rec {
		return baseRec(id).with("status", "closed_regular", "intake", from, "closed", to, "outcome", "distanced", "contacts", contacts)
	}
	recs := []rec{
		baseRec("ok"), // line 2
		baseRec("u14").with("age", "13", "custody", "true"),                                       // 3
		baseRec("u14ag").with("age", "12", "custody", "false", "agencies", "school|probation"),    // 4: schema 2
		closed("zero", "2021-03", "2021-06", "0"),                                                 // 5
		closed("busy", "2021-03", "2021-04", "61"),                                                // 6: 2 months, > 60
		closed("long", "2015-01", "2020-02", "90").with("provider", "T02"),                        // 7: 61 months
		baseRec("ret").with("returnee", "true"),                                                   // 8: right_wing (flag)
		baseRec("hr").with("risk_level", "high_risk", "multi_agency", "false", "contacts", "501"), // 9: flag + 501 contacts
		closed("fine", "2021-03", "2021-05", "90"),                                                // 10: 3 months, 30 a month
	}
	dir := t.TempDir()
	f := writeFile(t, dir, "p.csv", csvText(canonHeader2, ",", recs...))
	rep, err := ImportToStore(context.Background(), filepath.Join(dir, "p.db"), []string{f}, Options{Key: testKey})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Rows != int64(len(recs)) {
		t.Errorf("imported %d rows, want %d", rep.Rows, len(recs))
	}
	var got []string
	for _, n := range rep.Notes {
		got = append(got, fmt.Sprintf("%d %s %s", n.Line, n.Provider, n.Code))
	}
	want := []string{
		"3 T01 under_14_justice", "4 T01 under_14_justice", "5 T01 closed_regular_without_contacts",
		"6 T01 contacts_per_month", "7 T02 duration_over_60_months", "8 T01 returnee_outside_islamism",
		"9 T01 contacts_implausible", "9 T01 high_risk_without_multi_agency",
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("notes\n%q\nwant\n%q", got, want)
	}
	if rep.NoteCounts[CodeUnder14Justice] != 2 || rep.NotesByProvider["T02"][CodeLongDuration] != 1 ||
		len(rep.NotesByProvider) != 2 || rep.NotesByProvider["T02"][CodeUnder14Justice] != 0 {
		t.Errorf("counts %v, by provider %v", rep.NoteCounts, rep.NotesByProvider)
	}
}
