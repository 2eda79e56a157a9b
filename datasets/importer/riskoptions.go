package importer

import (
	"context"
	"database/sql"
	_ "embed"
	"fmt"
	"slices"
	"strings"
)

//go:embed risk_options.sql
var riskOptionsSQL string

// A bare "81.5 % of the records are in classes below k" says nothing about
// what to do. RiskOptions measures it: the share again with each
// quasi-identifier left out (which one drives it), and with each coarsening
// an export could apply (which one brings it under a limit), by grouping
// the stored cases again for every option (risk_options.sql).

// Names of the risk options (risk_options.sql).
const (
	RiskAsStored      = "as_stored"
	RiskPeriods       = "periods"
	RiskRegions       = "regions"
	RiskWideAgeBands  = "wide_age_bands"
	riskWithoutPrefix = "without_"
)

// RiskQuasiIdentifiers are the columns of the equivalence classes, as
// risk.sql groups them.
var RiskQuasiIdentifiers = []string{"state", "age_band", "gender", "phenomenon", "intake_year"}

// RiskCoarsenings are the coarsenings the options measure, alone and
// combined ("periods+regions"), in order of how little they take away.
var RiskCoarsenings = []string{
	RiskPeriods, RiskRegions, RiskWideAgeBands,
	RiskPeriods + "+" + RiskRegions, RiskPeriods + "+" + RiskWideAgeBands, RiskRegions + "+" + RiskWideAgeBands,
	RiskPeriods + "+" + RiskRegions + "+" + RiskWideAgeBands,
}

// RegionStates are the four regions the "regions" option groups states
// into (risk_options.sql).
var RegionStates = map[string][]string{
	"north": {"DE-SH", "DE-HH", "DE-HB", "DE-NI", "DE-MV"},
	"east":  {"DE-BE", "DE-BB", "DE-SN", "DE-ST", "DE-TH"},
	"south": {"DE-BY", "DE-BW"},
	"west":  {"DE-NW", "DE-HE", "DE-RP", "DE-SL"},
}

// RiskOption is the measured share of records in classes below k under one
// grouping of the quasi-identifiers.
type RiskOption struct {
	// Name is a coarsening of RiskCoarsenings, or in Drivers the
	// quasi-identifier left out.
	Name                   string
	RecordsBelowK, Records int64
	Share                  float64
}

// RiskAdvice says what drives the risk and what would help.
type RiskAdvice struct {
	// Drivers are the quasi-identifiers, the one whose removal lowers the
	// share most first, each with the share without it.
	Drivers []RiskOption
	// Coarsenings are the measured coarsenings in RiskCoarsenings order.
	Coarsenings []RiskOption
}

// Driver is the quasi-identifier that drives the share most ("" for a
// store without records in small classes).
func (a *RiskAdvice) Driver() string {
	if len(a.Drivers) == 0 {
		return ""
	}
	return a.Drivers[0].Name
}

// Sufficient returns the coarsenings whose share is at most limit, in
// RiskCoarsenings order (the least coarsening first).
func (a *RiskAdvice) Sufficient(limit float64) []RiskOption {
	var out []RiskOption
	for _, o := range a.Coarsenings {
		if o.Share <= limit {
			out = append(out, o)
		}
	}
	return out
}

// RiskOptions measures the options for the cases in db at threshold k
// (k < 2 is raised to 2, as in RiskReport).
func RiskOptions(ctx context.Context, db *sql.DB, k int) (*RiskAdvice, error) {
	k = max(k, 2)
	rows, err := db.QueryContext(ctx, riskOptionsSQL, k)
	if err != nil {
		return nil, fmt.Errorf("risk options: %w", err)
	}
	defer rows.Close()
	got := map[string]RiskOption{}
	for rows.Next() {
		var o RiskOption
		if err := rows.Scan(&o.Name, &o.RecordsBelowK, &o.Records); err != nil {
			return nil, fmt.Errorf("risk options: %w", err)
		}
		if o.Records > 0 {
			o.Share = float64(o.RecordsBelowK) / float64(o.Records)
		}
		got[o.Name] = o
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("risk options: %w", err)
	}
	a := &RiskAdvice{}
	if got[RiskAsStored].RecordsBelowK > 0 {
		for _, q := range RiskQuasiIdentifiers {
			o := got[riskWithoutPrefix+q]
			o.Name = q
			a.Drivers = append(a.Drivers, o)
		}
		// Stable: at equal shares the order of RiskQuasiIdentifiers.
		slices.SortStableFunc(a.Drivers, func(x, y RiskOption) int {
			switch {
			case x.Share < y.Share:
				return -1
			case x.Share > y.Share:
				return 1
			}
			return 0
		})
	}
	for _, c := range RiskCoarsenings {
		a.Coarsenings = append(a.Coarsenings, got[c])
	}
	return a, nil
}

// String is the advice as lines of the import summary: the driving
// quasi-identifier with the share without it, and every coarsening's
// share. Empty for nil advice or a store without records in small
// classes.
func (a *RiskAdvice) String() string {
	if a == nil || len(a.Drivers) == 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "  driven most by %s: %.1f %% without it", a.Drivers[0].Name, 100*a.Drivers[0].Share)
	for _, d := range a.Drivers[1:] {
		fmt.Fprintf(&b, ", %s %.1f %%", d.Name, 100*d.Share)
	}
	b.WriteString("\n  measured coarsenings:")
	for i, c := range a.Coarsenings {
		sep := ","
		if i == 0 {
			sep = ""
		}
		fmt.Fprintf(&b, "%s %s %.1f %%", sep, c.Name, 100*c.Share)
	}
	b.WriteString("\n")
	return b.String()
}
