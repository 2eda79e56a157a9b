package figures

import (
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// sharedFacts is the verified source of the embedded file: the research
// team's facts table, kept verbatim in the repository (docs/facts/README.md
// says where it comes from and how it is refreshed).
const sharedFacts = "../../docs/facts/public_figures.csv"

// readTuples reads a CSV file with encoding/csv (independently of Load) and
// returns the columns named in cols, in that order, for every row.
func readTuples(t *testing.T, r io.Reader, cols []string) [][]string {
	t.Helper()
	recs, err := csv.NewReader(r).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := recs[0]
	header[0] = strings.TrimPrefix(header[0], "\uFEFF")
	idx := make([]int, len(cols))
	for i, c := range cols {
		idx[i] = slices.Index(header, c)
		if idx[i] < 0 {
			t.Fatalf("column %s missing in header %v", c, header)
		}
	}
	var out [][]string
	for _, rec := range recs[1:] {
		tuple := make([]string, len(cols))
		for i, j := range idx {
			tuple[i] = rec[j]
		}
		out = append(out, tuple)
	}
	return out
}

func sortTuples(ts [][]string) {
	slices.SortFunc(ts, func(a, b []string) int { return slices.Compare(a, b) })
}

// TestEmbeddedMatchesSharedFacts: the embedded file holds exactly the rows of
// docs/facts/public_figures.csv, row by row, with source = source_title and
// source_ref = source_address, and the same quote.
func TestEmbeddedMatchesSharedFacts(t *testing.T) {
	data, err := os.ReadFile(sharedFacts)
	if err != nil {
		t.Fatal(err)
	}
	shared := readTuples(t, bytes.NewReader(data), []string{
		"year", "indicator", "phenomenon", "value", "unit", "source_title", "source_address", "note", "quote"})
	embedded := readTuples(t, bytes.NewReader(embeddedCSV), []string{
		"year", "indicator", "phenomenon", "value", "unit", "source", "source_ref", "note", "quote"})
	if len(shared) != embeddedRows {
		t.Errorf("%s has %d rows, the tests expect %d", sharedFacts, len(shared), embeddedRows)
	}
	sortTuples(shared)
	sortTuples(embedded)
	for i := 0; i < len(shared) || i < len(embedded); i++ {
		switch {
		case i >= len(embedded):
			t.Errorf("missing in the embedded file: %q", shared[i])
		case i >= len(shared):
			t.Errorf("not in %s: %q", sharedFacts, embedded[i])
		case !slices.Equal(shared[i], embedded[i]):
			t.Errorf("differs:\nshared   %q\nembedded %q", shared[i], embedded[i])
		}
	}

	// And the loaded figures carry the same numbers.
	byKey := map[Key]Figure{}
	for _, f := range Embedded() {
		byKey[f.Key()] = f
	}
	for _, s := range shared {
		year, _ := strconv.Atoi(s[0])
		f, ok := byKey[Key{year, s[1], s[2]}]
		if !ok {
			t.Errorf("no embedded figure for %q", s[:3])
			continue
		}
		v, err := strconv.ParseFloat(s[3], 64)
		if err != nil || f.Value != v || f.Unit != s[4] || f.Source != s[5] || f.SourceRef != s[6] || f.Note != s[7] || f.Quote != s[8] {
			t.Errorf("%s:%d: %+v does not match %q", f.File, f.Line, f, s)
		}
	}
}
