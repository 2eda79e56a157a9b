package figures

import "strings"

// suggest returns the known code closest to s if it is plausibly a typo
// (same after normalising case, spaces and hyphens, or at most two edits
// away), else "".
func suggest(s string, known []string) string {
	norm := strings.NewReplacer(" ", "_", "-", "_").Replace(strings.ToLower(s))
	best, bestDist := "", 3
	for _, k := range known {
		if norm == k {
			return k
		}
		if d := editDistance(norm, k); d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance of a and b, counted in bytes
// (codes are ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
