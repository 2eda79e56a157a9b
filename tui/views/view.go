package views

import (
	"context"
	"errors"
	"sync"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"lagebild/internal/i18n"
	"lagebild/queries"
	"lagebild/queries/report"
	"lagebild/tui/common"
	"lagebild/tui/keys"
)

// View is one tab of the TUI. The root model holds the session's views
// (see Registry), loops over them for the tabs, the number keys and tab
// and shift+tab, and keeps each one's data and small state; a view only
// says what it is, loads and draws.
type View interface {
	// Name is the machine name: export file names, the audit log, the
	// cache key, golden and benchmark names.
	Name() string
	// Title is the tab title in the language.
	Title(lang i18n.Lang) string
	// UsesFilter reports whether the view shows case data, so that the
	// filter applies to it (and a filter change reloads it).
	UsesFilter() bool
	// Load runs the view's queries through src and builds its data. It
	// runs off the UI loop; ctx is cancelled when the result is no longer
	// wanted.
	Load(ctx context.Context, src Source, f queries.Filter, lang i18n.Lang) (Data, error)
	// Render draws the data in w×h cells; the result may be taller than
	// h (the root model scrolls it).
	Render(c *common.Context, d Data, s State, w, h int) string
	// Tables are the numbers behind what is shown under the state: the
	// table view (t), export and copy (written as they are).
	Tables(d Data, s State) []report.Table
}

// Source is what the views read: a *queries.Store. Every number on screen
// comes through it, protected.
type Source interface {
	Run(ctx context.Context, name string, f queries.Filter) (*queries.Table, error)
	Counts(ctx context.Context, row, col queries.Dimension, f queries.Filter) (*queries.Table, error)
	FigureSeries(ctx context.Context, indicator string) (*queries.Table, error)
	KeyFigures(ctx context.Context, f queries.Filter) ([]queries.KeyFigure, error)
	Quality(ctx context.Context, f queries.Filter) (*queries.Quality, error)
	MinorsByYear(ctx context.Context, f queries.Filter) (*queries.Table, error)
	OutcomeDocumentationByYear(ctx context.Context, f queries.Filter) (*queries.Table, error)
	// Coverage names the providers and import dates of the case data
	// (a briefing's block 4); no number.
	Coverage(ctx context.Context) (queries.Coverage, error)
	Synthetic() bool
	DataLabel() string
	K() int
}

// State is a view's own UI state kept by the root model.
type State struct {
	Sel int // the selected card, indicator or row
	// Hidden are the column codes of series a multi-line chart leaves
	// out; SeriesSel is the series the toggling keys act on (series.go).
	Hidden    []string
	SeriesSel int
}

// Data is what a view loads and renders: its tables.
type Data interface {
	// Tables are all the numbers behind the view.
	Tables() []report.Table
}

// Optional capabilities. The root model asks for them with a type
// assertion on the View, never on a concrete view type.

// Selector is a view whose ↑/↓ and ←/→ move a selection among items (the
// overview's key figures, the figures view's indicators) instead of
// scrolling, outside the table view.
type Selector interface {
	// Items is the number of selectable items in d.
	Items(d Data) int
	// FirstItem is where the selection starts when data arrive.
	FirstItem(d Data) int
	// ItemIsPage reports whether each item is a page of its own, so that
	// the scroll goes back to the top when the selection moves.
	ItemIsPage() bool
}

// BriefExporter is a view whose export and copy are a briefing of key
// figures, as `lagebild brief` writes it, instead of its tables.
type BriefExporter interface {
	// BriefFigures are the key figures in display order.
	BriefFigures(d Data) []queries.KeyFigure
}

// Interactive is a tab with a model of its own (the SQL console): it
// loads nothing through Load, is offered messages and keys before the
// root handles them, and draws itself in Render (with nil data).
type Interactive interface {
	// Update offers a message; handled false lets the root handle a key.
	// Messages that are not keys or pastes reach every interactive tab,
	// visible or not (a statement's result may come back later).
	Update(msg tea.Msg) (handled bool, cmd tea.Cmd)
	// SetSize tells the tab the body's size.
	SetSize(w, h int)
	// KeyMap is the help of the tab's keys, with the root's keys that
	// work on it.
	KeyMap(root keys.KeyMap) help.KeyMap
	// Clipboard returns the tab's result as Markdown or (tsv) TSV; ok is
	// false without one.
	Clipboard(tsv bool) (text string, ok bool)
	// Close ends what the tab runs (the program quits).
	Close()
}

// FilterNoter is a view that does not use the filter and says so in its
// own words after the filter summary (default: "not applied").
type FilterNoter interface {
	FilterNote(lang i18n.Lang) string
}

// Keyed is a view that chooses its own tab key instead of the next number
// (the SQL console's ":"), so that the views keep 1–9 and 0.
type Keyed interface {
	TabKey() string
}

// TabKeys are the keys of tabs in order: a Keyed view's own key, else the
// next of keys.NumberKeys; "" for a tab past the tenth number (it is
// reached with tab and shift+tab).
func TabKeys(tabs []View) []string {
	out := make([]string, len(tabs))
	next := 0
	for i, v := range tabs {
		if k, ok := v.(Keyed); ok {
			out[i] = k.TabKey()
			continue
		}
		if next < len(keys.NumberKeys) {
			out[i] = keys.NumberKeys[next]
			next++
		}
	}
	return out
}

// parallel runs fns concurrently and returns the first error.
func parallel(ctx context.Context, fns ...func(ctx context.Context) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	var once sync.Once
	var first error
	for _, fn := range fns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := fn(ctx); err != nil {
				once.Do(func() { first = err; cancel() })
			}
		}()
	}
	wg.Wait()
	return first
}

// run stores the result of a named query in *dst.
func run(src Source, name string, f queries.Filter, dst **queries.Table) func(context.Context) error {
	return func(ctx context.Context) error {
		t, err := src.Run(ctx, name, f)
		*dst = t
		return err
	}
}

// series stores a public-figure series in *dst; a store without figures
// for the indicator (an imported store may hold none) leaves it nil.
func series(src Source, indicator string, dst **queries.Table) func(context.Context) error {
	return func(ctx context.Context) error {
		t, err := src.FigureSeries(ctx, indicator)
		if err != nil && ctx.Err() == nil && errors.Is(err, queries.ErrNoFigures) {
			return nil
		}
		*dst = t
		return err
	}
}
