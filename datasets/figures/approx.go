package figures

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// qualifiers are the words that make a number approximate when they stand
// directly before it ("rund 33.900", "mehr als 1.000", "about 500"), in
// lower case.
var qualifiers = []string{
	"rund", "etwa", "circa", "zirka", "ca.", "rd.", "knapp", "über", "fast",
	"nahezu", "gut", "annähernd", "mehr als",
	"about", "around", "approximately", "roughly", "nearly", "almost", "more than",
}

// numberWords spell small values in quotes ("sechs versuchte
// Tötungsdelikte"); fractionWords spell shares ("rund ein Fünftel").
var (
	numberWords = map[int][]string{
		1: {"ein", "eine", "eins", "einen"}, 2: {"zwei", "two"}, 3: {"drei", "three"},
		4: {"vier", "four"}, 5: {"fünf", "five"}, 6: {"sechs", "six"}, 7: {"sieben", "seven"},
		8: {"acht", "eight"}, 9: {"neun", "nine"}, 10: {"zehn", "ten"}, 11: {"elf"},
		12: {"zwölf"}, 20: {"zwanzig"},
	}
	fractionWords = map[int][]string{20: {"ein fünftel"}, 25: {"ein viertel"}, 50: {"die hälfte"}}
)

// quoteQualifies reports whether the quote qualifies the value itself: the
// value occurs in it (digits in German, English or space grouping, or as a
// number word) directly after a qualifier such as "rund", "ca." or "mehr
// als". A qualifier before another number of the same quote ("um knapp 48
// Prozent auf 42.788") does not make the value approximate. This is the
// rule the embedded figures were curated by (their notes say "approx."
// wherever it holds, see TestQuoteQualifiersMatchNotes); it catches the
// same caveat in a user's file whose note forgot it.
func quoteQualifies(quote string, value float64, unit string) bool {
	if quote == "" {
		return false
	}
	q := strings.ToLower(quote)
	for _, form := range valueForms(value, unit) {
		word := !strings.ContainsAny(form[:1], "0123456789")
		for from := 0; ; {
			i := strings.Index(q[from:], form)
			if i < 0 {
				break
			}
			start, end := from+i, from+i+len(form)
			from = start + 1
			if word && (letterBefore(q, start) || letterAfter(q, end)) {
				continue
			}
			if !word && (numberBefore(q, start) || numberAfter(q, end)) {
				continue
			}
			if qualifiedAt(q, start) {
				return true
			}
		}
	}
	return false
}

// valueForms are the spellings of value that may occur in a quote.
func valueForms(value float64, unit string) []string {
	if value != float64(int64(value)) {
		s := strconv.FormatFloat(value, 'f', -1, 64)
		return []string{s, strings.ReplaceAll(s, ".", ",")}
	}
	n := int(value)
	s := strconv.Itoa(n)
	forms := []string{s}
	if n >= 1000 {
		var groups []string
		for len(s) > 3 {
			groups = append([]string{s[len(s)-3:]}, groups...)
			s = s[:len(s)-3]
		}
		groups = append([]string{s}, groups...)
		for _, sep := range []string{".", ",", " ", "\u00a0", "\u202f", "\u2009", "'"} {
			forms = append(forms, strings.Join(groups, sep))
		}
	}
	forms = append(forms, numberWords[n]...)
	if unit == UnitPercent {
		forms = append(forms, fractionWords[n]...)
	}
	return forms
}

// qualifiedAt reports whether a qualifier ends right before position i of
// the lower-case quote q, apart from spaces, and starts a word.
func qualifiedAt(q string, i int) bool {
	before := strings.TrimRightFunc(q[:i], unicode.IsSpace)
	for _, w := range qualifiers {
		if strings.HasSuffix(before, w) && !letterBefore(before, len(before)-len(w)) {
			return true
		}
	}
	return false
}

func letterBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return i > 0 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

func letterAfter(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return i < len(s) && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// numberBefore and numberAfter keep "1.000" from matching inside "21.000"
// or "1.000,5": a digit, or a separator followed by a digit, continues the
// number.
func numberBefore(s string, i int) bool {
	if i == 0 {
		return false
	}
	c := s[i-1]
	return c >= '0' && c <= '9' || c == '.' || c == ','
}

func numberAfter(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	c := s[i]
	if c >= '0' && c <= '9' {
		return true
	}
	return (c == '.' || c == ',') && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9'
}
