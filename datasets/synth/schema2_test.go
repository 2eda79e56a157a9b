package synth

import (
	"bytes"
	"context"
	"encoding/csv"
	"slices"
	"strconv"
	"testing"

	"lagebild/datasets/schema"
)

// readCSV generates cfg and returns header and records.
func readCSV(t *testing.T, cfg Config) ([]string, [][]string) {
	t.Helper()
	var b bytes.Buffer
	if err := Write(context.Background(), &b, cfg); err != nil {
		t.Fatal(err)
	}
	all, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return all[0], all[1:]
}

// TestSchema1Output: Config.Schema 1 writes the schema-1 columns only,
// with the same values the schema-2 output has in them (the schema-2
// values come from a stream of their own).
func TestSchema1Output(t *testing.T) {
	h1, r1 := readCSV(t, Config{Cases: 3000, Seed: 9, Schema: 1})
	h2, r2 := readCSV(t, Config{Cases: 3000, Seed: 9})
	if !slices.Equal(h1, HeaderOf(1)) || !slices.Equal(h2, Header()) || len(h2) <= len(h1) {
		t.Fatalf("headers %v / %v", h1, h2)
	}
	for _, name := range h1 {
		if c, _ := schema.ByName(name); c.Since == 2 {
			t.Errorf("schema-1 header has %s", name)
		}
	}
	for i := range r1 {
		if !slices.Equal(r1[i], r2[i][:len(h1)]) {
			t.Fatalf("row %d differs in the schema-1 columns:\n%v\n%v", i, r1[i], r2[i][:len(h1)])
		}
	}
}

// TestSchema2Consistent: the generated schema-2 values keep the rules of
// the schema (the importer tests them one by one) and are not all alike:
// closure details only on closed cases, goals reached at most goals set,
// relapse type only with a relapse offence, each column filled somewhere
// and empty somewhere else or taking several values.
func TestSchema2Consistent(t *testing.T) {
	h, rows := readCSV(t, Config{Cases: 5000, Seed: 3})
	col := map[string]int{}
	for i, name := range h {
		col[name] = i
	}
	distinct := map[string]map[string]bool{}
	for _, r := range rows {
		closed := schema.IsClosed(r[col["status"]])
		for _, name := range schema.ClosureColumns {
			if !closed && r[col[name]] != "" {
				t.Fatalf("%s on an open case: %v", name, r)
			}
		}
		if r[col["goals_set"]] != "" {
			set, _ := strconv.Atoi(r[col["goals_set"]])
			reached, _ := strconv.Atoi(r[col["goals_reached"]])
			if reached > set {
				t.Fatalf("goals reached %d > set %d", reached, set)
			}
		}
		if r[col["relapse_type"]] != "" && r[col["relapse"]] == "none" {
			t.Fatalf("relapse type without relapse: %v", r)
		}
		for _, c := range schema.Columns {
			if c.Since == 2 {
				if distinct[c.Name] == nil {
					distinct[c.Name] = map[string]bool{}
				}
				distinct[c.Name][r[col[c.Name]]] = true
			}
		}
	}
	for name, values := range distinct {
		if len(values) < 2 {
			t.Errorf("%s takes only %v", name, values)
		}
	}
}

// TestRowDimensions keeps the generator's dimension arrays as long as the
// schema's list.
func TestRowDimensions(t *testing.T) {
	if rowDimensions != len(schema.Dimensions) {
		t.Errorf("rowDimensions %d, schema has %d dimensions", rowDimensions, len(schema.Dimensions))
	}
}
