//go:build unix

package importer

import "syscall"

// mapIDMemory maps n bytes of anonymous memory (zeroed, page-aligned),
// outside the Go heap; if the system refuses, it takes them from the heap.
func mapIDMemory(n int) []byte {
	b, err := syscall.Mmap(-1, 0, n, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return make([]byte, n)
	}
	return b
}

// unmapIDMemory gives back a block of mapIDMemory (one taken from the
// heap is left to the collector).
func unmapIDMemory(b []byte) {
	syscall.Munmap(b)
}
