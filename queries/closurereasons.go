package queries

import (
	"context"
	"slices"
)

// Closure reasons by provider (case-export schema 2): why the closed
// cases of each provider ended, so that a dropout (ended by the client,
// contact lost) can be told from a planned end (goal reached, transferred,
// custody ended). Protected counts with margins, like the outcome mix
// (closuresByProviderOutcome); a closed case without a reason is
// "not stated" (a schema-1 export has none).

// QClosureReasonsByProvider names the table.
const QClosureReasonsByProvider = "closure_reasons_by_provider"

func init() {
	addQuery(QClosureReasonsByProvider, "Closures by provider and closure reason", closureReasonsByProvider)
}

// closureReasonsByProvider: closures by provider and closure reason. Under
// a filter a provider whose closures are published as 0 is left out (see
// providerRows).
func closureReasonsByProvider(ctx context.Context, s *Store, f Filter) (*Table, error) {
	spec := crossSpec{row: DimProvider, col: DimClosureReason, year: yearClosed, base: baseClosed}
	x, err := s.crossExact(ctx, spec, f)
	if err != nil {
		return nil, err
	}
	if !f.IsZero() {
		x.rows = slices.DeleteFunc(x.rows, func(p string) bool {
			v := s.protected(x.rowTotals[p])
			return !v.Withheld && v.Value == 0
		})
	}
	t := s.countTable(QClosureReasonsByProvider, spec, x)
	t.notes = append(t.notes, NoteMonitoringNotEffect)
	return t, nil
}
