package export

import (
	"lagebild/queries"
	"lagebild/queries/report"
)

// CheckReportJSON is the stable JSON of `lagebild check`
// (docs/json-formats.md).
type CheckReportJSON struct {
	// Input says what was checked: kind "store" (a store file), "default"
	// (the embedded sample) or "export" (export files, validated and
	// imported into a temporary in-memory store).
	Input     InputJSON `json:"input"`
	K         int       `json:"k"`
	Protected bool      `json:"protected"`
	Synthetic bool      `json:"synthetic"`
	// Pass is true when every check passes (exit status 0).
	Pass   bool        `json:"pass"`
	Checks []CheckJSON `json:"checks"`
	// Validation is the importer's validation of export files (null for
	// a store).
	Validation *ValidationJSON `json:"validation"`
	Quality    QualityJSON     `json:"quality"`
	// Evaluator are the evaluator's tables (per provider, time in
	// counselling), the same numbers as the TUI's evaluator view and the
	// briefing's tables of the same names.
	Evaluator []TableJSON `json:"evaluator"`
	// RiskAdvice is for export files only (the file holder's exact
	// view): which quasi-identifier drives the re-identification risk and
	// what each coarsening measures; null for a store.
	RiskAdvice *RiskAdviceJSON `json:"risk_advice"`
}

// RiskAdviceJSON is the importer's risk advice: the share of records in
// classes below k without each quasi-identifier (the driver first) and
// under each coarsening.
type RiskAdviceJSON struct {
	Driver      string           `json:"driver"`
	Drivers     []RiskOptionJSON `json:"drivers"`
	Coarsenings []RiskOptionJSON `json:"coarsenings"`
}

// RiskOptionJSON is one measured option.
type RiskOptionJSON struct {
	Name          string  `json:"name"`
	RecordsBelowK int64   `json:"records_below_k"`
	Records       int64   `json:"records"`
	Share         float64 `json:"share"`
	// UnderLimit says whether the share is at most the risk check's limit.
	UnderLimit bool `json:"under_limit"`
}

// InputJSON names the checked input.
type InputJSON struct {
	Kind  string   `json:"kind"`
	Path  string   `json:"path"`
	Files []string `json:"files"`
}

// CheckJSON is one pass/fail check.
type CheckJSON struct {
	// Code: required_complete, finding:<code> or reidentification_risk
	// (a JSON string, queries.CheckCode.MarshalText).
	Code queries.CheckCode `json:"code"`
	Pass bool              `json:"pass"`
	// Limit: 1 for required_complete (a share), 0 for findings (a count),
	// the largest allowed share for reidentification_risk.
	Limit float64 `json:"limit"`
	// Columns lists the incomplete required columns of required_complete.
	Columns []string `json:"columns"`
}

// ValidationJSON summarises the validation of export files. Its counts
// are exact: they are the problems the importer lists line by line to
// whoever imports the files.
type ValidationJSON struct {
	// Rows is the number of data rows read, Excluded the rows with a
	// finding, which the quality figures leave out.
	Rows     int64                   `json:"rows"`
	Excluded int64                   `json:"excluded"`
	Findings []ValidationFindingJSON `json:"findings"`
}

// ValidationFindingJSON counts one kind of problem of the export:
// the plausibility findings (closed_before_intake, outcome_on_open_case,
// closed_month_on_open_case, closed_without_month, duplicate_case_keys) and
// required_missing per column.
type ValidationFindingJSON struct {
	Code   string `json:"code"`
	Column string `json:"column"`
	Count  int64  `json:"count"`
}

// QualityJSON is queries.Quality in JSON: protected counts, shares and
// rates; null when withheld.
type QualityJSON struct {
	Records               *float64           `json:"records"`
	Completeness          []CompletenessJSON `json:"completeness"`
	Findings              []FindingJSON      `json:"findings"`
	Closed                *float64           `json:"closed"`
	OutcomeDocumented     *float64           `json:"outcome_documented"`
	OutcomeDocumentedRate *float64           `json:"outcome_documented_rate"`
	OutcomeCILow          *float64           `json:"outcome_documented_ci_low"`
	OutcomeCIHigh         *float64           `json:"outcome_documented_ci_high"`
	Risk                  RiskJSON           `json:"risk"`
	Providers             []ProviderJSON     `json:"providers"`
}

// CompletenessJSON is the completeness of one column.
type CompletenessJSON struct {
	Column   string   `json:"column"`
	Required bool     `json:"required"`
	Base     string   `json:"base"`
	Filled   *float64 `json:"filled"`
	Cases    *float64 `json:"cases"`
	Share    *float64 `json:"share"`
}

// FindingJSON is one plausibility finding of the store.
type FindingJSON struct {
	Code  string   `json:"code"`
	Count *float64 `json:"count"`
}

// RiskJSON is the re-identification risk.
type RiskJSON struct {
	K                int      `json:"k"`
	QuasiIdentifiers []string `json:"quasi_identifiers"`
	Records          *float64 `json:"records"`
	Classes          *float64 `json:"classes"`
	RecordsBelowK    *float64 `json:"records_below_k"`
	ClassesBelowK    *float64 `json:"classes_below_k"`
	Share            *float64 `json:"share"`
}

// ProviderJSON compares one provider.
type ProviderJSON struct {
	Provider        string   `json:"provider"`
	Intakes         *float64 `json:"intakes"`
	Closed          *float64 `json:"closed"`
	ClosedShare     *float64 `json:"closed_share"`
	Documented      *float64 `json:"documented"`
	DocumentedShare *float64 `json:"documented_share"`
}

func val(v queries.Value) *float64 { return num(report.FromValue(v, "")) }

// QualityToJSON converts a quality report.
func QualityToJSON(q *queries.Quality) QualityJSON {
	out := QualityJSON{
		Records: val(q.Records), Completeness: []CompletenessJSON{}, Findings: []FindingJSON{},
		Closed: val(q.Closed), OutcomeDocumented: val(q.OutcomeDocumented), OutcomeDocumentedRate: val(q.OutcomeDocumentedRate),
		Risk: RiskJSON{K: q.Risk.K, QuasiIdentifiers: nonNil(q.Risk.QuasiIdentifiers), Records: val(q.Risk.Records),
			Classes: val(q.Risk.Classes), RecordsBelowK: val(q.Risk.RecordsBelowK), ClassesBelowK: val(q.Risk.ClassesBelowK),
			Share: val(q.Risk.Share)},
		Providers: []ProviderJSON{},
	}
	if lo, hi, ok := q.OutcomeDocumentedRate.CI(); ok {
		out.OutcomeCILow, out.OutcomeCIHigh = &lo, &hi
	}
	for _, c := range q.Completeness {
		out.Completeness = append(out.Completeness, CompletenessJSON{Column: c.Column, Required: c.Required, Base: c.Base,
			Filled: val(c.Filled), Cases: val(c.Cases), Share: val(c.Share)})
	}
	for _, f := range q.Findings {
		out.Findings = append(out.Findings, FindingJSON{Code: f.Code, Count: val(f.Count)})
	}
	for _, p := range q.Providers {
		out.Providers = append(out.Providers, ProviderJSON{Provider: p.Provider, Intakes: val(p.Intakes),
			Closed: val(p.Closed), ClosedShare: val(p.ClosedShare), Documented: val(p.Documented),
			DocumentedShare: val(p.DocumentedShare)})
	}
	return out
}

// ChecksToJSON converts checks.
func ChecksToJSON(cs []queries.Check) []CheckJSON {
	out := []CheckJSON{}
	for _, c := range cs {
		out = append(out, CheckJSON{Code: c.Code, Pass: c.Pass, Limit: c.Limit, Columns: nonNil(c.Columns)})
	}
	return out
}
