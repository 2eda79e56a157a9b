package queries

import (
	"slices"
	"strings"
	"testing"
)

// TestPhenomenonStateLevel: a filter on one phenomenon and one state (and
// years) reads the level of the two, which is smaller than the code
// fields' level; one more code field, or a yes/no field, reads a level
// that holds its column too, for a yes/no field the level of phenomenon,
// state and the yes/no fields.
func TestPhenomenonStateLevel(t *testing.T) {
	pair := Filter{Phenomena: []string{"islamist"}, States: []string{"DE-BY"}}
	withYears := pair
	withYears.FromYear, withYears.ToYear = 2020, 2022
	withRisk := pair
	withRisk.Risks = []string{"high_risk"}
	withCustody := pair
	withCustody.Custody = new(true)
	defs := append(append([]cubeDef(nil), cubeDefs...), queryCubeDefs...)
	n := 0
	for _, d := range defs {
		if phenomenonStateCols(d.fieldCols, d.codeCols) == nil {
			continue
		}
		n++
		for _, f := range []Filter{pair, withYears} {
			if l := d.level(f); !strings.HasSuffix(l.table, "_phenomenon_state") {
				t.Errorf("%s reads %s under %s, want its phenomenon and state level", d.levels[0].table, l.table, f.Key())
			}
		}
		for _, f := range []Filter{withRisk, withCustody} {
			l := d.level(f)
			for _, fd := range FilterFields {
				if fd.IsSet(f) && fd.Column != "" && !slices.Contains(l.cols, d.fieldCols[fd.Column]) {
					t.Errorf("%s reads %s under %s, which lacks the column of %s", d.levels[0].table, l.table, f.Key(), fd.Name)
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no cube has a phenomenon and state level")
	}
	// A yes/no field with the phenomenon or the state does not read the
	// finest level where the cube has a level of the two and the yes/no
	// fields.
	flags := 0
	for _, d := range defs {
		if !slices.ContainsFunc(d.levels, func(l cubeLevel) bool { return strings.HasSuffix(l.table, "_flags") }) {
			continue
		}
		flags++
		stateMulti := Filter{States: []string{"DE-NW"}, MultiAgency: new(false)}
		for _, f := range []Filter{withCustody, stateMulti} {
			if l := d.level(f); l.table == d.levels[len(d.levels)-1].table {
				t.Errorf("%s reads its finest level %s under %s", d.levels[0].table, l.table, f.Key())
			}
		}
		if l := d.level(withRisk); strings.HasSuffix(l.table, "_flags") {
			t.Errorf("%s reads %s under %s, which has no risk level", d.levels[0].table, l.table, withRisk.Key())
		}
	}
	if flags == 0 {
		t.Fatal("no cube has a level of phenomenon, state and the yes/no fields")
	}
	t.Logf("%d of %d cubes have a phenomenon and state level", n, len(defs))
}

// TestRiskYesNoLevel: a filter that sets the risk level and a yes/no
// field, or two yes/no fields, perhaps with the phenomenon, and not the
// state, reads the level of the phenomenon, the risk level and the yes/no
// fields or a coarser one, not the finest; one that adds the state reads
// a level that holds the state.
func TestRiskYesNoLevel(t *testing.T) {
	riskCustody := Filter{Risks: []string{"standard"}, Custody: new(false)}
	twoYesNo := Filter{Custody: new(true), MultiAgency: new(true)}
	withPhenomenon := riskCustody
	withPhenomenon.Phenomena = []string{"islamist"}
	withState := withPhenomenon
	withState.States = []string{"DE-BY"}
	n := 0
	for _, d := range append(append([]cubeDef(nil), cubeDefs...), queryCubeDefs...) {
		i := slices.IndexFunc(d.levels, func(l cubeLevel) bool { return strings.HasSuffix(l.table, "_phenomenon_risk_yes_no") })
		if i < 0 {
			continue
		}
		n++
		for _, f := range []Filter{riskCustody, twoYesNo, withPhenomenon} {
			// That level or a coarser one (a cube that splits by the
			// risk level or a yes/no field has its own level of it).
			if l := d.level(f); len(l.cols) > len(d.levels[i].cols) {
				t.Errorf("%s reads %s under %s, want %s or a coarser level", d.levels[0].table, l.table, f.Key(), d.levels[i].table)
			}
		}
		if l := d.level(withState); !slices.Contains(l.cols, d.fieldCols["state"]) {
			t.Errorf("%s reads %s under %s, which lacks the state", d.levels[0].table, l.table, withState.Key())
		}
	}
	if n == 0 {
		t.Fatal("no cube has a level of the phenomenon, the risk level and the yes/no fields")
	}
	t.Logf("%d cubes have a phenomenon, risk and yes/no level", n)
}
