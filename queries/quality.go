package queries

import (
	"context"
	"fmt"
	"slices"

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
// as age_band (required: an export must give age or age_band).
func storedColumns() []storedColumn {
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
}

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
	if err := s.admit(ctx, f); err != nil {
		return nil, err
	}
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

// qualityFlagCounts counts the filtered records by provider and quality
// flags in one pass, ordered by provider.
func (s *Store) qualityFlagCounts(ctx context.Context, f Filter) ([]flagGroup, error) {
	q := caseSQL("quality_counts", f, yearIntake, baseAll, nil, nil)
	return cached(s, ctx, q, func() ([]flagGroup, error) {
		rows, err := s.query(ctx, q.text, q.args...)
		if err != nil {
			return nil, fmt.Errorf("quality report: %w", err)
		}
		defer rows.Close()
		var out []flagGroup
		for rows.Next() {
			var g flagGroup
			if err := rows.Scan(&g.provider, &g.flags, &g.c.n, &g.c.ck); err != nil {
				return nil, err
			}
			out = append(out, g)
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("quality report: %w", err)
		}
		return out, nil
	})
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

func (s *Store) qualityDuplicates(ctx context.Context, f Filter, q *Quality) error {
	cands, err := s.repeatedRecordKeys(ctx)
	if err != nil {
		return err
	}
	// When the whole store has no repeated case key (the importer refuses
	// a case id twice, so that is the rule), no selection of it has one.
	var c exactCell
	if len(cands) > 0 && s.storeHasDuplicates {
		if c, err = s.duplicateCaseKeys(ctx, f, cands); err != nil {
			return err
		}
	}
	q.findingPresent[FindingDuplicateCaseKeys] = s.present(f, c)
	for i := range q.Findings {
		if q.Findings[i].Code == FindingDuplicateCaseKeys {
			q.Findings[i].Count = s.protectCell(c)
			return nil
		}
	}
	q.Findings = append(q.Findings, Finding{Code: FindingDuplicateCaseKeys, Count: s.protectCell(c)})
	return nil
}

// repeatedRecordKeys returns the record keys that occur more than once in
// the store, and sets storeHasDuplicates when the store holds a repeated
// case key. Neither depends on the filter and the store does not change
// while open, so they are found once (a failed or cancelled try is retried
// by the next call) and kept outside the result cache.
func (s *Store) repeatedRecordKeys(ctx context.Context) ([]uint32, error) {
	s.repeatedMu.Lock()
	defer s.repeatedMu.Unlock()
	if s.repeated != nil {
		return s.repeated, nil
	}
	text := sqlText("repeated_record_keys", nil)
	rows, err := s.query(ctx, text)
	if err != nil {
		return nil, fmt.Errorf("quality report, repeated record keys: %w", err)
	}
	defer rows.Close()
	out := []uint32{}
	for rows.Next() {
		var k uint32
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("quality report, repeated record keys: %w", err)
	}
	if len(out) > 0 {
		all, err := s.duplicateCaseKeys(ctx, Filter{}, out)
		if err != nil {
			return nil, err
		}
		s.storeHasDuplicates = all.n > 0
	}
	s.repeated = out
	return out, nil
}

func (s *Store) duplicateCaseKeys(ctx context.Context, f Filter, cands []uint32) (exactCell, error) {
	dq := caseSQL("quality_duplicates", f, yearIntake, baseAll, nil, map[string]any{"candidates": cands})
	return cached(s, ctx, dq, func() (exactCell, error) {
		var c exactCell
		if err := s.queryRow(ctx, dq.text, dq.args...).Scan(&c.n, &c.ck); err != nil {
			return c, fmt.Errorf("quality report, duplicate case keys: %w", err)
		}
		return c, nil
	})
}

// qualityRisk counts the equivalence classes. The numbers of classes are
// protected like counts, with cell keys of their own (quality_risk.sql):
// with the cell key of the records in them, records and classes would get
// the same noise and their difference would be published exactly.
func (s *Store) qualityRisk(ctx context.Context, f Filter, q *Quality) error {
	rq := caseSQL("quality_risk", f, yearIntake, baseAll, nil, map[string]any{"k": s.params.K})
	type riskCounts struct {
		classes, classesBelow exactCell
		all, below            exactCell
	}
	rc, err := cached(s, ctx, rq, func() (riskCounts, error) {
		var r riskCounts
		err := s.queryRow(ctx, rq.text, rq.args...).Scan(&r.classes.n, &r.classes.ck, &r.all.n, &r.all.ck,
			&r.classesBelow.n, &r.classesBelow.ck, &r.below.n, &r.below.ck)
		if err != nil {
			return r, fmt.Errorf("quality report, re-identification risk: %w", err)
		}
		return r, nil
	})
	if err != nil {
		return err
	}
	classes, classesBelow, all, below := rc.classes, rc.classesBelow, rc.all, rc.below
	q.Risk = RiskFigures{
		K:                s.params.K,
		Records:          s.protectCell(all),
		Classes:          s.protectCell(classes),
		RecordsBelowK:    s.protectCell(below),
		ClassesBelowK:    s.protectCell(classesBelow),
		Share:            s.shareValue(s.protected(below), s.protected(all)),
		QuasiIdentifiers: QuasiIdentifiers,
	}
	q.riskCheckShare = s.riskCheckShare(f, s.protected(below), all)
	return nil
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
