package console

import (
	"math"
	"strings"

	"lagebild/datasets/schema"
	"lagebild/internal/i18n"
	"lagebild/queries"
)

// This file is how a result reads on screen: numbers with the language's
// thousands separators and decimal mark, and the codes of a known code
// list (states, phenomenon areas, outcomes, …) by their labels. The raw
// toggle shows the values as DuckDB returned them; copies (TSV, Markdown)
// always carry the raw values, plain numbers a program can read.

// knownCodes are the codes of the case schema's code lists.
var knownCodes = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range schema.Columns {
		for _, code := range c.Codes {
			m[code] = true
		}
	}
	return m
}()

// codeColumns reports, for each column of r, whether it holds codes of a
// known code list: text whose every value (NULL aside, at least one) is
// such a code, so that a column is labelled whatever its name or alias.
func codeColumns(r *queries.ConsoleResult) []bool {
	out := make([]bool, len(r.Columns))
	for j := range r.Columns {
		if r.Numeric(j) {
			continue
		}
		seen := false
		out[j] = true
		for _, row := range r.Rows {
			if row[j] == nil {
				continue
			}
			s, ok := row[j].(string)
			if !ok || !knownCodes[s] {
				out[j] = false
				break
			}
			seen = true
		}
		out[j] = out[j] && seen
	}
	return out
}

// displayValue is v as the console shows it when not raw: a code by its
// label, a number formatted for lang. NULL is the caller's.
func displayValue(v any, code, numeric bool, lang i18n.Lang) string {
	switch x := v.(type) {
	case string:
		if code {
			return schema.Label(x, lang)
		}
		if numeric {
			return decimalText(x, lang)
		}
	case int64:
		return i18n.Int(x, lang)
	case uint64:
		if x <= math.MaxInt64 {
			return i18n.Int(int64(x), lang)
		}
	case float64:
		switch {
		case math.IsNaN(x) || math.IsInf(x, 0) || math.Abs(x) >= 1e15:
		case x == math.Trunc(x):
			return i18n.Float(x, 0, lang)
		case math.Abs(x) >= 1:
			return i18n.Float(x, 2, lang)
		default:
			return i18n.Float(x, 4, lang)
		}
	}
	return queries.FormatConsoleValue(v)
}

// decimalText formats a DECIMAL or a huge integer that DuckDB returned as
// text ("-1234567.50") for lang, keeping every digit.
func decimalText(s string, lang i18n.Lang) string {
	neg := strings.HasPrefix(s, "-")
	whole, frac, hasFrac := strings.Cut(strings.TrimPrefix(s, "-"), ".")
	if whole == "" || strings.Trim(whole, "0123456789") != "" || strings.Trim(frac, "0123456789") != "" {
		return s
	}
	th, dec := ",", "."
	if lang == i18n.DE {
		th, dec = ".", ","
	}
	var b strings.Builder
	if neg {
		b.WriteString("−")
	}
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(th)
		}
		b.WriteRune(r)
	}
	if hasFrac {
		b.WriteString(dec + frac)
	}
	return b.String()
}
