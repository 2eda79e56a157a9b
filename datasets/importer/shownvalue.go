package importer

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// An error message repeats a bad value so that the provider finds and
// fixes it, but a message is copied into tickets, mails and logs, so it
// shows no more of the value than that: at most shownValueLen characters,
// and nothing at all of a value that looks like personal data (a full
// date, which may be a date of birth; a name; an e-mail address; a long
// number such as a phone or ID number). The file, line and column in
// front of the message say where the value is.

// shownValueLen is the most characters of a value (or header) a message
// repeats; a longer one is cut and ends in "…".
const shownValueLen = 40

// shownValue renders v for a message: `value "…"`, cut to shownValueLen
// characters, or a note in its place when v looks like personal data.
func shownValue(v string) string {
	if why := personalDataLike(v); why != "" {
		return "value not shown (" + why + ")"
	}
	return fmt.Sprintf("value %q", shortened(v))
}

// shortened cuts s to shownValueLen characters, marking the cut with "…";
// invalid UTF-8 is cut by bytes.
func shortened(s string) string {
	if utf8.RuneCountInString(s) <= shownValueLen {
		return s
	}
	n := 0
	for i := range s {
		if n == shownValueLen {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

var (
	// fullDate is a date with a day: 17.05.1990, 17/5/90, 1990-05-17.
	fullDate = regexp.MustCompile(`(^|[^0-9])([0-9]{1,2}[./-][0-9]{1,2}[./-]([0-9]{4}|[0-9]{2})|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2})([^0-9]|$)`)
	// longNumber is a run of seven or more digits (phone, ID, account
	// numbers; a case key such as T01-2014-00001 has shorter runs).
	longNumber = regexp.MustCompile(`[0-9]{7,}`)
	// email is something@domain.
	email = regexp.MustCompile(`[^@\s]+@[^@\s]+\.[^@\s]+`)
)

// personalDataLike says why v may be personal data ("" if it does not
// look like any): values of the schema are short codes, months and small
// numbers, so none of these ever hides a value the provider needs to see.
func personalDataLike(v string) string {
	switch {
	case fullDate.MatchString(v):
		return "a full date, perhaps a date of birth"
	case email.MatchString(v):
		return "it looks like an e-mail address"
	case longNumber.MatchString(v):
		return "a long number, perhaps a phone or ID number"
	case capitalisedWords(v) >= 2:
		return "it looks like a name"
	}
	return ""
}

// capitalisedWords counts the words of v written like names: an
// upper-case letter followed by lower-case ones ("Max Mustermann",
// "Meier, Anna"; not codes such as DE-BW).
func capitalisedWords(v string) int {
	n := 0
	for _, w := range strings.FieldsFunc(v, func(r rune) bool { return !unicode.IsLetter(r) }) {
		r, size := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) && strings.IndexFunc(w[size:], unicode.IsLower) >= 0 {
			n++
		}
	}
	return n
}

// headerLabel names the header h at record position p for a message: h
// itself (cut by FieldError.Error), or "(column N)" when h looks like
// personal data, as when the first data line stands where the header
// should be.
func headerLabel(h string, p int) string {
	if personalDataLike(h) != "" {
		return fmt.Sprintf("(column %d)", p+1)
	}
	return h
}
