package figures

import "strconv"

// Merge combines sets of figures, typically Embedded() followed by the user's
// figures files in command-line order (--figures FILE, repeatable).
//
// A figure whose (year, indicator, phenomenon) already occurs in an earlier
// set replaces it: the later set wins, so a user file can correct or update
// an embedded number. The replacement takes the place of the figure it
// replaces; figures with a new key follow in the order they come. Each
// figure keeps its File and Line, so the origin of every number stays
// visible.
//
// Every figure is validated again by the rules of Load (sets built in code
// get no shortcut), and a key that occurs twice within one set is an error.
// Problems are returned together as a *LoadError and no figures.
func Merge(sets ...[]Figure) ([]Figure, error) {
	var errs LoadError
	var out []Figure
	pos := map[Key]int{}
	for _, set := range sets {
		seen := dupChecker{}
		for _, f := range set {
			if _, keyOK, ok := validateRow(rowOf(f), &errs); !keyOK || !ok {
				continue
			}
			k := f.Key()
			if seen.check(k, f.File, f.Line, &errs) {
				continue
			}
			if i, ok := pos[k]; ok {
				out[i] = f
				continue
			}
			pos[k] = len(out)
			out = append(out, f)
		}
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	return out, nil
}

// rowOf turns a figure back into text for validateRow.
func rowOf(f Figure) rawRow {
	r := rawRow{file: f.File, line: f.Line}
	r.fields = [numCols]string{
		strconv.Itoa(f.Year), f.Indicator, f.Phenomenon,
		strconv.FormatFloat(f.Value, 'f', -1, 64), f.Unit,
		f.Source, f.SourceRef, f.Note, f.Quote,
	}
	for c := range r.lines {
		r.lines[c] = f.Line
	}
	return r
}

// EmbeddedWith returns the embedded figures merged with the user's figures
// files in command-line order (--figures FILE, repeatable); see Merge.
func EmbeddedWith(files []string) ([]Figure, error) {
	sets := [][]Figure{Embedded()}
	for _, f := range files {
		s, err := LoadFile(f)
		if err != nil {
			return nil, err
		}
		sets = append(sets, s)
	}
	return Merge(sets...)
}
