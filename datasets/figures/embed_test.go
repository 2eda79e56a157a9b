package figures

import (
	"bytes"
	"strings"
	"testing"
)

const embeddedRows = 252

func TestEmbeddedLoads(t *testing.T) {
	fs, err := Load(bytes.NewReader(embeddedCSV), EmbeddedFile)
	if err != nil {
		t.Fatalf("embedded file is invalid:\n%v", err)
	}
	if len(fs) != embeddedRows {
		t.Errorf("embedded file has %d figures, want %d", len(fs), embeddedRows)
	}
	got := Embedded()
	if len(got) != embeddedRows {
		t.Fatalf("Embedded() returned %d figures, want %d", len(got), embeddedRows)
	}
	for i, f := range got {
		if f != fs[i] {
			t.Errorf("Embedded()[%d] = %+v, want %+v", i, f, fs[i])
		}
		if f.File != EmbeddedFile || f.Line != i+2 {
			t.Errorf("Embedded()[%d] read from %s:%d, want %s:%d", i, f.File, f.Line, EmbeddedFile, i+2)
		}
	}
}

func TestEmbeddedHeader(t *testing.T) {
	first, _, _ := bytes.Cut(embeddedCSV, []byte("\n"))
	if want := "year,indicator,phenomenon,value,unit,source,source_ref,note,quote"; string(first) != want {
		t.Errorf("header %q, want %q", first, want)
	}
	if want := strings.Join(columnNames[:colQuote], ","); Header != want {
		t.Errorf("Header = %q, want %q", Header, want)
	}
}

func TestEmbeddedReturnsCopy(t *testing.T) {
	a := Embedded()
	a[0].Value = -1
	a[0].Source = ""
	if b := Embedded(); b[0].Value == -1 || b[0].Source == "" {
		t.Error("changing the slice from Embedded() changed the embedded figures")
	}
}

func TestEmbeddedEverySourced(t *testing.T) {
	for _, f := range Embedded() {
		if f.Source == "" || f.SourceRef == "" || f.Quote == "" {
			t.Errorf("%s:%d: source %q, source_ref %q, quote %q: all three required in the embedded set",
				f.File, f.Line, f.Source, f.SourceRef, f.Quote)
		}
	}
}
