package queries

import (
	"context"
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

// closureReasonsByProvider: closures by provider and closure reason
// (closuresByProvider).
func closureReasonsByProvider(ctx context.Context, s *Store, f Filter) (*Table, error) {
	return s.closuresByProvider(ctx, QClosureReasonsByProvider, DimClosureReason, f)
}
