package importer

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// An import killed before it could clean up (kill -9, power loss) leaves
// its new store beside the old one: dbPath + ".importing-<16 hex>", maybe
// with its write-ahead log (".wal") and DuckDB's spill directory
// (".tmp"). They hold record-level data, so the next import into the same
// store removes them, under the import lock (no running import can own
// them then), and says so.

// importingTag is what ImportToStore puts between the store's name and
// the random hex of its new store.
const importingTag = ".importing-"

// importingHexLen is the length of that random hex.
const importingHexLen = 16

// removeLeftovers removes what killed imports into dbPath left behind and
// returns the names it removed.
func removeLeftovers(dbPath string) ([]string, error) {
	dir, base := filepath.Split(dbPath)
	if dir == "" {
		dir = "."
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("looking for leftovers of earlier imports: %w", err)
	}
	var removed []string
	for _, e := range entries {
		name := e.Name()
		if !isLeftover(base, name) {
			continue
		}
		if err := os.RemoveAll(filepath.Join(dir, name)); err != nil {
			return removed, fmt.Errorf("removing a leftover of an earlier import: %w", err)
		}
		removed = append(removed, name)
	}
	return removed, nil
}

// isLeftover tells whether name is a file ImportToStore makes beside the
// store named base.
func isLeftover(base, name string) bool {
	rest, ok := strings.CutPrefix(name, base+importingTag)
	if !ok || len(rest) < importingHexLen || !isLowerHex(rest[:importingHexLen]) {
		return false
	}
	switch rest[importingHexLen:] {
	case "", ".wal", ".tmp":
		return true
	}
	return false
}
