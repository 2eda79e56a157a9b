package export

import (
	"strconv"

	"lagebild/internal/i18n"
	"lagebild/queries"
	"lagebild/queries/report"
)

// tsvNumber writes a cell for a spreadsheet: the number with '.' as the
// decimal point and no thousands separator whatever the UI's language, at
// the precision the UI shows (counts and years whole, shares and rates in
// percent with one decimal and no sign, medians with one decimal); the
// withheld or the no-data mark.
func tsvNumber(c report.Cell, kind queries.Kind) string {
	switch c.State {
	case report.Withheld:
		return WithheldMark
	case report.Missing:
		return NoDataMark
	}
	switch kind {
	case queries.KindCount, report.KindYear:
		return strconv.FormatFloat(c.V, 'f', 0, 64)
	case queries.KindShare, queries.KindRate:
		return strconv.FormatFloat(c.V*100, 'f', 1, 64)
	case queries.KindMedian:
		return strconv.FormatFloat(c.V, 'f', 1, 64)
	}
	return plainNumber(c.V)
}

// tsvInterval is a rate's 95 % interval as two cells in percent, empty for
// a cell without one.
func tsvInterval(c report.Cell) []string {
	if c.State != report.Shown || !c.HasCI {
		return []string{"", ""}
	}
	return []string{strconv.FormatFloat(c.Lo*100, 'f', 1, 64), strconv.FormatFloat(c.Hi*100, 'f', 1, 64)}
}

// tsvGrid is the table as tsvNumber cells: the header, the rows and the
// totals of tableGrid, and after every column that holds an interval two
// columns for its bounds.
func tsvGrid(t *report.Table, lang i18n.Lang) [][]string {
	cols, rows := t.Kinds()
	hasCI := func(cells ...report.Cell) bool {
		for _, c := range cells {
			if c.HasCI {
				return true
			}
		}
		return false
	}
	colCI := make([]bool, len(t.ColCodes))
	for j := range t.ColCodes {
		for i := range t.RowCodes {
			colCI[j] = colCI[j] || hasCI(t.Cells[i][j])
		}
		if t.ColTotals != nil {
			colCI[j] = colCI[j] || hasCI(t.ColTotals[j])
		}
	}
	totalCI := hasCI(t.RowTotals...)
	if t.Total != nil {
		totalCI = totalCI || hasCI(*t.Total)
	}
	withCI := func(line []string, ci bool, label string) []string {
		line = append(line, label)
		if ci {
			line = append(line, label+" · "+T(lang, "tsv.cilow"), label+" · "+T(lang, "tsv.cihigh"))
		}
		return line
	}
	cell := func(line []string, ci bool, c report.Cell, kind queries.Kind) []string {
		line = append(line, tsvNumber(c, kind))
		if ci {
			line = append(line, tsvInterval(c)...)
		}
		return line
	}
	hasRT := t.RowTotals != nil
	head := []string{rowHeader(t, lang)}
	for j := range t.ColCodes {
		head = withCI(head, colCI[j], colLabel(t, j, lang))
	}
	if hasRT {
		head = withCI(head, totalCI, T(lang, "total"))
	}
	grid := [][]string{head}
	for i := range t.RowCodes {
		line := []string{rowLabel(t, i, lang)}
		for j := range t.ColCodes {
			line = cell(line, colCI[j], t.Cells[i][j], t.KindOf(cols, rows, i, j))
		}
		if hasRT {
			line = cell(line, totalCI, t.RowTotals[i], t.Kind)
		}
		grid = append(grid, line)
	}
	if t.ColTotals != nil {
		line := []string{T(lang, "total")}
		for j := range t.ColCodes {
			line = cell(line, colCI[j], t.ColTotals[j], t.KindOf(cols, rows, -1, j))
		}
		if hasRT {
			total := report.Cell{}
			if t.Total != nil {
				total = *t.Total
			}
			line = cell(line, totalCI, total, t.Kind)
		}
		grid = append(grid, line)
	}
	return grid
}

// tsvKeyFigureValue is a key figure's value as tsvNumber writes it by its
// unit: a share in percent, a published percent as published, any other
// figure as the plain number.
func tsvKeyFigureValue(c report.Cell, kf *KeyFigure) string {
	switch {
	case c.State != report.Shown:
		return tsvNumber(c, kf.Kind)
	case kf.Unit == "share":
		return tsvNumber(c, queries.KindShare)
	}
	return plainNumber(c.V)
}

// tsvKeyFigureGrid is keyFigureGrid with tsvNumber cells: the change in
// percent (relative) or percentage points (shares and rates) without its
// sign's unit, and a rate's interval in two columns after its value.
func tsvKeyFigureGrid(kfs []KeyFigure, lang i18n.Lang) [][]string {
	anyCI := false
	for i := range kfs {
		anyCI = anyCI || (kfs[i].Current.State == report.Shown && kfs[i].Current.HasCI)
	}
	value := T(lang, "brief.value")
	head := []string{T(lang, "brief.figure"), T(lang, "brief.year"), value}
	if anyCI {
		head = append(head, value+" · "+T(lang, "tsv.cilow"), value+" · "+T(lang, "tsv.cihigh"))
	}
	grid := [][]string{append(head, T(lang, "brief.previous"), T(lang, "brief.change"), T(lang, "brief.unit"), T(lang, "source"))}
	for i, line := range keyFigureGrid(kfs, lang, nil)[1:] {
		kf := &kfs[i]
		row := []string{line[0], line[1], tsvKeyFigureValue(kf.Current, kf)}
		if anyCI {
			row = append(row, tsvInterval(kf.Current)...)
		}
		change := tsvNumber(kf.Change, queries.KindShare) // both units are hundredths
		grid = append(grid, append(row, tsvKeyFigureValue(kf.Previous, kf), change, line[5], line[6]))
	}
	return grid
}
