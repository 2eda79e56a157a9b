package sample_test

import (
	"context"
	"testing"

	"lagebild/datasets/sample"
	"lagebild/queries"
)

// open opens the sample the way the commands do: through queries, with
// the sample's Fill.
func open(ctx context.Context) (*queries.Store, error) {
	return queries.Open(ctx, queries.OpenOptions{Fill: sample.Fill(nil)})
}

func TestOpenDefault(t *testing.T) {
	ctx := context.Background()
	s, err := open(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !s.Synthetic() || s.DataLabel() != sample.Label {
		t.Errorf("sample not labelled synthetic: %v %q", s.Synthetic(), s.DataLabel())
	}
	tab, err := s.Run(ctx, queries.QIntakesByYearPhenomenon, queries.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if got := tab.Rows(); len(got) != sample.ToYear-sample.FromYear+1 || got[0] != "2014" || got[len(got)-1] != "2025" {
		t.Errorf("years %v", got)
	}
	total, _ := tab.Total()
	if n, ok := total.Int(); !ok || n < sample.Cases-2 || n > sample.Cases+2 {
		t.Errorf("published total %v, want %d ± 2", total, sample.Cases)
	}
	if !tab.Synthetic() {
		t.Error("table from the sample not marked synthetic")
	}
	fs, err := s.FigureSeries(ctx, "person_potential")
	if err != nil {
		t.Fatal(err)
	}
	if len(fs.Sources()) == 0 {
		t.Error("figures without sources")
	}
}

// BenchmarkOpen measures the cold start of the default data: generate,
// import, load figures, harden.
func BenchmarkOpen(b *testing.B) {
	ctx := context.Background()
	for b.Loop() {
		s, err := open(ctx)
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}
