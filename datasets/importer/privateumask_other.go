//go:build !unix

package importer

// privateUmask does nothing where there is no umask; the finished store
// is still made 0600 (an owner-only file) before it replaces the old one.
func privateUmask() (restore func()) { return func() {} }
