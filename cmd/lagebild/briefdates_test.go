package main

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"lagebild/internal/i18n"
	"lagebild/queries/export"
)

// titleDate is a day the way the figures data writes it into a source's
// title: "(10.06.2025)".
var titleDate = regexp.MustCompile(`\((\d\d)\.(\d\d)\.(\d{4})\)`)

// TestBriefSourceDates: the right-wing person potential's source states
// its publication day in its title; that date is the key figure's "source,
// date" in every format (ISO in JSON, in the language's form in Markdown,
// HTML and xlsx) and the date of its entry in the list of sources.
func TestBriefSourceDates(t *testing.T) {
	const id = "figure:person_potential:right_wing"
	monthsEN := []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	for _, lang := range []i18n.Lang{i18n.EN, i18n.DE} {
		args := []string{"--lang", string(lang)}
		doc := decodeBrief(t, briefIn(t, "json", args))
		var kf *export.KeyFigureJSON
		for i := range doc.KeyFigures {
			if doc.KeyFigures[i].ID == id {
				kf = &doc.KeyFigures[i]
			}
		}
		if kf == nil {
			t.Fatalf("%s: no key figure %s", lang, id)
		}
		m := titleDate.FindStringSubmatch(kf.Source)
		if m == nil {
			t.Fatalf("%s: the source of %s, %q, states no day in its title", lang, id, kf.Source)
		}
		day, _ := strconv.Atoi(m[1])
		month, _ := strconv.Atoi(m[2])
		iso := m[3] + "-" + m[2] + "-" + m[1]
		people := m[1] + "." + m[2] + "." + m[3]
		if lang == i18n.EN {
			people = fmt.Sprintf("%d %s %s", day, monthsEN[month-1], m[3])
		}
		if kf.SourceDate != iso {
			t.Errorf("%s: json source_date %q, want %q", lang, kf.SourceDate, iso)
		}
		number := 0
		for i, s := range doc.Sources {
			if s.Title == kf.Source && s.Ref == kf.SourceRef {
				number = i + 1
				if s.Date != iso {
					t.Errorf("%s: json sources[%d].date %q, want %q", lang, i, s.Date, iso)
				}
				if want, _, _ := strings.Cut(s.Title, ": "); s.Publisher != want {
					t.Errorf("%s: json sources[%d].publisher %q, want %q", lang, i, s.Publisher, want)
				}
			}
		}
		if number == 0 {
			t.Fatalf("%s: the source of %s is not listed", lang, id)
		}
		sourceDate := "[" + strconv.Itoa(number) + "], " + people

		md := briefIn(t, "md", args)
		if !strings.Contains(md, "| "+kf.Label+" |") || !lineWith(md, "| "+kf.Label+" |", sourceDate) {
			t.Errorf("%s: the Markdown key figure row of %q lacks %q", lang, kf.Label, sourceDate)
		}
		if !lineWith(md, strconv.Itoa(number)+". ", people) {
			t.Errorf("%s: the Markdown source %d lacks its date %q", lang, number, people)
		}

		if page := briefIn(t, "html", args); !strings.Contains(page, htmlText(people)) {
			t.Errorf("%s: the HTML briefing lacks the date %q", lang, people)
		}

		f, err := excelize.OpenReader(strings.NewReader(briefIn(t, "xlsx", args)))
		if err != nil {
			t.Fatal(err)
		}
		sheets := f.GetSheetList()
		rows, _ := f.GetRows(sheets[1])
		head := rowOf(rows, export.T(lang, "brief.figure"))
		r := rowOf(rows, kf.Label)
		if head < 0 || r < 0 {
			t.Fatalf("%s: key figure %q not in the key figures sheet", lang, kf.Label)
		}
		// the columns: figure, year, value, previous, change, unit, source, date
		const col = 7
		if len(rows[head]) <= col || rows[head][col-1] != export.T(lang, "source") {
			t.Fatalf("%s: key figures header %q, want the source's date in column %d", lang, rows[head], col+1)
		}
		if len(rows[r]) <= col || rows[r][col] != people {
			t.Errorf("%s: xlsx key figure row %q, want the date %q in column %d", lang, rows[r], people, col+1)
		}
		rows, _ = f.GetRows(sheets[5])
		if s := rowOf2(rows, kf.Source); s < 0 || !contains(rows[s], people) {
			t.Errorf("%s: xlsx source %q lacks its date %q", lang, kf.Source, people)
		}
	}
}

// lineWith reports whether a line of text holds both a and b.
func lineWith(text, a, b string) bool {
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, a) && strings.Contains(l, b) {
			return true
		}
	}
	return false
}
