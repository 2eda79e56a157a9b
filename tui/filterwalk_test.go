package tui

import (
	"math/bits"
	"slices"
	"testing"

	tea "charm.land/bubbletea/v2"

	"lagebild/datasets/schema"
	"lagebild/queries"
	"lagebild/tui/filter"
)

// filterWalk drives the filter panel, as a user would with the keyboard,
// through a Gray-code walk over the codes of the phenomenon and state
// fields: every step toggles exactly one code, so every step is one key
// press (space) that changes the filter, and no filter comes twice in the
// first 2^20 steps. A benchmark of filter changes on the walk can
// therefore not be served by a cache of earlier results.
//
// One code of each field is left out of the walk, since selecting every
// code of a field means "all" and would merge two filters of the walk.
type filterWalk struct {
	m    *Model
	step uint64
	// The panel's cursor as the keys sent so far have put it.
	field    filter.Field
	opt      int
	inOption bool
	// want is the filter the walk has reached.
	want queries.Filter
}

// walkCode is one bit of the walk: a code of a field of the panel.
type walkCode struct {
	field filter.Field
	opt   int // the code's place in the field's code list
}

// walkCodes interleave phenomena and states, so that both vary early.
var walkCodes = func() []walkCode {
	var cs []walkCode
	for i := range max(len(schema.Phenomena), len(schema.States)) - 1 {
		if i < len(schema.Phenomena)-1 {
			cs = append(cs, walkCode{filter.Phenomenon, i})
		}
		if i < len(schema.States)-1 {
			cs = append(cs, walkCode{filter.State, i})
		}
	}
	return cs
}()

// newFilterWalk opens the filter panel of m, whose filter must be the
// zero filter (the cursor starts on the years field).
func newFilterWalk(tb testing.TB, m *Model) *filterWalk {
	tb.Helper()
	if !m.ctx.Filter.IsZero() || m.filterOpen {
		tb.Fatal("filterWalk: start with the zero filter and the panel closed")
	}
	m.Update(press("f"))
	return &filterWalk{m: m, field: filter.Years}
}

// next moves the panel's cursor to the code the next step toggles (keys
// that do not change the filter) and returns the key press that toggles
// it. The caller sends it, then calls check.
func (w *filterWalk) next() tea.KeyPressMsg {
	w.step++
	c := walkCodes[bits.TrailingZeros64(w.step)%len(walkCodes)]
	if w.field != c.field && w.inOption {
		w.send("tab")
		w.inOption = false
	}
	for w.field < c.field {
		w.send("down")
		w.field, w.opt = w.field+1, 0
	}
	for w.field > c.field {
		w.send("up")
		w.field, w.opt = w.field-1, 0
	}
	if !w.inOption {
		w.send("tab")
		w.inOption = true
	}
	for ; w.opt < c.opt; w.opt++ {
		w.send("down")
	}
	for ; w.opt > c.opt; w.opt-- {
		w.send("up")
	}
	w.want = toggled(w.want, c)
	return press("space")
}

// check fails unless the model's filter is the one the walk reached.
func (w *filterWalk) check(tb testing.TB) {
	if got, want := w.m.ctx.Filter.Key(), w.want.Key(); got != want {
		tb.Fatalf("filter walk step %d: the model's filter is %s, want %s", w.step, got, want)
	}
}

func (w *filterWalk) send(k string) { w.m.Update(press(k)) }

// toggled is f with the code c toggled, lists kept in code-list order.
func toggled(f queries.Filter, c walkCode) queries.Filter {
	list, codes := &f.Phenomena, schema.Phenomena
	if c.field == filter.State {
		list, codes = &f.States, schema.States
	}
	code := codes[c.opt]
	if i := slices.Index(*list, code); i >= 0 {
		*list = slices.Delete(slices.Clone(*list), i, i+1)
	} else {
		*list = append(slices.Clone(*list), code)
		slices.SortFunc(*list, func(a, b string) int { return slices.Index(codes, a) - slices.Index(codes, b) })
	}
	if len(*list) == 0 {
		*list = nil
	}
	return f
}

// TestFilterWalk: the walk's key presses give the model the filter the
// walk expects, a different one at every step.
func TestFilterWalk(t *testing.T) {
	m := newTestModel(t, testStore(t), Options{NoColor: true}, 160, 50)
	w := newFilterWalk(t, m)
	seen := map[string]bool{m.ctx.Filter.Key(): true}
	for range 1 << 9 {
		m.Update(w.next())
		w.check(t)
		k := m.ctx.Filter.Key()
		if seen[k] {
			t.Fatalf("step %d: filter %s came before", w.step, k)
		}
		seen[k] = true
	}
	if got := m.ctx.Filter; len(got.Phenomena) == 0 || len(got.States) == 0 {
		t.Errorf("after %d steps the walk should have selected phenomena and states: %s", w.step, got.Key())
	}
}
