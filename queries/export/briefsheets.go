package export

import (
	"strconv"
	"strings"

	"lagebild/datasets/figures"
	"lagebild/internal/i18n"
	"lagebild/queries"
	"lagebild/queries/report"
)

// sheet is one block of a briefing laid out as a grid, for the writers
// that need cells rather than text (xlsx, html): every number a cell of
// its own with the value of the JSON, the text people read beside it.
type sheet struct {
	// id names the block ("messages", "key_figures", "notes", "cases",
	// "programme", "sources"); title is its heading with its years.
	id, title string
	parts     []sheetPart
}

// sheetPart is a titled grid in a sheet: a table of case data, the
// coverage lines, the key figures. name is the table's catalogue name
// for case tables (the JSON's tables[].name), else "".
type sheetPart struct {
	name, title string
	header      []string
	rows        [][]sheetCell
	notes       []string
}

// sheetCell is a text, or a number with its text for people; a withheld
// number has no value and says so.
type sheetCell struct {
	text     string
	value    *float64
	withheld bool
	// format is the spreadsheet number format of a value.
	format string
}

func textCell(s string) sheetCell { return sheetCell{text: s} }

// numberCell is a published cell of a table or key figure.
func numberCell(c report.Cell, kind queries.Kind, text string) sheetCell {
	switch c.State {
	case report.Withheld:
		return sheetCell{text: text, withheld: true}
	case report.Missing:
		return sheetCell{text: text}
	}
	v := c.V
	return sheetCell{text: text, value: &v, format: numberFormat(kind)}
}

// shownNumber is a number that is always shown (a year, a figure of the
// policy paper).
func shownNumber(v float64, text, format string) sheetCell {
	return sheetCell{text: text, value: &v, format: format}
}

// numberFormat is the spreadsheet format of a kind: counts with
// thousands separators, shares and rates as percentages.
func numberFormat(kind queries.Kind) string {
	switch kind {
	case queries.KindShare, queries.KindRate:
		return "0.0%"
	case queries.KindMedian:
		return "0.0"
	case report.KindYear:
		return "0"
	}
	return "#,##0"
}

// sheets lays the briefing out block by block.
func (b *Brief) sheets(lang i18n.Lang) []sheet {
	years := b.years()
	list, index := b.sources(lang)
	var out []sheet

	if b.TablesOnly {
		return []sheet{b.casesSheet(lang, years)}
	}
	msgs := sheetPart{header: []string{bt(lang, "col.no"), bt(lang, "col.message")}}
	for i, m := range b.KeyMessages(lang) {
		msgs.rows = append(msgs.rows, []sheetCell{shownNumber(float64(i+1), strconv.Itoa(i+1), "0"), textCell(m)})
	}
	out = append(out, sheet{id: "messages", title: bt(lang, "h.messages"), parts: []sheetPart{msgs}})

	kfs := sheetPart{name: KeyFiguresTable, header: []string{T(lang, "brief.figure"), T(lang, "brief.year"), T(lang, "brief.value"),
		T(lang, "brief.previous"), T(lang, "brief.change"), T(lang, "brief.unit"), T(lang, "source"),
		bt(lang, "col.date"), bt(lang, "col.address"), bt(lang, "col.note")}}
	for _, kf := range b.allFigures() {
		kfs.rows = append(kfs.rows, b.keyFigureRow(&kf, lang, list, index))
	}
	kfs.notes = b.notes(lang)[1:]
	out = append(out, sheet{id: "key_figures", title: bt(lang, "h.keyfigures") + " (" +
		bt(lang, "kf.yearspan", spanText(years.PublicFigures), spanText(years.CaseFigures)) + ")", parts: []sheetPart{kfs}})

	notes := sheetPart{header: []string{T(lang, "note")}}
	for _, d := range append(b.definitions(lang), b.notes(lang)...) {
		notes.rows = append(notes.rows, []sheetCell{textCell(d)})
	}
	out = append(out, sheet{id: "notes", title: bt(lang, "h.notes"), parts: []sheetPart{notes}})

	out = append(out, b.casesSheet(lang, years))

	p := b.programme(lang)
	prog := sheetPart{title: p.Label, header: []string{bt(lang, "col.item"), bt(lang, "col.value")},
		notes: []string{T(lang, "source") + ": " + p.Source}}
	for _, r := range p.Rows {
		prog.rows = append(prog.rows, []sheetCell{textCell(r.Label), shownNumber(r.Value, i18n.Number(r.Value, lang), "#,##0")})
	}
	progSheet := sheet{id: "programme", title: bt(lang, "h.programme"), parts: []sheetPart{prog}}
	if b.ProgrammeCases != nil {
		progSheet.parts[0].notes = append(progSheet.parts[0].notes, bt(lang, "p.beside"))
		progSheet.parts = append(progSheet.parts, tablePart(b.ProgrammeCases, lang))
	} else {
		progSheet.parts[0].notes = append(progSheet.parts[0].notes, bt(lang, "p.slot"))
	}
	out = append(out, progSheet)

	srcs := sheetPart{header: []string{bt(lang, "col.no"), bt(lang, "col.publisher"), bt(lang, "col.title"),
		bt(lang, "col.date"), bt(lang, "col.address")}}
	for i, s := range list {
		srcs.rows = append(srcs.rows, []sheetCell{shownNumber(float64(i+1), strconv.Itoa(i+1), "0"),
			textCell(s.Publisher), textCell(s.Title), textCell(sourceDateText(s, lang)), textCell(s.Ref)})
	}
	out = append(out, sheet{id: "sources", title: bt(lang, "h.sources"), parts: []sheetPart{srcs}})
	return out
}

// casesSheet is block 4: the coverage of the case data and its tables.
func (b *Brief) casesSheet(lang i18n.Lang, years YearsJSON) sheet {
	cover := sheetPart{header: []string{bt(lang, "col.item"), bt(lang, "col.value")}}
	for _, l := range b.coverageLines(lang) {
		cover.rows = append(cover.rows, []sheetCell{textCell(l[0]), textCell(l[1])})
	}
	cases := sheet{id: "cases", title: bt(lang, "h.cases") + " (" + bt(lang, "cases.years", spanText(years.CaseTables)) + ")",
		parts: []sheetPart{cover}}
	for i := range b.Tables {
		cases.parts = append(cases.parts, tablePart(&b.Tables[i], lang))
	}
	return cases
}

// keyFigureRow is a key figure's line: the values of the JSON as numbers,
// the source's number and date, its address and caveats as columns.
func (b *Brief) keyFigureRow(kf *KeyFigure, lang i18n.Lang, list []SourceJSON, index map[SourceJSON]int) []sheetCell {
	year := textCell(NoDataMark)
	if kf.Year != 0 {
		year = shownNumber(float64(kf.Year), strconv.Itoa(kf.Year), "0")
	}
	valueKind := kf.Kind
	if kf.Unit == "share" && kf.Kind != queries.KindRate {
		valueKind = queries.KindShare
	}
	var flags []string
	for _, f := range kf.Flags {
		flags = append(flags, flagLabel(f, lang))
	}
	note := strings.Join(flags, ", ")
	if kf.Note != "" {
		// the figure's own note, in the language (figures.NoteIn)
		if note != "" {
			note += ": "
		}
		note += figures.NoteIn(kf.Note, lang)
	}
	changeFormat := "+0.0%;−0.0%;0.0%"
	change := numberCell(kf.Change, queries.KindShare, FormatChange(kf, lang))
	if change.value != nil {
		change.format = changeFormat
	}
	return []sheetCell{
		textCell(KeyFigureLabel(kf, lang)), year,
		numberCell(kf.Current, valueKind, formatKeyValue(kf.Current, kf, lang)),
		numberCell(kf.Previous, valueKind, formatKeyValue(kf.Previous, kf, lang)),
		change, textCell(UnitLabel(kf.Unit, lang)),
		textCell(b.sourceRef(kf, list, index)), textCell(kf.SourceDate.Format(lang)), textCell(kf.SourceRef), textCell(note),
	}
}

// tablePart lays out a table as tableGrid does, with the values.
func tablePart(t *report.Table, lang i18n.Lang) sheetPart {
	grid := tableGrid(t, lang)
	cols, rows := t.Kinds()
	p := sheetPart{name: t.ID, title: TableTitle(t, lang), header: grid[0]}
	for i := range t.RowCodes {
		line := []sheetCell{textCell(grid[i+1][0])}
		for j := range t.ColCodes {
			line = append(line, numberCell(t.Cells[i][j], t.KindOf(cols, rows, i, j), grid[i+1][j+1]))
		}
		if t.RowTotals != nil {
			line = append(line, numberCell(t.RowTotals[i], t.Kind, grid[i+1][len(t.ColCodes)+1]))
		}
		p.rows = append(p.rows, line)
	}
	if t.ColTotals != nil {
		g := grid[len(grid)-1]
		line := []sheetCell{textCell(g[0])}
		for j := range t.ColCodes {
			line = append(line, numberCell(t.ColTotals[j], t.KindOf(cols, rows, -1, j), g[j+1]))
		}
		if t.RowTotals != nil {
			if t.Total != nil {
				line = append(line, numberCell(*t.Total, t.Kind, g[len(g)-1]))
			} else {
				line = append(line, textCell(NoDataMark))
			}
		}
		p.rows = append(p.rows, line)
	}
	p.notes = append(p.notes, capitalise(Protection(t, lang))+" · "+T(lang, "source")+": "+sourceText(t, lang, false))
	for _, n := range t.Notes {
		p.notes = append(p.notes, NoteText(n, lang))
	}
	return p
}
