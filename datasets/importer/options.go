package importer

// Options control an import.
type Options struct {
	// Key is the pseudonymisation key (at least MinKeyLen bytes, see
	// LoadKey), so a re-import of the same export gives the same
	// pseudonyms. It has nothing to do with the record keys of the
	// disclosure control: those are keyed by the store's own secret
	// (store.RecordKeyer), so they stay the same under another key.
	Key []byte
	// RecordKeyFrom is the path of another store whose record-key secret
	// a new store takes instead of a random one, so that importing the
	// same export gives the same record keys and published numbers there.
	// For a store that already has a secret it must name a store with the
	// same secret (ErrRecordKeyConflict).
	RecordKeyFrom string
	// IDsPseudonymous says the case ids in the exports already are
	// pseudonyms: they are stored as given. Without it and without a Key
	// the import is refused (ErrNoKey).
	IDsPseudonymous bool
	// Synthetic says the exports are synthetic (written by lagebild gen):
	// a new store is labelled synthetic (store.MetaSynthetic), and a
	// store stays so only while every import into it is synthetic.
	Synthetic bool
	// DropUnknown drops (and reports) columns that are not in the schema
	// instead of failing. Columns that look like direct identifiers fail
	// the import regardless.
	DropUnknown bool
	// K is the threshold of the re-identification risk report; default 5.
	K int
	// MaxErrors is how many validation errors are kept and listed;
	// default 100. All are counted.
	MaxErrors int
	// ExcludeFindings leaves the records with quality findings (codes
	// whose Code.Finding is true: required values missing, implausible
	// dates or outcomes, duplicate case keys) out of the import instead of
	// failing it, and counts them exactly in Report.Excluded, Findings and
	// Missing. Any other problem still fails the import. For the
	// evaluator's report (lagebild check), never for a store of record.
	ExcludeFindings bool
	// Progress, if set, is called every ProgressEvery rows of a file and
	// once at its end with the rows read so far.
	Progress func(file string, rows int64)
	// OnRead, if set, is called every few thousand rows of a file and at
	// its end with how far the file is read (rows, bytes, size), for a
	// display of rate and time left. It runs on the reading goroutine:
	// it must be quick and throttle its own output.
	OnRead func(ReadProgress)
	// Notice, if set, is told what ImportToStore does beyond importing,
	// as it happens: that it waits for another import into the same store,
	// that it removed the leftovers of a killed one. For people, not for
	// decisions.
	Notice func(msg string)

	// failAfterRows makes the write fail after that many rows were
	// appended (tests only; 0 = never).
	failAfterRows int64
	// scanWorkers and chunkRows set how many goroutines validate records
	// and how many records travel together (tests only; 0 = the defaults:
	// one worker per core, defaultChunkRows).
	scanWorkers int
	chunkRows   int
}

// ProgressEvery is how often (in rows) Options.Progress is called.
const ProgressEvery = 50_000

// Defaults of Options.
const (
	DefaultK         = 5
	DefaultMaxErrors = 100
)

func (o Options) withDefaults() Options {
	if o.K <= 0 {
		o.K = DefaultK
	}
	if o.MaxErrors <= 0 {
		o.MaxErrors = DefaultMaxErrors
	}
	if o.Notice == nil {
		o.Notice = func(string) {}
	}
	return o
}

// check refuses options that cannot give a safe import.
func (o Options) check() error {
	if len(o.Key) == 0 && !o.IDsPseudonymous {
		return ErrNoKey
	}
	if len(o.Key) > 0 {
		return checkKeyStrength(o.Key, "the options")
	}
	return nil
}
