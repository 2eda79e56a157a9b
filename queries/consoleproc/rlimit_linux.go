package consoleproc

import "syscall"

// ApplyMemoryCap sets the process's data limit (RLIMIT_DATA, soft and
// hard, so the process cannot raise it again) to the bytes MemoryCapEnv
// names, if it names any. A program calls it first thing, before it opens
// DuckDB: an allocation beyond the cap then fails in this process, and no
// other process (the server) notices.
//
// RLIMIT_DATA rather than RLIMIT_AS: since Linux 4.7 it counts the
// private writable mappings, i.e. memory the process can actually fill
// (heap, anonymous mmap), but not the address space that the Go runtime
// and glibc's malloc arenas reserve without using it. A worker reserves
// about 1.9 GB of address space to run SELECT 1 with 77 MB resident, so an
// address-space cap would have to be set far above what it should allow.
func ApplyMemoryCap() error {
	c, err := MemoryCapFromEnv()
	if err != nil || c == 0 {
		return err
	}
	lim := syscall.Rlimit{Cur: uint64(c), Max: uint64(c)}
	return syscall.Setrlimit(syscall.RLIMIT_DATA, &lim)
}
