package queries

import (
	"context"
	"math"
	"slices"
	"testing"

	"lagebild/datasets/schema"
)

// allValues calls fn for every value of a table: cells, margins, total.
func allValues(t *Table, fn func(where string, v Value)) {
	for i, r := range t.rows {
		for j, c := range t.cols {
			fn(r+"×"+c, t.cells[i][j])
		}
		if t.rowTotals != nil {
			fn(r+"×total", t.rowTotals[i])
		}
	}
	for j, c := range t.cols {
		if t.colTotals != nil {
			fn("total×"+c, t.colTotals[j])
		}
	}
	if t.hasTotal {
		fn("total", t.total)
	}
}

func TestNoPublishedCountBelowK(t *testing.T) {
	s := openCases(t, randomCases(1, 3000), nil)
	ctx := context.Background()
	k := float64(s.K())
	dims := []Dimension{DimIntakeYear, DimPhenomenon, DimState, DimAgeBand, DimGender, DimAccessRoute, DimRiskLevel, DimMultiAgency}
	checked, withheldN := 0, 0
	for _, f := range []Filter{{}, {States: []string{"DE-BE"}}, {Phenomena: []string{"islamist"}, FromYear: 2017, ToYear: 2019}} {
		for _, r := range dims {
			for _, c := range dims {
				if r.Name == c.Name {
					continue
				}
				tab, err := s.Counts(ctx, r, c, f)
				if err != nil {
					t.Fatal(err)
				}
				allValues(tab, func(where string, v Value) {
					checked++
					if v.Withheld() {
						withheldN++
						return
					}
					x, _ := v.Float()
					if x > 0 && x < k {
						t.Fatalf("%s %s: published %v in (0,%v)", tab.Name(), where, x, k)
					}
					if x < 0 || x != math.Trunc(x) {
						t.Fatalf("%s %s: published %v is not a count", tab.Name(), where, x)
					}
				})
				if !tab.Protected() || tab.K() != s.K() || !slices.Contains(tab.Notes(), NoteMarginsProtected) {
					t.Fatalf("%s: not marked protected with k and margin note", tab.Name())
				}
			}
		}
	}
	if withheldN == 0 || checked < 10000 {
		t.Fatalf("test data too coarse: %d values, %d withheld", checked, withheldN)
	}
	t.Logf("%d published values checked, %d withheld", checked, withheldN)
}

func TestPublishedWithinDeviationOfExact(t *testing.T) {
	s := openCases(t, randomCases(2, 2000), nil)
	ctx := context.Background()
	spec := crossSpec{row: DimIntakeYear, col: DimPhenomenon, year: yearIntake, base: baseAll}
	x, err := s.crossExact(ctx, spec, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	tab := s.countTable("t", spec, x)
	D := float64(s.params.D)
	for i, r := range x.rows {
		for j, c := range x.cols {
			exact := float64(x.cells[[2]string{r, c}].n)
			v := tab.Cell(i, j)
			if got, ok := v.Float(); ok && math.Abs(got-exact) > D {
				t.Errorf("%s×%s: published %v, exact %v", r, c, got, exact)
			}
			if exact == 0 && !v.Shown() {
				t.Errorf("%s×%s: a true zero must stay a shown zero", r, c)
			}
		}
	}
}

// The same set of records gives the same published number through
// different tables, filters and orderings.
func TestConsistencyAcrossTables(t *testing.T) {
	s := openCases(t, randomCases(3, 2500), nil)
	ctx := context.Background()
	byPhen, err := s.Run(ctx, QIntakesByYearPhenomenon, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	byAge, err := s.Run(ctx, QIntakesByYearAgeBand, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	byAccess, err := s.Run(ctx, QIntakesByYearAccessRoute, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(byPhen.Rows(), byAge.Rows()) {
		t.Fatalf("year rows differ: %v vs %v", byPhen.Rows(), byAge.Rows())
	}
	for i, y := range byPhen.Rows() {
		a, _ := byPhen.RowTotal(i)
		b, _ := byAge.RowTotal(i)
		c, _ := byAccess.RowTotal(i)
		if a != b || b != c {
			t.Errorf("year %s total: %v / %v / %v", y, a, b, c)
		}
	}
	ta, _ := byPhen.Total()
	tb, _ := byAge.Total()
	if ta != tb {
		t.Errorf("grand totals differ: %v vs %v", ta, tb)
	}

	// The BE cell reached via a state column and via a state filter.
	byState, err := s.Counts(ctx, DimIntakeYear, DimState, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	onlyBE, err := s.Counts(ctx, DimIntakeYear, DimAll, Filter{States: []string{"DE-BE"}})
	if err != nil {
		t.Fatal(err)
	}
	be := slices.Index(byState.Cols(), "DE-BE")
	for i, y := range byState.Rows() {
		j := slices.Index(onlyBE.Rows(), y)
		if byState.Cell(i, be) != onlyBE.Cell(j, 0) {
			t.Errorf("year %s BE: column %v, filter %v", y, byState.Cell(i, be), onlyBE.Cell(j, 0))
		}
	}
	// BE column total = BE grand total under the filter.
	colBE, _ := byState.ColTotal(be)
	totBE, _ := onlyBE.Total()
	if colBE != totBE {
		t.Errorf("BE total: column margin %v, filtered total %v", colBE, totBE)
	}

	// The order of a group's codes does not matter.
	f1 := Filter{AgeBands: []string{"under_14", "14_17"}}
	f2 := Filter{AgeBands: []string{"14_17", "under_14"}}
	t1, err := s.Run(ctx, QIntakesByYearPhenomenon, f1)
	if err != nil {
		t.Fatal(err)
	}
	t2, err := s.Run(ctx, QIntakesByYearPhenomenon, f2)
	if err != nil {
		t.Fatal(err)
	}
	allPairs(t, t1, t2)
}

func allPairs(t *testing.T, a, b *Table) {
	t.Helper()
	var va, vb []Value
	allValues(a, func(_ string, v Value) { va = append(va, v) })
	allValues(b, func(_ string, v Value) { vb = append(vb, v) })
	if !slices.Equal(va, vb) {
		t.Errorf("%s: tables differ", a.Name())
	}
}

// Attack (b), averaging: repeating a query gives the same numbers, so
// there is no fresh noise to average away.
func TestAttackAveragingGetsNoFreshNoise(t *testing.T) {
	s := openCases(t, randomCases(4, 1500), nil)
	ctx := context.Background()
	first, err := s.Run(ctx, QIntakesByYearState, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for range 20 {
		again, err := s.Run(ctx, QIntakesByYearState, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		allPairs(t, first, again)
	}
	// A second store over the same records (another session) agrees too.
	s2 := openCases(t, randomCases(4, 1500), nil)
	other, err := s2.Run(ctx, QIntakesByYearState, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	allPairs(t, first, other)
}

// Attack (a), differencing: for every year × phenomenon and every state
// whose true count is 1–4, the attacker takes the published all-states
// total and subtracts the published counts of the other fifteen states
// (withheld ones guessed as 2, the middle of 1..4). Without protection this
// recovers the exact value every time; with it, the recovery rate must be
// well below the 25 % of guessing a value of 1–4 at random.
func TestAttackDifferencing(t *testing.T) {
	s := openCases(t, randomCases(5, 6000), nil)
	ctx := context.Background()
	tries, hits := 0, 0
	for y := 2015; y <= 2024; y++ {
		for _, p := range schema.Phenomena {
			f := Filter{FromYear: y, ToYear: y, Phenomena: []string{p}}
			x, err := s.crossExact(ctx, crossSpec{row: DimAll, col: DimState, year: yearIntake, base: baseAll}, f)
			if err != nil {
				t.Fatal(err)
			}
			byState, err := s.Counts(ctx, DimAll, DimState, f)
			if err != nil {
				t.Fatal(err)
			}
			total, _ := byState.Total()
			all, ok := total.Float()
			if !ok {
				continue
			}
			for target, st := range byState.Cols() {
				exact := x.cells[[2]string{All, st}].n
				if exact < 1 || exact > 4 {
					continue
				}
				est := all
				for j := range byState.Cols() {
					if j == target {
						continue
					}
					v := byState.Cell(0, j)
					if v.Withheld() {
						est -= 2
					} else {
						f, _ := v.Float()
						est -= f
					}
				}
				tries++
				if int64(est) == exact {
					hits++
				}
			}
		}
	}
	if tries < 100 {
		t.Fatalf("only %d target cells with true count 1–4; make the data sparser", tries)
	}
	rate := float64(hits) / float64(tries)
	t.Logf("differencing attack: exact value recovered in %d of %d cells with true count 1–4 (%.1f %%; random guessing: 25 %%)",
		hits, tries, 100*rate)
	if rate >= 0.20 {
		t.Errorf("differencing recovers %.1f %% of small counts, not well below guessing (25 %%)", 100*rate)
	}
}

// Attack (c), unbiasedness through the store: over many real cells (cell
// keys from sums of real record keys) the noise has mean ≈ 0 and variance
// ≈ V for counts ≥ D.
func TestAttackUnbiasedOverStoreCells(t *testing.T) {
	s := openCases(t, randomCases(6, 20000), nil)
	ctx := context.Background()
	var sum, sumSq, n float64
	dims := []Dimension{DimIntakeYear, DimPhenomenon, DimState, DimAgeBand, DimGender, DimAccessRoute, DimRiskLevel}
	for _, r := range dims {
		for _, c := range dims {
			if r.Name == c.Name {
				continue
			}
			spec := crossSpec{row: r, col: c, year: yearIntake, base: baseAll}
			x, err := s.crossExact(ctx, spec, Filter{})
			if err != nil {
				t.Fatal(err)
			}
			for _, cell := range x.cells {
				if cell.n < int64(s.params.D) {
					continue
				}
				d := float64(s.sdc.PublishedU32(cell.n, uint32(cell.ck)) - cell.n)
				sum += d
				sumSq += d * d
				n++
			}
		}
	}
	mean := sum / n
	variance := sumSq/n - mean*mean
	t.Logf("noise over %.0f store cells: mean %.4f, variance %.4f (V = %v)", n, mean, variance, s.params.V)
	se := math.Sqrt(s.params.V / n)
	if math.Abs(mean) > 4*se+0.01 || math.Abs(variance-s.params.V) > 0.1 {
		t.Errorf("noise biased: mean %.4f, variance %.4f over %.0f cells", mean, variance, n)
	}
}

// Derived figures are withheld when their protected base is below
// sdc.Params.MinDerivedBase; a relapse count is shown only from k upwards.
func TestDerivedWithheldBelowK(t *testing.T) {
	// A store this small has subgroups below k (a filter this narrow on
	// a larger store would be refused: TestMinimumPopulation).
	cases := randomCases(7, 60)
	s := openCases(t, cases, nil)
	ctx := context.Background()
	tab, err := s.Run(ctx, QRelapseBySubgroup, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	k, minBase := int64(s.K()), s.params.MinDerivedBase()
	for i := range tab.Rows() {
		base := tab.Cell(i, 0)
		rate := tab.Cell(i, 2)
		if n, ok := base.Int(); (!ok || n < minBase) && rate.Shown() {
			t.Errorf("row %s: rate shown with base %v", tab.Rows()[i], base)
		}
		if n, ok := tab.Cell(i, 1).Int(); ok && n < k {
			t.Errorf("row %s: relapse count %d shown below k", tab.Rows()[i], n)
		}
		if rate.Shown() {
			if _, _, ok := rate.CI(); !ok {
				t.Errorf("row %s: rate without interval", tab.Rows()[i])
			}
		}
	}
}
