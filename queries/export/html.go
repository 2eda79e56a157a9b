package export

import (
	"fmt"
	"html"
	"io"
	"net/url"
	"strconv"
	"strings"

	"lagebild/internal/i18n"
	"lagebild/queries"
	"lagebild/queries/report"
)

// htmlStyle is the inline CSS of the HTML briefing: plain tables that
// paste into Word, and print rules for a PDF from the browser.
const htmlStyle = `body{font-family:"Segoe UI",Arial,sans-serif;font-size:10.5pt;color:#000;max-width:60em;margin:1.5em auto;padding:0 1em;line-height:1.35}
h1{font-size:17pt;margin:0 0 .2em}h2{font-size:13pt;margin:1.4em 0 .4em;border-bottom:1px solid #1f4e79;color:#1f4e79}h3{font-size:11pt;margin:1em 0 .3em}
p.meta{color:#333;margin:.2em 0}p.banner{border:1px solid #b03a2e;padding:.4em .6em;background:#fbeeee}
table{border-collapse:collapse;margin:.3em 0 .4em;font-size:9.5pt}th,td{border:1px solid #999;padding:2px 6px;vertical-align:top}
th{background:#e8eef5;text-align:left}td.ref{word-break:break-all}td.num{text-align:right;white-space:nowrap}p.note{font-size:9pt;color:#333;margin:.15em 0}
ol.messages li,ul.notes li{margin:.25em 0}div.charts{display:flex;flex-wrap:wrap;gap:.6em}div.charts svg{border:1px solid #ddd}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}table,svg{break-inside:avoid}a{color:#000}}`

// WriteHTML writes the briefing as one self-contained, printable HTML
// file: inline CSS, the five blocks as tables (every number a cell with
// its value in data-value, as in the JSON; a withheld cell marked
// data-withheld), a line chart per public key figure series (series
// breaks marked) and a bar chart per case table by year, as inline SVG.
// It loads nothing from outside, pastes into Word and prints to PDF.
func (b *Brief) WriteHTML(w io.Writer, lang i18n.Lang) error {
	var s strings.Builder
	years := b.years()
	title := html.EscapeString(b.Title(lang))
	fmt.Fprintf(&s, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>%s</title>\n<style>\n%s\n</style>\n</head>\n<body>\n",
		lang, title, htmlStyle)
	fmt.Fprintf(&s, "<h1>%s</h1>\n", title)
	fmt.Fprintf(&s, "<p class=\"meta\">%s: %s · %s: %s · k = %d</p>\n<p class=\"meta\">%s</p>\n",
		T(lang, "brief.asof"), b.asOf(lang), T(lang, "brief.filter"), html.EscapeString(FilterText(b.Filter, lang)), b.K,
		html.EscapeString(bt(lang, "years", spanText(years.PublicFigures), spanText(years.CaseFigures), spanText(years.CaseTables))))
	if b.Synthetic {
		fmt.Fprintf(&s, "<p class=\"banner\">%s</p>\n", markdownBold(T(lang, "brief.synthetic")))
	}
	fmt.Fprintf(&s, "<p class=\"meta\">%s</p>\n", html.EscapeString(b.notes(lang)[0]))
	for _, sh := range b.sheets(lang) {
		fmt.Fprintf(&s, "<section id=\"block-%s\">\n<h2>%s</h2>\n", sh.id, html.EscapeString(sh.title))
		if sh.id == "messages" || sh.id == "notes" {
			// sentences read better as a list than as a one-column table
			list, col := "ol", 1
			if sh.id == "notes" {
				list, col = "ul", 0
			}
			fmt.Fprintf(&s, "<%s class=\"%s\">\n", list, sh.id)
			for _, r := range sh.parts[0].rows {
				fmt.Fprintf(&s, "<li>%s</li>\n", html.EscapeString(r[col].text))
			}
			fmt.Fprintf(&s, "</%s>\n</section>\n", list)
			continue
		}
		for i := range sh.parts {
			writePartHTML(&s, &sh.parts[i], sh.id, b.K, lang)
			if t := b.table(sh.parts[i].name); t != nil {
				if pts, ok := yearTotals(t); ok {
					fmt.Fprintf(&s, "<div class=\"charts\">%s</div>\n", barChart(TableTitle(t, lang)+" ("+T(lang, "total")+")", pts, lang))
				}
			}
		}
		if sh.id == "key_figures" {
			b.writeLineCharts(&s, lang)
		}
		s.WriteString("</section>\n")
	}
	if b.anyWithheld() {
		fmt.Fprintf(&s, "<p class=\"note\">%s</p>\n", html.EscapeString(Legend(b.K, lang)))
	}
	s.WriteString("</body>\n</html>\n")
	_, err := io.WriteString(w, s.String())
	return err
}

// writeLineCharts draws the series of the public key figures.
func (b *Brief) writeLineCharts(s *strings.Builder, lang i18n.Lang) {
	var charts []string
	for i := range b.KeyFigures {
		kf := &b.KeyFigures[i]
		if kf.Protected || len(kf.Series) < 2 {
			continue
		}
		charts = append(charts, lineChart(KeyFigureLabel(kf, lang), seriesPoints(kf.Years, kf.Series), kf.Breaks, lang))
	}
	if len(charts) == 0 {
		return
	}
	fmt.Fprintf(s, "<h3>%s</h3>\n<div class=\"charts\">\n%s\n</div>\n", bt(lang, "h.charts"), strings.Join(charts, "\n"))
}

// table finds a case table of the briefing by name.
func (b *Brief) table(name string) *report.Table {
	if name == "" {
		return nil
	}
	for i := range b.Tables {
		if b.Tables[i].ID == name {
			return &b.Tables[i]
		}
	}
	return nil
}

// yearTotals are the row totals of a count table whose rows are years.
func yearTotals(t *report.Table) ([]chartPoint, bool) {
	if t.Kind != queries.KindCount || t.RowTotals == nil || len(t.RowCodes) < 2 {
		return nil, false
	}
	var out []chartPoint
	for i, code := range t.RowCodes {
		y, err := strconv.Atoi(code)
		if err != nil {
			return nil, false
		}
		c := t.RowTotals[i]
		out = append(out, chartPoint{year: y, v: c.V, shown: c.State == report.Shown})
	}
	return out, true
}

// writePartHTML writes a grid as a table: numbers right-aligned with
// their value in data-value, withheld cells marked, addresses as links.
func writePartHTML(s *strings.Builder, p *sheetPart, block string, k int, lang i18n.Lang) {
	if p.title != "" {
		fmt.Fprintf(s, "<h3>%s</h3>\n", html.EscapeString(p.title))
	}
	id := block
	if p.name != "" {
		id = p.name
	}
	fmt.Fprintf(s, "<table id=\"t-%s\">\n<thead><tr>", html.EscapeString(id))
	for _, h := range p.header {
		fmt.Fprintf(s, "<th>%s</th>", html.EscapeString(h))
	}
	s.WriteString("</tr></thead>\n<tbody>\n")
	comment := html.EscapeString(bt(lang, "withheld.comment", k))
	for _, row := range p.rows {
		s.WriteString("<tr>")
		for _, c := range row {
			switch {
			case c.value != nil:
				fmt.Fprintf(s, "<td class=\"num\" data-value=\"%s\">%s</td>", strconv.FormatFloat(*c.value, 'g', -1, 64), html.EscapeString(c.text))
			case c.withheld:
				fmt.Fprintf(s, "<td class=\"num\" data-withheld=\"true\" title=\"%s\">%s</td>", comment, html.EscapeString(c.text))
			case strings.HasPrefix(c.text, "http://") || strings.HasPrefix(c.text, "https://"):
				fmt.Fprintf(s, "<td class=\"ref\"><a href=\"%s\">%s</a></td>", html.EscapeString(c.text), html.EscapeString(linkText(c.text, block)))
			default:
				fmt.Fprintf(s, "<td>%s</td>", html.EscapeString(c.text))
			}
		}
		s.WriteString("</tr>\n")
	}
	s.WriteString("</tbody>\n</table>\n")
	for _, n := range p.notes {
		fmt.Fprintf(s, "<p class=\"note\">%s</p>\n", html.EscapeString(n))
	}
}

// markdownBold turns the "**…**" of a catalogue text into <strong>.
func markdownBold(text string) string {
	parts := strings.Split(html.EscapeString(text), "**")
	var b strings.Builder
	for i, p := range parts {
		if i%2 == 1 {
			b.WriteString("<strong>" + p + "</strong>")
		} else {
			b.WriteString(p)
		}
	}
	return b.String()
}

// linkText is the text of an address: in full in the list of sources,
// the host elsewhere (the key figures name their source's number).
func linkText(ref, block string) string {
	if block == "sources" {
		return ref
	}
	if u, err := url.Parse(ref); err == nil && u.Host != "" {
		return u.Host
	}
	return ref
}
