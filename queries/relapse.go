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
// Wilson interval computed from those protected counts.
//
// A relapse count is sensitive (docs/privacy.md, derived figures): it is shown only
// when its protected value is at least k, and withheld otherwise, true
// zeros included (Store.sensitive), so that "withheld" no longer means "at
// least one relapse". The rate and its interval are withheld when the
// relapse count is, or when the protected base is below
// sdc.Params.MinDerivedBase.
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
			k := s.sensitive(x.cells[[2]string{r, "yes"}])
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

// sensitive protects the numerator of a sensitive figure, a relapse count:
// shown from k upwards, withheld below, true zeros included (see
// sdc.Params.Sensitive). Every relapse count a user sees goes through it.
func (s *Store) sensitive(c exactCell) sdc.Protected {
	return s.params.Sensitive(s.protected(c))
}

func fromProtected(p sdc.Protected) Value {
	if p.Withheld {
		return withheld()
	}
	return shown(float64(p.Value))
}

// rate is k/n with a 95 % Wilson interval, from protected counts; withheld
// when either is withheld or n is below sdc.Params.MinDerivedBase.
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
