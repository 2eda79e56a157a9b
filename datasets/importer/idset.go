package importer

import (
	"encoding/binary"
	"runtime"
	"sort"
)

// idSet is the duplicate check of an import: it remembers every stored
// case id of the import and of the store it goes into, and where each was
// first seen. At a million cases it is the largest structure the importer
// holds in Go, so it is compact: 20 bytes per id (its 16-byte idKey and a
// 4-byte line) plus a 4-byte open-addressing slot at most 75 % full,
// against some 55 bytes per id in a Go map. Ids live in fixed-size chunks
// that are never copied as the set grows. Files are not stored per id but
// as the index of each file's first id. The ids and the table live
// outside the Go heap (idMemory) until release, or until the set is
// unreachable.
type idSet struct {
	mem        *idMemory
	chunks     []*idChunk
	n          int      // ids recorded
	fileStarts []int    // fileStarts[f]: index of file f's first id
	table      []uint32 // 1 + index of an id; 0 is an empty slot
}

const idChunkBits = 14

// idChunk holds 2^idChunkBits ids and their lines (0 for ids that were
// already in the store).
type idChunk struct {
	keys  [1 << idChunkBits]idKey
	lines [1 << idChunkBits]uint32
}

func newIDSet() *idSet {
	s := &idSet{mem: new(idMemory)}
	s.table = s.mem.newTable(1 << 12)
	runtime.AddCleanup(s, (*idMemory).release, s.mem)
	return s
}

// release gives back the set's memory at once: the set must not be used
// after it (nil is fine).
func (s *idSet) release() {
	if s == nil {
		return
	}
	s.mem.release()
	s.chunks, s.table = nil, nil
}

// at returns the id with index j and its line.
func (s *idSet) at(j int) (*idKey, *uint32) {
	c := s.chunks[j>>idChunkBits]
	o := j & (1<<idChunkBits - 1)
	return &c.keys[o], &c.lines[o]
}

// reserve sizes the table for n ids in all, so that it need not grow
// while they are added.
func (s *idSet) reserve(n int) {
	size := len(s.table)
	for size*3 < n*4 {
		size *= 2
	}
	if size > len(s.table) {
		s.rehash(size)
	}
}

// startFile marks the beginning of file f (files are added in order).
func (s *idSet) startFile(f int) {
	for len(s.fileStarts) <= f {
		s.fileStarts = append(s.fileStarts, s.n)
	}
}

// slot hashes a key to its first probe position. Pseudonyms are uniform
// already, but ids stored as given may not be, hence the mixing.
func (s *idSet) slot(k *idKey) uint64 {
	h := binary.LittleEndian.Uint64(k[:8]) ^ binary.LittleEndian.Uint64(k[8:])*0x9E3779B97F4A7C15
	h ^= h >> 31
	h *= 0xBF58476D1CE4E5B9
	h ^= h >> 29
	return h & uint64(len(s.table)-1)
}

// add records k at line of the current file (line 0: already stored).
// If k was seen before, it records nothing and returns where: the file
// index and line, or stored=true for an id already in the store.
func (s *idSet) add(k idKey, line int) (prevFile, prevLine int, stored, dup bool) {
	mask := uint64(len(s.table) - 1)
	i := s.slot(&k)
	for {
		e := s.table[i]
		if e == 0 {
			break
		}
		if key, _ := s.at(int(e - 1)); *key == k {
			f, l, st := s.where(int(e - 1))
			return f, l, st, true
		}
		i = (i + 1) & mask
	}
	if s.n>>idChunkBits == len(s.chunks) {
		s.chunks = append(s.chunks, s.mem.newIDChunk())
	}
	key, ln := s.at(s.n)
	*key, *ln = k, uint32(line)
	s.n++
	s.table[i] = uint32(s.n)
	if s.n*4 > len(s.table)*3 {
		s.rehash(2 * len(s.table))
	}
	return 0, 0, false, false
}

// rehash moves every id into a new table of the given size.
func (s *idSet) rehash(size int) {
	s.mem.freeTable(s.table)
	s.table = s.mem.newTable(size)
	mask := uint64(size - 1)
	for j := 0; j < s.n; j++ {
		key, _ := s.at(j)
		i := s.slot(key)
		for s.table[i] != 0 {
			i = (i + 1) & mask
		}
		s.table[i] = uint32(j + 1)
	}
}

// where locates the id at index j.
func (s *idSet) where(j int) (file, line int, stored bool) {
	f := sort.Search(len(s.fileStarts), func(f int) bool { return s.fileStarts[f] > j }) - 1
	if f < 0 {
		return 0, 0, true
	}
	_, ln := s.at(j)
	return f, int(*ln), false
}

// len returns the number of ids recorded.
func (s *idSet) len() int { return s.n }
