package export

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"lagebild/internal/i18n"

	"lagebild/queries"
	"lagebild/queries/report"
)

// Brief is a briefing: key figures for a year and the main tables, with
// the filter, the protection and the sources they come with.
type Brief struct {
	// AsOf dates the briefing.
	AsOf time.Time
	// Year is the year of the key figures (0: each its latest).
	Year      int
	Filter    queries.Filter
	K         int
	Synthetic bool
	// DataLabel describes the case data, e.g. "synthetic sample".
	DataLabel  string
	KeyFigures []KeyFigure
	Tables     []report.Table
}

// BriefJSON is the stable JSON of a briefing (docs/json-formats.md).
type BriefJSON struct {
	Title string `json:"title"`
	// AsOf is the date of the briefing, YYYY-MM-DD.
	AsOf      string     `json:"as_of"`
	Lang      string     `json:"lang"`
	Year      int        `json:"year"`
	Filter    FilterJSON `json:"filter"`
	K         int        `json:"k"`
	Protected bool       `json:"protected"`
	Synthetic bool       `json:"synthetic"`
	DataLabel string     `json:"data_label"`
	// KeyFigures come first public figures, then case figures.
	KeyFigures []KeyFigureJSON `json:"key_figures"`
	Tables     []TableJSON     `json:"tables"`
	// Sources lists every publication of a public figure used, then the
	// case data.
	Sources []SourceJSON `json:"sources"`
	Notes   []string     `json:"notes"`
}

// FilterJSON is a case filter in JSON; empty lists and nulls mean "all".
type FilterJSON struct {
	FromYear     *int     `json:"from_year"`
	ToYear       *int     `json:"to_year"`
	Phenomena    []string `json:"phenomena"`
	States       []string `json:"states"`
	Risks        []string `json:"risks"`
	AccessRoutes []string `json:"access_routes"`
	AgeBands     []string `json:"age_bands"`
	Custody      *bool    `json:"custody"`
	MultiAgency  *bool    `json:"multi_agency"`
	Returnee     *bool    `json:"returnee"`
	Intrinsic    *bool    `json:"intrinsic"`
}

// FilterToJSON converts a filter.
func FilterToJSON(f queries.Filter) FilterJSON {
	year := func(y int) *int {
		if y == 0 {
			return nil
		}
		return &y
	}
	return FilterJSON{
		FromYear: year(f.FromYear), ToYear: year(f.ToYear),
		Phenomena: nonNil(f.Phenomena), States: nonNil(f.States), Risks: nonNil(f.Risks),
		AccessRoutes: nonNil(f.AccessRoutes), AgeBands: nonNil(f.AgeBands),
		Custody: f.Custody, MultiAgency: f.MultiAgency, Returnee: f.Returnee, Intrinsic: f.Intrinsic,
	}
}

// Title is the briefing's title in the language.
func (b *Brief) Title(lang i18n.Lang) string {
	if b.Year == 0 {
		return T(lang, "brief.title0")
	}
	return T(lang, "brief.title", b.Year)
}

// asOf formats the date: 2025-06-01 in English, 01.06.2025 in German.
func (b *Brief) asOf(lang i18n.Lang) string {
	if lang == i18n.DE {
		return b.AsOf.Format("02.01.2006")
	}
	return b.AsOf.Format("2006-01-02")
}

// caseSource describes the case data as a source.
func (b *Brief) caseSource(lang i18n.Lang) string {
	if b.DataLabel != "" {
		label := b.DataLabel
		if l := i18n.T(lang, "data."+label); l != "data."+label {
			label = l // the store's own label in the language
		}
		return T(lang, "brief.casesource", label, b.K)
	}
	return T(lang, "brief.casesource0", b.K)
}

// sources numbers the publications of the public key figures and tables
// in order of first use; the case data comes last.
func (b *Brief) sources(lang i18n.Lang) (list []SourceJSON, index map[SourceJSON]int) {
	index = map[SourceJSON]int{}
	add := func(s SourceJSON) {
		if _, ok := index[s]; !ok {
			index[s] = len(list) + 1
			list = append(list, s)
		}
	}
	usesCases := false
	for i := range b.KeyFigures {
		kf := &b.KeyFigures[i]
		if kf.Protected {
			usesCases = true
			continue
		}
		if kf.Source != "" {
			add(SourceJSON{Title: kf.Source, Ref: kf.SourceRef})
		}
	}
	for i := range b.Tables {
		if b.Tables[i].Protected {
			usesCases = true
		}
		for _, s := range b.Tables[i].Sources {
			add(SourceJSON{Title: s.Title, Ref: s.Ref})
		}
	}
	if usesCases {
		add(SourceJSON{Title: b.caseSource(lang)})
	}
	return list, index
}

// keyFigureNotes are the notes that define the key figures (the relapse
// rates' definition and follow-up), each once, in order.
func (b *Brief) keyFigureNotes() []string {
	var out []string
	for i := range b.KeyFigures {
		for _, n := range b.KeyFigures[i].Notes {
			if !slices.Contains(out, n) {
				out = append(out, n)
			}
		}
	}
	return out
}

// notes are the briefing's general notes.
func (b *Brief) notes(lang i18n.Lang) []string {
	return []string{
		T(lang, "brief.protection", T(lang, "protected", b.K)),
		T(lang, "brief.changenote"),
		T(lang, "brief.ratenote"),
	}
}

// WriteMarkdown writes the briefing for pasting into a document: title,
// dated "as of" line with filter and k, the synthetic-data banner when the
// case data is synthetic, the key figures, the tables, the sources and
// the legend of the withheld mark.
func (b *Brief) WriteMarkdown(w io.Writer, lang i18n.Lang) error {
	var s strings.Builder
	fmt.Fprintf(&s, "# %s\n\n", mdEscape(b.Title(lang)))
	fmt.Fprintf(&s, "%s: %s · %s: %s · k = %d\n\n", T(lang, "brief.asof"), b.asOf(lang),
		T(lang, "brief.filter"), mdEscape(FilterText(b.Filter, lang)), b.K)
	if b.Synthetic {
		fmt.Fprintf(&s, "> %s\n\n", T(lang, "brief.synthetic"))
	}
	notes := b.notes(lang)
	s.WriteString(notes[0] + "\n\n")
	list, index := b.sources(lang)
	caseRef := strconv.Itoa(len(list))
	fmt.Fprintf(&s, "## %s\n\n", T(lang, "brief.keyfigures"))
	if _, err := io.WriteString(w, s.String()); err != nil {
		return err
	}
	s.Reset()
	ref := func(kf *KeyFigure) string {
		if kf.Protected {
			return "[" + caseRef + "]"
		}
		if n, ok := index[SourceJSON{Title: kf.Source, Ref: kf.SourceRef}]; ok {
			return "[" + strconv.Itoa(n) + "]"
		}
		return NoDataMark
	}
	if err := WriteKeyFiguresMarkdown(w, b.KeyFigures, lang, ref); err != nil {
		return err
	}
	s.WriteString("\n" + notes[1] + " " + notes[2] + "\n")
	for _, n := range b.keyFigureNotes() {
		s.WriteString("\n" + T(lang, "note") + ": " + mdEscape(NoteText(n, lang)) + "\n")
	}
	for i := range b.Tables {
		s.WriteString("\n")
		if err := WriteTableMarkdown(&s, &b.Tables[i], lang, 2); err != nil {
			return err
		}
	}
	fmt.Fprintf(&s, "\n## %s\n\n", T(lang, "sources"))
	for i, src := range list {
		if src.Ref != "" {
			fmt.Fprintf(&s, "%d. [%s](%s)\n", i+1, mdEscape(src.Title), src.Ref)
		} else {
			fmt.Fprintf(&s, "%d. %s\n", i+1, mdEscape(src.Title))
		}
	}
	if b.anyWithheld() {
		fmt.Fprintf(&s, "\n---\n\n%s\n", Legend(b.K, lang))
	}
	_, err := io.WriteString(w, s.String())
	return err
}

func (b *Brief) anyWithheld() bool {
	for i := range b.Tables {
		if b.Tables[i].AnyState(report.Withheld) {
			return true
		}
	}
	for _, kf := range b.KeyFigures {
		if kf.Current.State == report.Withheld || kf.Previous.State == report.Withheld || kf.Change.State == report.Withheld {
			return true
		}
	}
	return false
}

// WriteCSV writes the briefing as one tidy CSV table (see CSVHeader).
func (b *Brief) WriteCSV(w io.Writer) error { return WriteCSV(w, b.KeyFigures, b.Tables) }

// ToJSON converts the briefing, labels in the language.
func (b *Brief) ToJSON(lang i18n.Lang) BriefJSON {
	list, _ := b.sources(lang)
	out := BriefJSON{
		Title: b.Title(lang), AsOf: b.AsOf.Format("2006-01-02"), Lang: string(lang), Year: b.Year,
		Filter: FilterToJSON(b.Filter), K: b.K, Protected: true, Synthetic: b.Synthetic, DataLabel: b.DataLabel,
		KeyFigures: []KeyFigureJSON{}, Tables: []TableJSON{}, Sources: list, Notes: b.notes(lang),
	}
	if out.Sources == nil {
		out.Sources = []SourceJSON{}
	}
	for i := range b.KeyFigures {
		out.KeyFigures = append(out.KeyFigures, KeyFigureToJSON(&b.KeyFigures[i], lang))
	}
	for i := range b.Tables {
		out.Tables = append(out.Tables, TableToJSON(&b.Tables[i], lang))
	}
	return out
}

// WriteJSON writes the briefing as JSON (BriefJSON).
func (b *Brief) WriteJSON(w io.Writer, lang i18n.Lang) error { return WriteJSON(w, b.ToJSON(lang)) }
