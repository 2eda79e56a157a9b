package importer

// findingTally counts the quality findings of data lines that
// Options.ExcludeFindings takes out of the error list, and the records
// they leave out of the import. The counts are exact, however many there
// are (unlike the error list, which keeps Options.MaxErrors).
type findingTally struct {
	codes   map[Code]int64
	missing map[string]int64 // column as the file names it → required values missing
	rows    int64            // records with at least one finding
	// file and line of the last finding: a record's problems are
	// reported one after another, so a new record starts where they change.
	lastFile string
	lastLine int
}

func newFindingTally() *findingTally {
	return &findingTally{codes: map[Code]int64{}, missing: map[string]int64{}}
}

func (t *findingTally) add(e FieldError) {
	t.codes[e.Code]++
	if e.Code == CodeRequiredMissing {
		t.missing[e.Column]++
	}
	if e.File != t.lastFile || e.Line != t.lastLine {
		t.rows++
		t.lastFile, t.lastLine = e.File, e.Line
	}
}

// report copies the counts into rep.
func (t *findingTally) report(rep *Report) {
	if t == nil {
		return
	}
	rep.Excluded = t.rows
	rep.Findings = t.codes
	rep.Missing = t.missing
}
