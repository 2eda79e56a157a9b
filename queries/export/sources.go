package export

import (
	"strings"

	"lagebild/datasets/figures"
	"lagebild/internal/i18n"
)

// sourceOf describes a publication for the list of sources with
// figures.PublicationOf: the publisher as the figures data writes it
// ("BfV: Verfassungsschutzbericht 2024" → "BfV") and the publication date
// (YYYY-MM-DD, or YYYY-MM when only the month is known; "" when the title
// and address state none). Title stays whole, as the figures data writes
// it, so that a key figure finds its source by title and address.
func sourceOf(title, ref string) SourceJSON {
	p := figures.PublicationOf(title, ref)
	return SourceJSON{Publisher: p.Publisher, Title: title, Date: p.Date.ISO(), Ref: ref}
}

// sourceDateText is a source's publication date for people, in the
// language ("10.06.2025", "10 Jun 2025"); "" when unknown.
func sourceDateText(s SourceJSON, lang i18n.Lang) string {
	return figures.PublicationOf(s.Title, s.Ref).Date.Format(lang)
}

// sourceLine writes a source in full: title, date and address (a
// Markdown link when md). A title that already states the date in the
// language's form ("… (10.06.2025)" in German) is not followed by it
// again.
func sourceLine(s SourceJSON, lang i18n.Lang, md bool) string {
	text := s.Title
	if md {
		text = mdEscape(text)
	}
	if d := sourceDateText(s, lang); d != "" && !strings.Contains(s.Title, d) {
		text += ", " + d
	}
	switch {
	case s.Ref == "":
		return text
	case md:
		return text + " — <" + s.Ref + ">"
	}
	return text + " <" + s.Ref + ">"
}
