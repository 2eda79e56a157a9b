package queries

import (
	"context"
	"fmt"
	"sort"
)

// QueryInfo describes a named query of the catalogue.
type QueryInfo struct {
	Name  string
	Title string // English title; consumers may translate by Name
	run   func(ctx context.Context, s *Store, f Filter) (*Table, error)
}

// catalogue holds the named case queries. Every one returns a protected
// table.
var catalogue = map[string]QueryInfo{}

func addQuery(name, title string, run func(ctx context.Context, s *Store, f Filter) (*Table, error)) {
	catalogue[name] = QueryInfo{Name: name, Title: title, run: run}
}

// crossQuery registers a protected count table of intakes or closures.
func crossQuery(name, title string, spec crossSpec) {
	addQuery(name, title, func(ctx context.Context, s *Store, f Filter) (*Table, error) {
		x, err := s.crossExact(ctx, spec, f)
		if err != nil {
			return nil, err
		}
		return s.countTable(name, spec, x), nil
	})
}

// Names of the catalogue's queries.
const (
	QIntakesByYearPhenomenon  = "intakes_by_year_phenomenon"
	QIntakesByYearAgeBand     = "intakes_by_year_age_band"
	QIntakesByYearAccessRoute = "intakes_by_year_access_route"
	QIntakesByYearRisk        = "intakes_by_year_risk_level"
	QIntakesByGenderAgeBand   = "intakes_by_gender_age_band"
	QIntakesByYearState       = "intakes_by_year_state"
	QClosuresByYearOutcome    = "closures_by_year_outcome"
	QRelapseBySubgroup        = "relapse_by_subgroup"
	QMedianDurationByOutcome  = "median_duration_by_outcome"
)

func init() {
	intakes := func(row, col Dimension) crossSpec {
		return crossSpec{row: row, col: col, year: yearIntake, base: baseAll}
	}
	crossQuery(QIntakesByYearPhenomenon, "Intakes by year and phenomenon area", intakes(DimIntakeYear, DimPhenomenon))
	crossQuery(QIntakesByYearAgeBand, "Intakes by year and age band", intakes(DimIntakeYear, DimAgeBand))
	crossQuery(QIntakesByYearAccessRoute, "Intakes by year and access route", intakes(DimIntakeYear, DimAccessRoute))
	crossQuery(QIntakesByYearRisk, "Intakes by year and risk level", intakes(DimIntakeYear, DimRiskLevel))
	crossQuery(QIntakesByGenderAgeBand, "Intakes by gender and age band", intakes(DimGender, DimAgeBand))
	crossQuery(QIntakesByYearState, "Intakes by year and federal state", intakes(DimIntakeYear, DimState))
	crossQuery(QClosuresByYearOutcome, "Closures by year and outcome",
		crossSpec{row: DimClosedYear, col: DimOutcome, year: yearClosed, base: baseClosed})
	addQuery(QRelapseBySubgroup, "Relapse rate by subgroup (closed cases with documented relapse status)", relapseBySubgroup)
	addQuery(QMedianDurationByOutcome, "Median case duration in months by outcome", medianDurationByOutcome)
}

// Catalogue lists the named case queries, sorted by name.
func Catalogue() []QueryInfo {
	out := make([]QueryInfo, 0, len(catalogue))
	for _, q := range catalogue {
		out = append(out, q)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Run runs the named case query with the filter and returns its protected
// table.
func (s *Store) Run(ctx context.Context, name string, f Filter) (*Table, error) {
	q, ok := catalogue[name]
	if !ok {
		return nil, fmt.Errorf("unknown query %q", name)
	}
	return admitWhile(ctx, s, f, func(ctx context.Context) (*Table, error) { return q.run(ctx, s, f) })
}

// Counts returns the protected counts of intakes by any two dimensions.
// Different tables that contain the same set of records publish the same
// number for it.
func (s *Store) Counts(ctx context.Context, row, col Dimension, f Filter) (*Table, error) {
	if err := s.admit(ctx, f); err != nil {
		return nil, err
	}
	spec := crossSpec{row: row, col: col, year: yearIntake, base: baseAll}
	x, err := s.crossExact(ctx, spec, f)
	if err != nil {
		return nil, err
	}
	return s.countTable("intakes_by_"+row.Name+"_"+col.Name, spec, x), nil
}
