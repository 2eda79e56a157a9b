package sshserver

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// The server trusts two files it did not write itself: the authorized-keys
// file (who may log in, with which role) and the host key (who the server
// is). Someone who can replace the first can let themselves in; someone
// who can read the second can pose as the server. So, as OpenSSH's
// StrictModes does, both are refused unless their owner alone controls
// them (docs/ssh.md, "Key files").

// UnsafeFileError is a key file (or the directory holding it) that others
// than its owner could change or read.
type UnsafeFileError struct {
	Path   string
	Reason string
}

func (e *UnsafeFileError) Error() string { return e.Path + ": " + e.Reason }

// writableByOthers are the mode bits that let group or others change a
// file, or add and replace files in a directory.
const writableByOthers = 0o022

// checkAuthorizedKeysPlace refuses an authorized-keys file (fi, from the
// open file) that is not a regular file, that group or others may write,
// or that belongs to someone else than the server's user or root, and
// the same for the directory it is in (where others could replace it).
func checkAuthorizedKeysPlace(path string, fi os.FileInfo) error {
	if !fi.Mode().IsRegular() {
		return &UnsafeFileError{Path: path, Reason: "not a regular file"}
	}
	if err := checkControlledByOwner(path, fi, "chmod go-w"); err != nil {
		return err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	dir := filepath.Dir(abs)
	di, err := os.Stat(dir)
	if err != nil {
		return err
	}
	return checkControlledByOwner(dir, di, "chmod go-w")
}

// checkControlledByOwner refuses a file or directory that group or others
// may write or that belongs to neither the server's user nor root.
func checkControlledByOwner(path string, fi os.FileInfo, fix string) error {
	if perm := fi.Mode().Perm(); perm&writableByOthers != 0 {
		return &UnsafeFileError{Path: path, Reason: fmt.Sprintf("mode %#o lets others than its owner change it (%s %s)", perm, fix, path)}
	}
	if uid, ok := ownerOf(fi); ok && uid != os.Geteuid() && uid != 0 {
		return &UnsafeFileError{Path: path, Reason: fmt.Sprintf("owned by uid %d, neither the server's user (uid %d) nor root", uid, os.Geteuid())}
	}
	return nil
}

// checkHostKeyFile refuses a host key file (fi) that group or others may
// read or write, or that another user owns.
func checkHostKeyFile(path string, fi os.FileInfo) error {
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		return &UnsafeFileError{Path: path, Reason: fmt.Sprintf("permissions %#o are too open; the private key must be readable by its owner only (chmod 600 %s)", perm, path)}
	}
	if uid, ok := ownerOf(fi); ok && uid != os.Geteuid() {
		return &UnsafeFileError{Path: path, Reason: fmt.Sprintf("owned by uid %d, not by the server's user (uid %d): the private key must be the server's own (chown)", uid, os.Geteuid())}
	}
	return nil
}

// ownerOf returns the uid owning fi; false where the system does not say.
func ownerOf(fi os.FileInfo) (int, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, false
	}
	return int(st.Uid), true
}
