//go:build !unix

package benchdata

// lock does nothing where flock(2) is missing: concurrent builders then
// may both build, and the atomic rename still keeps every file whole.
func lock(string) (unlock func(), err error) { return func() {}, nil }
