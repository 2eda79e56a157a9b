//go:build !unix

package importer

import "os"

// tryLock always succeeds where flock(2) is missing: concurrent imports
// into one store are then not coordinated (docs/privacy.md).
func tryLock(*os.File) (bool, error) { return true, nil }
