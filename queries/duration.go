package queries

import (
	"context"
	"fmt"
)

// Columns of the duration table.
const ColMedianMonths = "median_months"

// medianDurationByOutcome: per outcome of closed cases the protected number
// of cases and the median duration in months. The median is withheld when
// the protected base is withheld or below k.
func medianDurationByOutcome(ctx context.Context, s *Store, f Filter) (*Table, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	q := sqlText("median_duration", map[string]string{"year": yearClosed, "base": baseClosed})
	rows, err := s.db.QueryContext(ctx, q, f.args()...)
	if err != nil {
		return nil, fmt.Errorf("median duration: %w", err)
	}
	defer rows.Close()
	type group struct {
		c      exactCell
		median float64
	}
	groups := map[string]group{}
	for rows.Next() {
		var o string
		var g group
		if err := rows.Scan(&o, &g.c.n, &g.c.ck, &g.median); err != nil {
			return nil, err
		}
		groups[o] = g
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("median duration: %w", err)
	}
	outcomes := DimOutcome.codes
	t := s.newCaseTable(QMedianDurationByOutcome, DimOutcome.Name, "measure", outcomes,
		[]string{ColCases, ColMedianMonths}, KindMedian)
	t.rowTotals, t.colTotals = nil, nil
	t.colKinds = []Kind{KindCount, KindMedian}
	for i, o := range outcomes {
		g := groups[o]
		base := s.protected(g.c)
		t.cells[i][0] = fromProtected(base)
		if base.Withheld || base.Value < int64(s.params.K) {
			t.cells[i][1] = withheld()
			if base.Value == 0 && !base.Withheld {
				t.cells[i][1] = Missing
			}
			continue
		}
		t.cells[i][1] = shown(g.median)
	}
	return t, nil
}
