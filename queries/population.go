package queries

import (
	"context"
	"fmt"
)

// MinPopulationFactor sets the minimum filtered population: a filter that
// selects fewer than MinPopulationFactor·k cases (by the published,
// protected count) shows no case figures at all, only a "too few cases"
// message. Narrow filters are where small cells cluster and where the
// differencing routes of docs/privacy.md are shortest; the whole store
// (the zero filter) is always admitted.
const MinPopulationFactor = 10

// TooFewCasesError is returned for a filter whose published population is
// below the minimum (MinPopulation). It carries no count: the published
// population is not needed to widen the filter.
type TooFewCasesError struct {
	// Min is the minimum population, MinPopulationFactor·k.
	Min int
}

func (e *TooFewCasesError) Error() string {
	return fmt.Sprintf("too few cases for this filter (fewer than %d); widen the filter", e.Min)
}

// MinPopulation is the smallest published population a filter may have.
func (s *Store) MinPopulation() int { return MinPopulationFactor * s.params.K }

// admit validates f and, for a filter that is set, checks that its
// published population reaches MinPopulation. Every public entry point
// that reads case data calls it first, so no view, export or command can
// show figures of a narrower population. The decision is taken on the
// protected count, so it reveals nothing a published total does not.
func (s *Store) admit(ctx context.Context, f Filter) error {
	if err := f.Validate(); err != nil {
		return err
	}
	if f.IsZero() {
		return nil
	}
	c, err := s.population(ctx, f)
	if err != nil {
		return err
	}
	if v := s.protected(c); v.Withheld || v.Value < int64(s.MinPopulation()) {
		return &TooFewCasesError{Min: s.MinPopulation()}
	}
	return nil
}

// admitWhile runs fn while admit decides f and returns fn's result only
// when f is admitted: the population is counted beside the figures
// instead of before them, so that a filter change waits for one read
// less. Figures of a refused filter are read (and may stay in the result
// cache, behind the same admission at every entry point) but never
// returned; a refusal cancels their reading.
func admitWhile[T any](ctx context.Context, s *Store, f Filter, fn func(context.Context) (T, error)) (T, error) {
	var zero T
	if err := f.Validate(); err != nil {
		return zero, err
	}
	if f.IsZero() {
		return fn(ctx)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	admitted := make(chan error, 1)
	go func() {
		err := s.admit(ctx, f)
		if err != nil {
			cancel()
		}
		admitted <- err
	}()
	v, err := fn(ctx)
	if aerr := <-admitted; aerr != nil {
		return zero, aerr
	}
	return v, err
}

// population counts the cases the filter selects (years on the intake),
// with the cell key every table total over the same records carries. On a
// store with a cube it is one sum over the level of a covering's cube that
// the filter needs (cube_read_total.sql): a row, where the covering's
// rows under the filter are a thousand or more to hand to Go at every
// filter change. Without a cube it sums the rows of a covering aggregate
// (aggregate.go), which a view of the same filter reads anyway.
func (s *Store) population(ctx context.Context, f Filter) (exactCell, error) {
	if i := populationCovering(f); s.cube != nil && i >= 0 {
		d := cubeDefs[i]
		q := d.readLevel("cube_read_total", s.cube.prefix, d.level(f), nil, f)
		return cached(s, ctx, q, func() (exactCell, error) {
			var c exactCell
			if err := s.queryRow(ctx, q.text, q.args...).Scan(&c.n, &c.ck); err != nil {
				return exactCell{}, fmt.Errorf("counting the filtered cases: %w", err)
			}
			return c, nil
		})
	}
	rows, _, err := s.aggregateFor(ctx, yearIntake, baseAll, f, DimAll)
	if err != nil {
		return exactCell{}, fmt.Errorf("counting the filtered cases: %w", err)
	}
	var c exactCell
	for _, r := range rows {
		c = sumCells(c, r.c)
	}
	return c, nil
}

// populationCovering is the covering whose cube population reads: one over
// all records with its years on the intake (its cube applies the filter's
// years to that column), splitting by the most filter fields f sets; -1
// when there is none.
func populationCovering(f Filter) int {
	return bestCovering(f, func(c aggSpec) bool { return c.base == baseAll && c.year == yearIntake })
}
