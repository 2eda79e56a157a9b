package importer

import (
	"context"
	"fmt"
	"os"
	"time"
)

// Two imports into one store at once would each build a new store from
// the same old one, and the second rename would drop the first import's
// cases without a word. ImportToStore therefore holds an OS file lock
// (flock(2) on Unix) on a lock file next to the store, LockSuffix appended
// to its path, for the whole import: a second import waits until the
// first has finished and then builds on its result. The kernel releases
// the lock when its holder exits, so a killed import leaves no stale lock;
// the lock file itself (empty) stays.

// LockSuffix is appended to a store's path to name its lock file.
const LockSuffix = ".lock"

// lockPoll is how often a waiting import tries the lock again.
const lockPoll = 100 * time.Millisecond

// lockStore takes the import lock of the store file dbPath, waiting while
// another import holds it (calling notice once when it starts to wait)
// until ctx ends. unlock releases it.
func lockStore(ctx context.Context, dbPath string, notice func(string)) (unlock func(), err error) {
	path := dbPath + LockSuffix
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("import lock: %w", err)
	}
	unlock = func() { f.Close() } // closing the file releases the lock
	waiting := false
	for {
		ok, err := tryLock(f)
		if err != nil {
			unlock()
			return nil, fmt.Errorf("import lock %s: %w", path, err)
		}
		if ok {
			return unlock, nil
		}
		if !waiting {
			waiting = true
			notice(fmt.Sprintf("another import into %s is running; waiting for it to finish", dbPath))
		}
		select {
		case <-ctx.Done():
			unlock()
			return nil, fmt.Errorf("waiting for another import into %s: %w", dbPath, ctx.Err())
		case <-time.After(lockPoll):
		}
	}
}
