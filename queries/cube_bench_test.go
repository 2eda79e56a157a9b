package queries

import (
	"context"
	"slices"
	"testing"
	"time"

	"lagebild/datasets/schema"
	"lagebild/internal/benchdata"
)

// BenchmarkFilterChangeThreeTables is lagebild's side of the peer
// benchmark's filter change (scripts/peer_pandas.py filters, `task
// bench-peer`): on the cached store of every size of benchdata.Sizes, one
// filter change (one state or one phenomenon, alternating, as the peer
// walks) and three protected tables (intakes by year and phenomenon,
// closures by year and outcome, relapse by subgroup), the store's result
// cache emptied first. It reports p50 and p95 in ms.
func BenchmarkFilterChangeThreeTables(b *testing.B) {
	for _, n := range benchdata.Sizes(b) {
		b.Run(benchdata.Label(n), func(b *testing.B) {
			s, err := Open(context.Background(), OpenOptions{Path: benchdata.Store(b, n), Cube: CubeBuild, WarmCube: true})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			s.WaitCubeWarm()
			ctx := context.Background()
			var durs []time.Duration
			i := 0
			for b.Loop() {
				f := Filter{States: []string{schema.States[i%len(schema.States)]}}
				if i%2 == 1 {
					f = Filter{Phenomena: []string{schema.Phenomena[i%len(schema.Phenomena)]}}
				}
				i++
				s.ResetCache()
				start := time.Now()
				for _, q := range []string{QIntakesByYearPhenomenon, QClosuresByYearOutcome, QRelapseBySubgroup} {
					if _, err := s.Run(ctx, q, f); err != nil {
						b.Fatal(err)
					}
				}
				durs = append(durs, time.Since(start))
			}
			slices.Sort(durs)
			ms := func(p float64) float64 {
				return float64(durs[min(int(p*float64(len(durs))), len(durs)-1)].Microseconds()) / 1000
			}
			b.ReportMetric(ms(0.5), "p50-ms")
			b.ReportMetric(ms(0.95), "p95-ms")
		})
	}
}
