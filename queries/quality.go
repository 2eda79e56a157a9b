package queries

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"lagebild/datasets/schema"
	"lagebild/datasets/store"
	"lagebild/queries/sdc"
)

// Quality is the evaluator's quality report of the filtered cases (the
// filter's year range applies to the intake year). Every number in it comes
// from case data and is protected like any table: counts through the cell
// key method and the threshold, shares and rates from protected counts and
// withheld when their base is below sdc.Params.MinDerivedBase.
//
// The pass/fail decisions of Checks are published too, so they follow
// docs/privacy.md, derived figures: for a filter (any Filter that is not IsZero) the
// completeness and finding checks are decided on protected counts (a check
// passes when the protected count of the offending records is a shown 0),
// because an exact decision tells a true 0 from a true 1–2 behind a
// published 0 and bisecting filters then locates a single record. For the
// whole store (the zero Filter) they are decided on the exact counts: one
// bit per check for the whole store, and a check of an export must not
// pass because noise turned a small count into 0; such a failed check can
// come with a count shown as 0 or withheld. The re-identification risk
// check is always decided on the share of protected counts, since
// bisecting its limit would otherwise find the exact share (and with it
// the exact number of records).
type Quality struct {
	Filter    Filter
	K         int
	Synthetic bool
	DataLabel string
	// Records is the number of cases the report covers.
	Records Value
	// Completeness has one entry per stored column, in schema order.
	Completeness []ColumnCompleteness
	// Findings are the plausibility findings, in the order of
	// FindingCodes.
	Findings []Finding
	// Closed cases, those with a documented (known) outcome among them, and
	// the documentation rate with its 95 % Wilson interval.
	Closed, OutcomeDocumented Value
	OutcomeDocumentedRate     Value
	// Risk is the re-identification risk of the records.
	Risk RiskFigures
	// Providers compares the providers, sorted by code.
	Providers []ProviderQuality

	// the facts the checks are decided on (see above); never shown as
	// numbers
	requiredIncomplete []string        // incomplete required columns
	findingPresent     map[string]bool // finding code → the check fails
	riskCheckShare     float64         // the share the risk check compares
}

// ColumnCompleteness is the share of non-empty values of a column.
type ColumnCompleteness struct {
	Column   string
	Required bool
	// Base says which cases the column applies to: "all", or "closed" for
	// closed and outcome (only closed cases have them).
	Base string
	// Filled cases with a value among Cases, and the share (KindShare).
	Filled, Cases, Share Value
}

// Finding is one kind of implausible record and how many there are.
type Finding struct {
	Code  string
	Count Value
}

// RiskFigures describe the re-identification risk: equivalence classes on
// state, age band, gender, phenomenon and intake year, and those smaller
// than K. Counts are protected; Share is the share of records in classes
// below K (KindShare, from protected counts).
type RiskFigures struct {
	K                            int
	Records, Classes             Value
	RecordsBelowK, ClassesBelowK Value
	Share                        Value
	// QuasiIdentifiers names the columns of the classes.
	QuasiIdentifiers []string
}

// ProviderQuality compares one provider: intakes, closed cases and their
// share, closed cases with a documented outcome and their share among the
// closed ones.
type ProviderQuality struct {
	Provider                     string
	Intakes, Closed, Documented  Value
	ClosedShare, DocumentedShare Value
}

// Codes of the plausibility findings.
const (
	FindingClosedBeforeIntake  = "closed_before_intake"      // closing month before the intake month
	FindingOutcomeOnOpenCase   = "outcome_on_open_case"      // an outcome on a case that is not closed
	FindingClosedMonthOnOpen   = "closed_month_on_open_case" // a closing month on a case that is not closed
	FindingClosedWithoutMonth  = "closed_without_month"      // status closed_* without a closing month
	FindingContactsImplausible = "contacts_implausible"      // more than ContactsImplausibleAbove contacts
	FindingDuplicateCaseKeys   = "duplicate_case_keys"       // records repeating an earlier record's case key
)

// ContactsImplausibleAbove is the number of counselling contacts above
// which a case is implausible (about one contact a day for more than a
// year and a half).
const ContactsImplausibleAbove = store.ContactsImplausibleAbove

// DefaultMaxRiskShare is the default limit of the re-identification risk
// check: at most 20 % of the records in equivalence classes smaller than k.
const DefaultMaxRiskShare = 0.20

const (
	completenessBaseAll    = "all"
	completenessBaseClosed = "closed"
)

// FindingCodes lists the plausibility findings in report order.
var FindingCodes = []string{
	FindingClosedBeforeIntake, FindingOutcomeOnOpenCase, FindingClosedMonthOnOpen,
	FindingClosedWithoutMonth, FindingContactsImplausible, FindingDuplicateCaseKeys,
}

// findingConditions are the conditions of the findings counted from the
// quality flags of the records (duplicates have a query of their own).
var findingConditions = map[string]func(fl uint16) bool{
	FindingClosedBeforeIntake: func(fl uint16) bool { return fl&store.FlagClosedBeforeIntake != 0 },
	FindingOutcomeOnOpenCase: func(fl uint16) bool {
		return fl&store.FlagOutcome != 0 && fl&store.FlagClosedStatus == 0
	},
	FindingClosedMonthOnOpen: func(fl uint16) bool {
		return fl&store.FlagClosed != 0 && fl&store.FlagClosedStatus == 0
	},
	FindingClosedWithoutMonth: func(fl uint16) bool {
		return fl&store.FlagClosedStatus != 0 && fl&store.FlagClosed == 0
	},
	FindingContactsImplausible: func(fl uint16) bool { return fl&store.FlagContactsImplausible != 0 },
}

// QuasiIdentifiers are the columns of the re-identification risk.
var QuasiIdentifiers = []string{"state", "age_band", "gender", "phenomenon", "intake_year"}

// storedColumn is a column of case_records as the quality report sees it.
type storedColumn struct {
	name     string
	required bool
	base     string
}

// storedColumns lists the stored columns in schema order: age is stored
// as age_band (required: an export must give age or age_band). Made once:
// the evaluator asks for them per group of records; callers do not
// modify the slice.
var storedColumns = sync.OnceValue(func() []storedColumn {
	var out []storedColumn
	for _, c := range schema.Columns {
		if c.Since == 2 {
			continue // case-export schema 2: no filled flags in store.FilledFlags (yet)
		}
		switch c.Name {
		case "age":
			continue
		case "age_band":
			out = append(out, storedColumn{name: c.Name, required: true, base: completenessBaseAll})
		case "closed", "outcome":
			out = append(out, storedColumn{name: c.Name, base: completenessBaseClosed})
		default:
			out = append(out, storedColumn{name: c.Name, required: c.Required, base: completenessBaseAll})
		}
	}
	return out
})

// QualityThresholds are the limits of the quality checks that are not
// fixed: every plausibility finding must be 0 and every required column
// complete; the share of records in equivalence classes smaller than k must
// not exceed MaxRiskShare.
type QualityThresholds struct {
	MaxRiskShare float64 // default DefaultMaxRiskShare (20 %)
}

// Check is one pass/fail check of the quality report.
type Check struct {
	// Code says what the check tests: required columns, one finding, or
	// the re-identification risk.
	Code CheckCode
	Pass bool
	// Limit is the threshold: 1 (a share) for required_complete, 0 (a
	// count) for findings, the maximum share for reidentification_risk.
	Limit float64
	// Columns names the incomplete required columns of a failed
	// required_complete.
	Columns []string
}

// Checks evaluates the report against the thresholds: on exact counts for
// the whole store, on protected counts for a filter, and the risk check on
// the share of protected counts (see Quality).
func (q *Quality) Checks(t QualityThresholds) []Check {
	if t.MaxRiskShare <= 0 {
		t.MaxRiskShare = DefaultMaxRiskShare
	}
	var out []Check
	for _, code := range CheckCodes() {
		switch code.Kind {
		case CheckRequiredComplete:
			out = append(out, Check{Code: code, Pass: len(q.requiredIncomplete) == 0, Limit: 1,
				Columns: q.requiredIncomplete})
		case CheckFinding:
			out = append(out, Check{Code: code, Pass: !q.findingPresent[code.Finding]})
		case CheckReidentificationRisk:
			out = append(out, Check{Code: code, Pass: q.riskCheckShare <= t.MaxRiskShare, Limit: t.MaxRiskShare})
		}
	}
	return out
}

// Pass reports whether every check passes.
func (q *Quality) Pass(t QualityThresholds) bool {
	for _, c := range q.Checks(t) {
		if !c.Pass {
			return false
		}
	}
	return true
}

// Quality computes the quality report of the filtered cases.
func (s *Store) Quality(ctx context.Context, f Filter) (*Quality, error) {
	return admitWhile(ctx, s, f, func(ctx context.Context) (*Quality, error) { return s.quality(ctx, f) })
}

// quality is the report of Quality, made without the admission.
func (s *Store) quality(ctx context.Context, f Filter) (*Quality, error) {
	q := &Quality{Filter: f, K: s.params.K, Synthetic: s.synthetic, DataLabel: s.label,
		findingPresent: map[string]bool{}}
	// The risk classes are a pass of their own that sets only q.Risk and
	// q.riskCheckShare: it runs beside the counts, on the other core when
	// DuckDB runs one thread per query (small stores, see fitThreads).
	riskErr := make(chan error, 1)
	go func() { riskErr <- s.qualityRisk(ctx, f, q) }()
	ms := qualityMeasures()
	ps, err := s.qualityMeasureCounts(ctx, f, ms)
	if err == nil {
		s.qualityCounts(q, ms, ps)
		s.qualityProviders(q, ms, ps)
		err = s.qualityDuplicates(ctx, f, q)
	}
	if rerr := <-riskErr; err == nil {
		err = rerr
	}
	if err != nil {
		return nil, err
	}
	return q, nil
}

// measure is one counted condition of the quality report, a test of a
// record's quality flags (store.QualityFlags).
type measure struct {
	key  measureKey
	test func(fl uint16) bool
}

// measureKey names a measure: a total, the filled values of a column, or
// a plausibility finding.
type measureKey struct {
	kind measureKind
	name string // the total, the column or the finding code
}

type measureKind uint8

const (
	measureTotal measureKind = iota
	measureFilled
	measureFinding
)

var (
	measureRecords    = measureKey{measureTotal, "records"}
	measureClosed     = measureKey{measureTotal, "closed"}
	measureDocumented = measureKey{measureTotal, "documented"}
)

func hasFlags(want uint16) func(fl uint16) bool {
	return func(fl uint16) bool { return fl&want == want }
}

func every(uint16) bool { return true }

func qualityMeasures() []measure {
	ms := []measure{
		{key: measureRecords, test: every},
		{key: measureClosed, test: hasFlags(store.FlagClosedStatus)},
		{key: measureDocumented, test: hasFlags(store.FlagDocumentedOutcome)},
	}
	for _, c := range storedColumns() {
		key := measureKey{measureFilled, c.name}
		flag, optional := store.FilledFlags[c.name]
		// NOT NULL columns of the store (text ones also checked non-empty,
		// schema.sql) are complete in every record.
		if !optional {
			ms = append(ms, measure{key: key, test: every})
			continue
		}
		if c.base == completenessBaseClosed {
			flag |= store.FlagClosedStatus
		}
		ms = append(ms, measure{key: key, test: hasFlags(flag)})
	}
	for _, code := range FindingCodes {
		if test, ok := findingConditions[code]; ok {
			ms = append(ms, measure{key: measureKey{measureFinding, code}, test: test})
		}
	}
	return ms
}

// providerCells are the exact counts of the quality measures of one
// provider, in the order of qualityMeasures.
type providerCells struct {
	provider string
	cells    []exactCell
}

// qualityMeasureCounts counts every quality measure per provider in one
// pass over the filtered cases.
func (s *Store) qualityMeasureCounts(ctx context.Context, f Filter, ms []measure) ([]providerCells, error) {
	groups, err := s.qualityFlagCounts(ctx, f)
	if err != nil {
		return nil, err
	}
	// The measures a flags value counts in, worked out once per value
	// (there are far fewer values than groups).
	counts := map[uint16][]int{}
	var out []providerCells
	for _, g := range groups {
		if len(out) == 0 || out[len(out)-1].provider != g.provider {
			out = append(out, providerCells{provider: g.provider, cells: make([]exactCell, len(ms))})
		}
		in, ok := counts[g.flags]
		if !ok {
			in = []int{}
			for i, m := range ms {
				if m.test(g.flags) {
					in = append(in, i)
				}
			}
			counts[g.flags] = in
		}
		p := &out[len(out)-1]
		for _, i := range in {
			p.cells[i] = sumCells(p.cells[i], g.c)
		}
	}
	return out, nil
}

// flagGroup is the exact count of the records of one provider with the
// same quality flags.
type flagGroup struct {
	provider string
	flags    uint16
	c        exactCell
}

// dimQualityFlags splits records by their quality flags
// (store.QualityFlags, a USMALLINT), the dimension of the quality view's
// covering (aggregate.go): every measure of the report is a sum of its
// cells.
var dimQualityFlags = Dimension{Name: "qflags", expr: "qflags"}

// qualityFlagCounts counts the filtered records by provider and quality
// flags, ordered by provider and flags: from the quality covering's cube
// when the store has one, else in one pass over the case records.
func (s *Store) qualityFlagCounts(ctx context.Context, f Filter) ([]flagGroup, error) {
	rows, dims, err := s.aggregateFor(ctx, yearIntake, baseAll, f, DimProvider, dimQualityFlags)
	if err != nil {
		return nil, fmt.Errorf("quality report: %w", err)
	}
	type groupKey struct {
		provider string
		flags    uint16
	}
	// The covering may split finer than provider and flags: its rows are
	// summed.
	at := map[groupKey]int{}
	var out []flagGroup
	for _, r := range rows {
		fl, err := strconv.ParseUint(keyOf(r, dims, dimQualityFlags), 10, 16)
		if err != nil {
			return nil, fmt.Errorf("quality report: quality flags %w", err)
		}
		k := groupKey{keyOf(r, dims, DimProvider), uint16(fl)}
		i, ok := at[k]
		if !ok {
			i = len(out)
			at[k] = i
			out = append(out, flagGroup{provider: k.provider, flags: k.flags})
		}
		out[i].c = sumCells(out[i].c, r.c)
	}
	slices.SortFunc(out, func(a, b flagGroup) int {
		return cmp.Or(strings.Compare(a.provider, b.provider), cmp.Compare(a.flags, b.flags))
	})
	return out, nil
}

// qualityCounts fills the report's totals, completeness and findings from
// the per-provider counts of the measures.
func (s *Store) qualityCounts(q *Quality, ms []measure, ps []providerCells) {
	cells := make([]exactCell, len(ms))
	for _, p := range ps {
		for i, c := range p.cells {
			cells[i] = sumCells(cells[i], c)
		}
	}
	got := map[measureKey]exactCell{}
	for i, m := range ms {
		got[m.key] = cells[i]
	}
	records, closed := got[measureRecords], got[measureClosed]
	q.Records = s.protectCell(records)
	q.Closed = s.protectCell(closed)
	q.OutcomeDocumented = s.protectCell(got[measureDocumented])
	q.OutcomeDocumentedRate = s.rate(s.protected(got[measureDocumented]), s.protected(closed))
	for _, c := range storedColumns() {
		base := records
		if c.base == completenessBaseClosed {
			base = closed
		}
		filled := got[measureKey{measureFilled, c.name}]
		q.Completeness = append(q.Completeness, ColumnCompleteness{
			Column: c.name, Required: c.required, Base: c.base,
			Filled: s.protectCell(filled), Cases: s.protectCell(base),
			Share: s.shareValue(s.protected(filled), s.protected(base)),
		})
		// The records without a value are a cell of their own: base minus
		// filled, in count and cell key (the sum of their record keys).
		missing := exactCell{n: base.n - filled.n, ck: (base.ck - filled.ck + 1<<32) % (1 << 32)}
		if c.required && s.present(q.Filter, missing) {
			q.requiredIncomplete = append(q.requiredIncomplete, c.name)
		}
	}
	for _, code := range FindingCodes {
		if _, ok := findingConditions[code]; ok {
			c := got[measureKey{measureFinding, code}]
			q.Findings = append(q.Findings, Finding{Code: code, Count: s.protectCell(c)})
			q.findingPresent[code] = s.present(q.Filter, c)
		}
	}
}

// present decides whether a cell of offending records makes a check fail:
// for the whole store on its exact count, for a filter on its protected
// count (withheld or above 0). See Quality for why.
func (s *Store) present(f Filter, c exactCell) bool {
	if f.IsZero() {
		return c.n > 0
	}
	p := s.protected(c)
	return p.Withheld || p.Value > 0
}

// riskCheckShare is the share of records in classes below k that the risk
// check compares with its limit, from the published counts only, so that
// bisecting the limit finds nothing but published numbers: records below k
// over records, a withheld records-below-k taken as k−1 (the largest value
// a withheld count can be published as). No records published (a shown 0)
// pass for a filter; for the whole store the exact emptiness decides (one
// bit). Fewer than k records published (withheld) fail: they all lie in
// classes below k as far as the published numbers tell.
func (s *Store) riskCheckShare(f Filter, below sdc.Protected, all exactCell) float64 {
	pa := s.protected(all)
	switch {
	case pa.Withheld:
		return 1
	case pa.Value == 0:
		if f.IsZero() && all.n > 0 {
			return 1
		}
		return 0
	}
	num := below.Value
	if below.Withheld {
		num = int64(s.params.K) - 1
	}
	return min(1, float64(num)/float64(pa.Value))
}

// qualityProviders fills the comparison of the providers. The providers
// are those with records in the selection, so under a filter a provider
// whose intakes are published as 0 is left out: its row would tell that it
// has a record there, which the published 0 does not (a provider without
// records and one with a few published as 0 look the same). For the whole
// store every provider with records is listed.
func (s *Store) qualityProviders(q *Quality, ms []measure, ps []providerCells) {
	idx := func(key measureKey) int {
		return slices.IndexFunc(ms, func(m measure) bool { return m.key == key })
	}
	all, closed, doc := idx(measureRecords), idx(measureClosed), idx(measureDocumented)
	for _, p := range ps {
		pa, pc, pd := s.protected(p.cells[all]), s.protected(p.cells[closed]), s.protected(p.cells[doc])
		if !q.Filter.IsZero() && !pa.Withheld && pa.Value == 0 {
			continue
		}
		q.Providers = append(q.Providers, ProviderQuality{
			Provider: p.provider,
			Intakes:  fromProtected(pa), Closed: fromProtected(pc), Documented: fromProtected(pd),
			ClosedShare: s.shareValue(pc, pa), DocumentedShare: s.shareValue(pd, pc),
		})
	}
}
