//go:build unix

package benchdata

import (
	"fmt"
	"os"
	"syscall"
)

// lock takes an exclusive advisory lock on the file path (created if
// needed), waiting for another holder. The kernel releases it when the
// holder exits, so a killed builder leaves no stale lock behind.
func lock(path string) (unlock func(), err error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, fmt.Errorf("locking %s: %w", path, err)
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
