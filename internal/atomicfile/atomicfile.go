// Package atomicfile replaces a file so that no reader ever sees a part of
// it: the data goes to a hidden temporary file beside the target, is
// synced, gets its mode and is renamed over the target. A crash leaves the
// old file or the new one, never a half-written one.
package atomicfile

import (
	"os"
	"path/filepath"
)

// Write replaces path with data, with the file mode perm.
func Write(path string, data []byte, perm os.FileMode) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			os.Remove(tmp)
		}
	}()
	if err = f.Chmod(perm); err != nil {
		f.Close()
		return err
	}
	if _, err = f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err = f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
