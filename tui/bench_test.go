package tui

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"lagebild/internal/benchdata"
	"lagebild/internal/i18n"
	"lagebild/queries"
	"lagebild/tui/views"
)

// forEachSource runs bench as the sub-benchmark "sample" on the embedded
// default data and as one sub-benchmark per size of benchdata.Sizes
// ("100k", "1M", …) on the cached store of that many cases. A store is
// built and opened only when its sub-benchmark is selected by -bench, the
// way the TUI opens a store file (with its cube file, built at the first
// open: queries.CubeBuild), and after its cube tables' background warm-up
// (queries.OpenOptions.WarmCube): the session after its first seconds.
func forEachSource(b *testing.B, bench func(b *testing.B, src Source)) {
	b.Run("sample", func(b *testing.B) { bench(b, testStore(b)) })
	for _, n := range benchdata.Sizes(b) {
		b.Run(benchdata.Label(n), func(b *testing.B) {
			path := benchdata.Store(b, n)
			st, err := queries.Open(context.Background(), queries.OpenOptions{Path: path, Cube: queries.CubeBuild, WarmCube: true})
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			st.WaitCubeWarm()
			defer tuneGC()() // as Run sets it for a session
			bench(b, st)
		})
	}
}

// BenchmarkFilterChangeFrame measures keypress → new frame after a filter
// change, per data size and view (BenchmarkFilterChangeFrame/1M/overview):
// with the filter panel open beside the view (160x50), one key press
// (+ or -) moves the phenomenon's or the state's choice (codeWalk), the
// view's queries run synchronously, their result is taken by Update and
// the frame is rendered by View. Every iteration reaches a filter not seen
// before (filterWalk);
// the model's view cache and the store's result cache are emptied, so
// every change queries DuckDB (within one change, the tables of a view
// share their passes as they do in use). It reports p50 and p95 in ms.
//
// duckdb-p50-ms is DuckDB's own time for the same work: after each timed
// change, the statements the view ran are replayed on the same connection,
// reading and discarding every row (queries.Store.Replay).
// overhead-p50 is p50-ms / duckdb-p50-ms: the project's overhead over
// DuckDB, query layer, protection, view building and drawing included;
// query-overhead-p50 the same for the query layer alone (the filter to the
// view's data: queries, protection, building the view's tables), measured
// on a second run of the view's queries with an empty store cache.
func BenchmarkFilterChangeFrame(b *testing.B) { filterChangeFrame(b, codeWalk) }

// BenchmarkFilterChangeFrameYesNo is BenchmarkFilterChangeFrame on the
// walk over custody, the risk level and the phenomenon (yesNoWalk).
func BenchmarkFilterChangeFrameYesNo(b *testing.B) { filterChangeFrame(b, yesNoWalk) }

// filterChangeFrame measures filter changes along the walk over fields,
// per data size and view.
func filterChangeFrame(b *testing.B, fields []walkField) {
	forEachSource(b, func(b *testing.B, src Source) {
		st, _ := src.(*queries.Store)
		for i, t := range newTestModel(b, src, Options{}, 160, 50).tabs {
			b.Run(t.view.Name(), func(b *testing.B) {
				m := newTestModel(b, src, Options{Theme: "dark"}, 160, 50)
				m.active = i
				loadSync(b, m, i)
				walk := newFilterWalk(b, m, fields)
				var durs, loads, duck []time.Duration
				for b.Loop() {
					key := walk.next()
					clear(m.cache)
					if st != nil {
						st.ResetCache()
					}
					start := time.Now()
					m.Update(key)
					l := m.tabs[i].load
					if l != nil {
						m.Update(l.run())
					}
					_ = m.View()
					durs = append(durs, time.Since(start))
					walk.check(b)
					if st != nil && l != nil { // the figures view does not query on a filter change
						b.StopTimer()
						l, d := replayView(b, st, t.view, m.ctx.Filter, m.ctx.Lang)
						loads, duck = append(loads, l), append(duck, d)
						b.StartTimer()
					}
				}
				reportPercentiles(b, durs)
				if len(duck) > 0 {
					d50 := percentile(duck, 0.5)
					b.ReportMetric(d50, "duckdb-p50-ms")
					if d50 > 0 {
						b.ReportMetric(percentile(durs, 0.5)/d50, "overhead-p50")
						b.ReportMetric(percentile(loads, 0.5)/d50, "query-overhead-p50")
					}
				}
			})
		}
	})
}

// replayView runs the view's queries again with an empty store cache
// under a trace (load: the query layer's time, from the filter to the
// view's data, without Update and View), then replays the statements raw
// (duck: DuckDB's own time).
func replayView(b *testing.B, st *queries.Store, v views.View, f queries.Filter, lang i18n.Lang) (load, duck time.Duration) {
	st.ResetCache()
	tr := &queries.Trace{}
	start := time.Now()
	// A filter under the minimum population is refused, as the view
	// shows it: that is a result of the change, not a failure.
	var few *queries.TooFewCasesError
	if _, err := v.Load(queries.WithTrace(context.Background(), tr), st, f, lang); err != nil && !errors.As(err, &few) {
		b.Fatal(err)
	}
	load = time.Since(start)
	duck, err := st.Replay(context.Background(), tr.Statements())
	if err != nil {
		b.Fatal(err)
	}
	return load, duck
}

// BenchmarkFrameCached measures keypress → frame when the view's data for
// the new filter is in the model's cache (the UI's own cost: Update and
// View), per data size and view: the key toggles one phenomenon back and
// forth between two filters whose data both were loaded before.
func BenchmarkFrameCached(b *testing.B) {
	forEachSource(b, func(b *testing.B, src Source) {
		for i, t := range newTestModel(b, src, Options{}, 160, 50).tabs {
			b.Run(t.view.Name(), func(b *testing.B) {
				m := newTestModel(b, src, Options{Theme: "dark"}, 160, 50)
				m.active = i
				loadSync(b, m, i)
				for _, k := range []string{"f", "down", "enter", "space"} {
					m.Update(press(k))
				}
				loadSync(b, m, i)
				var durs []time.Duration
				for b.Loop() {
					start := time.Now()
					m.Update(press("space"))
					_ = m.View()
					durs = append(durs, time.Since(start))
				}
				reportPercentiles(b, durs)
			})
		}
	})
}

// reportPercentiles adds the 50th and 95th percentile of durs in ms.
func reportPercentiles(b *testing.B, durs []time.Duration) {
	if len(durs) == 0 {
		return
	}
	b.ReportMetric(percentile(durs, 0.5), "p50-ms")
	b.ReportMetric(percentile(durs, 0.95), "p95-ms")
}

// percentile returns the p-th percentile of durs in ms (durs is sorted).
func percentile(durs []time.Duration, p float64) float64 {
	slices.Sort(durs)
	return float64(durs[min(int(p*float64(len(durs))), len(durs)-1)].Microseconds()) / 1000
}
