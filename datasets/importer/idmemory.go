package importer

import "unsafe"

// idMemory holds the storage of an idSet outside the Go heap where the
// system allows (mapIDMemory). The set is the one structure of an import
// that grows with its rows (20 bytes and a table slot per case id), and
// it lives through the whole import: on the Go heap, the collector lets
// the heap grow to twice everything live before it runs, so at 10M cases
// the set's 264 MB cost twice that in resident memory
// (docs/performance.md, "Import"); outside the heap they cost themselves.
// The set holds no Go pointers, so the collector need not see it.
type idMemory struct {
	blocks [][]byte
}

// alloc returns n zeroed bytes, aligned for uint32 and idKey.
func (m *idMemory) alloc(n int) []byte {
	b := mapIDMemory(n)
	m.blocks = append(m.blocks, b)
	return b
}

// free gives back one block of alloc (a table the set outgrew).
func (m *idMemory) free(b []byte) {
	for i, x := range m.blocks {
		if unsafe.SliceData(x) == unsafe.SliceData(b) {
			unmapIDMemory(x)
			m.blocks = append(m.blocks[:i], m.blocks[i+1:]...)
			return
		}
	}
}

// release gives back every block.
func (m *idMemory) release() {
	for _, b := range m.blocks {
		unmapIDMemory(b)
	}
	m.blocks = nil
}

// newIDChunk places an idChunk in m.
func (m *idMemory) newIDChunk() *idChunk {
	b := m.alloc(int(unsafe.Sizeof(idChunk{})))
	return (*idChunk)(unsafe.Pointer(unsafe.SliceData(b)))
}

// newTable places a table of n slots in m.
func (m *idMemory) newTable(n int) []uint32 {
	b := m.alloc(n * 4)
	return unsafe.Slice((*uint32)(unsafe.Pointer(unsafe.SliceData(b))), n)
}

// freeTable gives back a table of newTable.
func (m *idMemory) freeTable(t []uint32) {
	if len(t) > 0 {
		m.free(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(t))), len(t)*4))
	}
}
