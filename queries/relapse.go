package queries

import (
	"context"

	"lagebild/queries/sdc"
)

// Subgroups of the relapse table: each dimension's values become rows,
// labelled "dimension:value".
var relapseSubgroups = []Dimension{DimMultiAgency, DimIntrinsic, DimRiskLevel, DimCustody}

// Columns of the relapse table.
const (
	ColCases    = "cases"
	ColRelapsed = "relapsed"
	ColRate     = "rate"
)

// relapseBySubgroup: for closed cases with a documented relapse status
// (none or an offence), per subgroup the protected number of cases, the
// protected number with a relapse, and the relapse rate with its 95 %
// Wilson interval computed from those protected counts. The rate is
// withheld when either count is withheld or the base is below k.
func relapseBySubgroup(ctx context.Context, s *Store, f Filter) (*Table, error) {
	base := baseClosed + " AND " + baseRelapseKnown
	var rows []string
	var cells [][]Value
	for _, d := range relapseSubgroups {
		spec := crossSpec{row: d, col: DimRelapsed, year: yearClosed, base: base}
		x, err := s.crossExact(ctx, spec, f)
		if err != nil {
			return nil, err
		}
		for _, r := range x.rows {
			if r == NotStated {
				continue
			}
			n := s.protected(x.rowTotals[r])
			k := s.protected(x.cells[[2]string{r, "yes"}])
			rows = append(rows, d.Name+":"+r)
			cells = append(cells, []Value{fromProtected(n), fromProtected(k), s.rate(k, n)})
		}
	}
	t := s.newCaseTable(QRelapseBySubgroup, "subgroup", "measure", rows, []string{ColCases, ColRelapsed, ColRate}, KindRate)
	t.cells = cells
	t.rowTotals, t.colTotals = nil, nil
	t.colKinds = []Kind{KindCount, KindCount, KindRate}
	return t, nil
}

func fromProtected(p sdc.Protected) Value {
	if p.Withheld {
		return withheld()
	}
	return shown(float64(p.Value))
}

// rate is k/n with a 95 % Wilson interval, from protected counts.
func (s *Store) rate(k, n sdc.Protected) Value {
	r, ok := s.params.Share(k, n)
	if !ok {
		return withheld()
	}
	lo, hi, ok := s.params.WilsonProtected(k, n, sdc.Z95)
	if !ok {
		return withheld()
	}
	return withCI(r, lo, hi)
}
