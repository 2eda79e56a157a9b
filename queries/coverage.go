package queries

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Coverage says what case data a store holds: the providers whose exports
// were imported and the first and last import dates (import_log). It
// holds no count, so it needs no protection; a briefing states it beside
// the case tables (docs/privacy.md: providers are organisations, not
// persons).
type Coverage struct {
	// Providers are the provider codes, sorted, each once.
	Providers []string
	// FirstImport and LastImport are zero when the store has no log.
	FirstImport, LastImport time.Time
}

// Coverage reads the import log of the store.
func (s *Store) Coverage(ctx context.Context) (Coverage, error) {
	var c Coverage
	rows, err := s.db.QueryContext(ctx, sqlText("import_coverage", nil))
	if err != nil {
		return c, fmt.Errorf("reading the import log: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var at time.Time
		var providers string
		if err := rows.Scan(&at, &providers); err != nil {
			return c, err
		}
		if c.FirstImport.IsZero() || at.Before(c.FirstImport) {
			c.FirstImport = at
		}
		if at.After(c.LastImport) {
			c.LastImport = at
		}
		for p := range strings.SplitSeq(providers, ",") {
			if p = strings.TrimSpace(p); p != "" && !slices.Contains(c.Providers, p) {
				c.Providers = append(c.Providers, p)
			}
		}
	}
	slices.Sort(c.Providers)
	return c, rows.Err()
}

// PublicKeyFigure is the key figure of one public-figure series (exact,
// not from case data), for figures a briefing cites beside the overview's
// (e.g. the AfD members counted within the right-wing person potential).
func (s *Store) PublicKeyFigure(ctx context.Context, indicator, phenomenon string) (KeyFigure, error) {
	return s.figureKey(ctx, indicator, phenomenon)
}
