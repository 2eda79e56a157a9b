package sshserver

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	gossh "golang.org/x/crypto/ssh"
)

// fileID tells whether a file was replaced or changed: device, inode, size
// and modification time.
type fileID struct {
	dev, ino uint64
	size     int64
	mtime    int64
}

func statID(path string) (fileID, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return fileID{}, err
	}
	return idOf(fi), nil
}

func idOf(fi os.FileInfo) fileID {
	id := fileID{size: fi.Size(), mtime: fi.ModTime().UnixNano()}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		id.dev, id.ino = uint64(st.Dev), uint64(st.Ino)
	}
	return id
}

// LoadOrCreateHostKey returns the server's host key from path. If the file
// does not exist, a new Ed25519 key is written there with mode 0600
// (created exclusively, never over an existing file) and created is true.
// An existing key file that group or others may read, or that another
// user owns, is refused (*UnsafeFileError), as OpenSSH does.
func LoadOrCreateHostKey(path string) (signer gossh.Signer, created bool, err error) {
	if path == "" {
		return nil, false, errors.New("host key: no file given (--host-key FILE)")
	}
	b, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := createHostKey(path); err != nil {
			return nil, false, err
		}
		created = true
		if b, err = os.ReadFile(path); err != nil {
			return nil, false, fmt.Errorf("host key: %w", err)
		}
	case err != nil:
		return nil, false, fmt.Errorf("host key: %w", err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, false, fmt.Errorf("host key: %w", err)
	}
	if err := checkHostKeyFile(path, fi); err != nil {
		return nil, false, fmt.Errorf("host key %w", err)
	}
	signer, err = gossh.ParsePrivateKey(b)
	if err != nil {
		var missing *gossh.PassphraseMissingError
		if errors.As(err, &missing) {
			return nil, false, fmt.Errorf("host key %s: encrypted keys are not supported (the server starts unattended)", path)
		}
		return nil, false, fmt.Errorf("host key %s: %w", path, err)
	}
	return signer, created, nil
}

func createHostKey(path string) error {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return fmt.Errorf("host key: %w", err)
	}
	block, err := gossh.MarshalPrivateKey(priv, "lagebild serve host key")
	if err != nil {
		return fmt.Errorf("host key: %w", err)
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return fmt.Errorf("host key: %w", err)
		}
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("host key: %w", err)
	}
	// The umask cannot widen 0600, but make sure of the mode anyway.
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		os.Remove(path)
		return fmt.Errorf("host key: %w", err)
	}
	if err := pem.Encode(f, block); err != nil {
		f.Close()
		os.Remove(path)
		return fmt.Errorf("host key: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(path)
		return fmt.Errorf("host key: %w", err)
	}
	return f.Close()
}

// isNotSyncable reports an fsync error of a file that cannot be synced
// (a terminal or a pipe as the log output).
func isNotSyncable(err error) bool {
	return errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOTSUP)
}
