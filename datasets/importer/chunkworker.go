package importer

import (
	"math"
	"strings"

	"lagebild/datasets/store"
)

// chunkWorker validates the records of chunks on a goroutine of its own:
// what a record needs alone (the schema's rules, generalisation, the
// pseudonym, the record key, the plausibility rules and the column
// values) is done here, on as many workers as there are cores, while
// everything that depends on the order of the records is left to
// scanFile. Each worker has its own validator, pseudonymiser and record
// keyer: none of them is safe for concurrent use.
type chunkWorker struct {
	v     rowValidator
	errs  errorList // collects every problem of a chunk, unbounded
	pseud *pseudonymiser
	keyer *store.RecordKeyer // nil: no values to make (validation only)
	// providers interns provider codes, so that a case's values and the
	// run's reports keep no record's line alive.
	providers map[string]string
}

func newChunkWorker(r *run, file string, l *layout, values bool) *chunkWorker {
	w := &chunkWorker{
		errs:      errorList{max: math.MaxInt},
		pseud:     newPseudonymiser(r.opts.Key, r.opts.IDsPseudonymous),
		providers: make(map[string]string),
	}
	w.v = rowValidator{file: file, l: l, errs: &w.errs}
	if values && r.keySecret != nil {
		w.keyer = store.NewRecordKeyer(r.keySecret)
	}
	return w
}

// work checks every record of c and records the outcome in c.
func (w *chunkWorker) work(c *chunk) {
	w.errs.list = c.errs[:0]
	c.notes = c.notes[:0]
	start := 0
	for i := 0; i < c.n; i++ {
		row := &c.rows[i]
		rec := c.fields[start:row.fieldsEnd]
		start = row.fieldsEnd
		row.blank = blank(rec)
		row.valid, row.emit = false, false
		if !row.blank && w.v.check(rec, row.line) {
			w.accept(c, row)
		}
		row.errsEnd = len(w.errs.list)
		row.notesEnd = len(c.notes)
	}
	c.errs = w.errs.list
	w.errs.total = 0
}

// accept completes a valid record: pseudonym, duplicate key, notes and,
// when a writer waits, record key and column values.
func (w *chunkWorker) accept(c *chunk, row *chunkRow) {
	cs := &w.v.c
	p, ok := w.providers[cs.Provider]
	if !ok {
		p = strings.Clone(cs.Provider)
		w.providers[p] = p
	}
	cs.Provider = p
	raw := cs.CaseID
	id, key := w.pseud.pseudonym(p, raw)
	row.valid, row.provider, row.rawID, row.key = true, p, raw, key
	plausibilityOf(cs, func(code Code) { c.notes = append(c.notes, code) })
	if w.keyer != nil {
		cs.CaseID = id
		cs.RKey = w.keyer.Key(p, raw) // the export's identity, not the pseudonym
		row.cs.set(cs)
	}
}
