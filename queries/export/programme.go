package export

import (
	"lagebild/internal/i18n"
)

// programmeFigure is one programme figure of the policy paper.
type programmeFigure struct {
	key   string
	value float64
}

// policyPaperFigures are the programme figures the policy paper reports
// (docs/policy-paper-excerpts.md, "Programmzahlen" and "Justizkontext"): one provider's own
// count of its cases since 2014, not official statistics.
var policyPaperFigures = []programmeFigure{
	{"p.cases", 408},
	{"p.high", 69},
	{"p.ret", 61},
	{"p.rel", 2},
	{"p.just", 132},
	{"p.justh", 58},
}

// ProgrammeJSON is the programme benchmark of the policy paper, labelled
// as such, and the same figures from the case data when they exist.
type ProgrammeJSON struct {
	Label  string             `json:"label"`
	Source string             `json:"source"`
	Rows   []ProgrammeRowJSON `json:"rows"`
	// Cases is the table computed from the case data (Brief.ProgrammeCases);
	// null when the briefing has none.
	Cases *TableJSON `json:"cases"`
}

// ProgrammeRowJSON is one figure of the policy paper.
type ProgrammeRowJSON struct {
	Label string  `json:"label"`
	Value float64 `json:"value"`
}

// programme is the benchmark block in the language.
func (b *Brief) programme(lang i18n.Lang) ProgrammeJSON {
	p := ProgrammeJSON{Label: bt(lang, "p.label"), Source: bt(lang, "p.cite"), Rows: []ProgrammeRowJSON{}}
	if b.TablesOnly {
		return p
	}
	for _, f := range policyPaperFigures {
		p.Rows = append(p.Rows, ProgrammeRowJSON{Label: bt(lang, f.key), Value: f.value})
	}
	if b.ProgrammeCases != nil {
		t := TableToJSON(b.ProgrammeCases, lang)
		p.Cases = &t
	}
	return p
}
