package i18n

// Numbers for people: thousands separators and decimal marks by language
// (1.281 and 12,5 % in German, 1,281 and 12.5 % in English), shares as
// percentages, changes with their sign (relative in %, changes of shares
// in percentage points). Machine formats (CSV, JSON) do not use them:
// they carry plain numbers.

import (
	"math"
	"strconv"
	"strings"
)

func seps(lang Lang) (thousands, decimal string) {
	if lang == DE {
		return ".", ","
	}
	return ",", "."
}

// Int formats a whole number with thousands separators.
func Int(n int64, lang Lang) string {
	th, _ := seps(lang)
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(th)
		}
		b.WriteRune(r)
	}
	if neg {
		return "−" + b.String()
	}
	return b.String()
}

// Float formats x with the given number of decimals; whole numbers keep
// thousands separators.
func Float(x float64, decimals int, lang Lang) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "–"
	}
	_, dec := seps(lang)
	s := strconv.FormatFloat(math.Abs(x), 'f', decimals, 64)
	whole, frac, _ := strings.Cut(s, ".")
	w, _ := strconv.ParseInt(whole, 10, 64)
	out := Int(w, lang)
	if frac != "" {
		out += dec + frac
	}
	if x < 0 && strings.Trim(s, "0.") != "" {
		out = "−" + out
	}
	return out
}

// Number formats a published value: whole numbers without decimals, others
// with one.
func Number(x float64, lang Lang) string {
	if x == math.Trunc(x) && math.Abs(x) < 1e15 {
		return Float(x, 0, lang)
	}
	return Float(x, 1, lang)
}

// Percent formats a share in [0,1] as a percentage with one decimal.
func Percent(share float64, lang Lang) string {
	return Float(share*100, 1, lang) + " %"
}

// Change formats a relative change (0.474 → "+47,4 %") with its sign.
func Change(rel float64, lang Lang) string {
	if math.IsNaN(rel) || math.IsInf(rel, 0) {
		return "–"
	}
	s := Float(rel*100, 1, lang) + " %"
	if rel > 0 {
		return "+" + s
	}
	return s
}

// Points formats a change of a share, given in share units, in percentage
// points with its sign: 0.004 → "+0.4 pp" in English, "+0,4 Pp." in German
// (Prozentpunkte).
func Points(diff float64, lang Lang) string {
	if math.IsNaN(diff) || math.IsInf(diff, 0) {
		return "–"
	}
	unit := " pp"
	if lang == DE {
		unit = " Pp."
	}
	s := Float(diff*100, 1, lang) + unit
	if diff > 0 {
		return "+" + s
	}
	return s
}
