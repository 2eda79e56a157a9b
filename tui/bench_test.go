package tui

import (
	"context"
	"os"
	"slices"
	"testing"
	"time"

	"lagebild/queries"
	"lagebild/tui/views"
)

// benchSource is the default sample, or the store in LAGEBILD_BENCH_DB
// (e.g. an imported 1M-case store).
func benchSource(b *testing.B) Source {
	if path := os.Getenv("LAGEBILD_BENCH_DB"); path != "" {
		st, err := queries.Open(context.Background(), queries.OpenOptions{Path: path})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { st.Close() })
		return st
	}
	return testStore(b)
}

// BenchmarkFilterChangeFrame measures keypress → new frame after a filter
// change, per view: the key toggles a phenomenon in the filter panel
// (side by side with the view at 160x50), the view's queries run (the
// cache is emptied so every change queries), the result is taken and the
// frame is rendered. It reports p50 and p95 in ms.
func BenchmarkFilterChangeFrame(b *testing.B) {
	src := benchSource(b)
	for id := views.ID(0); id < views.NumViews; id++ {
		b.Run(id.Name(), func(b *testing.B) {
			m := newTestModel(b, src, Options{Theme: "dark"}, 160, 50)
			m.view = id
			loadSync(b, m, id)
			for _, k := range []string{"f", "down", "enter"} {
				m.Update(press(k))
			}
			var durs []time.Duration
			for b.Loop() {
				clear(m.cache)
				start := time.Now()
				m.Update(press("space"))
				if l := m.loads[id]; l != nil {
					m.Update(l.run())
				}
				_ = m.View()
				durs = append(durs, time.Since(start))
			}
			report(b, durs)
		})
	}
}

// BenchmarkFrameCached measures keypress → frame when the view's data for
// the new filter is cached (the UI's own cost: Update and View).
func BenchmarkFrameCached(b *testing.B) {
	src := benchSource(b)
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
}

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
