package sshserver

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"time"

	"lagebild/datasets/sample"
	"lagebild/queries"
)

// storeOpener returns how the server opens its store: the configured
// OpenStore, the embedded sample, or the store file.
//
// A replaced store file cannot simply be opened again by its path while
// the previous one is still open: duckdb-go keeps one database instance
// per canonical path in the process (its instance cache), so opening the
// same path would return the old instance, on the old file. A new
// generation is therefore opened through a name of its own: a hard link
// next to the store (removed right after the open; DuckDB keeps the file
// open), or, where the server may not write there, a private copy in the
// temporary directory (also removed after the open).
func storeOpener(cfg Config, log func(string, ...any)) func(ctx context.Context, first bool) (*queries.Store, fileID, error) {
	if cfg.OpenStore != nil {
		return func(ctx context.Context, _ bool) (*queries.Store, fileID, error) {
			var id fileID
			if cfg.DBPath != "" {
				id, _ = statID(cfg.DBPath)
			}
			st, err := cfg.OpenStore(ctx)
			return st, id, err
		}
	}
	if cfg.DBPath == "" {
		return func(ctx context.Context, _ bool) (*queries.Store, fileID, error) {
			st, err := queries.Open(ctx, queries.OpenOptions{SDC: cfg.SDC, Fill: sample.Fill(nil)})
			return st, fileID{}, err
		}
	}
	path := cfg.DBPath
	return func(ctx context.Context, first bool) (*queries.Store, fileID, error) {
		var built time.Time
		opts := queries.OpenOptions{Path: path, SDC: cfg.SDC, Cube: queries.CubeBuild, WarmCube: true,
			OnCubeBuild: func(cases int64) {
				built = time.Now()
				log("building the cube file, once for this data", "cases", cases, "path", queries.CubeFile(path))
			},
			OnCubeProgress: func(done, total int) {
				if done == total {
					log("cube file built", "path", queries.CubeFile(path), "seconds", math.Round(time.Since(built).Seconds()*10)/10)
				}
			}}
		if first {
			id, err := statID(path)
			if err != nil {
				return nil, id, err
			}
			st, err := queries.Open(ctx, opts)
			return st, id, err
		}
		alias, id, cleanup, err := aliasStoreFile(path)
		if err != nil {
			return nil, id, err
		}
		defer cleanup()
		if filepath.Dir(alias) != filepath.Dir(path) {
			log("store replaced: no hard link possible next to it, opening a private copy", "path", path)
		}
		// The alias's cube file would be built beside it and left behind.
		opts.Path, opts.Cube = alias, queries.CubeOff
		st, err := queries.Open(ctx, opts)
		return st, id, err
	}
}

// linkFile is os.Link (tests replace it to exercise the copy).
var linkFile = os.Link

// aliasStoreFile gives the store file a second, unique name and returns
// it, the identity of the file it names and the function that removes it.
func aliasStoreFile(path string) (string, fileID, func(), error) {
	var b [8]byte
	_, _ = rand.Read(b[:])
	tag := hex.EncodeToString(b[:])
	alias := filepath.Join(filepath.Dir(path), ".lagebild-serve-"+tag+".db")
	if err := linkFile(path, alias); err == nil {
		id, err := statID(alias)
		if err != nil {
			os.Remove(alias)
			return "", id, nil, err
		}
		return alias, id, func() { os.Remove(alias) }, nil
	}
	dir, err := os.MkdirTemp("", "lagebild-serve-")
	if err != nil {
		return "", fileID{}, nil, fmt.Errorf("opening the replaced store: %w", err)
	}
	cleanup := func() { os.RemoveAll(dir) }
	src, err := os.Open(path)
	if err != nil {
		cleanup()
		return "", fileID{}, nil, err
	}
	defer src.Close()
	fi, err := src.Stat()
	if err != nil {
		cleanup()
		return "", fileID{}, nil, err
	}
	id := idOf(fi)
	alias = filepath.Join(dir, "store-"+tag+".db")
	dst, err := os.OpenFile(alias, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		cleanup()
		return "", id, nil, err
	}
	_, err = io.Copy(dst, src)
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		cleanup()
		return "", id, nil, fmt.Errorf("copying the replaced store: %w", err)
	}
	return alias, id, cleanup, nil
}
