package figures

import (
	"bytes"
	_ "embed"
	"slices"
	"sync"
)

// EmbeddedFile is the file name of the embedded figures in Figure.File and
// in error messages.
const EmbeddedFile = "<embedded>/public_figures.csv"

// embeddedCSV is the verified starting set, transcribed from
// docs/facts/public_figures.csv (TestEmbeddedMatchesSharedFacts keeps it
// in sync row by row).
//
//go:embed public_figures.csv
var embeddedCSV []byte

var embedded = sync.OnceValue(func() []Figure {
	fs, err := Load(bytes.NewReader(embeddedCSV), EmbeddedFile)
	if err != nil {
		panic("figures: the embedded public_figures.csv is invalid:\n" + err.Error())
	}
	return fs
})

// Embedded returns the public figures compiled into the binary, in file
// order. The file is parsed once; each call returns a fresh copy of the
// slice. It panics only if the embedded file is invalid, which the package
// tests rule out.
func Embedded() []Figure {
	return slices.Clone(embedded())
}
