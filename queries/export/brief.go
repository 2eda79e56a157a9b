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

// Brief is a briefing in five blocks (docs/json-formats.md): 1 key
// messages, 2 key figures with their sources and dates, 3 notes and
// definitions, 4 the providers' case data (tables, coverage, filter; the
// programme figures of the policy paper beside them), 5 the sources in
// full. Each block states its own reporting years.
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
	// Context are public figures the key messages cite beside the key
	// figures (AfDComponentID); they are listed with the key figures.
	Context []KeyFigure
	Tables  []report.Table
	// CaseFirst and CaseLast are the years the case tables cover (0:
	// unknown).
	CaseFirst, CaseLast int
	// Coverage names the providers and import dates of the case data.
	Coverage queries.Coverage
	// ProgrammeCases, when set, is the programme benchmark computed from
	// the case data, shown beside the policy paper's figures.
	ProgrammeCases *report.Table
	// Round rounds the numbers of the key messages for a speaking note.
	Round bool
	// TablesOnly is an export of a view's tables (the TUI's e): the
	// blocks of the briefing without the key messages, key figures,
	// definitions and programme figures.
	TablesOnly bool
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
	// Years are the reporting years per block.
	Years       YearsJSON `json:"years"`
	KeyMessages []string  `json:"key_messages"`
	// KeyFigures come first public figures, then case figures, then the
	// context figures of the key messages.
	KeyFigures []KeyFigureJSON `json:"key_figures"`
	// Definitions are block 3: definitions, coverage and series breaks.
	Definitions []string      `json:"definitions"`
	Coverage    CoverageJSON  `json:"coverage"`
	Tables      []TableJSON   `json:"tables"`
	Programme   ProgrammeJSON `json:"programme"`
	// Sources lists every publication of a public figure used, then the
	// case data.
	Sources []SourceJSON `json:"sources"`
	Notes   []string     `json:"notes"`
}

// YearsJSON are the reporting years of the blocks; a span is null when
// the block has no data.
type YearsJSON struct {
	// PublicFigures and CaseFigures are the years of the key figures
	// (block 2), CaseTables those of the case tables (block 4).
	PublicFigures *SpanJSON `json:"public_figures"`
	CaseFigures   *SpanJSON `json:"case_figures"`
	CaseTables    *SpanJSON `json:"case_tables"`
}

// SpanJSON is a span of years.
type SpanJSON struct {
	From int `json:"from"`
	To   int `json:"to"`
}

// CoverageJSON names the providers and import dates of the case data.
type CoverageJSON struct {
	Providers []string `json:"providers"`
	// FirstImport and LastImport are YYYY-MM-DD, "" without an import log.
	FirstImport string `json:"first_import"`
	LastImport  string `json:"last_import"`
	// FilterText is the filter in words; FilterIgnoredByPublic says the
	// public figures ignore it (always true).
	FilterText            string `json:"filter_text"`
	FilterIgnoredByPublic bool   `json:"filter_ignored_by_public_figures"`
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

// Title is the briefing's title: no year, since the blocks have years
// of their own (Years).
func (b *Brief) Title(lang i18n.Lang) string { return bt(lang, "title") }

// asOf formats the date: 2025-06-01 in English, 01.06.2025 in German.
func (b *Brief) asOf(lang i18n.Lang) string { return formatDate(b.AsOf, lang) }

func formatDate(t time.Time, lang i18n.Lang) string {
	if lang == i18n.DE {
		return t.Format("02.01.2006")
	}
	return t.Format("2006-01-02")
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

// years are the reporting years of the public key figures, the case key
// figures and the case tables.
func (b *Brief) years() YearsJSON {
	var y YearsJSON
	widen := func(s **SpanJSON, from, to int) {
		if from == 0 {
			return
		}
		if *s == nil {
			*s = &SpanJSON{From: from, To: to}
			return
		}
		(*s).From, (*s).To = min((*s).From, from), max((*s).To, to)
	}
	for _, kf := range b.KeyFigures {
		if kf.Protected {
			widen(&y.CaseFigures, kf.Year, kf.Year)
		} else {
			widen(&y.PublicFigures, kf.Year, kf.Year)
		}
	}
	if len(b.Tables) > 0 {
		widen(&y.CaseTables, b.CaseFirst, b.CaseLast)
	}
	return y
}

// spanText writes a span of years, "2023–2024", or the no-data mark.
func spanText(s *SpanJSON) string {
	switch {
	case s == nil:
		return NoDataMark
	case s.From == s.To:
		return strconv.Itoa(s.From)
	}
	return strconv.Itoa(s.From) + "–" + strconv.Itoa(s.To)
}

// allFigures are the key figures and the context figures.
func (b *Brief) allFigures() []KeyFigure {
	return append(append([]KeyFigure(nil), b.KeyFigures...), b.Context...)
}

// sources numbers the publications of the public key figures and tables
// in order of first use; the case data comes last.
func (b *Brief) sources(lang i18n.Lang) (list []SourceJSON, index map[SourceJSON]int) {
	index = map[SourceJSON]int{}
	add := func(title, ref string) {
		key := SourceJSON{Title: title, Ref: ref}
		if _, ok := index[key]; !ok {
			index[key] = len(list) + 1
			list = append(list, sourceOf(title, ref))
		}
	}
	usesCases := false
	for _, kf := range b.allFigures() {
		if kf.Protected {
			usesCases = true
			continue
		}
		if kf.Source != "" {
			add(kf.Source, kf.SourceRef)
		}
	}
	for i := range b.Tables {
		if b.Tables[i].Protected {
			usesCases = true
		}
		for _, s := range b.Tables[i].Sources {
			add(s.Title, s.Ref)
		}
	}
	if usesCases {
		add(b.caseSource(lang), "")
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

// sourceRef is the number of a key figure's source in the list of
// sources ("[3]"), the case data's number for a case figure.
func (b *Brief) sourceRef(kf *KeyFigure, list []SourceJSON, index map[SourceJSON]int) string {
	if kf.Protected {
		return "[" + strconv.Itoa(len(list)) + "]"
	}
	if n, ok := index[SourceJSON{Title: kf.Source, Ref: kf.SourceRef}]; ok {
		return "[" + strconv.Itoa(n) + "]"
	}
	return NoDataMark
}

// sourceDate is the "source, date" text of a key figure: the source's
// number and its publication date, in the language, when the source
// states one.
func (b *Brief) sourceDate(kf *KeyFigure, list []SourceJSON, index map[SourceJSON]int, lang i18n.Lang) string {
	s := b.sourceRef(kf, list, index)
	if d := kf.SourceDate.Format(lang); d != "" {
		s += ", " + d
	}
	return s
}

// notes are the briefing's general notes.
func (b *Brief) notes(lang i18n.Lang) []string {
	return []string{
		T(lang, "brief.protection", T(lang, "protected", b.K)),
		T(lang, "brief.changenote"),
		T(lang, "brief.ratenote"),
	}
}

// definitions are block 3: the definitions a reader needs to read the
// figures, the coverage of both kinds of data and every series break in
// the key figures' series.
func (b *Brief) definitions(lang i18n.Lang) []string {
	out := []string{bt(lang, "d.potential"), bt(lang, "d.extremist"), bt(lang, "d.violence"),
		bt(lang, "d.afd"), bt(lang, "d.relapse"), bt(lang, "d.coverage")}
	for i := range b.KeyFigures {
		kf := &b.KeyFigures[i]
		if len(kf.Breaks) == 0 {
			continue
		}
		years := make([]string, len(kf.Breaks))
		for j, y := range kf.Breaks {
			years[j] = strconv.Itoa(y)
		}
		out = append(out, bt(lang, "d.breakof", KeyFigureLabel(kf, lang), strings.Join(years, ", ")))
	}
	return out
}

// coverage is block 4's statement of the case data: providers, import
// dates and the filter, which the public figures ignore.
func (b *Brief) coverage(lang i18n.Lang) CoverageJSON {
	c := CoverageJSON{Providers: nonNil(b.Coverage.Providers), FilterText: FilterText(b.Filter, lang), FilterIgnoredByPublic: true}
	if !b.Coverage.FirstImport.IsZero() {
		c.FirstImport = b.Coverage.FirstImport.Format("2006-01-02")
		c.LastImport = b.Coverage.LastImport.Format("2006-01-02")
	}
	return c
}

// coverageLines are the coverage in words: providers, imports, filter and
// that the public figures ignore it.
func (b *Brief) coverageLines(lang i18n.Lang) [][2]string {
	providers := strings.Join(b.Coverage.Providers, ", ")
	if providers == "" {
		providers = bt(lang, "c.nolog")
	}
	imported := bt(lang, "c.nolog")
	if !b.Coverage.FirstImport.IsZero() {
		imported = formatDate(b.Coverage.FirstImport, lang)
		if last := formatDate(b.Coverage.LastImport, lang); last != imported {
			imported += " – " + last
		}
	}
	return [][2]string{
		{bt(lang, "c.providers"), providers},
		{bt(lang, "c.imported"), imported},
		{bt(lang, "c.filter"), FilterText(b.Filter, lang) + ". " + bt(lang, "c.ignore")},
	}
}

// WriteMarkdown writes the briefing for pasting into a document: title,
// dated "as of" line with filter and k, the reporting years of the blocks,
// the synthetic-data banner when the case data is synthetic, then the five
// blocks and the legend of the withheld mark.
func (b *Brief) WriteMarkdown(w io.Writer, lang i18n.Lang) error {
	var s strings.Builder
	years := b.years()
	fmt.Fprintf(&s, "# %s\n\n", mdEscape(b.Title(lang)))
	fmt.Fprintf(&s, "%s: %s · %s: %s · k = %d  \n%s\n\n", T(lang, "brief.asof"), b.asOf(lang),
		T(lang, "brief.filter"), mdEscape(FilterText(b.Filter, lang)), b.K,
		bt(lang, "years", spanText(years.PublicFigures), spanText(years.CaseFigures), spanText(years.CaseTables)))
	if b.Synthetic {
		fmt.Fprintf(&s, "> %s\n\n", T(lang, "brief.synthetic"))
	}
	notes := b.notes(lang)
	s.WriteString(notes[0] + "\n\n")
	if msgs := b.KeyMessages(lang); len(msgs) > 0 {
		fmt.Fprintf(&s, "## %s\n\n", bt(lang, "h.messages"))
		for _, m := range msgs {
			s.WriteString("- " + m + "\n")
		}
		s.WriteString("\n")
	}
	list, index := b.sources(lang)
	fmt.Fprintf(&s, "## %s (%s)\n\n", bt(lang, "h.keyfigures"),
		bt(lang, "kf.yearspan", spanText(years.PublicFigures), spanText(years.CaseFigures)))
	if err := WriteKeyFiguresMarkdown(&s, b.allFigures(), lang, func(kf *KeyFigure) string {
		return b.sourceDate(kf, list, index, lang)
	}); err != nil {
		return err
	}
	s.WriteString("\n" + notes[1] + " " + notes[2] + "\n")
	for _, n := range b.keyFigureNotes() {
		s.WriteString("\n" + T(lang, "note") + ": " + mdEscape(NoteText(n, lang)) + "\n")
	}
	fmt.Fprintf(&s, "\n## %s\n\n", bt(lang, "h.notes"))
	for _, d := range b.definitions(lang) {
		s.WriteString("- " + mdEscape(d) + "\n")
	}
	fmt.Fprintf(&s, "\n## %s (%s)\n\n", bt(lang, "h.cases"), bt(lang, "cases.years", spanText(years.CaseTables)))
	for _, l := range b.coverageLines(lang) {
		fmt.Fprintf(&s, "- %s: %s\n", l[0], mdEscape(l[1]))
	}
	for i := range b.Tables {
		s.WriteString("\n")
		if err := WriteTableMarkdown(&s, &b.Tables[i], lang, 3); err != nil {
			return err
		}
	}
	p := b.programme(lang)
	fmt.Fprintf(&s, "\n### %s\n\n*%s*\n\n", bt(lang, "h.programme"), p.Label)
	MarkdownRow(&s, []string{bt(lang, "col.item"), bt(lang, "col.value")})
	s.WriteString("|---|---:|\n")
	for _, r := range p.Rows {
		MarkdownRow(&s, []string{r.Label, i18n.Number(r.Value, lang)})
	}
	fmt.Fprintf(&s, "\n%s: %s\n", T(lang, "source"), p.Source)
	if b.ProgrammeCases != nil {
		s.WriteString("\n" + bt(lang, "p.beside") + "\n\n")
		if err := WriteTableMarkdown(&s, b.ProgrammeCases, lang, 4); err != nil {
			return err
		}
	} else {
		s.WriteString("\n" + bt(lang, "p.slot") + "\n")
	}
	fmt.Fprintf(&s, "\n## %s\n\n", bt(lang, "h.sources"))
	for i, src := range list {
		fmt.Fprintf(&s, "%d. %s\n", i+1, sourceLine(src, lang, true))
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

// WriteCSV writes the briefing as one tidy CSV table (see CSVHeader): the
// key figures, the case tables and the programme figures of the case data.
func (b *Brief) WriteCSV(w io.Writer) error {
	tables := b.Tables
	if b.ProgrammeCases != nil {
		tables = append(slices.Clone(tables), *b.ProgrammeCases)
	}
	return WriteCSV(w, b.allFigures(), tables)
}

// ToJSON converts the briefing, labels in the language.
func (b *Brief) ToJSON(lang i18n.Lang) BriefJSON {
	list, _ := b.sources(lang)
	out := BriefJSON{
		Title: b.Title(lang), AsOf: b.AsOf.Format("2006-01-02"), Lang: string(lang), Year: b.Year,
		Filter: FilterToJSON(b.Filter), K: b.K, Protected: true, Synthetic: b.Synthetic, DataLabel: b.DataLabel,
		Years: b.years(), KeyMessages: nonNil(b.KeyMessages(lang)), KeyFigures: []KeyFigureJSON{},
		Definitions: b.definitions(lang), Coverage: b.coverage(lang), Tables: []TableJSON{},
		Programme: b.programme(lang), Sources: list, Notes: b.notes(lang),
	}
	if out.Sources == nil {
		out.Sources = []SourceJSON{}
	}
	for _, kf := range b.allFigures() {
		out.KeyFigures = append(out.KeyFigures, KeyFigureToJSON(&kf, lang))
	}
	for i := range b.Tables {
		out.Tables = append(out.Tables, TableToJSON(&b.Tables[i], lang))
	}
	return out
}

// WriteJSON writes the briefing as JSON (BriefJSON).
func (b *Brief) WriteJSON(w io.Writer, lang i18n.Lang) error { return WriteJSON(w, b.ToJSON(lang)) }
