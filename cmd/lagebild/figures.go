package main

import (
	"cmp"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"lagebild/datasets/figures"
	"lagebild/internal/i18n"
	"lagebild/queries/report"
)

func init() {
	register(command{
		name:    "figures",
		summary: "print the public figures with their sources",
		run:     runFigures,
	})
}

func runFigures(ctx context.Context, env *cmdEnv, args []string) int {
	fs := newFlagSet(env, "figures", "figures [--format table|csv|json|md] [--indicator CODE] [--figures FILE]... [--lang de|en]",
		"lagebild figures",
		"lagebild figures --indicator person_potential --format md",
		"lagebild figures --figures my-figures.csv --format csv > all.csv")
	remote := remoteFlagsOf(env, fs)
	formatFlag := remote.as(remotePassed).String("format", "table", "output format: table, csv, json or md")
	indicator := remote.as(remotePassed).String("indicator", "", "only this indicator (e.g. person_potential)")
	lang := remote.as(remoteLang).String("lang", "", "language of labels: de or en (default from LANG)")
	var extra multiFlag
	remote.as(remoteServerFile).Var(&extra, "figures", "further figures `FILE` of the same format (repeatable; later files replace equal year/indicator/phenomenon)")
	if code, ok := parseFlags(env, fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(env.stderr, "lagebild figures: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	figs, err := figures.EmbeddedWith(extra)
	if err != nil {
		fmt.Fprintln(env.stderr, err)
		return exitUsage
	}
	if *indicator != "" {
		if figures.IndicatorUnit(*indicator) == "" {
			fmt.Fprintf(env.stderr, "lagebild figures: unknown indicator %q (known: %s)\n",
				*indicator, strings.Join(figures.Indicators(), ", "))
			return exitUsage
		}
		var keep []figures.Figure
		for _, f := range figs {
			if f.Indicator == *indicator {
				keep = append(keep, f)
			}
		}
		figs = keep
	}
	sortFigures(figs)
	l := resolveLang(*lang)
	switch *formatFlag {
	case "table":
		err = figuresTable(env.stdout, figs, l)
	case "csv":
		err = figuresCSV(env.stdout, figs)
	case "json":
		err = figuresJSON(env.stdout, figs)
	case "md":
		err = figuresMarkdown(env.stdout, figs, l)
	default:
		fmt.Fprintf(env.stderr, "lagebild figures: unknown format %q (use table, csv, json or md)\n", *formatFlag)
		return exitUsage
	}
	if err != nil {
		fmt.Fprintln(env.stderr, "lagebild figures:", err)
		return exitFailure
	}
	return exitOK
}

func resolveLang(flagValue string) i18n.Lang {
	if flagValue != "" {
		return i18n.ParseLang(flagValue)
	}
	return i18n.LangFromEnv()
}

func flagsText(f figures.Figure, lang i18n.Lang) string {
	var out []string
	for _, fl := range f.Flags() {
		out = append(out, figures.FlagLabel(fl, string(lang)))
	}
	return strings.Join(out, ", ")
}

// figuresHeader is the header of the table and Markdown outputs.
func figuresHeader(lang i18n.Lang) []string {
	if lang == i18n.DE {
		return []string{"Jahr", "Indikator", "Phänomenbereich", "Wert", "Einheit", "Vorbehalt", "Quelle", "Anmerkung"}
	}
	return []string{"Year", "Indicator", "Phenomenon", "Value", "Unit", "Caveat", "Source", "Note"}
}

// figuresTable writes the figures as aligned text, every column
// left-aligned; each number with its own caveat, source and note (in the
// language).
func figuresTable(w io.Writer, figs []figures.Figure, lang i18n.Lang) error {
	rows := [][]string{figuresHeader(lang)}
	for _, f := range figs {
		rows = append(rows, []string{strconv.Itoa(f.Year),
			figures.IndicatorLabel(f.Indicator, lang), figures.PhenomenonLabelOf(f.Indicator, f.Phenomenon, lang),
			i18n.Number(f.Value, lang), figures.UnitLabel(f.Unit, lang), flagsText(f, lang), f.Source, f.NoteIn(lang)})
	}
	widths := report.ColumnWidths(rows)
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(report.AlignedLine(r, widths, "  ", nil) + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func figuresCSV(w io.Writer, figs []figures.Figure) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"year", "indicator", "phenomenon", "value", "unit", "source", "source_ref", "note"})
	for _, f := range figs {
		cw.Write([]string{strconv.Itoa(f.Year), f.Indicator, f.Phenomenon,
			strconv.FormatFloat(f.Value, 'f', -1, 64), f.Unit, f.Source, f.SourceRef, f.Note})
	}
	cw.Flush()
	return cw.Error()
}

// figureJSON is the stable JSON shape of one public figure.
type figureJSON struct {
	Year       int      `json:"year"`
	Indicator  string   `json:"indicator"`
	Phenomenon string   `json:"phenomenon"`
	Value      float64  `json:"value"`
	Unit       string   `json:"unit"`
	Source     string   `json:"source"`
	SourceRef  string   `json:"source_ref"`
	Note       string   `json:"note,omitempty"`
	Flags      []string `json:"flags,omitempty"`
}

func figuresJSON(w io.Writer, figs []figures.Figure) error {
	out := make([]figureJSON, 0, len(figs))
	for _, f := range figs {
		out = append(out, figureJSON{f.Year, f.Indicator, f.Phenomenon, f.Value, f.Unit,
			f.Source, f.SourceRef, f.Note, f.Flags()})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(map[string]any{"figures": out})
}

func figuresMarkdown(w io.Writer, figs []figures.Figure, lang i18n.Lang) error {
	fmt.Fprintln(w, "| "+strings.Join(figuresHeader(lang), " | ")+" |")
	fmt.Fprintln(w, "|---:|---|---|---:|---|---|---|---|")
	esc := func(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
	for _, f := range figs {
		fmt.Fprintf(w, "| %d | %s | %s | %s | %s | %s | [%s](%s) | %s |\n", f.Year,
			esc(figures.IndicatorLabel(f.Indicator, lang)), esc(figures.PhenomenonLabelOf(f.Indicator, f.Phenomenon, lang)),
			i18n.Number(f.Value, lang), esc(figures.UnitLabel(f.Unit, lang)), esc(flagsText(f, lang)),
			esc(f.Source), f.SourceRef, esc(f.NoteIn(lang)))
	}
	return nil
}

// sortFigures orders figures by indicator (most important first, as
// figures.Indicators), phenomenon and year.
func sortFigures(figs []figures.Figure) {
	rank := func(list []string, v string) int {
		if i := slices.Index(list, v); i >= 0 {
			return i
		}
		return len(list)
	}
	inds, phens := figures.Indicators(), figures.Phenomena()
	slices.SortStableFunc(figs, func(a, b figures.Figure) int {
		return cmp.Or(
			cmp.Compare(rank(inds, a.Indicator), rank(inds, b.Indicator)),
			cmp.Compare(rank(phens, a.Phenomenon), rank(phens, b.Phenomenon)),
			cmp.Compare(a.Year, b.Year))
	})
}
