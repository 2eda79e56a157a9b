package figures

import (
	"slices"
	"strings"
)

// Figure is one published number.
type Figure struct {
	Year       int
	Indicator  string // code, see Indicators
	Phenomenon string // code, see Phenomena
	Value      float64
	Unit       string // code, see Units
	Source     string // title of the publication
	SourceRef  string // web address or citation of the publication
	Note       string // caveats, kept verbatim; see Flags
	// Quote is the snippet of the source the number was read from; empty
	// when the file has no quote column.
	Quote string
	// File and Line say where the figure was read: the file name given to
	// Load (EmbeddedFile for the embedded set) and the physical line number
	// of the row (the header is line 1).
	File string
	Line int
}

// Key identifies a figure: there is at most one value per year, indicator
// and phenomenon in a load, and Merge replaces figures by this key.
type Key struct {
	Year       int
	Indicator  string
	Phenomenon string
}

// Key returns the figure's (year, indicator, phenomenon).
func (f Figure) Key() Key {
	return Key{Year: f.Year, Indicator: f.Indicator, Phenomenon: f.Phenomenon}
}

// Markers returned by Figure.Flags.
const (
	FlagSeriesBreak = "series break"
	FlagWeakSource  = "weak source"
	FlagApprox      = "approx."
	FlagPreliminary = "preliminary"
)

// flagRules maps each marker to the note phrases (lower case) that set it,
// in the order Flags reports them.
var flagRules = []struct {
	flag    string
	phrases []string
}{
	{FlagSeriesBreak, []string{"series break", "counting method"}},
	{FlagWeakSource, []string{"weak source", "weaker source", "low confidence", "not yet reliable"}},
	{FlagApprox, []string{"approx", "rounded", "etwa"}},
	{FlagPreliminary, []string{"preliminary"}},
}

// Flags returns short markers derived from the note and the quote, so that
// the caveats stay visible next to the number even where the note itself
// does not fit:
//
//   - "series break": the note mentions a series break or a changed counting
//     method; do not compare across the break.
//   - "weak source": "weak source", "weaker source", "low confidence" or
//     "not yet reliable".
//   - "approx.": the note says "approx", "rounded" or "etwa", or the quote
//     qualifies the value itself ("rund 33.900", "ca. 500", "mehr als 1.000";
//     see quoteQualifies) — the value is rounded or an estimate.
//   - "preliminary": a preliminary figure that was later revised or final.
//
// Matching ignores case. The markers come in this order; Flags returns nil
// when none applies. FlagLabel translates a marker.
func (f Figure) Flags() []string {
	note := strings.ToLower(f.Note)
	var flags []string
	for _, r := range flagRules {
		for _, p := range r.phrases {
			if note != "" && strings.Contains(note, p) {
				flags = append(flags, r.flag)
				break
			}
		}
		if r.flag == FlagApprox && !slices.Contains(flags, FlagApprox) && quoteQualifies(f.Quote, f.Value, f.Unit) {
			flags = append(flags, FlagApprox)
		}
	}
	return flags
}

var flagLabelsDE = map[string]string{
	FlagSeriesBreak: "Zeitreihenbruch",
	FlagWeakSource:  "schwache Quelle",
	FlagApprox:      "ca.",
	FlagPreliminary: "vorläufig",
}

// FlagLabel returns the marker in the language lang ("de…" for German,
// anything else English); an unknown marker is returned unchanged.
func FlagLabel(flag, lang string) string {
	if german(lang) {
		if l, ok := flagLabelsDE[flag]; ok {
			return l
		}
	}
	return flag
}
