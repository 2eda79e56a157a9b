package export

import (
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"lagebild/internal/i18n"
)

// maxSheetName is the longest sheet name a workbook takes.
const maxSheetName = 31

// WriteXLSX writes the briefing as an Excel workbook: one sheet per block
// (key messages, key figures, notes, case data, programme figures,
// sources). Every number is a number cell with a number format, holding
// the value of the JSON (shares and rates as fractions shown as
// percentages); sources and notes are columns; a withheld value is an
// empty cell with a comment that says why.
func (b *Brief) WriteXLSX(w io.Writer, lang i18n.Lang) error {
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	title, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}})
	if err != nil {
		return err
	}
	formats := map[string]int{}
	numberStyle := func(format string) (int, error) {
		if id, ok := formats[format]; ok {
			return id, nil
		}
		id, err := f.NewStyle(&excelize.Style{CustomNumFmt: &format})
		formats[format] = id
		return id, err
	}
	comment := bt(lang, "withheld.comment", b.K)
	for i, sh := range b.sheets(lang) {
		name := sheetName(strconv.Itoa(i+1) + " " + bt(lang, "s."+sh.id))
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		row := 1
		put := func(col int, c sheetCell) error {
			cell, err := excelize.CoordinatesToCellName(col, row)
			if err != nil {
				return err
			}
			switch {
			case c.value != nil:
				if err := f.SetCellFloat(name, cell, *c.value, -1, 64); err != nil {
					return err
				}
				id, err := numberStyle(c.format)
				if err != nil {
					return err
				}
				return f.SetCellStyle(name, cell, cell, id)
			case c.withheld:
				return f.AddComment(name, excelize.Comment{Author: "lagebild", Cell: cell, Text: comment})
			}
			return f.SetCellStr(name, cell, c.text)
		}
		line := func(style int, texts ...string) error {
			for j, s := range texts {
				if err := put(j+1, textCell(s)); err != nil {
					return err
				}
			}
			if style != 0 {
				if err := f.SetRowStyle(name, row, row, style); err != nil {
					return err
				}
			}
			row++
			return nil
		}
		if err := line(title, sh.title); err != nil {
			return err
		}
		width := 1
		for _, p := range sh.parts {
			row++
			if p.title != "" {
				if err := line(bold, p.title); err != nil {
					return err
				}
			}
			if err := line(bold, p.header...); err != nil {
				return err
			}
			width = max(width, len(p.header))
			for _, cells := range p.rows {
				for j, c := range cells {
					if err := put(j+1, c); err != nil {
						return err
					}
				}
				row++
			}
			for _, n := range p.notes {
				if err := line(0, n); err != nil {
					return err
				}
			}
		}
		last, err := excelize.ColumnNumberToName(width)
		if err != nil {
			return err
		}
		if err := f.SetColWidth(name, "A", "A", 48); err != nil {
			return err
		}
		if width > 1 {
			if err := f.SetColWidth(name, "B", last, 16); err != nil {
				return err
			}
		}
	}
	return f.Write(w)
}

// sheetName shortens a block's title to a valid sheet name.
func sheetName(title string) string {
	r := []rune(title)
	if len(r) > maxSheetName {
		r = r[:maxSheetName]
	}
	return string(r)
}
