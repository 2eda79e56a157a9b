package queries

import (
	"context"
	"fmt"
)

// riskClassDims are the quasi-identifiers of the re-identification risk
// (QuasiIdentifiers) as dimensions: an equivalence class is one
// combination of them (gender not stated is a value of its own). They are
// the dimensions of the quality view's risk covering (aggregate.go), so
// that the classes of a filter are read from its cube.
var riskClassDims = [...]Dimension{DimState, DimAgeBand, DimGender, DimPhenomenon, DimIntakeYear}

// classKeyLabel is added to a class's record-key sum before mixing:
// "clas" in ASCII, so that other counts derived this way can use other
// labels.
const classKeyLabel = 1668047219

// classKey is the cell key numerator of one equivalence class, derived
// from the sum of its record keys mod 2^32 (docs/privacy.md, counts with
// cell keys of their own): the sum plus classKeyLabel, put through the
// finaliser of MurmurHash3, a bijection whose output bits each depend on
// every input bit. A class count must not reuse the records' cell key: for
// counts of 2 and more the noise depends on the cell key alone, so records
// and classes would get the same noise and records − classes would be
// published exactly. The key is a fixed function of the set of records, so
// the same records give the same published number in every view.
func classKey(recordKeySum uint64) uint64 {
	h := uint32(recordKeySum) + classKeyLabel
	h = (h ^ h>>16) * 2246822507
	h = (h ^ h>>13) * 3266489909
	return uint64(h ^ h>>16)
}

// riskCounts are the exact cells of the re-identification risk: the
// classes (count and the sum of their class keys) and their records, of
// all classes and of those smaller than k.
type riskCounts struct {
	classes, classesBelow exactCell
	all, below            exactCell
}

// riskCountsOf counts the equivalence classes in the rows of an aggregate
// over dims, which hold every dimension of riskClassDims; the rows of a
// finer aggregate are summed into their classes first.
func riskCountsOf(rows []aggRow, dims []Dimension, k int) riskCounts {
	classes := rows
	if len(dims) != len(riskClassDims) {
		at := map[[len(riskClassDims)]string]int{}
		classes = nil
		for _, r := range rows {
			var key [len(riskClassDims)]string
			for i, d := range riskClassDims {
				key[i] = keyOf(r, dims, d)
			}
			i, ok := at[key]
			if !ok {
				i = len(classes)
				at[key] = i
				classes = append(classes, aggRow{})
			}
			classes[i].c = sumCells(classes[i].c, r.c)
		}
	}
	var rc riskCounts
	for _, cl := range classes {
		key := exactCell{n: 1, ck: classKey(cl.c.ck)}
		rc.classes = sumCells(rc.classes, key)
		rc.all = sumCells(rc.all, cl.c)
		if cl.c.n < int64(k) {
			rc.classesBelow = sumCells(rc.classesBelow, key)
			rc.below = sumCells(rc.below, cl.c)
		}
	}
	return rc
}

// qualityRisk counts the equivalence classes of the filtered records,
// from the risk covering's cube when the store has one. The numbers of
// classes are protected like counts, with cell keys of their own
// (classKey).
func (s *Store) qualityRisk(ctx context.Context, f Filter, q *Quality) error {
	rows, dims, err := s.aggregateFor(ctx, yearIntake, baseAll, f, riskClassDims[:]...)
	if err != nil {
		return fmt.Errorf("quality report, re-identification risk: %w", err)
	}
	rc := riskCountsOf(rows, dims, s.params.K)
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
