//go:build !linux

package consoleproc

// ApplyMemoryCap does nothing outside Linux: the worker still runs in a
// process of its own and is killed at its deadline, but its memory is
// bounded by DuckDB's memory_limit only (docs/privacy.md, the console section).
func ApplyMemoryCap() error {
	_, err := MemoryCapFromEnv()
	return err
}
