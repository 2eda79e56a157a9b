package export

import "strings"

// sourceOf describes a publication for the list of sources: the
// publisher is the part of the title before its first ": " ("BfV:
// Verfassungsschutzbericht 2024" → "BfV"), as the figures data writes
// titles; date is the publication date when the data has one.
func sourceOf(title, ref, date string) SourceJSON {
	publisher, _, ok := strings.Cut(title, ": ")
	if !ok {
		publisher = ""
	}
	return SourceJSON{Publisher: publisher, Title: title, Date: date, Ref: ref}
}

// sourceLine writes a source in full: title, date and address (a
// Markdown link when md).
func sourceLine(s SourceJSON, md bool) string {
	text := s.Title
	if md {
		text = mdEscape(text)
	}
	if s.Date != "" {
		text += ", " + s.Date
	}
	switch {
	case s.Ref == "":
		return text
	case md:
		return text + " — <" + s.Ref + ">"
	}
	return text + " <" + s.Ref + ">"
}
