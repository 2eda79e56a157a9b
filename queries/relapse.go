package queries

import (
	"context"
	"slices"

	"lagebild/queries/sdc"
)

// Subgroups of the relapse table: each dimension's values become rows,
// labelled "dimension:value".
var relapseSubgroups = []Dimension{DimMultiAgency, DimIntrinsic, DimRiskLevel, DimCustody}

// Columns of the relapse table: the headline relapse (an extremist or
// violent offence) and, separately named, any offence.
const (
	ColCases       = "cases"
	ColRelapsed    = "relapsed"
	ColRate        = "rate"
	ColRelapsedAny = "relapsed_any"
	ColRateAny     = "rate_any"
)

// Notes of the relapse figures: the definition, beside every relapse
// figure (the follow-up rule is FollowUp.Note).
const (
	NoteRelapseDefinition = "relapse: an extremist or violent offence, as the policy paper counts relapses; any offence (other offences included) is shown separately"
)

// relapseNotes are the notes every relapse rate carries: the definition
// and the store's follow-up rule.
func (s *Store) relapseNotes() []string {
	return []string{NoteRelapseDefinition, s.followUp.Note()}
}

// relapseCounts are the exact counts behind a relapse rate: the base and
// the cases with a headline and with any relapse.
type relapseCounts struct{ base, headline, any exactCell }

// relapseOf sums a row of a cross-tabulation by DimRelapse.
func relapseOf(x *exactCross, row string) relapseCounts {
	rc := relapseCounts{base: x.rowTotals[row]}
	for _, code := range DimRelapse.codes {
		c := x.cells[[2]string{row, code}]
		if code == "none" {
			continue
		}
		rc.any = sumCells(rc.any, c)
		if slices.Contains(relapseHeadline, code) {
			rc.headline = sumCells(rc.headline, c)
		}
	}
	return rc
}

// relapseBySubgroup: for closed cases with a documented relapse status
// (none or an offence) past the minimum follow-up (FollowUp), per
// subgroup the protected number of cases, the protected number with a
// headline relapse (extremist or violent offence) and its rate, and the
// number with any offence and its rate, each rate with its 95 % Wilson
// interval computed from those protected counts.
//
// A relapse count is sensitive (docs/privacy.md, derived figures): it is shown only
// when its protected value is at least k, and withheld otherwise, true
// zeros included (Store.sensitive), so that "withheld" no longer means "at
// least one relapse". The rate and its interval are withheld when the
// relapse count is, or when the protected base is below
// sdc.Params.MinDerivedBase.
func relapseBySubgroup(ctx context.Context, s *Store, f Filter) (*Table, error) {
	var rows []string
	var cells [][]Value
	for _, d := range relapseSubgroups {
		spec := crossSpec{row: d, col: DimRelapse, year: yearClosed, base: baseRelapse}
		x, err := s.crossExact(ctx, spec, f)
		if err != nil {
			return nil, err
		}
		for _, r := range x.rows {
			if r == NotStated {
				continue
			}
			rc := relapseOf(x, r)
			n := s.protected(rc.base)
			k, kAny := s.sensitive(rc.headline), s.sensitive(rc.any)
			rows = append(rows, d.Name+":"+r)
			cells = append(cells, []Value{fromProtected(n), fromProtected(k), s.rate(k, n), fromProtected(kAny), s.rate(kAny, n)})
		}
	}
	t := s.newCaseTable(QRelapseBySubgroup, "subgroup", "measure", rows,
		[]string{ColCases, ColRelapsed, ColRate, ColRelapsedAny, ColRateAny}, KindRate)
	t.cells = cells
	t.rowTotals, t.colTotals = nil, nil
	t.colKinds = []Kind{KindCount, KindCount, KindRate, KindCount, KindRate}
	t.notes = s.relapseNotes()
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
