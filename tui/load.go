package tui

import (
	"context"
	"errors"
	"strconv"
	"sync"

	"lagebild/datasets/figures"
	"lagebild/queries"
	"lagebild/tui/i18n"
	"lagebild/tui/views"
)

// Source is what the TUI reads: a *queries.Store. Every number on screen
// comes through it, protected.
type Source interface {
	Run(ctx context.Context, name string, f queries.Filter) (*queries.Table, error)
	Counts(ctx context.Context, row, col queries.Dimension, f queries.Filter) (*queries.Table, error)
	FigureSeries(ctx context.Context, indicator string) (*queries.Table, error)
	KeyFigures(ctx context.Context, f queries.Filter) ([]queries.KeyFigure, error)
	Quality(ctx context.Context, f queries.Filter) (*queries.Quality, error)
	Synthetic() bool
	DataLabel() string
	K() int
}

// ageIndicators are the published age figures shown on the age view.
var ageIndicators = []string{
	"suspects_age_count_under14", "suspects_age_count_14_17", "suspects_age_count_13_19",
	"suspects_age_share_under18", "suspects_age_share_13_19",
	"gefaehrder_age_share_under18", "gefaehrder_age_share_26_35",
	"salafist_age_share_upto25", "salafist_age_share_26_35", "salafist_age_share_36plus",
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

func counts(src Source, row, col queries.Dimension, f queries.Filter, dst **queries.Table) func(context.Context) error {
	return func(ctx context.Context) error {
		t, err := src.Counts(ctx, row, col, f)
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

// loadView runs the queries of a view and builds its data. It runs off
// the UI loop; ctx is cancelled when the result is no longer wanted.
func loadView(ctx context.Context, src Source, id views.ID, f queries.Filter, lang i18n.Lang) (views.Data, error) {
	switch id {
	case views.Overview:
		kfs, err := src.KeyFigures(ctx, f)
		if err != nil {
			return nil, err
		}
		return views.NewOverviewData(kfs, lang, src.K(), src.Synthetic()), nil
	case views.Age:
		var byYear, minors, pyramid *queries.Table
		minorsWithheld := false
		pub := make([]*queries.Table, len(ageIndicators))
		fns := []func(context.Context) error{
			run(src, queries.QIntakesByYearAgeBand, f, &byYear),
			run(src, queries.QIntakesByGenderAgeBand, f, &pyramid),
		}
		if mf, ok := views.MinorsFilter(f); ok {
			// Minors under the filter may be fewer than the minimum
			// population: then the share is not shown, the view is.
			fns = append(fns, func(ctx context.Context) error {
				err := counts(src, queries.DimIntakeYear, queries.DimAll, mf, &minors)(ctx)
				if tooFew(err) != nil {
					minors, minorsWithheld, err = nil, true, nil
				}
				return err
			})
		}
		for i, ind := range ageIndicators {
			fns = append(fns, series(src, ind, &pub[i]))
		}
		if err := parallel(ctx, fns...); err != nil {
			return nil, err
		}
		m := map[string]*queries.Table{}
		for i, ind := range ageIndicators {
			m[ind] = pub[i]
		}
		return views.NewAgeData(byYear, minors, pyramid, minorsWithheld, views.NewPublicAgeData(m, ageIndicators, lang), lang), nil
	case views.Phenomena:
		var byYear, pot, viol *queries.Table
		err := parallel(ctx,
			run(src, queries.QIntakesByYearPhenomenon, f, &byYear),
			series(src, "person_potential", &pot),
			series(src, "violence_oriented", &viol))
		if err != nil {
			return nil, err
		}
		return views.NewPhenomenaData(byYear, pot, viol, lang), nil
	case views.Outcomes:
		var cl, rel, dur *queries.Table
		err := parallel(ctx,
			run(src, queries.QClosuresByYearOutcome, f, &cl),
			run(src, queries.QRelapseBySubgroup, f, &rel),
			run(src, queries.QMedianDurationByOutcome, f, &dur))
		if err != nil {
			return nil, err
		}
		return views.NewOutcomesData(cl, rel, dur, lang), nil
	case views.Quality:
		var q *queries.Quality
		var cl *queries.Table
		err := parallel(ctx,
			func(ctx context.Context) (err error) { q, err = src.Quality(ctx, f); return err },
			run(src, queries.QClosuresByYearOutcome, f, &cl))
		if err != nil {
			return nil, err
		}
		return views.NewQualityData(q, cl, lang), nil
	case views.Figures:
		inds := figures.Indicators()
		tabs := make([]*queries.Table, len(inds))
		var fns []func(context.Context) error
		for i, ind := range inds {
			fns = append(fns, series(src, ind, &tabs[i]))
		}
		if err := parallel(ctx, fns...); err != nil {
			return nil, err
		}
		return views.NewFiguresData(inds, tabs, lang), nil
	}
	return nil, nil
}

// storeYears returns the intake years of the store (unfiltered).
func storeYears(ctx context.Context, src Source) ([]int, error) {
	t, err := src.Counts(ctx, queries.DimIntakeYear, queries.DimAll, queries.Filter{})
	if err != nil {
		return nil, err
	}
	var out []int
	for _, r := range t.Rows() {
		if y, err := strconv.Atoi(r); err == nil {
			out = append(out, y)
		}
	}
	return out, nil
}
