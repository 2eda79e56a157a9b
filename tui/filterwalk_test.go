package tui

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"lagebild/datasets/schema"
	"lagebild/queries"
	"lagebild/tui/filter"
)

// filterWalk drives the filter panel, as a user would with the keyboard,
// through a reflected mixed-radix Gray code over the choices of some
// filter fields (each "all" or one code, the bounded filter space of
// docs/privacy.md): every step moves one field's choice by one (one key
// press, + or -), so every step changes the filter, and no filter comes
// twice until every combination of the fields' choices has come. A
// benchmark of filter changes on the walk can therefore not be served by
// a cache of earlier results.
type filterWalk struct {
	m      *Model
	fields []walkField
	step   int
	// The panel's cursor field as the keys sent so far have put it.
	field filter.Field
	// want is the filter the walk has reached.
	want queries.Filter
}

// walkField is a field of a walk with its codes; a digit d of the walk is
// "all" (0) or the code codes[d-1]. The first field changes at every
// step but one in len(codes)+1, the next more slowly, and so on.
type walkField struct {
	field filter.Field
	codes []string
}

// codeWalk walks the phenomenon, state, risk and access-route fields: the
// first 7·17 = 119 steps set phenomenon and state, and no filter comes
// twice in the first 7·17·4·8 = 3,808 steps.
var codeWalk = []walkField{
	{filter.FieldNamed("phenomenon"), schema.Phenomena},
	{filter.FieldNamed("state"), schema.States},
	{filter.FieldNamed("risk"), schema.RiskLevels},
	{filter.FieldNamed("access-route"), schema.AccessRoutes},
}

// yesNoWalk walks custody, the risk level, the phenomenon and the state:
// its first 3·4·7 = 84 steps combine a yes/no field with the risk level
// and the phenomenon, filters that only the finest level of a cube held
// before round seven (docs/performance.md), and no filter comes twice in
// the first 3·4·7·17 = 1,428 steps.
var yesNoWalk = []walkField{
	{filter.FieldNamed("custody"), []string{"yes", "no"}},
	{filter.FieldNamed("risk"), schema.RiskLevels},
	{filter.FieldNamed("phenomenon"), schema.Phenomena},
	{filter.FieldNamed("state"), schema.States},
}

// walkDigits returns the reflected mixed-radix Gray code of step n over
// fields: digit j is the ordinary digit b_j, reflected (m_j-1-b_j) when
// the number formed by the higher digits is odd, so that consecutive
// steps differ in one digit by one.
func walkDigits(fields []walkField, n int) []int {
	out := make([]int, len(fields))
	p := 1
	for j, wf := range fields {
		m := len(wf.codes) + 1
		b := (n / p) % m
		if (n/(p*m))%2 == 1 {
			b = m - 1 - b
		}
		out[j] = b
		p *= m
	}
	return out
}

// newFilterWalk opens the filter panel of m, whose filter must be the
// zero filter (the cursor starts on the years field).
func newFilterWalk(tb testing.TB, m *Model, fields []walkField) *filterWalk {
	tb.Helper()
	if !m.ctx.Filter.IsZero() || m.filterOpen {
		tb.Fatal("filterWalk: start with the zero filter and the panel closed")
	}
	m.Update(press("f"))
	return &filterWalk{m: m, fields: fields, field: filter.FieldNamed("years")}
}

// next moves the panel's cursor to the field the next step changes (keys
// that do not change the filter) and returns the key press that changes
// it. The caller sends it, then calls check.
func (w *filterWalk) next() tea.KeyPressMsg {
	prev, cur := walkDigits(w.fields, w.step), walkDigits(w.fields, w.step+1)
	w.step++
	j := 0
	for i := range cur {
		if cur[i] != prev[i] {
			j = i
		}
	}
	wf := w.fields[j]
	for w.field < wf.field {
		w.send("down")
		w.field++
	}
	for w.field > wf.field {
		w.send("up")
		w.field--
	}
	w.want = walkFilter(w.fields, cur)
	if cur[j] > prev[j] {
		return press("+")
	}
	return press("-")
}

// walkFilter is the filter of a walk's digits over fields.
func walkFilter(fields []walkField, digits []int) queries.Filter {
	var f queries.Filter
	for j, d := range digits {
		if d == 0 {
			continue
		}
		f = queries.FilterFields[fields[j].field].With(f, fields[j].codes[d-1])
	}
	return f
}

// check fails unless the model's filter is the one the walk reached.
func (w *filterWalk) check(tb testing.TB) {
	if got, want := w.m.ctx.Filter.Key(), w.want.Key(); got != want {
		tb.Fatalf("filter walk step %d: the model's filter is %s, want %s", w.step, got, want)
	}
}

func (w *filterWalk) send(k string) { w.m.Update(press(k)) }

// TestFilterWalk: each walk's key presses give the model the filter the
// walk expects, a different one at every step, and every step changes one
// field by one choice.
func TestFilterWalk(t *testing.T) {
	for name, fields := range map[string][]walkField{"codes": codeWalk, "yes-no": yesNoWalk} {
		t.Run(name, func(t *testing.T) {
			m := newTestModel(t, testStore(t), Options{NoColor: true}, 160, 50)
			w := newFilterWalk(t, m, fields)
			seen := map[string]bool{m.ctx.Filter.Key(): true}
			changed := make([]int, len(fields))
			for range 1 << 10 {
				prev := walkDigits(fields, w.step)
				m.Update(w.next())
				w.check(t)
				cur := walkDigits(fields, w.step)
				diff := 0
				for j := range cur {
					if d := cur[j] - prev[j]; d != 0 {
						diff++
						changed[j]++
						if d != 1 && d != -1 {
							t.Fatalf("step %d: field %d moved by %d", w.step, j, d)
						}
					}
				}
				if diff != 1 {
					t.Fatalf("step %d: %d fields changed", w.step, diff)
				}
				k := m.ctx.Filter.Key()
				if seen[k] {
					t.Fatalf("step %d: filter %s came before", w.step, k)
				}
				seen[k] = true
			}
			for j, n := range changed {
				if n == 0 {
					t.Errorf("field %d never changed in %d steps", j, w.step)
				}
			}
		})
	}
}
