//go:build !unix

package importer

// mapIDMemory takes n bytes from the Go heap where there is no mmap.
func mapIDMemory(n int) []byte { return make([]byte, n) }

// unmapIDMemory leaves the block to the collector.
func unmapIDMemory([]byte) {}
