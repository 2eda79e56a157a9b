package queries

import "fmt"

// CheckKind says what a quality check tests. Code that acts on a check
// (the export check merging the importer's counts, the writers choosing a
// description) switches on the kind and the finding, never on the text of
// the published code, so rewording or renaming a code cannot silently
// change a decision.
type CheckKind uint8

// The kinds of quality checks (docs/json-formats.md lists their codes).
const (
	// CheckRequiredComplete: every required column has a value in every
	// record.
	CheckRequiredComplete CheckKind = iota + 1
	// CheckFinding: no record with the plausibility finding
	// CheckCode.Finding.
	CheckFinding
	// CheckReidentificationRisk: the share of records in equivalence
	// classes smaller than k stays within the limit.
	CheckReidentificationRisk
)

// CheckCode names one check of the quality report. It is published as the
// text of String (a JSON string through MarshalText); only this file
// builds and reads that text.
type CheckCode struct {
	Kind CheckKind
	// Finding is the plausibility finding (one of FindingCodes) of a
	// CheckFinding, empty for the other kinds.
	Finding string
}

// FindingCheck is the code of the check of one plausibility finding.
func FindingCheck(finding string) CheckCode {
	return CheckCode{Kind: CheckFinding, Finding: finding}
}

// CheckCodes lists the codes of the checks in report order: required
// columns, one per finding, re-identification risk.
func CheckCodes() []CheckCode {
	out := []CheckCode{{Kind: CheckRequiredComplete}}
	for _, f := range FindingCodes {
		out = append(out, FindingCheck(f))
	}
	return append(out, CheckCode{Kind: CheckReidentificationRisk})
}

// String is the published code: "required_complete", "finding:<code>" or
// "reidentification_risk".
func (c CheckCode) String() string {
	switch c.Kind {
	case CheckRequiredComplete:
		return "required_complete"
	case CheckFinding:
		return "finding:" + c.Finding
	case CheckReidentificationRisk:
		return "reidentification_risk"
	}
	return fmt.Sprintf("check(%d)", c.Kind)
}

// MarshalText publishes the code as its String.
func (c CheckCode) MarshalText() ([]byte, error) {
	if !c.known() {
		return nil, fmt.Errorf("quality check code %v: not a check of the report", c)
	}
	return []byte(c.String()), nil
}

// UnmarshalText reads a published code back by looking it up among
// CheckCodes.
func (c *CheckCode) UnmarshalText(text []byte) error {
	for _, k := range CheckCodes() {
		if k.String() == string(text) {
			*c = k
			return nil
		}
	}
	return fmt.Errorf("quality check code %q: not a check of the report", text)
}

func (c CheckCode) known() bool {
	for _, k := range CheckCodes() {
		if k == c {
			return true
		}
	}
	return false
}
