package main

import (
	"flag"
	"strings"
)

// This file finds a mistyped flag before the flag package does, so that
// the message can name the flag meant ("-fromat": did you mean --format?).
// The flag package reports an undefined flag only as text; lagebild
// decides on its own reading of the arguments instead.

// unknownFlag returns the first flag in args that fs does not define, as
// typed ("-fromat"), and its name without dashes; "" if there is none. It
// reads args as fs.Parse does: it stops at the first argument that is not
// a flag and at "--", and a flag that is not boolean takes the next
// argument as its value unless it has "=value".
func unknownFlag(fs *flag.FlagSet, args []string) (typed, name string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if len(a) < 2 || a[0] != '-' || a == "--" {
			return "", ""
		}
		n := strings.TrimLeft(a, "-")
		if len(a)-len(n) > 2 || n == "" {
			return "", "" // ---x and -- are the flag package's to report
		}
		n, _, hasValue := strings.Cut(n, "=")
		f := fs.Lookup(n)
		if f == nil {
			if n == "h" || n == "help" {
				return "", ""
			}
			return a, n
		}
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			continue
		}
		if !hasValue {
			i++ // its value
		}
	}
	return "", ""
}

// closestFlag returns the flag of fs nearest to name in edit distance
// (letters swapped count as one edit), or "" if none is near enough to be
// what was meant.
func closestFlag(fs *flag.FlagSet, name string) string {
	best, bestDist := "", 0
	fs.VisitAll(func(f *flag.Flag) {
		d := editDistance(strings.ToLower(name), f.Name)
		if best == "" || d < bestDist || (d == bestDist && f.Name < best) {
			best, bestDist = f.Name, d
		}
	})
	if best == "" || bestDist > max(1, len(name)/3) {
		return ""
	}
	return best
}

// editDistance is the optimal-string-alignment distance of a and b:
// insertions, deletions, substitutions and swaps of neighbours.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
