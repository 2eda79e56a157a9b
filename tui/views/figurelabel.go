package views

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"lagebild/datasets/figures"
	"lagebild/internal/i18n"
	"lagebild/queries"
)

// keyFigureLabelIn is a key figure's label in w cells. Public figures
// share their indicators ("Person potential") and differ in the
// phenomenon area at the end, so a cut one keeps its phenomenon whole and
// shortens the indicator in the middle: "Person…Islamism", never two rows
// of "Person potentia…" (issue #16, 12). Other labels are cut at the end.
func keyFigureLabelIn(kf queries.KeyFigure, lang i18n.Lang, w int) string {
	label := KeyFigureLabel(kf, lang)
	if ansi.StringWidth(label) <= w || kf.Kind != queries.KindFigure {
		return ansi.Truncate(label, w, "…")
	}
	tail := figures.PhenomenonLabelOf(kf.Indicator, kf.Phenomenon, lang)
	room := w - ansi.StringWidth(tail) - 1 // 1 for the …
	if room < 3 {
		// too narrow for "Rechtsextremismus": the short neutral area
		tail = figures.PhenomenonLabel(kf.Phenomenon, lang)
		room = w - ansi.StringWidth(tail) - 1
	}
	if room < 3 {
		return ansi.Truncate(label, w, "…")
	}
	head := strings.TrimRight(ansi.Truncate(figures.IndicatorLabel(kf.Indicator, lang), room, ""), " ,")
	return head + "…" + tail
}
