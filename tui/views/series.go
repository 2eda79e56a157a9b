package views

import (
	"slices"

	"lagebild/queries/report"
	"lagebild/tui/charts"
)

// Series toggling: in a multi-line chart the user hides series or isolates
// one (State.Hidden holds the column codes left out), so that a crowded
// chart can be read line by line. The legend keeps every series, hidden
// ones struck through.

// SeriesToggler is a view with multi-line charts whose series can be
// hidden.
type SeriesToggler interface {
	// Series are the codes and labels of the series the user can hide,
	// in legend order.
	Series(d Data, s State) (codes, labels []string)
}

// hidden marks the series of t's columns that s hides.
func hidden(series []charts.LineSeries, t *report.Table, s State) []charts.LineSeries {
	if len(s.Hidden) == 0 {
		return series
	}
	out := slices.Clone(series)
	for j := range out {
		if j < len(t.ColCodes) && slices.Contains(s.Hidden, t.ColCodes[j]) {
			out[j].Hidden = true
		}
	}
	return out
}

// seriesOf lists the column codes and labels of tables, each code once.
func seriesOf(tables ...*report.Table) (codes, labels []string) {
	for _, t := range tables {
		names := t.Cols
		if len(t.ShortCols) == len(t.ColCodes) {
			names = t.ShortCols // as the legend names them
		}
		for j, c := range t.ColCodes {
			if !slices.Contains(codes, c) && j < len(names) {
				codes = append(codes, c)
				labels = append(labels, names[j])
			}
		}
	}
	return codes, labels
}

// Series of the phenomena view: the phenomena of its two line charts.
func (phenomena) Series(d Data, _ State) (codes, labels []string) {
	p := d.(*PhenomenaData)
	return seriesOf(&p.ByYear, &p.Potential)
}

// Series of the figures view: the selected indicator's series.
func (figuresView) Series(d Data, s State) (codes, labels []string) {
	sel := d.(*FiguresData).Selected(s)
	if len(sel) == 0 || len(sel[0].ColCodes) < 2 {
		return nil, nil
	}
	return seriesOf(&sel[0])
}
