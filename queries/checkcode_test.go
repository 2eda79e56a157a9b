package queries

import (
	"encoding/json"
	"slices"
	"testing"
)

// The published check codes are the ones docs/json-formats.md lists, in
// report order, and read back to the same typed codes.
func TestCheckCodesPublished(t *testing.T) {
	want := []string{"required_complete",
		"finding:closed_before_intake", "finding:outcome_on_open_case", "finding:closed_month_on_open_case",
		"finding:closed_without_month", "finding:contacts_implausible", "finding:duplicate_case_keys",
		"reidentification_risk"}
	codes := CheckCodes()
	b, err := json.Marshal(codes)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Errorf("published codes %q, want %q", got, want)
	}
	var back []CheckCode
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(back, codes) {
		t.Errorf("read back %v, want %v", back, codes)
	}
}

// A code that is not a check of the report is neither published nor read.
func TestCheckCodeUnknown(t *testing.T) {
	if _, err := json.Marshal(FindingCheck("no_such_finding")); err == nil {
		t.Error("an unknown finding's check is published")
	}
	var c CheckCode
	for _, text := range []string{`"finding:no_such_finding"`, `"finding:"`, `"required"`, `""`} {
		if err := json.Unmarshal([]byte(text), &c); err == nil {
			t.Errorf("%s read as %v", text, c)
		}
	}
}

// The checks of a report come in the order of CheckCodes.
func TestChecksInCodeOrder(t *testing.T) {
	var q Quality
	var got []CheckCode
	for _, c := range q.Checks(QualityThresholds{}) {
		got = append(got, c.Code)
	}
	if !slices.Equal(got, CheckCodes()) {
		t.Errorf("checks %v, want %v", got, CheckCodes())
	}
}
