package queries

// The numbers of `lagebild brief`, checked against a generated export:
// every figure is counted again in plain Go over the CSV rows (not SQL).
// The exact counts before protection must equal the Go counts, the
// published ones lie within the perturbation bound D = 2 of them (withheld
// only below k + D) and agree across tables for the same records, and the
// derived figures (shares, changes, Wilson intervals) equal hand-computed
// values from the published counts.

import (
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"lagebild/datasets/importer"
	"lagebild/datasets/schema"
	"lagebild/datasets/store"
	"lagebild/datasets/synth"
)

// goCase is one CSV row as the brief needs it.
type goCase struct {
	intakeYear, closedYear   int // closedYear 0: not closed
	intakeMonth, closedMonth int // months since year 0 (closedMonth 0: not closed)
	phenomenon, ageBand      string
	status, outcome, relapse string
	risk                     string
	multi, intrinsic, cust   string // yes, no or not_stated
}

func boolCode(s string) string {
	if s == "" {
		return NotStated
	}
	if b, ok := schema.ParseBool(s); ok && b {
		return "yes"
	}
	return "no"
}

func readGoCases(t *testing.T, path string) []goCase {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	var out []goCase
	for _, r := range recs[1:] {
		get := func(c string) string { return r[col[c]] }
		y, m, ok := schema.ParseMonth(get("intake"))
		if !ok {
			t.Fatalf("bad intake %q", get("intake"))
		}
		age, err := strconv.Atoi(get("age"))
		if err != nil {
			t.Fatal(err)
		}
		c := goCase{intakeYear: y, intakeMonth: y*12 + int(m) - 1, phenomenon: get("phenomenon"), ageBand: schema.AgeBand(age),
			status: get("status"), outcome: get("outcome"), relapse: get("relapse"), risk: get("risk_level"),
			multi: boolCode(get("multi_agency")), intrinsic: boolCode(get("intrinsic_motivation")), cust: boolCode(get("custody"))}
		if c.outcome == "" {
			c.outcome = NotStated
		}
		if s := get("closed"); s != "" && (c.status == "closed_regular" || c.status == "closed_aborted") {
			var cm time.Month
			c.closedYear, cm, _ = schema.ParseMonth(s)
			c.closedMonth = c.closedYear*12 + int(cm) - 1
		}
		out = append(out, c)
	}
	return out
}

// openExport generates n synthetic cases, imports them with the real
// importer and opens the store.
func openExport(t *testing.T, n int, seed uint64) (*Store, []goCase) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "export.csv")
	if err := synth.WriteFile(ctx, path, synth.Config{Cases: n, Seed: seed}); err != nil {
		t.Fatal(err)
	}
	fill := func(ctx context.Context, db *sql.DB) error {
		if err := store.CreateSchema(ctx, db); err != nil {
			return err
		}
		if _, err := importer.ImportInto(ctx, db, []string{path}, importer.Options{Key: []byte("numbers test key 0123456789")}); err != nil {
			return err
		}
		return store.SetMeta(ctx, db, store.MetaSynthetic, "true")
	}
	s, err := Open(ctx, OpenOptions{Fill: fill, Threads: 2})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, readGoCases(t, path)
}

type goCross struct {
	cells     map[[2]string]int64
	rowTotals map[string]int64
	colTotals map[string]int64
	total     int64
}

func countGo(cases []goCase, keep func(c goCase) bool, row, col func(c goCase) string) goCross {
	x := goCross{cells: map[[2]string]int64{}, rowTotals: map[string]int64{}, colTotals: map[string]int64{}}
	for _, c := range cases {
		if !keep(c) {
			continue
		}
		r, cl := row(c), col(c)
		x.cells[[2]string{r, cl}]++
		x.rowTotals[r]++
		x.colTotals[cl]++
		x.total++
	}
	return x
}

// sameExact compares the exact cross-tabulation of the store with Go's.
func sameExact(t *testing.T, name string, x *exactCross, g goCross) {
	t.Helper()
	for _, r := range x.rows {
		for _, c := range x.cols {
			if got, want := x.cells[[2]string{r, c}].n, g.cells[[2]string{r, c}]; got != want {
				t.Errorf("%s [%s, %s]: exact %d, Go %d", name, r, c, got, want)
			}
		}
		if got, want := x.rowTotals[r].n, g.rowTotals[r]; got != want {
			t.Errorf("%s row total %s: exact %d, Go %d", name, r, got, want)
		}
	}
	for _, c := range x.cols {
		if got, want := x.colTotals[c].n, g.colTotals[c]; got != want {
			t.Errorf("%s column total %s: exact %d, Go %d", name, c, got, want)
		}
	}
	if x.total.n != g.total {
		t.Errorf("%s total: exact %d, Go %d", name, x.total.n, g.total)
	}
	// nothing in Go that the store's table does not have
	for k, v := range g.cells {
		if v > 0 && x.cells[k].n != v {
			t.Errorf("%s [%s, %s]: Go %d not in the table", name, k[0], k[1], v)
		}
	}
}

// samePublished checks every published value of a count table against Go.
func samePublished(t *testing.T, tab *Table, g goCross, k int) {
	t.Helper()
	for i, r := range tab.Rows() {
		for j, c := range tab.Cols() {
			within(t, fmt.Sprintf("%s [%s, %s]", tab.Name(), r, c), tab.Cell(i, j), g.cells[[2]string{r, c}], k)
		}
		v, _ := tab.RowTotal(i)
		within(t, tab.Name()+" row total "+r, v, g.rowTotals[r], k)
	}
	for j, c := range tab.Cols() {
		v, _ := tab.ColTotal(j)
		within(t, tab.Name()+" column total "+c, v, g.colTotals[c], k)
	}
	v, _ := tab.Total()
	within(t, tab.Name()+" total", v, g.total, k)
}

func yearOf(y int) string { return strconv.Itoa(y) }

func TestBriefNumbersAgainstGo(t *testing.T) {
	s, cases := openExport(t, 3000, 4242)
	ctx := context.Background()
	k := s.K()
	all := func(goCase) bool { return true }
	closed := func(c goCase) bool { return c.closedYear != 0 }
	// the relapse base: closed, documented, closed at least 12 months
	// before the latest intake or closing month of the data
	ref := 0
	for _, c := range cases {
		ref = max(ref, c.intakeMonth, c.closedMonth)
	}
	relapseKnown := func(c goCase) bool {
		return closed(c) && c.relapse != "" && c.relapse != "unknown" && c.closedMonth <= ref-DefaultFollowUpMonths
	}
	headline := func(c goCase) bool { return c.relapse == "extremist_offence" || c.relapse == "violent_offence" }
	intakeYear := func(c goCase) string { return yearOf(c.intakeYear) }

	// 1. the four tables of the brief: exact = Go, published within ±D
	for _, tc := range []struct {
		name string
		spec crossSpec
		g    goCross
	}{
		{QIntakesByYearPhenomenon, crossSpec{row: DimIntakeYear, col: DimPhenomenon, year: yearIntake, base: baseAll},
			countGo(cases, all, intakeYear, func(c goCase) string { return c.phenomenon })},
		{QIntakesByYearAgeBand, crossSpec{row: DimIntakeYear, col: DimAgeBand, year: yearIntake, base: baseAll},
			countGo(cases, all, intakeYear, func(c goCase) string { return c.ageBand })},
		{QClosuresByYearOutcome, crossSpec{row: DimClosedYear, col: DimOutcome, year: yearClosed, base: baseClosed},
			countGo(cases, closed, func(c goCase) string { return yearOf(c.closedYear) }, func(c goCase) string { return c.outcome })},
	} {
		x, err := s.crossExact(ctx, tc.spec, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		sameExact(t, tc.name, x, tc.g)
		tab, err := s.Run(ctx, tc.name, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		samePublished(t, tab, tc.g, k)
	}

	// relapse by subgroup: Go counts, published within ±D, rates and
	// intervals hand-computed from the published counts
	rel, err := s.Run(ctx, QRelapseBySubgroup, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	subgroup := map[string]func(c goCase) string{
		"multi_agency": func(c goCase) string { return c.multi }, "intrinsic_motivation": func(c goCase) string { return c.intrinsic },
		"risk_level": func(c goCase) string { return c.risk }, "custody": func(c goCase) string { return c.cust },
	}
	for i, r := range rel.Rows() {
		var dim, val string
		for d := range subgroup {
			if len(r) > len(d) && r[:len(d)+1] == d+":" {
				dim, val = d, r[len(d)+1:]
			}
		}
		if dim == "" {
			t.Fatalf("unexpected subgroup %q", r)
		}
		var n, kRel, kAny int64
		for _, c := range cases {
			if relapseKnown(c) && subgroup[dim](c) == val {
				n++
				if headline(c) {
					kRel++
				}
				if c.relapse != "none" {
					kAny++
				}
			}
		}
		within(t, r+" cases", rel.Cell(i, 0), n, k)
		if kRel == 0 {
			// A relapse count is sensitive: a true zero is withheld
			// (sdc.Params.Sensitive), never shown as 0.
			if !rel.Cell(i, 1).Withheld() {
				t.Errorf("%s relapsed: true zero published as %v", r, rel.Cell(i, 1))
			}
		} else {
			within(t, r+" relapsed", rel.Cell(i, 1), kRel, k)
		}
		if kAny == 0 {
			if !rel.Cell(i, 3).Withheld() {
				t.Errorf("%s relapsed, any offence: true zero published as %v", r, rel.Cell(i, 3))
			}
		} else {
			within(t, r+" relapsed, any offence", rel.Cell(i, 3), kAny, k)
		}
		pn, okN := rel.Cell(i, 0).Int()
		pk, okK := rel.Cell(i, 1).Int()
		rate := rel.Cell(i, 2)
		if !okN || !okK || pn < int64(k) {
			if rate.Shown() {
				t.Errorf("%s: rate shown with base %v", r, rel.Cell(i, 0))
			}
			continue
		}
		got, _ := rate.Float()
		lo, hi, ok := rate.CI()
		wlo, whi := wilsonByHand(min(pk, pn), pn)
		if !ok || math.Abs(got-math.Min(1, float64(pk)/float64(pn))) > 1e-12 || math.Abs(lo-wlo) > 1e-12 || math.Abs(hi-whi) > 1e-12 {
			t.Errorf("%s: rate %v [%v, %v], by hand %v [%v, %v]", r, got, lo, hi, float64(pk)/float64(pn), wlo, whi)
		}
	}

	// 2. the case key figures
	kfs, err := s.KeyFigures(ctx, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]KeyFigure{}
	for _, kf := range kfs {
		byID[kf.ID] = kf
	}
	phen, _ := s.Run(ctx, QIntakesByYearPhenomenon, Filter{})
	age, _ := s.Run(ctx, QIntakesByYearAgeBand, Filter{})
	risk, _ := s.Run(ctx, QIntakesByYearRisk, Filter{})
	intakes := byID["case:intakes"]
	if len(intakes.Years) == 0 || intakes.Years[len(intakes.Years)-1] != 2025 {
		t.Fatalf("intake years %v", intakes.Years)
	}
	goIntakes := countGo(cases, all, intakeYear, func(goCase) string { return All })
	for i, y := range intakes.Years {
		ys := yearOf(y)
		within(t, "intakes "+ys, intakes.Series[i], goIntakes.rowTotals[ys], k)
		// the same records publish the same number in every table
		for _, tab := range []*Table{phen, age, risk} {
			v, _ := tab.RowTotal(indexOf(tab.Rows(), ys))
			if v != intakes.Series[i] {
				t.Errorf("intakes %s: key figure %v, %s row total %v", ys, intakes.Series[i], tab.Name(), v)
			}
		}
	}
	pt, _ := phen.Total()
	at, _ := age.Total()
	if pt != at {
		t.Errorf("grand totals differ: %v %v", pt, at)
	}

	// in progress at the end of each year
	inProg, err := s.inProgress(ctx, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	kfProg := byID["case:in_progress"]
	for i, y := range kfProg.Years {
		var n int64
		for _, c := range cases {
			if c.intakeYear <= y && (c.closedYear == 0 || c.closedYear > y) {
				n++
			}
		}
		if inProg[yearOf(y)].n != n {
			t.Errorf("in progress %d: exact %d, Go %d", y, inProg[yearOf(y)].n, n)
		}
		within(t, fmt.Sprint("in progress ", y), kfProg.Series[i], n, k)
	}

	// shares among intakes, from the published counts of the same cells
	riskX, _ := s.crossExact(ctx, crossSpec{row: DimIntakeYear, col: DimRiskLevel, year: yearIntake, base: baseAll}, Filter{})
	sameExact(t, "risk", riskX, countGo(cases, all, intakeYear, func(c goCase) string { return c.risk }))
	shareHigh := byID["case:share_high_risk"]
	for i, y := range shareHigh.Years {
		ri := indexOf(risk.Rows(), yearOf(y))
		num := risk.Cell(ri, indexOf(risk.Cols(), "high_risk"))
		den, _ := risk.RowTotal(ri)
		checkShare(t, fmt.Sprint("share high risk ", y), shareHigh.Series[i], num, den, k)
	}
	for _, tc := range []struct {
		id   string
		dim  Dimension
		num  string
		code func(c goCase) string
	}{
		{"case:share_multi_agency", DimMultiAgency, "yes", func(c goCase) string { return c.multi }},
		{"case:share_not_intrinsic", DimIntrinsic, "no", func(c goCase) string { return c.intrinsic }},
	} {
		x, _ := s.crossExact(ctx, crossSpec{row: DimIntakeYear, col: tc.dim, year: yearIntake, base: baseAll}, Filter{})
		g := countGo(cases, all, intakeYear, tc.code)
		sameExact(t, tc.id, x, g)
		kf := byID[tc.id]
		for i, y := range kf.Years {
			ys := yearOf(y)
			numV := s.protectCell(x.cells[[2]string{ys, tc.num}])
			denV := s.protectCell(sumCells(x.cells[[2]string{ys, "yes"}], x.cells[[2]string{ys, "no"}]))
			within(t, tc.id+" numerator "+ys, numV, g.cells[[2]string{ys, tc.num}], k)
			within(t, tc.id+" base "+ys, denV, g.cells[[2]string{ys, "yes"}]+g.cells[[2]string{ys, "no"}], k)
			checkShare(t, tc.id+" "+ys, kf.Series[i], numV, denV, k)
		}
	}

	// relapse rate by closing year with its Wilson interval
	relX, _ := s.crossExact(ctx, crossSpec{row: DimClosedYear, col: DimRelapse, year: yearClosed, base: baseRelapse}, Filter{})
	sameExact(t, "relapse by year", relX, countGo(cases, relapseKnown, func(c goCase) string { return yearOf(c.closedYear) },
		func(c goCase) string { return c.relapse }))
	gRel := countGo(cases, relapseKnown, func(c goCase) string { return yearOf(c.closedYear) }, func(c goCase) string {
		if headline(c) {
			return "yes"
		}
		return "no"
	})
	kfRel := byID["case:relapse_rate"]
	for i, y := range kfRel.Years {
		ys := yearOf(y)
		kv, nv := s.protectCell(relapseOf(relX, ys).headline), s.protectCell(relX.rowTotals[ys])
		within(t, "relapsed "+ys, kv, gRel.cells[[2]string{ys, "yes"}], k)
		within(t, "relapse base "+ys, nv, gRel.rowTotals[ys], k)
		pk, ok1 := kv.Int()
		pn, ok2 := nv.Int()
		v := kfRel.Series[i]
		if !ok1 || !ok2 || pn < int64(k) || pk < int64(k) { // the relapse count is sensitive: shown from k on
			if v.Shown() {
				t.Errorf("relapse rate %s shown with base %v and relapses %v", ys, nv, kv)
			}
			continue
		}
		got, _ := v.Float()
		lo, hi, _ := v.CI()
		wlo, whi := wilsonByHand(min(pk, pn), pn)
		if math.Abs(got-math.Min(1, float64(pk)/float64(pn))) > 1e-12 || math.Abs(lo-wlo) > 1e-12 || math.Abs(hi-whi) > 1e-12 {
			t.Errorf("relapse rate %s: %v [%v, %v], by hand %d/%d [%v, %v]", ys, got, lo, hi, pk, pn, wlo, whi)
		}
	}

	// 3. the change of every key figure, by hand from current and
	// previous: in percentage points (share units) for shares and rates,
	// relative (in %) for counts and public figures
	for _, kf := range kfs {
		c, ok1 := kf.Current.Float()
		p, ok2 := kf.Previous.Float()
		ch, okC := kf.Change.Float()
		points := kf.Kind == KindShare || kf.Kind == KindRate
		if kf.ChangeIsPoints() != points {
			t.Errorf("%s (%s): ChangeIsPoints %v", kf.ID, kf.Kind, kf.ChangeIsPoints())
		}
		switch {
		case ok1 && ok2 && points:
			if !okC || math.Abs(ch-(c-p)) > 1e-12 {
				t.Errorf("%s: change %v, by hand %v − %v = %v", kf.ID, kf.Change, c, p, c-p)
			}
		case ok1 && ok2 && p != 0:
			if !okC || math.Abs(ch-(c-p)/p) > 1e-12 {
				t.Errorf("%s: change %v, by hand (%v − %v)/%v = %v", kf.ID, kf.Change, c, p, p, (c-p)/p)
			}
		case okC:
			t.Errorf("%s: change %v shown without both values", kf.ID, ch)
		}
		if kf.Kind != KindFigure && (!kf.Protected || kf.K != k) {
			t.Errorf("%s: not marked protected with k", kf.ID)
		}
	}
}

func indexOf(xs []string, x string) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

// checkShare compares a published share with num/den by hand, withheld
// when either is withheld or den < k.
func checkShare(t *testing.T, what string, got, num, den Value, k int) {
	t.Helper()
	n, ok1 := num.Int()
	d, ok2 := den.Int()
	if !ok1 || !ok2 || d < int64(k) {
		if got.Shown() {
			t.Errorf("%s: shown with base %v", what, den)
		}
		return
	}
	v, ok := got.Float()
	if !ok || math.Abs(v-math.Min(1, float64(n)/float64(d))) > 1e-12 {
		t.Errorf("%s: %v, by hand %d/%d", what, got, n, d)
	}
}
