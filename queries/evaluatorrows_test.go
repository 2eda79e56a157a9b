package queries

import (
	"slices"
	"testing"
)

// TestProviderRowsInAnyOrder: a cube read gives the evaluator's groups in
// no particular order; the provider rows are each provider once, sorted,
// then "all".
func TestProviderRowsInAnyOrder(t *testing.T) {
	s := openCases(t, randomCases(1, 100), nil)
	gs := []evalGroup{{provider: "P-B"}, {provider: "P-A"}, {provider: "P-C"}, {provider: "P-B"}, {provider: "P-A"}}
	intakes := byProvider(gs, func(evalGroup) bool { return true })
	got := s.providerRows(gs, intakes, Filter{})
	if want := []string{"P-A", "P-B", "P-C", evaluatorAllRow}; !slices.Equal(got, want) {
		t.Errorf("provider rows %v, want %v", got, want)
	}
}
