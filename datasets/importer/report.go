package importer

import (
	"fmt"
	"sort"
	"strings"

	"lagebild/internal/i18n"
)

// FileReport describes one imported file.
type FileReport struct {
	File      string   // the path as given
	Rows      int64    // data records read (blank lines not counted)
	Excluded  int64    // records left out for quality findings (Options.ExcludeFindings)
	Providers []string // provider codes in the file, sorted
	Dropped   []string // unknown columns dropped (Options.DropUnknown)
	// Schema2 lists the columns of case-export schema 2 the file has
	// (none: a schema-1 export), in schema order.
	Schema2 []string
}

// Report describes a finished import.
type Report struct {
	Files     []FileReport
	Rows      int64    // records imported by this import (read and not excluded)
	Providers []string // providers of this import, sorted
	// StoreRows is the number of cases in the store after the import
	// (0 for Validate).
	StoreRows int64
	// Risk is the re-identification risk over the whole store after the
	// import (nil for Validate).
	Risk *Risk
	// RiskAdvice says which quasi-identifier drives Risk and what
	// coarsening would lower it, measured (riskoptions.go).
	RiskAdvice *RiskAdvice
	// Excluded is the number of records left out for quality findings,
	// Findings counts those findings by code and Missing the required
	// values missing by column as the file names it (all three only with
	// Options.ExcludeFindings).
	Excluded int64
	Findings map[Code]int64
	Missing  map[string]int64
	// Notes lists the valid records that break a domain plausibility rule
	// (plausibility.go), at most MaxNotesListed per rule, in file and line
	// order; NoteCounts counts them all by rule and NotesByProvider by
	// provider and rule (every provider of the import has an entry).
	Notes           []Note
	NoteCounts      map[Code]int64
	NotesByProvider map[string]map[Code]int64
}

func newReport(files []FileReport) *Report {
	rep := &Report{Files: files}
	seen := map[string]bool{}
	for _, f := range files {
		rep.Rows += f.Rows - f.Excluded
		for _, p := range f.Providers {
			if !seen[p] {
				seen[p] = true
				rep.Providers = append(rep.Providers, p)
			}
		}
	}
	sort.Strings(rep.Providers)
	return rep
}

// String renders a short human-readable summary.
func (r *Report) String() string {
	var b strings.Builder
	for _, f := range r.Files {
		fmt.Fprintf(&b, "%s: %s rows, providers %s; %s\n", f.File, count(f.Rows), listOrNone(f.Providers), schemaOf(f.Schema2))
		if len(f.Dropped) > 0 {
			fmt.Fprintf(&b, "  dropped unknown columns: %s\n", strings.Join(f.Dropped, ", "))
		}
	}
	fmt.Fprintf(&b, "imported %s rows from %d file(s)", count(r.Rows), len(r.Files))
	if r.StoreRows > 0 || r.Risk != nil {
		fmt.Fprintf(&b, "; the store now holds %s cases", count(r.StoreRows))
	}
	b.WriteString("\n")
	if k := r.Risk; k != nil {
		fmt.Fprintf(&b, "re-identification risk (state, age band, gender, phenomenon, intake year; k=%d):\n", k.K)
		fmt.Fprintf(&b, "  %s of %s records (%.1f %%) are in %s of %s classes smaller than %d\n",
			count(k.RecordsBelowK), count(k.Records), 100*k.Share, count(k.ClassesBelowK), count(k.Classes), k.K)
		if k.ClassesBelowK > 0 {
			parts := make([]string, 0, len(k.Sizes))
			for _, s := range k.Sizes {
				parts = append(parts, fmt.Sprintf("size %d: %d", s.Size, s.Classes))
			}
			fmt.Fprintf(&b, "  classes by size: %s\n", strings.Join(parts, ", "))
		}
		b.WriteString(r.RiskAdvice.String())
	}
	if len(r.NoteCounts) > 0 {
		var parts []string
		for _, c := range PlausibilityCodes {
			if n := r.NoteCounts[c]; n > 0 {
				parts = append(parts, fmt.Sprintf("%s %s", c, count(n)))
			}
		}
		fmt.Fprintf(&b, "plausibility notes (records kept; 'lagebild check FILE' lists them): %s\n", strings.Join(parts, ", "))
	}
	return b.String()
}

// schemaOf names the case-export schema of a file by its schema-2 columns.
func schemaOf(schema2 []string) string {
	if len(schema2) == 0 {
		return "case-export schema 1"
	}
	return fmt.Sprintf("case-export schema 2 (%d of %d new columns)", len(schema2), schema2Count)
}

// count is n with thousands separators (1,234,567), as people read it.
func count(n int64) string { return i18n.Int(n, i18n.EN) }

func listOrNone(s []string) string {
	if len(s) == 0 {
		return "(none)"
	}
	return strings.Join(s, ", ")
}
