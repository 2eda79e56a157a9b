//go:build unix

package importer

import (
	"sync"
	"syscall"
)

// The files an import makes hold record-level data: the new store and
// DuckDB's write-ahead log and spill files beside it. DuckDB creates them
// itself with the process's umask (0644 under the usual 022), so for the
// duration of an import the umask also masks every group and other bit:
// they are created 0600 (directories 0700). The umask belongs to the
// whole process, so overlapping imports share one change, undone when the
// last one ends.
var umaskState struct {
	sync.Mutex
	holders int
	saved   int
}

// privateUmask makes new files private to their owner until restore.
func privateUmask() (restore func()) {
	umaskState.Lock()
	defer umaskState.Unlock()
	if umaskState.holders == 0 {
		old := syscall.Umask(0o077)
		syscall.Umask(old | 0o077)
		umaskState.saved = old
	}
	umaskState.holders++
	return sync.OnceFunc(func() {
		umaskState.Lock()
		defer umaskState.Unlock()
		umaskState.holders--
		if umaskState.holders == 0 {
			syscall.Umask(umaskState.saved)
		}
	})
}
