package main

import (
	"bytes"
	"database/sql"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"lagebild/internal/i18n"
	"lagebild/queries/export"
)

// briefFormatCases are the briefings the format tests compare: the
// default one and a narrow filter that withholds cells.
var briefFormatCases = [][]string{
	{"--lang", "en"},
	{"--lang", "de", "--phenomenon", "reichsbuerger"},
}

// briefIn runs brief in a format.
func briefIn(t *testing.T, format string, args []string) string {
	t.Helper()
	code, stdout, stderr := runLagebild(t, "", append([]string{"brief", "--as-of", "2025-06-01", "--format", format}, args...)...)
	if code != exitOK || stderr != "" {
		t.Fatalf("brief --format %s %v: exit %d, stderr %q", format, args, code, stderr)
	}
	return stdout
}

// TestBriefXLSXCarriesTheJSONCells: the workbook holds every number of
// `--format json` as a number cell (not text) with the same value, a
// withheld value as an empty cell with a comment, one sheet per block.
func TestBriefXLSXCarriesTheJSONCells(t *testing.T) {
	for _, args := range briefFormatCases {
		doc := decodeBrief(t, briefIn(t, "json", args))
		f, err := excelize.OpenReader(strings.NewReader(briefIn(t, "xlsx", args)))
		if err != nil {
			t.Fatalf("%v: the xlsx does not open: %v", args, err)
		}
		sheets := f.GetSheetList()
		if len(sheets) != 6 {
			t.Fatalf("%v: sheets %q, want one per block (6)", args, sheets)
		}
		kfSheet, casesSheet, progSheet, srcSheet := sheets[1], sheets[3], sheets[4], sheets[5]
		comments := map[string]bool{}
		for _, name := range sheets {
			cs, err := f.GetComments(name)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range cs {
				comments[name+"!"+c.Cell] = true
			}
		}
		// number checks the cell holds want (nil: empty; withheld: with a
		// comment).
		number := func(sheet string, col, row int, want *float64, withheld bool) {
			t.Helper()
			cell, _ := excelize.CoordinatesToCellName(col, row)
			raw, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			typ, _ := f.GetCellType(sheet, cell)
			if want == nil {
				if raw != "" && withheld {
					t.Errorf("%v %s!%s: %q, want an empty withheld cell", args, sheet, cell, raw)
				}
				if withheld && !comments[sheet+"!"+cell] {
					t.Errorf("%v %s!%s: withheld without a comment", args, sheet, cell)
				}
				return
			}
			if typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
				t.Errorf("%v %s!%s: %q is text, want a number", args, sheet, cell, raw)
			}
			// a workbook keeps 15 significant digits, as Excel does
			got, err := strconv.ParseFloat(raw, 64)
			if err != nil || math.Abs(got-*want) > 1e-14*math.Max(1, math.Abs(*want)) {
				t.Errorf("%v %s!%s = %q, want %v", args, sheet, cell, raw, *want)
			}
		}
		rows, _ := f.GetRows(kfSheet)
		head := rowOf(rows, export.T(i18n.ParseLang(doc.Lang), "brief.figure"))
		if head < 0 || len(rows) < head+1+len(doc.KeyFigures) {
			t.Fatalf("%v: key figures sheet %q", args, rows)
		}
		for i, kf := range doc.KeyFigures {
			r := head + 2 + i // 1-based row after the header
			if rows[r-1][0] != kf.Label {
				t.Errorf("%v: key figure row %d is %q, want %q", args, r, rows[r-1][0], kf.Label)
			}
			number(kfSheet, 3, r, kf.Current, contains(kf.Withheld, "current"))
			number(kfSheet, 4, r, kf.Previous, contains(kf.Withheld, "previous"))
			number(kfSheet, 5, r, kf.Change, contains(kf.Withheld, "change"))
		}
		rows, _ = f.GetRows(casesSheet)
		for _, tab := range doc.Tables {
			at := rowOf(rows, tab.Title)
			if at < 0 {
				t.Fatalf("%v: table %q not in sheet %q", args, tab.Title, casesSheet)
			}
			first := at + 3 // title, header, then the rows (1-based)
			for i := range tab.Rows {
				for j := range tab.Cols {
					number(casesSheet, j+2, first+i, tab.Cells[i][j], tab.Cells[i][j] == nil)
				}
				if tab.RowTotals != nil {
					number(casesSheet, len(tab.Cols)+2, first+i, tab.RowTotals[i], tab.RowTotals[i] == nil)
				}
			}
			if tab.ColTotals != nil {
				for j := range tab.Cols {
					number(casesSheet, j+2, first+len(tab.Rows), tab.ColTotals[j], tab.ColTotals[j] == nil)
				}
			}
		}
		rows, _ = f.GetRows(progSheet)
		for _, p := range doc.Programme.Rows {
			r := rowOf(rows, p.Label)
			if r < 0 {
				t.Fatalf("%v: programme figure %q missing", args, p.Label)
			}
			number(progSheet, 2, r+1, &p.Value, false)
		}
		rows, _ = f.GetRows(srcSheet)
		for _, s := range doc.Sources {
			if r := rowOf2(rows, s.Title); r < 0 || (s.Ref != "" && (len(rows[r]) < 5 || rows[r][4] != s.Ref)) {
				t.Errorf("%v: source %q not listed with its address", args, s.Title)
			}
		}
	}
}

// TestBriefHTMLCarriesTheJSONCells: every table of the HTML briefing holds
// the numbers of `--format json` in data-value (withheld cells marked),
// the key messages are the JSON's, and the file loads nothing from
// outside.
func TestBriefHTMLCarriesTheJSONCells(t *testing.T) {
	for _, args := range briefFormatCases {
		doc := decodeBrief(t, briefIn(t, "json", args))
		page := briefIn(t, "html", args)
		if m := regexp.MustCompile(`(src|href)="(https?:)?//[^"]*"`).FindAllString(page, -1); len(m) > 0 {
			for _, s := range m {
				if strings.HasPrefix(s, "src") {
					t.Errorf("%v: the page loads %s", args, s)
				}
			}
		}
		if strings.Count(page, "<svg") < 2 {
			t.Errorf("%v: want inline SVG charts, found %d", args, strings.Count(page, "<svg"))
		}
		for _, m := range doc.KeyMessages {
			if !strings.Contains(page, htmlText(m)) {
				t.Errorf("%v: key message %q missing", args, m)
			}
		}
		var kfWant [][]*float64
		for _, kf := range doc.KeyFigures {
			kfWant = append(kfWant, []*float64{kf.Current, kf.Previous, kf.Change})
		}
		kfGot := htmlNumbers(t, page, export.KeyFiguresTable)
		if len(kfGot) != len(kfWant) {
			t.Fatalf("%v: %d key figure rows in the HTML, %d in the JSON", args, len(kfGot), len(kfWant))
		}
		for i := range kfWant {
			// columns: year, value, previous, change
			sameCells(t, args, "key figure "+doc.KeyFigures[i].ID, kfGot[i][1:4], kfWant[i])
		}
		for _, tab := range doc.Tables {
			got := htmlNumbers(t, page, tab.Name)
			var want [][]*float64
			for i := range tab.Rows {
				row := append([]*float64(nil), tab.Cells[i]...)
				if tab.RowTotals != nil {
					row = append(row, tab.RowTotals[i])
				}
				want = append(want, row)
			}
			if tab.ColTotals != nil {
				row := append([]*float64(nil), tab.ColTotals...)
				if tab.RowTotals != nil {
					row = append(row, tab.Total)
				}
				want = append(want, row)
			}
			if len(got) != len(want) {
				t.Fatalf("%v %s: %d rows in the HTML, %d in the JSON", args, tab.Name, len(got), len(want))
			}
			for i := range want {
				sameCells(t, args, tab.Name+" row "+strconv.Itoa(i), got[i], want[i])
			}
		}
	}
}

// TestBriefHTMLInChromium opens the HTML briefing in headless Chromium
// and takes a screenshot; skipped where Chromium is not installed.
func TestBriefHTMLInChromium(t *testing.T) {
	browser := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			browser = p
			break
		}
	}
	if browser == "" {
		t.Skip("no Chromium on PATH (apt-get install chromium): the HTML briefing is not opened in a browser")
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "brief.html")
	if err := os.WriteFile(page, []byte(briefIn(t, "html", []string{"--lang", "de"})), 0o644); err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(dir, "brief.png")
	out, err := exec.Command(browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
		"--window-size=1000,1400", "--screenshot="+shot, "file://"+page).CombinedOutput()
	if err != nil {
		t.Fatalf("chromium: %v\n%s", err, out)
	}
	png, err := os.ReadFile(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v\n%s", err, out)
	}
	if !bytes.HasPrefix(png, []byte("\x89PNG")) || len(png) < 20000 {
		t.Errorf("screenshot of %d bytes is not a rendered page", len(png))
	}
	dom, err := exec.Command(browser, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", "file://"+page).Output()
	if err != nil {
		t.Fatalf("chromium --dump-dom: %v", err)
	}
	for _, want := range []string{"<svg", "<table id=\"t-key_figures\"", "1. Kernaussagen"} {
		if !bytes.Contains(dom, []byte(want)) {
			t.Errorf("the page Chromium built has no %q", want)
		}
	}
	if os.Getenv("LAGEBILD_SCREENSHOT") != "" {
		_ = os.WriteFile(os.Getenv("LAGEBILD_SCREENSHOT"), png, 0o644)
	}
}

// htmlCell is a number cell of an HTML table: its value, or withheld.
type htmlCell struct {
	value    *float64
	withheld bool
}

var (
	htmlRow  = regexp.MustCompile(`(?s)<tr>(.*?)</tr>`)
	htmlTD   = regexp.MustCompile(`<td[^>]*>`)
	htmlData = regexp.MustCompile(`data-value="([^"]*)"`)
)

// htmlNumbers reads the body rows of the table t-<name>, each cell as a
// number, withheld, or neither (text, no data).
func htmlNumbers(t *testing.T, page, name string) [][]htmlCell {
	t.Helper()
	start := strings.Index(page, `<table id="t-`+name+`">`)
	if start < 0 {
		t.Fatalf("no table t-%s in the HTML", name)
	}
	body := page[start:]
	body = body[strings.Index(body, "<tbody>"):strings.Index(body, "</table>")]
	var out [][]htmlCell
	for _, r := range htmlRow.FindAllStringSubmatch(body, -1) {
		var row []htmlCell
		for _, td := range htmlTD.FindAllString(r[1], -1) {
			c := htmlCell{withheld: strings.Contains(td, "data-withheld")}
			if m := htmlData.FindStringSubmatch(td); m != nil {
				v, err := strconv.ParseFloat(m[1], 64)
				if err != nil {
					t.Fatal(err)
				}
				c.value = &v
			}
			row = append(row, c)
		}
		out = append(out, row[1:]) // the first cell labels the row
	}
	return out
}

// sameCells compares HTML cells with JSON values: a number the same
// number, null a cell without a value.
func sameCells(t *testing.T, args []string, what string, got []htmlCell, want []*float64) {
	t.Helper()
	if len(got) < len(want) {
		t.Errorf("%v %s: %d cells in the HTML, want %d", args, what, len(got), len(want))
		return
	}
	for j, w := range want {
		g := got[j]
		switch {
		case w == nil && g.value != nil:
			t.Errorf("%v %s col %d: HTML %v, JSON null", args, what, j, *g.value)
		case w != nil && (g.value == nil || *g.value != *w):
			t.Errorf("%v %s col %d: HTML %+v, JSON %v", args, what, j, g, *w)
		}
	}
}

// rowOf is the index of the first row whose first cell is s, -1 if none.
func rowOf(rows [][]string, s string) int {
	for i, r := range rows {
		if len(r) > 0 && r[0] == s {
			return i
		}
	}
	return -1
}

// rowOf2 is the index of the first row whose third cell (a source's
// title) is s.
func rowOf2(rows [][]string, s string) int {
	for i, r := range rows {
		if len(r) > 2 && r[2] == s {
			return i
		}
	}
	return -1
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// htmlText escapes text as the HTML writer does.
func htmlText(s string) string {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;")
	return r.Replace(s)
}

// TestBriefCoverageOfAStore: block 4 names the providers and import dates
// of the store's import log, read here with SQL of its own.
func TestBriefCoverageOfAStore(t *testing.T) {
	db := importedTestStore(t, 1500)
	code, stdout, stderr := runLagebild(t, "", "brief", "--db", db, "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	doc := decodeBrief(t, stdout)
	conn, err := sql.Open("duckdb", db+"?access_mode=read_only")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var providers, first, last string
	err = conn.QueryRow(`SELECT string_agg(DISTINCT trim(p), ',' ORDER BY trim(p)),
		strftime(min(imported_at), '%Y-%m-%d'), strftime(max(imported_at), '%Y-%m-%d')
		FROM import_log, unnest(string_split(providers, ',')) AS u(p)`).Scan(&providers, &first, &last)
	if err != nil {
		t.Fatal(err)
	}
	c := doc.Coverage
	if len(c.Providers) == 0 || strings.Join(c.Providers, ",") != providers || c.FirstImport != first || c.LastImport != last || !c.FilterIgnoredByPublic {
		t.Errorf("coverage %+v, import log: providers %s, %s – %s", c, providers, first, last)
	}
	if doc.Years.CaseTables == nil || doc.Years.PublicFigures == nil || doc.Title != "Lagebild: briefing" {
		t.Errorf("years per block %+v, title %q", doc.Years, doc.Title)
	}
}
