package benchdata

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// dataSources are the packages whose code decides what the cached files
// hold: the generator, the importer, the store's layout, the code lists
// and the public figures that a new store embeds.
var dataSources = []string{
	"datasets/synth", "datasets/importer", "datasets/store", "datasets/schema", "datasets/figures",
}

var (
	fpOnce sync.Once
	fp     string
	fpErr  error
)

// Fingerprint is a short hash of the source files of dataSources (tests
// and testdata left out). It is part of every cached file's name, so that
// any change to how the data is made – a new column written by the
// importer without a new store.SchemaVersion, another distribution of the
// generator – builds new files instead of benchmarking stale ones.
func Fingerprint(tb testing.TB) string {
	tb.Helper()
	fpOnce.Do(func() {
		var root string
		if root, fpErr = moduleRoot(); fpErr == nil {
			fp, fpErr = fingerprint(root)
		}
	})
	if fpErr != nil {
		tb.Fatalf("benchdata: fingerprint of the data sources: %v", fpErr)
	}
	return fp
}

func fingerprint(root string) (string, error) {
	h := sha256.New()
	for _, dir := range dataSources {
		err := filepath.WalkDir(filepath.Join(root, dir), func(path string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
				return err
			case d.IsDir() && d.Name() == "testdata":
				return filepath.SkipDir
			case !d.Type().IsRegular() || strings.HasSuffix(d.Name(), "_test.go"):
				return nil
			}
			rel, err := filepath.Rel(root, path)
			if err != nil {
				return err
			}
			f, err := os.Open(path)
			if err != nil {
				return err
			}
			defer f.Close()
			io.WriteString(h, filepath.ToSlash(rel)+"\x00")
			n, err := io.Copy(h, f)
			h.Write([]byte{byte(n), byte(n >> 8), byte(n >> 16), byte(n >> 24), 0})
			return err
		})
		if err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:10], nil
}
