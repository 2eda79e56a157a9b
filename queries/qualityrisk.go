package queries

import (
	"context"
	"fmt"
)

// riskClassDims are the quasi-identifiers of the re-identification risk
// (QuasiIdentifiers) as dimensions: an equivalence class is one
// combination of them (gender not stated is a value of its own).
var riskClassDims = [...]Dimension{DimState, DimAgeBand, DimGender, DimPhenomenon, DimIntakeYear}

// riskCube is the cube of the equivalence classes (cube.go): the classes
// of every filter are a sum of its rows. It is no covering of aggregate.go
// on purpose: a covering that holds state, age band, gender, phenomenon
// and intake year would be picked for the age and phenomena views' tables
// too, whose own cubes are far smaller, and the classes are summed up in
// DuckDB (quality_risk.sql), so the query reads the cube level with every
// condition of the filter rather than aggregateFor's rows (some 27,000
// classes at 1M cases, too many to send to Go on each filter change). Its
// tables are named after the index that follows the coverings, so that
// they never meet a covering's.
var riskCube = newCubeDef(len(coverings), aggSpec{dims: riskClassDims[:], year: yearIntake, base: baseAll})

// riskCounts are the exact cells of the re-identification risk: the
// classes (their number and the sum of their class keys) and their
// records, of all classes and of those smaller than k.
type riskCounts struct {
	classes, classesBelow exactCell
	all, below            exactCell
}

// riskClasses is the aggregate of the filtered records by the
// quasi-identifiers, with count and cell-key numerator: read from the
// coarsest level of the risk cube that holds the filter's columns when the
// store has a cube (as cubeAggregate reads a covering's; its rows as they
// are when they are the classes, cubeDef.rowsAreGroups), else counted
// from the case records.
func (s *Store) riskClasses(f Filter) caseQuery {
	if s.cube == nil {
		return s.aggregateQuery(riskCube.spec, f)
	}
	var names []string
	for _, d := range riskClassDims {
		names = append(names, d.Name)
	}
	return riskCube.readSummed(s.cube.prefix, riskCube.level(f), names, f)
}

// qualityRisk counts the equivalence classes of the filtered records. The
// numbers of classes are protected like counts, with cell keys of their
// own (quality_risk.sql): with the cell key of the records in them,
// records and classes would get the same noise and their difference would
// be published exactly.
func (s *Store) qualityRisk(ctx context.Context, f Filter, q *Quality) error {
	rc, err := s.riskCounts(ctx, f)
	if err != nil {
		return err
	}
	q.Risk = RiskFigures{
		K:                s.params.K,
		Records:          s.protectCell(rc.all),
		Classes:          s.protectCell(rc.classes),
		RecordsBelowK:    s.protectCell(rc.below),
		ClassesBelowK:    s.protectCell(rc.classesBelow),
		Share:            s.shareValue(s.protected(rc.below), s.protected(rc.all)),
		QuasiIdentifiers: QuasiIdentifiers,
	}
	q.riskCheckShare = s.riskCheckShare(f, s.protected(rc.below), rc.all)
	return nil
}

// riskCounts runs (or takes from the cache) the exact cells of the risk
// under f.
func (s *Store) riskCounts(ctx context.Context, f Filter) (riskCounts, error) {
	classes := s.riskClasses(f)
	rq := caseQuery{
		text: sqlText("quality_risk", map[string]string{"classes": classes.text}),
		args: append(classes.args, sqlNamed("k", s.params.K)),
	}
	return cached(s, ctx, rq, func() (riskCounts, error) {
		var r riskCounts
		err := s.queryRow(ctx, rq.text, rq.args...).Scan(&r.classes.n, &r.classes.ck, &r.all.n, &r.all.ck,
			&r.classesBelow.n, &r.classesBelow.ck, &r.below.n, &r.below.ck)
		if err != nil {
			return r, fmt.Errorf("quality report, re-identification risk: %w", err)
		}
		return r, nil
	})
}
