package queries

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"lagebild/datasets/schema"
	"lagebild/datasets/store"
	"lagebild/queries/sdc"
)

// openCases opens an in-memory store holding exactly the given cases
// (record keys derived from their ids with a fixed test secret).
func openCases(t testing.TB, cases []store.Case, params *sdc.Params) *Store {
	t.Helper()
	return openCasesWith(t, cases, OpenOptions{SDC: params})
}

// openCasesWith is openCases with further options (Fill and Threads are
// set here).
func openCasesWith(t testing.TB, cases []store.Case, opts OpenOptions) *Store {
	t.Helper()
	keyer := store.NewRecordKeyer([]byte("fixture secret for tests"))
	fill := func(ctx context.Context, db *sql.DB) error {
		if err := store.CreateSchema(ctx, db); err != nil {
			return err
		}
		w, err := store.NewCaseWriter(ctx, db)
		if err != nil {
			return err
		}
		for i := range cases {
			c := cases[i]
			c.RKey = keyer.Key(c.Provider, c.CaseID)
			if err := w.Append(&c); err != nil {
				w.Close()
				return err
			}
		}
		if err := w.Close(); err != nil {
			return err
		}
		return store.SetMeta(ctx, db, store.MetaSynthetic, "true")
	}
	opts.Fill, opts.Threads = fill, 1
	s, err := Open(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func ptr[T any](v T) *T { return &v }

// mkCase returns a minimal valid case.
func mkCase(id, state, phen string, year int, band string) store.Case {
	return store.Case{
		CaseID: id, Provider: "T01", State: state, Phenomenon: phen,
		Intake: store.Month(year, time.March), AgeBand: band,
		AccessRoute: "self", RiskLevel: "standard", Status: "ongoing",
	}
}

// closedCase returns a closed case with an outcome and relapse status.
func closedCase(id string, year, months int, outcome, relapse string, multi bool) store.Case {
	c := mkCase(id, "DE-BE", "right_wing", year, "18_20")
	c.Status = "closed_regular"
	closed := c.Intake.AddDate(0, months, 0)
	c.Closed = &closed
	c.Outcome = ptr(outcome)
	c.Relapse = ptr(relapse)
	c.MultiAgency = ptr(multi)
	return c
}

// randomCases makes n valid random cases spread thinly over states,
// phenomena, years and age bands, so that many cells are small.
func randomCases(seed uint64, n int) []store.Case {
	r := rand.New(rand.NewPCG(seed, 99))
	pick := func(xs []string) string { return xs[r.IntN(len(xs))] }
	out := make([]store.Case, n)
	for i := range out {
		c := mkCase(fmt.Sprintf("R%d-%06d", seed, i), pick(schema.States), pick(schema.Phenomena),
			2015+r.IntN(10), pick(schema.AgeBands))
		c.Gender = ptr(pick(schema.Genders))
		c.AccessRoute = pick(schema.AccessRoutes)
		c.RiskLevel = pick(schema.RiskLevels)
		c.MultiAgency = ptr(r.IntN(2) == 0)
		c.Custody = ptr(r.IntN(4) == 0)
		if r.IntN(3) > 0 {
			c.Status = pick(schema.Statuses[1:3])
			closed := c.Intake.AddDate(0, 1+r.IntN(30), 0)
			c.Closed = &closed
			c.Outcome = ptr(pick(schema.Outcomes))
			c.Relapse = ptr(pick(schema.Relapses))
		}
		out[i] = c
	}
	return out
}
