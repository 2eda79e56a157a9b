package importer

import (
	"testing"

	"pgregory.net/rapid"
)

// The compact idSet behaves like a plain map from id to first location,
// across files, stored ids and table growth.
func TestIDSetMatchesMap(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := newIDSet()
		type loc struct {
			file, line int
			stored     bool
		}
		ref := map[idKey]loc{}
		// Few distinct ids so that duplicates are common; some keys that
		// share their first bytes, against weak hashing.
		pool := rapid.SliceOfN(rapid.Uint16(), 1, 3000).Draw(t, "pool")
		key := func(i int) idKey {
			var k idKey
			k[15] = byte(pool[i%len(pool)])
			k[14] = byte(pool[i%len(pool)] >> 8)
			return k
		}
		stored := rapid.IntRange(0, 50).Draw(t, "stored")
		for i := 0; i < stored; i++ {
			k := key(rapid.IntRange(0, 1<<20).Draw(t, "sk"))
			_, _, _, dup := s.add(k, 0)
			if _, ok := ref[k]; ok != dup {
				t.Fatalf("stored id: dup=%v, map says %v", dup, ok)
			}
			if !dup {
				ref[k] = loc{stored: true}
			}
		}
		files := rapid.IntRange(1, 4).Draw(t, "files")
		for f := 0; f < files; f++ {
			s.startFile(f)
			n := rapid.IntRange(0, 2000).Draw(t, "n")
			for line := 2; line < n+2; line++ {
				k := key(rapid.IntRange(0, 1<<20).Draw(t, "k"))
				pf, pl, st, dup := s.add(k, line)
				want, ok := ref[k]
				if ok != dup {
					t.Fatalf("file %d line %d: dup=%v, map says %v", f, line, dup, ok)
				}
				if !dup {
					ref[k] = loc{file: f, line: line}
					continue
				}
				if got := (loc{pf, pl, st}); got != want && !(want.stored && st) {
					t.Fatalf("first seen at %+v, map says %+v", got, want)
				}
			}
		}
		if s.len() != len(ref) {
			t.Fatalf("len %d, map %d", s.len(), len(ref))
		}
	})
}
