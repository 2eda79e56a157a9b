package tui

import (
	"context"
	"slices"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"lagebild/datasets/sample"
	"lagebild/internal/benchdata"
	"lagebild/queries"
)

// BenchmarkColdStart measures, in process, the TUI's part of a cold start
// to the first frame with data, the way cmd/lagebild's runDefault starts
// it: on the embedded default data (sample) the model gets an Open
// function (queries.Open with sample.Fill: generate and import the synthetic sample into an
// in-memory DuckDB), on the cached store of every size of benchdata.Sizes
// the store file is opened first (queries.Open, read-only) and handed to
// the model. Then the model gets a 120x40 window, its Init commands and
// every command they lead to run concurrently as Bubble Tea runs them,
// until the overview's data has arrived, and View renders the frame. What
// it leaves out: process start (cmd/lagebild BenchmarkProcessStart),
// Bubble Tea's terminal set-up and its renderer's frame tick; the end-to-end
// BenchmarkColdStartFirstFrame in cmd/lagebild includes everything. It
// reports p50/p95 in ms, and open-ms, the p50 of the part until the store
// is open.
func BenchmarkColdStart(b *testing.B) {
	b.Run("sample", func(b *testing.B) {
		benchColdStart(b, func(ctx context.Context) (*queries.Store, error) {
			return queries.Open(ctx, queries.OpenOptions{Fill: sample.Fill(nil)})
		}, true)
	})
	for _, n := range benchdata.Sizes(b) {
		b.Run(benchdata.Label(n), func(b *testing.B) {
			path := benchdata.Store(b, n)
			benchColdStart(b, func(ctx context.Context) (*queries.Store, error) {
				return queries.Open(ctx, queries.OpenOptions{Path: path})
			}, false)
		})
	}
}

// benchColdStart times open → first frame with data. lazy passes open to
// the model (the embedded data), else the store is opened before the
// model is made (a --db file).
func benchColdStart(b *testing.B, open func(context.Context) (*queries.Store, error), lazy bool) {
	var durs, opens []time.Duration
	for b.Loop() {
		ctx, cancel := context.WithCancel(context.Background())
		var st *queries.Store
		var opened time.Time
		start := time.Now()
		o := Options{Theme: "dark", Now: fixedNow, Context: ctx}
		if lazy {
			o.Open = func(ctx context.Context) (Source, error) {
				s, err := open(ctx)
				st, opened = s, time.Now()
				return s, err
			}
		} else {
			s, err := open(ctx)
			if err != nil {
				b.Fatal(err)
			}
			st, opened = s, time.Now()
			o.Source = s
		}
		m := New(o)
		m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		runUntil(b, ctx, m, func() bool {
			// The first tab, the overview, is shown (or failed).
			return m.fatal != nil || len(m.tabs) > 0 && (m.fresh(0) || m.tabs[0].err != nil)
		})
		if m.fatal != nil {
			b.Fatal(m.fatal)
		}
		if err := m.tabs[0].err; err != nil {
			b.Fatal(err)
		}
		_ = m.View()
		durs = append(durs, time.Since(start))
		opens = append(opens, opened.Sub(start))
		cancel()
		st.Close() // no query runs any more (see runUntil)
	}
	reportPercentiles(b, durs)
	if len(opens) > 0 {
		report50(b, opens, "open-ms")
	}
}

// runUntil runs m's Init command and the commands its updates return, each
// in a goroutine as Bubble Tea does, feeding their messages to Update
// until done holds. The commands returned by the last update (prefetching
// the next view) are not run, so that no query competes with the next
// iteration or runs when the store is closed; the commands still pending
// then are timers (a spinner's delay) that end with ctx.
func runUntil(b *testing.B, ctx context.Context, m *Model, done func() bool) {
	msgs := make(chan tea.Msg)
	var exec func(tea.Cmd)
	exec = func(cmd tea.Cmd) {
		if cmd == nil {
			return
		}
		go func() {
			msg := cmd()
			if batch, ok := msg.(tea.BatchMsg); ok {
				for _, c := range batch {
					exec(c)
				}
				return
			}
			select {
			case msgs <- msg:
			case <-ctx.Done():
			}
		}()
	}
	exec(m.Init())
	timeout := time.After(5 * time.Minute)
	for !done() {
		select {
		case msg := <-msgs:
			_, cmd := m.Update(msg)
			if !done() {
				exec(cmd)
			}
		case <-timeout:
			b.Fatal("no data after 5 minutes")
		}
	}
}

// report50 adds the median of durs in ms as the metric unit.
func report50(b *testing.B, durs []time.Duration, unit string) {
	slices.Sort(durs)
	b.ReportMetric(float64(durs[len(durs)/2].Microseconds())/1000, unit)
}
