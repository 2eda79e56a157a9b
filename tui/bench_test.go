package tui

import (
	"context"
	"slices"
	"testing"
	"time"

	"lagebild/internal/benchdata"
	"lagebild/queries"
	"lagebild/tui/views"
)

// forEachSource runs bench as the sub-benchmark "sample" on the embedded
// default data and as one sub-benchmark per size of benchdata.Sizes
// ("100k", "1M", …) on the cached store of that many cases. A store is
// built and opened only when its sub-benchmark is selected by -bench.
func forEachSource(b *testing.B, bench func(b *testing.B, src Source)) {
	b.Run("sample", func(b *testing.B) { bench(b, testStore(b)) })
	for _, n := range benchdata.Sizes(b) {
		b.Run(benchdata.Label(n), func(b *testing.B) {
			path := benchdata.Store(b, n)
			st, err := queries.Open(context.Background(), queries.OpenOptions{Path: path})
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			bench(b, st)
		})
	}
}

// BenchmarkFilterChangeFrame measures keypress → new frame after a filter
// change, per data size and view (BenchmarkFilterChangeFrame/1M/overview):
// with the filter panel open beside the view (160x50), one key press
// (space) toggles a phenomenon or state code, the view's queries run
// synchronously, their result is taken by Update and the frame is rendered
// by View. Every iteration reaches a filter not seen before (filterWalk),
// and the model's own result cache is emptied, so every change queries the
// store. Moving the panel's cursor to the next code is not timed. It
// reports p50 and p95 in ms.
func BenchmarkFilterChangeFrame(b *testing.B) {
	forEachSource(b, func(b *testing.B, src Source) {
		for id := views.ID(0); id < views.NumViews; id++ {
			b.Run(id.Name(), func(b *testing.B) {
				m := newTestModel(b, src, Options{Theme: "dark"}, 160, 50)
				m.view = id
				loadSync(b, m, id)
				walk := newFilterWalk(b, m)
				var durs []time.Duration
				for b.Loop() {
					key := walk.next()
					clear(m.cache)
					start := time.Now()
					m.Update(key)
					if l := m.loads[id]; l != nil {
						m.Update(l.run())
					}
					_ = m.View()
					durs = append(durs, time.Since(start))
					walk.check(b)
				}
				report(b, durs)
			})
		}
	})
}

// BenchmarkFrameCached measures keypress → frame when the view's data for
// the new filter is in the model's cache (the UI's own cost: Update and
// View), per data size and view: the key toggles one phenomenon back and
// forth between two filters whose data both were loaded before.
func BenchmarkFrameCached(b *testing.B) {
	forEachSource(b, func(b *testing.B, src Source) {
		for id := views.ID(0); id < views.NumViews; id++ {
			b.Run(id.Name(), func(b *testing.B) {
				m := newTestModel(b, src, Options{Theme: "dark"}, 160, 50)
				m.view = id
				loadSync(b, m, id)
				for _, k := range []string{"f", "down", "enter", "space"} {
					m.Update(press(k))
				}
				loadSync(b, m, id)
				var durs []time.Duration
				for b.Loop() {
					start := time.Now()
					m.Update(press("space"))
					_ = m.View()
					durs = append(durs, time.Since(start))
				}
				report(b, durs)
			})
		}
	})
}

// report adds the 50th and 95th percentile of durs in ms.
func report(b *testing.B, durs []time.Duration) {
	if len(durs) == 0 {
		return
	}
	slices.Sort(durs)
	q := func(p float64) float64 {
		return float64(durs[min(int(p*float64(len(durs))), len(durs)-1)].Microseconds()) / 1000
	}
	b.ReportMetric(q(0.5), "p50-ms")
	b.ReportMetric(q(0.95), "p95-ms")
}
