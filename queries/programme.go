package queries

import (
	"context"
	"fmt"
	"slices"
	"strconv"
)

// The programme figures answer the policy paper's questions about
// multi-agency work with people in a danger context (docs/privacy.md,
// programme figures): how many cases with a danger context (risk level
// danger_context or high_risk), of them how many high-risk persons and
// returnees, how many documented extremist or violent relapses, and how
// many of those among returnees, per intake year and for a period, in
// total and by provider.
//
// Relapses here are counted as the paper counts them: relapses documented
// for these cases over the period, whatever the case's status and time
// since closure. They are counts, never rates, so the follow-up rule of
// the relapse rates (FollowUp) does not apply; the note says so.

// Names of the programme tables.
const (
	QProgrammeByYear     = "programme_by_year"
	QProgrammeByProvider = "programme_by_provider"
)

// Columns of the programme tables.
const (
	ColDangerContext     = "danger_context_cases"
	ColHighRisk          = "high_risk"
	ColReturnees         = "returnees"
	ColRelapses          = "relapses_extremist_violent"
	ColReturneesRelapsed = "relapses_among_returnees"
)

// programmeCols are the columns of both programme tables, in order.
var programmeCols = []string{ColDangerContext, ColHighRisk, ColReturnees, ColRelapses, ColReturneesRelapsed}

// NoteProgrammeDefinition defines the programme figures on every
// rendering of their tables.
const NoteProgrammeDefinition = "cases in a danger context: risk level danger_context or high_risk, by intake year; " +
	"relapses: extremist or violent offences documented for these cases, whatever their status or time since closure " +
	"(the policy paper's count of documented relapses), so no follow-up rule applies"

// NoteProgrammePeriod is carried when the period is the years before the
// reference year (no year selected): the reference year is still open.
const NoteProgrammePeriod = "without a year selection the period is the complete years before the year of the reference month"

func init() {
	addQuery(QProgrammeByYear, "Programme figures: cases in a danger context by intake year", programmeByYear)
	addQuery(QProgrammeByProvider, "Programme figures: cases in a danger context by provider", programmeByProvider)
}

// programmePeriod is the intake years the programme tables cover: the
// filter's years, or without a selection every year before the year of
// the reference month (that year's cases are too new for their relapses
// to be documented; a store of one year keeps it). fromRef reports the
// latter.
func (s *Store) programmePeriod(f Filter) (from, to int, fromRef bool) {
	if f.FromYear != 0 {
		return f.FromYear, f.ToYear, false
	}
	last := s.followUp.Reference.Year() - 1
	if last < s.minYear {
		return s.minYear, s.maxYear, false
	}
	return s.minYear, last, true
}

// programmeCounts are the exact counts of one row of a programme table.
type programmeCounts struct{ cases, high, returnees, relapses, returneesRelapsed exactCell }

func (p *programmeCounts) add(r aggRow, dims []Dimension) {
	p.cases = sumCells(p.cases, r.c)
	if keyOf(r, dims, DimRiskLevel) == "high_risk" {
		p.high = sumCells(p.high, r.c)
	}
	ret := keyOf(r, dims, DimReturnee) == "yes"
	if ret {
		p.returnees = sumCells(p.returnees, r.c)
	}
	if keyOf(r, dims, dimRelapseHeadline) == "yes" {
		p.relapses = sumCells(p.relapses, r.c)
		if ret {
			p.returneesRelapsed = sumCells(p.returneesRelapsed, r.c)
		}
	}
}

// protect makes the protected row: counts as cells of their own, the
// relapse counts sensitive (shown from k, withheld below, zeros included).
func (s *Store) protectProgramme(p programmeCounts) []Value {
	return []Value{s.protectCell(p.cases), s.protectCell(p.high), s.protectCell(p.returnees),
		fromProtected(s.sensitive(p.relapses)), fromProtected(s.sensitive(p.returneesRelapsed))}
}

// programmeRows returns the exact programme counts of the period, by the
// key rowKey gives each aggregate row ("" drops it), and the period.
func (s *Store) programmeRows(ctx context.Context, f Filter, rowDim Dimension) (map[string]*programmeCounts, programmeCounts, Filter, bool, error) {
	from, to, fromRef := s.programmePeriod(f)
	pf := f
	pf.FromYear, pf.ToYear = 0, 0 // the period is applied to the rows
	rows, dims, err := s.aggregateFor(ctx, yearIntake, baseDangerContext, pf,
		DimIntakeYear, rowDim, DimRiskLevel, DimReturnee, dimRelapseHeadline)
	if err != nil {
		return nil, programmeCounts{}, pf, false, fmt.Errorf("programme figures: %w", err)
	}
	by := map[string]*programmeCounts{}
	var total programmeCounts
	for _, r := range rows {
		y, err := strconv.Atoi(keyOf(r, dims, DimIntakeYear))
		if err != nil || y < from || y > to {
			continue
		}
		key := keyOf(r, dims, rowDim)
		if by[key] == nil {
			by[key] = &programmeCounts{}
		}
		by[key].add(r, dims)
		total.add(r, dims)
	}
	pf.FromYear, pf.ToYear = from, to
	return by, total, pf, fromRef, nil
}

// periodLabel names the period row, e.g. "2014–2024".
func periodLabel(from, to int) string {
	if from == to {
		return strconv.Itoa(from)
	}
	return fmt.Sprintf("%d–%d", from, to)
}

// programmeTable makes a programme table from its rows and the period row.
func (s *Store) programmeTable(name, rowDim string, rows []string, by map[string]*programmeCounts, total programmeCounts, period Filter, fromRef bool) *Table {
	labels := append(slices.Clone(rows), periodLabel(period.FromYear, period.ToYear))
	t := s.newCaseTable(name, rowDim, "measure", labels, programmeCols, KindCount)
	for i, r := range rows {
		var p programmeCounts
		if by[r] != nil {
			p = *by[r]
		}
		t.cells[i] = s.protectProgramme(p)
	}
	t.cells[len(rows)] = s.protectProgramme(total)
	t.rowTotals, t.colTotals = nil, nil
	t.notes = []string{NoteProgrammeDefinition}
	if fromRef {
		t.notes = append(t.notes, NoteProgrammePeriod)
	}
	return t
}

// programmeByYear: the programme figures per intake year of the period,
// and the period as its last row (a protected cell of its own).
func programmeByYear(ctx context.Context, s *Store, f Filter) (*Table, error) {
	by, total, period, fromRef, err := s.programmeRows(ctx, f, DimIntakeYear)
	if err != nil {
		return nil, err
	}
	var rows []string
	for y := period.FromYear; y <= period.ToYear; y++ {
		if by[strconv.Itoa(y)] != nil || (y >= s.minYear && y <= s.maxIntakeYear) {
			rows = append(rows, strconv.Itoa(y))
		}
	}
	return s.programmeTable(QProgrammeByYear, DimIntakeYear.Name, rows, by, total, period, fromRef), nil
}

// programmeByProvider: the programme figures of the period per provider
// with a case in a danger context, and all providers as the last row.
// Small cells are withheld like every count; the relapse counts below k.
func programmeByProvider(ctx context.Context, s *Store, f Filter) (*Table, error) {
	by, total, period, fromRef, err := s.programmeRows(ctx, f, DimProvider)
	if err != nil {
		return nil, err
	}
	var rows []string
	for p := range by {
		rows = append(rows, p)
	}
	slices.Sort(rows)
	return s.programmeTable(QProgrammeByProvider, DimProvider.Name, rows, by, total, period, fromRef), nil
}
