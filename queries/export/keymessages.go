package export

import (
	"math"
	"slices"

	"lagebild/internal/i18n"
	"lagebild/queries/report"
)

// messageFigures are the key figures the key messages speak of, in order:
// at most five sentences, each built from a template over one figure.
var messageFigures = []string{
	"figure:person_potential:right_wing",
	"figure:person_potential:islamist",
	"figure:violence_oriented:right_wing",
	"case:intakes",
	"case:relapse_rate",
}

// AfDComponentID is the context figure the message on the right-wing
// person potential cites: the AfD members counted within it since 2022.
const AfDComponentID = "figure:person_potential_afd_component:right_wing"

// KeyMessages are the briefing's key messages: one sentence per figure of
// messageFigures that has a shown value, built from templates in the
// language. A case figure withheld by disclosure control (or without
// data) leaves its message out; only protected case numbers enter. With
// Round the values are rounded for a speaking note ("about 50,000").
func (b *Brief) KeyMessages(lang i18n.Lang) []string {
	var out []string
	for _, id := range messageFigures {
		kf := b.keyFigure(id)
		if kf == nil || kf.Current.State != report.Shown {
			continue
		}
		var m string
		if id == "case:relapse_rate" {
			m = b.relapseMessage(kf, lang)
		} else {
			m = b.changeMessage(kf, lang)
		}
		if m != "" {
			out = append(out, m)
		}
	}
	return out
}

// keyFigure finds a key figure (or a context figure) by its ID.
func (b *Brief) keyFigure(id string) *KeyFigure {
	for _, list := range [][]KeyFigure{b.KeyFigures, b.Context} {
		for i := range list {
			if list[i].ID == id {
				return &list[i]
			}
		}
	}
	return nil
}

// changeMessage: "<subject> rose to <value> in <year> (<year−1>: <value>)."
// and, for the right-wing person potential, the AfD members counted in it.
func (b *Brief) changeMessage(kf *KeyFigure, lang i18n.Lang) string {
	subject := bt(lang, "m."+kf.ID)
	cur := b.messageNumber(kf.Current.V, lang)
	var m string
	if kf.Previous.State != report.Shown {
		m = bt(lang, "m.only", subject, kf.Year, cur)
	} else {
		verb := "m.same"
		switch {
		case kf.Current.V > kf.Previous.V:
			verb = "m.rose"
		case kf.Current.V < kf.Previous.V:
			verb = "m.fell"
		}
		m = bt(lang, verb, subject, kf.Year, cur, kf.PreviousYear, b.messageNumber(kf.Previous.V, lang))
		if slices.Contains(kf.Breaks, kf.Year) {
			m += " " + bt(lang, "m.break")
		}
	}
	if kf.ID == "figure:person_potential:right_wing" {
		if afd := b.keyFigure(AfDComponentID); afd != nil && afd.Year == kf.Year && afd.Current.State == report.Shown {
			m += " " + bt(lang, "m.afd", i18n.Number(roundSignificant(afd.Current.V, 2), lang))
		}
	}
	return m
}

// relapseMessage states the relapse rate of the year with its interval;
// left out without an interval (a rate from too few cases).
func (b *Brief) relapseMessage(kf *KeyFigure, lang i18n.Lang) string {
	c := kf.Current
	if !c.HasCI {
		return ""
	}
	prev := NoDataMark
	if kf.Previous.State == report.Shown {
		prev = i18n.Percent(kf.Previous.V, lang)
	}
	prevYear := kf.Year - 1
	return bt(lang, "m.relapse", kf.Year, i18n.Percent(c.V, lang),
		i18n.Percent(c.Lo, lang), i18n.Percent(c.Hi, lang), prevYear, prev)
}

// messageNumber writes a count for a key message: exact, or with Round
// "about 50,000" (two significant digits).
func (b *Brief) messageNumber(v float64, lang i18n.Lang) string {
	if !b.Round || math.Abs(v) < 100 {
		return i18n.Number(v, lang)
	}
	return bt(lang, "m.about", i18n.Number(roundSignificant(v, 2), lang))
}

// roundSignificant rounds v to n significant digits.
func roundSignificant(v float64, n int) float64 {
	if v == 0 {
		return 0
	}
	scale := math.Pow(10, float64(n)-math.Ceil(math.Log10(math.Abs(v))))
	return math.Round(v*scale) / scale
}
