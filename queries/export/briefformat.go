package export

import (
	"fmt"
	"io"

	"lagebild/internal/i18n"
)

// BriefFormat names an output format of a briefing.
type BriefFormat string

// The formats of a briefing, as `lagebild brief --format` and the TUI's
// export spell them.
const (
	FormatMarkdown BriefFormat = "md"
	FormatCSV      BriefFormat = "csv"
	FormatJSON     BriefFormat = "json"
	FormatHTML     BriefFormat = "html"
	FormatXLSX     BriefFormat = "xlsx"
)

// BriefFormats are the formats in the order they are offered.
var BriefFormats = []BriefFormat{FormatMarkdown, FormatCSV, FormatJSON, FormatHTML, FormatXLSX}

// Write writes the briefing in the format; the file name extension of a
// format is its name.
func (b *Brief) Write(w io.Writer, format BriefFormat, lang i18n.Lang) error {
	switch format {
	case FormatMarkdown:
		return b.WriteMarkdown(w, lang)
	case FormatCSV:
		return b.WriteCSV(w)
	case FormatJSON:
		return b.WriteJSON(w, lang)
	case FormatHTML:
		return b.WriteHTML(w, lang)
	case FormatXLSX:
		return b.WriteXLSX(w, lang)
	}
	return fmt.Errorf("unknown briefing format %q", format)
}
